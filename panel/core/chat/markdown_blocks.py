"""Where a streamed Markdown answer can be cut into pieces that render on their own.

While an answer streams, the chat view renders the part that can no longer change its
look once, and re-renders only the text after the last cut on each tick, so a tick costs
about the same at the 4,000th token as at the 10th. Cuts are safe where Markdown cannot
join the two sides:

- before a line that follows a blank line or a closing code fence and does not start
  with white space (which could continue a list item or be indented code);
- before any line inside a fenced code block: the piece after the cut is rendered with
  the block's opening fence put back in front (:attr:`Cut.fence`), so a long code block
  is not re-rendered whole on every tick either.

Cutting is only for the live view: the finished answer is rendered whole, so what the
user keeps does not depend on where the pieces fell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Cut", "last_safe_cut", "piece"]

# A fence opens or closes a code block: up to 3 spaces, then ``` or ~~~ (3 or more).
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")


@dataclass(frozen=True)
class Cut:
    offset: int
    fence: str = ""  # the opening line of the code block the text after the cut is in


def piece(text: str, start: Cut, end: int | None = None) -> str:
    """The Markdown of ``text[start.offset:end]``, with its code block's fence put back."""
    body = text[start.offset : end]
    return f"{start.fence}\n{body}" if start.fence else body


def last_safe_cut(text: str, start: Cut | None = None) -> Cut:
    """The last cut (see the module) in ``text`` after ``start`` (which must itself be a
    cut: the beginning, or an earlier result of this function), or ``start`` when there
    is none."""
    start = start or Cut(0)
    cut = start
    fence_line = start.fence
    fence = _FENCE.match(fence_line).group(1) if fence_line else ""  # type: ignore[union-attr]
    pos = start.offset
    ended_block = False  # the line before was blank or closed a code block
    first = True
    length = len(text)
    while pos < length:
        end = text.find("\n", pos)
        line = text[pos:] if end < 0 else text[pos:end]
        if not first:
            if fence:
                cut = Cut(pos, fence_line)
            elif ended_block and line[:1] not in ("", " ", "\t"):
                cut = Cut(pos)
        first = False
        if end < 0:
            break  # the last line is still being written: only its first character counts
        match = _FENCE.match(line)
        ended_block = False
        if match and not fence:
            fence, fence_line = match.group(1), line
        elif match and fence:
            run = match.group(1)
            if run[0] == fence[0] and len(run) >= len(fence) and not line.strip(run[0] + " "):
                fence, fence_line, ended_block = "", "", True
        elif not fence and not line.strip():
            ended_block = True
        pos = end + 1
    return cut
