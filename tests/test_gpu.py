"""panel.core.gpu.nvml against the fake NVML and the real pynvml (no GPU here).

Attribution of memory to servers is in test_gpu_attribution.py."""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pynvml
import pytest

from panel.core.gpu.capability import ComputeCapability
from panel.core.gpu.nvml import (
    GpuProcess,
    GpuSample,
    GpuSnapshot,
    GpuStatus,
    Nvml,
)
from tests.fakes import fake_nvml
from tests.fakes.fake_nvml import FakeGpu, FakeNvml, FakeProcess, GiB, MiB

NO_LOAD_FILE = None  # keep tests independent of the machine's /sys


def make_nvml(fake: FakeNvml, **kwargs: Any) -> Nvml:
    kwargs.setdefault("load_file", NO_LOAD_FILE)
    return Nvml(fake, **kwargs)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


# -- the fake is faithful to nvidia-ml-py --------------------------------------------------


def test_fake_constants_match_real_pynvml() -> None:
    names = [name for name in dir(fake_nvml) if name.startswith("NVML_ERROR_")]
    assert len(names) > 20
    for name in names:
        assert getattr(fake_nvml, name) == getattr(pynvml, name), name


def test_fake_functions_exist_in_real_pynvml() -> None:
    assert "nvmlDeviceGetMemoryInfo" in fake_nvml.FUNCTIONS
    for name in fake_nvml.FUNCTIONS:
        assert callable(getattr(pynvml, name)), name


@pytest.mark.parametrize(
    ("code_name", "class_name"),
    [
        ("NVML_ERROR_LIBRARY_NOT_FOUND", "NVMLError_LibraryNotFound"),
        ("NVML_ERROR_DRIVER_NOT_LOADED", "NVMLError_DriverNotLoaded"),
        ("NVML_ERROR_NOT_SUPPORTED", "NVMLError_NotSupported"),
        ("NVML_ERROR_GPU_IS_LOST", "NVMLError_GpuIsLost"),
    ],
)
def test_fake_errors_are_built_like_pynvml(code_name: str, class_name: str) -> None:
    for module in (pynvml, fake_nvml):
        code = getattr(module, code_name)
        error = module.NVMLError(code)
        assert type(error).__name__ == class_name
        assert type(error) is getattr(module, class_name)
        assert isinstance(error, module.NVMLError)
        assert error.value == code
        # Raising the subclass directly, as pynvml code does, also carries the code.
        assert getattr(module, class_name)().value == code
    assert str(fake_nvml.NVMLError(fake_nvml.NVML_ERROR_NOT_SUPPORTED)) == str(
        pynvml.NVMLError(pynvml.NVML_ERROR_NOT_SUPPORTED)
    )


def test_fake_refuses_calls_before_init() -> None:
    fake = FakeNvml()
    with pytest.raises(fake_nvml.NVMLError_Uninitialized):
        fake.nvmlDeviceGetCount()


# -- the real pynvml on a machine without a GPU -------------------------------------------


def test_real_pynvml_without_gpu_reports_unavailable() -> None:
    nvml = Nvml()
    try:
        status = nvml.status()
        if status.available:
            pytest.skip("a real NVIDIA GPU is present")
        assert "NVML" in status.reason
        assert status.reason.startswith(("No NVIDIA GPU detected", "NVIDIA GPU"))
        snapshot = nvml.snapshot()
        assert snapshot.gpus == ()
        assert snapshot.status == status
    finally:
        nvml.shutdown()


def test_real_pynvml_with_gpu_reads_devices() -> None:
    nvml = Nvml()
    try:
        if not nvml.status().available:
            pytest.skip("no NVIDIA GPU on this machine")
        snapshot = nvml.snapshot()
        assert snapshot.gpus
        assert all(gpu.memory_total > 0 and gpu.name for gpu in snapshot.gpus)
    finally:
        nvml.shutdown()


def test_missing_nvidia_ml_py_is_a_status(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pynvml", None)  # makes `import pynvml` fail
    status = Nvml().status()
    assert status == GpuStatus(
        False, "No NVIDIA GPU detected (NVML: nvidia-ml-py is not installed)", None
    )


# -- status ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (
            fake_nvml.NVML_ERROR_LIBRARY_NOT_FOUND,
            "No NVIDIA GPU detected (NVML: library not found)",
        ),
        (
            fake_nvml.NVML_ERROR_DRIVER_NOT_LOADED,
            "No NVIDIA GPU detected (NVML: driver not loaded)",
        ),
        (
            fake_nvml.NVML_ERROR_NO_PERMISSION,
            "NVIDIA GPU not accessible (NVML: insufficient permissions)",
        ),
        (fake_nvml.NVML_ERROR_UNKNOWN, "NVIDIA GPU unavailable (NVML: Unknown Error)"),
    ],
)
def test_init_failure_becomes_status(code: int, reason: str) -> None:
    fake = FakeNvml(init_error=code)
    nvml = make_nvml(fake)
    assert nvml.status() == GpuStatus(False, reason, None)
    snapshot = nvml.snapshot()
    assert snapshot.gpus == ()
    assert snapshot.status.reason == reason
    nvml.shutdown()
    assert fake.calls["nvmlShutdown"] == 0  # never initialised, nothing to release


def test_version_mismatch_reason_says_reboot() -> None:
    nvml = make_nvml(FakeNvml(init_error=fake_nvml.NVML_ERROR_LIB_RM_VERSION_MISMATCH))
    assert "reboot" in nvml.status().reason


def test_available_status_has_driver_version() -> None:
    fake = FakeNvml([FakeGpu(), FakeGpu()])
    nvml = make_nvml(fake)
    assert nvml.status() == GpuStatus(True, "", "550.54.15")
    nvml.shutdown()


def test_no_devices_is_unavailable_but_knows_driver() -> None:
    nvml = make_nvml(FakeNvml([]))
    status = nvml.status()
    assert not status.available
    assert status.reason == "No NVIDIA GPU detected (NVML: no devices)"
    assert status.driver_version == "550.54.15"
    nvml.shutdown()


def test_init_is_lazy_and_happens_once() -> None:
    fake = FakeNvml()
    nvml = make_nvml(fake)
    assert fake.calls["nvmlInit"] == 0
    for _ in range(5):
        nvml.snapshot()
    nvml.status()
    assert fake.calls["nvmlInit"] == 1
    assert fake.calls["nvmlDeviceGetMemoryInfo"] == 5


def test_init_under_lock_from_many_threads() -> None:
    fake = FakeNvml()
    nvml = make_nvml(fake)
    barrier = threading.Barrier(8)
    results: list[GpuStatus] = []

    def worker() -> None:
        barrier.wait(timeout=10)
        results.append(nvml.status())

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert len(results) == 8 and all(status.available for status in results)
    assert fake.calls["nvmlInit"] == 1
    nvml.shutdown()


def test_shutdown_releases_and_next_call_initialises_again() -> None:
    fake = FakeNvml()
    nvml = make_nvml(fake)
    nvml.snapshot()
    assert fake.initialized
    nvml.shutdown()
    assert not fake.initialized
    nvml.shutdown()  # twice is harmless
    assert fake.calls["nvmlShutdown"] == 1
    assert nvml.snapshot().gpus  # initialises again
    assert fake.calls["nvmlInit"] == 2
    nvml.shutdown()


def test_failed_init_is_retried_only_after_interval() -> None:
    clock = FakeClock()
    fake = FakeNvml(init_error=fake_nvml.NVML_ERROR_DRIVER_NOT_LOADED)
    nvml = make_nvml(fake, clock=clock, retry_interval=30.0)
    assert not nvml.status().available
    clock.now += 29.0
    assert not nvml.snapshot().status.available
    assert fake.calls["nvmlInit"] == 1  # remembered, not retried
    fake.init_error = None  # the driver got loaded
    clock.now += 2.0
    assert nvml.status().available
    assert fake.calls["nvmlInit"] == 2
    nvml.shutdown()


def test_nvml_shut_down_by_someone_else_recovers() -> None:
    fake = FakeNvml()
    nvml = make_nvml(fake)
    assert nvml.snapshot().gpus
    fake.nvmlShutdown()  # e.g. another library using pynvml's shared refcount
    lost = nvml.snapshot()
    assert lost.gpus == () and not lost.status.available
    assert "NVML" in lost.status.reason
    assert nvml.snapshot().gpus  # initialised again
    assert fake.calls["nvmlInit"] == 2
    nvml.shutdown()


# -- snapshot --------------------------------------------------------------------------------


def test_snapshot_reads_every_gpu() -> None:
    fake = FakeNvml(
        [
            FakeGpu(
                name="NVIDIA H100 80GB HBM3",
                uuid="GPU-a",
                memory_total=80 * GiB,
                memory_used=30 * GiB,
                utilization_gpu=87,
                compute_processes=[FakeProcess(101, 20 * GiB), FakeProcess(102, None)],
                compute_capability=(9, 0),
            ),
            FakeGpu(name="NVIDIA RTX A4000", uuid="GPU-b", memory_total=16 * GiB),
        ]
    )
    nvml = make_nvml(fake)
    snapshot = nvml.snapshot()
    first, second = snapshot.gpus
    assert first == GpuSample(
        index=0,
        name="NVIDIA H100 80GB HBM3",
        uuid="GPU-a",
        memory_used=30 * GiB,
        memory_total=80 * GiB,
        utilization=87.0,
        processes=(GpuProcess(101, 20 * GiB), GpuProcess(102, None)),
        unified_memory=False,
        compute_capability=ComputeCapability(9, 0),
    )
    assert (second.index, second.name, second.memory_total) == (1, "NVIDIA RTX A4000", 16 * GiB)
    assert snapshot.status.available and snapshot.errors == ()
    nvml.shutdown()


def test_snapshot_timestamp_is_monotonic_clock() -> None:
    clock = FakeClock()
    nvml = make_nvml(FakeNvml(), clock=clock)
    assert nvml.snapshot().timestamp == 1000.0
    clock.now = 1000.25
    assert nvml.snapshot().timestamp == 1000.25


def test_bytes_names_from_old_bindings_become_str() -> None:
    nvml = make_nvml(FakeNvml([FakeGpu(name="Tesla T4", uuid="GPU-t4")], return_bytes=True))
    assert nvml.status().driver_version == "550.54.15"
    (gpu,) = nvml.snapshot().gpus
    assert (gpu.name, gpu.uuid) == ("Tesla T4", "GPU-t4")


def test_compute_and_graphics_processes_merge_by_pid() -> None:
    gpu = FakeGpu(
        compute_processes=[FakeProcess(10, 2 * GiB), FakeProcess(11, None)],
        graphics_processes=[
            FakeProcess(10, 2 * GiB),  # same context listed twice: not 4 GiB
            FakeProcess(11, 300 * MiB),  # a figure beats "unknown"
            FakeProcess(12, 100 * MiB),
        ],
    )
    (sample,) = make_nvml(FakeNvml([gpu])).snapshot().gpus
    assert sample.processes == (
        GpuProcess(10, 2 * GiB),
        GpuProcess(11, 300 * MiB),
        GpuProcess(12, 100 * MiB),
    )


def test_processes_come_and_go_between_snapshots() -> None:
    gpu = FakeGpu(compute_processes=[FakeProcess(500, GiB)])
    fake = FakeNvml([gpu])
    nvml = make_nvml(fake)
    assert [p.pid for p in nvml.snapshot().gpus[0].processes] == [500]
    gpu.compute_processes = [FakeProcess(501, GiB), FakeProcess(502, GiB)]
    assert [p.pid for p in nvml.snapshot().gpus[0].processes] == [501, 502]
    gpu.compute_processes = []
    assert nvml.snapshot().gpus[0].processes == ()


def test_process_list_not_supported_gives_no_processes_but_keeps_gpu() -> None:
    gpu = FakeGpu(
        graphics_processes=[FakeProcess(7, GiB)],
        errors={"nvmlDeviceGetComputeRunningProcesses": fake_nvml.NVML_ERROR_NOT_SUPPORTED},
    )
    (sample,) = make_nvml(FakeNvml([gpu])).snapshot().gpus
    assert sample.processes == (GpuProcess(7, GiB),)
    assert sample.memory_total == gpu.memory_total


def test_library_mismatch_falls_back_to_v2_process_query() -> None:
    class OldDriverNvml(FakeNvml):
        def nvmlDeviceGetComputeRunningProcesses(self, handle: object) -> list[object]:
            # What nvidia-ml-py raises when the driver lacks the _v3 entry point.
            raise pynvml.NVMLLibraryMismatchError("Unversioned function called")

        def nvmlDeviceGetComputeRunningProcesses_v2(self, handle: object) -> list[object]:
            return FakeNvml.nvmlDeviceGetComputeRunningProcesses(self, handle)  # type: ignore[arg-type]

    fake = OldDriverNvml([FakeGpu(compute_processes=[FakeProcess(42, GiB)])])
    (sample,) = make_nvml(fake).snapshot().gpus
    assert sample.processes == (GpuProcess(42, GiB),)


def test_unavailable_process_memory_sentinel_is_none() -> None:
    gpu = FakeGpu(compute_processes=[FakeProcess(9, (1 << 64) - 1)])
    (sample,) = make_nvml(FakeNvml([gpu])).snapshot().gpus
    assert sample.processes == (GpuProcess(9, None),)


def test_failing_gpu_does_not_break_the_others() -> None:
    lost = FakeGpu(
        name="lost", errors={"nvmlDeviceGetMemoryInfo": fake_nvml.NVML_ERROR_GPU_IS_LOST}
    )
    no_handle = FakeGpu(
        name="gone", errors={"nvmlDeviceGetHandleByIndex": fake_nvml.NVML_ERROR_UNKNOWN}
    )
    fake = FakeNvml([FakeGpu(name="ok0"), lost, no_handle, FakeGpu(name="ok3")])
    snapshot = make_nvml(fake).snapshot()
    assert [(gpu.index, gpu.name) for gpu in snapshot.gpus] == [(0, "ok0"), (3, "ok3")]
    assert snapshot.errors == ("GPU 1: GPU is lost", "GPU 2: Unknown Error")
    assert snapshot.status.available


def test_name_and_utilisation_failures_degrade_fields_only() -> None:
    gpu = FakeGpu(
        errors={
            "nvmlDeviceGetName": fake_nvml.NVML_ERROR_UNKNOWN,
            "nvmlDeviceGetUUID": fake_nvml.NVML_ERROR_UNKNOWN,
            "nvmlDeviceGetUtilizationRates": fake_nvml.NVML_ERROR_UNKNOWN,
        }
    )
    (sample,) = make_nvml(FakeNvml([FakeGpu(), gpu])).snapshot().gpus[1:]
    assert (sample.name, sample.uuid, sample.utilization) == ("GPU 1", "", None)
    assert sample.memory_total == gpu.memory_total


def test_jetson_falls_back_to_system_memory_and_load_file(tmp_path: Path) -> None:
    load = tmp_path / "load"
    load.write_text("523\n")
    system = SimpleNamespace(total=64 * GiB, available=40 * GiB)
    nvml = Nvml(FakeNvml([FakeGpu.jetson()]), virtual_memory=lambda: system, load_file=load)
    (sample,) = nvml.snapshot().gpus
    assert sample.unified_memory
    assert (sample.memory_used, sample.memory_total) == (24 * GiB, 64 * GiB)
    assert sample.utilization == pytest.approx(52.3)
    assert sample.processes == ()
    load.write_text("1000")
    assert nvml.snapshot().gpus[0].utilization == pytest.approx(100.0)


def test_jetson_without_load_file_has_unknown_utilisation(tmp_path: Path) -> None:
    system = SimpleNamespace(total=8 * GiB, available=6 * GiB)
    nvml = Nvml(
        FakeNvml([FakeGpu.jetson()]),
        virtual_memory=lambda: system,
        load_file=tmp_path / "missing",
    )
    (sample,) = nvml.snapshot().gpus
    assert sample.utilization is None
    assert sample.memory_used == 2 * GiB


def test_jetson_default_uses_real_system_memory() -> None:
    import psutil

    (sample,) = make_nvml(FakeNvml([FakeGpu.jetson()])).snapshot().gpus
    assert sample.unified_memory
    assert sample.memory_total == psutil.virtual_memory().total
    assert 0 < sample.memory_used < sample.memory_total


def test_snapshot_call_budget_per_gpu() -> None:
    """Benchmark guard: one pass costs a fixed number of NVML calls per GPU."""
    fake = FakeNvml([FakeGpu() for _ in range(4)])
    nvml = make_nvml(fake)
    nvml.snapshot()
    fake.calls.clear()
    nvml.snapshot()
    # count + per GPU: handle, name, uuid, memory, utilisation, compute and graphics lists
    assert sum(fake.calls.values()) == 1 + 4 * 7


def test_unreadable_gpus_are_read_back_from_the_error_lines() -> None:
    fake = FakeNvml([FakeGpu(), FakeGpu(uuid="GPU-b"), FakeGpu(uuid="GPU-c")])
    fake.gpus[1].errors["nvmlDeviceGetHandleByIndex"] = fake_nvml.NVML_ERROR_GPU_IS_LOST
    snapshot = make_nvml(fake).snapshot()
    assert snapshot.errors == ("GPU 1: GPU is lost",)
    assert snapshot.unreadable() == {1: "GPU is lost"}
    odd = GpuSnapshot(0.0, (), GpuStatus(True, ""), ("GPU x: ?", "no colon", "GPU 3: a: b"))
    assert odd.unreadable() == {3: "a: b"}
