"""check() at scale and from several threads (it releases the GIL while checking)."""

from __future__ import annotations

import random
import threading
from concurrent.futures import ThreadPoolExecutor

import rppsplus
from rppsplus import Rpps

VALID = ["10107985318", "10107985300", "10002813839", "10003879623", "10000005479", "10000001916"]


def mixed(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        v = VALID[i % len(VALID)]
        r = rng.random()
        if r < 0.1:
            v = v[:-1] + str((int(v[-1]) + 1) % 10)  # wrong key
        elif r < 0.15:
            v = f"{v[:3]} {v[3:]}"  # separators, still valid
        elif r < 0.2:
            v = v[:-2]  # too short
        out.append(v)
    return out


def expected(values: list[str]) -> list[bool]:
    return [rppsplus.is_valid_rpps(v) for v in values]


def test_check_100k() -> None:
    values = mixed(100_000, seed=1)
    results = rppsplus.check("rpps", values)
    assert len(results) == len(values)
    assert [r.valid for r in results] == expected(values)
    for v, r in zip(values[:2000], results[:2000]):
        assert r.input is v
        if r.valid:
            assert r.canonical == str(Rpps(v)) and r.code is None
        else:
            assert r.canonical is None and r.code in {"invalid_checksum", "invalid_length"}
    # an already canonical value shares the input object
    first_ok = next(r for r in results if r.valid and " " not in r.input)
    assert first_ok.canonical is first_ok.input
    assert sum(r.valid for r in results) > 75_000


def test_check_from_several_threads() -> None:
    inputs = [mixed(30_000, seed=s) for s in range(8)]
    wanted = [expected(v) for v in inputs]
    barrier = threading.Barrier(4)

    def work(i: int) -> list[bool]:
        if i < 4:
            barrier.wait(timeout=30)
        return [r.valid for r in rppsplus.check("rpps", inputs[i])]

    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(work, range(len(inputs))))
    assert got == wanted


def test_results_outlive_their_input_list() -> None:
    values = mixed(10_000, seed=3)
    results = rppsplus.check("rpps", values)
    copy = list(values)
    del values
    assert [r.input for r in results] == copy
