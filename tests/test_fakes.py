"""The fake servers behave as their docstrings (and docs/PROTOCOLS) say.

Real child processes, real sockets on 127.0.0.1; every wait is a deadline loop on a
condition, and every process (descendants included) is killed at teardown.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import wave
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest

FAKES = Path(__file__).parent / "fakes"
FAKE_VLLM = FAKES / "fake_vllm.py"
SCRIPT_SERVER = FAKES / "script_server.py"
ANSWER = "This is a fake vLLM answer."
T = TypeVar("T")


# -- helpers ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(condition: Callable[[], T], timeout: float = 10.0, what: str = "condition") -> T:
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.02)


def alive(pid: int) -> bool:
    """True while the pid exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            stat = fh.read()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def read_pids(path: Path) -> list[int]:
    try:
        return [int(line) for line in path.read_text().split()]
    except FileNotFoundError:
        return []


def client() -> httpx.Client:
    return httpx.Client(trust_env=False, timeout=10.0)


def get_status(url: str, **kwargs: Any) -> int | None:
    """The HTTP status of a GET, or None when the connection is refused or reset."""
    try:
        with client() as c:
            return c.get(url, **kwargs).status_code
    except httpx.TransportError:
        return None


def refused(url: str) -> bool:
    try:
        with client() as c:
            c.get(url)
    except httpx.ConnectError:
        return True
    return False


def wav_bytes(seconds: float, rate: int = 16000) -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"\0\0" * int(seconds * rate))
    return buf.getvalue()


class Child:
    """A child process whose stdout+stderr are drained into memory as they come."""

    def __init__(self, argv: list[str], env: dict[str, str] | None, drain: bool) -> None:
        self.proc = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT if drain else subprocess.DEVNULL,
            env={**os.environ, **(env or {})},
            start_new_session=True,  # its own group, so teardown can kill the lot
        )
        self.pid = self.proc.pid
        self._data = bytearray()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        if drain:
            self._thread = threading.Thread(target=self._drain, daemon=True)
            self._thread.start()

    def _drain(self) -> None:
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        while chunk := os.read(fd, 65536):
            with self._lock:
                self._data += chunk

    def output(self) -> bytes:
        with self._lock:
            return bytes(self._data)

    def text(self) -> str:
        return self.output().decode("utf-8", "replace")

    def wait_output(self, needle: str, timeout: float = 10.0) -> None:
        wait_for(lambda: needle in self.text(), timeout, f"{needle!r} in the output")

    def wait(self, timeout: float = 10.0) -> int:
        code = self.proc.wait(timeout)
        if self._thread is not None:
            self._thread.join(timeout)
        return code

    def kill_group(self) -> None:
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.pid, signal.SIGKILL)
        self.proc.wait(10)
        if self._thread is not None:
            self._thread.join(10)
        if self.proc.stdout is not None:
            self.proc.stdout.close()


class Spawner:
    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.children: list[Child] = []
        self.pidfiles: list[Path] = []

    def __call__(
        self, script: Path, *args: str, env: dict[str, str] | None = None, drain: bool = True
    ) -> Child:
        child = Child([sys.executable, str(script), *args], env, drain)
        self.children.append(child)
        return child

    def vllm(self, *args: str, port: int, env: dict[str, str] | None = None) -> Child:
        pidfile = self.tmp_path / f"vllm-{port}.pids"
        self.pidfiles.append(pidfile)
        return self(
            FAKE_VLLM,
            "serve",
            *args,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            # flags real vLLM knows and the fake must tolerate
            "--tensor-parallel-size",
            "1",
            "--enforce-eager",
            env={"FAKE_VLLM_PIDFILE": str(pidfile), **(env or {})},
        )

    def cleanup(self) -> None:
        # Descendants first: one that left the group (setsid) would keep the pipe open.
        for pidfile in self.pidfiles:
            for pid in read_pids(pidfile):
                if alive(pid):
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGKILL)
        for child in self.children:
            child.kill_group()
        for pidfile in self.pidfiles:
            for pid in read_pids(pidfile):
                wait_for(lambda pid=pid: not alive(pid), 10, f"pid {pid} gone at teardown")


@pytest.fixture
def spawn(tmp_path: Path) -> Iterator[Spawner]:
    spawner = Spawner(tmp_path)
    try:
        yield spawner
    finally:
        spawner.cleanup()


# -- fake_vllm -------------------------------------------------------------------------------


def start_vllm(spawn: Spawner, *args: str, env: dict[str, str] | None = None) -> tuple[Child, str]:
    port = free_port()
    child = spawn.vllm(*args, "--load-seconds", "0.1", port=port, env=env)
    base = f"http://127.0.0.1:{port}"
    wait_for(lambda: get_status(f"{base}/health") == 200, 15, "fake vLLM ready")
    return child, base


def test_vllm_refuses_while_loading_then_health_is_200_with_empty_body(spawn: Spawner) -> None:
    port = free_port()
    child = spawn.vllm("Qwen/Qwen3-0.6B", "--load-seconds", "1.5", port=port)
    base = f"http://127.0.0.1:{port}"
    child.wait_output("Starting to load model")
    assert refused(f"{base}/health")
    # ...although the port is already bound (SO_REUSEPORT, no listen() yet).
    with socket.socket() as other, pytest.raises(OSError):
        other.bind(("127.0.0.1", port))
    wait_for(lambda: get_status(f"{base}/health") == 200, 15, "ready")
    with client() as c:
        response = c.get(f"{base}/health")
    assert response.status_code == 200
    assert response.content == b""
    out = child.text()
    assert "(APIServer pid=" in out and "(EngineCore_DP0 pid=" in out
    assert "vLLM API server version" in out
    assert "non-default args: {" in out
    assert "Loading safetensors checkpoint shards:  50% Completed | 1/2" in out
    assert "\rLoading safetensors checkpoint shards: 100% Completed | 2/2" in out
    assert f"Starting vLLM API server 0 on http://127.0.0.1:{port}" in out
    assert "Application startup complete." in out
    assert "Uvicorn running on" not in out
    assert len(read_pids(spawn.pidfiles[0])) == 2


def test_vllm_models_lists_served_names(spawn: Spawner) -> None:
    _, base = start_vllm(
        spawn, "org/model", "--served-model-name", "chat", "--max-model-len", "2048"
    )
    with client() as c:
        data = c.get(f"{base}/v1/models").json()
    assert data["object"] == "list"
    (card,) = data["data"]
    assert card["id"] == "chat"
    assert card["object"] == "model"
    assert card["owned_by"] == "vllm"
    assert card["root"] == "org/model"
    assert card["max_model_len"] == 2048


def test_vllm_chat_non_stream_stream_and_unknown_model(spawn: Spawner) -> None:
    _, base = start_vllm(spawn, "org/model")
    request = {"model": "org/model", "messages": [{"role": "user", "content": "hi"}]}
    with client() as c:
        reply = c.post(f"{base}/v1/chat/completions", json=request).json()
        assert reply["choices"][0]["message"]["content"] == ANSWER
        assert reply["choices"][0]["finish_reason"] == "stop"
        assert reply["usage"]["completion_tokens"] > 0

        events = []
        body = {**request, "stream": True, "stream_options": {"include_usage": True}}
        with c.stream("POST", f"{base}/v1/chat/completions", json=body) as response:
            assert response.headers["content-type"].startswith("text/event-stream")
            for line in response.iter_lines():
                if line:
                    assert line.startswith("data: ")
                    events.append(line.removeprefix("data: "))
        assert events[-1] == "[DONE]"
        chunks = [json.loads(e) for e in events[:-1]]
        assert chunks[0]["choices"][0]["delta"] == {"role": "assistant", "content": ""}
        text = "".join(
            ch["choices"][0]["delta"].get("content", "") for ch in chunks if ch["choices"]
        )
        assert text == ANSWER
        assert [ch["choices"][0]["finish_reason"] for ch in chunks if ch["choices"]][-1] == "stop"
        assert chunks[-1]["choices"] == [] and chunks[-1]["usage"]["completion_tokens"] > 0

        missing = c.post(f"{base}/v1/chat/completions", json={**request, "model": "nope"})
    assert missing.status_code == 404
    assert missing.json()["error"]["message"] == "The model `nope` does not exist."
    assert missing.json()["error"]["type"] == "NotFoundError"


def test_vllm_api_key_guards_v1_but_not_health(spawn: Spawner) -> None:
    _, base = start_vllm(spawn, "org/model", env={"VLLM_API_KEY": "sekret"})
    with client() as c:
        assert c.get(f"{base}/health").status_code == 200
        denied = c.get(f"{base}/v1/models")
        assert denied.status_code == 401
        assert denied.json() == {"error": "Unauthorized"}
        wrong = c.get(f"{base}/v1/models", headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401
        ok = c.get(f"{base}/v1/models", headers={"Authorization": "Bearer sekret"})
        assert ok.status_code == 200


def image_request(url: str) -> dict[str, Any]:
    parts = [
        {"type": "text", "text": "what is it?"},
        {"type": "image_url", "image_url": {"url": url}},
    ]
    return {"messages": [{"role": "user", "content": parts}]}


def test_vllm_file_urls_need_allowed_local_media_path(spawn: Spawner, tmp_path: Path) -> None:
    media = tmp_path / "media"
    media.mkdir()
    inside = media / "cat.png"
    inside.write_bytes(b"\x89PNG fake")
    outside = tmp_path / "dog.png"
    outside.write_bytes(b"\x89PNG fake")
    data_url = "data:image/png;base64,iVBORw0KGgo="

    _, plain = start_vllm(spawn, "org/vl-model")
    with client() as c:
        url = f"{plain}/v1/chat/completions"
        assert c.post(url, json=image_request(data_url)).status_code == 200
        assert c.post(url, json=image_request("https://example.com/cat.png")).status_code == 200
        denied = c.post(url, json=image_request(inside.as_uri()))
        assert denied.status_code == 400
        assert denied.json()["error"]["message"] == (
            "Cannot load local files without `--allowed-local-media-path`."
        )

    _, allowed = start_vllm(spawn, "org/vl-model", "--allowed-local-media-path", str(media))
    with client() as c:
        url = f"{allowed}/v1/chat/completions"
        assert c.post(url, json=image_request(inside.as_uri())).status_code == 200
        elsewhere = c.post(url, json=image_request(outside.as_uri()))
        assert elsewhere.status_code == 400
        assert "must be a subpath of `--allowed-local-media-path" in elsewhere.text


def test_vllm_transcriptions(spawn: Spawner) -> None:
    _, base = start_vllm(spawn, "openai/whisper-large-v3-turbo")
    url = f"{base}/v1/audio/transcriptions"
    audio = wav_bytes(2.5)
    with client() as c:
        reply = c.post(url, files={"file": ("a.wav", audio, "audio/wav")}, data={"language": "en"})
        assert reply.status_code == 200
        assert reply.json()["text"].startswith(" And so my fellow Americans")
        assert reply.json()["usage"] == {"type": "duration", "seconds": 3}
        text = c.post(url, files={"file": ("a.wav", audio)}, data={"response_format": "text"})
        assert text.text.startswith(" And so")
        assert c.post(url, data={"model": "openai/whisper-large-v3-turbo"}).status_code == 400
        big = c.post(url, files={"file": ("big.wav", b"\0" * (26 * 1024 * 1024))})
        assert big.status_code == 400
        assert big.json()["error"]["message"] == "Maximum file size exceeded"
        chat = c.post(f"{base}/v1/chat/completions", json={"messages": []})
        assert chat.status_code == 400  # a Whisper model does not chat


def test_vllm_sigterm_stops_api_server_and_engine(spawn: Spawner) -> None:
    child, _ = start_vllm(spawn, "org/model")
    pids = read_pids(spawn.pidfiles[0])
    assert len(pids) == 2 and pids[0] == child.pid
    child.proc.send_signal(signal.SIGTERM)
    assert child.wait() == 0
    wait_for(lambda: not any(alive(pid) for pid in pids), 10, "API server and engine gone")
    assert "INFO:     Shutting down" in child.text()


def test_vllm_engine_leaves_when_api_server_is_killed(spawn: Spawner) -> None:
    child, _ = start_vllm(spawn, "org/model")
    engine = read_pids(spawn.pidfiles[0])[1]
    os.kill(child.pid, signal.SIGKILL)
    assert child.wait() == -signal.SIGKILL
    wait_for(lambda: not alive(engine), 10, "engine gone after its parent")


def test_vllm_orphan_engine_outlives_a_sigkilled_api_server(spawn: Spawner) -> None:
    child, _ = start_vllm(spawn, "org/model", "--orphan-engine")
    engine = read_pids(spawn.pidfiles[0])[1]
    os.kill(child.pid, signal.SIGKILL)
    # Not child.wait(): the orphan still holds the output pipe open.
    assert child.proc.wait(10) == -signal.SIGKILL
    assert alive(engine)  # the teardown kills it by the pidfile


def test_vllm_sigterm_while_loading(spawn: Spawner) -> None:
    child = spawn.vllm("org/model", "--load-seconds", "30", port=free_port())
    child.wait_output("Initializing a V1 LLM engine")
    pids = read_pids(spawn.pidfiles[0])
    child.proc.send_signal(signal.SIGTERM)
    assert child.wait() == 0
    wait_for(lambda: not any(alive(pid) for pid in pids), 10, "API server and engine gone")


def test_vllm_second_instance_on_a_busy_port_does_not_fail(spawn: Spawner) -> None:
    first, base = start_vllm(spawn, "org/model")
    port = int(base.rsplit(":", 1)[1])
    second = spawn.vllm("org/model", "--load-seconds", "0.1", port=port)
    second.wait_output("Application startup complete.")
    assert first.proc.poll() is None and second.proc.poll() is None
    assert get_status(f"{base}/health") == 200


def test_vllm_fail_load_exits_1(spawn: Spawner) -> None:
    child = spawn.vllm("org/model", "--fail-load", port=free_port())
    assert child.wait(15) == 1
    out = child.text()
    assert "EngineCore failed to start." in out
    assert "RuntimeError: Engine core initialization failed" in out
    assert not any(alive(pid) for pid in read_pids(spawn.pidfiles[0]))


def test_vllm_not_enough_memory(spawn: Spawner) -> None:
    child = spawn.vllm(
        "org/model", "--not-enough-memory", "--gpu-memory-utilization", "0.8", port=free_port()
    )
    assert child.wait(15) == 1
    out = child.text()
    assert "ValueError: Free memory on device cuda:0 (" in out
    assert "is less than desired GPU memory utilization (0.8, " in out
    assert "RuntimeError: Engine core initialization failed" in out


def test_vllm_engine_crash_gives_503_then_exit_1(spawn: Spawner) -> None:
    child, base = start_vllm(spawn, "org/model", "--crash-after", "0.3", "--dead-exit-after", "1")
    wait_for(lambda: get_status(f"{base}/health") == 503, 10, "health 503 after the crash")
    assert child.wait(10) == 1
    assert "Engine core proc EngineCore_DP0 died unexpectedly" in child.text()


# -- script_server ---------------------------------------------------------------------------


def test_script_server_503_while_loading_then_200(spawn: Spawner) -> None:
    port = free_port()
    spawn(SCRIPT_SERVER, "--port", str(port), "--loading-mode", "503", "--load-seconds", "1")
    url = f"http://127.0.0.1:{port}/health"
    wait_for(lambda: get_status(url) is not None, 10, "bound")
    with client() as c:
        loading = c.get(url)
        assert loading.status_code == 503
        assert loading.json() == {
            "error": {"message": "Loading model", "type": "unavailable_error", "code": 503}
        }
        wait_for(lambda: c.get(url).status_code == 200, 10, "ready")
        assert c.get(url).json() == {"status": "ok"}
        assert c.get(f"http://127.0.0.1:{port}/v1/models").json()["data"][0]["id"]
        assert c.get(f"http://127.0.0.1:{port}/nope").status_code == 404


def test_script_server_refuses_while_loading(spawn: Spawner) -> None:
    port = free_port()
    child = spawn(SCRIPT_SERVER, "--port", str(port), "--load-seconds", "1")
    child.wait_output("loading model")
    assert refused(f"http://127.0.0.1:{port}/health")
    wait_for(lambda: get_status(f"http://127.0.0.1:{port}/health") == 200, 10, "ready")
    child.wait_output(f"server is listening on http://127.0.0.1:{port}")


def test_script_server_unflushed_holds_output_back(spawn: Spawner) -> None:
    port = free_port()
    child = spawn(
        SCRIPT_SERVER,
        "--port",
        str(port),
        "--unflushed",
        "--ready-line",
        "READY-LINE",
        env={"PYTHONUNBUFFERED": "1"},
        drain=False,
    )
    wait_for(lambda: get_status(f"http://127.0.0.1:{port}/health") == 200, 10, "ready")
    assert child.proc.stdout is not None
    fd = child.proc.stdout.fileno()
    os.set_blocking(fd, False)
    try:
        early = os.read(fd, 65536)
    except BlockingIOError:
        early = b""
    assert b"READY-LINE" not in early
    child.proc.send_signal(signal.SIGTERM)
    assert child.wait() == 0
    os.set_blocking(fd, True)
    rest = early + child.proc.stdout.read()
    assert b"READY-LINE" in rest
    assert b"shutting down" in rest


def test_script_server_grandchildren_pidfile(spawn: Spawner, tmp_path: Path) -> None:
    pidfile = tmp_path / "tree.pids"
    spawn.pidfiles.append(pidfile)
    port = free_port()
    child = spawn(
        SCRIPT_SERVER,
        "--port",
        str(port),
        "--grandchildren",
        "2",
        "--pidfile",
        str(pidfile),
        "--grandchildren-stdio",
        "devnull",
    )
    wait_for(lambda: get_status(f"http://127.0.0.1:{port}/health") == 200, 10, "ready")
    pids = read_pids(pidfile)
    assert pids[0] == child.pid
    assert len(pids) == 4  # server, two children, one grandchild of the first
    assert all(alive(pid) for pid in pids)
    escaped = [pid for pid in pids if os.getsid(pid) != os.getsid(child.pid)]
    assert len(escaped) == 1
    assert os.getpgid(escaped[0]) == escaped[0]
    # Killing the group misses the one that called setsid().
    os.killpg(child.pid, signal.SIGKILL)
    wait_for(lambda: not any(alive(pid) for pid in pids if pid != escaped[0]), 10, "group gone")
    assert alive(escaped[0])


def test_script_server_exit_code_and_last_line(spawn: Spawner) -> None:
    child = spawn(
        SCRIPT_SERVER,
        "--exit-after",
        "0.2",
        "--exit-code",
        "3",
        "--last-line",
        "fatal: boom",
        "--load-seconds",
        "5",
    )
    assert child.wait() == 3
    assert child.text().rstrip().endswith("fatal: boom")


def test_script_server_kill_self(spawn: Spawner) -> None:
    child = spawn(SCRIPT_SERVER, "--kill-self", "SEGV", "--after", "0.1")
    assert child.wait() == -signal.SIGSEGV


def test_script_server_ignore_sigterm_and_term_delay(spawn: Spawner) -> None:
    stubborn_port, slow_port = free_port(), free_port()
    stubborn = spawn(SCRIPT_SERVER, "--port", str(stubborn_port), "--ignore-sigterm")
    slow = spawn(SCRIPT_SERVER, "--port", str(slow_port), "--term-delay", "0.5")
    for port in (stubborn_port, slow_port):
        wait_for(lambda p=port: get_status(f"http://127.0.0.1:{p}/health") == 200, 10, "ready")
    stubborn.proc.send_signal(signal.SIGTERM)
    started = time.monotonic()
    slow.proc.send_signal(signal.SIGTERM)
    slow.wait_output("shutting down")
    assert slow.wait() == 0
    assert time.monotonic() - started >= 0.45
    assert stubborn.proc.poll() is None  # still there after SIGTERM and the 0.5 s above
    stubborn.proc.kill()
    assert stubborn.wait() == -signal.SIGKILL


def test_script_server_lines_progress_and_invalid_utf8(spawn: Spawner) -> None:
    child = spawn(SCRIPT_SERVER, "--lines", "4", "--invalid-utf8", "--stderr", "--bind-fail")
    assert child.wait() == 1  # --bind-fail wins: nothing else happens
    assert b"couldn't bind HTTP server socket, hostname: 127.0.0.1, port: 0" in child.output()

    port = free_port()
    child = spawn(SCRIPT_SERVER, "--port", str(port), "--lines", "4", "--invalid-utf8")
    child.wait_output("server is listening")
    out = child.output()
    assert "解释图像 第3行".encode() in out
    assert b"loading 10%\rloading 20%\r" in out and b"loading 100%\n" in out
    assert b"\xff\xfe" in out
    assert "split char: 解 done".encode() in out


def test_script_server_flood(spawn: Spawner) -> None:
    port = free_port()
    child = spawn(SCRIPT_SERVER, "--port", str(port), "--flood", "20000")
    child.wait_output("flood done 20000", timeout=30)
    assert child.output().count(b" the quick brown fox ") == 20000
    assert get_status(f"http://127.0.0.1:{port}/health") == 200
