"""Values, results, reports, findings and exceptions pickle and copy (``multiprocessing``,
``copy.deepcopy``): equal after a round trip, exceptions with their attributes."""

from __future__ import annotations

import copy
import functools
import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import pytest

import rppsplus
from rppsplus import nomenclature as nom

VALUES: list[Any] = [
    rppsplus.Rpps("10107985318"),
    rppsplus.Rpps("99700075122", test_mode=True),
    rppsplus.IdNat("810107985318"),
    rppsplus.IdNat("899700075122", test_mode=True),
    rppsplus.IdNat("10nathalie@mssante.example.fr"),
    rppsplus.IdNat("3970405593/EMP-0042"),
    rppsplus.IdNatStructure("1010780914"),
    rppsplus.IdNatStructure("410003879623017"),
    rppsplus.Adeli("2A1234567"),
    rppsplus.Finess("970405593"),
    rppsplus.Siren("732829320"),
    rppsplus.Siret("73282932000074"),
    rppsplus.RppsRang("10003879623017"),
    rppsplus.InseeCommune("13203"),
    rppsplus.InseeCommune("75015"),  # well formed, no such commune: the class checks the format
    rppsplus.InseeCountry("99100"),
    rppsplus.MobilePhone("0692123456"),
    rppsplus.MobilePhone("+447700900123"),
    rppsplus.Email("Nathalie.Dupont@Example.ORG"),
    rppsplus.NumeroDemande("P20220905011141"),
]

DEMANDE = {
    "procedure": "primo_enregistrement",
    "etat_civil": {"prenoms": ["Anne", 3], "clé.à.points": 1},
    "contact": {"email": "nathalie@example"},
}


def round_trips(value: Any) -> list[Any]:
    """`value` through every pickle protocol and `copy`."""
    out = [pickle.loads(pickle.dumps(value, protocol)) for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1)]
    return [*out, copy.copy(value), copy.deepcopy(value)]


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_value_classes(value: Any) -> None:
    for again in round_trips(value):
        assert type(again) is type(value)
        assert again == value and str(again) == str(value) and hash(again) == hash(value)
        assert repr(again) == repr(value)


def test_check_results() -> None:
    results = [
        *rppsplus.check("rpps", ["101 0798 5318", "10107985319", "99700075122"]),
        *rppsplus.check("rpps", ["99700075122"], test_mode=True),
        *rppsplus.check("commune", ["20004", "13003", "75015"]),
        *rppsplus.check("phone", ["+44 7700 900123"]),
    ]
    for result in results:
        for again in round_trips(result):
            assert again == result
            assert (again.kind, again.input, again.valid, again.canonical) == (
                result.kind,
                result.input,
                result.valid,
                result.canonical,
            )
            assert (again.code, again.warning, again.message) == (result.code, result.warning, result.message)
    # The mode is part of a result: the same input checked strictly is another result.
    (test,) = rppsplus.check("rpps", ["99700075122"], test_mode=True)
    assert test == rppsplus.CheckResult("rpps", "99700075122", test_mode=True)
    assert test != rppsplus.CheckResult("rpps", "99700075122")


def test_reports_and_findings() -> None:
    report = rppsplus.validate(DEMANDE, reference_date="2026-11-22")
    assert len(report) > 3
    # A key with dots keeps its place in `loc`: the path is rebuilt from its segments.
    assert ("etat_civil", "clé.à.points") in [f.loc for f in report.findings]
    for again in round_trips(report):
        assert again == report
        assert again.errors() == report.errors() and again.to_json() == report.to_json()
    for finding in report.findings:
        for again in round_trips(finding):
            assert again == finding and again.loc == finding.loc
    valid = rppsplus.validate("{}", reference_date="2026-11-22")
    assert all(again == rppsplus.Report() for again in round_trips(rppsplus.Report()))
    assert rppsplus.Report(report.findings) == report and rppsplus.Report(valid.findings) == valid


def test_finding_constructor_checks_its_arguments() -> None:
    f = rppsplus.Finding(("etat_civil", "prenoms", 1), "invalid_format", "error", "m", "m en")
    assert (f.path, f.loc, f.code, f.severity) == ("etat_civil.prenoms[1]", ("etat_civil", "prenoms", 1), "invalid_format", "error")
    with pytest.raises(ValueError, match="unknown finding code"):
        rppsplus.Finding((), "no_such_code", "error", "m", "m")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown severity"):
        rppsplus.Finding((), "required", "fatal", "m", "m")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        rppsplus.Finding(("a", 1.5), "required", "error", "m", "m")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        rppsplus.Finding(("a", -1), "required", "error", "m", "m")
    with pytest.raises(TypeError):
        rppsplus.Report([1, 2])  # type: ignore[list-item]


def errors() -> list[rppsplus.RppsplusError]:
    """One exception of each class, raised by the library."""
    found: list[rppsplus.RppsplusError] = []
    calls = [
        lambda: rppsplus.Rpps("1010798531X"),
        lambda: rppsplus.Rpps("1010798531"),
        lambda: rppsplus.Rpps("10107985319"),
        lambda: rppsplus.Finess("9A0405593"),
        lambda: rppsplus.MobilePhone("01 23 45 67 89"),
        lambda: nom.resolve_commune("75015"),
        lambda: nom.table("nope"),
        lambda: nom.check("profession", "300", at="2026-11-23"),
        lambda: nom.check("profession", "323", at="2026-11-23"),
        lambda: rppsplus.validate(DEMANDE, reference_date="2026-11-22").raise_for_errors(),
    ]
    for call in calls:
        with pytest.raises(rppsplus.RppsplusError) as info:
            call()
        found.append(info.value)
    return found


def test_exceptions_keep_their_class_and_attributes() -> None:
    raised = errors()
    assert len({type(e) for e in raised}) == len(raised)
    for err in raised:
        for again in round_trips(err):
            assert type(again) is type(err)
            assert again.args == err.args and str(again) == str(err)
            for attr in ("code", "kind", "message", "message_en", "position"):
                assert getattr(again, attr) == getattr(err, attr), attr
    deprecated = next(e for e in raised if isinstance(e, rppsplus.CodeDeprecated))
    assert pickle.loads(pickle.dumps(deprecated)).replaced_by == ("328",)
    invalid = next(e for e in raised if isinstance(e, rppsplus.ValidationError))
    again = pickle.loads(pickle.dumps(invalid))
    assert again.report == invalid.report
    assert again.errors() == invalid.errors() and again.error_count() == invalid.error_count()


def test_reports_cross_process_boundaries() -> None:
    demandes = [DEMANDE, "{}", {"procedure": "fermeture_situation", "rpps": "10107985319"}]
    want = [rppsplus.validate(d, reference_date="2026-11-22") for d in demandes]
    # A fresh interpreter ("spawn"): only the pickled arguments and results cross.
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        got = list(pool.map(functools.partial(rppsplus.validate_many, reference_date="2026-11-22"), [demandes]))
    assert got == [want]
