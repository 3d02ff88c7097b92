"""What llama-server actually loaded, read back from its log, against the estimate.

:mod:`panel.core.models.memory_fit` guesses before a start; llama-server then says what it
did. At its default verbosity (3) it prints the context per slot only
(``load_model: initializing, n_slots = 4, n_ctx_slot = 512``); with ``-lv 4`` (or
``--verbose``) also the buffers it allocated, one line per device, on a CPU build as on a
GPU one::

    load_tensors: offloaded 33/33 layers to GPU               (GPU builds only)
    load_tensors:   CPU_Mapped model buffer size =     4.56 MiB
    load_tensors:        CUDA0 model buffer size =  4403.49 MiB
    llama_context: n_ctx                 = 512
    llama_kv_cache:        CPU KV buffer size =     1.00 MiB
    llama_kv_cache: size =    1.00 MiB (   512 cells,   2 layers,  4/1 seqs), K (f16): ...
    sched_reserve:        CPU compute buffer size =     6.52 MiB
    warning: no usable GPU found, --gpu-layers option will be ignored

After a load, the panel measures what the server's process tree holds (GPU memory by
NVML, or resident memory without a GPU) and keeps the estimate's error per model in the
data folder (:class:`EstimateHistory`), so the next estimate can say how good it was.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import psutil

from panel.core.config.profiles import Engine, ServerProfile
from panel.core.i18n import translate
from panel.core.models.memory_fit import (
    MIB,
    MemoryEstimate,
    format_bytes,
    profile_estimate,
    targets_gpu,
)

if TYPE_CHECKING:
    from panel.core.gpu.nvml import GpuSnapshot
    from panel.core.servers.supervisor import ServerProcess

__all__ = [
    "EstimateHistory",
    "LoadComparison",
    "LoadRecorder",
    "LoadReport",
    "compare_load",
    "read_load_report",
    "record_load",
    "rss_of",
]

_OFFLOADED = re.compile(r"offloaded (\d+)/(\d+) layers to GPU")
_MODEL_BUFFER = re.compile(r"load_tensors:\s+(\S+) model buffer size =\s+([\d.]+) MiB")
_KV_BUFFER = re.compile(r"llama_kv_cache:\s+(\S+) KV buffer size =\s+([\d.]+) MiB")
_COMPUTE_BUFFER = re.compile(r":\s+(\S+) compute buffer size =\s+([\d.]+) MiB")
_N_CTX = re.compile(r"llama_context: n_ctx\s+=\s+(\d+)")
_N_CTX_SLOT = re.compile(r"n_slots = (\d+), n_ctx_slot = (\d+)(?:, kv_unified = '(\w+)')?")
_NO_GPU = re.compile(r"no usable GPU found, --gpu-layers option will be ignored")
# How many of a run's first lines are read: the load is over long before.
LOAD_LINES = 2000


@dataclass
class LoadReport:
    """What one load did; a field is None (or empty) when the log did not say."""

    layers_on_gpu: int | None = None
    layers_total: int | None = None
    ctx_size: int | None = None
    model_buffers: dict[str, int] = field(default_factory=dict)  # device -> bytes
    kv_buffers: dict[str, int] = field(default_factory=dict)
    compute_buffers: dict[str, int] = field(default_factory=dict)
    gpu_ignored: bool = False  # a CPU build given --gpu-layers

    @property
    def known(self) -> bool:
        return self.ctx_size is not None or bool(self.model_buffers) or self.gpu_ignored

    @property
    def total_bytes(self) -> int:
        """Everything llama-server said it allocated (0 at the default verbosity)."""
        return sum(
            sum(buffers.values())
            for buffers in (self.model_buffers, self.kv_buffers, self.compute_buffers)
        )

    def gpu_bytes(self) -> int:
        """The part on GPUs: buffers on devices other than the CPU's."""
        return sum(
            size
            for buffers in (self.model_buffers, self.kv_buffers, self.compute_buffers)
            for device, size in buffers.items()
            # CPU_Mapped, CPU_REPACK: host memory; CUDA_Host: pinned host memory
            if not device.upper().startswith("CPU") and not device.endswith("_Host")
        )

    def describe(self) -> str:
        """'33/33 layers on the GPU · context 4096 · weights 4.3 GiB (CUDA0) · KV cache 512
        MiB · compute 300 MiB'; '' when nothing is known."""
        parts: list[str] = []
        if self.layers_total is not None:
            parts.append(
                translate("LoadReport", "{on}/{total} layers on the GPU").format(
                    on=self.layers_on_gpu, total=self.layers_total
                )
            )
        elif self.gpu_ignored:
            parts.append(translate("LoadReport", "CPU build: all layers on the CPU"))
        if self.ctx_size is not None:
            parts.append(translate("LoadReport", "context {ctx}").format(ctx=self.ctx_size))
        for label, buffers in (
            (translate("LoadReport", "weights"), self.model_buffers),
            (translate("LoadReport", "KV cache"), self.kv_buffers),
            (translate("LoadReport", "compute"), self.compute_buffers),
        ):
            if buffers:
                where = ", ".join(buffers)
                parts.append(f"{label} {format_bytes(sum(buffers.values()))} ({where})")
        return " · ".join(parts)


def _mib(text: str) -> int:
    return round(float(text) * MIB)


def read_load_report(lines: Iterable[str]) -> LoadReport:
    """The load as llama-server's log tells it (the first :data:`LOAD_LINES` lines)."""
    report = LoadReport()
    for count, line in enumerate(lines):
        if count >= LOAD_LINES:
            break
        if match := _OFFLOADED.search(line):
            report.layers_on_gpu, report.layers_total = int(match[1]), int(match[2])
        elif match := _MODEL_BUFFER.search(line):
            report.model_buffers[match[1]] = _mib(match[2])
        elif match := _KV_BUFFER.search(line):
            report.kv_buffers[match[1]] = _mib(match[2])
        elif match := _COMPUTE_BUFFER.search(line):
            report.compute_buffers[match[1]] = _mib(match[2])
        elif match := _N_CTX.search(line):
            report.ctx_size = int(match[1])
        elif match := _N_CTX_SLOT.search(line):
            if report.ctx_size is None:  # the verbose n_ctx is the whole cache: keep it
                # A unified KV cache is shared by the slots; otherwise each has its own.
                shared = match[3] == "true"
                report.ctx_size = int(match[2]) * (1 if shared else int(match[1]))
        elif _NO_GPU.search(line):
            report.gpu_ignored = True
    return report


def rss_of(pids: Iterable[int]) -> int:
    """Resident memory of these processes, in bytes; a process gone meanwhile counts 0."""
    total = 0
    for pid in pids:
        try:
            total += int(psutil.Process(pid).memory_info().rss)
        except psutil.Error:
            continue
    return total


# -- how good the estimate was, per model ----------------------------------------------------

KEEP_PER_MODEL = 20


@dataclass(frozen=True)
class EstimateError:
    runs: int
    mean_error: float  # (estimate - measured) / measured: +0.12 is 12 % high

    def describe(self) -> str:
        """'On 3 earlier loads the estimate was 12 % high.'"""
        percent = round(abs(self.mean_error) * 100)
        # Whole sentences, one per case: a sentence glued from pieces cannot be translated.
        if self.runs == 1:
            if percent == 0:
                text = translate("LoadReport", "On the one earlier load the estimate was right.")
            elif self.mean_error > 0:
                text = translate(
                    "LoadReport", "On the one earlier load the estimate was {percent} % high."
                )
            else:
                text = translate(
                    "LoadReport", "On the one earlier load the estimate was {percent} % low."
                )
        elif percent == 0:
            text = translate("LoadReport", "On {runs} earlier loads the estimate was right.")
        elif self.mean_error > 0:
            text = translate(
                "LoadReport", "On {runs} earlier loads the estimate was {percent} % high."
            )
        else:
            text = translate(
                "LoadReport", "On {runs} earlier loads the estimate was {percent} % low."
            )
        return text.format(runs=self.runs, percent=percent)


class EstimateHistory:
    """Estimate against measurement, per model file, in a small JSON file of the data
    folder. A damaged file is set aside (renamed ``.bad``), never a reason to fail."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @staticmethod
    def key(model: Path) -> str:
        """The file's name and size: the same model moved keeps its history, a new
        download of another quantization under the same name does not."""
        try:
            size = model.stat().st_size
        except OSError:
            size = 0
        return f"{model.name}:{size}"

    def _load(self) -> dict[str, list[dict[str, float]]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            with contextlib.suppress(OSError):  # set aside for a look; start afresh
                os.replace(self.path, self.path.with_suffix(".bad"))
            return {}
        return data if isinstance(data, dict) else {}

    def record(
        self, model: Path, estimate: int, measured: int, *, ctx_size: int | None = None
    ) -> None:
        if estimate <= 0 or measured <= 0:
            return  # nothing measured (the server ended, NVML has no figure): no datum
        data = self._load()
        runs = [r for r in data.get(self.key(model), []) if isinstance(r, dict)]
        runs.append(
            {"estimate": estimate, "measured": measured, "ctx": ctx_size or 0, "at": time.time()}
        )
        data[self.key(model)] = runs[-KEEP_PER_MODEL:]
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(data, indent=1), encoding="utf-8")
        os.replace(temporary, self.path)

    def error(self, model: Path) -> EstimateError | None:
        runs = self._load().get(self.key(model), [])
        errors = []
        for run in runs:
            try:
                estimate, measured = float(run["estimate"]), float(run["measured"])
            except (KeyError, TypeError, ValueError):
                continue
            if measured > 0:
                errors.append((estimate - measured) / measured)
        if not errors:
            return None
        return EstimateError(len(errors), sum(errors) / len(errors))


# -- the estimate beside what loaded --------------------------------------------------------


@dataclass(frozen=True)
class LoadComparison:
    """What loaded, the estimate made before, and what the server's processes hold.

    ``measured`` is GPU memory (NVML, by process tree) when the estimate was for a GPU,
    else resident memory; ``measured_on`` says which ("GPU" or "RAM"); 0 when unknown.
    """

    report: LoadReport
    estimate: MemoryEstimate | None
    measured: int
    measured_on: str

    @property
    def comparable(self) -> bool:
        return self.estimate is not None and self.measured > 0

    def describe(self) -> str:
        """'Loaded: context 512 · weights 4.6 MiB (CPU_Mapped) — estimated 518 MiB, measured
        190 MiB (RAM)'; '' when there is nothing to say."""
        parts = [self.report.describe()] if self.report.known else []
        figures = []
        if self.estimate is not None:
            figures.append(
                translate("LoadReport", "estimated {size}").format(
                    size=format_bytes(self.estimate.total_bytes)
                )
            )
        if self.measured > 0:
            figures.append(
                translate("LoadReport", "measured {size} ({where})").format(
                    size=format_bytes(self.measured), where=self.measured_on
                )
            )
        if figures:
            parts.append(", ".join(figures))
        if not parts:
            return ""
        return translate("LoadReport", "Loaded: {details}").format(details=" · ".join(parts))


def compare_load(
    profile: ServerProfile,
    lines: Iterable[str],
    *,
    snapshot: GpuSnapshot | None,
    gpu_bytes: int,
    pids: Iterable[int],
    rss: Callable[[Iterable[int]], int] = rss_of,
) -> LoadComparison | None:
    """For a ready llama.cpp server: its log's account of the load against the estimate.
    ``gpu_bytes`` is what the GPU tab attributes to the server (0 when unknown), ``pids``
    the server's processes. None for other engines."""
    if profile.engine is not Engine.LLAMA_CPP:
        return None
    report = read_load_report(lines)
    estimate = profile_estimate(profile)
    if targets_gpu(profile, snapshot) and not report.gpu_ignored:
        measured, where = gpu_bytes, "GPU"
    else:
        measured, where = rss(pids), "RAM"
    return LoadComparison(report, estimate, measured, where)


def record_load(history: EstimateHistory, profile: ServerProfile, load: LoadComparison) -> bool:
    """Keep the estimate's error for this model; False when there was nothing to compare."""
    path = profile.model_path()
    if path is None or load.estimate is None or load.measured <= 0:
        return False
    history.record(path, load.estimate.total_bytes, load.measured, ctx_size=load.report.ctx_size)
    return True


class LoadRecorder:
    """The window's "Loaded: …" line for a ready server, and the estimate's error kept
    once per run (``run`` is any key that differs between runs)."""

    def __init__(self, history: EstimateHistory) -> None:
        self.history = history
        self._recorded: set[object] = set()

    def detail(
        self,
        profile: ServerProfile,
        server: ServerProcess,
        snapshot: GpuSnapshot | None,
        gpu_bytes: int,
    ) -> str:
        lines = (line.text for line in server.log.since(0, LOAD_LINES).lines)
        load = compare_load(
            profile, lines, snapshot=snapshot, gpu_bytes=gpu_bytes, pids=server.server_pids()
        )
        if load is None:
            return ""
        run = (profile.name, server.ready_after)
        if load.comparable and run not in self._recorded:
            self._recorded.add(run)
            record_load(self.history, profile, load)
        return load.describe()
