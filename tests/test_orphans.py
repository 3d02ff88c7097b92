"""No orphans, ever: SIGKILL the supervising process; every server process must die."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from panel.core.servers import guard
from panel.core.servers.ports import pick_free_port
from tests.conftest import FAKES, pids_alive, ready_driver, wait_until

DRIVER = textwrap.dedent(
    """
    import sys, threading
    from panel.core.config.profiles import Engine, ServerProfile
    from panel.core.servers.supervisor import ServerProcess
    script, port, pidfile = sys.argv[1:4]
    profile = ServerProfile("orphan-test", Engine.CUSTOM, executable=sys.executable, port=int(port),
        args=[script, "--port", port, "--grandchildren", "3", "--pidfile", pidfile,
              "--ignore-sigterm"], stop_grace=1.0)
    server = ServerProcess(profile)
    server.start()
    assert server.wait_ready(30)
    print("READY", server.pid, flush=True)
    threading.Event().wait()
    """
)


def test_sigkilled_panel_takes_the_whole_server_tree_with_it(tmp_path: Path) -> None:
    pidfile = tmp_path / "pids"
    args = (str(FAKES / "script_server.py"), str(pick_free_port()), str(pidfile))
    with ready_driver(DRIVER, *args) as (driver, guard):
        guard_pid = int(guard)
        pids = [int(x) for x in pidfile.read_text().split()]
        # server + 3 grandchildren (one in its own session) + a great-grandchild
        assert len(pids) == 5 and pids_alive(pids) == pids
        os.kill(driver.pid, signal.SIGKILL)
        driver.wait(10)
        # The server ignores SIGTERM: the guard must escalate after the 1 s grace.
        wait_until(lambda: not pids_alive([*pids, guard_pid]), timeout=8, what="no survivors")


def test_a_container_stop_that_succeeded_does_not_spare_an_escaped_process(
    tmp_path: Path,
) -> None:
    """A container's client ends, its stop command succeeds, and what the client left in
    another session is still swept. Sparing such descendants once a stop command had
    succeeded (podman's conmon lives in a session of its own) was weighed and refused:
    `podman stop` returns after conmon is gone, the Kill that needs `podman rm -f` sweeps
    in the panel (process_tree.kill_tree), and a runtime whose stop says 0 while a helper
    lives on would leave it to outlive the guard with no one to find it."""
    pidfile = tmp_path / "pids"
    server = [
        sys.executable, str(FAKES / "script_server.py"), "--port", str(pick_free_port()),
        "--grandchildren", "3", "--pidfile", str(pidfile), "--exit-after", "1.5",
        "--exit-code", "3", "--orphan-lifetime", "60", "--grandchildren-stdio", "devnull",
    ]  # fmt: skip
    stop = json.dumps(["true"])  # the runtime's stop command, succeeding
    guard_argv = [*guard.command(), "--grace", "1", "--stop-cmd", stop, "--", *server]
    # In a session of its own, as the panel starts it: the guard signals its whole group.
    with subprocess.Popen(
        guard_argv, stdin=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    ) as run:
        wait_until(lambda: pidfile.exists() and len(pidfile.read_text().split()) == 5, 10, "pids")
        pids = [int(x) for x in pidfile.read_text().split()]
        assert os.getsid(pids[-1]) == pids[-1]  # the last grandchild called setsid()
        assert run.wait(15) == 3  # the server's own exit code
        assert run.stderr is not None
        said = run.stderr.read().decode(errors="replace")
        assert run.stdin is not None
        run.stdin.close()
    assert not pids_alive(pids), said
    assert "stopping what it left behind" in said
