"""What Start runs: the checks before a launch, the API key, and the launch plan.

A plan names the API key's variable but never reads it, so previews ("copy command
line") can build one freely; :func:`check_launch` is the one place the key is read.
"""

from __future__ import annotations

import contextlib
import os
import shlex
from collections.abc import Mapping, Sequence
from pathlib import Path

from panel.core.config.profiles import ApiKeyError, ContainerSpec, ServerProfile, resolve_api_key
from panel.core.engines import EngineAdapter, LaunchPlan
from panel.core.i18n import translate
from panel.core.servers import containers
from panel.core.servers.preflight import PreflightError, Problem, preflight


def make_plan(
    profile: ServerProfile,
    adapter: EngineAdapter,
    executable: str | None,
    environ: Mapping[str, str],
    image_entrypoint: Sequence[str] = (),
) -> LaunchPlan:
    """The plan for a host process, or for a fresh, uniquely named container.

    Pure: ``image_entrypoint`` comes from :func:`image_entrypoint`, called at start only.
    """
    if profile.container is None:
        return adapter.plan(profile, executable)
    spec = profile.container
    runtime = containers.resolve_runtime(spec, environ.get("PATH"))
    return containers.container_plan(
        profile,
        adapter,
        runtime or containers.runtime_name(spec),
        name=containers.new_container_name(profile.name),
        panel_pid=os.getpid(),
        image_entrypoint=image_entrypoint,
    )


def image_entrypoint(profile: ServerProfile, environ: Mapping[str, str]) -> tuple[list[str], str]:
    """The ENTRYPOINT of the profile's own image, asked of the runtime (at start only),
    and what to say about it in the server's log.

    Empty where it does not matter: a host process, a profile that sets its entrypoint,
    the default images (whose entrypoints the panel knows). Where the runtime cannot
    say, the command keeps the engine's name and ``docker run`` reports what follows.
    """
    spec = profile.container
    if spec is None or spec.entrypoint or not spec.image:
        return [], ""
    exe = containers.resolve_runtime(spec, environ.get("PATH"))
    if exe is None:
        return [], ""
    try:
        found = containers.ContainerRuntime(exe).image_entrypoint(spec.image)
    except containers.ContainerRuntimeError as exc:
        note = translate("ServerNotes", "cannot read the image's entrypoint: {error}")
        return [], note.format(error=exc)
    if not found:
        return found, ""
    note = translate("ServerNotes", "the image's entrypoint: {command}")
    return found, note.format(command=shlex.join(found))


def adopt_plan(
    profile: ServerProfile,
    adapter: EngineAdapter,
    info: containers.ContainerInfo,
    environ: Mapping[str, str],
) -> LaunchPlan:
    """The plan that follows a running container of ours; RuntimeError without a runtime."""
    spec = profile.container or ContainerSpec()
    # The runtime that found it: the profile's may have changed (docker <-> podman) since.
    runtime = info.runtime or containers.resolve_runtime(spec, environ.get("PATH"))
    if runtime is None:
        raise RuntimeError(translate("Containers", "no container runtime on PATH"))
    return containers.adopt_plan(profile, adapter, runtime, info)


def check_launch(
    profile: ServerProfile,
    adapter: EngineAdapter,
    *,
    check_port: bool,
    environ: dict[str, str],
) -> str | None:
    """The API key to launch with, once every check passed; raises :class:`PreflightError`."""
    problems = preflight(
        profile,
        adapter,
        check_port=check_port,
        environ=environ,
        check_api_key=False,  # read below, once, for the launch itself
    )
    key: str | None = None
    try:
        # The one place a key is read: a missing one is a start error, not a
        # failure of whoever previews the plan.
        key = resolve_api_key(profile.api_key_ref, environ)
    except ApiKeyError as exc:
        problems.append(Problem("api-key", str(exc)))
    if problems:
        raise PreflightError(problems)
    return key


def create_home_mounts(spec: ContainerSpec) -> None:
    """Create missing mount folders in the home directory, owned by the user.

    docker would create them owned by root, and the next `pip`/`huggingface-cli` run as
    the user could not write to its own cache.
    """
    home = Path.home()
    with contextlib.suppress(ValueError):
        for mount in containers.mounts_of(spec):
            if not mount.source.exists() and mount.source.is_relative_to(home):
                with contextlib.suppress(OSError):
                    mount.source.mkdir(parents=True)
