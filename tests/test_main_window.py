"""The main window end to end: real servers from the list, their logs, GPU memory, quitting."""

from __future__ import annotations

import os
import signal
import socket
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import psutil
import pytest
from PySide6.QtWidgets import QMessageBox

from panel.core.config.profiles import Engine, ServerProfile
from panel.core.config.store import ConfigStore
from panel.core.gpu.nvml import Nvml
from panel.core.gpu.sampler import GpuSampler
from panel.core.servers.ports import pick_free_port
from panel.core.servers.server_state import ServerState
from panel.ui.window.main_window import MainWindow
from tests.conftest import (
    EngineKit,
    pids_alive,
)
from tests.fakes.fake_nvml import FakeGpu, FakeNvml, FakeProcess, GiB
from tests.test_supervisor import scripted


def tiny_llama(engines: EngineKit, **fields: object) -> ServerProfile:
    base: dict[str, object] = dict(
        name="tiny 解释图像",
        engine=Engine.LLAMA_CPP,
        executable=engines.llama_server,
        model=engines.model("tiny-llama.gguf"),
        port=pick_free_port(),
        args=["-c", "512", "-t", "2"],
        stop_grace=5.0,
    )
    base.update(fields)
    return ServerProfile(**base)  # type: ignore[arg-type]


def badge(window: MainWindow, row: int = 0) -> str:
    return window.model.badge(window.model.rows()[row])[0]


@pytest.mark.engines
def test_start_from_the_list_see_ready_and_logs_then_stop(  # type: ignore[no-untyped-def]
    qtbot, make_window, engines: EngineKit
) -> None:
    window = make_window([tiny_llama(engines)])
    assert badge(window) == "stopped"
    assert window.act_start.isEnabled() and not window.act_stop.isEnabled()
    with qtbot.waitSignal(
        window.hub.stateChanged,
        timeout=30_000,
        check_params_cb=lambda name, change: change.state is ServerState.READY,
    ):
        window.act_start.trigger()
    assert badge(window) == "ready"
    assert window.act_stop.isEnabled() and not window.act_start.isEnabled()
    qtbot.waitUntil(lambda: "listening on" in window.log_view.log_text(), timeout=5000)
    assert window.log_view.log_text().splitlines()[0].lstrip("▸ ").startswith("$ ")
    assert "ready after" in window.header_detail.text()
    assert window.status_servers.text() == "1 running, 1 ready"
    target = window.chat_tab.current_target()  # a ready chat server is offered for chat
    assert target is not None and target.name == "tiny 解释图像"
    pids = window.hub.server(window.selected_profile()).server_pids()  # type: ignore[arg-type]
    with qtbot.waitSignal(
        window.hub.stateChanged,
        timeout=20_000,
        check_params_cb=lambda name, change: change.state is ServerState.STOPPED,
    ):
        window.act_stop.trigger()
    assert badge(window) == "stopped" and pids and pids_alive(pids) == []
    assert window.status_servers.text() == "No servers running"
    assert window.chat_tab.current_target() is None


@pytest.mark.engines
def test_a_crash_shows_its_reason(qtbot, make_window, engines: EngineKit) -> None:  # type: ignore[no-untyped-def]
    window = make_window([tiny_llama(engines)])
    window.start_selected()
    server = window.selected_server()
    assert server is not None and server.wait_ready(30)
    [pid] = server.server_pids()
    os.kill(pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: badge(window) == "crashed", timeout=10_000)
    assert "SIGKILL" in window.header_warning.text()
    assert window.header_warning.isVisible()
    assert window.log_view.banner.isVisible()
    assert "SIGKILL" in window.log_view.banner_label.text()


def test_busy_port_says_who_holds_it_and_offers_the_next_free_one(  # type: ignore[no-untyped-def]
    make_window, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, list[str]]] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append((box.informativeText(), [b.text() for b in box.buttons()]))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        window = make_window([scripted(port=port)])
        window.start_selected()
    [(text, buttons)] = shown
    # The holder is this test process: "python", or "pytest" when run as .venv/bin/pytest.
    assert f"Port {port} is already in use by {psutil.Process().name()} (pid {os.getpid()})" in text
    assert any(b.startswith("Use port ") for b in buttons)
    assert badge(window) == "stopped"


def test_missing_binary_and_model_show_in_the_list(make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(
        [
            ServerProfile("no model", Engine.WHISPER_CPP, model=str(tmp_path / "nope.bin")),
            ServerProfile("no binary", Engine.VLLM, executable=str(tmp_path / "vllm"), model="x/y"),
        ]
    )
    assert badge(window, 0) == "model missing"
    assert badge(window, 1) == "no binary"
    window.select("no binary")
    assert "pip install vllm" in window.header_warning.text()


def test_profile_edit_round_trip_to_toml(  # type: ignore[no-untyped-def]
    make_window, monkeypatch: pytest.MonkeyPatch
) -> None:
    from panel.ui import profile_editor

    window = make_window([scripted(name="before")])
    edited = window.selected_profile().copy(name="after 之后", port=9123, args=["--lines", "3"])  # type: ignore[union-attr]
    monkeypatch.setattr(profile_editor.ProfileEditor, "exec", lambda self: 1)
    monkeypatch.setattr(profile_editor.ProfileEditor, "profile", lambda self: edited)
    window.edit_selected()
    saved = ConfigStore(window.store.path).load()
    assert saved.profiles == [edited]
    assert window.selected_profile() == edited
    assert window.model.rows()[0].profile.name == "after 之后"


def test_gpu_memory_of_a_server_tree_reaches_the_list_and_status_bar(  # type: ignore[no-untyped-def]
    qtbot, make_window
) -> None:
    gpu = FakeGpu(name="NVIDIA H100 80GB HBM3", memory_total=80 * GiB, memory_used=10 * GiB)
    window = make_window([scripted(name="gpu user", stop_grace=1.0)], FakeNvml([gpu]))
    window.start_selected()  # the log tab stays current: sampling must go on regardless
    server = window.selected_server()
    assert server is not None and server.wait_ready(20)
    [pid] = server.server_pids()
    gpu.compute_processes = [FakeProcess(pid, 6 * GiB)]
    qtbot.waitUntil(lambda: window.model.rows()[0].gpu_bytes == 6 * GiB, timeout=10_000)
    assert "6.0 GiB" in window.model.detail(window.model.rows()[0])
    qtbot.waitUntil(lambda: "6.0 GiB" in window.status_gpu.text(), timeout=5000)
    window.show_gpu()
    qtbot.waitUntil(lambda: len(window.gpu_panel.cards()) == 1, timeout=5000)
    [card] = window.gpu_panel.cards()
    assert "H100" in card.title_text()
    server.stop_and_wait(20)
    window.show_log()
    qtbot.waitUntil(lambda: not window.sampler.is_running, timeout=5000)


def test_quit_with_running_servers_stops_them_all(  # type: ignore[no-untyped-def]
    qtbot, make_window, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window([scripted(name="a", stop_grace=1.0), scripted(name="b", stop_grace=1.0)])
    for name in ("a", "b"):
        window.select(name)
        window.start_selected()
    servers = window.hub.running()
    assert len(servers) == 2 and all(s.wait_ready(20) for s in servers)
    pids = [p for s in servers for p in s.server_pids()]
    asked: list[str] = []
    monkeypatch.setattr(window, "_ask_on_close", lambda text: asked.append(text) or "stop")
    window.close()
    assert asked and "2 server(s) running" in asked[0]
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=20_000)
    assert window.hub.running() == [] and pids_alive(pids) == []


def test_a_malformed_config_is_reported_and_kept(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from panel.ui.window.main_window import initial_config

    path = tmp_path / "config.toml"
    path.write_text("[[profiles]]\nname = 1 2\n")
    store = ConfigStore(path)
    config, error = initial_config(store)
    assert error is not None and error.line == 2 and config.profiles == []
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    window = MainWindow(
        store, config=config, config_error=error, sampler=GpuSampler(Nvml(FakeNvml(init_error=12)))
    )
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(warnings))
    assert "line 2" in warnings[0]
    assert path.read_text() == "[[profiles]]\nname = 1 2\n"
    window.close()


def test_an_attached_server_shows_ready_and_cannot_be_started(  # type: ignore[no-untyped-def]
    qtbot, make_window
) -> None:
    import subprocess
    import sys

    from panel.core.servers.ports import is_port_free
    from tests.conftest import FAKES, wait_until

    port = pick_free_port()
    profile = ServerProfile("elsewhere", Engine.LLAMA_CPP, attach_url=f"http://127.0.0.1:{port}")
    window = make_window([profile])
    assert badge(window) == "attached"
    assert not window.act_start.isEnabled() and not window.act_stop.isEnabled()
    with subprocess.Popen(
        [sys.executable, str(FAKES / "script_server.py"), "--port", str(port)],
        stdout=subprocess.DEVNULL,
    ) as server:
        try:
            wait_until(lambda: not is_port_free("127.0.0.1", port), what="the server to listen")
            window.hub.watch_attached(window.config.profiles)  # probe now, not in 5 s
            qtbot.waitUntil(lambda: badge(window) == "attached · ready", timeout=10_000)
        finally:
            server.terminate()
    window.start_selected()  # a no-op: something else runs it
    assert window.hub.running() == []


@pytest.mark.engines
def test_memory_fit_warns_before_starting_a_model_that_will_not_fit(  # type: ignore[no-untyped-def]
    qtbot, make_window, engines: EngineKit, monkeypatch: pytest.MonkeyPatch
) -> None:
    small = FakeGpu(name="Tiny GPU", memory_total=1 * GiB, memory_used=int(0.9 * GiB))
    window = make_window(
        [tiny_llama(engines, args=["-c", "512", "--gpu-layers", "99"])], FakeNvml([small])
    )
    window.show_gpu()  # sample, so the fit check knows the GPU
    qtbot.waitUntil(lambda: window.sampler.latest() is not None, timeout=5000)
    window._update_header()
    assert window.header_warning.isVisible()
    assert window.header_warning.text().startswith("GPU 0: Will not fit now")
    asked: list[str] = []
    monkeypatch.setattr(window, "_confirm", lambda title, text, yes: asked.append(text) or False)
    window.start_selected()
    assert asked and "Will not fit" in asked[0]
    assert window.hub.running() == []  # the user said no


def test_window_geometry_and_splitter_are_remembered(  # type: ignore[no-untyped-def]
    make_window, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QSplitter

    window = make_window([scripted(name="a")])
    window.resize(1111, 666)
    # Sizes that add up to the room there is: the splitter does not share out a surplus.
    window.splitter.setSizes([270, sum(window.splitter.sizes()) - 270])
    size, sizes = window.size(), window.splitter.sizes()
    assert (size.width(), size.height()) == (1111, 666)
    window.close()
    settings = window._settings()
    saved = settings.value("window/splitter")
    assert settings.value("window/geometry") is not None and saved is not None
    restored: list[object] = []
    original = QSplitter.restoreState
    monkeypatch.setattr(
        QSplitter,
        "restoreState",
        lambda self, state: restored.append(state) or original(self, state),
    )
    again = make_window([scripted(name="a")])
    # The offscreen screen clamps a restored window to its minimum width (and so the
    # list to its minimum): the height, and the state handed back, are what we can check.
    assert again.size().height() == size.height()
    assert restored == [saved] and sizes[0] == 270


@pytest.mark.engines
def test_new_profile_from_a_model_on_disk(  # type: ignore[no-untyped-def]
    qtbot, make_window, engines: EngineKit, monkeypatch: pytest.MonkeyPatch
) -> None:
    from panel.ui import profile_editor

    window = make_window([scripted(name="x", port=8080)])
    window.config.model_folders = [str(Path(engines.model("tiny-llama.gguf")).parent)]
    window.models_view.set_folders([Path(f) for f in window.config.model_folders])
    assert window.models_view.wait_for_scan(10_000)
    [tiny] = [m for m in window.models_view.models() if m.path.name == "tiny-llama.gguf"]
    opened: list[ServerProfile] = []

    def fake_exec(editor: profile_editor.ProfileEditor) -> int:
        opened.append(editor.profile())
        return 1

    monkeypatch.setattr(profile_editor.ProfileEditor, "exec", fake_exec)
    window.models_view.newProfileRequested.emit(tiny)
    [profile] = opened
    assert profile.engine is Engine.LLAMA_CPP and profile.model == str(tiny.path)
    assert "--mmproj" in profile.args and profile.port != 8080
    assert ConfigStore(window.store.path).load().profiles[-1] == profile


def test_tray_lists_servers_and_keeps_them_running_when_the_window_closes(  # type: ignore[no-untyped-def]
    qtbot, make_window, monkeypatch: pytest.MonkeyPatch
) -> None:
    from panel.ui.app import app_icon
    from panel.ui.window.tray import ServerTray

    window = make_window([scripted(name="a", stop_grace=1.0), scripted(name="b")])
    window.set_tray(ServerTray(window.model, app_icon(), window))
    window.select("a")
    window.start_selected()
    server = window.selected_server()
    assert server is not None and server.wait_ready(20)
    qtbot.waitUntil(lambda: badge(window) == "ready")
    assert window.tray is not None
    titles = [a.text() for a in window.tray.menu.actions()]
    assert titles[0] == "Show Inference Panel" and "a — ready" in titles
    assert "b — stopped" in titles and titles[-1] == "Quit (stops all servers)"
    monkeypatch.setattr(window, "_ask_on_close", lambda text: "keep")
    window.close()
    assert not window.isVisible() and server.state is ServerState.READY
    window.bring_to_front()
    assert window.isVisible()
    server.stop_and_wait(20)
    window.tray.hide()


@pytest.mark.engines
def test_a_tab_opened_before_the_start_up_ran_is_built_once(  # type: ignore[no-untyped-def]
    qtbot, make_window, engines: EngineKit
) -> None:
    # A window over a hub whose server already runs (as the screenshots and a restart of
    # the window build it), asked for the GPU tab before its start-up ran: the start-up
    # itself asks for the GPU tab (the running server's memory), inside the tab's build.
    first = make_window([tiny_llama(engines)])
    with qtbot.waitSignal(
        first.hub.stateChanged,
        timeout=30_000,
        check_params_cb=lambda name, change: change.state is ServerState.READY,
    ):
        first.act_start.trigger()
    nvml = FakeNvml([FakeGpu(memory_total=24 * GiB, memory_used=3 * GiB)])
    second = MainWindow(
        first.store, config=first.config, hub=first.hub, sampler=GpuSampler(Nvml(nvml))
    )
    qtbot.addWidget(second)
    second.show()
    assert not second.started
    second.act_show_gpu.trigger()
    assert second.started
    assert second.tabs.currentWidget() is second.gpu_panel
    assert second.tabs.count() == first.tabs.count()  # no placeholder left, no tab twice
    second._quitting = True  # the servers are the first window's to stop
    second.hide()
