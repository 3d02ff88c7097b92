"""The series of a :class:`panel.ui.gpu.plot_canvas.PlotCanvas` (or of the plots sharing a
time axis, a band each), drawn on a transparent pixmap the size of the data area and kept
between repaints.

The pixmap is a ring: when time moves on, the column where the data area starts moves on
by the whole pixels the time axis moved (no pixel is copied), and only what changed is
drawn again: the strip that comes into view at the right edge (the newest samples, drawn
over the columns that left at the left) and whatever data differ from what was drawn. The
owner draws the ring in two pieces. A repaint of a one-minute graph at 4 Hz draws a few
pixels' worth of polygons instead of the whole minute, and moves no pixels but those.

Positions are whole-pixel translations of one absolute grid (x = t × pixels per second −
a whole number), so a scrolled drawing is the drawing a full repaint would make of the
same data, to the pixel: the time axis snaps to the pixel (the newest sample lands within
half a pixel of "now"). Points are thinned to the last one per pixel column of that grid
when there are more than the plot has columns, which is stable as time moves.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shiboken6
from PySide6.QtCore import QPointF, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap, QPolygonF, QTransform

from panel.ui.gpu.series_data import (
    Group,
    Key,
    Span,
    changes,
    distinct,
    groups_of,
    match_times,
    merged,
    span_of,
    thinned,
)

__all__ = ["Band", "Frame", "Series", "SeriesLayer"]

#: Pixels around a change that are drawn again: antialiasing and the pen reach this far.
MARGIN = 3
#: Pixels the layer reaches above the data area (a line at the top edge stays whole).
TOP_SPILL = 2


@dataclass
class Series:
    """One series' look and data: ``t`` in absolute seconds (sorted), ``y`` NaN where the
    line breaks."""

    colour: QColor
    width: float
    fill: QColor | None
    dashed: bool
    antialias: bool
    z: float
    t: np.ndarray = field(default_factory=lambda: np.empty(0))
    y: np.ndarray = field(default_factory=lambda: np.empty(0))
    pen: QPen = field(init=False)
    double: bool = field(init=False)

    def __post_init__(self) -> None:
        # Qt strokes an antialiased pen wider than 1 px as a path, ~30 times the cost of a
        # 1 px line: a wider antialiased line is two 1 px lines half a pixel apart.
        self.double = self.antialias and self.width > 1 and not self.dashed
        self.pen = QPen(self.colour, 1.0 if self.double else self.width)
        self.pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        if self.dashed:
            self.pen.setStyle(Qt.PenStyle.DashLine)


@dataclass(frozen=True)
class Band:
    """One plot on the layer: its rows and its values. Plots that share a time axis (a
    GPU card's memory and utilisation graphs) share a layer, one band each: one scroll,
    one painter and one strip for both."""

    top: int  # the first row of the band on the layer (TOP_SPILL rows above its data area)
    height: int  # data area, logical pixels
    y0: float  # values shown
    y1: float
    gap: float  # neighbours further apart (s) are not joined; 0: always joined

    @property
    def bottom(self) -> int:
        """The row of the data area's bottom edge."""
        return self.top + TOP_SPILL + self.height


@dataclass(frozen=True)
class Frame:
    """What places the series on the layer, other than the time: a change of any of these
    redraws the whole layer."""

    width: int  # data area, logical pixels
    x0: float  # seconds shown, relative to now
    x1: float
    ratio: float  # device pixels per logical pixel
    bands: tuple[Band, ...]

    @property
    def height(self) -> int:
        """Rows of the layer: every band, with what spills above and below."""
        return max((band.bottom + 1 for band in self.bands), default=1)


class SeriesLayer:
    """The drawn series: :meth:`render` brings the pixmap up to date with the data and
    returns it (each band's data area drawn at its top left, ``TOP_SPILL`` pixels lower
    than the band's first row)."""

    def __init__(self) -> None:
        self._pixmap: QPixmap | None = None
        self._frame: Frame | None = None
        self._shift = 0
        #: The pixmap's column of the data area's left edge: the pixmap is a ring, time
        #: moving on moves this instead of the pixels (a scroll would copy them all).
        self.offset = 0
        self._drawn: dict[Key, tuple[np.ndarray, np.ndarray]] = {}
        self._groups: dict[Key, Group] = {}
        self._polygons: dict[tuple[int, int], tuple[QPolygonF, np.ndarray]] = {}
        self._x_written: dict[tuple[int, int], np.ndarray | None] = {}
        #: How many times the whole layer, and how many times strips, were drawn.
        self.full_redraws = 0
        self.strip_redraws = 0

    def invalidate(self) -> None:
        """Draw everything at the next render (a series came or went, or changed look)."""
        self._frame = None

    def render(
        self, series: Sequence[Sequence[tuple[str, Series]]], frame: Frame, now: float
    ) -> QPixmap:
        """``series[i]``: band i's series, bottom first (z order); ``now`` is the time at
        x = 0."""
        width, height = frame.width + 1, frame.height
        span = frame.x1 - frame.x0
        scale = frame.width / span if span > 0 else 0.0
        shift = round((now + frame.x1) * scale) - frame.width
        data = {
            (i, key): (s.t, s.y)
            if len(s.t) <= frame.width or scale <= 0
            else thinned(s.t, s.y, scale, frame.width, band.gap)
            for i, (band, band_series) in enumerate(zip(frame.bands, series, strict=True))
            for key, s in band_series
        }
        groups = groups_of(data)
        ranges: list[tuple[float, float]] = []
        pixmap = self._pixmap
        # Scrolling by a fraction of a device pixel would blur: such screens redraw it all.
        full = (
            pixmap is None
            or self._frame != frame
            or data.keys() != self._drawn.keys()
            or frame.ratio != round(frame.ratio)
            or not 0 <= shift - self._shift < width
        )
        if pixmap is None or full:
            pixmap = QPixmap(QSize(width, height) * frame.ratio)
            pixmap.setDevicePixelRatio(frame.ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            ranges.append((0.0, float(width)))
            self.offset = 0
            self.full_redraws += 1
        else:
            moved = shift - self._shift
            if moved:
                self.offset = (self.offset + moved) % width
                ranges.append((width - moved - MARGIN, width))
            for low, high in self._changes(data, groups):
                ranges.append((low * scale - shift - MARGIN, high * scale - shift + MARGIN))
            if ranges:
                self.strip_redraws += 1
        self._pixmap, self._frame, self._shift, self._drawn = pixmap, frame, shift, data
        self._groups = groups
        spans = merged(ranges, width)
        if spans:
            painter = QPainter(pixmap)
            offset = self.offset
            for low, high in spans:
                # Columns past the ring's end wrap to its start: drawn there, moved back.
                for start, stop, dx in (
                    (low, min(high, width - offset), offset),
                    (max(low, width - offset), high, offset - width),
                ):
                    if stop > start:
                        painter.setTransform(QTransform.fromTranslate(dx, 0))
                        self._draw_range(
                            painter, series, groups, frame, scale, shift, start, stop, full
                        )
            painter.end()
        return pixmap

    def _changes(
        self, data: dict[Key, tuple[np.ndarray, np.ndarray]], groups: dict[Key, Group]
    ) -> list[tuple[float, float]]:
        """The time ranges where the new data is drawn differently from the old."""
        found: list[tuple[float, float]] = []
        for keys, (t, values, _) in distinct(groups):
            old = self._groups.get(keys[0])
            if old is not None and old[2] == keys:
                old_t = old[0]
                match = match_times(old_t, t)
                if match is not None and match[3]:
                    # One comparison for the whole stack: usually nothing but new samples.
                    j, common = match[1], match[2]
                    if (old[1][:, j : j + common] == values[:, :common]).all():
                        found += changes(match, old_t, None, t, None)
                        continue
            for key in keys:  # a series at a time (a break, a revised figure)
                old_t, old_y = self._drawn[key]
                new_t, new_y = data[key]
                found += changes(match_times(old_t, new_t), old_t, old_y, new_t, new_y)
        return found

    def _draw_range(
        self,
        painter: QPainter,
        series: Sequence[Sequence[tuple[str, Series]]],
        groups: dict[Key, Group],
        frame: Frame,
        scale: float,
        shift: int,
        low: int,
        high: int,
        fresh: bool,
    ) -> None:
        column = QRect(low, 0, high - low, frame.height)
        if not fresh:
            painter.setClipRect(column)
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
            painter.fillRect(column, Qt.GlobalColor.transparent)
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        # The points inside the range, and one beyond each side for the lines crossing its
        # edges (further than MARGIN away, so a fill's closing edge stays outside).
        t_low = (low - MARGIN + shift) / scale if scale else -math.inf
        t_high = (high + MARGIN + shift) / scale if scale else math.inf
        pen = _Pen(painter)
        self._x_written.clear()
        for i, (band, band_series) in enumerate(zip(frame.bands, series, strict=True)):
            # Each band's drawing stays in its rows (a fill's base, a line at the top).
            painter.setClipRect(QRect(low, band.top, high - low, band.bottom + 1 - band.top))
            y_span = band.y1 - band.y0
            y_scale = band.height / y_span if y_span else 0.0
            bottom = band.bottom
            base = min(max(bottom + band.y0 * y_scale, band.top + TOP_SPILL), bottom)
            # Series that share their times (a card's stacked layers) are sliced, placed
            # and checked for breaks together.
            spans: dict[tuple[Key, ...], Span | None] = {}
            for key, style in band_series:
                t, values, keys = groups[i, key]
                if keys not in spans:
                    spans[keys] = span_of(
                        t, values, t_low, t_high, scale, shift, bottom, band.y0, band.gap, y_scale
                    )
                span = spans[keys]
                if span is None:
                    continue
                px, block, gaps, whole = span
                self._draw_series(pen, style, px, block[keys.index((i, key))], gaps, whole, base)

    def _draw_series(
        self,
        pen: _Pen,
        series: Series,
        px: np.ndarray,
        py: np.ndarray,
        gaps: np.ndarray | None,
        whole: bool,
        base: float,
    ) -> None:
        """One series' runs of joined points (``gaps[i]``: no line from point i to i + 1):
        fill down to ``base``, then the line. ``whole``: one run, no break or gap."""
        if whole:
            runs: list[tuple[int, int]] = [(0, len(px))]
        else:
            ok = np.isfinite(py)
            joined = ok.copy()
            joined[0] = False
            joined[1:] &= ok[:-1]
            if gaps is not None:
                joined[1:] &= ~gaps
            starts = np.flatnonzero(ok & ~joined).tolist()
            ends = (np.flatnonzero(ok & ~np.append(joined[1:], False)) + 1).tolist()
            runs = list(zip(starts, ends, strict=True))
        painter = pen.painter
        pen.antialias(series.antialias)
        offset = (series.width - 1) * 0.75
        for start, stop in runs:
            count = stop - start
            if series.fill is not None:
                # The line's points, then down to the base.
                polygon, view, written = self._polygon(count + 2, 0, px if whole else None)
                if not written:
                    view[:count, 0] = px[start:stop]
                    view[count:, 0] = (px[stop - 1], px[start])
                    view[count:, 1] = base
                view[:count, 1] = py[start:stop]
                pen.fill(series.fill)
                painter.drawPolygon(_ready(polygon, view))
            line, view, written = self._polygon(count, 1, px if whole else None)
            if not written:
                view[:, 0] = px[start:stop]
            view[:, 1] = py[start:stop]
            line = _ready(line, view)
            pen.line(series.pen)
            painter.drawPolyline(line)
            if series.double:
                painter.translate(offset, offset)
                painter.drawPolyline(line)
                painter.translate(-offset, -offset)

    def _polygon(
        self, count: int, slot: int, px: np.ndarray | None
    ) -> tuple[QPolygonF, np.ndarray, bool]:
        """The kept polygon of ``count`` points (``slot`` keeps a fill's polygon and its
        line's apart), a numpy view of its points, and whether its x values (and a fill's
        base) are those of ``px`` already, written for a series before this one. Strips
        have the same few points each time: nothing is allocated per series."""
        key = (count, slot)
        made = self._polygons.get(key)
        if made is None:
            if len(self._polygons) > 64:
                self._polygons.clear()
                self._x_written.clear()
            made = self._polygons[key] = _polygon(count)
        written = px is not None and self._x_written.get(key) is px
        self._x_written[key] = px
        return made[0], made[1], written


class _Pen:
    """The painter's pen, brush and antialiasing, set only when they change: the Qt call
    costs more than the comparison."""

    def __init__(self, painter: QPainter) -> None:
        self.painter = painter
        self._smooth: bool | None = None
        self._pen: QPen | None = None
        self._brush: QColor | None = None

    def antialias(self, on: bool) -> None:
        if on is not self._smooth:
            self._smooth = on
            self.painter.setRenderHint(QPainter.RenderHint.Antialiasing, on)

    def fill(self, colour: QColor) -> None:
        if self._pen is not None or self._brush is None:
            self.painter.setPen(Qt.PenStyle.NoPen)
            self._pen = None
        if colour is not self._brush:
            self.painter.setBrush(colour)
            self._brush = colour

    def line(self, pen: QPen) -> None:
        if pen is not self._pen:
            self.painter.setPen(pen)
            self._pen = pen


def _polygon(count: int) -> tuple[QPolygonF, np.ndarray]:
    """A QPolygonF of ``count`` points and a numpy view of its storage (count × 2 doubles):
    writing the view fills the polygon at C speed (a QPointF per point from Python costs
    ~1 µs each). Draw :func:`_ready` of it."""
    polygon = QPolygonF()
    if not _WRITES_THROUGH:  # pragma: no cover  # PySide6 6.x writes through data()
        return polygon, np.empty((count, 2))
    polygon.resize(count)
    # The stubs know neither data()'s pointer nor VoidPtr's size and writable flag.
    pointer: Any = shiboken6.VoidPtr(polygon.data(), count * 16, True)  # type: ignore[call-arg, arg-type]
    return polygon, np.frombuffer(pointer, np.double).reshape(-1, 2)


def _ready(polygon: QPolygonF, view: np.ndarray) -> QPolygonF:
    """The polygon of the view's points."""
    if _WRITES_THROUGH:
        return polygon
    return QPolygonF([QPointF(x, y) for x, y in view.tolist()])  # pragma: no cover


def _check_polygon() -> bool:
    """Whether writing through QPolygonF.data() fills the polygon, as it does in PySide6 6."""
    try:
        polygon, view = _polygon(2)
        view[:] = ((1.0, 3.0), (2.0, 4.0))
        points = [polygon.at(i) for i in range(polygon.size())]
    except Exception:  # another binding's layout: fall back, stay correct
        return False
    return [(p.x(), p.y()) for p in points] == [(1.0, 3.0), (2.0, 4.0)]


_WRITES_THROUGH = True
_WRITES_THROUGH = _check_polygon()
