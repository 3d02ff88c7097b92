"""An incremental Server-Sent Events parser (the WHATWG event-stream rules).

Bytes arrive in whatever pieces the network delivers: a UTF-8 character, a CRLF pair or
a whole event may be split across chunks. The parser keeps what it has not finished and
gives back complete events only, so any split of the same stream yields the same events.

Why our own and not ``httpx-sse``: the chat client needs two things that library does not
give. It feeds the parser raw chunks itself, so Stop is checked after every chunk, not only
after every whole event (a stalled half-event must not hold it); and it counts lines that are no SSE field
(:attr:`SseParser.stray_lines`) to tell a server that answers plain text or HTML from one
that streams. Everything else (CR/LF/CRLF split across chunks, BOM, comments, an
unterminated last event) is covered here and by ``tests/test_sse.py``; the library would
add a dependency to bundle and nothing we use.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass


@dataclass(frozen=True)
class SseEvent:
    data: str
    event: str = ""


class MalformedStream(ValueError):
    """The stream is not SSE (or ends in the middle of an event)."""


class SseParser:
    """Feed bytes, get events. ``close()`` flushes an unterminated last event."""

    def __init__(self) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._buffer = ""
        self._data: list[str] = []
        self._event = ""
        self._has_data = False
        self._pending_cr = False
        self._first = True
        self.stray_lines = 0  # lines that are no SSE field: a sign of a non-SSE body

    def feed(self, chunk: bytes) -> list[SseEvent]:
        return self._consume(self._decoder.decode(chunk))

    def close(self) -> list[SseEvent]:
        events = self._consume(self._decoder.decode(b"", final=True))
        if self._buffer:
            self._line(self._buffer, events)
            self._buffer = ""
        # A stream that stops without the blank line still delivered its last event.
        self._dispatch(events)
        return events

    def _consume(self, text: str) -> list[SseEvent]:
        events: list[SseEvent] = []
        if not text:
            return events
        if self._first:
            self._first = False
            text = text.removeprefix("\ufeff")
        if self._pending_cr:
            # The previous chunk ended in "\r": a "\n" now is the second half of "\r\n".
            self._pending_cr = False
            text = text.removeprefix("\n")
        buf = self._buffer + text
        start = 0
        n = len(buf)
        while start < n:
            cr = buf.find("\r", start)
            lf = buf.find("\n", start)
            if cr < 0 and lf < 0:
                break
            if cr < 0 or (0 <= lf < cr):
                self._line(buf[start:lf], events)
                start = lf + 1
                continue
            self._line(buf[start:cr], events)
            if cr + 1 < n:
                start = cr + 2 if buf[cr + 1] == "\n" else cr + 1
            else:
                self._pending_cr = True
                start = cr + 1
        self._buffer = buf[start:]
        return events

    def _line(self, line: str, events: list[SseEvent]) -> None:
        if not line:
            self._dispatch(events)
            return
        if line.startswith(":"):
            return  # a comment (llama-server and proxies send them as keep-alives)
        field, colon, value = line.partition(":")
        if colon and value.startswith(" "):
            value = value[1:]
        if field == "data":
            self._data.append(value)
            self._has_data = True
        elif field == "event":
            self._event = value
        elif field not in ("id", "retry"):
            self.stray_lines += 1

    def _dispatch(self, events: list[SseEvent]) -> None:
        if self._has_data:
            events.append(SseEvent("\n".join(self._data), self._event))
        self._data = []
        self._event = ""
        self._has_data = False
