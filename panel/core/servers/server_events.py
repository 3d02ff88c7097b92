"""A server's state and log as others see them, and the listeners told of each change."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable, Sequence

from panel.core.engines import LoadProgress
from panel.core.servers.logbuffer import LogBuffer, LogLine
from panel.core.servers.server_state import (
    LineListener,
    ProcessOutcome,
    ServerState,
    StateChange,
    StateListener,
)


class ServerEvents:
    """The observable side of a :class:`~panel.core.servers.supervisor.ServerProcess`.

    Its state, load progress and log change on the supervisor's threads, and listeners
    are called on those threads: a UI must hand the calls over to its own thread.
    """

    def __init__(self, log: LogBuffer) -> None:
        self.log = log
        self._lock = threading.RLock()
        self._state = ServerState.STOPPED
        self._progress: LoadProgress | None = None
        self._state_listeners: list[StateListener] = []
        self._line_listeners: list[LineListener] = []

    @property
    def state(self) -> ServerState:
        return self._state

    @property
    def progress(self) -> LoadProgress | None:
        return self._progress

    def add_state_listener(self, listener: StateListener) -> None:
        self._state_listeners.append(listener)

    def add_line_listener(self, listener: LineListener) -> None:
        self._line_listeners.append(listener)

    def remove_listeners(self) -> None:
        self._state_listeners.clear()
        self._line_listeners.clear()

    def wait_ready(self, timeout: float | None = None) -> bool:
        """Block until READY (True) or the run ends or times out (False). For scripts."""
        ready = threading.Event()

        def on_state(server: ServerEvents, change: StateChange) -> None:
            if change.state is ServerState.READY or not change.state.running:
                ready.set()

        self._state_listeners.append(on_state)
        try:
            if self._state is ServerState.READY:
                return True
            if not self._state.running:
                return False
            ready.wait(timeout)
            return self._current() is ServerState.READY
        finally:
            self._state_listeners.remove(on_state)

    def _current(self) -> ServerState:
        """The state now; other threads change it, so never trust a narrowed copy."""
        return self._state

    def _note(self, text: str) -> None:
        """A line of our own in the server's log, so the log tells the whole story."""
        run_log = self.log.run_log
        if run_log is not None:
            run_log.note(text)
        self._emit_lines(self.log.extend("panel", [text]))

    def _set_state(
        self, state: ServerState, outcome: ProcessOutcome | None = None, *, force: bool = False
    ) -> None:
        with self._lock:
            previous = self._state
            if previous is state and not force:
                return
            self._state = state
            change = StateChange(state, previous, self._progress, outcome)
            for listener in list(self._state_listeners):
                _call(listener, self, change)

    def _emit_lines(self, lines: Sequence[LogLine]) -> None:
        for listener in list(self._line_listeners):
            _call(listener, self, lines)


def _call(listener: Callable[..., None], *args: object) -> None:
    try:
        listener(*args)
    except Exception:  # a broken listener must not kill the thread watching a server
        traceback.print_exc()
