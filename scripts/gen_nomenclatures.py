#!/usr/bin/env python3
"""Generates the embedded nomenclatures of rppsplus-core (SPEC.md §3). One command:

    python3 scripts/gen_nomenclatures.py [--communes PATH/TO/communes.json] [--check]

Sources (pinned):
- ../shared/data/nos_rppsplus.json: ANS NOS tables and value sets (TRE_*, JDV_*), hand-transcribed;
- ../shared/data/countries_insee_tre_r20.csv and countries_insee_jdv_j114.csv: INSEE countries (TRE_R20, JDV_J114);
- npm @etalab/decoupage-administratif@6.0.0, data/communes.json: INSEE COG communes (fetched with `npm pack`
  into a temporary folder unless --communes is given; the Rust build never needs npm or the network).

Writes rppsplus-core/src/nomenclature/generated/{nos.rs,communes.rs,communes.bin}. Re-running it on the same
sources gives byte-identical files; --check regenerates into a temporary folder and fails if
anything differs from the committed files (the test script runs it). The folding of names (fold() below) must stay identical to
rppsplus_core::nomenclature::fold (a Rust test checks every commune name).
"""
import argparse, csv, hashlib, json, os, struct, subprocess, sys, tarfile, tempfile, unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared", "data")
OUT = os.path.join(ROOT, "rppsplus-core", "src", "nomenclature", "generated")
NPM_PACKAGE = "@etalab/decoupage-administratif@6.0.0"

# Replacements named by the sources (SPEC.md §3; nos_rppsplus.json notes):
# TRE_R85 318 and 323 -> 328 ("Profession à sélectionner pour les ex-AVS et les ex-AMP"), 350 -> 371/372;
# TRE_R249 U -> UN (reference/nomenclatures.md, TRE_R249 row).
REPLACEMENTS = {
    ("TRE_R85-RolePriseCharge", "318"): ["328"],
    ("TRE_R85-RolePriseCharge", "323"): ["328"],
    ("TRE_R85-RolePriseCharge", "350"): ["371", "372"],
    ("TRE_R249-Sexe", "U"): ["UN"],
}
# Tables of SPEC.md §3 and their value sets; JDV_J106/J108 (RASS) and ASS_A20 are outside the portal's fields.
TABLES = ["TRE_R85-RolePriseCharge", "TRE_R22-GenreActivite", "TRE_R291-AutreProfession", "TRE_R81-Civilite",
          "TRE_R11-CiviliteExercice", "TRE_R249-Sexe", "TRE_R23-ModeExercice", "TRE_R24-TypeActiviteLiberale",
          "TRE_R09-CategorieProfessionnelle", "TRE_R25-MotifFinActivite", "TRE_R31-StatutEtatCivil",
          "TRE_G08-TypeIdentifiantPersonne", "TRE_G07-TypeIdentifiantStructure", "TRE_R87-TypeCarte",
          "TRE_G15-ProfessionSante", "TRE_R94-ProfessionSocial"]
VALUE_SETS = ["JDV_J121-RolePriseCharge-ENREG", "JDV_J116-GenreActivite-ENREG", "JDV_J122-Profession-ENREG",
              "JDV_J113-Civilite-ENREG", "JDV_J117-ModeExercice-ENREG", "JDV_J126-SecteurActivite-ENREG"]
COMMUNE_TYPES = {"commune-actuelle": 0, "commune-deleguee": 1, "commune-associee": 2, "arrondissement-municipal": 3}
NONE16 = 0xFFFF
# code, type, parent record, name start, folded name start, population, postal codes start, old codes start
RECORD = "<5sBHIIIHH"


def fold(s):
    """Accent-, case- and punctuation-insensitive form: ASCII lower-case words separated by one space."""
    out = []
    for ch in unicodedata.normalize("NFKD", s):
        if unicodedata.combining(ch):
            continue
        ch = ch.lower()
        ch = {"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o"}.get(ch, ch)
        out.append(ch if ch.isascii() and ch.isalnum() else " ")
    return " ".join("".join(out).split())


def rust_str(s):
    return json.dumps(s, ensure_ascii=False)


def date_lit(s):
    if not s:
        return "None"
    y, m, d = s.split("-")
    return f"Some(Date::ymd({int(y)}, {int(m)}, {int(d)}))"


def code_lit(table, c):
    repl = ", ".join(rust_str(r) for r in REPLACEMENTS.get((table, c["code"]), []))
    short = f"Some({rust_str(c['short'])})" if c.get("short") else "None"
    status = "Status::Active" if c["status"] == "active" else "Status::Deprecated"
    return (f"        Code {{ code: {rust_str(c['code'])}, label: {rust_str(c['label'])}, short: {short}, status: {status}, "
            f"date_valid: {date_lit(c.get('dateValid'))}, date_fin: {date_lit(c.get('dateFin'))}, replaced_by: &[{repl}] }},")


def table_lit(name, oid, url, version, description, codes, partial=False):
    lines = [f"    Table {{", f"        name: {rust_str(name)},", f"        oid: {rust_str(oid)},", f"        url: {rust_str(url)},",
             f"        version: {rust_str(version)},", f"        description: {rust_str(description)},",
             f"        partial: {'true' if partial else 'false'},", "        codes: &["]
    lines += ["    " + code_lit(name, c) for c in codes]
    lines += ["        ],", "    },"]
    return lines


def value_set_lit(name, oid, url, version, system, codes):
    return [f"    ValueSet {{ name: {rust_str(name)}, oid: {rust_str(oid)}, url: {rust_str(url)}, version: {rust_str(version)}, "
            f"system: {rust_str(system)}, codes: &[{', '.join(rust_str(c) for c in codes)}] }},"]


def sha(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()[:16]


def gen_nos():
    src = os.path.join(SHARED, "nos_rppsplus.json")
    data = json.load(open(src, encoding="utf-8"))
    by_name = {t["name"]: t for t in data["tables"]}
    tables, value_sets = [], []
    for name in TABLES:
        t = by_name[name]
        tables += table_lit(name, t["oid"], t["canonical_url"], t["version"], t["description"], t["codes"])
    # TRE_R02 is known here only through the 32 codes of JDV_J126 (labels from the value set).
    j126 = by_name["JDV_J126-SecteurActivite-ENREG"]
    r02 = [{"code": c, "label": l, "status": "active"} for c, l in j126["includes"]["codes"].items()]
    tables += table_lit("TRE_R02-SecteurActivite", "1.2.250.1.71.4.2.4",
                        "https://mos.esante.gouv.fr/NOS/TRE_R02-SecteurActivite/FHIR/TRE-R02-SecteurActivite",
                        j126["version"], "Secteur d'activité (only the codes of JDV_J126-SecteurActivite-ENREG)", r02, partial=True)
    # Countries: TRE_R20 (239 codes, ended ones kept for birth places).
    r20_src = os.path.join(SHARED, "countries_insee_tre_r20.csv")
    rows = list(csv.DictReader(open(r20_src, encoding="utf-8"), delimiter=";"))
    r20 = [{"code": r["code"], "label": r["libelle"], "status": "deprecated" if r["date_fin"] else "active",
            "dateFin": r["date_fin"] or None} for r in rows]
    tables += table_lit("TRE_R20-Pays", "1.2.250.1.213.2.24", "https://mos.esante.gouv.fr/NOS/TRE_R20-Pays/FHIR/TRE-R20-Pays",
                        "20250328120000", "Référentiel des codes pays provenant du COG INSEE (99xxx)", r20)
    for name in VALUE_SETS:
        v = by_name[name]
        inc = v["includes"]
        codes = list(inc["codes"]) if isinstance(inc["codes"], dict) else inc["codes"]
        system = inc["system"]
        value_sets += value_set_lit(name, v["oid"], v["canonical_url"], v["version"], system, codes)
    r31 = by_name["TRE_R31-StatutEtatCivil"]
    value_sets += value_set_lit("JDV_J111-StatutEtatCivil-ENREG", "1.2.250.1.213.1.6.1.182",
                                "https://mos.esante.gouv.fr/NOS/JDV_J111-StatutEtatCivil-ENREG/FHIR/JDV-J111-StatutEtatCivil-ENREG",
                                r31["version"], "TRE_R31-StatutEtatCivil", [c["code"] for c in r31["codes"]])
    j114_src = os.path.join(SHARED, "countries_insee_jdv_j114.csv")
    j114 = [r["code_cog"] for r in csv.DictReader(open(j114_src, encoding="utf-8"), delimiter=";")]
    value_sets += value_set_lit("JDV_J114-Pays-ENREG", "1.2.250.1.213.1.6.1.185",
                                "https://mos.esante.gouv.fr/NOS/JDV_J114-Pays-ENREG/FHIR/JDV-J114-Pays-ENREG",
                                "20240126120000", "TRE_R20-Pays", j114)
    # JDV_J256-Pays = every active TRE_R20 code (+ TRE_R302 '01' "non renseigné", not a country, left out).
    value_sets += value_set_lit("JDV_J256-Pays", "1.2.250.1.213.1.1.5.762",
                                "https://mos.esante.gouv.fr/NOS/JDV_J256-Pays/FHIR/JDV-J256-Pays", "20250328120000",
                                "TRE_R20-Pays", [r["code"] for r in r20 if r["status"] == "active"])
    header = [
        "// @generated by scripts/gen_nomenclatures.py. Do not edit.",
        f"// Sources: shared/data/nos_rppsplus.json (retrieved {data['retrieved']}, sha256 {sha(src)}),",
        f"//          shared/data/countries_insee_tre_r20.csv (TRE_R20 v20250328120000, sha256 {sha(r20_src)}),",
        f"//          shared/data/countries_insee_jdv_j114.csv (JDV_J114 v20240126120000, sha256 {sha(j114_src)}).",
        "",
        "use super::super::model::{Code, Date, Status, Table, ValueSet};",
        "",
        "/// Every embedded code system.",
        "pub(crate) static TABLES: &[Table] = &[",
    ] + tables + ["];", "", "/// Every embedded value set.", "pub(crate) static VALUE_SETS: &[ValueSet] = &["] + value_sets + ["];"]
    write(os.path.join(OUT, "nos.rs"), "\n".join(header) + "\n")


def fetch_communes():
    tmp = tempfile.mkdtemp(prefix="rppsplus-cog-")
    subprocess.run(["npm", "pack", NPM_PACKAGE, "--silent", "--pack-destination", tmp], check=True, stdout=subprocess.DEVNULL)
    tgz = [f for f in os.listdir(tmp) if f.endswith(".tgz")][0]
    with tarfile.open(os.path.join(tmp, tgz)) as tar:
        return json.load(tar.extractfile("package/data/communes.json"))


def gen_communes(rows, source_note):
    rows = sorted(rows, key=lambda c: (c["code"], COMMUNE_TYPES[c["type"]], c["nom"]))
    index = {}
    for i, c in enumerate(rows):
        index.setdefault(c["code"], i)  # the first row of a code is the commune actuelle when there is one
    names, folded_names = bytearray(), bytearray()
    postal_lists, old_lists, tokens = [], [], []
    records = bytearray()
    for i, c in enumerate(rows):
        name = c["nom"].encode("utf-8")
        f = fold(c["nom"])
        fb = f.encode("ascii")
        parent_code = c.get("commune") or (c.get("chefLieu") if c["type"] != "commune-actuelle" else None)
        parent = index.get(parent_code, NONE16) if parent_code and parent_code != c["code"] else NONE16
        if parent_code == c["code"] and c["type"] != "commune-actuelle":
            parent = index[c["code"]]
        postal = sorted(set(c.get("codesPostaux", [])))
        old = sorted(set(c.get("anciensCodes", [])))
        records += struct.pack(RECORD, c["code"].encode(), COMMUNE_TYPES[c["type"]], parent, len(names),
                               len(folded_names), c.get("population", 0), len(postal_lists), len(old_lists))
        names += name
        pos = 0
        for word in f.split(" "):
            tokens.append((word, i, pos))
            pos += len(word) + 1
        folded_names += fb
        postal_lists += postal
        old_lists += old
    assert len(rows) < NONE16 and len(postal_lists) < 65536 and len(old_lists) < 65536
    # A last record holds the ends of the last real record's name, postal and old code lists.
    records += struct.pack(RECORD, b"\0" * 5, 0, NONE16, len(names), len(folded_names), 0, len(postal_lists), len(old_lists))
    # Word-start suffixes of the folded names ("saint etienne", "etienne"), sorted: a query
    # typed from the start of any word of a name is one contiguous range.
    tokens.sort(key=lambda t: (fold(rows[t[1]]["nom"])[t[2]:], t[1], t[2]))
    postal_index = sorted((p, i) for i, c in enumerate(rows) for p in set(c.get("codesPostaux", [])))
    old_index = sorted((o, i) for i, c in enumerate(rows) for o in set(c.get("anciensCodes", [])))
    sections = [
        bytes(records),
        bytes(names),
        bytes(folded_names),
        b"".join(p.encode() for p in postal_lists),
        b"".join(o.encode() for o in old_lists),
        b"".join(o.encode() + struct.pack("<H", i) for o, i in old_index),
        b"".join(p.encode() + struct.pack("<H", i) for p, i in postal_index),
        b"".join(struct.pack("<HB", i, pos) for _, i, pos in tokens),
    ]
    blob = bytearray(b"RPPSCOG1")
    blob += struct.pack("<" + "I" * len(sections), *[len(s) for s in sections])
    for s in sections:
        blob += s
    write(os.path.join(OUT, "communes.bin"), bytes(blob), binary=True)
    rust = [
        "// @generated by scripts/gen_nomenclatures.py. Do not edit.",
        f"// Source: {source_note}: {len(rows)} rows",
        "// (types: " + ", ".join(f"{t} {sum(1 for c in rows if c['type'] == t)}" for t in COMMUNE_TYPES) + ").",
        f"// communes.bin: sha256 {hashlib.sha256(bytes(blob)).hexdigest()[:16]}, {len(blob)} bytes; layout in ../commune/blob.rs.",
        "",
        "/// The COG version of the embedded communes.",
        "pub(crate) const SOURCE: &str = \"INSEE COG 2026 via npm @etalab/decoupage-administratif 6.0.0\";",
        "/// The encoded commune table.",
        "pub(crate) static BLOB: &[u8] = include_bytes!(\"communes.bin\");",
    ]
    write(os.path.join(OUT, "communes.rs"), "\n".join(rust) + "\n")


def write(path, content, binary=False):
    data = content if binary else content.encode("utf-8")
    if CHECK:
        committed = open(path, "rb").read() if os.path.exists(path) else None
        status = "same" if committed == data else "DIFFERS"
        DIFFERENT.extend([path] if committed != data else [])
        print(f"{status}: {os.path.relpath(path, ROOT)}")
        return
    with open(path, "wb") as f:
        f.write(data)
    print(f"wrote {os.path.relpath(path, ROOT)}")


CHECK = False
DIFFERENT = []


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--communes", help="path to communes.json of " + NPM_PACKAGE + " (default: npm pack it)")
    ap.add_argument("--check", action="store_true", help="compare with the committed files instead of writing")
    args = ap.parse_args()
    global CHECK
    CHECK = args.check
    os.makedirs(OUT, exist_ok=True)
    gen_nos()
    rows = json.load(open(args.communes, encoding="utf-8")) if args.communes else fetch_communes()
    gen_communes(rows, f"npm {NPM_PACKAGE}, data/communes.json")
    if DIFFERENT:
        print("generated files differ from the committed ones: run scripts/gen_nomenclatures.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
