"""No orphans, ever: SIGKILL the supervising process; every server process must die."""

from __future__ import annotations

import os
import signal
import textwrap
from pathlib import Path

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
