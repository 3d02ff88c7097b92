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

from panel.core.i18n import translate


@dataclass(frozen=True)
class SseEvent:
    data: str
    event: str = ""


class MalformedStream(ValueError):
    """The stream is not SSE (or ends in the middle of an event)."""


class LineTooLong(MalformedStream):
    """A line (or one event's data) grew past the parser's limit without ending."""


MAX_LINE = 16 * 1024 * 1024  # characters; a real event is kilobytes, an image's base64 a few MB


class SseParser:
    """Feed bytes, get events. ``close()`` flushes an unterminated last event.

    Work and memory are linear in the bytes fed: an unfinished line is kept as the pieces
    it came in and joined once, when its end arrives; only new text is searched for line
    ends. A line or an event longer than ``max_line`` characters raises
    :class:`LineTooLong` (a server that never sends a newline must not fill the memory).
    """

    def __init__(self, max_line: int = MAX_LINE) -> None:
        self.max_line = max_line
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._pieces: list[str] = []  # the unfinished line, as it arrived
        self._held = 0  # characters in _pieces
        self._data: list[str] = []
        self._data_size = 0
        self._event = ""
        self._has_data = False
        self._pending_cr = False
        self._first = True
        self.stray_lines = 0  # lines that are no SSE field: a sign of a non-SSE body

    def feed(self, chunk: bytes) -> list[SseEvent]:
        return self._consume(self._decoder.decode(chunk))

    def close(self) -> list[SseEvent]:
        events = self._consume(self._decoder.decode(b"", final=True))
        if self._pieces:
            self._line(self._take(""), events)
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
        start = 0
        n = len(text)
        # Where the next CR and LF are; searched again only once passed, so many short
        # lines in one chunk cost one pass, not one pass each.
        cr = text.find("\r")
        lf = text.find("\n")
        while start < n and (cr >= 0 or lf >= 0):
            if cr < 0 or (0 <= lf < cr):
                self._line(self._take(text[start:lf]), events)
                start = lf + 1
            else:
                self._line(self._take(text[start:cr]), events)
                if cr + 1 < n:
                    start = cr + 2 if text[cr + 1] == "\n" else cr + 1
                else:
                    self._pending_cr = True
                    start = cr + 1
            if 0 <= cr < start:
                cr = text.find("\r", start)
            if 0 <= lf < start:
                lf = text.find("\n", start)
        if start < n:
            self._hold(text[start:] if start else text)
        return events

    def _hold(self, piece: str) -> None:
        self._held += len(piece)
        if self._held > self.max_line:
            self._pieces = []
            self._held = 0
            raise LineTooLong(self._too_long("a line"))
        self._pieces.append(piece)

    def _take(self, end: str) -> str:
        """The line that ``end`` finishes."""
        if not self._pieces:
            line = end
        else:
            self._pieces.append(end)
            line = "".join(self._pieces)
            self._pieces = []
            self._held = 0
        if len(line) > self.max_line:
            raise LineTooLong(self._too_long("a line"))
        return line

    def _too_long(self, what: str) -> str:
        # Whole sentences: "a line" / "an event" glued into one would stay English.
        if what == "an event":
            text = translate(
                "Chat",
                "an event of the event stream is longer than {mb} MB (is this an event stream?)",
            )
        else:
            text = translate(
                "Chat",
                "a line of the event stream is longer than {mb} MB (is this an event stream?)",
            )
        return text.format(mb=f"{self.max_line / 1024**2:g}")

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
            self._data_size += len(value) + 1
            if self._data_size > self.max_line:
                self._data = []
                self._data_size = 0
                raise LineTooLong(self._too_long("an event"))
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
        self._data_size = 0
        self._event = ""
        self._has_data = False
