"""The log path end to end: real servers, the hub's notices, the view pulling from the
buffer of the one server it shows."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import itertools
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices

from panel.core.config.profiles import ServerProfile
from panel.core.servers.logbuffer import LogBuffer, LogSince
from panel.core.servers.server_state import ServerState
from panel.core.servers.supervisor import ServerProcess, Supervisor
from panel.ui.log import LogView
from panel.ui.log.lines import shown_text
from panel.ui.window.main_window import MainWindow
from panel.ui.window.server_hub import ServerHub
from tests.test_supervisor import scripted
from tests.window_helpers import right_click

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

SKIPPED = re.compile(r"▸ … ([\d,]+) lines? not shown — open full log")
FLOOD = 5_000  # all of it fits in the document: nothing is trimmed


def alpha() -> ServerProfile:
    return scripted(
        "--lines", "3", "--ready-line", "alpha is listening on http://{host}:{port}", name="alpha"
    )


def bravo(flood: int = FLOOD) -> ServerProfile:
    return scripted(
        "--flood",
        str(flood),
        "--ready-line",
        "bravo is listening on http://{host}:{port}",
        name="bravo",
    )


def start(qtbot, window: MainWindow, name: str) -> ServerProcess:  # type: ignore[no-untyped-def]
    """Select the server and press Start, as the user does; wait until it is ready."""
    window.select(name)
    with qtbot.waitSignal(
        window.hub.stateChanged,
        timeout=20_000,
        check_params_cb=lambda n, change: n == name and change.state is ServerState.READY,
    ):
        window.act_start.trigger()
    server = window.hub.supervisor.get(name)
    assert server is not None
    return server


def shown(window: MainWindow) -> str:
    return window.log_view.text_view.toPlainText()


class Pulls:
    """What the GUI asked one buffer for, and the numbers of the lines it got."""

    def __init__(self, log: LogBuffer, monkeypatch: pytest.MonkeyPatch) -> None:
        self.asked: list[int] = []
        self.seqs: list[int] = []
        real: Callable[..., LogSince] = log.since

        def since(seq: int, limit: int | None = None) -> LogSince:
            self.asked.append(seq)
            got = real(seq, limit)
            self.seqs += [line.seq for line in got.lines]
            return got

        monkeypatch.setattr(log, "since", since)


def profile_named(window: MainWindow, name: str) -> ServerProfile:
    return next(p for p in window.config.profiles if p.name == name)


def test_switching_servers_shows_each_its_own_lines(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window([alpha(), bravo()])
    try:
        start(qtbot, window, "alpha")
        qtbot.waitUntil(lambda: "alpha is listening" in shown(window), timeout=10_000)
        start(qtbot, window, "bravo")
        qtbot.waitUntil(lambda: f"flood done {FLOOD}" in shown(window), timeout=30_000)
        text = shown(window)
        assert "alpha" not in text and "log line" not in text
        assert "bravo is listening" in text

        window.select("alpha")  # at once, no waiting: the view reads alpha's buffer
        text = shown(window)
        assert "alpha is listening" in text and "log line 3" in text
        assert "flood" not in text and "bravo" not in text
        assert window.log_view.log_text() == text + "\n"

        window.select("bravo")
        text = shown(window)
        assert f"flood done {FLOOD}" in text and "alpha" not in text
    finally:
        # Stopped before qtbot closes the window, which would ask whether to stop them.
        window.hub.supervisor.stop_all(timeout=20)


def test_lines_of_a_server_not_shown_never_reach_the_gui(  # type: ignore[no-untyped-def]
    qtbot, make_window, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window([alpha(), bravo()])
    try:
        shown_server = start(qtbot, window, "alpha")
        qtbot.waitUntil(lambda: "alpha is listening" in shown(window), timeout=10_000)

        flooding = window.hub.server(profile_named(window, "bravo"))
        pulls = Pulls(flooding.log, monkeypatch)
        notices: list[object] = []
        window.hub.linesAvailable.connect(notices.append)
        flooding.start()  # in the background, while alpha stays shown
        qtbot.waitUntil(lambda: f"flood done {FLOOD}" in flooding.log.texts(20), timeout=30_000)
        with qtbot.waitSignal(
            window.hub.stateChanged,
            timeout=20_000,
            check_params_cb=lambda n, change: n == "bravo" and change.state is ServerState.STOPPED,
        ):
            flooding.stop()  # its last notices are delivered before this state change

        assert pulls.asked == []  # the GUI never read bravo's buffer
        qtbot.waitUntil(lambda: window.log_view.pending_count == 0, timeout=5000)
        # Every line the view received is alpha's; alpha printed nothing during the flood.
        assert window.log_view.stats.lines_received == shown_server.log.last_seq < 50
        assert "flood" not in shown(window) and "flood" not in window.log_view.log_text()
        # What crossed to the GUI thread for bravo: bare names, far fewer than its lines.
        assert "bravo" in notices and all(isinstance(n, str) for n in notices)
        assert len(notices) < FLOOD / 20

        window.select("bravo")
        assert pulls.asked  # now it is shown, its lines are pulled
        assert f"flood done {FLOOD}" in shown(window)
    finally:
        # Stopped before qtbot closes the window, which would ask whether to stop them.
        window.hub.supervisor.stop_all(timeout=20)


def test_a_flood_beyond_the_buffer_shows_what_was_really_lost(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A small buffer and a slow view: the skip notes say exactly how many lines never
    reached the view, and every line that did came in order, none twice."""
    hub = ServerHub(Supervisor(log_lines=500))
    view = LogView(flush_interval_ms=200)  # slow on purpose: the buffer must overflow
    qtbot.addWidget(view)
    server = hub.server(bravo(flood=50_000))
    pulls = Pulls(server.log, monkeypatch)
    view.set_log(server.log)
    hub.linesAvailable.connect(lambda _name: view.new_lines())
    try:
        server.start()
        qtbot.waitUntil(lambda: "flood done 50000" in view.text_view.toPlainText(), timeout=60_000)
        view.flush_now()
        stats = view.stats
        seqs = pulls.seqs
        assert seqs == sorted(set(seqs))  # in order, none twice
        assert stats.lines_received == len(seqs)
        assert stats.lines_received + stats.lines_skipped == server.log.last_seq
        gaps = [b - a - 1 for a, b in itertools.pairwise([0, *seqs]) if b - a > 1]
        assert gaps and sum(gaps) == stats.lines_skipped  # the flood did overflow
        notes = [
            int(found[1].replace(",", ""))
            for text in view.text_view.toPlainText().split("\n")
            if (found := SKIPPED.match(text))
        ]
        # One note per gap, with its size; the document's bound may have pushed out the
        # oldest ones.
        assert notes and notes == gaps[len(gaps) - len(notes) :]
    finally:
        server.stop_and_wait(10)
        hub.close()


def test_every_line_of_a_flood_is_in_the_run_log_the_window_opens(  # type: ignore[no-untyped-def]
    qtbot, make_window
) -> None:
    n = 100_000
    window = make_window([bravo(flood=n)])
    opened: list[QUrl] = []

    class Opener(QObject):
        @Slot(QUrl)
        def open(self, url: QUrl) -> None:
            opened.append(url)

    opener = Opener()
    QDesktopServices.setUrlHandler("file", opener, "open")
    try:
        server = start(qtbot, window, "bravo")
        qtbot.waitUntil(lambda: f"flood done {n}" in shown(window), timeout=60_000)
        server.stop_and_wait(20)
        view = window.log_view
        qtbot.waitUntil(lambda: view.pending_count == 0, timeout=5000)
        # Whatever the view skipped (most of it, on a fast machine) it counted.
        assert view.stats.lines_received + view.stats.lines_skipped == server.log.last_seq

        viewport = view.text_view.viewport()
        right_click(viewport, viewport.rect().center(), "Open full log")
        [url] = opened
        lines = Path(url.toLocalFile()).read_text(encoding="utf-8").split("\n")
        flood = [line for line in lines if line.startswith("flood ")]
        assert len(flood) == n + 1 and flood[-1] == f"flood done {n}"
        assert flood == sorted(flood)  # in order: the numbers are zero-padded
    finally:
        QDesktopServices.unsetUrlHandler("file")
        window.hub.supervisor.stop_all(timeout=20)


def test_many_servers_each_shows_its_whole_log_when_selected(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    """Several servers with more lines than the view inserts at once: selecting one shows
    its newest lines at once, then all of them in order, and none of another server's."""
    names = [f"s{i}" for i in range(4)]
    profiles = [
        scripted(
            "--flood", str(2_500 + 500 * i), "--ready-line", f"{name} is listening on http://{{host}}:{{port}}",
            name=name,
        )
        for i, name in enumerate(names)
    ]  # fmt: skip
    window = make_window(profiles)
    try:
        servers = [start(qtbot, window, name) for name in names]
        for server in servers:
            qtbot.waitUntil(
                lambda s=server: any("flood done" in t for t in s.log.texts(5)), timeout=30_000
            )
        for name, server in zip(names, servers, strict=True):
            window.select(name)
            want = [shown_text(line) for line in server.log.tail()]
            assert shown(window).split("\n")[-1] == want[-1]  # at once
            qtbot.waitUntil(lambda want=want: shown(window).split("\n") == want, timeout=10_000)
            text = shown(window)
            assert f"{name} is listening" in text
            assert not any(f"{other} is listening" in text for other in names if other != name)
    finally:
        window.hub.supervisor.stop_all(timeout=20)
