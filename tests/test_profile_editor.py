"""The profile editor, driven through its widgets as a user would."""

from __future__ import annotations

import ast
import dataclasses
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import gguf
import numpy as np
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from panel.core import demo
from panel.core.config.defaults import default_profiles
from panel.core.config.profiles import (
    DEFAULT_MOUNTS,
    ContainerSpec,
    Engine,
    GpuAccess,
    Network,
    Role,
    ServerProfile,
)
from panel.core.config.store import Config, ConfigStore
from panel.core.engines import adapter_for
from panel.core.engines.flag_hints import hint_for
from panel.core.profile_editor import profile_checks
from panel.core.servers.containers import DEFAULT_IMAGES
from panel.core.servers.ports import is_port_free
from panel.ui.profile_editor import ProfileEditor, wrap_command
from panel.ui.profile_editor.check_texts import CHECK_TEXTS
from tests.conftest import Window, installed_catalogue

MakeEditor = Callable[..., ProfileEditor]

# The offscreen platform says "This plugin does not support raise()" (propagateSizeHints,
# grabbing the keyboard) whenever a window or a completer popup shows; it is not ours.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def write_gguf(path: Path, arch: str = "llama") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = gguf.GGUFWriter(path, arch)
    writer.add_context_length(4096)
    writer.add_embedding_length(64)
    writer.add_block_count(2)
    writer.add_head_count(4)
    writer.add_head_count_kv(2)
    writer.add_tensor("token_embd.weight", np.zeros((16, 64), np.float16))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


@pytest.fixture
def model_file(tmp_path: Path) -> Path:
    path = tmp_path / "models" / "tiny.gguf"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"GGUF")  # existence is all the editor checks
    return path


@pytest.fixture
def make_editor(qtbot: QtBot) -> Iterator[MakeEditor]:
    editors: list[ProfileEditor] = []

    def make(
        profile: ServerProfile | None,
        names: tuple[str, ...] = (),
        model_dirs: list[Path] | None = None,
        **kwargs: object,
    ) -> ProfileEditor:
        editor = ProfileEditor(profile, names, model_dirs=model_dirs or [], **kwargs)  # type: ignore[arg-type]
        qtbot.addWidget(editor)
        editors.append(editor)
        return editor

    yield make
    for editor in editors:
        editor.wait_for_discovery()  # no scan thread outlives the test


def llama_profile(model: Path, **changes: object) -> ServerProfile:
    profile = ServerProfile(
        name="chat",
        engine=Engine.LLAMA_CPP,
        model=str(model),
        port=8000,
        args=["--gpu-layers", "99", "--ctx-size", "8192", "--jinja"],
    )
    return profile.copy(**changes)


def retype(qtbot: QtBot, widget: QLineEdit, text: str) -> None:
    widget.clear()
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        # QTest types Latin-1 only (anything else aborts); CJK comes from an input method.
        event = QInputMethodEvent("", [])
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)


# --- round trip ------------------------------------------------------------------------


def test_edit_round_trip_to_toml(
    qtbot: QtBot, make_editor: MakeEditor, model_file: Path, tmp_path: Path
) -> None:
    editor = make_editor(llama_profile(model_file), ("chat", "whisper"))

    retype(qtbot, editor.general.name_edit, "qwen chat")
    editor.general.port_spin.setValue(8123)
    # add a flag with a value through the completing entry line
    qtbot.keyClicks(editor.flags.flag_entry, "--parallel")
    qtbot.keyClicks(editor.flags.value_entry, "2")
    qtbot.mouseClick(editor.flags.add_button, Qt.MouseButton.LeftButton)
    # drop --jinja (the last row)
    editor.flags.table.selectRow(editor.flags.table.rowCount() - 2)
    qtbot.mouseClick(editor.flags.remove_button, Qt.MouseButton.LeftButton)
    # move --ctx-size above --gpu-layers
    editor.flags.table.selectRow(1)
    qtbot.mouseClick(editor.flags.up_button, Qt.MouseButton.LeftButton)
    # an environment variable
    qtbot.mouseClick(editor.environment.env.add_button, Qt.MouseButton.LeftButton)
    editor.environment.env.table.item(0, 0).setText("CUDA_VISIBLE_DEVICES")
    editor.environment.env.table.item(0, 1).setText("1")
    # an API key kept in an environment variable
    editor.general.api_key_kind.setCurrentIndex(ProfileEditor.API_ENV)
    qtbot.keyClicks(editor.general.api_key_edit, "QWEN_KEY")
    editor.environment.ready_timeout_spin.setValue(600)
    qtbot.keyClick(editor.environment.auto_restart_check, Qt.Key.Key_Space)

    assert editor.problems() == []
    qtbot.mouseClick(editor.ok_button, Qt.MouseButton.LeftButton)
    assert editor.result() == QDialog.DialogCode.Accepted

    expected = ServerProfile(
        name="qwen chat",
        engine=Engine.LLAMA_CPP,
        model=str(model_file),
        port=8123,
        args=["--ctx-size", "8192", "--gpu-layers", "99", "--parallel", "2"],
        env={"CUDA_VISIBLE_DEVICES": "1"},
        api_key_ref="env:QWEN_KEY",
        ready_timeout=600.0,
        auto_restart=True,
    )
    assert editor.profile() == expected
    store = ConfigStore(tmp_path / "config" / "config.toml")
    store.save(Config(profiles=[editor.profile()]))
    assert ConfigStore(store.path).load().profiles == [expected]


@pytest.mark.parametrize("profile", default_profiles(), ids=lambda p: p.name)
def test_untouched_profile_comes_back_equal(
    make_editor: MakeEditor, profile: ServerProfile
) -> None:
    editor = make_editor(profile, [profile.name])
    assert editor.profile() == profile


def test_attached_profile_round_trip(qtbot: QtBot, make_editor) -> None:
    editor = make_editor(None)
    qtbot.keyClicks(editor.general.name_edit, "lab box")
    qtbot.keyClick(editor.general.attach_check, Qt.Key.Key_Space)
    assert not editor.general.executable_edit.isEnabled()
    assert not editor.flags.isEnabled()
    assert not editor.general.port_spin.isEnabled()
    retype(qtbot, editor.general.attach_url_edit, "http://10.0.0.5:8080")
    assert editor.ok_button.isEnabled(), editor.problems()  # no model needed to attach
    profile = editor.profile()
    assert profile.attach_url == "http://10.0.0.5:8080"
    assert "10.0.0.5:8080" in editor.preview.toPlainText()
    retype(qtbot, editor.general.attach_url_edit, "10.0.0.5")
    assert not editor.ok_button.isEnabled()


# --- validation ------------------------------------------------------------------------


def test_duplicate_name_disables_ok(
    qtbot: QtBot, make_editor: MakeEditor, model_file: Path
) -> None:
    editor = make_editor(llama_profile(model_file), ("chat", "whisper"))
    assert editor.ok_button.isEnabled(), editor.problems()  # its own name is no duplicate
    retype(qtbot, editor.general.name_edit, "whisper")
    assert not editor.ok_button.isEnabled()
    assert "already named" in editor.general.name_message.text()
    assert editor.general.name_message.isVisibleTo(editor)
    retype(qtbot, editor.general.name_edit, "")
    assert not editor.ok_button.isEnabled()
    retype(qtbot, editor.general.name_edit, "whisper 2")
    assert editor.ok_button.isEnabled()
    assert not editor.general.name_message.isVisibleTo(editor)


def test_misplaced_port_flag_disables_ok(
    qtbot: QtBot, make_editor: MakeEditor, model_file: Path
) -> None:
    editor = make_editor(llama_profile(model_file))
    qtbot.keyClicks(editor.flags.flag_entry, "--port")
    assert "own field" in editor.flags.hint_label.text()  # said before it is even added
    qtbot.keyClicks(editor.flags.value_entry, "9000")
    qtbot.mouseClick(editor.flags.add_button, Qt.MouseButton.LeftButton)
    assert editor.flags.args()[-2:] == ["--port", "9000"]
    assert not editor.ok_button.isEnabled()
    assert "--port" in editor.flags.message.text()
    assert editor.flags.message.level == "error"
    editor.flags.table.selectRow(editor.flags.table.rowCount() - 1)
    qtbot.mouseClick(editor.flags.remove_button, Qt.MouseButton.LeftButton)
    assert editor.ok_button.isEnabled(), editor.problems()


def test_missing_model_blocks_but_missing_binary_only_warns(
    qtbot: QtBot, make_editor: MakeEditor, model_file: Path, tmp_path: Path
) -> None:
    editor = make_editor(llama_profile(model_file, executable=str(tmp_path / "no-such-server")))
    assert editor.ok_button.isEnabled(), editor.problems()
    assert editor.general.executable_status.level == "warning"
    assert "does not exist" in editor.general.executable_status.text()
    assert "llama.cpp" in editor.general.executable_status.text()  # the install hint

    retype(qtbot, editor.general.model_combo.lineEdit(), str(tmp_path / "gone.gguf"))
    assert not editor.ok_button.isEnabled()
    assert "Model not found" in editor.general.model_message.text()


def test_found_binary_is_shown(
    qtbot: QtBot, make_editor: MakeEditor, model_file: Path, tmp_path: Path
) -> None:
    binary = tmp_path / "bin" / "llama-server"
    binary.parent.mkdir()
    binary.write_text("#!/bin/sh\n")
    binary.chmod(0o755)
    editor = make_editor(llama_profile(model_file))
    qtbot.keyClicks(editor.general.executable_edit, str(binary))
    assert editor.general.executable_status.text() == f"Found at {binary}"
    assert editor.preview.command_line().startswith(str(binary) + " -m ")


def test_wildcard_host_warns(qtbot: QtBot, make_editor: MakeEditor, model_file: Path) -> None:
    editor = make_editor(llama_profile(model_file))
    retype(qtbot, editor.general.host_edit, "0.0.0.0")
    assert "reachable from other machines" in editor.general.host_message.text()
    assert editor.ok_button.isEnabled()  # a warning, not an error
    retype(qtbot, editor.general.host_edit, "")
    assert not editor.ok_button.isEnabled()


def test_bad_environment_name_blocks(
    qtbot: QtBot, make_editor: MakeEditor, model_file: Path
) -> None:
    editor = make_editor(llama_profile(model_file))
    qtbot.mouseClick(editor.environment.env.add_button, Qt.MouseButton.LeftButton)
    editor.environment.env.table.item(0, 0).setText("1BAD NAME")
    assert not editor.ok_button.isEnabled()
    assert editor.environment.env.message.level == "error"
    editor.environment.env.table.item(0, 0).setText("GOOD_NAME")
    assert editor.ok_button.isEnabled(), editor.problems()


def test_enter_is_ok_when_valid_and_escape_cancels(
    qtbot: QtBot, make_editor: MakeEditor, model_file: Path
) -> None:
    editor = make_editor(llama_profile(model_file), ("chat", "other"))
    editor.show()
    retype(qtbot, editor.general.name_edit, "other")
    qtbot.keyClick(editor.general.name_edit, Qt.Key.Key_Return)
    assert editor.isVisible()  # invalid: Enter does nothing
    retype(qtbot, editor.general.name_edit, "renamed")
    # Enter in the flag entry adds the flag; it does not close the dialog
    qtbot.keyClicks(editor.flags.flag_entry, "--metrics")
    editor.flags.flag_entry.completer().popup().hide()
    qtbot.keyClick(editor.flags.flag_entry, Qt.Key.Key_Return)
    assert editor.isVisible()
    assert editor.flags.args()[-1] == "--metrics"
    qtbot.keyClick(editor.general.name_edit, Qt.Key.Key_Return)
    assert editor.result() == QDialog.DialogCode.Accepted
    assert not editor.isVisible()

    other = make_editor(llama_profile(model_file))
    other.show()
    qtbot.keyClick(other.general.name_edit, Qt.Key.Key_Escape)
    assert other.result() == QDialog.DialogCode.Rejected
    assert not other.isVisible()


# --- ports -----------------------------------------------------------------------------


def test_next_free_picks_a_free_port_when_busy(
    qtbot: QtBot, make_editor: MakeEditor, model_file: Path
) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        editor = make_editor(llama_profile(model_file, port=port))
        assert "in use" in editor.general.port_message.text()
        assert editor.ok_button.isEnabled()  # busy now is a warning: it may be itself
        qtbot.mouseClick(editor.general.next_free_button, Qt.MouseButton.LeftButton)
        chosen = editor.general.port_spin.value()
        assert chosen > port
        assert is_port_free("127.0.0.1", chosen)
        assert not editor.general.port_message.text()
        assert editor.profile().port == chosen
        assert f"--port {chosen}" in editor.preview.command_line()


def test_next_free_skips_ports_of_other_profiles(
    qtbot: QtBot, make_editor: MakeEditor, model_file: Path
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    editor = make_editor(llama_profile(model_file, port=port), taken_ports={port: "whisper"})
    assert "whisper" in editor.general.port_message.text()
    qtbot.mouseClick(editor.general.next_free_button, Qt.MouseButton.LeftButton)
    assert editor.general.port_spin.value() != port


# --- preview ---------------------------------------------------------------------------


def test_preview_follows_a_cjk_model_path(
    qtbot: QtBot, make_editor: MakeEditor, model_file: Path, tmp_path: Path
) -> None:
    editor = make_editor(llama_profile(model_file))
    cjk = tmp_path / "模型" / "通义千问 7B.gguf"
    cjk.parent.mkdir()
    cjk.write_bytes(b"GGUF")
    retype(qtbot, editor.general.model_combo.lineEdit(), str(cjk))
    assert editor.ok_button.isEnabled(), editor.problems()
    expected = adapter_for(Engine.LLAMA_CPP).plan(editor.profile()).command_line()
    assert editor.preview.command_line() == expected
    assert f"-m '{cjk}'" in editor.preview.toPlainText()  # quoted, never split over lines


def test_preview_masks_the_api_key(
    qtbot: QtBot, make_editor: MakeEditor, model_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SECRET_LLM_KEY", "sk-do-not-show")
    editor = make_editor(llama_profile(model_file, api_key_ref="env:SECRET_LLM_KEY"))
    text = editor.preview.toPlainText()
    assert "sk-do-not-show" not in text
    assert f"{adapter_for(Engine.LLAMA_CPP).api_key_env}=********" in text
    assert "sk-do-not-show" not in editor.preview.command_line()
    # a variable that is not set is a warning, not a reason to refuse the profile
    monkeypatch.delenv("SECRET_LLM_KEY")
    qtbot.keyClicks(editor.general.api_key_edit, "_2")
    assert editor.general.api_key_message.level == "warning"
    assert editor.ok_button.isEnabled()


def test_wrapped_preview_breaks_only_before_flags() -> None:
    argv = ["llama-server", "-m", "/very/long/模型 path.gguf", "--ctx-size", "8192", "--jinja"]
    text = wrap_command(["A=1"], argv, width=30)
    lines = text.split(" \\\n")
    assert [line.strip() for line in lines] == [
        "A=1 llama-server",
        "-m '/very/long/模型 path.gguf'",
        "--ctx-size 8192 --jinja",
    ]


# --- flags -----------------------------------------------------------------------------


def test_completion_hint_for_mmp(qtbot: QtBot, make_editor: MakeEditor, model_file: Path) -> None:
    editor = make_editor(llama_profile(model_file))
    editor.show()
    editor.tabs.setCurrentWidget(editor.flags)
    qtbot.keyClicks(editor.flags.flag_entry, "--mmp")
    completer = editor.flags.flag_entry.completer()
    assert completer.currentCompletion() == "--mmproj"
    hint = hint_for(Engine.LLAMA_CPP, "--mmproj")
    assert hint is not None
    label = editor.flags.hint_label.text()
    assert "--mmproj FILE" in label
    assert hint.hint in label
    completer.popup().hide()


def test_flag_without_value_disables_the_value_entry(
    qtbot: QtBot, make_editor: MakeEditor, model_file: Path
) -> None:
    editor = make_editor(llama_profile(model_file))
    qtbot.keyClicks(editor.flags.flag_entry, "--jinja")
    assert not editor.flags.value_entry.isEnabled()
    editor.flags.flag_entry.clear()
    qtbot.keyClicks(editor.flags.flag_entry, "--flash-attn")
    assert editor.flags.value_entry.isEnabled()
    assert editor.flags.value_entry.completer().model().stringList() == ["on", "off", "auto"]


def test_pasted_flags_become_rows(qtbot: QtBot, make_editor: MakeEditor, model_file: Path) -> None:
    editor = make_editor(llama_profile(model_file, args=[]))
    qtbot.keyClicks(editor.flags.flag_entry, "-ngl 99 --alias 'my model' --metrics")
    qtbot.mouseClick(editor.flags.add_button, Qt.MouseButton.LeftButton)
    assert editor.flags.args() == ["-ngl", "99", "--alias", "my model", "--metrics"]
    assert editor.flags.table.rowCount() == 3
    assert editor.flags.table.item(0, 2).text() == hint_for(Engine.LLAMA_CPP, "-ngl").hint  # type: ignore[union-attr]


def test_flag_cell_with_a_space_blocks(make_editor: MakeEditor, model_file: Path) -> None:
    editor = make_editor(llama_profile(model_file))
    editor.flags.table.item(0, 0).setText("--gpu-layers 99")
    assert not editor.ok_button.isEnabled()
    assert "One flag per row" in editor.flags.message.text()


# --- discovery and engines -------------------------------------------------------------


def test_discovered_models_fill_the_combo(
    qtbot: QtBot, make_editor: MakeEditor, tmp_path: Path
) -> None:
    folder = tmp_path / "my models"
    model = write_gguf(folder / "Tiny-Chat-Q4_K_M.gguf")
    whisper = folder / "ggml-tiny.bin"
    whisper.write_bytes(b"lmgg" + bytes(44))
    editor = make_editor(None, model_dirs=[folder])
    qtbot.waitUntil(lambda: editor.general.model_combo.count() > 0, timeout=10_000)
    assert [
        editor.general.model_combo.itemText(i) for i in range(editor.general.model_combo.count())
    ] == [str(model)]
    assert editor.general.model_combo.currentText() == ""  # listing does not choose for the user
    assert "found" in editor.general.model_status.text()
    editor.general.model_combo.setCurrentIndex(0)
    editor.general.model_combo.activated.emit(0)
    assert editor.profile().model == str(model)
    # whisper.cpp lists the ggml file instead
    editor.general.engine_combo.setCurrentIndex(
        editor.general.engine_combo.findData(Engine.WHISPER_CPP.value)
    )
    assert editor.general.model_combo.itemText(0) == str(whisper)
    assert editor.profile().role is Role.TRANSCRIPTION


def test_engine_change_updates_the_form(qtbot: QtBot, make_editor) -> None:
    editor = make_editor(None)
    assert editor.general.executable_edit.placeholderText() == "llama-server"
    editor.general.engine_combo.setCurrentIndex(
        editor.general.engine_combo.findData(Engine.VLLM.value)
    )
    assert editor.general.executable_edit.placeholderText() == "vllm"
    qtbot.keyClicks(editor.general.model_combo.lineEdit(), "Qwen/Qwen2.5-VL-7B-Instruct-AWQ")
    qtbot.keyClicks(editor.general.name_edit, "vl")
    assert editor.ok_button.isEnabled(), editor.problems()  # a hub id needs no file
    assert editor.preview.command_line().split()[1:3] == [
        "serve",
        "Qwen/Qwen2.5-VL-7B-Instruct-AWQ",
    ]
    qtbot.keyClicks(editor.flags.flag_entry, "--gpu-mem")
    assert "--gpu-memory-utilization" in editor.flags.hint_label.text()
    editor.general.engine_combo.setCurrentIndex(
        editor.general.engine_combo.findData(Engine.CUSTOM.value)
    )
    assert editor.general.health_path_edit.isVisibleTo(editor)
    assert not editor.ok_button.isEnabled()  # a custom command needs its program
    qtbot.keyClicks(editor.general.executable_edit, "/opt/server/bin/serve")
    assert editor.ok_button.isEnabled(), editor.problems()


# --- containers --------------------------------------------------------------------------


def test_container_round_trip_and_preview(
    qtbot: QtBot, make_editor: MakeEditor, model_file: Path
) -> None:
    editor = make_editor(llama_profile(model_file))
    assert not editor.container.container_form.isEnabled()
    assert editor.container.image_edit.placeholderText() == DEFAULT_IMAGES[Engine.LLAMA_CPP]
    assert editor.container.mounts_edit.toPlainText().splitlines() == list(DEFAULT_MOUNTS)

    qtbot.keyClick(editor.container.container_check, Qt.Key.Key_Space)
    assert editor.container.container_form.isEnabled()
    assert "in the image" in editor.general._executable_label.text()
    retype(qtbot, editor.container.image_edit, "ghcr.io/example/llama:cuda")
    assert editor.container.entrypoint_edit.placeholderText() == "The image's own entrypoint"
    editor.container.mounts_edit.setPlainText(f"{model_file.parent}:/models:ro\n\n/data:/data\n")
    editor.container.network_combo.setCurrentIndex(
        editor.container.network_combo.findData(Network.PUBLISH.value)
    )
    retype(qtbot, editor.container.extra_args_edit, "--shm-size 16g --label 'a b=c'")
    assert editor.problems() == []

    spec = editor.profile().container
    assert spec == ContainerSpec(
        image="ghcr.io/example/llama:cuda",
        gpus=GpuAccess.RUNTIME,
        network=Network.PUBLISH,
        mounts=[f"{model_file.parent}:/models:ro", "/data:/data"],
        extra_args=["--shm-size", "16g", "--label", "a b=c"],
    )
    line = editor.preview.command_line()
    assert line.startswith("docker run --rm --name inference-panel-chat-xxxxxx ")
    assert "--runtime=nvidia" in line and "ghcr.io/example/llama:cuda" in line
    assert "-p 127.0.0.1:8000:8000" in line
    assert "-m /models/tiny.gguf" in line and "--host 0.0.0.0" in line
    assert "'a b=c'" in line

    editor.container.gpu_combo.setCurrentIndex(
        editor.container.gpu_combo.findData(GpuAccess.DEVICES.value)
    )
    assert editor.container.gpu_devices_edit.isEnabled()
    assert not editor.ok_button.isEnabled()  # which GPUs?
    retype(qtbot, editor.container.gpu_devices_edit, "0,1")
    assert editor.ok_button.isEnabled(), editor.problems()
    assert editor.profile().container.gpu_devices == "0,1"  # type: ignore[union-attr]
    assert "--gpus '\"device=0,1\"'" in editor.preview.command_line()

    # Unticked: the profile runs on the host again; the settings wait, greyed out.
    qtbot.keyClick(editor.container.container_check, Qt.Key.Key_Space)
    assert editor.profile().container is None
    assert not editor.container.container_form.isEnabled()
    assert not editor.preview.command_line().startswith("docker")
    qtbot.keyClick(editor.container.container_check, Qt.Key.Key_Space)
    assert editor.profile().container == dataclasses.replace(
        spec, gpus=GpuAccess.DEVICES, gpu_devices="0,1"
    )


def test_container_profile_comes_back_equal_through_toml(
    make_editor: MakeEditor, model_file: Path, tmp_path: Path
) -> None:
    spec = ContainerSpec(
        runtime="podman",
        image="example/srv:2",
        gpus=GpuAccess.DEVICES,
        gpu_devices="1",
        ipc_host=False,
        mounts=[f"{model_file.parent}:/m"],
        entrypoint="/bin/srv",
        extra_args=["--shm-size", "1g"],
    )
    profile = llama_profile(model_file, container=spec)
    editor = make_editor(profile)
    assert editor.profile() == profile
    store = ConfigStore(tmp_path / "c" / "config.toml")
    store.save(Config(profiles=[editor.profile()]))
    assert ConfigStore(store.path).load().profiles == [profile]


def test_bad_mount_blocks_and_missing_runtime_only_warns(
    qtbot: QtBot, make_editor: MakeEditor, model_file: Path, tmp_path: Path
) -> None:
    spec = ContainerSpec(
        runtime=str(tmp_path / "no" / "docker"), mounts=[f"{model_file.parent}:/m"]
    )
    editor = make_editor(llama_profile(model_file, container=spec))
    assert editor.ok_button.isEnabled(), editor.problems()
    assert editor.container.runtime_message.level == "warning"
    assert "docker.com" in editor.container.runtime_message.text()  # the install hint
    assert not editor.tabs.tabIcon(ProfileEditor.CONTAINER_TAB).isNull()

    editor.container.mounts_edit.setPlainText("models-without-a-colon")
    assert not editor.ok_button.isEnabled()
    assert editor.container.mounts_message.level == "error"
    assert "HOST_PATH:CONTAINER_PATH" in editor.container.mounts_message.text()

    editor.container.mounts_edit.setPlainText("/elsewhere:/m")
    assert editor.container.mounts_message.level == "error"  # the model is not inside the container
    assert "outside the container's mounts" in editor.container.mounts_message.text()


def test_container_preview_masks_the_api_key(
    make_editor: MakeEditor, model_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SECRET_LLM_KEY", "sk-do-not-show")
    spec = ContainerSpec(mounts=[f"{model_file.parent}:/m"])
    editor = make_editor(
        llama_profile(model_file, api_key_ref="env:SECRET_LLM_KEY", container=spec)
    )
    line = editor.preview.command_line()
    key_env = adapter_for(Engine.LLAMA_CPP).api_key_env
    assert "sk-do-not-show" not in line
    assert line.startswith(f"{key_env}=******** docker run ")
    assert f"-e {key_env} " in line


# --- leaving with edits --------------------------------------------------------------------


class AnswerNextModal:
    """Calls ``answer`` on the next modal widget of type ``kind`` (found as the active
    modal widget once its event loop runs) and closes it after, whatever ``answer`` did,
    so a failed answer cannot leave the test in that loop."""

    def __init__(self, kind: type[QDialog], answer: Callable[[Any], None]) -> None:
        self.kind, self.answer = kind, answer
        self.answered: list[QDialog] = []
        self.waiting = True
        QTimer.singleShot(0, self._poll)

    def stop(self) -> None:
        self.waiting = False

    def _poll(self) -> None:
        if not self.waiting:
            return
        widget = QApplication.activeModalWidget()
        if not isinstance(widget, self.kind):
            QTimer.singleShot(10, self._poll)  # it has not opened yet
            return
        self.waiting = False
        self.answered.append(widget)
        try:
            self.answer(widget)
        finally:
            if widget.isVisible():
                widget.done(QDialog.DialogCode.Rejected)


class AnswerNextBox(AnswerNextModal):
    """Presses ``button`` on the next message box; ``questions`` are the boxes' texts."""

    def __init__(self, button: str) -> None:
        super().__init__(QMessageBox, self._press)
        self.button = button
        self.questions: list[str] = []

    def _press(self, box: QMessageBox) -> None:
        self.questions.append(box.text())
        [button] = [b for b in box.buttons() if b.text().replace("&", "") == self.button]
        button.click()


def test_escape_on_edits_asks_before_discarding(
    qtbot: QtBot, make_editor: MakeEditor, model_file: Path
) -> None:
    editor = make_editor(llama_profile(model_file))
    editor.show()
    retype(qtbot, editor.general.name_edit, "renamed")

    keep = AnswerNextBox("Keep editing")
    QTest.keyClick(editor, Qt.Key.Key_Escape)
    assert keep.questions == ["Discard changes?"]
    assert editor.isVisible()
    assert editor.profile().name == "renamed"  # nothing was lost

    discard = AnswerNextBox("Discard")
    QTest.keyClick(editor, Qt.Key.Key_Escape)
    assert discard.questions == ["Discard changes?"]
    assert not editor.isVisible()
    assert editor.result() == QDialog.DialogCode.Rejected


def test_cancel_and_closing_ask_too(
    qtbot: QtBot, make_editor: MakeEditor, model_file: Path
) -> None:
    editor = make_editor(llama_profile(model_file))
    editor.show()
    qtbot.mouseClick(editor.environment.env.add_button, Qt.MouseButton.LeftButton)
    editor.environment.env.table.item(0, 0).setText("OMP_NUM_THREADS")
    keep = AnswerNextBox("Keep editing")
    editor.close()  # the window's close button
    assert keep.questions == ["Discard changes?"] and editor.isVisible()

    discard = AnswerNextBox("Discard")
    cancel = editor.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert discard.questions == ["Discard changes?"]
    assert not editor.isVisible()


def test_no_question_when_nothing_changed(
    qtbot: QtBot, make_editor: MakeEditor, model_file: Path
) -> None:
    editor = make_editor(llama_profile(model_file))
    editor.show()
    retype(qtbot, editor.general.name_edit, "something else")
    retype(qtbot, editor.general.name_edit, "chat")  # back as it was
    assert not editor.is_edited()
    unasked = AnswerNextBox("Discard")
    QTest.keyClick(editor, Qt.Key.Key_Escape)
    unasked.stop()
    assert unasked.questions == []
    assert not editor.isVisible()


def test_every_check_text_is_listed_for_translators() -> None:
    source = Path(profile_checks.__file__).read_text(encoding="utf-8")
    templates: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "text" for t in node.targets
        ):
            value = node.value
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "add":
            value = node.args[2] if len(node.args) > 2 else None
        else:
            continue
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            templates.add(value.value)
    assert len(templates) > 25
    assert templates <= set(CHECK_TEXTS)


# --- models the profiles use, through the window -------------------------------------------


def completion_of(qtbot: QtBot, editor: ProfileEditor, prefix: str) -> str:
    line = editor.general.model_combo.lineEdit()
    assert line is not None
    line.clear()
    qtbot.keyClicks(line, prefix)
    return editor.general.model_combo.completer().currentCompletion()


def test_the_demo_models_are_on_disk_and_offered_by_the_editor(
    qtbot: QtBot, make_window: Window
) -> None:
    root = demo.cache_root() / demo.cache_key()
    model = write_gguf(root / "models" / "SmolLM2-135M-Instruct.Q4_1.gguf")
    (root / ".complete").write_text("", encoding="utf-8")
    window = make_window([])

    window.show_models()
    view = window.models_view
    assert view.wait_for_scan(10_000)
    assert model in [m.path for m in view.models()]
    assert "SmolLM2-135M-Instruct.Q4_1" in [
        view.tree.model().index(row, 0).data() for row in range(view.tree.model().rowCount())
    ]

    offered: list[str] = []

    def look(editor: ProfileEditor) -> None:
        editor.wait_for_discovery()
        offered.append(completion_of(qtbot, editor, str(model.parent) + "/Smol"))

    answer = AnswerNextModal(ProfileEditor, look)
    window.act_new.trigger()
    answer.stop()
    assert offered == [str(model)]


def test_a_profiles_model_folder_is_searched(
    qtbot: QtBot, make_window: Window, tmp_path: Path
) -> None:
    model = write_gguf(tmp_path / "elsewhere" / "chat.gguf")
    sibling = write_gguf(tmp_path / "elsewhere" / "other.gguf")
    window = make_window([llama_profile(model)])
    window.show_models()
    assert window.models_view.wait_for_scan(10_000)
    assert {model, sibling} <= {m.path for m in window.models_view.models()}

    offered: list[str] = []
    status: list[str] = []

    def look(editor: ProfileEditor) -> None:
        editor.wait_for_discovery()
        status.append(editor.general.model_status.text())
        offered.append(completion_of(qtbot, editor, str(tmp_path / "elsewhere" / "oth")))

    answer = AnswerNextModal(ProfileEditor, look)
    window.select("chat")
    window.act_edit.trigger()
    answer.stop()
    assert offered == [str(sibling)]
    assert "found on this machine: 2" in status[0]


def test_check_texts_are_translated(qtbot: QtBot, make_editor: MakeEditor, tmp_path: Path) -> None:
    catalogue = (
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="zh_CN">'
        "<context><name>ProfileChecks</name><message><source>Another profile is already named"
        " “{name}”.</source><translation>已有名为“{name}”的配置。</translation></message>"
        "</context></TS>"
    )
    with installed_catalogue(catalogue, tmp_path):
        editor = make_editor(None, ("taken",))
        qtbot.keyClicks(editor.general.name_edit, "taken")
        assert editor.general.name_message.text() == "已有名为“taken”的配置。"


# --- the router's keys -------------------------------------------------------------------


def test_router_keys_are_shown_edited_and_saved(
    qtbot: QtBot, make_editor: MakeEditor, tmp_path: Path
) -> None:
    start = ServerProfile(
        name="vl", engine=Engine.VLLM, model="Qwen/Qwen2.5-VL-7B-Instruct-AWQ", port=8001,
        args=["--enable-sleep-mode"], env={"VLLM_SERVER_DEV_MODE": "1"},
        idle_timeout=120.0, unload="sleep", pinned=True,
    )  # fmt: skip
    editor = make_editor(start, ("vl",))
    router = editor.environment.router
    assert router.idle_combo.currentText() == "after" and router.idle_spin.value() == 120
    assert router.unload_combo.currentData() == "sleep" and router.unload_combo.isEnabled()
    assert router.pin_check.isChecked()
    assert editor.profile() == start and not editor.is_edited()

    editor.tabs.setCurrentIndex(ProfileEditor.ENV_TAB)
    router.pin_check.setFocus()
    qtbot.keyClick(router.pin_check, Qt.Key.Key_Space)  # unpinned
    router.idle_combo.setFocus()
    qtbot.keyClicks(router.idle_combo, "n")  # "never", chosen by typing as on any combo
    assert router.idle_combo.currentText() == "never"
    assert not router.idle_spin.isVisibleTo(editor)
    assert editor.is_edited()
    # Only vLLM sleeps: another engine's profile is stopped when idle.
    editor.general.engine_combo.setCurrentIndex(
        editor.general.engine_combo.findData(Engine.LLAMA_CPP.value)
    )
    assert not router.unload_combo.isEnabled() and router.unload() == "stop"
    editor.general.engine_combo.setCurrentIndex(
        editor.general.engine_combo.findData(Engine.VLLM.value)
    )
    assert router.unload_combo.isEnabled()
    saved = editor.profile()
    assert (saved.idle_timeout, saved.unload, saved.pinned) == (0.0, "stop", False)
    store = ConfigStore(tmp_path / "config.toml")
    store.save(Config(profiles=[saved]))
    assert ConfigStore(store.path).load().profiles == [saved]
    router.idle_combo.setFocus()
    qtbot.keyClick(router.idle_combo, Qt.Key.Key_Home)  # the first: "the router's default"
    assert router.idle_combo.currentText() == "the router's default"
    assert editor.profile().idle_timeout is None
