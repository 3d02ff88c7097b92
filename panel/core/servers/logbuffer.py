"""Turning a child's byte stream into log lines, and keeping a bounded tail of them.

Engines print UTF-8 in arbitrary chunks (a CJK character can straddle two reads),
sometimes invalid bytes, and progress bars that redraw one line with ``\\r``. A log
must never freeze the UI or grow without bound, so the buffer is a ring.

Readers pull: the log view asks :meth:`LogBuffer.since` for the lines after the last
number it showed, so lines of a server nobody looks at never leave the reader thread, and
the one count of lost lines is the gap in the numbers.

Why lines are kept as chunks (:class:`LineChunk`), not one object each: the reader
threads hold the GIL while they run Python code, and every millisecond they hold it is a
millisecond the GUI thread may wait. Decoding a 1 MiB read (15,000 lines) and splitting
it with ``str.split`` run in C, 5-6 ms; with a :class:`LogLine` built per line in Python
it took 12-22 ms, for lines a flood mostly pushes out of the ring before anyone looks. So a read becomes one chunk (a list of strings and a
first number) and a :class:`LogLine` is made only for the lines somebody asks for. Every
line also goes to disk (:mod:`panel.core.servers.run_log`) before any of this.
"""

from __future__ import annotations

import bisect
import codecs
import threading
import time
from collections import deque
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple, overload

if TYPE_CHECKING:
    from panel.core.servers.run_log import RunLog


class LogLine(NamedTuple):
    """One line of a server's log. A tuple: made a million times a second under a flood,
    where a frozen dataclass costs the reader thread (and so the GUI, via the GIL) 3x more.
    """

    seq: int
    stream: str  # "stdout", "stderr" or "panel" (our own notes)
    text: str
    time: float
    progress: bool = False  # ended by "\r": a redraw of the previous line, not a new one


class LineSplitter:
    """Incremental UTF-8 decoding and line splitting for one stream.

    ``feed`` returns (text, progress) pairs for every complete line. ``\\r\\n`` is one
    line end even when the two bytes arrive in different chunks.
    """

    MAX_LINE = 64 * 1024  # longer lines are cut into pieces this long (see _cut)

    def __init__(self) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._pending = ""
        self._after_cr = False

    def feed(self, data: bytes) -> list[tuple[str, bool]]:
        return self._split(self._decoder.decode(data))

    def feed_texts(self, data: bytes) -> tuple[list[str], list[bool] | None]:
        """Like :meth:`feed`, as the lines' texts and their progress flags (None: no
        progress line among them). A chunk without ``\r`` is split without a Python
        loop over its lines: the reader threads' hot path."""
        text = self._decoder.decode(data)
        if "\r" in text or self._after_cr:
            entries = self._split(text)
            return [t for t, _ in entries], [p for _, p in entries]
        parts = text.split("\n")
        if len(parts) == 1:
            pending = self._pending + parts[0]
            texts: list[str] = []
        else:
            parts[0] = self._pending + parts[0]
            pending = parts.pop()
            texts = parts
        if texts and max(map(len, texts)) > self.MAX_LINE:  # map(): a C loop
            texts = _cut(texts, self.MAX_LINE)
        if len(pending) > self.MAX_LINE:
            pieces = _cut([pending], self.MAX_LINE)
            pending = pieces.pop()
            texts += pieces
        self._pending = pending
        return texts, None

    def flush(self) -> list[tuple[str, bool]]:
        out = self._split(self._decoder.decode(b"", final=True))
        if self._after_cr:
            out.append((self._pending, True))
        elif self._pending:
            out.append((self._pending, False))
        self._pending = ""
        self._after_cr = False
        return out

    def _split(self, text: str) -> list[tuple[str, bool]]:
        if "\r" not in text and not self._after_cr:
            # The common case, at C speed: a firehose of plain lines.
            parts = text.split("\n")
            if len(parts) == 1:
                out_fast: list[tuple[str, bool]] = []
                pending = self._pending + parts[0]
            else:
                out_fast = [(self._pending + parts[0], False)]
                out_fast += [(line, False) for line in parts[1:-1]]
                pending = parts[-1]
            if len(pending) > self.MAX_LINE:
                pieces = _cut([pending], self.MAX_LINE)
                pending = pieces.pop()
                out_fast += [(piece, False) for piece in pieces]
            self._pending = pending
            return [
                (piece, False)
                for text, _ in out_fast
                for piece in (_cut([text], self.MAX_LINE) if len(text) > self.MAX_LINE else (text,))
            ]
        out: list[tuple[str, bool]] = []
        pending = self._pending
        if self._after_cr:
            # The last chunk ended in "\r": only now do we know whether it was "\r\n".
            if not text:
                return out
            self._after_cr = False
            if text.startswith("\n"):
                out.append((pending, False))
                text = text[1:]
            else:
                out.append((pending, True))
            pending = ""
        start = 0
        n = len(text)
        i = 0
        while i < n:
            ch = text[i]
            if ch == "\n":
                out.append((pending + text[start:i], False))
                pending = ""
                start = i + 1
            elif ch == "\r":
                if i + 1 == n:
                    self._after_cr = True
                    pending += text[start:i]
                    start = n
                    break
                if text[i + 1] == "\n":
                    out.append((pending + text[start:i], False))
                    i += 1
                else:
                    out.append((pending + text[start:i], True))
                pending = ""
                start = i + 1
            i += 1
        pending += text[start:]
        if len(pending) > self.MAX_LINE and not self._after_cr:
            pieces = _cut([pending], self.MAX_LINE)
            pending = pieces.pop()
            out += [(piece, False) for piece in pieces]
        self._pending = pending
        # Empty redraws ("\r\r") carry nothing worth a line.
        return [
            (piece, progress)
            for line, progress in out
            if line or not progress
            for piece in (_cut([line], self.MAX_LINE) if len(line) > self.MAX_LINE else (line,))
        ]


def _cut(texts: list[str], size: int) -> list[str]:
    """Lines longer than ``size`` cut into pieces of ``size`` (the last may be shorter).

    Why cut even a line that ended: a megabyte-long line in memory would be matched by
    every pattern that reads the log (load progress, crash reasons), and a pattern with a
    lazy ``.*?`` costs the square of the line's length. The run log keeps it whole.
    """
    out: list[str] = []
    for text in texts:
        if len(text) <= size:
            out.append(text)
        else:
            out += [text[i : i + size] for i in range(0, len(text), size)]
    return out


class LogSince(NamedTuple):
    """What :meth:`LogBuffer.since` found: the lines after a number, and where the kept
    lines begin. Lines numbered between the number asked for and ``first`` are gone (the
    ring dropped them, or a new run cleared them): :meth:`skipped` counts them."""

    lines: list[LogLine]
    first: int  # the number of the oldest line still kept (the next one, when none are)

    def skipped(self, seq: int) -> int:
        """How many lines after ``seq`` were lost before they could be read."""
        return max(0, self.first - seq - 1)


LOG_LINES = 20_000  # lines a server's log keeps: as many as the log view shows


class LineChunk(Sequence[LogLine]):
    """Lines appended together, numbered from ``first``: a sequence of :class:`LogLine`
    made only when read (see the module's doc for why)."""

    __slots__ = ("first", "flags", "stream", "texts", "time")

    def __init__(
        self, first: int, stream: str, texts: list[str], flags: list[bool] | None, when: float
    ) -> None:
        self.first = first
        self.stream = stream
        self.texts = texts
        self.flags = flags  # progress flags, one per text; None when all are False
        self.time = when

    def __len__(self) -> int:
        return len(self.texts)

    @overload
    def __getitem__(self, index: int) -> LogLine: ...
    @overload
    def __getitem__(self, index: slice) -> list[LogLine]: ...
    def __getitem__(self, index: int | slice) -> LogLine | list[LogLine]:
        if isinstance(index, slice):
            return self.lines(*index.indices(len(self.texts))[:2])
        n = len(self.texts)
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError(index)
        flag = self.flags[index] if self.flags is not None else False
        return LogLine(self.first + index, self.stream, self.texts[index], self.time, flag)

    def __iter__(self) -> Iterator[LogLine]:
        return iter(self.lines(0, len(self.texts)))

    def lines(self, start: int, stop: int) -> list[LogLine]:
        """The :class:`LogLine` objects of ``texts[start:stop]``."""
        stream, when, first = self.stream, self.time, self.first + start
        texts = self.texts[start:stop]
        if self.flags is None:
            return [LogLine(seq, stream, text, when) for seq, text in enumerate(texts, first)]
        flags = self.flags[start:stop]
        return [
            LogLine(seq, stream, text, when, flag)
            for seq, text, flag in zip(range(first, first + len(texts)), texts, flags, strict=True)
        ]


class LogBuffer:
    """A thread-safe ring of the last ``maxlen`` lines, numbered in arrival order.

    Numbers start at 1 and are never reused, not even after :meth:`clear`: a reader that
    remembers the last number it read asks :meth:`since` for the rest and learns from the
    numbers alone how many it missed. ``run_log`` is the current run's file, which keeps
    every line (set by the supervisor; None before a run or where nothing is written).
    """

    def __init__(self, maxlen: int = LOG_LINES) -> None:
        self._maxlen = max(1, maxlen)
        self._chunks: deque[LineChunk] = deque()
        self._lock = threading.Lock()
        self._seq = 0
        self._first = 1  # the number of the oldest line kept (the next one, when none are)
        self.run_log: RunLog | None = None

    @property
    def maxlen(self) -> int:
        return self._maxlen

    @property
    def last_seq(self) -> int:
        """The number of the newest line ever appended (0 before the first)."""
        return self._seq

    def append(self, stream: str, entries: list[tuple[str, bool]]) -> list[LogLine]:
        texts = [text for text, _ in entries]
        flags = [progress for _, progress in entries]
        return list(self.extend(stream, texts, flags if any(flags) else None))

    def extend(self, stream: str, texts: list[str], flags: list[bool] | None = None) -> LineChunk:
        """Append lines (``texts`` is kept, not copied) in O(1) Python work; returns them
        as a :class:`LineChunk`."""
        now = time.time()
        with self._lock:
            chunk = LineChunk(self._seq + 1, stream, texts, flags, now)
            self._seq += len(texts)
            if texts:
                self._chunks.append(chunk)
                self._trim()
        return chunk

    def _trim(self) -> None:
        chunks = self._chunks
        first = self._seq - self._maxlen + 1
        while chunks and chunks[0].first + len(chunks[0].texts) <= first:
            chunks.popleft()
        self._first = max(self._first, first) if chunks else self._seq + 1

    def since(self, seq: int, limit: int | None = None) -> LogSince:
        """The kept lines numbered after ``seq``, oldest first: all of them, or the oldest
        ``limit``; and the number of the oldest kept line (see :class:`LogSince`)."""
        with self._lock:
            return self._since(seq, limit)

    def _since(self, seq: int, limit: int | None) -> LogSince:  # under the lock
        first = self._first
        start = max(seq + 1, first)
        take = self._seq - start + 1
        if limit is not None:
            take = min(take, limit)
        if take <= 0:
            return LogSince([], first)
        chunks = self._chunks
        stop = start + take
        # The chunk holding line ``start``: found by bisection (a reader that keeps up
        # wants the last chunk or two).
        i = bisect.bisect_right(chunks, start, key=_first_of) - 1
        out: list[LogLine] = []
        while len(out) < take:
            chunk = chunks[i]
            lo = max(start, chunk.first) - chunk.first
            hi = min(stop, chunk.first + len(chunk.texts)) - chunk.first
            out += chunk.lines(lo, hi)
            i += 1
        return LogSince(out, first)

    def tail(self, n: int | None = None) -> list[LogLine]:
        with self._lock:
            kept = self._seq - self._first + 1
            count = kept if n is None else min(n, kept)
            return self._since(self._seq - count, None).lines if count > 0 else []

    def texts(self, n: int) -> list[str]:
        return [line.text for line in self.tail(n)]

    def clear(self) -> None:
        """Forget the kept lines; numbering goes on where it was."""
        with self._lock:
            self._chunks.clear()
            self._first = self._seq + 1

    def __len__(self) -> int:
        with self._lock:
            return self._seq - self._first + 1


def _first_of(chunk: LineChunk) -> int:
    return chunk.first
