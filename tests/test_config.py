from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from panel.core.config.profiles import Engine, Role, ServerProfile
from panel.core.config.store import Config, ConfigError, ConfigStore, default_config_path


def test_first_run_writes_the_seed_catalog(isolated_dirs: Path) -> None:
    store = ConfigStore()
    assert store.path == default_config_path()
    assert str(store.path).startswith(str(isolated_dirs))
    config = store.load()
    assert store.path.exists()
    engines = [p.engine for p in config.profiles]
    assert engines == [Engine.LLAMA_CPP, Engine.WHISPER_CPP, Engine.VLLM, Engine.VLLM]
    llama = config.profiles[0]
    assert llama.port == 8000 and "--alias" in llama.args and "qwen3" in llama.args
    whisper = config.profiles[1]
    assert whisper.port == 8080 and whisper.model.endswith("ggml-large-v3-turbo.bin")
    assert whisper.args == ["--flash-attn", "--language", "auto"]
    assert config.profiles[2].args[:2] == ["--served-model-name", "whisper"]
    assert "Qwen2.5-VL-7B-Instruct-AWQ" in config.profiles[3].model
    assert all(p.host == "127.0.0.1" for p in config.profiles)
    # Reading it back gives the same catalog: the file is the source of truth.
    assert ConfigStore(store.path).load() == config


def test_round_trip_keeps_every_field_and_cjk(tmp_path: Path) -> None:
    store = ConfigStore(tmp_path / "c.toml")
    profile = ServerProfile(
        name="视觉模型 解释图像",
        engine=Engine.LLAMA_CPP,
        model="/模型/tiny.gguf",
        executable="/opt/llama/llama-server",
        host="0.0.0.0",
        port=9000,
        args=["--ctx-size", "4096", "--mmproj", "/模型/mmproj.gguf"],
        env={"CUDA_VISIBLE_DEVICES": "1"},
        role=Role.VISION,
        ready_timeout=42.5,
        stop_grace=3,
        api_key_ref="env:MY_KEY",
        auto_restart=True,
    )
    config = Config(profiles=[profile], model_folders=["/data/models"])
    store.save(config)
    assert "解释图像" in store.path.read_text(encoding="utf-8")
    assert ConfigStore(store.path).load() == config


def test_malformed_file_names_the_line_keeps_a_backup_and_is_not_overwritten(
    tmp_path: Path,
) -> None:
    path = tmp_path / "config.toml"
    text = '[[profiles]]\nname = "a"\nengine = "llama.cpp"\nport = 80 80\n'
    path.write_text(text, encoding="utf-8")
    store = ConfigStore(path)
    with pytest.raises(ConfigError) as err:
        store.load()
    assert err.value.line == 4
    assert "line 4" in str(err.value)
    assert err.value.backup is not None and err.value.backup.read_text() == text
    assert err.value.backup.name in str(err.value)
    # Saving over it is refused, and the file is untouched.
    with pytest.raises(ConfigError, match="not saved"):
        store.save(Config())
    assert path.read_text() == text
    store.save(Config(), force=True)  # an explicit "replace it" is allowed
    assert ConfigStore(path).load() == Config()


@pytest.mark.parametrize(
    ("body", "line", "needle"),
    [
        ('[[profiles]]\nname = "a"\nengine = "ollama"\n', 3, "engine must be one of"),
        ('[[profiles]]\nname = "a"\nengine = "vllm"\nport = "8000"\n', 4, "wrong type"),
        ('[[profiles]]\nname = "a"\nengine = "vllm"\nport = true\n', 4, "wrong type"),
        ('[[profiles]]\nname = "a"\nengine = "vllm"\nargs = ["-c", 4096]\n', 4, "list of strings"),
        ('[[profiles]]\nname = "a"\nengine = "vllm"\ncolour = 1\n', 4, "unknown key"),
        ('[[profiles]]\nname = "a"\nengine = "vllm"\nport = 70000\n', 4, "outside"),
        (
            '[[profiles]]\nname = "a"\nengine = "vllm"\n\n[[profiles]]\nname = "a"\nengine = "vllm"\n',
            6,
            "two profiles",
        ),
        ('[[profiles]]\nengine = "vllm"\n', 1, "'name' is required"),
    ],
)
def test_invalid_values_name_their_line(tmp_path: Path, body: str, line: int, needle: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        ConfigStore(path).load()
    assert err.value.line == line, str(err.value)
    assert needle in str(err.value)


def test_not_utf8_is_an_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b'name = "\xff\xfe"\n')
    with pytest.raises(ConfigError, match="not UTF-8"):
        ConfigStore(path).load()
    assert path.read_bytes() == b'name = "\xff\xfe"\n'


def test_save_is_atomic_and_leaves_no_temp_files(tmp_path: Path) -> None:
    store = ConfigStore(tmp_path / "sub" / "config.toml")
    store.save(Config(profiles=[ServerProfile(name="x", engine=Engine.CUSTOM)]))
    store.save(Config(profiles=[ServerProfile(name="y", engine=Engine.CUSTOM)]))
    assert [p.name for p in (tmp_path / "sub").iterdir()] == ["config.toml"]
    assert ConfigStore(store.path).load().profiles[0].name == "y"


def test_profile_lookup_names_the_known_profiles() -> None:
    config = Config(profiles=[ServerProfile(name="one", engine=Engine.CUSTOM)])
    assert config.profile("one").name == "one"
    with pytest.raises(KeyError, match="profiles: one"):
        config.profile("two")


def test_the_seed_catalog_does_not_import_the_store() -> None:
    # defaults -> store -> defaults was a circle; store.default_config makes the config now.
    code = (
        "import sys, panel.core.config.defaults as d; "
        "assert 'panel.core.config.store' not in sys.modules, 'defaults imports the store'; "
        "assert d.default_profiles()"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
