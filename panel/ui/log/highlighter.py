"""The colours of the log: one text format per kind of line, and search hits."""

from __future__ import annotations

import re

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat

from panel.ui.log.lines import LineKind, u16


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
        self.plain_format = QTextCharFormat()
        self.match_format = QTextCharFormat()
        self.match_format.setBackground(QColor("#ffd54f"))
        self.match_format.setForeground(QColor("#000000"))

    def format_for(self, kind: LineKind) -> QTextCharFormat:
        return self.formats[kind] if kind else self.plain_format

    def highlightBlock(self, text: str) -> None:
        if self.search is not None:
            for match in self.search.finditer(text):
                start = u16(text, match.start())
                self.setFormat(start, u16(text, match.end()) - start, self.match_format)
