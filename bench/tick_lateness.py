"""GUI stall as the lateness of every expected tick of a periodic timer, missed ones too.

A timer started at ``t0`` with interval ``i`` is due at ``t0 + i``, ``t0 + 2i``, ...; a
frozen event loop fires nothing, so counting only the ticks that fired (or one gap per
fired tick) hides a freeze. Here every due time between two fired ticks counts, late by
the time until the tick that finally fired: a 200 ms freeze with a 10 ms timer is twenty
samples from 200 ms down to 10 ms, not one.
"""

from __future__ import annotations

import itertools
import statistics


def lateness_ms(ticks: list[float], interval_s: float) -> list[float]:
    """Sorted lateness in ms of every tick due between the first and the last fired one."""
    late: list[float] = []
    for fired_before, fired in itertools.pairwise(ticks):
        due = fired_before + interval_s
        if due > fired:  # a tick a little early is on time
            late.append(0.0)
        while due <= fired:
            late.append((fired - due) * 1000)
            due += interval_s
    return sorted(late) or [0.0]


def summary(late: list[float]) -> dict[str, float]:
    """p50, p99 and max of sorted lateness samples (ms)."""
    return {
        "stall_p50": statistics.median(late),
        "stall_p99": late[min(len(late) - 1, int(len(late) * 0.99))],
        "stall_max": late[-1],
        "ticks_due": len(late),
    }
