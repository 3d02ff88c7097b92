"""Memory estimates, the fit verdict, and the context-size parsing they rely on."""

from __future__ import annotations

from pathlib import Path

import gguf
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from panel.core.config.profiles import Engine, ServerProfile
from panel.core.gpu.nvml import GpuSample, GpuSnapshot, GpuStatus
from panel.core.models.gguf_info import GgufInfo, read_gguf_info
from panel.core.models.memory_fit import (
    COMPUTE_BUFFER_BYTES,
    DEFAULT_CTX_SIZE,
    GIB,
    MIB,
    OVERHEAD_FRACTION,
    FitLevel,
    MemoryEstimate,
    check_fit,
    ctx_size_from_args,
    default_ctx_size,
    estimate_gguf_memory,
    fit_warning,
    format_bytes,
    gguf_fit,
    kv_cache_bytes,
)


def llama2_7b(**changes: object) -> GgufInfo:
    """Llama 2 7B's shape: 32 layers, 32 heads, no GQA, 4096 wide, 4k context."""
    fields: dict[str, object] = {
        "path": Path("/models/llama-2-7b.Q4_K_M.gguf"),
        "architecture": "llama",
        "name": "llama 2 7b",
        "file_size": 4 * GIB,
        "context_length": 4096,
        "block_count": 32,
        "head_count": 32,
        "head_count_kv": 32,
        "embedding_length": 4096,
    }
    fields.update(changes)
    return GgufInfo(**fields)  # type: ignore[arg-type]


# --- KV cache ------------------------------------------------------------------------


def test_kv_cache_of_llama2_7b() -> None:
    # 2 (K and V) * 32 layers * 4096 ctx * 32 heads * 128 head dim * 2 bytes = 2 GiB
    assert kv_cache_bytes(llama2_7b(), 4096) == 2 * GIB


def test_kv_cache_with_gqa_and_key_length() -> None:
    # Llama 3 8B: 8 KV heads of 128, stated as key_length.
    info = llama2_7b(head_count_kv=8, key_length=128, value_length=128, context_length=8192)
    assert kv_cache_bytes(info, 4096) == 512 * MIB


def test_kv_cache_with_different_key_and_value_length() -> None:
    info = llama2_7b(head_count_kv=1, block_count=1, key_length=192, value_length=128)
    assert kv_cache_bytes(info, 1000) == 1000 * 1 * (192 + 128) * 2


def test_kv_cache_without_head_count_kv_uses_head_count() -> None:
    assert kv_cache_bytes(llama2_7b(head_count_kv=None), 1024) == kv_cache_bytes(llama2_7b(), 1024)


def test_kv_cache_sums_per_layer_heads() -> None:
    # A hybrid model: recurrent layers (0 KV heads) take no KV cache.
    info = llama2_7b(block_count=4, head_count_kv=8, head_count_kv_per_layer=(0, 8, 0, 8))
    assert kv_cache_bytes(info, 100) == 100 * 16 * 2 * 128 * 2


def test_kv_cache_unknown_shape_is_zero() -> None:
    assert kv_cache_bytes(llama2_7b(head_count=None, head_count_kv=None), 4096) == 0
    assert kv_cache_bytes(llama2_7b(block_count=None), 4096) == 0


def test_kv_cache_quantized_elements() -> None:
    assert kv_cache_bytes(llama2_7b(), 4096, bytes_per_elem=1) == GIB


@given(ctx=st.integers(min_value=1, max_value=1 << 20))
def test_kv_cache_grows_linearly_with_context(ctx: int) -> None:
    info = llama2_7b()
    assert kv_cache_bytes(info, 2 * ctx) == 2 * kv_cache_bytes(info, ctx)


# --- context size --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("context_length", "expected"), [(131072, 4096), (4096, 4096), (2048, 2048), (None, 4096)]
)
def test_default_ctx_size(context_length: int | None, expected: int) -> None:
    assert default_ctx_size(llama2_7b(context_length=context_length)) == expected


def test_estimate_uses_default_ctx_when_unset() -> None:
    info = llama2_7b(context_length=131072)
    estimate = estimate_gguf_memory(info)
    assert estimate.ctx_size == DEFAULT_CTX_SIZE
    assert estimate.kv_cache_bytes == kv_cache_bytes(info, DEFAULT_CTX_SIZE)


def test_estimate_with_explicit_ctx() -> None:
    estimate = estimate_gguf_memory(llama2_7b(), ctx_size=8192)
    assert estimate.ctx_size == 8192
    assert estimate.kv_cache_bytes == 4 * GIB


def test_ctx_zero_means_full_trained_context() -> None:
    # llama-server's "-c 0": the model's own context length.
    estimate = estimate_gguf_memory(llama2_7b(context_length=32768), ctx_size=0)
    assert estimate.ctx_size == 32768


# --- totals --------------------------------------------------------------------------


def test_estimate_parts_add_up() -> None:
    estimate = estimate_gguf_memory(llama2_7b())

    assert estimate.weights_bytes == 4 * GIB
    assert estimate.kv_cache_bytes == 2 * GIB
    assert estimate.overhead_bytes == round(6 * GIB * OVERHEAD_FRACTION) + COMPUTE_BUFFER_BYTES
    assert estimate.total_bytes == (
        estimate.weights_bytes + estimate.kv_cache_bytes + estimate.overhead_bytes
    )


def test_mmproj_adds_its_file() -> None:
    projector = GgufInfo(
        path=Path("/models/mmproj.gguf"), architecture="clip", name="p", file_size=600 * MIB
    )
    alone = estimate_gguf_memory(llama2_7b())
    paired = estimate_gguf_memory(llama2_7b(), mmproj=projector)
    assert paired.weights_bytes == alone.weights_bytes + 600 * MIB
    assert paired.total_bytes > alone.total_bytes


def test_estimate_from_a_real_file(tmp_path: Path) -> None:
    path = _write_gguf(tmp_path / "m.gguf")

    estimate = estimate_gguf_memory(read_gguf_info(path))

    assert estimate.weights_bytes == path.stat().st_size
    assert estimate.ctx_size == 1024
    assert estimate.kv_cache_bytes == 2 * 2 * 1024 * 2 * 16 * 2


def test_describe_names_every_part() -> None:
    text = MemoryEstimate(4 * GIB, 512 * MIB, 700 * MIB, 0, ctx_size=4096).describe()
    assert text == "4.0 GiB weights + 512 MiB KV cache (4096 ctx) + 700 MiB overhead"


# --- ctx_size_from_args --------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["-c", "8192"], 8192),
        (["--ctx-size", "16384", "--jinja"], 16384),
        (["--jinja", "--ctx-size=2048"], 2048),
        (["-c", "0"], 0),
        ([], None),
        (["--jinja", "-ngl", "99"], None),
        (["-c"], None),  # flag without a value
        (["-c", "lots"], None),
        (["-c", "-5"], None),
        (["-c", "1024", "--ctx-size", "4096"], 4096),  # the last one wins
        (["--ctx-size=4096", "-c", "512"], 512),
        (["--ctx-size-draft", "512"], None),  # a different flag
        (["-cb"], None),
    ],
)
def test_ctx_size_from_args(args: list[str], expected: int | None) -> None:
    assert ctx_size_from_args(args) == expected


_NOISE = st.lists(st.sampled_from(["--jinja", "-ngl", "99", "--port", "8080", "-fa", "on"]))


@given(
    value=st.integers(min_value=0, max_value=10**7),
    form=st.sampled_from(["short", "long", "equals"]),
    before=_NOISE,
    after=_NOISE,
)
def test_ctx_size_found_among_other_args(
    value: int, form: str, before: list[str], after: list[str]
) -> None:
    flag = {
        "short": ["-c", str(value)],
        "long": ["--ctx-size", str(value)],
        "equals": [f"--ctx-size={value}"],
    }[form]
    assert ctx_size_from_args([*before, *flag, *after]) == value


# --- check_fit -----------------------------------------------------------------------


def estimate_of(total: int) -> MemoryEstimate:
    return MemoryEstimate(total, 0, 0, total)


def test_fits() -> None:
    verdict = check_fit(estimate_of(6 * GIB), free_bytes=20 * GIB, total_bytes=24 * GIB)
    assert verdict.level is FitLevel.FITS
    assert verdict.fits
    assert "6.0 GiB" in verdict.message and "20.0 GiB" in verdict.message


def test_tight() -> None:
    verdict = check_fit(estimate_of(19 * GIB), free_bytes=20 * GIB, total_bytes=24 * GIB)
    assert verdict.level is FitLevel.TIGHT
    assert verdict.fits
    assert "19.0 GiB" in verdict.message


def test_will_not_fit_now() -> None:
    verdict = check_fit(estimate_of(9 * GIB), free_bytes=6 * GIB, total_bytes=24 * GIB)
    assert verdict.level is FitLevel.WILL_NOT_FIT
    assert not verdict.fits
    assert "6.0 GiB of 24.0 GiB" in verdict.message
    assert "Stop other servers" in verdict.message


def test_will_never_fit() -> None:
    verdict = check_fit(estimate_of(30 * GIB), free_bytes=20 * GIB, total_bytes=24 * GIB)
    assert verdict.level is FitLevel.WILL_NOT_FIT
    assert "30.0 GiB" in verdict.message and "24.0 GiB" in verdict.message
    assert "smaller quantization" in verdict.message


def test_exact_fit_is_tight_not_fits() -> None:
    verdict = check_fit(estimate_of(8 * GIB), free_bytes=8 * GIB, total_bytes=8 * GIB)
    assert verdict.level is FitLevel.TIGHT


@given(
    need=st.integers(min_value=0, max_value=1 << 40),
    free=st.integers(min_value=0, max_value=1 << 40),
)
def test_verdict_is_monotonic_in_free_memory(need: int, free: int) -> None:
    # More free memory never makes a verdict worse.
    order = [FitLevel.WILL_NOT_FIT, FitLevel.TIGHT, FitLevel.FITS]
    total = 1 << 41
    less = check_fit(estimate_of(need), free, total).level
    more = check_fit(estimate_of(need), free + GIB, total).level
    assert order.index(more) >= order.index(less)


# --- format_bytes --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "0 B"),
        (512, "512 B"),
        (1023, "1023 B"),
        (1024, "1 KiB"),
        (98 * MIB, "98 MiB"),
        (98 * MIB + 300 * 1024, "98 MiB"),
        (int(1.5 * GIB), "1.5 GiB"),
        (1024 * MIB - 1, "1.0 GiB"),  # not "1024 MiB"
        (24 * GIB, "24.0 GiB"),
        (3 * 1024 * GIB, "3.0 TiB"),
        (-2 * GIB, "-2.0 GiB"),
    ],
)
def test_format_bytes(n: int, expected: str) -> None:
    assert format_bytes(n) == expected


@given(st.integers(min_value=0, max_value=1 << 60))
def test_format_bytes_never_shows_1024_of_a_unit(n: int) -> None:
    number = format_bytes(n).split()[0]
    assert float(number) < 1024


# --- a profile against its device ------------------------------------------------------


def _write_gguf(path: Path, layers: int = 2) -> Path:
    writer = gguf.GGUFWriter(path, "llama")
    writer.add_context_length(1024)
    writer.add_block_count(layers)
    writer.add_head_count(4)
    writer.add_head_count_kv(2)
    writer.add_embedding_length(64)
    writer.add_tensor("w", np.zeros((64, 64), np.float16))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


def _one_gpu(free: int, total: int = 24 * GIB) -> GpuSnapshot:
    gpu = GpuSample(3, "RTX", "GPU-x", total - free, total, None, ())
    return GpuSnapshot(0.0, (gpu,), GpuStatus(True, ""))


def test_gguf_fit_reads_flags_as_llama_server_does(tmp_path: Path) -> None:
    model = _write_gguf(tmp_path / "m.gguf")
    projector = _write_gguf(tmp_path / "mmproj.gguf", layers=8)
    profile = ServerProfile("m", Engine.LLAMA_CPP, model=str(model), args=["-c", "64"])
    alone = gguf_fit(profile, _one_gpu(free=20 * GIB))
    assert alone is not None and alone.level is FitLevel.FITS
    assert alone.message.startswith("GPU 3: Fits") and "(64 ctx)" in alone.message
    # The last --mmproj wins; a trailing bare --ctx-size clears the context choice.
    profile.args = ["-c", "64", "--mmproj", "/nowhere.gguf", "-mm", str(projector), "--ctx-size"]
    paired = gguf_fit(profile, _one_gpu(free=20 * GIB))
    assert paired is not None and "(1024 ctx)" in paired.message
    assert paired.message != alone.message
    # -ngl 0 (the last of its aliases) keeps the model in RAM: the GPU is not asked.
    profile.args = ["--n-gpu-layers", "99", "-ngl=0"]
    in_ram = gguf_fit(profile, _one_gpu(free=0))
    assert in_ram is not None and in_ram.message.startswith("System memory: ")
    assert fit_warning(profile, _one_gpu(free=0)) is None  # RAM has room for 1 MiB
    on_gpu = profile.copy(args=["-ngl", "0", "-ngl", "99"])
    assert (fit_warning(on_gpu, _one_gpu(free=0)) or "").startswith("GPU 3: Will not fit now")


def test_gguf_fit_says_nothing_for_other_engines_and_unreadable_files(tmp_path: Path) -> None:
    broken = tmp_path / "broken.gguf"
    broken.write_bytes(b"not a gguf")
    assert gguf_fit(ServerProfile("b", Engine.LLAMA_CPP, model=str(broken)), None) is None
    model = str(_write_gguf(tmp_path / "m.gguf"))
    assert gguf_fit(ServerProfile("v", Engine.VLLM, model=model), None) is None
