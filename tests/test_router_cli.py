"""``inference-panel router`` as a real process: it serves, and SIGKILL leaves no server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import psutil
import pytest

from panel.core.servers.ports import pick_free_port
from tests.conftest import ROOT, EngineKit, pids_alive, wait_until

pytestmark = pytest.mark.engines


def _config(engines: EngineKit, path: Path, port: int) -> None:
    path.write_text(
        f"""
[router]
port = {port}

[[profiles]]
name = "tiny"
engine = "llama.cpp"
executable = "{engines.llama_server}"
model = "{engines.model("tiny-llama.gguf")}"
port = {pick_free_port()}
args = ["-c", "512", "-t", "2", "--alias", "tl"]
""",
        encoding="utf-8",
    )


def _router(config: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "panel", "--config", str(config), "router", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


def _wait_listening(proc: subprocess.Popen[str]) -> str:
    assert proc.stderr is not None
    line = proc.stderr.readline()
    assert "listening at" in line, line + proc.stderr.read()
    return line.split("listening at ")[1].split()[0].removesuffix("/v1")


def _chat(url: str) -> httpx.Response:
    body = {"model": "tl", "messages": [{"role": "user", "content": "Hi"}], "max_tokens": 4}
    return httpx.post(url + "/v1/chat/completions", json=body, timeout=120)


def test_sigkilled_router_leaves_no_server(engines: EngineKit, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    _config(engines, config, 1)  # --port wins over the config
    proc = _router(config, "--port", str(pick_free_port()))
    try:
        url = _wait_listening(proc)
        assert _chat(url).status_code == 200
        tree = [p.pid for p in psutil.Process(proc.pid).children(recursive=True)]
        assert any("llama-server" in psutil.Process(pid).name() for pid in pids_alive(tree)), tree
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        wait_until(lambda: not pids_alive(tree), timeout=15, what="no server left")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


def test_ctrl_c_stops_the_servers_and_prints_each_request(
    engines: EngineKit, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    _config(engines, config, pick_free_port())
    proc = _router(config)
    try:
        url = _wait_listening(proc)
        assert _chat(url).status_code == 200
        tree = [p.pid for p in psutil.Process(proc.pid).children(recursive=True)]
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        assert " 200 tl /v1/chat/completions -> tiny " in out
        assert "[router] starting tiny for a request" in err
        assert not pids_alive(tree)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()


def test_a_port_in_use_is_a_clear_error(engines: EngineKit, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    busy = pick_free_port()
    _config(engines, config, busy)
    first = _router(config)
    try:
        _wait_listening(first)
        second = _router(config)
        _out, err = second.communicate(timeout=30)
        assert second.returncode == 1
        assert f"cannot listen on 127.0.0.1:{busy}" in err
    finally:
        first.send_signal(signal.SIGINT)
        first.communicate(timeout=30)
