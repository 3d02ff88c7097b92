"""Sample the GPUs off the GUI thread and publish snapshots to subscribers.

The pattern is nvitop's (``nvitop/tui/library/history.py``): one background reader and
no sampling while nothing shows the data. Subscribers are plain callables, so this
module stays Qt-free; the UI wraps its callback in something that crosses to the GUI
thread (``panel.ui.workers.ToGui``). The sampler keeps only the newest snapshot; the
graphs' history (with each server's share) is :mod:`panel.core.gpu.history`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from panel.core.gpu.nvml import GpuSnapshot, Nvml

__all__ = ["GpuSampler", "SnapshotCallback"]

_log = logging.getLogger(__name__)

SnapshotCallback = Callable[[GpuSnapshot], None]


class GpuSampler:
    """Reads :meth:`Nvml.snapshot` every ``interval`` seconds on a background thread.

    Sampling runs only while at least one callback is subscribed: the first
    :meth:`subscribe` starts the thread, removing the last subscriber stops it.
    **Callbacks run on the sampler thread**; UI code must hand the snapshot over to its
    own thread (a Qt signal with a queued connection) and must not block in the callback.
    A callback that raises is logged and does not stop sampling.

    While NVML is unavailable snapshots (carrying the status, so the UI can say why)
    still arrive, but only every ``unavailable_interval`` seconds.

    :meth:`latest` is the newest snapshot; it survives stop and restart.

    ``nvml`` is not shut down by the sampler; whoever owns it calls ``nvml.shutdown()``
    at exit (:attr:`nvml` is the one in use, created here if none was given).
    """

    def __init__(
        self,
        nvml: Nvml | None = None,
        *,
        interval: float = 0.25,
        unavailable_interval: float = 2.0,
        join_timeout: float = 2.0,
    ) -> None:
        if interval <= 0 or unavailable_interval <= 0:
            raise ValueError("sampling intervals must be positive")
        self.nvml = nvml if nvml is not None else Nvml()
        self.interval = interval
        self.unavailable_interval = unavailable_interval
        self._join_timeout = join_timeout
        self._latest: GpuSnapshot | None = None
        self._lock = threading.Lock()
        self._subscribers: list[SnapshotCallback] = []
        self._thread: threading.Thread | None = None
        self._stop_event: threading.Event | None = None

    # -- subscribers -------------------------------------------------------------------

    def subscribe(self, callback: SnapshotCallback) -> None:
        """Deliver every new snapshot to ``callback`` (from the sampler thread), starting
        sampling if this is the first subscriber. Subscribing twice is a no-op."""
        with self._lock:
            if callback not in self._subscribers:
                self._subscribers.append(callback)
            if self._thread is None:
                stop_event = threading.Event()
                thread = threading.Thread(
                    target=self._run, args=(stop_event,), name="gpu-sampler", daemon=True
                )
                self._thread, self._stop_event = thread, stop_event
                thread.start()

    def unsubscribe(self, callback: SnapshotCallback) -> None:
        """Stop delivering to ``callback``; stop sampling when no subscriber is left.

        A delivery already in progress may still reach ``callback`` once. Safe to call
        from inside a callback, and for a callback that is not subscribed.
        """
        with self._lock:
            if callback in self._subscribers:
                self._subscribers.remove(callback)
            if self._subscribers:
                return
            thread, stop_event = self._detach_thread()
        self._finish(thread, stop_event, self._join_timeout)

    def stop(self, timeout: float | None = None) -> bool:
        """Drop all subscribers and stop sampling, waiting up to ``timeout`` seconds
        (default ``join_timeout``) for the thread. True if no sampler thread is left."""
        with self._lock:
            self._subscribers.clear()
            thread, stop_event = self._detach_thread()
        return self._finish(thread, stop_event, self._join_timeout if timeout is None else timeout)

    # -- reading -----------------------------------------------------------------------

    @property
    def is_running(self) -> bool:
        with self._lock:
            return self._thread is not None and self._thread.is_alive()

    def latest(self) -> GpuSnapshot | None:
        """The newest snapshot, or None before the first."""
        with self._lock:
            return self._latest

    # -- internals ---------------------------------------------------------------------

    def _detach_thread(self) -> tuple[threading.Thread | None, threading.Event | None]:
        # Called with the lock held. Each thread has its own stop event, so a new
        # subscriber can start a fresh thread while an old one is still winding down.
        thread, stop_event = self._thread, self._stop_event
        self._thread = self._stop_event = None
        return thread, stop_event

    @staticmethod
    def _finish(
        thread: threading.Thread | None, stop_event: threading.Event | None, timeout: float
    ) -> bool:
        if stop_event is not None:
            stop_event.set()
        if thread is None:
            return True
        if thread is threading.current_thread():
            return False  # asked from a callback: the loop ends after this delivery
        thread.join(timeout)
        return not thread.is_alive()

    def _run(self, stop_event: threading.Event) -> None:
        next_due = time.monotonic()
        while not stop_event.is_set():
            interval = self.unavailable_interval
            try:
                snapshot: GpuSnapshot | None = self.nvml.snapshot()
            except Exception:
                # Nvml.snapshot() is meant never to raise; if it does, keep the thread.
                _log.exception("GPU snapshot failed")
                snapshot = None
            if stop_event.is_set():
                break
            if snapshot is not None:
                if snapshot.status.available:
                    interval = self.interval
                self._publish(snapshot)
            # Pace by deadline so slow NVML calls do not stretch the period; after a
            # long stall start afresh instead of firing a burst of catch-up samples.
            now = time.monotonic()
            next_due = max(next_due + interval, now)
            stop_event.wait(next_due - now)

    def _publish(self, snapshot: GpuSnapshot) -> None:
        with self._lock:
            self._latest = snapshot
            subscribers = list(self._subscribers)
        for callback in subscribers:
            with self._lock:
                # Skip callbacks unsubscribed while earlier ones ran.
                if callback not in self._subscribers:
                    continue
            try:
                callback(snapshot)
            except Exception:
                _log.exception("GPU snapshot subscriber %r failed", callback)
