"""Restarting a server that crashed, waiting longer after each crash in a row."""

from __future__ import annotations

import threading
from collections.abc import Callable

MAX_CRASHES = 5  # in a row; then the server stays down until someone starts it
STEADY_AFTER = 60.0  # seconds ready after which a crash no longer counts as "in a row"


class AutoRestart:
    """The crash count and the pending restart of one server (not thread-safe: lock it)."""

    def __init__(self) -> None:
        self.crash_count = 0
        self._timer: threading.Timer | None = None

    def run_ended(self, *, requested: bool, was_ready_for: float) -> None:
        if requested or was_ready_for > STEADY_AFTER:
            self.crash_count = 0
        if not requested:
            self.crash_count += 1

    def next_delay(self) -> float | None:
        """Seconds to wait before the next restart; None once it crashed too often."""
        if self.crash_count > MAX_CRASHES:
            return None
        return min(60.0, 2.0 ** (self.crash_count - 1))

    def schedule(self, delay: float, start: Callable[[], None]) -> None:
        timer = threading.Timer(delay, start)
        timer.daemon = True
        self._timer = timer
        timer.start()

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
