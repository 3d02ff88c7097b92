"""Searching the log: the search field, previous/next, the match count, the hit colours.

Search is literal and case-insensitive. Hits are coloured by the highlighter, which is
attached to the document only while a search is active; while lines stream in, the
count is refreshed at most a few times a second.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QLabel, QLineEdit, QStyle, QToolButton, QWidget

from panel.ui.log.buttons import tool_button
from panel.ui.log.document import LogDocument
from panel.ui.log.lines import ASTRAL

if TYPE_CHECKING:
    from panel.ui.log.full_log import FullLog

REHIGHLIGHT_ALL_ABOVE = 4000  # blocks; past this one full rehighlight() is cheaper


class LogFinder(QObject):
    """The search field and its buttons, for one :class:`LogDocument`."""

    def __init__(self, parent: QWidget, document: LogDocument) -> None:
        super().__init__(parent)
        self._doc = document
        self.highlighter = document.highlighter
        self._matches: list[tuple[int, int]] = []  # (start, end) in document positions
        self._matches_dirty = False
        self._current: QTextCursor | None = None  # the selected match; Qt keeps it current
        self.full_log: FullLog | None = None  # counts the hits in the run's whole file

        self.edit = QLineEdit(parent)
        self.edit.setPlaceholderText(self.tr("Search the log (Ctrl+F)"))
        self.edit.setClearButtonEnabled(True)
        self.edit.setMinimumWidth(160)
        self.edit.textChanged.connect(self._on_search_edited)
        self.edit.installEventFilter(self)
        style = parent.style()
        self.prev_button: QToolButton = tool_button(
            parent, "", self.tr("Previous match (Shift+Enter)"), self.find_previous
        )
        self.prev_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowUp))
        self.next_button = tool_button(parent, "", self.tr("Next match (Enter)"), self.find_next)
        self.next_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowDown))
        self.match_label = QLabel(parent)
        self.match_label.setMinimumWidth(70)

        self._search_timer = QTimer(self)  # debounce typing: rehighlighting is not free
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)
        self._search_timer.timeout.connect(self.apply)
        self._match_timer = QTimer(self)  # recount matches at most this often while streaming
        self._match_timer.setSingleShot(True)
        self._match_timer.setInterval(250)
        self._match_timer.timeout.connect(self._update_match_label)

    @property
    def match_count(self) -> int:
        if self._matches_dirty:
            self._refresh_matches()
        return len(self._matches)

    def focus(self) -> None:
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def set_text(self, text: str) -> None:
        """Search for ``text`` now, without the typing delay."""
        self.edit.setText(text)
        self.apply()

    def lines_added(self) -> None:
        """The document grew (or was trimmed): recount soon, not on every batch."""
        if self.highlighter.search is not None:
            self._matches_dirty = True
            if not self._match_timer.isActive():
                self._match_timer.start()

    def document_replaced(self) -> None:
        """The document was rebuilt: no match is selected any more."""
        self._current = None
        self._matches_dirty = True
        self._update_match_label()

    @Slot(str)
    def _on_search_edited(self, text: str) -> None:
        self._search_timer.start()

    @Slot()
    def apply(self) -> None:
        self._search_timer.stop()
        text = self.edit.text()
        old = self.highlighter.search
        new = re.compile(re.escape(text), re.IGNORECASE) if text else None
        if (old.pattern if old else None) == (new.pattern if new else None):
            return
        self.highlighter.search = new
        self._current = None
        if self.full_log is not None:
            self.full_log.search(text)
        doc = self._doc.view.document()
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
            if (old is not None and old.search(line)) or new.search(line)
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
            self.apply()
        elif self.full_log is not None:
            self.full_log.search(self.edit.text())  # the file has grown since
        if self._matches_dirty:
            self._refresh_matches()
        if not self._matches:
            self._update_match_label()
            return
        starts = [start for start, _ in self._matches]
        current = self._current_index()
        view = self._doc.view
        if current is not None:
            index = current - 1 if backward else current + 1
        else:
            # No match selected yet: start from what the user is looking at.
            top = view.cursorForPosition(view.viewport().rect().topLeft()).position()
            bottom = view.cursorForPosition(view.viewport().rect().bottomRight()).position()
            index = (
                bisect.bisect_right(starts, bottom) - 1
                if backward
                else (bisect.bisect_left(starts, top))
            )
        index %= len(self._matches)
        start, end = self._matches[index]
        cursor = QTextCursor(view.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        view.setTextCursor(cursor)
        view.ensureCursorVisible()
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
        text = self._doc.view.document().toPlainText()
        spans = [match.span() for match in pattern.finditer(text)]
        if spans and not text.isascii():
            astral = [m.start() for m in ASTRAL.finditer(text)]
            if astral:  # Qt counts these as two positions
                spans = [
                    (s + bisect.bisect_left(astral, s), e + bisect.bisect_left(astral, e))
                    for s, e in spans
                ]
        self._matches = spans

    def update_match_label(self) -> None:
        self._update_match_label()

    @Slot()
    def _update_match_label(self) -> None:
        if self._matches_dirty:
            self._refresh_matches()
        if not self.edit.text():
            self.match_label.setText("")
            return
        total = len(self._matches)
        current = self._current_index()
        if total == 0:
            text = self.tr("No matches")
        elif current is None:
            text = self.tr("1 match") if total == 1 else self.tr("{n} matches").format(n=total)
        else:
            text = self.tr("{current} of {total}").format(current=current + 1, total=total)
        hits = self.full_log.file_hits if self.full_log is not None else None
        if hits is not None and hits != total:
            # The view holds the newest lines; the run log file holds them all.
            text = self.tr("{shown} · {n} in the full log").format(shown=text, n=f"{hits:,}")
        self.match_label.setText(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                    self.find_previous()
                else:
                    self.find_next()
                return True
            if key == Qt.Key.Key_Escape:
                self.edit.clear()
                self.apply()
                return True
        return super().eventFilter(watched, event)
