"""The last hour of every GPU, with each server's share, for the GPU tab's graphs.

Per GPU, two bounded deques (the nvitop pattern, ``nvitop/tui/library/history.py``):
every sample of the last 10 minutes, and 5-second means for the last hour. Reading a
window returns at most :data:`MAX_PLOT_POINTS` points whatever its length, so a repaint
stays cheap. This is the panel's only GPU history; the sampler keeps just the newest
snapshot.
"""

from __future__ import annotations

import bisect
import math
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from panel.core.gpu.attribution import ServerGpuUsage
from panel.core.gpu.nvml import GpuSample, GpuSnapshot

__all__ = [
    "BIN_SECONDS",
    "COARSE_SECONDS",
    "FINE_SECONDS",
    "MAX_PLOT_POINTS",
    "AttributedSnapshot",
    "GpuHistory",
    "GpuTimeline",
    "HistoryPoint",
    "gpu_key",
]

#: The most points one series is drawn with, whatever the window.
MAX_PLOT_POINTS = 720
FINE_SECONDS = 600.0  # every sample is kept this long...
BIN_SECONDS = 5.0  # ...then as means over bins this wide...
COARSE_SECONDS = 3600.0  # ...this long.
_FINE_MAX = 4800  # caps for very fast samplers (tests); 10 min at 4 Hz is 2400
_COARSE_MAX = int(COARSE_SECONDS / BIN_SECONDS) + 2
# Neighbours further apart than this (s) are not joined: nothing was sampled between them.
_FINE_GAP = 5.0
_COARSE_GAP = 3 * BIN_SECONDS


@dataclass(frozen=True, slots=True)
class AttributedSnapshot:
    """A snapshot and the GPU memory of each server in it."""

    snapshot: GpuSnapshot
    usage: Mapping[str, ServerGpuUsage]


@dataclass(frozen=True, slots=True)
class HistoryPoint:
    """One GPU at one time: memory in bytes, utilisation in % (NaN when unknown), and the
    bytes each server holds on it (servers holding none are left out)."""

    t: float
    used: float
    total: float
    util: float
    servers: Mapping[str, float] = field(default_factory=dict)

    @classmethod
    def of(
        cls, sample: GpuSample, timestamp: float, usage: Mapping[str, ServerGpuUsage]
    ) -> HistoryPoint:
        return cls(
            t=timestamp,
            used=float(sample.memory_used),
            total=float(sample.memory_total),
            util=math.nan if sample.utilization is None else float(sample.utilization),
            servers={
                name: float(entry.per_gpu[sample.index])
                for name, entry in usage.items()
                if entry.per_gpu.get(sample.index, 0) > 0
            },
        )


def mean_point(points: Sequence[HistoryPoint]) -> HistoryPoint:
    """The mean of ``points`` (not empty); a server missing from a point counts as 0 there,
    an unknown utilisation does not count."""
    n = len(points)
    names = {name for p in points for name in p.servers}
    utils = [p.util for p in points if not math.isnan(p.util)]
    return HistoryPoint(
        t=sum(p.t for p in points) / n,
        used=sum(p.used for p in points) / n,
        total=points[-1].total,
        util=sum(utils) / len(utils) if utils else math.nan,
        servers={name: sum(p.servers.get(name, 0.0) for p in points) / n for name in names},
    )


class GpuHistory:
    """One GPU: every sample of the last 10 minutes plus 5-second means for the last hour."""

    def __init__(self) -> None:
        self.fine: deque[HistoryPoint] = deque(maxlen=_FINE_MAX)
        self.coarse: deque[HistoryPoint] = deque(maxlen=_COARSE_MAX)
        self._bin: list[HistoryPoint] = []

    @property
    def latest(self) -> HistoryPoint | None:
        return self.fine[-1] if self.fine else None

    def add(self, point: HistoryPoint) -> None:
        """Append a point; one not newer than the latest is ignored (the same snapshot)."""
        if self.fine and point.t <= self.fine[-1].t:
            return
        self.fine.append(point)
        while self.fine[0].t < point.t - FINE_SECONDS:
            self.fine.popleft()
        if self._bin and math.floor(self._bin[0].t / BIN_SECONDS) != math.floor(
            point.t / BIN_SECONDS
        ):
            self.coarse.append(mean_point(self._bin))
            self._bin = []
        self._bin.append(point)
        while self.coarse and self.coarse[0].t < point.t - COARSE_SECONDS - BIN_SECONDS:
            self.coarse.popleft()

    def points(self, window: float, now: float) -> tuple[list[HistoryPoint], float]:
        """Points of the last ``window`` seconds before ``now``, oldest first and at most
        :data:`MAX_PLOT_POINTS` (the newest always among them), and the gap in seconds
        beyond which two neighbours are not to be joined by a line."""
        if window <= FINE_SECONDS:
            source = list(self.fine)
            gap = _FINE_GAP
        else:
            source = list(self.coarse)
            if self._bin:
                source.append(mean_point(self._bin))
            gap = _COARSE_GAP
        start = bisect.bisect_left(source, now - window, key=lambda p: p.t)
        chosen = source[start:]
        stride = math.ceil(len(chosen) / MAX_PLOT_POINTS)
        if stride > 1:
            chosen = chosen[::-1][::stride][::-1]  # keep the newest point
        return chosen, gap * max(1, stride)


def gpu_key(sample: GpuSample) -> str:
    """What identifies a GPU across snapshots: its UUID, else its index."""
    return sample.uuid or f"index:{sample.index}"


class GpuTimeline:
    """The histories of every GPU seen, keyed by :func:`gpu_key`."""

    def __init__(self) -> None:
        self._histories: dict[str, GpuHistory] = {}

    def add(self, frame: AttributedSnapshot) -> None:
        """Record every GPU of the snapshot; a snapshot without NVML adds nothing."""
        snapshot = frame.snapshot
        if not snapshot.status.available:
            return
        for sample in snapshot.gpus:
            history = self._histories.setdefault(gpu_key(sample), GpuHistory())
            history.add(HistoryPoint.of(sample, snapshot.timestamp, frame.usage))

    def __getitem__(self, key: str) -> GpuHistory:
        return self._histories[key]

    def __contains__(self, key: object) -> bool:
        return key in self._histories

    def keys(self) -> list[str]:
        return list(self._histories)

    def forget(self, key: str) -> None:
        """Drop a GPU's history (it is gone); unknown keys are ignored."""
        self._histories.pop(key, None)

    def keep_only(self, keys: Iterable[str]) -> None:
        """Drop every history but those of ``keys``."""
        wanted = set(keys)
        for key in set(self._histories) - wanted:
            del self._histories[key]
