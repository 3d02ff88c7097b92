"""pyqtgraph styling for graphs that still use pyqtgraph (the "seconds ago" axis, a still
plot). Imported only by whoever asks for it: the GPU cards draw with
:class:`panel.ui.gpu.plot.TimePlot` and never load pyqtgraph.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from panel.ui.gpu.plot import LEFT_AXIS_WIDTH, TEXT_COLOUR, ago_label

__all__ = ["AgoAxis", "style_plot"]


class AgoAxis(pg.AxisItem):  # type: ignore[misc]  # pyqtgraph is untyped
    """Bottom axis in seconds before the newest sample: "-45 s", "-20 min", "now"."""

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        return [ago_label(value, spacing) for value in values]


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
    item.getAxis("left").setWidth(LEFT_AXIS_WIDTH)
    plot.setFocusPolicy(Qt.FocusPolicy.NoFocus)
