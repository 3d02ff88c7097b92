"""The live log of one server: bounded, batched, searchable, filterable.

A server can print a million lines as fast as the pipe allows. The view therefore never
touches the document per line: :meth:`LogView.append_lines` only queues, and a
single-shot timer turns the queue into *one* text insertion per flush (the approach of
qtconsole's ``ConsoleWidget``). The document is capped with ``setMaximumBlockCount`` and
the queue with the same bound: lines that cannot be shown in time are dropped unseen, the
oldest first, and a note marks the gap. A backlog is drained in chunks sized to a few
milliseconds each, so the event loop keeps turning while the view catches up.

Line colours are inserted with the text, in runs (a flood of plain lines is one insertion);
a QSyntaxHighlighter colours search hits and is attached only while a search is active.

The GIL matters here more than Qt: while a supervisor reader thread is busy in Python,
every time the GUI thread lets go of the GIL it waits up to the interpreter's switch
interval (5 ms by default) to get it back. The hot path therefore avoids calls that let
go (constructing a QTextCursor, emitting a signal), and bench/log_firehose.py measures
the difference a shorter ``sys.setswitchinterval`` makes.
"""

from __future__ import annotations

import bisect
import html
import itertools
import re
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSizePolicy,
    QStyle,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from panel.core.servers.logbuffer import LogLine

PANEL_PREFIX = "▸ "  # marks the lines the panel itself wrote (LogLine.stream == "panel")
DEFAULT_MAX_BLOCKS = 20_000
FLUSH_INTERVAL_MS = 50
CATCH_UP_MS = 10  # behind: the next chunk this soon, leaving the loop (and the GIL) a share
# Aim for flushes this short: with painting and GIL waits an event-loop cycle then stays
# well under 30 ms.
FLUSH_BUDGET_S = 0.004
REHIGHLIGHT_ALL_ABOVE = 4000  # blocks; past this one full rehighlight() is cheaper
BANNER_LINES = 8  # last lines quoted in the crash banner
BANNER_LINE_CHARS = 200

# Mono fonts first; the CJK families are fallbacks for the glyphs the first one lacks
# (Noto Sans Mono CJK keeps the 2:1 cell width, so CJK columns still line up).
_MONO_FALLBACKS = (
    "DejaVu Sans Mono",
    "Noto Sans Mono CJK SC",
    "Noto Sans Mono CJK JP",
    "Noto Sans CJK SC",
    "WenQuanYi Zen Hei Mono",
)


class LogFilter(StrEnum):
    ALL = "all"
    WARNINGS = "warnings"  # warnings and errors
    ERRORS = "errors"


class LineKind(IntEnum):
    PLAIN = 0
    PANEL = 1
    READY = 2
    WARNING = 3
    ERROR = 4


# llama.cpp's own format is "0.00.004.733 E srv ..." (timestamp, level letter). The letter
# is matched case-sensitively and only there, and when present it decides: llama.cpp
# warns "failed to ..." at level W.
_LEVEL = re.compile(r"(?:\d[\d.:]*\s+)?([EW])\s")
# Searched in the lower-cased line: a case-sensitive search is several times faster than
# re.IGNORECASE, and this runs for every line the view shows.
_ERROR = re.compile(r"error|fatal|failed|exception|traceback")
_WARNING = re.compile(r"warn")
_READY = re.compile(r"listening (?:on|at)|application startup complete|ready after")
_ANY = re.compile("|".join(p.pattern for p in (_ERROR, _WARNING, _READY)))
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # two UTF-16 units each in Qt's positions


def classify(text: str) -> LineKind:
    """What a log line looks like: an error, a warning, the ready line, or plain."""
    level = _LEVEL.match(text)
    if level is not None:
        return LineKind.ERROR if level.group(1) == "E" else LineKind.WARNING
    lower = text.lower()
    if not _ANY.search(lower):  # most lines of a busy log: one search and done
        return LineKind.PLAIN
    if _ERROR.search(lower):
        return LineKind.ERROR
    if _WARNING.search(lower):
        return LineKind.WARNING
    return LineKind.READY


def _line_kind(text: str) -> LineKind:
    """The colour a shown line gets; PLAIN (0) for most."""
    kind = classify(text)
    if kind is LineKind.PLAIN and text.startswith(PANEL_PREFIX):
        return LineKind.PANEL
    return kind


def shown_text(line: LogLine) -> str:
    """The line as the view (and a saved file) shows it."""
    return PANEL_PREFIX + line.text if line.stream == "panel" else line.text


def passes(line: LogLine, mode: LogFilter) -> bool:
    if mode is LogFilter.ALL:
        return True
    kind = classify(line.text)
    return kind is LineKind.ERROR or (mode is LogFilter.WARNINGS and kind is LineKind.WARNING)


def collapse_progress(lines: Iterable[LogLine]) -> list[LogLine]:
    """Drop every progress line that the next line of the same stream redraws."""
    out: list[LogLine] = []
    for line in lines:
        if out and out[-1].progress and out[-1].stream == line.stream:
            out.pop()
        out.append(line)
    return out


def _u16(text: str, index: int) -> int:
    """A Python string index as a Qt (UTF-16) position within ``text``."""
    if index == 0 or text.isascii():
        return index
    return index + len(_ASTRAL.findall(text, 0, index))


def _trim_top(cursor: QTextCursor, count: int) -> None:
    """Remove the first ``count`` blocks (fewer than the document has), quickly.

    Removing [0, start of block n) in one go is slow with QPlainTextDocumentLayout (the
    range ends on a block boundary: ~30 µs per block). Removing from the end of block 0's
    text to the end of block n-1's text ends inside a block and is ~30x faster; block 0
    (now holding the old first line) then goes on its own.
    """
    doc = cursor.document()
    first = doc.firstBlock()
    last = doc.findBlockByNumber(count - 1)
    cursor.setPosition(first.length() - 1)
    cursor.setPosition(last.position() + last.length() - 1, QTextCursor.MoveMode.KeepAnchor)
    cursor.removeSelectedText()
    cursor.setPosition(0)
    cursor.setPosition(doc.firstBlock().length(), QTextCursor.MoveMode.KeepAnchor)
    cursor.removeSelectedText()


class _GapNote(LogLine):
    """The view's own line where lines were dropped unseen (not part of the log)."""


@dataclass
class LogViewStats:
    """Counters for tests and the firehose benchmark."""

    lines_received: int = 0
    insertions: int = 0  # document insertions: at most one per flush
    lines_inserted: int = 0
    lines_dropped: int = 0  # queued lines dropped unseen because more than max_blocks waited


class LogHighlighter(QSyntaxHighlighter):
    """Colours search hits; attached to the document only while a search is active.

    Line colours (errors, warnings, the ready line, panel notes) are not its job: they are
    inserted with the text. Qt calls ``highlightBlock`` in Python for every new block, and
    under a flood each call waits for the GIL held by the log reader threads; hundreds of
    such waits per flush were the GUI's worst stalls.
    """

    def __init__(self, parent: QObject, dark: bool) -> None:
        super().__init__(parent)
        self.search: re.Pattern[str] | None = None
        colours = {
            LineKind.PANEL: ("#9fa8da", "#3f51b5"),
            LineKind.READY: ("#81c784", "#1b7f3b"),
            LineKind.WARNING: ("#ffb74d", "#9a5a00"),
            LineKind.ERROR: ("#ff6b6b", "#c62828"),
        }
        self.formats: dict[LineKind, QTextCharFormat] = {}
        for kind, (on_dark, on_light) in colours.items():
            fmt = QTextCharFormat()
            fmt.setForeground(QColor(on_dark if dark else on_light))
            if kind in (LineKind.ERROR, LineKind.READY):
                fmt.setFontWeight(QFont.Weight.Bold)
            if kind is LineKind.PANEL:
                fmt.setFontItalic(True)
            self.formats[kind] = fmt
        self.match_format = QTextCharFormat()
        self.match_format.setBackground(QColor("#ffd54f"))
        self.match_format.setForeground(QColor("#000000"))

    def highlightBlock(self, text: str) -> None:
        if self.search is not None:
            for match in self.search.finditer(text):
                start = _u16(text, match.start())
                self.setFormat(start, _u16(text, match.end()) - start, self.match_format)


class LogView(QWidget):
    """One server's live log with search, severity filter, pause, copy, save and clear.

    Call everything on the GUI thread. :meth:`append_lines` is cheap (it only queues);
    the text appears at the next flush, at most ``flush_interval_ms`` later.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        max_blocks: int = DEFAULT_MAX_BLOCKS,
        flush_interval_ms: int = FLUSH_INTERVAL_MS,
    ) -> None:
        super().__init__(parent)
        self.max_blocks = max_blocks
        self.stats = LogViewStats()
        self.save_name = "server"  # the file name the Save dialog suggests, without .log
        # Every line we keep (progress redraws collapsed), newest last: the source for
        # re-rendering on a filter change and for Save. _queue holds the newest of them
        # that are not in the document yet; it is always a suffix of _model.
        self._model: deque[LogLine] = deque(maxlen=max_blocks)
        self._queue: deque[LogLine] = deque(maxlen=max_blocks)
        self._tail: LogLine | None = None  # the line in the document's last block
        self._replace_tail = False  # the next flush redraws the last block (progress)
        self._has_content = False
        self._paused = False
        self._paused_new = 0
        # Where lines were dropped unseen: [position in _queue, how many], by position.
        self._gaps: list[list[int]] = []
        self._filter = LogFilter.ALL
        self._chunk = min(1000, max_blocks)
        self._interval = flush_interval_ms
        self._matches: list[tuple[int, int]] = []  # (start, end) in document positions
        self._matches_dirty = False
        self._current: QTextCursor | None = None  # the selected match; Qt keeps it current
        self._outcome: tuple[str, tuple[str, ...]] | None = None

        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.timeout.connect(self._flush)
        self._search_timer = QTimer(self)  # debounce typing: rehighlighting is not free
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)
        self._search_timer.timeout.connect(self._apply_search)
        self._match_timer = QTimer(self)  # recount matches at most this often while streaming
        self._match_timer.setSingleShot(True)
        self._match_timer.setInterval(250)
        self._match_timer.timeout.connect(self._update_match_label)

        self._build_toolbar()
        self._build_banner()
        self._build_text()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(self._toolbar)
        layout.addWidget(self.banner)
        layout.addWidget(self.text_view, 1)
        self._build_actions()
        self._update_pause_label()

    # -- construction ------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(4)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search the log (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(160)
        self.search.textChanged.connect(self._on_search_edited)
        self.search.installEventFilter(self)
        style = self.style()
        self.prev_button = self._tool_button(
            "", self.tr("Previous match (Shift+Enter)"), self.find_previous
        )
        self.prev_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowUp))
        self.next_button = self._tool_button("", self.tr("Next match (Enter)"), self.find_next)
        self.next_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowDown))
        self.match_label = QLabel(self)
        self.match_label.setMinimumWidth(70)
        self.filter_combo = QComboBox(self)
        self.filter_combo.addItem(self.tr("All lines"), LogFilter.ALL)
        self.filter_combo.addItem(self.tr("Warnings and errors"), LogFilter.WARNINGS)
        self.filter_combo.addItem(self.tr("Errors only"), LogFilter.ERRORS)
        self.filter_combo.setToolTip(self.tr("Show only some lines"))
        self.filter_combo.currentIndexChanged.connect(self._on_filter_chosen)
        self.pause_button = self._tool_button(
            self.tr("Pause"), self.tr("Stop showing new lines; they are kept for later"), None
        )
        self.pause_button.setCheckable(True)
        self.pause_button.toggled.connect(self.set_paused)
        self.new_lines_button = self._tool_button("", self.tr("Resume and show them"), None)
        self.new_lines_button.clicked.connect(lambda: self.set_paused(False))
        self.new_lines_button.setStyleSheet("font-weight: bold;")
        self.wrap_button = self._tool_button(self.tr("Wrap"), self.tr("Wrap long lines"), None)
        self.wrap_button.setCheckable(True)
        self.wrap_button.toggled.connect(self._on_wrap_toggled)
        self.copy_button = self._tool_button(
            self.tr("Copy"), self.tr("Copy the selection, or every line shown"), self.copy
        )
        self.save_button = self._tool_button(
            self.tr("Save…"), self.tr("Save the whole log (unfiltered) to a UTF-8 file"), self.save
        )
        self.clear_button = self._tool_button(
            self.tr("Clear"), self.tr("Clear this view (the server keeps running)"), self.clear
        )
        left: tuple[QWidget, ...] = (
            self.search,
            self.prev_button,
            self.next_button,
            self.match_label,
        )
        for widget in left:
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (
            self.new_lines_button,
            self.filter_combo,
            self.pause_button,
            self.wrap_button,
            self.copy_button,
            self.save_button,
            self.clear_button,
        ):
            bar.addWidget(widget)
        self._toolbar = bar

    def _tool_button(self, text: str, tip: str, slot: Callable[[], object] | None) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        if slot is not None:
            button.clicked.connect(lambda: slot())
        return button

    def _build_banner(self) -> None:
        self.banner = QFrame(self)
        self.banner.setObjectName("crashBanner")
        self.banner.setStyleSheet(
            "QFrame#crashBanner { background: #fdecea; border: 1px solid #e57373;"
            " border-radius: 4px; }"
            " QFrame#crashBanner QLabel { color: #611a15; border: none; }"
            " QFrame#crashBanner QToolButton { color: #611a15; border: none; }"
        )
        row = QHBoxLayout(self.banner)
        row.setContentsMargins(8, 6, 4, 6)
        self.banner_label = QLabel(self.banner)
        self.banner_label.setWordWrap(True)
        self.banner_label.setTextFormat(Qt.TextFormat.RichText)
        self.banner_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Long log lines must wrap, not widen the whole window.
        self.banner_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        dismiss = QToolButton(self.banner)
        dismiss.setText("✕")
        dismiss.setToolTip(self.tr("Dismiss"))
        dismiss.setAutoRaise(True)
        dismiss.clicked.connect(self.hide_outcome)
        row.addWidget(self.banner_label, 1)
        row.addWidget(dismiss, 0, Qt.AlignmentFlag.AlignTop)
        self.banner.hide()

    def _build_text(self) -> None:
        view = QPlainTextEdit(self)
        view.setReadOnly(True)
        view.setUndoRedoEnabled(False)
        view.setMaximumBlockCount(self.max_blocks)
        view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        view.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setFamilies([font.family(), *_MONO_FALLBACKS])
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setFixedPitch(True)
        view.setFont(font)
        view.setTabStopDistance(8 * QFontMetricsF(font).horizontalAdvance(" "))
        palette = view.palette()
        # The current match is the selection; keep it visible while typing in the search.
        for role in (QPalette.ColorRole.Highlight, QPalette.ColorRole.HighlightedText):
            palette.setColor(
                QPalette.ColorGroup.Inactive, role, palette.color(QPalette.ColorGroup.Active, role)
            )
        view.setPalette(palette)
        dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
        self.text_view = view
        self.highlighter = LogHighlighter(self, dark)
        self._plain_format = QTextCharFormat()
        # One cursor for all insertions: constructing a QTextCursor releases the GIL, and
        # while a reader thread is busy in Python, getting it back costs up to the switch
        # interval (5 ms). For the same reason a flush emits no signal.
        self._cursor = QTextCursor(view.document())

    def _build_actions(self) -> None:
        def action(
            text: str, keys: QKeySequence.StandardKey, slot: Callable[[], object]
        ) -> QAction:
            act = QAction(text, self)
            act.setShortcut(QKeySequence(keys))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(lambda: slot())
            self.addAction(act)
            return act

        self.find_action = action(
            self.tr("Find in log"), QKeySequence.StandardKey.Find, self.focus_search
        )
        self.find_next_action = action(
            self.tr("Next match"), QKeySequence.StandardKey.FindNext, self.find_next
        )
        self.find_previous_action = action(
            self.tr("Previous match"), QKeySequence.StandardKey.FindPrevious, self.find_previous
        )

    # -- feeding -------------------------------------------------------------------------
    def append_lines(self, lines: Sequence[LogLine], skipped: int = 0) -> None:
        """Queue lines for the next flush. Cheap: call it as often as lines arrive.

        ``skipped`` counts lines the caller dropped just before these (a bounded relay
        that fell behind); the view marks the gap like its own drops.
        """
        model, queue = self._model, self._queue
        if self._paused:
            self._paused_new += len(lines) + max(0, skipped)
        if skipped > 0:
            self.stats.lines_dropped += skipped
            self._add_gap(len(queue), skipped)
        if not lines:
            return
        self.stats.lines_received += len(lines)
        if len(lines) >= self.max_blocks:
            # Only the newest max_blocks can survive: drop the rest without touching them
            # (a starved GUI thread can be handed hundreds of thousands at once).
            cut = len(lines) - self.max_blocks
            lost = cut + len(queue)
            self.stats.lines_dropped += lost
            lost += sum(count for _, count in self._gaps)
            self._gaps = [[0, lost]] if lost else []
            if self._tail is not None and self._tail.progress:
                self._replace_tail = True  # whatever redrew it is in the batch or gone
            model.clear()
            queue.clear()
            lines = lines[cut:]
        dropped = max(0, len(queue) + len(lines) - self.max_blocks)
        if dropped:  # extend() below drops these from the front of the queue
            self.stats.lines_dropped += dropped
            self._drop_front(dropped)
        if not (model and model[-1].progress) and not any(line.progress for line in lines):
            model.extend(lines)  # the common case, at C speed
            queue.extend(lines)
        else:
            for line in lines:
                prev = model[-1] if model else None
                if prev is not None and prev.progress and prev.stream == line.stream:
                    # A redraw: the new line replaces the progress line wherever it is.
                    model.pop()
                    if queue:
                        queue.pop()
                        if self._paused:
                            self._paused_new -= 1  # a redraw is not a new line
                        for gap in self._gaps:
                            gap[0] = min(gap[0], len(queue))
                    elif self._tail is prev:
                        self._replace_tail = True
                model.append(line)
                queue.append(line)
        if self._paused:
            self._update_pause_label()
        elif not self._flush_timer.isActive():
            self._flush_timer.start(self._interval)

    def _add_gap(self, position: int, count: int) -> None:
        if self._gaps and self._gaps[-1][0] == position:
            self._gaps[-1][1] += count
        else:
            self._gaps.append([position, count])

    def _drop_front(self, count: int) -> None:
        """``count`` queued lines are dropped from the front: one gap there, others shift."""
        front = count
        rest = []
        for position, skipped in self._gaps:
            if position <= count:
                front += skipped
            else:
                rest.append([position - count, skipped])
        self._gaps = [[0, front], *rest]

    def _gap_note(self, count: int) -> LogLine:
        text = (
            self.tr("… 1 line skipped: it arrived faster than it could be shown")
            if count == 1
            else self.tr("… {n} lines skipped: they arrived faster than they can be shown").format(
                n=count
            )
        )
        return _GapNote(0, "panel", text, 0.0)

    def set_lines(self, lines: Sequence[LogLine]) -> None:
        """Replace everything (another server was selected): shown at once, at the bottom."""
        self._flush_timer.stop()
        self._model.clear()
        self._queue.clear()
        self._paused_new = 0
        self._gaps = []
        self._outcome = None
        self.banner.hide()
        self._model.extend(collapse_progress(lines))
        self._render()
        self._update_pause_label()

    def clear(self) -> None:
        """Forget every line in this view (not the server's own log)."""
        self.set_lines([])

    def flush_now(self) -> None:
        """Show everything queued now, in one insertion (unless paused)."""
        if self._paused or not self._queue:
            return
        self._flush_timer.stop()
        self._flush(len(self._queue))

    # -- crash -------------------------------------------------------------------------
    def show_outcome(self, reason: str, last_lines: Sequence[str]) -> None:
        """A crash: a banner with the reason and the last lines, which are marked below."""
        self._outcome = (reason, tuple(last_lines))
        if self._paused:
            self.pause_button.setChecked(False)  # a crash ends the stream; show its end
        self.flush_now()
        quoted = [
            line if len(line) <= BANNER_LINE_CHARS else line[:BANNER_LINE_CHARS] + "…"
            for line in last_lines[-BANNER_LINES:]
        ]
        parts = [
            f"<b>{html.escape(self.tr('The server stopped unexpectedly'))}</b>",
            f"<br>{html.escape(reason)}",
        ]
        if quoted:
            parts.append(
                f"<br><br>{html.escape(self.tr('Last lines:'))}"
                '<p style="white-space:pre-wrap; font-family:monospace; margin:2px 0 0 0">'
                + html.escape("\n".join(quoted))
                + "</p>"
            )
        self.banner_label.setText("".join(parts))
        self.banner.show()
        self._mark_crash_lines()

    def hide_outcome(self) -> None:
        self._outcome = None
        self.banner.hide()
        self.text_view.setExtraSelections([])

    def _mark_crash_lines(self) -> None:
        """Tint the blocks at the end of the document that are the outcome's last lines."""
        if self._outcome is None:
            return
        want = list(self._outcome[1])
        selections = []
        i = len(want) - 1
        block = self.text_view.document().lastBlock()
        dark = self.text_view.palette().color(QPalette.ColorRole.Base).lightness() < 128
        tint = QColor("#5c1f1f" if dark else "#fde0dc")
        while block.isValid() and i >= 0:
            text = block.text()
            if not text.startswith(PANEL_PREFIX):
                j = i
                while j >= 0 and want[j] != text:  # skip lines the filter or a redraw hid
                    j -= 1
                if j < 0:
                    break  # older than the crash's last lines
                selection = QTextEdit.ExtraSelection()
                selection.cursor = QTextCursor(block)
                selection.format.setBackground(tint)
                selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
                selections.append(selection)
                i = j - 1
            block = block.previous()
        self.text_view.setExtraSelections(selections)

    # -- pause, filter, wrap -----------------------------------------------------------
    @property
    def paused(self) -> bool:
        return self._paused

    @Slot(bool)
    def set_paused(self, paused: bool) -> None:
        if paused == self._paused:
            return
        self._paused = paused
        self.pause_button.setChecked(paused)
        if paused:
            self._flush_timer.stop()
            self._paused_new = len(self._queue)
        else:
            self._paused_new = 0
            if self._queue:
                self._flush_timer.start(0)
        self._update_pause_label()

    def _update_pause_label(self) -> None:
        self.pause_button.setText(self.tr("Resume") if self._paused else self.tr("Pause"))
        show = self._paused and self._paused_new > 0
        if show:
            n = self._paused_new
            self.new_lines_button.setText(
                self.tr("1 new line") if n == 1 else self.tr("{n} new lines").format(n=n)
            )
        self.new_lines_button.setVisible(show)

    @property
    def filter_mode(self) -> LogFilter:
        return self._filter

    def set_filter(self, mode: LogFilter) -> None:
        mode = LogFilter(mode)
        if mode is self._filter:
            return
        self._filter = mode
        index = self.filter_combo.findData(mode)
        if index != self.filter_combo.currentIndex():
            self.filter_combo.setCurrentIndex(index)
        # Hidden lines are re-rendered away rather than hidden with QTextBlock.setVisible:
        # hidden blocks would still count against setMaximumBlockCount (an "errors only"
        # view would keep only the few errors among the last 20,000 lines), still occupy
        # scrollbar steps in QPlainTextEdit, and need a full relayout to show again. A
        # re-render from the bounded model is one insertion of at most max_blocks lines.
        self._render()

    @Slot(int)
    def _on_filter_chosen(self, index: int) -> None:
        self.set_filter(self.filter_combo.itemData(index))

    @Slot(bool)
    def _on_wrap_toggled(self, wrap: bool) -> None:
        self.text_view.setLineWrapMode(
            QPlainTextEdit.LineWrapMode.WidgetWidth if wrap else QPlainTextEdit.LineWrapMode.NoWrap
        )

    # -- copy, save ----------------------------------------------------------------------
    def copy(self) -> None:
        """The selection, or every line shown, to the clipboard."""
        cursor = self.text_view.textCursor()
        if cursor.hasSelection():
            text = cursor.selectedText().replace("\u2029", "\n")
        else:
            text = self.text_view.toPlainText()
        QGuiApplication.clipboard().setText(text)

    def log_text(self) -> str:
        """Every line kept (queued ones too), unfiltered, as a saved file holds it."""
        return "".join(shown_text(line) + "\n" for line in self._model)

    def save(self) -> Path | None:
        """Ask where, then write the log as UTF-8. The dialog confirms an overwrite."""
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save log"),
            f"{self.save_name}.log",
            self.tr("Log files (*.log);;Text files (*.txt);;All files (*)"),
        )
        if not path:
            return None
        try:
            Path(path).write_text(self.log_text(), encoding="utf-8", newline="\n")
        except OSError as exc:
            QMessageBox.warning(
                self,
                self.tr("Could not save the log"),
                self.tr("Could not write {path}: {error}").format(
                    path=path, error=exc.strerror or exc
                ),
            )
            return None
        return Path(path)

    # -- search ------------------------------------------------------------------------
    @property
    def match_count(self) -> int:
        if self._matches_dirty:
            self._refresh_matches()
        return len(self._matches)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def set_search(self, text: str) -> None:
        """Search for ``text`` (case-insensitive, literal) now, without the typing delay."""
        self.search.setText(text)
        self._apply_search()

    @Slot(str)
    def _on_search_edited(self, text: str) -> None:
        self._search_timer.start()

    @Slot()
    def _apply_search(self) -> None:
        self._search_timer.stop()
        text = self.search.text()
        old = self.highlighter.search
        new = re.compile(re.escape(text), re.IGNORECASE) if text else None
        if (old.pattern if old else None) == (new.pattern if new else None):
            return
        self.highlighter.search = new
        self._current = None
        doc = self.text_view.document()
        if new is None or self.highlighter.document() is None:
            # Attaching colours every block once; detaching drops the hit colours.
            self.highlighter.setDocument(doc if new is not None else None)
            if new is not None:
                self.highlighter.rehighlight()  # now, not at Qt's next turn of the loop
            self._refresh_matches()
            self._update_match_label()
            return
        # Rehighlight only the blocks whose colouring changes, not all 20,000.
        changed = [
            number
            for number, line in enumerate(doc.toPlainText().split("\n"))
            if (old is not None and old.search(line)) or (new is not None and new.search(line))
        ]
        if len(changed) > REHIGHLIGHT_ALL_ABOVE:
            self.highlighter.rehighlight()  # ~7 µs a block, against ~30 per rehighlightBlock
        else:
            for number in changed:
                self.highlighter.rehighlightBlock(doc.findBlockByNumber(number))
        self._refresh_matches()
        self._update_match_label()

    def find_next(self) -> None:
        self._step(backward=False)

    def find_previous(self) -> None:
        self._step(backward=True)

    def _step(self, backward: bool) -> None:
        if self._search_timer.isActive():
            self._apply_search()
        if self._matches_dirty:
            self._refresh_matches()
        if not self._matches:
            self._update_match_label()
            return
        starts = [start for start, _ in self._matches]
        current = self._current_index()
        if current is not None:
            index = current - 1 if backward else current + 1
        else:
            # No match selected yet: start from what the user is looking at.
            view = self.text_view
            top = view.cursorForPosition(view.viewport().rect().topLeft()).position()
            bottom = view.cursorForPosition(view.viewport().rect().bottomRight()).position()
            index = (
                bisect.bisect_right(starts, bottom) - 1
                if backward
                else (bisect.bisect_left(starts, top))
            )
        index %= len(self._matches)
        start, end = self._matches[index]
        cursor = QTextCursor(self.text_view.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.text_view.setTextCursor(cursor)
        self.text_view.ensureCursorVisible()
        self._current = QTextCursor(cursor)  # a live cursor: it follows insertions and trims
        self._update_match_label()

    def _current_index(self) -> int | None:
        cursor = self._current
        if cursor is None or not cursor.hasSelection():
            return None
        span = (cursor.selectionStart(), cursor.selectionEnd())
        index = bisect.bisect_left(self._matches, span)
        if index < len(self._matches) and self._matches[index] == span:
            return index
        return None

    def _refresh_matches(self) -> None:
        self._matches_dirty = False
        pattern = self.highlighter.search
        if pattern is None:
            self._matches = []
            return
        text = self.text_view.document().toPlainText()
        spans = [match.span() for match in pattern.finditer(text)]
        if spans and not text.isascii():
            astral = [m.start() for m in _ASTRAL.finditer(text)]
            if astral:  # Qt counts these as two positions
                spans = [
                    (s + bisect.bisect_left(astral, s), e + bisect.bisect_left(astral, e))
                    for s, e in spans
                ]
        self._matches = spans

    @Slot()
    def _update_match_label(self) -> None:
        if self._matches_dirty:
            self._refresh_matches()
        if not self.search.text():
            self.match_label.setText("")
            return
        total = len(self._matches)
        current = self._current_index()
        if total == 0:
            self.match_label.setText(self.tr("No matches"))
        elif current is None:
            self.match_label.setText(
                self.tr("1 match") if total == 1 else self.tr("{n} matches").format(n=total)
            )
        else:
            self.match_label.setText(
                self.tr("{current} of {total}").format(current=current + 1, total=total)
            )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                    self.find_previous()
                else:
                    self.find_next()
                return True
            if key == Qt.Key.Key_Escape:
                self.search.clear()
                self._apply_search()
                return True
        return super().eventFilter(watched, event)

    # -- the document --------------------------------------------------------------------
    def is_at_bottom(self) -> bool:
        bar = self.text_view.verticalScrollBar()
        return bar.value() >= bar.maximum()

    @property
    def pending_count(self) -> int:
        return len(self._queue)

    @Slot()
    def _flush(self, limit: int | None = None) -> None:
        if self._paused or not self._queue:
            return
        started = time.perf_counter()
        queue = self._queue
        # Gap notes take lines of their own; together they must fit in max_blocks.
        count = max(1, min(len(queue), limit or self._chunk, self.max_blocks - len(self._gaps)))
        if count == len(queue):
            batch = list(queue)
            queue.clear()
        else:
            batch = [queue.popleft() for _ in range(count)]
        if self._gaps:
            batch = self._with_gap_notes(batch, count, last=not queue)
        if self._filter is not LogFilter.ALL:
            batch = [
                line for line in batch if isinstance(line, _GapNote) or passes(line, self._filter)
            ]
        replace = self._replace_tail
        self._replace_tail = False
        self._insert(batch, replace)
        if queue:
            self._flush_timer.start(CATCH_UP_MS)  # behind: next chunk after the loop's turn
        if count >= 100:
            # Size the next chunk to about FLUSH_BUDGET_S of work on this machine.
            per_line = (time.perf_counter() - started) / count
            self._chunk = max(
                min(500, self.max_blocks),
                min(self.max_blocks, int(FLUSH_BUDGET_S / max(per_line, 1e-7))),
            )

    def _with_gap_notes(self, batch: list[LogLine], count: int, last: bool) -> list[LogLine]:
        """The batch with a note where lines were dropped; later gaps move up by count."""
        out: list[LogLine] = []
        start = 0
        rest = []
        for position, skipped in self._gaps:
            if position < count or (last and position == count):
                out += batch[start:position]
                out.append(self._gap_note(skipped))
                self.stats.lines_inserted -= 1  # a note, not a line of the log
                start = position
            else:
                rest.append([position - count, skipped])
        out += batch[start:]
        self._gaps = rest
        return out

    def _insert(self, lines: list[LogLine], replace_tail: bool) -> None:
        """One document edit for a whole batch; follows the end only if already there."""
        texts = [shown_text(line) for line in lines[-self.max_blocks :]]
        if not texts and not replace_tail:
            return
        view = self.text_view
        bar = view.verticalScrollBar()
        follow = bar.value() >= bar.maximum()
        top = bar.value()
        doc = view.document()
        text = "\n".join(texts)
        if "\u2029" in text:  # Qt's paragraph separator would split a line into two blocks
            text = text.replace("\u2029", " ")
        replace = replace_tail and self._has_content
        cursor = self._cursor
        # No beginEditBlock(): it would merge the trim at the top and the insertion at the
        # end into one change spanning the whole document, and QSyntaxHighlighter would
        # then re-colour every block instead of only the new ones.
        # Trim the oldest blocks ourselves, before setMaximumBlockCount has to: Qt's own
        # trim removes a range that ends at a block start, which costs ~30 µs a block in
        # QPlainTextDocumentLayout (a 5,000-line trim stalls for 0.15 s); see _trim_top.
        blocks = doc.blockCount() if self._has_content else 0
        excess = blocks + len(texts) - replace - self.max_blocks
        trimmed = 0
        if excess >= blocks > 0:
            cursor.select(QTextCursor.SelectionType.Document)
            cursor.removeSelectedText()
            self._has_content = replace = False
            trimmed = blocks
        elif excess > 0:
            _trim_top(cursor, excess)
            trimmed = excess
        cursor.movePosition(QTextCursor.MoveOperation.End)
        if replace:
            # The last block is a progress line: the batch's first line redraws it.
            cursor.movePosition(
                QTextCursor.MoveOperation.StartOfBlock, QTextCursor.MoveMode.KeepAnchor
            )
            if not texts and cursor.blockNumber() > 0:  # its successor is filtered out
                cursor.movePosition(
                    QTextCursor.MoveOperation.PreviousCharacter, QTextCursor.MoveMode.KeepAnchor
                )
        elif self._has_content and texts:
            text = "\n" + text
        self._insert_coloured(cursor, text, texts)
        if texts:
            self._has_content = True
        elif replace and doc.characterCount() <= 1:
            self._has_content = False  # the redrawn line was the only one
        self._tail = lines[-1] if lines else None
        self.stats.insertions += 1
        self.stats.lines_inserted += len(lines)
        if follow:
            bar.setValue(bar.maximum())
        elif trimmed:
            bar.setValue(max(0, top - trimmed))  # keep the lines the user is reading in place
        if self.highlighter.search is not None:
            self._matches_dirty = True
            if not self._match_timer.isActive():
                self._match_timer.start()

    def _insert_coloured(self, cursor: QTextCursor, text: str, texts: list[str]) -> None:
        """Insert ``text`` (``texts`` joined, maybe after a newline) in runs of one colour.

        A flood of plain lines is one insertion; each change of colour adds one.
        """
        kinds = [_line_kind(t) for t in texts]
        if not any(kinds):
            cursor.insertText(text, self._plain_format)
            return
        lead = text[: len(text) - len("\n".join(texts))]  # "" or the joining newline
        start = 0
        for kind, group in itertools.groupby(range(len(texts)), key=kinds.__getitem__):
            indexes = list(group)
            run = "\n".join(texts[i] for i in indexes)
            if start == 0:
                run = lead + run
            if indexes[-1] < len(texts) - 1:
                run += "\n"
            fmt = self.highlighter.formats[kind] if kind else self._plain_format
            cursor.insertText(run.replace("\u2029", " "), fmt)
            start = indexes[-1] + 1

    def _render(self) -> None:
        """Rebuild the document from the model (filter change, new server, clear)."""
        self.text_view.clear()
        self.text_view.setExtraSelections([])
        self._has_content = False
        self._tail = None
        self._replace_tail = False
        self._current = None
        shown = itertools.islice(self._model, 0, len(self._model) - len(self._queue))
        lines = [line for line in shown if passes(line, self._filter)]
        self._insert(lines, False)
        bar = self.text_view.verticalScrollBar()
        bar.setValue(bar.maximum())
        self._matches_dirty = True
        self._update_match_label()
        if self._outcome is not None:
            self._mark_crash_lines()
