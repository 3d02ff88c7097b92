""":class:`PlotCanvas`, the light QPainter plot the GPU graphs and the server figures are
drawn with: not a widget, but a rectangle of its owner's that the owner paints by calling
:meth:`PlotCanvas.paint` (a GPU card paints both its graphs, its figures and its legend
in one paint event; :class:`panel.ui.gpu.time_plot.TimePlot` is a canvas in a widget of
its own).

A repaint draws two cached pixmaps and the labelled lines: the background (grid, axes,
tick labels: rebuilt only when the size or a range changes) and the series layer
(:mod:`panel.ui.gpu.series_layer`: scrolled as time moves, only the newest strip and
whatever changed drawn again). New data asks the owner to repaint only the data area.
No scene graph, no per-item bookkeeping, nothing while hidden (Qt paints only what is
shown).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QWidget

from panel.ui.gpu.plot import (
    AXIS_COLOUR,
    GRID_COLOUR,
    MUTED_COLOUR,
    TEXT_COLOUR,
    ago_label,
    is_multiple,
    multiples,
    nice_ticks,
)
from panel.ui.gpu.series_layer import TOP_SPILL, Band, Frame, Series, SeriesLayer

__all__ = ["LEFT_AXIS_WIDTH", "PlotCanvas", "SharedLayer"]

LEFT_AXIS_WIDTH = 52


class PlotCanvas:
    """A still plot of time series over the ``x`` seconds before now, drawn with QPainter
    in the rectangle :meth:`set_geometry` gives it on ``owner``. No mouse interaction, no
    auto range: the owner sets both ranges.

    Series are added once (:meth:`add_series`: colour, pen width, optional fill down to
    y = 0, z order) and fed arrays with :meth:`set_data`: x in seconds on the same clock
    as :meth:`set_now` (0 by default, so x <= 0 is the past), NaN breaks the line, and so
    do neighbours further apart than :meth:`set_gap`. :meth:`set_hline` draws a labelled
    dashed horizontal line over the series. :meth:`series` and the range accessors say
    what is drawn, for tests. A change asks ``owner`` to repaint what it touches.
    """

    def __init__(
        self,
        owner: QWidget,
        *,
        unit: str = "",
        x_labels: bool = True,
        y_grid: bool = True,
        font: QFont | None = None,
        layer: SharedLayer | None = None,
    ) -> None:
        self._owner = owner
        self._rect = QRect()
        self._unit = unit
        self._x_labels = x_labels
        self._y_grid = y_grid
        self._tick_font = QFont(font) if font is not None else QFont(owner.font())
        self._x = (-60.0, 0.0)
        self._x_ticks = (15.0, 5.0)
        self._y = (0.0, 1.0)
        self._y_ticks: list[tuple[float, str]] | None = None
        self._now = 0.0
        self._gap = 0.0
        self._series: dict[str, Series] = {}
        self._stacked: list[tuple[str, Series]] = []  # z order, bottom first
        self._layer = layer if layer is not None else SharedLayer()
        self._hlines: dict[str, tuple[float, QColor, str]] = {}
        self._background: QPixmap | None = None
        self._overlay: tuple[QPointF, QPixmap] | None = None  # the labelled lines
        self._drawn_for: tuple[object, ...] = ()  # what the background was drawn for
        self._area_cache: QRectF | None = None
        self._data_rect = QRect()  # the data area and what the layer spills, on the owner
        self._pending = False  # a repaint of the data area is asked for already
        self._times: np.ndarray | None = None  # the last array of times found finite
        self._layer.attach(self)

    # -- configuration ---------------------------------------------------------------

    def set_geometry(self, rect: QRect) -> None:
        """Where on the owner the plot goes (axes and labels included)."""
        if rect != self._rect:
            self._rect = QRect(rect)
            self._area_cache = None
            self._invalidate()

    def geometry(self) -> QRect:
        return QRect(self._rect)

    def set_x_range(self, low: float, high: float, major: float, minor: float) -> None:
        """Seconds shown relative to now, and the tick spacing (labels on minor ticks
        where they fit)."""
        if (low, high) != self._x or (major, minor) != self._x_ticks:
            self._x, self._x_ticks = (float(low), float(high)), (major, minor)
            self._invalidate()

    def set_y_range(
        self, low: float, high: float, ticks: Sequence[tuple[float, str]] | None = None
    ) -> None:
        """Values shown; ``ticks`` as (value, label), or None for round values that fit."""
        fixed = list(ticks) if ticks is not None else None
        if (low, high) != self._y or fixed != self._y_ticks:
            self._y, self._y_ticks = (float(low), float(high)), fixed
            self._invalidate()

    def set_now(self, now: float) -> None:
        """The time at x = 0 on the data's clock: the graph scrolls to it."""
        if now != self._now:
            self._now = float(now)
            self._data_changed()

    def set_gap(self, seconds: float) -> None:
        """Neighbours further apart than this are not joined (nothing was sampled between
        them); 0 joins every neighbour."""
        if seconds != self._gap:
            self._gap = float(seconds)
            self._data_changed()

    def add_series(
        self,
        key: str,
        colour: str | QColor,
        *,
        width: float = 1.0,
        fill: QColor | None = None,
        dashed: bool = False,
        antialias: bool = False,
        z: float = 0.0,
    ) -> None:
        self._series[key] = Series(QColor(colour), width, fill, dashed, antialias, z)
        self._restack()

    def remove_series(self, key: str) -> None:
        if self._series.pop(key, None) is not None:
            self._restack()

    def set_z(self, key: str, z: float) -> None:
        series = self._series[key]
        if series.z != z:
            series.z = z
            self._restack()

    def set_data(self, key: str, x: np.ndarray, y: np.ndarray) -> None:
        """``x`` may be shared by several series (a stack of layers): pass the same array
        and the plot compares and places their times once."""
        series = self._series[key]
        t = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        if t is not self._times:  # the stack's next series: its times are checked already
            if not np.isfinite(t).all():  # a NaN x is a break: the point before, a NaN y
                t, y = _breaks_as_nan_y(t, y)
            else:
                self._times = t
        series.t, series.y = t, y
        self._data_changed()

    def set_hline(self, key: str, value: float, colour: str, label: str = "") -> None:
        """A dashed line across the plot at ``value``, ``label`` above its left end."""
        line = (float(value), QColor(colour), label)
        if self._hlines.get(key) != line:
            self._hlines[key] = line
            self._overlay = None
            self._data_changed()

    # -- what is drawn (for tests and owners) ----------------------------------------

    def x_range(self) -> tuple[float, float]:
        return self._x

    def y_range(self) -> tuple[float, float]:
        return self._y

    def series(self) -> dict[str, list[tuple[float, float]]]:
        """Each series' points, x relative to now (breaks left out)."""
        result = {}
        for key, series in self._series.items():
            keep = np.isfinite(series.y)
            x = series.t[keep] - self._now
            result[key] = list(zip(x.tolist(), series.y[keep].tolist(), strict=True))
        return result

    def hline(self, key: str) -> tuple[float, str] | None:
        line = self._hlines.get(key)
        return (line[0], line[2]) if line is not None else None

    def plot_width(self) -> int:
        """Pixels across the data area: more points than this cannot be seen."""
        return max(int(self.area().width()), 1)

    def redraw_counts(self) -> tuple[int, int]:
        """How many times the series were drawn whole, and how many times only strips."""
        return self._layer.redraw_counts()

    def area(self) -> QRectF:
        """The data area inside the axes, in whole pixels, relative to the plot's top left
        (kept until the next resize)."""
        if self._area_cache is not None:
            return self._area_cache
        bottom = QFontMetrics(self._tick_font).height() + 8 if self._x_labels else 6
        top = 6
        area = QRectF(
            LEFT_AXIS_WIDTH,
            top,
            max(self._rect.width() - LEFT_AXIS_WIDTH - 12, 1),
            max(self._rect.height() - top - bottom, 1),
        )
        self._area_cache = area
        self._data_rect = QRect(
            self._rect.left() + int(area.left()),
            self._rect.top() + int(area.top()) - TOP_SPILL,
            int(area.width()) + 2,
            int(area.height()) + TOP_SPILL + 2,
        )
        return area

    # -- painting --------------------------------------------------------------------

    def _restack(self) -> None:
        self._stacked = sorted(self._series.items(), key=lambda item: item[1].z)
        self._layer.invalidate()
        self._data_changed()

    def _invalidate(self) -> None:
        self._background = self._overlay = None
        self._pending = False
        self._layer.changed()
        if not self._rect.isEmpty():
            self._owner.update(self._rect)

    def _data_changed(self) -> None:
        """Only the data area (and what spills above it) needs painting again: asked once
        until it is painted, however many series change."""
        self._layer.changed()
        if self._pending:
            return
        if self._area_cache is None:
            self.area()
        if not self._data_rect.isEmpty():
            self._owner.update(self._data_rect)
            self._pending = True

    def band(self, top: int) -> tuple[Band, Sequence[tuple[str, Series]]]:
        """This plot as a band of its layer: rows from ``top``, and its series."""
        area = self.area()
        return Band(top, int(area.height()), *self._y, self._gap), self._stacked

    def time_axis(self) -> tuple[int, float, float, float, float]:
        """What a layer's bands share: the data area's width, the seconds shown, the
        device pixel ratio and now."""
        ratio = self._owner.devicePixelRatioF()
        return int(self.area().width()), *self._x, ratio, self._now

    def _x_pixel(self, area: QRectF, x: float) -> float:
        """The plot coordinate of x (seconds relative to now)."""
        x0, x1 = self._x
        return area.left() + (x - x0) * (area.width() / (x1 - x0) if x1 != x0 else 0.0)

    def _y_pixel(self, area: QRectF, y: float) -> float:
        y0, y1 = self._y
        return area.bottom() - (y - y0) * (area.height() / (y1 - y0) if y1 != y0 else 0.0)

    def paint(self, painter: QPainter) -> None:
        """Draw the plot with ``painter`` (the owner's, clipped to what needs painting)."""
        self._pending = False
        if self._rect.isEmpty():
            return
        ratio = self._owner.devicePixelRatioF()
        area = self.area()
        drawn_for = (self._rect.size(), self._x, self._y, ratio)
        if self._background is None or drawn_for != self._drawn_for:  # a new size or screen
            self._background = self._paint_background(ratio)
            self._drawn_for = drawn_for
        layer, band, offset = self._layer.band(self)
        if self._overlay is None and self._hlines:
            self._overlay = self._paint_overlay(area, ratio)
        left, top = self._rect.left(), self._rect.top()
        painter.drawPixmap(left, top, self._background)
        # The layer is a ring starting at ``offset``: its end, then its start.
        x, y = left + area.left(), top + area.top() - TOP_SPILL
        width = band.width() / ratio
        painter.drawPixmap(QPointF(x, y), layer, band.adjusted(offset * ratio, 0, 0, 0))
        if offset:
            painter.drawPixmap(
                QPointF(x + width - offset, y),
                layer,
                QRectF(0, band.top(), offset * ratio, band.height()),
            )
        if self._overlay is not None:
            at, pixmap = self._overlay
            painter.drawPixmap(at + QPoint(left, top), pixmap)

    def _paint_overlay(self, area: QRectF, ratio: float) -> tuple[QPointF, QPixmap]:
        """The labelled dashed lines on a transparent strip just tall enough: a dashed
        line and a text cost more to draw than the strip to copy."""
        metrics = QFontMetrics(self._tick_font)
        lines = [
            (self._y_pixel(area, value), colour, label)
            for value, colour, label in self._hlines.values()
        ]
        lines = [line for line in lines if area.top() - 1 <= line[0] <= area.bottom() + 1]
        top = max(min((y for y, _, _ in lines), default=area.top()) - metrics.height() - 6, 0)
        top = max(top, area.top() - TOP_SPILL)
        bottom = min(max((y for y, _, _ in lines), default=area.top()) + 2, area.bottom() + 1)
        pixmap = QPixmap(QSize(int(area.width()) + 1, max(int(bottom - top) + 1, 1)) * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.translate(-area.left(), -top)
        painter.setFont(self._tick_font)
        for y, colour, label in lines:
            painter.setPen(QPen(colour, 1.2, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            if label:
                painter.setPen(colour)
                painter.drawText(QPointF(area.left() + area.width() * 0.04, y - 4), label)
        painter.end()
        return QPointF(area.left(), top), pixmap

    def _paint_background(self, ratio: float) -> QPixmap:
        size = self._rect.size()
        pixmap = QPixmap(size * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.white)
        painter = QPainter(pixmap)
        painter.setFont(self._tick_font)
        metrics = QFontMetrics(self._tick_font)
        area = self.area()
        axis = QColor(AXIS_COLOUR)
        text = QColor(TEXT_COLOUR)
        # y: ticks, labels, grid.
        if self._y_ticks is not None:
            y_ticks = self._y_ticks
        else:
            most = max(int(area.height() / (metrics.height() * 1.6)), 1)
            y_ticks = [(v, f"{v:g}") for v in nice_ticks(self._y[0], self._y[1], most)]
        for value, label in y_ticks:
            y = round(self._y_pixel(area, value)) + 0.5
            if not area.top() - 0.5 <= y <= area.bottom() + 0.5:
                continue
            if self._y_grid:
                painter.setPen(QColor(GRID_COLOUR))
                painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(axis)
            painter.drawLine(QPointF(area.left() - 5, y), QPointF(area.left(), y))
            painter.setPen(text)
            box = QRectF(0, y - metrics.height() / 2, area.left() - 8, metrics.height())
            painter.drawText(
                box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label
            )

        # x: grid on every minor tick, labels on the minor ticks if they fit, else major.
        major, minor = self._x_ticks
        widest = max(metrics.horizontalAdvance(ago_label(self._x[0], minor)), 1)
        span = self._x[1] - self._x[0]
        label_step = minor if span > 0 and area.width() * minor / span > widest * 1.6 else major
        for value in multiples(self._x[0], self._x[1], minor):
            x = round(self._x_pixel(area, value)) + 0.5
            painter.setPen(QColor(GRID_COLOUR))
            painter.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()))
            painter.setPen(axis)
            painter.drawLine(QPointF(x, area.bottom()), QPointF(x, area.bottom() + 4))
            # The oldest edge's label would crowd the y labels; "now" is worth its place.
            at_left = abs(value - self._x[0]) < 1e-9 and self._x[0] != 0
            if self._x_labels and not at_left and is_multiple(value, label_step):
                label = ago_label(value, label_step)
                width = metrics.horizontalAdvance(label)
                left = min(x - width / 2, size.width() - width - 2)
                painter.setPen(text)
                painter.drawText(QPointF(left, area.bottom() + 6 + metrics.ascent()), label)

        painter.setPen(axis)
        painter.drawLine(QPointF(area.left(), area.top()), QPointF(area.left(), area.bottom()))
        painter.drawLine(QPointF(area.left(), area.bottom()), QPointF(area.right(), area.bottom()))
        if self._unit:
            painter.save()
            painter.setPen(QColor(MUTED_COLOUR))
            painter.translate(metrics.ascent() / 2 + 4, area.center().y())
            painter.rotate(-90)
            width = metrics.horizontalAdvance(self._unit)
            painter.drawText(QPointF(-width / 2, metrics.ascent() / 2), self._unit)
            painter.restore()
        painter.end()
        return pixmap


def _breaks_as_nan_y(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """NaN x markers (as :func:`panel.ui.gpu.plot.with_gaps` inserts) as a NaN y at the
    previous point's time, so the times stay sorted and finite."""
    finite = np.isfinite(x)
    first = int(np.argmax(finite)) if finite.any() else len(x)
    x, y, finite = x[first:], y[first:].copy(), finite[first:]
    latest = np.maximum.accumulate(np.where(finite, np.arange(len(x)), 0))
    y[~finite] = np.nan
    return x[latest], y


class SharedLayer:
    """The series of plots that share a time axis (the same width, seconds shown and now:
    a GPU card's memory and utilisation graphs), drawn on one
    :class:`panel.ui.gpu.series_layer.SeriesLayer`, a band each: one scroll, one painter
    and one strip per repaint for all of them. Drawn when the first of them is painted."""

    def __init__(self) -> None:
        self._layer = SeriesLayer()
        self._canvases: list[PlotCanvas] = []
        self._pixmap: QPixmap | None = None
        self._bands: dict[int, QRectF] = {}  # id(canvas) -> its rows, in device pixels
        self._stale = True

    def attach(self, canvas: PlotCanvas) -> None:
        """Give ``canvas`` a band, below the others."""
        self._canvases.append(canvas)
        self.invalidate()

    def changed(self) -> None:
        """A plot's data, range or size changed: draw again before the next paint."""
        self._stale = True

    def invalidate(self) -> None:
        """A series came or went, or changed its look: draw everything again."""
        self._layer.invalidate()
        self._stale = True

    def redraw_counts(self) -> tuple[int, int]:
        return self._layer.full_redraws, self._layer.strip_redraws

    def band(self, canvas: PlotCanvas) -> tuple[QPixmap, QRectF, int]:
        """The layer, up to date, ``canvas``'s part of it (in the pixmap's pixels), and
        the layer's column of the data area's left edge (it is a ring)."""
        if self._stale or self._pixmap is None:
            self._render()
        assert self._pixmap is not None
        return self._pixmap, self._bands[id(canvas)], self._layer.offset

    def _render(self) -> None:
        # Every plot on the layer takes the first one's time axis: owners share a layer
        # only between plots they give the same width, seconds and now.
        width, x0, x1, ratio, now = self._canvases[0].time_axis()
        bands: list[Band] = []
        series: list[Sequence[tuple[str, Series]]] = []
        top = 0
        for canvas in self._canvases:
            band, stacked = canvas.band(top)
            bands.append(band)
            series.append(stacked)
            top = band.bottom + 1
        frame = Frame(width, x0, x1, ratio, tuple(bands))
        self._pixmap = self._layer.render(series, frame, now)
        self._bands = {
            id(canvas): QRectF(
                0, band.top * ratio, (width + 1) * ratio, (band.bottom + 1 - band.top) * ratio
            )
            for canvas, band in zip(self._canvases, bands, strict=True)
        }
        self._stale = False
