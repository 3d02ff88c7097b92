"""One-line texts of the GPU cards that change several times a second, painted by the card
rather than laid out by labels: the legend ("■ llama 12.0 GiB    ■ other processes 3.1
GiB") and the figures line ("14.0 / 48.0 GiB · 49 % busy"). A QLabel lays out a document
and asks its layout to recompute on every new text; these are drawn in the card's paint
event, each piece of text shaped once (:class:`TextCache`) and drawn from then on.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QStaticText

from panel.ui.gpu.plot import MUTED_COLOUR

__all__ = ["FigureText", "Legend", "TextCache"]


class TextCache:
    """Each string's shaped text and width in one font, made once: the names, the
    figures and the units repeat from one repaint to the next."""

    def __init__(self, font: QFont, limit: int = 512) -> None:
        self._font = QFont(font)
        self._metrics = QFontMetrics(self._font)
        self._limit = limit
        self._texts: dict[str, tuple[QStaticText, int]] = {}

    @property
    def metrics(self) -> QFontMetrics:
        return self._metrics

    def get(self, text: str) -> tuple[QStaticText, int]:
        made = self._texts.get(text)
        if made is None:
            if len(self._texts) >= self._limit:
                self._texts.clear()
            shaped = QStaticText(text)
            shaped.setTextFormat(Qt.TextFormat.PlainText)  # a server may be called "<b>"
            shaped.prepare(font=self._font)
            made = self._texts[text] = (shaped, self._metrics.horizontalAdvance(text))
        return made

    def width(self, text: str) -> int:
        return self.get(text)[1]

    def draw(self, painter: QPainter, x: float, top: float, text: str) -> int:
        """Draw ``text`` with its top at ``top``; its width."""
        shaped, width = self.get(text)
        painter.drawStaticText(QPointF(x, top), shaped)
        return width


class Legend:
    """One line of "■ name value" entries. Too long for its width: cut off, and complete
    in the card's tooltip."""

    def __init__(self) -> None:
        self._entries: list[tuple[str, str, str]] = []
        self._colours: dict[str, QColor] = {}

    def set_entries(self, entries: Sequence[tuple[str, str, str]]) -> bool:
        """(colour, name, value) per entry; True when that changed what is shown."""
        entries = list(entries)
        if entries == self._entries:
            return False
        self._entries = entries
        return True

    def text(self) -> str:
        """As plain text: "■ llama 12.0 GiB    ■ other processes 3.1 GiB"."""
        return "    ".join(f"■ {name} {value}" for _, name, value in self._entries)

    def paint(self, painter: QPainter, rect: QRect, texts: TextCache, colour: QColor) -> None:
        metrics = texts.metrics
        top = rect.top() + (rect.height() - metrics.height()) / 2
        muted = self._colour(MUTED_COLOUR)
        space = texts.width(" ")
        x = rect.left() + 1.0
        right = rect.right() + 1
        for entry_colour, name, value in self._entries:
            for part, part_colour in (
                ("■", self._colour(entry_colour)),
                (name, colour),
                (value, muted),
            ):
                painter.setPen(part_colour)
                x += texts.draw(painter, x, top, part) + space
            x += space * 3
            if x > right:
                break  # the rest is cut off; the tooltip has it

    def _colour(self, name: str) -> QColor:
        colour = self._colours.get(name)
        if colour is None:
            colour = self._colours[name] = QColor(name)
        return colour


class FigureText:
    """A line of figures that changes several times a second ("14.0 / 48.0 GiB · 49 %
    busy"), right-aligned. Its width is the widest it has been, so the line beside it
    does not move as the figures change. Drawn a part at a time: the parts ("14.0 / 48.0
    GiB", "49 % busy") come back far more often than the whole line, so each is shaped
    once (:class:`TextCache`)."""

    SEPARATOR = " · "

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._colour: QColor | None = None
        self._advance = 0
        self.width = 0

    def set_parts(self, parts: Sequence[str], colour: str | None, texts: TextCache) -> bool:
        """Show ``parts`` joined by " · " (in ``colour``, else the palette's); True when
        that changed it."""
        shown = QColor(colour) if colour is not None else None
        parts = list(parts)
        if parts == self._parts and shown == self._colour:
            return False
        self._parts, self._colour = parts, shown
        separator = texts.width(self.SEPARATOR)
        self._advance = sum(texts.width(part) for part in parts)
        self._advance += separator * max(len(parts) - 1, 0)
        self.width = max(self.width, self._advance + 2)
        return True

    def text(self) -> str:
        return self.SEPARATOR.join(self._parts)

    def paint(self, painter: QPainter, rect: QRect, texts: TextCache, colour: QColor) -> None:
        painter.setPen(self._colour or colour)
        top = rect.top() + (rect.height() - texts.metrics.height()) / 2
        x = rect.right() + 1 - self._advance
        for index, part in enumerate(self._parts):
            if index:
                x += texts.draw(painter, x, top, self.SEPARATOR)
            x += texts.draw(painter, x, top, part)
