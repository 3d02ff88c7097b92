"""Small graphs of each ready server's figures, below the GPU memory graphs: tokens per
second (generation, and prompt dashed) and requests running, over the last minute, with
the figures of the last reading beside the name.

Fed by :class:`panel.ui.window.live_figures.LiveFigures` once a second; draws only while
shown (a hidden tab keeps the newest history and draws it when shown again). A
llama-server without ``--metrics`` gets a one-click "Add --metrics" button.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from panel.core.metrics.figures import FigurePoint, ServerFigures
from panel.ui.gpu.plot import MUTED_COLOUR
from panel.ui.gpu.time_plot import TimePlot

#: Seconds the graphs span.
SPAN = 60.0


class _ServerRow:
    """One server's name, figures, button and two plots, laid out in a grid row."""

    def __init__(self, owner: ServerMetricsGraphs, name: str, colour: str, font: QFont) -> None:
        self.name_label = QLabel(f"<b style='color:{colour}'>■</b> <b>{html.escape(name)}</b>")
        self.name_label.setTextFormat(Qt.TextFormat.RichText)
        self.figures_label = QLabel()
        self.figures_label.setObjectName("serverFigures")
        self.figures_label.setWordWrap(True)
        self.offer = QPushButton(QCoreApplication.translate("ServerMetricsGraphs", "Add --metrics"))
        self.offer.setObjectName("addMetricsFlag")
        self.offer.setToolTip(
            QCoreApplication.translate(
                "ServerMetricsGraphs",
                "This llama-server runs without --metrics, so only its busy slots are known."
                " Add --metrics to the profile; the next start shows tokens/s, the queue and"
                " the KV cache.",
            )
        )
        self.offer.clicked.connect(lambda: owner.addMetricsRequested.emit(name))
        self.offer.hide()
        self.tokens = _small_plot(font, QCoreApplication.translate("ServerMetricsGraphs", "tok/s"))
        self.running = _small_plot(
            font, QCoreApplication.translate("ServerMetricsGraphs", "running")
        )
        self.tokens.add_series("generation", colour, width=1.6, antialias=True)
        self.tokens.add_series("prompt", colour, dashed=True, antialias=True)
        self.running.add_series("running", colour, width=1.6, antialias=True)
        self.history: list[FigurePoint] = []
        self._tops = (0.0, 0.0)

    def widgets(self) -> list[QWidget]:
        return [self.name_label, self.figures_label, self.offer, self.tokens, self.running]

    def draw(self) -> None:
        if not self.history:
            return
        newest = self.history[-1].at
        points = [p for p in self.history if newest - p.at <= SPAN]
        t = np.array([p.at for p in points])
        gen = np.array([p.generation_tokens_per_second for p in points], dtype=float)
        prompt = np.array([p.prompt_tokens_per_second for p in points], dtype=float)
        running = np.array([float(p.requests_running) for p in points])
        for plot, key, values in (
            (self.tokens, "generation", gen),
            (self.tokens, "prompt", prompt),
            (self.running, "running", running),
        ):
            plot.set_now(newest)
            plot.set_data(key, t, values)
        # A new range redraws the axis: only when the data outgrows it, in steps.
        tokens_top = _nice_top(float(np.nanmax(np.concatenate([gen, prompt]))))
        running_top = _nice_top(float(np.nanmax(running)) + 0.5)
        if (tokens_top, running_top) != self._tops:
            self._tops = (tokens_top, running_top)
            self.tokens.set_y_range(0, tokens_top)
            self.running.set_y_range(0, running_top)


def _nice_top(value: float) -> float:
    """The first of 1, 2, 5, 10, 20, 50 ... above ``value``."""
    top = 1.0
    steps = (2.0, 2.5, 2.0)
    at = 0
    while top < value * 1.05:
        top *= steps[at % 3]
        at += 1
    return top


def _small_plot(font: QFont, unit: str) -> TimePlot:
    plot = TimePlot(unit=unit, x_labels=False, y_grid=False, font=font)
    plot.setFixedHeight(70)
    plot.setMinimumWidth(160)
    plot.set_x_range(-SPAN, 0, 15.0, 5.0)
    plot.set_gap(3.0)
    return plot


class ServerMetricsGraphs(QWidget):
    """Hidden until a server has figures. ``colour_of`` gives a server's colour (the GPU
    graphs' own, so a server looks the same in both)."""

    addMetricsRequested = Signal(str)  # profile name

    def __init__(self, colour_of: Callable[[str], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serverMetricsGraphs")
        self._colour_of = colour_of
        self._rows: dict[str, _ServerRow] = {}
        self._font = QFont(self.font())
        self._font.setPointSizeF(max(7.0, self._font.pointSizeF() * 0.85))
        heading = QLabel(self.tr("Server figures"))
        bold = QFont(self.font())
        bold.setBold(True)
        heading.setFont(bold)
        legend = QLabel(self.tr("tokens/s: generation solid, prompt dashed · last minute"))
        legend.setStyleSheet(f"color: {MUTED_COLOUR};")
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(legend)
        self._grid = QGridLayout()
        self._grid.setColumnStretch(3, 1)
        self._grid.setColumnStretch(4, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addLayout(self._grid)
        self.hide()

    # -- fed by the window -----------------------------------------------------------
    def show_figures(
        self,
        name: str,
        figures: ServerFigures,
        history: Sequence[FigurePoint],
        offer_metrics_flag: bool = False,
    ) -> None:
        row = self._rows.get(name)
        if row is None:
            row = self._rows[name] = _ServerRow(self, name, self._colour_of(name), self._font)
            at = self._grid.rowCount()
            for column, widget in enumerate(row.widgets()):
                self._grid.addWidget(widget, at, column)
            self.show()
        row.figures_label.setText(self._describe(figures))
        row.offer.setVisible(offer_metrics_flag)
        row.history = list(history)
        if self.isVisible():
            row.draw()

    def remove(self, name: str) -> None:
        row = self._rows.pop(name, None)
        if row is None:
            return
        for widget in row.widgets():
            self._grid.removeWidget(widget)
            widget.deleteLater()
        if not self._rows:
            self.hide()

    def names(self) -> list[str]:
        return list(self._rows)

    def figures_text(self, name: str) -> str:
        row = self._rows.get(name)
        return row.figures_label.text() if row is not None else ""

    def offer_button(self, name: str) -> QPushButton | None:
        row = self._rows.get(name)
        return row.offer if row is not None else None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        for row in self._rows.values():
            row.draw()

    def _describe(self, figures: ServerFigures) -> str:
        def number(value: float | None, digits: int = 1) -> str:
            return "—" if value is None else f"{value:.{digits}f}"

        lines = [
            self.tr("{0} running, {1} waiting").format(
                number(figures.requests_running, 0), number(figures.requests_waiting, 0)
            ),
            self.tr("{0} tok/s generated, {1} tok/s prompt").format(
                number(figures.generation_tokens_per_second),
                number(figures.prompt_tokens_per_second),
            ),
        ]
        extra = []
        if figures.kv_cache_usage_ratio is not None:
            extra.append(
                self.tr("KV cache {0} %").format(number(figures.kv_cache_usage_ratio * 100))
            )
        if figures.time_to_first_token_seconds is not None:
            extra.append(
                self.tr("first token {0} ms").format(
                    round(figures.time_to_first_token_seconds * 1000)
                )
            )
        if figures.last_request_seconds is not None:
            extra.append(self.tr("last request {0} s").format(number(figures.last_request_seconds)))
        if extra:
            lines.append(", ".join(extra))
        return "\n".join(lines)
