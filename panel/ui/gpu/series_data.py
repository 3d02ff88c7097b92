"""What a :class:`panel.ui.gpu.series_layer.SeriesLayer` draws from, worked out with numpy:
which series share their times, what changed since the last drawing and where, the
points of a range, and the thinning to a point per pixel column."""

from __future__ import annotations

import math

import numpy as np

__all__ = [
    "Group",
    "Key",
    "Span",
    "TimeMatch",
    "changes",
    "distinct",
    "groups_of",
    "match_times",
    "merged",
    "span_of",
    "thinned",
]

#: A series on the layer: its band and its key there.
Key = tuple[int, str]

#: Series that share one array of times: the times, their values one row per series,
#: and their keys (z order).
Group = tuple[np.ndarray, np.ndarray, tuple[Key, ...]]
#: A group's points inside a range: x on the layer, y on the layer one row per series,
#: where neighbours are not joined (None: everywhere), and whether that is one whole run
#: (no gap, no NaN).
Span = tuple[np.ndarray, np.ndarray, np.ndarray | None, bool]


def groups_of(data: dict[Key, tuple[np.ndarray, np.ndarray]]) -> dict[Key, Group]:
    """Each series' group: the series of a band sharing its array of times (a card's
    stacked layers and its "used" line) are compared, sliced and placed once, not once
    per series."""
    by_time: dict[tuple[int, int], list[Key]] = {}
    for key, (t, _) in data.items():
        by_time.setdefault((key[0], id(t)), []).append(key)
    groups: dict[Key, Group] = {}
    for keys in by_time.values():
        t, y = data[keys[0]]
        values = y[np.newaxis] if len(keys) == 1 else np.vstack([data[key][1] for key in keys])
        group = (t, values, tuple(keys))
        for key in keys:
            groups[key] = group
    return groups


def distinct(groups: dict[Key, Group]) -> list[tuple[tuple[Key, ...], Group]]:
    return list({group[2]: group for group in groups.values()}.items())


def span_of(
    t: np.ndarray,
    values: np.ndarray,
    t_low: float,
    t_high: float,
    scale: float,
    shift: int,
    bottom: float,
    y0: float,
    gap: float,
    y_scale: float,
) -> Span | None:
    """The group's points between ``t_low`` and ``t_high`` and one beyond each side;
    None when fewer than two."""
    start = max(int(t.searchsorted(t_low)) - 1, 0)
    stop = min(int(t.searchsorted(t_high, "right")) + 1, len(t))
    if stop - start < 2:
        return None
    ts = t[start:stop]
    gaps = None
    if gap > 0:
        apart = ts[1:] - ts[:-1] > gap
        gaps = apart if apart.any() else None
    block = bottom - (values[:, start:stop] - y0) * y_scale
    whole = gaps is None and bool(np.isfinite(block).all())
    return ts * scale - shift, block, gaps, whole


def thinned(
    t: np.ndarray, y: np.ndarray, scale: float, columns: int, gap: float
) -> tuple[np.ndarray, np.ndarray]:
    """At most the last point of each pixel column (of the absolute grid, so the choice
    does not change as time moves), when there are more points than the plot has columns;
    breaks (NaN, gaps) keep the points on both sides."""
    if len(t) <= columns or scale <= 0:
        return t, y
    column = np.floor(t * scale)
    keep = np.ones(len(t), dtype=bool)
    keep[:-1] = column[1:] != column[:-1]
    bad = ~np.isfinite(y)
    if gap > 0:
        bad[1:] |= np.diff(t) > gap
    keep |= bad
    keep[:-1] |= bad[1:]
    return t[keep], y[keep]


#: How two time arrays line up: the changes at the oldest end, where the new one starts
#: in the old one, how many points they have in common there, and whether those are the
#: same times. Worked out once for all the series that share their times.
TimeMatch = tuple[list[tuple[float, float]], int, int, bool]


def match_times(old_t: np.ndarray, new_t: np.ndarray) -> TimeMatch | None:
    """None when either is empty."""
    if not len(old_t) or not len(new_t):
        return None
    found: list[tuple[float, float]] = []
    if old_t[0] != new_t[0]:  # points left (or came in) at the oldest end
        found.append((float(min(old_t[0], new_t[0])), float(max(old_t[0], new_t[0]))))
    j = int(np.searchsorted(old_t, new_t[0]))
    common = min(len(old_t) - j, len(new_t))
    same = bool(common) and bool((old_t[j : j + common] == new_t[:common]).all())
    return found, j, common, same


def changes(
    match: TimeMatch | None,
    old_t: np.ndarray,
    old_y: np.ndarray | None,
    new_t: np.ndarray,
    new_y: np.ndarray | None,
) -> list[tuple[float, float]]:
    """The time ranges where the drawing of (new_t, new_y) differs from the old one's
    (``match``: :func:`match_times` of their times; values None: known to be the same
    where the times are)."""
    if match is None:
        if not len(old_t) and not len(new_t):
            return []
        both = np.concatenate((old_t, new_t))
        return [(float(both[0]), float(both[-1]))]
    edge, j, common, same_t = match
    found = list(edge)
    if old_y is None or new_y is None:
        differ = np.empty(0, dtype=np.intp)
    elif same_t and (old_y[j : j + common] == new_y[:common]).all():
        differ = np.empty(0, dtype=np.intp)  # the usual case: nothing but new samples
    else:
        a_y, b_y = old_y[j : j + common], new_y[:common]
        a_t, b_t = old_t[j : j + common], new_t[:common]
        same = (a_t == b_t) & ((a_y == b_y) | (np.isnan(a_y) & np.isnan(b_y)))
        differ = np.flatnonzero(~same)
    if len(differ):  # from the point before the first difference to the end
        first = int(differ[0])
        found.append((float(new_t[max(first - 1, 0)]), math.inf))
    elif len(new_t) > common:  # appended: from the last common point on
        found.append((float(new_t[max(common - 1, 0)]), math.inf))
    elif len(old_t) - j > common:  # the newest points went
        found.append((float(old_t[j + common - 1]), math.inf))
    return found


def merged(ranges: list[tuple[float, float]], width: int) -> list[tuple[int, int]]:
    """Whole-pixel ranges inside [0, width], overlapping ones joined."""
    spans = []
    for low, high in ranges:
        a = max(math.floor(low), 0) if math.isfinite(low) else 0
        b = min(math.ceil(high), width) if math.isfinite(high) else width
        if b > a:
            spans.append((a, b))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged
