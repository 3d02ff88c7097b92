"""The scripted server (tests/fakes/script_server.py) behaves as its docstring says.

The vLLM stand-in's fidelity tests went with its features: vLLM itself runs in the
suite now (tests/test_real_vllm*.py); what is left of tests/fakes/fake_vllm.py is
checked by tests/test_vllm_adapter.py.

Real child processes, real sockets on 127.0.0.1; every wait is a deadline loop on a
condition, and every process (descendants included) is killed at teardown.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest

FAKES = Path(__file__).parent / "fakes"
SCRIPT_SERVER = FAKES / "script_server.py"
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
