"""How much GPU memory a profile needs, how much is free, and what each server holds.

The need is the memory-fit estimate for a GGUF model (weights, KV cache for its context,
overhead: :mod:`panel.core.models.memory_fit`), or what the profile measured the last
time it ran; nothing (0) when neither is known or the profile runs on the CPU
(``-ngl 0``). Free memory and each server's use come from one NVML snapshot, the use by
the server's process tree.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from panel.core.config.profiles import Engine, ServerProfile, last_flag_value
from panel.core.gpu.nvml import GpuSample, GpuSnapshot
from panel.core.models.memory_fit import ctx_size_from_args, estimate_gguf_memory, gguf_info

_GPU_LAYERS_FLAGS = ("-ngl", "--gpu-layers", "--n-gpu-layers")
_MMPROJ_FLAGS = ("--mmproj", "-mm")


def estimated_need(profile: ServerProfile) -> int:
    """Bytes of GPU memory the profile's server will take, by estimate; 0 when unknown."""
    path = profile.model_path()
    if profile.engine is not Engine.LLAMA_CPP or path is None or path.suffix != ".gguf":
        return 0
    if last_flag_value(profile.args, *_GPU_LAYERS_FLAGS) == "0":
        return 0
    info = gguf_info(path)
    if info is None:
        return 0
    mmproj_arg = last_flag_value(profile.args, *_MMPROJ_FLAGS)
    mmproj = gguf_info(Path(os.path.expanduser(mmproj_arg))) if mmproj_arg else None
    return estimate_gguf_memory(info, ctx_size_from_args(profile.args), mmproj).total_bytes


def profile_gpu(profile: ServerProfile, snapshot: GpuSnapshot) -> GpuSample | None:
    """The GPU the profile runs on: its first CUDA_VISIBLE_DEVICES, else GPU 0."""
    if not snapshot.status.available or not snapshot.gpus:
        return None
    visible = profile.env.get("CUDA_VISIBLE_DEVICES", "").split(",")[0].strip()
    index = int(visible) if visible.isdigit() else 0
    return next((g for g in snapshot.gpus if g.index == index), snapshot.gpus[0])


@dataclass(frozen=True)
class MemoryView:
    free: int
    total: int


def free_memory(gpu: GpuSample) -> MemoryView:
    return MemoryView(max(0, gpu.memory_total - gpu.memory_used), gpu.memory_total)


def used_by(gpu: GpuSample, pids: Iterable[int]) -> int:
    """Bytes the processes ``pids`` hold on ``gpu`` (unknown figures count as 0)."""
    wanted = set(pids)
    return sum(p.used_bytes or 0 for p in gpu.processes if p.pid in wanted)
