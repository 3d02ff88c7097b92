"""The words the panel adds to an engine's own --help hints ("the opposite of --jinja",
"(default: 2)") come from the catalogue, and a hint cached under one language is not
shown under another."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from panel.core import i18n
from panel.core.config.profiles import Engine
from panel.core.engines import help_cache
from panel.core.engines.help_text import parse_llama_help, parse_whisper_help
from tests.test_engine_help import LLAMA_HELP, WHISPER_HELP, by_name, fake_engine, runs
from tests.test_zh_cn_cli import catalogue_text

WORDS = {
    "the opposite of {flag}: {hint}": "与 {flag} 相反：{hint}",
    "{help} (default: {default})": "{help}（默认：{default}）",
}


@pytest.fixture
def chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    ts = tmp_path / "inference_panel_zh_CN.ts"
    ts.write_text(catalogue_text(WORDS, context="Engines"), "utf-8")
    monkeypatch.setattr(i18n, "catalogue_path", lambda code: str(ts))
    i18n.catalogue.cache_clear()
    i18n.set_language("zh_CN")
    help_cache.forget()
    try:
        yield
    finally:
        i18n.set_language(None)
        i18n.catalogue.cache_clear()
        help_cache.forget()


def hint_of(help_: help_cache.EngineHelp | None, name: str) -> str:
    assert help_ is not None
    flag = help_.find(name)
    assert flag is not None, name
    return flag.hint


def test_the_hints_own_words_are_translated(chinese: None) -> None:
    llama = by_name(parse_llama_help(LLAMA_HELP))
    assert llama["--no-jinja"].hint.startswith("与 --jinja 相反：")
    whisper = by_name(parse_whisper_help(WHISPER_HELP))
    assert whisper["--threads"].hint == "number of threads to use during computation（默认：2）"


def test_a_hint_cached_in_english_is_read_again_in_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exe = fake_engine(tmp_path, LLAMA_HELP)
    i18n.set_language("en")
    help_cache.forget()
    try:
        english = help_cache.read_help(Engine.LLAMA_CPP, str(exe))
        assert hint_of(english, "--no-jinja").startswith("the opposite of --jinja")
    finally:
        i18n.set_language(None)
        help_cache.forget()
    chinese = tmp_path / "zh"
    chinese.mkdir()
    ts = chinese / "inference_panel_zh_CN.ts"
    ts.write_text(catalogue_text(WORDS, context="Engines"), "utf-8")
    monkeypatch.setattr(i18n, "catalogue_path", lambda code: str(ts))
    i18n.catalogue.cache_clear()
    i18n.set_language("zh_CN")  # a later start, in Chinese: the file on disk is English
    try:
        again = help_cache.read_help(Engine.LLAMA_CPP, str(exe))
        assert hint_of(again, "--no-jinja").startswith("与 --jinja 相反")
        assert runs(tmp_path) == 2
    finally:
        i18n.set_language(None)
        i18n.catalogue.cache_clear()
        help_cache.forget()
