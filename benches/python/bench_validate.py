"""Benchmark: rppsplus demande validation against the pure-Python baseline validator.

Two comparisons, in one run, on the same data, at the same reference date and stage:

1. A CSV collection file: ``rppsplus.validate_csv(path)`` (reads, decodes and validates in
   Rust, GIL released, one ``Report`` object per row) against the baseline's
   ``validate_file(path, Validator(...))`` (``benches/python/baseline_validator.py``: its
   CSV reading, UTF-8 detection pass and row validation, as its command line does).
2. A list of nested JSON dicts (the synthetic demandes of ``scripts/gen_demandes_csv.py``,
   the same people as the CSV): ``rppsplus.validate_many(dicts)`` against the baseline's
   ``Validator.validate_row`` in a loop (it flattens nested dicts itself).

Installs nothing: expects ``rppsplus`` (the built wheel) to be importable. Usage::

    python3 scripts/gen_demandes_csv.py --rows 100000 --out /tmp/d100k.csv
    python benches/python/bench_validate.py /tmp/d100k.csv [--repeat R] [--at 2026-11-22]

The dicts are generated from the generator's ``synthetic_rows`` with the CSV's default
seed and row count (read from the file), so both sides see the same demandes. Each side is
timed R times (best kept). The ratio is baseline time / rppsplus time. Prints numbers
(and the valid counts of each side, which differ by design where the baseline lacks the
commune table); asserts nothing.
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import rppsplus

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benches" / "python"))
sys.path.insert(0, str(ROOT / "scripts"))

import baseline_validator  # noqa: E402
import gen_demandes_csv  # noqa: E402

T = TypeVar("T")


def best(fn: Callable[[], T], repeat: int) -> tuple[float, T]:
    """The best wall time of `repeat` runs and the last result."""
    times = []
    result: Any = None
    for _ in range(repeat):
        result = None
        gc.collect()
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def nested(row: dict[str, object]) -> dict[str, Any]:
    """A flat demande of the generator (``etat_civil.prenoms`` joined with ``,``, empty
    string = absent) as the nested JSON dict of docs/domain.md §4."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        if value == "" or value is None:
            continue
        if key == "etat_civil.prenoms":
            value = str(value).split(",")
        *parents, leaf = key.split(".")
        node = out
        for p in parents:
            node = node.setdefault(p, {})
        node[leaf] = value
    return out


def count_rows(path: Path) -> int:
    """Data rows of the CSV (lines minus the header; the generator writes no blank line)."""
    with path.open("rb") as f:
        return sum(1 for _ in f) - 1


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("csv", type=Path, help="a CSV written by scripts/gen_demandes_csv.py --rows N")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--at", default="2026-11-22", help="reference date YYYY-MM-DD")
    p.add_argument("--stage", default="submit", choices=["submit", "draft"])
    p.add_argument("--seed", type=int, default=2026, help="the generator's --seed of the file")
    args = p.parse_args()

    n = count_rows(args.csv)
    print(f"rppsplus {rppsplus.__version__}, CPython {platform.python_version()}, {platform.machine()}, "
          f"{os.cpu_count()} CPUs; {args.csv} ({args.csv.stat().st_size / 1e6:.1f} MB, {n} rows), "
          f"reference {args.at}, stage {args.stage}, best of {args.repeat}")
    validator = baseline_validator.Validator(at=args.at, stage=args.stage)

    # 1. CSV file.
    t_rs, rows = best(lambda: rppsplus.validate_csv(args.csv, reference_date=args.at, stage=args.stage),
                      args.repeat)
    rs_valid = sum(r.valid for _, r in rows)
    del rows
    sink = io.StringIO()
    t_py, stats = best(lambda: baseline_validator.validate_file(str(args.csv), validator, 0, sink),
                       args.repeat)
    print("\n1. CSV file")
    print(f"  rppsplus.validate_csv      {t_rs:8.3f} s  {n / t_rs:>12,.0f} rows/s  valid {rs_valid}")
    print(f"  baseline validate_file     {t_py:8.3f} s  {stats['rows'] / t_py:>12,.0f} rows/s  "
          f"valid {stats['valid']}")
    print(f"  speed-up                   {t_py / t_rs:8.1f}x  (target >= 30x)")

    # 2. List of dicts.
    dicts = [nested(r) for r in gen_demandes_csv.synthetic_rows(n, args.seed)]
    t_rs, reports = best(lambda: rppsplus.validate_many(dicts, reference_date=args.at, stage=args.stage),
                         args.repeat)
    rs_valid = sum(r.valid for r in reports)
    del reports
    t_py, findings = best(lambda: [validator.validate_row(d) for d in dicts], args.repeat)
    py_valid = sum(not any(f["severity"] == "error" for f in fs) for fs in findings)
    del findings
    print(f"\n2. list of {len(dicts)} nested dicts")
    print(f"  rppsplus.validate_many     {t_rs:8.3f} s  {len(dicts) / t_rs:>12,.0f} demandes/s  valid {rs_valid}")
    print(f"  baseline validate_row loop {t_py:8.3f} s  {len(dicts) / t_py:>12,.0f} demandes/s  valid {py_valid}")
    print(f"  speed-up                   {t_py / t_rs:8.1f}x  (target >= 5x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
