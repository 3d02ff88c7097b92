from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from panel.core.servers.logbuffer import LineSplitter, LogBuffer

SAMPLE = "解释图像 第1行\nloading 10%\rloading 20%\r\nplain\r\n末尾".encode()


def feed_all(chunks: list[bytes]) -> list[tuple[str, bool]]:
    splitter = LineSplitter()
    out = []
    for chunk in chunks:
        out += splitter.feed(chunk)
    return out + splitter.flush()


def test_lines_progress_and_cjk() -> None:
    assert feed_all([SAMPLE]) == [
        ("解释图像 第1行", False),
        ("loading 10%", True),
        ("loading 20%", False),
        ("plain", False),
        ("末尾", False),
    ]


def test_invalid_utf8_is_replaced_not_fatal() -> None:
    assert feed_all([b"ok \xff\xfe end\n"]) == [("ok \ufffd\ufffd end", False)]


@given(st.lists(st.integers(min_value=1, max_value=len(SAMPLE)), max_size=12))
def test_any_chunking_gives_the_same_lines(cuts: list[int]) -> None:
    points = sorted(set(cuts))
    chunks = [SAMPLE[a:b] for a, b in zip([0, *points], [*points, len(SAMPLE)], strict=True)]
    assert feed_all(chunks) == feed_all([SAMPLE])


def test_endless_line_is_cut_not_hoarded() -> None:
    splitter = LineSplitter()
    out = splitter.feed(b"x" * (LineSplitter.MAX_LINE + 10))
    assert out == [("x" * LineSplitter.MAX_LINE, False)]
    assert splitter.flush() == [("x" * 10, False)]


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=700, max_value=300_000), st.booleans())
def test_long_lines_are_cut_into_bounded_pieces_whatever_the_chunks(
    chunk: int, progress: bool
) -> None:
    """A megabyte line (ended or not, in one read or many) is in memory as pieces of at
    most MAX_LINE characters, the same pieces however it was read."""
    size = LineSplitter.MAX_LINE
    data = b"y" * (3 * size + 5) + (b"\r" if progress else b"\n") + b"z" * (size + 1) + b"\n"
    for feed in ("feed", "feed_texts"):
        splitter = LineSplitter()
        texts: list[str] = []
        for start in range(0, len(data), chunk):
            got = getattr(splitter, feed)(data[start : start + chunk])
            texts += got[0] if feed == "feed_texts" else [text for text, _ in got]
        texts += [text for text, _ in splitter.flush()]
        assert texts == ["y" * size] * 3 + ["yyyyy", "z" * size, "z"]


def test_ring_buffer_is_bounded_and_numbered() -> None:
    buf = LogBuffer(maxlen=3)
    made = buf.append("stdout", [(str(i), False) for i in range(5)])
    assert [m.seq for m in made] == [1, 2, 3, 4, 5]
    assert len(buf) == 3
    assert buf.texts(10) == ["2", "3", "4"]
    buf.clear()
    assert buf.tail() == []


def test_since_returns_the_lines_after_a_number() -> None:
    buf = LogBuffer(maxlen=10)
    buf.append("stdout", [(str(i), False) for i in range(1, 6)])  # seq 1..5 = "1".."5"
    got = buf.since(0)
    assert [line.text for line in got.lines] == ["1", "2", "3", "4", "5"]
    assert got.first == 1 and got.skipped(0) == 0
    assert [line.seq for line in buf.since(3).lines] == [4, 5]
    assert [line.seq for line in buf.since(1, limit=2).lines] == [2, 3]  # the oldest ones
    assert buf.since(5) == ([], 1)
    assert buf.last_seq == 5


def test_since_counts_the_lines_the_ring_dropped() -> None:
    buf = LogBuffer(maxlen=3)
    buf.append("stdout", [(str(i), False) for i in range(1, 9)])  # keeps 6, 7, 8
    got = buf.since(2)
    assert [line.seq for line in got.lines] == [6, 7, 8]
    assert got.first == 6 and got.skipped(2) == 3  # 3, 4 and 5 are gone
    assert got.skipped(7) == 0


def test_numbers_go_on_after_clear() -> None:
    buf = LogBuffer(maxlen=5)
    buf.append("stdout", [("old", False), ("old", False)])
    buf.clear()
    got = buf.since(1)
    assert got.lines == [] and got.first == 3 and got.skipped(1) == 1
    buf.append("panel", [("$ server", False)])
    assert [(line.seq, line.text) for line in buf.since(2).lines] == [(3, "$ server")]


@given(
    st.integers(min_value=1, max_value=8),
    st.lists(st.integers(min_value=1, max_value=6), max_size=10),
    st.integers(min_value=0, max_value=40),
    st.one_of(st.none(), st.integers(min_value=1, max_value=10)),
)
def test_since_agrees_with_a_plain_list(
    maxlen: int, batches: list[int], seq: int, limit: int | None
) -> None:
    buf = LogBuffer(maxlen=maxlen)
    every: list[int] = []
    for size in batches:
        every += [m.seq for m in buf.append("stdout", [("x", False)] * size)]
    kept = every[-maxlen:]
    got = buf.since(seq, limit)
    want = [n for n in kept if n > seq][:limit]
    assert [line.seq for line in got.lines] == want
    assert got.first == (kept[0] if kept else len(every) + 1)
