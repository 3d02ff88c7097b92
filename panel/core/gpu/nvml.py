"""One facade over NVML: GPU presence, memory, utilisation and GPU processes as plain data.

Everything NVML can do wrong (no library, no driver, a lost GPU, a query the device does
not support) comes back as a value (:class:`GpuStatus`, a ``None`` field, an entry in
:attr:`GpuSnapshot.errors`), never as an exception, so widgets can simply render what
they get. The NVML module is injected (``nvml_module``) so tests can pass a stand-in; by
default ``pynvml`` from ``nvidia-ml-py`` is imported on first use, which keeps the panel
importable on machines without it.

The shape follows nvitop's ``nvitop/api/libnvml.py``: lazy ``nvmlInit`` under a lock,
one ``shutdown()`` for the application to call at exit, per-query error handling that
compares ``NVMLError.value`` with the ``NVML_ERROR_*`` constants of the module in use.
"""

from __future__ import annotations

import importlib
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

from panel.core.gpu.capability import ComputeCapability
from panel.core.i18n import QT_TRANSLATE_NOOP

__all__ = [
    "DEFAULT_LOAD_FILE",
    "LOAD_FILES",
    "GpuProcess",
    "GpuSample",
    "GpuSnapshot",
    "GpuStatus",
    "Nvml",
]

_log = logging.getLogger(__name__)

#: Jetson boards expose GPU load here as 0..1000 (per mille); NVML has no utilisation there.
DEFAULT_LOAD_FILE = Path("/sys/devices/platform/gpu.0/load")
#: Where boards keep it, tried in order when ``load_file`` is the default: JetPack 5/6 on
#: Orin (``bus@0/17000000.gpu``, the path jtop reads), the older boards' ``gpu.0``. Jetson
#: Thor (JetPack 7) has the discrete-GPU driver, whose NVML answers utilisation itself.
LOAD_FILES = (
    DEFAULT_LOAD_FILE,
    Path("/sys/devices/platform/bus@0/17000000.gpu/load"),
    Path("/sys/devices/gpu.0/load"),
)

# NVML reports "not available" process memory as ULLONG_MAX; nvidia-ml-py turns it into
# None, older bindings did not.
_NOT_AVAILABLE_ULL = (1 << 64) - 1


@dataclass(frozen=True, slots=True)
class GpuStatus:
    """Whether NVML can be used, and if not, a sentence the UI can show as is.

    ``reason`` is empty when ``available`` is true. ``driver_version`` is known whenever
    NVML initialised, even if it then found no GPU.
    """

    available: bool
    reason: str
    driver_version: str | None = None


@dataclass(frozen=True, slots=True)
class GpuProcess:
    """One process with a context on a GPU. ``used_bytes`` is None when NVML cannot tell
    (Windows WDDM, some containers, MIG without privileges)."""

    pid: int
    used_bytes: int | None


@dataclass(frozen=True, slots=True)
class GpuSample:
    """One GPU at one moment.

    ``utilization`` is the GPU busy percentage (0..100) or None when unknown. With
    ``unified_memory`` (Jetson and other integrated GPUs) the memory figures are the
    system's RAM, which the GPU shares, because NVML does not report them.
    ``compute_capability`` is None when NVML cannot tell (drivers before 270).
    """

    index: int
    name: str
    uuid: str
    memory_used: int
    memory_total: int
    utilization: float | None
    processes: tuple[GpuProcess, ...]
    unified_memory: bool = False
    compute_capability: ComputeCapability | None = None


@dataclass(frozen=True, slots=True)
class GpuSnapshot:
    """All GPUs read in one pass. ``timestamp`` is ``time.monotonic()`` at the start of the
    pass. ``errors`` holds one line per GPU that could not be read and is therefore missing
    from ``gpus`` (for example ``"GPU 1: GPU is lost"``)."""

    timestamp: float
    gpus: tuple[GpuSample, ...]
    status: GpuStatus
    errors: tuple[str, ...] = ()

    def unreadable(self) -> dict[int, str]:
        """GPU index -> why it could not be read, from :attr:`errors`."""
        found: dict[int, str] = {}
        for line in self.errors:
            index, sep, why = line.removeprefix("GPU ").partition(": ")
            if sep and index.isdigit():
                found[int(index)] = why
        return found


class _NvmlCallFailed(Exception):
    """Internal: one NVML call failed. Never leaves this module."""

    def __init__(self, code: int | None, text: str) -> None:
        super().__init__(text)
        self.code = code
        self.text = text


def _text(value: Any) -> str:
    # Bindings before nvidia-ml-py 11.515 returned names and versions as bytes.
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)


def _describe(exc: BaseException) -> str:
    # pynvml's NVMLError.__str__ may call back into the library for unknown codes; a
    # message must never be what breaks the panel.
    try:
        text = str(exc)
    except Exception:
        text = ""
    return text or type(exc).__name__


class Nvml:
    """Thread-safe, lazily initialised access to NVML.

    ``nvml_module`` is the ``pynvml`` module or a stand-in with the same functions; None
    imports ``pynvml`` on first use. ``virtual_memory`` (default ``psutil.virtual_memory``)
    and ``load_file`` (default :data:`DEFAULT_LOAD_FILE`, None to disable) are the
    unified-memory fallbacks. A failed initialisation is remembered and retried at most
    every ``retry_interval`` seconds (by ``clock``), so a driver loaded after the panel
    started is picked up without hammering a missing library.

    Call :meth:`shutdown` when the application exits; a later call initialises again.
    """

    def __init__(
        self,
        nvml_module: Any | None = None,
        *,
        virtual_memory: Callable[[], Any] | None = None,
        load_file: str | os.PathLike[str] | None = DEFAULT_LOAD_FILE,
        retry_interval: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._module: Any | None = nvml_module
        self._virtual_memory: Callable[[], Any] = (
            virtual_memory if virtual_memory is not None else psutil.virtual_memory
        )
        self._load_files: tuple[Path, ...] = (
            LOAD_FILES
            if load_file is DEFAULT_LOAD_FILE
            else ((Path(load_file),) if load_file is not None else ())
        )
        self._retry_interval = retry_interval
        self._clock = clock
        # snapshot() holds it for the whole pass so shutdown() cannot run between two
        # reads of one snapshot, and two threads never initialise at once.
        self._lock = threading.Lock()
        self._initialized = False
        self._status: GpuStatus | None = None
        self._failed_at: float | None = None
        # A GPU's capability never changes: read once per GPU (by UUID) per init.
        self._capabilities: dict[str, ComputeCapability | None] = {}

    # -- public ------------------------------------------------------------------------

    def status(self) -> GpuStatus:
        """Initialise NVML if needed and say whether GPUs can be read."""
        with self._lock:
            return self._ensure_initialized()

    def snapshot(self) -> GpuSnapshot:
        """Read every GPU once. Never raises; a GPU that fails is left out and noted in
        ``errors``, the others are still read."""
        with self._lock:
            timestamp = self._clock()
            status = self._ensure_initialized()
            if not self._initialized:
                return GpuSnapshot(timestamp, (), status)
            module = self._module
            try:
                count = int(self._invoke(module, "nvmlDeviceGetCount"))
            except _NvmlCallFailed as exc:
                if exc.code == getattr(module, "NVML_ERROR_UNINITIALIZED", None):
                    # Someone else shut NVML down under us: initialise again next time.
                    self._initialized = False
                    self._failed_at = None
                self._status = GpuStatus(
                    False, self._reason_for(module, exc.code, exc.text), status.driver_version
                )
                return GpuSnapshot(timestamp, (), self._status)
            self._status = self._status_for_count(count, status.driver_version)
            samples: list[GpuSample] = []
            errors: list[str] = []
            for index in range(count):
                try:
                    samples.append(self._sample_device(module, index))
                except _NvmlCallFailed as exc:
                    errors.append(f"GPU {index}: {exc.text}")
            return GpuSnapshot(timestamp, tuple(samples), self._status, tuple(errors))

    def shutdown(self) -> None:
        """Release NVML. Safe to call when it never initialised, and more than once."""
        with self._lock:
            if self._initialized:
                try:
                    self._invoke(self._module, "nvmlShutdown")
                except _NvmlCallFailed as exc:
                    _log.debug("nvmlShutdown failed: %s", exc.text)
            self._initialized = False
            self._status = None
            self._failed_at = None
            self._capabilities.clear()

    # -- initialisation ----------------------------------------------------------------

    def _ensure_initialized(self) -> GpuStatus:
        if self._initialized and self._status is not None:
            return self._status
        if (
            self._status is not None
            and self._failed_at is not None
            and self._clock() - self._failed_at < self._retry_interval
        ):
            return self._status
        status = self._initialize()
        self._status = status
        self._failed_at = None if self._initialized else self._clock()
        return status

    def _initialize(self) -> GpuStatus:
        if self._module is None:
            try:
                self._module = importlib.import_module("pynvml")
            except ImportError:
                return GpuStatus(
                    False, "No NVIDIA GPU detected (NVML: nvidia-ml-py is not installed)"
                )
        module = self._module
        try:
            self._invoke(module, "nvmlInit")
        except _NvmlCallFailed as exc:
            return GpuStatus(False, self._reason_for(module, exc.code, exc.text))
        self._initialized = True
        try:
            driver: str | None = _text(self._invoke(module, "nvmlSystemGetDriverVersion"))
        except _NvmlCallFailed:
            driver = None
        try:
            count = int(self._invoke(module, "nvmlDeviceGetCount"))
        except _NvmlCallFailed as exc:
            return GpuStatus(False, self._reason_for(module, exc.code, exc.text), driver)
        return self._status_for_count(count, driver)

    @staticmethod
    def _status_for_count(count: int, driver: str | None) -> GpuStatus:
        if count <= 0:
            return GpuStatus(False, "No NVIDIA GPU detected (NVML: no devices)", driver)
        return GpuStatus(True, "", driver)

    @staticmethod
    def _reason_for(module: Any, code: int | None, text: str) -> str:
        def is_(name: str) -> bool:
            return code is not None and code == getattr(module, name, object())

        if is_("NVML_ERROR_LIBRARY_NOT_FOUND"):
            return "No NVIDIA GPU detected (NVML: library not found)"
        if is_("NVML_ERROR_DRIVER_NOT_LOADED"):
            return "No NVIDIA GPU detected (NVML: driver not loaded)"
        if is_("NVML_ERROR_GPU_NOT_FOUND") or is_("NVML_ERROR_NOT_FOUND"):
            return "No NVIDIA GPU detected (NVML: no devices)"
        if is_("NVML_ERROR_NO_PERMISSION"):
            return "NVIDIA GPU not accessible (NVML: insufficient permissions)"
        if is_("NVML_ERROR_LIB_RM_VERSION_MISMATCH"):
            # The usual cause is a driver update without a reboot.
            # Translated where it is shown, as the others (the GPU tab, doctor).
            return QT_TRANSLATE_NOOP(
                "GpuPanel",
                "NVIDIA GPU unavailable (NVML: driver and library versions differ; "
                "reboot after a driver update)",
            )
        return f"NVIDIA GPU unavailable (NVML: {text})"

    # -- reading -----------------------------------------------------------------------

    @staticmethod
    def _invoke(module: Any, name: str, *args: Any) -> Any:
        """Call ``module.<name>(*args)``, turning any failure into :class:`_NvmlCallFailed`."""
        nvml_error: type[BaseException] = getattr(module, "NVMLError", Exception)
        try:
            return getattr(module, name)(*args)
        except nvml_error as exc:
            code = getattr(exc, "value", None)
            return_code = code if isinstance(code, int) else None
            raise _NvmlCallFailed(return_code, _describe(exc)) from None
        except Exception as exc:
            # A binding too old for a function (AttributeError) or a ctypes problem is a
            # failed query like any other.
            raise _NvmlCallFailed(None, _describe(exc)) from None

    def _sample_device(self, module: Any, index: int) -> GpuSample:
        not_supported = getattr(module, "NVML_ERROR_NOT_SUPPORTED", object())
        handle = self._invoke(module, "nvmlDeviceGetHandleByIndex", index)
        name = self._text_or(module, "nvmlDeviceGetName", handle, f"GPU {index}")
        uuid = self._text_or(module, "nvmlDeviceGetUUID", handle, "")

        unified = False
        try:
            memory = self._invoke(module, "nvmlDeviceGetMemoryInfo", handle)
            used, total = int(memory.used), int(memory.total)
        except _NvmlCallFailed as exc:
            if exc.code != not_supported:
                raise  # no memory figures: the GPU is unusable, say so in errors
            # Integrated GPUs share system RAM; "used" is what other programs cannot get.
            system = self._virtual_memory()
            total = int(system.total)
            used = total - int(system.available)
            unified = True

        utilization: float | None
        try:
            utilization = float(self._invoke(module, "nvmlDeviceGetUtilizationRates", handle).gpu)
        except _NvmlCallFailed as exc:
            utilization = self._read_load_file() if exc.code == not_supported else None

        return GpuSample(
            index=index,
            name=name,
            uuid=uuid,
            memory_used=used,
            memory_total=total,
            utilization=utilization,
            processes=self._processes(module, handle),
            unified_memory=unified,
            compute_capability=self._capability(module, handle, uuid or f"#{index}"),
        )

    def _capability(self, module: Any, handle: Any, key: str) -> ComputeCapability | None:
        if key not in self._capabilities:
            try:
                major, minor = self._invoke(module, "nvmlDeviceGetCudaComputeCapability", handle)
                found: ComputeCapability | None = ComputeCapability(int(major), int(minor))
            except (_NvmlCallFailed, TypeError, ValueError):
                found = None
            self._capabilities[key] = found
        return self._capabilities[key]

    def _text_or(self, module: Any, function: str, handle: Any, default: str) -> str:
        try:
            return _text(self._invoke(module, function, handle))
        except _NvmlCallFailed:
            return default

    def _processes(self, module: Any, handle: Any) -> tuple[GpuProcess, ...]:
        merged: dict[int, int | None] = {}
        for function in (
            "nvmlDeviceGetComputeRunningProcesses",
            "nvmlDeviceGetGraphicsRunningProcesses",
        ):
            try:
                found = self._invoke(module, function, handle)
            except _NvmlCallFailed as exc:
                # nvidia-ml-py raises NVMLLibraryMismatchError (not an NVMLError, so no
                # code) when its unversioned call is newer than the driver: try _v2.
                if exc.code is not None or not hasattr(module, function + "_v2"):
                    continue  # NOT_SUPPORTED on Jetson and some vGPUs: no process list
                try:
                    found = self._invoke(module, function + "_v2", handle)
                except _NvmlCallFailed:
                    continue
            for process in found:
                pid = int(process.pid)
                used = getattr(process, "usedGpuMemory", None)
                used = int(used) if used is not None and used != _NOT_AVAILABLE_ULL else None
                # A process with both a compute and a graphics context is listed twice
                # with its whole usage each time: keep the larger figure, never the sum.
                if pid not in merged or merged[pid] is None:
                    merged[pid] = used
                elif used is not None:
                    merged[pid] = max(used, merged[pid] or 0)
        return tuple(GpuProcess(pid, used) for pid, used in sorted(merged.items()))

    def _read_load_file(self) -> float | None:
        for path in self._load_files:
            try:
                per_mille = float(path.read_text(encoding="ascii").strip())
            except (OSError, ValueError):
                continue
            return max(0.0, min(100.0, per_mille / 10.0))
        return None
