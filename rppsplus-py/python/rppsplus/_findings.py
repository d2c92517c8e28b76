"""``findings_frame()``: the findings of reports as a pandas ``DataFrame``, one row per finding.

pandas is imported when the function is called: it is no dependency of rppsplus.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ._rppsplus import CsvReports, CsvRow, Report

if TYPE_CHECKING:
    import pandas

COLUMNS = ("index", "line", "record", "path", "code", "severity", "message", "message_en")
"""The columns of ``findings_frame()``, in order."""


def findings_frame(reports: CsvReports | Report | Iterable[Report | CsvRow]) -> pandas.DataFrame:
    """The findings of ``reports`` as a pandas ``DataFrame``, one row per finding, with the
    columns ``index`` (the position of the report among those given, from 0; ``None`` for the
    findings about a file), ``line`` and ``record`` (a collection file's row: ``None``
    otherwise), ``path``, ``code``, ``severity``, ``message`` and ``message_en``.

    ``reports``: what ``validate_csv()`` returns (the findings about the file first), a
    ``Report``, or an iterable of ``Report`` (``validate_many()``) or of ``CsvRow``
    (``iter_csv()``). pandas is imported at call time; without it, ``ImportError`` says how
    to install it (rppsplus does not depend on it)::

        >>> import rppsplus
        >>> frame = rppsplus.findings_frame(rppsplus.validate_many([{"procedure": "x"}]))  # doctest: +SKIP
        >>> frame["code"].value_counts()  # doctest: +SKIP
    """
    try:
        import pandas
    except ImportError as e:
        raise ImportError(
            "findings_frame() needs pandas, which rppsplus does not install: pip install pandas"
        ) from e
    rows: list[tuple[Any, ...]] = []

    def add(index: int | None, line: int | None, record: int | None, report: Report) -> None:
        for f in report.findings:
            rows.append((index, line, record, f.path, f.code, f.severity, f.message, f.message_en))

    items: Iterable[Report | CsvRow]
    if isinstance(reports, CsvReports):
        add(None, None, None, reports.file)
        items = reports
    elif isinstance(reports, Report):
        items = [reports]
    else:
        items = reports
    index = 0
    for item in items:
        if isinstance(item, Report):
            add(index, None, None, item)
        elif isinstance(item, CsvRow):
            add(None if item.is_file else index, item.line, item.record, item.report)
            if item.is_file:
                continue
        else:
            raise TypeError(f"findings_frame() takes Report or CsvRow items, not {type(item).__name__}")
        index += 1
    frame = pandas.DataFrame.from_records(rows, columns=list(COLUMNS))
    for column in ("index", "line", "record"):
        frame[column] = frame[column].astype("Int64")
    return frame
