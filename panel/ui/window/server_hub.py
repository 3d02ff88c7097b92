"""The bridge between the Qt-free supervisor and the widgets.

Supervisor listeners run on reader and watcher threads. The hub turns them into Qt
signals on the GUI thread. Log lines are the firehose, and they stay where they are: the
hub only says *which* server has new lines, at most one queued notice per server in
flight, and the log view pulls the lines of the one server it shows from that server's
``LogBuffer``. A server printing a million lines costs the GUI a handful of slot calls,
and a server nobody looks at costs it nothing but those notices.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal

from panel.core.config.profiles import ServerProfile
from panel.core.servers.attached import AttachedWatcher
from panel.core.servers.logbuffer import LogLine
from panel.core.servers.server_state import StateChange
from panel.core.servers.supervisor import ServerProcess, Supervisor
from panel.ui.workers import ToGui


class ServerHub(QObject):
    """Owns the supervisor for the window; emits GUI-thread signals for server events."""

    stateChanged = Signal(str, object)  # profile name, StateChange
    linesAvailable = Signal(str)  # profile name: its LogBuffer has lines to pull
    attachedProbed = Signal(str, object)  # profile name, ProbeResult

    def __init__(self, supervisor: Supervisor | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.supervisor = supervisor or Supervisor()
        # Servers with a notice on its way to the GUI thread. Only set operations, each
        # atomic: a reader that finds its name here knows the coming notice is announced
        # after its lines were appended, so the pull it causes will see them.
        self._announcing: set[str] = set()
        self._announce = ToGui(self._on_announced, self)
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

    def _on_lines(self, server: ServerProcess, lines: Sequence[LogLine]) -> None:
        name = server.profile.name
        if name in self._announcing:
            return  # a notice is already on its way
        self._announcing.add(name)
        self._announce(name)

    # -- GUI thread --------------------------------------------------------------------
    def _on_announced(self, name: str) -> None:
        # Cleared before the signal: lines appended from now on announce themselves anew.
        self._announcing.discard(name)
        self.linesAvailable.emit(name)
