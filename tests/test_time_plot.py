"""TimePlot, the GPU tab's QPainter plot: what it reports drawing is what is on screen."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from typing import Any

import numpy as np
from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from panel.core.gpu.history import HistoryPoint
from panel.core.gpu.nvml import GpuSample
from panel.ui.gpu.card import GpuCard
from panel.ui.gpu.painted_text import Legend
from panel.ui.gpu.plot import GiB, fill_colour, nice_ticks
from panel.ui.gpu.time_plot import TimePlot


def pixel(plot: TimePlot, x: float, y: float) -> QColor:
    """The colour on screen at data coordinates (x, y)."""
    image = plot.grab().toImage()
    area = plot._area()  # the data area's geometry: private, but only read here
    (x0, x1), (y0, y1) = plot.x_range(), plot.y_range()
    px = area.left() + (x - x0) / (x1 - x0) * area.width()
    py = area.bottom() - (y - y0) / (y1 - y0) * area.height()
    return image.pixelColor(round(px), round(py))


def test_a_filled_series_is_drawn_where_it_says_and_a_nan_breaks_it(qtbot: Any) -> None:
    plot = TimePlot(unit="GiB")
    qtbot.addWidget(plot)
    plot.resize(600, 240)
    plot.set_x_range(-60, 0, 15, 5)
    plot.set_y_range(0, 10)
    plot.add_series("a", "#4e79a7", fill=fill_colour("#4e79a7"))
    x = np.array([-60.0, -40.0, -30.0, np.nan, -20.0, 0.0])
    y = np.array([5.0, 5.0, 5.0, np.nan, 5.0, 5.0])
    plot.set_data("a", x, y)
    plot.show()
    qtbot.waitExposed(plot)

    assert plot.series()["a"] == [
        (-60.0, 5.0),
        (-40.0, 5.0),
        (-30.0, 5.0),
        (-20.0, 5.0),
        (0.0, 5.0),
    ]
    assert plot.x_range() == (-60.0, 0.0)
    assert pixel(plot, -47.5, 2.5) == fill_colour("#4e79a7")  # under the line: filled
    assert pixel(plot, -47.5, 8.5).lightness() > 240  # above it: the white background
    assert pixel(plot, -27.5, 2.5).lightness() > 240  # the gap between -30 and -20: nothing
    assert pixel(plot, -12.5, 2.5) == fill_colour("#4e79a7")

    # A new range redraws: the same data now fills the whole height.
    plot.set_y_range(0, 5)
    assert pixel(plot, -47.5, 4.5) == fill_colour("#4e79a7")


def test_lines_over_fills_and_the_labelled_line(qtbot: Any) -> None:
    plot = TimePlot()
    qtbot.addWidget(plot)
    plot.resize(600, 240)
    plot.set_y_range(0, 100)
    plot.add_series("top", "#303030", width=1.6, antialias=True, z=10)
    plot.add_series("area", "#b8b8b8", fill=fill_colour("#b8b8b8"))
    x = np.linspace(-60, 0, 61)
    plot.set_data("area", x, np.full(61, 50.0))
    plot.set_data("top", x, np.full(61, 50.0))
    plot.set_hline("capacity", 80, "#4b5563", "capacity 80 GiB")
    plot.show()
    qtbot.waitExposed(plot)

    assert plot.hline("capacity") == (80.0, "capacity 80 GiB")
    assert pixel(plot, -27.5, 50).lightness() < 120  # the dark line, drawn over the fill
    plot.remove_series("top")
    assert set(plot.series()) == {"area"}
    assert pixel(plot, -27.5, 45) == fill_colour("#b8b8b8")


def test_legend_and_figures_say_what_they_show(qtbot: Any) -> None:
    # A card paints its figures and legend itself; hovering the legend shows all of it.
    card = GpuCard("GPU-test", lambda name: "#4e79a7")
    qtbot.addWidget(card)
    card.resize(700, 320)
    card.show()
    qtbot.waitExposed(card)
    sample = GpuSample(0, "NVIDIA H100", "GPU-test", 14 * GiB, 48 * GiB, 49.0, ())
    point = HistoryPoint(
        t=1.0, used=14 * GiB, total=48 * GiB, util=49.0, servers={"llama": 12 * GiB}
    )
    card.plot([point], point, 1.0, 5.0, ["llama"], 0.0, 60)
    card.set_sample(sample, point, None, set())
    assert card.title_text() == "GPU 0 · NVIDIA H100"
    assert card.summary_text() == "14.0 / 48.0 GiB · 49 % busy"
    assert card.legend_text() == "■ llama 12.0 GiB    ■ other processes 2.0 GiB"
    assert card.series_names() == ["llama", "other processes"]

    # Drawn where it says: the legend's row holds the server's colour, left to right.
    image = card.grab().toImage()
    row = card.legend_rect().center().y()
    colours = {image.pixelColor(x, row).name() for x in range(card.legend_rect().left(), 60)}
    assert "#4e79a7" in colours

    at = card.legend_rect().center()
    QApplication.sendEvent(card, QHelpEvent(QEvent.Type.ToolTip, at, card.mapToGlobal(at)))
    assert QToolTip.text() == card.legend_text()
    QToolTip.hideText()

    legend = Legend()
    assert legend.set_entries([("#4e79a7", "llama", "12.0 GiB"), ("#b8b8b8", "other", "1.0 GiB")])
    assert not legend.set_entries(
        [("#4e79a7", "llama", "12.0 GiB"), ("#b8b8b8", "other", "1.0 GiB")]
    )
    assert legend.text() == "■ llama 12.0 GiB    ■ other 1.0 GiB"


def test_nice_ticks_are_round_and_inside() -> None:
    assert nice_ticks(0, 53.76, 8) == [0, 10, 20, 30, 40, 50]
    assert nice_ticks(0, 1, 4) == [0, 0.5, 1.0]
    assert nice_ticks(5, 5, 4) == []


def _scrolling_plot(qtbot: Any) -> TimePlot:
    plot = TimePlot(unit="GiB")
    qtbot.addWidget(plot)
    plot.resize(700, 260)
    plot.set_y_range(0, 30)
    plot.set_gap(2.0)
    for z, colour in enumerate(("#4e79a7", "#f28e2b", "#b8b8b8")):
        plot.add_series(colour, colour, fill=fill_colour(colour), z=-z)
    plot.add_series("used", "#303030", width=1.6, antialias=True, z=10)
    plot.add_series("busy", "#5b6676", width=1.4, fill=fill_colour("#5b6676"), antialias=True, z=20)
    plot.set_hline("capacity", 24, "#4b5563", "capacity 24 GiB")
    return plot


def _feed(plot: TimePlot, now: float, t: np.ndarray, layers: np.ndarray, busy: np.ndarray) -> None:
    """What a GPU card does each repaint: the samples of the last 65 s, stacked."""
    shown = (t >= now - 65) & (t <= now)
    tops = np.cumsum(layers[:, shown], axis=0)
    plot.set_now(now)
    for colour, top in zip(("#4e79a7", "#f28e2b", "#b8b8b8"), tops, strict=True):
        plot.set_data(colour, t[shown], top)
    plot.set_data("used", t[shown], tops[-1])
    plot.set_data("busy", t[shown], busy[shown])


def test_a_scrolled_plot_is_a_full_repaint_of_the_same_data(qtbot: Any) -> None:
    # Four samples a second with a pause (no line across it) and a second of unknown
    # readings (NaN); the plot scrolls 400 times and draws only the new strip each time.
    rng = np.random.default_rng(15)
    t = np.arange(0, 200, 0.25)
    t = t[(t < 140) | (t > 144)]
    layers = np.abs(np.cumsum(rng.normal(0, 0.4, (3, len(t))), axis=1)) + 2
    busy = 10 + 8 * np.sin(t / 4)
    busy[np.searchsorted(t, 150) : np.searchsorted(t, 151)] = np.nan
    scrolled = _scrolling_plot(qtbot)
    scrolled.show()
    qtbot.waitExposed(scrolled)
    for now in np.arange(70, 170, 0.25):
        _feed(scrolled, float(now), t, layers, busy)
        scrolled.grab()  # paints, as the screen would
    full_redraws, strips = scrolled.redraw_counts()
    assert strips >= 399 and full_redraws == 1

    fresh = _scrolling_plot(qtbot)
    _feed(fresh, float(now), t, layers, busy)
    a = scrolled.grab().toImage()
    b = fresh.grab().toImage()
    pixels_a = np.frombuffer(a.constBits(), np.uint8).reshape(a.height(), -1)[:, : a.width() * 4]
    pixels_b = np.frombuffer(b.constBits(), np.uint8).reshape(b.height(), -1)[:, : b.width() * 4]
    differ = np.abs(pixels_a.astype(int) - pixels_b.astype(int)).reshape(a.height(), -1, 4)
    off = (differ.max(axis=2) > 24).sum()
    assert off <= a.width() * a.height() * 0.001, f"{off} pixels differ"
    if os.environ.get("PANEL_KEEP_PLOT_PNG"):  # to look at them: a folder to write to
        a.save(os.path.join(os.environ["PANEL_KEEP_PLOT_PNG"], "scrolled.png"))
        b.save(os.path.join(os.environ["PANEL_KEEP_PLOT_PNG"], "full.png"))
        print(f"{off} pixels differ, largest difference {differ.max()}")
    # And what is drawn is what was asked: the newest busy figure is the newest sample.
    assert scrolled.series()["busy"][-1] == (0.0, busy[t <= now][-1])
