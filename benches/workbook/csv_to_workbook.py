#!/usr/bin/env python3
"""Writes the workbook twin of a collection CSV file (UTF-8, ``;``): the same rows in an .xlsx as
Excel saves it (deflated parts, shared strings, typed cells: dates as date cells, numbers as
numbers), or in an .ods as LibreOffice does (by the name OUT ends with), with the writers of the
test corpus (``tests/collection/make_collection.py``), for the benchmark of BENCHMARKS.md (issue
13: a 100 000-row workbook validated, beside its CSV)::

    python3 scripts/gen_demandes_csv.py --rows 100000 --out /tmp/demandes_100k.csv
    python3 benches/workbook/csv_to_workbook.py /tmp/demandes_100k.csv /tmp/demandes_100k.xlsx
"""

from __future__ import annotations

import csv
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests" / "collection"))
from make_collection import ods, xlsx  # noqa: E402


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    source, out = argv
    with open(source, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    write = ods if out.endswith(".ods") else xlsx
    Path(out).write_bytes(write(rows, zipfile.ZIP_DEFLATED))
    print(f"wrote {out}: {len(rows) - 1} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
