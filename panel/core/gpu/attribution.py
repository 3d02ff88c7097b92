"""Which server holds which GPU memory: by process tree and by container.

NVML lists the processes on each GPU with host pids. A server is the process tree the
panel started (vLLM's engine and anything using multiprocessing hold VRAM in child
processes, so the server's own pid alone under-reports) and, for a containerised server,
every process in the container (``docker exec`` processes are children of the runtime's
shim, not of the container's first process): found by the container's cgroup where the
runtime made one, else by its PID namespace (rootless podman on cgroup v1 or cgroupfs
makes no cgroup; see :mod:`panel.core.servers.containers.cgroup`).

:class:`ServerAttribution` is what the GPU tab runs on the sampler thread for every
snapshot; :func:`gpu_usage_by_process_tree` is the one-off form (the CLI, tests).

On a unified-memory GPU (Jetson Orin and Thor, GB10) NVML has no memory figures and, at
best, a process list without usage: the GPU has no memory of its own. There a server's
share is the resident memory (RSS) of its whole process tree, which is what it takes from
the RAM the GPU shares; the card's total and "used" are the system's RAM (see
:class:`panel.core.gpu.nvml.Nvml`).
"""

from __future__ import annotations

import math
import os
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import psutil

from panel.core.gpu.nvml import GpuSample, GpuSnapshot

__all__ = [
    "ProcessAncestry",
    "ServerAttribution",
    "ServerGpuUsage",
    "gpu_usage_by_process_tree",
    "memory_by_process_tree",
    "unknown_servers_on",
]


@dataclass(frozen=True, slots=True)
class ServerGpuUsage:
    """GPU memory held by one server's process tree.

    ``total`` and ``per_gpu`` (GPU index -> bytes, GPUs the tree uses only) count the
    processes whose usage NVML reported. ``pids`` are the tree's processes found on any
    GPU; ``unknown_pids`` those among them whose usage NVML could not tell, so the UI can
    say "on the GPU, usage unknown" rather than "0 B".
    """

    total: int
    per_gpu: Mapping[int, int] = field(default_factory=dict)
    pids: frozenset[int] = frozenset()
    unknown_pids: frozenset[int] = frozenset()


def _psutil_descendants(pid: int) -> list[int]:
    try:
        return [child.pid for child in psutil.Process(pid).children(recursive=True)]
    except psutil.Error:
        return []  # the server exited (or is not ours to inspect): no children to count


def _psutil_rss(pids: Iterable[int]) -> int:
    total = 0
    for pid in pids:
        try:
            total += int(psutil.Process(pid).memory_info().rss)
        except psutil.Error:
            continue  # gone meanwhile, or not ours to read: it holds nothing we can count
    return total


def _tree(root: int, children_of: Callable[[int], Iterable[int]]) -> set[int]:
    seen = {root}
    pending = [root]
    while pending:
        for child in children_of(pending.pop()):
            if child not in seen:
                seen.add(child)
                pending.append(child)
    return seen


def gpu_usage_by_process_tree(
    snapshot: GpuSnapshot,
    roots: Mapping[str, int],
    children_of: Callable[[int], Iterable[int]] | None = None,
    *,
    containers: Mapping[str, str] | None = None,
    container_of: Callable[[int], str | None] | None = None,
    namespace_of: Callable[[int], str | None] | None = None,
    descendants: Callable[[int], Iterable[int]] | None = None,
    resident: Callable[[Iterable[int]], int] | None = None,
) -> dict[str, ServerGpuUsage]:
    """GPU usage per server, summed over each root pid and all its descendants.

    ``roots`` maps a server name to the pid the panel started. ``children_of(pid)`` lists
    a pid's children; it may return direct children or all descendants. By default
    psutil is asked once per root for all descendants. Every name in ``roots`` is in the
    result.

    ``containers`` maps a server name to its container's id: a GPU process in that
    container's cgroup, or in the PID namespace of the server's root (the container's
    first process) when that is not this process's own, counts for the server even when
    it is not in the tree. ``container_of(pid)`` reads a pid's container id and
    ``namespace_of(pid)`` its PID namespace (defaults: from /proc).

    On a unified-memory GPU a server holds the resident memory of its tree:
    ``descendants(root)`` lists all of a root's descendants and ``resident(pids)`` sums
    their RSS (defaults: psutil). It is counted on the first such GPU only, so that a
    machine with two never counts it twice.
    """
    on_gpu = [(gpu.index, process) for gpu in snapshot.gpus for process in gpu.processes]
    unified = next((gpu.index for gpu in snapshot.gpus if gpu.unified_memory), None)
    if not on_gpu and unified is None:
        # Nothing to attribute: spare the process-table scans (the usual no-GPU case).
        return {name: ServerGpuUsage(0) for name in roots}

    in_container: dict[int, str | None] = {}
    namespaces: dict[int, str | None] = {}
    if containers:
        from panel.core.servers.containers import container_id_of, pid_namespace_of

        read = container_of or container_id_of
        in_container = {process.pid: read(process.pid) for _, process in on_gpu}
        namespace_of = namespace_of or pid_namespace_of
        for pid in {process.pid for _, process in on_gpu} | {os.getpid()}:
            namespaces[pid] = namespace_of(pid)

    result: dict[str, ServerGpuUsage] = {}
    for name, root in roots.items():
        if children_of is None:
            tree = {root, *_psutil_descendants(root)}
        else:
            tree = _tree(root, children_of)
        container = (containers or {}).get(name)
        own_namespace = None
        if container and namespace_of is not None:
            own_namespace = namespaces[root] if root in namespaces else namespace_of(root)
            if own_namespace == namespaces[os.getpid()]:
                own_namespace = None  # a --pid=host container: the host's says nothing
        per_gpu: dict[int, int] = {}
        pids: set[int] = set()
        unknown: set[int] = set()
        for gpu_index, process in on_gpu:
            if process.pid not in tree and not (
                container
                and (
                    in_container.get(process.pid) == container
                    or (own_namespace is not None and namespaces[process.pid] == own_namespace)
                )
            ):
                continue
            pids.add(process.pid)
            if process.used_bytes is None:
                unknown.add(process.pid)
            else:
                per_gpu[gpu_index] = per_gpu.get(gpu_index, 0) + process.used_bytes
        if unified is not None:
            whole = {root, *(descendants or _psutil_descendants)(root)}
            held = (resident or _psutil_rss)(whole)
            if held:
                per_gpu[unified] = held
                unknown -= whole  # NVML's "not available" is answered by the RSS
        result[name] = ServerGpuUsage(
            total=sum(per_gpu.values()),
            per_gpu=per_gpu,
            pids=frozenset(pids),
            unknown_pids=frozenset(unknown),
        )
    return result


def memory_by_process_tree(
    snapshot: GpuSnapshot,
    roots: Mapping[str, int],
    children_of: Callable[[int], Iterable[int]] | None = None,
) -> dict[str, int]:
    """Bytes of GPU memory per server name over all GPUs; see
    :func:`gpu_usage_by_process_tree` for the per-GPU split and unknown figures."""
    usage = gpu_usage_by_process_tree(snapshot, roots, children_of)
    return {name: entry.total for name, entry in usage.items()}


def unknown_servers_on(sample: GpuSample, usage: Mapping[str, ServerGpuUsage]) -> set[str]:
    """Servers with a process on this GPU whose usage NVML cannot tell, and no known usage
    here: they get "usage unknown" instead of a misleading 0."""
    unknown_here = {p.pid for p in sample.processes if p.used_bytes is None}
    return {
        name
        for name, entry in usage.items()
        if unknown_here & entry.unknown_pids and not entry.per_gpu.get(sample.index)
    }


class ProcessAncestry:
    """Parent pids of the GPU processes and their ancestors, cached for ``ttl`` seconds.

    :func:`gpu_usage_by_process_tree` by default lists each server's descendants, which
    scans the whole process table once per server per sample. Walking *up* from the few
    GPU processes instead reads a handful of /proc entries, and only when the set changes
    or the cache expires, which keeps attribution far below the sampler's own cost.
    ``parent_of`` (default: psutil) returns a pid's parent, or None when it is gone.
    """

    def __init__(
        self,
        ttl: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
        parent_of: Callable[[int], int | None] | None = None,
    ) -> None:
        self._ttl = ttl
        self._clock = clock
        self._read_parent = parent_of or _psutil_parent
        self._parents: dict[int, int | None] = {}
        self._stamp = -math.inf

    def _parent(self, pid: int) -> int | None:
        if pid not in self._parents:
            self._parents[pid] = self._read_parent(pid)
        return self._parents[pid]

    def children_map(self, pids: Iterable[int]) -> dict[int, set[int]]:
        """Parent -> children edges along every path from ``pids`` up to the root."""
        now = self._clock()
        if now - self._stamp > self._ttl:
            self._parents.clear()  # re-parenting happens: forget everything now and then
            self._stamp = now
        children: dict[int, set[int]] = {}
        for pid in pids:
            current, depth = pid, 0
            while current > 0 and depth < 64:
                parent = self._parent(current)
                if parent is None or parent <= 0 or parent == current:
                    break
                edges = children.setdefault(parent, set())
                if current in edges:
                    break  # the rest of the path is already known
                edges.add(current)
                current, depth = parent, depth + 1
        return children


def _psutil_parent(pid: int) -> int | None:
    try:
        return int(psutil.Process(pid).ppid())
    except psutil.Error:
        return None  # gone, or not ours to inspect


class ServerAttribution:
    """GPU memory per server for each snapshot, over servers that may change meanwhile.

    :meth:`set_servers` is called from the GUI thread, the instance is called with each
    snapshot on the sampler thread; the server list is swapped under a lock. The result
    has every server named in :meth:`set_servers`, 0 when it holds nothing.
    """

    def __init__(
        self,
        ancestry: ProcessAncestry | None = None,
        container_of: Callable[[int], str | None] | None = None,
        descendants: Callable[[int], Iterable[int]] | None = None,
        resident: Callable[[Iterable[int]], int] | None = None,
        namespace_of: Callable[[int], str | None] | None = None,
    ) -> None:
        self._lock = threading.Lock()
        self._descendants = descendants
        self._resident = resident
        self._roots: dict[str, int] = {}
        self._containers: dict[str, str] = {}
        self._ancestry = ancestry or ProcessAncestry()
        self._container_of = container_of
        self._namespace_of = namespace_of

    def set_servers(
        self, roots: Mapping[str, int], containers: Mapping[str, str] | None = None
    ) -> None:
        """Server name -> root pid, and containerised servers' container ids."""
        with self._lock:
            self._roots = dict(roots)
            self._containers = dict(containers or {})

    def __call__(self, snapshot: GpuSnapshot) -> dict[str, ServerGpuUsage]:
        with self._lock:
            roots, containers = self._roots, self._containers
        pids = {process.pid for gpu in snapshot.gpus for process in gpu.processes}
        unified = any(gpu.unified_memory for gpu in snapshot.gpus)
        if not roots or (not pids and not unified):
            return {name: ServerGpuUsage(0) for name in roots}
        edges = self._ancestry.children_map(pids)
        return gpu_usage_by_process_tree(
            snapshot,
            roots,
            lambda pid: edges.get(pid, ()),
            containers=containers,
            container_of=self._container_of,
            namespace_of=self._namespace_of,
            descendants=self._descendants,
            resident=self._resident,
        )
