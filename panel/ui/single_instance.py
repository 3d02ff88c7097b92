"""One panel per user and config: a second launch raises the first window instead.

Two panels on one config would fight over the same ports and servers. The first panel
listens on a local socket named after the user and the config file; a later launch
connects, says "raise", and exits.

The socket is the standard library's, watched by a :class:`QSocketNotifier`, rather than
QtNetwork's ``QLocalServer``: the claim comes before the window's first paint, and
QtNetwork (5 ms) and hashlib (3 ms, OpenSSL) were a tenth of what the panel added to a
bare window's start (issue 15). On Linux the name lives in the abstract namespace: no
file is left behind by a panel that crashed, and binding it is the claim, atomically (two
panels launched together cannot both win). Elsewhere it is a file in the temporary
folder, removed when nobody answers on it.
"""

from __future__ import annotations

import contextlib
import os
import socket
import struct
import sys
import tempfile
import zlib
from pathlib import Path

from PySide6.QtCore import QObject, QSocketNotifier, Signal

RAISE = b"raise\n"

# A later launch's message arrives with its connection; a bound on waiting for it.
_READ_TIMEOUT_S = 0.5
_ABSTRACT = sys.platform.startswith("linux")


def instance_name(config_path: Path) -> str:
    # A checksum, not a cryptographic hash: it only tells configs of one user apart.
    digest = zlib.crc32(str(config_path.resolve()).encode()) & 0xFFFFFFFF
    return f"inference-panel-{os.getuid()}-{digest:08x}"


def _address(name: str) -> str | bytes:
    if _ABSTRACT:
        return b"\0" + name.encode()
    return str(Path(tempfile.gettempdir()) / name)


def _peer_uid(conn: socket.socket) -> int | None:
    """The uid at the other end (Linux); None where the system does not say."""
    if not hasattr(socket, "SO_PEERCRED"):
        return None
    creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    return int(struct.unpack("3i", creds)[1])


class SingleInstance(QObject):
    """``claim()`` makes this the panel for the config; ``activated`` fires on a relaunch."""

    activated = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server: socket.socket | None = None
        self._notifier: QSocketNotifier | None = None

    def notify_running(self, timeout_ms: int = 1000) -> bool:
        """Ask a running panel to raise its window; True when one answered."""
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(timeout_ms / 1000)
            try:
                conn.connect(_address(self.name))
                conn.sendall(RAISE)
            except OSError:
                return False
        return True

    def claim(self) -> bool:
        """Listen for later launches. False if another panel holds the name."""
        address = _address(self.name)
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            server.bind(address)
        except OSError:
            if self.notify_running(300) or _ABSTRACT:
                server.close()
                return False
            # A file left by a panel that crashed: nobody answers on it.
            assert isinstance(address, str)
            with contextlib.suppress(FileNotFoundError):
                os.unlink(address)
            server.bind(address)
        if not _ABSTRACT:
            os.chmod(address, 0o600)
        server.listen(8)
        server.setblocking(False)
        self._server = server
        self._notifier = QSocketNotifier(server.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_connection)
        return True

    def release(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._server is not None:
            if not _ABSTRACT:
                with contextlib.suppress(OSError):
                    os.unlink(self._server.getsockname())
            self._server.close()
            self._server = None

    def _on_connection(self) -> None:
        assert self._server is not None
        while True:
            try:
                conn, _peer = self._server.accept()
            except BlockingIOError:
                return
            with conn:
                # The abstract namespace has no file permissions: another user's
                # process could connect. Only this user's launches raise the window.
                uid = _peer_uid(conn)
                if uid is not None and uid != os.getuid():
                    continue
                # One short message from a process that is starting up: read it right
                # here rather than keep per-socket state and callbacks alive.
                conn.settimeout(_READ_TIMEOUT_S)
                with contextlib.suppress(OSError):
                    if conn.recv(64).startswith(RAISE.strip()):
                        self.activated.emit()
