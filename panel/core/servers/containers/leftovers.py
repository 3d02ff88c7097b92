"""Containers with our label that this panel did not start: finding and stopping them.

A panel that is killed together with its guard leaves its containers running (and
holding GPU memory); the next panel lists them and offers to stop or adopt them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable

from panel.core.config.profiles import ContainerSpec, ServerProfile
from panel.core.i18n import translate
from panel.core.servers.containers.errors import INSTALL_HINT, ContainerRuntimeError
from panel.core.servers.containers.labels import ContainerInfo
from panel.core.servers.containers.runtime import ContainerRuntime, resolve_runtime


def find_leftovers(
    specs: Iterable[ContainerSpec],
    own_pid: int | None = None,
    path_env: str | None = None,
    runtime: Callable[[str], ContainerRuntime] = ContainerRuntime,
) -> list[ContainerInfo]:
    """Running containers with our label that this panel did not start.

    Asks each runtime the profiles use (docker, podman) once. Blocks on the daemon:
    call it off the GUI thread. A runtime that is missing or not running yields nothing
    (there is nothing to warn about: no container can be running there).
    """
    own = os.getpid() if own_pid is None else own_pid
    seen_exes: set[str] = set()
    seen_ids: set[str] = set()
    found: list[ContainerInfo] = []
    for spec in specs:
        exe = resolve_runtime(spec, path_env)
        if exe is None or exe in seen_exes:
            continue
        seen_exes.add(exe)
        try:
            infos = runtime(exe).list_managed()
        except ContainerRuntimeError:  # daemon down, no permission, hung: nothing to list
            continue
        for info in infos:
            if info.id not in seen_ids and info.panel_pid != own:
                seen_ids.add(info.id)
                found.append(info)
    return found


def specs_to_check(profiles: Iterable[ServerProfile]) -> list[ContainerSpec]:
    """The runtimes to ask: the container profiles' own, or the usual one."""
    specs = [p.container for p in profiles if p.container is not None]
    return specs or [ContainerSpec()]


def stop_leftover(
    info: ContainerInfo,
    grace: float,
    spec: ContainerSpec | None = None,
    path_env: str | None = None,
) -> None:
    """``docker stop`` a leftover container with the runtime that found it (else the one
    its profile uses): a podman container whose profile is gone must not be asked of
    docker, which would answer "No such container" and leave it running."""
    exe = info.runtime or resolve_runtime(spec or ContainerSpec(), path_env)
    if exe is None:
        raise ContainerRuntimeError(
            translate("Containers", "no container runtime on PATH"),
            translate("Containers", INSTALL_HINT),
            "missing-runtime",
        )
    ContainerRuntime(exe).stop(info.name, grace)
