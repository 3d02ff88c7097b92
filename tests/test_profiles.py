from __future__ import annotations

from pathlib import Path

import pytest

from panel.core.config.profiles import (
    ApiKeyError,
    Engine,
    ServerProfile,
    find_flags,
    first_flag_value,
    flags_given,
    last_flag_value,
    resolve_api_key,
)


def test_base_url_probes_loopback_for_wildcard_binds() -> None:
    assert ServerProfile("a", Engine.VLLM, port=8000).base_url == "http://127.0.0.1:8000"
    assert ServerProfile("a", Engine.VLLM, host="0.0.0.0", port=1).base_url == "http://127.0.0.1:1"
    assert ServerProfile("a", Engine.VLLM, host="::1", port=2).base_url == "http://[::1]:2"
    attached = ServerProfile("a", Engine.VLLM, attach_url="http://gpu-box:8000/")
    assert attached.attached and attached.base_url == "http://gpu-box:8000"


def test_model_path_tells_hub_ids_from_files() -> None:
    assert ServerProfile("a", Engine.VLLM, model="Qwen/Qwen2.5-VL").model_path() is None
    assert ServerProfile("a", Engine.VLLM, model="/m/q").model_path() == Path("/m/q")
    assert ServerProfile("a", Engine.LLAMA_CPP, model="m.gguf").model_path() == Path("m.gguf")
    assert ServerProfile("a", Engine.LLAMA_CPP, model="~/m.gguf").model_path() == (
        Path.home() / "m.gguf"
    )


def test_api_key_refs(tmp_path: Path) -> None:
    assert resolve_api_key("") is None
    assert resolve_api_key("env:K", {"K": "sekrit"}) == "sekrit"
    key_file = tmp_path / "key"
    key_file.write_text("abc\n")
    assert resolve_api_key(f"file:{key_file}") == "abc"
    with pytest.raises(ApiKeyError, match="K is not set"):
        resolve_api_key("env:K", {})
    with pytest.raises(ApiKeyError, match="cannot read"):
        resolve_api_key(f"file:{tmp_path / 'nope'}")
    with pytest.raises(ApiKeyError, match="must look like"):
        resolve_api_key("sk-literal-key")


def test_an_api_key_http_cannot_carry_is_refused_with_a_reason(tmp_path: Path) -> None:
    with pytest.raises(ApiKeyError, match="variable K has characters an HTTP header cannot carry"):
        resolve_api_key("env:K", {"K": "秘密-key"})
    key_file = tmp_path / "key"
    key_file.write_text("abc\x07def\n", encoding="utf-8")
    with pytest.raises(ApiKeyError, match="cannot carry"):
        resolve_api_key(f"file:{key_file}")
    key_file.write_bytes(b"\xff\xfe")
    with pytest.raises(ApiKeyError, match="is not text"):
        resolve_api_key(f"file:{key_file}")


@pytest.mark.parametrize(
    ("args", "first", "last"),
    [
        ([], None, None),
        (["-ngl", "99"], "99", "99"),
        (["-ngl=0", "--jinja", "--gpu-layers", "12"], "0", "12"),
        (["-ngl", "4", "-ngl"], "4", None),  # a trailing bare flag: the engine would refuse it
        (["--gpu-layers="], "", ""),
        (["--gpu-layers-draft", "3"], None, None),  # a different flag
    ],
)
def test_one_flag_parser_for_first_last_and_every_value(
    args: list[str], first: str | None, last: str | None
) -> None:
    aliases = ("-ngl", "--gpu-layers")
    found = find_flags(args, *aliases)
    assert (found[0][1] if found else None) == first
    assert last_flag_value(args, *aliases) == last
    given = [arg.partition("=")[0] for arg in args if arg.partition("=")[0] in aliases]
    assert flags_given(args, *aliases) == given


def test_first_flag_value_skips_a_trailing_bare_flag() -> None:
    assert first_flag_value(["--inference-path"], "--inference-path") is None
    assert first_flag_value(["--inference-path=/x", "--inference-path"], "--inference-path") == "/x"
