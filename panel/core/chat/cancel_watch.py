"""Cutting a blocked read short when the user presses Stop.

httpx offers no way to interrupt a blocking read from another thread; shutting the socket
down does. The watch runs beside one response and does that as soon as ``cancel`` is set.
"""

from __future__ import annotations

import contextlib
import socket
import threading

import httpx

CANCEL_POLL = 0.02  # seconds; how quickly a cancel from another thread cuts the socket


class CancelWatch:
    """Shuts the response's socket down when ``cancel`` is set, until :meth:`stop`."""

    def __init__(self, cancel: threading.Event) -> None:
        self._cancel = cancel
        self._lock = threading.Lock()
        self._done = False

    def start(self, response: httpx.Response) -> None:
        stream = response.extensions.get("network_stream")
        sock = stream.get_extra_info("socket") if stream is not None else None
        if isinstance(sock, socket.socket):
            # Without a real socket (a test transport) the reader checks between chunks.
            watcher = threading.Thread(
                target=self._watch, args=(sock,), name="chat-cancel", daemon=True
            )
            watcher.start()

    def stop(self) -> None:
        with self._lock:
            self._done = True

    def _watch(self, sock: socket.socket) -> None:
        while not self._done:
            if self._cancel.wait(CANCEL_POLL):
                with self._lock:
                    if not self._done:
                        with contextlib.suppress(OSError):  # already closed
                            sock.shutdown(socket.SHUT_RDWR)
                return
