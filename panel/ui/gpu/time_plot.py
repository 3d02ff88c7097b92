""":class:`TimePlot`, a :class:`panel.ui.gpu.plot_canvas.PlotCanvas` in a widget of its
own: the server-figure graphs use it. (A GPU card paints its two canvases itself.)
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from panel.ui.gpu.plot_canvas import LEFT_AXIS_WIDTH, PlotCanvas

__all__ = ["LEFT_AXIS_WIDTH", "TimePlot"]


class TimePlot(QWidget):
    """A still plot of time series over the ``x`` seconds before now: see
    :class:`PlotCanvas`, whose methods these are."""

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
        self._canvas = PlotCanvas(self, unit=unit, x_labels=x_labels, y_grid=y_grid, font=font)
        self._canvas.set_geometry(self.rect())
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def canvas(self) -> PlotCanvas:
        return self._canvas

    # -- configuration ---------------------------------------------------------------

    def set_x_range(self, low: float, high: float, major: float, minor: float) -> None:
        self._canvas.set_x_range(low, high, major, minor)

    def set_y_range(
        self, low: float, high: float, ticks: Sequence[tuple[float, str]] | None = None
    ) -> None:
        self._canvas.set_y_range(low, high, ticks)

    def set_now(self, now: float) -> None:
        self._canvas.set_now(now)

    def set_gap(self, seconds: float) -> None:
        self._canvas.set_gap(seconds)

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
        self._canvas.add_series(
            key, colour, width=width, fill=fill, dashed=dashed, antialias=antialias, z=z
        )

    def remove_series(self, key: str) -> None:
        self._canvas.remove_series(key)

    def set_z(self, key: str, z: float) -> None:
        self._canvas.set_z(key, z)

    def set_data(self, key: str, x: np.ndarray, y: np.ndarray) -> None:
        self._canvas.set_data(key, x, y)

    def set_hline(self, key: str, value: float, colour: str, label: str = "") -> None:
        self._canvas.set_hline(key, value, colour, label)

    # -- what is drawn (for tests and owners) ----------------------------------------

    def x_range(self) -> tuple[float, float]:
        return self._canvas.x_range()

    def y_range(self) -> tuple[float, float]:
        return self._canvas.y_range()

    def series(self) -> dict[str, list[tuple[float, float]]]:
        return self._canvas.series()

    def hline(self, key: str) -> tuple[float, str] | None:
        return self._canvas.hline(key)

    def plot_width(self) -> int:
        return self._canvas.plot_width()

    def redraw_counts(self) -> tuple[int, int]:
        return self._canvas.redraw_counts()

    def _area(self) -> QRectF:
        """The data area inside the axes, in widget coordinates."""
        return self._canvas.area()

    def sizeHint(self) -> QSize:
        # Tall enough that cards share the view rather than leave it empty (owners bound
        # the height); the layout shrinks it to what fits.
        return QSize(640, 360)

    def minimumSizeHint(self) -> QSize:
        return QSize(120, 40)

    # -- painting --------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._canvas.set_geometry(self.rect())
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self._canvas.paint(painter)
        painter.end()
