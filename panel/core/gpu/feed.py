"""Hand snapshots, with each server's GPU memory, from the sampler thread to a consumer.

The GPU tab subscribes a :class:`SnapshotFeed` to the :class:`GpuSampler`. On the sampler
thread it attributes memory to servers (so psutil never runs on the GUI thread), parks
the result and calls ``wake`` once per batch: however fast the sampler goes and however
busy the consumer is, at most one wake-up is on its way. The consumer :meth:`take`\\ s
everything parked since.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable

from panel.core.gpu.attribution import ServerAttribution
from panel.core.gpu.history import AttributedSnapshot
from panel.core.gpu.nvml import GpuSnapshot

__all__ = ["SnapshotFeed"]


class SnapshotFeed:
    """A sampler subscriber that attributes each snapshot and queues it for ``wake``'s owner.

    ``wake`` is called on the sampler thread, with the feed's lock held, and must not
    block (a call queued to the GUI thread). After :meth:`close` returns it is never
    called again, so its owner may go. At most ``limit`` frames are parked; older ones
    are dropped when the consumer falls behind.
    """

    def __init__(
        self,
        attribution: ServerAttribution,
        wake: Callable[[], None],
        *,
        limit: int = 256,
    ) -> None:
        self.attribution = attribution
        self._lock = threading.Lock()
        self._wake: Callable[[], None] | None = wake
        self._pending: deque[AttributedSnapshot] = deque(maxlen=limit)
        self._woken = False

    def __call__(self, snapshot: GpuSnapshot) -> None:
        with self._lock:
            if self._wake is None:
                return
        usage = self.attribution(snapshot)
        with self._lock:
            if self._wake is None:
                return
            self._pending.append(AttributedSnapshot(snapshot, usage))
            if self._woken:
                return  # a wake-up is already on its way
            self._woken = True
            # Called under the lock so close() cannot return while a wake is under way.
            self._wake()

    def take(self) -> list[AttributedSnapshot]:
        """Everything parked since the last call, oldest first; re-arms the wake-up."""
        with self._lock:
            frames = list(self._pending)
            self._pending.clear()
            self._woken = False
        return frames

    def close(self) -> None:
        """No more frames and no more wake-ups, from now on."""
        with self._lock:
            self._wake = None
            self._pending.clear()

    @property
    def closed(self) -> bool:
        with self._lock:
            return self._wake is None
