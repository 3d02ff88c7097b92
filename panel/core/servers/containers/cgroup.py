"""Which container a host process runs in, for GPU attribution (NVML reports host pids)."""

from __future__ import annotations

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
