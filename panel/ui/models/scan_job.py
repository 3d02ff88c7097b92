"""The Models view's scan, run off the GUI thread, and the table built from its results
a slice at a time."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtGui import QStandardItemModel

from panel.core.gpu.nvml import GpuSnapshot
from panel.core.gpu.sampler import GpuSampler
from panel.core.models.discovery import DiscoveredModel, scan_models
from panel.core.models.memory_fit import MemoryEstimate, default_ctx_size, estimate_gguf_memory

__all__ = ["Fill", "ScanResult", "scan"]


@dataclass(frozen=True)
class ScanResult:
    generation: int
    models: list[DiscoveredModel]
    snapshot: GpuSnapshot | None
    missing: list[Path]  # folders that do not exist
    estimates: dict[Path, MemoryEstimate] = field(default_factory=dict)  # usable GGUFs


def scan(generation: int, folders: list[Path], sampler: GpuSampler | None) -> ScanResult:
    """Off the GUI thread: the models, the folders that are missing, a GPU reading, and
    each usable GGUF's memory estimate (the fit column only compares it with what is
    free, which changes)."""
    models = scan_models(folders)
    missing = [folder for folder in folders if not folder.is_dir()]
    snapshot = None
    if sampler is not None:
        # Nobody may be sampling right now (the GPU tab is hidden): read once here,
        # off the GUI thread, since NVML's first call can take a while.
        snapshot = sampler.latest() or sampler.nvml.snapshot()
    return ScanResult(generation, models, snapshot, missing, _estimates(models))


def _estimates(models: list[DiscoveredModel]) -> dict[Path, MemoryEstimate]:
    return {
        model.path: estimate_gguf_memory(
            model.gguf, default_ctx_size(model.gguf), model.mmproj_info
        )
        for model in models
        if model.gguf is not None and not model.problem
    }


@dataclass
class Fill:
    """A new table being built a slice at a time, from a scan's results."""

    result: ScanResult
    table: QStandardItemModel
    rows: Iterator[DiscoveredModel]
