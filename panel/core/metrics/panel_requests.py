"""The requests the panel itself sends, per profile: whisper-server has no metrics
endpoint, so its figures are the transcriptions this panel sent it (how many are on
their way, how many finished, how long the last took)."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from panel.core.i18n import translate
from panel.core.metrics.reading import Reading, Source


@dataclass
class _Counts:
    running: int = 0
    finished: int = 0
    last_seconds: float | None = None


class PanelRequests:
    """Thread-safe: requests start and finish on worker threads, the poller reads on its own."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[str, _Counts] = {}

    def started(self, name: str) -> None:
        with self._lock:
            self._counts.setdefault(name, _Counts()).running += 1

    def finished(self, name: str, seconds: float | None) -> None:
        """``seconds``: the round trip of a request that got an answer; None: it failed."""
        with self._lock:
            counts = self._counts.setdefault(name, _Counts())
            counts.running = max(0, counts.running - 1)
            counts.finished += 1
            if seconds is not None:
                counts.last_seconds = seconds

    def reading(self, name: str) -> Reading:
        with self._lock:
            counts = self._counts.get(name, _Counts())
            return Reading(
                Source.PANEL_REQUESTS,
                time.monotonic(),
                requests_running=counts.running,
                requests_finished_total=float(counts.finished),
                last_request_seconds=counts.last_seconds,
                note=translate(
                    "Metrics",
                    "whisper-server reports no metrics: these are the panel's transcriptions",
                ),
            )


#: The window's one instance (the transcription tab records, the metrics poller reads).
PANEL_REQUESTS = PanelRequests()
