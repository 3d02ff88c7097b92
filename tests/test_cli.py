"""`inference-panel` from a terminal, as a new user would try it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from panel import __version__
from panel.core.config.profiles import Engine, ServerProfile
from panel.core.config.store import Config, ConfigStore
from panel.core.servers.ports import pick_free_port
from tests.conftest import FAKES, EngineKit, pids_alive


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "panel", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )


def test_version() -> None:
    done = cli("--version")
    assert done.returncode == 0 and done.stdout.strip() == f"inference-panel {__version__}"


def test_list_on_first_run_shows_the_seed_catalog_with_missing_models() -> None:
    done = cli("list")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["NAME", "ENGINE", "ROLE", "ADDRESS", "STATUS"]
    assert "qwen3-coder (llama.cpp)" in lines[1] and "model missing" in lines[1]
    assert "127.0.0.1:8080" in lines[2]
    assert "4 profiles in" in done.stdout


def test_malformed_config_names_the_line(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('[[profiles]]\nname = "x"\nengine = "llama.cpp\n')
    done = cli("--config", str(config), "list")
    assert done.returncode == 3
    assert "line 3" in done.stderr and "a copy was kept" in done.stderr
    assert config.read_text() == '[[profiles]]\nname = "x"\nengine = "llama.cpp\n'


def test_doctor_without_gpu_or_engines(tmp_path: Path) -> None:
    env = {**os.environ, "PATH": "/usr/bin:/bin"}
    done = cli("doctor", env=env)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "No NVIDIA GPU detected (NVML:" in out
    assert "llama-server: not found. Install llama.cpp" in out
    assert "whisper-server: not found" in out and "vllm: not found" in out
    assert "Audio input" in out and "config.toml" in out
    assert "qwen3-coder (llama.cpp) [llama.cpp, 127.0.0.1:8000]: " in out


@pytest.mark.engines
def test_doctor_finds_engines_with_versions(engines: EngineKit) -> None:
    bin_dir = str(Path(engines.llama_server).parent)
    done = cli("doctor", env={**os.environ, "PATH": f"{bin_dir}:/usr/bin:/bin"})
    assert f"llama-server: {engines.llama_server} (version: " in done.stdout
    assert f"whisper-server: {engines.whisper_server}" in done.stdout


def serve(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "panel", "serve", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def read_until(proc: subprocess.Popen[str], needle: str) -> list[str]:
    assert proc.stdout is not None
    seen = []
    for line in proc.stdout:
        seen.append(line)
        if needle in line:
            return seen
    raise AssertionError(f"{needle!r} never printed:\n{''.join(seen)}")


@pytest.mark.engines
def test_serve_profile_until_sigterm(engines: EngineKit) -> None:
    port = pick_free_port()
    profile = ServerProfile(
        "tiny",
        Engine.LLAMA_CPP,
        executable=engines.llama_server,
        model=engines.model("tiny-llama.gguf"),
        port=port,
        args=["-c", "512", "-t", "2"],
    )
    ConfigStore().save(Config(profiles=[profile]))
    with serve("tiny") as proc:
        lines = read_until(proc, "[panel] READY")
        assert lines[0].startswith("[panel] $ ") and "--port" in lines[0]
        assert f"READY: tiny at http://127.0.0.1:{port}" in lines[-1]
        tree = [c.pid for c in __import__("psutil").Process(proc.pid).children(recursive=True)]
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0
        assert pids_alive(tree) == []


def test_serve_adhoc_command_exit_code_reflects_the_crash() -> None:
    port = str(pick_free_port())
    with serve(
        "--port",
        port,
        "--",
        sys.executable,
        str(FAKES / "script_server.py"),
        "--port",
        port,
        "--exit-after",
        "0.3",
        "--exit-code",
        "7",
    ) as proc:
        out = proc.communicate(timeout=30)[0]
    assert proc.returncode == 7, out
    assert "ended (exit code 7)" in out


def test_serve_second_ctrl_c_kills_at_once() -> None:
    port = str(pick_free_port())
    with serve(
        "--port",
        port,
        "--grace",
        "30",
        "--",
        sys.executable,
        str(FAKES / "script_server.py"),
        "--port",
        port,
        "--ignore-sigterm",
    ) as proc:
        read_until(proc, "[panel] READY")
        proc.send_signal(signal.SIGINT)
        read_until(proc, "stopping")
        proc.send_signal(signal.SIGINT)
        assert proc.wait(10) == 0  # stopped on request, if rudely
        assert proc.stdout is not None and "killing (SIGKILL)" in proc.stdout.read()


def test_serve_problems_are_one_line_each() -> None:
    done = cli("serve", "no-such-profile")
    assert done.returncode == 2 and "no profile named 'no-such-profile'" in done.stderr
    done = cli("serve", "--port", "1", "--", "/nonexistent/llama-server")
    assert done.returncode == 1
    assert "/nonexistent/llama-server does not exist" in done.stderr


@pytest.mark.parametrize("command", ["list", "doctor"])
def test_a_closed_pipe_ends_the_command_quietly(tmp_path: Path, command: str) -> None:
    # `inference-panel list | head -1`: the reader went away before the output was written.
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "panel", "--config", str(tmp_path / "c.toml"), command],
            stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=120, check=False,
        )  # fmt: skip
    finally:
        os.close(write_end)
    assert "Traceback" not in done.stderr and "BrokenPipeError" not in done.stderr, done.stderr
    assert done.returncode == 74  # sysexits' EX_IOERR, as serve's lost stdout
