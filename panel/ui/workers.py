"""The one place the window runs work off the GUI thread and brings results back to it.

Two shapes cover every case in the window:

- :class:`OffThread`: run a function once on Qt's global thread pool; its return value (or
  the exception it raised) is handed to a callback on the GUI thread. For checks that ask a
  daemon, scans of the disk, HTTP requests, waiting on a process.
- :class:`ToGui`: a callable that any thread may call; the call is queued to the GUI
  thread. For core objects that report from their own threads (the GPU sampler, a pull's
  progress, a server's readiness) through plain callbacks.

Both live in the GUI thread and are parented to a widget: once that widget is gone, late
results are dropped quietly instead of reaching a deleted object. No other module in
``panel.ui`` imports ``threading`` (an import-linter contract holds that).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

__all__ = ["Cancel", "OffThread", "ToGui", "run_detached"]

# A flag a worker checks between steps; set from the GUI thread to ask it to stop.
Cancel = threading.Event


class _Job(QRunnable):
    """One OffThread's work. A class at module level, not one made per call: PySide keeps
    every QRunnable subclass it has seen, about 1.5 KB each, for good (the window's soak
    grew 80 KB a cycle, the once-a-second metrics poll 1.5 KB a second)."""

    def __init__(self, fn: Callable[[], object], relay: OffThread) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            outcome: object = self._fn()
        except Exception as exc:  # the caller turns it into a message
            outcome = exc
        with contextlib.suppress(RuntimeError):  # the owner (and relay) is gone
            self._relay._finished.emit(outcome)


class OffThread(QObject):
    """Run ``fn`` on the global thread pool and hand its outcome to ``on_done`` on the GUI
    thread: the value it returned, or the exception it raised.

    The outcome travels through a queued connection to this object (which lives on the GUI
    thread); a job whose owner was deleted meanwhile is dropped quietly.
    """

    _finished = Signal(object)

    def __init__(
        self,
        fn: Callable[[], object],
        on_done: Callable[[object], None],
        parent: QObject,
        pool: QThreadPool | None = None,
    ) -> None:
        super().__init__(parent)
        self._on_done = on_done
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        (pool or QThreadPool.globalInstance()).start(_Job(fn, self))

    @Slot(object)
    def _deliver(self, outcome: object) -> None:
        self._on_done(outcome)
        self.deleteLater()


class ToGui(QObject):
    """Wrap a GUI-thread callable so that any thread may call it.

    ``ToGui(self._on_progress, self)`` is itself callable with the same arguments; each call
    is queued and runs ``fn`` on the GUI thread, in order. Calls after the parent is deleted
    are dropped.
    """

    _called = Signal(tuple)

    def __init__(self, fn: Callable[..., object], parent: QObject) -> None:
        super().__init__(parent)
        self._fn = fn
        self._called.connect(self._run, Qt.ConnectionType.QueuedConnection)

    def __call__(self, *args: Any) -> None:
        with contextlib.suppress(RuntimeError):  # the parent (and so this object) is gone
            self._called.emit(args)

    @Slot(tuple)
    def _run(self, args: tuple[Any, ...]) -> None:
        self._fn(*args)


def run_detached(fn: Callable[[], object], name: str) -> None:
    """Run ``fn`` on a daemon thread of its own and forget it.

    Only for work that must not wait for a pool slot and whose outcome nobody needs
    (stopping a container while the window closes). Anything with a result uses
    :class:`OffThread`.
    """
    threading.Thread(target=fn, daemon=True, name=name).start()
