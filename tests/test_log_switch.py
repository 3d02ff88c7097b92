"""Showing another server's full log: the newest lines at once, the older ones over the
next turns of the loop (panel/ui/log/document.py, render), nothing lost or out of order."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from panel.core.servers.logbuffer import LogBuffer
from panel.ui.log import LogFilter, LogView
from panel.ui.log.document import RENDER_FIRST

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

FULL = 20_000


def full_log(word: str, n: int = FULL) -> LogBuffer:
    log = LogBuffer(FULL)
    for start in range(0, n, 500):
        log.extend("stdout", [f"{word} {i}" for i in range(start, min(n, start + 500))])
    return log


def lines_shown(view: LogView) -> list[str]:
    return view.text_view.toPlainText().split("\n")


@pytest.fixture
def view(qtbot) -> Iterator[LogView]:  # type: ignore[no-untyped-def]
    view = LogView()
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.show()
    qtbot.waitExposed(view)
    yield view


def test_a_full_log_shows_its_newest_lines_at_once_then_all(qtbot, view: LogView) -> None:  # type: ignore[no-untyped-def]
    view.set_log(full_log("a"))
    doc = view.text_view.document()
    # The click's own work: the newest lines, at the bottom (was all 20,000: 170-200 ms).
    assert doc.blockCount() == RENDER_FIRST
    assert doc.lastBlock().text() == f"a {FULL - 1}"
    assert view.is_at_bottom()
    qtbot.waitUntil(lambda: doc.blockCount() == FULL, timeout=10_000)
    assert lines_shown(view) == [f"a {i}" for i in range(FULL)]
    assert view.is_at_bottom()


def test_a_filter_on_a_full_log_shows_every_match_in_order(qtbot, view: LogView) -> None:  # type: ignore[no-untyped-def]
    log = LogBuffer(FULL)
    log.extend("stdout", [f"error {i}" if i % 7 == 0 else f"ok {i}" for i in range(FULL)])
    view.set_log(log)
    view.filter_combo.setCurrentIndex(view.filter_combo.findData(LogFilter.ERRORS))
    want = [f"error {i}" for i in range(0, FULL, 7)]
    qtbot.waitUntil(lambda: view.text_view.document().blockCount() == len(want), timeout=10_000)
    assert lines_shown(view) == want


def test_lines_arriving_while_older_ones_go_in_keep_the_order_and_the_cap(
    qtbot,  # type: ignore[no-untyped-def]
    view: LogView,
) -> None:
    log = full_log("old")
    view.set_log(log)
    log.extend("stdout", [f"new {i}" for i in range(3_000)])
    view.new_lines()
    doc = view.text_view.document()
    qtbot.waitUntil(lambda: doc.lastBlock().text() == "new 2999", timeout=10_000)
    qtbot.waitUntil(lambda: doc.blockCount() == FULL, timeout=10_000)
    qtbot.wait(100)  # a few more turns of the loop: nothing else may go in
    shown = lines_shown(view)
    assert len(shown) == FULL
    assert shown[-3_000:] == [f"new {i}" for i in range(3_000)]
    old = shown[:-3_000]
    assert old == [f"old {i}" for i in range(FULL - len(old), FULL)]  # the newest old ones


def test_copy_right_after_switching_copies_every_line(qtbot, view: LogView) -> None:  # type: ignore[no-untyped-def]
    view.set_log(full_log("c", 5_000))
    qtbot.mouseClick(view.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "\n".join(f"c {i}" for i in range(5_000))
