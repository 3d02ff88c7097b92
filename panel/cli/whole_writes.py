"""Writing to stdout from several threads without cutting a line in two."""

from __future__ import annotations

import threading
from typing import TextIO


class WholeWrites:
    """``write(text)``: the text reaches ``out`` in one piece, flushed, whichever thread
    calls; False once ``out`` failed (then nothing more is written).

    ``serve`` writes the server's lines from two reader threads and its own notes ("ready
    after …") from the probe's. Under ``python -u`` or ``PYTHONUNBUFFERED`` (CI sets it)
    stdout is a text layer straight over the file, with no buffered layer and so no lock:
    two threads' ``write()`` calls of more than ``PIPE_BUF`` (4 KiB) on a pipe interleave at
    any byte, and a UTF-8 character comes out cut in two (seen: a note in the middle of a
    flood line, which the reader could not decode).
    """

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._lock = threading.Lock()
        self.error: OSError | ValueError | None = None

    def write(self, text: str) -> bool:
        with self._lock:
            if self.error is not None:
                return False
            try:
                self._out.write(text)
                self._out.flush()
            except (OSError, ValueError) as exc:  # ValueError: stdout was closed
                self.error = exc
                return False
            return True
