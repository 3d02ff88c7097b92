"""Every value of a profile is checked when the config loads, and the error names its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from panel.core.config.defaults import default_profiles
from panel.core.config.profiles import ContainerSpec, Engine, GpuAccess, ServerProfile
from panel.core.config.store import Config, ConfigError, ConfigStore, dump_config, parse_config

HEAD = '[[profiles]]\nname = "a"\nengine = "llama.cpp"\n'


def error_of(text: str) -> ConfigError:
    with pytest.raises(ConfigError) as err:
        parse_config(text, Path("config.toml"))
    return err.value


@pytest.mark.parametrize(
    ("body", "line", "needle"),
    [
        ('host = ""\n', 4, "host is empty"),
        ('host = "my host"\n', 4, "neither an IP address nor a host name"),
        ('host = "[::1]"\n', 4, "without brackets"),
        ('host = "300.1.1.1"\n', 4, "not a valid IPv4 address"),
        ('host = "-bad.example"\n', 4, "neither an IP address"),
        ("port = 0\n", 4, "outside 1-65535"),
        ("port = -8080\n", 4, "outside 1-65535"),
        ("port = 99999999999999999999999\n", 4, "a number too large"),
        ("ready_timeout = -1\n", 4, "ready_timeout must be more than 0 seconds"),
        ("ready_timeout = 0\n", 4, "ready_timeout must be more than 0 seconds"),
        ("ready_timeout = nan\n", 4, "not nan"),
        ("ready_timeout = inf\n", 4, "not inf"),
        ("ready_timeout = 1e400\n", 4, "not inf"),
        ("ready_timeout = 99999999999999999999999999\n", 4, "more than 86400"),
        ("stop_grace = -0.5\n", 4, "stop_grace must be 0 or more seconds"),
        ("stop_grace = 7200\n", 4, "more than 3600"),
        ('api_key_ref = "sk-123456"\n', 4, "'env:NAME' or 'file:PATH'"),
        ('api_key_ref = "env:1BAD"\n', 4, "does not name a variable"),
        ('api_key_ref = "env:"\n', 4, "does not name a variable"),
        ('api_key_ref = "file:  "\n', 4, "names no file"),
        ('attach_url = "localhost:8080"\n', 4, "not an address like"),
        ('attach_url = "http://host:99999"\n', 4, "not an address like"),
        ('attach_url = "ftp://host"\n', 4, "not an address like"),
        ('attach_url = "http://"\n', 4, "not an address like"),
        ('health_path = "/he\\nalth"\n', 4, "must be one line"),
        ('health_path = "http://x/health"\n', 4, "not a whole address"),
        ('model = "/models/a\\u0000.gguf"\n', 4, "NUL"),
        ('args = ["--alias", "a\\u0000b"]\n', 4, "NUL"),
        ('name = "   "\n', 2, "'name' is required"),
        ('name = "two\\nlines"\n', 2, "one line of text"),
    ],
)
def test_a_bad_value_names_its_line(body: str, line: int, needle: str) -> None:
    # The duplicated key would be a TOML error, so "name" cases replace the head's name.
    head = HEAD.replace('name = "a"\n', "") if body.startswith("name") else HEAD
    text = head.replace('engine = "llama.cpp"\n', 'engine = "llama.cpp"\n' + body)
    if body.startswith("name"):
        text = "[[profiles]]\n" + body + 'engine = "llama.cpp"\n'
    err = error_of(text)
    assert err.line == line, str(err)
    assert needle in str(err), str(err)


@pytest.mark.parametrize(
    ("text", "line", "needle"),
    [
        # an env table, its bad name's own line
        (HEAD + '\n[profiles.env]\nGOOD = "1"\n"BAD NAME" = "2"\n', 7, "not a variable name"),
        (HEAD + 'env = { "A-B" = "1" }\n', 4, "not a variable name"),
        (HEAD + "env.X = 3\n", 4, "env values must be strings"),
        # container keys in the sub-table, as dotted keys, and inline
        (HEAD + '\n[profiles.container]\nimage = "a b"\n', 6, "must be one word"),
        (HEAD + 'container.image = "a b"\n', 4, "must be one word"),
        (HEAD + 'container = { gpus = "devices", gpu_devices = "all" }\n', 4, "by number"),
        (HEAD + '\n[profiles.container]\ngpus = "devices"\n', 6, "by number"),
        (HEAD + '\n[profiles.container]\nmounts = ["/models"]\n', 6, "HOST_PATH:CONTAINER"),
        (HEAD + '\n[profiles.container]\nmounts = ["models:/m"]\n', 6, "must be absolute"),
        (HEAD + '\n[profiles.container]\n\nipc_host = "yes"\n', 7, "wrong type"),
        (HEAD + '\n[profiles.container]\nextra_args = ["a\\u0000"]\n', 6, "NUL"),
        # the second profile's key, not the first's
        (
            HEAD + 'port = 8000\n\n[[profiles]]\nname = "b"\nengine = "vllm"\nport = 0\n',
            9,
            "port 0",
        ),
        # a profile whose own key comes after another profile's sub-table
        (
            HEAD + '\n[profiles.container]\nimage = "x"\n\n[[profiles]]\nname = "b"\n'
            'engine = "vllm"\nhost = "a b"\n',
            11,
            "host",
        ),
        # profiles as an inline array
        (
            'profiles = [\n  { name = "a", engine = "vllm" },\n  { name = "b", engine = "vllm", port = 0 },\n]\n',
            3,
            "port 0",
        ),
        ("profiles = 3\n", 1, "array of tables"),
        ('[discovery]\nfolders = ["/models", "a\\u0000"]\n', 2, "list of paths"),
    ],
)
def test_errors_in_sub_tables_and_other_layouts_name_their_line(
    text: str, line: int, needle: str
) -> None:
    err = error_of(text)
    assert err.line == line, str(err)
    assert needle in str(err), str(err)


@pytest.mark.parametrize(
    "text",
    [
        "a = " + "9" * 5000,  # more digits than Python converts: tomllib raises ValueError
        "a = " + "[" * 5000 + "]" * 5000,  # tomllib recurses per level: RecursionError
        "a = " + "{b=" * 3000 + "1" + "}" * 3000,
        HEAD + "port = " + "9" * 5000 + "\n",
    ],
)
def test_pathological_text_is_a_config_error(text: str) -> None:
    err = error_of(text)
    assert "TOML" in str(err)


def test_broken_values_keep_the_file_and_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    body = HEAD + 'host = "0.0.0.0 "\n'
    path.write_text(body, encoding="utf-8")
    store = ConfigStore(path)
    with pytest.raises(ConfigError) as err:
        store.load()
    assert err.value.line == 4 and err.value.backup is not None
    assert err.value.backup.read_text(encoding="utf-8") == body
    assert path.read_text(encoding="utf-8") == body
    with pytest.raises(ConfigError, match="not saved"):
        store.save(Config())


@pytest.mark.parametrize(
    "body",
    [
        'host = "::"\n',
        'host = "fe80::1%eth0"\n',
        'host = "my-box.lan"\n',
        'host = "localhost"\n',
        "port = 65535\n",
        "ready_timeout = 86400\n",
        "stop_grace = 0\n",
        'api_key_ref = "env:MY_KEY"\n',
        'api_key_ref = "file:~/.config/key"\n',
        'attach_url = "http://[::1]:8080/"\n',
        'attach_url = "https://gpu-box.lan"\n',
        'health_path = "/v1/models"\n',
        'health_path = "health"\n',
        'env = { CUDA_VISIBLE_DEVICES = "0", _X = "" }\n',
        'container = { gpus = "devices", gpu_devices = " 0, 1 " }\n',
        'container = { mounts = ["~/m:/m", "/a:/b:ro", ""] }\n',
    ],
)
def test_good_values_load(body: str) -> None:
    config = parse_config(HEAD + body, Path("config.toml"))
    assert config.profiles[0].name == "a"


def test_every_profile_the_panel_writes_loads_again() -> None:
    # The editor and the first run write these; a check stricter than they are would
    # turn a saved config into a broken one at the next start.
    profiles = [
        *default_profiles(),
        ServerProfile(
            name="everything",
            engine=Engine.CUSTOM,
            host="::",
            port=1,
            args=["--x", "{port}"],
            env={"A": "b c"},
            ready_timeout=0.5,
            stop_grace=0,
            api_key_ref="file:/k",
            health_path="/ok",
            container=ContainerSpec(gpus=GpuAccess.DEVICES, gpu_devices="0,1", mounts=[]),
        ),
    ]
    text = dump_config(Config(profiles=profiles, model_folders=["/models"]))
    assert parse_config(text, Path("config.toml")).profiles == profiles
