"""One GPU's card on the GPU tab: title, summary, legend, stacked memory graph (a layer
per server, then "other processes") and utilisation graph.

The card is one widget that paints its figures, its legend and both graphs itself (the
title is a label, selectable with the mouse): a new sample costs one paint event per card,
clipped to what changed, not one per label and graph. Each repaint costs what changed,
no more: texts are set and their rectangles repainted only when they differ; the table of
figures keeps its rows from one repaint to the next and builds only the new samples'
rows. The graphs are :class:`panel.ui.gpu.plot_canvas.PlotCanvas`\\ es: they scroll their
pixels and draw only the newest strip, a point per pixel column at most.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtGui import QFont, QHelpEvent, QPainter, QPaintEvent, QRegion, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QToolTip, QWidget

from panel.core.gpu.history import HistoryPoint
from panel.core.gpu.nvml import GpuSample
from panel.ui.gpu.card_table import CardTable
from panel.ui.gpu.painted_text import FigureText, Legend, TextCache
from panel.ui.gpu.plot import (
    CAPACITY_COLOUR,
    ERROR_COLOUR,
    OTHER_COLOUR,
    OTHER_PROCESSES,
    TICKS,
    USED_COLOUR,
    UTIL_COLOUR,
    WINDOWS,
    GiB,
    fill_colour,
    gib,
)
from panel.ui.gpu.plot_canvas import PlotCanvas, SharedLayer

_USED = "\x00used"
_UTIL = "\x00util"
_CAPACITY = "capacity"

# Inside the frame: margins (left, top, right, bottom) and the space between rows.
_MARGINS = (10, 8, 10, 8)
_SPACING = 4
# The memory graph's height bounds: four GPUs scroll, one GPU does not look stretched.
_MEMORY_MIN, _MEMORY_MAX = 150, 360
_UTIL_HEIGHT = 92
_PLOT_WIDTH_HINT, _PLOT_MIN_WIDTH = 640, 120

__all__ = ["GpuCard"]


class GpuCard(QFrame):
    """One GPU: title, summary, legend, stacked memory graph and utilisation graph.

    The accessors (:meth:`title_text`, :meth:`summary_text`, :meth:`series_names`,
    :meth:`series_last_values`, ...) are for tests and other widgets: they say what is
    shown without looking at pixels.
    """

    def __init__(self, key: str, colour_of: Callable[[str], str], parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        self._colour_of = colour_of
        self._index = -1
        self._latest: HistoryPoint | None = None
        self._series: list[str] = []  # stacking order, bottom first
        self._display_names: dict[str, str] = {}
        self._plotted_points = 0
        self._plotted_x = (0.0, 0.0)
        self._last_plot = -math.inf
        self._y_top = math.nan
        self._table = CardTable()
        self._capacity = math.nan
        self._title_key: tuple[object, ...] = ()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("gpuCard")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        # Repainting the figures or a graph repaints nothing under the card: see paintEvent.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        # Translated once: a repaint formats them, four times a second per GPU.
        self._formats = {
            "memory": self.tr("{0} / {1} GiB"),
            "busy": self.tr("{0} % busy"),
            "unknown": self.tr("utilisation unknown"),
            "unified": self.tr("unified memory (system RAM)"),
            "gib": self.tr("{0} GiB"),
            "usage unknown": self.tr("usage unknown"),
        }

        tick_font = QFont(self.font())
        tick_font.setPointSizeF(max(8.0, self.font().pointSizeF() - 1))

        self._title = QLabel(self)
        title_font = QFont(self.font())
        title_font.setBold(True)
        title_font.setPointSizeF(self.font().pointSizeF() + 1)
        self._title.setFont(title_font)
        self._title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._texts = TextCache(self.font())
        self._summary = FigureText()
        # One line, never wrapped: a height-for-width legend makes the scroll area size
        # every card to its preferred height instead of sharing the view. A legend too
        # long for the card is clipped, and complete in the tooltip.
        self._legend = Legend()
        self._summary_rect = self._legend_rect = QRect()

        # Both graphs show the same seconds at the same width: one layer, a band each.
        layer = SharedLayer()
        self._memory_plot = PlotCanvas(
            self, unit=self.tr("GiB"), x_labels=False, font=tick_font, layer=layer
        )
        self._memory_plot.add_series(_USED, USED_COLOUR, width=1.6, antialias=True, z=100)
        self._util_plot = PlotCanvas(
            self, unit=self.tr("busy %"), y_grid=False, font=tick_font, layer=layer
        )
        # Room above and below for the "0" and "100" labels; the plot is short: all three.
        self._util_plot.set_y_range(-6, 106, [(0, "0"), (50, "50"), (100, "100")])
        self._util_plot.add_series(
            _UTIL, UTIL_COLOUR, width=1.4, fill=fill_colour(UTIL_COLOUR), antialias=True
        )
        self.set_window(WINDOWS[0])
        self._lay_out()

    # -- read-only accessors ---------------------------------------------------------

    def title_text(self) -> str:
        return self._title.text()

    def summary_text(self) -> str:
        return self._summary.text()

    def legend_text(self) -> str:
        """The legend as plain text: "■ llama 12.0 GiB    ■ other processes 3.1 GiB"."""
        return self._legend.text()

    def legend_rect(self) -> QRect:
        """Where the legend is drawn (its tooltip shows over it)."""
        return QRect(self._legend_rect)

    def gpu_index(self) -> int:
        return self._index

    def series_names(self) -> list[str]:
        """Stacked memory areas, bottom first: servers, then "other processes"."""
        return [self._display_names[key] for key in self._series]

    def series_last_values(self) -> dict[str, float]:
        """Bytes per stacked area at the newest sample, plus "used" and "total"."""
        point = self._latest
        if point is None:
            return {}
        values = {self._display_names[key]: self._value(point, key) for key in self._series}
        values[self.tr("used")] = point.used
        values[self.tr("total")] = point.total
        return values

    def utilization_last(self) -> float | None:
        if self._latest is None or math.isnan(self._latest.util):
            return None
        return self._latest.util

    def series_colour(self, name: str) -> str:
        """The fill edge colour of the area called ``name`` (as in series_names)."""
        for key, shown in self._display_names.items():
            if shown == name:
                return OTHER_COLOUR if key == OTHER_PROCESSES else self._colour_of(key)
        raise KeyError(name)

    def x_range(self) -> tuple[float, float]:
        return self._memory_plot.x_range()

    def memory_plot(self) -> PlotCanvas:
        """The memory graph: its ``series()`` are the stacked layer tops (bottom first,
        keyed as in the stacking order, "other processes" last) and the "used" line."""
        return self._memory_plot

    def utilization_plot(self) -> PlotCanvas:
        return self._util_plot

    def plotted_point_count(self) -> int:
        """Points in each memory series as last drawn (gap markers included)."""
        return self._plotted_points

    def plotted_x_range(self) -> tuple[float, float]:
        """Oldest and newest x (seconds, <= 0) as last drawn; (0, 0) before any data."""
        return self._plotted_x

    # -- updates from the panel ------------------------------------------------------

    def set_window(self, seconds: int) -> None:
        major, minor = TICKS.get(seconds, (seconds / 4, seconds / 12))
        for plot in (self._memory_plot, self._util_plot):
            plot.set_x_range(-seconds, 0, major, minor)
        self._last_plot = -math.inf

    def set_sample(
        self,
        sample: GpuSample | None,
        point: HistoryPoint | None,
        error: str | None,
        unknown: set[str],
    ) -> None:
        """Labels for the newest sample; ``sample`` None with ``error`` when unreadable."""
        if sample is not None:
            self._index = sample.index
            self._set_title(sample)
        if point is not None:
            self._latest = point
        if error is not None or sample is None:
            self._set_summary([self.tr("not readable: {0}").format(error or "?")], ERROR_COLOUR)
            return
        formats = self._formats
        parts = [formats["memory"].format(gib(sample.memory_used), gib(sample.memory_total))]
        if sample.unified_memory:
            parts.append(formats["unified"])
        if sample.utilization is None:
            parts.append(formats["unknown"])
        else:
            parts.append(formats["busy"].format(f"{sample.utilization:.0f}"))
        self._set_summary(parts, None)
        self._set_legend(unknown)

    def plot(
        self,
        points: list[HistoryPoint],
        latest: HistoryPoint | None,
        now: float,
        gap: float,
        order: Sequence[str],
        min_interval: float,
        window: float = math.inf,
    ) -> None:
        """Redraw the graphs from ``points`` unless the data moved on less than
        ``min_interval`` seconds since the last redraw (on long windows a sample moves the
        graph by less than a pixel). Points older than ``window`` seconds are drawn off
        the left edge (where the lines they start continue into view)."""
        if now - self._last_plot < min_interval:
            return
        self._last_plot = now
        table, names = self._table.update(points, order)
        self._set_series([*names, OTHER_PROCESSES])
        # One array of times for every series: the plots compare and place it once.
        t = np.ascontiguousarray(table[:, 0])
        used = table[:, 1] / GiB
        tops = np.cumsum(table[:, 3:].T / GiB, axis=0)
        other_top = np.maximum(used, tops[-1]) if len(names) else used
        memory, util = self._memory_plot, self._util_plot
        for plot in (memory, util):
            plot.set_now(now)
            plot.set_gap(gap)
        for key, layer_top in zip(self._series, [*tops, other_top], strict=True):
            memory.set_data(key, t, layer_top)
        memory.set_data(_USED, t, used)
        util.set_data(_UTIL, t, table[:, 2])
        first = int(t.searchsorted(now - window))
        shown = t[first:]
        self._plotted_points = len(shown) + int(np.count_nonzero(np.diff(shown) > gap))
        self._plotted_x = (
            (float(shown[0] - now), float(shown[-1] - now)) if len(shown) else (0.0, 0.0)
        )

        # Capacity from the newest sample: the window may hold no points at all.
        total = latest.total / GiB if latest is not None else 0.0
        y_max = max(total, float(np.nanmax(used)) if len(points) else 0.0, 1.0)
        if total != self._capacity:
            self._capacity = total
            label = self.tr("capacity {0} GiB").format(f"{total:.1f}")
            memory.set_hline(_CAPACITY, total, CAPACITY_COLOUR, label)
        if y_max * 1.12 != self._y_top:
            self._y_top = y_max * 1.12
            memory.set_y_range(0, self._y_top)

    # -- size and painting -----------------------------------------------------------

    def sizeHint(self) -> QSize:
        return self._size(_PLOT_WIDTH_HINT, _MEMORY_MAX, self._title.sizeHint().width(), False)

    def minimumSizeHint(self) -> QSize:
        title = self._title.minimumSizeHint().width()
        return self._size(_PLOT_MIN_WIDTH, _MEMORY_MIN, title, True)

    def _size(self, plot_width: int, memory: int, title: int, least: bool) -> QSize:
        left, top, right, bottom = _MARGINS
        frame = 2 * self.frameWidth()
        summary = min(self._summary.width, 80) if least else self._summary.width
        width = max(title + _SPACING + summary, plot_width) + left + right + frame
        rows = self._header_height() + self._line_height() + memory + _UTIL_HEIGHT
        return QSize(width, rows + 3 * _SPACING + top + bottom + frame)

    def _line_height(self) -> int:
        return self.fontMetrics().height() + 2

    def _header_height(self) -> int:
        return max(self._title.sizeHint().height(), self._line_height())

    def _lay_out(self) -> None:
        """Place the title, figures, legend and graphs, as a column layout would."""
        left, top, right, bottom = _MARGINS
        inside = self.contentsRect().adjusted(left, top, -right, -bottom)
        line = self._line_height()
        header = self._header_height()
        room = inside.width() - self._title.minimumSizeHint().width() - _SPACING
        summary = max(min(self._summary.width, room), min(self._summary.width, 80))
        self._title.setGeometry(
            inside.left(), inside.top(), max(inside.width() - summary - _SPACING, 0), header
        )
        self._summary_rect = QRect(
            inside.right() + 1 - summary, inside.top() + (header - line) // 2, summary, line
        )
        y = inside.top() + header + _SPACING
        self._legend_rect = QRect(inside.left(), y, inside.width(), line)
        y += line + _SPACING
        memory = inside.bottom() + 1 - y - _SPACING - _UTIL_HEIGHT
        memory = max(min(memory, _MEMORY_MAX), 1)
        self._memory_plot.set_geometry(QRect(inside.left(), y, inside.width(), memory))
        y += memory + _SPACING
        self._util_plot.set_geometry(QRect(inside.left(), y, inside.width(), _UTIL_HEIGHT))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._lay_out()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._texts = TextCache(self.font())
            self.updateGeometry()
            self._lay_out()
            self.update()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            # The legend is cut off where the card is too narrow: whole in the tooltip.
            if self._legend_rect.contains(event.pos()) and self.legend_text():
                QToolTip.showText(event.globalPos(), self.legend_text(), self, self._legend_rect)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        # The card is opaque (Qt paints nothing under it first): its background is its
        # own to paint, everywhere but the graphs, which cover theirs.
        region = event.region()
        rest = region.subtracted(QRegion(self._memory_plot.geometry()))
        rest = rest.subtracted(QRegion(self._util_plot.geometry()))
        painter = QPainter(self)
        if not rest.isEmpty():
            painter.setClipRegion(rest)
            painter.fillRect(rest.boundingRect(), self.palette().window())
            if not self.contentsRect().contains(rest.boundingRect()):
                painter.end()
                super().paintEvent(event)  # the frame
                painter.begin(self)
        text = self.palette().windowText().color()
        # Each part clipped to a rectangle of its own: Qt blends and copies pixels much
        # faster within a rectangle than within the several of the paint event.
        if region.intersects(self._summary_rect):
            painter.setClipRect(self._summary_rect)
            self._summary.paint(painter, self._summary_rect, self._texts, text)
        if region.intersects(self._legend_rect):
            painter.setClipRect(self._legend_rect)
            self._legend.paint(painter, self._legend_rect, self._texts, text)
        for plot in (self._memory_plot, self._util_plot):
            within = region.intersected(plot.geometry()).boundingRect()
            if not within.isEmpty():
                painter.setClipRect(within)
                plot.paint(painter)
        painter.end()

    # -- internals -------------------------------------------------------------------

    def _set_title(self, sample: GpuSample) -> None:
        key = (sample.index, sample.name, sample.compute_capability)
        if key == self._title_key:
            return
        self._title_key = key
        title = self.tr("GPU {0} · {1}").format(sample.index, sample.name)
        if sample.compute_capability is not None:
            title += " · " + self.tr("compute capability {0}").format(
                sample.compute_capability.describe()
            )
        if title != self._title.text():
            self._title.setText(title)
            self.updateGeometry()
            self._lay_out()

    def _set_summary(self, parts: list[str], colour: str | None) -> None:
        width = self._summary.width
        if self._summary.set_parts(parts, colour, self._texts):
            if self._summary.width != width:  # wider than ever: the title makes room
                self.updateGeometry()
                self._lay_out()
            self.update(self._summary_rect)

    @staticmethod
    def _value(point: HistoryPoint, key: str) -> float:
        if key == OTHER_PROCESSES:
            return max(point.used - sum(point.servers.values()), 0.0)
        return point.servers.get(key, 0.0)

    def _set_series(self, keys: list[str]) -> None:
        if keys == self._series:
            return
        for key in set(self._series) - set(keys):
            self._memory_plot.remove_series(key)
        for position, key in enumerate(keys):
            # Each area is filled down to zero: lower layers are drawn over higher ones.
            if key not in self._series:
                colour = OTHER_COLOUR if key == OTHER_PROCESSES else self._colour_of(key)
                self._memory_plot.add_series(key, colour, fill=fill_colour(colour))
            self._memory_plot.set_z(key, 50 - position)
        self._series = keys
        self._display_names = {
            key: self.tr("other processes") if key == OTHER_PROCESSES else key for key in keys
        }
        self._set_legend(set())

    def _set_legend(self, unknown: set[str]) -> None:
        point = self._latest
        entries = []
        # Servers on this GPU whose usage NVML cannot tell have no area, but a line here.
        keys = [*self._series[:-1], *sorted(unknown - set(self._series)), *self._series[-1:]]
        gib_format = self._formats["gib"]
        for key in keys:
            colour = OTHER_COLOUR if key == OTHER_PROCESSES else self._colour_of(key)
            name = self._display_names.get(key, key)
            if key in unknown:
                value = self._formats["usage unknown"]
            else:
                value = gib_format.format(gib(self._value(point, key) if point else 0))
            entries.append((colour, name, value))
        if self._legend.set_entries(entries):
            self.update(self._legend_rect)
