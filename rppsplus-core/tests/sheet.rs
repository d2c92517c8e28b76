//! The spreadsheets written (docs/domain.md §4.6), opened again: the template's dropdowns,
//! comments and « Codes » sheet, a template filled in that validates with zero findings,
//! and the annotated report checked cell by cell.

use std::collections::HashMap;
use std::io::Read;

use chrono::NaiveDate;
use regex::Regex;
use rppsplus_core::demande::sheet::{Annotated, AnnotatedReport, SheetFormat, json_cells, template};
use rppsplus_core::demande::{COLUMNS, CsvItem, HEADERS, Options, csv_cells, csv_reports};
use rppsplus_core::nomenclature;

/// An XLSX opened: its parts by name, and its shared strings.
struct Xlsx {
    parts: HashMap<String, String>,
    shared: Vec<String>,
}

impl Xlsx {
    fn open(bytes: &[u8]) -> Self {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut parts = HashMap::new();
        for i in 0..zip.len() {
            let mut file = zip.by_index(i).unwrap();
            let mut text = String::new();
            file.read_to_string(&mut text).unwrap();
            parts.insert(file.name().to_owned(), text);
        }
        let si = Regex::new(r"(?s)<si>(.*?)</si>").unwrap();
        let shared = parts
            .get("xl/sharedStrings.xml")
            .map(|xml| si.captures_iter(xml).map(|c| texts(&c[1])).collect())
            .unwrap_or_default();
        Self { parts, shared }
    }

    fn part(&self, name: &str) -> &str {
        self.parts
            .get(name)
            .unwrap_or_else(|| panic!("no {name} in {:?}", self.parts.keys()))
    }

    /// The `<c>` element of a cell (`B3`) of a sheet part, if written.
    fn cell_xml(&self, sheet: &str, cell: &str) -> Option<String> {
        let c = Regex::new(&format!(r#"(?s)<c r="{cell}"[^>]*?(/>|>.*?</c>)"#)).unwrap();
        c.find(self.part(sheet)).map(|m| m.as_str().to_owned())
    }

    /// The text of a cell: a shared string, an inline one, or a number.
    fn cell(&self, sheet: &str, cell: &str) -> Option<String> {
        let xml = self.cell_xml(sheet, cell)?;
        let v = Regex::new(r"<v>(.*?)</v>").unwrap();
        if xml.contains(r#"t="s""#) {
            let i: usize = v.captures(&xml)?[1].parse().ok()?;
            return self.shared.get(i).cloned();
        }
        if xml.contains("inlineStr") {
            return Some(texts(&xml));
        }
        v.captures(&xml).map(|c| c[1].to_owned())
    }
}

/// The text of the `<t>` elements of an XML fragment, unescaped.
fn texts(xml: &str) -> String {
    let t = Regex::new(r"(?s)<t(?: [^>]*)?>(.*?)</t>").unwrap();
    let text: String = t.captures_iter(xml).map(|c| c[1].to_owned()).collect();
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The letters of a 0-based column.
fn letters(mut c: usize) -> String {
    let mut s = String::new();
    loop {
        s.insert(0, (b'A' + (c % 26) as u8) as char);
        if c < 26 {
            return s;
        }
        c = c / 26 - 1;
    }
}

fn at() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn column(path: &str) -> usize {
    COLUMNS.iter().position(|c| *c == path).unwrap()
}

/// Each dropdown of the template's sheet of demandes: its column and its range on « Codes »
/// (column letters, first and last row).
fn dropdowns(xlsx: &Xlsx) -> Vec<(usize, String, usize, usize)> {
    let dv = Regex::new(r#"(?s)<dataValidation [^>]*sqref="([A-Z]+)2:[A-Z]+1048576"[^>]*>\s*<formula1>Codes!\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)</formula1>"#).unwrap();
    let sheet = xlsx.part("xl/worksheets/sheet1.xml");
    let mut found: Vec<(usize, String, usize, usize)> = dv
        .captures_iter(sheet)
        .map(|c| {
            let col = (0..COLUMNS.len()).find(|i| letters(*i) == c[1]).unwrap();
            (col, c[2].to_owned(), c[3].parse().unwrap(), c[4].parse().unwrap())
        })
        .collect();
    found.sort();
    found
}

#[test]
fn the_template_has_its_dropdowns_comments_and_codes() {
    let xlsx = Xlsx::open(&template(SheetFormat::Xlsx, at()).unwrap());
    // The headers: the portal's labels, one column per field.
    for (i, h) in HEADERS.iter().enumerate() {
        let header = xlsx
            .cell("xl/worksheets/sheet1.xml", &format!("{}1", letters(i)))
            .unwrap();
        assert_eq!(header.trim_end_matches(" *"), h.label);
    }
    assert!(
        xlsx.part("xl/worksheets/sheet1.xml")
            .contains(r#"<pane ySplit="1" topLeftCell="A2""#)
    );
    assert!(xlsx.part("xl/workbook.xml").contains(r#"name="Codes""#));
    // A comment on every header, saying what the cell holds.
    let comments = xlsx.part("xl/comments1.xml");
    assert_eq!(comments.matches("<comment ").count(), COLUMNS.len());
    assert!(comments.contains("Champ situation.profession."), "{comments}");
    assert!(comments.contains("Date (JJ/MM/AAAA)."));
    // A dropdown on each coded column, its range the list's rows on « Codes ».
    let found = dropdowns(&xlsx);
    let coded: Vec<usize> = found.iter().map(|d| d.0).collect();
    let expected: Vec<usize> = [
        "procedure",
        "etat_civil.civilite",
        "etat_civil.sexe",
        "etat_civil.pays_naissance",
        "etat_civil.source",
        "situation.profession",
        "situation.role",
        "situation.mode_exercice",
        "situation.motif_fin",
        "confirmations.cgu_acceptees",
        "confirmations.rencontre_en_personne",
    ]
    .map(column)
    .into();
    assert_eq!(coded, expected);
    for (col, letters, first, last) in &found {
        assert_eq!(*first, 3, "{col}");
        let codes_sheet = "xl/worksheets/sheet2.xml";
        let title = xlsx.cell(codes_sheet, &format!("{letters}1")).unwrap();
        assert!(
            title.starts_with(HEADERS[*col].label) || title == "Oui ou non",
            "{title}"
        );
        assert!(xlsx.cell(codes_sheet, &format!("{letters}{last}")).is_some());
        assert!(
            xlsx.cell(codes_sheet, &format!("{letters}{}", last + 1)).is_none(),
            "{title}"
        );
    }
    // Each value set as the nomenclature lists it at the date.
    for (alias, path) in [
        ("profession", "situation.profession"),
        ("role", "situation.role"),
        ("pays", "etat_civil.pays_naissance"),
        ("civilite", "etat_civil.civilite"),
    ] {
        let (_, _, first, last) = found.iter().find(|d| d.0 == column(path)).unwrap();
        assert_eq!(
            last - first + 1,
            nomenclature::list(alias, at()).unwrap().len(),
            "{alias}"
        );
    }
}

/// The dropdown value of `code` in the column of `path`, read from « Codes ».
fn choice(xlsx: &Xlsx, path: &str, code: &str) -> String {
    let dropdowns = dropdowns(xlsx);
    let (_, letters, first, last) = dropdowns.iter().find(|d| d.0 == column(path)).unwrap();
    let code_column = next(letters);
    let sheet = "xl/worksheets/sheet2.xml";
    let row = (*first..=*last)
        .find(|r| xlsx.cell(sheet, &format!("{code_column}{r}")).as_deref() == Some(code))
        .unwrap_or_else(|| panic!("no {code} for {path}"));
    xlsx.cell(sheet, &format!("{letters}{row}")).unwrap()
}

/// The column after `l`.
fn next(l: &str) -> String {
    let i = (0..200).find(|i| letters(*i) == l).unwrap();
    letters(i + 1)
}

#[test]
fn a_template_filled_from_its_dropdowns_validates() {
    let xlsx = Xlsx::open(&template(SheetFormat::Xlsx, at()).unwrap());
    let mut row = vec![String::new(); COLUMNS.len()];
    let mut set = |path: &str, value: String| row[column(path)] = value;
    for (path, code) in [
        ("procedure", "primo_enregistrement"),
        ("etat_civil.civilite", "MME"),
        ("etat_civil.sexe", "F"),
        ("etat_civil.pays_naissance", "99100"),
        ("etat_civil.source", "saisie"),
        ("situation.profession", "326"),
        ("situation.role", "GENR08"),
        ("situation.mode_exercice", "S"),
        ("confirmations.cgu_acceptees", "oui"),
        ("confirmations.rencontre_en_personne", "oui"),
    ] {
        set(path, choice(&xlsx, path, code));
    }
    for (path, value) in [
        ("etat_civil.nom_naissance", "DUPONT"),
        ("etat_civil.prenoms", "Nathalie"),
        ("etat_civil.date_naissance", "05/05/1999"),
        ("etat_civil.commune_naissance", "13203"),
        ("contact.email", "nathalie.dupont@example.org"),
        ("contact.telephone_mobile", "+33730494959"),
        ("situation.nom_exercice", "DUPONT"),
        ("situation.prenom_exercice", "Nathalie"),
        ("situation.structure.finess", "970405593"),
        ("situation.date_prise_fonction", "02/05/2022"),
    ] {
        set(path, value.to_owned());
    }
    assert_eq!(row[column("situation.profession")], "326 - Educateur spécialisé");
    // The CSV twin of the template filled: its header, and the row.
    let mut file = template(SheetFormat::Csv, at()).unwrap();
    file.extend_from_slice(row.join(";").as_bytes());
    file.extend_from_slice(b"\r\n");
    let options = Options {
        reference_date: at(),
        ..Options::default()
    };
    let items: Vec<CsvItem> = csv_reports(&file[..], options).map(Result::unwrap).collect();
    assert_eq!(items.len(), 1, "{items:?}");
    assert!(items[0].report().findings().is_empty(), "{:?}", items[0].report());
    // A wrong cell is a finding: the row is read.
    let broken = String::from_utf8(file)
        .unwrap()
        .replace("326 - Educateur spécialisé", "326 - Infirmier");
    let items: Vec<CsvItem> = csv_reports(broken.as_bytes(), options).map(Result::unwrap).collect();
    assert!(!items[0].report().is_valid());
}

#[test]
fn the_annotated_report_marks_each_cell_and_counts() {
    let file = "procedure;rpps;situation.id;situation.date_fin_fonction;remarque;confirmations.cgu_acceptees;confirmations.rencontre_en_personne\r\n\
                fermeture_situation;10107985318;S1;31/01/2026;;oui;oui\r\n\
                fermeture_situation;10107985319;;31/01/2026;à rappeler;oui;oui\r\n\
                fermeture_situation;10107985326;S3;2026-13-01;;oui;oui\r\n";
    let dir = std::env::temp_dir().join(format!("rppsplus-sheet-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("rapport.xlsx");
    let options = Options {
        reference_date: at(),
        ..Options::default()
    };
    let mut cells = csv_cells(file.as_bytes()).unwrap();
    let mut report = AnnotatedReport::create(&out, SheetFormat::Xlsx, cells.header(), false).unwrap();
    for item in csv_reports(file.as_bytes(), options) {
        match item.unwrap() {
            CsvItem::File(file) => report.file(&file).unwrap(),
            CsvItem::Demande { record, report: r, .. } => {
                let row = cells.next().unwrap().unwrap();
                assert_eq!(row.record, record);
                report.row(record, &row.cells, &r).unwrap();
            }
        }
    }
    let tally = report.finish().unwrap();
    assert_eq!(tally.line(), "3 demandes, 1 valides, 2 invalides");
    let xlsx = Xlsx::open(&std::fs::read(&out).unwrap());
    std::fs::remove_dir_all(&dir).unwrap();
    let rows = "xl/worksheets/sheet2.xml";
    // The header and the cells as they came, after « Ligne » and « Constats ».
    assert_eq!(xlsx.cell(rows, "A1").as_deref(), Some("Ligne"));
    assert_eq!(xlsx.cell(rows, "D1").as_deref(), Some("rpps"));
    assert_eq!(xlsx.cell(rows, "D3").as_deref(), Some("10107985319"));
    assert_eq!(xlsx.cell(rows, "G3").as_deref(), Some("à rappeler"));
    assert_eq!(xlsx.cell(rows, "A4").as_deref(), Some("3"));
    // The valid row: no findings, no highlight.
    assert_eq!(xlsx.cell(rows, "B2").unwrap_or_default(), "");
    assert!(!xlsx.cell_xml(rows, "D2").unwrap().contains(" s="));
    // The invalid cells: highlighted, their messages in their comments.
    let constats = xlsx.cell(rows, "B3").unwrap();
    assert!(constats.contains("invalid_checksum : "), "{constats}");
    assert!(constats.contains("required : "), "{constats}");
    for cell in ["D3", "E3", "F4"] {
        assert!(xlsx.cell_xml(rows, cell).unwrap().contains(" s="), "{cell} highlighted");
    }
    assert!(xlsx.part("xl/styles.xml").contains("FFFFC7CE"));
    let comments = xlsx.part("xl/comments1.xml");
    let refs: Vec<&str> = Regex::new(r#"<comment ref="([A-Z]+\d+)""#)
        .unwrap()
        .captures_iter(comments)
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    assert_eq!(refs, ["D3", "E3", "F4"]);
    assert!(
        texts(comments).contains("Le numéro RPPS : la clé de contrôle est fausse"),
        "{}",
        texts(comments)
    );
    // The summary: counts, per code, per field, the file's findings, and the chart.
    let summary = "xl/worksheets/sheet1.xml";
    let counts: Vec<Option<String>> = (3..=6).map(|r| xlsx.cell(summary, &format!("B{r}"))).collect();
    let n = |s: &str| Some(s.to_owned());
    assert_eq!(counts, [n("3"), n("1"), n("2"), n("1")]);
    let by_code: Vec<(String, String)> = (9..=12)
        .filter_map(|r| {
            Some((
                xlsx.cell(summary, &format!("A{r}"))?,
                xlsx.cell(summary, &format!("B{r}"))?,
            ))
        })
        .collect();
    assert_eq!(
        by_code,
        [
            ("required".into(), "1".into()),
            ("invalid_format".into(), "1".into()),
            ("invalid_checksum".into(), "1".into()),
            ("invalid_csv".into(), "1".into()),
        ]
    );
    assert_eq!(xlsx.cell(summary, "E9").as_deref(), Some("rpps"));
    assert_eq!(xlsx.cell(summary, "F9").as_deref(), Some("rpps"));
    assert!(xlsx.parts.contains_key("xl/charts/chart1.xml"));
    assert!(xlsx.part("xl/charts/chart1.xml").contains("Synthèse"));
    assert!(xlsx.part("xl/drawings/drawing1.xml").contains("chart"));
}

#[test]
fn the_csv_report_and_json_rows() {
    let json = br#"{"procedure": "fermeture_situation", "rpps": "10107985319"}"#;
    let rows = json_cells(json);
    let header: Vec<String> = COLUMNS.iter().map(|c| (*c).to_owned()).collect();
    let out = std::env::temp_dir().join(format!("rppsplus-sheet-json-{}.csv", std::process::id()));
    let mut report = AnnotatedReport::create(&out, SheetFormat::Csv, &header, true).unwrap();
    let r = rppsplus_core::demande::validate_json(json, &Options::default());
    report.row(rows[0].0 + 1, &rows[0].1, &r).unwrap();
    let tally = report.finish().unwrap();
    let text = std::fs::read_to_string(&out).unwrap();
    std::fs::remove_file(&out).unwrap();
    assert_eq!(tally.invalid(), 1);
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert!(lines[0].starts_with("\u{feff}Ligne;Constats;procedure;numero;rpps;"));
    assert!(lines[1].starts_with("1;\"invalid_checksum : "), "{}", lines[1]);
    assert!(lines[1].contains(";fermeture_situation;;10107985319;"), "{}", lines[1]);
}

#[test]
fn comments_stop_at_their_cap_and_the_summary_says_so() {
    use rppsplus_core::demande::sheet::MAX_COMMENTS;
    let header = ["procedure".to_owned(), "rpps".to_owned()];
    let out = std::env::temp_dir().join(format!("rppsplus-sheet-cap-{}.xlsx", std::process::id()));
    let mut report = AnnotatedReport::create(&out, SheetFormat::Xlsx, &header, false).unwrap();
    let row = ["fermeture_situation".to_owned(), "10107985319".to_owned()];
    let bad = rppsplus_core::demande::validate_row(
        [
            ("procedure", Some("fermeture_situation")),
            ("rpps", Some("10107985319")),
        ],
        &Options::default(),
    );
    for record in 1..=MAX_COMMENTS + 5 {
        report.row(record, &row, &bad).unwrap();
    }
    report.finish().unwrap();
    let xlsx = Xlsx::open(&std::fs::read(&out).unwrap());
    std::fs::remove_file(&out).unwrap();
    let rows = "xl/worksheets/sheet2.xml";
    assert_eq!(xlsx.part("xl/comments1.xml").matches("<comment ").count(), MAX_COMMENTS);
    let last = MAX_COMMENTS + 6;
    assert!(
        xlsx.cell_xml(rows, &format!("D{last}")).unwrap().contains(" s="),
        "still highlighted"
    );
    assert!(
        xlsx.cell(rows, &format!("B{last}"))
            .unwrap()
            .contains("invalid_checksum")
    );
    let note = xlsx
        .cell("xl/worksheets/sheet1.xml", "A7")
        .unwrap_or_else(|| panic!("{}", xlsx.part("xl/worksheets/sheet1.xml")));
    assert!(
        note.starts_with(&format!("Commentaires sur les {MAX_COMMENTS} premières cellules")),
        "{note}"
    );
}

#[test]
fn a_record_not_read_again_does_not_take_the_next_row() {
    // Record 2 is an unclosed quote: the reports have it, the rows read again do not; record
    // 3 keeps its own cells.
    let file = "procedure;rpps\nfermeture_situation;10107985318\n\"\nfermeture_situation;10107985319\n";
    let dir = std::env::temp_dir().join(format!("rppsplus-sheet-skip-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("rapport.csv");
    let input = std::io::Cursor::new(file.as_bytes().to_vec());
    let mut annotated = Annotated::csv(&out, SheetFormat::Csv, input, false).unwrap();
    let mut records = Vec::new();
    for item in csv_reports(file.as_bytes(), Options::default()) {
        let item = item.unwrap();
        if let CsvItem::Demande { record, .. } = &item {
            records.push(*record);
        }
        annotated.item(&item).unwrap();
    }
    annotated.finish().unwrap();
    let text = String::from_utf8(std::fs::read(&out).unwrap()).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(records, [1, 2, 3]);
    // Each record's row runs from its number to the next's (« Constats » spans lines).
    let (two, three) = (text.find("\n2;").unwrap(), text.find("\n3;").unwrap());
    assert!(!text[two..three].contains("fermeture_situation"), "{text}");
    assert!(
        text[three..].trim_end().ends_with(";fermeture_situation;10107985319"),
        "{text}"
    );
}

#[test]
fn a_cell_longer_than_excel_holds_is_cut_not_fatal() {
    let long = "x".repeat(40_000);
    let file = format!("procedure;remarque\nfermeture_situation;{long}\n");
    let dir = std::env::temp_dir().join(format!("rppsplus-sheet-long-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("rapport.xlsx");
    let input = std::io::Cursor::new(file.clone().into_bytes());
    let mut annotated = Annotated::csv(&out, SheetFormat::Xlsx, input, false).unwrap();
    for item in csv_reports(file.as_bytes(), Options::default()) {
        annotated.item(&item.unwrap()).unwrap();
    }
    annotated.finish().unwrap();
    let xlsx = Xlsx::open(&std::fs::read(&out).unwrap());
    std::fs::remove_dir_all(&dir).unwrap();
    let cell = xlsx.cell("xl/worksheets/sheet2.xml", "D2").unwrap();
    assert_eq!(cell.chars().count(), 32_767);
    assert!(
        cell.starts_with("xxxx") && cell.ends_with("au plus 32 767 caractères)"),
        "{}",
        &cell[32_600..]
    );
}
