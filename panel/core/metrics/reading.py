"""One reading of a server's counters and gauges, as the server reported them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Source(StrEnum):
    LLAMA_METRICS = "llama-server /metrics"
    LLAMA_SLOTS = "llama-server /slots"
    VLLM_METRICS = "vLLM /metrics"
    PANEL_REQUESTS = "the panel's own requests"
    NONE = "none"


@dataclass(frozen=True)
class Reading:
    """Counters are totals since the server started; rates come from two readings
    (:func:`panel.core.metrics.figures.figures_from`). None: the source has no such figure."""

    source: Source
    taken_at: float  # time.monotonic() when the answer arrived
    requests_running: int | None = None
    requests_waiting: int | None = None
    prompt_tokens_total: float | None = None
    generation_tokens_total: float | None = None
    kv_cache_usage_ratio: float | None = None  # 0..1
    # The time-to-first-token histogram's sum and count (vLLM), or the last one measured.
    ttft_seconds_sum: float | None = None
    ttft_count: float | None = None
    requests_finished_total: float | None = None
    # whisper-server: the panel's transcriptions
    last_request_seconds: float | None = None
    note: str = ""  # what the source cannot tell, and how to get it
