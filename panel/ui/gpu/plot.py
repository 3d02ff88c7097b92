"""What the GPU graphs look like: colours, the "seconds ago" axis, plot styling, gaps.

Shared by :mod:`panel.ui.gpu.card` (the graphs) and :mod:`panel.ui.gpu.panel` (server
colours); no data handling here.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont

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


class AgoAxis(pg.AxisItem):  # type: ignore[misc]  # pyqtgraph is untyped
    """Bottom axis in seconds before the newest sample: "-45 s", "-20 min", "now"."""

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        strings = []
        for value in values:
            if abs(value) < 1e-6:
                strings.append(QCoreApplication.translate("GpuPanel", "now"))
            elif spacing >= 60:
                strings.append(
                    QCoreApplication.translate("GpuPanel", "{0} min").format(round(value / 60))
                )
            else:
                strings.append(QCoreApplication.translate("GpuPanel", "{0} s").format(round(value)))
        return strings


# Major and minor tick spacing (s) per window: round minutes, never crowded.
TICKS = {60: (15.0, 5.0), 600: (120.0, 60.0), 3600: (600.0, 300.0)}
_LEFT_AXIS_WIDTH = 52


def style_plot(plot: pg.PlotWidget, font: QFont, *, y_grid: bool = True) -> None:
    """A still plot: no menu, no mouse zoom, no auto range; muted axes in ``font``."""
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
