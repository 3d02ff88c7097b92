"""GpuPanel: a real GpuSampler over FakeNvml, real process trees as servers.

Every wait is on something the GUI thread can see (qtbot.waitUntil on the panel's
accessors, waitSignal on serverMemoryChanged), never a sleep.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import logging
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget, QWidget

from panel.core.gpu.nvml import GpuSnapshot, Nvml
from panel.core.gpu.sampler import GpuSampler
from panel.ui.gpu.panel import MAX_PLOT_POINTS, OTHER_PROCESSES, WINDOWS, GpuCard, GpuPanel
from tests.fakes.fake_nvml import (
    NVML_ERROR_GPU_IS_LOST,
    NVML_ERROR_LIBRARY_NOT_FOUND,
    FakeGpu,
    FakeNvml,
    FakeProcess,
    GiB,
)
from tests.fakes.process_tree import TREE_SCRIPT

WAIT_MS = 10_000  # upper bound; the waits below normally end within a few samples


@dataclass
class ServerTree:
    process: subprocess.Popen[str]
    worker_pid: int  # the grandchild, like vLLM's engine core holding the VRAM

    @property
    def pid(self) -> int:
        return self.process.pid


@pytest.fixture
def server_tree() -> Iterator[Callable[[], ServerTree]]:
    trees: list[ServerTree] = []

    def start() -> ServerTree:
        process = subprocess.Popen(
            [sys.executable, "-c", TREE_SCRIPT],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert process.stdout is not None
        tree = ServerTree(process, int(process.stdout.readline()))
        trees.append(tree)
        return tree

    yield start
    for tree in trees:
        assert tree.process.stdin is not None and tree.process.stdout is not None
        tree.process.stdin.close()
        try:
            tree.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            tree.process.kill()
            tree.process.wait()
        tree.process.stdout.close()


@pytest.fixture
def make_panel(qtbot: Any) -> Iterator[Callable[..., tuple[GpuPanel, GpuSampler]]]:
    made: list[tuple[GpuPanel, GpuSampler]] = []

    def make(
        fake: FakeNvml,
        *,
        interval: float = 0.02,
        show: bool = True,
        add_widget: bool = True,
        min_repaint_interval: float = 0.02,
        **nvml_options: Any,
    ) -> tuple[GpuPanel, GpuSampler]:
        nvml_options.setdefault("load_file", None)
        sampler = GpuSampler(
            Nvml(fake, **nvml_options), interval=interval, unavailable_interval=0.05
        )
        panel = GpuPanel(sampler, min_repaint_interval=min_repaint_interval)
        if add_widget:
            qtbot.addWidget(panel)
        panel.resize(900, 700)
        made.append((panel, sampler))
        if show:
            panel.show()
        return panel, sampler

    yield make
    for panel, sampler in made:
        if shiboken6.isValid(panel):
            panel.hide()
        assert sampler.stop()
        sampler.nvml.shutdown()


def h100(**overrides: Any) -> FakeGpu:
    settings: dict[str, Any] = {
        "name": "NVIDIA H100 80GB HBM3",
        "uuid": "GPU-h100",
        "memory_total": 80 * GiB,
        "memory_used": int(41.2 * GiB),
        "utilization_gpu": 37,
        "compute_capability": (9, 0),
    }
    settings.update(overrides)
    return FakeGpu(**settings)


def rtx(**overrides: Any) -> FakeGpu:
    settings: dict[str, Any] = {
        "name": "NVIDIA GeForce RTX 4090",
        "uuid": "GPU-4090",
        "memory_total": 24 * GiB,
        "memory_used": 1 * GiB,
        "utilization_gpu": 0,
    }
    settings.update(overrides)
    return FakeGpu(**settings)


def titles(panel: GpuPanel) -> list[str]:
    return [card.title_text() for card in panel.cards()]


def newest_timestamp(sampler: GpuSampler) -> float:
    latest = sampler.latest()
    return latest.timestamp if latest is not None else -1.0


def last(card: GpuCard, name: str) -> float | None:
    return card.series_last_values().get(name)


# -- labels, cards, series -------------------------------------------------------------


def test_one_card_per_gpu_with_title_and_summary(make_panel: Any, qtbot: Any) -> None:
    panel, _ = make_panel(FakeNvml([h100(), rtx()]))

    qtbot.waitUntil(lambda: len(panel.cards()) == 2, timeout=WAIT_MS)
    first, second = panel.cards()
    assert titles(panel) == [
        "GPU 0 · NVIDIA H100 80GB HBM3 · compute capability 9.0 (Hopper)",
        "GPU 1 · NVIDIA GeForce RTX 4090 · compute capability 8.9 (Ada Lovelace)",
    ]
    assert first.summary_text() == "41.2 / 80.0 GiB · 37 % busy"
    assert second.summary_text() == "1.0 / 24.0 GiB · 0 % busy"
    assert panel.message_text() == ""
    # No servers: all of the used memory is "other processes".
    assert first.series_names() == ["other processes"]
    assert last(first, "other processes") == int(41.2 * GiB)
    assert last(first, "total") == 80 * GiB
    assert first.utilization_last() == 37


def test_summary_follows_the_gpu(make_panel: Any, qtbot: Any) -> None:
    gpu = h100()
    panel, _ = make_panel(FakeNvml([gpu]))
    qtbot.waitUntil(lambda: len(panel.cards()) == 1, timeout=WAIT_MS)

    gpu.memory_used, gpu.utilization_gpu = 60 * GiB, 99
    card = panel.cards()[0]
    qtbot.waitUntil(lambda: card.summary_text() == "60.0 / 80.0 GiB · 99 % busy", timeout=WAIT_MS)

    gpu.errors["nvmlDeviceGetUtilizationRates"] = NVML_ERROR_GPU_IS_LOST
    qtbot.waitUntil(
        lambda: card.summary_text() == "60.0 / 80.0 GiB · utilisation unknown", timeout=WAIT_MS
    )
    assert card.utilization_last() is None


def test_memory_is_summed_over_each_server_process_tree(
    make_panel: Any, server_tree: Callable[[], ServerTree], qtbot: Any
) -> None:
    llama, whisper = server_tree(), server_tree()
    gpu0 = h100(
        memory_used=20 * GiB,
        compute_processes=[
            FakeProcess(llama.pid, 2 * GiB),
            FakeProcess(llama.worker_pid, 10 * GiB),
            # The servers' parent (this test) is on the GPU too: not part of any tree.
            FakeProcess(os.getpid(), 1 * GiB),
        ],
    )
    gpu1 = rtx(memory_used=4 * GiB, compute_processes=[FakeProcess(whisper.worker_pid, 3 * GiB)])
    panel, _ = make_panel(FakeNvml([gpu0, gpu1]), show=False)
    panel.set_servers({"llama": llama.pid, "whisper": whisper.pid})

    with qtbot.waitSignal(
        panel.serverMemoryChanged,
        check_params_cb=lambda figures: figures == {"llama": 12 * GiB, "whisper": 3 * GiB},
        timeout=WAIT_MS,
    ):
        panel.show()
    assert panel.server_memory() == {"llama": 12 * GiB, "whisper": 3 * GiB}

    qtbot.waitUntil(lambda: len(panel.cards()) == 2, timeout=WAIT_MS)
    card0, card1 = panel.cards()
    qtbot.waitUntil(lambda: card0.series_names() == ["llama", "other processes"], timeout=WAIT_MS)
    assert last(card0, "llama") == 12 * GiB
    assert last(card0, "other processes") == 8 * GiB  # used minus what the servers hold
    assert last(card0, "used") == 20 * GiB
    assert "llama 12.0 GiB" in card0.legend_text()
    # What the memory graph draws: each area's top stacked on the ones below it, and the
    # capacity line at the total; the utilisation graph draws the busy figure.
    drawn = card0.memory_plot().series()
    assert drawn["llama"][-1][1] == pytest.approx(12.0)
    assert drawn[OTHER_PROCESSES][-1][1] == pytest.approx(20.0)
    assert all(x <= 0 for x, _ in drawn["llama"])
    assert card0.memory_plot().hline("capacity") == (80.0, "capacity 80.0 GiB")
    [busy] = card0.utilization_plot().series().values()
    assert busy[-1][1] == 37
    qtbot.waitUntil(lambda: card1.series_names() == ["whisper", "other processes"], timeout=WAIT_MS)
    assert last(card1, "whisper") == 3 * GiB
    assert last(card1, "other processes") == 1 * GiB

    # Colours: one per server, the same on every card.
    assert card0.series_colour("llama") == panel.server_colour("llama")
    assert card1.series_colour("whisper") == panel.server_colour("whisper")
    assert panel.server_colour("llama") != panel.server_colour("whisper")

    # The worker leaves the GPU; llama starts another process on GPU 1.
    with qtbot.waitSignal(
        panel.serverMemoryChanged,
        check_params_cb=lambda figures: figures == {"llama": 2 * GiB, "whisper": 3 * GiB},
        timeout=WAIT_MS,
    ):
        gpu0.compute_processes = [FakeProcess(llama.pid, 2 * GiB)]
    with qtbot.waitSignal(
        panel.serverMemoryChanged,
        check_params_cb=lambda figures: figures == {"llama": 6 * GiB, "whisper": 3 * GiB},
        timeout=WAIT_MS,
    ):
        gpu1.compute_processes = [*gpu1.compute_processes, FakeProcess(llama.worker_pid, 4 * GiB)]
    # Stacking follows the order of set_servers on every card.
    qtbot.waitUntil(
        lambda: card1.series_names() == ["llama", "whisper", "other processes"], timeout=WAIT_MS
    )
    qtbot.waitUntil(lambda: last(card0, "llama") == 2 * GiB, timeout=WAIT_MS)
    assert card1.series_colour("llama") == card0.series_colour("llama")

    # A server that is no longer listed: its figure goes, the others stay.
    with qtbot.waitSignal(
        panel.serverMemoryChanged,
        check_params_cb=lambda figures: figures == {"whisper": 3 * GiB},
        timeout=WAIT_MS,
    ):
        panel.set_servers({"whisper": whisper.pid})


def test_unknown_process_memory_is_said_not_zeroed(
    make_panel: Any, server_tree: Callable[[], ServerTree], qtbot: Any
) -> None:
    server = server_tree()
    gpu = h100(compute_processes=[FakeProcess(server.worker_pid, None)])
    panel, _ = make_panel(FakeNvml([gpu]))
    panel.set_servers({"vllm": server.pid})
    qtbot.waitUntil(lambda: len(panel.cards()) == 1, timeout=WAIT_MS)
    card = panel.cards()[0]
    qtbot.waitUntil(lambda: "vllm usage unknown" in card.legend_text(), timeout=WAIT_MS)


# -- no GPU, unified memory, GPUs coming and going -------------------------------------


def test_without_nvidia_driver_the_panel_says_so(make_panel: Any, qtbot: Any) -> None:
    fake = FakeNvml([h100()], init_error=NVML_ERROR_LIBRARY_NOT_FOUND)
    panel, sampler = make_panel(fake, retry_interval=0.0)
    panel.set_servers({"llama": 4242})

    with qtbot.waitSignal(panel.serverMemoryChanged, timeout=WAIT_MS) as blocker:
        pass
    assert blocker.args == [{"llama": 0}]
    qtbot.waitUntil(
        lambda: panel.message_text() == "No NVIDIA GPU detected (NVML: library not found)",
        timeout=WAIT_MS,
    )
    assert panel.cards() == []
    notice = panel.notice_text()
    assert "works without one" in notice and "inference-panel doctor" in notice
    # No graphs, so no window to choose: the 1 min / 10 min / 1 h buttons are hidden.
    assert not any(panel.window_button(seconds).isVisible() for seconds in WINDOWS)
    assert sampler.is_running  # still polling (slowly), in case a driver shows up

    # The driver arrives: graphs replace the notice, the buttons come back.
    fake.init_error = None
    qtbot.waitUntil(lambda: len(panel.cards()) == 1, timeout=WAIT_MS)
    assert panel.message_text() == "" and panel.notice_text() == ""
    assert all(panel.window_button(seconds).isVisible() for seconds in WINDOWS)

    # The last GPU goes (NVML counts none): the notice again, no buttons.
    fake.gpus.clear()
    qtbot.waitUntil(
        lambda: panel.message_text() == "No NVIDIA GPU detected (NVML: no devices)",
        timeout=WAIT_MS,
    )
    assert panel.cards() == []
    assert "inference-panel doctor" in panel.notice_text()
    assert not panel.window_button(60).isVisible()


def test_unified_memory_falls_back_to_system_ram(
    make_panel: Any, qtbot: Any, tmp_path: Path
) -> None:
    load = tmp_path / "load"
    load.write_text("370\n")  # per mille, as Jetson's sysfs has it
    memory = SimpleNamespace(total=64 * GiB, available=40 * GiB)
    panel, _ = make_panel(
        FakeNvml([FakeGpu.jetson()]), load_file=load, virtual_memory=lambda: memory
    )

    qtbot.waitUntil(lambda: len(panel.cards()) == 1, timeout=WAIT_MS)
    card = panel.cards()[0]
    assert card.title_text() == (
        "GPU 0 · Orin (nvgpu) · compute capability 8.7 (Ampere, Jetson Orin)"
    )
    qtbot.waitUntil(
        lambda: card.summary_text() == "24.0 / 64.0 GiB · unified memory (system RAM) · 37 % busy",
        timeout=WAIT_MS,
    )
    assert card.series_names() == ["other processes"]
    assert last(card, "total") == 64 * GiB


def test_gpus_appearing_failing_and_leaving(make_panel: Any, qtbot: Any) -> None:
    fake = FakeNvml([h100()])
    panel, _ = make_panel(fake)
    qtbot.waitUntil(lambda: len(panel.cards()) == 1, timeout=WAIT_MS)

    fake.gpus.append(rtx())
    qtbot.waitUntil(lambda: len(panel.cards()) == 2, timeout=WAIT_MS)
    assert titles(panel)[1] == (
        "GPU 1 · NVIDIA GeForce RTX 4090 · compute capability 8.9 (Ada Lovelace)"
    )

    # Unreadable for now: the card stays and says why.
    fake.gpus[1].errors["nvmlDeviceGetHandleByIndex"] = NVML_ERROR_GPU_IS_LOST
    qtbot.waitUntil(
        lambda: panel.cards()[1].summary_text() == "not readable: GPU is lost", timeout=WAIT_MS
    )
    assert panel.errors_text() == "GPU 1: GPU is lost"

    # Gone from the count: the card goes.
    fake.gpus.pop()
    qtbot.waitUntil(lambda: len(panel.cards()) == 1, timeout=WAIT_MS)
    assert panel.errors_text() == ""

    # A different GPU in the slot: a new card.
    fake.gpus.append(rtx(name="NVIDIA RTX A6000", uuid="GPU-a6000", compute_capability=(8, 6)))
    qtbot.waitUntil(
        lambda: (
            titles(panel)
            == [
                "GPU 0 · NVIDIA H100 80GB HBM3 · compute capability 9.0 (Hopper)",
                "GPU 1 · NVIDIA RTX A6000 · compute capability 8.6 (Ampere)",
            ]
        ),
        timeout=WAIT_MS,
    )


# -- time window and history -----------------------------------------------------------


def test_window_selector_sets_the_x_range(make_panel: Any, qtbot: Any) -> None:
    fake = FakeNvml([h100()])
    panel, _ = make_panel(fake)
    qtbot.waitUntil(lambda: len(panel.cards()) == 1, timeout=WAIT_MS)
    assert panel.window_seconds() == 60
    assert panel.cards()[0].x_range() == (-60.0, 0.0)

    qtbot.mouseClick(panel.window_button(600), Qt.MouseButton.LeftButton)
    assert panel.window_seconds() == 600
    assert panel.window_button(600).isChecked()
    assert panel.cards()[0].x_range() == (-600.0, 0.0)

    qtbot.mouseClick(panel.window_button(3600), Qt.MouseButton.LeftButton)
    assert panel.cards()[0].x_range() == (-3600.0, 0.0)
    # A GPU that appears later uses the chosen window too.
    fake.gpus.append(rtx())
    qtbot.waitUntil(lambda: len(panel.cards()) == 2, timeout=WAIT_MS)
    assert panel.cards()[1].x_range() == (-3600.0, 0.0)

    with pytest.raises(ValueError):
        panel.set_window_seconds(42)


def test_history_is_bounded_and_downsampled(make_panel: Any, qtbot: Any) -> None:
    # NVML's clock runs 5 s per snapshot: two hours of samples within a second or two.
    ticks = iter(range(0, 10**9, 5))
    panel, sampler = make_panel(
        FakeNvml([h100()]), interval=0.0005, clock=lambda: float(next(ticks))
    )
    panel.set_window_seconds(3600)
    qtbot.waitUntil(lambda: len(panel.cards()) == 1, timeout=WAIT_MS)
    card = panel.cards()[0]

    def covers(seconds: float) -> bool:
        low, high = card.plotted_x_range()
        return high - low >= seconds

    qtbot.waitUntil(lambda: covers(3500), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: newest_timestamp(sampler) > 7500, timeout=WAIT_MS)
    panel.hide()  # stop sampling; what is drawn must still be the last hour only

    low, high = card.plotted_x_range()
    assert low >= -3600 - 5 and high <= 0
    assert card.plotted_point_count() <= MAX_PLOT_POINTS

    panel.show()
    panel.set_window_seconds(600)
    low, high = card.plotted_x_range()
    assert low >= -600 and high <= 0
    assert card.plotted_point_count() <= MAX_PLOT_POINTS  # 120 samples, drawn as they are

    panel.set_window_seconds(60)
    low, _ = card.plotted_x_range()
    assert low >= -60
    assert card.plotted_point_count() <= 13


# -- sampling only while shown ---------------------------------------------------------


def test_sampling_stops_while_hidden(make_panel: Any, qtbot: Any) -> None:
    panel, sampler = make_panel(FakeNvml([h100()]), show=False)
    assert not sampler.is_running

    panel.show()
    assert sampler.is_running
    qtbot.waitUntil(lambda: len(panel.cards()) == 1, timeout=WAIT_MS)

    panel.hide()
    assert not sampler.is_running

    panel.show()
    assert sampler.is_running
    panel.close()
    assert not sampler.is_running


def test_sampling_follows_the_visible_tab(make_panel: Any, qtbot: Any) -> None:
    panel, sampler = make_panel(FakeNvml([h100()]), show=False, add_widget=False)
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    tabs.addTab(QWidget(), "Servers")
    tabs.addTab(panel, "GPU")
    tabs.show()
    assert not sampler.is_running

    tabs.setCurrentIndex(1)
    assert sampler.is_running
    tabs.setCurrentIndex(0)
    assert not sampler.is_running
    tabs.setCurrentIndex(1)
    tabs.close()
    assert not sampler.is_running


def test_sampling_while_hidden_on_request(
    make_panel: Any, server_tree: Callable[[], ServerTree], qtbot: Any
) -> None:
    # For a server list that shows GPU memory while the GPU tab is not the current one.
    server = server_tree()
    gpu = h100(compute_processes=[FakeProcess(server.worker_pid, 5 * GiB)])
    panel, sampler = make_panel(FakeNvml([gpu]), show=False)
    panel.set_servers({"llama": server.pid})

    with qtbot.waitSignal(
        panel.serverMemoryChanged,
        check_params_cb=lambda figures: figures == {"llama": 5 * GiB},
        timeout=WAIT_MS,
    ):
        panel.set_sampling_while_hidden(True)
    assert sampler.is_running
    assert panel.render_count() == 0  # nothing is drawn while hidden

    panel.show()
    qtbot.waitUntil(lambda: len(panel.cards()) == 1, timeout=WAIT_MS)
    panel.hide()
    assert sampler.is_running
    panel.set_sampling_while_hidden(False)
    assert not sampler.is_running


def test_deleted_panel_unsubscribes(
    make_panel: Any, qtbot: Any, caplog: pytest.LogCaptureFixture
) -> None:
    panel, sampler = make_panel(FakeNvml([h100()]), add_widget=False)
    qtbot.waitUntil(lambda: len(panel.cards()) == 1, timeout=WAIT_MS)

    # Another subscriber keeps the sampler running after the panel is gone.
    snapshots: list[GpuSnapshot] = []
    enough = threading.Event()

    def other(snapshot: GpuSnapshot) -> None:
        snapshots.append(snapshot)
        if len(snapshots) >= 20:
            enough.set()

    sampler.subscribe(other)
    caplog.set_level(logging.ERROR, logger="panel.core.gpu.sampler")
    # (waitSignal on destroyed trips over disconnecting from a dying object.)
    gone: list[bool] = []
    panel.destroyed.connect(lambda: gone.append(True))
    panel.deleteLater()
    qtbot.waitUntil(lambda: bool(gone), timeout=WAIT_MS)
    assert not shiboken6.isValid(panel)
    snapshots.clear()
    enough.clear()
    assert enough.wait(WAIT_MS / 1000)  # 20 more samples delivered past the deleted panel
    assert sampler.is_running
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
    sampler.unsubscribe(other)
    assert not sampler.is_running


def test_repaints_are_coalesced(make_panel: Any, qtbot: Any) -> None:
    # 200 Hz sampling, repaints at most every 0.25 s.
    panel, sampler = make_panel(FakeNvml([h100()]), interval=0.005, min_repaint_interval=0.25)
    snapshots: list[GpuSnapshot] = []
    sampler.subscribe(snapshots.append)
    qtbot.waitUntil(lambda: len(snapshots) >= 200, timeout=WAIT_MS)
    sampler.unsubscribe(snapshots.append)
    assert panel.render_count() >= 1
    assert panel.render_count() <= len(snapshots) / 10


@pytest.mark.engines
def test_a_containers_gpu_memory_belongs_to_its_server(
    make_panel: Any, qtbot: Any, docker_engine: Any, engines: Any
) -> None:
    """NVML reports host pids; a container's processes are the runtime's, not the guard's."""
    from panel.core.servers.supervisor import ServerProcess
    from tests.test_container_servers import IMAGE, container_llama

    docker_engine.add_image(IMAGE)
    server = ServerProcess(container_llama(engines))
    server.start()
    try:
        assert server.wait_ready(60), server.log.texts(40)
        [box] = docker_engine.running()
        gpu = h100(memory_used=5 * GiB, compute_processes=[FakeProcess(int(box["pid"]), 3 * GiB)])
        panel, _ = make_panel(FakeNvml([gpu]))
        # Counted from the guard, as for a host server, the container is invisible...
        panel.set_servers({"llama": server.pid})
        with qtbot.waitSignal(
            panel.serverMemoryChanged,
            check_params_cb=lambda figures: figures == {"llama": 0},
            timeout=WAIT_MS,
        ):
            pass
        # ...and from the container's own process it is found.
        with qtbot.waitSignal(
            panel.serverMemoryChanged,
            check_params_cb=lambda figures: figures == {"llama": 3 * GiB},
            timeout=WAIT_MS,
        ):
            panel.set_servers({"llama": server.gpu_root}, {"llama": server.container_id})
    finally:
        server.stop_and_wait(30)
