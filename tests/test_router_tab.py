"""The Router tab in the window: the address to copy, the live request list, copy as curl,
a server the router starts showing in the window's list, the served profiles with their
state (a sleeping vLLM stand-in too), pinning one by context menu and button, and a busy
port said in words."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QPushButton, QTableView

from panel.core.config.router_settings import RouterSettings
from panel.core.servers.server_state import ServerState
from tests.conftest import EngineKit, llama_profile
from tests.test_router_sleep import sleepy_profile, sleepy_vllm_in
from tests.window_helpers import click_menu_entry

pytestmark = pytest.mark.engines


def _open_router_tab(qtbot: Any, window: Any) -> Any:
    bar = window.tabs.tabBar()
    index = next(i for i in range(bar.count()) if bar.tabText(i) == "Router")
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    qtbot.waitUntil(lambda: window.tabs.currentWidget().objectName() == "RouterTab")
    return window.tabs.currentWidget()


def test_the_router_tab_lists_requests_and_copies_them_as_curl(
    qtbot: Any, make_window: Any, engines: EngineKit
) -> None:
    profile = llama_profile(engines, name="tiny", args=["-c", "512", "-t", "2", "--alias", "tl"])
    window = make_window([profile], router=RouterSettings(port=0))  # any free port
    tab = _open_router_tab(qtbot, window)
    state = tab.findChild(QLabel, "RouterState")
    qtbot.waitUntil(lambda: state.text() == "listening", timeout=10_000)
    address = tab.findChild(QLabel, "RouterAddress").text()
    assert address.startswith("http://127.0.0.1:") and address.endswith("/v1")
    QTest.mouseClick(tab.findChild(QPushButton, "CopyRouterAddress"), Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == address

    body = {"model": "tl", "messages": [{"role": "user", "content": "Hi"}], "max_tokens": 4}
    answer = httpx.post(address + "/chat/completions", json=body, timeout=120)
    assert answer.status_code == 200, answer.text
    # The router started the server through the window's hub: the list knows it.
    qtbot.waitUntil(lambda: window.hub.server(profile).state is ServerState.READY)
    table = tab.findChild(QTableView, "RouterRequests")
    model = table.model()
    qtbot.waitUntil(lambda: model.rowCount() == 1 and model.index(0, 3).data() == "200")
    assert [model.index(0, c).data() for c in (1, 2, 7)] == ["tl", "/v1/chat/completions", "tiny"]
    # One JSON answer: no time to first token (its first byte comes with its last).
    assert model.index(0, 4).data() == ""
    # Figures right-aligned, names (the server's too) from the left.
    aligned = [model.index(0, c).data(Qt.ItemDataRole.TextAlignmentRole) for c in range(8)]
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert [a == right for a in aligned] == [False, False, False, True, True, True, True, False]

    copy = tab.findChild(QPushButton, "CopyRouterCurl")
    assert not copy.isEnabled()
    rect = table.visualRect(model.index(0, 1))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(copy.isEnabled)
    QTest.mouseClick(copy, Qt.MouseButton.LeftButton)
    curl = QGuiApplication.clipboard().text()
    assert curl.startswith("curl " + address + "/chat/completions")
    assert '"model":"tl"' in curl

    toggle = tab.findChild(QPushButton, "RouterToggle")
    QTest.mouseClick(toggle, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: state.text() == "stopped", timeout=30_000)
    # It stopped the server it started, too.
    assert window.hub.server(profile).state is ServerState.STOPPED
    with pytest.raises(httpx.ConnectError):
        httpx.post(address + "/chat/completions", json=body, timeout=5)


def _profiles_table(qtbot: Any, tab: Any, rows: int) -> QTableView:
    table = tab.findChild(QTableView, "RouterProfiles")
    qtbot.waitUntil(lambda: table.model().rowCount() == rows)
    return table


def _row_text(table: QTableView, name: str, column: int) -> str:
    model = table.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == name)
    return str(model.index(row, column).data())


def _right_click_row(qtbot: Any, table: QTableView, row: int, entry: str) -> None:
    """Right-click a row as a user does and click ``entry`` in the menu that opens."""
    pos = table.visualRect(table.model().index(row, 0)).center()
    viewport = table.viewport()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, viewport.mapToGlobal(pos))
    QApplication.sendEvent(viewport, event)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    click_menu_entry(menu, entry)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)


def test_a_profile_is_pinned_from_the_router_tab_and_the_pin_is_saved(
    qtbot: Any, make_window: Any, engines: EngineKit
) -> None:
    tiny = llama_profile(engines, name="tiny", idle_timeout=30)
    smol = llama_profile(engines, "SmolLM2-135M-Instruct.Q4_1.gguf", name="smol")
    window = make_window([tiny, smol], router=RouterSettings(port=0))
    tab = _open_router_tab(qtbot, window)
    table = _profiles_table(qtbot, tab, 2)
    assert _row_text(table, "tiny", 4) == "stop after 30 s"
    pin = tab.findChild(QPushButton, "RouterPin")
    assert not pin.isEnabled()  # nothing selected yet

    _right_click_row(qtbot, table, 0, "Pin (keep loaded)")
    qtbot.waitUntil(lambda: _row_text(table, "tiny", 3) == "pinned")
    assert _row_text(table, "tiny", 4) == "kept loaded"
    saved = tomllib.loads(window.store.path.read_text())["profiles"]
    assert [p.get("pinned", False) for p in saved] == [True, False]
    state = tab.findChild(QLabel, "RouterState")
    qtbot.waitUntil(lambda: state.text() == "listening", timeout=10_000)
    listed = httpx.get(tab.router.address + "/v1/models", timeout=10).json()["data"]
    assert [(m["id"], m["pinned"]) for m in listed] == [("tiny", True), ("smol", False)]

    # The button does the same for the selected row, and says what it will do.
    QTest.mouseClick(
        table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=table.visualRect(table.model().index(0, 1)).center(),
    )
    qtbot.waitUntil(lambda: pin.isEnabled() and pin.text() == "Unpin")
    QTest.mouseClick(pin, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _row_text(table, "tiny", 3) == "")
    assert pin.text() == "Pin"
    saved = tomllib.loads(window.store.path.read_text())["profiles"]
    assert [p.get("pinned", False) for p in saved] == [False, False]


def test_a_sleeping_vllm_shows_as_sleeping_in_the_router_tab(
    qtbot: Any, make_window: Any, tmp_path: Path
) -> None:
    profile = sleepy_profile(sleepy_vllm_in(tmp_path), idle_timeout=0.5)
    window = make_window([profile], router=RouterSettings(port=0))
    tab = _open_router_tab(qtbot, window)
    state = tab.findChild(QLabel, "RouterState")
    qtbot.waitUntil(lambda: state.text() == "listening", timeout=10_000)
    table = _profiles_table(qtbot, tab, 1)
    assert _row_text(table, "tiny-vllm", 4) == "sleep after 0.5 s"
    body = {"model": "tiny", "messages": [{"role": "user", "content": "Hi"}]}
    answer = httpx.post(tab.router.address + "/v1/chat/completions", json=body, timeout=60)
    assert answer.status_code == 200, answer.text
    qtbot.waitUntil(lambda: _row_text(table, "tiny-vllm", 2) == "sleeping", timeout=15_000)
    note = tab.findChild(QLabel, "RouterNote")
    assert note.text() == "putting tiny-vllm to sleep: no request for 0.5 s (idle_timeout)"
    # The process stays: the window's list still has it running.
    assert window.hub.server(profile).state is ServerState.READY
    answer = httpx.post(tab.router.address + "/v1/chat/completions", json=body, timeout=60)
    assert answer.status_code == 200, answer.text
    qtbot.waitUntil(lambda: _row_text(table, "tiny-vllm", 2) == "ready", timeout=15_000)
    # Stop: the router stops what it started, sleeping or not.
    QTest.mouseClick(tab.findChild(QPushButton, "RouterToggle"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: state.text() == "stopped", timeout=30_000)
    assert window.hub.server(profile).state is ServerState.STOPPED


def test_a_pin_that_cannot_be_saved_holds_for_the_session_and_says_why(
    qtbot: Any, make_window: Any, engines: EngineKit, tmp_path: Path
) -> None:
    window = make_window([llama_profile(engines, name="tiny")], router=RouterSettings(port=0))
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    window.store.path = blocker / "config.toml"  # as a config under a file: no saving
    tab = _open_router_tab(qtbot, window)
    table = _profiles_table(qtbot, tab, 1)
    _right_click_row(qtbot, table, 0, "Pin (keep loaded)")
    qtbot.waitUntil(lambda: _row_text(table, "tiny", 3) == "pinned")
    note = tab.findChild(QLabel, "RouterNote").text()
    assert note.startswith("Pinned for this session only:") and "cannot save" in note
    assert tab.router.pool.is_pinned("tiny")
