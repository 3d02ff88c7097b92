"""The supervisor against the real llama-server and whisper-server with small models."""

from __future__ import annotations

import os
import re
import signal
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import psutil
import pytest

from panel.core.config.profiles import ServerProfile
from panel.core.servers.preflight import PreflightError
from panel.core.servers.server_state import ServerState, StateChange
from panel.core.servers.supervisor import ServerProcess
from tests.conftest import EngineKit, pids_alive, wait_until
from tests.conftest import llama_profile as llama
from tests.conftest import whisper_profile as whisper

pytestmark = pytest.mark.engines

JFK = "ask not what your country can do for you"


def words(text: str) -> str:
    return " ".join(re.sub(r"[^a-z ]", " ", text.lower()).split())


class Recorder:
    """Collects state changes; lets a test wait for one without sleeping."""

    def __init__(self, server: ServerProcess) -> None:
        self.states: list[ServerState] = []
        self.changes: list[StateChange] = []
        self._cond = threading.Condition()
        server.add_state_listener(self._on_state)

    def _on_state(self, server: ServerProcess, change: StateChange) -> None:
        with self._cond:
            self.states.append(change.state)
            self.changes.append(change)
            self._cond.notify_all()

    def wait_for(self, state: ServerState, timeout: float = 30) -> None:
        with self._cond:
            ok = self._cond.wait_for(lambda: state in self.states, timeout)
        assert ok, f"never reached {state}; saw {self.states}"


@pytest.fixture
def launch() -> Iterator[Callable[[ServerProfile], ServerProcess]]:
    servers: list[ServerProcess] = []

    def make(profile: ServerProfile) -> ServerProcess:
        server = ServerProcess(profile)
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.stop_and_wait(30)


def chat(url: str, prompt: str) -> str:
    # SmolLM2-135M needs the system prompt: without one this build answers in French.
    messages = [
        {"role": "system", "content": "You are a helpful assistant."},
        {"role": "user", "content": prompt},
    ]
    body = {"messages": messages, "max_tokens": 24, "temperature": 0}
    reply = httpx.post(f"{url}/v1/chat/completions", json=body, timeout=60, trust_env=False)
    reply.raise_for_status()
    return str(reply.json()["choices"][0]["message"]["content"])


def stop_leaves_nothing(server: ServerProcess) -> None:
    pids = server.server_pids()
    guard_pid = server.pid
    assert pids, "the server tree should be visible while it runs"
    outcome = server.stop_and_wait(30)
    assert outcome is not None and outcome.requested, outcome
    assert server.state is ServerState.STOPPED
    assert pids_alive([*pids, guard_pid]) == []  # type: ignore[list-item]


def test_tiny_llama_start_ready_chat_stop(engines: EngineKit, launch) -> None:  # type: ignore[no-untyped-def]
    server = launch(llama(engines))
    rec = Recorder(server)
    server.start()
    assert server.wait_ready(60), server.log.texts(20)
    assert rec.states[0] is ServerState.STARTING
    assert server.ready_after is not None and server.ready_after < 60
    assert chat(server.profile.base_url, "解释图像") == "Hello from a tiny model."
    assert any("listening on" in t for t in server.log.texts(200))
    stop_leaves_nothing(server)
    assert rec.states[-2:] == [ServerState.STOPPING, ServerState.STOPPED]


def test_smollm2_answers_for_real(engines: EngineKit, launch) -> None:  # type: ignore[no-untyped-def]
    server = launch(
        llama(engines, "SmolLM2-135M-Instruct.Q4_1.gguf", args=["-c", "2048", "-t", "2"])
    )
    server.start()
    assert server.wait_ready(60), server.log.texts(20)
    assert "Paris" in chat(server.profile.base_url, "What is the capital of France?")
    stop_leaves_nothing(server)


@pytest.mark.parametrize("inference_path", ["/inference", "/v1/audio/transcriptions"])
def test_whisper_tiny_en_transcribes_jfk(
    engines: EngineKit,
    launch,
    inference_path: str,  # type: ignore[no-untyped-def]
) -> None:
    args = ["-t", "2", "--inference-path", inference_path]
    server = launch(whisper(engines, args=args))
    server.start()
    assert server.wait_ready(60), server.log.texts(20)
    with open(engines.model("jfk.mp3"), "rb") as f:
        reply = httpx.post(
            server.profile.base_url + inference_path,
            files={"file": ("jfk.mp3", f, "audio/mpeg")},
            data={"response_format": "json", "model": "whisper-1"},
            timeout=120,
            trust_env=False,
        )
    reply.raise_for_status()
    assert JFK in words(reply.json()["text"])
    stop_leaves_nothing(server)


def test_scripted_tiny_whisper(engines: EngineKit, launch) -> None:  # type: ignore[no-untyped-def]
    server = launch(whisper(engines, "tiny-whisper.bin"))
    server.start()
    assert server.wait_ready(60)
    with open(engines.model("jfk.wav"), "rb") as f:
        reply = httpx.post(
            server.profile.base_url + "/inference", files={"file": f}, timeout=60, trust_env=False
        )
    assert words(reply.json()["text"]) == "hello world"
    stop_leaves_nothing(server)


def test_whisper_starts_again_while_its_old_connections_sit_in_time_wait(  # type: ignore[no-untyped-def]
    engines: EngineKit, launch
) -> None:
    server = launch(whisper(engines))
    rec = Recorder(server)
    server.start()
    assert server.wait_ready(60)
    port = server.profile.port
    with socket.create_connection(("127.0.0.1", port)) as conn:
        conn.sendall(b"GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n")
        assert conn.recv(4096).startswith(b"HTTP/1.1 200")
        assert server.stop_and_wait(30) is not None
    # whisper-server hung up first, so its side of that connection waits out TIME_WAIT on
    # the port: the panel's old free-port check refused the port for a minute.
    wait_until(lambda: psutil.CONN_TIME_WAIT in port_states(port), what="TIME_WAIT")
    server.start()  # a start right after a stop
    assert server.wait_ready(60), server.log.texts(30)
    server.restart()  # and the restart that "always failed"
    refused = lambda: any("could not restart" in text for text in server.log.texts(100))  # noqa: E731
    wait_until(
        lambda: rec.states.count(ServerState.READY) == 3 or refused(),
        timeout=60,
        what="ready after the restart",
    )
    assert not refused()
    assert server.state is ServerState.READY and ServerState.CRASHED not in rec.states


def port_states(port: int) -> set[str]:
    conns = psutil.net_connections(kind="tcp")
    return {c.status for c in conns if c.laddr and c.laddr.port == port}


def test_killed_server_is_reported_as_a_crash(engines: EngineKit, launch) -> None:  # type: ignore[no-untyped-def]
    server = launch(llama(engines))
    rec = Recorder(server)
    server.start()
    assert server.wait_ready(60)
    [llama_pid] = server.server_pids()
    os.kill(llama_pid, signal.SIGKILL)
    rec.wait_for(ServerState.CRASHED)
    outcome = server.outcome
    assert outcome is not None and not outcome.requested
    assert outcome.signal == signal.SIGKILL and outcome.exit_code is None
    assert "SIGKILL" in outcome.reason
    assert any("listening on" in line for line in outcome.last_lines)
    assert rec.changes[-1].outcome == outcome


def test_busy_port_is_refused_before_launch_with_the_holder_and_a_free_port(
    engines: EngineKit,
    launch,  # type: ignore[no-untyped-def]
) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        server = launch(llama(engines, port=port))
        with pytest.raises(PreflightError) as err:
            server.start()
        [problem] = err.value.problems
        assert problem.code == "port-busy"
        assert f"Port {port} is already in use by python" in problem.message
        assert problem.suggested_port and problem.suggested_port != port
        assert server.state is ServerState.STOPPED
        # Launched anyway, the real llama-server fails to bind; the reason says so.
        rec = Recorder(server)
        server.start(check_port=False)
        rec.wait_for(ServerState.CRASHED)
        assert server.outcome is not None and server.outcome.exit_code == 1
        assert f"port {port}" in server.outcome.reason and "in use" in server.outcome.reason


def test_missing_model_is_caught_before_launch(engines: EngineKit, launch) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PreflightError, match="Model not found"):
        launch(llama(engines, model="nope.gguf")).start()


@pytest.mark.parametrize(
    ("make", "code", "needle"),
    [(llama, 1, "model failed to load"), (whisper, 3, "model failed to load")],
)
def test_unloadable_model_exit_codes(
    engines: EngineKit,
    launch,
    tmp_path: Path,
    make,
    code: int,
    needle: str,  # type: ignore[no-untyped-def]
) -> None:
    bogus = tmp_path / "not-a-model.bin"
    bogus.write_bytes(b"this is not a model\n" * 100)
    server = launch(make(engines, str(bogus)))  # an absolute name wins the join
    rec = Recorder(server)
    server.start()
    rec.wait_for(ServerState.CRASHED)
    outcome = server.outcome
    assert outcome is not None and outcome.exit_code == code, outcome
    assert needle in outcome.reason
    assert outcome.last_lines


def test_api_key_reaches_llama_server_by_environment_and_is_enforced(  # type: ignore[no-untyped-def]
    engines: EngineKit, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PANEL_TEST_LLAMA_KEY", "s3cret")
    server = ServerProcess(llama(engines, api_key_ref="env:PANEL_TEST_LLAMA_KEY"))
    server.start()
    try:
        assert server.wait_ready(60)
        assert not any("s3cret" in word for word in server.launch_plan().argv)
        url = server.profile.base_url + "/v1/chat/completions"
        body = {"messages": [{"role": "user", "content": "hi"}], "max_tokens": 4}
        assert httpx.post(url, json=body, trust_env=False).status_code == 401
        auth = {"Authorization": "Bearer s3cret"}
        assert httpx.post(url, json=body, headers=auth, trust_env=False).status_code == 200
    finally:
        server.stop_and_wait(30)
