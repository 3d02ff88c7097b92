"""What a model on disk would load into: the first GPU's free memory, else the RAM.

The "Models on disk" tab compares each model's memory estimate with this, so the user
can see before making a profile whether a model is worth trying.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import psutil

from panel.core.gpu.nvml import GpuSnapshot


@dataclass(frozen=True)
class FitTarget:
    free_bytes: int
    total_bytes: int
    gpu_index: int | None = None  # None: the system's memory
    gpu_name: str = ""


def fit_target(
    *snapshots: GpuSnapshot | None,
    virtual_memory: Callable[[], Any] = psutil.virtual_memory,
) -> FitTarget:
    """The first GPU of the newest of ``snapshots`` that saw one; the system's memory
    when none did (no NVIDIA GPU, or NVML not available)."""
    newest = max((s for s in snapshots if s), key=lambda s: s.timestamp, default=None)
    if newest is not None and newest.status.available and newest.gpus:
        gpu = newest.gpus[0]
        free = gpu.memory_total - gpu.memory_used
        return FitTarget(free, gpu.memory_total, gpu.index, gpu.name)
    memory = virtual_memory()
    return FitTarget(int(memory.available), int(memory.total))
