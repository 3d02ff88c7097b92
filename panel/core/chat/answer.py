"""What a chat answer is made of: the pieces as they stream in (:class:`ChatDelta`), the
whole answer with its timings (:class:`ChatResult`), and the collector that turns the one
into the other while the stream lasts."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any


@dataclass
class ChatResult:
    text: str
    reasoning: str
    finish_reason: str | None
    ttft: float | None  # seconds from sending to the first token
    total: float  # seconds from sending to the end of the answer
    prompt_tokens: int | None
    completion_tokens: int | None
    tokens_per_second: float | None


@dataclass(frozen=True)
class ChatDelta:
    text: str = ""
    reasoning: str = ""


class AnswerCollector:
    """What the stream has said so far."""

    def __init__(self, started: float, keep: bool = True) -> None:
        self.started = started
        self.keep = keep  # False: the caller shows each piece and needs no copy
        self.text: list[str] = []
        self.reasoning: list[str] = []
        self.finish_reason: str | None = None
        self.first_token: float | None = None
        self.usage: dict[str, Any] = {}
        self.timings: dict[str, Any] = {}
        self.done = False
        self.events = 0

    def result(self) -> ChatResult:
        now = time.perf_counter()
        ttft = None if self.first_token is None else self.first_token - self.started
        prompt_tokens = as_int(self.usage.get("prompt_tokens"))
        completion_tokens = as_int(self.usage.get("completion_tokens"))
        if prompt_tokens is None:
            prompt_tokens = as_int(self.timings.get("prompt_n"))
        if completion_tokens is None:
            completion_tokens = as_int(self.timings.get("predicted_n"))
        speed = as_float(self.timings.get("predicted_per_second"))
        if speed is None and completion_tokens and self.first_token is not None:
            # Tokens after the first, over the time after the first: prompt time excluded.
            span = now - self.first_token
            if completion_tokens > 1 and span > 0:
                speed = (completion_tokens - 1) / span
        return ChatResult(
            text="".join(self.text),
            reasoning="".join(self.reasoning),
            finish_reason=self.finish_reason,
            ttft=ttft,
            total=now - self.started,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            tokens_per_second=speed,
        )


def as_int(value: object) -> int | None:
    """An int from a JSON value, or None (a bool is not a count)."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def as_float(value: object) -> float | None:
    """A positive number from a JSON value, or None."""
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        return float(value)
    return None
