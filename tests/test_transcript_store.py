"""panel.core.speech.transcript_store: recordings and transcripts on disk."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from panel.core.speech.transcribe import Segment, Transcript, TranscriptionApi
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


def test_round_trip_language_and_timings_survive_a_new_store(tmp_path: Path) -> None:
    entry = TranscriptStore(tmp_path).save_recording(WAV, "jfk.wav")
    segments = [Segment(0.0, 0.3, " Ask not"), Segment(0.3, 0.5, " what")]
    t = Transcript(" Ask not what", segments, "en", 0.5, 0.25, TranscriptionApi.WHISPER_CPP)
    TranscriptStore(tmp_path).attach_transcript(entry.id, t, "whisper")
    [again] = TranscriptStore(tmp_path).entries()  # as a relaunched panel reads it
    assert (again.round_trip, again.language, again.duration) == (0.25, "en", 0.5)
    assert again.real_time_factor == 0.5
    assert again.segments == segments
    # An error on a later retry keeps what the last answer said.
    TranscriptStore(tmp_path).attach_error(entry.id, "cannot connect")
    [failed] = TranscriptStore(tmp_path).entries()
    assert failed.error == "cannot connect" and failed.round_trip == 0.25


def test_sidecars_from_before_the_new_fields_still_load(tmp_path: Path) -> None:
    (tmp_path / "20260101-120000-000000.wav").write_bytes(WAV)
    old = {
        "id": "20260101-120000-000000",
        "wav": "20260101-120000-000000.wav",
        "created": "2026-01-01T12:00:00+00:00",
        "source": "microphone",
        "text": "hello",
        "error": None,
        "server": "whisper",
        "duration": 0.5,
    }
    (tmp_path / "20260101-120000-000000.json").write_text(json.dumps(old))
    [entry] = TranscriptStore(tmp_path).entries()
    assert (entry.text, entry.duration) == ("hello", 0.5)
    assert (entry.round_trip, entry.language, entry.segments) == (None, None, [])
    assert entry.real_time_factor is None


def test_odd_values_in_a_sidecar_are_dropped_not_fatal(tmp_path: Path) -> None:
    good = TranscriptStore(tmp_path).save_recording(WAV, "mic")
    sidecar = tmp_path / f"{good.id}.json"
    data = json.loads(sidecar.read_text())
    data.update(
        round_trip="fast",
        language=3,
        text=["not", "text"],
        segments=[{"start": 0, "end": 1, "text": "ok"}, {"start": "x"}, 7],
    )
    sidecar.write_text(json.dumps(data))
    (tmp_path / "20260101-000000-000000.json").write_text("[]")  # not an object at all
    [entry] = TranscriptStore(tmp_path).entries()
    assert (entry.round_trip, entry.language, entry.text) == (None, None, None)
    assert entry.segments == [Segment(0.0, 1.0, "ok")]
