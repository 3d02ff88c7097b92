"""The GPU panel: one live graph per GPU of memory (stacked by server) and utilisation.

Data flow. :class:`GpuSampler` calls our subscription on its own thread (about 4 Hz). The
subscription attributes GPU memory to servers there, so psutil never runs on the GUI
thread, parks the result and pokes a relay object with *one* queued signal per batch.
The GUI thread drains the batch into a bounded per-GPU history and repaints at most every
``min_repaint_interval`` seconds, whatever the sampling rate.

Sampling runs only while the panel is shown: showEvent subscribes, hideEvent (and the
panel's destruction) unsubscribes, and the sampler stops with its last subscriber.
:meth:`GpuPanel.set_sampling_while_hidden` keeps the figures (and history) coming for a
widget elsewhere that shows per-server GPU memory; nothing is drawn while hidden.

History per GPU is two bounded deques: every sample of the last 10 minutes, and 5-second
means for the last hour. A repaint plots at most :data:`MAX_PLOT_POINTS` points per
series whatever window is chosen, so it stays cheap.
"""

from __future__ import annotations

import bisect
import functools
import html
import math
import re
import threading
import time
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import psutil
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QFont, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from panel.core.gpu.nvml import (
    GpuSample,
    GpuSnapshot,
    GpuStatus,
    ServerGpuUsage,
    gpu_usage_by_process_tree,
)
from panel.core.gpu.sampler import GpuSampler

__all__ = [
    "MAX_PLOT_POINTS",
    "OTHER_PROCESSES",
    "WINDOWS",
    "GpuCard",
    "GpuPanel",
]

GiB = float(1 << 30)

#: Time windows the selector offers, in seconds.
WINDOWS = (60, 600, 3600)
#: The most points one series is drawn with, whatever the window.
MAX_PLOT_POINTS = 720
#: Series key of the area for memory no server accounts for (other programs, the driver).
OTHER_PROCESSES = "\x00other"

FINE_SECONDS = 600.0  # every sample is kept this long...
BIN_SECONDS = 5.0  # ...then as means over bins this wide...
COARSE_SECONDS = 3600.0  # ...this long.
_FINE_MAX = 4800  # caps for very fast samplers (tests); 10 min at 4 Hz is 2400
_COARSE_MAX = int(COARSE_SECONDS / BIN_SECONDS) + 2

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

# NVML reasons come from panel.core in English; listed here so lupdate offers them for
# translation under this context. Other reasons are shown as they are.
_KNOWN_REASONS = (
    QT_TRANSLATE_NOOP("GpuPanel", "No NVIDIA GPU detected (NVML: library not found)"),
    QT_TRANSLATE_NOOP("GpuPanel", "No NVIDIA GPU detected (NVML: driver not loaded)"),
    QT_TRANSLATE_NOOP("GpuPanel", "No NVIDIA GPU detected (NVML: no devices)"),
    QT_TRANSLATE_NOOP("GpuPanel", "No NVIDIA GPU detected (NVML: nvidia-ml-py is not installed)"),
    QT_TRANSLATE_NOOP("GpuPanel", "NVIDIA GPU not accessible (NVML: insufficient permissions)"),
)

_ERROR_LINE = re.compile(r"^GPU (\d+): (.*)$")


def _tr(text: str) -> str:
    return QCoreApplication.translate("GpuPanel", text)


def _gib(value: float) -> str:
    return f"{value / GiB:.1f}"


def _fill_colour(colour: str) -> QColor:
    """The colour blended 55 % towards white: opaque, so stacked fills never mix."""
    base = QColor(colour)
    return QColor(
        round(base.red() * 0.45 + 255 * 0.55),
        round(base.green() * 0.45 + 255 * 0.55),
        round(base.blue() * 0.45 + 255 * 0.55),
    )


# -- attribution, on the sampler thread ---------------------------------------------------


class _ProcessAncestry:
    """Parent pids of the GPU processes and their ancestors, cached for ``ttl`` seconds.

    ``gpu_usage_by_process_tree`` by default lists each server's descendants, which scans
    the whole process table once per server per sample. Walking *up* from the few GPU
    processes instead reads a handful of /proc entries, and only when the set changes or
    the cache expires, which keeps attribution far below the sampler's own cost.
    """

    def __init__(self, ttl: float = 5.0, clock: Callable[[], float] = time.monotonic) -> None:
        self._ttl = ttl
        self._clock = clock
        self._parents: dict[int, int | None] = {}
        self._stamp = -math.inf

    def _parent(self, pid: int) -> int | None:
        if pid not in self._parents:
            try:
                self._parents[pid] = psutil.Process(pid).ppid()
            except psutil.Error:
                self._parents[pid] = None  # gone, or not ours to inspect
        return self._parents[pid]

    def children_map(self, pids: Iterable[int]) -> dict[int, set[int]]:
        """Parent -> children edges along every path from ``pids`` up to the root."""
        now = self._clock()
        if now - self._stamp > self._ttl:
            self._parents.clear()  # re-parenting happens: forget everything now and then
            self._stamp = now
        children: dict[int, set[int]] = {}
        for pid in pids:
            current, depth = pid, 0
            while current > 0 and depth < 64:
                parent = self._parent(current)
                if parent is None or parent <= 0 or parent == current:
                    break
                edges = children.setdefault(parent, set())
                if current in edges:
                    break  # the rest of the path is already known
                edges.add(current)
                current, depth = parent, depth + 1
        return children


@dataclass(frozen=True, slots=True)
class _Frame:
    snapshot: GpuSnapshot
    usage: Mapping[str, ServerGpuUsage]


class _Relay(QObject):
    """Lives in the GUI thread; the sampler thread emits on it (queued to the panel)."""

    framesPending = Signal()


class _Subscription:
    """The sampler callback. Runs on the sampler thread; never blocks on the GUI."""

    def __init__(self, relay: _Relay) -> None:
        self._lock = threading.Lock()
        self._relay: _Relay | None = relay
        self._roots: dict[str, int] = {}
        self._containers: dict[str, str] = {}
        self._pending: deque[_Frame] = deque(maxlen=256)
        self._poked = False
        self._ancestry = _ProcessAncestry()

    def set_roots(self, roots: Mapping[str, int], containers: Mapping[str, str]) -> None:
        with self._lock:
            self._roots = dict(roots)
            self._containers = dict(containers)

    def __call__(self, snapshot: GpuSnapshot) -> None:
        with self._lock:
            if self._relay is None:
                return
            roots = self._roots
            containers = self._containers
        usage = self._attribute(snapshot, roots, containers)
        with self._lock:
            if self._relay is None:
                return
            self._pending.append(_Frame(snapshot, usage))
            if self._poked:
                return  # a drain is already on its way
            self._poked = True
            # Emitted under the lock so detach() cannot let the relay go mid-emit.
            self._relay.framesPending.emit()

    def _attribute(
        self, snapshot: GpuSnapshot, roots: Mapping[str, int], containers: Mapping[str, str]
    ) -> dict[str, ServerGpuUsage]:
        pids = {process.pid for gpu in snapshot.gpus for process in gpu.processes}
        if not pids or not roots:
            return {name: ServerGpuUsage(0) for name in roots}
        edges = self._ancestry.children_map(pids)
        return gpu_usage_by_process_tree(
            snapshot, roots, lambda pid: edges.get(pid, ()), containers=containers
        )

    def take(self) -> list[_Frame]:
        with self._lock:
            frames = list(self._pending)
            self._pending.clear()
            self._poked = False
        return frames

    def detach(self) -> None:
        with self._lock:
            self._relay = None


def _release(sampler: GpuSampler, subscription: _Subscription, relay: _Relay) -> None:
    # Connected to the panel's destroyed signal: must not touch the panel itself.
    subscription.detach()
    sampler.unsubscribe(subscription)
    relay.deleteLater()


# -- history ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Point:
    t: float
    used: float
    total: float
    util: float  # NaN when unknown
    servers: Mapping[str, float] = field(default_factory=dict)  # bytes on this GPU, > 0 only


def _mean_point(points: Sequence[_Point]) -> _Point:
    n = len(points)
    names = {name for p in points for name in p.servers}
    utils = [p.util for p in points if not math.isnan(p.util)]
    return _Point(
        t=sum(p.t for p in points) / n,
        used=sum(p.used for p in points) / n,
        total=points[-1].total,
        util=sum(utils) / len(utils) if utils else math.nan,
        servers={name: sum(p.servers.get(name, 0.0) for p in points) / n for name in names},
    )


class _GpuHistory:
    """Every sample of the last 10 minutes plus 5-second means for the last hour."""

    def __init__(self) -> None:
        self.fine: deque[_Point] = deque(maxlen=_FINE_MAX)
        self.coarse: deque[_Point] = deque(maxlen=_COARSE_MAX)
        self._bin: list[_Point] = []

    @property
    def latest(self) -> _Point | None:
        return self.fine[-1] if self.fine else None

    def add(self, point: _Point) -> None:
        if self.fine and point.t <= self.fine[-1].t:
            return  # the same snapshot twice
        self.fine.append(point)
        while self.fine[0].t < point.t - FINE_SECONDS:
            self.fine.popleft()
        if self._bin and math.floor(self._bin[0].t / BIN_SECONDS) != math.floor(
            point.t / BIN_SECONDS
        ):
            self.coarse.append(_mean_point(self._bin))
            self._bin = []
        self._bin.append(point)
        while self.coarse and self.coarse[0].t < point.t - COARSE_SECONDS - BIN_SECONDS:
            self.coarse.popleft()

    def points(self, window: float, now: float) -> tuple[list[_Point], float]:
        """Points of the last ``window`` seconds, at most MAX_PLOT_POINTS, and the gap (s)
        beyond which two neighbours are not joined."""
        if window <= FINE_SECONDS:
            source = list(self.fine)
            gap = 5.0
        else:
            source = list(self.coarse)
            if self._bin:
                source.append(_mean_point(self._bin))
            gap = 3 * BIN_SECONDS
        start = bisect.bisect_left(source, now - window, key=lambda p: p.t)
        chosen = source[start:]
        stride = math.ceil(len(chosen) / MAX_PLOT_POINTS)
        if stride > 1:
            chosen = chosen[::-1][::stride][::-1]  # keep the newest point
        return chosen, gap * max(1, stride)


def _with_gaps(x: np.ndarray, columns: list[np.ndarray], gap: float) -> list[np.ndarray]:
    """Insert a NaN where samples are more than ``gap`` apart, so no line bridges the time
    nothing was sampled (the panel was hidden, NVML was away)."""
    if len(x) < 2:
        return [x, *columns]
    breaks = np.nonzero(np.diff(x) > gap)[0] + 1
    if not len(breaks):
        return [x, *columns]
    return [np.insert(x, breaks, np.nan)] + [np.insert(c, breaks, np.nan) for c in columns]


# -- widgets ------------------------------------------------------------------------------


class _AgoAxis(pg.AxisItem):  # type: ignore[misc]  # pyqtgraph is untyped
    """Bottom axis in seconds before the newest sample: "-45 s", "-20 min", "now"."""

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        strings = []
        for value in values:
            if abs(value) < 1e-6:
                strings.append(_tr("now"))
            elif spacing >= 60:
                strings.append(_tr("{0} min").format(round(value / 60)))
            else:
                strings.append(_tr("{0} s").format(round(value)))
        return strings


_TICKS = {60: (15.0, 5.0), 600: (120.0, 60.0), 3600: (600.0, 300.0)}
_LEFT_AXIS_WIDTH = 52


def _style_plot(plot: pg.PlotWidget, font: QFont, *, y_grid: bool = True) -> None:
    item = plot.getPlotItem()
    item.setMenuEnabled(False)
    item.hideButtons()
    item.setMouseEnabled(x=False, y=False)
    item.disableAutoRange()
    # A y grid makes pyqtgraph drop the outermost tick labels, which a short plot needs.
    item.showGrid(x=True, y=y_grid, alpha=0.12)
    for name in ("left", "bottom"):
        axis = item.getAxis(name)
        axis.setPen(pg.mkPen("#9aa0a6"))
        axis.setTextPen(pg.mkPen(TEXT_COLOUR))
        axis.setStyle(tickFont=font, tickTextOffset=4)
    item.getAxis("left").setWidth(_LEFT_AXIS_WIDTH)
    plot.setFocusPolicy(Qt.FocusPolicy.NoFocus)


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
        self._latest: _Point | None = None
        self._series: list[str] = []  # stacking order, bottom first
        self._curves: dict[str, pg.PlotCurveItem] = {}
        self._display_names: dict[str, str] = {}
        self._plotted_points = 0
        self._plotted_x = (0.0, 0.0)
        self._last_plot = -math.inf
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
        self._summary = QLabel()
        self._summary.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._legend = QLabel()
        self._legend.setTextFormat(Qt.TextFormat.RichText)
        # No word wrap: a height-for-width label makes the scroll area size every card
        # to its preferred height instead of sharing the view. A legend too long for
        # the card is clipped, and complete in the tooltip.
        self._legend.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        header = QHBoxLayout()
        header.addWidget(self._title, 1)
        header.addWidget(self._summary)

        self._memory_plot = pg.PlotWidget(background="w", axisItems={"bottom": _AgoAxis("bottom")})
        _style_plot(self._memory_plot, tick_font)
        # Bounds that let four GPUs scroll and keep one GPU from looking stretched.
        self._memory_plot.setMinimumHeight(150)
        self._memory_plot.setMaximumHeight(360)
        self._memory_plot.getAxis("bottom").setStyle(showValues=False)
        self._memory_plot.setLabel("left", self.tr("GiB"), color=MUTED_COLOUR)

        self._util_plot = pg.PlotWidget(background="w", axisItems={"bottom": _AgoAxis("bottom")})
        _style_plot(self._util_plot, tick_font, y_grid=False)
        self._util_plot.setFixedHeight(92)
        self._util_plot.setLabel("left", self.tr("busy %"), color=MUTED_COLOUR)
        self._util_plot.setYRange(-6, 106, padding=0)  # room for the "0" and "100" labels
        util_axis = self._util_plot.getAxis("left")
        util_axis.setTicks([[(0, "0"), (50, "50"), (100, "100")]])
        util_axis.setStyle(textFillLimits=[(0, 0.95)])  # the plot is short: show all three
        self._util_plot.setXLink(self._memory_plot)

        self._used_curve = pg.PlotCurveItem(
            pen=pg.mkPen(USED_COLOUR, width=1.6), antialias=True, connect="finite"
        )
        self._used_curve.setZValue(100)
        self._memory_plot.addItem(self._used_curve)
        self._capacity_line = pg.InfiniteLine(
            pos=0,
            angle=0,
            pen=pg.mkPen(CAPACITY_COLOUR, width=1.2, style=Qt.PenStyle.DashLine),
            label=self.tr("capacity"),
            labelOpts={"position": 0.04, "color": CAPACITY_COLOUR, "anchors": [(0, 1), (0, 1)]},
        )
        self._capacity_line.setZValue(101)
        self._memory_plot.addItem(self._capacity_line)
        self._util_curve = pg.PlotCurveItem(
            pen=pg.mkPen(UTIL_COLOUR, width=1.4),
            brush=pg.mkBrush(_fill_colour(UTIL_COLOUR)),
            fillLevel=0,
            antialias=True,
            connect="finite",
        )
        self._util_plot.addItem(self._util_curve)

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
        """The legend as plain text: "■ llama 12.0 GiB  ■ other processes 3.1 GiB"."""
        return re.sub(r"<[^>]+>", "", self._legend.text()).replace("&nbsp;", " ")

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
        low, high = self._memory_plot.getViewBox().viewRange()[0]
        return float(low), float(high)

    def plotted_point_count(self) -> int:
        """Points in each memory series as last drawn (gap markers included)."""
        return self._plotted_points

    def plotted_x_range(self) -> tuple[float, float]:
        """Oldest and newest x (seconds, <= 0) as last drawn; (0, 0) before any data."""
        return self._plotted_x

    # -- updates from the panel ------------------------------------------------------

    def set_window(self, seconds: int) -> None:
        for plot in (self._memory_plot, self._util_plot):
            plot.setXRange(-seconds, 0, padding=0)
            major, minor = _TICKS.get(seconds, (seconds / 4, seconds / 12))
            plot.getAxis("bottom").setTickSpacing(major, minor)
        self._last_plot = -math.inf

    def set_sample(
        self, sample: GpuSample | None, point: _Point | None, error: str | None, unknown: set[str]
    ) -> None:
        """Labels for the newest sample; ``sample`` None with ``error`` when unreadable."""
        if sample is not None:
            self._index = sample.index
            self._title.setText(self.tr("GPU {0} · {1}").format(sample.index, sample.name))
        if point is not None:
            self._latest = point
        if error is not None or sample is None:
            self._summary.setText(self.tr("not readable: {0}").format(error or "?"))
            self._summary.setStyleSheet(f"color: {ERROR_COLOUR};")
            return
        self._summary.setStyleSheet("")
        parts = [
            self.tr("{0} / {1} GiB").format(_gib(sample.memory_used), _gib(sample.memory_total))
        ]
        if sample.unified_memory:
            parts.append(self.tr("unified memory (system RAM)"))
        if sample.utilization is None:
            parts.append(self.tr("utilisation unknown"))
        else:
            parts.append(self.tr("{0} % busy").format(f"{sample.utilization:.0f}"))
        self._summary.setText(" · ".join(parts))
        self._set_legend(unknown)

    def plot(
        self,
        points: list[_Point],
        latest: _Point | None,
        now: float,
        gap: float,
        order: Sequence[str],
        min_interval: float,
    ) -> None:
        """Redraw the graphs from ``points`` unless the data moved on less than
        ``min_interval`` seconds since the last redraw (on long windows a sample moves the
        graph by less than a pixel)."""
        if now - self._last_plot < min_interval:
            return
        self._last_plot = now
        present = {name for p in points for name, value in p.servers.items() if value > 0}
        names = [name for name in order if name in present]
        names += sorted(present - set(names))
        self._set_series([*names, OTHER_PROCESSES])

        x = np.fromiter((p.t - now for p in points), float, len(points))
        used = np.fromiter((p.used for p in points), float, len(points)) / GiB
        util = np.fromiter((p.util for p in points), float, len(points))
        layers = [
            np.fromiter((p.servers.get(name, 0.0) for p in points), float, len(points)) / GiB
            for name in names
        ]
        accounted = np.sum(layers, axis=0) if layers else np.zeros(len(points))
        layers.append(np.maximum(used - accounted, 0.0))
        tops = list(np.cumsum(layers, axis=0)) if len(points) else [x] * len(layers)
        x_gapped, used_g, util_g, *tops_g = _with_gaps(x, [used, util, *tops], gap)
        for key, layer_top in zip(self._series, tops_g, strict=True):
            self._curves[key].setData(x_gapped, layer_top)
        self._used_curve.setData(x_gapped, used_g)
        self._util_curve.setData(x_gapped, util_g)
        self._plotted_points = len(x_gapped)
        self._plotted_x = (float(x[0]), float(x[-1])) if len(x) else (0.0, 0.0)

        # Capacity from the newest sample: the window may hold no points at all.
        total = latest.total / GiB if latest is not None else 0.0
        y_max = max(total, float(np.nanmax(used)) if len(points) else 0.0, 1.0)
        self._capacity_line.setValue(total)
        self._capacity_line.label.setFormat(self.tr("capacity {0} GiB").format(f"{total:.1f}"))
        self._memory_plot.setYRange(0, y_max * 1.12, padding=0)

    # -- internals -------------------------------------------------------------------

    @staticmethod
    def _value(point: _Point, key: str) -> float:
        if key == OTHER_PROCESSES:
            return max(point.used - sum(point.servers.values()), 0.0)
        return point.servers.get(key, 0.0)

    def _set_series(self, keys: list[str]) -> None:
        if keys == self._series:
            return
        for key in set(self._curves) - set(keys):
            self._memory_plot.removeItem(self._curves.pop(key))
        for position, key in enumerate(keys):
            curve = self._curves.get(key)
            if curve is None:
                colour = OTHER_COLOUR if key == OTHER_PROCESSES else self._colour_of(key)
                curve = pg.PlotCurveItem(
                    pen=pg.mkPen(colour, width=1),
                    brush=pg.mkBrush(_fill_colour(colour)),
                    fillLevel=0,
                    connect="finite",
                )
                self._curves[key] = curve
                self._memory_plot.addItem(curve)
            # Each area is filled down to zero: lower layers are drawn over higher ones.
            curve.setZValue(50 - position)
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
            name = html.escape(self._display_names.get(key, key))
            if key in unknown:
                value = self.tr("usage unknown")
            else:
                value = self.tr("{0} GiB").format(_gib(self._value(point, key) if point else 0))
            entries.append(
                f'<span style="color:{colour}">■</span>&nbsp;{name}&nbsp;'
                f'<span style="color:{MUTED_COLOUR}">{html.escape(value)}</span>'
            )
        self._legend.setText("&nbsp;&nbsp;&nbsp; ".join(entries))
        self._legend.setToolTip(self.legend_text())


class GpuPanel(QWidget):
    """Live memory and utilisation graphs of every NVIDIA GPU, memory split by server.

    ``sampler`` is shared; the panel subscribes only while shown. :meth:`set_servers`
    says which process trees belong to which server. ``serverMemoryChanged`` carries
    name -> bytes across all GPUs (every server named in set_servers, 0 when it holds
    none) whenever a figure changes.
    """

    serverMemoryChanged = Signal(dict)

    def __init__(
        self,
        sampler: GpuSampler,
        parent: QWidget | None = None,
        *,
        min_repaint_interval: float = 0.25,
    ) -> None:
        super().__init__(parent)
        self._sampler = sampler
        self._min_repaint = min_repaint_interval
        self._relay = _Relay(QCoreApplication.instance())
        self._subscription = _Subscription(self._relay)
        self._relay.framesPending.connect(
            self._on_frames_pending, Qt.ConnectionType.QueuedConnection
        )
        # Not a method of self: it runs while the C++ panel is being destroyed.
        self.destroyed.connect(
            functools.partial(_release, sampler, self._subscription, self._relay)
        )

        self._roots: dict[str, int] = {}
        self._server_order: list[str] = []
        self._colours: dict[str, str] = {}
        self._histories: dict[str, _GpuHistory] = {}
        self._cards: dict[str, GpuCard] = {}
        self._last_frame: _Frame | None = None
        self._server_memory: dict[str, int] = {}
        self._window = WINDOWS[0]
        self._last_render = -math.inf
        self._render_count = 0
        self._sample_while_hidden = False
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.timeout.connect(self._render)

        # Header: what this is, and the window selector as a segmented control.
        heading = QLabel(self.tr("GPU memory and utilisation"))
        heading_font = QFont(self.font())
        heading_font.setBold(True)
        heading.setFont(heading_font)
        self._window_group = QButtonGroup(self)
        self._window_group.setExclusive(True)
        segments = QHBoxLayout()
        segments.setSpacing(0)
        labels = {60: self.tr("1 min"), 600: self.tr("10 min"), 3600: self.tr("1 h")}
        for seconds in WINDOWS:
            button = QPushButton(labels[seconds])
            button.setCheckable(True)
            button.setChecked(seconds == self._window)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.setToolTip(self.tr("Show the last {0}").format(labels[seconds]))
            self._window_group.addButton(button, seconds)
            segments.addWidget(button)
        self._window_group.idClicked.connect(self.set_window_seconds)
        header = QHBoxLayout()
        header.addWidget(heading)
        header.addStretch(1)
        header.addWidget(QLabel(self.tr("Window:")))
        header.addLayout(segments)

        self._message = QLabel(self.tr("Reading GPU status…"))
        self._message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._message.setWordWrap(True)
        message_font = QFont(self.font())
        message_font.setPointSizeF(self.font().pointSizeF() + 2)
        self._message.setFont(message_font)
        self._message.setStyleSheet(f"color: {MUTED_COLOUR};")
        self._message.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

        self._cards_box = QWidget()
        self._cards_layout = QVBoxLayout(self._cards_box)
        self._cards_layout.setContentsMargins(0, 0, 0, 0)
        self._cards_layout.setSpacing(8)
        self._cards_layout.addStretch(1)
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setWidget(self._cards_box)
        self._scroll.hide()

        self._errors = QLabel()
        self._errors.setWordWrap(True)
        self._errors.setStyleSheet(f"color: {ERROR_COLOUR};")
        self._errors.hide()

        layout = QVBoxLayout(self)
        # Cards come and go; as a top-level window the panel must not re-impose its
        # minimum size each time (the offscreen platform even warns about it).
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(header)
        layout.addWidget(self._message, 1)
        layout.addWidget(self._scroll, 1)
        layout.addWidget(self._errors)

    # -- public ----------------------------------------------------------------------

    def set_servers(
        self, roots: Mapping[str, int], containers: Mapping[str, str] | None = None
    ) -> None:
        """Server name -> root pid; memory is summed over each tree.

        ``containers`` maps containerised servers to their container ids: GPU processes
        in the container's cgroup count too (see ``gpu_usage_by_process_tree``).
        """
        self._roots = dict(roots)
        for name in roots:
            if name not in self._server_order:
                self._server_order.append(name)
            self.server_colour(name)
        self._subscription.set_roots(self._roots, containers or {})

    def server_colour(self, name: str) -> str:
        """A server's colour ("#rrggbb"), the same on every card for the whole session.

        Chosen from the name's hash, moving on to the next free palette colour when
        taken, so a name usually gets the same colour from one run to the next too.
        """
        colour = self._colours.get(name)
        if colour is None:
            preferred = zlib.crc32(name.encode()) % len(PALETTE)
            taken = set(self._colours.values())
            for step in range(len(PALETTE)):
                candidate = PALETTE[(preferred + step) % len(PALETTE)]
                if candidate not in taken:
                    colour = candidate
                    break
            else:
                colour = PALETTE[preferred]
            self._colours[name] = colour
        return colour

    def server_memory(self) -> dict[str, int]:
        """The figures last sent with serverMemoryChanged."""
        return dict(self._server_memory)

    def cards(self) -> list[GpuCard]:
        """The GPU cards shown, in GPU index order."""
        return [
            self._cards[key]
            for key in sorted(self._cards, key=lambda k: self._cards[k].gpu_index())
        ]

    def message_text(self) -> str:
        """The centred message ("No NVIDIA GPU detected (...)"), or "" when graphs show."""
        return self._message.text() if not self._message.isHidden() else ""

    def errors_text(self) -> str:
        return self._errors.text() if not self._errors.isHidden() else ""

    def render_count(self) -> int:
        """How many times the cards were refreshed (for tests and the cost benchmark)."""
        return self._render_count

    def window_seconds(self) -> int:
        return self._window

    def window_button(self, seconds: int) -> QAbstractButton:
        button = self._window_group.button(seconds)
        if button is None:
            raise KeyError(seconds)
        return button

    @Slot(int)
    def set_window_seconds(self, seconds: int) -> None:
        if seconds not in WINDOWS:
            raise ValueError(f"window must be one of {WINDOWS}, not {seconds}")
        self._window = seconds
        self.window_button(seconds).setChecked(True)
        for card in self._cards.values():
            card.set_window(seconds)
        self._render()

    # -- showing and hiding ----------------------------------------------------------

    def set_sampling_while_hidden(self, enabled: bool) -> None:
        """Keep sampling (history, serverMemoryChanged) while the panel is hidden, for
        when another widget shows the per-server figures; graphs are still drawn only
        while shown. Off by default: nothing showing GPU data means no sampling."""
        self._sample_while_hidden = enabled
        if enabled:
            self._sampler.subscribe(self._subscription)
        elif not self.isVisible():
            self._sampler.unsubscribe(self._subscription)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._sampler.subscribe(self._subscription)
        if self._last_frame is not None:
            self._render_timer.start(0)  # what arrived while hidden

    def hideEvent(self, event: QHideEvent) -> None:
        if not self._sample_while_hidden:
            self._sampler.unsubscribe(self._subscription)
        self._render_timer.stop()
        super().hideEvent(event)

    # -- GUI thread ------------------------------------------------------------------

    @Slot()
    def _on_frames_pending(self) -> None:
        frames = self._subscription.take()
        if not frames:
            return
        for frame in frames:
            self._ingest(frame)
        self._last_frame = frames[-1]
        self._publish_server_memory(frames[-1])
        if self.isVisible() and not self._render_timer.isActive():
            since = time.monotonic() - self._last_render
            delay = min(max(self._min_repaint - since, 0.0), self._min_repaint)
            self._render_timer.start(round(delay * 1000))

    def _ingest(self, frame: _Frame) -> None:
        snapshot = frame.snapshot
        if not snapshot.status.available:
            return
        for sample in snapshot.gpus:
            key = sample.uuid or f"index:{sample.index}"
            history = self._histories.setdefault(key, _GpuHistory())
            history.add(
                _Point(
                    t=snapshot.timestamp,
                    used=float(sample.memory_used),
                    total=float(sample.memory_total),
                    util=math.nan if sample.utilization is None else float(sample.utilization),
                    servers={
                        name: float(entry.per_gpu[sample.index])
                        for name, entry in frame.usage.items()
                        if entry.per_gpu.get(sample.index, 0) > 0
                    },
                )
            )

    def _publish_server_memory(self, frame: _Frame) -> None:
        figures = {
            name: frame.usage[name].total if name in frame.usage else 0 for name in self._roots
        }
        if figures != self._server_memory:
            self._server_memory = figures
            self.serverMemoryChanged.emit(dict(figures))

    @Slot()
    def _render(self) -> None:
        self._last_render = time.monotonic()
        self._render_count += 1
        frame = self._last_frame
        if frame is None:
            return
        snapshot = frame.snapshot
        if not snapshot.status.available:
            self._show_message(snapshot.status)
            return
        self._message.hide()
        self._scroll.show()

        errors = {}
        for line in snapshot.errors:
            match = _ERROR_LINE.match(line)
            if match:
                errors[int(match.group(1))] = match.group(2)
        self._errors.setText("\n".join(snapshot.errors))
        self._errors.setVisible(bool(snapshot.errors))

        present = {sample.uuid or f"index:{sample.index}": sample for sample in snapshot.gpus}
        for key in list(self._cards):
            if key not in present and self._cards[key].gpu_index() not in errors:
                self._remove_card(key)  # the GPU is gone, not just unreadable for now
        plot_interval = max(0.0, self._window / 1800 - 0.05)  # ~ one pixel's worth of time
        for key, sample in present.items():
            card = self._cards.get(key)
            if card is None:
                card = self._add_card(key)
            history = self._histories[key]
            unknown = self._unknown_servers(frame, sample)
            points, gap = history.points(self._window, snapshot.timestamp)
            card.plot(
                points, history.latest, snapshot.timestamp, gap, self._server_order, plot_interval
            )
            card.set_sample(sample, history.latest, None, unknown)
        for key, card in self._cards.items():
            if key not in present:
                card.set_sample(None, None, errors.get(card.gpu_index()), set())
        for key in set(self._histories) - set(self._cards):
            del self._histories[key]  # came and went between two repaints
        self._reorder_cards()

    def _show_message(self, status: GpuStatus) -> None:
        for key in list(self._cards):
            self._remove_card(key)
        self._scroll.hide()
        self._errors.hide()
        self._message.setText(_tr(status.reason) if status.reason else self.tr("No GPU data"))
        self._message.show()

    @staticmethod
    def _unknown_servers(frame: _Frame, sample: GpuSample) -> set[str]:
        unknown_here = {p.pid for p in sample.processes if p.used_bytes is None}
        return {
            name
            for name, entry in frame.usage.items()
            if unknown_here & entry.unknown_pids and not entry.per_gpu.get(sample.index)
        }

    def _add_card(self, key: str) -> GpuCard:
        card = GpuCard(key, self.server_colour, self._cards_box)
        card.set_window(self._window)
        self._cards[key] = card
        self._cards_layout.insertWidget(self._cards_layout.count() - 1, card)
        return card

    def _remove_card(self, key: str) -> None:
        card = self._cards.pop(key)
        self._histories.pop(key, None)
        self._cards_layout.removeWidget(card)
        card.hide()
        card.deleteLater()

    def _reorder_cards(self) -> None:
        for position, card in enumerate(self.cards()):
            if self._cards_layout.indexOf(card) != position:
                self._cards_layout.removeWidget(card)
                self._cards_layout.insertWidget(position, card)
