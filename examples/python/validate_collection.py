"""Validate the sample collection file of demandes (CSV, Windows-1252) and print a summary
and the errors in the pydantic-like shape (``Report.errors()``).

    python examples/python/validate_collection.py [FILE.csv] [--at YYYY-MM-DD]

Default: examples/data/demandes.csv at the reference date 2026-11-22 (the date its
README's expected findings are given for).
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import rppsplus

DEFAULT = Path(__file__).resolve().parents[1] / "data" / "demandes.csv"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", nargs="?", default=DEFAULT, type=Path)
    parser.add_argument("--at", default="2026-11-22", help="reference date YYYY-MM-DD")
    parser.add_argument("--stage", default="submit", choices=["submit", "draft"])
    args = parser.parse_args()

    rows = rppsplus.validate_csv(args.csv, reference_date=args.at, stage=args.stage)
    valid = sum(report.valid for _, report in rows)
    codes = Counter(f.code for _, report in rows for f in report)
    print(f"{args.csv.name}: {len(rows)} demandes, {valid} valid, {len(rows) - valid} invalid")
    print("findings by code: " + ", ".join(f"{c} {n}" for c, n in sorted(codes.items())))
    for line, report in rows:
        for error in report.errors():
            print(f"line {line}: {error}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
