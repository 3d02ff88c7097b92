"""panel.core.speech.transcript_store: recordings and transcripts on disk."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from panel.core.speech.transcribe import Transcript, TranscriptionApi
from panel.core.speech.transcript_store import TranscriptStore, default_root
from panel.core.speech.wav import encode_wav

WAV = encode_wav(np.zeros(8000, dtype=np.float32), 16000)


def test_default_root_is_in_user_data(isolated_dirs: Path) -> None:
    assert default_root().parts[-2:] == ("inference-panel", "transcripts")
    assert str(default_root()).startswith(str(isolated_dirs))


def test_save_attach_list_delete(tmp_path: Path) -> None:
    store = TranscriptStore(tmp_path / "t")
    first = store.save_recording(WAV, "microphone")
    second = store.save_recording(WAV, "jfk.wav")
    assert first.id != second.id
    assert first.wav_path.read_bytes() == WAV and first.duration == 0.5
    assert [e.id for e in store.entries()] == [second.id, first.id]
    t = Transcript("hello", [], "en", 0.5, 0.1, TranscriptionApi.WHISPER_CPP)
    store.attach_transcript(first.id, t, "whisper")
    store.attach_error(second.id, "cannot connect")
    by_id = {e.id: e for e in store.entries()}
    assert (by_id[first.id].text, by_id[first.id].server) == ("hello", "whisper")
    assert by_id[second.id].error == "cannot connect" and by_id[second.id].text is None
    store.delete(first.id)
    assert [e.id for e in store.entries()] == [second.id]
    assert not first.wav_path.exists()
    assert not list((tmp_path / "t").glob(".tmp-*"))


def test_many_saves_never_overwrite(tmp_path: Path) -> None:
    store = TranscriptStore(tmp_path)
    ids = {store.save_recording(WAV + bytes([i]), "mic").id for i in range(50)}
    assert len(ids) == 50 and len(store.entries()) == 50


def test_damaged_sidecar_hides_only_its_entry(tmp_path: Path) -> None:
    store = TranscriptStore(tmp_path)
    good = store.save_recording(WAV, "mic")
    bad = store.save_recording(WAV, "mic")
    (tmp_path / f"{bad.id}.json").write_text("{not json")
    assert [e.id for e in store.entries()] == [good.id]
    assert json.loads((tmp_path / f"{good.id}.json").read_text())["source"] == "mic"


def test_unknown_or_hostile_ids(tmp_path: Path) -> None:
    store = TranscriptStore(tmp_path)
    assert store.entries() == []
    with pytest.raises(KeyError):
        store.attach_error("../../etc/passwd", "x")
    with pytest.raises(KeyError):
        store.attach_error("20260101-000000-000000", "x")
