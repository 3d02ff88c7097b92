"""What happened to each request that went through the router, for the live list.

A :class:`RequestRecord` is filled in as the request moves on (queued, loading,
forwarding, first byte, done); the router hands a copy to its listeners at each step.
:class:`StreamMeter` counts tokens as the answer passes by without holding it: one
server-sent event with content is one token for llama-server and vLLM, and a ``usage``
object (the last event's, or a whole JSON answer's) replaces the count when it comes.
"""

from __future__ import annotations

import json
import shlex
import time
from dataclasses import dataclass, field
from typing import Any

_EMPTY = (b'"content":""', b'"content":null', b'"text":""')
CANCELLED = 499  # nginx's "client closed request": the client went away first


@dataclass
class RequestRecord:
    id: int
    started: float  # time.time() when the request arrived
    route: str
    model: str
    profile: str = ""  # the server it went to, once known
    status: int | None = None  # None while it runs
    ttft: float | None = None  # seconds from arrival to the first byte of the answer
    waited: float = 0.0  # seconds spent waiting for the server to load
    duration: float | None = None
    tokens: int = 0
    streamed: bool = True  # False: the answer came as one JSON body
    error: str = ""
    started_server: bool = False  # this request loaded the server
    body: dict[str, Any] | None = field(default=None, repr=False)  # JSON requests only
    form: list[tuple[str, str]] = field(default_factory=list, repr=False)  # multipart fields

    @property
    def done(self) -> bool:
        return self.status is not None

    @property
    def tokens_per_second(self) -> float | None:
        """Generation speed: tokens over the time after the first byte of a streamed
        answer; over the whole request for one JSON body, whose first byte comes with its
        last (the time after it would be a few microseconds: 80,000 tokens/s, measured)."""
        if self.tokens < 2 or self.ttft is None or self.duration is None:
            return None
        if not self.streamed:
            return self.tokens / self.duration if self.duration > 0 else None
        generating = self.duration - self.ttft
        return (self.tokens - 1) / generating if generating > 0 else None

    @property
    def first_token(self) -> float | None:
        """Seconds to the first token: known for a streamed answer only."""
        return self.ttft if self.streamed else None


class StreamMeter:
    """Counts the answer's tokens and notes its first byte, chunk by chunk."""

    def __init__(self, started: float) -> None:
        self._started = started  # time.monotonic() at arrival
        self.ttft: float | None = None
        self.events = 0
        self.usage_tokens: int | None = None
        self._tail = b""
        self._json = bytearray()
        self._streaming: bool | None = None

    @property
    def streamed(self) -> bool:
        return bool(self._streaming)

    def feed(self, chunk: bytes) -> None:
        if self.ttft is None:
            self.ttft = time.monotonic() - self._started
        if self._streaming is None:
            self._streaming = chunk.lstrip().startswith(b"data:")
        if not self._streaming:
            if len(self._json) < 1 << 20:  # a big JSON answer is not worth parsing
                self._json += chunk
            return
        text = self._tail + chunk
        lines = text.split(b"\n")
        self._tail = lines.pop()
        for line in lines:
            self._line(line)

    def _line(self, line: bytes) -> None:
        if not line.startswith(b"data:"):
            return
        payload = line[5:].strip()
        if payload == b"[DONE]" or not payload:
            return
        if b'"usage"' in payload:
            self._usage(payload)
        if any(empty in payload for empty in _EMPTY):
            return  # the role-only first event, or an empty one
        if b'"content"' in payload or b'"text"' in payload:
            self.events += 1

    def _usage(self, payload: bytes) -> None:
        try:
            usage = json.loads(payload).get("usage")
        except (ValueError, AttributeError):
            return
        if isinstance(usage, dict) and isinstance(usage.get("completion_tokens"), int):
            self.usage_tokens = usage["completion_tokens"]

    def finish(self) -> int:
        """The answer's tokens, once it has all passed."""
        if self._tail:
            self._line(self._tail)
            self._tail = b""
        if not self._streaming and self._json:
            self._usage(bytes(self._json))
        return self.usage_tokens if self.usage_tokens is not None else self.events


def curl_command(record: RequestRecord, base_url: str) -> str:
    """The request as a curl command against the router (a file field names its file
    as ``@FILE``: the upload itself is not kept)."""
    # Here, not at the top: it brings httpx (a tenth of a second) to every router start.
    from panel.core.chat.curl_export import as_curl

    url = base_url.rstrip("/") + record.route
    if record.body is not None:
        return as_curl(url, record.body)
    words = ["curl", url]
    for name, value in record.form:
        words += ["-F", f"{name}={value}"]
    if not record.form:
        words += ["-F", "file=@FILE"]
    return shlex.join(words)
