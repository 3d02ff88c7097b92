from __future__ import annotations

import subprocess
import sys
import threading

from panel.core.config.profiles import Engine, ServerProfile
from panel.core.servers.attached import AttachedWatcher
from panel.core.servers.ports import pick_free_port
from panel.core.servers.readiness import Probe, ProbeResult
from tests.conftest import FAKES, wait_until


def test_attached_servers_are_probed_never_started() -> None:
    port = pick_free_port()
    up = ServerProfile("up", Engine.LLAMA_CPP, attach_url=f"http://127.0.0.1:{port}")
    down = ServerProfile(
        "down", Engine.LLAMA_CPP, attach_url=f"http://127.0.0.1:{pick_free_port()}"
    )
    local = ServerProfile("local", Engine.LLAMA_CPP)
    seen: dict[str, ProbeResult] = {}
    lock = threading.Lock()

    def record(profile: ServerProfile, result: ProbeResult) -> None:
        with lock:
            seen[profile.name] = result

    with subprocess.Popen(
        [sys.executable, str(FAKES / "script_server.py"), "--port", str(port)],
        stdout=subprocess.DEVNULL,
    ) as server:
        watcher = AttachedWatcher(record, interval=0.05)
        try:
            watcher.set_profiles([up, down, local])
            wait_until(lambda: seen.get("up", ProbeResult(Probe.ERROR)).state is Probe.READY)
            assert seen["down"].state is Probe.NO_ANSWER
            assert "local" not in seen
        finally:
            watcher.stop()
            server.terminate()
    assert watcher._thread is None
