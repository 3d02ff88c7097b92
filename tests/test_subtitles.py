"""panel.core.speech.subtitles: SRT, WebVTT and text from segments."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from panel.core.speech.subtitles import timestamp, write_srt, write_txt, write_vtt
from panel.core.speech.transcribe import Segment, Transcript, TranscriptionApi

SEGMENTS = [Segment(0.0, 2.5, " Hello there."), Segment(2.5, 3661.001, " General Kenobi!")]


def test_srt() -> None:
    assert write_srt(SEGMENTS) == (
        "1\n00:00:00,000 --> 00:00:02,500\nHello there.\n\n"
        "2\n00:00:02,500 --> 01:01:01,001\nGeneral Kenobi!\n"
    )


def test_vtt() -> None:
    assert write_vtt(SEGMENTS) == (
        "WEBVTT\n\n00:00:00.000 --> 00:00:02.500\nHello there.\n\n"
        "00:00:02.500 --> 01:01:01.001\nGeneral Kenobi!\n"
    )


def test_blank_lines_and_empty_segments_cannot_break_cues() -> None:
    srt = write_srt([Segment(0, 1, "a\n\nb --> c"), Segment(1, 2, "   ")])
    assert srt == "1\n00:00:00,000 --> 00:00:01,000\na\nb -> c\n"
    assert write_vtt([]) == "WEBVTT\n"


def test_txt() -> None:
    t = Transcript(" hi \n", [], "en", 1.0, 0.5, TranscriptionApi.WHISPER_CPP)
    assert write_txt(t) == "hi\n"
    assert t.real_time_factor == 0.5


@given(st.floats(0, 400000, allow_nan=False))
def test_timestamp_shape(seconds: float) -> None:
    assert re.fullmatch(r"\d{2,}:\d{2}:\d{2},\d{3}", timestamp(seconds))
    h, m, rest = timestamp(seconds).split(":")
    s, ms = rest.split(",")
    assert abs(int(h) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000 - seconds) <= 0.0005 + 1e-9


@given(st.lists(st.tuples(st.floats(0, 1e4), st.floats(0, 1e4), st.text(max_size=30))))
def test_srt_cue_count(items: list[tuple[float, float, str]]) -> None:
    segments = [Segment(a, b, t) for a, b, t in items]
    cues = [s for s in segments if s.text.strip()]
    assert write_srt(segments).count(" --> ") == len(cues)
