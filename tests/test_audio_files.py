"""panel.core.speech.audio_files: files handed to the transcription tab, without Qt."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from panel.core.speech.audio_files import (
    AudioFileError,
    FileTooLarge,
    audio_paths,
    decode_audio_file,
    paths_from_text,
    play_file,
)
from panel.core.speech.wav import level_dbfs


def tone(rate: int, seconds: float, channels: int = 1) -> np.ndarray:
    t = np.arange(round(rate * seconds)) / rate
    mono = (0.5 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
    return np.stack([mono] * channels, axis=1) if channels > 1 else mono


def test_a_stereo_44k_flac_becomes_16k_mono_wav(tmp_path: Path) -> None:
    path = tmp_path / "interview.flac"
    sf.write(path, tone(44100, 1.5, channels=2), 44100, format="FLAC")
    decoded = decode_audio_file(path)
    samples, rate = sf.read(io.BytesIO(decoded.wav), dtype="float32")
    info = sf.info(io.BytesIO(decoded.wav))
    assert (rate, info.channels, info.subtype) == (16000, 1, "PCM_16")
    assert decoded.duration == pytest.approx(1.5, abs=1e-3)
    assert samples.shape == (24000,)
    assert abs(level_dbfs(samples[200:-200]) - level_dbfs(tone(16000, 1.0))) < 0.2


def test_every_bad_file_is_one_sentence_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "gone.wav"
    with pytest.raises(AudioFileError, match=r"gone\.wav was not found"):
        decode_audio_file(missing)
    folder = tmp_path / "album.wav"
    folder.mkdir()
    with pytest.raises(AudioFileError, match=r"album\.wav is a folder"):
        decode_audio_file(folder)
    garbage = tmp_path / "notes.wav"
    garbage.write_bytes(b"not audio" * 50)
    with pytest.raises(AudioFileError, match=r"notes\.wav could not be read as audio"):
        decode_audio_file(garbage)
    with pytest.raises(FileTooLarge, match=r"notes\.wav is 0 MB; files up to 0 MB"):
        decode_audio_file(garbage, max_bytes=100)
    empty = tmp_path / "empty.wav"
    sf.write(empty, np.zeros(0, dtype=np.float32), 16000)
    with pytest.raises(AudioFileError, match=r"empty\.wav holds no audio"):
        decode_audio_file(empty)


def test_audio_paths_go_by_suffix_in_any_case() -> None:
    given = [Path("/a/talk.MP3"), Path("/a/notes.txt"), Path("/a/x.opus"), Path("/a/wav")]
    assert audio_paths(given) == [Path("/a/talk.MP3"), Path("/a/x.opus")]


def test_paths_from_pasted_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    text = "\n".join(
        [
            "file:///home/me/Talks/r%C3%A9union%201.wav",  # a file manager's copy
            "file://localhost/srv/a.flac",
            "file://otherhost/srv/b.flac",  # another machine's: not ours to open
            "  '/tmp/quoted name.mp3'  ",
            '"/tmp/double.ogg"',
            "~/voice.opus",
            "relative/path.wav",  # no folder to resolve it against
            "just some words",
            "",
        ]
    )
    assert paths_from_text(text) == [
        Path("/home/me/Talks/réunion 1.wav"),
        Path("/srv/a.flac"),
        Path("/tmp/quoted name.mp3"),
        Path("/tmp/double.ogg"),
        tmp_path / "voice.opus",
    ]
    assert paths_from_text("") == []


class _Speaker:
    def __init__(self) -> None:
        self.calls: list[tuple[str, int, int]] = []

    def stop(self) -> None:
        self.calls.append(("stop", 0, 0))

    def play(self, samples: np.ndarray, rate: int) -> None:
        self.calls.append(("play", len(samples), rate))


def test_play_file_stops_what_plays_and_starts_the_file(tmp_path: Path) -> None:
    path = tmp_path / "a.wav"
    sf.write(path, tone(16000, 0.5), 16000)
    speaker = _Speaker()
    play_file(path, speaker)
    assert speaker.calls == [("stop", 0, 0), ("play", 8000, 16000)]
