"""Our labels on a container, and what ``docker inspect`` says about one (:class:`ContainerInfo`).

Every container the panel starts carries ``io.github.inference_panel.managed=true`` plus
its profile, engine, port and the panel's pid, so a panel can find the ones left behind
and tell whether the panel that started them still runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from panel.core.config.profiles import ServerProfile

LABEL = "io.github.inference_panel"
LABEL_MANAGED = f"{LABEL}.managed"
LABEL_PROFILE = f"{LABEL}.profile"
LABEL_ENGINE = f"{LABEL}.engine"
LABEL_PORT = f"{LABEL}.port"
LABEL_PANEL_PID = f"{LABEL}.panel-pid"


def labels_for(profile: ServerProfile, panel_pid: int | None = None) -> dict[str, str]:
    labels = {
        LABEL_MANAGED: "true",
        LABEL_PROFILE: profile.name,
        LABEL_ENGINE: profile.engine.value,
        LABEL_PORT: str(profile.port),
    }
    if panel_pid is not None:
        labels[LABEL_PANEL_PID] = str(panel_pid)
    return labels


@dataclass(frozen=True)
class ContainerInfo:
    """What ``docker inspect`` says about one container."""

    id: str
    name: str
    image: str
    running: bool
    pid: int  # the container's first process, as a host pid; 0 when not running
    labels: dict[str, str] = field(default_factory=dict)
    # The runtime that reported it (docker or podman's executable); "" when not known.
    runtime: str = ""

    @property
    def profile_name(self) -> str:
        return self.labels.get(LABEL_PROFILE, "")

    @property
    def port(self) -> int | None:
        try:
            return int(self.labels.get(LABEL_PORT, ""))
        except ValueError:
            return None

    @property
    def panel_pid(self) -> int | None:
        try:
            return int(self.labels.get(LABEL_PANEL_PID, ""))
        except ValueError:
            return None

    def panel_alive(self) -> bool:
        """Whether the panel that started it still runs (False when not known)."""
        import psutil

        try:
            return self.panel_pid is not None and (
                psutil.Process(self.panel_pid).status() != psutil.STATUS_ZOMBIE
            )
        except psutil.Error:
            return False

    @classmethod
    def from_inspect(cls, data: Mapping[str, object], runtime: str = "") -> ContainerInfo:
        state = data.get("State") or {}
        config = data.get("Config") or {}
        assert isinstance(state, dict) and isinstance(config, dict)
        return cls(
            id=str(data.get("Id", "")),
            name=str(data.get("Name", "")).lstrip("/"),
            image=str(config.get("Image", "")),
            running=bool(state.get("Running", False)),
            pid=int(state.get("Pid") or 0),
            labels=dict(config.get("Labels") or {}),
            runtime=runtime,
        )
