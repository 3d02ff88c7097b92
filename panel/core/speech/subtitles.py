"""Transcripts as SubRip (.srt), WebVTT (.vtt) and plain text."""

from __future__ import annotations

from collections.abc import Sequence

from panel.core.speech.transcribe import Segment, Transcript

__all__ = ["timestamp", "write_srt", "write_txt", "write_vtt"]


def timestamp(seconds: float, separator: str = ",") -> str:
    """``HH:MM:SS,mmm`` (SRT) or with ``separator="."`` ``HH:MM:SS.mmm`` (WebVTT)."""
    ms = max(0, round(seconds * 1000))
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"


def _lines(text: str) -> str:
    # A blank line ends a cue in both formats; "-->" inside a cue confuses parsers.
    kept = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return "\n".join(kept).replace("-->", "->")


def _cues(segments: Sequence[Segment]) -> list[tuple[float, float, str]]:
    cues = []
    for segment in segments:
        text = _lines(segment.text)
        if text:
            cues.append((segment.start, max(segment.end, segment.start), text))
    return cues


def write_srt(segments: Sequence[Segment]) -> str:
    blocks = [
        f"{number}\n{timestamp(start)} --> {timestamp(end)}\n{text}\n"
        for number, (start, end, text) in enumerate(_cues(segments), start=1)
    ]
    return "\n".join(blocks)


def write_vtt(segments: Sequence[Segment]) -> str:
    blocks = ["WEBVTT\n"]
    blocks += [
        f"{timestamp(start, '.')} --> {timestamp(end, '.')}\n{text}\n"
        for start, end, text in _cues(segments)
    ]
    return "\n".join(blocks)


def write_txt(transcript: Transcript) -> str:
    text = transcript.text.strip()
    return text + "\n" if text else ""
