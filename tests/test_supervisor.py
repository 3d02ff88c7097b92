"""The supervisor against a scriptable misbehaving server (tests/fakes/script_server.py)."""

from __future__ import annotations

import json
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from panel.core.config.profiles import Engine, ServerProfile
from panel.core.engines.custom import CustomAdapter
from panel.core.servers.ports import pick_free_port
from panel.core.servers.preflight import PreflightError
from panel.core.servers.server_state import ServerState
from panel.core.servers.supervisor import ServerProcess, Supervisor
from tests.conftest import FAKES, pids_alive, wait_until
from tests.test_real_engines import Recorder

S = ServerState


def scripted(*flags: str, **fields: object) -> ServerProfile:
    base: dict[str, object] = dict(
        name="scripted",
        engine=Engine.CUSTOM,
        executable=sys.executable,
        args=[str(FAKES / "script_server.py"), "--port", "{port}", *flags],
        port=pick_free_port(),
        ready_timeout=20.0,
        stop_grace=2.0,
    )
    base.update(fields)
    return ServerProfile(**base)  # type: ignore[arg-type]


@pytest.fixture
def launch() -> Iterator[Callable[[ServerProfile], ServerProcess]]:
    servers: list[ServerProcess] = []

    def make(profile: ServerProfile) -> ServerProcess:
        servers.append(ServerProcess(profile))
        return servers[-1]

    yield make
    for server in servers:
        server.stop_and_wait(20)


def test_503_while_loading_then_ready(launch) -> None:  # type: ignore[no-untyped-def]
    server = launch(scripted("--loading-mode", "503", "--load-seconds", "0.5"))
    rec = Recorder(server)
    server.start()
    assert server.wait_ready(20)
    assert rec.states == [S.STARTING, S.LOADING, S.READY]


def test_unflushed_ready_line_does_not_delay_readiness(launch) -> None:  # type: ignore[no-untyped-def]
    server = launch(scripted("--unflushed", "--lines", "3"))
    server.start()
    assert server.wait_ready(20)
    # Ready by /health although the server's own lines are still stuck in its buffer.
    assert not any("listening" in t for t in server.log.texts(100) if "ready after" not in t)


def test_crash_reports_code_reason_and_last_lines(launch) -> None:  # type: ignore[no-untyped-def]
    server = launch(
        scripted(
            "--exit-after",
            "0.3",
            "--exit-code",
            "7",
            "--last-line",
            "fatal: 显存不足 out of cheese",
        )
    )
    rec = Recorder(server)
    server.start()
    rec.wait_for(S.CRASHED)
    outcome = server.outcome
    assert outcome is not None and outcome.exit_code == 7 and outcome.signal is None
    assert outcome.reason == "exited with code 7: fatal: 显存不足 out of cheese"
    assert outcome.last_lines[-1] == "fatal: 显存不足 out of cheese"
    assert not outcome.requested


def test_death_by_signal_is_named(launch) -> None:  # type: ignore[no-untyped-def]
    server = launch(scripted("--kill-self", "SEGV", "--after", "0.2"))
    rec = Recorder(server)
    server.start()
    rec.wait_for(S.CRASHED)
    assert server.outcome is not None and server.outcome.signal == signal.SIGSEGV
    assert "segmentation fault" in server.outcome.reason


def test_stop_escalates_to_sigkill_for_a_server_that_ignores_sigterm(
    launch,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    pidfile = tmp_path / "pids"
    server = launch(
        scripted(
            "--ignore-sigterm", "--grandchildren", "3", "--pidfile", str(pidfile), stop_grace=0.5
        )
    )
    server.start()
    assert server.wait_ready(20)
    pids = [int(x) for x in pidfile.read_text().split()]
    assert len(pids) == 5  # the server, 3 grandchildren, 1 great-grandchild
    outcome = server.stop_and_wait(20)
    assert outcome is not None and outcome.requested and outcome.reason == "stopped"
    assert outcome.signal == signal.SIGKILL
    assert server.state is S.STOPPED
    assert pids_alive(pids) == []


def test_graceful_stop_waits_for_a_slow_shutdown(launch) -> None:  # type: ignore[no-untyped-def]
    server = launch(scripted("--term-delay", "0.3"))
    server.start()
    assert server.wait_ready(20)
    outcome = server.stop_and_wait(20)
    assert outcome is not None and outcome.exit_code == 0 and outcome.requested
    assert "shutting down" in server.log.texts(20)


def test_readiness_timeout_stops_the_server_and_says_why(launch) -> None:  # type: ignore[no-untyped-def]
    server = launch(scripted("--load-seconds", "60", ready_timeout=0.5))
    rec = Recorder(server)
    server.start()
    rec.wait_for(S.CRASHED)
    assert server.outcome is not None
    assert server.outcome.reason.startswith("not ready after 0.5 s")
    assert S.READY not in rec.states


def test_stop_while_loading(launch) -> None:  # type: ignore[no-untyped-def]
    server = launch(scripted("--loading-mode", "503", "--load-seconds", "60"))
    rec = Recorder(server)
    server.start()
    rec.wait_for(S.LOADING)
    outcome = server.stop_and_wait(20)
    assert outcome is not None and outcome.requested and server.state is S.STOPPED


def test_log_keeps_cjk_progress_and_broken_bytes(launch) -> None:  # type: ignore[no-untyped-def]
    server = launch(scripted("--lines", "3", "--invalid-utf8"))
    seen: list[str] = []
    server.add_line_listener(lambda _s, lines: seen.extend(line.text for line in lines))
    server.start()
    assert server.wait_ready(20)
    wait_until(lambda: any("解释图像" in t for t in seen), what="CJK lines")
    lines = server.log.tail()
    assert any(line.progress and line.text.startswith("loading") for line in lines)
    assert any("\ufffd" in line.text for line in lines)
    assert lines[0].stream == "panel" and lines[0].text.startswith("$ ")


def test_auto_restart_after_a_crash(launch) -> None:  # type: ignore[no-untyped-def]
    server = launch(scripted("--exit-after", "0.5", auto_restart=True))
    rec = Recorder(server)
    # The log is cleared when the new run starts, so the note is caught as it is written.
    notes: list[tuple[float, str]] = []
    server.add_line_listener(
        lambda _s, lines: notes.extend((time.monotonic(), line.text) for line in lines)
    )
    starts: list[float] = []
    server.add_state_listener(
        lambda _s, change: starts.append(time.monotonic()) if change.state is S.STARTING else None
    )
    server.start()
    rec.wait_for(S.CRASHED)
    wait_until(lambda: rec.states.count(S.STARTING) >= 2, timeout=10, what="a restart")
    restarted_at = starts[1]
    first_crash = rec.states.index(S.CRASHED)
    assert rec.states[0] is S.STARTING and rec.states[first_crash + 1] is S.STARTING, rec.states
    said = [(at, text) for at, text in notes if text == "restarting in 1 s (auto-restart)"]
    assert said, [text for _at, text in notes]
    # The first restart waits its announced second rather than starting at once.
    assert restarted_at - said[0][0] >= 0.9
    server.stop_and_wait(20)


def test_restart_gives_a_new_process(launch) -> None:  # type: ignore[no-untyped-def]
    server = launch(scripted())
    rec = Recorder(server)
    server.start()
    assert server.wait_ready(20)
    first = server.server_pids()
    server.restart()
    wait_until(lambda: rec.states.count(S.READY) == 2, what="ready again")
    assert rec.states == [S.STARTING, S.READY, S.STOPPING, S.STOPPED, S.STARTING, S.READY]
    assert server.server_pids() != first and pids_alive(first) == []


class _Healthy(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = json.dumps({"status": "ok"}).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_a_stale_server_answering_on_the_port_is_not_taken_for_ours(launch) -> None:  # type: ignore[no-untyped-def]
    stale = ThreadingHTTPServer(("127.0.0.1", 0), _Healthy)
    thread = threading.Thread(target=stale.serve_forever, daemon=True)
    thread.start()
    try:
        port = stale.server_address[1]
        # Our server listens elsewhere; the profile points at the stale one's port.
        profile = scripted(port=port)
        profile.args[2] = str(pick_free_port())
        server = launch(profile)
        rec = Recorder(server)
        server.start(check_port=False)
        rec.wait_for(S.CRASHED)
        assert server.outcome is not None and "another program" in server.outcome.reason
    finally:
        stale.shutdown()
        stale.server_close()
        thread.join()


def test_supervisor_stops_everything() -> None:
    sup = Supervisor()
    a = sup.server(scripted(name="a"))
    b = sup.server(scripted(name="b", port=pick_free_port()))
    a.start()
    b.start()
    assert a.wait_ready(20) and b.wait_ready(20)
    assert {s.profile.name for s in sup.running()} == {"a", "b"}
    with pytest.raises(RuntimeError, match="running"):
        sup.forget("a")
    assert sup.stop_all(20)
    assert sup.running() == []


class _KeyedAdapter(CustomAdapter):
    """A custom server that takes its API key from the environment, as llama-server does."""

    api_key_env = "PANEL_TEST_SERVER_KEY"


def test_the_plan_names_a_missing_key_and_start_refuses_with_a_clear_error() -> None:
    profile = scripted(api_key_ref="env:PANEL_TEST_UNSET_KEY")
    server = ServerProcess(profile, adapter=_KeyedAdapter(), environ={"PATH": "/usr/bin:/bin"})
    plan = server.launch_plan()  # a preview or "copy command line": must not raise
    assert plan.api_key_env == "PANEL_TEST_SERVER_KEY"
    assert 'PANEL_TEST_SERVER_KEY="$PANEL_TEST_UNSET_KEY"' in plan.shell_line()
    with pytest.raises(PreflightError) as refused:
        server.start()
    assert [p.code for p in refused.value.problems] == ["api-key"]
    assert "PANEL_TEST_UNSET_KEY is not set" in str(refused.value.problems[0])
    assert server.state is S.STOPPED


def test_the_key_is_read_at_start_into_the_servers_environment_only() -> None:
    profile = scripted(api_key_ref="env:PANEL_TEST_KEY_SOURCE")
    environ = {"PATH": "/usr/bin:/bin", "PANEL_TEST_KEY_SOURCE": "sk-at-start"}
    server = ServerProcess(profile, adapter=_KeyedAdapter(), environ=environ)
    server.start()
    try:
        assert server.wait_ready(20)
        [pid] = [p for p in server.server_pids() if "script_server" in _cmdline(p)]
        environ_of = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        assert b"PANEL_TEST_SERVER_KEY=sk-at-start" in environ_of
        assert not any("sk-at-start" in text for text in server.log.texts(100))
        assert "sk-at-start" not in server.launch_plan().shell_line()
    finally:
        server.stop_and_wait(20)


def _cmdline(pid: int) -> str:
    return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()


# Needs no engine: preflight refuses before anything is launched.
def test_missing_binary_says_which_and_how_to_get_it(launch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    profile = ServerProfile(
        "x", Engine.LLAMA_CPP, executable=str(tmp_path / "llama-server"), model=str(tmp_path)
    )
    with pytest.raises(PreflightError) as err:
        launch(profile).start()
    problem = err.value.problems[0]
    assert problem.code == "missing-binary"
    assert "llama-server does not exist" in problem.message
    assert "github.com/ggml-org/llama.cpp" in problem.hint
