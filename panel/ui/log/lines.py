"""What a log line looks like to the view: its kind (error, warning, ready, plain), whether
a filter lets it through, how it is written out. Plain Python, no Qt."""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Iterable
from enum import IntEnum, StrEnum

from panel.core.i18n import translate
from panel.core.servers.logbuffer import LogLine

PANEL_PREFIX = "▸ "  # marks the lines the panel itself wrote (LogLine.stream == "panel")


class LogFilter(StrEnum):
    ALL = "all"
    WARNINGS = "warnings"  # warnings and errors
    ERRORS = "errors"


class LineKind(IntEnum):
    PLAIN = 0
    PANEL = 1
    READY = 2
    WARNING = 3
    ERROR = 4


# llama.cpp's own format is "0.00.004.733 E srv ..." (timestamp, level letter). The letter
# is matched case-sensitively and only there, and when present it decides: llama.cpp
# warns "failed to ..." at level W.
_LEVEL = re.compile(r"(?:\d[\d.:]*\s+)?([EW])\s")
# Searched in the lower-cased line: a case-sensitive search is several times faster than
# re.IGNORECASE, and this runs for every line the view shows.
_ERROR = re.compile(r"error|fatal|failed|exception|traceback")
_WARNING = re.compile(r"warn")
_READY = re.compile(r"listening (?:on|at)|application startup complete|ready after")
# The panel's own ready note (panel/core/servers/server_process.py), written in the UI's
# language: "ready after" matches only the English one.
_READY_NOTE = ("ServerNotes", "ready after {seconds:.2f} s at {address}")
_PLACEHOLDER = re.compile(r"\{[^}]*\}")


@functools.cache
def _any() -> re.Pattern[str]:
    """Any line that is not plain, with the translated ready note's longest fixed words
    (就绪：用时). Built at the first use: the language is chosen at start-up, before any
    log is shown, and a new one takes effect from the next start."""
    pieces = [piece.strip(" :：,，") for piece in _PLACEHOLDER.split(translate(*_READY_NOTE))]
    words = max(pieces, key=len).lower()
    ready = _READY.pattern
    if len(words) >= 2 and words != "ready after":
        ready += "|" + re.escape(words)
    return re.compile("|".join((_ERROR.pattern, _WARNING.pattern, ready)))


ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # two UTF-16 units each in Qt's positions


def classify(text: str) -> LineKind:
    """What a log line looks like: an error, a warning, the ready line, or plain."""
    level = _LEVEL.match(text)
    if level is not None:
        return LineKind.ERROR if level.group(1) == "E" else LineKind.WARNING
    lower = text.lower()
    if not _any().search(lower):  # most lines of a busy log: one search and done
        return LineKind.PLAIN
    if _ERROR.search(lower):
        return LineKind.ERROR
    if _WARNING.search(lower):
        return LineKind.WARNING
    return LineKind.READY


def line_kind(text: str) -> LineKind:
    """The colour a shown line gets; PLAIN (0) for most."""
    kind = classify(text)
    if kind is LineKind.PLAIN and text.startswith(PANEL_PREFIX):
        return LineKind.PANEL
    return kind


def shown_text(line: LogLine) -> str:
    """The line as the view (and a saved file) shows it."""
    return PANEL_PREFIX + line.text if line.stream == "panel" else line.text


def passes(line: LogLine, mode: LogFilter) -> bool:
    if mode is LogFilter.ALL:
        return True
    kind = classify(line.text)
    return kind is LineKind.ERROR or (mode is LogFilter.WARNINGS and kind is LineKind.WARNING)


_PROGRESS = operator.itemgetter(4)  # LogLine.progress, read in C


def collapse_progress(lines: Iterable[LogLine]) -> list[LogLine]:
    """Drop every progress line that the next line of the same stream redraws."""
    if isinstance(lines, list) and not any(map(_PROGRESS, lines)):
        return lines  # most logs: no redraws, and no Python loop over 20,000 lines
    out: list[LogLine] = []
    for line in lines:
        if out and out[-1].progress and out[-1].stream == line.stream:
            out.pop()
        out.append(line)
    return out


def u16(text: str, index: int) -> int:
    """A Python string index as a Qt (UTF-16) position within ``text``."""
    if index == 0 or text.isascii():
        return index
    return index + len(ASTRAL.findall(text, 0, index))


class GapNote(LogLine):
    """The view's own line where lines were lost unseen (not part of the log)."""
