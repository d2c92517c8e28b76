"""The spreadsheets from Python (docs/domain.md §4.6): the template, the annotated reports of
``validate_csv()`` and of a list of reports, and ``findings_frame()``."""

from __future__ import annotations

import builtins
import csv
import pathlib
import pickle
import zipfile

import pytest

import rppsplus

SAMPLE = pathlib.Path(__file__).resolve().parents[2] / "examples" / "data" / "demandes.csv"
CORPUS = pathlib.Path(__file__).resolve().parents[2] / "tests" / "collection"


def test_template_in_both_formats(tmp_path: pathlib.Path) -> None:
    rppsplus.template(tmp_path / "recueil.xlsx", at="2026-11-22")
    with zipfile.ZipFile(tmp_path / "recueil.xlsx") as xlsx:
        sheet = xlsx.read("xl/worksheets/sheet1.xml").decode()
        assert sheet.count("<dataValidation ") == 11
        assert "Codes" in xlsx.read("xl/workbook.xml").decode()
    rppsplus.template(str(tmp_path / "recueil.csv"), "csv")
    header = (tmp_path / "recueil.csv").read_bytes().decode("utf-8-sig")
    assert header.startswith("Procédure *;Numéro de la demande;") and header.endswith("\r\n")
    # Without a format, the extension's (else xlsx), as the CLI does.
    rppsplus.template(tmp_path / "par-extension.CSV")
    assert (tmp_path / "par-extension.CSV").read_bytes().decode("utf-8-sig") == header
    rppsplus.template(tmp_path / "recueil")
    assert zipfile.is_zipfile(tmp_path / "recueil")
    with pytest.raises(ValueError, match="xlsx, csv"):
        rppsplus.template(tmp_path / "recueil.ods", "ods")  # type: ignore[arg-type]
    with pytest.raises(OSError):
        rppsplus.template(tmp_path / "no" / "such" / "dir.xlsx")


def test_the_annotated_report_of_a_collection_file(tmp_path: pathlib.Path) -> None:
    reports = rppsplus.validate_csv(SAMPLE, reference_date="2026-11-22")
    assert reports.source == SAMPLE
    reports.to_csv(tmp_path / "rapport.csv", only_invalid=True)
    lines = (tmp_path / "rapport.csv").read_bytes().decode("utf-8-sig").split("\r\n")
    assert lines[0].startswith("Ligne;Constats;procedure;")
    assert sum(line[:1].isdigit() for line in lines) == 25
    assert sum(line.startswith("fichier;") for line in lines) == 1
    reports.to_xlsx(tmp_path / "rapport.xlsx")
    with zipfile.ZipFile(tmp_path / "rapport.xlsx") as xlsx:
        assert "xl/charts/chart1.xml" in xlsx.namelist()
        assert "clé de contrôle" in xlsx.read("xl/comments1.xml").decode()
    # Pickled, the reports keep their file; built by hand, they have none.
    assert pickle.loads(pickle.dumps(reports)).source == SAMPLE
    alone = rppsplus.CsvReports(list(reports), reports.file)
    with pytest.raises(OSError, match="not read from a file"):
        alone.to_xlsx(tmp_path / "alone.xlsx")


def test_the_report_of_a_workbook_is_its_csv_twins(tmp_path: pathlib.Path) -> None:
    # The rows read again from the workbook (its typed cells as text): each row's number and
    # findings are the CSV twin's; a pickled CsvReports keeps the sheet it read.
    def findings(name: str) -> list[list[str]]:
        reports = rppsplus.validate_csv(CORPUS / name, reference_date="2026-11-22")
        reports = pickle.loads(pickle.dumps(reports))
        reports.to_csv(tmp_path / f"{name}.csv")
        with open(tmp_path / f"{name}.csv", encoding="utf-8-sig", newline="") as f:
            return [row[:2] for row in csv.reader(f, delimiter=";")]

    twin = findings("excel-csv-utf8.csv")
    assert len(twin) == 8 and "Excel" in twin[3][1]
    for workbook in ("excel.xlsx", "libreoffice.ods", "excel-97.xls"):
        assert findings(workbook) == twin, workbook
    rppsplus.validate_csv(CORPUS / "excel.xlsx", sheet="Demandes").to_xlsx(tmp_path / "rapport.xlsx")
    assert zipfile.is_zipfile(tmp_path / "rapport.xlsx")


def test_the_report_of_a_list_of_reports(tmp_path: pathlib.Path) -> None:
    reports = rppsplus.validate_many([{"procedure": "fermeture_situation", "rpps": "10107985319"}, {"procedure": "x"}])
    rppsplus.write_report(reports, tmp_path / "rapport.csv")
    lines = (tmp_path / "rapport.csv").read_bytes().decode("utf-8-sig").split("\r\n")
    assert lines[0] == "Ligne;Constats"
    assert lines[1].startswith('1;"invalid_checksum : ') and lines[-2].startswith("2;")
    rows = list(rppsplus.iter_csv(SAMPLE, reference_date="2026-11-22"))
    rppsplus.write_report(rows, tmp_path / "rapport.xlsx", only_invalid=True)
    assert zipfile.is_zipfile(tmp_path / "rapport.xlsx")
    with pytest.raises(ValueError, match=r"\.xlsx ou \.csv"):
        rppsplus.write_report(reports, tmp_path / "rapport.ods")
    # The file read again is gone: the error names it, not the report.
    copy = tmp_path / "copie.csv"
    copy.write_bytes(SAMPLE.read_bytes())
    gone = rppsplus.validate_csv(copy, reference_date="2026-11-22")
    copy.unlink()
    with pytest.raises(FileNotFoundError) as raised:
        gone.to_xlsx(tmp_path / "rapport-copie.xlsx")
    assert raised.value.filename == str(copy)
    with pytest.raises(TypeError, match="Report or CsvRow"):
        rppsplus.write_report([1], tmp_path / "rapport.csv")


def test_findings_frame() -> None:
    pandas = pytest.importorskip("pandas")
    reports = rppsplus.validate_csv(SAMPLE, reference_date="2026-11-22")
    frame = rppsplus.findings_frame(reports)
    assert list(frame.columns) == ["index", "line", "record", "path", "code", "severity", "message", "message_en"]
    assert len(frame) == sum(len(r.findings) for _, r in reports) + len(reports.file)
    assert frame["code"].iloc[0] == "encoding_converted" and pandas.isna(frame["record"].iloc[0])
    assert frame["code"].value_counts()["not_applicable"] == 8
    many = rppsplus.findings_frame(rppsplus.validate_many([{"procedure": "x"}, {"procedure": "y"}]))
    assert many["index"].tolist() == [0, 1] and many["code"].tolist() == ["unknown_code"] * 2
    one = rppsplus.findings_frame(rppsplus.validate({"procedure": "x"}))
    assert one["path"].tolist() == ["procedure"]


def test_findings_frame_without_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_pandas(name: str, *args: object, **kwargs: object) -> object:
        if name == "pandas":
            raise ImportError("No module named 'pandas'")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(ImportError, match="pip install pandas"):
        rppsplus.findings_frame(rppsplus.validate({"procedure": "x"}))
