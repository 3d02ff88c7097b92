"""What the GPU graphs look like: colours, the "seconds ago" axis, tick values, gaps.
The plot itself is :class:`panel.ui.gpu.time_plot.TimePlot`.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

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


def multiples(low: float, high: float, step: float) -> list[float]:
    if step <= 0 or high <= low:
        return []
    first = math.ceil(low / step - 1e-9)
    last = math.floor(high / step + 1e-9)
    return [i * step for i in range(first, last + 1)]


def is_multiple(value: float, step: float) -> bool:
    return abs(value / step - round(value / step)) < 1e-6
