"""panel.core.speech.subtitles: SRT, WebVTT and text from segments."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from panel.core.speech.subtitles import (
    display_text,
    export_text,
    timestamp,
    write_srt,
    write_txt,
    write_vtt,
)
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


def test_export_keeps_timings_and_falls_back_to_one_cue() -> None:
    assert export_text("srt", "ignored", SEGMENTS, 9.0) == write_srt(SEGMENTS)
    assert export_text("vtt", "ignored", SEGMENTS, 9.0) == write_vtt(SEGMENTS)
    # No timings (a plain-text answer): one cue over the whole recording.
    assert export_text("srt", " Hello.\n", [], 3.25) == "1\n00:00:00,000 --> 00:00:03,250\nHello.\n"
    assert export_text("vtt", "", [], 3.0) == "WEBVTT\n"
    assert export_text("txt", "  Hello.\n", SEGMENTS, 3.0) == "Hello.\n"
    assert export_text("txt", " ", [], 3.0) == ""
    with pytest.raises(ValueError, match="unknown export format"):
        export_text("docx", "x", [], 1.0)


def test_display_text_reads_as_one_paragraph() -> None:
    assert display_text(" Ask not\n what your country\n\n can do. ") == (
        "Ask not what your country can do."
    )
    # CJK lines join without a space; a CJK line after Latin text gets one.
    assert display_text("我们今天\n讨论一下。\nOK\n好") == "我们今天讨论一下。 OK 好"
    assert display_text("") == ""
