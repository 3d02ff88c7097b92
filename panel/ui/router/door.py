"""The router's address, held from the window's start; the router itself loads on the
first knock.

Every window runs the router by default, few users send it a request every day: binding
its socket right after the first paint (a millisecond, standard library only) keeps the
address and says a taken port at once, while aiohttp and the router (about 20 MB of
memory, 0.3-0.6 s to import) wait until a client connects or the Router tab is opened.
The client's connection waits in the socket's backlog meanwhile
(:mod:`panel.core.router.listening`).
"""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier

DOOR_NAME = "RouterDoor"


class RouterDoor(QObject):
    """A bound, listening socket and a notifier that calls ``on_knock`` once."""

    def __init__(self, sock: socket.socket, on_knock: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self.setObjectName(DOOR_NAME)
        self._sock: socket.socket | None = sock
        self._on_knock = on_knock
        self._notifier: QSocketNotifier | None = QSocketNotifier(
            sock.fileno(), QSocketNotifier.Type.Read, self
        )
        self._notifier.activated.connect(self._knocked)

    @property
    def port(self) -> int:
        return int(self._sock.getsockname()[1]) if self._sock is not None else 0

    def _knocked(self) -> None:
        self._quiet()
        self._on_knock()

    def _quiet(self) -> None:
        # The socket changes hands: this thread must stop watching its descriptor first.
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None

    def take(self) -> socket.socket | None:
        """The socket, for the router to serve on (once; None afterwards)."""
        self._quiet()
        sock, self._sock = self._sock, None
        return sock

    def close(self) -> None:
        self._quiet()
        sock, self._sock = self._sock, None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.close()
