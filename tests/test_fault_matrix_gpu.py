"""Fault matrix, GPU: a consumer card whose driver answers NOT_SUPPORTED for everything
but memory. The card still shows its memory and says "unknown" rather than a made-up 0.
See docs/fault-matrix.md (a missing NVML library is test_gpu_panel.py's
test_without_nvidia_driver_the_panel_says_so)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from typing import Any

from tests.fakes import fake_nvml
from tests.fakes.fake_nvml import FakeNvml, GiB
from tests.test_gpu_panel import WAIT_MS, h100, make_panel  # noqa: F401  (a fixture)

NOT_SUPPORTED = {
    name: fake_nvml.NVML_ERROR_NOT_SUPPORTED
    for name in (
        "nvmlDeviceGetUtilizationRates",
        "nvmlDeviceGetComputeRunningProcesses",
        "nvmlDeviceGetGraphicsRunningProcesses",
        "nvmlDeviceGetCudaComputeCapability",
        "nvmlDeviceGetUUID",
    )
}


def test_fields_the_driver_does_not_support_are_unknown_not_zero(
    make_panel: Any,  # noqa: F811
    qtbot: Any,
) -> None:
    gpu = h100(name="NVIDIA GeForce GTX 1650", memory_total=4 * GiB, memory_used=1 * GiB,
               errors=NOT_SUPPORTED)  # fmt: skip
    panel, sampler = make_panel(FakeNvml([gpu]))
    panel.set_servers({"llama": 4242})
    qtbot.waitUntil(lambda: len(panel.cards()) == 1, timeout=WAIT_MS)
    card = panel.cards()[0]
    qtbot.waitUntil(lambda: "GTX 1650" in card.title_text(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "GiB" in card.summary_text(), timeout=WAIT_MS)
    summary = card.summary_text()
    assert "1.0" in summary and "4.0" in summary, summary  # memory still shown
    assert card.utilization_last() is None  # unknown, not 0 %
    assert "0 %" not in summary and "0%" not in summary, summary
    assert panel.message_text() == ""  # not "no GPU"
    assert sampler.is_running
