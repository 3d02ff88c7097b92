"""The live log view: pulling from a LogBuffer, bounds, skipped lines, progress redraws,
scrolling, search, filter, crash."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import (
    QDesktopServices,
    QGuiApplication,
    QKeySequence,
    QTextCursor,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog

from panel.core.servers.logbuffer import LogBuffer
from panel.core.servers.run_log import RunLog
from panel.ui.log import PANEL_PREFIX, LineKind, LogFilter, LogView, classify
from tests.window_helpers import right_click

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier

# The offscreen platform says this on every show(); it is not about our code.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


class Entry(NamedTuple):
    """A line as a server prints it, before the buffer numbers it."""

    text: str
    stream: str = "stdout"
    progress: bool = False


def line(text: str, stream: str = "stdout", progress: bool = False) -> Entry:
    return Entry(text, stream, progress)


def numbered(n: int, start: int = 0, word: str = "line") -> list[Entry]:
    return [line(f"{word} {i}") for i in range(start, start + n)]


def append(view: LogView, entries: Sequence[Entry]) -> None:
    """What a reader thread and the hub do: lines into the buffer, then the notice."""
    log = view.log
    assert log is not None
    for entry in entries:
        log.append(entry.stream, [(entry.text, entry.progress)])
    view.new_lines()


def skipped_note(n: int) -> str:
    if n == 1:
        return PANEL_PREFIX + "… 1 line not shown — open full log"
    return PANEL_PREFIX + f"… {n:,} lines not shown — open full log"


@pytest.fixture
def make_view(qtbot) -> Iterator[Callable[..., LogView]]:  # type: ignore[no-untyped-def]
    def make(log_lines: int = 100_000, **options: object) -> LogView:
        view = LogView(**options)  # type: ignore[arg-type]
        qtbot.addWidget(view)
        view.set_log(LogBuffer(log_lines))
        view.resize(900, 400)
        view.show()
        qtbot.waitExposed(view)
        return view

    yield make


def texts(view: LogView) -> list[str]:
    return view.text_view.toPlainText().split("\n")


def wait_shown(qtbot, view: LogView) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: view.pending_count == 0, timeout=5000)


# -- feeding ---------------------------------------------------------------------------
def test_many_notices_become_one_pull_and_one_insertion(qtbot, make_view) -> None:  # type: ignore[no-untyped-def]
    view = make_view()
    for item in numbered(1000):
        append(view, [item])
    assert view.text_view.toPlainText() == ""  # nothing pulled so far
    assert view.stats.insertions == 0
    qtbot.waitUntil(lambda: view.stats.insertions > 0, timeout=5000)
    assert view.stats.insertions == 1  # one flush, one document insertion
    assert view.stats.lines_inserted == view.stats.lines_received == 1000
    assert texts(view) == [f"line {i}" for i in range(1000)]


def test_document_is_bounded_by_max_blocks(qtbot, make_view) -> None:  # type: ignore[no-untyped-def]
    view = make_view(max_blocks=100)
    assert view.text_view.maximumBlockCount() == 100
    append(view, numbered(60))
    wait_shown(qtbot, view)
    append(view, numbered(70, start=60))  # the oldest 30 must go
    wait_shown(qtbot, view)
    assert texts(view) == [f"line {i}" for i in range(30, 130)]
    assert view.text_view.document().blockCount() == 100
    assert view.stats.lines_skipped == 0


def test_a_huge_backlog_skips_what_the_document_could_not_keep(qtbot, make_view) -> None:  # type: ignore[no-untyped-def]
    view = make_view(max_blocks=100)
    append(view, numbered(10))
    wait_shown(qtbot, view)
    append(view, numbered(1000, start=10))
    assert view.pending_count == 1000  # nothing crossed yet: the lines wait in the buffer
    wait_shown(qtbot, view)
    # Only the newest lines are fetched, and a note (which must fit) says how many not.
    assert texts(view) == [skipped_note(901), *[f"line {i}" for i in range(911, 1010)]]
    assert view.stats.lines_skipped == 901
    assert view.stats.lines_received == 10 + 99
    assert view.stats.lines_inserted == 10 + 99


def test_lines_the_buffer_lost_are_counted_where_the_gap_is(qtbot, make_view) -> None:  # type: ignore[no-untyped-def]
    view = make_view(log_lines=50, max_blocks=200)
    append(view, numbered(10))
    wait_shown(qtbot, view)
    append(view, numbered(95, start=10))  # the buffer keeps 50: lines 10-54 are gone
    wait_shown(qtbot, view)
    assert texts(view) == [
        *[f"line {i}" for i in range(10)],
        skipped_note(45),
        *[f"line {i}" for i in range(55, 105)],
    ]
    assert view.stats.lines_skipped == 45
    assert view.log_text().count("\n") == 60  # the note is no line of the log
    assert "not shown" not in view.log_text()


def test_a_flood_while_paused_shows_exactly_what_was_lost(qtbot, make_view) -> None:  # type: ignore[no-untyped-def]
    view = make_view(log_lines=300, max_blocks=1000)
    append(view, numbered(5))
    wait_shown(qtbot, view)
    qtbot.mouseClick(view.pause_button, Qt.MouseButton.LeftButton)
    append(view, numbered(1000, start=5))
    assert view.new_lines_button.text() == "1000 new lines"
    qtbot.mouseClick(view.new_lines_button, Qt.MouseButton.LeftButton)
    wait_shown(qtbot, view)
    lost = 1000 - 300
    assert texts(view) == [
        *[f"line {i}" for i in range(5)],
        skipped_note(lost),
        *[f"line {i}" for i in range(5 + lost, 1005)],
    ]
    assert view.stats.lines_skipped == lost
    assert view.stats.lines_received + view.stats.lines_skipped == 1005


def test_wrap_toggle(qtbot, make_view) -> None:  # type: ignore[no-untyped-def]
    view = make_view()
    assert view.text_view.lineWrapMode() == view.text_view.LineWrapMode.NoWrap
    qtbot.mouseClick(view.wrap_button, Qt.MouseButton.LeftButton)
    assert view.text_view.lineWrapMode() == view.text_view.LineWrapMode.WidgetWidth


def test_progress_redraws_collapse_to_the_newest(qtbot, make_view) -> None:  # type: ignore[no-untyped-def]
    view = make_view()
    append(view, [line("start"), line("loading 10%", progress=True)])
    wait_shown(qtbot, view)
    assert texts(view) == ["start", "loading 10%"]
    # Redraws across flushes replace the last block instead of adding lines.
    append(view, [line("loading 20%", progress=True)])
    wait_shown(qtbot, view)
    assert texts(view) == ["start", "loading 20%"]
    # Within one batch only the newest survives; the final "\n"-ended line stays.
    append(view, [line(f"loading {p}%", progress=True) for p in (30, 40, 50)])
    append(view, [line("loading 100%"), line("after")])
    wait_shown(qtbot, view)
    assert texts(view) == ["start", "loading 100%", "after"]
    assert view.log_text() == "start\nloading 100%\nafter\n"


def test_a_progress_line_is_not_redrawn_by_another_stream(qtbot, make_view) -> None:  # type: ignore[no-untyped-def]
    view = make_view()
    append(view, [line("loading 10%", progress=True), line("note", stream="stderr")])
    wait_shown(qtbot, view)
    assert texts(view) == ["loading 10%", "note"]


def test_cjk_round_trip(qtbot, make_view, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    view = make_view()
    append(view, [line("解释图像 第3行"), line("emoji 🙂 then 解释图像", stream="stderr")])
    wait_shown(qtbot, view)
    assert "解释图像 第3行" in view.text_view.toPlainText()
    target = tmp_path / "log.log"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert view.save() == target
    assert "解释图像 第3行" in target.read_text(encoding="utf-8")


def test_panel_notes_are_marked(qtbot, make_view) -> None:  # type: ignore[no-untyped-def]
    view = make_view()
    append(view, [line("ready after 0.52 s at http://127.0.0.1:8080", stream="panel")])
    wait_shown(qtbot, view)
    assert texts(view) == [PANEL_PREFIX + "ready after 0.52 s at http://127.0.0.1:8080"]


# -- scrolling -------------------------------------------------------------------------
def first_visible(view: LogView) -> str:
    return view.text_view.firstVisibleBlock().text()


def test_follows_the_end_only_when_already_there(qtbot, make_view) -> None:  # type: ignore[no-untyped-def]
    view = make_view()
    bar = view.text_view.verticalScrollBar()
    append(view, numbered(300))
    wait_shown(qtbot, view)
    assert bar.maximum() > 0 and bar.value() == bar.maximum()  # followed the end

    bar.setValue(40)  # the user scrolls up to read
    reading = first_visible(view)
    append(view, numbered(100, start=300))
    wait_shown(qtbot, view)
    assert bar.value() == 40 and first_visible(view) == reading

    bar.setValue(bar.maximum())  # back at the bottom: follow again
    append(view, numbered(100, start=400))
    wait_shown(qtbot, view)
    assert bar.value() == bar.maximum()
    assert texts(view)[-1] == "line 499"


def test_reading_position_survives_trimming(qtbot, make_view) -> None:  # type: ignore[no-untyped-def]
    view = make_view(max_blocks=300)
    bar = view.text_view.verticalScrollBar()
    append(view, numbered(300))
    wait_shown(qtbot, view)
    bar.setValue(150)
    reading = first_visible(view)
    append(view, numbered(50, start=300))  # 50 old lines go from the top
    wait_shown(qtbot, view)
    assert first_visible(view) == reading
    assert bar.value() == 100


# -- search ----------------------------------------------------------------------------
SAMPLE = [
    "llama_model_loader: loaded meta data 解释图像",
    "0.00.003.100 W warning: no usable GPU found",
    "0.00.004.733 E srv  load_model: failed to load model",
    "main: server is listening on http://127.0.0.1:8080",
    "srv  request: POST /v1/chat/completions 200",
    "RuntimeError: CUDA out of memory (GPU 0)",
    "plain line about gpu layers",
]


def test_search_highlights_counts_and_steps(qtbot, make_view) -> None:  # type: ignore[no-untyped-def]
    view = make_view()
    append(view, [line(t) for t in SAMPLE])
    wait_shown(qtbot, view)
    view.set_search("GPU")
    assert view.match_count == 3
    assert view.match_label.text() == "3 matches"
    # Every match is coloured by the highlighter.
    doc = view.text_view.document()
    match_colour = view.highlighter.match_format.background().color()
    for number in (1, 5, 6):
        ranges = doc.findBlockByNumber(number).layout().formats()
        assert any(r.format.background().color() == match_colour for r in ranges)

    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert view.text_view.textCursor().selectedText() == "GPU"
    assert view.match_label.text() == "1 of 3"
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert view.match_label.text() == "2 of 3"
    qtbot.keyClick(view.search, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert view.match_label.text() == "1 of 3"
    qtbot.keyClick(view.search, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert view.match_label.text() == "3 of 3"  # wraps around
    assert view.text_view.textCursor().selectedText() == "gpu"

    qtbot.keyClick(view.search, Qt.Key.Key_Escape)
    assert view.search.text() == "" and view.match_label.text() == ""
    assert view.highlighter.search is None


def test_search_counts_cjk_and_follows_new_lines(qtbot, make_view) -> None:  # type: ignore[no-untyped-def]
    view = make_view()
    append(view, [line("🙂 解释图像 第1行"), line("nothing")])
    wait_shown(qtbot, view)
    view.set_search("解释图像")
    assert view.match_count == 1
    view.find_next()
    assert view.text_view.textCursor().selectedText() == "解释图像"  # astral-safe positions
    append(view, [line("解释图像 第3行")])
    wait_shown(qtbot, view)
    qtbot.waitUntil(lambda: view.match_label.text() == "1 of 2", timeout=5000)


def test_typing_searches_after_a_pause(qtbot, make_view) -> None:  # type: ignore[no-untyped-def]
    view = make_view()
    append(view, [line(t) for t in SAMPLE])
    wait_shown(qtbot, view)
    qtbot.keyClicks(view.search, "listening")
    qtbot.waitUntil(lambda: view.match_label.text() == "1 match", timeout=5000)
    view.set_search("no such text")
    assert view.match_label.text() == "No matches"


def test_ctrl_f_focuses_the_search(qtbot, make_view) -> None:  # type: ignore[no-untyped-def]
    view = make_view()
    action = view.find_action
    assert action.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    assert action.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut
    assert action in view.actions()
    view.activateWindow()
    view.text_view.setFocus()
    qtbot.waitUntil(view.text_view.hasFocus, timeout=5000)
    qtbot.keyClick(view.text_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(view.search.hasFocus, timeout=5000)


# -- filter ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("0.00.004.733 E srv  load_model: failed", LineKind.ERROR),
        ("E srv  something", LineKind.ERROR),
        ("0.00.003.100 W warning: failed to open x", LineKind.WARNING),  # the level decides
        ("Traceback (most recent call last):", LineKind.ERROR),
        ("RuntimeError: boom", LineKind.ERROR),
        ("FATAL: out of memory", LineKind.ERROR),
        ("UserWarning: deprecated", LineKind.WARNING),
        ("main: server is listening on http://127.0.0.1:8080", LineKind.READY),
        ("whisper server listening at http://127.0.0.1:8178", LineKind.READY),
        ("INFO:     Application startup complete.", LineKind.READY),
        ("ready after 1.52 s at http://127.0.0.1:8080", LineKind.READY),
        ("0.00.001.201 I build: 4589", LineKind.PLAIN),
        ("vitamin e is fine", LineKind.PLAIN),
        ("解释图像 第3行", LineKind.PLAIN),
    ],
)
def test_classify(text: str, kind: LineKind) -> None:
    assert classify(text) is kind


def test_the_panels_ready_note_is_the_ready_line_in_chinese_too() -> None:
    """The note comes from the real catalogue in the user's language; it is coloured as
    the ready line, not as a plain note of the panel."""
    from panel.core import i18n
    from panel.core.i18n import translate
    from panel.ui.log import lines

    i18n.set_language("zh_CN")
    lines._any.cache_clear()
    try:
        template = translate("ServerNotes", "ready after {seconds:.2f} s at {address}")
        note = template.format(seconds=0.42, address="http://127.0.0.1:8080")
        assert "ready" not in note  # really the Chinese one
        assert classify(note) is LineKind.READY
        assert classify("模型已加载 第3行") is LineKind.PLAIN
    finally:
        i18n.set_language(None)
        lines._any.cache_clear()
    assert classify("ready after 0.42 s at http://127.0.0.1:8080") is LineKind.READY


def test_filter_hides_lines_and_applies_to_new_ones(qtbot, make_view) -> None:  # type: ignore[no-untyped-def]
    view = make_view()
    append(view, [line(t) for t in SAMPLE])
    wait_shown(qtbot, view)
    view.filter_combo.setCurrentIndex(view.filter_combo.findData(LogFilter.ERRORS))
    assert view.filter_mode is LogFilter.ERRORS
    assert texts(view) == [SAMPLE[2], SAMPLE[5]]
    view.set_filter(LogFilter.WARNINGS)
    assert texts(view) == [SAMPLE[1], SAMPLE[2], SAMPLE[5]]
    append(view, [line("harmless"), line("fatal: disk full")])
    wait_shown(qtbot, view)
    assert texts(view)[-1] == "fatal: disk full" and "harmless" not in texts(view)
    view.set_filter(LogFilter.ALL)
    assert texts(view) == [*SAMPLE, "harmless", "fatal: disk full"]
    assert view.filter_combo.currentData() == LogFilter.ALL


def test_filtered_out_redraw_removes_the_progress_line(qtbot, make_view) -> None:  # type: ignore[no-untyped-def]
    view = make_view()
    view.set_filter(LogFilter.ERRORS)
    append(view, [line("error: retry 1", progress=True)])
    wait_shown(qtbot, view)
    assert texts(view) == ["error: retry 1"]
    append(view, [line("recovered")])  # redraws the progress line but is no error
    wait_shown(qtbot, view)
    assert view.text_view.toPlainText() == ""
    append(view, [line("error: again")])
    wait_shown(qtbot, view)
    assert texts(view) == ["error: again"]  # no blank line left where the redraw was


# -- pause, copy, save, clear ----------------------------------------------------------
def test_pause_buffers_and_unpause_shows(qtbot, make_view) -> None:  # type: ignore[no-untyped-def]
    view = make_view()
    append(view, numbered(2))
    wait_shown(qtbot, view)
    qtbot.mouseClick(view.pause_button, Qt.MouseButton.LeftButton)
    assert view.paused and view.pause_button.text() == "Resume"
    append(view, numbered(3, start=2))
    view.flush_now()  # a paused view shows nothing, even when asked
    assert not view._flush_timer.isActive()
    assert texts(view) == ["line 0", "line 1"]
    assert view.new_lines_button.isVisible()
    assert view.new_lines_button.text() == "3 new lines"
    qtbot.mouseClick(view.new_lines_button, Qt.MouseButton.LeftButton)
    assert not view.paused and not view.pause_button.isChecked()
    wait_shown(qtbot, view)
    assert texts(view) == [f"line {i}" for i in range(5)]
    assert not view.new_lines_button.isVisible()


def test_copy_selection_or_everything(qtbot, make_view) -> None:  # type: ignore[no-untyped-def]
    view = make_view()
    append(view, [line("first 解释图像"), line("second")])
    wait_shown(qtbot, view)
    view.copy()
    assert QGuiApplication.clipboard().text() == "first 解释图像\nsecond"
    cursor = view.text_view.textCursor()
    cursor.setPosition(0)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfWord, QTextCursor.MoveMode.KeepAnchor)
    view.text_view.setTextCursor(cursor)
    qtbot.mouseClick(view.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "first"


def test_save_writes_utf8_and_lets_the_dialog_confirm(
    qtbot, make_view, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    view = make_view()
    view.save_name = "llama"
    append(view, [line("解释图像 第3行"), line("$ llama-server", stream="panel")])
    view.set_filter(LogFilter.ERRORS)  # Save writes the whole log, not just what is shown
    asked: list[tuple[object, ...]] = []
    target = tmp_path / "saved.log"

    def fake_dialog(*args: object, **kwargs: object) -> tuple[str, str]:
        asked.append(args)
        assert "options" not in kwargs  # no DontConfirmOverwrite: the dialog asks
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_dialog)
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and len(asked[0]) == 4 and asked[0][2] == "llama.log"
    assert target.read_bytes() == "解释图像 第3行\n▸ $ llama-server\n".encode()

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    assert view.save() is None  # cancelled: nothing written, nothing raised


def test_clear(qtbot, make_view) -> None:  # type: ignore[no-untyped-def]
    view = make_view()
    append(view, numbered(5))
    wait_shown(qtbot, view)
    view.show_outcome("exited with code 1", ["line 4"])
    append(view, numbered(3))  # still queued when the user clears
    qtbot.mouseClick(view.clear_button, Qt.MouseButton.LeftButton)
    assert view.text_view.toPlainText() == "" and view.pending_count == 0
    assert view.log_text() == ""
    assert not view.banner.isVisible()
    append(view, [line("fresh")])
    wait_shown(qtbot, view)
    assert texts(view) == ["fresh"]


def test_set_log_shows_another_log_at_once(qtbot, make_view) -> None:  # type: ignore[no-untyped-def]
    view = make_view()
    append(view, numbered(5))
    other = LogBuffer()
    other.append("stdout", [("other server", False), ("loading 5%", True), ("done", False)])
    view.set_log(other)
    assert texts(view) == ["other server", "done"]  # at once, progress collapsed
    assert view.pending_count == 0
    assert view.text_view.maximumBlockCount() == view.max_blocks  # clear() kept the bound
    other.append("stdout", [("more", False)])
    view.new_lines()
    wait_shown(qtbot, view)
    assert texts(view) == ["other server", "done", "more"]
    view.set_log(None)
    assert view.text_view.toPlainText() == "" and view.pending_count == 0


# -- crash -----------------------------------------------------------------------------
def test_show_outcome_banner_and_marked_lines(qtbot, make_view) -> None:  # type: ignore[no-untyped-def]
    view = make_view()
    append(view, numbered(20))
    wait_shown(qtbot, view)
    last = ["CUDA error: out of memory", "fatal: 显存不足 <gpu 0>"]
    append(view, [line(t, stream="stderr") for t in last])
    append(view, [line("ended (exit code 7) after 1.00 s", stream="panel")])
    # Called before the flush timer fired: the pending lines are shown first.
    view.show_outcome("exited with code 7: fatal: 显存不足 <gpu 0>", [*["line 19"], *last])
    assert view.banner.isVisible()
    label = view.banner_label.text()
    assert "exited with code 7: fatal: 显存不足 &lt;gpu 0&gt;" in label
    assert "CUDA error: out of memory" in label
    marked = [s.cursor.block().text() for s in view.text_view.extraSelections()]
    assert sorted(marked) == sorted(["line 19", *last])
    view.set_filter(LogFilter.ERRORS)  # a re-render keeps the marks
    assert len(view.text_view.extraSelections()) == 2
    view.hide_outcome()
    assert not view.banner.isVisible() and view.text_view.extraSelections() == []


def test_show_outcome_ends_a_pause(qtbot, make_view) -> None:  # type: ignore[no-untyped-def]
    view = make_view()
    view.set_paused(True)
    append(view, [line("Segmentation fault")])
    view.show_outcome("killed by signal 11 (SIGSEGV)", ["Segmentation fault"])
    assert not view.paused
    assert texts(view) == ["Segmentation fault"]
    assert len(view.text_view.extraSelections()) == 1


def test_lines_are_coloured_by_kind_without_a_highlighter(qtbot, make_view) -> None:  # type: ignore[no-untyped-def]
    view = make_view()
    append(
        view,
        [
            line("plain 解释图像"),
            line("fatal: boom", stream="stderr"),
            line("ready after 1 s", stream="panel"),
        ],
    )
    wait_shown(qtbot, view)
    doc = view.text_view.document()
    formats = view.highlighter.formats

    def colour(number: int):  # type: ignore[no-untyped-def]
        cursor = QTextCursor(doc.findBlockByNumber(number))
        cursor.movePosition(QTextCursor.MoveOperation.Right)
        return cursor.charFormat().foreground().color()

    assert colour(1) == formats[LineKind.ERROR].foreground().color()
    assert colour(2) == formats[LineKind.READY].foreground().color()
    assert colour(0) != colour(1)
    assert view.highlighter.document() is None  # no Python call per block while no search
    view.set_search("boom")
    assert view.highlighter.document() is doc
    view.set_search("")
    assert view.highlighter.document() is None


# -- the full log on disk ----------------------------------------------------------------
class Opened(QObject):
    """Stands in for the desktop's opener: QDesktopServices hands it the file URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.paths: list[Path] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.paths.append(Path(url.toLocalFile()))


@pytest.fixture
def opener() -> Iterator[Opened]:
    opened = Opened()
    QDesktopServices.setUrlHandler("file", opened, "open")
    yield opened
    QDesktopServices.unsetUrlHandler("file")


def with_run_log(view: LogView, folder: Path, **options: int) -> RunLog:
    """What the supervisor does when a run starts: a file that keeps every line."""
    log = view.log
    assert log is not None
    log.run_log = RunLog(folder, **options)
    return log.run_log


def feed(view: LogView, run_log: RunLog, entries: Sequence[Entry]) -> None:
    """A reader thread's work: the bytes to the file, the lines to the buffer."""
    run_log.write("stdout", "".join(e.text + "\n" for e in entries).encode())
    append(view, entries)


def test_a_flood_is_shown_at_a_bounded_pace_and_the_note_points_at_the_file(  # type: ignore[no-untyped-def]
    qtbot, make_view, tmp_path: Path
) -> None:
    view = make_view()
    run_log = with_run_log(view, tmp_path / "logs")
    feed(view, run_log, numbered(3))
    wait_shown(qtbot, view)
    feed(view, run_log, numbered(30_000, start=3))  # far beyond one catch-up
    wait_shown(qtbot, view)
    shown = texts(view)
    notes = [t for t in shown if t.startswith(PANEL_PREFIX)]
    assert len(notes) == 1 and notes[0] == skipped_note(view.stats.lines_skipped)
    assert "lines not shown — open full log" in notes[0]
    assert shown[:3] == ["line 0", "line 1", "line 2"] and shown[-1] == "line 30002"
    # Only the newest chunk was shown; every line is in the file.
    assert view.stats.lines_received < 2000
    assert view.stats.lines_received + view.stats.lines_skipped == 30_003
    assert run_log.path.read_text().count("\n") == 30_003


def test_open_full_log_from_the_context_menu_the_button_and_the_shortcut(  # type: ignore[no-untyped-def]
    qtbot, make_view, tmp_path: Path, opener: Opened
) -> None:
    view = make_view()
    assert not view.open_full_log_action.isEnabled()  # no run yet: no file
    run_log = with_run_log(view, tmp_path / "logs")
    feed(view, run_log, numbered(5))
    wait_shown(qtbot, view)
    assert view.open_full_log_action.isEnabled()
    assert str(run_log.path) in view.open_full_log_action.toolTip()

    viewport = view.text_view.viewport()
    right_click(viewport, viewport.rect().center(), "Open full log")
    assert opener.paths == [run_log.path]

    button = view.full_log.button
    assert button.isVisible() and button.text() == "Full log"  # short: the row fits 1024 px
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    view.text_view.setFocus()
    QTest.keyClick(view.text_view, Qt.Key.Key_O, CTRL_SHIFT)
    assert opener.paths == [run_log.path] * 3


def test_a_rotated_run_opens_its_folder(  # type: ignore[no-untyped-def]
    qtbot, make_view, tmp_path: Path, opener: Opened
) -> None:
    view = make_view()
    run_log = with_run_log(view, tmp_path / "logs", max_bytes=1000)
    feed(view, run_log, numbered(100))
    feed(view, run_log, numbered(100, start=100))
    wait_shown(qtbot, view)
    assert run_log.rotated and len(run_log.paths()) > 1
    qtbot.mouseClick(view.full_log.button, Qt.MouseButton.LeftButton)
    assert opener.paths == [tmp_path / "logs"]


def test_search_counts_the_hits_in_the_whole_file(qtbot, make_view, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    view = make_view(max_blocks=100)
    run_log = with_run_log(view, tmp_path / "logs")
    feed(view, run_log, numbered(10, word="needle"))
    feed(view, run_log, numbered(1000, start=10))
    feed(view, run_log, numbered(10, start=1010, word="NEEDLE"))
    wait_shown(qtbot, view)
    QTest.keyClicks(view.search, "needle")
    # The document kept the newest 100 lines (10 hits); the file has all 20.
    qtbot.waitUntil(lambda: "in the full log" in view.match_label.text(), timeout=5000)
    assert view.match_label.text() == "10 matches · 20 in the full log"
