"""Ctrl-C during long calls: ``validate_csv``, ``iter_csv``, ``validate_many`` and ``check``
see the signal between batches and raise ``KeyboardInterrupt`` (within 100 ms of work; the
tests bound it loosely, the machine may be busy)."""

from __future__ import annotations

import itertools
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import rppsplus

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and FIFOs")

ROW = "fermeture_situation;10107985318;S1;2026-01-31\n"


def interrupted(call: Callable[[], object]) -> float:
    """Runs `call`, sends SIGINT to the process 0.3 s later, and returns how long the call
    took to raise KeyboardInterrupt after the signal."""
    sent: list[float] = []

    def interrupt() -> None:
        sent.append(time.monotonic())
        os.kill(os.getpid(), signal.SIGINT)

    timer = threading.Timer(0.3, interrupt)
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            call()
    finally:
        timer.cancel()
    assert sent, "the call ended before the signal"
    return time.monotonic() - sent[0]


def endless_file(tmp_path: Path) -> Iterator[Path]:
    """A FIFO fed with rows until its reader goes away."""
    fifo = tmp_path / "endless.csv"
    os.mkfifo(fifo)

    def feed() -> None:
        try:
            with open(fifo, "w", encoding="utf-8") as out:
                out.write("procedure;rpps;situation.id;situation.date_fin_fonction\n")
                block = ROW * 1000
                while True:
                    out.write(block)
        except (BrokenPipeError, OSError):
            pass

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    yield fifo
    feeder.join(timeout=10)


@pytest.fixture
def endless(tmp_path: Path) -> Iterator[Path]:
    yield from endless_file(tmp_path)


def test_validate_csv(endless: Path) -> None:
    assert interrupted(lambda: rppsplus.validate_csv(endless)) < 2


def test_iter_csv(endless: Path) -> None:
    def read_all() -> None:
        for _ in rppsplus.iter_csv(endless):
            pass

    assert interrupted(read_all) < 2


def test_validate_many() -> None:
    demande = {"procedure": "fermeture_situation", "rpps": "10107985318"}
    assert interrupted(lambda: rppsplus.validate_many(itertools.repeat(demande))) < 2


def test_check() -> None:
    assert interrupted(lambda: rppsplus.check("rpps", itertools.repeat("10107985318"))) < 2
