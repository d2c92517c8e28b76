"""Benchmark: checking one million RPPS numbers, every way, side by side in one run.

Installs nothing: expects ``rppsplus`` (the built wheel), ``stdnum`` (python-stdnum),
``pyarrow``, ``polars`` and ``duckdb`` to be importable (``scripts/test-python.sh`` installs
them all in its venv, ``.venv``), and the core's example built
(``cargo build --release -p rppsplus-core --example check_rate``). Usage::

    python benches/python/bench_check.py [N] [--repeat R] [--core target/release/examples/check_rate]

The values are realistic and mixed: about 90 % valid production RPPS numbers, the rest
invalid (wrong key, wrong length, letters, separators). Each line is timed R times (best
kept), in one process, one after the other:

- the core's own rate: ``ids::check`` on the same values (the Rust example, run on a file of
  them; its outcome read, as every face does);
- ``[stdnum.luhn.is_valid(v) for v in values]`` (python-stdnum), the baseline of the ratios;
- ``rppsplus.check("rpps", values)``: a list of ``str`` in, one ``CheckResults`` out;
- ``rppsplus.arrow.check("rpps", column)``: a pyarrow array in, an Arrow struct array out;
- Polars: a ``Series`` in, ``polars.Series(result)`` out (the round trip);
- DuckDB: a query's column in, the result scanned by a DuckDB query (the round trip).

Prints numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import gc
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa
from stdnum import luhn

import rppsplus
from rppsplus import arrow

ROOT = Path(__file__).resolve().parents[2]


def luhn_key(ten: str) -> str:
    """The Luhn check digit of ten digits (to build valid RPPS numbers)."""
    for d in "0123456789":
        if luhn.is_valid(ten + d):
            return d
    raise AssertionError("unreachable")


def make_values(n: int, seed: int = 2026) -> list[str]:
    """N RPPS-like strings: ~90 % valid, ~10 % invalid of various sorts."""
    rng = random.Random(seed)
    pool_size = min(n, 50_000)
    valid = []
    for _ in range(pool_size):
        ten = "1" + "".join(rng.choice("0123456789") for _ in range(9))
        valid.append(ten + luhn_key(ten))
    values = []
    for i in range(n):
        v = valid[i % pool_size]
        r = rng.random()
        if r < 0.04:  # wrong key
            v = v[:-1] + str((int(v[-1]) + 1) % 10)
        elif r < 0.06:  # too short
            v = v[:-1]
        elif r < 0.08:  # a letter
            v = v[:5] + "X" + v[6:]
        elif r < 0.10:  # separators (still valid for rppsplus)
            v = f"{v[:3]} {v[3:7]} {v[7:]}"
        values.append(v)
    return values


def best(fn: Callable[[], object], repeat: int) -> float:
    """The best wall time of `repeat` runs (each result freed before the next run)."""
    times = []
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
        del result
    return min(times)


def core_rate(binary: Path, values: list[str], repeat: int) -> float | None:
    """The core's best time on `values`, from the Rust example (None when it is not built)."""
    if not binary.exists():
        print(f"(no {binary}: build it with cargo build --release -p rppsplus-core --example check_rate)")
        return None
    with tempfile.NamedTemporaryFile("w", suffix=".txt") as f:
        f.write("\n".join(values) + "\n")
        f.flush()
        out = subprocess.run([binary, f.name, "rpps", str(repeat)], check=True, capture_output=True, text=True).stdout
    match = re.search(r"best of \d+: ([\d.]+) ms", out)
    assert match, out
    return float(match.group(1)) / 1e3


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=1_000_000, help="values (default 1000000)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per line, best kept (default 5)")
    parser.add_argument("--core", type=Path, default=ROOT / "target" / "release" / "examples" / "check_rate")
    args = parser.parse_args()

    values = make_values(args.n)
    column = pa.array(values)
    series = pl.Series("rpps", values)
    con = duckdb.connect()
    con.register("rpps_table", pa.table({"rpps": column}))
    con.execute("create table t as select rpps from rpps_table")
    print(f"python {sys.version.split()[0]}, rppsplus {rppsplus.__version__}, pyarrow {pa.__version__}, "
          f"polars {pl.__version__}, duckdb {duckdb.__version__}")
    print(f"{len(values):,} values, best of {args.repeat}")

    def duckdb_round_trip() -> object:
        result = arrow.check("rpps", con.sql("select rpps from t"))  # noqa: F841 (scanned below)
        return con.sql("select count(*) filter (where not valid) from result").fetchall()

    stdnum_repeat = max(1, min(args.repeat, 2))
    lines: list[tuple[str, float | None]] = [
        ("core ids::check (Rust, one thread)", core_rate(args.core, values, args.repeat)),
        ("[stdnum.luhn.is_valid(v) for v in values]", best(lambda: [luhn.is_valid(v) for v in values], stdnum_repeat)),
        ('rppsplus.check("rpps", values)', best(lambda: rppsplus.check("rpps", values), args.repeat)),
        ('rppsplus.arrow.check("rpps", pyarrow array)', best(lambda: arrow.check("rpps", column), args.repeat)),
        ("Polars: polars.Series(arrow.check(..., series))", best(lambda: pl.Series(arrow.check("rpps", series)), args.repeat)),
        ("DuckDB: query -> arrow.check -> query", best(duckdb_round_trip, args.repeat)),
    ]
    core, stdnum = lines[0][1], lines[1][1]
    assert stdnum is not None
    print(f"{'what':52} {'time':>10} {'ns/value':>9} {'vs stdnum':>10} {'vs core':>8}")
    for what, t in lines:
        if t is None:
            continue
        vs_core = f"{t / core:7.2f}x" if core else ""
        print(f"{what:52} {t * 1e3:8.1f} ms {t / len(values) * 1e9:9.1f} {stdnum / t:9.1f}x {vs_core:>8}")
    print("targets: check >= 30x stdnum; arrow.check >= 100x stdnum and <= 2x core; round trips <= 100 ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
