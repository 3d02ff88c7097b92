"""`inference-panel serve` when things go wrong around it: its stdout breaks (a closed
pipe, as with `| head`), its server is never ready, its server crashes. The real CLI in
a subprocess, wrapping the scriptable fake server."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

from panel.core.servers.ports import pick_free_port
from tests.conftest import FAKES, pids_alive

FAKE = str(FAKES / "script_server.py")


def serve(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "panel", "serve", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_closed_stdout_stops_the_server_and_its_tree(tmp_path: Path) -> None:
    port = str(pick_free_port())
    pidfile = tmp_path / "pids"
    # --flood: log lines without end once ready, so serve keeps writing after we hang up.
    proc = serve(
        "--port", port, "--grace", "5", "--",
        sys.executable, FAKE, "--port", port, "--grandchildren", "2",
        "--pidfile", str(pidfile), "--flood", "100000000",
    )  # fmt: skip
    with proc:
        try:
            assert proc.stdout is not None and proc.stderr is not None
            for line in proc.stdout:
                if "[panel] READY" in line:
                    break
            else:
                raise AssertionError(f"never ready: {proc.stderr.read()}")
            tree = [int(pid) for pid in pidfile.read_text().split()]
            assert len(tree) >= 3 and pids_alive(tree) == tree
            proc.stdout.close()  # the reader goes away, as `| head` does after its lines
            code = proc.wait(60)
            err = proc.stderr.read()
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(10)
    assert code == 74, err
    assert "Traceback" not in err and "Exception ignored" not in err, err
    assert err.splitlines()[-1].startswith("inference-panel: standard output failed (")
    assert err.count("\n") == 1, err
    assert pids_alive(tree) == []


def test_not_ready_in_time_has_its_own_exit_code_and_says_why_on_stderr() -> None:
    port = str(pick_free_port())
    proc = serve(
        "--port", port, "--ready-timeout", "1", "--grace", "5", "--",
        sys.executable, FAKE, "--port", port, "--load-seconds", "60",
    )  # fmt: skip
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 124 != 128 + signal.SIGTERM, out + err
    assert "not ready after 1 s" in err and err.startswith("inference-panel: ")
    assert "Traceback" not in err


def test_a_crash_reason_goes_to_stderr() -> None:
    port = str(pick_free_port())
    proc = serve(
        "--port", port, "--",
        sys.executable, FAKE, "--port", port, "--exit-after", "0.3", "--exit-code", "7",
        "--last-line", "error: out of memory",
    )  # fmt: skip
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 7
    assert err.count("\n") == 1 and "out of memory" in err, err


def test_serve_help_documents_the_exit_codes() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "panel", "serve", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    text = " ".join(done.stdout.split())
    assert "124 not ready within the ready timeout" in text
    assert "74 stdout failed" in text and "128+N" in text
