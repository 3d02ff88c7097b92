"""Translated text for the Qt-free core and the CLI, from the same catalogue as the window.

One catalogue per language, ``resources/i18n/inference_panel_<lang>.ts``, holds every
user-visible string: the widgets' ``self.tr()`` and the core's ``translate()``. The window's
QTranslator reads the compiled ``.qm``; here the ``.ts`` XML itself is read with the
standard library (a few milliseconds, and only when a language other than English is in
use), so the core stays Qt-free and a translator edits one file (docs/i18n.md).

``pyside6-lupdate`` extracts a call ``translate("Context", "literal text")`` (and
``QT_TRANSLATE_NOOP("Context", "literal text")`` for a string translated later) by its
name, so the text must be a plain literal: fill values in *after* translating, with named
placeholders::

    translate("Preflight", "Port {port} is already in use").format(port=port)

Keyword arguments inside the call hide it from lupdate, hence ``.format`` outside.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Mapping
from functools import lru_cache

# "" follows the system locale; the others are what the config's [ui] language may say.
LANGUAGES: dict[str, str] = {"": "System", "en": "English", "zh_CN": "简体中文"}
TRANSLATED = ("zh_CN",)  # languages with a catalogue; English is the source text

_chosen: str | None = None  # None: not set, follow the system locale


def system_language(environ: Mapping[str, str] | None = None) -> str:
    """The catalogue the POSIX locale asks for ("zh_CN"), or "en".

    The order is gettext's: LANGUAGE (a list), LC_ALL, LC_MESSAGES, LANG; the first that is
    set decides. Simplified Chinese in any spelling (zh_CN.UTF-8, zh_SG, zh-Hans, zh) gets
    zh_CN; a language with no catalogue gets the English source.
    """
    env = os.environ if environ is None else environ
    for key in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(key, "")
        if not value:
            continue
        for item in value.split(":"):
            code = _catalogue_for(item)
            if code:
                return code
        if key != "LANGUAGE":
            return "en"
    return "en"


def _catalogue_for(locale_name: str) -> str:
    name = locale_name.split(".")[0].split("@")[0].replace("-", "_").lower()
    if name in ("c", "posix", ""):
        return ""
    if name.startswith("en"):
        return "en"
    if name in ("zh", "zh_cn", "zh_sg", "zh_hans") or name.startswith("zh_hans"):
        return "zh_CN"
    return ""


def set_language(code: str | None) -> None:
    """Use ``code`` ("en", "zh_CN") from now on; "" or None follows the system locale."""
    global _chosen
    if code and code not in LANGUAGES:
        code = None  # a hand-edited config with a language we lack: the system's
    _chosen = code or None


def current_language() -> str:
    return _chosen or system_language()


def catalogue_path(code: str) -> os.PathLike[str] | str:
    from panel.resource_files import FOLDER

    return str(FOLDER / "i18n" / f"inference_panel_{code}.ts")


@lru_cache(maxsize=4)
def catalogue(code: str) -> dict[tuple[str, str], str]:
    """(context, source) -> translation of every finished entry of ``code``'s catalogue
    (an unfinished one falls back to the English source, as Qt does)."""
    if code not in TRANSLATED:
        return {}
    import xml.etree.ElementTree as ET  # only an English-less run reads a catalogue

    try:
        root = ET.parse(catalogue_path(code)).getroot()
    except (OSError, ET.ParseError):
        return {}  # a broken install shows English rather than failing
    found: dict[tuple[str, str], str] = {}
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            node = message.find("translation")
            if node is None or node.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            if node.text:
                found[(name, message.findtext("source", ""))] = node.text
    return found


def translate(context: str, text: str) -> str:
    """``text`` in the current language (``text`` itself where there is no translation)."""
    code = current_language()
    if code == "en":
        return text
    return catalogue(code).get((context, text), text)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for extraction where it is defined; ``translate(context, text)`` it
    where it is shown (a table of constants, a message chosen at run time)."""
    return text


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: a CJK character takes two (for ljust-ed
    tables such as ``inference-panel list``)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def configured_language(config_path: os.PathLike[str] | str) -> str:
    """The config file's ``[ui] language``, read without the config package (the CLI sets
    the language before it loads anything; a missing or broken file follows the system,
    and the command that loads it reports the error)."""
    import tomllib

    try:
        with open(config_path, "rb") as handle:
            ui = tomllib.load(handle).get("ui", {})
    except (OSError, ValueError):
        return ""
    language = ui.get("language", "") if isinstance(ui, dict) else ""
    return language if isinstance(language, str) and language in LANGUAGES else ""
