#!/usr/bin/env python3
"""Write demande collection files in the CSV bulk format of docs/domain.md §4.6.

Two modes, standard library only:

1. The CSV twin of a JSON array of demandes (the sample collection), so that the two
   files cannot drift::

       python3 scripts/gen_demandes_csv.py --from-json examples/data/demandes.json \\
           --out examples/data/demandes.csv --encoding cp1252

   ``--encoding cp1252`` writes what a French Excel "CSV (séparateur : point-virgule)"
   export produces (Windows-1252). ``--check`` compares with the existing ``--out`` file
   instead of writing it and exits 1 when they differ.

2. A large synthetic collection for benchmarks, streamed row by row (deterministic for a
   given ``--seed``)::

       python3 scripts/gen_demandes_csv.py --rows 1000000 --out /tmp/demandes_1m.csv

   About 90 % of the rows are valid ``primo_enregistrement`` demandes, each of another
   person (up to 7 million rows: no ``duplicate``); the others carry one error each, of
   various kinds (missing email, landline as mobile, wrong RPPS or
   FINESS key, deprecated or non-portal profession, postal code as birth commune, end
   date before start date, invalid character in a name, CGU not accepted, bad email,
   impossible date, etat_civil on an ajout_situation, fermeture without end date).
   UTF-8 by default.

Format (both modes): one demande per row, header = the JSON paths flattened with ``.``
(``COLUMNS`` below), ``;`` delimiter (``--delimiter ,`` for a comma), CRLF line ends,
prénoms joined with ``,`` in one cell, booleans ``oui``/``non``, an empty cell for an
absent value. Dates are written ``JJ/MM/AAAA`` on even data rows and ``YYYY-MM-DD`` on odd
ones (``--dates fr`` or ``--dates iso`` for one style only), as hand-filled files mix them.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
import json
import random
import sys
import unicodedata

COLUMNS = [
    "procedure",
    "numero",
    "rpps",
    "etat_civil.civilite",
    "etat_civil.sexe",
    "etat_civil.nom_naissance",
    "etat_civil.nom_usage",
    "etat_civil.prenoms",
    "etat_civil.date_naissance",
    "etat_civil.pays_naissance",
    "etat_civil.commune_naissance",
    "etat_civil.lieu_naissance",
    "etat_civil.source",
    "contact.email",
    "contact.telephone_mobile",
    "situation.id",
    "situation.nom_exercice",
    "situation.prenom_exercice",
    "situation.structure.finess",
    "situation.structure.siret",
    "situation.profession",
    "situation.role",
    "situation.mode_exercice",
    "situation.date_prise_fonction",
    "situation.date_fin_fonction",
    "situation.motif_fin",
    "confirmations.cgu_acceptees",
    "confirmations.rencontre_en_personne",
]
DATE_COLUMNS = {
    "etat_civil.date_naissance",
    "situation.date_prise_fonction",
    "situation.date_fin_fonction",
}


# --------------------------------------------------------------------------------------
# JSON -> CSV
# --------------------------------------------------------------------------------------


def flatten(obj: dict, prefix: str = "") -> dict[str, object]:
    """{"a": {"b": 1}} -> {"a.b": 1}; lists are kept as values."""
    out: dict[str, object] = {}
    for key, value in obj.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, path + "."))
        else:
            out[path] = value
    return out


def fr_date(iso: str) -> str:
    """2026-09-01 -> 01/09/2026 (anything else is returned unchanged)."""
    if len(iso) == 10 and iso[4] == "-" and iso[7] == "-":
        return f"{iso[8:10]}/{iso[5:7]}/{iso[0:4]}"
    return iso


def cell(column: str, value: object, french_dates: bool) -> str:
    """The CSV text of one JSON value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    text = str(value)
    if french_dates and column in DATE_COLUMNS:
        return fr_date(text)
    return text


def use_fr_dates(index: int, style: str) -> bool:
    return style == "fr" or (style == "mixed" and index % 2 == 0)


def demande_to_row(demande: dict, index: int, style: str) -> list[str]:
    flat = flatten(demande)
    unknown = set(flat) - set(COLUMNS)
    if unknown:
        raise SystemExit(f"demande [{index}]: no CSV column for {sorted(unknown)}")
    fr = use_fr_dates(index, style)
    return [cell(c, flat.get(c), fr) for c in COLUMNS]


def json_to_csv_text(path: str, delimiter: str, style: str) -> str:
    with open(path, encoding="utf-8") as f:
        demandes = json.load(f)
    if not isinstance(demandes, list):
        raise SystemExit(f"{path}: expected a JSON array of demandes")
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for i, demande in enumerate(demandes):
        writer.writerow(demande_to_row(demande, i, style))
    return buf.getvalue()


# --------------------------------------------------------------------------------------
# Synthetic collection
# --------------------------------------------------------------------------------------


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


def with_luhn_key(body: str) -> str:
    for d in "0123456789":
        if luhn_ok(body + d):
            return body + d
    raise AssertionError("unreachable")


FINESS = ["970405593", "970406831", "010780914", "060016219", "590064036", "010000602", "580008803"]
SIRET = "73282932000074"
# Communes checked against the embedded COG (current codes; Corsica and DOM included).
COMMUNES = [
    "13203", "2A004", "2B033", "97411", "97101", "69383", "33063", "31555", "44109",
    "35238", "34172", "06088", "67482", "75115", "97209", "97302", "97611",
]
FOREIGN_BIRTH = [("99350", "Casablanca"), ("99352", "Alger"), ("99109", "Berlin"),
                 ("99127", "Milan"), ("99134", "Madrid"), ("99139", "Porto")]
PROFESSION_ROLE = [("326", "GENR10"), ("313", "GENR11"), ("328", "GENR10"), ("371", "GENR11"),
                   ("331", "GENR13"), ("359", "GENR12"), ("330", "GENR08"), ("343", "GENR09"),
                   ("367", "GENR99"), ("325", "GENR10"), ("347", "GENR11"), ("372", "GENR11"),
                   ("324", "GENR10"), ("368", "GENR10"), ("340", "GENR09"), ("360", "GENR01")]
MODES = ["S"] * 12 + ["L", "B", "I", ""]
NOMS = ["MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "RICHARD", "PETIT", "DURAND",
        "LEROY", "MOREAU", "SIMON", "LAURENT", "LEFÈVRE", "MICHEL", "GARCIA", "DAVID",
        "BERTRAND", "ROUX", "VINCENT", "FOURNIER", "MOREL", "GIRARD", "ANDRÉ", "MERCIER",
        "D'ALMEIDA", "LE GALL", "N'DIAYE", "SAINT-JUST", "HOARAU", "PAYET", "CASANOVA"]
PRENOMS_F = ["Camille", "Léa", "Chloé", "Manon", "Inès", "Zoé", "Anaïs", "Élodie", "Sophie",
             "Marie-Hélène", "Nathalie", "Océane", "Maëlle", "Aurélie", "Françoise"]
PRENOMS_M = ["Lucas", "Hugo", "Théo", "Nathan", "Mathis", "Jérôme", "François", "Noël",
             "Jean-Baptiste", "Karim", "Yann", "Loïc", "Gaël", "Rémi", "Paul"]

ERROR_KINDS = [
    "missing_email", "landline", "bad_rpps_key", "deprecated_profession",
    "profession_not_allowed", "postal_code", "fin_before_prise", "bad_name_char",
    "bad_finess_key", "cgu_non", "bad_email", "impossible_date", "ajout_with_etat_civil",
    "fermeture_without_fin",
]


def make_rng_helpers(rng: random.Random):
    digits = "0123456789"

    def rand_digits(n: int) -> str:
        return "".join(rng.choice(digits) for _ in range(n))

    def rpps() -> str:
        return with_luhn_key("1" + rand_digits(9))

    def mobile() -> str:
        lead = rng.choice(["6" + rng.choice("01245678"), "7" + rng.choice("3456789")])
        nsn = lead + rand_digits(7)
        style = rng.random()
        if style < 0.6:
            return "+33" + nsn
        if style < 0.9:
            n = "0" + nsn
            return " ".join(n[i:i + 2] for i in range(0, 10, 2))
        return "0" + nsn

    def date(y0: int, y1: int) -> str:
        return f"{rng.randint(y0, y1):04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"

    return rand_digits, rpps, mobile, date


# Birth dates of the synthetic people: BIRTH_DAYS days from 1962-01-01.
BIRTH_FIRST = datetime.date(1962, 1, 1)
BIRTH_DAYS = (datetime.date(2004, 12, 28) - BIRTH_FIRST).days
# Row i is person (i * PERSON_STEP) mod PEOPLE of the nom x first prénom x birth date space:
# PERSON_STEP is a prime that does not divide PEOPLE, so that the first PEOPLE rows (about
# 7.3 million) are all different people, as a real collection file's are (the same person
# twice is a `duplicate`).
PEOPLE = len(NOMS) * len(PRENOMS_F) * BIRTH_DAYS
PERSON_STEP = 1_000_003
assert len(PRENOMS_F) == len(PRENOMS_M) and PEOPLE % PERSON_STEP != 0


def person(i: int, female: bool) -> tuple[str, str, str]:
    """The nom, first prénom and birth date (ISO) of row i's person."""
    k = i * PERSON_STEP % PEOPLE
    k, nom = divmod(k, len(NOMS))
    day, prenom = divmod(k, len(PRENOMS_F))
    first = (PRENOMS_F if female else PRENOMS_M)[prenom]
    return NOMS[nom], first, (BIRTH_FIRST + datetime.timedelta(days=day)).isoformat()


def synthetic_rows(n: int, seed: int):
    """Yield n demandes (flat dicts, ISO dates) as the JSON would flatten them."""
    rng = random.Random(seed)
    rand_digits, rpps, mobile, date = make_rng_helpers(rng)
    for i in range(n):
        female = rng.random() < 0.7
        nom, first, born = person(i, female)
        prenoms = [first]
        if rng.random() < 0.4:
            prenoms.append(rng.choice(PRENOMS_F if female else PRENOMS_M))
        born_abroad = rng.random() < 0.08
        pays, lieu = rng.choice(FOREIGN_BIRTH) if born_abroad else ("99100", "")
        profession, role = rng.choice(PROFESSION_ROLE)
        structure_siret = rng.random() < 0.05
        plain = unicodedata.normalize("NFKD", prenoms[0].lower()).encode("ascii", "ignore").decode()
        email_local = f"{plain}.{i}"
        row = {
            "procedure": "primo_enregistrement",
            # Created before the reference date the README uses (2026-11-22).
            "numero": f"P2026{rng.randint(1, 10):02d}{rng.randint(1, 28):02d}"
                      f"{rng.randint(0, 23):02d}{rng.randint(0, 59):02d}{rng.randint(0, 59):02d}",
            "etat_civil.civilite": "MME" if female else "M",
            "etat_civil.sexe": "F" if female else "M",
            "etat_civil.nom_naissance": nom,
            "etat_civil.nom_usage": rng.choice(NOMS) if female and rng.random() < 0.2 else "",
            "etat_civil.prenoms": ",".join(prenoms),
            "etat_civil.date_naissance": born,
            "etat_civil.pays_naissance": pays,
            "etat_civil.commune_naissance": "" if born_abroad else rng.choice(COMMUNES),
            "etat_civil.lieu_naissance": lieu,
            "etat_civil.source": "franceconnect" if rng.random() < 0.15 else "saisie",
            "contact.email": f"{email_local}@example.org",
            "contact.telephone_mobile": mobile(),
            "situation.nom_exercice": nom,
            "situation.prenom_exercice": prenoms[0],
            "situation.structure.finess": "" if structure_siret else rng.choice(FINESS),
            "situation.structure.siret": SIRET if structure_siret else "",
            "situation.profession": profession,
            "situation.role": role,
            "situation.mode_exercice": rng.choice(MODES),
            "situation.date_prise_fonction": date(2024, 2026),
            "confirmations.cgu_acceptees": True,
            "confirmations.rencontre_en_personne": True,
        }
        if rng.random() < 0.10:
            kind = rng.choice(ERROR_KINDS)
            if kind == "missing_email":
                row["contact.email"] = ""
            elif kind == "landline":
                row["contact.telephone_mobile"] = "01 " + " ".join(rand_digits(2) for _ in range(4))
            elif kind == "bad_rpps_key":
                good = rpps()
                row = ajout(row, good[:-1] + str((int(good[-1]) + 1) % 10))
            elif kind == "deprecated_profession":
                row["situation.profession"] = rng.choice(["318", "323", "350"])
            elif kind == "profession_not_allowed":
                row["situation.profession"] = rng.choice(["300", "310", "353"])
            elif kind == "postal_code":
                row["etat_civil.pays_naissance"] = "99100"
                row["etat_civil.lieu_naissance"] = ""
                row["etat_civil.commune_naissance"] = rng.choice(["75015", "75011", "75020"])
            elif kind == "fin_before_prise":
                row["situation.date_prise_fonction"] = "2026-09-01"
                row["situation.date_fin_fonction"] = "2026-06-30"
            elif kind == "bad_name_char":
                row["etat_civil.nom_naissance"] = nom + rng.choice(["2", "_", "@", "(*)"])
            elif kind == "bad_finess_key":
                f = rng.choice(FINESS)
                row["situation.structure.finess"] = f[:-1] + str((int(f[-1]) + 1) % 10)
                row["situation.structure.siret"] = ""
            elif kind == "cgu_non":
                row["confirmations.cgu_acceptees"] = False
            elif kind == "bad_email":
                row["contact.email"] = row["contact.email"].replace("@example.org", "@example")
            elif kind == "impossible_date":
                row["etat_civil.date_naissance"] = "1990-02-30"
            elif kind == "ajout_with_etat_civil":
                keep = {k: v for k, v in row.items() if k.startswith("etat_civil.")}
                row = ajout(row, rpps())
                row.update(keep)
            elif kind == "fermeture_without_fin":
                row = {
                    "procedure": "fermeture_situation",
                    "numero": row["numero"],
                    "rpps": rpps(),
                    "situation.id": f"SIT-{rng.randint(1, 99999):05d}",
                    "situation.motif_fin": rng.choice(["CHL", "RS", "AUT"]),
                    "confirmations.cgu_acceptees": True,
                    "confirmations.rencontre_en_personne": True,
                }
        yield row


def ajout(primo: dict, rpps: str) -> dict:
    """The ajout_situation of a registered person, from a primo row's situation."""
    row = {k: v for k, v in primo.items() if k.startswith(("situation.", "confirmations."))}
    row.update(procedure="ajout_situation", numero=primo["numero"], rpps=rpps)
    return row


def write_synthetic(n: int, seed: int, out, delimiter: str, style: str) -> None:
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    batch = []
    for i, row in enumerate(synthetic_rows(n, seed)):
        fr = use_fr_dates(i, style)
        batch.append([cell(c, row.get(c), fr) for c in COLUMNS])
        if len(batch) == 10_000:
            writer.writerows(batch)
            batch.clear()
    writer.writerows(batch)


# --------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--from-json", metavar="PATH", help="JSON array of demandes to convert")
    src.add_argument("--rows", type=int, metavar="N", help="number of synthetic rows")
    p.add_argument("--out", required=True, help="output CSV path ('-' for stdout)")
    p.add_argument("--encoding", default="utf-8", help="utf-8 (default), utf-8-sig or cp1252")
    p.add_argument("--delimiter", default=";", choices=[";", ","])
    p.add_argument("--dates", default="mixed", choices=["mixed", "fr", "iso"])
    p.add_argument("--seed", type=int, default=2026, help="synthetic mode seed (default 2026)")
    p.add_argument("--check", action="store_true", help="--from-json: compare, do not write")
    args = p.parse_args(argv)

    if args.from_json:
        data = json_to_csv_text(args.from_json, args.delimiter, args.dates).encode(args.encoding)
        if args.check:
            with open(args.out, "rb") as f:
                if f.read() != data:
                    print(f"{args.out} is out of date: rerun without --check", file=sys.stderr)
                    return 1
            return 0
        if args.out == "-":
            sys.stdout.buffer.write(data)
        else:
            with open(args.out, "wb") as f:
                f.write(data)
        return 0

    if args.out == "-":
        out = io.TextIOWrapper(sys.stdout.buffer, encoding=args.encoding, newline="")
        write_synthetic(args.rows, args.seed, out, args.delimiter, args.dates)
        out.flush()
    else:
        with open(args.out, "w", encoding=args.encoding, newline="", buffering=1 << 20) as out:
            write_synthetic(args.rows, args.seed, out, args.delimiter, args.dates)
    return 0


if __name__ == "__main__":
    sys.exit(main())
