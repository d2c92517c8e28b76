#!/usr/bin/env python3
"""The corpus of collection files as HR teams have them (docs/domain.md §4.6), written from one
source of truth: the rows below, each with the findings it must give.

One spreadsheet is written in each flavour a French Excel exports, byte for byte as Excel
writes it:

- ``excel-csv-utf8.csv``: « CSV UTF-8 (délimité par des virgules) » — a BOM, ``;``, CRLF;
- ``excel-csv-windows1252.csv``: « CSV (séparateur : point-virgule) » — Windows-1252, ``;``, CRLF;
- ``excel-csv-macintosh.csv``: « CSV Macintosh » — Mac Roman, ``;``, CR alone;
- ``excel-texte-unicode.txt``: « Texte Unicode » — UTF-16 LE with a BOM, tabs, CRLF;

and its workbook twins, with typed cells as a spreadsheet program saves them (dates as date
cells, numbers as numbers, ``VRAI``/``FAUX`` as booleans; written with the standard library: a
workbook is zipped XML):

- ``excel.xlsx``: Excel's workbook (SpreadsheetML, shared strings);
- ``libreoffice.ods``: LibreOffice's (OpenDocument);
- ``excel-97.xls``: Excel 97–2003's (BIFF8), which the standard library cannot write: converted
  from ``excel.xlsx`` by LibreOffice and committed (``soffice --headless --convert-to xls
  excel.xlsx``, then renamed); this script writes its expectations only;
- ``last-cell-iv65536.xls``: 5.6 KB whose cells are A1 and IV65536, the last of an .xls sheet
  (LibreOffice's conversion of a CSV of 65 536 lines, the last of 256 cells): read whole, it
  would be 16 million cells; refused in one finding (committed as the .xls above);

and a few files with problems of their own (a ``sep=`` line, a repeated and an unknown column,
a workbook saved as ``.csv``, an empty file). ``expected.json`` gives, for each file, the
findings about the file itself and each demande's ``(line, record, findings)``, at the
reference date and stage it names; the Rust tests (``rppsplus-core/tests/collection.rs``)
and pytest (``rppsplus-py/tests/test_collection.py``) read it.

    python3 tests/collection/make_collection.py          # write the files
    python3 tests/collection/make_collection.py --check  # exit 1 when a file differs
"""

from __future__ import annotations

import argparse
import datetime
import io
import json
import re
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
OPTIONS = {"reference_date": "2026-11-22", "stage": "submit"}

# The header as an HR team writes it: the labels of the portal's form, in any case, with the
# form's `*`, the second prénom in a column of its own, and Excel's extra empty column.
HEADER = [
    "Procédure", "Numéro RPPS", "CIVILITÉ", "Sexe", "Nom de naissance *", "Prénom", "Deuxième prénom",
    "date de naissance", "Pays de naissance", "Commune de naissance", "Adresse email", "Téléphone mobile",
    "Nom d'exercice", "Prénom d'exercice", "FINESS géographique", "SIRET", "Profession", "Rôle",
    "Mode d'exercice", "Date de prise de fonction", "CGU acceptées", "Rencontre en personne", "",
]

# Each row: its cells (by header), and the (path, code) of each finding it must give.
ROWS: list[tuple[dict[str, str], list[tuple[str, str]]]] = [
    # Labels instead of codes, as the portal displays them; an unpadded date, a date-time, VRAI.
    (
        {
            "Procédure": "Primo enregistrement", "CIVILITÉ": "Madame", "Sexe": "Féminin",
            "Nom de naissance *": "DUPONT", "Prénom": "Nathalie", "date de naissance": "5/5/1999",
            "Pays de naissance": "France", "Commune de naissance": "Marseille 3e Arrondissement (13203)",
            "Adresse email": "nathalie.dupont@example.org", "Téléphone mobile": "+33730494959",
            "Nom d'exercice": "DUPONT", "Prénom d'exercice": "Nathalie",
            "FINESS géographique": "970405593 - SESSAD DI", "Profession": "Educateur spécialisé",
            "Rôle": "Coordination et orientation", "Mode d'exercice": "Salarié",
            "Date de prise de fonction": "2/5/2022 00:00", "CGU acceptées": "VRAI", "Rencontre en personne": "VRAI",
        },
        [],
    ),
    # Codes, accents, a second prénom, the procedure in Excel's capitals, oui.
    (
        {
            "Procédure": "Primo_Enregistrement", "CIVILITÉ": "MME", "Sexe": "F", "Nom de naissance *": "LÉVÊQUE",
            "Prénom": "Hélène", "Deuxième prénom": "Zoé", "date de naissance": "12/11/1985",
            "Pays de naissance": "99100", "Commune de naissance": "13203",
            "Adresse email": "helene.leveque@example.org", "Téléphone mobile": "0612345678",
            "Nom d'exercice": "LÉVÊQUE", "Prénom d'exercice": "Hélène", "FINESS géographique": "970405593",
            "Profession": "326", "Rôle": "GENR08", "Mode d'exercice": "S", "Date de prise de fonction": "1/9/2023",
            "CGU acceptées": "oui", "Rencontre en personne": "oui",
        },
        [],
    ),
    # A blank row: no demande, but it is a row of the spreadsheet.
    ({}, []),
    # Excel's habits: a date cell formatted as a number, leading zeros dropped, a SIRET in
    # scientific notation; FAUX.
    (
        {
            "Procédure": "primo_enregistrement", "CIVILITÉ": "Madame", "Sexe": "F", "Nom de naissance *": "MARTIN",
            "Prénom": "Léa", "date de naissance": "36220", "Pays de naissance": "France",
            "Commune de naissance": "1053", "Adresse email": "lea.martin@example.org",
            "Téléphone mobile": "612345678", "Nom d'exercice": "MARTIN", "Prénom d'exercice": "Léa",
            "SIRET": "7,32829E+13", "Profession": "326", "Rôle": "GENR08", "Mode d'exercice": "S",
            "Date de prise de fonction": "01/09/2023", "CGU acceptées": "FAUX", "Rencontre en personne": "FAUX",
        },
        [
            ("etat_civil.date_naissance", "invalid_format"),
            ("etat_civil.commune_naissance", "invalid_length"),
            ("contact.telephone_mobile", "invalid_format"),
            ("situation.structure.siret", "invalid_format"),
            ("confirmations.cgu_acceptees", "required"),
            ("confirmations.rencontre_en_personne", "required"),
        ],
    ),
    # A commune name several communes have (not listed: the birth place is confidential); a
    # profession label that is not one.
    (
        {
            "Procédure": "Primo enregistrement", "CIVILITÉ": "Monsieur", "Sexe": "Masculin",
            "Nom de naissance *": "ROUX", "Prénom": "Paul", "date de naissance": "3/4/1970",
            "Pays de naissance": "France", "Commune de naissance": "Saint-Denis",
            "Adresse email": "paul.roux@example.org", "Téléphone mobile": "+33730494958", "Nom d'exercice": "ROUX",
            "Prénom d'exercice": "Paul", "FINESS géographique": "970405593 - SESSAD DI", "Profession": "Educateur",
            "Rôle": "Coordination et orientation", "Mode d'exercice": "Salarié",
            "Date de prise de fonction": "1/1/2024", "CGU acceptées": "VRAI", "Rencontre en personne": "VRAI",
        },
        [("etat_civil.commune_naissance", "unknown_code"), ("situation.profession", "unknown_code")],
    ),
    # The person of the first row again, written otherwise.
    (
        {
            "Procédure": "primo_enregistrement", "CIVILITÉ": "MME", "Sexe": "F", "Nom de naissance *": "Dupont",
            "Prénom": "NATHALIE", "date de naissance": "05/05/1999", "Pays de naissance": "99100",
            "Commune de naissance": "13203", "Adresse email": "n.dupont@example.org",
            "Téléphone mobile": "+33730494959", "Nom d'exercice": "DUPONT", "Prénom d'exercice": "Nathalie",
            "FINESS géographique": "970405593", "Profession": "326", "Rôle": "GENR08",
            "Date de prise de fonction": "2022-05-02", "CGU acceptées": "1", "Rencontre en personne": "1",
        },
        [("etat_civil", "duplicate")],
    ),
    # A new situation of a registered professional.
    (
        {
            "Procédure": "Ajout de situation d'exercice et modifications d'informations",
            "Numéro RPPS": "10107985318", "Nom d'exercice": "DUPONT", "Prénom d'exercice": "Nathalie",
            "FINESS géographique": "970405593", "Profession": "326", "Rôle": "GENR08", "Mode d'exercice": "S",
            "Date de prise de fonction": "2/1/2025", "CGU acceptées": "VRAI", "Rencontre en personne": "VRAI",
        },
        [],
    ),
    # A value in the column without a name.
    (
        {
            "Procédure": "ajout_situation", "Numéro RPPS": "10107985326", "Nom d'exercice": "BERNARD",
            "Prénom d'exercice": "Jean", "FINESS géographique": "970405593", "Profession": "326",
            "Rôle": "GENR08", "Date de prise de fonction": "2/1/2025", "CGU acceptées": "VRAI",
            "Rencontre en personne": "VRAI", "": "à rappeler",
        },
        [("", "invalid_csv")],
    ),
]

# Each flavour: file name, encoding, delimiter, line end, and the findings about the file.
FLAVOURS = [
    ("excel-csv-utf8.csv", "utf-8-sig", ";", "\r\n", []),
    ("excel-csv-windows1252.csv", "cp1252", ";", "\r\n", ["encoding_converted"]),
    ("excel-csv-macintosh.csv", "mac_roman", ";", "\r", ["encoding_converted"]),
    ("excel-texte-unicode.txt", "utf-16", "\t", "\r\n", []),
]

# Files with problems of their own: (name, bytes, findings about the file, demandes).
SPECIAL: list[tuple[str, bytes, list[str], list[tuple[int, int, list[tuple[str, str]]]]]] = [
    (
        # Excel's `sep=` line; a field named twice (the later column ignored); an unknown column.
        "sep-line-repeated-and-unknown-columns.csv",
        (
            "sep=,\n"
            "procedure,rpps,RPPS,situation.id,situation.date_fin_fonction,Remarque\n"
            "fermeture_situation,10107985318,10107985319,S1,31/1/2026,à rappeler\n"
        ).encode(),
        ["invalid_csv", "invalid_csv"],
        [(3, 1, [("confirmations.cgu_acceptees", "required"), ("confirmations.rencontre_en_personne", "required")])],
    ),
    # A workbook saved under a .csv name: no text.
    ("workbook-not-csv.csv", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", ["invalid_csv"], []),
    ("empty.csv", b"", ["invalid_csv"], []),
]


def spreadsheet() -> tuple[list[list[str]], list[tuple[int, int, list[tuple[str, str]]]]]:
    """The cells of the spreadsheet (header first), and each demande's line, record and
    findings."""
    rows = [HEADER]
    demandes = []
    for record, (cells, findings) in enumerate(ROWS, start=1):
        rows.append([cells.get(name, "") for name in HEADER])
        if cells:
            demandes.append((record + 1, record, sorted(findings)))
    return rows, demandes


def written(rows: list[list[str]], encoding: str, delimiter: str, eol: str) -> bytes:
    """The spreadsheet as Excel writes it (no cell here needs quotes)."""
    text = "".join(delimiter.join(row) + eol for row in rows)
    if encoding == "utf-16":
        return b"\xff\xfe" + text.encode("utf-16-le")
    return text.encode(encoding)


def corpus() -> tuple[dict[str, bytes], dict[str, object]]:
    rows, demandes = spreadsheet()
    files: dict[str, bytes] = {}
    expected: dict[str, object] = {}
    for name, encoding, delimiter, eol, file_findings in FLAVOURS:
        files[name] = written(rows, encoding, delimiter, eol)
        expected[name] = {"file": file_findings, "demandes": demandes}
    files["excel.xlsx"] = xlsx(rows)
    files["libreoffice.ods"] = ods(rows)
    for name in WORKBOOKS:
        expected[name] = {"file": [], "demandes": demandes}
    expected["last-cell-iv65536.xls"] = {"file": ["invalid_csv"], "demandes": []}
    for name, content, file_findings, special in SPECIAL:
        files[name] = content
        expected[name] = {"file": file_findings, "demandes": special}
    return files, {"options": OPTIONS, "files": expected}


# The workbook twins of the CSV flavours: the same rows and findings, typed cells (the .xls
# converted by LibreOffice, not written here).
WORKBOOKS = ["excel.xlsx", "libreoffice.ods", "excel-97.xls"]
SHEET = "Demandes"


def day(year: int, month: int, d: int) -> datetime.datetime | None:
    """The date, if it is one."""
    try:
        return datetime.datetime(year, month, d)
    except ValueError:
        return None


def typed(text: str) -> tuple[str, object]:
    """What a spreadsheet program makes of a cell typed as `text`: ``("date", datetime)``,
    ``("bool", bool)``, ``("number", int)`` or ``("string", text)``. A code with a leading zero,
    a sign or a comma stays text (as when the column is formatted as text)."""
    # An impossible date (31/02/1980) stays text.
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})( 00:00)?", text)
    if m and (date := day(int(m[3]), int(m[2]), int(m[1]))):
        return "date", date
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m and (date := day(int(m[1]), int(m[2]), int(m[3]))):
        return "date", date
    if text in ("VRAI", "FAUX"):
        return "bool", text == "VRAI"
    if re.fullmatch(r"[1-9]\d{0,14}", text):
        return "number", int(text)
    return "string", text


def column(c: int) -> str:
    """A spreadsheet's letters of column `c` (from 0): A, …, Z, AA, …"""
    return column(c // 26 - 1) + chr(ord("A") + c % 26) if c >= 26 else chr(ord("A") + c)


def zipped(parts: list[tuple[str, str]], compression: int = zipfile.ZIP_STORED) -> bytes:
    """A ZIP archive of `parts`, stored by default (no compression: the same bytes on every
    machine)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as z:
        for name, text in parts:
            z.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), text.encode(), compression)
    return out.getvalue()


def xlsx(rows: list[list[str]], compression: int = zipfile.ZIP_STORED) -> bytes:
    """The rows as Excel saves an .xlsx: shared strings, dates with a date format (style 1),
    date-times with a date-time format (style 2). Excel deflates its parts
    (``zipfile.ZIP_DEFLATED``: the benchmark's workbook)."""
    strings: dict[str, int] = {}
    xml_rows = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, text in enumerate(row):
            if not text:
                continue
            ref = f"{column(c)}{r}"
            kind, value = typed(text) if r > 1 else ("string", text)
            if kind == "date":
                serial = (value - datetime.datetime(1899, 12, 30)).days
                style = 2 if text.endswith(" 00:00") else 1
                cells.append(f'<c r="{ref}" s="{style}"><v>{serial}</v></c>')
            elif kind == "bool":
                cells.append(f'<c r="{ref}" t="b"><v>{int(value)}</v></c>')
            elif kind == "number":
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            else:
                index = strings.setdefault(text, len(strings))
                cells.append(f'<c r="{ref}" t="s"><v>{index}</v></c>')
        if cells:
            xml_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    shared = "".join(f"<si><t>{escape(t)}</t></si>" for t in strings)
    return zipped([
        ("[Content_Types].xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/>'
         f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{ct}.worksheet+xml"/>'
         f'<Override PartName="/xl/sharedStrings.xml" ContentType="{ct}.sharedStrings+xml"/>'
         f'<Override PartName="/xl/styles.xml" ContentType="{ct}.styles+xml"/></Types>'),
        ("_rels/.rels",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        ("xl/workbook.xml",
         f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook {ns} xmlns:r="{rel}">'
         f'<sheets><sheet name="{SHEET}" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        ("xl/_rels/workbook.xml.rels",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
         f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
         f'<Relationship Id="rId3" Type="{rel}/styles" Target="styles.xml"/></Relationships>'),
        ("xl/worksheets/sheet1.xml",
         f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {ns}>'
         f'<sheetData>{"".join(xml_rows)}</sheetData></worksheet>'),
        ("xl/sharedStrings.xml",
         f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         f'<sst {ns} count="{len(strings)}" uniqueCount="{len(strings)}">{shared}</sst>'),
        ("xl/styles.xml",
         f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet {ns}>'
         '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
         '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
         '<borders count="1"><border/></borders>'
         '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
         '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
         '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
         '<xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
         '</styleSheet>'),
    ], compression)


def ods(rows: list[list[str]], compression: int = zipfile.ZIP_STORED) -> bytes:
    """The rows as LibreOffice saves an .ods: typed cells with their office values (deflated
    by LibreOffice: ``zipfile.ZIP_DEFLATED``)."""
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    xml_rows = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for text in row:
            kind, value = typed(text) if r > 1 and text else ("string", text)
            p = f"<text:p>{escape(text)}</text:p>"
            if not text:
                cells.append("<table:table-cell/>")
            elif kind == "date":
                iso = value.strftime("%Y-%m-%dT%H:%M:%S" if text.endswith(" 00:00") else "%Y-%m-%d")
                cells.append(f'<table:table-cell office:value-type="date" office:date-value="{iso}">{p}</table:table-cell>')
            elif kind == "bool":
                flag = "true" if value else "false"
                cells.append(f'<table:table-cell office:value-type="boolean" office:boolean-value="{flag}">{p}</table:table-cell>')
            elif kind == "number":
                cells.append(f'<table:table-cell office:value-type="float" office:value="{value}">{p}</table:table-cell>')
            else:
                cells.append(f'<table:table-cell office:value-type="string">{p}</table:table-cell>')
        xml_rows.append(f'<table:table-row>{"".join(cells)}</table:table-row>')
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-content xmlns:office="{office}" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{SHEET}">'
        f'{"".join(xml_rows)}</table:table></office:spreadsheet></office:body></office:document-content>'
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '</manifest:manifest>'
    )
    return zipped([
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", content),
    ], compression)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when a file differs")
    args = parser.parse_args(argv)
    files, expected = corpus()
    files["expected.json"] = (json.dumps(expected, ensure_ascii=False, indent=1) + "\n").encode()
    stale = [name for name, content in files.items() if not (HERE / name).is_file() or (HERE / name).read_bytes() != content]
    if args.check:
        for name in stale:
            print(f"tests/collection/{name} differs from make_collection.py", file=sys.stderr)
        return 1 if stale else 0
    for name in stale:
        (HERE / name).write_bytes(files[name])
        print(f"wrote tests/collection/{name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
