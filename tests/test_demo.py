"""`inference-panel demo`: the CPU demo's engines, cache and profiles."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from panel.core import demo
from panel.core.config.store import ConfigStore
from panel.core.servers.preflight import preflight
from panel.core.servers.server_state import ServerState
from panel.core.servers.supervisor import Supervisor
from tests.conftest import EngineKit, pids_alive

LAPS = """\
[test-engines] venv + gguf numpy: 8s
[test-engines] sources: 20s
noise from cmake
[test-engines] models: 26s
[test-engines] whisper-server: 139s
[test-engines] llama-server: 468s
"""


def test_progress_follows_the_script_laps() -> None:
    steps = list(demo.parse_progress(LAPS.splitlines()))
    assert [s.step for s in steps][-1] == "llama-server"
    assert [round(s.fraction, 2) for s in steps] == [0.02, 0.05, 0.1, 0.35, 1.0]
    assert steps[-1].seconds == 468


def test_estimate_scales_with_cores() -> None:
    assert demo.estimated_minutes(2) == 12
    assert demo.estimated_minutes(8) == 3


@pytest.mark.engines
def test_cache_key_is_the_scripts_own(engines: EngineKit) -> None:
    assert engines.root.name == demo.cache_key()


@pytest.mark.engines
def test_demo_profiles_are_added_once_and_can_start(engines: EngineKit, tmp_path: Path) -> None:
    store = ConfigStore(tmp_path / "config.toml")
    store.load()  # the seed catalog
    added = demo.add_demo_profiles(store, engines.root)
    assert len(added) == 3 and demo.add_demo_profiles(store, engines.root) == []
    config = store.load()
    demos = [p for p in config.profiles if p.name in added]
    assert [p.name for p in config.profiles[:3]] == added  # first in the list, in order
    assert len({p.port for p in config.profiles}) == len(config.profiles)
    for profile in demos:
        assert preflight(profile) == [], profile.name
    assert {p.role.value for p in demos} == {"chat", "vision", "transcription"}

    # Started as the panel starts them: all three at once, each ready, nothing left after.
    supervisor = Supervisor()
    servers = [supervisor.server(profile) for profile in demos]
    try:
        for server in servers:
            server.start()
        for server in servers:
            ready = server.wait_ready(120)
            assert ready and server.state is ServerState.READY, server.log.texts(30)
        pids = [pid for server in servers for pid in [*server.server_pids(), server.pid or 0]]
        assert len(pids) >= 2 * len(servers), pids  # each a guard and its server
    finally:
        assert supervisor.stop_all(60)
    assert all(server.state is ServerState.STOPPED for server in servers)
    assert supervisor.running() == [] and pids_alive(pids) == []


def cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "panel", *args], capture_output=True,
                          text=True, env=env, timeout=120, check=False)  # fmt: skip


def test_demo_without_engines_says_how_long_setup_takes() -> None:
    done = cli("demo", env=dict(os.environ))  # the test's cache dir is empty
    assert done.returncode == 1
    assert "inference-panel demo --setup" in done.stderr and "minutes" in done.stderr


@pytest.mark.engines
def test_demo_setup_uses_the_cache(engines: EngineKit, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    (cache / "inference-panel" / "test-engines").mkdir(parents=True)
    (cache / "inference-panel" / "test-engines" / engines.root.name).symlink_to(engines.root)
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    done = cli("demo", "--setup", env=env)
    assert done.returncode == 0, done.stderr
    assert "added profile: demo: SmolLM2-135M chat (CPU)" in done.stdout
    listing = cli("list", env=env).stdout
    assert "demo: whisper tiny.en (CPU)" in listing
