"""The panel's own lines in a server's log ("ready after …", "stopped (…) after …", "port …
is answered by another program") in the user's language: each goes through the catalogue.

A test catalogue marks each source string ("<中>READY AFTER {seconds:.2f} S…</中>"), so a
line that is not looked up stays visibly English; the placeholders (and their format
specs) are kept, as a translator keeps them."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from panel.core.config.profiles import Engine, ServerProfile
from panel.core.servers import guard
from panel.core.servers.ports import pick_free_port
from panel.core.servers.server_state import ServerState
from panel.core.servers.spawn import split_guard_notes
from panel.core.servers.supervisor import ServerProcess
from tests.catalogues import in_chinese, mark, ts_text
from tests.conftest import FAKES, wait_until
from tests.http_stub import answer, stub_server

NOTES = (
    "ready after {seconds:.2f} s at {address}",
    "stopping (SIGTERM, then SIGKILL after {grace:g} s)",
    "stopped ({status}) after {seconds:.2f} s",
    "ended ({status}) after {seconds:.2f} s: {reason}",
    "port {port} is answered by another program, not the server we started",
    "the server's main process ended; stopping what it left behind: {names}",
)
EXIT_REASONS = ("exit code {code}", "signal {number}")


@pytest.fixture
def chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    ts = tmp_path / "inference_panel_zh_CN.ts"
    marked = {"ServerNotes": NOTES, "ExitReason": EXIT_REASONS}
    ts.write_text(ts_text({c: {s: mark(s) for s in sources} for c, sources in marked.items()}))
    with in_chinese(ts, monkeypatch):
        yield


def scripted(port: int, listen: int) -> ServerProfile:
    """The fake server listening on ``listen``, its profile probing ``port``."""
    return ServerProfile(
        "scripted", Engine.CUSTOM, executable=sys.executable,
        args=[str(FAKES / "script_server.py"), "--port", str(listen)],
        port=port, ready_timeout=20.0, stop_grace=2.0,
    )  # fmt: skip


def notes(server: ServerProcess) -> list[str]:
    return [line.text for line in server.log.tail(200) if line.stream == "panel"]


@pytest.mark.usefixtures("chinese")
def test_the_panels_lines_in_a_run_are_translated() -> None:
    port = pick_free_port()
    server = ServerProcess(scripted(port, port))
    server.start()
    try:
        assert server.wait_ready(20)
    finally:
        server.stop_and_wait(20)
    said = notes(server)
    ready = [t for t in said if t.startswith("<中>READY AFTER ")]
    assert len(ready) == 1 and ready[0].endswith(f" S AT {server.profile.base_url}</中>"), said
    assert re.fullmatch(r"<中>READY AFTER \d+\.\d\d S AT .*", ready[0])  # the format spec kept
    assert "<中>STOPPING (SIGTERM, THEN SIGKILL AFTER 2 S)</中>" in said
    [stopped] = [t for t in said if t.startswith("<中>STOPPED (")]
    assert stopped.startswith("<中>STOPPED (<中>EXIT CODE 0</中>) AFTER "), stopped
    assert not [t for t in said if re.search("ready after|stopping|stopped", t)], said


@pytest.mark.usefixtures("chinese")
def test_a_port_answered_by_another_program_is_said_in_the_users_language() -> None:
    # A stale server: "ok" to the readiness probe, though the panel did not start it.
    ok = answer(200, "application/json", b'{"status": "ok"}')
    with stub_server({"/health": ok}) as stale:
        # Our server listens elsewhere; the profile points at the stale one's port.
        port = int(stale.url.rsplit(":", 1)[1])
        server = ServerProcess(scripted(port, pick_free_port()))
        server.start(check_port=False)
        wait_until(lambda: server.state is ServerState.CRASHED, 20, "the failure")
    reason = f"<中>PORT {port} IS ANSWERED BY ANOTHER PROGRAM, NOT THE SERVER WE STARTED</中>"
    assert server.outcome is not None and server.outcome.reason == reason
    assert reason in notes(server)
    assert any(
        t.startswith("<中>ENDED (") and t.endswith(f": {reason}</中>") for t in notes(server)
    )


@pytest.mark.usefixtures("chinese")
def test_the_guards_english_note_is_worded_again_in_the_users_language() -> None:
    left = guard.NOTE_PREFIX + guard.LEFT_BEHIND + "python3 (pid 42)"
    found, kept, _ = split_guard_notes([left, "a line of the server"], None)
    assert found == [
        "<中>THE SERVER'S MAIN PROCESS ENDED; STOPPING WHAT IT LEFT BEHIND: python3 (pid 42)</中>"
    ]
    assert kept == ["a line of the server"]
    other = guard.NOTE_PREFIX + "something new"
    assert split_guard_notes([other], None)[0] == ["something new"]
