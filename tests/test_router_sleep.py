"""vLLM's sleep mode as the router's unload (a profile's ``unload = "sleep"``).

The real vLLM here is the CPU build, which refuses ``--enable-sleep-mode``: that refusal
is tested against it, and the panel's explanation of it. What a GPU's vLLM does with the
flag (``/sleep``, ``/wake_up``, ``/is_sleeping``) is tested against
``tests/fakes/fake_vllm_sleep.py``, run as the profile's ``vllm`` by the real supervisor.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from panel.core.config.profiles import Engine, ServerProfile
from panel.core.config.router_settings import RouterSettings
from panel.core.gpu.nvml import Nvml
from panel.core.router.memory import estimated_need
from panel.core.router.service import Router
from panel.core.servers.ports import pick_free_port
from panel.core.servers.server_state import ServerState
from panel.core.servers.supervisor import Supervisor
from tests.conftest import (
    FAKES,
    VLLM_TEST_ARGS,
    VLLM_TEST_ENV,
    EngineKit,
    VllmKit,
    llama_profile,
    wait_until,
)
from tests.fakes.fake_nvml import FakeGpu, FakeNvml, FakeProcess, MiB

SLEEP_ARGS = ["--served-model-name", "tiny", "--enable-sleep-mode"]
DEV_MODE = {"VLLM_SERVER_DEV_MODE": "1"}


def sleepy_vllm_in(folder: Path) -> str:
    """A ``vllm`` in ``folder`` that runs the sleep-mode stand-in."""
    exe = folder / "bin" / "vllm"
    exe.parent.mkdir()
    script = FAKES / "fake_vllm_sleep.py"
    exe.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{script}" "$@"\n')
    exe.chmod(0o755)
    return str(exe)


@pytest.fixture
def sleepy_vllm(tmp_path: Path) -> str:
    return sleepy_vllm_in(tmp_path)


def sleepy_profile(exe: str, **changes: object) -> ServerProfile:
    profile = ServerProfile(
        name="tiny-vllm",
        engine=Engine.VLLM,
        executable=exe,
        model="org/tiny",
        port=pick_free_port(),
        args=list(SLEEP_ARGS),
        env=dict(DEV_MODE),
        ready_timeout=30.0,
        stop_grace=5.0,
        idle_timeout=0.3,
        unload="sleep",
    )
    return profile.copy(**changes)


@pytest.fixture
def router_for() -> Iterator[list[tuple[Router, Supervisor]]]:
    made: list[tuple[Router, Supervisor]] = []
    yield made
    for router, supervisor in made:
        router.stop(timeout=30)
        assert supervisor.stop_all(30)


def start_router(made: list[tuple[Router, Supervisor]], *profiles: ServerProfile) -> Router:
    supervisor = Supervisor()
    settings = RouterSettings(port=0, default_idle_timeout=0.0)
    router = Router.create(supervisor, list(profiles), settings, idle_interval=0.05)
    router.start()
    made.append((router, supervisor))
    return router


def chat(router: Router, **extra: object) -> httpx.Response:
    body = {"model": "tiny", "messages": [{"role": "user", "content": "Hi"}], **extra}
    return httpx.post(router.address + "/v1/chat/completions", json=body, timeout=60)


def listed(router: Router) -> dict[str, dict[str, object]]:
    data = httpx.get(router.address + "/v1/models", timeout=10).json()["data"]
    return {entry["id"]: entry for entry in data}


def test_an_idle_vllm_sleeps_and_the_next_requests_wake_it_once(
    sleepy_vllm: str, router_for: list[tuple[Router, Supervisor]]
) -> None:
    profile = sleepy_profile(sleepy_vllm)
    router = start_router(router_for, profile)
    assert chat(router).status_code == 200
    server = router.pool.supervisor.get("tiny-vllm")
    assert server is not None
    pid = server.pid
    wait_until(
        lambda: listed(router)["tiny-vllm"]["state"] == "sleeping", timeout=10, what="asleep"
    )
    assert listed(router)["tiny-vllm"]["unload"] == "sleep"
    direct = httpx.get(profile.base_url + "/is_sleeping", timeout=10).json()
    assert direct == {"is_sleeping": True}
    assert "putting tiny-vllm to sleep: no request for 0.3 s (idle_timeout)" in router.notes
    # The process stayed: sleeping is not stopping.
    assert server.state is ServerState.READY and server.pid == pid

    answers: list[httpx.Response] = []
    barrier = threading.Barrier(4)

    def one() -> None:
        barrier.wait()
        answers.append(chat(router, stream=True))

    threads = [threading.Thread(target=one) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert [a.status_code for a in answers] == [200] * 4, [a.text for a in answers]
    assert all(a.text.rstrip().endswith("data: [DONE]") for a in answers)
    log = server.log.texts(200)
    # One wake for all of them, and none reached the engine while it slept.
    assert sum("wake up the engine" in line for line in log) == 1
    assert not any("reached the sleeping engine" in line for line in log)
    assert [n for n in router.notes if n.startswith("waking")] == ["waking tiny-vllm for a request"]
    assert server.pid == pid
    wait_until(lambda: all(r.done for r in router.records()), what="the records end")
    woke = [r for r in router.records()[1:] if r.started_server]  # the first one started it
    assert 1 <= len(woke) <= 4 and all(r.status == 200 for r in woke)


def test_without_dev_mode_the_idle_vllm_is_stopped_and_the_note_says_why(
    sleepy_vllm: str, router_for: list[tuple[Router, Supervisor]]
) -> None:
    router = start_router(router_for, sleepy_profile(sleepy_vllm, env={}))
    assert chat(router).status_code == 200
    wait_until(
        lambda: listed(router)["tiny-vllm"]["state"] == "stopped", timeout=20, what="stopped"
    )
    assert any(
        "tiny-vllm cannot sleep" in note and "VLLM_SERVER_DEV_MODE=1" in note
        for note in router.notes
    ), list(router.notes)
    assert chat(router).status_code == 200  # and the next request starts it again


def test_a_pinned_profile_neither_sleeps_nor_stops(
    sleepy_vllm: str, router_for: list[tuple[Router, Supervisor]]
) -> None:
    router = start_router(router_for, sleepy_profile(sleepy_vllm, pinned=True))
    assert chat(router).status_code == 200
    assert listed(router)["tiny-vllm"]["pinned"] is True
    threading.Event().wait(1.0)  # three idle times pass, and it must stay as it is
    assert listed(router)["tiny-vllm"]["state"] == "ready"
    router.pin("tiny-vllm", False)  # unpinned from the window: it sleeps at last
    wait_until(
        lambda: listed(router)["tiny-vllm"]["state"] == "sleeping", timeout=10, what="asleep"
    )


@pytest.mark.real_vllm
@pytest.mark.timeout(300)
def test_the_cpu_vllm_refuses_sleep_mode_and_the_router_says_what_to_change(
    vllm_kit: VllmKit, router_for: list[tuple[Router, Supervisor]]
) -> None:
    profile = ServerProfile(
        name="tiny-vllm", engine=Engine.VLLM, executable=vllm_kit.vllm,
        model=vllm_kit.model("tiny-llama"), port=pick_free_port(),
        args=[*SLEEP_ARGS, *VLLM_TEST_ARGS], env={**VLLM_TEST_ENV, **DEV_MODE},
        ready_timeout=240.0, stop_grace=15.0, unload="sleep",
    )  # fmt: skip
    router = start_router(router_for, profile)
    answer = httpx.post(
        router.address + "/v1/chat/completions",
        json={"model": "tiny", "messages": [{"role": "user", "content": "Hi"}]},
        timeout=250,
    )
    assert answer.status_code == 503
    message = answer.json()["error"]["message"]
    # vLLM's own words, and what to do about them.
    assert "Sleep mode is not supported on current platform" in message
    assert 'unload = "stop"' in message and "CUDA or ROCm" in message
    assert any("vLLM refused --enable-sleep-mode" in note for note in router.notes)
    server = router.pool.supervisor.get("tiny-vllm")
    assert server is not None and server.outcome is not None
    assert any(
        "Sleep mode is not supported on current platform" in line
        for line in server.outcome.last_lines
    )
    # What the window's server list says of the same exit (the vLLM adapter's reading).
    assert server.outcome.reason.startswith("this vLLM refuses --enable-sleep-mode")


@pytest.mark.engines
def test_when_the_gpu_is_short_a_sleep_profile_is_put_to_sleep_not_stopped(
    sleepy_vllm: str, engines: EngineKit, router_for: list[tuple[Router, Supervisor]]
) -> None:
    smol = llama_profile(engines, "SmolLM2-135M-Instruct.Q4_1.gguf", name="smol")
    need = estimated_need(smol)
    gpu = FakeGpu(memory_total=need + 100 * MiB, memory_used=0)
    supervisor = Supervisor()
    settings = RouterSettings(port=0, default_idle_timeout=0.0)
    vllm = sleepy_profile(sleepy_vllm, idle_timeout=0)  # never idle: only eviction unloads it
    router = Router.create(
        supervisor, [vllm, smol], settings, nvml=Nvml(FakeNvml([gpu]), load_file=None),
        idle_interval=0.05,
    )  # fmt: skip
    router.start()
    router_for.append((router, supervisor))
    assert chat(router).status_code == 200
    server = supervisor.get("tiny-vllm")
    assert server is not None
    pid = server.pid
    # What NVML would show: the vLLM holds what smol needs.
    gpu.compute_processes = [FakeProcess(server.server_pids()[0], need)]
    gpu.memory_used = need
    body = {"model": "smol", "messages": [{"role": "user", "content": "Hi"}], "max_tokens": 4}
    answer = httpx.post(router.address + "/v1/chat/completions", json=body, timeout=120)
    assert answer.status_code == 200, answer.text
    assert router.pool.evicted == ["tiny-vllm"]
    assert listed(router)["tiny-vllm"]["state"] == "sleeping"
    assert server.state is ServerState.READY and server.pid == pid  # asleep, not stopped
    assert chat(router).status_code == 200  # and woken by its next request
    assert listed(router)["tiny-vllm"]["state"] == "ready"
