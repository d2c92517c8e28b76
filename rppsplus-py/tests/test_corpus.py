"""The shared corpus (tests/corpus/identifiers.jsonl) through check(), the classes and is_valid_*."""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Callable

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
    MobilePhone,
    NumeroDemande,
    Rpps,
    RppsRang,
    Siren,
    Siret,
)

from conftest import load_corpus

ROWS = load_corpus()

# kind -> (class, takes test_mode, is_valid helper)
KINDS: dict[str, tuple[type, bool, Callable[..., bool]]] = {
    "rpps": (Rpps, True, rppsplus.is_valid_rpps),
    "idnat": (IdNat, True, rppsplus.is_valid_idnat),
    "idnat-structure": (IdNatStructure, True, rppsplus.is_valid_idnat_structure),
    "rpps-rang": (RppsRang, True, rppsplus.is_valid_rpps_rang),
    "adeli": (Adeli, False, rppsplus.is_valid_adeli),
    "finess": (Finess, False, rppsplus.is_valid_finess),
    "siren": (Siren, False, rppsplus.is_valid_siren),
    "siret": (Siret, False, rppsplus.is_valid_siret),
    "commune": (InseeCommune, False, rppsplus.is_valid_commune),
    "pays": (InseeCountry, False, rppsplus.is_valid_pays),
    "phone": (MobilePhone, False, rppsplus.is_valid_phone),
    "email": (Email, False, rppsplus.is_valid_email),
    "numero": (NumeroDemande, False, rppsplus.is_valid_numero),
}

CODE_CLASSES = {
    "invalid_format": rppsplus.InvalidFormat,
    "invalid_length": rppsplus.InvalidLength,
    "invalid_checksum": rppsplus.InvalidChecksum,
    "invalid_component": rppsplus.InvalidComponent,
    "not_mobile": rppsplus.NotMobile,
    "unknown_code": rppsplus.UnknownCode,
}


def row_id(row: dict[str, Any]) -> str:
    return f"{row['kind']}:{row['input']!r}:{row['mode']}"


def test_every_kind_is_covered() -> None:
    assert set(KINDS) == set(rppsplus.KINDS)
    assert {row["kind"] for row in ROWS} <= set(KINDS)


def test_corpus_through_check() -> None:
    groups: dict[tuple[str, bool], list[dict[str, Any]]] = defaultdict(list)
    for row in ROWS:
        groups[(row["kind"], row["mode"] == "test")].append(row)
    for (kind, test_mode), rows in groups.items():
        results = rppsplus.check(kind, [r["input"] for r in rows], test_mode=test_mode)
        assert len(results) == len(rows)
        for row, res in zip(rows, results):
            where = row_id(row)
            assert res.kind == kind, where
            assert res.input == row["input"], where
            assert res.valid is row["valid"], where
            assert res.canonical == row["canonical"], where
            assert res.code == row["code"], where
            assert res.warning == row["warning"], where
            if row["valid"]:
                assert res.message is None and res.message_en is None, where
                res.raise_for_error()
            else:
                assert isinstance(res.message, str) and res.message, where
                assert isinstance(res.message_en, str) and res.message_en, where
                with pytest.raises(CODE_CLASSES[row["code"]]):
                    res.raise_for_error()
            if row["warning"] is None:
                assert res.warning_message is None, where
            else:
                assert isinstance(res.warning_message, str) and res.warning_message, where


# The core's commune and country types check the format only; check() and is_valid_*
# also look the code up in the INSEE tables (unknown codes, old commune codes).
TABLE_CHECKED = {"commune", "pays"}


@pytest.mark.parametrize("row", ROWS, ids=row_id)
def test_corpus_through_classes(row: dict[str, Any]) -> None:
    cls, has_mode, is_valid = KINDS[row["kind"]]
    kwargs = {"test_mode": row["mode"] == "test"} if has_mode else {}
    if row["mode"] == "test":
        assert has_mode, "test mode rows exist only for kinds with test_mode"
    assert is_valid(row["input"], **kwargs) is row["valid"]
    if row["kind"] in TABLE_CHECKED and (row["code"] == "unknown_code" or row["warning"] == "old_code"):
        value = cls(row["input"])  # well-formed: the class accepts it
        assert str(value) != row["canonical"]
        return
    if row["valid"]:
        value = cls(row["input"], **kwargs)
        assert str(value) == row["canonical"]
        assert value == cls(row["canonical"], **kwargs)
        assert hash(value) == hash(cls(row["canonical"], **kwargs))
    else:
        with pytest.raises(CODE_CLASSES[row["code"]]) as info:
            cls(row["input"], **kwargs)
        exc = info.value
        assert exc.code == row["code"]
        assert exc.kind in rppsplus.KINDS  # the kind of the failing part (FINESS in an idNat)
        assert str(exc) == exc.message
        assert isinstance(exc, rppsplus.RppsplusError) and isinstance(exc, ValueError)
