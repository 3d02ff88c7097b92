"""What a supervised server is doing, how its run ended, and who hears about it.

The states a :class:`~panel.core.servers.supervisor.ServerProcess` moves through::

    STOPPED -> STARTING -> LOADING -> READY -> STOPPING -> STOPPED
                  \\__________\\__________\\______________-> CRASHED(outcome)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from panel.core.i18n import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:  # at run time only in annotations: not loaded before the first paint
    from panel.core.engines import LoadProgress
    from panel.core.servers.logbuffer import LogLine
    from panel.core.servers.supervisor import ServerProcess


class ServerState(StrEnum):
    STOPPED = "stopped"
    STARTING = "starting"
    LOADING = "loading"
    READY = "ready"
    STOPPING = "stopping"
    CRASHED = "crashed"

    @property
    def running(self) -> bool:
        return self in (
            ServerState.STARTING,
            ServerState.LOADING,
            ServerState.READY,
            ServerState.STOPPING,
        )


# A whole sentence per state: the state's word glued into one would stay English.
_ALREADY = {
    ServerState.STARTING: QT_TRANSLATE_NOOP("ServerNotes", "{name} is already starting"),
    ServerState.LOADING: QT_TRANSLATE_NOOP("ServerNotes", "{name} is already loading"),
    ServerState.READY: QT_TRANSLATE_NOOP("ServerNotes", "{name} is already ready"),
    ServerState.STOPPING: QT_TRANSLATE_NOOP("ServerNotes", "{name} is already stopping"),
}


def already(name: str, state: ServerState) -> str:
    """Why a server in ``state`` (a running one) cannot be started or adopted again."""
    return translate("ServerNotes", _ALREADY[state]).format(name=name)


@dataclass(frozen=True)
class ProcessOutcome:
    """How a server run ended, in a form a person can read."""

    exit_code: int | None  # None when a signal ended it
    signal: int | None
    requested: bool  # the user (or the panel, e.g. on quit) asked it to stop
    reason: str
    last_lines: tuple[str, ...]
    ran_for: float  # seconds

    @property
    def crashed(self) -> bool:
        return not self.requested


@dataclass(frozen=True)
class StateChange:
    state: ServerState
    previous: ServerState
    progress: LoadProgress | None = None
    outcome: ProcessOutcome | None = None


# Called on the supervisor's threads: a UI hands the calls over to its own thread.
StateListener = Callable[["ServerProcess", StateChange], None]
# The lines come as a Sequence (a LineChunk): LogLine objects are made only when read.
LineListener = Callable[["ServerProcess", "Sequence[LogLine]"], None]
