"""Short texts for models in tables and messages: parameter counts, context sizes, paths."""

from __future__ import annotations

import os
from pathlib import Path


def format_parameters(count: int | None) -> str:
    """'135 M', '7.6 B', '30.5 B'; empty when unknown."""
    if not count or count <= 0:
        return ""
    for unit, size in (("T", 10**12), ("B", 10**9), ("M", 10**6), ("K", 10**3)):
        if count >= size:
            value = count / size
            text = f"{value:.0f}" if value >= 100 else f"{value:.1f}".removesuffix(".0")
            return f"{text} {unit}"
    return str(count)


def format_context(tokens: int | None) -> str:
    """'32K' for 32768 tokens (the way model cards say it); exact otherwise."""
    if not tokens or tokens <= 0:
        return ""
    if tokens >= 1024 and tokens % 1024 == 0:
        return f"{tokens // 1024}K"
    return f"{tokens:,}"


def display_path(path: Path | str) -> str:
    """The path with the home folder written as ``~``."""
    home = str(Path.home())
    text = str(path)
    if home != os.sep and (text == home or text.startswith(home + os.sep)):
        return "~" + text[len(home) :]
    return text
