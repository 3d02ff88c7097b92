"""Load progress as a bar: what the real engines print while loading, and the window's
badge that fills from the engine's own fraction or from the previous load's duration."""

from __future__ import annotations

import sys
import time
from typing import Any

import pytest

from panel.core.config.profiles import Engine, ServerProfile
from panel.core.config.store import data_dir
from panel.core.metrics.load_times import LoadTimes
from panel.core.servers.ports import pick_free_port
from panel.core.servers.server_state import ServerState, StateChange
from panel.core.servers.supervisor import ServerProcess
from panel.ui.window.server_list import ServerListModel
from tests.conftest import FAKES, EngineKit, llama_profile


@pytest.mark.engines
def test_what_llama_server_prints_while_loading_smollm2(engines: EngineKit) -> None:
    """This build names one phase ("loading model") and no fraction, and loads SmolLM2 in
    well under a second: the bar can only come from the previous load's time."""
    profile = llama_profile(engines, "SmolLM2-135M-Instruct.Q4_1.gguf", args=["-c", "2048"])
    server = ServerProcess(profile)
    changes: list[StateChange] = []
    server.add_state_listener(lambda _server, change: changes.append(change))
    started = time.monotonic()
    server.start()
    try:
        assert server.wait_ready(60), server.log.texts(30)
        took = time.monotonic() - started
    finally:
        server.stop_and_wait(30)
    progress = [c.progress for c in changes if c.state is ServerState.LOADING and c.progress]
    print(f"SmolLM2 ready in {took:.2f} s; phases: {[p.phase for p in progress]}")
    assert all(p.fraction is None for p in progress)
    assert any(line.text.find("load_model: loading model") >= 0 for line in server.log.tail())


def slow_profile(name: str = "slow") -> ServerProfile:
    """A server that takes 2 s to load (refusing connections meanwhile, like vLLM)."""
    return ServerProfile(
        name=name,
        engine=Engine.CUSTOM,
        executable=sys.executable,
        args=[str(FAKES / "script_server.py"), "--port", "{port}", "--load-seconds", "2"],
        port=pick_free_port(),
        ready_timeout=30.0,
        stop_grace=5.0,
    )


def test_the_second_load_shows_a_bar_and_the_seconds_left(qtbot: Any, make_window: Any) -> None:
    window = make_window([slow_profile()])
    model: ServerListModel = window.model
    window.select("slow")
    window.act_start.trigger()
    qtbot.waitUntil(lambda: model.rows()[0].state is ServerState.READY, timeout=30_000)
    assert model.index(0).data(ServerListModel.LoadFractionRole) is None  # no estimate yet
    first = LoadTimes(data_dir()).previous("slow")
    assert first is not None and 1.5 < first < 20
    window.act_stop.trigger()
    qtbot.waitUntil(lambda: model.rows()[0].state is ServerState.STOPPED, timeout=30_000)

    fractions: list[float] = []
    badges: list[str] = []

    def record() -> bool:
        index = model.index(0)
        fraction = index.data(ServerListModel.LoadFractionRole)
        if fraction is not None:
            fractions.append(fraction)
            badges.append(index.data(ServerListModel.BadgeRole)[0])
        return model.rows()[0].state is ServerState.READY

    window.act_start.trigger()
    qtbot.waitUntil(record, timeout=30_000)
    window.list.viewport().grab()
    assert fractions, "no bar while loading"
    assert fractions == sorted(fractions) and fractions[0] >= 0 and fractions[-1] <= 0.95
    assert any("s left" in text for text in badges), badges
    assert model.index(0).data(ServerListModel.LoadFractionRole) is None  # ready: no bar
    assert LoadTimes(data_dir()).previous("slow") is not None
    window.act_stop.trigger()
    qtbot.waitUntil(lambda: model.rows()[0].state is ServerState.STOPPED, timeout=30_000)
