"""Ctrl-C and SIGTERM for the commands that supervise servers (``serve``, ``router``): the
first stops the servers in order, a further one kills them at once.

The handler only counts. Python runs a handler in the main thread between two bytecodes
of whatever that thread was doing, and that may be inside a lock that stopping needs
too: a second Ctrl-C whose handler called ``ServerProcess.kill()`` while the first one's
``stop()`` was still writing its note under the log's lock hung ``serve`` for good (seen
once in a full test run). So the commands' own loops act on the count, every
:data:`POLL` seconds, outside any handler.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Sequence
from types import FrameType, TracebackType
from typing import Protocol

__all__ = ["POLL", "Interrupts", "stop_in_order"]

#: How often the loops look at the count: the delay a Ctrl-C may wait before it acts.
POLL = 0.1


class Stoppable(Protocol):
    def stop(self) -> None: ...
    def kill(self) -> None: ...
    def wait(self, timeout: float | None = None) -> object | None: ...


class Interrupts:
    """SIGINT and SIGTERM counted while in the ``with`` block; the previous handlers are
    put back after it."""

    def __init__(self) -> None:
        self.count = 0
        self._previous: dict[int, object] = {}

    def __enter__(self) -> Interrupts:
        self._previous = {
            s: signal.signal(s, self._on_signal) for s in (signal.SIGINT, signal.SIGTERM)
        }
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)  # type: ignore[arg-type]

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        self.count += 1  # nothing else: see the module's docstring

    def wait_for_one(self) -> None:
        """Return once an interrupt came (a sleep ends early for none: PEP 475)."""
        while not self.count:
            time.sleep(POLL)


def stop_in_order(servers: Sequence[Stoppable], interrupts: Interrupts, timeout: float) -> bool:
    """Stop ``servers`` and wait for them; an interrupt coming meanwhile kills them at
    once. True when all ended within ``timeout``."""
    seen = interrupts.count
    for server in servers:
        server.stop()
    deadline = time.monotonic() + timeout
    killed = False
    while True:
        pending = [server for server in servers if server.wait(0) is None]
        if not pending:
            return True
        if not killed and interrupts.count > seen:
            killed = True
            for server in pending:
                server.kill()
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        pending[0].wait(min(POLL, left))
