"""`inference-panel list` under a llama-server profile in router mode: the models of its
running server with their states (the real llama-server), or, stopped, the models its
folder and preset file offer."""

from __future__ import annotations

import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from panel.core.config.profiles import Engine, ServerProfile
from panel.core.config.store import Config, ConfigStore
from panel.core.engines.llama_router import ModelState
from panel.core.engines.llama_router_client import LlamaRouterClient
from panel.core.i18n import display_width
from panel.core.servers.ports import pick_free_port
from tests.conftest import EngineKit, running, wait_until

TINY = "tiny-llama"
CJK = "小模型"  # a name twice as wide on a terminal as it is long


def router_profile(args: list[str], executable: str = "llama-server") -> ServerProfile:
    return ServerProfile(
        "llama router", Engine.LLAMA_CPP, executable=executable, port=pick_free_port(),
        args=[*args, "-c", "512", "-t", "1"], ready_timeout=60.0, stop_grace=5.0,
    )  # fmt: skip


def list_out(config: Path, *profiles: ServerProfile, language: str = "en_US.UTF-8") -> list[str]:
    """`inference-panel list` run as a user runs it; its lines."""
    ConfigStore(config).save(Config(profiles=list(profiles)))
    env = {**os.environ, "LANG": language, "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}
    done = subprocess.run(
        [sys.executable, "-m", "panel", "--config", str(config), "list"],
        capture_output=True, text=True, timeout=120, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return done.stdout.splitlines()


def under(lines: list[str], name: str) -> list[str]:
    """The indented lines under the row of profile ``name``."""
    start = next(i for i, line in enumerate(lines) if line.startswith(name + " "))
    block = []
    for line in lines[start + 1 :]:
        if not line.startswith("  "):
            break
        block.append(line)
    return block


def state_column(line: str, state: str) -> int:
    """The terminal column where ``state`` starts in ``line``."""
    return display_width(line[: line.rindex(state)])


def test_a_stopped_router_lists_the_models_of_its_folder_and_preset(tmp_path: Path) -> None:
    folder = tmp_path / "models"
    (folder / "vision").mkdir(parents=True)
    (folder / "vision" / "model.gguf").write_bytes(b"")
    (folder / f"{CJK}.gguf").write_bytes(b"")
    (folder / f"{TINY}.gguf").write_bytes(b"")
    preset = tmp_path / "presets.ini"
    preset.write_text("[*]\nthreads = 2\n\n[chat-small]\nmodel = /x.gguf\n")
    plain = ServerProfile("plain", Engine.LLAMA_CPP, model=str(folder / f"{TINY}.gguf"))
    router = router_profile(["--models-dir", str(folder), "--models-preset", str(preset)])
    lines = list_out(tmp_path / "c.toml", router, plain)
    assert lines[0].split() == ["NAME", "ENGINE", "ROLE", "ADDRESS", "STATUS"]
    assert under(lines, "llama router") == [
        f"  router mode, not running; models from {folder}, {preset}:",
        f"    {TINY}",
        "    vision",
        f"    {CJK}",
        "    chat-small",
    ]
    assert under(lines, "plain") == []  # a model of its own: no router
    assert "2 profiles in" in lines[-1]

    empty = tmp_path / "empty"
    empty.mkdir()
    lines = list_out(tmp_path / "c.toml", router_profile(["--models-dir", str(empty)]))
    assert under(lines, "llama router") == [f"  router mode, not running: no models in {empty}"]


class WebPage(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b"<html>hello</html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # quiet in the test output
        pass


@pytest.fixture
def not_a_router() -> Iterator[int]:
    """A port answered by some other HTTP server: a web page for every path."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), WebPage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def test_a_port_answered_by_something_else_says_so(tmp_path: Path, not_a_router: int) -> None:
    folder = tmp_path / "models"
    folder.mkdir()
    profile = router_profile(["--models-dir", str(folder)]).copy(port=not_a_router)
    [line] = under(list_out(tmp_path / "c.toml", profile), "llama router")
    assert line.startswith(f"  router mode: 127.0.0.1:{not_a_router} did not answer with a model")
    assert line.endswith("is it llama-server in router mode?")


LOADED_BY = """
import sys
from panel.cli import main
main(sys.argv[1:])
print("HTTPX", "httpx" in sys.modules)
"""


def test_a_stopped_router_costs_list_no_http_client(tmp_path: Path) -> None:
    folder = tmp_path / "models"
    folder.mkdir()
    config = tmp_path / "c.toml"
    ConfigStore(config).save(Config(profiles=[router_profile(["--models-dir", str(folder)])]))
    done = subprocess.run(
        [sys.executable, "-c", LOADED_BY, "--config", str(config), "list"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert "router mode, not running" in done.stdout, done.stderr
    assert done.stdout.splitlines()[-1] == "HTTPX False"


@pytest.mark.engines
def test_a_running_router_lists_its_models_with_their_states(
    tmp_path: Path, engines: EngineKit
) -> None:
    folder = tmp_path / "models"
    folder.mkdir()
    (folder / f"{TINY}.gguf").symlink_to(engines.model(f"{TINY}.gguf"))
    (folder / f"{CJK}.gguf").symlink_to(engines.model(f"{TINY}.gguf"))
    (folder / "broken.gguf").write_bytes(b"not a gguf file at all" * 50)
    profile = router_profile(["--models-dir", str(folder)], engines.llama_server)
    config = tmp_path / "c.toml"
    with running(profile) as server, LlamaRouterClient(server.profile) as client:
        lines = under(list_out(config, profile), "llama router")
        assert lines[0] == "  router mode, running; its models:"
        assert sorted(line.split()[-1] for line in lines[1:]) == ["unloaded"] * 3

        client.load(TINY)
        client.load("broken")

        def settled() -> bool:
            states = {m.id: m.state for m in client.models()}
            return states[TINY] is ModelState.LOADED and states["broken"] is ModelState.FAILED

        wait_until(settled, 30, "tiny-llama loaded and broken failed")
        lines = under(list_out(config, profile), "llama router")
        rows = {line.split()[0]: line for line in lines[1:]}
        assert rows[TINY].endswith(f"{TINY}  loaded")
        assert rows["broken"].rstrip().endswith("failed (exit code 1)")
        assert rows[CJK].endswith("unloaded")
        columns = {
            state_column(rows[TINY], "loaded"),
            state_column(rows["broken"], "failed"),
            state_column(rows[CJK], "unloaded"),
        }
        assert len(columns) == 1, lines  # one column, the CJK name counted two cells a character

        # In Chinese: the states in the catalogue's words, still in one column.
        lines = under(list_out(config, profile, language="zh_CN.UTF-8"), "llama router")
        rows = {line.split()[0]: line for line in lines[1:]}
        loaded, unloaded = rows[TINY].split()[-1], rows[CJK].split()[-1]
        assert loaded != "loaded" and unloaded != "unloaded"  # the shipped catalogue's words
        assert state_column(rows[TINY], loaded) == state_column(rows[CJK], unloaded)
