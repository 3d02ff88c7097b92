"""Fault matrix, servers: a program that cannot run, a port held by our own server, a
server that dies while loading, and logs no terminal could keep up with (a 10 MB line
without a newline, a flood of millions of lines). The window keeps answering, says what
happened and what to do, and the configuration on disk is untouched. See
docs/fault-matrix.md."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from panel.core.config.profiles import Engine, ServerProfile
from panel.core.servers.ports import pick_free_port
from panel.core.servers.server_state import ServerState
from panel.ui.window.main_window import MainWindow
from tests.test_log_feed import start
from tests.test_main_window import badge
from tests.test_supervisor import scripted
from tests.window_helpers import answering

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def config_text(window: MainWindow) -> bytes:
    return window.store.path.read_bytes()


@contextmanager
def gui_latency() -> Iterator[list[float]]:
    """The longest time the event loop went without running a 20 ms timer, in seconds
    (the list's one element, filled in at the end of the block)."""
    timer = QTimer()
    timer.setInterval(20)
    last, worst = [time.monotonic()], [0.0]

    def tick() -> None:
        now = time.monotonic()
        worst[0] = max(worst[0], now - last[0])
        last[0] = now

    timer.timeout.connect(tick)
    timer.start()
    result: list[float] = []
    try:
        yield result
    finally:
        timer.stop()
        result.append(worst[0])


def test_a_program_without_its_x_bit_says_chmod(  # type: ignore[no-untyped-def]
    qtbot, make_window, tmp_path: Path
) -> None:
    exe = tmp_path / "llama-server"
    exe.write_text("#!/bin/sh\nexit 0\n")
    exe.chmod(0o644)
    model = tmp_path / "m.gguf"
    model.write_bytes(b"GGUF")
    profile = ServerProfile("no x bit", Engine.LLAMA_CPP, executable=str(exe), model=str(model))
    window = make_window([profile])
    before = config_text(window)
    window.select("no x bit")
    assert badge(window) == "no binary"
    warning = window.header_warning.text()
    assert f"{exe} is not executable" in warning  # the cause
    assert f"chmod +x {exe}" in warning  # the fix
    seen: list[str] = []

    def read(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen.append(box.informativeText())

    if window.act_start.isEnabled():  # pressing Start anyway says the same
        with answering(read):
            window.act_start.trigger()
        qtbot.waitUntil(lambda: bool(seen), timeout=5000)
        assert "chmod +x" in seen[0]
    assert badge(window) != "crashed" and config_text(window) == before


def test_a_port_held_by_our_own_server_names_it(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    port = pick_free_port()
    first = scripted(name="first", port=port)
    second = scripted(name="second 第二", port=port)
    window = make_window([first, second])
    before = config_text(window)
    try:
        check_port_message(qtbot, window, port)
    finally:  # before qtbot closes the window, which would ask whether to stop them
        window.hub.supervisor.stop_all(timeout=20)
    assert config_text(window) == before  # Close, not "Use port": nothing changed


def check_port_message(qtbot, window: MainWindow, port: int) -> None:  # type: ignore[no-untyped-def]
    start(qtbot, window, "first")
    window.select("second 第二")
    seen: list[str] = []

    def read(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen.append(box.informativeText())

    with answering(read):
        window.act_start.trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert f"Port {port} is already in use by first, a server this panel runs" in seen[0]
    assert "Stop first first, or use port" in seen[0]
    assert window.hub.supervisor.get("first").state is ServerState.READY  # type: ignore[union-attr]


def test_a_server_that_exits_while_loading_says_why(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    profile = scripted(
        "--load-seconds", "30", "--exit-after", "0.5", "--exit-code", "3",
        "--last-line", "error: failed to allocate 8 GiB: out of memory",
        name="oom",
    )  # fmt: skip
    window = make_window([profile])
    before = config_text(window)
    window.select("oom")
    window.act_start.trigger()
    qtbot.waitUntil(lambda: badge(window) == "crashed", timeout=20_000)
    warning = window.header_warning.text()
    assert "code 3" in warning and "out of memory" in warning, warning
    assert window.header_warning.isVisible()
    assert "out of memory" in window.log_view.text_view.toPlainText()
    assert window.act_start.isEnabled()  # it can be started again, after a fix
    assert config_text(window) == before


def shell_server(name: str, script: str) -> ServerProfile:
    """A "server" that runs ``script`` (sh) and then sleeps: only its output matters."""
    return ServerProfile(
        name, Engine.CUSTOM, executable="/bin/sh", args=["-c", script + "\nexec sleep 120"],
        port=pick_free_port(), ready_timeout=120.0, stop_grace=2.0,
    )  # fmt: skip


def test_a_10_mb_line_without_a_newline_is_cut_and_the_window_keeps_up(  # type: ignore[no-untyped-def]
    qtbot, make_window
) -> None:
    # The marker is put together at run time: the log's own "$ command" line must not match.
    write = (
        "import os; os.write(1, b'A' * 10_000_000); os.write(1, b'\\nafter the ' + b'long line\\n')"
    )
    window = make_window([shell_server("long", f'"{sys.executable}" -c "{write}"')])
    window.select("long")
    try:
        with gui_latency() as worst:
            window.act_start.trigger()
            qtbot.waitUntil(
                lambda: "\nafter the long line" in window.log_view.text_view.toPlainText(),
                timeout=60_000,
            )
    finally:  # before qtbot closes the window, which would ask whether to stop it
        window.hub.supervisor.stop_all(timeout=20)
    server = window.hub.supervisor.get("long")
    assert server is not None
    lines = server.log.texts(10_000)
    # Cut into pieces, not hoarded: today a piece is at most one read of the pipe (1 MiB),
    # not LineSplitter.MAX_LINE (64 KiB) as its comment says; the log path is being redone.
    assert len([line for line in lines if set(line) == {"A"}]) >= 8
    assert max(len(line) for line in lines) <= 2 * 1024 * 1024
    assert sum(len(line) for line in lines if set(line) == {"A"}) == 10_000_000  # none lost
    # Laying out 1 MiB lines stalls the view about 2 s on the 2-core CI machine today (the
    # log path is being redone, see docs/fault-matrix.md): bound what it does now.
    assert worst[0] < 5.0, f"the window froze for {worst[0]:.1f} s"


def test_a_flood_of_millions_of_lines_is_counted_and_the_window_keeps_up(  # type: ignore[no-untyped-def]
    qtbot, make_window
) -> None:
    """3 million lines as fast as `yes` writes them (the bench figures a minute of it):
    every line either reaches the view or is counted in a "lines skipped" note."""
    flood = "yes 'flood line 解释图像 0123456789' | head -n 3000000; echo flood 'done'"
    window = make_window([shell_server("flood", flood)])
    window.select("flood")
    try:
        with gui_latency() as worst:
            window.act_start.trigger()
            qtbot.waitUntil(
                lambda: "flood done" in window.log_view.text_view.toPlainText(), timeout=120_000
            )
    finally:  # before qtbot closes the window, which would ask whether to stop it
        window.hub.supervisor.stop_all(timeout=20)
    window.log_view.flush_now()
    server = window.hub.supervisor.get("flood")
    assert server is not None
    stats = window.log_view.stats
    # Line 1 is the panel's "$ command"; 2 to 3,000,001 the flood: the reader lost none.
    [done] = [line for line in server.log.tail(100) if line.text == "flood done"]
    assert done.seq == 3_000_002
    assert stats.lines_received + stats.lines_skipped == server.log.last_seq
    assert worst[0] < 2.0, f"the window froze for {worst[0]:.1f} s"


def test_health_503_past_the_ready_timeout_says_raise_it(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    profile = scripted(
        "--loading-mode", "503", "--load-seconds", "60", name="slow loader", ready_timeout=1.5
    )  # fmt: skip
    window = make_window([profile])
    before = config_text(window)
    window.select("slow loader")
    window.act_start.trigger()
    qtbot.waitUntil(lambda: badge(window) == "loading", timeout=10_000)  # it did answer 503
    qtbot.waitUntil(lambda: badge(window) == "crashed", timeout=20_000)
    warning = window.header_warning.text()
    assert "not ready after 1.5 s" in warning, warning  # the cause
    assert "raise the profile's ready timeout" in warning  # the fix
    assert not window.hub.supervisor.get("slow loader").state.running  # type: ignore[union-attr]
    assert config_text(window) == before
