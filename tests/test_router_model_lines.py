"""A router-mode llama-server in the window: one line per model under its server, with
its state, loaded and unloaded from the line's context menu (the real llama-server)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from panel.core.config.profiles import Engine, ServerProfile
from panel.core.servers.supervisor import ServerState
from panel.ui.window.server_list import ServerListModel
from tests.conftest import EngineKit, llama_profile
from tests.http_stub import answer, stub_server
from tests.test_llama_router import SMOL, TINY, models_folder, router_profile
from tests.window_helpers import context_menu

WAIT = 30_000


@contextmanager
def servers_stopped_after(window: Any) -> Iterator[None]:
    """Stops the window's servers when the test ends, failed or not: pytest-qt closes the
    window before the fixtures' teardown, and a window closed with a server running asks
    whether to stop it, in a dialog nobody answers."""
    assert getattr(window, "router_models", None) is not None, (
        "the window makes no RouterModelLines"
    )
    try:
        yield
    finally:
        window.hub.supervisor.stop_all(timeout=20)


def lines(window: Any) -> list[tuple[str, str]]:
    """Each line of the server list: its name and its badge's text."""
    model = window.model
    return [
        (model.index(i).data(), model.index(i).data(ServerListModel.BadgeRole)[0])
        for i in range(model.rowCount())
    ]


@pytest.mark.engines
def test_a_routers_models_are_lines_the_user_loads_and_unloads_by_right_click(
    qtbot: Any, make_window: Any, engines: EngineKit, tmp_path: Path
) -> None:
    folder = models_folder(tmp_path, engines, "tiny-llama.gguf", "SmolLM2-135M-Instruct.Q4_1.gguf")
    router = router_profile(folder, engines.llama_server)
    other = llama_profile(engines, name="plain")
    window = make_window([router, other])
    with servers_stopped_after(window):
        check_lines_load_and_unload(qtbot, window, router)


def check_lines_load_and_unload(qtbot: Any, window: Any, router: ServerProfile) -> None:
    assert lines(window) == [(router.name, "stopped"), ("plain", "stopped")]
    window.select(router.name)
    window.act_start.trigger()
    # No model to load: ready at once, its models listed under it, none loaded.
    qtbot.waitUntil(lambda: len(lines(window)) == 4, timeout=WAIT)
    assert lines(window) == [
        (router.name, "ready"),
        (SMOL, "unloaded"),
        (TINY, "unloaded"),
        ("plain", "stopped"),
    ]
    tiny = window.model.index(2)
    assert "Double-click or right-click to load it" in tiny.data(
        Qt.ItemDataRole.ToolTipRole
    )  # the tooltip says how
    assert window.model.model_at(tiny).server == router.name

    context_menu(window, 2, f"Load {TINY}")
    qtbot.waitUntil(lambda: lines(window)[2] == (TINY, "loaded"), timeout=WAIT)
    assert lines(window)[1] == (SMOL, "unloaded")
    detail = tiny.data(ServerListModel.DetailRole)
    [loaded] = [m for m in window.model.router_models(router.name) if m.model.id == TINY]
    assert detail == f"models folder · :{loaded.model.port}"
    # The right-clicked line is selected; the window speaks of its server.
    assert window.selected_profile() == window.model.server_row(router.name).profile
    body = {"model": TINY, "messages": [{"role": "user", "content": "hi"}], "max_tokens": 8}
    reply = httpx.post(f"{router.base_url}/v1/chat/completions", json=body, timeout=60)
    assert reply.json()["choices"][0]["message"]["content"] == "Hello from a tiny model."

    context_menu(window, 2, "Copy model name")
    assert QApplication.clipboard().text() == TINY
    context_menu(window, 2, f"Unload {TINY}")
    qtbot.waitUntil(lambda: lines(window)[2] == (TINY, "unloaded"), timeout=WAIT)
    # A double-click loads a model too (on a profile's line it opens the editor).
    view = window.list
    centre = view.visualRect(window.model.index(1)).center()
    # Qt's item views take a double-click on the line their last press was on.
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.waitUntil(lambda: lines(window)[1] == (SMOL, "loaded"), timeout=WAIT)
    assert not [w for w in QApplication.topLevelWidgets() if w.objectName() == "profileEditor"]

    # A server below the router's lines is still itself when selected.
    window.select("plain")
    assert window.selected_profile() is not None and window.selected_profile().name == "plain"
    assert "stopped" in window.header_detail.text()

    window.select(router.name)
    window.act_stop.trigger()
    qtbot.waitUntil(
        lambda: lines(window) == [(router.name, "stopped"), ("plain", "stopped")], timeout=WAIT
    )


@pytest.mark.engines
def test_a_model_that_fails_to_load_says_why_on_its_line(
    qtbot: Any, make_window: Any, engines: EngineKit, tmp_path: Path
) -> None:
    folder = models_folder(tmp_path, engines, "tiny-llama.gguf")
    (folder / "broken.gguf").write_bytes(b"not a gguf file at all" * 50)
    router = router_profile(folder, engines.llama_server)
    window = make_window([router])
    with servers_stopped_after(window):
        check_a_failed_load(qtbot, window, router)


def check_a_failed_load(qtbot: Any, window: Any, router: ServerProfile) -> None:
    window.select(router.name)
    window.act_start.trigger()
    qtbot.waitUntil(lambda: len(lines(window)) == 3, timeout=WAIT)
    assert lines(window)[1] == ("broken", "unloaded")
    context_menu(window, 1, "Load broken")
    qtbot.waitUntil(lambda: lines(window)[1] == ("broken", "failed"), timeout=WAIT)
    line = window.model.index(1)
    assert "model failed to load" in line.data(ServerListModel.DetailRole)
    assert "Failed to load: the model failed to load" in line.data(Qt.ItemDataRole.ToolTipRole)
    # A failed model may be tried again; an unloaded one cannot be unloaded.
    menu = context_menu(window, 1, "Load broken")[0]
    assert [a.isEnabled() for a in menu.actions() if a.text() == "Unload broken"] == [False]
    window.act_stop.trigger()
    qtbot.waitUntil(lambda: window.model.rows()[0].state is ServerState.STOPPED, timeout=WAIT)


def test_a_loading_models_line_fills_with_the_progress_of_its_events(
    qtbot: Any, make_window: Any
) -> None:
    """The model list says only "loading"; the server's /models/sse says how far."""
    listing = {"data": [{"id": "big", "status": {"value": "loading"}}], "object": "list"}
    event = {
        "model": "big",
        "event": "status_change",
        "data": {"status": "loading", "progress": {"current": "text_model", "value": 0.4}},
    }
    routes = {
        "/health": answer(200, "application/json", b'{"status":"ok"}'),
        "/models": answer(200, "application/json", json.dumps(listing).encode()),
        "/models/sse": answer(200, "text/event-stream", f"data: {json.dumps(event)}\n\n".encode()),
    }
    with stub_server(routes) as stub:
        router = ServerProfile(
            "elsewhere", Engine.LLAMA_CPP, attach_url=stub.url, args=["--models-dir", "/m"]
        )
        window = make_window([router])
        assert getattr(window, "router_models", None) is not None, (
            "the window makes no RouterModelLines"
        )
        qtbot.waitUntil(lambda: len(lines(window)) == 2, timeout=WAIT)
        qtbot.waitUntil(lambda: lines(window)[1] == ("big", "loading 40 %"), timeout=WAIT)
        line = window.model.index(1)
        assert line.data(ServerListModel.LoadFractionRole) == pytest.approx(0.4)
        # The next readings of the list keep the figure the events gave.
        polls = sum(1 for seen in stub.seen if seen[1] == "/models")
        qtbot.waitUntil(lambda: sum(1 for s in stub.seen if s[1] == "/models") > polls + 1)
        assert lines(window)[1] == ("big", "loading 40 %")
        window.close()
