"""Recordings and their transcripts on disk, so nothing said is lost to a crash.

Each entry is ``<id>.wav`` plus ``<id>.json`` under
``platformdirs.user_data_dir("inference-panel")/transcripts/``. Ids are timestamps
(``20261125-110822-123456``, a ``-2`` suffix on a collision) so they sort by time; files
are written to a temporary name and renamed, and an existing entry is never overwritten.

A sidecar keeps what the window shows of a transcript (text, server, round trip, language,
segment timings), so a transcript reads the same after a relaunch. Sidecars written before
a field existed still load: the field is simply unknown.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import platformdirs

from panel.core.speech.transcribe import Segment, Transcript
from panel.core.speech.wav import WHISPER_RATE

__all__ = ["Entry", "TranscriptStore", "UnsavedEntryError", "default_root"]

_ID = re.compile(r"\d{8}-\d{6}-\d{6}(-\d+)?")


def default_root() -> Path:
    return Path(platformdirs.user_data_dir("inference-panel")) / "transcripts"


@dataclass
class Entry:
    id: str
    wav_path: Path
    created: datetime
    source: str
    text: str | None = None
    error: str | None = None
    server: str | None = None
    duration: float | None = None  # seconds of audio
    round_trip: float | None = None  # seconds from sending to the whole answer
    language: str | None = None  # as the server detected or was told
    segments: list[Segment] = field(default_factory=list)  # empty: no timings known

    @property
    def real_time_factor(self) -> float | None:
        """Round trip over audio duration; below 1 is faster than real time."""
        if self.round_trip is None or not self.duration:
            return None
        return self.round_trip / self.duration


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _segments(value: object) -> list[Segment]:
    """Segments from a sidecar; an item that is not one is skipped, not fatal."""
    if not isinstance(value, list):
        return []
    found = []
    for item in value:
        if not isinstance(item, dict):
            continue
        start, end, text = _number(item.get("start")), _number(item.get("end")), item.get("text")
        if start is not None and end is not None and isinstance(text, str):
            found.append(Segment(start, end, text))
    return found


def _wav_duration(data: bytes) -> float | None:
    # PCM WAV from encode_wav: 44-byte header; data size / (rate * 2). Read properly:
    import io

    try:
        import soundfile as sf

        info = sf.info(io.BytesIO(data))
        return float(info.frames) / float(info.samplerate or WHISPER_RATE)
    except Exception:
        return None


def _age(entry_id: str) -> tuple[str, int]:
    """Sorts ids by time, then collision suffix (``-2`` after none, ``-10`` after ``-9``)."""
    return entry_id[:22], int(entry_id[23:] or 1)  # _ID: the 22-character stamp, "-", n


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


class UnsavedEntryError(OSError):
    """An entry that could not be written (a full disk...): ``entry`` holds what it says,
    so the caller can still show it."""

    def __init__(self, entry: Entry, cause: OSError) -> None:
        super().__init__(cause.errno, cause.strerror, cause.filename)
        self.entry = entry


class TranscriptStore:
    def __init__(self, root: Path | None = None) -> None:
        self.root = root if root is not None else default_root()

    def _sidecar(self, entry_id: str) -> Path:
        if not _ID.fullmatch(entry_id):
            raise KeyError(f"no such recording: {entry_id}")
        return self.root / f"{entry_id}.json"

    def save_recording(self, wav: bytes, source: str) -> Entry:
        """Store ``wav`` under a new id; ``source`` says where it came from
        ("microphone", a file name...)."""
        self.root.mkdir(parents=True, exist_ok=True)
        created = datetime.now(UTC)
        base = created.strftime("%Y%m%d-%H%M%S-%f")
        entry_id, n = base, 1
        while True:
            wav_path = self.root / f"{entry_id}.wav"
            try:
                # O_EXCL claims the id: two saves in the same microsecond get different ones.
                fd = os.open(wav_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                n += 1
                entry_id = f"{base}-{n}"
                continue
            os.close(fd)
            break
        try:
            _write_atomic(wav_path, wav)
        except OSError:
            with contextlib.suppress(OSError):
                wav_path.unlink()  # the empty placeholder that claimed the id
            raise
        entry = Entry(
            id=entry_id,
            wav_path=wav_path,
            created=created,
            source=source,
            duration=_wav_duration(wav),
        )
        self._write(entry)
        return entry

    def _write(self, entry: Entry) -> None:
        data: dict[str, Any] = {
            "id": entry.id,
            "wav": entry.wav_path.name,
            "created": entry.created.isoformat(),
            "source": entry.source,
            "text": entry.text,
            "error": entry.error,
            "server": entry.server,
            "duration": entry.duration,
            "round_trip": entry.round_trip,
            "language": entry.language,
            "segments": [
                {"start": seg.start, "end": seg.end, "text": seg.text} for seg in entry.segments
            ],
        }
        _write_atomic(
            self._sidecar(entry.id), json.dumps(data, ensure_ascii=False, indent=1).encode()
        )

    def _read(self, path: Path) -> Entry | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return Entry(
                id=str(data["id"]),
                wav_path=self.root / str(data.get("wav") or f"{data['id']}.wav"),
                created=datetime.fromisoformat(str(data["created"])),
                source=str(data.get("source", "")),
                text=_text(data.get("text")),
                error=_text(data.get("error")),
                server=_text(data.get("server")),
                duration=_number(data.get("duration")),
                round_trip=_number(data.get("round_trip")),
                language=_text(data.get("language")) or None,
                segments=_segments(data.get("segments")),
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # a damaged sidecar hides its entry rather than the whole list

    def get(self, entry_id: str) -> Entry:
        entry = self._read(self._sidecar(entry_id))
        if entry is None:
            raise KeyError(f"no such recording: {entry_id}")
        return entry

    def attach_transcript(self, entry_id: str, transcript: Transcript, server_name: str) -> Entry:
        entry = self.get(entry_id)
        entry.text = transcript.text
        entry.error = None
        entry.server = server_name
        if transcript.duration:
            entry.duration = transcript.duration
        entry.round_trip = transcript.round_trip
        entry.language = transcript.language
        entry.segments = list(transcript.segments)
        try:
            self._write(entry)
        except OSError as exc:
            raise UnsavedEntryError(entry, exc) from exc
        return entry

    def attach_error(self, entry_id: str, message: str) -> Entry:
        entry = self.get(entry_id)
        entry.error = message
        self._write(entry)
        return entry

    def ids(self) -> list[str]:
        """The ids of the saved entries, newest first, from the file names alone: cheap
        with thousands of them, where :meth:`entries` reads every sidecar. An id whose
        sidecar is damaged is listed; :meth:`get` then raises KeyError."""
        try:
            names = os.listdir(self.root)
        except OSError:
            return []
        found = [n[:-5] for n in names if n.endswith(".json") and _ID.fullmatch(n[:-5])]
        found.sort(key=_age, reverse=True)
        return found

    def entries(self) -> list[Entry]:
        """Newest first."""
        if not self.root.is_dir():
            return []
        found = [e for p in self.root.glob("*.json") if (e := self._read(p)) is not None]
        found.sort(key=lambda e: (e.created, e.id), reverse=True)
        return found

    def delete(self, entry_id: str) -> None:
        sidecar = self._sidecar(entry_id)
        entry = self._read(sidecar)
        wav = entry.wav_path if entry else self.root / f"{entry_id}.wav"
        for path in (sidecar, wav):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
