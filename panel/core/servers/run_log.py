"""Every line of every server run, on disk: one file per run, bounded and rotated.

The in-memory log (:class:`~panel.core.servers.logbuffer.LogBuffer`) keeps the newest
lines for the view and may skip under a flood; this file keeps them all. The reader
threads write the bytes the server printed, as they came (invalid UTF-8 and ``\\r``
redraws included), whole lines at a time so that stdout and stderr interleave only at
line ends; the panel's own notes go in as lines starting with ``▸ ``.

Where and how much: ``<data folder>/logs/<profile>/<start time>_<part>.log``. A run's
file is rotated into a new part at :data:`RUN_LOG_BYTES`, and a profile keeps at most
:data:`RUN_LOG_FILES` files (its older runs go first, then the current run's oldest
parts): about 50 MiB × 3 per profile. The current run's newest lines are never removed.

Writing is one ``write()`` per chunk read (64 KiB or more) on the reader thread, which
releases the GIL for the system call: it costs the GUI nothing. A disk error is said
once in the log and stops the file, never the server or its reader.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime
import hashlib
import os
import re
import threading
from collections.abc import Callable
from pathlib import Path

import platformdirs

from panel.core.i18n import translate

RUN_LOG_BYTES = 50 * 2**20  # one file of a run; then a new part
RUN_LOG_FILES = 3  # files kept per profile, the current one included
# A line without a newline is held back until it ends (so that the other stream does not
# land in its middle), but not beyond this: an endless line is written as it comes.
MAX_PENDING = 2**20
NOTE_PREFIX = "▸ "  # as the log view shows the panel's own lines

_UNSAFE = re.compile(r"[^\w.-]")


def logs_dir() -> Path:
    # platformdirs, not config.store: the supervisor must not load the TOML writer.
    return Path(platformdirs.user_data_dir("inference-panel")) / "logs"


def profile_log_dir(profile: str, base: Path | None = None) -> Path:
    """The folder of a profile's run logs. A name that is not a safe file name gets a
    short hash, so that two such names never share a folder."""
    safe = _UNSAFE.sub("_", profile).strip(".") or "_"
    if safe != profile:
        safe += "-" + hashlib.sha1(profile.encode()).hexdigest()[:8]
    return (base or logs_dir()) / safe


class RunLog:
    """One server run's log file(s). Thread-safe: both readers and the notes write here."""

    def __init__(
        self,
        folder: Path,
        *,
        max_bytes: int = RUN_LOG_BYTES,
        max_files: int = RUN_LOG_FILES,
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        self.folder = folder
        self._on_error = on_error
        self.max_bytes = max_bytes
        self.max_files = max(1, max_files)
        self._lock = threading.Lock()
        self._pending: dict[str, bytes] = {}
        self._size = 0
        self._part = 0
        self._fd: int | None = None
        self.error: str | None = None  # why the file stopped, once it did
        self._stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        self.path = folder / f"{self._stamp}_001.log"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._open_next()
        except OSError as exc:
            self._fail(exc)

    # -- writing ---------------------------------------------------------------------
    def write(self, stream: str, data: bytes) -> None:
        """Bytes a stream printed: its complete lines are written now, the rest held.
        ``b""`` says the stream ended: what it left without a newline is written, so
        that it comes before the notes about how the run ended."""
        if self._fd is None:
            return
        with self._lock:
            pending = self._pending.get(stream, b"")
            if not data:
                if pending:
                    self._pending[stream] = b""
                    self._write(pending + b"\n")
                return
            cut = data.rfind(b"\n") + 1
            if cut:
                out = pending + data[:cut] if pending else data[:cut]
                self._pending[stream] = data[cut:]
            else:
                pending += data
                if len(pending) < MAX_PENDING:
                    self._pending[stream] = pending
                    return
                out, self._pending[stream] = pending, b""
            self._write(out)

    def note(self, text: str) -> None:
        """A line of the panel's own (started, stopped, the command line...)."""
        if self._fd is None:
            return
        data = f"{NOTE_PREFIX}{text}\n".encode(errors="replace")
        with self._lock:
            self._write(data)

    def close(self) -> None:
        """Write what the streams left without a newline, and close."""
        with self._lock:
            for stream, rest in list(self._pending.items()):
                if rest:
                    self._write(rest if rest.endswith(b"\n") else rest + b"\n")
                self._pending[stream] = b""
            if self._fd is not None:
                os.close(self._fd)
                self._fd = None

    @property
    def closed(self) -> bool:
        return self._fd is None

    @property
    def rotated(self) -> bool:
        """The run has more than one file (see :meth:`paths`)."""
        return self._part > 1

    def paths(self) -> list[Path]:
        """This run's files still on disk, oldest first."""
        return sorted(self.folder.glob(f"{self._stamp}_*.log"))

    # -- under the lock --------------------------------------------------------------
    def _write(self, data: bytes) -> None:
        if self._fd is None:
            return
        try:
            if self._size and self._size + len(data) > self.max_bytes:
                os.close(self._fd)
                self._fd = None
                self._open_next()
            view = memoryview(data)
            while view:
                written = os.write(self._fd, view)  # type: ignore[arg-type]
                view = view[written:]
            self._size += len(data)
        except OSError as exc:
            self._fail(exc)

    def _open_next(self) -> None:
        self._part += 1
        self.path = self.folder / f"{self._stamp}_{self._part:03d}.log"
        self._prune(keep=self.max_files - 1)
        self._fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC, 0o600)
        self._size = 0

    def _prune(self, keep: int) -> None:
        """Remove the oldest files of the profile until ``keep`` are left. Names sort by
        start time and part, so the current run's newest part is always the last."""
        files = sorted(self.folder.glob("*.log"))
        for old in files[: max(0, len(files) - keep)]:
            try:
                old.unlink()
            except FileNotFoundError:
                continue

    def _fail(self, exc: OSError) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None
        self.error = translate("ServerNotes", "cannot write the run log {path}: {error}").format(
            path=self.path, error=exc.strerror or exc
        )
        if self._on_error is not None:
            self._on_error(self.error)  # note() returns at once now: no lock taken again


SEARCH_CHUNK = 2**20


def count_in_files(paths: list[Path], text: str) -> int:
    """How many times ``text`` occurs in these files, case-insensitively (as the log
    view's search). Read 1 MiB at a time, counted with ``str.count`` (C speed, so that
    the thread doing it holds the GIL in short turns); files rotated away meanwhile are
    skipped."""
    needle = text.lower()
    if not needle:
        return 0
    keep = len(needle) - 1  # a match may straddle two chunks; a shorter tail holds none
    total = 0
    for path in paths:
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        carry = ""
        try:
            with path.open("rb") as f:
                while chunk := f.read(SEARCH_CHUNK):
                    hay = carry + decoder.decode(chunk).lower()
                    total += hay.count(needle)
                    carry = hay[len(hay) - keep :] if keep else ""
        except FileNotFoundError:
            continue
    return total
