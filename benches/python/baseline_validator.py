#!/usr/bin/env python3
"""A plain pure-Python validator of demande collection files (docs/domain.md §4): the baseline the
Rust validator's speed is compared with.

Straightforward code on purpose: the ``csv`` module, simple functions, ``re`` and
``datetime``, no external package; not deliberately slow, not heroically optimised.

Usage::

    python3 benches/python/baseline_validator.py FILE.csv [--nos PATH] [--at 2026-11-22]
        [--stage submit|draft] [--show N]

Reads a CSV of demandes (``;`` or ``,`` sniffed from the header line; UTF-8 with or
without BOM, else Windows-1252, announced on stderr), validates every row, prints the
row, valid and invalid counts, the number of findings by code, and the elapsed time with
the rows per second. ``--show N`` also prints the first N findings.

The code lists come from ``nos_rppsplus.json`` (default: the repository's ``data/nos_rppsplus.json``,
see docs/data.md); the country list
(``countries_insee_tre_r20.csv``) and the mobile patterns (``phone_fr_mobile_patterns.json``)
are read from the same folder when present.

As a module::

    from baseline_validator import Validator, validate_row, validate_rows
    validate_row({"procedure": "primo_enregistrement", ...})   # -> [finding dicts]
    for row_number, findings in validate_rows(rows): ...

A row is a flat dict keyed by the CSV header (``etat_civil.nom_naissance``); a nested JSON
demande is flattened first. A finding is ``{"path", "code", "severity"}`` with the docs' (docs/domain.md §4.5)
stable codes (``validate_rows`` adds ``"row"``).

Differences from the Rust validator, by design of a baseline: commune codes are checked
for their format only (the COG commune table is not embedded, so a postal code such as
75015 passes here), messages are not built, ``invalid_csv`` checks are limited to unknown
columns and extra cells.
"""

from __future__ import annotations

import argparse
import codecs
import csv
import datetime as dt
import json
import os
import re
import sys
import time
from collections import Counter

# --------------------------------------------------------------------------------------
# Reference data
# --------------------------------------------------------------------------------------

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_NOS = os.path.join(REPO_ROOT, "data", "nos_rppsplus.json")

REPLACED_BY = {"318": "328", "323": "328", "350": "371|372"}

# Used when phone_fr_mobile_patterns.json is not next to nos_rppsplus.json: mainland only.
FALLBACK_PLANS = [
    {"region": "FR", "country_calling_code": 33, "national_prefix": "0",
     "mobile_nsn_pattern": r"(?:6(?:[0-24-8]\d|3[0-8]|9[589])|7[3-9]\d)\d{6}",
     "fixed_nsn_pattern": r"[1-59]\d{8}"},
]


class CodeList:
    """A table's codes with their end dates, and the portal's value set (if any)."""

    def __init__(self, table: dict, allowed: list[str] | None):
        self.ends = {c["code"]: c.get("dateFin") for c in table["codes"]}
        self.starts = {c["code"]: c.get("dateValid") for c in table["codes"]}
        self.allowed = set(allowed) if allowed is not None else set(self.ends)

    def check(self, code: str, at: str) -> str | None:
        """None when the code may be entered on date `at` (ISO), else a finding code."""
        if code not in self.ends:
            return "unknown_code"
        end = self.ends[code]
        if end is not None and end <= at:
            return "code_deprecated"
        start = self.starts[code]
        if code not in self.allowed or (start is not None and start > at):
            return "code_not_allowed"
        return None


def load_reference(nos_path: str) -> dict:
    with open(nos_path, encoding="utf-8") as f:
        nos = json.load(f)
    tables = {t["name"].split("-")[0]: t for t in nos["tables"]}

    def value_set(name: str) -> list[str]:
        return tables[name]["includes"]["codes"]

    ref = {
        "profession": CodeList(tables["TRE_R85"], value_set("JDV_J121")),
        "role": CodeList(tables["TRE_R22"], value_set("JDV_J116")),
        "civilite": CodeList(tables["TRE_R81"], value_set("JDV_J113")),
        "sexe": CodeList(tables["TRE_R249"], None),
        "mode_exercice": CodeList(tables["TRE_R23"], value_set("JDV_J117")),
        "motif_fin": CodeList(tables["TRE_R25"], None),
        "countries": None,
        "plans": FALLBACK_PLANS,
    }
    folder = os.path.dirname(os.path.abspath(nos_path))
    countries = os.path.join(folder, "countries_insee_tre_r20.csv")
    if os.path.exists(countries):
        with open(countries, encoding="utf-8", newline="") as f:
            ref["countries"] = {r["code"] for r in csv.DictReader(f, delimiter=";")}
    phones = os.path.join(folder, "phone_fr_mobile_patterns.json")
    if os.path.exists(phones):
        with open(phones, encoding="utf-8") as f:
            ref["plans"] = json.load(f)["regions"]
    ref["compiled_plans"] = [
        (str(p["country_calling_code"]), p.get("national_prefix") == "0",
         re.compile(f"(?:{p['mobile_nsn_pattern']})"), re.compile(f"(?:{p['fixed_nsn_pattern']})"))
        for p in ref["plans"]
    ]
    return ref


# --------------------------------------------------------------------------------------
# Field checks (each returns None or a finding code; warnings are ("warning", code))
# --------------------------------------------------------------------------------------

SEPARATORS = re.compile(r"[ .\-]")
DIGITS = re.compile(r"\d+")
NUMERO = re.compile(r"P(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)")
ISO_DATE = re.compile(r"(\d{4})-(\d\d)-(\d\d)")
FR_DATE = re.compile(r"(\d\d)/(\d\d)/(\d{4})")
COMMUNE = re.compile(r"\d{5}|2[AB]\d{3}")
PAYS = re.compile(r"99\d{3}")
EMAIL = re.compile(r"[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)*\.[A-Za-z]{2,}")
FINESS_DEPT = re.compile(r"0[1-9]|1[0-9]|2[1-9AB]|[3-8]\d|9[0-5]|97")
NAME_EXTRA = set(" -'’")

BOOLEANS = {"true": True, "oui": True, "1": True, "false": False, "non": False, "0": False}


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def check_rpps(value: str):
    v = SEPARATORS.sub("", value)
    if not DIGITS.fullmatch(v):
        return "invalid_format"
    if len(v) != 11:
        return "invalid_length"
    if not luhn_ok(v):
        return "invalid_checksum"
    if v[0] != "1":
        return "invalid_component"
    return None


def check_finess(value: str):
    v = SEPARATORS.sub("", value).upper()
    if len(v) != 9:
        return "invalid_length"
    if not (v[:2].isalnum() and v[2:].isdigit()):
        return "invalid_format"
    if not FINESS_DEPT.fullmatch(v[:2]):
        return "invalid_component"
    if v.isdigit() and not luhn_ok(v):
        return "invalid_checksum"
    return None


def check_siret(value: str):
    v = SEPARATORS.sub("", value)
    if not DIGITS.fullmatch(v):
        return "invalid_format"
    if len(v) != 14:
        return "invalid_length"
    if v.startswith("356000000") and v != "35600000000048":
        return None if sum(map(int, v)) % 5 == 0 else "invalid_checksum"
    if not luhn_ok(v[:9]) or not luhn_ok(v):
        return "invalid_checksum"
    return None


def check_numero(value: str):
    m = NUMERO.fullmatch(value)
    if not m:
        return "invalid_format"
    try:
        dt.datetime(*map(int, m.groups()))
    except ValueError:
        return "invalid_component"
    return None


def parse_date(value: str):
    """An ISO date string from YYYY-MM-DD or JJ/MM/AAAA, or None when invalid."""
    m = ISO_DATE.fullmatch(value)
    if m:
        y, mo, d = m.groups()
    else:
        m = FR_DATE.fullmatch(value)
        if not m:
            return None
        d, mo, y = m.groups()
    try:
        return dt.date(int(y), int(mo), int(d)).isoformat()
    except ValueError:
        return None


def check_name(value: str):
    if not 1 <= len(value) <= 100:
        return "invalid_length"
    for ch in value:
        if not (ch.isalpha() or ch in NAME_EXTRA):
            return "invalid_format"
    return None


def check_email(value: str):
    if len(value) > 254:
        return "invalid_length"
    return None if EMAIL.fullmatch(value) else "invalid_format"


def check_mobile(value: str, plans):
    v = re.sub(r"[ .\-()]", "", value)
    if not re.fullmatch(r"\+?\d+", v):
        return "invalid_format"
    if v.startswith("+"):
        digits = v[1:]
    elif v.startswith("00"):
        digits = v[2:]
    elif v.startswith("0"):
        nsn = v[1:]
        if len(nsn) != 9:
            return "invalid_length"
        national = [p for p in plans if p[1]]
        if any(p[2].fullmatch(nsn) for p in national):
            return None
        if any(p[3].fullmatch(nsn) for p in national):
            return "not_mobile"
        return "invalid_component"
    else:
        return "invalid_format"
    mine = [p for p in plans if digits.startswith(p[0])]
    if not mine:
        if digits.startswith("0"):
            return "invalid_format"
        if not 8 <= len(digits) <= 15:
            return "invalid_length"
        return ("warning", "foreign_number")
    nsn = digits[len(mine[0][0]):]
    if nsn.startswith("0"):
        return "invalid_component"
    if any(p[2].fullmatch(nsn) for p in mine):
        return None
    if any(p[3].fullmatch(nsn) for p in mine):
        return "not_mobile"
    return "invalid_component"


# --------------------------------------------------------------------------------------
# The demande
# --------------------------------------------------------------------------------------

ETAT_CIVIL = [
    "etat_civil.civilite", "etat_civil.sexe", "etat_civil.nom_naissance", "etat_civil.nom_usage",
    "etat_civil.prenoms", "etat_civil.date_naissance", "etat_civil.pays_naissance",
    "etat_civil.commune_naissance", "etat_civil.lieu_naissance", "etat_civil.source",
]
CONTACT = ["contact.email", "contact.telephone_mobile"]
SITUATION = [
    "situation.id", "situation.nom_exercice", "situation.prenom_exercice",
    "situation.structure.finess", "situation.structure.siret", "situation.profession",
    "situation.role", "situation.mode_exercice", "situation.date_prise_fonction",
    "situation.date_fin_fonction", "situation.motif_fin",
]
CONFIRMATIONS = ["confirmations.cgu_acceptees", "confirmations.rencontre_en_personne"]
COLUMNS = ["procedure", "numero", "rpps"] + ETAT_CIVIL + CONTACT + SITUATION + CONFIRMATIONS
KNOWN = set(COLUMNS)

FULL_SITUATION = [
    "situation.nom_exercice", "situation.prenom_exercice", "situation.structure",
    "situation.profession", "situation.role", "situation.date_prise_fonction",
]
PRIMO_REQUIRED = [
    "etat_civil.civilite", "etat_civil.sexe", "etat_civil.nom_naissance", "etat_civil.prenoms",
    "etat_civil.date_naissance", "etat_civil.pays_naissance", "contact.email",
    "contact.telephone_mobile",
] + FULL_SITUATION
FERMETURE_FORBIDDEN = [
    "situation.nom_exercice", "situation.prenom_exercice", "situation.structure.finess",
    "situation.structure.siret", "situation.profession", "situation.role",
    "situation.mode_exercice", "situation.date_prise_fonction",
]
PROCEDURES = {
    "primo_enregistrement", "ajout_situation", "annulation_situation",
    "modification_informations", "fermeture_situation", "modification_nom_prenom_exercice",
}
NAMES = ["etat_civil.nom_naissance", "etat_civil.nom_usage", "situation.nom_exercice",
         "situation.prenom_exercice"]


def flatten(obj: dict, prefix: str = "") -> dict:
    out = {}
    for key, value in obj.items():
        if isinstance(value, dict):
            out.update(flatten(value, f"{prefix}{key}."))
        elif isinstance(value, list):
            out[f"{prefix}{key}"] = ",".join(str(v) for v in value)
        elif isinstance(value, bool):
            out[f"{prefix}{key}"] = "oui" if value else "non"
        elif value is not None:
            out[f"{prefix}{key}"] = str(value)
    return out


def add_months(iso: str, months: int) -> str:
    y, m, d = int(iso[:4]), int(iso[5:7]), int(iso[8:10])
    m += months
    y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
    return f"{y:04d}-{m:02d}-{min(d, 28 if m == 2 else 30):02d}"


class Validator:
    """Validates rows against the reference data at date `at` (ISO) and stage."""

    def __init__(self, nos_path: str = DEFAULT_NOS, at: str | None = None, stage: str = "submit"):
        self.ref = load_reference(nos_path)
        self.at = at or dt.date.today().isoformat()
        self.stage = stage
        self.soon = add_months(self.at, 6)

    def validate_row(self, row: dict) -> list[dict]:
        if any(isinstance(v, dict) for v in row.values()):
            row = flatten(row)
        findings: list[dict] = []

        def err(path, code, severity="error"):
            findings.append({"path": path, "code": code, "severity": severity})

        # Present values, trimmed; an empty cell is an absent value.
        v = {}
        for key, value in row.items():
            if key not in KNOWN:
                if key is None or (value not in (None, "") and key):
                    err(key or "", "unknown_field")
                continue
            if value is None:
                continue
            value = value.strip()
            if value:
                v[key] = value

        procedure = v.get("procedure")
        if procedure is None:
            err("procedure", "required")
        elif procedure not in PROCEDURES:
            err("procedure", "unknown_code")
            procedure = None

        # ---- presence by procedure ---------------------------------------------------
        has_structure = "situation.structure.finess" in v or "situation.structure.siret" in v

        def present(path):
            return has_structure if path == "situation.structure" else path in v

        required: list[str] = []
        forbidden: list[str] = []
        if procedure == "primo_enregistrement":
            required = PRIMO_REQUIRED
            forbidden = ["rpps"]
        elif procedure is not None:
            required = ["rpps"]
            forbidden = ETAT_CIVIL
            if procedure == "ajout_situation":
                required = required + FULL_SITUATION
            elif procedure == "annulation_situation":
                required = required + ["situation.id"]
            elif procedure == "modification_informations":
                if not any(p in v for p in CONTACT):
                    err("contact", "required")
            elif procedure == "fermeture_situation":
                required = required + ["situation.id", "situation.date_fin_fonction"]
                forbidden = ETAT_CIVIL + FERMETURE_FORBIDDEN
            elif procedure == "modification_nom_prenom_exercice":
                if "situation.nom_exercice" not in v and "situation.prenom_exercice" not in v:
                    err("situation.nom_exercice", "required")
        for path in required:
            if not present(path):
                err("etat_civil.prenoms[0]" if path == "etat_civil.prenoms" else path, "required")
        if procedure is not None and procedure != "primo_enregistrement" and any(p in v for p in ETAT_CIVIL):
            err("etat_civil", "not_applicable")
            forbidden = [p for p in forbidden if not p.startswith("etat_civil.")]
        for path in forbidden:
            if path in v:
                err(path, "not_applicable")

        # ---- identifiers -------------------------------------------------------------
        if "numero" in v:
            code = check_numero(v["numero"])
            if code:
                err("numero", code)
        if "rpps" in v:
            code = check_rpps(v["rpps"])
            if code:
                err("rpps", code)

        # ---- etat civil --------------------------------------------------------------
        at = self.at
        ref = self.ref
        civ = v.get("etat_civil.civilite")
        if civ is not None:
            code = ref["civilite"].check(civ, at)
            if code:
                err("etat_civil.civilite", code)
        sexe = v.get("etat_civil.sexe")
        if sexe is not None:
            code = ref["sexe"].check(sexe, at)
            if code:
                err("etat_civil.sexe", code)
            elif sexe in ("O", "UN"):
                err("etat_civil.sexe", "code_not_allowed", "warning")
        if (civ, sexe) in (("M", "F"), ("MME", "M")):
            err("etat_civil.sexe", "inconsistent", "warning")
        for path in NAMES:
            if path in v:
                code = check_name(v[path])
                if code:
                    err(path, code)
        if "etat_civil.prenoms" in v:
            prenoms = [p.strip() for p in v["etat_civil.prenoms"].split(",")]
            if len(prenoms) > 3:
                err("etat_civil.prenoms", "invalid_length")
            for i, p in enumerate(prenoms[:3]):
                if p:
                    code = check_name(p)
                    if code:
                        err(f"etat_civil.prenoms[{i}]", code)
                elif i == 0:
                    err("etat_civil.prenoms[0]", "required")
        naissance = None
        if "etat_civil.date_naissance" in v:
            naissance = parse_date(v["etat_civil.date_naissance"])
            if naissance is None:
                err("etat_civil.date_naissance", "invalid_format")
            elif not "1900-01-01" <= naissance <= at:
                err("etat_civil.date_naissance", "out_of_range")
        pays = v.get("etat_civil.pays_naissance")
        if pays is not None:
            if not PAYS.fullmatch(pays):
                err("etat_civil.pays_naissance", "invalid_format")
                pays = None
            elif ref["countries"] is not None and pays not in ref["countries"]:
                err("etat_civil.pays_naissance", "unknown_code")
                pays = None
        commune = v.get("etat_civil.commune_naissance")
        if commune is not None and not COMMUNE.fullmatch(commune.upper()):
            err("etat_civil.commune_naissance", "invalid_format")
        if pays == "99100":
            if commune is None:
                err("etat_civil.commune_naissance", "required")
            if "etat_civil.lieu_naissance" in v:
                err("etat_civil.lieu_naissance", "not_applicable")
        elif pays is not None:
            if commune is not None:
                err("etat_civil.commune_naissance", "not_applicable")
            if "etat_civil.lieu_naissance" not in v:
                err("etat_civil.lieu_naissance", "required")
        source = v.get("etat_civil.source")
        if source is not None and source not in ("saisie", "franceconnect"):
            err("etat_civil.source", "unknown_code")

        # ---- contact -----------------------------------------------------------------
        if "contact.email" in v:
            code = check_email(v["contact.email"])
            if code:
                err("contact.email", code)
        if "contact.telephone_mobile" in v:
            code = check_mobile(v["contact.telephone_mobile"], ref["compiled_plans"])
            if isinstance(code, tuple):
                err("contact.telephone_mobile", code[1], code[0])
            elif code:
                err("contact.telephone_mobile", code)

        # ---- situation ---------------------------------------------------------------
        finess = v.get("situation.structure.finess")
        siret = v.get("situation.structure.siret")
        if finess is not None and siret is not None:
            err("situation.structure", "inconsistent")
        if finess is not None:
            code = check_finess(finess)
            if code:
                err("situation.structure.finess", code)
        if siret is not None:
            code = check_siret(siret)
            if code:
                err("situation.structure.siret", code)
        for field in ("profession", "role", "mode_exercice", "motif_fin"):
            value = v.get("situation." + field)
            if value is not None:
                code = ref[field].check(value, at)
                if code:
                    err("situation." + field, code)
        prise = fin = None
        if "situation.date_prise_fonction" in v:
            prise = parse_date(v["situation.date_prise_fonction"])
            if prise is None:
                err("situation.date_prise_fonction", "invalid_format")
        if "situation.date_fin_fonction" in v:
            fin = parse_date(v["situation.date_fin_fonction"])
            if fin is None:
                err("situation.date_fin_fonction", "invalid_format")
        if prise and fin and fin < prise:
            err("situation.date_fin_fonction", "inconsistent")
        if prise:
            if naissance and prise <= naissance:
                err("situation.date_prise_fonction", "inconsistent")
            elif naissance:
                age = int(prise[:4]) - int(naissance[:4]) - (prise[5:] < naissance[5:])
                if age < 16 or age > 80:
                    err("situation.date_prise_fonction", "out_of_range", "warning")
            if prise > self.soon:
                err("situation.date_prise_fonction", "out_of_range", "warning")

        # ---- confirmations -----------------------------------------------------------
        for path in CONFIRMATIONS:
            if path in v:
                b = BOOLEANS.get(v[path].lower())
                if b is None:
                    err(path, "invalid_format")
                elif not b and self.stage == "submit":
                    err(path, "required")
            elif self.stage == "submit" and procedure is not None:
                err(path, "required")
        return findings

    def validate_rows(self, rows, first_row: int = 2):
        """Yield (row number, findings) per row; row numbers count the header as row 1."""
        for n, row in enumerate(rows, first_row):
            findings = self.validate_row(row)
            for f in findings:
                f["row"] = n
            yield n, findings


_DEFAULT: Validator | None = None


def _default() -> Validator:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Validator()
    return _DEFAULT


def validate_row(row: dict) -> list[dict]:
    """Findings of one demande (flat CSV dict or nested JSON dict), default reference."""
    return _default().validate_row(row)


def validate_rows(rows):
    """(row number, findings) for each row of an iterable of dicts, default reference."""
    return _default().validate_rows(rows)


# --------------------------------------------------------------------------------------
# CSV file
# --------------------------------------------------------------------------------------


def open_csv(path: str):
    """(text stream, encoding name): UTF-8 (BOM or not) when it decodes, else cp1252."""
    with open(path, "rb") as f:
        head = f.read(3)
    if head == b"\xef\xbb\xbf":
        return open(path, encoding="utf-8-sig", newline=""), "utf-8-sig"
    # Check the whole file is UTF-8 (streamed, 1 MiB at a time).
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with open(path, "rb") as f:
            while chunk := f.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        return open(path, encoding="utf-8", newline=""), "utf-8"
    except UnicodeDecodeError:
        return open(path, encoding="cp1252", newline=""), "windows-1252"


def validate_file(path: str, validator: Validator, show: int = 0, out=sys.stdout) -> dict:
    stream, encoding = open_csv(path)
    stats = {"rows": 0, "valid": 0, "invalid": 0, "codes": Counter(), "encoding": encoding}
    if encoding == "windows-1252":
        print(f"notice: encoding_converted: {path} was decoded from Windows-1252", file=sys.stderr)
    shown = 0
    with stream:
        header_line = stream.readline()
        delimiter = ";" if header_line.count(";") >= header_line.count(",") else ","
        header = next(csv.reader([header_line], delimiter=delimiter))
        header = [h.strip() for h in header]
        for h in header:
            if h not in KNOWN:
                stats["codes"]["invalid_csv"] += 1
                print(f"row 1: invalid_csv: unknown column {h!r}", file=out)
        reader = csv.DictReader(stream, fieldnames=header, delimiter=delimiter)
        for n, findings in validator.validate_rows(reader):
            stats["rows"] += 1
            if any(f["severity"] == "error" for f in findings):
                stats["invalid"] += 1
            else:
                stats["valid"] += 1
            for f in findings:
                stats["codes"][f["code"]] += 1
                if shown < show:
                    print(f"row {n}: {f['severity']}: {f['path']}: {f['code']}", file=out)
                    shown += 1
    return stats


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Baseline pure-Python demande validator")
    p.add_argument("csv", help="CSV file of demandes")
    p.add_argument("--nos", default=DEFAULT_NOS, help="path of nos_rppsplus.json")
    p.add_argument("--at", default=None, help="reference date YYYY-MM-DD (default: today)")
    p.add_argument("--stage", default="submit", choices=["submit", "draft"])
    p.add_argument("--show", type=int, default=0, metavar="N", help="print the first N findings")
    args = p.parse_args(argv)

    validator = Validator(args.nos, args.at, args.stage)
    start = time.perf_counter()
    stats = validate_file(args.csv, validator, args.show)
    elapsed = time.perf_counter() - start
    rate = stats["rows"] / elapsed if elapsed else float("inf")
    print(f"rows: {stats['rows']}  valid: {stats['valid']}  invalid: {stats['invalid']}  "
          f"(encoding {stats['encoding']})")
    print("findings: " + ", ".join(f"{c} {n}" for c, n in sorted(stats["codes"].items())))
    print(f"elapsed: {elapsed:.3f} s  ({rate:,.0f} rows/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
