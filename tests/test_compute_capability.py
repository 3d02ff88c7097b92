"""Each GPU's compute capability and architecture: the table, NVML, doctor, the GPU tab."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from panel.core.config.store import ConfigStore
from panel.core.doctor import run_doctor
from panel.core.gpu.capability import ComputeCapability, architecture_name
from panel.core.gpu.nvml import Nvml
from panel.core.gpu.sampler import GpuSampler
from panel.core.speech.audio_devices import AudioStatus
from panel.ui.gpu.panel import GpuPanel
from tests.fakes.fake_nvml import NVML_ERROR_FUNCTION_NOT_FOUND, FakeGpu, FakeNvml, GiB

WAIT_MS = 5000


@pytest.mark.parametrize(
    ("cc", "name"),
    [
        ((8, 7), "Ampere, Jetson Orin"),
        ((8, 9), "Ada Lovelace"),
        ((9, 0), "Hopper"),
        ((10, 0), "Blackwell, B200 and GB200"),
        ((11, 0), "Blackwell, Jetson Thor"),
        ((12, 0), "Blackwell, RTX 50 series and RTX PRO"),
        ((12, 1), "Blackwell, GB10 (DGX Spark)"),
        ((12, 7), "Blackwell"),  # a minor the table does not know: the family
        ((42, 0), ""),
    ],
)
def test_architecture_names(cc: tuple[int, int], name: str) -> None:
    assert architecture_name(*cc) == name


def test_parse_and_describe() -> None:
    assert ComputeCapability.parse("8.9") == ComputeCapability(8, 9)
    assert ComputeCapability.parse("sm_120") == ComputeCapability(12, 0)
    assert ComputeCapability.parse("110") == ComputeCapability(11, 0)
    assert ComputeCapability.parse("sm_90a") == ComputeCapability(9, 0)
    for bad in ("", "9", "x.y", "sm_", "8.9.1x"):
        assert ComputeCapability.parse(bad) is None, bad
    assert ComputeCapability(12, 1).describe() == "12.1 (Blackwell, GB10 (DGX Spark))"
    assert ComputeCapability(42, 0).describe() == "42.0"
    assert ComputeCapability(11, 0).sm == "110"


def test_nvml_reads_the_capability_once_per_gpu() -> None:
    fake = FakeNvml([FakeGpu(compute_capability=(12, 0)), FakeGpu.thor()])
    nvml = Nvml(fake, load_file=None)
    try:
        for _ in range(3):
            first, thor = nvml.snapshot().gpus
        assert first.compute_capability == ComputeCapability(12, 0)
        assert thor.compute_capability == ComputeCapability(11, 0)
        # It never changes: not asked again on every sample.
        assert fake.calls["nvmlDeviceGetCudaComputeCapability"] == 2
    finally:
        nvml.shutdown()


def test_capability_unknown_to_an_old_driver_is_none() -> None:
    gpu = FakeGpu(errors={"nvmlDeviceGetCudaComputeCapability": NVML_ERROR_FUNCTION_NOT_FOUND})
    nvml = Nvml(FakeNvml([gpu]), load_file=None)
    try:
        (sample,) = nvml.snapshot().gpus
        assert sample.compute_capability is None
        assert sample.memory_total == gpu.memory_total  # the rest is read as before
    finally:
        nvml.shutdown()


def test_doctor_names_capability_and_architecture(tmp_path: Path) -> None:
    gpu = FakeGpu(name="NVIDIA H100 80GB HBM3", memory_total=80 * GiB, compute_capability=(9, 0))
    report = run_doctor(
        ConfigStore(tmp_path / "config.toml"),
        nvml=Nvml(FakeNvml([gpu]), load_file=None),
        audio=lambda: AudioStatus(False, "no PortAudio"),
    )
    assert report.gpu_lines[1].startswith(
        "GPU 0: NVIDIA H100 80GB HBM3, compute capability 9.0 (Hopper), "
    )


def test_gpu_tab_header_shows_the_capability(qtbot: Any) -> None:
    fake = FakeNvml(
        [
            FakeGpu.thor(),
            FakeGpu(name="NVIDIA GeForce RTX 5090", uuid="GPU-5090", compute_capability=(12, 0)),
        ]
    )
    sampler = GpuSampler(Nvml(fake, load_file=None), interval=0.02, unavailable_interval=0.05)
    panel = GpuPanel(sampler, min_repaint_interval=0.02)
    qtbot.addWidget(panel)
    panel.show()
    try:
        qtbot.waitUntil(lambda: len(panel.cards()) == 2, timeout=WAIT_MS)
        thor, rtx = panel.cards()
        assert thor.title_text() == (
            "GPU 0 · NVIDIA Thor · compute capability 11.0 (Blackwell, Jetson Thor)"
        )
        assert rtx.title_text().endswith(
            "compute capability 12.0 (Blackwell, RTX 50 series and RTX PRO)"
        )
    finally:
        panel.hide()
        assert sampler.stop()
        sampler.nvml.shutdown()
