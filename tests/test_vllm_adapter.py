"""The vLLM adapter and supervisor against tests/fakes/fake_vllm.py (vLLM needs a GPU)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from panel.core.config.profiles import Engine, Role, ServerProfile
from panel.core.servers.ports import pick_free_port
from panel.core.servers.server_state import ServerState
from panel.core.servers.supervisor import ServerProcess
from tests.conftest import pids_alive
from tests.test_real_engines import Recorder

S = ServerState


@pytest.fixture
def launch(tmp_path: Path) -> Iterator[Callable[..., ServerProcess]]:
    servers: list[ServerProcess] = []

    def make(profile: ServerProfile, **env: str) -> ServerProcess:
        environ = {**__import__("os").environ, "FAKE_VLLM_PIDFILE": str(tmp_path / "pids"), **env}
        servers.append(ServerProcess(profile, environ=environ))
        return servers[-1]

    yield make
    for server in servers:
        server.stop_and_wait(20)


def vllm(exe: str, *extra: str, **fields: object) -> ServerProfile:
    base: dict[str, object] = dict(
        name="qwen-vl",
        engine=Engine.VLLM,
        executable=exe,
        model="Qwen/Qwen2.5-VL-7B-Instruct-AWQ",
        port=pick_free_port(),
        args=["--served-model-name", "qwen3", *extra],
        role=Role.VISION,
        ready_timeout=30.0,
        stop_grace=3.0,
    )
    base.update(fields)
    return ServerProfile(**base)  # type: ignore[arg-type]


def test_loads_with_progress_serves_and_stops_the_engine_too(
    vllm_exe: str,
    launch,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    server = launch(vllm(vllm_exe, "--load-seconds", "1"))
    rec = Recorder(server)
    server.start()
    assert server.wait_ready(30), server.log.texts(30)
    fractions = [c.progress.fraction for c in rec.changes if c.progress and c.progress.fraction]
    assert fractions and fractions[-1] == 1.0
    assert rec.states[0] is S.STARTING and rec.states[-1] is S.READY and S.LOADING in rec.states
    models = httpx.get(server.profile.base_url + "/v1/models", trust_env=False).json()
    assert [m["id"] for m in models["data"]] == ["qwen3"]
    pids = [int(p) for p in (tmp_path / "pids").read_text().split()]
    assert len(pids) == 2 and set(pids) <= set(server.server_pids())  # API server + engine
    outcome = server.stop_and_wait(20)
    assert outcome is not None and outcome.requested and outcome.exit_code == 0
    assert pids_alive(pids) == []


def test_not_enough_gpu_memory_is_explained(vllm_exe: str, launch) -> None:  # type: ignore[no-untyped-def]
    server = launch(vllm(vllm_exe, "--not-enough-memory"))
    rec = Recorder(server)
    server.start()
    rec.wait_for(S.CRASHED)
    assert server.outcome is not None and server.outcome.exit_code == 1
    assert "--gpu-memory-utilization" in server.outcome.reason


def test_kv_cache_that_does_not_fit_is_explained(vllm_exe: str, launch) -> None:  # type: ignore[no-untyped-def]
    server = launch(vllm(vllm_exe, "--fail-load"))
    rec = Recorder(server)
    server.start()
    rec.wait_for(S.CRASHED)
    assert server.outcome is not None and "--max-model-len" in server.outcome.reason


def test_engine_death_after_ready_is_a_crash(vllm_exe: str, launch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    server = launch(vllm(vllm_exe, "--crash-after", "0.3", "--dead-exit-after", "0.2"))
    rec = Recorder(server)
    server.start()
    assert server.wait_ready(30)
    rec.wait_for(S.CRASHED)
    assert server.outcome is not None and server.outcome.exit_code == 1
    pids = [int(p) for p in (tmp_path / "pids").read_text().split()]
    assert pids_alive(pids) == []


def test_api_key_reaches_vllm_through_its_environment_only(vllm_exe: str, launch) -> None:  # type: ignore[no-untyped-def]
    server = launch(vllm(vllm_exe, api_key_ref="env:PANEL_TEST_KEY"), PANEL_TEST_KEY="s3cret")
    server.start()
    assert server.wait_ready(30)
    assert not any("s3cret" in arg for arg in server.launch_plan().argv)
    assert not any("s3cret" in t for t in server.log.texts(200))
    url = server.profile.base_url + "/v1/models"
    assert httpx.get(url, trust_env=False).status_code == 401
    ok = httpx.get(url, headers={"Authorization": "Bearer s3cret"}, trust_env=False)
    assert ok.status_code == 200
