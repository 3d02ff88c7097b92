"""What could expose a server or its key: the bind address, key files, argv."""

from __future__ import annotations

from pathlib import Path

import psutil
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from panel.core.config.defaults import default_profiles
from panel.core.config.profiles import DEFAULT_HOST, Engine, ServerProfile
from panel.core.config.security import exposed_host, key_file_exposure
from panel.core.engines import adapter_for
from panel.core.profile_editor.profile_checks import (
    EXPOSED_TEXT,
    Field,
    Level,
    ProfileDraft,
    check_profile,
)
from panel.core.servers.supervisor import ServerProcess
from panel.ui.profile_editor import ProfileEditor
from panel.ui.window.server_list import ServerListModel, ServerRow
from tests.conftest import EngineKit, llama_profile, running
from tests.test_profile_editor import retype

# The offscreen platform says "This plugin does not support raise()" when a window shows.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def llama(tmp_path: Path, **changes: object) -> ServerProfile:
    model = tmp_path / "m.gguf"
    model.write_bytes(b"GGUF")
    return ServerProfile("chat", Engine.LLAMA_CPP, model=str(model), port=8000).copy(**changes)


# --- the bind address ----------------------------------------------------------------------


def test_servers_bind_loopback_unless_the_profile_says_otherwise() -> None:
    assert ServerProfile("x", Engine.LLAMA_CPP).host == DEFAULT_HOST == "127.0.0.1"
    for profile in default_profiles():
        assert profile.host == "127.0.0.1", profile.name
        assert exposed_host(profile) is None
        if profile.container is None:
            argv = adapter_for(profile.engine).build_argv(profile, "server")
            assert argv[argv.index("--host") + 1] == "127.0.0.1"


@pytest.mark.parametrize(
    ("changes", "exposed"),
    [
        ({"host": "0.0.0.0"}, "0.0.0.0"),
        ({"host": "::"}, "::"),
        ({"host": "192.168.1.5"}, None),
        ({"host": "localhost"}, None),
        # a custom command that names its own address instead of {host}
        ({"engine": Engine.CUSTOM, "args": ["--host", "0.0.0.0"]}, "0.0.0.0"),
        ({"engine": Engine.CUSTOM, "args": ["--host={host}"]}, None),
        # attached: the panel starts nothing, so binds nothing
        ({"host": "0.0.0.0", "attach_url": "http://gpu:8080"}, None),
    ],
)
def test_exposed_host(changes: dict[str, object], exposed: str | None) -> None:
    profile = ServerProfile("x", Engine.LLAMA_CPP).copy(**changes)
    assert exposed_host(profile) == exposed


def test_the_editor_checks_warn_of_a_wildcard_bind_and_name_the_seed(tmp_path: Path) -> None:
    checks = check_profile(ProfileDraft(llama(tmp_path, host="0.0.0.0")), probe_port=False)
    host = [c for c in checks if c.field is Field.HOST]
    assert [(c.level, c.template) for c in host] == [(Level.WARNING, EXPOSED_TEXT)]
    assert "0.0.0.0 listens on every network interface" in host[0].text
    assert "bound 0.0.0.0 too" in host[0].text and "127.0.0.1 keeps" in host[0].text
    quiet = check_profile(ProfileDraft(llama(tmp_path)), probe_port=False)
    assert not [c for c in quiet if c.field is Field.HOST]


def test_a_host_the_loader_refuses_is_an_error_in_the_editor(tmp_path: Path) -> None:
    checks = check_profile(ProfileDraft(llama(tmp_path, host="my host")), probe_port=False)
    assert [(c.field, c.level) for c in checks if c.level is Level.ERROR] == [
        (Field.HOST, Level.ERROR)
    ]


def test_the_editor_offers_127_0_0_1_in_one_click(qtbot: QtBot, tmp_path: Path) -> None:
    editor = ProfileEditor(llama(tmp_path), (), model_dirs=[])
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    general = editor.general
    assert general.local_host_button.isHidden()
    retype(qtbot, general.host_edit, "0.0.0.0")
    assert "bound 0.0.0.0 too" in general.host_message.text()
    qtbot.waitUntil(general.local_host_button.isVisible, timeout=2000)
    qtbot.mouseClick(general.local_host_button, Qt.MouseButton.LeftButton)
    assert general.host_edit.text() == "127.0.0.1"
    assert general.local_host_button.isHidden()
    assert "every network interface" not in general.host_message.text()
    assert editor.profile().host == "127.0.0.1"
    editor.wait_for_discovery()  # no scan thread outlives the test


def test_the_server_list_marks_a_wildcard_bind(qtbot: QtBot, tmp_path: Path) -> None:
    model = ServerListModel()
    model.set_profiles([llama(tmp_path, host="0.0.0.0"), llama(tmp_path, name="private")])
    exposed, private = (model.index(row) for row in range(2))
    assert "⚠ 0.0.0.0:8000" in exposed.data(ServerListModel.DetailRole)
    assert "every network interface (0.0.0.0)" in exposed.data(Qt.ItemDataRole.ToolTipRole)
    assert "⚠" not in private.data(ServerListModel.DetailRole)
    assert "every network interface" not in private.data(Qt.ItemDataRole.ToolTipRole)


# --- key files ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mode", "warns"), [(0o600, False), (0o400, False), (0o640, True), (0o604, True), (0o620, True)]
)
def test_a_key_file_others_can_read_warns(tmp_path: Path, mode: int, warns: bool) -> None:
    key = tmp_path / "key"
    key.write_text("s3cret\n", encoding="utf-8")
    key.chmod(mode)
    found = key_file_exposure(f"file:{key}")
    assert (found is not None) == warns, found
    if found:
        assert str(key) in found and "chmod 600" in found


def test_no_key_file_no_warning(tmp_path: Path) -> None:
    assert key_file_exposure("") is None
    assert key_file_exposure("env:KEY") is None
    assert key_file_exposure(f"file:{tmp_path / 'missing'}") is None  # preflight says so
    assert key_file_exposure(f"file:{tmp_path}") is None  # a folder: not a key file


def test_the_editor_shows_the_key_file_warning(tmp_path: Path) -> None:
    key = tmp_path / "key"
    key.write_text("s3cret\n", encoding="utf-8")
    key.chmod(0o644)
    profile = llama(tmp_path, api_key_ref=f"file:{key}")
    checks = check_profile(ProfileDraft(profile), probe_port=False)
    shown = [c.text for c in checks if c.field is Field.API_KEY and c.level is Level.WARNING]
    assert any("other users can read or change the API key file" in t for t in shown), shown
    key.chmod(0o600)
    checks = check_profile(ProfileDraft(profile), probe_port=False)
    assert not [c for c in checks if c.field is Field.API_KEY and c.level is Level.WARNING]


def test_the_server_list_tooltip_warns_of_a_shared_key_file(qtbot: QtBot, tmp_path: Path) -> None:
    key = tmp_path / "key"
    key.write_text("s3cret\n", encoding="utf-8")
    key.chmod(0o644)
    model = ServerListModel()
    model.set_profiles([llama(tmp_path, api_key_ref=f"file:{key}")])
    assert "chmod 600" in model.index(0).data(Qt.ItemDataRole.ToolTipRole)
    assert isinstance(model.rows()[0], ServerRow)


# --- API keys never reach argv -----------------------------------------------------------------


def cmdlines_of_tree(server: ServerProcess) -> list[bytes]:
    """The raw /proc/PID/cmdline of the guard and every process under it."""
    assert server.pid is not None
    root = psutil.Process(server.pid)
    pids = [root.pid] + [child.pid for child in root.children(recursive=True)]
    lines = []
    for pid in pids:
        lines.append(Path(f"/proc/{pid}/cmdline").read_bytes())
    return lines


@pytest.mark.engines
@pytest.mark.parametrize("source", ["env", "file"])
def test_api_keys_never_reach_argv(
    engines: EngineKit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str
) -> None:
    secret = "panel-test-key-7f3a9c"
    if source == "env":
        monkeypatch.setenv("PANEL_TEST_ARGV_KEY", secret)
        ref = "env:PANEL_TEST_ARGV_KEY"
    else:
        key = tmp_path / "key"
        key.write_text(secret + "\n", encoding="utf-8")
        key.chmod(0o600)
        ref = f"file:{key}"
    with running(llama_profile(engines, api_key_ref=ref)) as server:
        lines = cmdlines_of_tree(server)
        # The guard and llama-server at least; the server really runs with the key.
        assert len(lines) >= 2
        assert any(b"llama-server" in line for line in lines), lines
        for line in lines:
            assert secret.encode() not in line, line
        assert server.server_pids(), "the server's own process is part of the tree"
        for pid in server.server_pids():
            environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
            assert f"LLAMA_API_KEY={secret}".encode() in environ  # by environment only
    # Containers: the key reaches `docker run` as `-e NAME` (no value); see
    # tests/test_containers.py and the container engineer's checks.
