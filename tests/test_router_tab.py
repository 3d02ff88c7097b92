"""The Router tab in the window: the address to copy, the live request list, copy as curl,
and a server the router starts showing in the window's list."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QPushButton, QTableView

from panel.core.config.router_settings import RouterSettings
from panel.core.servers.server_state import ServerState
from tests.conftest import EngineKit, llama_profile

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
    assert model.index(0, 4).data().endswith(" ms")

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
