"""Will a llama.cpp model fit in memory? A rough estimate, made before launching.

The estimate is deliberately simple and errs slightly high, so "fits" means "very
likely loads" rather than "loads with 3 MB to spare":

* weights: the GGUF file size(s), which is what llama.cpp maps onto the device
  (plus the mmproj file when one is paired);
* KV cache: ``ctx * (key_length + value_length) * bytes_per_elem`` per KV head per
  layer. For the usual ``key_length == value_length == head_dim`` this is the familiar
  ``2 * block_count * ctx * head_count_kv * head_dim * bytes``. Sliding-window layers
  (Gemma) and MLA (DeepSeek) need less, so we over-count for those;
* overhead: OVERHEAD_FRACTION of the above for allocator slack and scratch tensors,
  plus COMPUTE_BUFFER_BYTES for the compute graph and the CUDA context, which do not
  shrink with the model.

:func:`gguf_fit` puts a profile's estimate against the GPU (or the RAM) it will use.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import psutil

from panel.core.config.profiles import Engine, ServerProfile, last_flag_value
from panel.core.i18n import translate

if TYPE_CHECKING:
    from panel.core.gpu.nvml import GpuSnapshot
    from panel.core.models.gguf_info import GgufInfo
    from panel.core.models.loaded import EstimateHistory

# gguf_info (gguf, numpy) loads on the first GGUF read: the window imports this module
# for its labels, and must paint before numpy is loaded.

KIB = 1024
MIB = 1024 * KIB
GIB = 1024 * MIB

# llama-server's own default context, and a cap on what we ask for by default: a
# 128k-context model at full length needs more KV cache than most GPUs have.
DEFAULT_CTX_SIZE = 4096
OVERHEAD_FRACTION = 0.05
COMPUTE_BUFFER_BYTES = 512 * MIB
# Above this share of the free memory the estimate's error margin is larger than the
# headroom, so we call the fit tight rather than promise it.
TIGHT_FRACTION = 0.9

_CTX_FLAGS = ("-c", "--ctx-size")


@dataclass(frozen=True)
class MemoryEstimate:
    """Bytes a model needs, split the way a user can act on (quantization vs. context)."""

    weights_bytes: int
    kv_cache_bytes: int
    overhead_bytes: int
    total_bytes: int
    ctx_size: int = 0  # the context length the KV cache was sized for

    def describe(self) -> str:
        """'4.1 GiB weights + 512 MiB KV cache (4096 ctx) + 738 MiB overhead'."""
        if self.ctx_size:
            text = translate(
                "LoadReport", "{weights} weights + {kv} KV cache ({ctx} ctx) + {overhead} overhead"
            )
        else:
            text = translate(
                "LoadReport", "{weights} weights + {kv} KV cache + {overhead} overhead"
            )
        return text.format(
            weights=format_bytes(self.weights_bytes),
            kv=format_bytes(self.kv_cache_bytes),
            ctx=self.ctx_size,
            overhead=format_bytes(self.overhead_bytes),
        )


class FitLevel(StrEnum):
    FITS = "fits"
    TIGHT = "tight"
    WILL_NOT_FIT = "will_not_fit"


@dataclass(frozen=True)
class FitVerdict:
    level: FitLevel
    message: str  # one sentence or two, with the numbers in GiB/MiB

    @property
    def fits(self) -> bool:
        """True for FITS and TIGHT: worth trying."""
        return self.level is not FitLevel.WILL_NOT_FIT


def default_ctx_size(info: GgufInfo) -> int:
    """The context we use when the user has not chosen one."""
    if info.context_length and info.context_length > 0:
        return min(info.context_length, DEFAULT_CTX_SIZE)
    return DEFAULT_CTX_SIZE


def resolve_ctx_size(info: GgufInfo, ctx_size: int | None) -> int:
    """The context llama-server will actually allocate for ``--ctx-size ctx_size``."""
    if ctx_size is None or ctx_size < 0:
        return default_ctx_size(info)
    if ctx_size == 0:
        # llama-server reads "-c 0" as "the model's full trained context".
        return info.context_length or DEFAULT_CTX_SIZE
    return ctx_size


def kv_cache_bytes(info: GgufInfo, ctx_size: int, bytes_per_elem: float = 2) -> int:
    """KV cache size at ``ctx_size`` tokens; 0 when the file lacks the attention shape
    (recurrent models such as Mamba or RWKV have no KV cache to speak of)."""
    key_dim, value_dim = _head_dims(info)
    kv_heads = _kv_heads_all_layers(info)
    if not key_dim or not value_dim or not kv_heads:
        return 0
    return round(ctx_size * kv_heads * (key_dim + value_dim) * bytes_per_elem)


def _head_dims(info: GgufInfo) -> tuple[int | None, int | None]:
    fallback = None
    if info.embedding_length and info.head_count:
        fallback = info.embedding_length // info.head_count
    return info.key_length or fallback, info.value_length or info.key_length or fallback


def _kv_heads_all_layers(info: GgufInfo) -> int:
    """KV heads summed over layers; per-layer lists cover hybrid models whose
    recurrent layers have none."""
    if info.head_count_kv_per_layer:
        return sum(info.head_count_kv_per_layer)
    # llama.cpp falls back to head_count when head_count_kv is absent (no GQA).
    heads = info.head_count_kv if info.head_count_kv is not None else info.head_count
    return (info.block_count or 0) * (heads or 0)


def estimate_gguf_memory(
    info: GgufInfo,
    ctx_size: int | None = None,
    mmproj: GgufInfo | None = None,
    kv_bytes_per_elem: float = 2,
) -> MemoryEstimate:
    """Memory llama-server needs for ``info`` at ``ctx_size`` (None: our default).

    ``kv_bytes_per_elem`` is 2 for the default f16 cache; about 1.06 for q8_0 and
    0.56 for q4_0 (``--cache-type-k/v``).
    """
    ctx = resolve_ctx_size(info, ctx_size)
    weights = info.file_size + (mmproj.file_size if mmproj else 0)
    kv = kv_cache_bytes(info, ctx, kv_bytes_per_elem)
    overhead = round((weights + kv) * OVERHEAD_FRACTION) + COMPUTE_BUFFER_BYTES
    return MemoryEstimate(weights, kv, overhead, weights + kv + overhead, ctx)


def ctx_size_from_args(args: Sequence[str]) -> int | None:
    """The context size llama-server args ask for (``-c N``, ``--ctx-size N`` or
    ``--ctx-size=N``), or None when they do not set a valid one. The last one wins,
    as it does in llama-server."""
    return _non_negative_int(last_flag_value(args, *_CTX_FLAGS))


def _non_negative_int(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        value = int(text.strip())
    except ValueError:
        return None
    return value if value >= 0 else None


def check_fit(estimate: MemoryEstimate, free_bytes: int, total_bytes: int) -> FitVerdict:
    """Compare an estimate with a device's free and total memory (GPU or RAM)."""
    need = estimate.total_bytes
    # Whole sentences, with and without the device's total: no sentence glued from pieces.
    if total_bytes > 0 and need > total_bytes:
        level = FitLevel.WILL_NOT_FIT
        text = translate(
            "LoadReport",
            "Will not fit: needs about {need}, more than the {total} the device has. Pick a "
            "smaller quantization or a shorter context.",
        )
    elif need > free_bytes:
        level = FitLevel.WILL_NOT_FIT
        if total_bytes > 0:
            text = translate(
                "LoadReport",
                "Will not fit now: needs about {need}, but only {free} of {total} is free. "
                "Stop other servers or use a shorter context.",
            )
        else:
            text = translate(
                "LoadReport",
                "Will not fit now: needs about {need}, but only {free} is free. Stop other "
                "servers or use a shorter context.",
            )
    elif need > free_bytes * TIGHT_FRACTION:
        level = FitLevel.TIGHT
        if total_bytes > 0:
            text = translate(
                "LoadReport",
                "Tight: needs about {need} and {free} of {total} is free. It may fail to load; "
                "a shorter context leaves more room.",
            )
        else:
            text = translate(
                "LoadReport",
                "Tight: needs about {need} and {free} is free. It may fail to load; a shorter "
                "context leaves more room.",
            )
    else:
        level = FitLevel.FITS
        if total_bytes > 0:
            text = translate("LoadReport", "Fits: needs about {need}, {free} of {total} is free.")
        else:
            text = translate("LoadReport", "Fits: needs about {need}, {free} is free.")
    message = text.format(
        need=format_bytes(need), free=format_bytes(free_bytes), total=format_bytes(total_bytes)
    )
    return FitVerdict(level, message)


# -- a profile against its device ------------------------------------------------------

_MMPROJ_FLAGS = ("--mmproj", "-mm")
_GPU_LAYERS_FLAGS = ("-ngl", "--gpu-layers", "--n-gpu-layers")


@functools.lru_cache(maxsize=64)
def _cached_info(path: str, mtime: float, size: int) -> GgufInfo:
    from panel.core.models.gguf_info import read_gguf_info

    return read_gguf_info(path)


def gguf_info(path: Path) -> GgufInfo | None:
    """Metadata of a GGUF file, cached per file version; None when unreadable."""
    from panel.core.models.gguf_info import ModelFileError

    try:
        stat = path.stat()
        return _cached_info(str(path), stat.st_mtime, stat.st_size)
    except (OSError, ModelFileError):
        return None


def profile_estimate(profile: ServerProfile) -> MemoryEstimate | None:
    """The estimate for a llama.cpp profile's GGUF model, or None (another engine, no
    readable GGUF file)."""
    path = profile.model_path()
    if profile.engine is not Engine.LLAMA_CPP or path is None or path.suffix != ".gguf":
        return None
    info = gguf_info(path)
    if info is None:
        return None
    mmproj_arg = last_flag_value(profile.args, *_MMPROJ_FLAGS)
    mmproj = gguf_info(Path(os.path.expanduser(mmproj_arg))) if mmproj_arg else None
    return estimate_gguf_memory(info, ctx_size_from_args(profile.args), mmproj)


def targets_gpu(profile: ServerProfile, snapshot: GpuSnapshot | None) -> bool:
    """Whether the model will go to a GPU: one is readable and -ngl is not 0."""
    layers = last_flag_value(profile.args, *_GPU_LAYERS_FLAGS)
    return (
        layers != "0" and snapshot is not None and snapshot.status.available and bool(snapshot.gpus)
    )


def gguf_fit(
    profile: ServerProfile, snapshot: GpuSnapshot | None, history: EstimateHistory | None = None
) -> FitVerdict | None:
    """The fit verdict for a llama.cpp profile, or None when there is nothing to say.
    ``history``: how far off the estimate was on this model's earlier loads, said too."""
    estimate = profile_estimate(profile)
    path = profile.model_path()
    if estimate is None or path is None:
        return None
    if targets_gpu(profile, snapshot) and snapshot is not None:
        visible = profile.env.get("CUDA_VISIBLE_DEVICES", "").split(",")[0].strip()
        index = int(visible) if visible.isdigit() else 0
        gpu = next((g for g in snapshot.gpus if g.index == index), snapshot.gpus[0])
        verdict = check_fit(estimate, gpu.memory_total - gpu.memory_used, gpu.memory_total)
        # Unified memory (Jetson, GB10): the figures are the system RAM the GPU shares.
        if gpu.unified_memory:
            where = translate("LoadReport", "GPU {index} (shares system RAM)")
        else:
            where = translate("LoadReport", "GPU {index}")
        where = where.format(index=gpu.index)
    else:
        memory = psutil.virtual_memory()
        verdict = check_fit(estimate, memory.available, memory.total)
        where = translate("LoadReport", "System memory")
    message = translate("LoadReport", "{where}: {verdict} ({estimate})").format(
        where=where, verdict=verdict.message, estimate=estimate.describe()
    )
    past = history.error(path) if history is not None else None
    if past is not None:
        message += " " + past.describe()  # a sentence of its own
    return FitVerdict(verdict.level, message)


def fit_warning(
    profile: ServerProfile, snapshot: GpuSnapshot | None, history: EstimateHistory | None = None
) -> str | None:
    """A message worth interrupting the user for (tight or will not fit), else None."""
    verdict = gguf_fit(profile, snapshot, history)
    if verdict is None or verdict.level is FitLevel.FITS:
        return None
    return verdict.message


# -- formatting -------------------------------------------------------------------------

_UNITS = ("B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB")
_DECIMAL_UNITS = frozenset({"GiB", "TiB", "PiB", "EiB"})  # "1.5 GiB" matters, "97.6 MiB" less so


def format_size(size: int) -> str:
    """Sizes on disk and downloads, in decimal units as file managers show them: "9.8 GB"."""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1000:
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{value:.1f} TB"


def format_bytes(n: int | float) -> str:
    """'512 B', '98 MiB', '1.5 GiB'. Binary units, as memory sizes are."""
    sign = "-" if n < 0 else ""
    value = float(abs(n))
    for unit in _UNITS:
        decimals = 1 if unit in _DECIMAL_UNITS else 0
        shown = round(value, decimals)
        # Move up a unit when rounding would print "1024 MiB".
        if shown < 1024 or unit == _UNITS[-1]:
            return f"{sign}{shown:.{decimals}f} {unit}"
        value /= 1024
    raise AssertionError("unreachable: the last unit always returns")
