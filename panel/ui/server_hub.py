"""The bridge between the Qt-free supervisor and the widgets.

Supervisor listeners run on reader and watcher threads. The hub turns them into Qt
signals on the GUI thread. Log lines are the firehose: they are parked in a locked
list per server and announced with *one* queued signal per batch, so a server printing
a million lines costs the GUI a handful of slot calls, not a million.
"""

from __future__ import annotations

import threading
from collections import deque

from PySide6.QtCore import QObject, Signal, Slot

from panel.core.config.profiles import ServerProfile
from panel.core.servers.attached import AttachedWatcher
from panel.core.servers.logbuffer import LogLine
from panel.core.servers.supervisor import ServerProcess, StateChange, Supervisor

MAX_PENDING = 5_000  # lines parked per server between two GUI turns; more is unreadable


class ServerHub(QObject):
    """Owns the supervisor for the window; emits GUI-thread signals for server events."""

    stateChanged = Signal(str, object)  # profile name, StateChange
    linesArrived = Signal(str, list, int)  # profile name, list[LogLine], lines dropped before
    attachedProbed = Signal(str, object)  # profile name, ProbeResult
    _linesPending = Signal(str)  # internal: from reader threads to the GUI thread

    def __init__(self, supervisor: Supervisor | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.supervisor = supervisor or Supervisor()
        self._lock = threading.Lock()
        self._pending: dict[str, deque[LogLine]] = {}
        self._dropped: dict[str, int] = {}
        self._linesPending.connect(self._drain)
        self._attached = AttachedWatcher(
            lambda profile, result: self.attachedProbed.emit(profile.name, result)
        )

    def watch_attached(self, profiles: list[ServerProfile]) -> None:
        """Probe the attached profiles among these every few seconds."""
        self._attached.set_profiles(profiles)

    def close(self) -> None:
        self._attached.stop()

    def server(self, profile: ServerProfile) -> ServerProcess:
        """The profile's server process, wired to this hub the first time it is asked for."""
        known = self.supervisor.get(profile.name)
        server = self.supervisor.server(profile)
        if known is None:
            server.add_state_listener(self._on_state)
            server.add_line_listener(self._on_lines)
        return server

    def running(self) -> list[ServerProcess]:
        return self.supervisor.running()

    def forget(self, name: str) -> None:
        server = self.supervisor.get(name)
        self.supervisor.forget(name)
        if server is not None:
            server.remove_listeners()

    # -- called on supervisor threads -------------------------------------------------
    def _on_state(self, server: ServerProcess, change: StateChange) -> None:
        self.stateChanged.emit(server.profile.name, change)

    def _on_lines(self, server: ServerProcess, lines: list[LogLine]) -> None:
        name = server.profile.name
        with self._lock:
            queue = self._pending.get(name)
            fresh = queue is None
            if queue is None:
                queue = self._pending[name] = deque(maxlen=MAX_PENDING)
            # A starved GUI thread must not be handed a million lines at once: the
            # bounded deque drops the oldest (cheaply, on this thread) and we count them.
            excess = len(queue) + len(lines) - MAX_PENDING
            if excess > 0:
                self._dropped[name] = self._dropped.get(name, 0) + excess
            queue.extend(lines)
            if not fresh:
                return  # a drain is already on its way
        self._linesPending.emit(name)

    # -- GUI thread --------------------------------------------------------------------
    @Slot(str)
    def _drain(self, name: str) -> None:
        with self._lock:
            lines = list(self._pending.pop(name, ()))
            dropped = self._dropped.pop(name, 0)
        if lines or dropped:
            self.linesArrived.emit(name, lines, dropped)
