//! One test per rule of SPEC.md §4: each starts from a valid demande, breaks one thing, and
//! expects the finding of that rule (so removing a rule fails its test).

use chrono::NaiveDate;
use rppsplus_core::demande::{Actor, Options, Report, Severity, Stage, validate_value};
use rppsplus_core::ids::Mode;
use serde_json::{Value, json};

/// The demande of SPEC.md §4, valid at 2026-11-22.
fn primo() -> Value {
    json!({
      "procedure": "primo_enregistrement", "numero": "P20220905011141", "rpps": null,
      "etat_civil": {"civilite": "MME", "sexe": "F", "nom_naissance": "DUPONT", "nom_usage": null,
        "prenoms": ["Nathalie"], "date_naissance": "1999-05-05", "pays_naissance": "99100",
        "commune_naissance": "13203", "lieu_naissance": null, "source": "saisie"},
      "contact": {"email": "nathalie.dupont@example.org", "telephone_mobile": "+33730494959"},
      "situation": {"id": null, "nom_exercice": "DUPONT", "prenom_exercice": "Nathalie",
        "structure": {"finess": "970405593"}, "profession": "326", "role": "GENR08", "mode_exercice": "S",
        "date_prise_fonction": "2022-05-02", "date_fin_fonction": null, "motif_fin": null},
      "confirmations": {"cgu_acceptees": true, "rencontre_en_personne": true}
    })
}

/// A valid demande of another procedure, for a registered person.
fn registered(procedure: &str, situation: Value) -> Value {
    json!({"procedure": procedure, "rpps": "10107985318", "situation": situation})
}

fn options() -> Options {
    Options {
        reference_date: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        ..Options::default()
    }
}

fn report(v: &Value, o: &Options) -> Report {
    validate_value(v, o)
}

/// Sets the dotted `path` of `v` (creating nothing: the parents exist).
fn set(v: &mut Value, path: &str, value: Value) {
    let mut cur = v;
    let parts: Vec<&str> = path.split('.').collect();
    for p in &parts[..parts.len() - 1] {
        cur = cur.get_mut(*p).unwrap_or_else(|| panic!("no {p} in {path}"));
    }
    cur[parts[parts.len() - 1]] = value;
}

/// The findings of `v` as (path, code, severity).
fn findings(v: &Value, o: &Options) -> Vec<(String, &'static str, Severity)> {
    report(v, o)
        .findings()
        .iter()
        .map(|f| (f.path.to_string(), f.code.as_str(), f.severity))
        .collect()
}

#[track_caller]
fn expect(v: &Value, o: &Options, path: &str, code: &str, severity: Severity) {
    let got = findings(v, o);
    assert!(
        got.iter().any(|(p, c, s)| p == path && *c == code && *s == severity),
        "expected {severity:?} {code} at {path}, got {got:?}"
    );
}

#[track_caller]
fn with(path: &str, value: Value, code: &str) {
    let mut v = primo();
    set(&mut v, path, value);
    expect(&v, &options(), path, code, Severity::Error);
}

#[track_caller]
fn warns(path_to_set: &str, value: Value, path: &str, code: &str) {
    let mut v = primo();
    set(&mut v, path_to_set, value);
    let r = report(&v, &options());
    assert!(r.is_valid(), "{:?}", r.findings());
    expect(&v, &options(), path, code, Severity::Warning);
}

#[test]
fn the_spec_example_is_valid() {
    assert_eq!(findings(&primo(), &options()), []);
}

#[test]
fn procedure_is_required_and_known() {
    with("procedure", Value::Null, "required");
    with("procedure", json!("inscription"), "unknown_code");
}

#[test]
fn primo_requires_the_etat_civil_fields() {
    for field in ["civilite", "sexe", "nom_naissance", "date_naissance", "pays_naissance"] {
        with(&format!("etat_civil.{field}"), Value::Null, "required");
    }
    let mut v = primo();
    set(&mut v, "etat_civil.prenoms", json!([]));
    expect(&v, &options(), "etat_civil.prenoms[0]", "required", Severity::Error);
    let mut v = primo();
    set(&mut v, "etat_civil", Value::Null);
    expect(&v, &options(), "etat_civil", "required", Severity::Error);
}

#[test]
fn primo_requires_contact_and_situation() {
    with("contact.email", Value::Null, "required");
    with("contact.telephone_mobile", Value::Null, "required");
    for field in [
        "nom_exercice",
        "prenom_exercice",
        "structure",
        "profession",
        "role",
        "date_prise_fonction",
    ] {
        with(&format!("situation.{field}"), Value::Null, "required");
    }
}

#[test]
fn mode_exercice_is_optional() {
    let mut v = primo();
    set(&mut v, "situation.mode_exercice", Value::Null);
    assert!(report(&v, &options()).is_valid());
}

#[test]
fn primo_must_not_carry_an_rpps() {
    with("rpps", json!("10107985318"), "not_applicable");
}

#[test]
fn other_procedures_require_the_rpps_and_no_etat_civil() {
    let mut v = registered("ajout_situation", primo()["situation"].clone());
    assert!(report(&v, &options()).is_valid(), "{:?}", findings(&v, &options()));
    v["etat_civil"] = primo()["etat_civil"].clone();
    expect(&v, &options(), "etat_civil", "not_applicable", Severity::Error);
    v["rpps"] = Value::Null;
    expect(&v, &options(), "rpps", "required", Severity::Error);
}

#[test]
fn ajout_requires_a_full_situation() {
    let v = registered("ajout_situation", json!({"nom_exercice": "DUPONT"}));
    expect(&v, &options(), "situation.profession", "required", Severity::Error);
}

#[test]
fn annulation_requires_the_situation_id() {
    let v = registered("annulation_situation", json!({}));
    expect(&v, &options(), "situation.id", "required", Severity::Error);
    assert!(report(&registered("annulation_situation", json!({"id": "S1"})), &options()).is_valid());
}

#[test]
fn modification_informations_requires_a_contact_field() {
    let mut v = registered("modification_informations", Value::Null);
    expect(&v, &options(), "contact", "required", Severity::Error);
    v["contact"] = json!({"email": "nouvelle.adresse@example.org"});
    assert!(report(&v, &options()).is_valid());
}

#[test]
fn fermeture_requires_id_and_end_date_and_nothing_else() {
    let v = registered("fermeture_situation", json!({"id": "S1"}));
    expect(
        &v,
        &options(),
        "situation.date_fin_fonction",
        "required",
        Severity::Error,
    );
    let v = registered(
        "fermeture_situation",
        json!({"id": "S1", "date_fin_fonction": "2026-10-31", "motif_fin": "CHA"}),
    );
    assert!(report(&v, &options()).is_valid(), "{:?}", findings(&v, &options()));
    let v = registered(
        "fermeture_situation",
        json!({"id": "S1", "date_fin_fonction": "2026-10-31", "profession": "326"}),
    );
    expect(
        &v,
        &options(),
        "situation.profession",
        "not_applicable",
        Severity::Error,
    );
}

#[test]
fn modification_nom_prenom_requires_a_name() {
    let v = registered("modification_nom_prenom_exercice", json!({}));
    expect(&v, &options(), "situation.nom_exercice", "required", Severity::Error);
    assert!(
        report(
            &registered("modification_nom_prenom_exercice", json!({"prenom_exercice": "Nath"})),
            &options()
        )
        .is_valid()
    );
}

#[test]
fn identifiers_are_checked() {
    with("numero", json!("P20221305011141"), "invalid_component");
    with("contact.email", json!("nathalie.dupont@example"), "invalid_component");
    with("contact.telephone_mobile", json!("01 23 45 67 89"), "not_mobile");
    with("situation.structure.finess", json!("970405594"), "invalid_checksum");
    let mut v = registered("annulation_situation", json!({"id": "S1"}));
    v["rpps"] = json!("10107985319");
    expect(&v, &options(), "rpps", "invalid_checksum", Severity::Error);
}

#[test]
fn test_identities_need_test_mode() {
    let mut v = registered("annulation_situation", json!({"id": "S1"}));
    v["rpps"] = json!("99700075122");
    expect(&v, &options(), "rpps", "invalid_component", Severity::Error);
    let test = Options {
        mode: Mode::Test,
        ..options()
    };
    let r = report(&v, &test);
    assert!(r.is_valid());
    expect(&v, &test, "rpps", "test_identifier", Severity::Warning);
}

#[test]
fn structure_is_a_finess_or_a_siret() {
    with(
        "situation.structure",
        json!({"finess": "970405593", "siret": "73282932000074"}),
        "inconsistent",
    );
    with("situation.structure", json!({}), "required");
    let mut v = primo();
    set(&mut v, "situation.structure", json!({"siret": "73282932000074"}));
    assert!(report(&v, &options()).is_valid());
}

#[test]
fn codes_are_checked_at_the_reference_date() {
    with("situation.profession", json!("323"), "code_deprecated");
    with("situation.profession", json!("300"), "code_not_allowed");
    with("situation.profession", json!("999"), "unknown_code");
    with("situation.role", json!("GENR04"), "code_not_allowed");
    with("etat_civil.civilite", json!("MLLE"), "code_deprecated");
    with("situation.mode_exercice", json!("X"), "unknown_code");
    with("situation.motif_fin", json!("XYZ"), "unknown_code");
    let earlier = Options {
        reference_date: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
        ..options()
    };
    let mut v = primo();
    set(&mut v, "situation.profession", json!("371"));
    expect(
        &v,
        &earlier,
        "situation.profession",
        "code_not_allowed",
        Severity::Error,
    );
    assert!(report(&v, &options()).is_valid());
}

#[test]
fn sexe_other_than_m_or_f_is_a_warning() {
    warns("etat_civil.sexe", json!("UN"), "etat_civil.sexe", "code_not_allowed");
}

#[test]
fn civilite_and_sexe_should_match() {
    warns("etat_civil.sexe", json!("M"), "etat_civil.sexe", "inconsistent");
}

#[test]
fn birth_place_in_france_needs_a_commune() {
    with("etat_civil.commune_naissance", Value::Null, "required");
    with("etat_civil.lieu_naissance", json!("Marseille"), "not_applicable");
    with("etat_civil.commune_naissance", json!("75015"), "unknown_code");
    with("etat_civil.commune_naissance", json!("99999"), "unknown_code");
    warns(
        "etat_civil.commune_naissance",
        json!("20004"),
        "etat_civil.commune_naissance",
        "old_code",
    );
    warns(
        "etat_civil.commune_naissance",
        json!("13003"),
        "etat_civil.commune_naissance",
        "also_postal_code",
    );
}

#[test]
fn birth_abroad_needs_a_place_and_no_commune() {
    let mut v = primo();
    set(&mut v, "etat_civil.pays_naissance", json!("99350"));
    expect(
        &v,
        &options(),
        "etat_civil.commune_naissance",
        "not_applicable",
        Severity::Error,
    );
    expect(&v, &options(), "etat_civil.lieu_naissance", "required", Severity::Error);
    set(&mut v, "etat_civil.commune_naissance", Value::Null);
    set(&mut v, "etat_civil.lieu_naissance", json!("Casablanca"));
    assert!(report(&v, &options()).is_valid());
    with("etat_civil.pays_naissance", json!("99999"), "unknown_code");
}

#[test]
fn date_of_birth_is_in_range() {
    with("etat_civil.date_naissance", json!("2027-01-01"), "out_of_range");
    with("etat_civil.date_naissance", json!("1899-12-31"), "out_of_range");
    with("etat_civil.date_naissance", json!("1999-02-30"), "invalid_format");
}

#[test]
fn situation_dates_are_consistent() {
    with("situation.date_fin_fonction", json!("2022-05-01"), "inconsistent");
    with("situation.date_prise_fonction", json!("1999-05-05"), "inconsistent");
    warns(
        "situation.date_prise_fonction",
        json!("2010-05-02"),
        "situation.date_prise_fonction",
        "out_of_range",
    );
    warns(
        "situation.date_prise_fonction",
        json!("2027-06-23"),
        "situation.date_prise_fonction",
        "out_of_range",
    );
}

#[test]
fn names_use_letters_spaces_hyphens_and_apostrophes() {
    with("etat_civil.nom_naissance", json!("DUPONT2"), "invalid_format");
    with("situation.nom_exercice", json!("A".repeat(101)), "invalid_length");
    let mut v = primo();
    set(&mut v, "etat_civil.nom_naissance", json!("D'ARGENTRÉ-LÉVÊQUE"));
    assert!(report(&v, &options()).is_valid());
    set(&mut v, "etat_civil.prenoms", json!(["Anne", "Lou1se"]));
    expect(
        &v,
        &options(),
        "etat_civil.prenoms[1]",
        "invalid_format",
        Severity::Error,
    );
    set(&mut v, "etat_civil.prenoms", json!(["A", "B", "C", "D"]));
    expect(&v, &options(), "etat_civil.prenoms", "invalid_length", Severity::Error);
    // A prénom keeps its place in the list after an item of the wrong type.
    set(&mut v, "etat_civil.prenoms", json!(["Anne", 3, "Lou1se"]));
    let got = findings(&v, &options());
    let at: Vec<(&str, &str)> = got.iter().map(|(p, c, _)| (p.as_str(), *c)).collect();
    assert_eq!(
        at,
        [
            ("etat_civil.prenoms[1]", "invalid_format"),
            ("etat_civil.prenoms[2]", "invalid_format")
        ]
    );
}

#[test]
fn every_input_gives_the_same_findings() {
    let mut broken = primo();
    set(&mut broken, "etat_civil.nom_naissance", json!("DUPONT2"));
    set(&mut broken, "contact.email", json!("nathalie@example"));
    set(&mut broken, "situation.profession", json!("323"));
    for v in [primo(), broken] {
        let from_value = report(&v, &options());
        let text = serde_json::to_string(&v).unwrap();
        assert_eq!(
            rppsplus_core::demande::validate_json(text.as_bytes(), &options()),
            from_value
        );
        // Every string escaped: read from escapes, not borrowed from the text.
        let escaped: String = text
            .chars()
            .scan(false, |in_string, c| {
                let out = match c {
                    '"' => {
                        *in_string = !*in_string;
                        "\"".to_owned()
                    }
                    c if *in_string && c.is_ascii_alphanumeric() => format!("\\u{:04x}", c as u32),
                    c => c.to_string(),
                };
                Some(out)
            })
            .collect();
        assert_eq!(
            rppsplus_core::demande::validate_json(escaped.as_bytes(), &options()),
            from_value,
            "{escaped}"
        );
    }
    let typed: rppsplus_core::demande::Demande = serde_json::from_value(primo()).unwrap();
    assert_eq!(
        rppsplus_core::demande::validate(&typed, &options()),
        report(&primo(), &options())
    );
}

#[test]
fn confirmations_at_submit_only() {
    with("confirmations.cgu_acceptees", json!(false), "required");
    with("confirmations.rencontre_en_personne", Value::Null, "required");
    let mut v = primo();
    set(&mut v, "confirmations", Value::Null);
    assert!(
        report(
            &v,
            &Options {
                stage: Stage::Draft,
                ..options()
            }
        )
        .is_valid()
    );
    set(&mut v, "confirmations", json!({"cgu_acceptees": true}));
    assert!(
        report(
            &v,
            &Options {
                actor: Actor::Professionnel,
                ..options()
            }
        )
        .is_valid()
    );
}

#[test]
fn foreign_mobiles_are_a_warning() {
    warns(
        "contact.telephone_mobile",
        json!("+44 7700 900123"),
        "contact.telephone_mobile",
        "foreign_number",
    );
}

#[test]
fn structure_errors_are_findings_and_the_rest_is_checked() {
    let mut v = primo();
    set(&mut v, "etat_civil.date_naissance", json!(19990505));
    set(&mut v, "contact.email", Value::Null);
    v["situation"]["profesion"] = json!("326");
    let got = findings(&v, &options());
    assert_eq!(
        got.iter().map(|(p, c, _)| (p.as_str(), *c)).collect::<Vec<_>>(),
        [
            ("etat_civil.date_naissance", "invalid_format"),
            ("situation.profesion", "unknown_field"),
            ("contact.email", "required")
        ]
    );
    let r = rppsplus_core::demande::validate_json(b"{\"procedure\": ", &options());
    assert_eq!(r.findings()[0].code, "invalid_json");
    let r = rppsplus_core::demande::validate_json(b"\xff\xfe", &options());
    assert_eq!(r.findings()[0].code, "invalid_json");
    // A pretty-printed document with one syntax error is one report, at the error's line.
    let pretty = b"{\n  \"procedure\": \"fermeture_situation\",\n  \"rpps\": \"10107985318\",\n}\n";
    let reports = rppsplus_core::demande::validate_json_document(pretty, &options());
    assert_eq!(reports.len(), 1);
    assert!(
        reports[0].1.findings()[0].message.contains("ligne 4"),
        "{:?}",
        reports[0].1.findings()
    );
}

#[test]
fn invalid_json_anywhere_is_invalid_json() {
    let deep = format!(
        "{{\"procedure\": \"ajout_situation\", \"zz\": {}{}}}",
        "[".repeat(130),
        "]".repeat(130)
    );
    for text in [
        &br#"{"procedure": "ajout_situation", "zz": 1e400}"#[..],
        br#"{"procedure": "ajout_situation", "zz": "\ud800"}"#,
        b"{\"procedure\": \"ajout_situation\", \"zz\": \"\xff\"}",
        br#"{"procedure": "ajout_situation", "rpps": ["a", 1e400]}"#,
        br#"{"procedure": "ajout_situation", "etat_civil": {"civilite": {"a": "\ud800"}}}"#,
        deep.as_bytes(),
    ] {
        let r = rppsplus_core::demande::validate_json(text, &options());
        let codes: Vec<&str> = r.findings().iter().map(|f| f.code.as_str()).collect();
        assert_eq!(codes, ["invalid_json"], "{}", String::from_utf8_lossy(text));
    }
    let document = br#"[{"procedure": "x"}, {"procedure": 1e400}]"#;
    let reports = rppsplus_core::demande::validate_json_document(document, &options());
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].1.findings()[0].code, "invalid_json");
}

#[test]
fn a_key_given_again_replaces_what_it_gave() {
    // Plain, and with an escape (read by serde_json).
    for email in ["a@example.fr", "\\u0061@example.fr"] {
        let text = format!(
            r#"{{"procedure": "modification_informations", "rpps": "10107985318",
                "contact": {{"email": "{email}"}}, "contact": null, "contact": {{}}}}"#
        );
        let r = rppsplus_core::demande::validate_json(text.as_bytes(), &options());
        let at: Vec<(String, &str)> = (r.findings().iter())
            .map(|f| (f.path.to_string(), f.code.as_str()))
            .collect();
        assert_eq!(at, [("contact".into(), "required")], "{text}");
    }
}

#[test]
fn unicode_white_space_around_values_is_trimmed() {
    let text = br#"{"procedure": "fermeture_situation", "rpps": "\u000b10107985318\u000b",
                    "situation": {"id": "S1", "date_fin_fonction": "2026-01-31"}}"#;
    assert!(rppsplus_core::demande::validate_json(text, &options()).is_valid());
}

#[test]
fn confidential_values_never_reach_messages() {
    let mut v = primo();
    set(&mut v, "etat_civil.nom_naissance", json!("SECRETNOM1"));
    set(&mut v, "contact.email", json!("secret.mail@example"));
    set(&mut v, "etat_civil.commune_naissance", json!("75015"));
    let r = report(&v, &options());
    for f in r.findings() {
        for text in [&f.message, &f.message_en] {
            assert!(
                !text.contains("SECRETNOM1") && !text.contains("secret.mail") && !text.contains("75115"),
                "{text}"
            );
        }
    }
    let d: rppsplus_core::demande::Demande = serde_json::from_value(primo()).unwrap();
    assert!(!format!("{:?}", d.etat_civil).contains("DUPONT"));
    assert!(!format!("{:?}", d.contact).contains("nathalie"));
}
