"""`inference-panel ask`: one question from the command line, against the real llama-server."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from PIL import Image

from panel.core.config.profiles import Engine, Role, ServerProfile
from panel.core.config.store import Config, ConfigStore
from panel.core.servers.ports import pick_free_port
from panel.core.servers.supervisor import ServerProcess
from tests.conftest import ROOT, EngineKit, llama_profile, running
from tests.http_stub import Reply, stub_server


def ask(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "panel", "ask", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        env=env,
        check=False,
    )


@pytest.fixture
def tiny_vision(engines: EngineKit) -> Iterator[ServerProcess]:
    mmproj = engines.model("tiny-mmproj.gguf")
    profile = llama_profile(
        engines, name="tiny vision", args=["-c", "512", "-t", "2", "--mmproj", mmproj],
        role=Role.VISION,
    )  # fmt: skip
    with running(profile) as server:
        yield server


@pytest.fixture
def picture(tmp_path: Path) -> Path:
    path = tmp_path / "照片.png"
    Image.new("RGB", (80, 60), (20, 120, 220)).save(path)
    return path


@pytest.mark.engines
def test_ask_with_an_image_streams_the_answer(tiny_vision: ServerProcess, picture: Path) -> None:
    done = ask("--url", tiny_vision.profile.base_url, "--image", str(picture), "解释图像")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Hello from a tiny model.\n"
    assert "TTFT" in done.stderr and "tokens/s" in done.stderr


@pytest.mark.engines
def test_ask_through_a_profile_with_its_api_key(
    engines: EngineKit, tmp_path: Path, picture: Path
) -> None:
    profile = ServerProfile(
        name="keyed",
        engine=Engine.LLAMA_CPP,
        executable=engines.llama_server,
        model=engines.model("tiny-llama.gguf"),
        port=pick_free_port(),
        args=["-c", "512", "-t", "2", "--mmproj", engines.model("tiny-mmproj.gguf")],
        api_key_ref="env:PANEL_ASK_KEY",
        ready_timeout=60.0,
        stop_grace=5.0,
    )
    ConfigStore().save(Config(profiles=[profile]))
    env = {**os.environ, "PANEL_ASK_KEY": "k3y"}
    with running(profile, environ=env):
        done = ask("--profile", "keyed", "--image", str(picture), "hi", env=env)
        assert done.returncode == 0, done.stderr
        assert done.stdout == "Hello from a tiny model.\n"
        wrong = ask("--profile", "keyed", "hi", env={**env, "PANEL_ASK_KEY": "nope"})
        assert wrong.returncode == 1
        assert wrong.stderr.startswith("inference-panel: ") and "API key" in wrong.stderr


def test_ask_failure_is_one_line_and_exit_1(tmp_path: Path, picture: Path) -> None:
    url = f"http://127.0.0.1:{pick_free_port()}"
    done = ask("--url", url, "--image", str(picture), "hi")
    assert done.returncode == 1
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("inference-panel: ")
    assert "not running" in lines[0]

    text = tmp_path / "notes.txt"
    text.write_text("not a picture", encoding="utf-8")
    bad = ask("--url", url, "--image", str(text), "hi")
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and "not an image" in bad.stderr

    missing = ask("--profile", "nope", "hi")
    assert missing.returncode == 1 and "no profile named 'nope'" in missing.stderr


def test_ask_usage_errors_exit_2() -> None:
    assert ask("hi").returncode == 2
    assert ask("--url", "http://h:1", "--profile", "p", "hi").returncode == 2


# -- servers that never finish -----------------------------------------------------------------


def keep_alive_forever(stop: threading.Event) -> Reply:
    """Headers, then a keep-alive comment every half second (as a proxy in front of a
    stuck server would) and never an answer."""

    def reply(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/event-stream")
        handler.end_headers()
        with contextlib.suppress(OSError):  # the client hung up: done
            while not stop.wait(0.5):
                handler.wfile.write(b": keep-alive\n\n")
                handler.wfile.flush()

    return reply


def endless_line(stop: threading.Event) -> Reply:
    def reply(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/event-stream")
        handler.end_headers()
        piece = b"x" * 65536
        with contextlib.suppress(OSError):
            handler.wfile.write(b"data: ")
            for _ in range(40 * 16):  # 40 MB, never a newline
                if stop.is_set():
                    return
                handler.wfile.write(piece)

    return reply


def test_timeout_is_a_deadline_for_the_whole_answer() -> None:
    stop = threading.Event()
    try:
        with stub_server({"/v1/chat/completions": keep_alive_forever(stop)}) as server:
            started = time.monotonic()
            done = ask("--url", server.url, "--timeout", "2", "hi")
            took = time.monotonic() - started
    finally:
        stop.set()
    assert done.returncode == 1, done.stderr
    assert done.stderr.count("\n") == 1
    assert "did not finish its answer within 2 s" in done.stderr
    assert took < 30  # the keep-alives would hold it for the whole minute of the subprocess


def test_a_line_without_end_is_refused_not_hoarded() -> None:
    stop = threading.Event()
    try:
        with stub_server({"/v1/chat/completions": endless_line(stop)}) as server:
            done = ask("--url", server.url, "hi")
    finally:
        stop.set()
    assert done.returncode == 1, done.stderr
    assert done.stderr.count("\n") == 1 and "longer than 16 MB" in done.stderr
