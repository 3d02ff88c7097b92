"""The live log of one server: pulled from its LogBuffer, batched, searchable, filterable.

The view pulls: :meth:`LogView.set_log` names the server's :class:`LogBuffer`, and
:meth:`LogView.new_lines` (cheap, called on the hub's per-server notice) only starts a
timer. At most ``flush_interval_ms`` later one flush asks the buffer for the lines after
the last number shown and inserts them in *one* document edit. Lines the buffer no
longer holds are a gap in the numbers, shown as "N lines not shown — open full log": one
count, wherever they were lost to the view; the run log file has them all (:mod:`.full_log`). A backlog is pulled in chunks sized to a few milliseconds each, so the
event loop keeps turning while the view catches up; lines too old to survive in the
document (``max_blocks``) are skipped rather than fetched.

The GIL matters here more than Qt: while a supervisor reader thread is busy in Python,
every time the GUI thread lets go of the GIL it waits up to the interpreter's switch
interval (5 ms by default) to get it back. The hot path therefore avoids calls that let
go (constructing a QTextCursor, emitting a signal), and bench/log_firehose.py measures
the difference a shorter ``sys.setswitchinterval`` makes.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from panel.core.servers.logbuffer import LogBuffer, LogLine
from panel.ui.log.banner import CrashBanner
from panel.ui.log.buttons import tool_button
from panel.ui.log.document import LogDocument
from panel.ui.log.full_log import FullLog
from panel.ui.log.lines import GapNote, LogFilter, collapse_progress, passes, shown_text
from panel.ui.log.search import LogFinder

DEFAULT_MAX_BLOCKS = 20_000
FLUSH_INTERVAL_MS = 50
CATCH_UP_MS = 10  # behind: the next chunk this soon, leaving the loop (and the GIL) a share
CATCH_UP_LINES = 5_000  # a backlog up to this is shown in full; beyond, it is a flood
# Aim for flushes this short: with painting and GIL waits an event-loop cycle then stays
# well under 30 ms.
FLUSH_BUDGET_S = 0.004


@dataclass
class LogViewStats:
    """Counters for tests and the firehose benchmark."""

    lines_received: int = 0  # lines pulled from the buffer
    insertions: int = 0  # document insertions: at most one per flush
    lines_inserted: int = 0  # log lines among them (skip notes not counted)
    lines_skipped: int = 0  # lines lost before the view could pull them (gaps in the numbers)


class LogView(QWidget):
    """One server's live log with search, severity filter, pause, copy, save and clear.

    Call everything on the GUI thread.
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
        self._log: LogBuffer | None = None
        self._seen = 0  # the number of the last line pulled from _log
        # Every line pulled and kept (progress redraws collapsed), newest last: what the
        # document shows before filtering; the source for re-rendering and for Save.
        self._model: deque[LogLine] = deque(maxlen=max_blocks)
        self._replace_tail = False  # the next flush redraws the last block (progress)
        self._paused = False
        self._filter = LogFilter.ALL
        # Pulls stay under max_blocks so that a skip note always fits beside them.
        self._chunk = min(1000, max(1, max_blocks - 1))
        self._interval = flush_interval_ms
        self._outcome: tuple[str, tuple[str, ...]] | None = None

        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.timeout.connect(self._flush)

        self.document = LogDocument(self, max_blocks)
        self.text_view: QPlainTextEdit = self.document.view
        self.highlighter = self.document.highlighter
        self.finder = LogFinder(self, self.document)
        self.document.on_older_shown = self.finder.lines_added
        self.search = self.finder.edit
        self.prev_button = self.finder.prev_button
        self.next_button = self.finder.next_button
        self.match_label = self.finder.match_label
        self.full_log = FullLog(self, self.text_view)
        self.open_full_log_action = self.full_log.action
        self.finder.full_log = self.full_log
        self.full_log.on_counted = self.finder.update_match_label
        self.banner = CrashBanner(self)
        self.banner_label = self.banner.label
        self.banner.dismiss.clicked.connect(self.hide_outcome)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(self._build_toolbar())
        layout.addWidget(self.banner)
        layout.addWidget(self.text_view, 1)
        self._build_actions()
        self._update_pause_label()

    # -- construction ------------------------------------------------------------------
    def _build_toolbar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(4)
        self.filter_combo = QComboBox(self)
        self.filter_combo.addItem(self.tr("All lines"), LogFilter.ALL)
        self.filter_combo.addItem(self.tr("Warnings and errors"), LogFilter.WARNINGS)
        self.filter_combo.addItem(self.tr("Errors only"), LogFilter.ERRORS)
        self.filter_combo.setToolTip(self.tr("Show only some lines"))
        # Shrinks below its longest item ("Warnings and errors") when the row is short.
        self.filter_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.filter_combo.setMinimumContentsLength(9)
        self.filter_combo.currentIndexChanged.connect(self._on_filter_chosen)
        self.pause_button = tool_button(
            self, self.tr("Pause"), self.tr("Stop showing new lines; they are kept for later")
        )
        self.pause_button.setCheckable(True)
        self.pause_button.toggled.connect(self.set_paused)
        self.new_lines_button = tool_button(
            self, "", self.tr("Resume and show them"), lambda: self.set_paused(False)
        )
        self.new_lines_button.setStyleSheet("font-weight: bold;")
        self.wrap_button = tool_button(self, self.tr("Wrap"), self.tr("Wrap long lines"))
        self.wrap_button.setCheckable(True)
        self.wrap_button.toggled.connect(self._on_wrap_toggled)
        self.copy_button = tool_button(
            self, self.tr("Copy"), self.tr("Copy the selection, or every line shown"), self.copy
        )
        self.save_button = tool_button(
            self,
            self.tr("Save…"),
            self.tr("Save the whole log (unfiltered) to a UTF-8 file"),
            self.save,
        )
        self.clear_button = tool_button(
            self,
            self.tr("Clear"),
            self.tr("Clear this view (the server keeps running)"),
            self.clear,
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
            self.full_log.button,
            self.filter_combo,
            self.pause_button,
            self.wrap_button,
            self.copy_button,
            self.save_button,
            self.clear_button,
        ):
            bar.addWidget(widget)
        return bar

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

    # -- the source ----------------------------------------------------------------------
    @property
    def log(self) -> LogBuffer | None:
        """The buffer this view shows (None: nothing)."""
        return self._log

    def set_log(self, log: LogBuffer | None) -> None:
        """Show this server's log (another server was selected): the lines it keeps at
        once, at the bottom; the rest as :meth:`new_lines` announces them."""
        self._log = log
        self.full_log.set_log(log)
        self._flush_timer.stop()
        self._model.clear()
        self._seen = 0
        self._outcome = None
        self.banner.hide()
        if log is not None:
            got = log.since(log.last_seq - self.max_blocks)
            self._model.extend(collapse_progress(got.lines))
            self._seen = got.lines[-1].seq if got.lines else got.first - 1
        self._render()
        self._update_pause_label()

    def new_lines(self) -> None:
        """The shown log has new lines: they are pulled at the next flush. Cheap; call it
        for every notice."""
        self.full_log.follow()
        if self._paused:
            self._update_pause_label()
        elif self._log is not None and not self._flush_timer.isActive():
            self._flush_timer.start(self._interval)

    @property
    def pending_count(self) -> int:
        """Lines in the buffer that the view has not pulled yet."""
        return 0 if self._log is None else max(0, self._log.last_seq - self._seen)

    def clear(self) -> None:
        """Forget every line in this view, those not shown yet too (not the server's own
        log); new lines appear as they come."""
        self._flush_timer.stop()
        self._model.clear()
        if self._log is not None:
            self._seen = self._log.last_seq
        self._outcome = None
        self.banner.hide()
        self._render()
        self._update_pause_label()

    def flush_now(self) -> None:
        """Show every line not shown yet now, in one insertion (unless paused)."""
        if self._paused or not self.pending_count:
            return
        self._flush_timer.stop()
        self._flush(self.max_blocks - 1)

    # -- pulling ---------------------------------------------------------------------------
    @Slot()
    def _flush(self, limit: int | None = None) -> None:
        log = self._log
        if self._paused or log is None:
            return
        started = time.perf_counter()
        seen = self._seen
        # A burst is caught up in chunks; a backlog beyond CATCH_UP_LINES is a flood, and
        # only its newest chunk is shown, at the normal pace: the GUI gets lines at a
        # bounded rate (a few ms of work per flush interval), the skip note says how many
        # it left out, and the run log file has them all.
        flood = limit is None and log.last_seq - seen > min(CATCH_UP_LINES, self.max_blocks - 1)
        # Lines older than the document can hold would be trimmed at once: skip them.
        oldest = log.last_seq - (self._chunk if flood else self.max_blocks - 1)
        got = log.since(max(seen, oldest), limit or self._chunk)
        lines = got.lines
        next_seq = lines[0].seq if lines else got.first
        skipped = max(0, next_seq - seen - 1)
        if lines:
            self._seen = lines[-1].seq
        elif skipped:
            self._seen = next_seq - 1
        else:
            return
        self.stats.lines_received += len(lines)
        self.stats.lines_skipped += skipped
        batch = self._take(lines, skipped)
        if self._filter is not LogFilter.ALL:
            batch = [
                line for line in batch if isinstance(line, GapNote) or passes(line, self._filter)
            ]
        replace = self._replace_tail
        self._replace_tail = False
        if self.document.insert(batch, replace):
            self.stats.insertions += 1
            self.stats.lines_inserted += len(batch) - (1 if skipped else 0)
            self.finder.lines_added()
        if self.pending_count:
            # Behind: the next chunk after the loop's turn; in a flood, at the normal pace.
            self._flush_timer.start(self._interval if flood else CATCH_UP_MS)
        if len(lines) >= 100:
            # Size the next chunk to about FLUSH_BUDGET_S of work on this machine.
            per_line = (time.perf_counter() - started) / len(lines)
            cap = max(1, self.max_blocks - 1)
            self._chunk = max(min(500, cap), min(cap, int(FLUSH_BUDGET_S / max(per_line, 1e-7))))

    def _take(self, lines: list[LogLine], skipped: int) -> list[LogLine]:
        """Keep pulled lines in the model and return the ones to insert, a skip note first.

        A line redraws the progress line before it (same stream): in this batch the older
        one is simply left out; in the document it is replaced.
        """
        model = self._model
        batch: list[LogLine] = [self._gap_note(skipped)] if skipped else []
        plain = not (model and model[-1].progress) and not any(line.progress for line in lines)
        if plain:
            model.extend(lines)  # the common case, at C speed
            batch.extend(lines)
            return batch
        start = len(batch)
        for line in lines:
            prev = model[-1] if model and not skipped else None
            if prev is not None and prev.progress and prev.stream == line.stream:
                model.pop()
                if len(batch) > start:
                    batch.pop()
                elif self.document.tail is prev:
                    self._replace_tail = True
            model.append(line)
            batch.append(line)
            skipped = 0  # a gap breaks the redraw chain only at its own edge
        return batch

    def _gap_note(self, count: int) -> LogLine:
        # The lines are not lost: the run log has them ("Open full log").
        text = (
            self.tr("… 1 line not shown — open full log")
            if count == 1
            else self.tr("… {n} lines not shown — open full log").format(n=f"{count:,}")
        )
        return GapNote(0, "panel", text, 0.0)

    def _render(self) -> None:
        """Rebuild the document from the model (filter change, new server, clear): the
        newest lines now, the older ones over the next turns of the loop (see render)."""
        self._replace_tail = False
        if self._filter is LogFilter.ALL:
            lines = list(self._model)
        else:
            lines = [line for line in self._model if passes(line, self._filter)]
        self.document.render(lines)
        self.finder.document_replaced()
        if self._outcome is not None:
            self.document.tint_last_lines(self._outcome[1])

    # -- crash -------------------------------------------------------------------------
    def show_outcome(self, reason: str, last_lines: Sequence[str]) -> None:
        """A crash: a banner with the reason and the last lines, which are marked below."""
        self._outcome = (reason, tuple(last_lines))
        if self._paused:
            self.pause_button.setChecked(False)  # a crash ends the stream; show its end
        self.flush_now()
        self.banner.show_outcome(reason, last_lines)
        self.document.tint_last_lines(self._outcome[1])

    def hide_outcome(self) -> None:
        self._outcome = None
        self.banner.hide()
        self.text_view.setExtraSelections([])

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
        elif self.pending_count:
            self._flush_timer.start(0)
        self._update_pause_label()

    def _update_pause_label(self) -> None:
        self.pause_button.setText(self.tr("Resume") if self._paused else self.tr("Pause"))
        n = self.pending_count if self._paused else 0
        if n:
            self.new_lines_button.setText(
                self.tr("1 new line") if n == 1 else self.tr("{n} new lines").format(n=n)
            )
        self.new_lines_button.setVisible(n > 0)

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

    # -- search ------------------------------------------------------------------------
    @property
    def match_count(self) -> int:
        return self.finder.match_count

    def focus_search(self) -> None:
        self.finder.focus()

    def set_search(self, text: str) -> None:
        """Search for ``text`` (case-insensitive, literal) now, without the typing delay."""
        self.finder.set_text(text)

    def find_next(self) -> None:
        self.finder.find_next()

    def find_previous(self) -> None:
        self.finder.find_previous()

    def is_at_bottom(self) -> bool:
        bar = self.text_view.verticalScrollBar()
        return bar.value() >= bar.maximum()

    # -- copy, save ----------------------------------------------------------------------
    def copy(self) -> None:
        """The selection, or every line shown, to the clipboard."""
        cursor = self.text_view.textCursor()
        if cursor.hasSelection():
            text = cursor.selectedText().replace("\u2029", "\n")
        else:
            self.document.render_all()
            text = self.text_view.toPlainText()
        QGuiApplication.clipboard().setText(text)

    def log_text(self) -> str:
        """Every line kept, those not shown yet too, unfiltered, as a saved file holds it."""
        lines: list[LogLine] = list(self._model)
        if self._log is not None and self.pending_count:
            lines = collapse_progress([*lines, *self._log.since(self._seen).lines])
        return "".join(shown_text(line) + "\n" for line in lines)

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
