"""What llama-server actually loaded, from its own log, beside the memory-fit estimate.

The real test engine (a CPU build) prints the load at ``-lv 4``: its context, KV cache and
buffers per device, and that it ignores --gpu-layers. The GPU-only lines (offloaded N/M
layers, CUDA0 buffers) are quoted from llama.cpp's source (llama-model.cpp's
``load_tensors``), as they cannot be printed here.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import psutil
import pytest

from panel.core.config.profiles import Engine, ServerProfile
from panel.core.config.store import data_dir
from panel.core.gpu.nvml import Nvml
from panel.core.models.loaded import (
    EstimateHistory,
    LoadComparison,
    LoadRecorder,
    LoadReport,
    compare_load,
    read_load_report,
    record_load,
)
from panel.core.models.memory_fit import MIB, MemoryEstimate, gguf_fit
from panel.core.servers.ports import pick_free_port
from panel.core.servers.supervisor import ServerState
from tests.conftest import EngineKit, llama_profile
from tests.fakes.fake_nvml import FakeGpu, FakeNvml, GiB

# load_tensors / llama_kv_cache / sched_reserve on a CUDA build (llama.cpp's own format
# strings: "offloaded %d/%d layers to GPU", "%12s model buffer size = %8.2f MiB").
GPU_LOG = [
    "0.00.801.114 I load_tensors: offloading 28 repeating layers to GPU",
    "0.00.801.115 I load_tensors: offloaded 29/29 layers to GPU",
    "0.00.801.120 I load_tensors:        CUDA0 model buffer size =  4403.49 MiB",
    "0.00.801.121 I load_tensors:   CPU_Mapped model buffer size =   292.36 MiB",
    "0.01.020.001 I llama_context: n_ctx                 = 8192",
    "0.01.020.300 I llama_kv_cache:      CUDA0 KV buffer size =  1024.00 MiB",
    "0.01.100.000 I sched_reserve:      CUDA0 compute buffer size =   304.00 MiB",
    "0.01.100.001 I sched_reserve:  CUDA_Host compute buffer size =    24.01 MiB",
]


def estimate(total: int) -> MemoryEstimate:
    return MemoryEstimate(total, 0, 0, total, 512)


def real_log(engines: EngineKit, *flags: str) -> list[str]:
    """llama-server's lines up to "listening", then it is stopped."""
    port = pick_free_port()
    process = subprocess.Popen(
        [engines.llama_server, "-m", engines.model("tiny-llama.gguf"), "--port", str(port),
         "-c", "512", "-t", "1", "-ngl", "99", *flags],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    assert process.stdout is not None
    lines: list[str] = []
    try:
        for line in process.stdout:
            lines.append(line.rstrip("\n"))
            if "listening on" in line:
                break
    finally:
        process.kill()  # what it printed is all we wanted
        process.wait(timeout=15)
        process.stdout.close()
    assert any("listening on" in line for line in lines), "\n".join(lines[-20:])
    return lines


@pytest.mark.engines
def test_the_real_engines_verbose_load_lines(engines: EngineKit) -> None:
    report = read_load_report(real_log(engines, "-lv", "4"))
    assert report.gpu_ignored  # a CPU build told -ngl 99
    assert report.layers_total is None
    assert report.ctx_size == 512
    assert list(report.model_buffers) == ["CPU_Mapped"]
    assert report.kv_buffers == {"CPU": 1 * MIB}  # 512 cells, 2 layers, f16
    assert "CPU" in report.compute_buffers
    assert report.gpu_bytes() == 0
    assert report.describe().startswith("CPU build: all layers on the CPU · context 512 · weights ")
    assert "KV cache 1 MiB (CPU)" in report.describe()


@pytest.mark.engines
def test_the_real_engines_default_verbosity_says_the_context(engines: EngineKit) -> None:
    report = read_load_report(real_log(engines))
    # "n_slots = 4, n_ctx_slot = 512, kv_unified = 'true'": the slots share 512 cells.
    assert report.ctx_size == 512
    assert report.model_buffers == {} and report.total_bytes == 0
    assert report.known


def test_gpu_load_lines() -> None:
    report = read_load_report(GPU_LOG)
    assert (report.layers_on_gpu, report.layers_total) == (29, 29)
    assert report.model_buffers == {
        "CUDA0": round(4403.49 * MIB),
        "CPU_Mapped": round(292.36 * MIB),
    }
    assert report.gpu_bytes() == round((4403.49 + 1024 + 304) * MIB)
    assert report.describe().startswith("29/29 layers on the GPU · context 8192 · weights 4.6 GiB")
    # Separate caches per slot multiply; the verbose n_ctx wins when both are there.
    assert read_load_report(["n_slots = 4, n_ctx_slot = 2048"]).ctx_size == 8192
    assert not read_load_report(["nothing to see"]).known


def test_history_keeps_the_error_per_model(tmp_path: Path) -> None:
    model = tmp_path / "m.gguf"
    model.write_bytes(b"x" * 100)
    history = EstimateHistory(tmp_path / "data" / "memory-estimates.json")
    assert history.error(model) is None
    history.record(model, estimate=1100, measured=1000, ctx_size=512)
    error = history.error(model)
    assert error is not None and error.runs == 1
    assert error.describe() == "On the one earlier load the estimate was 10 % high."
    history.record(model, estimate=700, measured=1000)
    assert history.error(model).describe() == (  # type: ignore[union-attr]
        "On 2 earlier loads the estimate was 10 % low."
    )
    history.record(model, estimate=0, measured=1000)  # nothing to compare: not kept
    assert history.error(model).runs == 2  # type: ignore[union-attr]
    other = tmp_path / "other.gguf"
    other.write_bytes(b"y")
    assert history.error(other) is None

    history.path.write_text("{ not json")  # damaged: set aside, never an error
    assert history.error(model) is None
    assert history.path.with_suffix(".bad").read_text() == "{ not json"
    history.record(model, estimate=1000, measured=1000)
    assert history.error(model).describe() == (  # type: ignore[union-attr]
        "On the one earlier load the estimate was right."
    )


@pytest.mark.engines
def test_estimate_against_measurement_on_gpu_and_on_cpu(engines: EngineKit) -> None:
    profile = ServerProfile(
        name="m", engine=Engine.LLAMA_CPP, model=engines.model("tiny-llama.gguf"),
        args=["-c", "512", "-ngl", "99"],
    )  # fmt: skip
    nvml = Nvml(FakeNvml([FakeGpu(memory_total=24 * GiB)]), load_file=None)
    try:
        snapshot = nvml.snapshot()
    finally:
        nvml.shutdown()
    on_gpu = compare_load(
        profile, GPU_LOG, snapshot=snapshot, gpu_bytes=6 * GiB, pids=[], rss=lambda p: 1
    )
    assert on_gpu is not None and (on_gpu.measured, on_gpu.measured_on) == (6 * GiB, "GPU")
    assert on_gpu.describe().endswith(", measured 6.0 GiB (GPU)")
    # No GPU (or a CPU build): the processes' resident memory is what the model took.
    on_cpu = compare_load(
        profile, ["n_ctx_slot = 512"], snapshot=None, gpu_bytes=0, pids=[1, 2],
        rss=lambda pids: 300 * MIB * len(list(pids)),
    )  # fmt: skip
    assert on_cpu is not None and (on_cpu.measured, on_cpu.measured_on) == (600 * MIB, "RAM")
    assert on_cpu.describe().startswith("Loaded: estimated ")
    other = ServerProfile(name="w", engine=Engine.WHISPER_CPP, model="x.bin")
    assert compare_load(other, [], snapshot=None, gpu_bytes=0, pids=[]) is None
    assert not LoadReport().known


@pytest.mark.engines
def test_window_shows_what_loaded_and_the_next_estimate_says_how_good_it_was(
    qtbot: Any, make_window: Any, engines: EngineKit
) -> None:
    profile = llama_profile(engines, args=["-c", "512", "-t", "2", "-lv", "4"])
    window = make_window([profile])
    with qtbot.waitSignal(
        window.hub.stateChanged,
        timeout=30_000,
        check_params_cb=lambda name, change: change.state is ServerState.READY,
    ):
        window.act_start.trigger()
    detail = window.header_detail.text()
    assert "Loaded: CPU build" not in detail  # -ngl not given: no warning, no claim
    assert "Loaded: context 512 · weights " in detail
    assert "estimated " in detail and " (RAM)" in detail
    server = window.selected_server()
    assert server is not None
    assert sum(psutil.Process(p).memory_info().rss for p in server.server_pids()) > 0

    saved = json.loads((data_dir() / "memory-estimates.json").read_text())
    [(key, runs)] = saved.items()
    assert key.startswith("tiny-llama.gguf:") and len(runs) == 1
    assert runs[0]["ctx"] == 512 and runs[0]["measured"] > 0

    verdict = gguf_fit(profile, None, window.loads.history)
    assert verdict is not None and "On the one earlier load the estimate was " in verdict.message
    with qtbot.waitSignal(
        window.hub.stateChanged,
        timeout=20_000,
        check_params_cb=lambda name, change: change.state is ServerState.STOPPED,
    ):
        window.act_stop.trigger()


def test_one_record_per_run(tmp_path: Path) -> None:
    model = tmp_path / "m.gguf"
    model.write_bytes(b"x")
    profile = ServerProfile(name="m", engine=Engine.LLAMA_CPP, model=str(model))
    history = EstimateHistory(tmp_path / "memory-estimates.json")
    recorder = LoadRecorder(history)
    load = LoadComparison(LoadReport(ctx_size=512), estimate(1000), 900, "RAM")
    assert record_load(history, profile, load)
    assert not record_load(history, profile, LoadComparison(LoadReport(), None, 900, "RAM"))

    def server(ready_after: float) -> Any:
        log = SimpleNamespace(since=lambda seq, limit: SimpleNamespace(lines=[]))
        return SimpleNamespace(log=log, server_pids=list, ready_after=ready_after)

    # Not a GGUF file llama.cpp could read: no estimate, nothing kept, still a line.
    assert recorder.detail(profile, server(1.0), None, 0) == ""
    assert history.error(model).runs == 1  # type: ignore[union-attr]
