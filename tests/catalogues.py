"""Test catalogues: a zh_CN ``.ts`` written for one test and read by the core's
``translate()``, so a test shows that a message is looked up (see docs/i18n.md)."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from panel.core import i18n


def mark(source: str) -> str:
    """A visible "translation": the words upper-cased between <中> marks, the placeholders
    (and their format specs) kept, as a translator keeps them."""
    parts = re.split(r"(\{\w+(?::[^}]*)?\})", source)
    return "<中>" + "".join(p if p.startswith("{") else p.upper() for p in parts) + "</中>"


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def ts_text(contexts: Mapping[str, Mapping[str, str]]) -> str:
    """A .ts file: for each context, source → translation."""
    body = "".join(
        f"<context><name>{name}</name>"
        + "".join(
            f"<message><source>{escape(source)}</source>"
            f"<translation>{escape(text)}</translation></message>"
            for source, text in entries.items()
        )
        + "</context>"
        for name, entries in contexts.items()
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
        f'<TS version="2.1" language="zh_CN">{body}</TS>\n'
    )


@contextlib.contextmanager
def in_chinese(ts: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The core in zh_CN with the catalogue ``ts``; English and the shipped one after."""
    monkeypatch.setattr(i18n, "catalogue_path", lambda code: str(ts))
    i18n.catalogue.cache_clear()
    i18n.set_language("zh_CN")
    try:
        yield
    finally:
        i18n.set_language(None)
        i18n.catalogue.cache_clear()
