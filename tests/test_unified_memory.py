"""Unified-memory GPUs (Jetson Thor and Orin, GB10): NVML says NOT_SUPPORTED for memory.

The GPU shares the system's RAM: the card shows the RAM, a server's share is the resident
memory of its process tree, the fit check compares with the RAM that is free, and the
load comes from the board's sysfs where NVML has none. The fake's Thor profile
(tests/fakes/fake_nvml.py, ``FakeGpu.thor``) says where each of its answers comes from.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import psutil
import pytest

from panel.core.config.profiles import Engine, ServerProfile
from panel.core.gpu.attribution import ServerAttribution, gpu_usage_by_process_tree
from panel.core.gpu.capability import ComputeCapability
from panel.core.gpu.nvml import GpuSnapshot, Nvml
from panel.core.gpu.sampler import GpuSampler
from panel.core.models.memory_fit import gguf_fit
from panel.ui.gpu.panel import GpuPanel
from tests.conftest import EngineKit
from tests.fakes.fake_nvml import NVML_ERROR_NOT_SUPPORTED, FakeGpu, FakeNvml, FakeProcess, GiB
from tests.fakes.process_tree import TREE_SCRIPT

WAIT_MS = 10_000
RAM = SimpleNamespace(total=128 * GiB, available=100 * GiB)  # Thor has 128 GB


def thor_snapshot(gpu: FakeGpu | None = None, **options: Any) -> GpuSnapshot:
    options.setdefault("load_file", None)
    nvml = Nvml(FakeNvml([gpu or FakeGpu.thor()]), virtual_memory=lambda: RAM, **options)
    try:
        return nvml.snapshot()
    finally:
        nvml.shutdown()


@pytest.fixture
def server_tree() -> Iterator[tuple[int, int]]:
    """(server pid, worker pid): a real two-process tree, ended by closing its stdin."""
    process = subprocess.Popen(
        [sys.executable, "-c", TREE_SCRIPT],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdin is not None
    worker = int(process.stdout.readline())
    yield process.pid, worker
    process.stdin.close()
    process.wait(timeout=10)
    process.stdout.close()


def test_thor_reads_as_unified_memory_with_its_capability() -> None:
    (gpu,) = thor_snapshot(FakeGpu.thor(utilization_gpu=42)).gpus
    assert gpu.unified_memory
    assert (gpu.memory_total, gpu.memory_used) == (128 * GiB, 28 * GiB)  # the RAM in use
    assert gpu.compute_capability == ComputeCapability(11, 0)
    assert gpu.utilization == 42.0  # NVML answers utilisation on Thor (see the fake)


def test_load_comes_from_sysfs_where_nvml_has_none(tmp_path: Path) -> None:
    load = tmp_path / "load"
    load.write_text("655\n")  # per mille
    no_util = FakeGpu.thor(
        errors={
            "nvmlDeviceGetMemoryInfo": NVML_ERROR_NOT_SUPPORTED,
            "nvmlDeviceGetUtilizationRates": NVML_ERROR_NOT_SUPPORTED,
        }
    )
    assert thor_snapshot(no_util, load_file=load).gpus[0].utilization == pytest.approx(65.5)
    assert thor_snapshot(no_util, load_file=tmp_path / "absent").gpus[0].utilization is None


def test_a_servers_share_is_its_trees_resident_memory(server_tree: tuple[int, int]) -> None:
    server, worker = server_tree
    # Thor lists the processes but cannot say what they hold.
    snapshot = thor_snapshot(FakeGpu.thor(compute_processes=[FakeProcess(worker, None)]))
    usage = gpu_usage_by_process_tree(snapshot, {"llama": server})["llama"]
    expected = sum(psutil.Process(pid).memory_info().rss for pid in (server, worker))
    assert usage.total == pytest.approx(expected, rel=0.2)
    assert usage.per_gpu == {0: usage.total}
    assert usage.unknown_pids == frozenset()  # answered by the RSS, not "usage unknown"

    # The sampler's form, with no process list at all (as on Orin): the tree still counts.
    attribution = ServerAttribution()
    attribution.set_servers({"llama": server})
    orin = thor_snapshot(FakeGpu.jetson())
    assert attribution(orin)["llama"].total == pytest.approx(expected, rel=0.2)


def test_discrete_gpus_are_not_given_rss(server_tree: tuple[int, int]) -> None:
    server, _ = server_tree
    nvml = Nvml(FakeNvml([FakeGpu()]), load_file=None)
    try:
        usage = gpu_usage_by_process_tree(nvml.snapshot(), {"llama": server})
    finally:
        nvml.shutdown()
    assert usage["llama"].total == 0


def test_gpu_tab_stacks_the_servers_ram_on_thor(qtbot: Any, server_tree: tuple[int, int]) -> None:
    server, _ = server_tree
    sampler = GpuSampler(
        Nvml(FakeNvml([FakeGpu.thor()]), virtual_memory=lambda: RAM, load_file=None),
        interval=0.02,
        unavailable_interval=0.05,
    )
    panel = GpuPanel(sampler, min_repaint_interval=0.02)
    qtbot.addWidget(panel)
    panel.set_servers({"llama": server})
    panel.show()
    try:
        qtbot.waitUntil(lambda: len(panel.cards()) == 1, timeout=WAIT_MS)
        card = panel.cards()[0]
        qtbot.waitUntil(
            lambda: card.series_names() == ["llama", "other processes"], timeout=WAIT_MS
        )
        assert "unified memory (system RAM)" in card.summary_text()
        assert card.title_text().endswith("compute capability 11.0 (Blackwell, Jetson Thor)")
        assert 0 < panel.server_memory()["llama"] < 1 * GiB  # two small Pythons' RSS
    finally:
        panel.hide()
        assert sampler.stop()
        sampler.nvml.shutdown()


@pytest.mark.engines
def test_memory_fit_on_unified_memory_uses_the_free_ram(engines: EngineKit) -> None:
    profile = ServerProfile(
        name="thor",
        engine=Engine.LLAMA_CPP,
        model=engines.model("tiny-llama.gguf"),
        args=["-c", "512", "-ngl", "99"],
    )
    verdict = gguf_fit(profile, thor_snapshot())
    assert verdict is not None and verdict.fits
    assert verdict.message.startswith("GPU 0 (shares system RAM): Fits: needs about "), (
        verdict.message
    )
    assert "100.0 GiB of 128.0 GiB is free" in verdict.message
