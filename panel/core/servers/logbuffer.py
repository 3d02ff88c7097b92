"""Turning a child's byte stream into log lines, and keeping a bounded tail of them.

Engines print UTF-8 in arbitrary chunks (a CJK character can straddle two reads),
sometimes invalid bytes, and progress bars that redraw one line with ``\\r``. A log
must never freeze the UI or grow without bound, so the buffer is a ring.
"""

from __future__ import annotations

import codecs
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


class LogBuffer:
    """A thread-safe ring of the last ``maxlen`` lines, numbered in arrival order."""

    def __init__(self, maxlen: int = 5000) -> None:
        self._lines: deque[LogLine] = deque(maxlen=maxlen)
        self._lock = threading.Lock()
        self._seq = 0

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

    def tail(self, n: int | None = None) -> list[LogLine]:
        with self._lock:
            lines = list(self._lines)
        return lines if n is None else lines[-n:]

    def texts(self, n: int) -> list[str]:
        return [line.text for line in self.tail(n)]

    def clear(self) -> None:
        with self._lock:
            self._lines.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._lines)
