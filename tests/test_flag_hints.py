"""The engine flags the profile editor suggests, and the flag table's argv round trip."""

from __future__ import annotations

import re
import subprocess

import pytest
from hypothesis import given
from hypothesis import strategies as st

from panel.core.config.defaults import default_profiles
from panel.core.config.profiles import Engine
from panel.core.engines import adapter_for
from panel.core.engines.flag_hints import (
    FlagRow,
    all_names,
    args_from_rows,
    completions,
    flags_for,
    hint_for,
    is_flag_word,
    rows_from_args,
)
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


# --- what the real engines accept -------------------------------------------------------


def _help_flags(binary: str) -> set[str]:
    done = subprocess.run([binary, "--help"], capture_output=True, text=True, timeout=30)
    text = done.stdout + done.stderr
    return set(re.findall(r"(?<![\w-])(--?[A-Za-z][\w.+-]*)", text))


@pytest.mark.engines
def test_llama_server_knows_every_suggested_flag(engines: EngineKit) -> None:
    known = _help_flags(engines.llama_server)
    missing = set(all_names(Engine.LLAMA_CPP)) - known - LLAMA_OLDER_BUILDS_ONLY
    assert not missing


@pytest.mark.engines
def test_whisper_server_knows_every_suggested_flag(engines: EngineKit) -> None:
    known = _help_flags(engines.whisper_server)
    assert not set(all_names(Engine.WHISPER_CPP)) - known


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
