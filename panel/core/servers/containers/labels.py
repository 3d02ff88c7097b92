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
# The panel process's start time beside its pid: a pid is reused after the panel dies,
# and a container must not pass for a live panel's because some other program got it.
LABEL_PANEL_STARTED = f"{LABEL}.panel-started"


def labels_for(profile: ServerProfile, panel_pid: int | None = None) -> dict[str, str]:
    labels = {
        LABEL_MANAGED: "true",
        LABEL_PROFILE: profile.name,
        LABEL_ENGINE: profile.engine.value,
        LABEL_PORT: str(profile.port),
    }
    if panel_pid is not None:
        labels[LABEL_PANEL_PID] = str(panel_pid)
        started = _start_time(panel_pid)
        if started is not None:
            labels[LABEL_PANEL_STARTED] = f"{started:.2f}"
    return labels


def _start_time(pid: int) -> float | None:
    import psutil

    try:
        return float(psutil.Process(pid).create_time())
    except psutil.Error:
        return None


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

        if self.panel_pid is None:
            return False
        try:
            proc = psutil.Process(self.panel_pid)
            if proc.status() == psutil.STATUS_ZOMBIE:
                return False
            started = self.labels.get(LABEL_PANEL_STARTED)
            # Labels written before the start time was recorded: the pid alone decides.
            return started is None or abs(proc.create_time() - float(started)) < 1.0
        except (psutil.Error, ValueError):
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
