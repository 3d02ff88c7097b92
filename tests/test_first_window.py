"""The first window on a config the panel just wrote: it opens on something that can start
here, says up front what cannot start and why, and its list and divider behave at the
sizes people use."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox
from pytestqt.qtbot import QtBot

from panel.core.config.defaults import default_profiles
from panel.core.config.profiles import ContainerSpec, Engine, GpuAccess, ServerProfile
from panel.core.demo import demo_profiles
from panel.core.servers.ports import pick_free_port
from panel.ui.profile_editor import ProfileEditor
from panel.ui.window.first_run import DEMO_COMMAND
from panel.ui.window.main_window import MainWindow
from panel.ui.window.server_list import ServerDelegate
from tests.conftest import DockerEngine, EngineKit, Window
from tests.test_supervisor import scripted
from tests.window_helpers import answering, expect_triggered, menu_bar_entry


def badge(window: MainWindow, name: str) -> str:
    row = window.model.rows()[window.model.row_for(name) or 0]
    return window.model.badge(row)[0]


def tooltip(window: MainWindow, name: str) -> str:
    row = window.model.rows()[window.model.row_for(name) or 0]
    return window.model.tooltip(row)


@pytest.fixture
def no_container_runtime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A PATH without docker or podman, whatever this machine has."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


@pytest.mark.engines
def test_after_demo_setup_the_window_opens_on_a_demo_profile(
    qtbot: QtBot,
    make_window: Window,
    engines: EngineKit,
    speech_models: Path,
    no_container_runtime: None,
) -> None:
    """The seed catalogue first, the demo profiles appended: as `demo --setup` leaves it."""
    seeds = default_profiles()
    demo = demo_profiles(engines.root, (p.port for p in seeds), speech_models)
    window = make_window(seeds + demo)
    selected = window.selected_profile()
    assert selected is not None and selected.name == demo[0].name
    assert window.right.currentWidget() is window.details
    assert window.act_start.isEnabled()
    assert (
        window.statusBar().currentMessage() == f"{demo[0].name} can start here: press F5 (Start)."
    )
    assert not window.status_servers.isVisible()  # under the message, not drawn across it
    assert not window.header_warning.isVisible()
    current = window.list.visualRect(window.list.currentIndex())
    shown = window.list.viewport().rect()
    assert shown.top() <= current.top() and current.bottom() <= shown.bottom()  # in view
    # The seeds say why they cannot start here, before anyone presses Start.
    assert badge(window, seeds[0].name) == "model missing"
    assert badge(window, seeds[2].name) == "no runtime"  # vLLM in a container, no docker
    assert "Can't start here: Neither docker nor podman" in tooltip(window, seeds[2].name)
    assert all(badge(window, p.name) == "stopped" for p in demo)


def test_nothing_can_start_so_the_window_says_what_to_do_first(
    qtbot: QtBot, make_window: Window, no_container_runtime: None
) -> None:
    window = make_window(default_profiles())
    assert window.selected_profile() is None
    assert window.right.currentWidget() is window.first_run
    page = window.first_run
    assert "None of the 4 profiles can start" in page.intro.text()
    assert DEMO_COMMAND in page.demo_text.text()
    QTest.mouseClick(page.copy_demo, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == "inference-panel demo --setup"

    QTest.mouseClick(page.show_models, Qt.MouseButton.LeftButton)
    assert window.right.currentWidget() is window.details
    assert window.tabs.currentWidget() is window.models_view

    with expect_triggered(window, "act_first_steps"):
        menu_bar_entry(window, "menu_view", "First steps")
    assert window.right.currentWidget() is page
    attach_checked: list[bool] = []

    def look(editor: object) -> None:
        assert isinstance(editor, ProfileEditor)
        check = editor.findChild(QCheckBox, "attachCheck")
        assert check is not None
        attach_checked.append(check.isChecked())

    with answering(look):
        QTest.mouseClick(page.attach, Qt.MouseButton.LeftButton)
    assert attach_checked == [True]


def test_an_empty_config_opens_on_the_first_steps(make_window: Window) -> None:
    window = make_window([])
    assert window.right.currentWidget() is window.first_run
    assert window.first_run.intro.text() == "There are no profiles yet."
    assert window.header_title.text() == "No server selected"


def boxed(tmp_path: Path, name: str, *mounts: str) -> ServerProfile:
    model = tmp_path / "models" / "tiny.gguf"
    model.parent.mkdir(parents=True, exist_ok=True)
    model.write_bytes(b"GGUF")
    return ServerProfile(
        name,
        Engine.LLAMA_CPP,
        model=str(model),
        port=pick_free_port(),
        container=ContainerSpec(
            image="example/llama:test",
            gpus=GpuAccess.NONE,
            mounts=list(mounts) or [f"{model.parent}:/models"],
        ),
    )


def test_container_profiles_that_cannot_start_say_so_up_front(
    qtbot: QtBot, make_window: Window, docker_engine: DockerEngine, tmp_path: Path
) -> None:
    """What `inference-panel list` and `doctor` know, the window shows: the daemon is down
    (asked off the GUI thread), a mount does not exist (known at once)."""
    docker_engine.stop_daemon()
    daemon_down = boxed(tmp_path, "no daemon")
    bad_mount = boxed(
        tmp_path, "bad mount", "/nonexistent-panel-test/models:/models", f"{tmp_path}:/x"
    )
    window = make_window([daemon_down, bad_mount])
    assert badge(window, "bad mount") == "can't start: mount missing"
    assert "does not exist" in tooltip(window, "bad mount")
    qtbot.waitUntil(lambda: badge(window, "no daemon") == "can't start: no daemon", timeout=20_000)
    assert "Can't start here: The Docker daemon is not running" in tooltip(window, "no daemon")
    # Neither can start: the window, which had opened on "no daemon", says what to do first.
    qtbot.waitUntil(lambda: window.right.currentWidget() is window.first_run, timeout=5000)
    assert window.hub.running() == []
    window.select("no daemon")
    assert window.right.currentWidget() is window.details
    assert window.header_warning.text().startswith("Can't start here: The Docker daemon")


def test_a_missing_image_does_not_count_against_a_profile(
    qtbot: QtBot, make_window: Window, docker_engine: DockerEngine, tmp_path: Path
) -> None:
    """The daemon answers, the image is not pulled: Start offers to pull it, so the
    profile can start as far as the list is concerned."""
    window = make_window([boxed(tmp_path, "pullable")])
    qtbot.waitUntil(lambda: not window.checks_pending, timeout=20_000)
    assert badge(window, "pullable") == "stopped"
    assert window.selected_profile() is not None
    assert window.right.currentWidget() is window.details


# -- layout ----------------------------------------------------------------------------------

LONG = "Qwen3-Coder-30B-A3B-Instruct (Q4_K_M, 32k context, llama.cpp on GPU 0)"


def test_the_list_grows_with_the_window_and_names_keep_both_ends(
    qtbot: QtBot, make_window: Window
) -> None:
    window = make_window([scripted(name=LONG), scripted(name=LONG + " (2)")])
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024, timeout=5000)
    small = window.splitter.sizes()[0]
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: window.width() == 1920, timeout=5000)
    large = window.splitter.sizes()[0]
    assert small >= 220 and large >= small + 200, (small, large)
    fm = QFontMetrics(window.list.font())
    # The name has the row but for the icon: the badge sits on the second line.
    assert ServerDelegate.name_width(window.list.viewport().width()) >= small - 60
    assert ServerDelegate.badge_text(fm, "stopped", fm.horizontalAdvance("stopped")) == "stopped"
    narrow = fm.horizontalAdvance("can't start: mount")
    assert ServerDelegate.badge_text(fm, "can't start: mount missing", narrow) == "can't start"
    shown = ServerDelegate.elide_name(fm, LONG + " (2)", 200)
    assert shown.startswith("Qwen3") and shown.endswith("(2)") and "…" in shown
    index = window.model.index(1)
    assert window.model.data(index, Qt.ItemDataRole.ToolTipRole).splitlines()[0] == LONG + " (2)"
