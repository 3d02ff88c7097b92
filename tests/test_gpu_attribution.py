"""panel.core.gpu.attribution and feed: which server holds which GPU memory, by process
tree (real processes), by container cgroup and PID namespace, and the hand-off from the sampler thread.
No Qt here."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator

import psutil
import pytest

from panel.core.gpu.attribution import (
    ProcessAncestry,
    ServerAttribution,
    ServerGpuUsage,
    gpu_usage_by_process_tree,
    memory_by_process_tree,
    unknown_servers_on,
)
from panel.core.gpu.feed import SnapshotFeed
from panel.core.gpu.nvml import GpuProcess, GpuSample, GpuSnapshot, GpuStatus, Nvml
from panel.core.gpu.sampler import GpuSampler
from tests.fakes.fake_nvml import FakeGpu, FakeNvml, FakeProcess, GiB, MiB
from tests.fakes.process_tree import TREE_SCRIPT

WAIT = 10.0  # generous upper bound; the waits below normally end in milliseconds
CONTAINER = "0123456789abcdef" * 4


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


def test_containerised_server_counts_its_cgroup_outside_the_tree() -> None:
    # 500 is under the container's first process (100); 900 is a `docker exec` child of
    # the runtime's shim: in the container's cgroup, not in the tree. 300 is someone else.
    snapshot = snapshot_with(
        (GpuProcess(500, 2 * GiB), GpuProcess(900, 1 * GiB), GpuProcess(300, 4 * GiB))
    )
    usage = gpu_usage_by_process_tree(
        snapshot,
        {"vllm": 100, "host": 300},
        lambda pid: {100: [500]}.get(pid, []),
        containers={"vllm": CONTAINER},
        container_of=lambda pid: CONTAINER if pid in (500, 900) else None,
    )
    assert usage["vllm"].total == 3 * GiB and usage["vllm"].pids == {500, 900}
    assert usage["host"].total == 4 * GiB  # a host server is still counted by its tree


def test_without_a_container_cgroup_its_pid_namespace_finds_its_processes() -> None:
    # Rootless podman on cgroup v1 or cgroupfs: no process is in a container cgroup (seen
    # with the real podman in tests/test_real_docker.py's rootless runs). 900 is a
    # `podman exec` child of conmon, in the namespace of the container's first process
    # (100); 300 is a host process; "hosted" is a --pid=host container, whose namespace
    # is the host's: it claims nothing by namespace.
    host = "pid:[4026531836]"
    namespaces = {100: "pid:[4026532999]", 900: "pid:[4026532999]", 300: host, 700: host}
    snapshot = snapshot_with((GpuProcess(900, 1 * GiB), GpuProcess(300, 4 * GiB)))

    def namespace_of(pid: int) -> str | None:
        return host if pid == os.getpid() else namespaces.get(pid)

    usage = gpu_usage_by_process_tree(
        snapshot,
        {"boxed": 100, "hosted": 700},
        lambda pid: [],
        containers={"boxed": CONTAINER, "hosted": "f" * 64},
        container_of=lambda pid: None,
        namespace_of=namespace_of,
    )
    assert usage["boxed"].total == 1 * GiB and usage["boxed"].pids == {900}
    assert usage["hosted"].total == 0  # not the host's 300
    # The same through what the GPU tab runs, and a root it may not inspect: no guess.
    attribution = ServerAttribution(
        ProcessAncestry(parent_of=lambda pid: None),
        container_of=lambda pid: None,
        namespace_of=lambda pid: None if pid == 100 else namespace_of(pid),
    )
    attribution.set_servers({"boxed": 100}, {"boxed": CONTAINER})
    assert attribution(snapshot)["boxed"].total == 0


def test_unknown_servers_are_those_with_only_unknown_usage_on_that_gpu() -> None:
    snapshot = snapshot_with(
        (GpuProcess(1, None), GpuProcess(2, None), GpuProcess(3, GiB)),
        (GpuProcess(4, None),),
    )
    tree = {10: [1], 20: [2, 4], 30: [3]}
    usage = gpu_usage_by_process_tree(
        snapshot, {"a": 10, "b": 20, "c": 30}, lambda pid: tree.get(pid, [])
    )
    gpu0, gpu1 = snapshot.gpus
    assert unknown_servers_on(gpu0, usage) == {"a", "b"}
    assert unknown_servers_on(gpu1, usage) == {"b"}
    # Known usage on the GPU wins: the area shows it, the legend need not say "unknown".
    usage["a"] = ServerGpuUsage(GiB, {0: GiB}, frozenset({1}), frozenset({1}))
    assert unknown_servers_on(gpu0, usage) == {"b"}


# -- walking up from the GPU processes ---------------------------------------------------


class Parents:
    """An injected process table: pid -> parent, counting the look-ups."""

    def __init__(self, table: dict[int, int | None]) -> None:
        self.table = table
        self.asked: list[int] = []

    def __call__(self, pid: int) -> int | None:
        self.asked.append(pid)
        return self.table.get(pid)


def test_ancestry_maps_the_paths_up_from_the_gpu_processes() -> None:
    parents = Parents({40: 30, 41: 30, 30: 20, 20: 1, 1: 0, 77: 77})
    ancestry = ProcessAncestry(parent_of=parents)
    edges = ancestry.children_map([40, 41, 77, 99])
    assert edges == {30: {40, 41}, 20: {30}, 1: {20}}  # 77 is its own parent, 99 is gone
    assert sorted(parents.asked) == [1, 20, 30, 40, 41, 77, 99]  # each pid asked once


def test_ancestry_is_cached_for_its_ttl_then_read_again() -> None:
    now = [0.0]
    parents = Parents({40: 30, 30: 1, 1: 0})
    ancestry = ProcessAncestry(ttl=5.0, clock=lambda: now[0], parent_of=parents)
    ancestry.children_map([40])
    asked = len(parents.asked)
    now[0] = 4.0
    parents.table[40] = 1  # re-parented: not seen until the cache expires
    assert ancestry.children_map([40]) == {30: {40}, 1: {30}}
    assert len(parents.asked) == asked
    now[0] = 10.0
    assert ancestry.children_map([40]) == {1: {40}}
    assert len(parents.asked) > asked


def test_ancestry_of_real_processes(process_tree: tuple[int, int]) -> None:
    child, grandchild = process_tree
    edges = ProcessAncestry().children_map([grandchild])
    assert grandchild in edges[child]
    assert child in edges[psutil.Process().pid]  # this test started the tree


# -- ServerAttribution: what the sampler thread runs ------------------------------------


def test_server_attribution_over_a_real_tree_and_a_container(
    process_tree: tuple[int, int],
) -> None:
    child, grandchild = process_tree
    snapshot = snapshot_with(
        (GpuProcess(grandchild, 20 * GiB), GpuProcess(4_000_001, 3 * GiB)),
        (GpuProcess(child, 500 * MiB),),
    )
    attribution = ServerAttribution(
        container_of=lambda pid: CONTAINER if pid == 4_000_001 else None
    )
    assert attribution(snapshot) == {}  # no servers yet
    attribution.set_servers({"vllm": child, "boxed": 4_000_000}, {"boxed": CONTAINER})
    usage = attribution(snapshot)
    assert usage["vllm"].per_gpu == {0: 20 * GiB, 1: 500 * MiB}
    assert usage["vllm"].pids == {child, grandchild}
    assert usage["boxed"].per_gpu == {0: 3 * GiB}

    attribution.set_servers({"vllm": child})  # the container is gone
    assert set(attribution(snapshot)) == {"vllm"}


def test_server_attribution_without_gpu_processes_reads_no_process() -> None:
    def parent_of(pid: int) -> int | None:
        raise AssertionError("no process should be looked at")

    attribution = ServerAttribution(ProcessAncestry(parent_of=parent_of))
    attribution.set_servers({"a": 1, "b": 2})
    assert attribution(snapshot_with(())) == {"a": ServerGpuUsage(0), "b": ServerGpuUsage(0)}


# -- SnapshotFeed: the hand-off -----------------------------------------------------------


def test_feed_wakes_once_per_batch_and_keeps_order() -> None:
    wakes: list[int] = []
    attribution = ServerAttribution(ProcessAncestry(parent_of=lambda pid: None))
    attribution.set_servers({"a": 1})
    feed = SnapshotFeed(attribution, lambda: wakes.append(1), limit=3)
    snapshots = [GpuSnapshot(float(t), (), GpuStatus(True, "", "550")) for t in range(5)]
    for snapshot in snapshots[:2]:
        feed(snapshot)
    assert len(wakes) == 1  # the second one rides along
    frames = feed.take()
    assert [f.snapshot for f in frames] == snapshots[:2]
    assert frames[0].usage == {"a": ServerGpuUsage(0)}
    assert feed.take() == []

    for snapshot in snapshots:
        feed(snapshot)
    assert len(wakes) == 2  # re-armed by take()
    assert [f.snapshot for f in feed.take()] == snapshots[-3:]  # a slow consumer loses the oldest


def test_closed_feed_never_wakes_again() -> None:
    wakes: list[int] = []
    feed = SnapshotFeed(ServerAttribution(), lambda: wakes.append(1))
    feed(snapshot_with(()))
    feed.close()
    assert feed.closed and feed.take() == []
    feed.take()
    feed(snapshot_with(()))
    assert wakes == [1] and feed.take() == []


def test_feed_on_a_real_sampler_wakes_from_the_sampler_thread() -> None:
    woken = threading.Event()
    threads: list[str] = []

    def wake() -> None:
        threads.append(threading.current_thread().name)
        woken.set()

    gpu = FakeGpu(compute_processes=[FakeProcess(4_000_002, GiB)])
    sampler = GpuSampler(Nvml(FakeNvml([gpu]), load_file=None), interval=0.005)
    feed = SnapshotFeed(ServerAttribution(), wake)
    feed.attribution.set_servers({"x": 4_000_000})
    sampler.subscribe(feed)
    try:
        assert woken.wait(WAIT)
        woken.clear()  # before take(): the next wake may come right after it
        [frame, *_] = feed.take()
        assert frame.usage == {"x": ServerGpuUsage(0)}  # not its process
        assert woken.wait(WAIT)  # take() re-armed it
    finally:
        feed.close()
        assert sampler.stop()
    assert set(threads) == {"gpu-sampler"}
    count = len(threads)
    feed(sampler.nvml.snapshot())
    assert len(threads) == count
    sampler.nvml.shutdown()
