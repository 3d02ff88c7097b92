"""The [router] table and per-profile idle_timeout, checked on load; names and forms."""

from __future__ import annotations

from pathlib import Path

import pytest

from panel.core.config.profiles import Engine, Role, ServerProfile
from panel.core.config.router_settings import RouterSettings
from panel.core.config.store import Config, ConfigError, dump_config, parse_config
from panel.core.router.names import model_names, model_of, resolve, upstream_path
from panel.core.router.records import RequestRecord, StreamMeter, curl_command
from panel.core.router.service import exposure_warning

PROFILE = '[[profiles]]\nname = "a"\nengine = "llama.cpp"\n'


def test_router_table_loads_and_round_trips() -> None:
    text = (
        '[router]\nenabled = false\nhost = "::1"\nport = 9000\n'
        "default_idle_timeout = 30\nmax_queue = 5\n\n" + PROFILE + "idle_timeout = 0\n"
    )
    config = parse_config(text, Path("c.toml"))
    assert config.router == RouterSettings(False, "::1", 9000, 30.0, 5)
    assert config.profiles[0].idle_timeout == 0.0
    again = parse_config(dump_config(config), Path("c.toml"))
    assert again.router == config.router and again.profiles[0].idle_timeout == 0.0


def test_defaults_add_nothing_to_the_file() -> None:
    config = parse_config(PROFILE, Path("c.toml"))
    assert config.router == RouterSettings() and config.profiles[0].idle_timeout is None
    assert "\n[router]\n" not in dump_config(Config(profiles=config.profiles))


@pytest.mark.parametrize(
    ("table", "line", "words"),
    [
        ("[router]\nport = 70000\n", 2, "outside 1-65535"),
        ('[router]\nhost = "[::1]"\n', 2, "without brackets"),
        ("[router]\ndefault_idle_timeout = -1\n", 2, "0 or more seconds"),
        ('[router]\nenabled = "yes"\n', 2, "wrong type"),
        ("[router]\nmax_queue = 0\n", 2, "max_queue must be 1 to 100000"),
        ("[router]\nportt = 1\n", 2, "unknown key 'portt'"),
        ("router = 3\n", 1, "must be a table"),
    ],
)
def test_bad_router_values_name_their_line(table: str, line: int, words: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(table + "\n" + PROFILE + 'host = "0.0.0.0"\n', Path("c.toml"))
    assert caught.value.line == line and words in str(caught.value)


def test_a_bad_profile_idle_timeout_names_its_line() -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(PROFILE + "idle_timeout = -5\n", Path("c.toml"))
    assert caught.value.line == 4 and "idle_timeout must be 0 or more" in str(caught.value)


def test_a_wildcard_router_gets_the_profiles_warning() -> None:
    assert exposure_warning("127.0.0.1") is None
    warning = exposure_warning("0.0.0.0")
    assert warning is not None and "every network interface" in warning


def test_a_profile_answers_to_its_name_alias_and_served_names() -> None:
    llama = ServerProfile("Qwen (llama.cpp)", Engine.LLAMA_CPP, args=["--alias", "qwen3"])
    vllm = ServerProfile(
        "vl", Engine.VLLM, args=["--served-model-name", "big", "small", "--port", "1"]
    )
    whisper = ServerProfile("w", Engine.WHISPER_CPP, role=Role.TRANSCRIPTION)
    assert model_names(llama) == ["Qwen (llama.cpp)", "qwen3"]
    assert model_names(vllm) == ["vl", "big", "small"]
    profiles = [llama, vllm, whisper]
    assert resolve("small", profiles, "/v1/chat/completions") is vllm
    assert resolve(None, profiles, "/inference") is whisper  # the only one that transcribes
    with pytest.raises(LookupError, match="names no model"):
        resolve(None, profiles, "/v1/chat/completions")
    assert upstream_path(whisper, "/v1/audio/transcriptions") == "/inference"
    assert upstream_path(vllm, "/inference") == "/v1/audio/transcriptions"


def test_the_model_of_a_json_body_and_of_a_form() -> None:
    assert model_of("application/json", b'{"model": "m", "x": 1}') == "m"
    assert model_of("application/json", b"[1]") is None
    assert model_of("application/json", b"{not json") is None
    form = (
        b'--XY\r\nContent-Disposition: form-data; name="file"; filename="a.wav"\r\n\r\n'
        b'RIFF model\r\n--XY\r\nContent-Disposition: form-data; name="model"\r\n\r\n'
        b"whisper\r\n--XY--\r\n"
    )
    assert model_of('multipart/form-data; boundary="XY"', form) == "whisper"
    record = RequestRecord(1, 0.0, "/inference", "whisper")
    record.form = [("model", "whisper"), ("file", "@a.wav")]
    assert curl_command(record, "http://127.0.0.1:8090") == (
        "curl http://127.0.0.1:8090/inference -F model=whisper -F file=@a.wav"
    )


def test_the_meter_counts_content_events_and_prefers_usage() -> None:
    meter = StreamMeter(0.0)
    meter.feed(b'data: {"choices":[{"delta":{"role":"assistant","content":null}}]}\n\nda')
    meter.feed(b'ta: {"choices":[{"delta":{"content":"Hi"}}]}\n\n')
    meter.feed(b'data: {"choices":[{"delta":{"content":"!"}}]}\n\ndata: [DONE]\n\n')
    assert meter.finish() == 2
    usage = StreamMeter(0.0)
    usage.feed(b'{"choices":[],"usage":{"completion_tokens":7}}')
    assert usage.finish() == 7


def test_unload_and_pinned_load_round_trip_and_stay_out_of_the_file_at_their_defaults() -> None:
    vllm = '[[profiles]]\nname = "v"\nengine = "vllm"\nunload = "sleep"\npinned = true\n'
    config = parse_config(vllm + PROFILE, Path("c.toml"))
    sleepy, plain = config.profiles
    assert (sleepy.unload, sleepy.pinned) == ("sleep", True)
    assert (plain.unload, plain.pinned) == ("stop", False)
    text = dump_config(config)
    assert text.count("unload = ") == 1 and text.count("pinned = ") == 1
    again = parse_config(text, Path("c.toml"))
    assert [(p.unload, p.pinned) for p in again.profiles] == [("sleep", True), ("stop", False)]


@pytest.mark.parametrize(
    ("lines", "line", "words"),
    [
        ('unload = "nap"\n', 4, 'unload must be "stop" or "sleep", not \'nap\''),
        ('unload = "sleep"\n', 4, "unload = \"sleep\" is vLLM's sleep mode; engine 'llama.cpp'"),
        ('pinned = "yes"\n', 4, "'pinned' has the wrong type (str)"),
    ],
)
def test_bad_unload_and_pinned_values_name_their_line(lines: str, line: int, words: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(PROFILE + lines, Path("c.toml"))
    assert caught.value.line == line and words in str(caught.value)
