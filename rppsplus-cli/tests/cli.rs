//! The CLI contract (docs/cli.md), run on the built binary.

mod common;

use common::{rppsplus, stdout};

#[test]
fn text_lines_and_exit_codes() {
    let ok = rppsplus(&["check", "rpps", "10107985318"], b"");
    assert_eq!(
        (ok.status.code(), stdout(&ok).as_str()),
        (Some(0), "10107985318\tok\t10107985318\n")
    );
    let bad = rppsplus(&["check", "finess", "970405593", "9A0405593", "970405594"], b"");
    assert_eq!(bad.status.code(), Some(1));
    insta::assert_snapshot!("finess_text", stdout(&bad));
}

#[test]
fn json_records() {
    let o = rppsplus(
        &[
            "check",
            "phone",
            "--format",
            "json",
            "0692123456",
            "+44 7700 900123",
            "0123456789",
        ],
        b"",
    );
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!("phone_json", stdout(&o));
}

#[test]
fn stdin_lines_crlf_blank_and_invalid_utf8() {
    let o = rppsplus(
        &["check", "idnat"],
        b"810107985318\r\n\n8 10107985318\n8101079853\xff8\n",
    );
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!("idnat_stdin", stdout(&o));
}

#[test]
fn test_mode_warns() {
    let strict = rppsplus(&["check", "rpps", "99700075122"], b"");
    assert_eq!(strict.status.code(), Some(1));
    let test = rppsplus(&["check", "rpps", "--test-mode", "99700075122"], b"");
    assert_eq!(
        (test.status.code(), stdout(&test).as_str()),
        (Some(0), "99700075122\tok\t99700075122\n")
    );
    assert!(String::from_utf8_lossy(&test.stderr).contains("test_identifier"));
}

#[test]
fn display_forms() {
    let o = rppsplus(
        &["check", "siret", "--display", "73282932000074", "73282932000075"],
        b"",
    );
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "73282932000074\tok\t732 829 320 00074");
    assert!(
        lines[1].starts_with("73282932000075\terror\tinvalid_checksum\t"),
        "{text}"
    );
    let o = rppsplus(
        &["check", "phone", "--display", "--format", "json", "+262692123456"],
        b"",
    );
    let record: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(record["canonical"], "+262692123456");
    assert_eq!(record["display"], "06 92 12 34 56");
    // Without --display, the JSON records keep their shape.
    let o = rppsplus(&["check", "phone", "--format", "json", "+262692123456"], b"");
    let record: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert!(record.get("display").is_none());
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["check", "no-such-kind", "1"][..],
        &["check"],
        &["check", "rpps", "--format", "xml", "1"],
        &[],
    ] {
        let o = rppsplus(args, b"");
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(o.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn huge_line_is_one_error() {
    let mut input = vec![b'1'; 10_000_000];
    input.push(b'\n');
    let o = rppsplus(&["check", "rpps", "--format", "json"], &input);
    assert_eq!(o.status.code(), Some(1));
    let record: serde_json::Value = serde_json::from_slice(&o.stdout).expect("one JSON record");
    assert_eq!(record["code"], "invalid_length");
}

#[test]
fn lookup_codes_and_labels() {
    let o = rppsplus(
        &["lookup", "profession", "326", "--format", "json", "--at", "2026-11-23"],
        b"",
    );
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("a JSON list");
    assert_eq!(v[0]["label"], "Educateur spécialisé");
    let deprecated = rppsplus(&["lookup", "profession", "323", "--at", "2026-11-23"], b"");
    insta::assert_snapshot!("lookup_323", stdout(&deprecated));
    let before = rppsplus(&["lookup", "profession", "323", "--at", "2025-01-01"], b"");
    assert!(stdout(&before).starts_with("323\tAide médico-psychologique\tactive"));
}

#[test]
fn lookup_communes() {
    let o = rppsplus(
        &["lookup", "commune", "st etienne", "--limit", "3", "--at", "2026-11-23"],
        b"",
    );
    insta::assert_snapshot!("lookup_st_etienne", stdout(&o));
    let postal = rppsplus(&["lookup", "commune", "75015", "--format", "json"], b"");
    assert_eq!(postal.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&postal.stderr).contains("code postal"));
    let v: serde_json::Value = serde_json::from_slice(&postal.stdout).expect("a JSON list");
    assert_eq!(
        (v[0]["code"].as_str(), v[0]["type"].as_str()),
        (Some("75115"), Some("arrondissement-municipal"))
    );
    let none = rppsplus(&["lookup", "commune", "zzzzzz"], b"");
    assert_eq!((none.status.code(), none.stdout.is_empty()), (Some(1), true));
}

#[test]
fn lookup_without_a_query_lists_every_code_offered() {
    let o = rppsplus(&["lookup", "JDV_J121", "--format", "json", "--at", "2026-11-22"], b"");
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("a JSON list");
    let codes: Vec<&str> = v
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|e| e["code"].as_str())
        .collect();
    assert_eq!((codes.len(), codes[0], codes[59]), (60, "307", "379"));
    // The value set is judged at the date: AMP (323) was offered in 2022, not 371.
    let then = stdout(&rppsplus(&["lookup", "profession", "--at", "2022-09-05"], b""));
    assert!(
        then.lines()
            .any(|l| l.starts_with("323\tAide médico-psychologique\tactive"))
    );
    assert!(!then.lines().any(|l| l.starts_with("371\t")));
    insta::assert_snapshot!(
        "lookup_list_mode_exercice",
        stdout(&rppsplus(&["lookup", "mode-exercice", "--at", "2026-02-02"], b""))
    );
    let sexe = stdout(&rppsplus(&["lookup", "TRE_R249", "--at", "2026-11-22"], b""));
    assert_eq!(sexe.lines().count(), 4, "U ended on 2023-12-15");
}

#[test]
fn lookup_countries_are_the_portal_s_list() {
    let o = rppsplus(&["lookup", "pays", "--format", "json", "--at", "2026-11-22"], b"");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("a JSON list");
    let v = v.as_array().expect("a list");
    assert_eq!(v.len(), 217);
    assert_eq!(
        (v[0]["code"].as_str(), v[0]["display"].as_str()),
        (Some("99100"), Some("France"))
    );
    assert_eq!(
        (v[216]["code"].as_str(), v[216]["label"].as_str()),
        (Some("01"), Some("Non renseigné"))
    );
    let old = rppsplus(
        &["lookup", "pays", "99000", "--format", "json", "--at", "2026-11-22"],
        b"",
    );
    let old: serde_json::Value = serde_json::from_slice(&old.stdout).expect("a JSON list");
    assert_eq!(
        (old[0]["status"].as_str(), old[0]["replaced_by"][0].as_str()),
        (Some("deprecated"), Some("99100"))
    );
    let role = rppsplus(
        &["lookup", "role", "coordination et d'orientation", "--format", "json"],
        b"",
    );
    let role: serde_json::Value = serde_json::from_slice(&role.stdout).expect("a JSON list");
    assert_eq!(role[0]["short_label"], "Activité de coordination et d'orientation");
}

#[test]
fn lookup_names_every_alias() {
    let help = stdout(&rppsplus(&["lookup", "--help"], b""));
    let unknown = rppsplus(&["lookup", "no-such-table"], b"");
    let message = String::from_utf8_lossy(&unknown.stderr).into_owned();
    for alias in rppsplus_core::nomenclature::aliases().chain(["commune"]) {
        assert!(help.contains(alias), "{alias} in the help");
        assert!(message.contains(alias), "{alias} in the error");
    }
}

#[test]
fn lookup_bad_arguments() {
    assert_eq!(rppsplus(&["lookup", "no-such-table", "1"], b"").status.code(), Some(2));
    assert_eq!(
        rppsplus(&["lookup", "profession", "326", "--at", "2026-13-01"], b"")
            .status
            .code(),
        Some(2)
    );
    let empty = rppsplus(&["lookup", "profession", ""], b"");
    assert_eq!(empty.status.code(), Some(1));
}

#[test]
fn validate_the_sample_collection() {
    let csv = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/demandes.csv");
    let o = rppsplus(
        &["validate", csv, "--reference-date", "2026-11-22", "--format", "json"],
        b"",
    );
    assert_eq!(o.status.code(), Some(1), "25 of the 49 sample demandes are invalid");
    let reports: serde_json::Value = serde_json::from_slice(&o.stdout).expect("one JSON array");
    let reports = reports.as_array().expect("an array");
    // The Windows-1252 notice is about the file: one object without row, record or valid.
    let (files, demandes): (Vec<_>, Vec<_>) = reports.iter().partition(|r| r.get("row").is_none());
    assert_eq!(files.len(), 1);
    let keys: Vec<&str> = files[0].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["file", "findings"]);
    assert_eq!(files[0]["findings"][0]["code"], "encoding_converted");
    assert_eq!(demandes.len(), 49);
    assert_eq!(demandes.iter().filter(|r| r["valid"] == true).count(), 24);
    assert_eq!(
        (demandes[0]["row"].clone(), demandes[0]["record"].clone()),
        (2.into(), 1.into())
    );
    assert_eq!(
        (demandes[48]["row"].clone(), demandes[48]["record"].clone()),
        (50.into(), 49.into())
    );
    let text = rppsplus(&["validate", csv, "--reference-date", "2026-11-22"], b"");
    let text = stdout(&text);
    assert!(
        text.ends_with("fichier(s) : 0 erreur(s), 1 alerte(s)\n49 demande(s) : 24 valide(s), 25 invalide(s)\n"),
        "{text}"
    );
    assert!(text.contains("demandes.csv fichier :\n  alerte (fichier)"), "{text}");
}

#[test]
fn validate_json_from_stdin_and_options() {
    let draft = br#"{"procedure": "primo_enregistrement"}"#;
    let o = rppsplus(
        &[
            "validate",
            "-",
            "--format",
            "json",
            "--stage",
            "draft",
            "--reference-date",
            "2026-11-22",
        ],
        draft,
    );
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v[0]["index"], 0);
    assert!(
        v[0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["path"] != "confirmations.cgu_acceptees")
    );
    // A document that is not JSON is no demande: one object about the file, exit 1.
    let not_json = rppsplus(&["validate", "-", "--format", "json"], b"{\"procedure\":");
    let v: serde_json::Value = serde_json::from_slice(&not_json.stdout).expect("JSON");
    assert_eq!(v[0]["findings"][0]["code"], "invalid_json");
    assert!(v[0].get("index").is_none() && v[0].get("valid").is_none(), "{v}");
    assert_eq!(not_json.status.code(), Some(1));
    let text = rppsplus(&["validate", "-"], b"{\"procedure\":");
    assert!(
        stdout(&text).ends_with("fichier(s) : 1 erreur(s), 0 alerte(s)\n0 demande(s) : 0 valide(s), 0 invalide(s)\n")
    );
}

#[test]
fn validate_unreadable_input_exits_2() {
    let o = rppsplus(&["validate", "/no/such/file.csv"], b"");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("/no/such/file.csv"));
    assert_eq!(rppsplus(&["validate"], b"").status.code(), Some(2));
    assert_eq!(
        rppsplus(&["validate", "x.json", "--stage", "later"], b"").status.code(),
        Some(2)
    );
}

#[test]
fn dates_are_read_by_the_core_parser_only() {
    for (args, bad) in [
        (&["validate", "-", "--reference-date"][..], " 2026-1-5"),
        (&["validate", "-", "--reference-date"][..], "2026-1-5"),
        (&["lookup", "profession", "326", "--at"][..], "+2026-11-23"),
    ] {
        let mut args = args.to_vec();
        args.push(bad);
        let out = rppsplus(&args, b"{}");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("YYYY-MM-DD"), "{args:?}");
    }
    let ok = rppsplus(&["lookup", "profession", "326", "--at", "2026-11-23"], b"");
    assert_eq!(ok.status.code(), Some(0));
}

#[test]
fn stage_and_actor_names_are_the_core_names() {
    let help = rppsplus(&["validate", "--help"], b"");
    let help = stdout(&help);
    let names = |set: &[&str]| format!("[possible values: {}]", set.join(", "));
    assert!(help.contains(&names(rppsplus_core::demande::Stage::NAMES)), "{help}");
    assert!(help.contains(&names(rppsplus_core::demande::Actor::NAMES)), "{help}");
}

#[test]
fn validate_json_lines_and_byte_order_marks() {
    // A BOM before JSON Lines whose first line is bad: each line is its demande, the bad one
    // names its line in the file.
    let lines = b"\xEF\xBB\xBF{\"procedure\": \n{\"procedure\": \"fermeture_situation\"}\n";
    let o = rppsplus(&["validate", "-", "--format", "json"], lines);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let v = v.as_array().unwrap();
    assert_eq!(v.len(), 2, "{v:?}");
    assert_eq!((v[0]["index"].clone(), v[1]["index"].clone()), (0.into(), 1.into()));
    assert_eq!(v[0]["findings"][0]["code"], "invalid_json");
    assert!(
        v[0]["findings"][0]["message_en"]
            .as_str()
            .unwrap()
            .contains("at line 1")
    );
}

#[test]
fn validate_a_collection_file_as_excel_for_mac_writes_it() {
    let csv = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/collection/excel-csv-macintosh.csv"
    );
    let o = rppsplus(
        &["validate", csv, "--reference-date", "2026-11-22", "--format", "json"],
        b"",
    );
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let v = v.as_array().unwrap();
    // The file's notice (Mac Roman), then the 7 demandes of the 8 rows (a blank one).
    assert_eq!(v[0]["findings"][0]["code"], "encoding_converted");
    assert!(v[0]["findings"][0]["message"].as_str().unwrap().contains("Mac Roman"));
    let at: Vec<(u64, u64)> = v[1..]
        .iter()
        .map(|d| (d["row"].as_u64().unwrap(), d["record"].as_u64().unwrap()))
        .collect();
    assert_eq!(at, [(2, 1), (3, 2), (5, 4), (6, 5), (7, 6), (8, 7), (9, 8)]);
    let text = stdout(&rppsplus(&["validate", csv, "--reference-date", "2026-11-22"], b""));
    assert!(
        text.starts_with(&format!("{csv} fichier :\n  alerte (fichier)")),
        "{text}"
    );
    assert!(text.ends_with("7 demande(s) : 3 valide(s), 4 invalide(s)\n"), "{text}");
}

#[test]
fn template_in_both_formats() {
    let dir = std::env::temp_dir().join(format!("rppsplus-cli-template-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("recueil.csv");
    let o = rppsplus(
        &[
            "template",
            "--format",
            "csv",
            csv.to_str().unwrap(),
            "--at",
            "2026-11-22",
        ],
        b"",
    );
    assert_eq!(o.status.code(), Some(0));
    let header = std::fs::read_to_string(&csv).unwrap();
    assert!(
        header.starts_with("\u{feff}Procédure *;Numéro de la demande;Numéro RPPS;Civilité;"),
        "{header}"
    );
    assert_eq!(header.lines().count(), 1);
    // The format from the extension.
    let xlsx = dir.join("recueil.xlsx");
    assert_eq!(
        rppsplus(&["template", xlsx.to_str().unwrap()], b"").status.code(),
        Some(0)
    );
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
    let nowhere = rppsplus(&["template", "/no/such/dir/recueil.xlsx"], b"");
    assert_eq!(nowhere.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&nowhere.stderr).contains("io_error"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn validate_only_invalid_with_a_report_and_counts_per_code() {
    let csv = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/demandes.csv");
    let dir = std::env::temp_dir().join(format!("rppsplus-cli-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let report = dir.join("rapport.csv");
    let args = ["validate", csv, "--reference-date", "2026-11-22", "--only-invalid"];
    let o = rppsplus(&[&args[..], &["--report", report.to_str().unwrap()]].concat(), b"");
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    // The valid demandes are counted, not printed.
    assert_eq!(text.matches(" : INVALIDE\n").count(), 25);
    assert!(!text.contains(" : valide\n"), "{text}");
    assert!(
        text.contains("constats par code :\n  not_applicable           8\n"),
        "{text}"
    );
    assert!(
        text.ends_with("49 demande(s) : 24 valide(s), 25 invalide(s)\n"),
        "{text}"
    );
    // The report: its header, a row for the file's notice, one per invalid demande.
    let rows = std::fs::read_to_string(&report).unwrap();
    let lines: Vec<&str> = rows.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert!(lines[0].starts_with("\u{feff}Ligne;Constats;procedure;"));
    let file: Vec<&&str> = lines.iter().filter(|l| l.starts_with("fichier;")).collect();
    assert!(
        file.len() == 1 && file[0].starts_with("fichier;\"encoding_converted : "),
        "{file:?}"
    );
    let demandes = lines.iter().filter(|l| l.starts_with(|c: char| c.is_ascii_digit()));
    assert_eq!(demandes.count(), 25);
    // JSON output: the summary line on stderr; an XLSX report of the JSON twin.
    let json = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/demandes.json");
    let xlsx = dir.join("rapport.xlsx");
    let o = rppsplus(
        &[
            "validate",
            json,
            "--reference-date",
            "2026-11-22",
            "--format",
            "json",
            "--report",
            xlsx.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "49 demandes, 24 valides, 25 invalides\n"
    );
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
    // One report for one file, named .xlsx or .csv.
    let two = rppsplus(&["validate", csv, json, "--report", xlsx.to_str().unwrap()], b"");
    assert_eq!(two.status.code(), Some(2));
    let ods = rppsplus(&["validate", csv, "--report", "rapport.ods"], b"");
    assert_eq!(ods.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn validate_a_workbook_known_by_its_content() {
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/collection/");
    let csv = rppsplus(
        &[
            "validate",
            &format!("{corpus}excel-csv-utf8.csv"),
            "--reference-date",
            "2026-11-22",
            "--format",
            "json",
        ],
        b"",
    );
    let records = |o: &std::process::Output| -> Vec<serde_json::Value> {
        let mut v: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).expect("JSON");
        for record in &mut v {
            record.as_object_mut().unwrap().remove("file");
        }
        v
    };
    let xlsx = std::fs::read(format!("{corpus}excel.xlsx")).unwrap();
    for (name, stdin) in [
        (format!("{corpus}libreoffice.ods"), &b""[..]),
        (format!("{corpus}excel-97.xls"), b""),
        (format!("{corpus}excel.xlsx"), b""),
        // From stdin, by its content.
        ("-".to_owned(), &xlsx[..]),
    ] {
        let o = rppsplus(
            &["validate", &name, "--reference-date", "2026-11-22", "--format", "json"],
            stdin,
        );
        assert_eq!(o.status.code(), Some(1), "{name}");
        assert_eq!(records(&o), records(&csv), "{name}");
    }
    let o = rppsplus(&["validate", &format!("{corpus}excel.xlsx"), "--sheet", "Feuil1"], b"");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("il n'a pas de feuille « Feuil1 » (ses feuilles : « Demandes »)"),
        "{}",
        stdout(&o)
    );
    assert_eq!(
        stdout(&rppsplus(
            &[
                "validate",
                &format!("{corpus}excel.xlsx"),
                "--sheet",
                "Demandes",
                "--reference-date",
                "2026-11-22"
            ],
            b"",
        ))
        .lines()
        .last(),
        Some("7 demande(s) : 3 valide(s), 4 invalide(s)")
    );
}

#[test]
fn the_report_of_a_workbook_is_the_report_of_its_csv_twin() {
    // Its rows read again from the workbook: the same cells, findings and counts as the CSV's.
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/collection/");
    let dir = std::env::temp_dir().join(format!("rppsplus-cli-workbook-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let report = |input: &str, out: &str| {
        let out = dir.join(out);
        let o = validate_with_report(&format!("{corpus}{input}"), &out, b"");
        assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
        out
    };
    // Each record's « Ligne » and « Constats » (the cells differ as they should: a date cell is
    // `1999-05-05` where the CSV holds `5/5/1999`).
    let findings = |path: std::path::PathBuf| {
        let text = std::fs::read_to_string(path).unwrap();
        let (mut records, mut fields, mut field, mut quoted) = (Vec::new(), Vec::new(), String::new(), false);
        for c in text.chars() {
            match c {
                '"' => quoted = !quoted,
                ';' if !quoted => fields.push(std::mem::take(&mut field)),
                '\r' if !quoted => {}
                '\n' if !quoted => {
                    fields.push(std::mem::take(&mut field));
                    records.push(std::mem::take(&mut fields)[..2].to_vec());
                }
                c => field.push(c),
            }
        }
        records
    };
    let csv = findings(report("excel-csv-utf8.csv", "csv.csv"));
    assert_eq!(csv.len(), 8, "{csv:?}");
    assert!(csv[3][1].contains("Excel"), "{csv:?}");
    for workbook in ["excel.xlsx", "libreoffice.ods", "excel-97.xls"] {
        assert_eq!(
            findings(report(workbook, &format!("{workbook}.csv"))),
            csv,
            "{workbook}"
        );
    }
    let xlsx = report("excel.xlsx", "rapport.xlsx");
    assert!(std::fs::read(xlsx).unwrap().starts_with(b"PK"));
    // From stdin (copied to a temporary file, read twice): the same reports.
    for (input, twin) in [("excel-csv-utf8.csv", "csv.csv"), ("excel.xlsx", "excel.xlsx.csv")] {
        let out = dir.join(format!("stdin-{twin}"));
        let bytes = std::fs::read(format!("{corpus}{input}")).unwrap();
        assert_eq!(validate_with_report("-", &out, &bytes).status.code(), Some(1));
        assert_eq!(findings(out), findings(dir.join(twin)), "{input}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `rppsplus validate INPUT --reference-date 2026-11-22 --report REPORT`, `stdin` on its input.
fn validate_with_report(input: &str, report: &std::path::Path, stdin: &[u8]) -> std::process::Output {
    let args = [
        "validate",
        input,
        "--reference-date",
        "2026-11-22",
        "--report",
        report.to_str().unwrap(),
    ];
    rppsplus(&args, stdin)
}

#[test]
fn the_xlsx_report_of_a_file_wider_than_a_sheet() {
    // 20 000 unknown columns before the fields: the XLSX report keeps Excel's 16 384 columns.
    let dir = std::env::temp_dir().join(format!("rppsplus-cli-wide-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let extra = ";x".repeat(20_000);
    let file = format!(
        "procedure{extra};rpps\nfermeture_situation{};10107985319\n",
        ";".repeat(20_000)
    );
    let out = dir.join("rapport.xlsx");
    let o = validate_with_report("-", &out, file.as_bytes());
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut rows = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/worksheets/sheet2.xml").unwrap(), &mut rows).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    // The header's last cell is Excel's last column, XFD; nothing past it.
    assert!(rows.contains(r#"r="XFD1""#) && !rows.contains(r#"r="XFE1""#));
}
