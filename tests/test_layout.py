"""The window fits the sizes people use: at 1024×700, 1366×768 and 1920×1080 every tab,
opened with its shortcut, lies inside the window and needs no horizontal scrolling."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QPlainTextEdit, QTextEdit, QWidget
from pytestqt.qtbot import QtBot

from panel.core.config.defaults import default_profiles
from panel.core.config.profiles import Engine, ServerProfile
from panel.ui.transcription.widgets import TALK_BUTTON_MAX_WIDTH
from panel.ui.window.main_window import MainWindow
from tests.conftest import Window
from tests.window_helpers import press

SIZES = [(1024, 700), (1366, 768), (1920, 1080)]
TABS = {  # shortcut key -> the tab it shows
    Qt.Key.Key_L: "log_view",
    Qt.Key.Key_J: "chat_tab",
    Qt.Key.Key_T: "transcribe_tab",
    Qt.Key.Key_G: "gpu_panel",
    Qt.Key.Key_M: "models_view",
}


def sticking_out(window: MainWindow, tab: QWidget) -> list[str]:
    """Visible widgets of ``tab`` whose right edge lies beyond the window's."""
    out = []
    for child in [tab, *tab.findChildren(QWidget)]:
        if not child.isVisible() or child.window() is not window:
            continue
        right = child.mapTo(window, child.rect().topRight()).x()
        if right > window.width():
            out.append(f"{type(child).__name__}({child.objectName()}) ends at {right}")
    return out


def horizontal_scrolling(tab: QWidget) -> list[str]:
    """Visible scroll areas of ``tab`` that show a horizontal scrollbar. Text views are left
    out: a log line or a command line may be wider than any window, on purpose."""
    found = []
    for area in tab.findChildren(QAbstractScrollArea):
        if isinstance(area, QPlainTextEdit | QTextEdit) or not area.isVisible():
            continue
        if area.horizontalScrollBar().isVisible():
            found.append(f"{type(area).__name__}({area.objectName()})")
    return found


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_every_tab_fits_the_window(
    qtbot: QtBot, make_window: Window, width: int, height: int
) -> None:
    long_name = ServerProfile(
        name="Qwen2.5-VL-7B-Instruct 视觉模型 (llama.cpp, 32k context, Q4_K_M)",
        engine=Engine.LLAMA_CPP,
        model="/models/qwen2.5-vl-7b-instruct-q4_k_m.gguf",
        port=8123,
    )
    window = make_window([long_name, *default_profiles()])
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.width() == width and window.height() == height, timeout=5000)
    for key, attribute in TABS.items():
        press(window, key, Qt.KeyboardModifier.ControlModifier)
        tab = getattr(window, attribute)
        qtbot.waitUntil(lambda tab=tab: window.tabs.currentWidget() is tab, timeout=5000)

        def fits(tab: QWidget = tab, attribute: str = attribute) -> None:
            # Retried until the layouts have settled after the switch, or the time is up.
            assert window.width() == width, f"{attribute} widened the window"
            assert sticking_out(window, tab) == [], attribute
            assert horizontal_scrolling(tab) == [], attribute

        qtbot.waitUntil(fits, timeout=3000)


def test_the_talk_button_keeps_a_hands_size_on_a_wide_screen(
    qtbot: QtBot, make_window: Window
) -> None:
    window = make_window(default_profiles())
    window.resize(1920, 1080)
    press(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    button = window.transcribe_tab.talk_button
    qtbot.waitUntil(lambda: button.isVisible() and window.width() == 1920, timeout=5000)
    assert 220 <= button.width() <= TALK_BUTTON_MAX_WIDTH
