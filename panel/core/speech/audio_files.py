"""Audio files the user hands the transcription tab (opened, dropped or pasted), and
playback of kept recordings.

A file becomes the same thing a recording does: 16 kHz mono PCM16 WAV bytes, which the
store keeps and the server receives. Every way a file can be wrong ends as an
:class:`AudioFileError` whose ``str()`` is one sentence for the user.
"""

from __future__ import annotations

import importlib
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from panel.core.i18n import translate
from panel.core.speech.wav import WHISPER_RATE, encode_wav, resample, to_mono

__all__ = [
    "AUDIO_SUFFIXES",
    "MAX_FILE_BYTES",
    "AudioFileError",
    "DecodedAudio",
    "FileTooLarge",
    "audio_paths",
    "decode_audio_file",
    "is_audio_path",
    "paths_from_text",
    "play_file",
]

AUDIO_SUFFIXES = (".wav", ".mp3", ".flac", ".ogg", ".oga", ".opus")
MAX_FILE_BYTES = 200 * 1024 * 1024  # a longer file belongs in a batch tool, not this tab


class AudioFileError(ValueError):
    """A file that cannot be transcribed; ``str()`` says why, naming the file."""


class FileTooLarge(AudioFileError):
    """A file over :data:`MAX_FILE_BYTES`."""


@dataclass(frozen=True)
class DecodedAudio:
    wav: bytes  # 16 kHz mono PCM16
    duration: float  # seconds


def is_audio_path(path: Path) -> bool:
    return path.suffix.lower() in AUDIO_SUFFIXES


def audio_paths(paths: Iterable[Path]) -> list[Path]:
    """The audio files among ``paths``, by name (the drop target decides before reading)."""
    return [p for p in paths if is_audio_path(p)]


def paths_from_text(text: str) -> list[Path]:
    """Files named in pasted text: one per line, as ``file://`` URLs (what file managers
    copy) or absolute paths, quoted or not. Other lines are not file names and are left out.
    """
    found: list[Path] = []
    for raw in text.splitlines():
        line = raw.strip().strip("'\"")
        if line.startswith("file:"):
            parts = urlsplit(line)
            if parts.netloc not in ("", "localhost"):
                continue  # a file on another host is not one we can open
            line = unquote(parts.path)
        elif line.startswith("~"):
            line = str(Path(line).expanduser())
        if line and Path(line).is_absolute():
            found.append(Path(line))
    return found


def decode_audio_file(path: Path, max_bytes: int | None = None) -> DecodedAudio:
    """``path`` as 16 kHz mono WAV and its duration. Blocks on the disk and the decoder:
    call it off the GUI thread."""
    import soundfile

    limit = MAX_FILE_BYTES if max_bytes is None else max_bytes
    try:
        size = path.stat().st_size
        if size > limit:
            text = translate(
                "Audio", "{name} is {size} MB; files up to {limit} MB can be transcribed here"
            )
            raise FileTooLarge(
                text.format(name=path.name, size=f"{size / 1e6:.0f}", limit=f"{limit / 1e6:.0f}")
            )
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise AudioFileError(translate("Audio", "{path} was not found").format(path=path)) from exc
    except IsADirectoryError as exc:
        text = translate("Audio", "{name} is a folder, not an audio file")
        raise AudioFileError(text.format(name=path.name)) from exc
    except OSError as exc:
        text = translate("Audio", "{name} could not be read: {error}")
        raise AudioFileError(text.format(name=path.name, error=exc.strerror or exc)) from exc
    try:
        samples, rate = soundfile.read(io.BytesIO(data), dtype="float32")
    except (RuntimeError, soundfile.LibsndfileError) as exc:
        text = translate("Audio", "{name} could not be read as audio: {error}")
        raise AudioFileError(text.format(name=path.name, error=exc)) from exc
    mono = to_mono(samples)
    if mono.size == 0:
        raise AudioFileError(translate("Audio", "{name} holds no audio").format(name=path.name))
    if rate != WHISPER_RATE:
        mono = resample(mono, int(rate))
    return DecodedAudio(encode_wav(mono, WHISPER_RATE), mono.shape[0] / WHISPER_RATE)


def play_file(path: Path, sd: Any | None = None) -> None:
    """Start playing an audio file; returns at once (PortAudio plays it on its own
    thread). ``sd`` is the ``sounddevice`` module, or a stand-in for it."""
    import soundfile

    samples, rate = soundfile.read(str(path), dtype="float32")
    if sd is None:
        sd = importlib.import_module("sounddevice")
    sd.stop()
    sd.play(samples, rate)
