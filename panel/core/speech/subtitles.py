"""Transcripts as SubRip (.srt), WebVTT (.vtt) and plain text, and as the window shows
them."""

from __future__ import annotations

from collections.abc import Sequence

from panel.core.net.server_text import for_display
from panel.core.speech.transcribe import Segment, Transcript

__all__ = [
    "EXPORT_FORMATS",
    "display_text",
    "export_text",
    "single_segment",
    "timestamp",
    "write_srt",
    "write_txt",
    "write_vtt",
]

EXPORT_FORMATS = ("txt", "srt", "vtt")


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


def single_segment(text: str, duration: float) -> list[Segment]:
    """For a transcript kept without timings: one cue over the whole recording."""
    return [Segment(0.0, max(duration, 0.1), text.strip())] if text.strip() else []


def export_text(fmt: str, text: str, segments: Sequence[Segment], duration: float) -> str:
    """The body of an export as ``fmt`` (one of :data:`EXPORT_FORMATS`). Without timings
    (a plain-text answer, or a transcript kept by an older version) the subtitles are one
    cue over the whole recording."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format: {fmt!r}")
    if fmt == "txt":
        stripped = text.strip()
        return stripped + "\n" if stripped else ""
    cues = list(segments) or single_segment(text, duration)
    return write_srt(cues) if fmt == "srt" else write_vtt(cues)


def _wide(char: str) -> bool:
    return "\u2e80" <= char <= "\u9fff" or "\uac00" <= char <= "\ud7af" or char >= "\uff00"


def display_text(text: str) -> str:
    """Servers put each segment on its own line; read it as one paragraph. CJK lines join
    without a space, as the script is written. Control characters a model produced show as
    control pictures (:func:`panel.core.net.server_text.for_display`)."""
    joined = ""
    for line in (for_display(part).strip() for part in text.splitlines()):
        if not line:
            continue
        if joined and not (_wide(joined[-1]) and _wide(line[0])):
            joined += " "
        joined += line
    return joined
