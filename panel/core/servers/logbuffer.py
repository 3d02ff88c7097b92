"""Turning a child's byte stream into log lines, and keeping a bounded tail of them.

Engines print UTF-8 in arbitrary chunks (a CJK character can straddle two reads),
sometimes invalid bytes, and progress bars that redraw one line with ``\\r``. A log
must never freeze the UI or grow without bound, so the buffer is a ring.

Readers pull: the log view asks :meth:`LogBuffer.since` for the lines after the last
number it showed, so lines of a server nobody looks at never leave the reader thread, and
the one count of lost lines is the gap in the numbers.
"""

from __future__ import annotations

import codecs
import itertools
import threading
import time
from collections import deque
from typing import NamedTuple


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

    MAX_LINE = 64 * 1024  # a line without a newline longer than this is cut, not hoarded

    def __init__(self) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._pending = ""
        self._after_cr = False

    def feed(self, data: bytes) -> list[tuple[str, bool]]:
        return self._split(self._decoder.decode(data))

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
                out_fast.append((pending, False))
                pending = ""
            self._pending = pending
            return out_fast
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
            out.append((pending, False))
            pending = ""
        self._pending = pending
        # Empty redraws ("\r\r") carry nothing worth a line.
        return [(line, progress) for line, progress in out if line or not progress]


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


class LogBuffer:
    """A thread-safe ring of the last ``maxlen`` lines, numbered in arrival order.

    Numbers start at 1 and are never reused, not even after :meth:`clear`: a reader that
    remembers the last number it read asks :meth:`since` for the rest and learns from the
    numbers alone how many it missed.
    """

    def __init__(self, maxlen: int = LOG_LINES) -> None:
        self._lines: deque[LogLine] = deque(maxlen=maxlen)
        self._lock = threading.Lock()
        self._seq = 0

    @property
    def maxlen(self) -> int:
        return self._lines.maxlen or 0

    @property
    def last_seq(self) -> int:
        """The number of the newest line ever appended (0 before the first)."""
        return self._seq

    def append(self, stream: str, entries: list[tuple[str, bool]]) -> list[LogLine]:
        now = time.time()
        with self._lock:
            first = self._seq + 1
            self._seq += len(entries)
            made = [
                LogLine(seq, stream, text, now, progress)
                for seq, (text, progress) in enumerate(entries, first)
            ]
            self._lines.extend(made)
        return made

    def since(self, seq: int, limit: int | None = None) -> LogSince:
        """The kept lines numbered after ``seq``, oldest first: all of them, or the oldest
        ``limit``; and the number of the oldest kept line (see :class:`LogSince`)."""
        with self._lock:
            lines = self._lines
            first = lines[0].seq if lines else self._seq + 1
            start = max(seq + 1, first)  # the index of line n is n - first
            take = self._seq - start + 1
            if limit is not None:
                take = min(take, limit)
            if take <= 0:
                return LogSince([], first)
            skip = start - first
            after = len(lines) - skip - take
            # Walk in from the nearer end: a reader that keeps up wants the last few.
            if after < skip:
                out = list(itertools.islice(reversed(lines), after, after + take))
                out.reverse()
            else:
                out = list(itertools.islice(lines, skip, skip + take))
        return LogSince(out, first)

    def tail(self, n: int | None = None) -> list[LogLine]:
        with self._lock:
            lines = list(self._lines)
        return lines if n is None else lines[-n:]

    def texts(self, n: int) -> list[str]:
        return [line.text for line in self.tail(n)]

    def clear(self) -> None:
        """Forget the kept lines; numbering goes on where it was."""
        with self._lock:
            self._lines.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._lines)
