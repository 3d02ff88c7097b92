"""What the GPU graphs look like (colours, the "seconds ago" axis, gaps) and
:class:`TimePlot`, the light QPainter plot they are drawn with.

A repaint of a :class:`TimePlot` draws one cached pixmap (background, grid, axes, tick
labels: rebuilt only when the size or a range changes) and then a polygon per series, built
straight from numpy arrays into the polygon's own memory. No scene graph, no per-item
bookkeeping: four GPU cards repaint at 4 Hz for a small fraction of what pyqtgraph costs,
and opening the GPU tab no longer imports pyqtgraph.

``AgoAxis`` and ``style_plot`` (pyqtgraph styling) are still importable from here for
graphs that use pyqtgraph; they load it on first use (see :mod:`panel.ui.gpu.pg_style`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import shiboken6
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

GiB = float(1 << 30)

#: Time windows the selector offers, in seconds.
WINDOWS = (60, 600, 3600)
#: Series key of the area for memory no server accounts for (other programs, the driver).
OTHER_PROCESSES = "\x00other"

# Tableau 10: distinct, colour-blind tolerant, calm on white.
PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#59a14f",
    "#e15759",
    "#b07aa1",
    "#76b7b2",
    "#edc948",
    "#ff9da7",
)
OTHER_COLOUR = "#b8b8b8"
USED_COLOUR = "#303030"
CAPACITY_COLOUR = "#4b5563"  # not red: a server may be red
ERROR_COLOUR = "#b42318"
UTIL_COLOUR = "#5b6676"  # neutral: every hue may be a server's
TEXT_COLOUR = "#303030"
MUTED_COLOUR = "#6b7280"
AXIS_COLOUR = "#9aa0a6"
GRID_COLOUR = "#ecedee"  # the axis colour at 12 % on white: opaque, drawn once

# Major and minor tick spacing (s) per window: round minutes, never crowded.
TICKS = {60: (15.0, 5.0), 600: (120.0, 60.0), 3600: (600.0, 300.0)}
LEFT_AXIS_WIDTH = 52


def tr(text: str) -> str:
    """Translated in the "GpuPanel" context, where the GPU tab's loose strings live. For
    text known only at run time: lupdate cannot see through this function, so a literal is
    written ``QCoreApplication.translate("GpuPanel", "…")`` where it is used."""
    return QCoreApplication.translate("GpuPanel", text)


def gib(value: float) -> str:
    return f"{value / GiB:.1f}"


def fill_colour(colour: str) -> QColor:
    """The colour blended 55 % towards white: opaque, so stacked fills never mix."""
    base = QColor(colour)
    return QColor(
        round(base.red() * 0.45 + 255 * 0.55),
        round(base.green() * 0.45 + 255 * 0.55),
        round(base.blue() * 0.45 + 255 * 0.55),
    )


def with_gaps(x: np.ndarray, columns: list[np.ndarray], gap: float) -> list[np.ndarray]:
    """Insert a NaN where samples are more than ``gap`` apart, so no line bridges the time
    nothing was sampled (the panel was hidden, NVML was away)."""
    if len(x) < 2:
        return [x, *columns]
    breaks = np.nonzero(np.diff(x) > gap)[0] + 1
    if not len(breaks):
        return [x, *columns]
    return [np.insert(x, breaks, np.nan)] + [np.insert(c, breaks, np.nan) for c in columns]


def ago_label(value: float, spacing: float) -> str:
    """A time-axis label in seconds before now: "-45 s", "-20 min", "now"."""
    if abs(value) < 1e-6:
        return QCoreApplication.translate("GpuPanel", "now")
    if spacing >= 60:
        return QCoreApplication.translate("GpuPanel", "{0} min").format(round(value / 60))
    return QCoreApplication.translate("GpuPanel", "{0} s").format(round(value))


def __getattr__(name: str) -> Any:
    # pyqtgraph styling on demand, so importing this module never loads pyqtgraph.
    if name in ("AgoAxis", "style_plot"):
        from panel.ui.gpu import pg_style

        return getattr(pg_style, name)
    raise AttributeError(name)


def _polygon(xs: np.ndarray, ys: np.ndarray) -> QPolygonF:
    """A QPolygonF of the points (xs, ys), written into its storage at C speed (a QPointF
    per point from Python costs ~1 µs each)."""
    if not _WRITES_THROUGH:  # pragma: no cover  # PySide6 6.x writes through data()
        return _polygon_by_points(xs, ys)
    polygon = QPolygonF()
    polygon.resize(len(xs))
    if len(xs):
        # The stubs know neither data()'s pointer nor VoidPtr's size and writable flag.
        pointer: Any = shiboken6.VoidPtr(polygon.data(), len(xs) * 16, True)  # type: ignore[call-arg, arg-type]
        view = np.frombuffer(pointer, np.double).reshape(-1, 2)
        view[:, 0] = xs
        view[:, 1] = ys
    return polygon


def _polygon_by_points(xs: np.ndarray, ys: np.ndarray) -> QPolygonF:
    return QPolygonF([QPointF(x, y) for x, y in zip(xs.tolist(), ys.tolist(), strict=True)])


def _check_polygon() -> bool:
    """Whether writing through QPolygonF.data() fills the polygon, as it does in PySide6 6."""
    try:
        polygon = _polygon(np.array([1.0, 2.0]), np.array([3.0, 4.0]))
        points = [polygon.at(i) for i in range(polygon.size())]
    except Exception:  # another binding's layout: fall back, stay correct
        return False
    return [(p.x(), p.y()) for p in points] == [(1.0, 3.0), (2.0, 4.0)]


_WRITES_THROUGH = True
_WRITES_THROUGH = _check_polygon()


def nice_ticks(low: float, high: float, most: int) -> list[float]:
    """Round values (1, 2 or 5 × 10^k apart) between low and high, at most ``most``."""
    span = high - low
    if span <= 0 or most < 1:
        return []
    raw = span / most
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1.0, 2.0, 5.0, 10.0) if m * power >= raw)
    first = math.ceil(low / step) * step
    return [first + i * step for i in range(int((high - first) / step + 1e-9) + 1)]


@dataclass
class _Series:
    colour: QColor
    width: float
    fill: QColor | None
    dashed: bool
    antialias: bool
    z: float
    x: np.ndarray
    y: np.ndarray


class TimePlot(QWidget):
    """A still plot of time series over ``x`` seconds (<= 0 is the past), drawn with
    QPainter. No mouse interaction, no auto range: the owner sets both ranges.

    Series are added once (:meth:`add_series`: colour, pen width, optional fill down to
    y = 0, z order) and fed arrays with :meth:`set_data`; NaN in the data breaks the line.
    :meth:`set_hline` draws a labelled dashed horizontal line over the series. :meth:`series`
    and the range accessors say what is drawn, for tests.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        unit: str = "",
        x_labels: bool = True,
        y_grid: bool = True,
        font: QFont | None = None,
    ) -> None:
        super().__init__(parent)
        self._unit = unit
        self._x_labels = x_labels
        self._y_grid = y_grid
        self._tick_font = QFont(font) if font is not None else QFont(self.font())
        self._x = (-60.0, 0.0)
        self._x_ticks = (15.0, 5.0)
        self._y = (0.0, 1.0)
        self._y_ticks: list[tuple[float, str]] | None = None
        self._series: dict[str, _Series] = {}
        self._hlines: dict[str, tuple[float, QColor, str]] = {}
        self._background: QPixmap | None = None
        self._area_cache: QRectF | None = None
        self._area_size = QSize()
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    # -- configuration ---------------------------------------------------------------

    def set_x_range(self, low: float, high: float, major: float, minor: float) -> None:
        """Seconds shown, and the tick spacing (labels on minor ticks where they fit)."""
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
        empty = np.empty(0)
        self._series[key] = _Series(QColor(colour), width, fill, dashed, antialias, z, empty, empty)
        self.update()

    def remove_series(self, key: str) -> None:
        if self._series.pop(key, None) is not None:
            self.update()

    def set_z(self, key: str, z: float) -> None:
        series = self._series[key]
        if series.z != z:
            series.z = z
            self.update()

    def set_data(self, key: str, x: np.ndarray, y: np.ndarray) -> None:
        series = self._series[key]
        series.x = np.asarray(x, dtype=float)
        series.y = np.asarray(y, dtype=float)
        self.update()

    def set_hline(self, key: str, value: float, colour: str, label: str = "") -> None:
        """A dashed line across the plot at ``value``, ``label`` above its left end."""
        line = (float(value), QColor(colour), label)
        if self._hlines.get(key) != line:
            self._hlines[key] = line
            self.update()

    # -- what is drawn (for tests and owners) ----------------------------------------

    def x_range(self) -> tuple[float, float]:
        return self._x

    def y_range(self) -> tuple[float, float]:
        return self._y

    def series(self) -> dict[str, list[tuple[float, float]]]:
        """Each series' points as drawn (data coordinates; gap markers left out)."""
        result = {}
        for key, series in self._series.items():
            keep = np.isfinite(series.x) & np.isfinite(series.y)
            result[key] = list(zip(series.x[keep].tolist(), series.y[keep].tolist(), strict=True))
        return result

    def hline(self, key: str) -> tuple[float, str] | None:
        line = self._hlines.get(key)
        return (line[0], line[2]) if line is not None else None

    def plot_width(self) -> int:
        """Pixels across the data area: more points than this cannot be seen."""
        return max(int(self._area().width()), 1)

    def sizeHint(self) -> QSize:
        # Tall enough that cards share the view rather than leave it empty (owners bound
        # the height); the layout shrinks it to what fits.
        return QSize(640, 360)

    def minimumSizeHint(self) -> QSize:
        return QSize(120, 40)

    # -- painting --------------------------------------------------------------------

    def _invalidate(self) -> None:
        self._background = None
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._background = None
        super().resizeEvent(event)

    def _area(self) -> QRectF:
        """The data area inside the axes (kept until the next resize)."""
        if self._area_cache is not None and self._area_size == self.size():
            return self._area_cache
        self._area_size = self.size()
        self._area_cache = self._compute_area()
        return self._area_cache

    def _compute_area(self) -> QRectF:
        bottom = QFontMetrics(self._tick_font).height() + 8 if self._x_labels else 6
        top = 6
        return QRectF(
            LEFT_AXIS_WIDTH,
            top,
            max(self.width() - LEFT_AXIS_WIDTH - 12, 1),
            max(self.height() - top - bottom, 1),
        )

    def _to_pixels(self, area: QRectF, x: np.ndarray, y: np.ndarray) -> tuple[Any, Any]:
        (x0, x1), (y0, y1) = self._x, self._y
        sx = area.width() / (x1 - x0) if x1 != x0 else 0.0
        sy = area.height() / (y1 - y0) if y1 != y0 else 0.0
        return area.left() + (x - x0) * sx, area.bottom() - (y - y0) * sy

    def _y_pixel(self, area: QRectF, value: float) -> float:
        y0, y1 = self._y
        scale = area.height() / (y1 - y0) if y1 != y0 else 0.0
        return float(area.bottom() - (value - y0) * scale)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._background is None or self._background.size() != self.size() * (
            self.devicePixelRatioF()
        ):
            self._background = self._paint_background()
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._background)
        area = self._area()
        painter.setClipRect(area.adjusted(0, -2, 1, 1))
        base = min(max(self._y_pixel(area, 0.0), area.top()), area.bottom())
        for series in sorted(self._series.values(), key=lambda s: s.z):
            if len(series.x):
                self._paint_series(painter, area, series, base)
        for value, colour, label in self._hlines.values():
            self._paint_hline(painter, area, value, colour, label)
        painter.end()

    def _paint_series(self, painter: QPainter, area: QRectF, series: _Series, base: float) -> None:
        px, py = self._to_pixels(area, series.x, series.y)
        finite = np.isfinite(px) & np.isfinite(py)
        if finite.all():
            edges = np.array([0, len(px)])
        else:  # runs of finite points: a NaN breaks the line and the fill
            edges = np.flatnonzero(np.diff(np.concatenate(([0], finite.view(np.int8), [0]))))
        # Qt strokes an antialiased pen wider than 1 px as a path, ~30 times the cost of a
        # 1 px line: a wider antialiased line is two 1 px lines half a pixel apart.
        double = series.antialias and series.width > 1 and not series.dashed
        pen = QPen(series.colour, 1.0 if double else series.width)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        offset = (series.width - 1) * 0.75
        if series.dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, series.antialias)
        for start, stop in zip(edges[::2], edges[1::2], strict=True):
            xs, ys = px[start:stop], py[start:stop]
            if series.fill is not None:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(series.fill)
                painter.drawPolygon(
                    _polygon(np.append(xs, (xs[-1], xs[0])), np.append(ys, (base, base)))
                )
            painter.setPen(pen)
            line = _polygon(xs, ys)
            painter.drawPolyline(line)
            if double:
                painter.translate(offset, offset)
                painter.drawPolyline(line)
                painter.translate(-offset, -offset)

    def _paint_hline(
        self, painter: QPainter, area: QRectF, value: float, colour: QColor, label: str
    ) -> None:
        y = self._y_pixel(area, value)
        if not area.top() - 1 <= y <= area.bottom() + 1:
            return
        pen = QPen(colour, 1.2, Qt.PenStyle.DashLine)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(pen)
        painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
        if label:
            painter.setFont(self._tick_font)
            painter.setPen(colour)
            x = area.left() + area.width() * 0.04
            painter.drawText(QPointF(x, y - 4), label)

    def _paint_background(self) -> QPixmap:
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(self.size() * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.white)
        painter = QPainter(pixmap)
        painter.setFont(self._tick_font)
        metrics = QFontMetrics(self._tick_font)
        area = self._area()
        axis = QColor(AXIS_COLOUR)
        text = QColor(TEXT_COLOUR)

        # y: ticks, labels, grid.
        if self._y_ticks is not None:
            y_ticks = self._y_ticks
        else:
            most = max(int(area.height() / (metrics.height() * 1.6)), 1)
            y_ticks = [(v, f"{v:g}") for v in nice_ticks(self._y[0], self._y[1], most)]
        for value, label in y_ticks:
            _, (y,) = self._to_pixels(area, np.zeros(1), np.array([value]))
            y = round(float(y)) + 0.5
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
        for value in _multiples(self._x[0], self._x[1], minor):
            (x,), _ = self._to_pixels(area, np.array([value]), np.zeros(1))
            x = round(float(x)) + 0.5
            painter.setPen(QColor(GRID_COLOUR))
            painter.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()))
            painter.setPen(axis)
            painter.drawLine(QPointF(x, area.bottom()), QPointF(x, area.bottom() + 4))
            # The oldest edge's label would crowd the y labels; "now" is worth its place.
            at_left = abs(value - self._x[0]) < 1e-9 and self._x[0] != 0
            if self._x_labels and not at_left and _is_multiple(value, label_step):
                label = ago_label(value, label_step)
                width = metrics.horizontalAdvance(label)
                left = min(x - width / 2, self.width() - width - 2)
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


def _multiples(low: float, high: float, step: float) -> list[float]:
    if step <= 0 or high <= low:
        return []
    first = math.ceil(low / step - 1e-9)
    last = math.floor(high / step + 1e-9)
    return [i * step for i in range(first, last + 1)]


def _is_multiple(value: float, step: float) -> bool:
    return abs(value / step - round(value / step)) < 1e-6
