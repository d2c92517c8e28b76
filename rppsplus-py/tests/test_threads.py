"""The module among Python threads: imported by a thread that then ends (a lazy import in a
thread pool or a web server's worker), then called from new threads, and forked after its own
threads ran. The native module allocates through mimalloc: its 3.3 release crashed in the
first case (the thread that loaded it was its "main" thread; a new thread given the same id
took over the ended thread's heap). Each case runs in a fresh interpreter, so that the import
is the first."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fork")


def run(script: str) -> subprocess.CompletedProcess[str]:
    """`script` in a fresh interpreter (this one's `sys.path`), its output kept."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_imported_by_an_ended_thread_then_called_from_new_threads() -> None:
    done = run(
        """
        import sys, threading
        sys.path[:0] = %r
        module = {}

        def load():
            import rppsplus
            module["rppsplus"] = rppsplus
            rppsplus.check("rpps", ["10107985318"] * 10)

        t = threading.Thread(target=load)
        t.start()
        t.join()
        rppsplus = module["rppsplus"]

        def work():
            results = rppsplus.check("rpps", ["10107985318", "101 0798 5318", "x"] * 1000)
            assert len(results) == 3000 and results[1].canonical == "10107985318"

        for _ in range(200):
            t = threading.Thread(target=work)
            t.start()
            t.join()
        print("ok")
        """
        % (sys.path,)
    )
    assert (done.returncode, done.stdout.strip()) == (0, "ok"), done.stderr[-2000:]


def test_a_fork_after_the_module_threads_ran() -> None:
    pytest.importorskip("pyarrow")
    done = run(
        """
        import os, sys
        sys.path[:0] = %r
        import pyarrow as pa
        from rppsplus import arrow

        column = pa.array(["10107985318", "x"] * 50_000)
        assert pa.array(arrow.check("rpps", column)).field("valid").true_count == 50_000
        pid = os.fork()
        if pid == 0:
            ok = pa.array(arrow.check("rpps", column)).field("valid").true_count == 50_000
            os._exit(0 if ok else 1)
        _, status = os.waitpid(pid, 0)
        print("ok" if os.waitstatus_to_exitcode(status) == 0 else "child failed")
        """
        % (sys.path,)
    )
    assert (done.returncode, done.stdout.strip()) == (0, "ok"), done.stderr[-2000:]
