"""A running server's processes: killing the whole tree, finding a container's pids."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess

from panel.core.engines import LaunchPlan
from panel.core.servers import containers, guard


def kill_tree(proc: subprocess.Popen[bytes], plan: LaunchPlan | None) -> None:
    """SIGKILL the guard's process group and every descendant, now.

    For a container, the runtime is told to kill it first (this waits on the daemon).
    """
    if plan is not None and plan.kill_command:
        # SIGKILL to the client would leave the container running.
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            subprocess.run(
                plan.kill_command,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=containers.CONTROL_TIMEOUT,
                check=False,
            )
    pids = guard.descendants(proc.pid)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    for pid in pids:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)


def running_container(plan: LaunchPlan) -> containers.ContainerInfo | None:
    """The plan's container while it runs with a known pid, asking the runtime.

    Its processes are children of the runtime's shim, not of ours, so only the runtime
    knows them. Raises :class:`containers.ContainerRuntimeError` when it can't answer.
    """
    runtime = containers.ContainerRuntime(plan.stop_command[0])
    found = runtime.inspect(plan.container)
    if not found or not found[0].running or not found[0].pid:
        return None
    return found[0]
