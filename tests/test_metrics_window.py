"""The live figures in the window, from a real llama-server: the strip on the server's
row, the small graphs in the GPU tab, and the one-click --metrics for a profile without it."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from panel.core.config.store import ConfigStore
from panel.core.servers.supervisor import ServerState
from panel.ui.window.server_list import ServerListModel
from tests.conftest import EngineKit, llama_profile

pytestmark = pytest.mark.engines


def detail(window: Any) -> str:
    return str(window.model.index(0).data(ServerListModel.DetailRole))


def start(qtbot: Any, window: Any, name: str) -> None:
    window.select(name)
    window.act_start.trigger()
    qtbot.waitUntil(lambda: window.model.rows()[0].state is ServerState.READY, timeout=60_000)


def chat_in_background(url: str, n: int) -> list[threading.Thread]:
    def one() -> None:
        body = {
            "messages": [{"role": "user", "content": "Count to a hundred."}],
            "max_tokens": 64,
            "ignore_eos": True,
        }
        httpx.post(f"{url}/v1/chat/completions", json=body, timeout=120, trust_env=False)

    threads = [threading.Thread(target=one, daemon=True) for _ in range(n)]
    for thread in threads:
        thread.start()
    return threads


def test_a_ready_servers_figures_show_in_its_row_and_beside_the_gpu_graphs(
    qtbot: Any, make_window: Any, engines: EngineKit
) -> None:
    profile = llama_profile(
        engines, "SmolLM2-135M-Instruct.Q4_1.gguf", name="smol",
        args=["-c", "2048", "-np", "4", "-t", "2", "--metrics"],
    )  # fmt: skip
    window = make_window([profile])
    start(qtbot, window, "smol")
    qtbot.waitUntil(lambda: "tok/s" in detail(window), timeout=10_000)
    assert detail(window).startswith(":") and " · ▶ 0" in detail(window)  # port, figures
    threads = chat_in_background(profile.base_url, 3)
    # The strip follows the load: requests running, then tokens/s above zero.
    qtbot.waitUntil(lambda: " · ▶ 0" not in detail(window), timeout=30_000)
    qtbot.waitUntil(lambda: "0.0 tok/s" not in detail(window), timeout=30_000)
    window.list.viewport().grab()  # the row paints with its strip
    window.act_show_gpu.trigger()
    graphs = window.gpu_panel.server_metrics
    qtbot.waitUntil(lambda: graphs.names() == ["smol"] and graphs.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: "tok/s generated" in graphs.figures_text("smol"), timeout=5000)
    assert not graphs.offer_button("smol").isVisible()  # type: ignore[union-attr]
    for thread in threads:
        thread.join(120)
    window.act_stop.trigger()
    qtbot.waitUntil(lambda: window.model.rows()[0].state is ServerState.STOPPED, timeout=30_000)
    assert graphs.names() == []
    assert "tok/s" not in detail(window)


def test_a_profile_without_metrics_gets_busy_slots_and_a_one_click_fix(
    qtbot: Any, make_window: Any, engines: EngineKit
) -> None:
    profile = llama_profile(engines, name="plain")
    window = make_window([profile])
    start(qtbot, window, "plain")
    qtbot.waitUntil(
        lambda: detail(window).endswith(" · ▶ 0"), timeout=10_000
    )  # /slots: busy slots only
    window.act_show_gpu.trigger()
    graphs = window.gpu_panel.server_metrics
    qtbot.waitUntil(lambda: graphs.offer_button("plain") is not None, timeout=5000)
    button = graphs.offer_button("plain")
    qtbot.waitUntil(button.isVisible, timeout=5000)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    saved = ConfigStore(window.store.path).load().profile("plain")
    assert saved.args[-1] == "--metrics"
    assert "--metrics" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: not button.isVisible(), timeout=5000)  # offered no more
    window.act_stop.trigger()
    qtbot.waitUntil(lambda: window.model.rows()[0].state is ServerState.STOPPED, timeout=30_000)


def test_whisper_figures_are_the_transcriptions_the_window_sent(
    qtbot: Any, make_window: Any, engines: EngineKit
) -> None:
    from tests.conftest import whisper_profile
    from tests.test_transcribe_tab import drop

    window = make_window([whisper_profile(engines, name="whisper figures")])
    start(qtbot, window, "whisper figures")
    qtbot.waitUntil(lambda: detail(window).endswith(" · ▶ 0"), timeout=10_000)  # nothing sent yet
    window.act_show_transcribe.trigger()
    tab = window.transcribe_tab
    qtbot.waitUntil(lambda: tab.current_target() is not None, timeout=10_000)
    with qtbot.waitSignal(tab.transcription_finished, timeout=60_000):
        drop(tab, Path(engines.model("jfk.wav")))
    qtbot.waitUntil(lambda: "1 done, last" in detail(window), timeout=10_000)
    window.act_stop.trigger()
    qtbot.waitUntil(lambda: window.model.rows()[0].state is ServerState.STOPPED, timeout=30_000)
