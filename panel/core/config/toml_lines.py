"""Which line of a hand-written TOML file holds a key of the n-th ``[[profiles]]`` table.

:mod:`tomllib` reports no positions for values, so an error about a value would name
no line. These helpers find it again in the text: the table's header by counting, then
the key in the table itself or in one of its sub-tables (``[profiles.container]``,
``[profiles.env]``), as a dotted key (``container.image = ...``) or inside an inline
table. Best effort: a key the search cannot find names its table's header instead,
and a file with no ``[[profiles]]`` headers (``profiles = [{...}]``) the first line
that mentions the key.
"""

from __future__ import annotations

import re

_PROFILE_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*profiles[ \t]*\]\]", re.MULTILINE)
_ANY_HEADER = re.compile(r"^[ \t]*\[", re.MULTILINE)


def line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _key_pattern(key: str, prefix: str = "") -> re.Pattern[str]:
    # A bare, "double" or 'single' quoted key, at the start of a line, then "=".
    name = rf"(?:{re.escape(key)}|\"{re.escape(key)}\"|'{re.escape(key)}')"
    dotted = rf"{re.escape(prefix)}[ \t]*\.[ \t]*" if prefix else ""
    return re.compile(rf"^[ \t]*{dotted}{name}[ \t]*=", re.MULTILINE)


def _inline_pattern(key: str) -> re.Pattern[str]:
    name = rf"(?:{re.escape(key)}|\"{re.escape(key)}\"|'{re.escape(key)}')"
    return re.compile(rf"(?:^|[{{,])[ \t]*{name}[ \t]*=", re.MULTILINE)


def line_of(text: str, key: str, start: int = 0, end: int | None = None) -> int | None:
    """The first line from ``start`` to ``end`` that assigns ``key``."""
    match = _key_pattern(key).search(text, start, len(text) if end is None else end)
    return line_at(text, match.start()) if match else None


def profile_key_line(text: str, index: int, key: str | None, sub: str | None = None) -> int | None:
    """The line of ``key`` in the ``index``-th profile (in its sub-table ``sub`` when
    given); the profile's header line when the key cannot be found; None when the file
    has no header for that profile and the key is nowhere."""
    headers = [m.start() for m in _PROFILE_HEADER.finditer(text)]
    if index >= len(headers):
        return _anywhere(text, key, sub)
    start = headers[index]
    end = headers[index + 1] if index + 1 < len(headers) else len(text)
    header_line = line_at(text, start)
    if key is None:
        return header_line
    body_start = text.find("\n", start, end)
    body_start = end if body_start < 0 else body_start + 1
    first_sub = _ANY_HEADER.search(text, body_start, end)
    own_end = first_sub.start() if first_sub else end
    if sub is None:
        return line_of(text, key, body_start, own_end) or header_line
    table = re.compile(rf"^[ \t]*\[[ \t]*profiles[ \t]*\.[ \t]*{re.escape(sub)}[ \t]*\]", re.M)
    found = table.search(text, body_start, end)
    if found is not None:
        table_end = _ANY_HEADER.search(text, found.end(), end)
        line = line_of(text, key, found.end(), table_end.start() if table_end else end)
        return line or line_at(text, found.start())
    dotted = _key_pattern(key, sub).search(text, body_start, own_end)
    if dotted is not None:
        return line_at(text, dotted.start())
    return line_of(text, sub, body_start, own_end) or header_line


def _anywhere(text: str, key: str | None, sub: str | None) -> int | None:
    for name in (key, sub, "profiles"):
        if name is None:
            continue
        match = _inline_pattern(name).search(text)
        if match:
            return line_at(text, match.end() - 1)
    return None
