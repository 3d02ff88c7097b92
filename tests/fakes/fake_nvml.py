"""A stand-in for the ``pynvml`` module (nvidia-ml-py), for tests and benchmarks.

There is no maintained fake NVML on PyPI. This one mirrors the part of nvidia-ml-py's
API that :mod:`panel.core.gpu.nvml` uses, built the way nvidia-ml-py builds it:

- ``NVML_ERROR_*`` constants with nvidia-ml-py's values;
- ``NVMLError(value)`` returns the matching subclass, e.g. ``NVMLError_NotSupported``,
  generated from the constant names exactly like ``pynvml._extractNVMLErrorsAsClasses``;
  every error carries ``.value``;
- functions raise ``NVMLError_Uninitialized`` before ``nvmlInit`` / after the last
  ``nvmlShutdown`` (nvidia-ml-py reference-counts init), and
  ``NVMLError_InvalidArgument`` for a bad device index;
- return objects have pynvml's attribute names (``.total/.free/.used``,
  ``.gpu/.memory``, ``.pid/.usedGpuMemory/.gpuInstanceId/.computeInstanceId``);
  ``usedGpuMemory`` is None where NVML reports "not available".

``tests/test_gpu.py`` checks the constants, class names and function names against the
real module so the two cannot drift apart unnoticed.

Configure with :class:`FakeGpu` objects (mutable between calls: processes can come and
go), ``init_error`` (e.g. ``NVML_ERROR_LIBRARY_NOT_FOUND`` for a machine without a
driver), per-GPU ``errors`` (function name -> NVML error code, e.g. NOT_SUPPORTED for a
Jetson) and ``return_bytes`` (names as bytes, like bindings before 11.515). ``calls``
counts every function call by name.
"""

from __future__ import annotations

import string
import sys
import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, ClassVar

GiB = 1 << 30
MiB = 1 << 20

# Values as in nvidia-ml-py's pynvml.py.
NVML_SUCCESS = 0
NVML_ERROR_UNINITIALIZED = 1
NVML_ERROR_INVALID_ARGUMENT = 2
NVML_ERROR_NOT_SUPPORTED = 3
NVML_ERROR_NO_PERMISSION = 4
NVML_ERROR_ALREADY_INITIALIZED = 5
NVML_ERROR_NOT_FOUND = 6
NVML_ERROR_INSUFFICIENT_SIZE = 7
NVML_ERROR_INSUFFICIENT_POWER = 8
NVML_ERROR_DRIVER_NOT_LOADED = 9
NVML_ERROR_TIMEOUT = 10
NVML_ERROR_IRQ_ISSUE = 11
NVML_ERROR_LIBRARY_NOT_FOUND = 12
NVML_ERROR_FUNCTION_NOT_FOUND = 13
NVML_ERROR_CORRUPTED_INFOROM = 14
NVML_ERROR_GPU_IS_LOST = 15
NVML_ERROR_RESET_REQUIRED = 16
NVML_ERROR_OPERATING_SYSTEM = 17
NVML_ERROR_LIB_RM_VERSION_MISMATCH = 18
NVML_ERROR_IN_USE = 19
NVML_ERROR_MEMORY = 20
NVML_ERROR_NO_DATA = 21
NVML_ERROR_VGPU_ECC_NOT_SUPPORTED = 22
NVML_ERROR_INSUFFICIENT_RESOURCES = 23
NVML_ERROR_FREQ_NOT_SUPPORTED = 24
NVML_ERROR_ARGUMENT_VERSION_MISMATCH = 25
NVML_ERROR_DEPRECATED = 26
NVML_ERROR_NOT_READY = 27
NVML_ERROR_GPU_NOT_FOUND = 28
NVML_ERROR_INVALID_STATE = 29
NVML_ERROR_RESET_TYPE_NOT_SUPPORTED = 30
NVML_ERROR_UNKNOWN = 999

_ERROR_STRINGS = {
    NVML_ERROR_UNINITIALIZED: "Uninitialized",
    NVML_ERROR_INVALID_ARGUMENT: "Invalid Argument",
    NVML_ERROR_NOT_SUPPORTED: "Not Supported",
    NVML_ERROR_NO_PERMISSION: "Insufficient Permissions",
    NVML_ERROR_NOT_FOUND: "Not Found",
    NVML_ERROR_DRIVER_NOT_LOADED: "Driver Not Loaded",
    NVML_ERROR_LIBRARY_NOT_FOUND: "NVML Shared Library Not Found",
    NVML_ERROR_FUNCTION_NOT_FOUND: "Function Not Found",
    NVML_ERROR_GPU_IS_LOST: "GPU is lost",
    NVML_ERROR_LIB_RM_VERSION_MISMATCH: "RM has detected an NVML/RM version mismatch.",
    NVML_ERROR_UNKNOWN: "Unknown Error",
}


class NVMLError(Exception):
    """Like pynvml.NVMLError: ``NVMLError(code)`` builds the code's own subclass."""

    _valClassMapping: ClassVar[dict[int, type[NVMLError]]] = {}
    value: int

    def __new__(cls, value: int) -> NVMLError:
        if cls is NVMLError:
            cls = NVMLError._valClassMapping.get(value, cls)
        obj = Exception.__new__(cls)
        obj.value = value
        return obj

    def __str__(self) -> str:
        return _ERROR_STRINGS.get(self.value, f"NVML Error with code {self.value}")


def _make_error_classes() -> None:
    # Same naming rule as pynvml._extractNVMLErrorsAsClasses:
    # NVML_ERROR_ALREADY_INITIALIZED -> NVMLError_AlreadyInitialized.
    module = sys.modules[__name__]
    for constant in [name for name in dir(module) if name.startswith("NVML_ERROR_")]:
        class_name = "NVMLError_" + string.capwords(
            constant.replace("NVML_ERROR_", ""), "_"
        ).replace("_", "")
        code = getattr(module, constant)

        def make_new(code: int) -> Any:
            def new(cls: type[NVMLError], *args: Any) -> NVMLError:
                return NVMLError.__new__(cls, code)

            return new

        error_class = type(class_name, (NVMLError,), {"__new__": make_new(code)})
        error_class.__module__ = __name__
        setattr(module, class_name, error_class)
        NVMLError._valClassMapping[code] = error_class


_make_error_classes()
# Named here for type checkers and readers; created above.
_by_code = NVMLError._valClassMapping
NVMLError_LibraryNotFound: type[NVMLError] = _by_code[NVML_ERROR_LIBRARY_NOT_FOUND]
NVMLError_DriverNotLoaded: type[NVMLError] = _by_code[NVML_ERROR_DRIVER_NOT_LOADED]
NVMLError_NotSupported: type[NVMLError] = _by_code[NVML_ERROR_NOT_SUPPORTED]
NVMLError_Uninitialized: type[NVMLError] = _by_code[NVML_ERROR_UNINITIALIZED]


# -- return objects shaped like pynvml's -------------------------------------------------


@dataclass
class c_nvmlMemory_t:
    total: int
    free: int
    used: int


@dataclass
class c_nvmlUtilization_t:
    gpu: int
    memory: int


@dataclass
class nvmlFriendlyObject:
    pid: int
    usedGpuMemory: int | None
    gpuInstanceId: int = 0xFFFFFFFF
    computeInstanceId: int = 0xFFFFFFFF


@dataclass(frozen=True)
class FakeHandle:
    """Opaque like pynvml's ``c_nvmlDevice_t``; only the fake looks inside."""

    index: int


# -- configuration -------------------------------------------------------------------------


@dataclass
class FakeProcess:
    pid: int
    used_gpu_memory: int | None = 512 * MiB


@dataclass
class FakeGpu:
    """One simulated GPU. Change fields between calls to simulate activity.

    ``errors`` maps a function name (``"nvmlDeviceGetMemoryInfo"``) to the NVML error code
    that call raises for this GPU.
    """

    name: str = "NVIDIA GeForce RTX 4090"
    uuid: str = "GPU-00000000-0000-0000-0000-000000000000"
    memory_total: int = 24 * GiB
    memory_used: int = 1 * GiB
    utilization_gpu: int = 0
    utilization_memory: int = 0
    compute_processes: list[FakeProcess] = field(default_factory=list)
    graphics_processes: list[FakeProcess] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    # (major, minor) as nvmlDeviceGetCudaComputeCapability returns it; 8.9 is the 4090's.
    compute_capability: tuple[int, int] = (8, 9)

    @classmethod
    def jetson(cls, **overrides: Any) -> FakeGpu:
        """An integrated Jetson GPU: NVML has no memory, utilisation or process data."""
        settings: dict[str, Any] = {
            "name": "Orin (nvgpu)",
            "uuid": "GPU-jetson",
            "compute_capability": (8, 7),
            "memory_total": 0,
            "memory_used": 0,
            "errors": {
                "nvmlDeviceGetMemoryInfo": NVML_ERROR_NOT_SUPPORTED,
                "nvmlDeviceGetUtilizationRates": NVML_ERROR_NOT_SUPPORTED,
                "nvmlDeviceGetComputeRunningProcesses": NVML_ERROR_NOT_SUPPORTED,
                "nvmlDeviceGetGraphicsRunningProcesses": NVML_ERROR_NOT_SUPPORTED,
            },
        }
        settings.update(overrides)
        return cls(**settings)

    @classmethod
    def thor(cls, **overrides: Any) -> FakeGpu:
        """Jetson Thor (JetPack 7, CUDA 13), and by its memory answers also GB10.

        Where each answer comes from:

        * compute capability 11.0: CUDA 13.0 renamed Thor's ``sm_101`` to ``sm_110``
          (CUDA 13.0 release notes; ``nvcc --list-gpu-arch`` lists ``compute_110``);
        * memory NOT_SUPPORTED: the GPU has no memory of its own, it shares the board's
          LPDDR5X. On DGX Spark ``nvidia-smi`` prints "Not Supported" for memory usage
          (NVIDIA's DGX Spark documentation explains it by the unified memory); Thor has
          the same design, and we expect the same answer there (not seen on one);
        * utilisation answered: DGX Spark's ``nvidia-smi`` shows GPU-Util, and Thor runs the
          same driver as discrete GPUs (JetPack 7), so we assume Thor answers too; where a
          board does not, ``Nvml`` reads its sysfs load file (tests pass
          ``errors={"nvmlDeviceGetUtilizationRates": NVML_ERROR_NOT_SUPPORTED}``);
        * processes listed with usage "not available" (``usedGpuMemory`` None): what
          ``nvidia-smi`` shows as "N/A" for each process where memory is not supported.
        """
        settings: dict[str, Any] = {
            "name": "NVIDIA Thor",
            "uuid": "GPU-thor",
            "memory_total": 0,
            "memory_used": 0,
            "compute_capability": (11, 0),
            "errors": {"nvmlDeviceGetMemoryInfo": NVML_ERROR_NOT_SUPPORTED},
        }
        settings.update(overrides)
        return cls(**settings)


class FakeNvml:
    """An object that behaves like the ``pynvml`` module. Pass it as ``nvml_module``."""

    def __init__(
        self,
        gpus: list[FakeGpu] | None = None,
        *,
        init_error: int | None = None,
        driver_version: str = "550.54.15",
        return_bytes: bool = False,
    ) -> None:
        self.gpus: list[FakeGpu] = list(gpus) if gpus is not None else [FakeGpu()]
        self.init_error = init_error
        self.driver_version = driver_version
        self.return_bytes = return_bytes
        self.calls: Counter[str] = Counter()
        self.init_refcount = 0
        self._lock = threading.Lock()

    # The module's attributes: NVML_* constants and NVMLError* classes.
    def __getattr__(self, name: str) -> Any:
        if name.startswith(("NVML_", "NVMLError")):
            return getattr(sys.modules[__name__], name)
        raise AttributeError(name)

    @property
    def initialized(self) -> bool:
        return self.init_refcount > 0

    # -- helpers -----------------------------------------------------------------------

    def _enter(self, function: str) -> None:
        with self._lock:
            self.calls[function] += 1
        if function not in ("nvmlInit", "nvmlInitWithFlags") and not self.initialized:
            raise NVMLError(NVML_ERROR_UNINITIALIZED)

    def _gpu(self, function: str, handle: FakeHandle) -> FakeGpu:
        self._enter(function)
        if not isinstance(handle, FakeHandle) or not 0 <= handle.index < len(self.gpus):
            raise NVMLError(NVML_ERROR_INVALID_ARGUMENT)
        gpu = self.gpus[handle.index]
        code = gpu.errors.get(function)
        if code is not None:
            raise NVMLError(code)
        return gpu

    def _str(self, value: str) -> str | bytes:
        return value.encode() if self.return_bytes else value

    # -- pynvml functions --------------------------------------------------------------

    def nvmlInit(self) -> None:
        self._enter("nvmlInit")
        if self.init_error is not None:
            raise NVMLError(self.init_error)
        with self._lock:
            self.init_refcount += 1

    def nvmlShutdown(self) -> None:
        self._enter("nvmlShutdown")
        with self._lock:
            self.init_refcount = max(0, self.init_refcount - 1)

    def nvmlSystemGetDriverVersion(self) -> str | bytes:
        self._enter("nvmlSystemGetDriverVersion")
        return self._str(self.driver_version)

    def nvmlDeviceGetCount(self) -> int:
        self._enter("nvmlDeviceGetCount")
        return len(self.gpus)

    def nvmlDeviceGetHandleByIndex(self, index: int) -> FakeHandle:
        self._enter("nvmlDeviceGetHandleByIndex")
        if not 0 <= index < len(self.gpus):
            raise NVMLError(NVML_ERROR_INVALID_ARGUMENT)
        code = self.gpus[index].errors.get("nvmlDeviceGetHandleByIndex")
        if code is not None:
            raise NVMLError(code)
        return FakeHandle(index)

    def nvmlDeviceGetName(self, handle: FakeHandle) -> str | bytes:
        return self._str(self._gpu("nvmlDeviceGetName", handle).name)

    def nvmlDeviceGetUUID(self, handle: FakeHandle) -> str | bytes:
        return self._str(self._gpu("nvmlDeviceGetUUID", handle).uuid)

    def nvmlDeviceGetMemoryInfo(
        self, handle: FakeHandle, version: int | None = None
    ) -> c_nvmlMemory_t:
        gpu = self._gpu("nvmlDeviceGetMemoryInfo", handle)
        return c_nvmlMemory_t(
            total=gpu.memory_total, free=gpu.memory_total - gpu.memory_used, used=gpu.memory_used
        )

    def nvmlDeviceGetUtilizationRates(self, handle: FakeHandle) -> c_nvmlUtilization_t:
        gpu = self._gpu("nvmlDeviceGetUtilizationRates", handle)
        return c_nvmlUtilization_t(gpu=gpu.utilization_gpu, memory=gpu.utilization_memory)

    def nvmlDeviceGetCudaComputeCapability(self, handle: FakeHandle) -> tuple[int, int]:
        return self._gpu("nvmlDeviceGetCudaComputeCapability", handle).compute_capability

    def nvmlDeviceGetComputeRunningProcesses(self, handle: FakeHandle) -> list[nvmlFriendlyObject]:
        gpu = self._gpu("nvmlDeviceGetComputeRunningProcesses", handle)
        return [nvmlFriendlyObject(p.pid, p.used_gpu_memory) for p in gpu.compute_processes]

    def nvmlDeviceGetGraphicsRunningProcesses(self, handle: FakeHandle) -> list[nvmlFriendlyObject]:
        gpu = self._gpu("nvmlDeviceGetGraphicsRunningProcesses", handle)
        return [nvmlFriendlyObject(p.pid, p.used_gpu_memory) for p in gpu.graphics_processes]


#: The pynvml functions this fake provides (checked against the real module in tests).
FUNCTIONS = tuple(name for name in vars(FakeNvml) if name.startswith("nvml"))
