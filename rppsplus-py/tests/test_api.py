"""The value classes, exceptions, repr redaction and the module surface."""

from __future__ import annotations

import datetime
import pickle

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
    # Every public native name is exported by rppsplus or by rppsplus.nomenclature (the
    # nomenclature functions under short names: nomenclature_get as get…).
    exported = {id(getattr(rppsplus, n)) for n in rppsplus.__all__}
    exported |= {id(getattr(rppsplus.nomenclature, n)) for n in rppsplus.nomenclature.__all__}
    for name in dir(rppsplus._rppsplus):
        if not name.startswith("_") and name != "KINDS":
            assert id(getattr(rppsplus._rppsplus, name)) in exported, name
    assert "KINDS" in rppsplus.__all__


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


def test_value_classes_do_not_pickle_silently() -> None:
    # Frozen native classes without __reduce__: pickling fails loudly rather than wrongly.
    with pytest.raises((TypeError, pickle.PicklingError)):
        pickle.dumps(Rpps("10107985318"))
