"""What the strip, the graphs and ``inference-panel metrics`` show: one reading plus the
rates since the one before."""

from __future__ import annotations

from collections import deque
from dataclasses import asdict, dataclass

from panel.core.metrics.reading import Reading, Source

#: Seconds of figures the graphs keep per server (one reading a second).
HISTORY_SECONDS = 600


@dataclass(frozen=True)
class ServerFigures:
    """Field names are the JSON keys of ``inference-panel metrics --json``: each says what
    it counts. None: the server does not report it (or no rate yet: one reading)."""

    source: str
    requests_running: int | None = None
    requests_waiting: int | None = None
    prompt_tokens_total: float | None = None
    generation_tokens_total: float | None = None
    prompt_tokens_per_second: float | None = None
    generation_tokens_per_second: float | None = None
    kv_cache_usage_ratio: float | None = None
    time_to_first_token_seconds: float | None = None
    requests_finished_total: float | None = None
    last_request_seconds: float | None = None
    note: str = ""

    def as_json(self) -> dict[str, object]:
        return asdict(self)


def _rate(old: float | None, new: float | None, seconds: float) -> float | None:
    if old is None or new is None or seconds <= 0:
        return None
    if new < old:  # the server restarted between the readings: its counters began anew
        return None
    return (new - old) / seconds


def figures_from(
    current: Reading, previous: Reading | None = None, last_ttft: float | None = None
) -> ServerFigures:
    """The figures of ``current``; rates over the time since ``previous`` (same server).

    Time to first token: the mean over the requests that got their first token between
    the two readings (vLLM's histogram), else ``last_ttft`` (the one shown before), else
    the mean since the server started.
    """
    seconds = current.taken_at - previous.taken_at if previous is not None else 0.0
    ttft = last_ttft
    if current.ttft_count and current.ttft_seconds_sum is not None:
        old_count = previous.ttft_count if previous is not None else None
        old_sum = previous.ttft_seconds_sum if previous is not None else None
        if old_count is not None and old_sum is not None and current.ttft_count > old_count:
            ttft = (current.ttft_seconds_sum - old_sum) / (current.ttft_count - old_count)
        elif ttft is None:
            ttft = current.ttft_seconds_sum / current.ttft_count
    elif current.source is Source.PANEL_REQUESTS:
        ttft = None  # a transcription has no first token
    before = previous if previous is not None and previous.source is current.source else None
    return ServerFigures(
        source=current.source.value,
        requests_running=current.requests_running,
        requests_waiting=current.requests_waiting,
        prompt_tokens_total=current.prompt_tokens_total,
        generation_tokens_total=current.generation_tokens_total,
        prompt_tokens_per_second=_rate(
            before.prompt_tokens_total if before else None, current.prompt_tokens_total, seconds
        ),
        generation_tokens_per_second=_rate(
            before.generation_tokens_total if before else None,
            current.generation_tokens_total,
            seconds,
        ),
        kv_cache_usage_ratio=current.kv_cache_usage_ratio,
        time_to_first_token_seconds=ttft,
        requests_finished_total=current.requests_finished_total,
        last_request_seconds=current.last_request_seconds,
        note=current.note,
    )


@dataclass(frozen=True)
class FigurePoint:
    """One point of a server's graphs."""

    at: float  # time.monotonic()
    generation_tokens_per_second: float
    prompt_tokens_per_second: float
    requests_running: int
    kv_cache_usage_ratio: float | None


class FigureTracker:
    """Readings in, figures out, per server: remembers the previous reading (for rates),
    the last time to first token, and a bounded history for the graphs."""

    def __init__(self, history_seconds: int = HISTORY_SECONDS) -> None:
        self._history_seconds = history_seconds
        self._previous: dict[str, Reading] = {}
        self._ttft: dict[str, float | None] = {}
        self._latest: dict[str, ServerFigures] = {}
        self._history: dict[str, deque[FigurePoint]] = {}

    def update(self, name: str, reading: Reading) -> ServerFigures:
        previous = self._previous.get(name)
        figures = figures_from(reading, previous, self._ttft.get(name))
        self._previous[name] = reading
        self._ttft[name] = figures.time_to_first_token_seconds
        self._latest[name] = figures
        if previous is not None:
            points = self._history.setdefault(name, deque(maxlen=self._history_seconds))
            points.append(
                FigurePoint(
                    reading.taken_at,
                    figures.generation_tokens_per_second or 0.0,
                    figures.prompt_tokens_per_second or 0.0,
                    figures.requests_running or 0,
                    figures.kv_cache_usage_ratio,
                )
            )
        return figures

    def latest(self, name: str) -> ServerFigures | None:
        return self._latest.get(name)

    def history(self, name: str) -> list[FigurePoint]:
        return list(self._history.get(name, ()))

    def names(self) -> list[str]:
        return list(self._latest)

    def forget(self, name: str) -> None:
        """The server stopped: its next run starts with fresh counters and graphs."""
        for table in (self._previous, self._ttft, self._latest, self._history):
            table.pop(name, None)
