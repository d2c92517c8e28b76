//! The embedded data and the facts of docs/domain.md §3, one test per fact.

use chrono::NaiveDate;

use super::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn j121() -> &'static ValueSet {
    value_set("JDV_J121").unwrap()
}

/// The stable code of a check (`ok` when accepted).
fn verdict(set: &ValueSet, code: &str, at: NaiveDate) -> &'static str {
    set.check(code, at).map_or_else(|e| e.code().as_str(), |_| "ok")
}

#[test]
fn every_member_of_a_value_set_is_a_code_of_its_system_or_outside_it() {
    for set in VALUE_SETS {
        for version in set.versions() {
            for code in version.codes {
                let in_system = set.system.codes.iter().any(|c| std::ptr::eq(c, *code));
                let outside = set.outside.iter().any(|c| std::ptr::eq(c, *code));
                assert!(in_system || outside, "{} {}", set.meta.name, code.code);
                assert!(std::ptr::eq(set.get(code.code).unwrap(), *code));
            }
        }
        for (code, _) in set.displays {
            assert!(set.system.codes.iter().any(|c| std::ptr::eq(c, *code)));
        }
    }
}

#[test]
fn versions_are_in_date_order_and_the_latest_is_the_embedded_one() {
    for set in VALUE_SETS {
        let dates: Vec<_> = set.versions().map(SetVersion::date).collect();
        assert!(dates.windows(2).all(|w| w[0] < w[1]), "{}", set.meta.name);
        assert_eq!(set.latest().version(), set.meta.version);
        assert_eq!(set.latest().date(), set.meta.version_date());
    }
    let counts = |name| {
        value_set(name)
            .unwrap()
            .versions()
            .map(|v| v.codes().len())
            .collect::<Vec<_>>()
    };
    assert_eq!(counts("JDV_J121"), [54, 56, 54, 55, 56, 60]);
    assert_eq!(counts("JDV_J117"), [3, 4]);
    assert_eq!(counts("JDV_J116"), [8]);
    assert_eq!(counts("JDV_J113"), [2]);
}

#[test]
fn every_table_of_the_domain_is_there() {
    for alias in aliases() {
        assert!(field(alias).is_ok(), "{alias}");
        assert!(table(alias).is_ok(), "{alias}");
    }
    assert_eq!(aliases().count(), 12);
    assert_eq!(table("TRE_R85").unwrap().codes().len(), 80);
    assert_eq!(value_set("JDV_J121").unwrap().latest().codes().len(), 60);
    assert_eq!(table("pays").unwrap().codes().len(), 239);
    assert_eq!(
        (table("pays").unwrap().codes().iter())
            .filter(|c| c.status() == Status::Deprecated)
            .count(),
        23
    );
    assert_eq!(table("no-such-table").unwrap_err(), NomenclatureError::UnknownTable);
    assert_eq!(table("").unwrap_err(), NomenclatureError::UnknownTable);
    assert_eq!(value_set("sexe").unwrap_err(), NomenclatureError::UnknownTable);
    assert_eq!(value_set("TRE_R85").unwrap_err(), NomenclatureError::UnknownTable);
}

#[test]
fn value_sets_by_nos_name_and_code_wherever_a_name_is_taken() {
    let at = day(2026, 11, 23);
    for name in ["JDV_J121", "jdv_j121", "JDV_J121-RolePriseCharge-ENREG", "profession"] {
        assert!(std::ptr::eq(value_set(name).unwrap(), j121()), "{name}");
        assert!(matches!(field(name), Ok(Field::ValueSet(v)) if std::ptr::eq(v, j121())));
        assert_eq!(table(name).unwrap().meta().name(), "TRE_R85-RolePriseCharge");
        assert_eq!(label(name, "326").unwrap(), Some("Educateur spécialisé"));
        assert_eq!(lookup(name, "326", at, 1).unwrap().entries[0].offered, Some(true));
        assert_eq!(list(name, at).unwrap().len(), 60);
    }
    assert_eq!(
        lookup("JDV_J256", "01", at, 1).unwrap().entries[0].label,
        "Non renseigné"
    );
}

#[test]
fn the_unknown_table_message_names_every_alias() {
    let e = NomenclatureError::UnknownTable;
    for alias in aliases().chain([COMMUNE_TABLE]) {
        assert!(e.to_string().contains(alias), "{alias}");
        assert!(e.message_fr().contains(alias), "{alias}");
    }
}

#[test]
fn table_and_value_set_share_one_metadata() {
    let pays = value_set("pays").unwrap();
    assert_eq!(pays.meta().short_name(), "JDV_J256");
    assert_eq!(pays.meta().oid(), "1.2.250.1.213.1.1.5.762");
    assert_eq!(pays.system().meta().short_name(), "TRE_R20");
    assert_eq!(field("pays").unwrap().meta(), pays.meta());
    assert!(sources().any(|(name, version)| name == "JDV_J256-Pays" && version == "20250328120000"));
}

// --- the value sets judged at the reference date ------------------------------------------------

#[test]
fn aide_medico_psychologique_is_valid_on_2022_09_05() {
    // The gestionnaire guide shows a demande of 05/09/2022 with "Aide médico-psychologique
    // (AMP)" validated; J121's earliest known version (2024-10-25) stands in for 2022.
    assert_eq!(verdict(j121(), "323", day(2022, 9, 5)), "ok");
    assert!(j121().version_at(day(2022, 9, 5)).earliest_stands_in);
}

#[test]
fn aides_a_domicile_are_offered_from_the_value_set_s_date() {
    for code in ["371", "372"] {
        // In TRE_R85 from 2025-03-28, in J121 from 2025-04-25.
        assert_eq!(
            table("TRE_R85").unwrap().get(code).unwrap().date_valid(),
            Some(day(2025, 3, 28))
        );
        assert_eq!(verdict(j121(), code, day(2025, 3, 28)), "code_not_allowed");
        assert_eq!(verdict(j121(), code, day(2025, 4, 24)), "code_not_allowed");
        assert_eq!(verdict(j121(), code, day(2025, 4, 25)), "ok");
    }
}

#[test]
fn avs_and_amp_are_offered_until_2025_12_21_then_replaced_by_328() {
    for code in ["318", "323"] {
        assert_eq!(verdict(j121(), code, day(2025, 12, 21)), "ok");
        let ended = j121().check(code, day(2025, 12, 22)).unwrap_err();
        assert!(
            matches!(
                ended,
                CodeError::Deprecated {
                    replaced_by: ["328"],
                    ..
                }
            ),
            "{ended:?}"
        );
    }
}

#[test]
fn biologiste_369_left_j121_on_2025_04_25() {
    assert!(j121().members_at(day(2025, 4, 24)).contains("369"));
    assert!(!j121().members_at(day(2025, 4, 25)).contains("369"));
    // Ended in TRE_R85 on 2025-03-28: deprecated from then, although the version of
    // 2024-10-25 still listed it.
    assert_eq!(verdict(j121(), "369", day(2025, 3, 27)), "ok");
    assert_eq!(verdict(j121(), "369", day(2025, 4, 24)), "code_deprecated");
    assert_eq!(verdict(j121(), "369", day(2025, 4, 25)), "code_deprecated");
}

#[test]
fn coordonnateur_de_parcours_330_re_entered_on_2025_04_25() {
    assert_eq!(verdict(j121(), "330", day(2025, 4, 24)), "code_not_allowed");
    assert_eq!(verdict(j121(), "330", day(2025, 4, 25)), "ok");
}

#[test]
fn mode_d_exercice_indirect_is_offered_from_2026_02_02() {
    let j117 = value_set("mode-exercice").unwrap();
    assert_eq!(verdict(j117, "I", day(2026, 2, 1)), "code_not_allowed");
    assert_eq!(verdict(j117, "I", day(2026, 2, 2)), "ok");
}

#[test]
fn which_version_was_in_force() {
    let v = j121().version_at(day(2025, 12, 21));
    assert_eq!(
        (v.name, v.version, v.date),
        ("JDV_J121-RolePriseCharge-ENREG", "20250425120000", day(2025, 4, 25))
    );
    assert!(!v.earliest_stands_in);
    assert_eq!(j121().version_at(day(2025, 12, 22)).version, "20251222120000");
    assert_eq!(j121().version_at(day(2099, 1, 1)).version, "20260505120000");
    let earliest = j121().version_at(NaiveDate::MIN);
    assert_eq!(
        (earliest.version, earliest.earliest_stands_in),
        ("20241025120000", true)
    );
    // A table: only its embedded version is known.
    let r23 = field("TRE_R23").unwrap();
    assert_eq!(r23.version_at(day(2026, 2, 1)).version, "20260202120000");
    assert!(r23.version_at(day(2026, 2, 1)).earliest_stands_in);
    assert!(!r23.version_at(day(2026, 2, 2)).earliest_stands_in);
}

#[test]
fn checks_of_whole_tables() {
    let sexe = table("sexe").unwrap();
    let after = day(2026, 11, 23);
    assert_eq!(check_in_table(sexe, "U", after).unwrap_err().code(), "code_deprecated");
    assert!(check_in_table(sexe, "U", day(2000, 1, 1)).is_ok());
    assert!(check_in_table(sexe, "F", NaiveDate::MIN).is_ok());
    assert!(check_in_table(sexe, "F", day(9999, 12, 31)).is_ok());
    assert_eq!(j121().check("999", after), Err(CodeError::Unknown));
    assert_eq!(verdict(j121(), "300", after), "code_not_allowed");
    assert_eq!(
        j121().check("350", after),
        Err(CodeError::Deprecated {
            code: table("TRE_R85").unwrap().get("350").unwrap(),
            replaced_by: &["371", "372"]
        })
    );
}

// --- countries ---------------------------------------------------------------------------------

#[test]
fn the_portal_s_countries_are_jdv_j256() {
    let pays = value_set("pays").unwrap();
    assert_eq!(pays.meta().name(), "JDV_J256-Pays");
    let at = day(2026, 11, 23);
    let offered: Vec<&str> = pays.offered_at(at).map(Code::code).collect();
    assert_eq!(offered.len(), 217);
    assert_eq!(offered.last(), Some(&"01"));
    let r20 = table("pays").unwrap();
    assert!(
        offered[..216]
            .iter()
            .all(|c| r20.get(c).is_some_and(|c| c.is_valid_at(at)))
    );
    assert_eq!(r20.in_force_at(at).count(), 216);
    // 01 "Non renseigné" is no TRE_R20 code (not a country).
    assert!(r20.get("01").is_none());
    assert_eq!(pays.outside_codes()[0].label(), "Non renseigné");
}

#[test]
fn republique_francaise_99000_is_replaced_by_99100() {
    let pays = value_set("pays").unwrap();
    let ended = pays.check("99000", day(2026, 11, 23)).unwrap_err();
    assert!(
        matches!(
            ended,
            CodeError::Deprecated {
                replaced_by: ["99100"],
                ..
            }
        ),
        "{ended:?}"
    );
    assert_eq!(pays.get("99000").unwrap().date_fin(), Some(day(2016, 9, 1)));
}

#[test]
fn other_ended_countries_have_no_invented_successor() {
    let pays = value_set("pays").unwrap();
    let ended = pays.check("99141", day(2026, 11, 23)).unwrap_err();
    assert!(
        matches!(ended, CodeError::Deprecated { replaced_by: [], .. }),
        "{ended:?}"
    );
    let r20 = table("TRE_R20").unwrap();
    let with_successor: Vec<&str> = (r20.codes().iter())
        .filter(|c| !c.replaced_by().is_empty())
        .map(Code::code)
        .collect();
    assert_eq!(with_successor, ["99000"]);
}

// --- lists and search for forms ------------------------------------------------------------------

#[test]
fn lists_follow_the_source_s_order() {
    let at = day(2026, 11, 23);
    let listed: Vec<&str> = list("profession", at).unwrap().iter().map(|e| e.code).collect();
    let source: Vec<&str> = j121().latest().codes().iter().map(|c| c.code()).collect();
    assert_eq!(listed, source);
    let r85: Vec<&str> = list("TRE_R85", at).unwrap().iter().map(|e| e.code).collect();
    assert_eq!(r85.len(), 75); // 80 codes, 5 ended
    assert!(r85.windows(2).all(|w| w[0] < w[1]));
    // At 2025-04-24, J121's version of 2024-10-25, minus 369 ended in TRE_R85.
    let then = list("JDV_J121", day(2025, 4, 24)).unwrap();
    assert_eq!(then.len(), 53);
    assert!(
        then.iter()
            .all(|e| e.offered == Some(true) && e.status == Status::Active)
    );
    let entry = then.iter().find(|e| e.code == "323").unwrap();
    assert_eq!(entry.date_fin, Some(day(2025, 12, 22)));
    assert_eq!(list("sexe", at).unwrap()[0].offered, None);
    assert_eq!(list("no-such-table", at).unwrap_err(), NomenclatureError::UnknownTable);
}

#[test]
fn search_matches_short_and_display_labels() {
    let at = day(2026, 11, 23);
    let first = |name, q| lookup(name, q, at, 3).unwrap().entries[0];
    // TRE_R22 short label, which JDV_J116 shows.
    let genr08 = first("role", "Activité de coordination et d'orientation");
    assert_eq!(
        (genr08.code, genr08.short_label),
        ("GENR08", Some("Activité de coordination et d'orientation"))
    );
    // J116's display label of GENR13.
    assert_eq!(first("role", "medico-administratif").code, "GENR13");
    // J256's display label of 99100, ahead of 99000's "République française".
    let france = first("pays", "france");
    assert_eq!((france.code, france.display), ("99100", Some("France")));
    // J121's display label of 370.
    assert_eq!(first("profession", "operateur de soins non programmes").code, "370");
    let pays = table("pays").unwrap();
    assert_eq!(pays.search("99100", 3)[0].code(), "99100");
    assert!(pays.search("allemagne", 3).iter().any(|c| c.code() == "99109"));
    assert!(pays.search("", 3).is_empty());
}

/// docs/cli.md (`lookup`) and docs/domain.md §3.2 list the portal aliases as the core has them,
/// in its order, `commune` last.
#[test]
fn the_docs_list_the_aliases() {
    let mut aliases: Vec<&str> = super::aliases().collect();
    aliases.push(super::COMMUNE_TABLE);
    for (doc, from, to) in [
        ("cli.md", "TABLE: a portal alias — ", " — or any NOS"),
        ("domain.md", "by its portal alias (", "), its NOS name"),
    ] {
        let text = std::fs::read_to_string(format!("{}/../docs/{doc}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let start = text.find(from).unwrap_or_else(|| panic!("{doc}: no alias list")) + from.len();
        let list = &text[start..start + text[start..].find(to).unwrap()];
        let named: Vec<&str> = list.split('`').skip(1).step_by(2).collect();
        assert_eq!(named, aliases, "docs/{doc}'s list of aliases");
    }
}
