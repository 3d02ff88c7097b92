"""Will this GGUF profile fit? The memory estimate against the GPU it will use."""

from __future__ import annotations

import functools
import os
from pathlib import Path

import psutil

from panel.core.config.profiles import Engine, ServerProfile
from panel.core.gpu.nvml import GpuSnapshot
from panel.core.models.gguf_info import GgufInfo, ModelFileError, read_gguf_info
from panel.core.models.memory_fit import (
    FitLevel,
    FitVerdict,
    check_fit,
    ctx_size_from_args,
    estimate_gguf_memory,
)

_CPU_ONLY = {("-ngl", "0"), ("--gpu-layers", "0"), ("--n-gpu-layers", "0")}


@functools.lru_cache(maxsize=64)
def _cached_info(path: str, mtime: float, size: int) -> GgufInfo:
    return read_gguf_info(path)


def gguf_info(path: Path) -> GgufInfo | None:
    """Metadata of a GGUF file, cached per file version; None when unreadable."""
    try:
        stat = path.stat()
        return _cached_info(str(path), stat.st_mtime, stat.st_size)
    except (OSError, ModelFileError):
        return None


def _flag_value(args: list[str], *flags: str) -> str | None:
    value = None
    for i, arg in enumerate(args):
        name, eq, inline = arg.partition("=")
        if name in flags:
            value = inline if eq else (args[i + 1] if i + 1 < len(args) else None)
    return value


def gguf_fit(profile: ServerProfile, snapshot: GpuSnapshot | None) -> FitVerdict | None:
    """The fit verdict for a llama.cpp profile, or None when there is nothing to say."""
    path = profile.model_path()
    if profile.engine is not Engine.LLAMA_CPP or path is None or path.suffix != ".gguf":
        return None
    info = gguf_info(path)
    if info is None:
        return None
    mmproj_arg = _flag_value(profile.args, "--mmproj", "-mm")
    mmproj = gguf_info(Path(os.path.expanduser(mmproj_arg))) if mmproj_arg else None
    estimate = estimate_gguf_memory(info, ctx_size_from_args(profile.args), mmproj)
    layers = _flag_value(profile.args, "-ngl", "--gpu-layers", "--n-gpu-layers")
    on_gpu = layers != "0" and snapshot is not None and snapshot.status.available
    if on_gpu and snapshot is not None and snapshot.gpus:
        visible = profile.env.get("CUDA_VISIBLE_DEVICES", "").split(",")[0].strip()
        index = int(visible) if visible.isdigit() else 0
        gpu = next((g for g in snapshot.gpus if g.index == index), snapshot.gpus[0])
        verdict = check_fit(estimate, gpu.memory_total - gpu.memory_used, gpu.memory_total)
        where = f"GPU {gpu.index}"
    else:
        memory = psutil.virtual_memory()
        verdict = check_fit(estimate, memory.available, memory.total)
        where = "System memory"
    return FitVerdict(verdict.level, f"{where}: {verdict.message} ({estimate.describe()})")


def fit_warning(profile: ServerProfile, snapshot: GpuSnapshot | None) -> str | None:
    """A message worth interrupting the user for (tight or will not fit), else None."""
    verdict = gguf_fit(profile, snapshot)
    if verdict is None or verdict.level is FitLevel.FITS:
        return None
    return verdict.message
