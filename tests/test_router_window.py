"""The router starts with the window, before its tab is ever opened, and stops listening
as the window closes; a busy port is said in the status bar and the tab.

These need the window to call :mod:`panel.ui.router.runner`'s functions:
``start_router_with_window`` right after the first paint, ``router_tab_for_window`` for
the Router tab and ``shut_down_router`` as it closes.
"""

from __future__ import annotations

import socket
import threading
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtWidgets import QLabel, QPushButton

from panel.core.config.router_settings import RouterSettings
from panel.ui.router.door import DOOR_NAME, RouterDoor
from panel.ui.router.runner import RUNNER_NAME, RouterRunner
from tests.conftest import EngineKit, llama_profile
from tests.test_router_sleep import sleepy_profile, sleepy_vllm_in
from tests.test_router_tab import _open_router_tab

pytestmark = pytest.mark.engines


def _door(qtbot: Any, window: Any) -> RouterDoor:
    """The router's address, bound right after the window's first paint."""
    qtbot.waitUntil(lambda: window.findChild(RouterDoor, DOOR_NAME) is not None)
    return window.findChild(RouterDoor, DOOR_NAME)


def _get(qtbot: Any, url: str) -> httpx.Response:
    """A GET from another thread, as a client would: the GUI thread keeps running."""
    answers: list[httpx.Response] = []
    threading.Thread(target=lambda: answers.append(httpx.get(url, timeout=30)), daemon=True).start()
    qtbot.waitUntil(lambda: bool(answers), timeout=30_000)
    return answers[0]


def _knock(qtbot: Any, window: Any) -> RouterRunner:
    """The window's router, loaded by a first request to its address."""
    port = _door(qtbot, window).port
    assert _get(qtbot, f"http://127.0.0.1:{port}/health").json() == {"status": "ok"}
    runner = window.findChild(RouterRunner, RUNNER_NAME)
    assert runner is not None and runner.running
    return runner


def test_the_router_listens_with_the_window_before_its_tab_is_opened(
    qtbot: Any, make_window: Any, engines: EngineKit
) -> None:
    window = make_window([llama_profile(engines, name="tiny")], router=RouterSettings(port=0))
    door = _door(qtbot, window)
    # The address is held from the start, the router itself not loaded until a client
    # connects (aiohttp: ~20 MB the window does not need before).
    port = door.port
    with socket.create_connection(("127.0.0.1", port), timeout=5):
        pass
    assert window.findChild(RouterRunner, RUNNER_NAME) is None
    runner = _knock(qtbot, window)  # the first request waits in the backlog, then answers
    assert window.lazy_tabs.built_widget("router") is None  # nobody opened the tab
    address = runner.router.address
    assert address == f"http://127.0.0.1:{port}"
    listed = httpx.get(address + "/v1/models", timeout=10).json()["data"]
    assert [(m["id"], m["state"]) for m in listed] == [("tiny", "stopped")]

    tab = _open_router_tab(qtbot, window)
    assert tab.runner is runner  # the tab shows the router that already runs
    assert tab.findChild(QLabel, "RouterState").text() == "listening"
    assert tab.findChild(QLabel, "RouterAddress").text() == address + "/v1"

    window.close()  # nothing runs: no question, the window closes
    qtbot.waitUntil(lambda: not window.isVisible())
    assert not runner.running
    with pytest.raises(httpx.ConnectError):
        httpx.get(address + "/health", timeout=5)


def test_a_disabled_router_does_not_listen_until_started_from_its_tab(
    qtbot: Any, make_window: Any, engines: EngineKit
) -> None:
    window = make_window([llama_profile(engines, name="tiny")])  # [router] enabled = false
    assert window.findChild(RouterRunner, RUNNER_NAME) is None  # nothing even loaded
    tab = _open_router_tab(qtbot, window)
    assert tab.findChild(QLabel, "RouterState").text() == "stopped"
    assert not tab.runner.running and not tab.runner.busy


def test_a_busy_router_port_is_said_in_the_status_bar_and_the_tab(
    qtbot: Any, make_window: Any, engines: EngineKit
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        window = make_window(
            [llama_profile(engines, name="tiny")], router=RouterSettings(port=port)
        )
        bar = window.statusBar()
        qtbot.waitUntil(lambda: "Router not running" in bar.currentMessage(), timeout=10_000)
        message = bar.currentMessage()
        assert f"port {port} on 127.0.0.1 is taken by another program" in message
        assert "Traceback" not in message and "Errno" not in message
        assert window.findChild(RouterDoor, DOOR_NAME) is None
        tab = _open_router_tab(qtbot, window)
        state = tab.findChild(QLabel, "RouterState")
        qtbot.waitUntil(lambda: state.text().startswith("not running"), timeout=10_000)
        assert f"port {port} on 127.0.0.1 is taken by another program" in state.text()
        assert "[router] port" in state.text() and "Errno" not in state.text()
        assert tab.findChild(QPushButton, "RouterToggle").text() == "Start"
        assert not tab.runner.running


def test_a_vllm_the_router_put_to_sleep_reads_sleeping_in_the_list(
    qtbot: Any, make_window: Any, tmp_path: Path
) -> None:
    # The sleep-mode stand-in (a GPU's vLLM; tests/test_router_sleep.py): the supervisor
    # calls a sleeping server "ready", its process runs; the list must not say "ready".
    # Idle 2 s: awake longer than the list's 1 s look at it, so "ready" is seen between.
    profile = sleepy_profile(sleepy_vllm_in(tmp_path), idle_timeout=2.0)
    window = make_window([profile], router=RouterSettings(port=0))
    runner = _knock(qtbot, window)

    def badge() -> str:
        row = window.model.server_row("tiny-vllm")
        return str(window.model.badge(row)[0])

    def ask() -> list[int]:
        answers: list[int] = []

        def post() -> None:
            body = {"model": "tiny", "messages": [{"role": "user", "content": "Hi"}]}
            url = runner.router.address + "/v1/chat/completions"
            answers.append(httpx.post(url, json=body, timeout=60).status_code)

        threading.Thread(target=post, daemon=True).start()
        return answers

    seen: list[str] = []  # every badge the row showed, in order
    window.model.dataChanged.connect(
        lambda *_: seen.append(badge()) if not seen or seen[-1] != badge() else None
    )
    first = ask()  # starts it; idle for 2 s, it sleeps
    qtbot.waitUntil(lambda: first == [200], timeout=30_000)
    qtbot.waitUntil(lambda: badge() == "sleeping", timeout=15_000)
    assert window.hub.supervisor.get("tiny-vllm").state.value == "ready"  # still running
    second = ask()  # wakes it
    qtbot.waitUntil(lambda: second == [200], timeout=30_000)
    # Awake again (for 2 s at least, then asleep once more): the list said so.
    qtbot.waitUntil(lambda: "ready" in seen[seen.index("sleeping") :], timeout=5_000)
    assert any(n.startswith("waking tiny-vllm") for n in runner.router.notes)
    window.hub.supervisor.stop_all(timeout=20)
    qtbot.waitUntil(lambda: badge() == "stopped", timeout=10_000)
