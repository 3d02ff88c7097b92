"""One-line texts of the GPU cards that change several times a second, painted rather
than laid out: the legend ("■ llama 12.0 GiB    ■ other processes 3.1 GiB") and the
figures line ("14.0 / 48.0 GiB · 49 % busy"). A QLabel lays out a document and asks its
layout to recompute on every new text; these repaint themselves only.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from panel.ui.gpu.plot import MUTED_COLOUR

__all__ = ["FigureLabel", "Legend"]


class Legend(QWidget):
    """One line of "■ name value" entries, painted (a rich-text QLabel lays out a whole
    document on every change, four times a second per GPU). Too long for the width: cut
    off, and complete in the tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[tuple[str, str, str]] = []
        self._widths: dict[str, int] = {}  # names and figures repeat: measure each once
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def set_entries(self, entries: Sequence[tuple[str, str, str]]) -> bool:
        """(colour, name, value) per entry; True when that changed what is shown."""
        entries = list(entries)
        if entries == self._entries:
            return False
        self._entries = entries
        self.setToolTip(self.text())
        self.update()
        return True

    def text(self) -> str:
        """As plain text: "■ llama 12.0 GiB    ■ other processes 3.1 GiB"."""
        return "    ".join(f"■ {name} {value}" for _, name, value in self._entries)

    def sizeHint(self) -> QSize:
        return QSize(200, self.fontMetrics().height() + 2)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self.fontMetrics().height() + 2)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        metrics = self.fontMetrics()
        baseline = (self.height() + metrics.ascent() - metrics.descent()) / 2
        text = self.palette().windowText().color()
        muted = QColor(MUTED_COLOUR)
        if len(self._widths) > 512 or self._widths.get("\x00font") != hash(self.font().key()):
            self._widths = {"\x00font": hash(self.font().key())}
        widths = self._widths
        space = widths.get(" ") or widths.setdefault(" ", metrics.horizontalAdvance(" "))
        x = 1.0
        for colour, name, value in self._entries:
            for part, part_colour in (("■", QColor(colour)), (name, text), (value, muted)):
                painter.setPen(part_colour)
                painter.drawText(QPointF(x, baseline), part)
                width = widths.get(part)
                if width is None:
                    width = widths[part] = metrics.horizontalAdvance(part)
                x += width + space
            x += space * 3
            if x > self.width():
                break  # the rest is cut off; the tooltip has it
        painter.end()


class FigureLabel(QWidget):
    """A line of figures that changes several times a second ("14.0 / 48.0 GiB · 49 %
    busy"), right-aligned and painted. A QLabel asks its layout to recompute on every new
    text, and the whole tab's layout follows; this one asks only when it needs more
    width than it ever had."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._colour: QColor | None = None
        self._width = 0
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_text(self, text: str, colour: str | None = None) -> bool:
        """Show ``text`` (in ``colour``, else the palette's); True when that changed it."""
        shown = QColor(colour) if colour is not None else None
        if text == self._text and shown == self._colour:
            return False
        self._text, self._colour = text, shown
        width = self.fontMetrics().horizontalAdvance(text) + 2
        if width > self._width:
            self._width = width
            self.updateGeometry()
        self.update()
        return True

    def text(self) -> str:
        return self._text

    def sizeHint(self) -> QSize:
        return QSize(self._width, self.fontMetrics().height() + 2)

    def minimumSizeHint(self) -> QSize:
        return QSize(min(self._width, 80), self.fontMetrics().height() + 2)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self._colour or self.palette().windowText().color())
        align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(self.rect(), align, self._text)
        painter.end()
