"""The engine flags the profile editor suggests, and the flag table's argv round trip."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from panel.core.config.defaults import default_profiles
from panel.core.config.profiles import Engine
from panel.core.engines import adapter_for, help_cache
from panel.core.engines.flag_hints import (
    EngineHelp,
    FlagRow,
    all_names,
    args_from_rows,
    completions,
    flags_for,
    hint_for,
    is_flag_word,
    rows_from_args,
)
from panel.core.engines.help_text import parse_argparse_help
from tests.conftest import EngineKit

ENGINES = [Engine.LLAMA_CPP, Engine.WHISPER_CPP, Engine.VLLM]
# Older llama.cpp builds have these; the test build replaced them with --load-mode.
LLAMA_OLDER_BUILDS_ONLY = {"--no-mmap", "--mlock"}


@pytest.mark.parametrize("engine", ENGINES)
def test_flags_with_their_own_profile_field_are_not_offered(engine: Engine) -> None:
    reserved = set(adapter_for(engine).reserved_flags) | {"--api-key", "--api-key-file"}
    offered = set(all_names(engine))
    assert offered, "every engine has hints"
    assert not offered & reserved


@pytest.mark.parametrize("engine", ENGINES)
def test_every_name_belongs_to_one_flag(engine: Engine) -> None:
    names = all_names(engine)
    assert len(names) == len(set(names))
    for hint in flags_for(engine):
        assert hint.hint and len(hint.hint) <= 120, hint.flag  # one line in the editor
        assert all(name.startswith("-") for name in hint.names)
        assert not hint.choices or hint.takes_value
        assert hint.value_name if hint.takes_value else not hint.value_name


def test_custom_engine_has_no_hints() -> None:
    assert flags_for(Engine.CUSTOM) == []
    assert hint_for(Engine.CUSTOM, "--ctx-size") is None


@pytest.mark.parametrize(
    ("engine", "flag"),
    [
        (Engine.LLAMA_CPP, "--gpu-layers"),
        (Engine.LLAMA_CPP, "-ngl"),
        (Engine.LLAMA_CPP, "--ctx-size"),
        (Engine.LLAMA_CPP, "-c"),
        (Engine.LLAMA_CPP, "--parallel"),
        (Engine.LLAMA_CPP, "--flash-attn"),
        (Engine.LLAMA_CPP, "--mmproj"),
        (Engine.LLAMA_CPP, "--jinja"),
        (Engine.LLAMA_CPP, "--alias"),
        (Engine.LLAMA_CPP, "--media-path"),
        (Engine.LLAMA_CPP, "--n-cpu-moe"),
        (Engine.LLAMA_CPP, "--cache-type-k"),
        (Engine.LLAMA_CPP, "--reasoning-format"),
        (Engine.WHISPER_CPP, "--flash-attn"),
        (Engine.WHISPER_CPP, "--language"),
        (Engine.WHISPER_CPP, "-l"),
        (Engine.WHISPER_CPP, "--inference-path"),
        (Engine.WHISPER_CPP, "--vad"),
        (Engine.VLLM, "--served-model-name"),
        (Engine.VLLM, "--gpu-memory-utilization"),
        (Engine.VLLM, "--allowed-local-media-path"),
        (Engine.VLLM, "--max-model-len"),
        (Engine.VLLM, "-tp"),
        (Engine.VLLM, "--limit-mm-per-prompt"),
        (Engine.VLLM, "--enforce-eager"),
    ],
)
def test_the_seed_flags_are_known(engine: Engine, flag: str) -> None:
    hint = hint_for(engine, flag)
    assert hint is not None
    assert flag in hint.names


def test_every_flag_of_the_default_catalog_has_a_hint() -> None:
    for profile in default_profiles():
        for row in rows_from_args(profile.engine, profile.args):
            assert hint_for(profile.engine, row.flag) is not None, (profile.name, row.flag)


def test_value_shapes_match_the_engines() -> None:
    llama_fa = hint_for(Engine.LLAMA_CPP, "-fa")
    whisper_fa = hint_for(Engine.WHISPER_CPP, "-fa")
    assert llama_fa is not None and whisper_fa is not None
    # llama-server's takes on|off|auto; whisper-server's is a plain switch
    assert llama_fa.takes_value and llama_fa.choices == ("on", "off", "auto")
    assert llama_fa.usage() == "--flash-attn on|off|auto"
    assert not whisper_fa.takes_value and whisper_fa.usage() == "--flash-attn"
    jinja = hint_for(Engine.LLAMA_CPP, "--jinja")
    assert jinja is not None and not jinja.takes_value
    assert "auto" in hint_for(Engine.WHISPER_CPP, "--language").choices  # type: ignore[union-attr]


def test_hint_for_accepts_an_attached_value() -> None:
    hint = hint_for(Engine.LLAMA_CPP, "--ctx-size=8192")
    assert hint is not None and hint.flag == "--ctx-size"


def test_completions_put_the_closest_first() -> None:
    assert completions(Engine.LLAMA_CPP, "--mmp")[0].flag == "--mmproj"
    assert completions(Engine.LLAMA_CPP, "-c")[0].flag == "--ctx-size"  # exact alias first
    assert completions(Engine.VLLM, "--gpu")[0].flag == "--gpu-memory-utilization"
    assert completions(Engine.LLAMA_CPP, "") == []
    assert completions(Engine.LLAMA_CPP, "--no-such") == []


# --- what the real engines accept, and their help feeding the hints ---------------------


@pytest.fixture
def llama_help(engines: EngineKit) -> EngineHelp:
    help_ = help_cache.read_help(Engine.LLAMA_CPP, engines.llama_server)
    assert help_ is not None
    return help_


@pytest.fixture
def whisper_help(engines: EngineKit) -> EngineHelp:
    help_ = help_cache.read_help(Engine.WHISPER_CPP, engines.whisper_server)
    assert help_ is not None
    return help_


@pytest.mark.engines
def test_llama_server_knows_every_curated_flag(llama_help: EngineHelp) -> None:
    missing = {n for n in all_names(Engine.LLAMA_CPP) if not llama_help.knows(n)}
    assert missing == LLAMA_OLDER_BUILDS_ONLY


@pytest.mark.engines
def test_whisper_server_knows_every_curated_flag(whisper_help: EngineHelp) -> None:
    assert all(whisper_help.knows(n) for n in all_names(Engine.WHISPER_CPP))


@pytest.mark.engines
def test_the_build_offers_all_its_flags_curated_first(llama_help: EngineHelp) -> None:
    offered = flags_for(Engine.LLAMA_CPP, llama_help)
    curated = [h.flag for h in flags_for(Engine.LLAMA_CPP) if h.flag not in LLAMA_OLDER_BUILDS_ONLY]
    assert [h.flag for h in offered[: len(curated)]] == curated  # the curated order
    names = set(all_names(Engine.LLAMA_CPP, llama_help))
    assert len(offered) > 150
    assert {"--spec-draft-n-max", "--load-mode", "--lazy-mode"} <= names  # uncurated ones
    assert not names & LLAMA_OLDER_BUILDS_ONLY  # not in this build: not offered
    assert not names & {"--port", "--host", "-m", "--model", "--api-key", "--api-key-file"}
    assert not names & {"--help", "--version", "--list-devices"}


@pytest.mark.engines
def test_the_builds_words_with_the_curated_values(llama_help: EngineHelp) -> None:
    ctx = hint_for(Engine.LLAMA_CPP, "-c", llama_help)
    assert ctx is not None and ctx.flag == "--ctx-size"
    assert ctx.hint.startswith("size of the prompt context")  # the build's own text
    assert "8192" in ctx.choices  # the help lists none: the curated ones
    kv = hint_for(Engine.LLAMA_CPP, "--cache-type-k", llama_help)
    assert kv is not None and "iq4_nl" in kv.choices  # "allowed values: ..." of the build
    mode = hint_for(Engine.LLAMA_CPP, "--load-mode", llama_help)
    assert mode is not None and "mmap+mlock" in mode.choices
    assert hint_for(Engine.LLAMA_CPP, "--mlock", llama_help) is None
    assert hint_for(Engine.LLAMA_CPP, "--mlock") is not None  # older builds have it
    assert completions(Engine.LLAMA_CPP, "--spec-draft-n-m", llama_help)[0].flag == (
        "--spec-draft-n-max"
    )
    # --jinja is a switch in this build: the next word is a row of its own
    assert rows_from_args(Engine.LLAMA_CPP, ["--jinja", "x"], llama_help)[1] == FlagRow("x")


@pytest.mark.engines
def test_whisper_hints_from_its_build(whisper_help: EngineHelp) -> None:
    fa = hint_for(Engine.WHISPER_CPP, "-fa", whisper_help)
    assert fa is not None and not fa.takes_value
    language = hint_for(Engine.WHISPER_CPP, "-l", whisper_help)
    assert language is not None and "auto" in language.choices  # curated values kept
    assert "--print-progress" in all_names(Engine.WHISPER_CPP, whisper_help)
    assert rows_from_args(Engine.WHISPER_CPP, ["-fa", "--tmp-dir", "/tmp"], whisper_help) == [
        FlagRow("-fa"),
        FlagRow("--tmp-dir", "/tmp"),
    ]


def test_other_spellings_the_build_accepts_have_hints() -> None:
    text = (Path(__file__).parent / "engine_help" / "vllm-0.32.0-serve-help-all.txt").read_text()
    vllm = EngineHelp(Engine.VLLM, "vllm", tuple(parse_argparse_help(text)))
    hint = hint_for(Engine.VLLM, "--max_model_len", vllm)
    assert hint is not None and hint.flag == "--max-model-len"
    assert rows_from_args(Engine.VLLM, ["--max_model_len", "8192"], vllm) == [
        FlagRow("--max_model_len", "8192")
    ]
    assert hint_for(Engine.VLLM, "--max-model-lenn", vllm) is None


def test_a_help_of_another_engine_is_ignored() -> None:
    other = EngineHelp(Engine.WHISPER_CPP, "whisper-server", ())
    assert flags_for(Engine.LLAMA_CPP, other) == flags_for(Engine.LLAMA_CPP)


# --- rows ------------------------------------------------------------------------------


def test_rows_pair_flags_with_values() -> None:
    args = ["--ctx-size", "8192", "--jinja", "-ngl", "99", "--seed", "-1", "--temp=0.2"]
    assert rows_from_args(Engine.LLAMA_CPP, args) == [
        FlagRow("--ctx-size", "8192"),
        FlagRow("--jinja"),
        FlagRow("-ngl", "99"),
        FlagRow("--seed", "-1"),  # a negative number is a value, not a flag
        FlagRow("--temp", "0.2", joined=True),
    ]


def test_a_switch_does_not_swallow_the_next_word() -> None:
    assert rows_from_args(Engine.LLAMA_CPP, ["--jinja", "stray"]) == [
        FlagRow("--jinja"),
        FlagRow("stray"),
    ]
    # an unknown flag takes a following word as its value: the likelier reading
    assert rows_from_args(Engine.LLAMA_CPP, ["--new-thing", "3"]) == [FlagRow("--new-thing", "3")]


def test_custom_commands_keep_their_words() -> None:
    args = ["serve", "{model}", "--port", "{port}", "--verbose"]
    rows = rows_from_args(Engine.CUSTOM, args)
    assert rows[:2] == [FlagRow("serve"), FlagRow("{model}")]
    assert args_from_rows(rows) == args


def test_is_flag_word() -> None:
    assert is_flag_word("--ctx-size") and is_flag_word("-c")
    assert not is_flag_word("-1") and not is_flag_word("-0.5") and not is_flag_word("-")
    assert not is_flag_word("value")


@pytest.mark.parametrize("engine", [*ENGINES, Engine.CUSTOM])
@given(args=st.lists(st.one_of(st.text(max_size=12), st.sampled_from(["--jinja", "-c", "-1"]))))
def test_rows_give_back_exactly_the_args(engine: Engine, args: list[str]) -> None:
    assert args_from_rows(rows_from_args(engine, args)) == args
