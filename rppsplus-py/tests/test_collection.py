"""The corpus of collection files as HR teams have them (``tests/collection/``, written by
``make_collection.py``): each Excel export flavour and the files with problems of their own give
the findings ``expected.json`` lists, through ``validate_csv()`` and ``iter_csv()``, the workbook
twins (``.xlsx``, ``.ods``, ``.xls``) too. The Rust tests read the same expectations
(``rppsplus-core/tests/collection.rs``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import rppsplus

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "collection"
EXPECTED: dict[str, Any] = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
OPTIONS = EXPECTED["options"]


def findings(report: rppsplus.Report) -> list[list[str]]:
    return sorted([f.path, f.code] for f in report)


@pytest.mark.parametrize("name", sorted(EXPECTED["files"]))
def test_each_file_gives_its_expected_findings(name: str) -> None:
    want = EXPECTED["files"][name]
    rows = rppsplus.validate_csv(CORPUS / name, **OPTIONS)
    assert [f.code for f in rows.file] == want["file"]
    assert [[row.line, row.record, findings(row.report)] for row in rows] == want["demandes"]
    # The stream: the same demandes, the file's findings apart.
    items = list(rppsplus.iter_csv(CORPUS / name, **OPTIONS))
    assert [f.code for item in items if item.is_file for f in item.report] == want["file"]
    assert [item for item in items if not item.is_file] == list(rows)


@pytest.mark.parametrize("name", ["excel.xlsx", "libreoffice.ods", "excel-97.xls"])
def test_a_workbook_is_its_csv_twin(name: str) -> None:
    # Typed cells (dates, numbers, booleans) read as the CSV export holds them: the same
    # rows, lines and messages.
    csv = rppsplus.validate_csv(CORPUS / "excel-csv-utf8.csv", **OPTIONS)
    assert rppsplus.validate_csv(CORPUS / name, **OPTIONS) == csv
    assert rppsplus.validate_csv(CORPUS / name, sheet="Demandes", **OPTIONS) == csv
    assert [row for row in rppsplus.iter_csv(CORPUS / name, sheet="Demandes", **OPTIONS)] == list(csv)


def test_a_sheet_the_workbook_does_not_have() -> None:
    rows = rppsplus.validate_csv(CORPUS / "excel.xlsx", sheet="Feuil1", **OPTIONS)
    assert len(rows) == 0
    assert [f.message_en for f in rows.file] == [
        "The file: it has no sheet 'Feuil1' (its sheets: 'Demandes'); give the name of one of its sheets."
    ]
    # A CSV file has no sheets: the keyword is not used.
    assert rppsplus.validate_csv(CORPUS / "excel-csv-utf8.csv", sheet="Feuil1", **OPTIONS) == rppsplus.validate_csv(
        CORPUS / "excel-csv-utf8.csv", **OPTIONS
    )
