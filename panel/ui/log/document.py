"""The text the log view shows: a bounded QPlainTextEdit filled one batch at a time.

Each batch is *one* edit of the document (the approach of qtconsole's ``ConsoleWidget``),
in runs of one colour; the oldest blocks are trimmed by hand, faster than Qt's own trim;
the view follows the end only when the user is already there.

Memory: a block holds ~1 KB (its text in UTF-16, Qt's block data) until it is painted;
once painted, Qt keeps its glyph layout, ~57 bytes a character (6.5 KB for a 112-character
llama.cpp line), for as long as the block lives, and neither ``QTextBlock.clearLayout``
nor ``QTextLayout.setText`` gives it back (measured with ``mallinfo2``, PySide 6.11). A
live log paints nearly every line as it arrives, so a full view held ~150 MB. Replacing
the document's layout object deletes every block's layout (``QTextBlockData::free``):
:meth:`LogDocument.release_layouts` does it after about :data:`RELEASE_AFTER_LINES`
painted lines, ~1-4 ms for 20,000 blocks, so the view holds ~1 KB a line plus at most
that many laid-out lines.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QPalette,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QPlainTextDocumentLayout, QPlainTextEdit, QTextEdit, QWidget

from panel.core.servers.logbuffer import LogLine
from panel.ui.log.highlighter import LogHighlighter
from panel.ui.log.lines import PANEL_PREFIX, line_kind, shown_text

# Mono fonts first; the CJK families are fallbacks for the glyphs the first one lacks
# (Noto Sans Mono CJK keeps the 2:1 cell width, so CJK columns still line up).
_MONO_FALLBACKS = (
    "DejaVu Sans Mono",
    "Noto Sans Mono CJK SC",
    "Noto Sans Mono CJK JP",
    "Noto Sans CJK SC",
    "WenQuanYi Zen Hei Mono",
)


# A re-render (another server selected, a filter, Clear) shows this many newest lines at
# once and puts the older ones above them RENDER_CHUNK at a time, one chunk per turn of
# the loop: 20,000 lines in one insertion froze the window for 170-200 ms on every click.
RENDER_FIRST = 1_000
RENDER_CHUNK = 1_000
RENDER_PAUSE_MS = 10

# Painted lines (estimated: the lines a flush shows at the end, the lines scrolled past)
# after which the blocks' layouts are released: ~6.5 MB of a ~120-character log.
RELEASE_AFTER_LINES = 1_000


def make_text_view(parent: QWidget, max_blocks: int) -> QPlainTextEdit:
    view = QPlainTextEdit(parent)
    view.setReadOnly(True)
    view.setUndoRedoEnabled(False)
    view.setMaximumBlockCount(max_blocks)
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
    return view


def is_dark(view: QPlainTextEdit) -> bool:
    return view.palette().color(QPalette.ColorRole.Base).lightness() < 128


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


class LogDocument:
    """The log's QPlainTextEdit and what it holds: at most ``max_blocks`` lines."""

    def __init__(self, parent: QWidget, max_blocks: int) -> None:
        self.max_blocks = max_blocks
        self.view = make_text_view(parent, max_blocks)
        self.highlighter = LogHighlighter(self.view, is_dark(self.view))
        # One cursor for all insertions: constructing a QTextCursor releases the GIL, and
        # while a reader thread is busy in Python, getting it back costs up to the switch
        # interval (5 ms). For the same reason an insertion emits no signal.
        self._cursor = QTextCursor(self.view.document())
        self.has_content = False
        self.tail: LogLine | None = None  # the line in the document's last block
        self.painted = 0  # lines painted (estimated) since the layouts were last released
        self.view.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self._scrolled_to = 0
        self._older: list[LogLine] = []  # what render() has still to put above, oldest first
        self._older_timer = QTimer(self.view)
        self._older_timer.setSingleShot(True)
        self._older_timer.timeout.connect(self._show_older)
        self.on_older_shown: Callable[[], None] | None = None  # the search recounts

    def render(self, lines: list[LogLine]) -> None:
        """Show these lines instead: the newest now, at the bottom; the older ones above
        them a chunk per turn of the loop."""
        self.clear()
        self._older = lines[:-RENDER_FIRST]
        self.insert(lines[-RENDER_FIRST:], False)
        self.scroll_to_end()
        if self._older:
            self._older_timer.start(RENDER_PAUSE_MS)

    def render_all(self) -> None:
        """Finish a render now."""
        while self._older:
            self._show_older()

    def _show_older(self) -> None:
        older = self._older
        # New lines may have come meanwhile: only what still fits under the cap goes in,
        # the newest of these first.
        room = max(0, self.max_blocks - self.view.document().blockCount())
        chunk = older[len(older) - min(RENDER_CHUNK, room, len(older)) :]
        del older[len(older) - len(chunk) :]
        if room <= len(chunk):
            older.clear()  # the rest is older than the document can hold
        if chunk:
            self.prepend(chunk)
            if self.on_older_shown is not None:
                self.on_older_shown()
        if older:
            self._older_timer.start(RENDER_PAUSE_MS)

    def _on_scrolled(self, value: int) -> None:
        # Scrolling paints the lines it brings into view (one step is one line: no wrap),
        # a page at most.
        self._count_painted(min(abs(value - self._scrolled_to), self._page_lines()))
        self._scrolled_to = value

    def _count_painted(self, lines: int) -> None:
        self.painted += lines
        if self.painted >= RELEASE_AFTER_LINES:
            self.release_layouts()

    def release_layouts(self) -> bool:
        """Give back what Qt keeps for every painted block (see the module's doc); the
        visible lines are laid out again at the next paint. Not while a search colours
        hits (the colours live in the blocks' layouts), nor while long lines wrap: the
        new layout object would need the wrap width, and setting it lays out every block
        again (QPlainTextDocumentLayout.setTextWidth); Wrap is a choice the user makes
        for a while, and the memory is given back once it is off."""
        view = self.view
        bar = view.verticalScrollBar()
        if (
            self.highlighter.document() is not None
            or view.lineWrapMode() is not QPlainTextEdit.LineWrapMode.NoWrap
        ):
            return False
        self.painted = 0  # first: the scroll bar moves while the layout is replaced
        doc = view.document()
        top = bar.value()
        doc.setDocumentLayout(QPlainTextDocumentLayout(doc))
        bar.setValue(top)
        self._scrolled_to = bar.value()
        return True

    def clear(self) -> None:
        self._older_timer.stop()
        self._older = []
        self.view.clear()  # deletes the blocks and their layouts
        self.view.setExtraSelections([])
        self.has_content = False
        self.tail = None
        self.painted = 0

    def scroll_to_end(self) -> None:
        bar = self.view.verticalScrollBar()
        bar.setValue(bar.maximum())

    def insert(self, lines: Sequence[LogLine], replace_tail: bool) -> bool:
        """One document edit for a whole batch; follows the end only if already there.

        ``replace_tail``: the last block is a progress line that the batch's first line
        redraws (or that goes, if the batch is empty). Returns whether anything changed.
        """
        texts = [shown_text(line) for line in lines[-self.max_blocks :]]
        if not texts and not replace_tail:
            return False
        view = self.view
        bar = view.verticalScrollBar()
        follow = bar.value() >= bar.maximum()
        top = bar.value()
        doc = view.document()
        text = "\n".join(texts)
        replace = replace_tail and self.has_content
        cursor = self._cursor
        # No beginEditBlock(): it would merge the trim at the top and the insertion at the
        # end into one change spanning the whole document, and QSyntaxHighlighter would
        # then re-colour every block instead of only the new ones.
        # Trim the oldest blocks ourselves, before setMaximumBlockCount has to: Qt's own
        # trim removes a range that ends at a block start, which costs ~30 µs a block in
        # QPlainTextDocumentLayout (a 5,000-line trim stalls for 0.15 s); see _trim_top.
        blocks = doc.blockCount() if self.has_content else 0
        excess = blocks + len(texts) - replace - self.max_blocks
        trimmed = 0
        if excess >= blocks > 0:
            cursor.select(QTextCursor.SelectionType.Document)
            cursor.removeSelectedText()
            self.has_content = replace = False
            trimmed = blocks
        elif excess > 0:
            _trim_top(cursor, excess)
            trimmed = excess
        cursor.movePosition(QTextCursor.MoveOperation.End)
        if replace:
            cursor.movePosition(
                QTextCursor.MoveOperation.StartOfBlock, QTextCursor.MoveMode.KeepAnchor
            )
            if not texts and cursor.blockNumber() > 0:  # its successor is filtered out
                cursor.movePosition(
                    QTextCursor.MoveOperation.PreviousCharacter, QTextCursor.MoveMode.KeepAnchor
                )
        elif self.has_content and texts:
            text = "\n" + text
        self._insert_coloured(cursor, text, texts)
        if texts:
            self.has_content = True
        elif replace and doc.characterCount() <= 1:
            self.has_content = False  # the redrawn line was the only one
        self.tail = lines[-1] if lines else None
        if follow:
            bar.setValue(bar.maximum())
            # The end is shown: the new lines that fit on a page get painted.
            self._count_painted(min(len(texts), self._page_lines()))
        elif trimmed:
            bar.setValue(max(0, top - trimmed))  # keep the lines the user is reading in place
        return True

    def prepend(self, lines: Sequence[LogLine]) -> None:
        """Older lines above the first one (a re-render's later chunks), the lines the
        user is reading kept in place."""
        texts = [shown_text(line) for line in lines]
        if not texts:
            return
        bar = self.view.verticalScrollBar()
        follow = bar.value() >= bar.maximum()
        top = bar.value()
        cursor = self._cursor
        cursor.setPosition(0)
        self._insert_coloured(cursor, "\n".join(texts), texts)
        if self.has_content:
            cursor.insertText("\n", self.highlighter.plain_format)
        else:
            self.tail = lines[-1]
        self.has_content = True
        bar.setValue(bar.maximum() if follow else top + len(texts))

    def _page_lines(self) -> int:
        return self.view.viewport().height() // max(1, self.view.fontMetrics().lineSpacing()) + 1

    def _insert_coloured(self, cursor: QTextCursor, text: str, texts: list[str]) -> None:
        """Insert ``text`` (``texts`` joined, maybe after a newline) in runs of one colour.

        A flood of plain lines is one insertion; each change of colour adds one.
        """
        formats = self.highlighter
        kinds = [line_kind(t) for t in texts]
        if not any(kinds):
            cursor.insertText(_one_paragraph(text), formats.plain_format)
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
            cursor.insertText(_one_paragraph(run), formats.format_for(kind))
            start = indexes[-1] + 1

    def tint_last_lines(self, want: Sequence[str]) -> None:
        """Tint the blocks at the end of the document that are ``want`` (a crash's last
        lines), skipping panel notes and lines a filter or a redraw hid."""
        selections = []
        i = len(want) - 1
        block = self.view.document().lastBlock()
        tint = QColor("#5c1f1f" if is_dark(self.view) else "#fde0dc")
        while block.isValid() and i >= 0:
            text = block.text()
            if not text.startswith(PANEL_PREFIX):
                j = i
                while j >= 0 and want[j] != text:
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
        self.view.setExtraSelections(selections)


def _one_paragraph(text: str) -> str:
    # Qt's paragraph separator would split a line into two blocks.
    return text.replace("\u2029", " ") if "\u2029" in text else text
