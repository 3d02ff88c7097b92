"""Fuzzing the two incremental stream parsers: the SSE parser of chat streams and the
line splitter of server logs. Any split of the same bytes gives the same result, junk
gives no exception but the parser's own, and the SSE parser agrees with a plain
reading of the WHATWG rules."""

from __future__ import annotations

import itertools
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from panel.core.net.sse import MalformedStream, SseEvent, SseParser
from panel.core.servers.logbuffer import LineSplitter

FUZZ = settings(
    max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)

# Bytes that make SSE interesting: field names, colons, every line end, a BOM, bytes of
# split UTF-8 characters, invalid UTF-8.
sse_pieces = st.sampled_from(
    [
        b"data:",
        b"data: ",
        b"event: ",
        b"id: 1",
        b"retry: 5",
        b": keep-alive",
        b":",
        b"\n",
        b"\r",
        b"\r\n",
        b"\n\n",
        b"\xef\xbb\xbf",
        b"\xe4\xbd\xa0",  # a CJK character
        b"\xe4",
        b"\xff",
        b"{}",
        b"[DONE]",
        b"<html>",
        b" ",
    ]
)
streams = st.lists(sse_pieces | st.binary(max_size=6), max_size=30).map(b"".join)


def chunked(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({min(cut, len(data)) for cut in cuts})
    edges = [0, *points, len(data)]
    return [data[a:b] for a, b in itertools.pairwise(edges)]


def parse(chunks: list[bytes], max_line: int = 1 << 20) -> tuple[list[SseEvent], int] | str:
    """The events and the count of stray lines, or the name of the error raised."""
    parser = SseParser(max_line=max_line)
    events: list[SseEvent] = []
    try:
        for chunk in chunks:
            events += parser.feed(chunk)
        events += parser.close()
    except MalformedStream as exc:
        return type(exc).__name__
    return events, parser.stray_lines


def reference(data: bytes) -> tuple[list[SseEvent], int]:
    """The WHATWG event-stream rules read plainly, on the whole body at once."""
    text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    lines = re.split(r"\r\n|\r|\n", text)
    rest = lines.pop()  # after the last line end: an unterminated last line
    if rest:
        lines.append(rest)
    events: list[SseEvent] = []
    buffer: list[str] | None = None
    event = ""
    stray = 0
    for line in [*lines, ""]:  # the end of the stream dispatches the last event
        if not line:
            if buffer is not None:
                events.append(SseEvent("\n".join(buffer), event))
            buffer, event = None, ""
            continue
        if line.startswith(":"):
            continue
        name, colon, value = line.partition(":")
        if colon and value.startswith(" "):
            value = value[1:]
        if name == "data":
            buffer = [*(buffer or []), value]
        elif name == "event":
            event = value
        elif name not in ("id", "retry"):
            stray += 1
    return events, stray


@FUZZ
@given(streams, st.lists(st.integers(min_value=0, max_value=200), max_size=12))
def test_sse_any_split_gives_the_events_of_one_chunk(data: bytes, cuts: list[int]) -> None:
    whole = parse([data])
    assert whole == reference(data)
    assert parse(chunked(data, cuts)) == whole


@FUZZ
@given(streams, st.lists(st.integers(min_value=0, max_value=200), max_size=12))
def test_sse_one_byte_at_a_time(data: bytes, cuts: list[int]) -> None:
    assert parse([data[i : i + 1] for i in range(len(data))]) == parse([data])


@FUZZ
@given(st.binary(max_size=400), st.lists(st.integers(min_value=0, max_value=400), max_size=12))
def test_sse_junk_raises_nothing_but_its_own_error(data: bytes, cuts: list[int]) -> None:
    # A small limit, so long lines and long events are reached; the outcome (events or
    # LineTooLong) must not depend on how the bytes arrived.
    whole = parse([data], max_line=32)
    split = parse(chunked(data, cuts), max_line=32)
    assert (isinstance(whole, str), whole if isinstance(whole, str) else None) == (
        isinstance(split, str),
        split if isinstance(split, str) else None,
    )
    if not isinstance(whole, str):
        assert split == whole


# --- the log line splitter ---------------------------------------------------------------

log_pieces = st.sampled_from(
    [b"\n", b"\r", b"\r\n", b"\r\r", b"line", b" 42%", b"\xe2\x96", b"\x88", b"\xff", b"\xc3\xa9"]
)
logs = st.lists(log_pieces | st.binary(max_size=8), max_size=40).map(b"".join)


def split_lines(chunks: list[bytes]) -> list[tuple[str, bool]]:
    splitter = LineSplitter()
    out: list[tuple[str, bool]] = []
    for chunk in chunks:
        out += splitter.feed(chunk)
    return out + splitter.flush()


@FUZZ
@given(logs, st.lists(st.integers(min_value=0, max_value=300), max_size=15))
def test_log_lines_do_not_depend_on_the_chunks(data: bytes, cuts: list[int]) -> None:
    whole = split_lines([data])
    assert split_lines(chunked(data, cuts)) == whole
    assert split_lines([data[i : i + 1] for i in range(len(data))]) == whole
    # Nothing is lost but line ends and empty redraws.
    text = data.decode("utf-8", errors="replace")
    assert "".join(line for line, _ in whole) == text.replace("\r", "").replace("\n", "")
    assert all("\n" not in line and "\r" not in line for line, _ in whole)


@settings(max_examples=30, deadline=None, database=None)
@given(st.integers(min_value=1, max_value=9000))
def test_a_line_without_end_stays_bounded(chunk_size: int) -> None:
    # A server that never prints a newline must not grow the pending line without bound.
    splitter = LineSplitter()
    data = b"x" * (3 * LineSplitter.MAX_LINE)
    longest = 0
    for start in range(0, len(data), chunk_size):
        for line, _ in splitter.feed(data[start : start + chunk_size]):
            longest = max(longest, len(line))
    assert len(splitter._pending) <= LineSplitter.MAX_LINE
    assert longest <= LineSplitter.MAX_LINE + chunk_size
    rest = splitter.flush()
    assert sum(len(line) for line, _ in rest) <= LineSplitter.MAX_LINE
