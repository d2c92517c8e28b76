"""rppsplus.validate / validate_many / validate_csv and the Report (docs/domain.md §4)."""

from __future__ import annotations

import copy
import datetime
import json
import os
import pickle
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import rppsplus
from rppsplus import (
    CsvReports,
    CsvRow,
    Finding,
    Report,
    RppsplusError,
    ValidationError,
    iter_csv,
    validate,
    validate_csv,
    validate_many,
)

ROOT = Path(__file__).resolve().parents[2]
DEMANDES_CSV = ROOT / "examples" / "data" / "demandes.csv"
DEMANDES_JSON = ROOT / "examples" / "data" / "demandes.json"
AT = datetime.date(2026, 11, 22)

# The example of docs/domain.md §4.1, verbatim.
SPEC_EXAMPLE: dict[str, Any] = {
    "procedure": "primo_enregistrement",
    "numero": "P20220905011141",
    "rpps": None,
    "etat_civil": {
        "civilite": "MME", "sexe": "F",
        "nom_naissance": "DUPONT", "nom_usage": None,
        "prenoms": ["Nathalie"],
        "date_naissance": "1999-05-05",
        "pays_naissance": "99100", "commune_naissance": "13203", "lieu_naissance": None,
        "source": "saisie",
    },
    "contact": {"email": "nathalie.dupont@example.org", "telephone_mobile": "+33730494959"},
    "situation": {
        "id": None,
        "nom_exercice": "DUPONT", "prenom_exercice": "Nathalie",
        "structure": {"finess": "970405593"},
        "profession": "326", "role": "GENR08", "mode_exercice": "S",
        "date_prise_fonction": "2022-05-02", "date_fin_fonction": None, "motif_fin": None,
    },
    "confirmations": {"cgu_acceptees": True, "rencontre_en_personne": True},
}


def spec() -> dict[str, Any]:
    return copy.deepcopy(SPEC_EXAMPLE)


def codes(report: Report) -> list[tuple[str, str]]:
    return [(f.path, f.code) for f in report.findings]


def alone(report: Report) -> list[tuple[str, str, str, str]]:
    """What a demande finds on its own: its findings but the duplicates, which belong to a
    collection (``validate_many`` finds them, ``validate`` sees one demande)."""
    return [(f.path, f.code, f.severity, f.message) for f in report.findings if f.code != "duplicate"]


# --- one demande ------------------------------------------------------------------------


def test_spec_example_is_valid() -> None:
    report = validate(spec(), reference_date=AT)
    assert report.valid is True
    assert report.findings == [] and len(report) == 0 and list(report) == []
    assert report.errors() == [] and report.error_count() == 0
    assert json.loads(report.to_json()) == {"valid": True, "findings": []}
    assert report.to_dict() == {"valid": True, "findings": []}
    assert repr(report) == "Report(valid=True, errors=0, warnings=0)"
    report.raise_for_errors()  # no error: does not raise


def test_same_report_from_dict_str_and_bytes() -> None:
    text = json.dumps(spec())
    d = spec()
    del d["contact"]["email"]
    bad = json.dumps(d)
    assert validate(text, reference_date=AT).valid
    assert validate(text.encode(), reference_date=AT).valid
    assert validate(bad, reference_date=AT) == validate(d, reference_date=AT)
    assert validate(bad.encode(), reference_date=AT) == validate(d, reference_date=AT)


def test_reference_date_forms() -> None:
    d = spec()
    d["situation"]["profession"] = "323"  # ended 2025-12-22
    for at in (AT, "2026-11-22", datetime.datetime(2026, 11, 22, 23, 59)):
        assert codes(validate(d, reference_date=at)) == [("situation.profession", "code_deprecated")]
    assert not validate(d).valid  # None: today, after the end of 323
    # Mode d'exercice I is valid since 2026-02-02 only.
    d = spec()
    d["situation"]["mode_exercice"] = "I"
    assert validate(d, reference_date="2026-02-02").valid
    assert [p for p, _ in codes(validate(d, reference_date=datetime.date(2026, 2, 1)))] == [
        "situation.mode_exercice"
    ]
    with pytest.raises(ValueError, match="reference_date"):
        validate(d, reference_date="22/11/2026")
    with pytest.raises(TypeError, match="reference_date"):
        validate(d, reference_date=20261122)  # type: ignore[arg-type]


def test_missing_email() -> None:
    d = spec()
    del d["contact"]["email"]
    report = validate(d, reference_date=AT)
    assert report.valid is False
    assert codes(report) == [("contact.email", "required")]
    f = report.findings[0]
    assert isinstance(f, Finding)
    assert (f.path, f.code, f.severity) == ("contact.email", "required", "error")
    assert f.message == "L'adresse email : manquante, obligatoire pour la procédure « Primo enregistrement » ; renseignez-la."
    assert f.message_en == "The email address: missing, required for the procedure 'Primo enregistrement'; fill it in."
    assert f.loc == ("contact", "email")
    assert repr(f) == "Finding(path='contact.email', code='required', severity='error')"
    assert f == validate(d, reference_date=AT).findings[0]
    assert report.errors() == [
        {
            "type": "required",
            "loc": ("contact", "email"),
            "msg": "L'adresse email : manquante, obligatoire pour la procédure « Primo enregistrement » ; renseignez-la.",
            "msg_en": "The email address: missing, required for the procedure 'Primo enregistrement'; fill it in.",
            "severity": "error",
        }
    ]
    assert json.loads(report.to_json()) == {
        "valid": False,
        "findings": [
            {
                "path": "contact.email",
                "code": "required",
                "severity": "error",
                "message": "L'adresse email : manquante, obligatoire pour la procédure « Primo enregistrement » ; renseignez-la.",
                "message_en": "The email address: missing, required for the procedure 'Primo enregistrement'; fill it in.",
            }
        ],
    }
    assert report.to_dict() == json.loads(report.to_json())
    assert f.to_dict() == report.to_dict()["findings"][0]


def test_wrong_type_is_a_finding_and_the_rest_still_checked() -> None:
    d = spec()
    d["etat_civil"]["date_naissance"] = 19990505
    d["contact"]["telephone_mobile"] = "01 45 67 89 12"  # landline
    report = validate(d, reference_date=AT)
    assert codes(report) == [
        ("etat_civil.date_naissance", "invalid_format"),
        ("contact.telephone_mobile", "not_mobile"),
    ]
    # Same as the JSON text with the number.
    assert validate(json.dumps(d), reference_date=AT) == report


@pytest.mark.parametrize(
    "value",
    [19990505, 1999.5, True, ["1999-05-05"], {"y": 1999}, 2**70],
)
def test_any_wrong_json_type_is_invalid_format(value: object) -> None:
    d = spec()
    d["etat_civil"]["date_naissance"] = value
    assert codes(validate(d, reference_date=AT)) == [("etat_civil.date_naissance", "invalid_format")]


def test_unknown_field() -> None:
    d = spec()
    d["contact"]["emial"] = "x@example.org"
    d["extra"] = 1
    report = validate(d, reference_date=AT)
    assert sorted(codes(report)) == [("contact.emial", "unknown_field"), ("extra", "unknown_field")]
    assert {e["loc"] for e in report.errors()} == {("contact", "emial"), ("extra",)}


def test_dates_in_a_dict_are_written_iso() -> None:
    d = spec()
    d["etat_civil"]["date_naissance"] = datetime.date(1999, 5, 5)
    d["situation"]["date_prise_fonction"] = datetime.date(2022, 5, 2)
    assert validate(d, reference_date=AT).valid
    # A naive datetime at midnight (a pandas.Timestamp of a date column) is its date; another
    # datetime is not a date of the format: its isoformat() is refused at its path.
    d["etat_civil"]["date_naissance"] = datetime.datetime(1999, 5, 5)
    assert validate(d, reference_date=AT).valid
    for not_a_day in (
        datetime.datetime(1999, 5, 5, 0, 0, 1),
        datetime.datetime(1999, 5, 5, tzinfo=datetime.timezone.utc),
    ):
        d["etat_civil"]["date_naissance"] = not_a_day
        assert codes(validate(d, reference_date=AT)) == [("etat_civil.date_naissance", "invalid_format")]


def test_tuples_are_arrays() -> None:
    d = spec()
    d["etat_civil"]["prenoms"] = ("Nathalie", "Marie")
    assert validate(d, reference_date=AT).valid


def test_draft_vs_submit_confirmations() -> None:
    d = spec()
    del d["confirmations"]
    submit = validate(d, reference_date=AT, stage="submit")
    assert not submit.valid
    assert {c for _, c in codes(submit)} == {"required"}
    assert all(p.startswith("confirmations") for p, _ in codes(submit))
    assert validate(d, reference_date=AT, stage="draft").valid
    d = spec()
    d["confirmations"]["cgu_acceptees"] = False
    assert codes(validate(d, reference_date=AT)) == [("confirmations.cgu_acceptees", "required")]
    assert validate(d, reference_date=AT, stage="draft").valid


def test_actor_professionnel_needs_no_rencontre_en_personne() -> None:
    d = spec()
    del d["confirmations"]["rencontre_en_personne"]
    gestionnaire = validate(d, reference_date=AT)
    assert codes(gestionnaire) == [("confirmations.rencontre_en_personne", "required")]
    assert validate(d, reference_date=AT, actor="gestionnaire") == gestionnaire
    # A professional's primo comes through FranceConnect.
    assert codes(validate(d, reference_date=AT, actor="professionnel")) == [
        ("etat_civil.source", "not_allowed_for_actor")
    ]
    d["etat_civil"]["source"] = "franceconnect"
    assert validate(d, reference_date=AT, actor="professionnel").valid


def test_test_mode() -> None:
    d = {
        "procedure": "modification_informations",
        "rpps": "99700075122",  # a test RPPS number (99…)
        "contact": {"email": "a.b@example.org"},
        "confirmations": {"cgu_acceptees": True, "rencontre_en_personne": True},
    }
    strict = validate(d, reference_date=AT)
    assert not strict.valid
    assert [p for p, _ in codes(strict)] == ["rpps"]
    assert validate(d, reference_date=AT, test_mode=True).valid


def test_errors_shape_with_an_index() -> None:
    d = spec()
    d["etat_civil"]["prenoms"] = ["Louise", "Lou1se"]
    d["etat_civil"]["civilite"] = "M"  # civilité/sexe mismatch: a warning at etat_civil.sexe
    report = validate(d, reference_date=AT)
    assert report.valid is False
    assert sorted(codes(report)) == [("etat_civil.prenoms[1]", "invalid_format"), ("etat_civil.sexe", "inconsistent")]
    errors = report.errors()  # errors only, in order
    assert len(errors) == 1 == report.error_count()
    (e,) = errors
    assert set(e) == {"type", "loc", "msg", "msg_en", "severity"}
    assert e["type"] == "invalid_format"
    assert e["loc"] == ("etat_civil", "prenoms", 1)
    assert isinstance(e["loc"][2], int)
    assert e["severity"] == "error"
    assert e["msg"] and e["msg_en"] and e["msg"] != e["msg_en"]
    (warning,) = [f for f in report if f.severity == "warning"]
    assert warning.loc == ("etat_civil", "sexe")
    assert repr(report) == "Report(valid=False, errors=1, warnings=1)"


def test_a_warning_only_report_is_valid_but_not_empty() -> None:
    d = spec()
    d["etat_civil"]["civilite"] = "M"
    report = validate(d, reference_date=AT)
    assert report.valid and len(report) == 1 and report.errors() == []
    report.raise_for_errors()


def test_bool_of_a_report_is_ambiguous() -> None:
    report = validate(spec(), reference_date=AT)
    with pytest.raises(TypeError, match="report.valid"):
        bool(report)


def test_raise_for_errors() -> None:
    d = spec()
    del d["contact"]["email"]
    d["etat_civil"]["prenoms"] = ["Louise", "Lou1se"]
    report = validate(d, reference_date=AT)
    with pytest.raises(ValidationError) as info:
        report.raise_for_errors()
    exc = info.value
    assert isinstance(exc, RppsplusError) and isinstance(exc, ValueError)
    assert exc.report is report
    assert exc.errors() == report.errors()
    assert exc.error_count() == 2
    assert exc.code == report.errors()[0]["type"]
    assert exc.kind == "demande"
    assert str(exc) == exc.message and "2 erreur" in exc.message
    assert exc.message_en.startswith("2 error(s)")


def test_report_is_frozen_and_findings_are_fresh() -> None:
    d = spec()
    del d["contact"]["email"]
    report = validate(d, reference_date=AT)
    with pytest.raises(AttributeError):
        report.valid = True  # type: ignore[misc]
    report.findings.clear()
    assert len(report.findings) == 1
    with pytest.raises(AttributeError):
        report.findings[0].code = "x"  # type: ignore[misc]


# --- bad input --------------------------------------------------------------------------


@pytest.mark.parametrize("value", [None, 12, 1.5, ["a"], object(), bytearray(b"{}")])
def test_bad_demande_type(value: object) -> None:
    with pytest.raises(TypeError, match="demande must be dict, str or bytes"):
        validate(value)  # type: ignore[arg-type]


def test_invalid_json_text_and_bytes() -> None:
    for bad in ("", "{", "not json", b"\xff\xfe{}", b'{"procedure": "\xe9"}'):
        report = validate(bad, reference_date=AT)
        assert codes(report) == [("", "invalid_json")], bad
        assert report.errors()[0]["loc"] == ()


def test_json_that_is_not_an_object() -> None:
    report = validate("[1, 2]", reference_date=AT)
    assert not report.valid
    assert report.findings[0].code == "invalid_format"


def test_a_10_mb_string() -> None:
    big = "x" * (10 * 1024 * 1024)
    assert codes(validate(big, reference_date=AT)) == [("", "invalid_json")]
    d = spec()
    d["etat_civil"]["nom_naissance"] = big
    report = validate(d, reference_date=AT)
    assert codes(report) == [("etat_civil.nom_naissance", "invalid_length")] or [
        p for p, _ in codes(report)
    ] == ["etat_civil.nom_naissance"]
    # No message carries the value.
    assert all(len(f.message) < 1000 for f in report.findings)


def test_bad_stage_and_actor() -> None:
    with pytest.raises(ValueError, match="stage"):
        validate(spec(), stage="send")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="actor"):
        validate(spec(), actor="admin")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        validate(spec(), stage=None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="stage"):
        validate_many([spec()], stage="Submit")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="actor"):
        validate_csv(DEMANDES_CSV, actor="")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "exc", "where"),
    [
        ({1: "x"}, TypeError, "demande['etat_civil']: keys must be str"),
        (b"bytes", TypeError, "demande['etat_civil']['nom_naissance']: bytes is not JSON-serializable"),
        ({"a", "b"}, TypeError, "set is not JSON-serializable"),
        (float("nan"), ValueError, "demande['etat_civil']['nom_naissance']: float nan is not a JSON number"),
        (float("inf"), ValueError, "is not a JSON number"),
        (10**400, ValueError, "int out of the range"),
    ],
)
def test_unconvertible_values_in_a_dict(value: object, exc: type[Exception], where: str) -> None:
    d = spec()
    if isinstance(value, dict):
        d["etat_civil"] = value
    else:
        d["etat_civil"]["nom_naissance"] = value
    with pytest.raises(exc) as info:
        validate(d, reference_date=AT)
    assert where in str(info.value)


def test_cycles_and_deep_nesting_raise() -> None:
    d = spec()
    d["situation"]["structure"] = d
    with pytest.raises(ValueError, match="nested deeper than 128"):
        validate(d)
    deep: list[object] = []
    node = deep
    for _ in range(100_000):
        child: list[object] = []
        node.append(child)
        node = child
    with pytest.raises(ValueError, match="nested deeper"):
        validate({"procedure": deep})
    # Nesting within the limit is a finding, not an exception.
    shallow: list[object] = []
    node = shallow
    for _ in range(50):
        child = []
        node.append(child)
        node = child
    assert [p for p, _ in codes(validate({"procedure": shallow}))][0] == "procedure"


def test_lone_surrogates_are_replaced_not_raised() -> None:
    d = spec()
    d["etat_civil"]["nom_naissance"] = "DUP\ud800NT"
    assert codes(validate(d, reference_date=AT)) == [("etat_civil.nom_naissance", "invalid_format")]


# --- validate_many ----------------------------------------------------------------------


def test_validate_many_10000() -> None:
    demandes = []
    for i in range(10_000):
        d = spec()
        # Each a person of her own: the same person twice is a duplicate.
        d["etat_civil"]["nom_naissance"] = "".join("ABCDEFGHIJ"[int(c)] for c in str(i))
        if i % 10 == 3:
            del d["contact"]["email"]
        elif i % 10 == 7:
            d["etat_civil"]["date_naissance"] = 19990505
        demandes.append(d)
    reports = validate_many(demandes, reference_date=AT)
    assert len(reports) == 10_000
    assert all(isinstance(r, Report) for r in reports)
    for i, r in enumerate(reports):
        if i % 10 == 3:
            assert codes(r) == [("contact.email", "required")]
        elif i % 10 == 7:
            assert codes(r) == [("etat_civil.date_naissance", "invalid_format")]
        else:
            assert r.valid and len(r) == 0
    # Same reports as one at a time, whatever the chunking.
    assert reports[:50] == [validate(d, reference_date=AT) for d in demandes[:50]]


def test_validate_many_finds_the_duplicates_of_the_whole_input() -> None:
    # The same person twice, batches apart: the later one is a duplicate naming the first's
    # index, as in a JSON document or a collection file.
    demandes = [spec()] + [{"procedure": "x"}] * 300 + [spec()]
    reports = validate_many(demandes, reference_date=AT)
    assert reports[0].valid
    duplicate = [f for f in reports[-1] if f.code == "duplicate"]
    assert [f.path for f in duplicate] == ["etat_civil"]
    assert "0" in duplicate[0].message_en, duplicate[0].message_en
    # validate() sees one demande: no duplicate.
    assert validate(spec(), reference_date=AT).valid


def test_validate_many_mixed_inputs_and_generators() -> None:
    items = [spec(), json.dumps(spec()), json.dumps(spec()).encode(), "{"]
    reports = validate_many((x for x in items), reference_date=AT)
    # The same person three times: the second and third are duplicates of the first.
    assert [r.valid for r in reports] == [True, False, False, False]
    assert [codes(r) for r in reports[1:3]] == [[("etat_civil", "duplicate")]] * 2
    assert validate_many([]) == []


def test_validate_many_bad_items_name_the_index() -> None:
    items: list[object] = [spec()] * 1500 + [None]
    with pytest.raises(TypeError, match=r"demandes\[1500\] must be dict, str or bytes, not NoneType"):
        validate_many(items, reference_date=AT)  # type: ignore[arg-type]
    bad = spec()
    bad["etat_civil"]["prenoms"] = ["A", {1}]
    with pytest.raises(TypeError, match=r"demandes\[1\]\['etat_civil'\]\['prenoms'\]\[1\]: set"):
        validate_many([spec(), bad])  # type: ignore[list-item]
    for not_iterable in (12, None):
        with pytest.raises(TypeError, match="iterable"):
            validate_many(not_iterable)  # type: ignore[arg-type]
    for single in ("{}", b"{}", spec()):
        with pytest.raises(TypeError, match="use validate"):
            validate_many(single)  # type: ignore[arg-type]


def test_validate_many_from_several_threads() -> None:
    demandes = json.loads(DEMANDES_JSON.read_text(encoding="utf-8")) * 200
    wanted = [alone(r) for r in validate_many(demandes, reference_date=AT)]
    barrier = threading.Barrier(4)

    def work(i: int) -> list[list[tuple[str, str, str, str]]]:
        barrier.wait(timeout=30)
        if i % 2:
            return [alone(r) for r in validate_many(demandes, reference_date=AT)]
        return [alone(validate(d, reference_date=AT)) for d in demandes]

    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(work, range(4)))
    assert all(g == wanted for g in got)


def varied_demandes() -> list[Any]:
    """Demandes of every shape, in an order where each reuses the slot of a different one:
    wrong types at every level, unknown keys, keys missing or added, nested wrong types,
    lists growing and shrinking, lone surrogates in keys and values, str and bytes."""
    out: list[Any] = []
    for i in range(40):
        d = spec()
        kind = i % 20
        if kind == 1:
            d["etat_civil"]["prenoms"] = ["Anne", "Marie", "Claire", "Zoé"]
        elif kind == 2:
            d["etat_civil"]["prenoms"] = "Anne"
        elif kind == 3:
            d["etat_civil"] = ["not", "an", "object"]
        elif kind == 4:
            d["situation"]["structure"] = {"finess": 970405593, "siret": None, "extra": {"a": [1, 2]}}
        elif kind == 5:
            d["unknown_key"] = {"nested": True}
            d["etat_civil"]["surnom"] = "X"
        elif kind == 6:
            del d["etat_civil"]
            del d["contact"]["email"]
        elif kind == 7:
            d["confirmations"] = {"cgu_acceptees": "yes", "rencontre_en_personne": 1}
        elif kind == 8:
            d["etat_civil"]["date_naissance"] = datetime.date(1999, 5, 5)
            d["situation"]["date_prise_fonction"] = datetime.datetime(2022, 5, 2, 10, 30)
        elif kind == 9:
            d["etat_civil"]["prenoms"] = ("Nathalie", 12, None, ["x"], {"y": 1.5})
        elif kind == 10:
            d["etat_civil"]["nom_naissance"] = "DUP\ud800NT"
            d["k\ud800"] = 1
            d["k\udc00"] = 2
        elif kind == 11:
            d = {"etat_civil": {"prenoms": []}, "procedure": None}
        elif kind == 12:
            d = {}
        elif kind == 13:
            d["procedure"] = 2**70
            d["numero"] = -3.5
            d["rpps"] = False
        elif kind == 14:
            d["contact"] = None
            d["situation"] = {"structure": "970405593"}
        elif kind == 15:
            out.append(json.dumps(d))
            continue
        elif kind == 16:
            out.append(json.dumps(d).encode())
            continue
        elif kind == 17:
            d["etat_civil"] = {k: v for k, v in reversed(list(d["etat_civil"].items()))}
        elif kind == 18:
            d["situation"]["structure"] = {}
            d["etat_civil"]["prenoms"] = [[["deep"]]]
        out.append(d)
    return out


@pytest.mark.parametrize("n", [40, 128, 129, 1024, 5000])
def test_validate_many_is_validate_of_each(n: int) -> None:
    base = varied_demandes()
    # Shuffled deterministically so that slots are reused by demandes of another shape.
    demandes = [base[(i * 7 + i // 40) % len(base)] for i in range(n)]
    want = [alone(validate(d, reference_date=AT, stage="draft")) for d in demandes]
    got = validate_many(demandes, reference_date=AT, stage="draft")
    # Each demande finds what it finds alone, plus the duplicates of the collection (the
    # varied demandes repeat the same person).
    assert [alone(r) for r in got] == want
    assert any(f.code == "duplicate" for r in got for f in r)
    assert [alone(r) for r in validate_many(iter(demandes), reference_date=AT, stage="draft")] == want


def test_validate_many_non_str_keys_name_the_index() -> None:
    bad = spec()
    bad["etat_civil"][3] = "x"
    items = [spec()] * 2000 + [bad]
    with pytest.raises(TypeError, match=r"demandes\[2000\]\['etat_civil'\]: keys must be str, not int"):
        validate_many(items, reference_date=AT)
    with pytest.raises(TypeError, match=r"demande\['etat_civil'\]: keys must be str, not int"):
        validate(bad, reference_date=AT)


def test_validate_many_generator_error_propagates() -> None:
    def gen() -> Any:
        for i in range(5000):
            if i == 3000:
                raise ValueError("boom at 3000")
            yield spec()

    with pytest.raises(ValueError, match="boom at 3000"):
        validate_many(gen(), reference_date=AT)
    # The call after it is unaffected (the same person 300 times: the later ones are duplicates).
    after = validate_many([spec()] * 300, reference_date=AT)
    assert after[0].valid and all(alone(r) == [] for r in after)


# --- validate_csv -----------------------------------------------------------------------

# examples/data/README.md: the expected findings of the invalid rows (line: findings).
EXPECTED_INVALID = {
    22: [("situation.profession", "code_deprecated")],
    23: [("situation.profession", "code_deprecated")],
    24: [("situation.profession", "code_not_allowed")],
    25: [("etat_civil.commune_naissance", "unknown_code")],
    26: [("contact.telephone_mobile", "not_mobile")],
    27: [("rpps", "invalid_checksum")],
    28: [("etat_civil", "not_applicable")],
    29: [("contact.email", "required")],
    30: [("situation.date_fin_fonction", "required"), ("situation.motif_fin", "inconsistent")],
    31: [("situation.date_fin_fonction", "inconsistent")],
    32: [("etat_civil.prenoms[1]", "invalid_format")],
    33: [("rpps", "not_applicable")],
    34: [("etat_civil.commune_naissance", "required"), ("etat_civil.lieu_naissance", "not_applicable")],
    35: [("confirmations.cgu_acceptees", "required"), ("situation.role", "code_not_allowed")],
    40: [("situation.structure", "not_applicable"), ("situation.profession", "not_applicable")],
    41: [("situation.profession", "not_applicable")],
    42: [("contact.email", "not_applicable")],
    43: [("situation.date_fin_fonction", "not_applicable")],
    44: [("numero", "out_of_range")],
    45: [("etat_civil.lieu_naissance", "invalid_format")],
    46: [("rpps", "invalid_component")],
    47: [("contact.telephone_mobile", "invalid_format")],
    48: [("contact.telephone_mobile", "invalid_component")],
    49: [("etat_civil", "duplicate")],
    50: [("rpps", "duplicate")],
}
EXPECTED_WARNINGS = {
    5: [("etat_civil.commune_naissance", "also_postal_code")],
    21: [("etat_civil.sexe", "inconsistent")],
    37: [("etat_civil.date_naissance", "out_of_range")],
    38: [("etat_civil.commune_naissance", "old_code")],
    39: [("etat_civil.commune_naissance", "code_not_allowed")],
}


def test_validate_csv_sample_collection() -> None:
    rows = validate_csv(DEMANDES_CSV, reference_date=AT)
    assert isinstance(rows, CsvReports) and len(rows) == 49
    assert all(isinstance(line, int) and isinstance(r, Report) for line, r in rows)
    # Windows-1252: one encoding_converted warning, about the file, which is no demande.
    assert [(f.code, f.severity, f.path) for f in rows.file] == [("encoding_converted", "warning", "")]
    assert not any(f.code == "encoding_converted" for _, r in rows for f in r)
    assert [(row.line, row.record) for row in rows] == [(n + 1, n) for n in range(1, 50)]
    data = [(line, r) for line, r in rows]
    assert sum(r.valid for _, r in data) == 24
    assert sum(not r.valid for _, r in data) == 25
    for line, r in data:
        if line in EXPECTED_INVALID:
            found = [c for c in codes(r) if c[1] != "encoding_converted"]
            assert sorted(found) == sorted(EXPECTED_INVALID[line]), line
            assert not r.valid
        else:
            assert r.valid, line
            found = [c for c in codes(r) if c[1] != "encoding_converted"]
            assert found == EXPECTED_WARNINGS.get(line, []), line
            assert all(f.severity == "warning" for f in r.findings)


def test_validate_csv_matches_the_json_collection() -> None:
    rows = dict(validate_csv(str(DEMANDES_CSV), reference_date=AT))
    demandes = json.loads(DEMANDES_JSON.read_text(encoding="utf-8"))
    for i, report in enumerate(validate_many(demandes, reference_date=AT)):
        # The duplicates ([47] and [48]) too: validate_many finds a collection's.
        in_file = [c for c in codes(rows[i + 2]) if c[1] != "encoding_converted"]
        assert in_file == codes(report), i


def test_validate_csv_draft_keeps_only_the_role_of_line_35() -> None:
    rows = dict(validate_csv(DEMANDES_CSV, reference_date=AT, stage="draft"))
    assert codes(rows[35]) == [("situation.role", "code_not_allowed")]
    assert sum(not r.valid for r in rows.values()) == 25


def test_validate_csv_path_forms_and_errors(tmp_path: Path) -> None:
    assert len(validate_csv(os.fspath(DEMANDES_CSV), reference_date=AT)) == 49
    with pytest.raises(FileNotFoundError) as info:
        validate_csv(tmp_path / "missing.csv")
    assert info.value.filename == str(tmp_path / "missing.csv")
    with pytest.raises(IsADirectoryError):
        validate_csv(tmp_path)
    with pytest.raises(TypeError):
        validate_csv(12)  # type: ignore[arg-type]
    small = tmp_path / "small.csv"
    small.write_text(
        "procedure;rpps;situation.id;situation.date_fin_fonction\r\n"
        "fermeture_situation;10107985318;S1;2026-01-31\r\n"
        "\r\n"
        "fermeture_situation;10107985319;S2;\r\n",
        encoding="utf-8",
    )
    rows = validate_csv(small, reference_date=AT, stage="draft")
    assert [(line, r.valid) for line, r in rows] == [(2, True), (4, False)]
    assert codes(rows[1][1]) == [("rpps", "invalid_checksum"), ("situation.date_fin_fonction", "required")]
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    nothing = validate_csv(empty)
    assert (len(nothing), nothing.file.valid, codes(nothing.file)) == (0, False, [("", "invalid_csv")])


def test_validate_csv_from_several_threads() -> None:
    wanted = [(line, codes(r)) for line, r in validate_csv(DEMANDES_CSV, reference_date=AT)]

    def work(_: int) -> list[tuple[int, list[tuple[str, str]]]]:
        return [(line, codes(r)) for line, r in validate_csv(DEMANDES_CSV, reference_date=AT)]

    with ThreadPoolExecutor(max_workers=4) as pool:
        assert all(got == wanted for got in pool.map(work, range(16)))


def test_iter_csv_yields_the_files_findings_and_each_demande_as_made(tmp_path: Path) -> None:
    items = list(iter_csv(DEMANDES_CSV, reference_date=AT))
    rows = validate_csv(DEMANDES_CSV, reference_date=AT)
    # The same demandes; the file's notice where it was found, before the first row it
    # needed to decode.
    assert [i for i in items if not i.is_file] == list(rows)
    (at, notice), = [(n, i) for n, i in enumerate(items) if i.is_file]
    assert (notice.line, notice.record, notice.report) == (None, None, rows.file)
    assert items[at + 1].line == at + 2
    # Pairs, as validate_csv's rows.
    for line, report in iter_csv(DEMANDES_CSV, reference_date=AT):
        assert line is None or isinstance(line, int)
        assert isinstance(report, Report)
    with pytest.raises(FileNotFoundError):
        iter_csv(tmp_path / "missing.csv")
    # Stopped early: the rest is not read.
    it = iter_csv(DEMANDES_CSV, reference_date=AT)
    assert next(it).line == 2
    del it


def test_rows_and_reports_compare_unpack_and_pickle() -> None:
    rows = validate_csv(DEMANDES_CSV, reference_date=AT)
    row = rows[0]
    assert (row[0], row[1], row[-1], len(row)) == (2, row.report, row.report, 2)
    assert repr(row) == "CsvRow(line=2, record=1, report=Report(valid=True, errors=0, warnings=0))"
    assert row == CsvRow(2, 1, row.report) and row != CsvRow(3, 1, row.report)
    assert rows[1:3] == [rows[1], rows[2]]
    for value in (row, rows):
        assert pickle.loads(pickle.dumps(value)) == value
    assert repr(rows) == "CsvReports(demandes=49, file=Report(valid=True, errors=0, warnings=1))"
    assert CsvReports([row], Report()) != rows


def test_module_exports() -> None:
    for name in ("validate", "validate_many", "validate_csv", "iter_csv", "CsvRow", "CsvReports", "Report", "Finding", "ValidationError"):
        assert name in rppsplus.__all__
    assert issubclass(ValidationError, RppsplusError)
