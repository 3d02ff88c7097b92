"""The figures a GPU card draws, one row per history point: (t, used, util, bytes of each
server). Kept from one repaint to the next: only the new points' rows are built."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from panel.core.gpu.history import HistoryPoint

__all__ = ["CardTable"]


class CardTable:
    """(t, used, util, bytes of each server) per point, and the servers that hold memory
    on the GPU in the window, in the order asked (others after, sorted)."""

    def __init__(self) -> None:
        self._table: np.ndarray | None = None
        self._names: list[str] = []

    def update(
        self, points: list[HistoryPoint], order: Sequence[str]
    ) -> tuple[np.ndarray, list[str]]:
        """The table of ``points``. The rows of the points already seen are kept from the
        last call; only the newer points' rows are built (and the newest again: a long
        window's newest point is the mean of a bin still filling). Work per repaint: the
        new samples, not the window."""
        old, names = self._table, self._names
        kept = start = 0
        if old is not None and len(old) > 1 and points:
            settled = old[-2, 0]
            kept = len(points)
            while kept and points[kept - 1].t > settled:
                kept -= 1
            start = int(np.searchsorted(old[:, 0], points[0].t))
            # The same run of samples: as many, from the same first to the same last.
            if not (
                kept
                and start + kept == len(old) - 1
                and old[start, 0] == points[0].t
                and old[start + kept - 1, 0] == points[kept - 1].t
            ):
                kept = 0
        newer = points[kept:]
        arriving = {n for p in newer for n, value in p.servers.items() if value > 0}
        if old is None or not kept or not arriving <= set(names):
            present = {n for p in points for n, value in p.servers.items() if value > 0}
            names = [name for name in order if name in present]
            names += sorted(present - set(names))
            newer, kept = points, 0
        rows = np.array(
            [(p.t, p.used, p.util, *[p.servers.get(n, 0.0) for n in names]) for p in newer],
            dtype=float,
        ).reshape(len(newer), 3 + len(names))
        table = (
            np.concatenate((old[start : start + kept], rows)) if kept and old is not None else rows
        )
        if kept and names:  # a server whose memory left the window leaves the graph
            holding = table[:, 3:].max(axis=0) > 0
            if not holding.all():
                table = table[:, [True, True, True, *holding.tolist()]]
                names = [name for name, held in zip(names, holding.tolist(), strict=True) if held]
        self._table, self._names = table, list(names)
        return table, self._names
