"""A model's text, made safe to show.

Servers pass on whatever the model produced, and a random or broken model produces
control characters (the real vLLM with a tiny random model answers BEL, DLE, ESC and
U+FFFD). In a terminal, ESC and the C1 controls start escape sequences that can move the
cursor, retitle the window or hide text; a carriage return overwrites the line. In the
window they draw as nothing, or as boxes.

* :func:`for_terminal`: the command line (``ask``, ``transcribe``) always writes every
  C0 control but tab and newline, DEL and the C1 controls as ``\\xNN`` (so the output is
  the same on a terminal and in a pipe, and a file read later with ``cat`` is as safe).
  A CR LF pair stays a newline.
* :func:`json_for_terminal`: JSON whose strings carry DEL and C1 as ``\\u00NN``
  (``json.dumps`` already escapes the C0 controls): the same data, nothing raw.
* :func:`for_display`: the window shows C0 controls and DEL as their Unicode control
  pictures (U+2400 ...) and C1 as U+FFFD, so junk stays visible without doing anything.

Everything else passes: U+FFFD, right-to-left scripts, bidi marks and zero-width
characters are text (a bidi embedding ends with its paragraph, in Qt as in terminals).
The text kept and saved is always the server's own; only what is shown is changed.
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["for_display", "for_terminal", "json_for_terminal"]

_TERMINAL_UNSAFE = re.compile(r"\r\n|[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_DISPLAY_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return "\n" if char == "\r\n" else f"\\x{ord(char):02x}"


def for_terminal(text: str) -> str:
    """``text`` with every control character but tab and newline written as ``\\xNN``."""
    return _TERMINAL_UNSAFE.sub(_escape, text)


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def for_display(text: str) -> str:
    """``text`` with C0 controls (but tab and newline) and DEL as control pictures, C1 as
    U+FFFD."""
    return _DISPLAY_UNSAFE.sub(_picture, text)


def json_for_terminal(value: Any, *, indent: int | None = 1) -> str:
    """``json.dumps(value)`` keeping non-ASCII text readable, with no raw control left."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
