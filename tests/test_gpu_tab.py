"""The GPU tab in the main window, with and without an NVIDIA GPU (a fake NVML).

Without one, the tab explains what is missing, that everything else works, and how to
check, and offers no 1 min / 10 min / 1 h buttons over an empty area. With one, the
buttons are there and change the graphs' window.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel

from panel.ui.gpu.panel import WINDOWS, GpuPanel
from tests.fakes.fake_nvml import NVML_ERROR_DRIVER_NOT_LOADED, FakeGpu, FakeNvml, GiB

WAIT_MS = 10_000


def visible_buttons(panel: GpuPanel) -> list[str]:
    return [b.text() for b in panel.findChildren(QAbstractButton) if b.isVisible()]


def visible_text(panel: GpuPanel) -> str:
    return "\n".join(label.text() for label in panel.findChildren(QLabel) if label.isVisible())


def test_without_a_gpu_the_tab_explains_and_offers_no_window_buttons(
    qtbot: Any, make_window: Any
) -> None:
    window = make_window([])  # the fixture's NVML has no library: a machine without NVIDIA
    window.act_show_gpu.trigger()
    panel = window.gpu_panel
    assert window.tabs.currentWidget() is panel

    qtbot.waitUntil(lambda: "inference-panel doctor" in visible_text(panel), timeout=WAIT_MS)
    shown = visible_text(panel)
    assert "No NVIDIA GPU detected (NVML: library not found)" in shown  # what is missing
    assert "Everything else in the panel works without one" in shown
    assert "To see what is missing, run" in shown and "inference-panel doctor" in shown
    assert visible_buttons(panel) == []
    assert panel.cards() == []

    # It stays that way while the sampler keeps asking (slowly) for a driver.
    count = panel.render_count()
    qtbot.waitUntil(lambda: panel.render_count() > count, timeout=WAIT_MS)
    assert visible_buttons(panel) == []
    assert "inference-panel doctor" in panel.notice_text()


def test_driver_not_loaded_is_said_in_the_same_notice(qtbot: Any, make_window: Any) -> None:
    window = make_window([], FakeNvml([FakeGpu()], init_error=NVML_ERROR_DRIVER_NOT_LOADED))
    window.act_show_gpu.trigger()
    panel = window.gpu_panel
    qtbot.waitUntil(
        lambda: panel.message_text() == "No NVIDIA GPU detected (NVML: driver not loaded)",
        timeout=WAIT_MS,
    )
    assert "inference-panel doctor" in visible_text(panel)
    assert visible_buttons(panel) == []


def test_with_a_gpu_the_window_buttons_work(qtbot: Any, make_window: Any) -> None:
    gpu = FakeGpu(name="NVIDIA H100 80GB HBM3", memory_total=80 * GiB, memory_used=10 * GiB)
    window = make_window([], FakeNvml([gpu]))
    window.act_show_gpu.trigger()
    panel = window.gpu_panel

    qtbot.waitUntil(lambda: len(panel.cards()) == 1, timeout=WAIT_MS)
    [card] = panel.cards()
    assert "H100" in card.title_text()
    assert panel.notice_text() == ""
    assert "inference-panel doctor" not in visible_text(panel)
    assert visible_buttons(panel) == ["1 min", "10 min", "1 h"]
    assert panel.window_button(60).isChecked()
    assert card.x_range() == (-60.0, 0.0)

    for seconds in reversed(WINDOWS):
        qtbot.mouseClick(panel.window_button(seconds), Qt.MouseButton.LeftButton)
        assert panel.window_seconds() == seconds
        assert panel.window_button(seconds).isChecked()
        assert card.x_range() == (-float(seconds), 0.0)
