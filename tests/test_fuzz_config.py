"""Fuzzing the config loader: any text, any TOML-shaped data gives a config or a
ConfigError naming a real line, never another exception; what loads saves and loads
again unchanged."""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from panel.core.config.profile_table import CONTAINER_FIELDS, PROFILE_FIELDS
from panel.core.config.store import Config, ConfigError, ConfigStore, dump_config, parse_config

FUZZ = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
PATH = Path("config.toml")

# Values TOML can hold, small and nested, with the awkward ones (nan, inf, huge ints,
# NUL and newlines in strings, dates) well represented.
scalars = st.one_of(
    st.booleans(),
    st.integers(),
    st.sampled_from([0, -1, 1, 65535, 65536, 2**63 - 1, -(2**63)]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(
        [
            "",
            "0.0.0.0",
            "::",
            "[::1]",
            "127.0.0.1",
            "llama.cpp",
            "vllm",
            "whisper.cpp",
            "custom",
            "chat",
            "devices",
            "publish",
            "env:KEY",
            "file:/k",
            "file:",
            "http://h:1",
            "a\x00b",
            "/models:/models",
            "0,1",
        ]
    ),
    st.datetimes(max_value=datetime.datetime(9999, 1, 1)),
    st.dates(),
)
toml_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=8,
)
container_tables = st.dictionaries(
    st.sampled_from([*CONTAINER_FIELDS, "junk"]), toml_values, max_size=5
)
profile_tables = st.dictionaries(
    st.sampled_from([*PROFILE_FIELDS, "junk"]),
    toml_values,
    max_size=8,
).flatmap(
    # Most tables get a name and an engine, so the checks after those run too.
    lambda table: st.fixed_dictionaries(
        {
            "name": st.sampled_from(["a", "b", ""]) | st.text(max_size=4),
            "engine": st.sampled_from(["llama.cpp", "vllm", "whisper.cpp", "custom", "x"]),
        },
        optional={"container": container_tables},
    ).map(lambda base: {**base, **table})
)
documents = st.fixed_dictionaries(
    {"profiles": st.lists(profile_tables, max_size=3)},
    optional={
        "discovery": st.dictionaries(st.sampled_from(["folders", "x"]), toml_values, max_size=2),
        "junk": toml_values,
    },
)


def check_outcome(text: str) -> Config | None:
    """parse_config's result, after checking that a failure is a ConfigError with a line
    inside the text, and that a success round-trips."""
    try:
        config = parse_config(text, PATH)
    except ConfigError as err:
        assert str(err).startswith(str(PATH))
        if err.line is not None:
            assert 1 <= err.line <= text.count("\n") + 1, (err.line, str(err))
        return None
    again = parse_config(dump_config(config), PATH)
    assert again == config
    return config


@FUZZ
@given(st.text())
def test_any_text(text: str) -> None:
    check_outcome(text)


fragments = st.sampled_from(
    [
        "[[profiles]]",
        "[profiles.container]",
        "[profiles.env]",
        "[discovery]",
        'name = "a"',
        'name = "b"',
        'engine = "llama.cpp"',
        'engine = "vllm"',
        "port = 8080",
        "port = 0",
        "port = 1e3",
        'host = "0.0.0.0"',
        'host = "bad host"',
        "ready_timeout = nan",
        "ready_timeout = -inf",
        "stop_grace = 1_000_000",
        'args = ["-c", 512]',
        'args = ["$(rm -rf ~)", "`id`"]',
        "env = { A = 1 }",
        'env.B = "x"',
        'image = "a b"',
        'gpus = "devices"',
        'mounts = ["/a"]',
        'container.gpus = "none"',
        'api_key_ref = "sk-1234"',
        'attach_url = "http://[::1]:99999"',
        "folders = [1]",
        "profiles = 1",
        "x = " + "[" * 40,
        "y = " + "9" * 50,
        '"quoted key" = 1',
        "= 1",
        "[[",
        '"""',
        "\x00",
    ]
)


@FUZZ
@given(st.lists(fragments | st.text(max_size=10), max_size=14))
def test_toml_like_text(lines: list[str]) -> None:
    check_outcome("\n".join(lines))


@FUZZ
@given(documents)
def test_toml_shaped_documents(document: dict[str, Any]) -> None:
    try:
        text = tomli_w.dumps(document)
    except (TypeError, ValueError):
        return  # nothing TOML can say (e.g. a date and a table in one array)
    check_outcome(text)


@settings(max_examples=40, deadline=None, database=None)
@given(st.binary(max_size=300) | st.text(max_size=200).map(lambda t: t.encode("utf-8", "replace")))
def test_the_store_loads_any_file_or_says_why(raw: bytes) -> None:
    # Through the store: decoding, the backup of a broken file, the refusal to save.
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "config.toml"
        path.write_bytes(raw)
        store = ConfigStore(path)
        try:
            store.load()
        except ConfigError as err:
            assert err.backup is not None and err.backup.read_bytes() == raw
            assert path.read_bytes() == raw
            return
        store.save(Config())  # a file that loaded may be written again
