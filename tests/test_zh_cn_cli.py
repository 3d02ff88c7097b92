"""The command line in Simplified Chinese, argparse's own words included ("usage:",
"options:", "-h"'s help, its errors), which Python itself only ever prints in English.

Two halves: a test catalogue shows that every one of argparse's words goes through the
catalogue (green as soon as the code routes them); the shipped catalogue, run as a user
runs the CLI under ``LANG=zh_CN.UTF-8``, shows they are translated (red until the
coordinator's catalogue pass has translated the "Argparse" context).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from panel.cli.argparse_words import MESSAGES, TranslatedParser, translate_message
from panel.cli.parser import build_parser
from panel.core import i18n
from tests.catalogues import in_chinese, mark, ts_text

# What a test catalogue says for each of argparse's words: the source in capitals between
# "<中>" marks, its placeholders kept, so a word that is not looked up stays visibly English.
ARGPARSE_WORDS = (
    "usage:",
    "positional arguments",
    "options",
    "show this help message and exit",
    "show program's version number and exit",
    "{prog}: error: {message}",
    *MESSAGES,
)
# argparse's English, as a user would see it without a translation (never a name or a flag).
ENGLISH = re.compile(
    r"usage:|positional arguments|options:|show this help|show program's|error:|"
    r"required|invalid choice|unrecognized arguments|expected one argument|not allowed with",
)


def catalogue_text(entries: dict[str, str], context: str = "Argparse") -> str:
    return ts_text({context: entries})


@pytest.fixture
def test_catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """zh_CN with a catalogue that marks each of argparse's words as translated."""
    ts = tmp_path / "inference_panel_zh_CN.ts"
    ts.write_text(catalogue_text({w: mark(w) for w in ARGPARSE_WORDS}), "utf-8")
    with in_chinese(ts, monkeypatch):
        yield


def failure(
    parser: argparse.ArgumentParser, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> str:
    with pytest.raises(SystemExit) as ended:
        parser.parse_args(argv)
    assert ended.value.code == 2
    return capsys.readouterr().err


def help_text(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as ended:
        build_parser().parse_args(argv)
    assert ended.value.code == 0
    return capsys.readouterr().out


def test_argparse_help_words_go_through_the_catalogue(
    test_catalogue: None, capsys: pytest.CaptureFixture[str]
) -> None:
    top = help_text(["--help"], capsys)
    assert top.startswith("<中>USAGE:</中> inference-panel ")
    assert "<中>POSITIONAL ARGUMENTS</中>:" in top and "<中>OPTIONS</中>:" in top
    assert "<中>SHOW THIS HELP MESSAGE AND EXIT</中>" in top
    assert "<中>SHOW PROGRAM'S VERSION NUMBER AND EXIT</中>" in top
    serve = help_text(["serve", "--help"], capsys)  # a subcommand's parser is translated too
    assert serve.startswith("<中>USAGE:</中> inference-panel serve ")
    assert "<中>SHOW THIS HELP MESSAGE AND EXIT</中>" in serve
    assert ENGLISH.findall(top + serve) == []


@pytest.mark.parametrize(
    ("argv", "source"),
    [
        (["ask"], "the following arguments are required: {arguments}"),
        (["metrics"], "one of the arguments {arguments} is required"),
        (["transcribe", "--api", "x"], "invalid choice: {value} (choose from {choices})"),
        (["serve", "--port", "x"], "invalid {type} value: {value}"),
        (["serve", "--port"], "expected one argument"),
        (["list", "--bogus"], "unrecognized arguments: {arguments}"),
        (["ask", "--url", "u", "--profile", "p", "hi"], "not allowed with argument {argument}"),
    ],
)
def test_argparse_errors_go_through_the_catalogue(
    test_catalogue: None, capsys: pytest.CaptureFixture[str], argv: list[str], source: str
) -> None:
    said = failure(build_parser(), argv, capsys)
    assert "<中>USAGE:</中>" in said  # the usage line above the error
    last = said.splitlines()[-1]
    assert last.startswith("<中>inference-panel") and ": ERROR: <中>" in last, last
    assert mark(source).split("{")[0] in last and "{" not in last, last  # values filled in
    assert ENGLISH.findall(said) == [], said


def test_the_errors_keep_their_values() -> None:
    i18n.set_language("en")
    try:
        text = "argument --api: invalid choice: 'x' (choose from 'whisper.cpp', 'openai')"
        assert translate_message(text) == text  # English: argparse's own words, exactly
        assert translate_message("ask needs --url URL or --profile NAME") == (
            "ask needs --url URL or --profile NAME"  # not argparse's: left alone
        )
    finally:
        i18n.set_language(None)


def test_values_are_filled_into_the_translation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ts = tmp_path / "inference_panel_zh_CN.ts"
    words = {
        "argument {argument}: {message}": "参数 {argument}：{message}",
        "invalid choice: {value} (choose from {choices})": "无效的选择：{value}（可选：{choices}）",
    }
    ts.write_text(catalogue_text(words), "utf-8")
    with in_chinese(ts, monkeypatch):
        said = translate_message("argument --api: invalid choice: 'x' (choose from 'a', 'b')")
    assert said == "参数 --api：无效的选择：'x'（可选：'a', 'b'）"


def test_in_english_the_parser_prints_exactly_what_argparse_prints(
    capsys: pytest.CaptureFixture[str],
) -> None:
    def grammar(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
        parser.add_argument("--version", action="version", version="1")
        sub = parser.add_subparsers(dest="command")
        run = sub.add_parser("run", help="run it")
        run.add_argument("name", help="a name")
        run.add_argument("--mode", choices=["a", "b"])
        return parser

    i18n.set_language("en")
    try:
        ours = grammar(TranslatedParser(prog="tool", description="A tool."))
        stock = grammar(argparse.ArgumentParser(prog="tool", description="A tool."))
        assert ours.format_help() == stock.format_help()
        for argv in (["run"], ["run", "n", "--mode", "c"], ["run", "n", "extra"], ["walk"]):
            assert failure(ours, argv, capsys) == failure(stock, argv, capsys), argv
    finally:
        i18n.set_language(None)


# -- the shipped catalogue, as a user runs the CLI -----------------------------------------
def run_cli(*args: str, config: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    env["LANG"] = "zh_CN.UTF-8"
    return subprocess.run(
        [sys.executable, "-m", "panel", "--config", str(config), *args],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip


def test_under_a_chinese_locale_argparse_speaks_chinese(tmp_path: Path) -> None:
    # RED UNTIL THE "Argparse" CONTEXT OF resources/i18n/inference_panel_zh_CN.ts IS
    # TRANSLATED (docs/i18n.md, "The last strings").
    config = tmp_path / "config.toml"
    shown = {
        "--help": run_cli("--help", config=config),
        "serve --help": run_cli("serve", "--help", config=config),
        "ask (no prompt)": run_cli("ask", config=config),
        "transcribe --api x": run_cli("transcribe", "--api", "x", config=config),
        "list --bogus": run_cli("list", "--bogus", config=config),
    }
    assert shown["--help"].returncode == 0 and "本地 AI 推理服务" in shown["--help"].stdout
    assert all(done.returncode == 2 for name, done in shown.items() if "help" not in name)
    english = {
        name: ENGLISH.findall(done.stdout + done.stderr)
        for name, done in shown.items()
        if ENGLISH.search(done.stdout + done.stderr)
    }
    assert english == {}, english


def test_under_a_chinese_locale_the_listing_and_its_errors_speak_chinese(tmp_path: Path) -> None:
    # RED UNTIL THE CATALOGUE'S NEW "Cli" AND "Config" ENTRIES ARE TRANSLATED.
    config = tmp_path / "config.toml"
    listed = run_cli("list", config=config)
    assert listed.returncode == 0 and "名称" in listed.stdout, listed.stderr
    rows = [line.split() for line in listed.stdout.splitlines()[1:] if "127.0.0.1:" in line]
    roles = {row[row.index(next(w for w in row if "127.0.0.1:" in w)) - 1] for row in rows}
    assert roles and not roles & {"chat", "vision", "transcription"}, roles  # the role column
    missing = run_cli("serve", "no-such-profile", config=config)
    assert missing.returncode == 2 and "'no-such-profile'" in missing.stderr
    assert "no profile named" not in missing.stderr and "profiles:" not in missing.stderr
    assert "(default: " not in run_cli("--help", config=config).stdout  # --config's path


def test_the_metrics_table_is_translated_and_lined_up_in_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from panel.cli.metrics import describe
    from panel.core.i18n import display_width
    from panel.core.metrics.figures import ServerFigures

    words = {
        "source": "来源",
        "requests running": "运行中的请求",
        "the panel's own requests": "面板自己的请求",
        "note: {note}": "注：{note}",
    }
    ts = tmp_path / "inference_panel_zh_CN.ts"
    ts.write_text(catalogue_text(words, context="Cli"), "utf-8")
    with in_chinese(ts, monkeypatch):
        figures = ServerFigures("the panel's own requests", requests_running=2, note="x")
        text = describe(figures)
    lines = text.splitlines()
    assert lines[0].split() == ["来源", "面板自己的请求"] and lines[1].split() == [
        "运行中的请求",
        "2",
    ]
    assert "注：x" in lines
    # The values start in one column on a terminal, where a CJK character takes two.
    starts = {display_width(line[: line.rindex("  ") + 2]) for line in lines if "  " in line}
    assert len(starts) == 1, text
