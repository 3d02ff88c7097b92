"""The editor's command line: exactly the adapter's plan, the key masked and never read."""

from __future__ import annotations

from pathlib import Path

import pytest

from panel.core.config.profiles import ContainerSpec, Engine, ServerProfile
from panel.core.engines import adapter_for
from panel.core.engines.base import MASK
from panel.core.profile_editor.command_preview import preview_command

KEY_ENV = adapter_for(Engine.LLAMA_CPP).api_key_env


def llama(tmp_path: Path, **changes: object) -> ServerProfile:
    profile = ServerProfile(
        "chat",
        Engine.LLAMA_CPP,
        model=str(tmp_path / "m" / "tiny.gguf"),
        executable="/opt/llama-server",
        port=8123,
        env={"CUDA_VISIBLE_DEVICES": "1", "1BAD": "x"},
        args=["--ctx-size", "2048"],
    )
    return profile.copy(**changes)


def test_host_command_is_the_plan(tmp_path: Path) -> None:
    profile = llama(tmp_path)
    preview = preview_command(profile)
    assert preview.note == ""
    assert preview.argv == adapter_for(Engine.LLAMA_CPP).plan(profile).argv
    assert preview.env_words == ["CUDA_VISIBLE_DEVICES=1"]  # a bad name would not run
    assert preview.command_line().startswith("CUDA_VISIBLE_DEVICES=1 /opt/llama-server -m ")


@pytest.mark.parametrize("ref", ["env:PREVIEW_TEST_KEY", "file:/no/such/key"])
def test_the_key_is_masked_and_never_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ref: str
) -> None:
    monkeypatch.setenv("PREVIEW_TEST_KEY", "sk-do-not-show")
    profile = llama(tmp_path, api_key_ref=ref, env={str(KEY_ENV): "sk-in-the-profile"})
    line = preview_command(profile).command_line()
    assert f"{KEY_ENV}={MASK}" in line
    assert "sk-do-not-show" not in line and "sk-in-the-profile" not in line
    monkeypatch.delenv("PREVIEW_TEST_KEY")  # a key that is not there is no reason to fail
    assert preview_command(profile).command_line() == line


def test_container_command_names_the_key_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PREVIEW_TEST_KEY", raising=False)
    spec = ContainerSpec(runtime="docker", mounts=[f"{tmp_path / 'm'}:/models"])
    profile = llama(tmp_path, api_key_ref="env:PREVIEW_TEST_KEY", container=spec)
    preview = preview_command(profile)
    line = preview.command_line()
    assert line.startswith(f"{KEY_ENV}={MASK} docker run --rm --name inference-panel-chat-xxxxxx ")
    assert f"-e {KEY_ENV} " in line and "-m /models/tiny.gguf" in line


def test_a_half_typed_mount_still_gives_a_command(tmp_path: Path) -> None:
    spec = ContainerSpec(runtime="docker", mounts=["no-colon-yet"])
    preview = preview_command(llama(tmp_path, container=spec))
    assert preview.argv[:2] == ["docker", "run"] and preview.note == ""
