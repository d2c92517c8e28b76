"""The value classes, exceptions, repr redaction and the module surface."""

from __future__ import annotations

import datetime
import os
import importlib.util
import re
import shutil
from pathlib import Path

import pytest

import rppsplus
from rppsplus import (
    Adeli,
    Email,
    Finess,
    IdNat,
    IdNatStructure,
    InseeCommune,
    InseeCountry,
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    MobilePhone,
    NotMobile,
    NumeroDemande,
    Rpps,
    RppsplusError,
    RppsRang,
    Siren,
    Siret,
    UnknownCode,
)


def test_all_and_version() -> None:
    assert rppsplus.__version__ == rppsplus._rppsplus.__version__
    assert rppsplus.__version__.count(".") == 2
    for name in rppsplus.__all__:
        assert hasattr(rppsplus, name), name
    # Every public native name is exported by rppsplus, rppsplus.nomenclature, rppsplus.cpx or
    # rppsplus.workflow or rppsplus.arrow (the functions under short names: nomenclature_get as
    # get, cpx_read as read, arrow_check as check…). `list` is public but kept out of `__all__` (a
    # star import would hide the builtin).
    exported = {id(getattr(rppsplus, n)) for n in rppsplus.__all__}
    exported |= {id(getattr(rppsplus.nomenclature, n)) for n in [*rppsplus.nomenclature.__all__, "list"]}
    for module in (rppsplus.cpx, rppsplus.workflow, rppsplus.arrow):
        exported |= {id(getattr(module, n)) for n in module.__all__}
    assert "list" not in rppsplus.nomenclature.__all__
    for name in dir(rppsplus._rppsplus):
        if not name.startswith("_"):
            assert id(getattr(rppsplus._rppsplus, name)) in exported, name
    for names in ("KINDS", "FINDING_CODES", "STAGES", "ACTORS", "SEVERITIES", "GENERATIONS", "CARD_TYPES", "EVENTS"):
        assert names in rppsplus.__all__


def test_exception_hierarchy() -> None:
    assert issubclass(RppsplusError, ValueError)
    assert issubclass(InvalidFormat, RppsplusError)
    assert issubclass(InvalidLength, InvalidFormat)  # as python-stdnum
    assert issubclass(InvalidChecksum, RppsplusError)
    assert issubclass(InvalidComponent, RppsplusError)
    assert issubclass(NotMobile, InvalidComponent)
    assert issubclass(UnknownCode, InvalidComponent)
    assert not issubclass(InvalidChecksum, InvalidFormat)
    assert RppsplusError.__module__ == "rppsplus"


@pytest.mark.parametrize(
    ("cls", "value", "exc", "code"),
    [
        (Rpps, "10107985319", InvalidChecksum, "invalid_checksum"),
        (Rpps, "1010798531", InvalidLength, "invalid_length"),
        (Rpps, "1010798531X", InvalidFormat, "invalid_format"),
        (Rpps, "99700075122", InvalidComponent, "invalid_component"),
        (MobilePhone, "01 23 45 67 89", NotMobile, "not_mobile"),
        (Finess, "9A0405593", InvalidComponent, "invalid_component"),
    ],
)
def test_exception_codes(cls: type, value: str, exc: type[RppsplusError], code: str) -> None:
    with pytest.raises(exc) as info:
        cls(value)
    err = info.value
    assert type(err) is exc
    assert err.code == code
    assert str(err) == err.message == err.args[0]
    assert err.message != err.message_en
    assert value not in err.message and value not in err.message_en


def test_exception_details() -> None:
    with pytest.raises(InvalidLength) as info:
        Rpps("1010798531")
    assert info.value.message == (
        "numéro RPPS : 10 caractères au lieu de 11 ; vérifiez qu'aucun caractère ne manque ni n'est en trop"
    )
    assert info.value.message_en == (
        "RPPS number: 10 characters instead of 11; check that no character is missing or extra"
    )
    assert info.value.kind == "rpps"
    assert info.value.position is None
    with pytest.raises(InvalidFormat) as info2:
        Rpps("10107X85318")
    assert info2.value.position == 5


def test_rpps() -> None:
    r = Rpps("101 0798 5318")
    assert str(r) == "10107985318"
    assert repr(r) == "Rpps('10107985318')"
    assert not r.is_test
    assert r == Rpps("10107985318") and r != Rpps("10002813839")
    assert r != "10107985318"
    assert len({r, Rpps("10107985318")}) == 1
    assert sorted([r, Rpps("10002813839")]) == [Rpps("10002813839"), r]
    assert str(r.to_idnat()) == "810107985318"
    assert Rpps.from_sequence("1010798531") == r
    t = Rpps("99700075122", test_mode=True)
    assert t.is_test
    with pytest.raises(InvalidComponent):
        Rpps("99700075122")
    with pytest.raises(AttributeError):
        r.is_test = True  # type: ignore[misc]


def test_idnat() -> None:
    i = IdNat("810107985318")
    assert i.id_type == "8" and i.identifier == "10107985318" and i.local_id is None
    assert i.rpps() == Rpps("10107985318") and i.adeli() is None
    assert IdNat.from_rpps(Rpps("10107985318")) == i
    a = IdNat("0349102665")
    assert a.id_type == "0" and a.adeli() == Adeli("349102665") and a.rpps() is None
    assert IdNat.from_adeli(Adeli("349102665")) == a
    assert IdNat("3970405593/EMP-0042").local_id == "EMP-0042"
    assert IdNat("899700075122", test_mode=True).rpps() == Rpps("99700075122", test_mode=True)
    with pytest.raises(TypeError):
        IdNat.from_rpps("10107985318")  # type: ignore[arg-type]


def test_structure_and_others() -> None:
    s = IdNatStructure("1010780914")
    assert s.id_type == "1" and s.identifier == "010780914" and s.rpps_rang() is None
    assert IdNatStructure.from_finess(Finess("010780914")) == s
    assert str(IdNatStructure.from_siret(Siret("73282932000074"))) == "373282932000074"
    assert IdNatStructure("410003879623017").rpps_rang() == RppsRang("10003879623017")
    siret = Siret("732 829 320 00074")
    assert siret.siren == Siren("732829320") and siret.nic == "00074"
    rang = RppsRang("10003879623017")
    assert rang.rpps == Rpps("10003879623") and rang.rang == "01"
    assert Finess("2a0000001").departement == "2A"
    adeli = Adeli("34 91 02665")
    assert (adeli.departement, adeli.profession) == ("34", "91")
    assert InseeCommune("13203").departement == "13"
    assert InseeCountry.FRANCE == InseeCountry("99100") and InseeCountry.FRANCE.is_france


def test_phone_and_email_are_redacted() -> None:
    m = MobilePhone("06 12 34 56 78")
    assert str(m) == "+33612345678"
    assert repr(m) == "MobilePhone(<redacted>)"
    assert "612345678" not in repr([m]) and "612345678" not in f"{m!r}"
    assert m.territory == "FR" and not m.is_foreign
    assert MobilePhone("0692123456").territory == "RE"
    assert MobilePhone("+44 7700 900123").territory is None
    e = Email(" Nathalie.Dupont@Example.ORG ")
    assert str(e) == "Nathalie.Dupont@example.org"
    assert repr(e) == "Email(<redacted>)"
    assert e.domain == "example.org"
    # errors never carry the value either
    with pytest.raises(InvalidComponent) as info:
        Email("secret.person@example")
    assert "secret" not in str(info.value) and "secret" not in repr(info.value)
    assert "secret" not in info.value.message_en


def test_check_result_repr_redaction() -> None:
    ok, bad = rppsplus.check("phone", ["06 12 34 56 78", "01 23 45 67 89"])
    assert "612345678" not in repr(ok) and "<redacted>" in repr(ok)
    assert "23456789" not in repr(bad) and "not_mobile" in repr(bad)
    (mail,) = rppsplus.check("email", ["secret.person@example.org"])
    assert "secret" not in repr(mail)
    (r,) = rppsplus.check("rpps", ["101 0798 5318"])
    assert repr(r) == "CheckResult(kind='rpps', input='101 0798 5318', valid=True, canonical='10107985318')"


def test_numero_demande_datetime() -> None:
    n = NumeroDemande("P20220905011141")
    assert n.created_at == datetime.datetime(2022, 9, 5, 1, 11, 41)
    at = datetime.datetime(2026, 11, 23, 9, 30, 0, 123456)
    made = NumeroDemande.from_datetime(at)
    assert str(made) == "P20261123093000"
    assert made.created_at == at.replace(microsecond=0)
    with pytest.raises(ValueError):
        NumeroDemande.from_datetime(at.replace(tzinfo=datetime.timezone.utc))
    with pytest.raises(TypeError):
        NumeroDemande.from_datetime(datetime.date(2026, 11, 23))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        NumeroDemande.from_datetime("P20220905011141")  # type: ignore[arg-type]


def test_is_valid_helpers() -> None:
    assert rppsplus.is_valid_rpps("10107985318")
    assert not rppsplus.is_valid_rpps("10107985319")
    assert not rppsplus.is_valid_rpps("99700075122")
    assert rppsplus.is_valid_rpps("99700075122", test_mode=True)
    assert rppsplus.is_valid_siret("73282932000074")
    assert not rppsplus.is_valid_phone("01 23 45 67 89")
    with pytest.raises(TypeError):
        rppsplus.is_valid_siren("732829320", test_mode=True)  # type: ignore[call-arg]


def test_mssante_idnat_is_redacted_everywhere() -> None:
    # An MSSanté idNat (10 + an email address) is confidential: the core says so.
    mssante = "10nathalie@mssante.example.fr"
    i = IdNat(mssante)
    assert str(i) == mssante and i.id_type == "10"
    assert repr(i) == "IdNat(<redacted>)"
    assert "nathalie" not in repr([i]) and "nathalie" not in f"{i!r}"
    assert repr(IdNat("810107985318")) == "IdNat('810107985318')"  # public identifiers are shown
    ok, bad = rppsplus.check("idnat", [mssante, "10nathalie@mssante"])
    assert ok.valid and not bad.valid
    for result in (ok, bad):
        assert "nathalie" not in repr(result) and "<redacted>" in repr(result)
    with pytest.raises(RppsplusError) as info:
        IdNat("10nathalie@mssante")
    err = info.value
    for text in (str(err), repr(err), err.message, err.message_en):
        assert "nathalie" not in text
    # The same address as a demande's contact: the finding does not carry it either.
    report = rppsplus.validate(
        {"procedure": "modification_informations", "rpps": "10107985318", "contact": {"email": "nathalie@mssante"}},
        reference_date="2026-11-22",
        stage="draft",  # the confirmations are not asked yet
    )
    (finding,) = report.findings
    assert finding.path == "contact.email"
    for text in (repr(finding), finding.message, finding.message_en, report.to_json(), repr(report.errors())):
        assert "nathalie" not in text


@pytest.mark.parametrize(
    ("kind", "value", "shown"),
    [
        ("siren", "732829320", "732 829 320"),
        ("siret", "73282932000074", "732 829 320 00074"),
        ("siret", " 732.829.320-00074 ", "732 829 320 00074"),
        ("phone", "+33612345678", "06 12 34 56 78"),
        ("phone", "0692 12 34 56", "06 92 12 34 56"),  # La Réunion: the national form
        ("phone", "+687 75 12 34", "+687751234"),  # Nouvelle-Calédonie: no trunk 0, E.164
        ("phone", "0044 7700 900123", "+447700900123"),  # foreign: E.164
        ("rpps", "101 0798 5318", "10107985318"),  # no customary grouping: canonical
        ("finess", "970405593", "970405593"),
        ("commune", "20004", "2A004"),  # the current code
        ("email", "Nathalie.Dupont@Example.ORG", "Nathalie.Dupont@example.org"),
    ],
)
def test_format(kind: str, value: str, shown: str) -> None:
    assert rppsplus.format(kind, value) == shown  # type: ignore[arg-type]
    assert rppsplus.check(kind, [shown])[0].canonical == rppsplus.check(kind, [value])[0].canonical  # type: ignore[arg-type]


def test_format_of_value_classes_and_errors() -> None:
    assert Siret("73282932000074").format() == "732 829 320 00074"
    assert Siren("732829320").format() == "732 829 320"
    assert MobilePhone("0692123456").format() == "06 92 12 34 56"
    assert Rpps("10107985318").format() == "10107985318"
    assert rppsplus.format("rpps", "99700075122", test_mode=True) == "99700075122"
    with pytest.raises(InvalidComponent):
        rppsplus.format("rpps", "99700075122")
    with pytest.raises(InvalidChecksum):
        rppsplus.format("siret", "73282932000075")
    with pytest.raises(ValueError, match="unknown identifier kind"):
        rppsplus.format("nope", "1")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        rppsplus.format("siret", 73282932000074)  # type: ignore[arg-type]


def test_compact() -> None:
    assert rppsplus.compact(" 101.079-853\u00a018 ") == "10107985318"
    assert rppsplus.compact("not an identifier") == "notanidentifier"  # checks nothing
    with pytest.raises(TypeError):
        rppsplus.compact(10107985318)  # type: ignore[arg-type]


def test_is_valid_means_what_check_accepts() -> None:
    # A well-formed commune code that no commune has (a postal code) is not valid, as in the
    # core and in C; the value class InseeCommune checks the format only.
    assert InseeCommune("75015").departement == "75"
    assert not rppsplus.is_valid_commune("75015")
    assert rppsplus.is_valid_commune("20004")  # an old code: accepted, with a warning
    assert not rppsplus.is_valid_pays("99999")
    for kind in rppsplus.KINDS:
        helper = getattr(rppsplus, "is_valid_" + {"idnat-structure": "idnat_structure", "rpps-rang": "rpps_rang"}.get(kind, kind))
        for value in ("10107985318", "75015", "99100", "0612345678", "x@example.org", "P20220905011141", ""):
            assert helper(value) == rppsplus.check(kind, [value])[0].valid, (kind, value)


def test_the_readme_python_blocks_run(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    # The README's Python blocks run as written, from the repository's root (their paths).
    root = Path(__file__).resolve().parents[2]
    blocks = re.findall(r"```python\n(.*?)```", (root / "README.md").read_text(encoding="utf-8"), re.S)
    assert len(blocks) >= 3
    monkeypatch.chdir(root)
    # What the blocks write (a template, a report) is removed: the clone stays as it was.
    before = set(os.listdir(root))
    request.addfinalizer(
        lambda: [shutil.rmtree(p) if p.is_dir() else p.unlink() for p in (root / n for n in set(os.listdir(root)) - before)]
    )
    ran = 0
    for block in blocks:
        # A block that uses a data engine runs where the engine is installed (test dependencies).
        imported = re.findall(r"^(?:import|from) (\w+)", block, re.M)
        # findings_frame() imports pandas itself.
        imported += ["pandas"] * ("findings_frame(" in block)
        if all(importlib.util.find_spec(name) for name in imported):
            exec(compile(block, "README.md", "exec"), {})
            ran += 1
    assert ran >= 3


def test_the_package_docstring_examples_run() -> None:
    import doctest

    # rppsplus.arrow's example takes a pyarrow array: where pyarrow is installed.
    with_pyarrow = [rppsplus.arrow] if importlib.util.find_spec("pyarrow") else []
    for module in (rppsplus, rppsplus.nomenclature, rppsplus.workflow, *with_pyarrow):
        assert doctest.testmod(module).failed == 0, module.__name__
