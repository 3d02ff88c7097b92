"""One panel per user and config: a second launch raises the first window instead.

Two panels on one config would fight over the same ports and servers. The first panel
listens on a local socket named after the user and the config file; a later launch
connects, says "raise", and exits.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

RAISE = b"raise\n"


def instance_name(config_path: Path) -> str:
    digest = hashlib.sha256(str(config_path.resolve()).encode()).hexdigest()[:12]
    return f"inference-panel-{os.getuid()}-{digest}"


class SingleInstance(QObject):
    """``claim()`` makes this the panel for the config; ``activated`` fires on a relaunch."""

    activated = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server: QLocalServer | None = None

    def notify_running(self, timeout_ms: int = 1000) -> bool:
        """Ask a running panel to raise its window; True when one answered."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(timeout_ms):
            return False
        socket.write(RAISE)
        socket.waitForBytesWritten(timeout_ms)
        socket.disconnectFromServer()
        return True

    def claim(self) -> bool:
        """Listen for later launches. False if another panel holds the name."""
        if self.notify_running(300):
            return False
        # A panel that crashed leaves its socket file behind; no one answers it.
        QLocalServer.removeServer(self.name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            return False
        server.newConnection.connect(self._on_connection)
        self._server = server
        return True

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

    def _on_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            # One short message from a process that is starting up: read it right here
            # rather than keep per-socket state and callbacks alive.
            if socket.bytesAvailable() or socket.waitForReadyRead(500):
                message = bytes(socket.readAll().data())
                if message.startswith(RAISE.strip()):
                    self.activated.emit()
            socket.abort()
            socket.deleteLater()
