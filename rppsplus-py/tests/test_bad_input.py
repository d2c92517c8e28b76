"""Hostile input: wrong types, empty, NUL, huge strings, non-ASCII digits, surrogates."""

from __future__ import annotations

from typing import Any

import pytest

import rppsplus
from rppsplus import Email, InvalidFormat, InvalidLength, MobilePhone, Rpps, RppsplusError, Siret

CONSTRUCTORS: list[Any] = [
    Rpps,
    rppsplus.IdNat,
    rppsplus.IdNatStructure,
    rppsplus.Adeli,
    rppsplus.Finess,
    rppsplus.Siren,
    Siret,
    rppsplus.RppsRang,
    rppsplus.InseeCommune,
    rppsplus.InseeCountry,
    MobilePhone,
    Email,
    rppsplus.NumeroDemande,
]
HELPERS = [getattr(rppsplus, n) for n in rppsplus.__all__ if n.startswith("is_valid_")]


@pytest.mark.parametrize("bad", [None, 10107985318, b"10107985318", 1.5, ["10107985318"]])
@pytest.mark.parametrize("fn", CONSTRUCTORS + HELPERS, ids=lambda f: f.__name__)
def test_non_str_is_a_type_error(fn: Any, bad: Any) -> None:
    with pytest.raises(TypeError, match="must be str, not"):
        fn(bad)


@pytest.mark.parametrize("fn", CONSTRUCTORS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("value", ["", "   ", "\x00", "1010798531\x008", "٠١٢٣٤٥٦٧٨٩٠", "\ud800" * 11])
def test_garbage_is_a_typed_error(fn: Any, value: str) -> None:
    with pytest.raises(RppsplusError) as info:
        fn(value)
    assert isinstance(info.value.code, str) and info.value.code
    assert "\x00" not in str(info.value)


def test_empty_and_nul_codes() -> None:
    with pytest.raises(InvalidLength):
        Rpps("")
    with pytest.raises(InvalidFormat) as info:
        Rpps("1010798531\x008")
    assert info.value.position == 10
    with pytest.raises(InvalidFormat):
        Rpps("١٠١٠٧٩٨٥٣١٨")  # Arabic-Indic digits are not digits here
    with pytest.raises(InvalidFormat) as surrogate:
        Rpps("1010798531\ud800")
    assert surrogate.value.position == 10


@pytest.mark.parametrize("fn", CONSTRUCTORS, ids=lambda f: f.__name__)
def test_ten_megabytes(fn: Any) -> None:
    huge = "1" * (10 * 1024 * 1024)
    with pytest.raises(RppsplusError) as info:
        fn(huge)
    assert len(str(info.value)) < 300  # the value is never echoed back
    assert not rppsplus.check("rpps", [huge])[0].valid


def test_check_bad_arguments() -> None:
    with pytest.raises(ValueError, match=r"unknown identifier kind \(expected one of: rpps, idnat, "):
        rppsplus.check("nope", [])  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        rppsplus.check(None, [])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"values\[2\] must be str, int or a missing value \(None, NaN\), not float"):
        rppsplus.check("rpps", ["10107985318", "x", 1.5])
    with pytest.raises(TypeError, match=r"values\[0\] must be str, int or a missing value \(None, NaN\), not bytes"):
        rppsplus.check("rpps", [b"10107985318"])  # type: ignore[list-item]
    with pytest.raises(TypeError, match=r"values\[1\] must be .* not bool"):
        rppsplus.check("rpps", [10107985318, True])
    with pytest.raises(TypeError, match="not a str"):
        rppsplus.check("rpps", "10107985318")
    with pytest.raises(TypeError, match="iterable of str, not int"):
        rppsplus.check("rpps", 5)  # type: ignore[arg-type]
    assert rppsplus.check("rpps", []) == []


def test_check_accepts_any_iterable() -> None:
    values = ["10107985318", "10107985319"]
    expected = [r.valid for r in rppsplus.check("rpps", values)]
    assert expected == [True, False]
    assert [r.valid for r in rppsplus.check("rpps", tuple(values))] == expected
    assert [r.valid for r in rppsplus.check("rpps", iter(values))] == expected
    assert [r.valid for r in rppsplus.check("rpps", (v for v in values))] == expected

    def failing():  # an iterator that raises midway propagates its error
        yield "10107985318"
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        rppsplus.check("rpps", failing())
