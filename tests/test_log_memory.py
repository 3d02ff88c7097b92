"""What the log view holds per line: Qt keeps a painted block's glyph layout (~57 bytes a
character) for the block's life unless the view releases it (panel/ui/log/document.py)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtTest import QTest

from panel.core.servers.logbuffer import LogBuffer
from panel.ui.log import LogView
from panel.ui.log.document import RELEASE_AFTER_LINES

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

TEXT = "srv  update_slots: id  0 | task {} | prompt processing progress, n_past = 512"


def laid_out(doc: QTextDocument) -> int:
    """Blocks that hold a layout with lines: the ones painted since the last release."""
    count = 0
    block = doc.firstBlock()
    while block.isValid():
        count += block.layout().lineCount() > 0
        block = block.next()
    return count


@pytest.fixture
def view(qtbot) -> Iterator[LogView]:  # type: ignore[no-untyped-def]
    view = LogView()
    qtbot.addWidget(view)
    view.set_log(LogBuffer(100_000))
    view.resize(900, 400)
    view.show()
    qtbot.waitExposed(view)
    yield view


def feed_painted(qtbot, view: LogView, lines: int, batch: int = 25) -> None:  # type: ignore[no-untyped-def]
    """A live log: each batch shown and painted before the next arrives."""
    log = view.log
    assert log is not None
    doc = view.text_view.document()
    for start in range(0, lines, batch):
        log.extend("stdout", [TEXT.format(i) for i in range(start, start + batch)])
        view.new_lines()
        want = TEXT.format(start + batch - 1)
        qtbot.waitUntil(lambda want=want: doc.lastBlock().text() == want, timeout=5000)
        # The paint lays the new last line out.
        qtbot.waitUntil(lambda: doc.lastBlock().layout().lineCount() > 0, timeout=5000)


def test_a_live_log_keeps_few_painted_layouts_and_every_line(qtbot, view: LogView) -> None:  # type: ignore[no-untyped-def]
    feed_painted(qtbot, view, 3 * RELEASE_AFTER_LINES)
    doc = view.text_view.document()
    page = view.text_view.viewport().height() // view.text_view.fontMetrics().lineSpacing() + 1
    assert doc.blockCount() == 3 * RELEASE_AFTER_LINES
    assert laid_out(doc) <= RELEASE_AFTER_LINES + page  # was every painted line: 3,000
    assert view.is_at_bottom()
    assert doc.findBlockByNumber(1234).text() == TEXT.format(1234)


def test_scrolling_back_through_the_log_keeps_few_layouts(qtbot, view: LogView) -> None:  # type: ignore[no-untyped-def]
    log = view.log
    assert log is not None
    log.extend("stdout", [TEXT.format(i) for i in range(4 * RELEASE_AFTER_LINES)])
    view.new_lines()
    doc = view.text_view.document()
    qtbot.waitUntil(lambda: doc.blockCount() == 4 * RELEASE_AFTER_LINES, timeout=5000)
    bar = view.text_view.verticalScrollBar()
    view.text_view.setFocus()
    while bar.value() > 0:  # the user pages up to the start, each page painted
        QTest.keyClick(view.text_view, Qt.Key.Key_PageUp)
        qtbot.waitUntil(lambda: view.text_view.firstVisibleBlock().layout().lineCount() > 0)
    assert laid_out(doc) <= 2 * RELEASE_AFTER_LINES
    assert view.text_view.firstVisibleBlock().text() == TEXT.format(0)


def test_search_hits_stay_coloured_in_a_long_live_log(qtbot, view: LogView) -> None:  # type: ignore[no-untyped-def]
    view.set_search("task 7")
    feed_painted(qtbot, view, 2 * RELEASE_AFTER_LINES, batch=100)
    doc = view.text_view.document()
    hit = doc.findBlockByNumber(7)  # painted long ago, before any release could run
    assert hit.text() == TEXT.format(7)
    formats = hit.layout().formats()
    assert formats and formats[0].format.background().color().name() == "#ffd54f"


def test_wrapped_lines_stay_wrapped_in_a_long_live_log(qtbot, view: LogView) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(view.wrap_button, Qt.MouseButton.LeftButton)
    log = view.log
    assert log is not None
    long = "word " * 400  # wider than the view: several lines when wrapped
    doc = view.text_view.document()
    for start in range(0, 2 * RELEASE_AFTER_LINES, 100):
        log.extend("stdout", [long + str(i) for i in range(start, start + 100)])
        view.new_lines()
        qtbot.waitUntil(lambda s=start: doc.lastBlock().text().endswith(str(s + 99)))
    qtbot.waitUntil(lambda: doc.lastBlock().layout().lineCount() > 1, timeout=5000)
    assert view.is_at_bottom()
