"""How long each profile took to load last time, for an estimate while it loads again.

Kept in ``load_times.json`` in the data folder: ``{"profile name": seconds}``, written
atomically. A missing or damaged file means "no estimate yet", never an error: it only
ever makes a progress bar better.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

FILE_NAME = "load_times.json"
#: The bar stops here while the estimate runs out: the server is ready when it says so.
TIME_BAR_CAP = 0.95


class LoadTimes:
    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / FILE_NAME
        self._seconds = self._read()

    def previous(self, name: str) -> float | None:
        """Seconds the profile's last load took, from start to ready; None if unknown."""
        return self._seconds.get(name)

    def remember(self, name: str, seconds: float) -> None:
        if not (math.isfinite(seconds) and seconds > 0):
            return
        self._seconds[name] = round(seconds, 2)
        with contextlib.suppress(OSError):  # a read-only data folder costs only the estimate
            self._write()

    def _read(self) -> dict[str, float]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {
            str(name): float(value)
            for name, value in data.items()
            if isinstance(value, int | float) and math.isfinite(value) and value > 0
        }

    def _write(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=self.path.parent, prefix=".load_times.")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(self._seconds, f, indent=1, sort_keys=True)
            os.replace(temp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise


@dataclass(frozen=True)
class LoadEstimate:
    """Where a load stands: the bar's fraction (None: no bar, phases only) and the seconds
    left by the previous load (None: no previous load, or it ran past it)."""

    fraction: float | None
    seconds_left: float | None
    from_engine: bool  # the fraction is the engine's own (vLLM's shards), not the clock's


def estimate_load(
    elapsed: float, previous: float | None, engine_fraction: float | None
) -> LoadEstimate:
    """The engine's fraction where it gives one; else the time since start over the
    previous load's duration, held below full (:data:`TIME_BAR_CAP`) until ready."""
    left = None if previous is None else max(0.0, previous - elapsed)
    if left == 0.0:
        left = None  # past the estimate: better no number than "0 s left" for a while
    if engine_fraction is not None:
        return LoadEstimate(min(1.0, max(0.0, engine_fraction)), left, True)
    if previous is None:
        return LoadEstimate(None, None, False)
    return LoadEstimate(min(TIME_BAR_CAP, max(0.0, elapsed / previous)), left, False)
