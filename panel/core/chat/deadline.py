"""A deadline for a whole answer, beside the per-read timeout.

httpx's timeouts bound each read, so a server that sends a keep-alive comment every two
seconds holds a request forever. The deadline's timer sets :attr:`AnswerDeadline.expired`
when the time is up, and a :class:`~panel.core.chat.cancel_watch.CancelWatch` on that
event cuts the socket as Stop does; the reader then reports the deadline, not the cut.
"""

from __future__ import annotations

import threading

import httpx

from panel.core.chat.cancel_watch import CancelWatch


class AnswerDeadline:
    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds  # None: no deadline
        self.expired = threading.Event()
        self._timer: threading.Timer | None = None
        self._watch: CancelWatch | None = None

    def arm(self) -> None:
        """Start the clock (before the request: waiting for the headers counts too)."""
        if self.seconds is None:
            return
        self._timer = threading.Timer(self.seconds, self.expired.set)
        self._timer.daemon = True
        self._timer.start()

    def watch(self, response: httpx.Response) -> None:
        if self.seconds is not None:
            self._watch = CancelWatch(self.expired)
            self._watch.start(response)

    def stop(self) -> None:
        """Before the response goes back to the pool: a late cut must not hit the next."""
        if self._timer is not None:
            self._timer.cancel()
        if self._watch is not None:
            self._watch.stop()
