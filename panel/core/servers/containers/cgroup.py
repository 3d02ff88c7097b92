"""Which container a host process runs in, for GPU attribution (NVML reports host pids).

Two ways, because neither always works. The cgroup names the container where the runtime
made one for it: docker, and podman run by root or with systemd's cgroup delegation.
Rootless podman on cgroup v1 or with the cgroupfs manager makes none (the container's
processes stay in the user's own cgroup: seen on these machines). Every container but a
``--pid=host`` one has a PID namespace of its own, which each of its processes shares,
``docker exec``'d ones included: reading ``/proc/PID/ns/pid`` needs the right to inspect
the process, which the user has over their own rootless containers (same uid, or a user
namespace they own), and root over everything.
"""

from __future__ import annotations

import os
import re

# cgroup v2 with systemd: 0::/system.slice/docker-<id>.scope; cgroupfs: /docker/<id>;
# podman: libpod-<id>.scope (rootless too, under user.slice); cgroup v1 lines likewise.
_CGROUP_ID = re.compile(r"(?:docker|libpod)[-/]([0-9a-f]{64})(?:\.scope)?")


def container_id_in_cgroup(text: str) -> str | None:
    """The container id in a /proc/PID/cgroup text, or None for a host process."""
    match = _CGROUP_ID.search(text)
    return match.group(1) if match else None


def container_id_of(pid: int) -> str | None:
    """Which container a host pid runs in (NVML reports host pids), by its cgroup."""
    try:
        with open(f"/proc/{pid}/cgroup", encoding="utf-8", errors="replace") as f:
            return container_id_in_cgroup(f.read())
    except OSError:
        return None


def pid_namespace_of(pid: int) -> str | None:
    """The PID namespace a host pid lives in (``pid:[4026532291]``), or None when the
    process is gone or not ours to inspect."""
    try:
        return os.readlink(f"/proc/{pid}/ns/pid")
    except OSError:
        return None
