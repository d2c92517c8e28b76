#!/usr/bin/env python3
"""Generates the embedded nomenclatures of rppsplus-core (docs/domain.md §3; sources and regeneration:
docs/data.md). One command:

    python3 scripts/gen_nomenclatures.py [--communes PATH/TO/communes.json] [--check]

Sources (pinned, in the repository's data/ folder; provenance, licences and sha256 in data/README.md):
- data/nos_rppsplus.json: ANS NOS tables and value sets (TRE_*, JDV_*), hand-transcribed;
- data/valueset_history_enreg.json: the versions of JDV_J121, J116, J117 and J113 over time, with their members;
- data/countries_insee_tre_r20.csv, countries_insee_jdv_j114.csv, countries_insee_jdv_j256.csv: INSEE countries
  (TRE_R20-Pays, JDV_J114-Pays-ENREG, JDV_J256-Pays, the last two with their display labels);
- npm @etalab/decoupage-administratif@6.0.0, data/communes.json: INSEE COG communes (fetched with `npm pack`
  into a temporary folder unless --communes is given; the Rust build never needs npm or the network).

Writes rppsplus-core/src/nomenclature/generated/{nos.rs,communes.rs,communes.bin}. Re-running it on the same
sources gives byte-identical files; --check regenerates in memory and fails if anything differs from the
committed files (the test script runs it). Every reference between tables, value sets, their versions and the
portal's field aliases is written resolved (`&TRE_R85[13]`), so the compiler checks it and nothing is looked up
by name at run time. The folding of names (fold() below) must stay identical to
rppsplus_core::nomenclature::fold (a Rust test checks every commune name).
"""
import argparse, csv, hashlib, json, os, struct, subprocess, sys, tarfile, tempfile, unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "data")
OUT = os.path.join(ROOT, "rppsplus-core", "src", "nomenclature", "generated")
NPM_PACKAGE = "@etalab/decoupage-administratif@6.0.0"

# Replacements named by the sources (docs/domain.md §3; nos_rppsplus.json notes):
# TRE_R85 318 and 323 -> 328 ("Profession à sélectionner pour les ex-AVS et les ex-AMP"), 350 -> 371/372;
# TRE_R249 U -> UN (TRE_R249 row of the NOS notes); TRE_R20 99000 "République française", ended 2016-09-01,
# -> 99100 "République française", valid from 2016-09-01 (same label, same day: TRE_R20 has no replacedBy
# property, and no successor is given for the other ended countries).
REPLACEMENTS = {
    ("TRE_R85-RolePriseCharge", "318"): ["328"],
    ("TRE_R85-RolePriseCharge", "323"): ["328"],
    ("TRE_R85-RolePriseCharge", "350"): ["371", "372"],
    ("TRE_R249-Sexe", "U"): ["UN"],
    ("TRE_R20-Pays", "99000"): ["99100"],
}
# Tables of docs/domain.md §3 and their value sets; JDV_J106/J108 (RASS) and ASS_A20 are outside the portal's fields.
TABLES = ["TRE_R85-RolePriseCharge", "TRE_R22-GenreActivite", "TRE_R291-AutreProfession", "TRE_R81-Civilite",
          "TRE_R11-CiviliteExercice", "TRE_R249-Sexe", "TRE_R23-ModeExercice", "TRE_R24-TypeActiviteLiberale",
          "TRE_R09-CategorieProfessionnelle", "TRE_R25-MotifFinActivite", "TRE_R31-StatutEtatCivil",
          "TRE_G08-TypeIdentifiantPersonne", "TRE_G07-TypeIdentifiantStructure", "TRE_R87-TypeCarte",
          "TRE_G15-ProfessionSante", "TRE_R94-ProfessionSocial"]
VALUE_SETS = ["JDV_J121-RolePriseCharge-ENREG", "JDV_J116-GenreActivite-ENREG", "JDV_J122-Profession-ENREG",
              "JDV_J113-Civilite-ENREG", "JDV_J117-ModeExercice-ENREG", "JDV_J126-SecteurActivite-ENREG"]
# The portal's fields (docs/domain.md §3): the name `table`, `field`, `lookup` and `list` take, and what the field
# offers: a value set, or a whole table when the portal takes all of it.
ALIASES = [("profession", "JDV_J121-RolePriseCharge-ENREG"), ("role", "JDV_J116-GenreActivite-ENREG"),
           ("profession-rpps", "JDV_J122-Profession-ENREG"), ("civilite", "JDV_J113-Civilite-ENREG"),
           ("sexe", "TRE_R249-Sexe"), ("mode-exercice", "JDV_J117-ModeExercice-ENREG"),
           ("categorie", "TRE_R09-CategorieProfessionnelle"), ("motif-fin", "TRE_R25-MotifFinActivite"),
           ("statut-etat-civil", "JDV_J111-StatutEtatCivil-ENREG"), ("secteur", "JDV_J126-SecteurActivite-ENREG"),
           ("type-carte", "TRE_R87-TypeCarte"), ("pays", "JDV_J256-Pays")]
# TRE_R85 alt_label notes of the form "<label> (label used in JDV_J121/J108)" are J121's display labels.
J121_DISPLAY_NOTE = " (label used in JDV_J121/J108)"
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
    y, m, d = s.split("-")
    return f"Date::ymd({int(y)}, {int(m)}, {int(d)})"


def opt_date(s):
    return f"Some({date_lit(s)})" if s else "None"


def version_date(version):
    """The date of a NOS version id (`20250425120000` -> 2025-04-25)."""
    assert len(version) == 14 and version.isdigit(), version
    return f"{version[:4]}-{version[4:6]}-{version[6:8]}"


def ident(name):
    """The Rust static holding a table's codes: `TRE_R85` for TRE_R85-RolePriseCharge."""
    return name.split("-")[0]


def code_lit(table, c):
    repl = ", ".join(rust_str(r) for r in REPLACEMENTS.get((table, c["code"]), []))
    short = f"Some({rust_str(c['short'])})" if c.get("short") else "None"
    status = "Status::Active" if c["status"] == "active" else "Status::Deprecated"
    return (f"    Code {{ code: {rust_str(c['code'])}, label: {rust_str(c['label'])}, short: {short}, status: {status}, "
            f"date_valid: {opt_date(c.get('dateValid'))}, date_fin: {opt_date(c.get('dateFin'))}, replaced_by: &[{repl}] }},")


def meta_lit(name, oid, url, version, description):
    return (f"Meta {{ name: {rust_str(name)}, oid: {rust_str(oid)}, url: {rust_str(url)}, version: {rust_str(version)}, "
            f"date: {date_lit(version_date(version))}, description: {rust_str(description)} }}")


class Tables:
    """The code systems in TABLES order, with where each code sits."""

    def __init__(self):
        self.names, self.codes, self.lines, self.statics = [], {}, [], []

    def add(self, name, oid, url, version, description, codes, partial=False):
        self.codes[name] = {c["code"]: i for i, c in enumerate(codes)}
        assert len(self.codes[name]) == len(codes), f"{name}: a code twice"
        self.statics += [f"/// The codes of {name}, in the source's order.", f"static {ident(name)}: &[Code] = &["]
        self.statics += [code_lit(name, c) for c in codes] + ["];", ""]
        self.lines.append(f"    Table {{ meta: {meta_lit(name, oid, url, version, description)}, "
                          f"partial: {'true' if partial else 'false'}, codes: {ident(name)} }},")
        self.names.append(name)

    def ref(self, table, code):
        return f"&{ident(table)}[{self.codes[table][code]}]"

    def table_ref(self, name):
        return f"&TABLES[{self.names.index(name)}]"


def version_lit(tables, system, outside, version, codes, indent):
    """One version of a value set: a comment naming its members, then the version with its members resolved to
    the codes of its system (or of the `outside` static)."""
    refs = [f"&{outside[0]}[{outside[1].index(c)}]" if c in outside[1] else tables.ref(system, c) for c in codes]
    return [f"{indent}// {' '.join(codes)}",
            f"{indent}SetVersion {{ version: {rust_str(version)}, date: {date_lit(version_date(version))}, "
            f"codes: &[{', '.join(refs)}] }}"]


def value_set_lit(tables, name, oid, url, description, system, versions, displays=(), outside=None):
    """`versions`: (version id, member codes) oldest first; `displays`: (code, the set's display label)."""
    outside_name, outside_codes = outside if outside else (None, [])
    out = (outside_name, [c["code"] for c in outside_codes])
    dates = [version_date(v) for v, _ in versions]
    assert dates == sorted(set(dates)), f"{name}: versions out of order"
    latest = versions[-1][0]
    lines = ["    ValueSet {", f"        meta: {meta_lit(name, oid, url, latest, description)},",
             f"        system: {tables.table_ref(system)}, // {system}", "        earlier: &["]
    for v, codes in versions[:-1]:
        comment, lit = version_lit(tables, system, out, v, codes, "            ")
        lines += [comment, lit + ","]
    comment, lit = version_lit(tables, system, out, *versions[-1], "        ")
    lines += ["        ],", comment, "        latest: " + lit.strip() + ","]
    lines.append(f"        outside: {outside_name or '&[]'},")
    shown = [f"({tables.ref(system, c)}, {rust_str(d)})" for c, d in displays]
    lines += [f"        displays: &[{', '.join(shown)}],", "    },"]
    return lines


def sha(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()[:16]


def gen_nos():
    src = os.path.join(DATA, "nos_rppsplus.json")
    data = json.load(open(src, encoding="utf-8"))
    by_name = {t["name"]: t for t in data["tables"]}
    pointers = {p["name"]: p for p in data["other_tables_pointers"]}
    hist_src = os.path.join(DATA, "valueset_history_enreg.json")
    history = json.load(open(hist_src, encoding="utf-8"))["value_sets"]
    tables = Tables()
    for name in TABLES:
        t = by_name[name]
        tables.add(name, t["oid"], t["canonical_url"], t["version"], t["description"], t["codes"])
    # TRE_R02 is known here only through the 32 codes of JDV_J126 (labels from the value set).
    j126 = by_name["JDV_J126-SecteurActivite-ENREG"]
    r02 = [{"code": c, "label": l, "status": "active"} for c, l in j126["includes"]["codes"].items()]
    tables.add("TRE_R02-SecteurActivite", "1.2.250.1.71.4.2.4",
               "https://mos.esante.gouv.fr/NOS/TRE_R02-SecteurActivite/FHIR/TRE-R02-SecteurActivite",
               j126["version"], "Secteur d'activité (only the codes of JDV_J126-SecteurActivite-ENREG)", r02, partial=True)
    # Countries: TRE_R20 (239 codes, ended ones kept for birth places).
    r20_src = os.path.join(DATA, "countries_insee_tre_r20.csv")
    rows = list(csv.DictReader(open(r20_src, encoding="utf-8"), delimiter=";"))
    r20 = [{"code": r["code"], "label": r["libelle"], "status": "deprecated" if r["date_fin"] else "active",
            "dateFin": r["date_fin"] or None} for r in rows]
    p20 = pointers["TRE_R20-Pays"]
    tables.add("TRE_R20-Pays", p20["oid"], "https://mos.esante.gouv.fr/NOS/TRE_R20-Pays/FHIR/TRE-R20-Pays",
               p20["version"], p20["description"], r20)

    value_sets = []
    for name in VALUE_SETS:
        v = by_name[name]
        inc = v["includes"]
        current = list(inc["codes"])
        if name in history:
            versions = [(h["version"], h["codes"]) for h in history[name]["versions"]]
            assert versions[-1] == (v["version"], current), f"{name}: the history's latest version is not the NOS one"
        else:
            versions = [(v["version"], current)]
        labels = {c["code"]: c["label"] for c in by_name.get(inc["system"], {"codes": r02})["codes"]}
        displays = [(c, d) for c, d in v.get("displays", {}).items() if d != labels[c]]
        if name.startswith("JDV_J121"):
            for c in by_name["TRE_R85-RolePriseCharge"]["codes"]:
                if c.get("alt_label", "").endswith(J121_DISPLAY_NOTE):
                    displays.append((c["code"], c["alt_label"][: -len(J121_DISPLAY_NOTE)]))
        displays.sort(key=lambda d: current.index(d[0]))
        value_sets += value_set_lit(tables, name, v["oid"], v["canonical_url"], v["description"], inc["system"],
                                    versions, displays)
    r31 = by_name["TRE_R31-StatutEtatCivil"]
    value_sets += value_set_lit(tables, "JDV_J111-StatutEtatCivil-ENREG", "1.2.250.1.213.1.6.1.182",
                                "https://mos.esante.gouv.fr/NOS/JDV_J111-StatutEtatCivil-ENREG/FHIR/JDV-J111-StatutEtatCivil-ENREG",
                                "Statut de l'état civil pour ENREG (every code of TRE_R31)", "TRE_R31-StatutEtatCivil",
                                [(r31["version"], [c["code"] for c in r31["codes"]])])
    r20_labels = {c["code"]: c["label"] for c in r20}
    country_sets = {}
    for key, name in [("j114", "JDV_J114-Pays-ENREG"), ("j256", "JDV_J256-Pays")]:
        path = os.path.join(DATA, f"countries_insee_jdv_{key}.csv")
        country_sets[key] = (path, list(csv.DictReader(open(path, encoding="utf-8"), delimiter=";")))
    # JDV_J114-Pays-ENREG: retired on 2024-01-26, when JDV_J256-Pays took over.
    j114 = country_sets["j114"][1]
    value_sets += value_set_lit(
        tables, "JDV_J114-Pays-ENREG", pointers["JDV_J114-Pays-ENREG"]["oid"],
        "https://mos.esante.gouv.fr/NOS/JDV_J114-Pays-ENREG/FHIR/JDV-J114-Pays-ENREG",
        "Pays pour ENREG (retired on 2024-01-26; succeeded by JDV_J256-Pays)", "TRE_R20-Pays",
        [("20240126120000", [r["code_cog"] for r in j114])],
        [(r["code_cog"], r["libelle"]) for r in j114 if r["libelle"] != r20_labels[r["code_cog"]]])
    # JDV_J256-Pays: every active TRE_R20 code, plus TRE_R302-ContexteCodeComplementaire '01' "Non renseigné"
    # (not a country), which lives outside TRE_R20: in J256_OUTSIDE.
    j256 = country_sets["j256"][1]
    p256 = pointers["JDV_J256-Pays"]
    assert {r["code_cog"] for r in j256 if r["code_cog"] in r20_labels} == \
        {c["code"] for c in r20 if c["status"] == "active"}, "J256 is not the active TRE_R20 codes"
    outside = [{"code": r["code_cog"], "label": r["libelle"], "status": "active"} for r in j256
               if r["code_cog"] not in r20_labels]
    assert [c["code"] for c in outside] == ["01"], outside
    value_sets += value_set_lit(
        tables, "JDV_J256-Pays", p256["oid"], "https://mos.esante.gouv.fr/NOS/JDV_J256-Pays/FHIR/JDV-J256-Pays",
        "Tous les codes actifs du COG INSEE pays (TRE_R20), plus le code applicatif 01 'Non renseigné' "
        "(TRE_R302-ContexteCodeComplementaire)", "TRE_R20-Pays",
        [(p256["version"], [r["code_cog"] for r in j256])],
        [(r["code_cog"], r["libelle"]) for r in j256 if r["code_cog"] in r20_labels and r["libelle"] != r20_labels[r["code_cog"]]],
        outside=("J256_OUTSIDE", outside))
    set_names = [l.split('name: "')[1].split('"')[0] for l in value_sets if l.startswith("        meta: ")]
    aliases = []
    for alias, target in ALIASES:
        field = (f"Field::ValueSet(&VALUE_SETS[{set_names.index(target)}])" if target in set_names
                 else f"Field::Table({tables.table_ref(target)})")
        aliases.append(f"    Alias {{ name: {rust_str(alias)}, field: {field} }}, // {target}")
    sources = [(src, f"retrieved {data['retrieved']}"),
               (hist_src, "JDV_J121, J116, J117, J113 versions up to 2026-09-28"),
               (r20_src, f"TRE_R20 v{p20['version']}"),
               (country_sets["j114"][0], "JDV_J114 v20240126120000"),
               (country_sets["j256"][0], f"JDV_J256 v{p256['version']}")]
    header = ["// @generated by scripts/gen_nomenclatures.py. Do not edit.", "// Sources (data/README.md):"]
    header += [f"//   data/{os.path.basename(p)} ({what}, sha256 {sha(p)})" for p, what in sources]
    header += [
        "",
        "use super::super::model::{Alias, Code, Date, Field, Meta, SetVersion, Status, Table, ValueSet};",
        "",
    ] + tables.statics + [
        "/// The codes JDV_J256-Pays takes from TRE_R302-ContexteCodeComplementaire (not a country).",
        "static J256_OUTSIDE: &[Code] = &[",
    ] + [code_lit("TRE_R302-ContexteCodeComplementaire", c) for c in outside] + [
        "];",
        "",
        "/// Every embedded code system.",
        "pub(crate) static TABLES: &[Table] = &[",
    ] + tables.lines + ["];", "", "/// Every embedded value set, with its versions (oldest first).",
                        "pub(crate) static VALUE_SETS: &[ValueSet] = &["] + value_sets + [
        "];", "", "/// The portal's fields by name (docs/domain.md §3).", "pub(crate) static ALIASES: &[Alias] = &["
    ] + aliases + ["];"]
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
    gen_communes(rows, f"npm {NPM_PACKAGE}, the package's file data/communes.json")
    if DIFFERENT:
        print("generated files differ from the committed ones: run scripts/gen_nomenclatures.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
