"""The SSE parser: line endings, comments, multi-line data, and any split of the bytes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from panel.core.net.sse import MAX_LINE, LineTooLong, SseEvent, SseParser


def parse_all(chunks: list[bytes]) -> list[SseEvent]:
    parser = SseParser()
    events: list[SseEvent] = []
    for chunk in chunks:
        events += parser.feed(chunk)
    return events + parser.close()


LLAMA_STREAM = (
    'data: {"choices":[{"delta":{"role":"assistant","content":null}}]}\n\n'
    ": keep-alive comment\n\n"
    'data: {"choices":[{"delta":{"content":"Hello"}}]}\n\n'
    'data: {"choices":[{"delta":{"content":" 世界 🌍"}}]}\n\n'
    "data: [DONE]\n\n"
).encode()


def test_llama_server_stream() -> None:
    events = parse_all([LLAMA_STREAM])
    assert [e.data for e in events][-1] == "[DONE]"
    assert len(events) == 4
    assert "世界 🌍" in events[2].data


def test_crlf_cr_and_lf_line_ends_are_the_same() -> None:
    lf = b"event: add\ndata: one\ndata: two\n\ndata: three\n\n"
    crlf = lf.replace(b"\n", b"\r\n")
    cr = lf.replace(b"\n", b"\r")
    expected = [SseEvent("one\ntwo", "add"), SseEvent("three")]
    assert parse_all([lf]) == parse_all([crlf]) == parse_all([cr]) == expected


def test_cr_then_lf_in_the_next_chunk_is_one_line_end() -> None:
    assert parse_all([b"data: a\r", b"\n\r", b"\ndata: b\r\n\r\n"]) == [
        SseEvent("a"),
        SseEvent("b"),
    ]


def test_comments_ids_and_the_optional_space() -> None:
    stream = b":comment\nid: 7\nretry: 10\ndata:no space\ndata:  two spaces\n\n"
    assert parse_all([stream]) == [SseEvent("no space\n two spaces")]


def test_event_without_data_is_not_dispatched_and_field_names_reset() -> None:
    stream = b"event: ping\n\ndata: x\n\n"
    assert parse_all([stream]) == [SseEvent("x")]


def test_unterminated_last_event_is_delivered_on_close() -> None:
    parser = SseParser()
    assert parser.feed(b"data: tail") == []
    assert parser.close() == [SseEvent("tail")]


def test_utf8_split_inside_a_character() -> None:
    raw = "data: 解释图像\n\n".encode()
    cut = raw.index("释".encode()) + 1
    assert parse_all([raw[:cut], raw[cut:]]) == [SseEvent("解释图像")]


def test_bom_is_ignored_and_stray_lines_counted() -> None:
    parser = SseParser()
    events = parser.feed(b"\xef\xbb\xbfdata: x\n\n<html>oops</html>\n")
    assert events == [SseEvent("x")]
    assert parser.stray_lines == 1


def test_empty_data_field_is_an_event() -> None:
    assert parse_all([b"data\n\n"]) == [SseEvent("")]


line_end = st.sampled_from(["\n", "\r\n", "\r"])
value_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"),
    max_size=12,
)
field_line = st.one_of(
    st.builds(lambda v: f"data: {v}", value_text),
    st.builds(lambda v: f"event: {v}", st.sampled_from(["", "error", "message"])),
    st.just(": comment"),
    st.just(""),
    st.just("id: 3"),
)


@settings(max_examples=300, deadline=None)
@given(
    lines=st.lists(st.tuples(field_line, line_end), max_size=20),
    cuts=st.lists(st.integers(min_value=0, max_value=400), max_size=12),
)
def test_any_split_gives_the_same_events(lines: list[tuple[str, str]], cuts: list[int]) -> None:
    raw = "".join(text + end for text, end in lines).encode("utf-8")
    points = sorted({c % (len(raw) + 1) for c in cuts})
    chunks = [raw[a:b] for a, b in zip([0, *points], [*points, len(raw)], strict=True)]
    assert parse_all(chunks) == parse_all([raw])
    # Byte by byte too: the harshest split.
    assert parse_all([raw[i : i + 1] for i in range(len(raw))]) == parse_all([raw])


# -- long lines: linear work, and a limit ----------------------------------------------------


def test_a_60_mb_line_without_a_newline_ends_in_a_clear_error() -> None:
    # Fed as a network would (64 KiB pieces). Before the parser kept pieces, each chunk
    # rebuilt the whole buffer: 16-22 s and 218 MB for this (bench/sse_long_line.py).
    parser = SseParser()
    piece = b"x" * 65536
    parser.feed(b"data: ")
    with pytest.raises(LineTooLong, match="longer than 16 MB"):
        for _ in range(60 * 16):
            parser.feed(piece)
    assert MAX_LINE == 16 * 1024 * 1024


def test_a_long_line_in_many_pieces_is_one_line() -> None:
    parser = SseParser(max_line=1000)
    events: list[SseEvent] = []
    for piece in [b"da", b"ta: ", b"a" * 300, b"\xc3", b"\xa9", b"b" * 300, b"\r", b"\n\r\n"]:
        events += parser.feed(piece)
    assert events == [SseEvent("a" * 300 + "é" + "b" * 300)]
    with pytest.raises(LineTooLong):
        parser.feed(b"data: " + b"c" * 1001 + b"\n")  # too long in one piece, too


def test_an_event_of_many_lines_is_limited_too() -> None:
    parser = SseParser(max_line=100)
    with pytest.raises(LineTooLong, match="an event"):
        parser.feed(b"data: 0123456789\n" * 20)


def test_many_short_lines_in_one_chunk() -> None:
    stream = b"".join(b"data: %d\n\n" % i for i in range(20000))
    events = parse_all([stream])
    assert len(events) == 20000 and events[-1].data == "19999"
