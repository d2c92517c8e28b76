"""Values as data frames hold them: check() returns one CheckResults (a sequence, with
columns), missing cells are missing, NumPy and pandas scalars are read as their values, and
validate() reads a data frame's row (a flat dict with dotted keys) as the CSV's row."""

from __future__ import annotations

import copy
import datetime
import pickle
from pathlib import Path
from typing import Any

import pytest

import rppsplus
from rppsplus import CheckResult, CheckResults, RppsplusError, validate, validate_csv, validate_many

# NumPy and pandas values, read by duck typing (rppsplus imports neither): test dependencies,
# installed by scripts/test-python.sh.
np = pytest.importorskip("numpy")
pd = pytest.importorskip("pandas")

ROOT = Path(__file__).resolve().parents[2]
DEMANDES_CSV = ROOT / "examples" / "data" / "demandes.csv"
AT = datetime.date(2026, 11, 22)
VALUES = ["10107985318", "101 0798 5318", "10107985319", "1010798531"]


# --- CheckResults: the list of results it stands for ------------------------------------------


def test_check_results_behave_as_the_list_of_results() -> None:
    results = rppsplus.check("rpps", VALUES)
    as_list = [CheckResult("rpps", v) for v in VALUES]
    assert isinstance(results, CheckResults) and len(results) == 4
    assert results == as_list and as_list == results and not (results != as_list)
    assert results != as_list[:3] and results != as_list[::-1] and results != [1, 2, 3, 4]
    assert list(results) == as_list and [r for r in results] == as_list
    assert results[0] == as_list[0] and results[-1] == as_list[-1] and results[-4] == as_list[0]
    assert results[1:3] == as_list[1:3] and results[::-1] == as_list[::-1] and results[5:] == []
    assert isinstance(results[1:3], CheckResults) and results[np.int64(2)] == as_list[2]
    assert list(reversed(results)) == as_list[::-1] and as_list[2] in results
    for bad in (4, -5, 2**70):
        with pytest.raises(IndexError):
            results[bad]
    with pytest.raises(TypeError, match="indices must be integers or slices, not str"):
        results["0"]  # type: ignore[call-overload]
    assert results == rppsplus.check("rpps", VALUES) and results != rppsplus.check("rpps", VALUES, test_mode=True)
    assert results != rppsplus.check("idnat", VALUES)
    assert repr(results) == "CheckResults(kind='rpps', len=4, valid=2)"
    assert results.kind == "rpps" and bool(results) and not rppsplus.check("rpps", [])
    with pytest.raises(TypeError):
        hash(results)


def test_check_results_columns() -> None:
    results = rppsplus.check("rpps", VALUES)
    assert results.valid == [r.valid for r in results] == [True, True, False, False]
    assert results.canonical == [r.canonical for r in results] == ["10107985318", "10107985318", None, None]
    assert results.codes == [r.code for r in results] == [None, None, "invalid_checksum", "invalid_length"]
    assert results.canonical[0] is VALUES[0]  # a canonical input is shared
    assert results.valid is not results.valid  # a new list each time


def test_check_results_iterate_lazily_and_pickle() -> None:
    results = rppsplus.check("rpps", VALUES * 1000)
    it = iter(results)
    assert iter(it) is it and next(it) == CheckResult("rpps", VALUES[0])
    assert sum(1 for _ in it) == 3999 and next(it, None) is None
    again = pickle.loads(pickle.dumps(results))
    assert isinstance(again, CheckResults) and again == results
    assert CheckResults("rpps", VALUES, test_mode=True) == rppsplus.check("rpps", VALUES, test_mode=True)


# --- missing values and data frame scalars ---------------------------------------------------


@pytest.mark.parametrize("missing", [None, float("nan"), np.float64("nan"), np.float32("nan"), pd.NA, pd.NaT], ids=repr)
def test_missing_values_are_required(missing: object) -> None:
    (result,) = rppsplus.check("rpps", [missing])  # type: ignore[list-item]
    assert (result.valid, result.code, result.input, result.canonical) == (False, "required", None, None)
    assert result.message == "la valeur est obligatoire" and result.message_en == "the value is required"
    assert repr(result) == "CheckResult(kind='rpps', input=None, valid=False, code='required')"
    assert result == CheckResult("rpps", None) and pickle.loads(pickle.dumps(result)) == result
    with pytest.raises(RppsplusError) as info:
        result.raise_for_error()
    assert (info.value.code, info.value.kind, str(info.value)) == ("required", "rpps", "la valeur est obligatoire")  # type: ignore[attr-defined]


def test_integers_are_their_decimal_text() -> None:
    for value in (10107985318, np.int64(10107985318), np.uint64(10107985318)):
        (result,) = rppsplus.check("rpps", [value])
        assert (result.valid, result.input) == (True, "10107985318"), type(value)
    assert CheckResult("rpps", np.int64(10107985319)).code == "invalid_checksum"
    column = np.array([10107985318, 10107985319])
    assert rppsplus.check("rpps", column).valid == [True, False]
    with pytest.raises(TypeError, match="not bool"):
        rppsplus.check("rpps", [np.bool_(True)])


def test_pandas_columns() -> None:
    series = pd.Series(["10107985318", None, "10107985319"])  # pandas' str dtype: None is NaN
    assert rppsplus.check("rpps", series).codes == [None, "required", "invalid_checksum"]
    strings = pd.Series(["10107985318", None], dtype="string")  # pd.NA
    assert rppsplus.check("rpps", strings).codes == [None, "required"]
    numbers = pd.Series([10107985318, 10107985319], dtype="int64")
    assert rppsplus.check("rpps", numbers).valid == [True, False]
    frame = pd.DataFrame({"rpps": VALUES})
    frame["valid"] = rppsplus.check("rpps", frame["rpps"]).valid
    assert frame["valid"].tolist() == [True, True, False, False]


# --- validate(): a data frame's row ---------------------------------------------------------


def csv_rows() -> tuple[list[str], list[list[str]]]:
    import csv
    import io

    header, *rows = csv.reader(io.StringIO(DEMANDES_CSV.read_bytes().decode("cp1252")), delimiter=";")
    return header, [row for row in rows if any(c.strip() for c in row)]


def found(report: rppsplus.Report) -> list[tuple[str, str, str]]:
    # A file's own findings left out: its encoding, and duplicates across its rows (a row
    # validated alone has none).
    return [(f.path, f.code, f.message) for f in report if f.code not in ("encoding_converted", "duplicate")]


def test_a_row_is_read_as_the_csv_row() -> None:
    header, rows = csv_rows()
    want = [found(r) for _, r in validate_csv(DEMANDES_CSV, reference_date=AT)]
    dicts = [dict(zip(header, row)) for row in rows]
    assert [found(validate(d, reference_date=AT)) for d in dicts] == want
    assert [found(r) for r in validate_many(dicts, reference_date=AT)] == want
    # As pandas gives the rows: empty cells as NaN (or None), in records or one by one.
    frame = pd.DataFrame(rows, columns=header).replace("", np.nan)
    assert [found(r) for r in validate_many(frame.to_dict("records"), reference_date=AT)] == want
    assert found(validate(frame.iloc[4].to_dict(), reference_date=AT)) == want[4]
    # Rows and nested dicts mixed in one call, over several batches.
    mixed = [dicts[i % len(dicts)] if i % 2 else {"procedure": "x"} for i in range(1000)]
    reports = validate_many(mixed, reference_date=AT)
    assert [found(r) for r in reports[1::2]] == [want[i % len(dicts)] for i in range(1, 1000, 2)]


def test_row_cells_of_every_type() -> None:
    row: dict[str, Any] = {
        "procedure": "fermeture_situation",
        "rpps": np.int64(10107985318),
        "situation.id": " S1 ",
        "situation.date_fin_fonction": pd.Timestamp("2026-01-31"),
        "etat_civil.nom_naissance": pd.NA,
        "contact.email": float("nan"),
        "confirmations.cgu_acceptees": True,
        "confirmations.rencontre_en_personne": np.bool_(True),
    }
    assert validate(row, reference_date=AT).valid
    for date in (datetime.date(2026, 1, 31), datetime.datetime(2026, 1, 31), "31/01/2026", np.datetime64("2026-01-31")):
        assert validate({**row, "situation.date_fin_fonction": date}, reference_date=AT).valid, repr(date)
    # A date-time is its date, as a spreadsheet's date-time cell (docs/domain.md §4.6).
    assert validate({**row, "situation.date_fin_fonction": pd.Timestamp("2026-01-31 10:30")}, reference_date=AT).valid
    # A float is written as Python writes it, as in a CSV written by pandas: "10107985318.0".
    float_rpps = validate({**row, "rpps": 10107985318.0}, reference_date=AT)
    assert [(f.path, f.code) for f in float_rpps] == [("rpps", "invalid_length")]
    typo = validate({**row, "situation.idd": "S1"}, reference_date=AT)
    assert [(f.path, f.code) for f in typo] == [("", "invalid_csv")]
    assert "la colonne 9 de l'en-tête, « situation.idd », est inconnue" in typo.findings[0].message
    refused = validate({**row, "confirmations.rencontre_en_personne": np.bool_(False)}, reference_date=AT)
    assert [(f.path, f.code) for f in refused] == [("confirmations.rencontre_en_personne", "required")]


def test_row_errors_name_the_cell() -> None:
    with pytest.raises(TypeError, match=r"demande\['etat_civil.prenoms'\] must be str, int, float, bool, datetime.date or a missing value \(None, NaN\), not list"):
        validate({"procedure": "x", "etat_civil.prenoms": ["Ana"]})
    with pytest.raises(TypeError, match=r"demandes\[1\]\['situation.id'\] must be .* not dict"):
        validate_many([{"procedure": "x"}, {"situation.id": {}}])
    with pytest.raises(TypeError, match=r"demande: keys must be str, not int"):
        validate({"situation.id": "S1", 3: "x"})


def test_nested_dicts_take_numpy_scalars_and_timestamps() -> None:
    from test_validate import SPEC_EXAMPLE  # type: ignore[import-not-found]

    d = copy.deepcopy(SPEC_EXAMPLE)
    d["etat_civil"]["date_naissance"] = pd.Timestamp("1999-05-05")
    d["confirmations"]["cgu_acceptees"] = np.bool_(True)
    assert validate(d, reference_date=AT).valid
    d["situation"]["profession"] = np.int64(326)  # a number where a code is expected: a finding
    assert [(f.path, f.code) for f in validate(d, reference_date=AT)] == [("situation.profession", "invalid_format")]


def test_a_demande_with_one_dotted_key_is_a_demande() -> None:
    # Its objects make it a demande, not a row: the dotted key is an unknown field (as in its JSON).
    d = {
        "procedure": "fermeture_situation",
        "rpps": "10107985318",
        "situation": {"id": "S1", "date_fin_fonction": "2026-01-31"},
        "contact.email": "a@b.fr",
        "confirmations": {"cgu_acceptees": True, "rencontre_en_personne": True},
    }
    assert [(f.path, f.code) for f in validate(d, reference_date=AT)] == [("contact.email", "unknown_field")]
