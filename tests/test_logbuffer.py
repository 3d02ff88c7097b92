from __future__ import annotations

from hypothesis import given
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
    assert len(out) == 1 and len(out[0][0]) == LineSplitter.MAX_LINE + 10


def test_ring_buffer_is_bounded_and_numbered() -> None:
    buf = LogBuffer(maxlen=3)
    made = buf.append("stdout", [(str(i), False) for i in range(5)])
    assert [m.seq for m in made] == [1, 2, 3, 4, 5]
    assert len(buf) == 3
    assert buf.texts(10) == ["2", "3", "4"]
    buf.clear()
    assert buf.tail() == []
