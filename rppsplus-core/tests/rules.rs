//! One test per rule of docs/domain.md §4: each starts from a valid demande, breaks one
//! thing, and expects the finding of that rule (so removing a rule fails its test).

use chrono::NaiveDate;
use rppsplus_core::demande::{
    Actor, FIELDS_BY_PROCEDURE, Options, Presence, Procedure, Report, Severity, Stage, csv_reports, validate_json,
    validate_json_document, validate_value,
};
use rppsplus_core::ids::Mode;
use serde_json::{Value, json};

/// The demande of docs/domain.md §4.1, valid at 2026-11-22.
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

/// A valid demande of another procedure, for a registered person, with its confirmations.
fn registered(procedure: &str, situation: Value) -> Value {
    json!({"procedure": procedure, "rpps": "10107985318", "situation": situation,
           "confirmations": {"cgu_acceptees": true, "rencontre_en_personne": true}})
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
fn fermeture_requires_id_and_end_date() {
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
}

#[test]
fn modification_nom_prenom_requires_a_name() {
    let v = registered("modification_nom_prenom_exercice", json!({}));
    expect(&v, &options(), "situation", "required", Severity::Error);
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
fn france_before_2016_is_france() {
    // 99000, République française until 2016: deprecated, and the rules of a French birth.
    let mut v = primo();
    set(&mut v, "etat_civil.pays_naissance", json!("99000"));
    let got = findings(&v, &options());
    assert_eq!(
        got,
        [("etat_civil.pays_naissance".into(), "code_deprecated", Severity::Error)]
    );
    let message = report(&v, &options()).findings()[0].message.clone();
    assert!(message.contains("utilisez 99100"), "{message}");
    set(&mut v, "etat_civil.commune_naissance", Value::Null);
    expect(
        &v,
        &options(),
        "etat_civil.commune_naissance",
        "required",
        Severity::Error,
    );
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
    // The professional's confirmations: every_procedure_needs_its_confirmations_to_be_sent.
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
                "contact": {{"email": "{email}"}}, "contact": null, "contact": {{}},
                "confirmations": {{"cgu_acceptees": true, "rencontre_en_personne": true}}}}"#
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
                    "situation": {"id": "S1", "date_fin_fonction": "2026-01-31"},
                    "confirmations": {"cgu_acceptees": true, "rencontre_en_personne": true}}"#;
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

// What each procedure carries (docs/domain.md §4.2).

/// A field set at a dotted path, its parents created.
fn put(v: &mut Value, path: &str, value: Value) {
    let mut cur = v;
    let parts: Vec<&str> = path.split('.').collect();
    for p in &parts[..parts.len() - 1] {
        if !cur[*p].is_object() {
            cur[*p] = json!({});
        }
        cur = &mut cur[*p];
    }
    cur[parts[parts.len() - 1]] = value;
}

/// A valid value of each field of the procedure tables.
fn sample(path: &str) -> Value {
    let primo = primo();
    match path {
        "rpps" => json!("10107985318"),
        "situation.id" => json!("S1"),
        "situation.date_fin_fonction" => json!("2026-10-31"),
        "situation.motif_fin" => json!("CHA"),
        "confirmations" => primo["confirmations"].clone(),
        _ => {
            let mut cur = &primo;
            for p in path.split('.') {
                cur = &cur[p];
            }
            cur.clone()
        }
    }
}

/// The smallest demande of `procedure`: every field the table requires, one of each group.
fn minimal(procedure: Procedure) -> Value {
    let mut v = json!({"procedure": procedure.as_str()});
    for row in FIELDS_BY_PROCEDURE {
        match row.presence(procedure) {
            Presence::Required => row.paths.iter().for_each(|p| put(&mut v, p, sample(p))),
            Presence::OneRequired => put(&mut v, row.paths[0], sample(row.paths[0])),
            Presence::Optional | Presence::Absent => {}
        }
    }
    v
}

#[test]
fn every_procedure_requires_and_refuses_what_its_table_says() {
    for &procedure in Procedure::ALL {
        let v = minimal(procedure);
        assert!(
            report(&v, &options()).is_valid(),
            "{procedure}: {:?}",
            findings(&v, &options())
        );
        for row in FIELDS_BY_PROCEDURE {
            for path in row.paths {
                let mut v = minimal(procedure);
                match row.presence(procedure) {
                    Presence::Required => {
                        put(&mut v, path, Value::Null);
                        // The confirmations are required one by one.
                        let at = if *path == "confirmations" {
                            "confirmations.cgu_acceptees"
                        } else {
                            path
                        };
                        expect(&v, &options(), at, "required", Severity::Error);
                    }
                    Presence::Absent => {
                        put(&mut v, path, sample(path));
                        expect(&v, &options(), path, "not_applicable", Severity::Error);
                    }
                    Presence::Optional => {
                        put(&mut v, path, sample(path));
                        assert!(
                            report(&v, &options()).is_valid(),
                            "{procedure} {path}: {:?}",
                            findings(&v, &options())
                        );
                    }
                    Presence::OneRequired => {
                        for p in row.paths {
                            put(&mut v, p, Value::Null);
                        }
                        let parent = path.rsplit_once('.').map_or(*path, |(p, _)| p);
                        expect(&v, &options(), parent, "required", Severity::Error);
                    }
                }
            }
        }
    }
}

#[test]
fn modifications_carry_only_what_they_modify() {
    // The demandes of issue 12 §2, valid before the table.
    let mut v = registered(
        "modification_nom_prenom_exercice",
        json!({"nom_exercice": "MARTIN", "structure": {"finess": "970405593"}, "profession": "326",
               "role": "GENR08", "date_prise_fonction": "2022-05-02"}),
    );
    v["contact"] = json!({"email": "a@example.org"});
    for path in [
        "situation.structure",
        "situation.profession",
        "situation.role",
        "situation.date_prise_fonction",
        "contact.email",
    ] {
        expect(&v, &options(), path, "not_applicable", Severity::Error);
    }
    let mut v = registered(
        "modification_informations",
        json!({"profession": "326", "structure": {"finess": "970405593"}}),
    );
    v["contact"] = json!({"email": "a@example.org"});
    expect(
        &v,
        &options(),
        "situation.profession",
        "not_applicable",
        Severity::Error,
    );
    expect(&v, &options(), "situation.structure", "not_applicable", Severity::Error);
    let v = registered(
        "annulation_situation",
        json!({"id": "S1", "date_fin_fonction": "2026-10-31", "profession": "326"}),
    );
    let got = findings(&v, &options());
    assert_eq!(
        got,
        [("situation.date_fin_fonction".into(), "not_applicable", Severity::Error)],
        "the profession may be carried, not the date de fin"
    );
    let mut v = registered(
        "fermeture_situation",
        json!({"id": "S1", "date_fin_fonction": "2026-10-31"}),
    );
    v["contact"] = json!({"email": "a@example.org"});
    expect(&v, &options(), "contact.email", "not_applicable", Severity::Error);
}

#[test]
fn the_fermeture_as_the_guide_shows_it_is_valid() {
    // The situation's fields pre-filled, plus the date de fin (the ANS gestionnaire guide §5).
    let mut situation = primo()["situation"].clone();
    situation["id"] = json!("S1");
    situation["date_fin_fonction"] = json!("2026-10-31");
    situation["motif_fin"] = json!("CHA");
    let v = registered("fermeture_situation", situation);
    assert_eq!(findings(&v, &options()), []);
}

// Who may send what (docs/domain.md §4.3).

fn as_actor(actor: Actor) -> Options {
    Options { actor, ..options() }
}

#[test]
fn a_professional_neither_opens_nor_closes_situations() {
    for (procedure, situation) in [
        (
            "fermeture_situation",
            json!({"id": "S1", "date_fin_fonction": "2026-10-31"}),
        ),
        ("ajout_situation", primo()["situation"].clone()),
        ("annulation_situation", json!({"id": "S1"})),
    ] {
        let v = registered(procedure, situation);
        assert!(report(&v, &options()).is_valid(), "{procedure}");
        expect(
            &v,
            &as_actor(Actor::Professionnel),
            "procedure",
            "not_allowed_for_actor",
            Severity::Error,
        );
    }
    let v = registered("modification_nom_prenom_exercice", json!({"prenom_exercice": "Nath"}));
    assert!(report(&v, &as_actor(Actor::Professionnel)).is_valid());
}

#[test]
fn a_professional_s_primo_comes_through_franceconnect() {
    let professionnel = as_actor(Actor::Professionnel);
    let v = primo(); // "source": "saisie"
    expect(
        &v,
        &professionnel,
        "etat_civil.source",
        "not_allowed_for_actor",
        Severity::Error,
    );
    let mut v = primo();
    set(&mut v, "etat_civil.source", Value::Null);
    expect(
        &v,
        &professionnel,
        "etat_civil.source",
        "not_allowed_for_actor",
        Severity::Error,
    );
    set(&mut v, "etat_civil.source", json!("franceconnect"));
    assert!(
        report(&v, &professionnel).is_valid(),
        "{:?}",
        findings(&v, &professionnel)
    );
}

#[test]
fn the_rpps_sends_nothing() {
    for &procedure in Procedure::ALL {
        let v = minimal(procedure);
        expect(
            &v,
            &as_actor(Actor::Rpps),
            "procedure",
            "not_allowed_for_actor",
            Severity::Error,
        );
    }
}

#[test]
fn every_procedure_needs_its_confirmations_to_be_sent() {
    for &procedure in Procedure::ALL {
        let mut v = minimal(procedure);
        v["confirmations"] = Value::Null;
        expect(
            &v,
            &options(),
            "confirmations.cgu_acceptees",
            "required",
            Severity::Error,
        );
        expect(
            &v,
            &options(),
            "confirmations.rencontre_en_personne",
            "required",
            Severity::Error,
        );
        let draft = Options {
            stage: Stage::Draft,
            ..options()
        };
        assert!(report(&v, &draft).is_valid(), "{procedure}");
    }
    // The professional does not meet themself.
    let mut v = registered("modification_nom_prenom_exercice", json!({"prenom_exercice": "Nath"}));
    v["confirmations"] = json!({"cgu_acceptees": true});
    assert!(report(&v, &as_actor(Actor::Professionnel)).is_valid());
    v["confirmations"] = json!({"rencontre_en_personne": true});
    expect(
        &v,
        &as_actor(Actor::Professionnel),
        "confirmations.cgu_acceptees",
        "required",
        Severity::Error,
    );
}

// Plausibility at the reference date (docs/domain.md §4.4).

#[test]
fn a_person_over_100_is_a_warning() {
    let mut v = primo();
    set(&mut v, "etat_civil.date_naissance", json!("1900-03-01"));
    set(&mut v, "situation.date_prise_fonction", json!("1960-09-01"));
    let r = report(&v, &options());
    assert!(r.is_valid(), "{:?}", r.findings());
    expect(
        &v,
        &options(),
        "etat_civil.date_naissance",
        "out_of_range",
        Severity::Warning,
    );
    // 100 at the reference date is not over 100.
    set(&mut v, "etat_civil.date_naissance", json!("1926-11-22"));
    assert!(
        !findings(&v, &options())
            .iter()
            .any(|f| f.0 == "etat_civil.date_naissance")
    );
}

#[test]
fn a_motif_de_fin_needs_a_date_de_fin() {
    let v = registered("fermeture_situation", json!({"id": "S1", "motif_fin": "CHA"}));
    expect(&v, &options(), "situation.motif_fin", "inconsistent", Severity::Error);
}

#[test]
fn a_demande_number_is_not_dated_after_the_reference_date() {
    with("numero", json!("P20261123000000"), "out_of_range");
    let mut v = primo();
    set(&mut v, "numero", json!("P20261122235959"));
    assert!(report(&v, &options()).is_valid());
}

#[test]
fn a_place_of_birth_abroad_is_letters_digits_and_a_few_signs() {
    let mut v = primo();
    set(&mut v, "etat_civil.pays_naissance", json!("99350"));
    set(&mut v, "etat_civil.commune_naissance", Value::Null);
    set(&mut v, "etat_civil.lieu_naissance", json!("Casablanca (Anfa), 2e arr."));
    assert!(report(&v, &options()).is_valid(), "{:?}", findings(&v, &options()));
    set(&mut v, "etat_civil.lieu_naissance", json!("Casablanca / Anfa"));
    expect(
        &v,
        &options(),
        "etat_civil.lieu_naissance",
        "invalid_format",
        Severity::Error,
    );
    set(&mut v, "etat_civil.lieu_naissance", json!("C".repeat(101)));
    expect(
        &v,
        &options(),
        "etat_civil.lieu_naissance",
        "invalid_length",
        Severity::Error,
    );
}

#[track_caller]
fn commune_warning(code: &str) -> (String, String) {
    let mut v = primo();
    set(&mut v, "etat_civil.commune_naissance", json!(code));
    let r = report(&v, &options());
    assert!(r.is_valid(), "{:?}", r.findings());
    let f = &r.findings()[0];
    assert_eq!(
        (f.path.as_str(), f.severity),
        ("etat_civil.commune_naissance", Severity::Warning)
    );
    (f.message.clone(), f.message_en.clone())
}

#[test]
fn a_corsican_commune_s_old_code_names_the_new_one() {
    let (fr, en) = commune_warning("20004");
    assert!(fr.contains("2A004") && en.contains("2A004"), "{fr} / {en}");
}

#[test]
fn a_whole_city_code_names_the_arrondissements() {
    for (city, first, last) in [
        ("75056", "75101", "75120"),
        ("13055", "13201", "13216"),
        ("69123", "69381", "69389"),
    ] {
        let (fr, en) = commune_warning(city);
        assert!(fr.contains(&format!("({first} à {last})")), "{fr}");
        assert!(en.contains(&format!("({first} to {last})")), "{en}");
    }
}

// Across a file (docs/domain.md §4.6).

fn document(demandes: &[Value]) -> Vec<(usize, Vec<(String, &'static str)>)> {
    let text = serde_json::to_string(demandes).unwrap();
    validate_json_document(text.as_bytes(), &options())
        .into_iter()
        .map(|(i, r)| {
            (
                i,
                r.findings()
                    .iter()
                    .map(|f| (f.path.to_string(), f.code.as_str()))
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn the_same_person_twice_in_a_file_is_a_duplicate() {
    let reports = document(&[primo(), primo(), primo()]);
    let duplicate = vec![("etat_civil".to_owned(), "duplicate")];
    assert_eq!(reports, [(0, vec![]), (1, duplicate.clone()), (2, duplicate)]);
    let text = serde_json::to_string(&[primo(), primo()]).unwrap();
    let reports = validate_json_document(text.as_bytes(), &options());
    let later = &reports[1].1.findings()[0];
    assert!(later.message.contains("à l'index 0"), "{}", later.message);
    assert!(later.message_en.contains("at index 0"), "{}", later.message_en);
}

#[test]
fn a_person_is_compared_without_case_accents_and_separators() {
    let mut same = primo();
    set(&mut same, "etat_civil.nom_naissance", json!("dupont"));
    set(&mut same, "etat_civil.prenoms", json!(["NATHALIE", "Marie"]));
    set(&mut same, "contact.email", json!("autre@example.org"));
    set(&mut same, "situation.profession", json!("313"));
    assert_eq!(document(&[primo(), same])[1].1, [("etat_civil".into(), "duplicate")]);
    let mut accents = primo();
    set(&mut accents, "etat_civil.nom_naissance", json!("LEFÈVRE-D'ARC"));
    let mut plain = accents.clone();
    set(&mut plain, "etat_civil.nom_naissance", json!("Lefevre Darc"));
    assert_eq!(document(&[accents, plain])[1].1, [("etat_civil".into(), "duplicate")]);
    // An old commune code is the commune.
    let mut ajaccio = primo();
    set(&mut ajaccio, "etat_civil.commune_naissance", json!("2A004"));
    let mut old = ajaccio.clone();
    set(&mut old, "etat_civil.commune_naissance", json!("20004"));
    let later = &document(&[ajaccio, old])[1].1;
    assert!(later.contains(&("etat_civil".into(), "duplicate")), "{later:?}");
    // Another first prénom, date or place is another person.
    for (path, value) in [
        ("etat_civil.prenoms", json!(["Nadine"])),
        ("etat_civil.date_naissance", json!("1999-05-06")),
        ("etat_civil.commune_naissance", json!("13202")),
    ] {
        let mut other = primo();
        set(&mut other, path, value);
        assert_eq!(document(&[primo(), other])[1].1, [], "{path}");
    }
    // Born abroad: the country and the place.
    let mut abroad = primo();
    set(&mut abroad, "etat_civil.pays_naissance", json!("99350"));
    set(&mut abroad, "etat_civil.commune_naissance", Value::Null);
    set(&mut abroad, "etat_civil.lieu_naissance", json!("Casablanca"));
    let mut elsewhere = abroad.clone();
    set(&mut elsewhere, "etat_civil.lieu_naissance", json!("Rabat"));
    let mut same_place = abroad.clone();
    set(&mut same_place, "etat_civil.lieu_naissance", json!("CASABLANCA"));
    let reports = document(&[abroad, elsewhere, same_place]);
    assert_eq!(reports[1].1, []);
    assert_eq!(reports[2].1, [("etat_civil".into(), "duplicate")]);
}

#[test]
fn the_same_rpps_number_twice_in_a_file_is_a_duplicate() {
    let fermeture = registered(
        "fermeture_situation",
        json!({"id": "S1", "date_fin_fonction": "2026-10-31"}),
    );
    let ajout = registered("ajout_situation", primo()["situation"].clone());
    let mut other = ajout.clone();
    other["rpps"] = json!("10107985326");
    let reports = document(&[fermeture, other, ajout]);
    assert_eq!(reports[1].1, []);
    assert_eq!(reports[2].1, [("rpps".into(), "duplicate")]);
}

#[test]
fn csv_duplicates_name_the_earlier_line_whatever_the_threads() {
    let header = "procedure;rpps;situation.id;situation.date_fin_fonction;confirmations.cgu_acceptees;confirmations.rencontre_en_personne\n";
    let mut file = header.to_owned();
    for i in 0..3000 {
        // Every 1000th row closes another situation of the first row's person.
        let rpps = if i % 1000 == 999 || i == 0 {
            "10107985318".to_owned()
        } else {
            format!("{}", 20_000_000_000u64 + i)
        };
        file.push_str(&format!("fermeture_situation;{rpps};S{i};2026-10-31;oui;oui\n"));
    }
    // Test RPPS numbers (not starting with 1) need test mode; their keys are missing
    // in strict mode, so the file is validated in test mode.
    let o = Options {
        mode: Mode::Test,
        ..options()
    };
    let serial: Vec<_> = csv_reports(file.as_bytes(), o).map(Result::unwrap).collect();
    let duplicates: Vec<(usize, String)> = serial
        .iter()
        .flat_map(|(line, r)| {
            r.findings()
                .iter()
                .filter(|f| f.code == "duplicate")
                .map(move |f| (*line, f.message_en.clone()))
        })
        .collect();
    assert_eq!(duplicates.len(), 3, "{duplicates:?}");
    for (line, message) in &duplicates {
        assert!([1001, 2001, 3001].contains(line), "{line}");
        assert!(message.contains("on line 2"), "{message}");
    }
    for threads in [1, 2, 4] {
        let mut batched = Vec::new();
        csv_reports(file.as_bytes(), o)
            .for_each_batch(threads, |batch| {
                batched.extend(batch);
                Ok(())
            })
            .unwrap();
        assert_eq!(batched, serial, "{threads} threads");
    }
}

// Messages a person understands (docs/domain.md §4.5).

/// The French and English messages of the findings of `v` at `path`.
fn messages_at(v: &Value, path: &str) -> Vec<(String, String)> {
    report(v, &options())
        .findings()
        .iter()
        .filter(|f| f.path == path)
        .map(|f| (f.message.clone(), f.message_en.clone()))
        .collect()
}

#[test]
fn an_idnat_given_as_the_rpps_number_gives_the_number() {
    let mut v = registered("annulation_situation", json!({"id": "S1"}));
    v["rpps"] = json!("810107985318");
    expect(&v, &options(), "rpps", "invalid_component", Severity::Error);
    let (fr, en) = &messages_at(&v, "rpps")[0];
    assert!(
        fr.starts_with("Le numéro RPPS : c'est l'identifiant national (idNat)"),
        "{fr}"
    );
    assert!(fr.contains("indiquez le numéro RPPS 10107985318, sans le 8"), "{fr}");
    assert!(en.contains("give the RPPS number 10107985318, without the 8"), "{en}");
}

#[test]
fn a_mobile_without_its_leading_zero_says_so() {
    for mobile in ["612345678", "730494959"] {
        let mut v = primo();
        set(&mut v, "contact.telephone_mobile", json!(mobile));
        let (fr, en) = &messages_at(&v, "contact.telephone_mobile")[0];
        assert!(fr.starts_with("Le téléphone mobile : il manque le 0 initial"), "{fr}");
        assert!(en.starts_with("The mobile phone: the leading 0"), "{en}");
        assert!(!fr.contains(mobile) && !en.contains(mobile));
    }
    let mut v = primo();
    set(&mut v, "contact.telephone_mobile", json!("+262 0692 12 34 56"));
    let (fr, en) = &messages_at(&v, "contact.telephone_mobile")[0];
    assert!(fr.contains("(+262 6…, pas +262 06…)") && !fr.contains("+33"), "{fr}");
    assert!(en.contains("+262 6…, not +262 06…"), "{en}");
}

#[test]
fn french_agrees_with_the_field() {
    let v = registered("modification_informations", json!({"date_fin_fonction": "2026-10-31"}));
    let (fr, _) = &messages_at(&v, "situation.date_fin_fonction")[0];
    assert!(fr.contains("ne doit pas être renseignée"), "{fr}");
    let (fr, _) = &messages_at(&v, "contact")[0];
    assert!(
        fr.starts_with("Les coordonnées : ni adresse email ni téléphone mobile"),
        "{fr}"
    );
    let mut v = primo();
    set(&mut v, "etat_civil.nom_naissance", json!(12));
    let (fr, en) = &messages_at(&v, "etat_civil.nom_naissance")[0];
    assert_eq!(
        fr,
        "Le nom de naissance : il faut une chaîne, pas un nombre ; corrigez la valeur."
    );
    assert_eq!(
        en,
        "The birth name: a string is expected, not a number; correct the value."
    );
}

#[test]
fn identifier_messages_carry_the_field_s_label() {
    let mut v = primo();
    set(&mut v, "situation.structure.finess", json!("970405594"));
    let (fr, en) = &messages_at(&v, "situation.structure.finess")[0];
    assert!(
        fr.starts_with("Le FINESS de la structure : la clé de contrôle est fausse ; "),
        "{fr}"
    );
    assert!(
        en.starts_with("The structure's FINESS: the check digit does not match; "),
        "{en}"
    );
}

#[test]
fn a_date_in_a_collection_file_names_both_forms() {
    let file =
        "procedure;rpps;situation.id;situation.date_fin_fonction\nfermeture_situation;10107985318;S1;31-01-2026\n";
    let reports: Vec<_> = csv_reports(file.as_bytes(), options()).map(Result::unwrap).collect();
    let f = reports[0]
        .1
        .findings()
        .iter()
        .find(|f| f.path == "situation.date_fin_fonction")
        .unwrap();
    assert!(f.message.contains("AAAA-MM-JJ ou JJ/MM/AAAA"), "{}", f.message);
    assert!(f.message_en.contains("YYYY-MM-DD or DD/MM/YYYY"), "{}", f.message_en);
    let json = br#"{"procedure": "fermeture_situation", "rpps": "10107985318",
                    "situation": {"id": "S1", "date_fin_fonction": "31/01/2026"}}"#;
    let f = validate_json(json, &options()).findings()[0].clone();
    assert!(
        f.message.ends_with("écrivez-la sous la forme AAAA-MM-JJ."),
        "{}",
        f.message
    );
}

#[test]
fn a_row_of_one_cell_says_one_cell() {
    let file = "procedure;rpps\nfermeture_situation\n";
    let reports: Vec<_> = csv_reports(file.as_bytes(), options()).map(Result::unwrap).collect();
    let f = reports[0]
        .1
        .findings()
        .iter()
        .find(|f| f.code == "invalid_csv")
        .unwrap();
    assert!(f.message.contains("a 1 cellule au lieu de 2"), "{}", f.message);
    assert!(f.message_en.contains("has 1 cell instead of 2"), "{}", f.message_en);
}

/// Every message a demande or a file can get has one shape: the field's label, what is
/// wrong, what to do (the templates' own test renders each with every label; this one
/// reads the messages of the sample collection and of the demandes above).
#[test]
fn every_message_reads_label_problem_remedy() {
    let sample = include_bytes!("../../examples/data/demandes.json");
    let csv = include_bytes!("../../examples/data/demandes.csv");
    let mut all: Vec<rppsplus_core::demande::Finding> = validate_json_document(sample, &options())
        .into_iter()
        .flat_map(|(_, r)| r.findings().to_vec())
        .collect();
    all.extend(csv_reports(&csv[..], options()).flat_map(|r| r.unwrap().1.findings().to_vec()));
    assert!(all.len() > 20);
    for f in all {
        let (fr, en) = (&f.message, &f.message_en);
        assert!(fr.ends_with('.') && fr.matches(" ; ").count() == 1, "{fr}");
        assert!(
            fr.split_once(" : ")
                .is_some_and(|(label, _)| label.starts_with(char::is_uppercase)),
            "{fr}"
        );
        assert!(en.ends_with('.') && en.matches("; ").count() == 1, "{en}");
        assert!(
            en.split_once(": ")
                .is_some_and(|(label, _)| label.starts_with(char::is_uppercase)),
            "{en}"
        );
    }
}
