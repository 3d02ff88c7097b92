"""Servers in containers: the ``docker run`` line, the runtime's errors, and our labels.

The seed runs vLLM in NVIDIA's container (``docker run --ipc=host --net=host
--runtime=nvidia -v /models:/models ... nvcr.io/nvidia/vllm:25.09-py3``). A profile with
a :class:`~panel.core.config.profiles.ContainerSpec` runs the engine's normal argv inside such a
container, non-interactively, under a unique name and with labels that mark it as ours.

Why stopping is special: the ``docker run`` client is only a window onto the container.
Killing the client (even SIGKILL) leaves the container running and holding its GPU
memory. So the guard is told the runtime's own stop command (``docker stop -t GRACE
NAME``) and runs it when the panel asks to stop *or dies*; and on start-up the panel
looks for running containers with its label (see :func:`find_leftovers`).

Works with docker and podman: both take the same ``run``/``stop``/``kill``/``ps``/
``inspect`` options used here.

Where each topic lives (this module only gathers their public names, so callers can keep
writing ``containers.X``):

- :mod:`~panel.core.servers.containers.run_line`: the ``docker run`` line (default images
  and entrypoints, GPU options, publish address, container names), the launch and adopt
  plans, and the stop/kill/logs lines.
- :mod:`~panel.core.servers.containers.mounts`: bind mounts and host paths as the container
  sees them.
- :mod:`~panel.core.servers.containers.labels`: our labels, and :class:`ContainerInfo`.
- :mod:`~panel.core.servers.containers.runtime`: finding docker or podman, and
  :class:`ContainerRuntime`, which asks it things.
- :mod:`~panel.core.servers.containers.errors`: the runtime's errors (daemon down, socket
  permission, no NVIDIA runtime, ...) and the ``docker run`` exit codes, with their fixes.
- :mod:`~panel.core.servers.containers.leftovers`: running containers of ours that this
  panel did not start.
- :mod:`~panel.core.servers.containers.cgroup`: which container a host pid runs in (by
  its cgroup or its PID namespace).
"""

from panel.core.servers.containers.cgroup import (
    container_id_in_cgroup,
    container_id_of,
    pid_namespace_of,
)
from panel.core.servers.containers.errors import (
    INSTALL_HINT,
    TOOLKIT_HINT,
    ContainerRuntimeError,
    Diagnosis,
    diagnose,
    explain_exit,
)
from panel.core.servers.containers.labels import (
    LABEL,
    LABEL_ENGINE,
    LABEL_MANAGED,
    LABEL_PANEL_PID,
    LABEL_PORT,
    LABEL_PROFILE,
    ContainerInfo,
    labels_for,
)
from panel.core.servers.containers.leftovers import find_leftovers, specs_to_check, stop_leftover
from panel.core.servers.containers.mounts import (
    Mount,
    container_path,
    inner_profile,
    mounts_of,
    parse_mount,
)
from panel.core.servers.containers.run_line import (
    DEFAULT_ENTRYPOINTS,
    DEFAULT_IMAGES,
    adopt_plan,
    container_plan,
    entrypoint_for,
    gpu_options,
    image_for,
    image_runs_engine,
    kill_argv,
    logs_argv,
    new_container_name,
    publish_address,
    run_argv,
    stop_argv,
)
from panel.core.servers.containers.runtime import (
    CONTROL_TIMEOUT,
    RUNTIMES,
    ContainerRuntime,
    Runner,
    resolve_runtime,
    runtime_name,
)

__all__ = [
    "CONTROL_TIMEOUT",
    "DEFAULT_ENTRYPOINTS",
    "DEFAULT_IMAGES",
    "INSTALL_HINT",
    "LABEL",
    "LABEL_ENGINE",
    "LABEL_MANAGED",
    "LABEL_PANEL_PID",
    "LABEL_PORT",
    "LABEL_PROFILE",
    "RUNTIMES",
    "TOOLKIT_HINT",
    "ContainerInfo",
    "ContainerRuntime",
    "ContainerRuntimeError",
    "Diagnosis",
    "Mount",
    "Runner",
    "adopt_plan",
    "container_id_in_cgroup",
    "container_id_of",
    "container_path",
    "container_plan",
    "diagnose",
    "entrypoint_for",
    "explain_exit",
    "find_leftovers",
    "gpu_options",
    "image_for",
    "image_runs_engine",
    "inner_profile",
    "kill_argv",
    "labels_for",
    "logs_argv",
    "mounts_of",
    "new_container_name",
    "parse_mount",
    "pid_namespace_of",
    "publish_address",
    "resolve_runtime",
    "run_argv",
    "runtime_name",
    "specs_to_check",
    "stop_argv",
    "stop_leftover",
]
