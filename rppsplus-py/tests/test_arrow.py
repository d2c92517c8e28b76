"""rppsplus.arrow: identifiers and demandes in Arrow columns (pyarrow, Polars, pandas, DuckDB),
read and handed back through the Arrow PyCapsule interface."""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path
from typing import Any

import pytest

for engine in ("duckdb", "pandas", "polars", "pyarrow"):
    pytest.importorskip(engine)  # test dependencies: scripts/test-python.sh installs them

import duckdb  # noqa: E402
import pandas as pd  # noqa: E402
import polars as pl  # noqa: E402
import pyarrow as pa  # noqa: E402

import rppsplus  # noqa: E402
from rppsplus import arrow  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
DEMANDES_CSV = ROOT / "examples" / "data" / "demandes.csv"
AT = datetime.date(2026, 11, 22)

VALUES = ["10107985318", "101 0798 5318", None, "10107985319", "1010798531", "", "99700075122"]


def expected(kind: str, values: list[Any], test_mode: bool = False) -> list[dict[str, Any] | None]:
    """The rows arrow.check must give: those of the plain check(), nulls staying null."""
    rows: list[dict[str, Any] | None] = []
    for v in values:
        if v is None:
            rows.append(None)
            continue
        r = rppsplus.CheckResult(kind, v, test_mode=test_mode)  # type: ignore[arg-type]
        rows.append({"valid": r.valid, "canonical": r.canonical, "code": r.code, "message": r.message})
    return rows


# --- check --------------------------------------------------------------------------------


def test_check_a_pyarrow_array() -> None:
    result = arrow.check("rpps", pa.array(VALUES))
    assert isinstance(result, arrow.ArrowResult) and len(result) == len(VALUES)
    got = pa.array(result)
    assert got.type == pa.struct(
        [("valid", pa.bool_()), ("canonical", pa.string()), ("code", pa.string()), ("message", pa.string())]
    )
    assert got.to_pylist() == expected("rpps", VALUES)
    assert got.null_count == 1 and got.is_null().to_pylist()[2]
    assert got.field("canonical").to_pylist()[:2] == ["10107985318", "10107985318"]
    assert got.field("code").to_pylist()[3:6] == ["invalid_checksum", "invalid_length", "invalid_length"]
    assert "ArrowResult(Struct(" in repr(result) and "len=7" in repr(result)


def test_check_test_mode_and_every_kind() -> None:
    got = pa.array(arrow.check("rpps", pa.array(VALUES), test_mode=True)).to_pylist()
    assert got == expected("rpps", VALUES, test_mode=True) and got[-1]["valid"]
    samples = ["970405593", "9A0405593", "0692 12 34 56", "x@example.org", "13203", "75015", "2A004", ""]
    for kind in rppsplus.KINDS:
        assert pa.array(arrow.check(kind, pa.array(samples))).to_pylist() == expected(kind, samples), kind


@pytest.mark.parametrize("string_type", [pa.string(), pa.large_string(), pa.string_view()], ids=str)
def test_check_every_string_layout(string_type: pa.DataType) -> None:
    column = pa.array(VALUES, type=string_type)
    assert pa.array(arrow.check("rpps", column)).to_pylist() == expected("rpps", VALUES)


def test_check_chunked_sliced_dictionary_and_integer_columns() -> None:
    chunked = pa.chunked_array([VALUES[:2], VALUES[2:5], [], VALUES[5:]])
    assert pa.array(arrow.check("rpps", chunked)).to_pylist() == expected("rpps", VALUES)
    sliced = pa.array(VALUES).slice(2, 3)
    assert pa.array(arrow.check("rpps", sliced)).to_pylist() == expected("rpps", VALUES[2:5])
    dictionary = pa.array(VALUES).dictionary_encode()
    assert pa.array(arrow.check("rpps", dictionary)).to_pylist() == expected("rpps", VALUES)
    numbers = pa.array([10107985318, None, 10107985319], type=pa.int64())
    assert pa.array(arrow.check("rpps", numbers)).to_pylist() == expected("rpps", ["10107985318", None, "10107985319"])
    assert pa.array(arrow.check("rpps", pa.nulls(3))).to_pylist() == [None, None, None]
    assert len(arrow.check("rpps", pa.array([], pa.string()))) == 0


def test_check_a_large_column_in_order() -> None:
    # Enough rows for a run per core, and more distinct errors (a letter at each position,
    # every wrong length) than the messages a run keeps built.
    errors = [f"{'1' * i}X" for i in range(40)] + ["1" * n for n in range(40)]
    values = [VALUES[i % len(VALUES)] if i % 97 else errors[i % len(errors)] for i in range(100_000)]
    got = pa.array(arrow.check("rpps", pa.array(values)))
    assert got.to_pylist() == expected("rpps", values)
    chunked = pa.chunked_array([values[:33_333], values[33_333:66_000], values[66_000:]])
    assert pa.array(arrow.check("rpps", chunked)).equals(got)


def test_check_polars_round_trip() -> None:
    series = pl.Series("rpps", VALUES)
    result = pl.Series(arrow.check("rpps", series))
    assert result.dtype == pl.Struct({"valid": pl.Boolean, "canonical": pl.String, "code": pl.String, "message": pl.String})
    assert result.to_list() == expected("rpps", VALUES)
    # As a DataFrame of the four columns, beside the input.
    frame = pl.DataFrame({"rpps": series}).with_columns(checked=result).unnest("checked")
    assert frame.columns == ["rpps", "valid", "canonical", "code", "message"]
    assert frame["valid"].to_list() == [None if v is None else r["valid"] for v, r in zip(VALUES, expected("rpps", VALUES))]  # type: ignore[index]
    chunked = pl.concat([pl.Series(VALUES[:3]), pl.Series(VALUES[3:])], rechunk=False)
    assert chunked.n_chunks() == 2
    assert pl.Series(arrow.check("rpps", chunked)).to_list() == expected("rpps", VALUES)


def test_check_pandas_and_duckdb() -> None:
    series = pd.Series(VALUES, dtype="str")
    assert pa.array(arrow.check("rpps", series)).to_pylist() == expected("rpps", VALUES)
    assert pa.array(arrow.check("rpps", pd.Series(VALUES, dtype="string"))).to_pylist() == expected("rpps", VALUES)
    con = duckdb.connect()
    con.execute("create table t as select * from (values ('10107985318'), (null), ('10107985319')) v(rpps)")
    result = arrow.check("rpps", con.sql("select rpps from t"))  # a one-column table is its column
    assert pa.array(result).to_pylist() == expected("rpps", ["10107985318", None, "10107985319"])
    # DuckDB reads the result back through the same interface (a replacement scan).
    assert con.sql("select valid, code from result").fetchall() == [(True, None), (None, None), (False, "invalid_checksum")]


def test_check_wrong_arguments_are_type_errors() -> None:
    with pytest.raises(TypeError, match=r"arrow.check\(\) argument 'column' must be an Arrow array .* not list"):
        arrow.check("rpps", VALUES)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="must hold strings or integers, not Float64"):
        arrow.check("rpps", pa.array([1.5]))
    with pytest.raises(TypeError, match="must be one column, not a table of 2 columns"):
        arrow.check("rpps", pa.table({"a": ["x"], "b": ["y"]}))
    with pytest.raises(ValueError, match="unknown identifier kind"):
        arrow.check("nope", pa.array(VALUES))  # type: ignore[arg-type]


def test_results_export_as_array_and_stream() -> None:
    result = arrow.check("rpps", pa.array(VALUES))
    assert pa.chunked_array(result).num_chunks == 1
    assert pa.chunked_array(result).to_pylist() == expected("rpps", VALUES)
    large = pa.struct([("valid", pa.bool_()), ("canonical", pa.large_string()), ("code", pa.string()), ("message", pa.string())])
    assert pa.array(result, type=large).type == large  # a requested schema is honoured when arrow-rs can cast
    # A table of findings has no null row: it is also a pyarrow Table and a Polars DataFrame.
    findings = arrow.validate(pa.table({"procedure": ["fermeture_situation"]}))
    table = pa.table(findings)
    assert table.column_names == ["row", "path", "code", "severity", "message", "message_en"]
    assert table.num_rows == len(findings) > 1 and pl.DataFrame(findings).shape == (len(findings), 6)
    assert pa.RecordBatchReader.from_stream(findings).read_all() == table


# --- validate -----------------------------------------------------------------------------


def csv_rows() -> tuple[list[str], list[list[str]]]:
    """The sample collection's header and rows, as text (the file is Windows-1252)."""
    text = DEMANDES_CSV.read_bytes().decode("cp1252")
    header, *rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    return header, [row for row in rows if any(cell.strip() for cell in row)]


def findings_by_row(result: arrow.ArrowResult) -> dict[int | None, list[tuple[str, str, str, str, str]]]:
    table = pa.table(result)
    assert table.column_names == ["row", "path", "code", "severity", "message", "message_en"]
    out: dict[int | None, list[tuple[str, str, str, str, str]]] = {}
    for f in table.to_pylist():
        out.setdefault(f["row"], []).append(shown(f["path"], f["code"], f["severity"], f["message"], f["message_en"]))
    return out


def shown(path: str, code: str, severity: str, message: str, message_en: str) -> tuple[str, str, str, str, str]:
    """A finding, compared whole, but a duplicate's messages: a table names the earlier row by its
    index, a file by its line."""
    return (path, code, severity, "", "") if code == "duplicate" else (path, code, severity, message, message_en)


def csv_findings() -> dict[int, list[tuple[str, str, str, str, str]]]:
    """validate_csv's findings of the sample, by data row from 0 (the encoding notice left out:
    an Arrow table has no encoding)."""
    reports = rppsplus.validate_csv(DEMANDES_CSV, reference_date=AT)
    return {
        i: [shown(f.path, f.code, f.severity, f.message, f.message_en) for f in r if f.code != "encoding_converted"]
        for i, (_, r) in enumerate(reports)
    }


def test_validate_gives_the_findings_of_the_csv() -> None:
    header, rows = csv_rows()
    table = pa.table({name: [row[i] or None for row in rows] for i, name in enumerate(header)})
    got = findings_by_row(arrow.validate(table, reference_date=AT))
    want = {row: found for row, found in csv_findings().items() if found}
    assert got == want
    assert any(code == "duplicate" for found in got.values() for _, code, *_ in found)


def test_validate_typed_columns_polars_and_pandas() -> None:
    header, rows = csv_rows()
    want = {row: found for row, found in csv_findings().items() if found}
    frame = pd.DataFrame([row for row in rows], columns=header).replace("", None)
    # Typed as a data team's frame is: dates as datetime64, booleans as booleans.
    for column in ("etat_civil.date_naissance", "situation.date_prise_fonction"):
        parsed = pd.to_datetime(frame[column], format="%Y-%m-%d", errors="coerce")
        frame[column] = parsed.where(parsed.notna() | frame[column].isna(), frame[column])  # type: ignore[call-overload]
    for column in ("confirmations.cgu_acceptees", "confirmations.rencontre_en_personne"):
        if frame[column].isin(["true", "false", None]).all():
            frame[column] = frame[column].map({"true": True, "false": False, None: None})
    assert findings_by_row(arrow.validate(frame, reference_date=AT)) == want
    polars = pl.from_pandas(frame.astype(str).replace({"None": None, "NaT": None, "nan": None}))
    assert findings_by_row(arrow.validate(polars, reference_date=AT)) == want


def test_validate_converts_cells_as_a_spreadsheet_holds_them() -> None:
    table = pa.table(
        {
            "procedure": ["fermeture_situation"] * 4,
            "situation.id": ["S1", " S2 ", "", None],
            "rpps": pa.array([10107985318, 10107985300, None, 10107985319], pa.int64()),
            "situation.date_fin_fonction": pa.array(
                [datetime.datetime(2026, 1, 31), datetime.datetime(2026, 1, 31, 10, 30), None, datetime.datetime(2026, 1, 31)],
                pa.timestamp("us"),
            ),
            "confirmations.cgu_acceptees": [True, True, True, True],
            "confirmations.rencontre_en_personne": pa.array([1, 1, 1, 0], pa.int8()),
        }
    )
    got = findings_by_row(arrow.validate(table, reference_date=AT))
    codes = {row: [(p, c) for p, c, *_ in found] for row, found in got.items()}
    # Row 1's timestamp at 10:30 is its date, as a spreadsheet's date-time cell.
    assert codes == {
        2: [("rpps", "required"), ("situation.id", "required"), ("situation.date_fin_fonction", "required")],
        3: [("rpps", "invalid_checksum"), ("situation.id", "required"), ("confirmations.rencontre_en_personne", "required")],
    }
    nan = pa.table({"procedure": ["fermeture_situation"], "rpps": pa.array([float("nan")])})
    assert ("rpps", "required") in [(p, c) for p, c, *_ in findings_by_row(arrow.validate(nan))[0]]
    twice = pa.table({"procedure": ["fermeture_situation"] * 2, "rpps": ["10107985318"] * 2})
    duplicate = [f for f in pa.table(arrow.validate(twice)).to_pylist() if f["code"] == "duplicate"]
    assert [(f["row"], f["path"]) for f in duplicate] == [(1, "rpps")]
    assert "index 0" in duplicate[0]["message_en"]


def test_validate_nested_struct_columns() -> None:
    header, rows = csv_rows()
    flat = pa.table({name: [row[i] or None for row in rows] for i, name in enumerate(header)})
    want = findings_by_row(arrow.validate(flat, reference_date=AT))

    def nest(names: list[str], prefix: str = "") -> dict[str, pa.Array]:
        """The columns under `prefix`, nested in structs by the dotted names."""
        out: dict[str, pa.Array] = {}
        for head in dict.fromkeys(n.split(".")[0] for n in names):
            under = [n[len(head) + 1:] for n in names if n.startswith(head + ".")]
            if under:
                children = nest(under, f"{prefix}{head}.")
                out[head] = pa.StructArray.from_arrays(list(children.values()), names=list(children))
            else:
                out[head] = flat.column(prefix + head).combine_chunks()
        return out

    nested = pa.table(nest(header))
    assert "etat_civil" in nested.column_names and nested.num_columns < flat.num_columns
    assert findings_by_row(arrow.validate(nested, reference_date=AT)) == want
    # A null struct gives null cells.
    contact = pa.StructArray.from_arrays([pa.array(["x@example.org"])], names=["email"], mask=pa.array([True]))
    table = pa.table({"procedure": ["modification_informations"], "rpps": ["10107985318"], "contact": contact})
    plain = pa.table({"procedure": ["modification_informations"], "rpps": ["10107985318"]})
    assert findings_by_row(arrow.validate(table)) == findings_by_row(arrow.validate(plain))
    one = pa.StructArray.from_arrays([pa.array(["10107985318", None])], names=["rpps"], mask=pa.array([False, False]))
    assert pa.array(arrow.check("rpps", one)).to_pylist() == expected("rpps", ["10107985318", None])


def test_validate_unknown_columns_and_wrong_types() -> None:
    table = pa.table({"procedure": ["fermeture_situation"], "notes": pa.array([[1, 2]])})
    got = findings_by_row(arrow.validate(table))
    assert [(path, code) for path, code, *_ in got[None]] == [("", "invalid_csv")]
    assert "column 2 of the header, 'notes', is unknown and ignored" in got[None][0][4]
    assert 0 in got
    with pytest.raises(TypeError, match=r"arrow.validate\(\): column \"etat_civil.prenoms\" must hold strings, numbers"):
        arrow.validate(pa.table({"etat_civil.prenoms": pa.array([["Ana"]])}))
    with pytest.raises(TypeError, match=r"argument 'table' must be an Arrow table .* not dict"):
        arrow.validate({"procedure": ["x"]})  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="stage"):
        arrow.validate(table, stage="send")  # type: ignore[arg-type]
    empty = pa.table(result := arrow.validate(pa.table({"procedure": pa.array([], pa.string())})))
    assert empty.num_rows == 0 and len(result) == 0


def test_validate_many_rows_on_threads_keep_their_order() -> None:
    header, rows = csv_rows()

    def table(times: int) -> pa.Table:
        many = rows * times
        return pa.table({name: [row[i] or None for row in many] for i, name in enumerate(header)})

    got = findings_by_row(arrow.validate(table(300), reference_date=AT))
    # Every copy of a row finds the same as the second copy: duplicates of the first one.
    twice = findings_by_row(arrow.validate(table(2), reference_date=AT))
    n = len(rows)
    assert all(got.get(i, []) == twice.get(i, []) for i in range(n))
    for copy in (1, 2, 150, 299):
        assert all(got.get(copy * n + i, []) == twice.get(n + i, []) for i in range(n)), copy
    assert sum(len(found) for found in got.values()) > 300 * n // 2
