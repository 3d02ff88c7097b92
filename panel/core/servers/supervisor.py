"""Supervising server processes: all the servers of one panel, by profile name.

Each is a :class:`~panel.core.servers.server_process.ServerProcess` (start, watch, probe,
stop, no orphans); this module keeps one per profile and stops them all at the end. The
names other code imports from here (``ServerProcess``, ``ServerState``, ``StateChange``)
stay importable from here.
"""

from __future__ import annotations

import time

from panel.core.config.profiles import ServerProfile
from panel.core.engines import adapter_for
from panel.core.i18n import translate
from panel.core.servers.server_process import ServerProcess
from panel.core.servers.server_state import ServerState, StateChange

__all__ = ["ServerProcess", "ServerState", "StateChange", "Supervisor"]


class Supervisor:
    """All the servers of one panel, by profile name."""

    def __init__(self, **server_options: object) -> None:
        self._servers: dict[str, ServerProcess] = {}
        self._options = server_options

    def server(self, profile: ServerProfile) -> ServerProcess:
        current = self._servers.get(profile.name)
        if current is None:
            current = ServerProcess(profile, **self._options)  # type: ignore[arg-type]
            self._servers[profile.name] = current
        elif not current.state.running:
            current.profile = profile  # edits apply from the next start
            current.adapter = adapter_for(profile.engine)
        return current

    def get(self, name: str) -> ServerProcess | None:
        return self._servers.get(name)

    def forget(self, name: str) -> None:
        server = self._servers.get(name)
        if server is not None and server.state.running:
            raise RuntimeError(translate("ServerNotes", "{name} is running").format(name=name))
        self._servers.pop(name, None)

    def running(self) -> list[ServerProcess]:
        return [s for s in self._servers.values() if s.state.running]

    def stop_all(self, timeout: float | None = None) -> bool:
        """Stop every server and wait; True when all have ended within ``timeout``."""
        servers = self.running()
        for server in servers:
            server.stop()
        deadline = None if timeout is None else time.monotonic() + timeout
        for server in servers:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            if server.wait(left) is None:
                return False
        return True
