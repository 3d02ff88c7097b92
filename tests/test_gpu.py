"""panel.core.gpu.nvml against the fake NVML, the real pynvml (no GPU here) and real processes."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pynvml
import pytest

from panel.core.gpu.nvml import (
    GpuProcess,
    GpuSample,
    GpuSnapshot,
    GpuStatus,
    Nvml,
    ServerGpuUsage,
    gpu_usage_by_process_tree,
    memory_by_process_tree,
)
from tests.fakes import fake_nvml
from tests.fakes.fake_nvml import FakeGpu, FakeNvml, FakeProcess, GiB, MiB
from tests.fakes.process_tree import TREE_SCRIPT

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


# -- memory per server process tree ---------------------------------------------------------


def snapshot_with(*gpus: tuple[GpuProcess, ...]) -> GpuSnapshot:
    samples = tuple(
        GpuSample(i, f"GPU {i}", f"GPU-{i}", 0, 80 * GiB, 0.0, processes, False)
        for i, processes in enumerate(gpus)
    )
    return GpuSnapshot(0.0, samples, GpuStatus(True, "", "550"))


@pytest.fixture
def process_tree() -> Iterator[tuple[int, int]]:
    """A real (child pid, grandchild pid) pair, like vLLM's API server and engine."""
    with subprocess.Popen(
        [sys.executable, "-c", TREE_SCRIPT],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as child:
        try:
            assert child.stdout is not None
            grandchild = int(child.stdout.readline())
            yield child.pid, grandchild
        finally:
            assert child.stdin is not None
            child.stdin.close()
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()


def test_memory_summed_over_real_process_tree(process_tree: tuple[int, int]) -> None:
    child, grandchild = process_tree
    with subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE
    ) as other:
        try:
            snapshot = snapshot_with(
                (GpuProcess(child, 500 * MiB), GpuProcess(grandchild, 20 * GiB)),
                (GpuProcess(grandchild, 18 * GiB), GpuProcess(other.pid, 4 * GiB)),
            )
            roots = {"vllm": child, "llama": other.pid, "stopped": 2**22 + 12345}
            assert memory_by_process_tree(snapshot, roots) == {
                "vllm": 500 * MiB + 38 * GiB,
                "llama": 4 * GiB,
                "stopped": 0,
            }
            usage = gpu_usage_by_process_tree(snapshot, roots)
            assert usage["vllm"].per_gpu == {0: 500 * MiB + 20 * GiB, 1: 18 * GiB}
            assert usage["vllm"].pids == {child, grandchild}
            assert usage["llama"].per_gpu == {1: 4 * GiB}
            assert usage["stopped"] == ServerGpuUsage(0)
        finally:
            assert other.stdin is not None
            other.stdin.close()
            other.wait(timeout=10)


def test_root_alone_misses_the_engine_child(process_tree: tuple[int, int]) -> None:
    """The reason the tree walk exists: the root pid alone under-reports."""
    child, grandchild = process_tree
    snapshot = snapshot_with((GpuProcess(grandchild, 20 * GiB),))
    assert memory_by_process_tree(snapshot, {"vllm": child}, children_of=lambda pid: []) == {
        "vllm": 0
    }
    assert memory_by_process_tree(snapshot, {"vllm": child}) == {"vllm": 20 * GiB}


def test_injected_children_of_is_walked_recursively() -> None:
    children = {1: [2, 3], 3: [4], 4: [1]}  # a cycle must not loop forever
    snapshot = snapshot_with(
        (GpuProcess(4, 1 * GiB), GpuProcess(2, 2 * GiB), GpuProcess(9, 5 * GiB)),
    )
    result = memory_by_process_tree(snapshot, {"a": 1}, children_of=lambda p: children.get(p, []))
    assert result == {"a": 3 * GiB}


def test_unknown_process_memory_is_flagged_not_counted() -> None:
    snapshot = snapshot_with((GpuProcess(1, None), GpuProcess(2, GiB)))
    usage = gpu_usage_by_process_tree(snapshot, {"a": 1, "b": 2}, children_of=lambda p: [])
    assert usage["a"] == ServerGpuUsage(0, {}, frozenset({1}), frozenset({1}))
    assert usage["b"].total == GiB and usage["b"].unknown_pids == frozenset()


def test_no_gpu_processes_skips_process_table() -> None:
    def children_of(pid: int) -> list[int]:
        raise AssertionError("should not be asked")

    empty = GpuSnapshot(0.0, (), GpuStatus(False, "No NVIDIA GPU detected (NVML: x)", None))
    assert memory_by_process_tree(empty, {"a": 1}, children_of) == {"a": 0}
