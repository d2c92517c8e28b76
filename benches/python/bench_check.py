"""Benchmark: rppsplus.check("rpps", values) against a python-stdnum Luhn loop.

Installs nothing: expects ``rppsplus`` (the built wheel) and ``stdnum`` (python-stdnum) to
be importable. Usage::

    python benches/python/bench_check.py [N] [--repeat R]

The list is realistic and mixed: about 90 % valid production RPPS numbers, the rest
invalid (wrong key, wrong length, letters, separators). Each side is timed R times (best
kept): ``check("rpps", values)`` (one call, results built) against
``[luhn.is_valid(v) for v in values]``. The ratio is stdnum time / rppsplus time. Prints
numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import time

import rppsplus
from stdnum import luhn


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


def best(fn, repeat: int) -> tuple[float, object]:
    """The best wall time of `repeat` runs and the last result."""
    times, result = [], None
    for _ in range(repeat):
        result = None
        gc.collect()
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=1_000_000, help="list size (default 1000000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per side, best kept (default 3)")
    args = parser.parse_args()

    values = make_values(args.n)
    print(f"python {sys.version.split()[0]}, rppsplus {rppsplus.__version__}")
    print(f"list: {len(values):,} values, repeat={args.repeat} (best)")

    t_ours, results = best(lambda: rppsplus.check("rpps", values), args.repeat)
    n_valid = sum(1 for r in results if r.valid)
    t0 = time.perf_counter()
    del results
    t_free = time.perf_counter() - t0

    t_stdnum, flags = best(lambda: [luhn.is_valid(v) for v in values], args.repeat)
    n_luhn = sum(flags)

    ratio = t_stdnum / t_ours
    print(f"rppsplus.check('rpps', values): {t_ours * 1e3:9.1f} ms  ({t_ours / len(values) * 1e9:6.0f} ns/value, {n_valid:,} valid)")
    print(f"  freeing the {len(values):,} CheckResult objects afterwards: {t_free * 1e3:.1f} ms")
    print(f"[stdnum.luhn.is_valid(v) ...]:   {t_stdnum * 1e3:9.1f} ms  ({t_stdnum / len(values) * 1e9:6.0f} ns/value, {n_luhn:,} pass Luhn)")
    print(f"ratio stdnum / rppsplus: {ratio:.1f}x (target >= 30x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
