"""``iter_csv()`` in bounded memory (docs/domain.md §4.6): pathological collection files,
generated on the fly into a FIFO (nothing written to disk), are read in a child process whose
peak resident memory stays under 100 MB."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="FIFOs, and /proc/self/status")

CHILD = textwrap.dedent(
    """
    import os, sys, tempfile, threading
    import rppsplus

    header, line, count, tail = sys.argv[1].encode(), sys.argv[2].encode(), int(sys.argv[3]), sys.argv[4].encode()
    fifo = os.path.join(tempfile.mkdtemp(), "file.csv")
    os.mkfifo(fifo)

    def feed():
        with open(fifo, "wb") as out:
            out.write(header)
            block = line * 4096
            for _ in range(count // 4096):
                out.write(block)
            out.write(line * (count % 4096))
            out.write(tail)

    threading.Thread(target=feed, daemon=True).start()
    items = sum(1 for _ in rppsplus.iter_csv(fifo, reference_date="2026-11-22"))
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec, so a child of a big pytest
    # process would report its parent's peak.
    with open("/proc/self/status") as status:
        peak = next(int(l.split()[1]) for l in status if l.startswith("VmHWM:"))
    print(items, peak)
    """
)

ROW = "fermeture_situation;10107985318;S1;2026-01-31\n"
HEADER = "procedure;rpps;situation.id;situation.date_fin_fonction\n"


@pytest.mark.parametrize(
    ("name", "header", "line", "count", "tail", "items"),
    [
        ("a million short lines", "procedure\n", "x\n", 1_000_000, "", 1_000_000),
        ("a quote never closed at the start", HEADER + '"', ROW, 300_000, "", 300_000),
        ("a line of 50 MB", HEADER + "fermeture_situation;", "x" * 4096, 12_800, "\n" + ROW, 2),
    ],
)
def test_iter_csv_stays_under_100_mb(name: str, header: str, line: str, count: int, tail: str, items: int) -> None:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, header, line, str(count), tail],
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    ).stdout.split()
    assert int(out[0]) == items, name
    assert int(out[1]) < 100 * 1024, f"{name}: peak RSS {out[1]} KB"
