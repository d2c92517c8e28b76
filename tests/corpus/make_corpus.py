#!/usr/bin/env python3
"""Writes tests/corpus/identifiers.jsonl: the identifier corpus every face (Rust, C, Python, CLI) runs.

The expected results are written here by hand, from data/identifier_test_vectors.json (origins
kept; provenance in data/README.md) and our own edge cases; nothing is computed by rppsplus. Re-run after editing: python3 tests/corpus/make_corpus.py
"""
import json, os

S, T = "strict", "test"
cases = []


def ok(kind, value, canonical=None, mode=S, warning=None, origin=""):
    cases.append({"kind": kind, "input": value, "mode": mode, "valid": True,
                  "canonical": value if canonical is None else canonical, "code": None, "warning": warning, "origin": origin})


def bad(kind, value, code, mode=S, origin=""):
    cases.append({"kind": kind, "input": value, "mode": mode, "valid": False, "canonical": None, "code": code,
                  "warning": None, "origin": origin})


vec = "data/identifier_test_vectors.json"
# RPPS
for v in ["10107985318", "10107985300"]:
    ok("rpps", v, origin="the ANS gestionnaire guide")
for v in ["10002813839", "10003879623", "10000005479", "10000001916"]:
    ok("rpps", v, origin=vec)
for v in ["10005678901", "10102727017", "10003461033", "10000001111"]:
    bad("rpps", v, "invalid_checksum", origin=vec + " (fictitious, fails its key)")
bad("rpps", "99700075122", "invalid_component", origin="test card, strict mode")
ok("rpps", "99700075122", mode=T, warning="test_identifier", origin="test card, test mode")
ok("rpps", "101 079 853 18", "10107985318", origin="separators")
ok("rpps", "101.079.853-18", "10107985318", origin="separators")
ok("rpps", "\u00a010107985318\u00a0", "10107985318", origin="no-break spaces from a spreadsheet")
bad("rpps", "", "invalid_length", origin="empty")
bad("rpps", "   ", "invalid_length", origin="whitespace only")
bad("rpps", "1010798531", "invalid_length", origin="10 digits")
bad("rpps", "101079853180", "invalid_length", origin="12 digits")
bad("rpps", "1010798531A", "invalid_format", origin="letter")
bad("rpps", "١٠١٠٧٩٨٥٣١٨", "invalid_format", origin="Arabic-Indic digits")
bad("rpps", "１０１０７９８５３１８", "invalid_format", origin="full-width digits")
bad("rpps", "10107985319", "invalid_checksum", origin="seed number, last digit changed")
bad("rpps", "1010798531\u00008", "invalid_format", origin="embedded NUL")
# idNat
ok("idnat", "810107985318", origin="docs/domain.md §2")
ok("idnat", "8 10107985318", "810107985318", origin="FAQ: a space after the 8")
ok("idnat", "810000005479", origin=vec)
bad("idnat", "810107985319", "invalid_checksum", origin="bad RPPS key")
bad("idnat", "899700075122", "invalid_component", origin="test card, strict")
ok("idnat", "899700075122", mode=T, warning="test_identifier", origin="test card CN")
ok("idnat", "0349102665", origin="0 + ADELI")
ok("idnat", "3970405593/EMP-0042", origin="3 + FINESS / local id")
bad("idnat", "3970405593", "invalid_component", origin="composite without local id")
bad("idnat", "2123456789", "invalid_component", origin="deprecated DRASS prefix")
bad("idnat", "8101079853", "invalid_length", origin="short")
bad("idnat", "", "invalid_length", origin="empty")
# idNat structure
ok("idnat-structure", "1010780914", origin=vec)
ok("idnat-structure", "410003879623017", origin=vec)
bad("idnat-structure", "1754567860", "invalid_checksum", origin=vec + " (fictitious)")
bad("idnat-structure", "5010780914", "invalid_component", origin="deprecated prefix 5")
# RPPS-rang
ok("rpps-rang", "10003879623017", origin=vec)
bad("rpps-rang", "10003879623018", "invalid_checksum", origin="key changed")
bad("rpps-rang", "1000387962301", "invalid_length", origin="13 digits")
# ADELI
ok("adeli", "349102665", origin="anchors.md real-looking sample layout")
ok("adeli", "349102660", origin="no checksum on ADELI")
ok("adeli", "2a9102665", "2A9102665", origin="Corsica, lower case")
bad("adeli", "34910266", "invalid_length", origin="8 chars")
bad("adeli", "34X102665", "invalid_format", origin="letter")
# FINESS
for v in ["970405593", "970406831"]:
    ok("finess", v, origin="the ANS gestionnaire guide")
ok("finess", "970100012", origin="Guadeloupe, docs/domain.md §2")
for v in ["010780914", "060016219", "590064036", "010000602", "580008803"]:
    ok("finess", v, origin=vec)
bad("finess", "754567860", "invalid_checksum", origin=vec + " (fictitious)")
ok("finess", "2A0000001", origin="Corsica: format only")
ok("finess", "2b0000001", "2B0000001", origin="Corsica, lower case")
bad("finess", "9A0405593", "invalid_component", origin="9A is a flow département code, not a prefix")
bad("finess", "9F0000000", "invalid_component", origin="9F")
bad("finess", "200000000", "invalid_component", origin="20 is not a département")
bad("finess", "960000000", "invalid_component", origin="96 is not a département")
bad("finess", "97040559", "invalid_length", origin="8 chars")
# SIREN / SIRET
ok("siren", "732829320", origin=vec)
ok("siren", "732 829 320", "732829320", origin="separators")
bad("siren", "732829321", "invalid_checksum", origin="key changed")
ok("siren", "356000000", origin=vec + " La Poste")
ok("siret", "73282932000074", origin=vec)
bad("siret", "73282932000079", "invalid_checksum", origin=vec)
ok("siret", "35600000000048", origin=vec + " La Poste head office")
ok("siret", "35600000000001", origin=vec + " La Poste digit sum 15")
bad("siret", "35600000000055", "invalid_checksum", origin=vec + " La Poste digit sum 19")
bad("siret", "7328293200007", "invalid_length", origin="13 digits")
# communes, countries
ok("commune", "13203", origin="Marseille 3e, docs/domain.md §2")
ok("commune", "2A004", origin="Ajaccio")
ok("commune", "2a004", "2A004", origin="lower case")
ok("commune", "20004", "2A004", warning="old_code", origin="Corsica's pre-1976 code of Ajaccio")
bad("commune", "75015", "unknown_code", origin="a postal code (Paris 15e = 75115), the FAQ du Portail RPPS+")
ok("commune", "13003", warning="also_postal_code", origin="Alleins, also the postal code of Marseille 3e")
bad("commune", "99999", "unknown_code", origin="no such commune")
ok("commune", "97502", origin="COM: Saint-Pierre (Saint-Pierre-et-Miquelon)")
ok("commune", "97411", warning="also_postal_code", origin="Saint-Denis (Réunion); 97411 is also a postal code of Saint-Paul")
ok("commune", "97101", origin="DOM: Les Abymes")
bad("commune", "2C004", "invalid_format", origin="not Corsica")
bad("commune", "1320", "invalid_length", origin="4 digits")
ok("pays", "99100", origin="France")
ok("pays", "99350", origin="Maroc")
bad("pays", "13203", "invalid_component", origin="a commune code")
bad("pays", "99999", "unknown_code", origin="no such country")
ok("pays", "99000", origin="ended TRE_R20 code, kept valid for birth places")
bad("pays", "991000", "invalid_length", origin="6 digits")
# phones (data/identifier_test_vectors.json and the checks of data/phone_fr_mobile_patterns.json)
for national, e164 in [("0612345678", "+33612345678"), ("0692123456", "+262692123456"), ("0639012345", "+262639012345"),
                       ("0690001234", "+590690001234"), ("0694201234", "+594694201234"), ("0696201234", "+596696201234"),
                       ("0709212345", "+262709212345")]:
    ok("phone", national, e164, origin=vec)
    ok("phone", e164, origin=vec)
for e164 in ["+508551234", "+681821234", "+687751234", "+68987123456"]:
    ok("phone", e164, origin="data/phone_fr_mobile_patterns.json checks")
ok("phone", "06 12 34 56 78", "+33612345678", origin="spaces")
ok("phone", "06.12.34.56.78", "+33612345678", origin="dots")
ok("phone", "0033 6 12 34 56 78", "+33612345678", origin="00 international prefix")
ok("phone", "+33730494959", origin="docs/domain.md §4 example")
ok("phone", "+44 7700 900123", "+447700900123", warning="foreign_number", origin="foreign mobile")
bad("phone", "+33712345678", "invalid_component", origin="unallocated 71 range")
bad("phone", "+33692123456", "invalid_component", origin="Réunion mobile forced to +33")
bad("phone", "+33 06 12 34 56 78", "invalid_component", origin="trunk 0 after +33")
bad("phone", "01 23 45 67 89", "not_mobile", origin="Paris landline")
bad("phone", "+262262161234", "not_mobile", origin="Réunion landline")
bad("phone", "061234567", "invalid_length", origin="9 digits")
bad("phone", "612345678", "invalid_format", origin="no trunk prefix")
bad("phone", "", "invalid_length", origin="empty")
# emails
ok("email", "nathalie.dupont@example.org", origin="docs/domain.md §4")
ok("email", "Nathalie.Dupont@Example.ORG", "Nathalie.Dupont@example.org", origin="local part keeps its case")
bad("email", "nathalie dupont@example.org", "invalid_format", origin="space")
bad("email", "nathalie.dupont@example", "invalid_component", origin="no TLD")
bad("email", "nathalie.dupont.example.org", "invalid_format", origin="no @")
bad("email", "", "invalid_length", origin="empty")
# demande numbers
ok("numero", "P20220905011141", origin="the ANS gestionnaire guide")
bad("numero", "P20221305011141", "invalid_component", origin="month 13")
bad("numero", "P20230229120000", "invalid_component", origin="29 February 2023")
bad("numero", "20220905011141", "invalid_length", origin="no P")
bad("numero", "Q20220905011141", "invalid_format", origin="wrong letter")

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "identifiers.jsonl")
with open(out, "w", encoding="utf-8", newline="\n") as f:
    for c in cases:
        f.write(json.dumps(c, ensure_ascii=False) + "\n")
print(f"wrote {out}: {len(cases)} cases")
