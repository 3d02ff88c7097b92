"""How the vLLM adapter explains vLLM's failures, and the supervisor's view of them.

Against the real vLLM on the CPU (resources/vllm/setup_vllm.sh): a KV cache too small for
``--max-model-len``, and the engine core dying under a server that was ready. Loading,
readiness, the API key, streaming and the orphan cases are in tests/test_real_vllm.py.

Against the stand-in (tests/fakes/fake_vllm.py): a GPU without enough free memory for
``--gpu-memory-utilization``, which no machine without a GPU can show.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator

import psutil
import pytest

from panel.core.config.profiles import Engine, Role, ServerProfile
from panel.core.servers.ports import pick_free_port
from panel.core.servers.server_state import ServerState
from panel.core.servers.supervisor import ServerProcess
from tests.conftest import VLLM_TEST_ARGS, VLLM_TEST_ENV, VllmKit, pids_alive, wait_until
from tests.test_real_engines import Recorder

S = ServerState
READY_TIMEOUT = 300.0  # 20-70 s on two busy cores


@pytest.fixture
def launch() -> Iterator[Callable[..., ServerProcess]]:
    servers: list[ServerProcess] = []

    def make(profile: ServerProfile, **env: str) -> ServerProcess:
        servers.append(ServerProcess(profile, environ={**os.environ, **env}))
        return servers[-1]

    yield make
    for server in servers:
        server.stop_and_wait(30)


def real_vllm(kit: VllmKit, *args: str) -> ServerProfile:
    """The tiny Llama on the real vLLM; ``args`` replace the CPU settings they name."""
    settings = list(VLLM_TEST_ARGS)
    for flag, value in zip(args[::2], args[1::2], strict=True):
        settings[settings.index(flag) + 1] = value
    return ServerProfile(
        name="tiny-vllm", engine=Engine.VLLM, executable=kit.vllm,
        model=kit.model("tiny-llama"), port=pick_free_port(),
        args=["--served-model-name", "tiny", *settings], env=dict(VLLM_TEST_ENV),
        ready_timeout=READY_TIMEOUT, stop_grace=15.0,
    )  # fmt: skip


@pytest.mark.real_vllm
@pytest.mark.timeout(600)
def test_kv_cache_that_does_not_fit_is_explained(vllm_kit: VllmKit, launch) -> None:  # type: ignore[no-untyped-def]
    # 300 kB holds a few hundred of the tiny model's tokens, not the 512 of --max-model-len.
    server = launch(real_vllm(vllm_kit, "--kv-cache-memory-bytes", "300K"))
    rec = Recorder(server)
    server.start()
    rec.wait_for(S.CRASHED, timeout=READY_TIMEOUT)
    assert server.outcome is not None and server.outcome.exit_code == 1
    assert "--max-model-len" in server.outcome.reason, server.outcome.reason


@pytest.mark.real_vllm
@pytest.mark.timeout(600)
def test_engine_death_after_ready_is_a_crash(vllm_kit: VllmKit, launch) -> None:  # type: ignore[no-untyped-def]
    server = launch(real_vllm(vllm_kit))
    rec = Recorder(server)
    server.start()
    assert server.wait_ready(READY_TIMEOUT), server.log.texts(40)
    tree = server.server_pids()
    [engine] = [p for p in tree if "EngineCore" in " ".join(psutil.Process(p).cmdline())]
    os.kill(engine, signal.SIGKILL)  # what a GPU fault (Xid, OOM killer) does to it
    rec.wait_for(S.CRASHED, timeout=60)
    assert server.outcome is not None and server.outcome.crashed
    assert not server.outcome.requested
    wait_until(lambda: not pids_alive(tree), timeout=30, what="the whole tree gone")


def test_not_enough_gpu_memory_is_explained(vllm_exe: str, launch) -> None:  # type: ignore[no-untyped-def]
    profile = ServerProfile(
        name="qwen-vl", engine=Engine.VLLM, executable=vllm_exe,
        model="Qwen/Qwen2.5-VL-7B-Instruct-AWQ", port=pick_free_port(),
        args=["--served-model-name", "qwen3", "--gpu-memory-utilization", "0.6"],
        role=Role.VISION, ready_timeout=30.0, stop_grace=3.0,
    )  # fmt: skip
    server = launch(profile, FAKE_VLLM_GPU_TOTAL_GIB="79.19", FAKE_VLLM_GPU_FREE_GIB="20.5")
    rec = Recorder(server)
    server.start()
    rec.wait_for(S.CRASHED)
    assert server.outcome is not None and server.outcome.exit_code == 1
    assert "--gpu-memory-utilization" in server.outcome.reason
    assert any("(20.50/79.19 GiB)" in line for line in server.log.texts(100))
