"""One GPU's card on the GPU tab: title, summary, legend, stacked memory graph (a layer
per server, then "other processes") and utilisation graph.

Each repaint costs what changed, no more: labels, the y range and the capacity line are
set only when their text or value differs; the table of figures keeps its rows from one
repaint to the next and builds only the new samples' rows. The graphs are
:class:`panel.ui.gpu.time_plot.TimePlot`s: they scroll their pixels and draw only the
newest strip, a point per pixel column at most.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from panel.core.gpu.history import HistoryPoint
from panel.core.gpu.nvml import GpuSample
from panel.ui.gpu.painted_text import FigureLabel, Legend
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
from panel.ui.gpu.time_plot import TimePlot

_USED = "\x00used"
_UTIL = "\x00util"
_CAPACITY = "capacity"

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
        self._table: np.ndarray | None = None
        self._table_names: list[str] = []
        self._capacity = math.nan
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("gpuCard")

        tick_font = QFont(self.font())
        tick_font.setPointSizeF(max(8.0, self.font().pointSizeF() - 1))

        self._title = QLabel()
        title_font = QFont(self.font())
        title_font.setBold(True)
        title_font.setPointSizeF(self.font().pointSizeF() + 1)
        self._title.setFont(title_font)
        self._title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._summary = FigureLabel()
        # One line, never wrapped: a height-for-width legend makes the scroll area size
        # every card to its preferred height instead of sharing the view. A legend too
        # long for the card is clipped, and complete in the tooltip.
        self._legend = Legend()

        header = QHBoxLayout()
        header.addWidget(self._title, 1)
        header.addWidget(self._summary)

        self._memory_plot = TimePlot(unit=self.tr("GiB"), x_labels=False, font=tick_font)
        self._memory_plot.setObjectName("gpuMemoryPlot")
        # Bounds that let four GPUs scroll and keep one GPU from looking stretched.
        self._memory_plot.setMinimumHeight(150)
        self._memory_plot.setMaximumHeight(360)
        self._memory_plot.add_series(_USED, USED_COLOUR, width=1.6, antialias=True, z=100)

        self._util_plot = TimePlot(unit=self.tr("busy %"), y_grid=False, font=tick_font)
        self._util_plot.setObjectName("gpuUtilPlot")
        self._util_plot.setFixedHeight(92)
        # Room above and below for the "0" and "100" labels; the plot is short: all three.
        self._util_plot.set_y_range(-6, 106, [(0, "0"), (50, "50"), (100, "100")])
        self._util_plot.add_series(
            _UTIL, UTIL_COLOUR, width=1.4, fill=fill_colour(UTIL_COLOUR), antialias=True
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        layout.addLayout(header)
        layout.addWidget(self._legend)
        layout.addWidget(self._memory_plot, 1)
        layout.addWidget(self._util_plot)
        self.set_window(WINDOWS[0])

    # -- read-only accessors ---------------------------------------------------------

    def title_text(self) -> str:
        return self._title.text()

    def summary_text(self) -> str:
        return self._summary.text()

    def legend_text(self) -> str:
        """The legend as plain text: "■ llama 12.0 GiB    ■ other processes 3.1 GiB"."""
        return self._legend.text()

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

    def memory_plot(self) -> TimePlot:
        """The memory graph: its ``series()`` are the stacked layer tops (bottom first,
        keyed as in the stacking order, "other processes" last) and the "used" line."""
        return self._memory_plot

    def utilization_plot(self) -> TimePlot:
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
            title = self.tr("GPU {0} · {1}").format(sample.index, sample.name)
            if sample.compute_capability is not None:
                title += " · " + self.tr("compute capability {0}").format(
                    sample.compute_capability.describe()
                )
            _set_text(self._title, title)
        if point is not None:
            self._latest = point
        if error is not None or sample is None:
            self._summary.set_text(self.tr("not readable: {0}").format(error or "?"), ERROR_COLOUR)
            return
        parts = [self.tr("{0} / {1} GiB").format(gib(sample.memory_used), gib(sample.memory_total))]
        if sample.unified_memory:
            parts.append(self.tr("unified memory (system RAM)"))
        if sample.utilization is None:
            parts.append(self.tr("utilisation unknown"))
        else:
            parts.append(self.tr("{0} % busy").format(f"{sample.utilization:.0f}"))
        self._summary.set_text(" · ".join(parts))
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
        table, names = self._table_of(points, order)
        self._set_series([*names, OTHER_PROCESSES])
        t = table[:, 0]
        used = table[:, 1] / GiB
        layers = table[:, 3:].T / GiB
        tops = np.cumsum(layers, axis=0)
        other_top = np.maximum(used, tops[-1]) if len(names) else used
        for plot in (self._memory_plot, self._util_plot):
            plot.set_now(now)
            plot.set_gap(gap)
        for key, layer_top in zip(self._series, [*tops, other_top], strict=True):
            self._memory_plot.set_data(key, t, layer_top)
        self._memory_plot.set_data(_USED, t, used)
        self._util_plot.set_data(_UTIL, t, table[:, 2])
        shown = t[int(t.searchsorted(now - window)) :]
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
            self._memory_plot.set_hline(_CAPACITY, total, CAPACITY_COLOUR, label)
        if y_max * 1.12 != self._y_top:
            self._y_top = y_max * 1.12
            self._memory_plot.set_y_range(0, self._y_top)

    # -- internals -------------------------------------------------------------------

    def _table_of(
        self, points: list[HistoryPoint], order: Sequence[str]
    ) -> tuple[np.ndarray, list[str]]:
        """(t, used, util, bytes of each server) per point, one row each, and the servers
        that hold memory on this GPU in the window, in ``order`` (others after, sorted).

        The rows of the points already seen are kept from the last call; only the newer
        points' rows are built (and the newest again: a long window's newest point is the
        mean of a bin still filling). Work per repaint: the new samples, not the window."""
        old, names = self._table, self._table_names
        kept = start = 0
        if old is not None and len(old) > 1 and points:
            settled = old[-2, 0]
            kept = len(points)
            while kept and points[kept - 1].t > settled:
                kept -= 1
            start = int(np.searchsorted(old[:, 0], points[0].t))
            # The same run of samples: as many, from the same first to the same last.
            if not (
                kept
                and start + kept == len(old) - 1
                and old[start, 0] == points[0].t
                and old[start + kept - 1, 0] == points[kept - 1].t
            ):
                kept = 0
        newer = points[kept:]
        arriving = {n for p in newer for n, value in p.servers.items() if value > 0}
        if old is None or not kept or not arriving <= set(names):
            present = {n for p in points for n, value in p.servers.items() if value > 0}
            names = [name for name in order if name in present]
            names += sorted(present - set(names))
            newer, kept = points, 0
        rows = np.array(
            [(p.t, p.used, p.util, *[p.servers.get(n, 0.0) for n in names]) for p in newer],
            dtype=float,
        ).reshape(len(newer), 3 + len(names))
        table = (
            np.concatenate((old[start : start + kept], rows)) if kept and old is not None else rows
        )
        if kept and names:  # a server whose memory left the window leaves the graph
            holding = table[:, 3:].max(axis=0) > 0
            if not holding.all():
                table = table[:, [True, True, True, *holding.tolist()]]
                names = [name for name, held in zip(names, holding.tolist(), strict=True) if held]
        self._table, self._table_names = table, list(names)
        return table, self._table_names

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
        for key in keys:
            colour = OTHER_COLOUR if key == OTHER_PROCESSES else self._colour_of(key)
            name = self._display_names.get(key, key)
            if key in unknown:
                value = self.tr("usage unknown")
            else:
                value = self.tr("{0} GiB").format(gib(self._value(point, key) if point else 0))
            entries.append((colour, name, value))
        self._legend.set_entries(entries)


def _set_text(label: QLabel, text: str) -> bool:
    """Set ``text`` unless shown already (a rich-text label re-lays itself out on every
    setText); True when it changed."""
    if label.text() == text:
        return False
    label.setText(text)
    return True
