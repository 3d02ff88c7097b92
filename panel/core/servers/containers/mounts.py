"""Bind mounts (``docker run -v``), and where a host path appears inside the container.

A profile's model and arguments name host paths; :func:`inner_profile` rewrites them to
the paths the engine inside the container sees.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from panel.core.config.profiles import ContainerSpec, Network, ServerProfile
from panel.core.i18n import translate


@dataclass(frozen=True)
class Mount:
    source: Path  # on the host, ~ expanded
    target: str  # in the container
    options: str = ""  # "ro", ...

    def option(self) -> str:
        text = f"{self.source}:{self.target}"
        return f"{text}:{self.options}" if self.options else text


def parse_mount(text: str) -> Mount:
    """``HOST:CONTAINER[:OPTIONS]``, as ``docker run -v`` takes it; ValueError when not."""
    parts = text.strip().split(":")
    if len(parts) not in (2, 3) or not parts[0] or not parts[1].startswith("/"):
        said = translate("Preflight", "mount {mount} is not HOST_PATH:CONTAINER_PATH[:ro]")
        raise ValueError(said.format(mount=repr(text)))
    source = Path(os.path.expanduser(parts[0]))
    if not source.is_absolute():
        said = translate(
            "Preflight", "mount {mount}: the host path must be absolute (or start with ~)"
        )
        raise ValueError(said.format(mount=repr(text)))
    return Mount(source, parts[1], parts[2] if len(parts) == 3 else "")


def mounts_of(spec: ContainerSpec) -> list[Mount]:
    return [parse_mount(m) for m in spec.mounts if m.strip()]


def container_path(host_path: str, mounts: Sequence[Mount]) -> str | None:
    """Where a host file appears inside the container, or None when no mount holds it."""
    path = Path(os.path.expanduser(host_path))
    best: tuple[int, str] | None = None
    for mount in mounts:
        try:
            rest = path.relative_to(mount.source)
        except ValueError:
            continue
        depth = len(mount.source.parts)
        inside = mount.target.rstrip("/") + ("/" + rest.as_posix() if rest.parts else "")
        if best is None or depth > best[0]:  # the most specific mount wins, like docker
            best = (depth, inside or "/")
    return best[1] if best else None


def inner_profile(profile: ServerProfile) -> ServerProfile:
    """The profile as the engine inside the container sees it: paths and bind address.

    Host paths under a mount become container paths; with a published port the server
    must bind all addresses *inside* (only the publish decides what the host exposes).
    """
    spec = profile.container or ContainerSpec()
    mounts = mounts_of(spec)

    def inside(value: str) -> str:
        if not value.startswith(("/", "~")):
            return value
        mapped = container_path(value, mounts)
        return mapped if mapped is not None else value

    host = "0.0.0.0" if spec.network is Network.PUBLISH else profile.host
    return profile.copy(
        model=inside(profile.model),
        args=[inside(a) for a in profile.args],
        host=host,
        container=None,
    )
