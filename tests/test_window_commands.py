"""Every command of the main window, reached as a user reaches it: shortcuts, the menu bar,
the toolbar, the server list's context menu and the Help menu."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
import shiboken6
from PySide6.QtCore import QObject, QPoint, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QToolBar
from pytestqt.qtbot import QtBot

from panel import __version__
from panel.core.config.profiles import ContainerSpec, Engine, ServerProfile
from panel.core.config.store import ConfigStore
from panel.core.doctor import run_doctor
from panel.core.gpu.nvml import Nvml
from panel.core.servers.server_state import ServerState
from panel.core.speech.audio_devices import AudioStatus
from panel.ui.profile_editor import ProfileEditor
from panel.ui.window.main_window import MainWindow
from tests.conftest import Window
from tests.fakes.fake_nvml import FakeGpu, FakeNvml, GiB
from tests.test_supervisor import scripted
from tests.window_helpers import (
    activate,
    answering,
    click_button,
    click_menu_entry,
    context_menu,
    expect_triggered,
    leave,
    menu_bar_entry,
    press,
    window_actions,
)

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
K = Qt.Key


def badge(window: MainWindow, row: int = 0) -> str:
    return window.model.badge(window.model.rows()[row])[0]


def ready(name: str, change: object) -> bool:
    return getattr(change, "state", None) is ServerState.READY


def stopped(name: str, change: object) -> bool:
    return getattr(change, "state", None) is ServerState.STOPPED


# -- profiles ------------------------------------------------------------------------------


def test_ctrl_n_and_the_toolbar_open_the_profile_editor(qtbot: QtBot, make_window: Window) -> None:
    """Qt's triggered(bool) once landed in new_profile(initial) and nothing opened."""
    window = make_window([scripted(name="a")])
    activate(qtbot, window)
    with expect_triggered(window, "act_new"), answering(leave) as seen:
        press(window, K.Key_N, CTRL)
    [editor] = seen
    assert isinstance(editor, ProfileEditor) and editor.windowTitle() == "New profile"

    toolbar = window.findChild(QToolBar, "ServersToolbar")
    assert toolbar is not None
    button = toolbar.widgetForAction(window.act_new)
    with expect_triggered(window, "act_new"), answering(leave) as seen:
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert [type(w) for w in seen] == [ProfileEditor]

    with expect_triggered(window, "act_new"):
        seen = context_menu(window, None, "New profile…", leave)  # below the servers
    assert isinstance(seen[0], QMenu) and isinstance(seen[1], ProfileEditor)
    assert [p.name for p in ConfigStore(window.store.path).load().profiles] == ["a"]


def test_edit_duplicate_delete_from_the_keyboard(qtbot: QtBot, make_window: Window) -> None:
    window = make_window([scripted(name="kb")])
    activate(qtbot, window)
    with expect_triggered(window, "act_edit"), answering(leave) as seen:
        press(window, K.Key_F2)
    [editor] = seen
    assert isinstance(editor, ProfileEditor) and editor.windowTitle() == "Edit profile — kb"

    with expect_triggered(window, "act_duplicate"):
        press(window, K.Key_D, CTRL)
    assert [r.profile.name for r in window.model.rows()] == ["kb", "kb (2)"]
    assert window.selected_profile().name == "kb (2)"  # type: ignore[union-attr]
    ports = {p.port for p in window.config.profiles}
    assert len(ports) == 2  # the copy got a port of its own

    with expect_triggered(window, "act_delete"), answering(lambda b: click_button(b, "Delete")):
        press(window, K.Key_Delete)
    assert [p.name for p in ConfigStore(window.store.path).load().profiles] == ["kb"]


def test_copy_command_line_names_an_unset_api_key(
    qtbot: QtBot, make_window: Window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The key's variable is unset: copying still works, and names the variable."""
    monkeypatch.delenv("PANEL_TEST_UNSET_KEY", raising=False)
    model = tmp_path / "tiny.gguf"
    model.write_bytes(b"GGUF")
    profile = ServerProfile(
        "keyed",
        Engine.LLAMA_CPP,
        executable=sys.executable,  # any executable: nothing is started
        model=str(model),
        port=8123,
        api_key_ref="env:PANEL_TEST_UNSET_KEY",
    )
    window = make_window([profile])
    QApplication.clipboard().setText("before")
    with expect_triggered(window, "act_copy_cmd"):
        context_menu(window, 0, "Copy command line")
    text = QApplication.clipboard().text()
    assert "$PANEL_TEST_UNSET_KEY" in text  # named, never read
    assert f"-m {model}" in text and "--port 8123" in text
    assert badge(window) == "can't start: API key unset"  # said before anyone presses Start


def test_copy_command_line_says_why_it_cannot(
    qtbot: QtBot, make_window: Window, tmp_path: Path
) -> None:
    # The config loader refuses such a mount now (tests/test_config_validation.py), so the
    # profile reaches the window the only way left: a config object built in memory.
    profile = ServerProfile(
        "bad mount",
        Engine.LLAMA_CPP,
        model=str(tmp_path / "m.gguf"),
        container=ContainerSpec(image="example/llama:test", mounts=["no-colon-here"]),
    )
    window = make_window([profile], load=False)
    window.select("bad mount")
    activate(qtbot, window)
    QApplication.clipboard().setText("before")
    said: list[str] = []
    with (
        expect_triggered(window, "act_copy_cmd"),
        answering(lambda box: said.append(box.text())),  # type: ignore[attr-defined]
    ):
        press(window, K.Key_C, CTRL | SHIFT)
    assert said and "no-colon-here" in said[0]
    assert QApplication.clipboard().text() == "before"


def test_server_commands_from_keys_and_the_context_menu(qtbot: QtBot, make_window: Window) -> None:
    profile = scripted(name="keys", stop_grace=1.0)
    window = make_window([profile])
    activate(qtbot, window)
    with (
        expect_triggered(window, "act_start"),
        qtbot.waitSignal(window.hub.stateChanged, timeout=20_000, check_params_cb=ready),
    ):
        press(window, K.Key_F5)
    with expect_triggered(window, "act_copy_url"):
        press(window, K.Key_U, CTRL | SHIFT)
    assert QApplication.clipboard().text() == profile.base_url
    with (
        expect_triggered(window, "act_restart"),
        qtbot.waitSignal(window.hub.stateChanged, timeout=20_000, check_params_cb=ready),
    ):
        press(window, K.Key_F5, CTRL | SHIFT)
    with (
        expect_triggered(window, "act_stop"),
        qtbot.waitSignal(window.hub.stateChanged, timeout=20_000, check_params_cb=stopped),
    ):
        context_menu(window, 0, "Stop")
    assert badge(window) == "stopped" and window.hub.running() == []


# -- views ---------------------------------------------------------------------------------


def test_view_keys_switch_tabs_and_the_divider_stays_still(
    qtbot: QtBot, make_window: Window
) -> None:
    long_name = "a profile whose name is longer than any header has room for, " * 2
    window = make_window([scripted(name="v"), scripted(name=long_name)])
    activate(qtbot, window)
    # As narrow as the window goes: the right side is at its minimum, where anything that
    # widens it (a long name in the header, a tab that fills in when shown) moves the divider.
    narrowest = window.minimumSizeHint().width()
    window.resize(narrowest, 700)
    qtbot.waitUntil(lambda: window.width() == narrowest, timeout=5000)
    sizes = window.splitter.sizes()
    row = window.list.visualRect(window.model.index(1))
    QTest.mouseClick(window.list.viewport(), Qt.MouseButton.LeftButton, pos=row.center())
    assert window.header_title.text() == long_name
    QApplication.processEvents()
    assert window.splitter.sizes() == sizes, "the divider moved for a long name"
    with expect_triggered(
        window,
        "act_show_chat",
        "act_show_transcribe",
        "act_show_gpu",
        "act_show_models",
        "act_open_log",
    ):
        for key, tab in [
            (K.Key_J, window.chat_tab),
            (K.Key_T, window.transcribe_tab),
            (K.Key_G, window.gpu_panel),
            (K.Key_M, window.models_view),
            (K.Key_L, window.log_view),
        ]:
            press(window, key, CTRL)
            assert window.tabs.currentWidget() is tab
            QApplication.processEvents()  # let the layout settle as it would on screen
            assert window.splitter.sizes() == sizes, f"the divider moved for {tab}"
    with expect_triggered(window, "act_first_steps"):
        menu_bar_entry(window, "menu_view", "First steps")
    assert window.right.currentWidget() is window.first_run
    with expect_triggered(window, "act_open_log"):
        menu_bar_entry(window, "menu_view", "Show log")
    assert window.right.currentWidget() is window.details


def test_the_tabs_own_shortcuts_reach_them_in_the_window(qtbot: QtBot, make_window: Window) -> None:
    """Search the log (Ctrl+F, F3, Shift+F3), open and paste audio files (Ctrl+O, Ctrl+V)."""
    window = make_window([scripted(name="t")])
    activate(qtbot, window)
    window.act_open_log.trigger()
    # The log's keys work where the log has the focus: click into it first.
    QTest.mouseClick(window.log_view.text_view.viewport(), Qt.MouseButton.LeftButton)
    with expect_triggered(
        window, "LogView:Find in log", "LogView:Next match", "LogView:Previous match"
    ):
        press(window, K.Key_F, CTRL)
        press(window, K.Key_F3)
        press(window, K.Key_F3, SHIFT)
    window.act_show_transcribe.trigger()
    QApplication.clipboard().clear()
    with expect_triggered(
        window, "TranscribeTab:Open audio files…", "TranscribeTab:Paste audio files"
    ):
        window.tabs.setFocus()  # not a text field: Ctrl+V is the tab's
        press(window, K.Key_O, CTRL)
        dialog = window.findChild(QFileDialog, "OpenAudioDialog")
        assert dialog is not None and dialog.isVisible()
        dialog.reject()
        press(window, K.Key_V, CTRL)


def test_the_toolbar_can_be_hidden_from_the_bars_menu(qtbot: QtBot, make_window: Window) -> None:
    window = make_window([scripted(name="bar")])
    toolbar = window.findChild(QToolBar, "ServersToolbar")
    assert toolbar is not None and toolbar.isVisible()
    menu = window.createPopupMenu()  # what a right-click on the toolbar shows
    menu.popup(window.mapToGlobal(QPoint(20, 20)))
    qtbot.waitUntil(menu.isVisible)
    with expect_triggered(window, "act_toolbar"):
        click_menu_entry(menu, "Servers")
    assert not toolbar.isVisible()
    menu.deleteLater()


def test_the_menu_bar_holds_every_window_action_with_its_shortcut(make_window: Window) -> None:
    window = make_window([])
    menus = {m.objectName(): m for m in window.menuBar().findChildren(QMenu)}
    assert [a.text() for a in window.menuBar().actions()] == ["&File", "&Servers", "&View", "&Help"]
    in_menus = {a.objectName() for m in menus.values() for a in m.actions() if a.objectName()}
    own = {k for k, a in window_actions(window).items() if a.parent() is window}
    assert own <= in_menus
    assert window.act_new.shortcut().toString() == "Ctrl+N"
    assert window.act_quit.shortcut().toString() == "Ctrl+Q"


# -- help ----------------------------------------------------------------------------------


class UrlSink(QObject):
    """Stands in for the desktop: QDesktopServices hands it the URLs it would open."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def opened() -> object:
    sink = UrlSink()
    # The stub asks for bytes; PySide6 takes only str here.
    QDesktopServices.setUrlHandler("file", sink, "open")  # type: ignore[arg-type]
    yield sink
    QDesktopServices.unsetUrlHandler("file")


def test_help_opens_the_docs_and_the_config_folder(
    qtbot: QtBot, make_window: Window, opened: UrlSink
) -> None:
    window = make_window([scripted(name="h")])
    activate(qtbot, window)
    with expect_triggered(window, "act_docs"):
        press(window, K.Key_F1)
    with expect_triggered(window, "act_config_folder"):
        menu_bar_entry(window, "menu_help", "Open the config folder")
    docs, folder = (Path(u.toLocalFile()) for u in opened.urls)
    assert docs.name == "README.md" and docs.exists()
    assert folder == window.store.path.parent


def test_help_runs_doctor_off_the_gui_thread_and_shows_about(
    qtbot: QtBot, make_window: Window, tmp_path: Path
) -> None:
    gpu = FakeGpu(name="NVIDIA H100 80GB HBM3", memory_total=80 * GiB, memory_used=1 * GiB)
    store = ConfigStore(tmp_path / "config.toml")

    def doctor():  # type: ignore[no-untyped-def]
        return run_doctor(
            store, nvml=Nvml(FakeNvml([gpu])), audio=lambda: AudioStatus(False, "no PortAudio")
        )

    window = make_window([scripted(name="doc")], doctor=doctor)
    with expect_triggered(window, "act_doctor"):
        menu_bar_entry(window, "menu_help", "Check this machine (doctor)…")
    dialog = window.doctor_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.finished_checks, timeout=30_000)
    report = dialog.text.toPlainText()
    assert "H100" in report and "no PortAudio" in report
    assert re.search(r"^  doc \[custom", report, re.MULTILINE)
    dialog.reject()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog), timeout=5000)  # not kept around

    with expect_triggered(window, "act_about"):
        menu_bar_entry(window, "menu_help", "About Inference Panel")
    box = window.about_box
    assert box is not None and box.isVisible() and __version__ in box.text()
    box.reject()


def test_ctrl_q_quits(qtbot: QtBot, make_window: Window) -> None:
    window = make_window([scripted(name="q")])
    activate(qtbot, window)
    with expect_triggered(window, "act_quit"):
        press(window, K.Key_Q, CTRL)
    assert not window.isVisible()


# -- every action is covered ---------------------------------------------------------------


def test_every_action_of_the_window_is_triggered_by_some_test(make_window: Window) -> None:
    """Each action the window has (its own and its tabs') must appear in an
    ``expect_triggered(window, "<key>", …)`` call in some test under tests/.

    Why this is enough: ``expect_triggered`` fails its own test unless every action it
    names fired, through whatever the test did inside it (a shortcut, a menu click, a
    context menu, the toolbar). So an action named there is triggered for real whenever
    the whole suite passes. This test triggers nothing itself; it reads the tests' source,
    so it gives the same answer when it runs alone or with everything else.
    """
    window = make_window([scripted(name="all")])
    keys = set(window_actions(window))
    called = re.compile(r"expect_triggered\(\s*window\s*,((?:\s*\"[^\"]+\"\s*,?)+)\s*\)")
    covered: set[str] = set()
    for path in Path(__file__).parent.glob("test_*.py"):
        for match in called.finditer(path.read_text(encoding="utf-8")):
            covered |= set(re.findall(r"\"([^\"]+)\"", match.group(1)))
    assert keys - covered == set(), "actions no test triggers"


def test_the_tray_starts_and_stops_servers_through_the_window(
    qtbot: QtBot, make_window: Window
) -> None:
    """The tray only knows the list model; its requests reach the window as signals."""
    from panel.ui.app import app_icon
    from panel.ui.window.tray import ServerTray

    window = make_window([scripted(name="tray me", stop_grace=1.0)])
    tray = ServerTray(window.model, app_icon(), window)
    window.set_tray(tray)
    tray.rebuild_menu()
    [sub] = [a.menu() for a in tray.menu.actions() if a.text().startswith("tray me")]
    assert isinstance(sub, QMenu)
    start = sub.actions()[0]
    with qtbot.waitSignal(window.hub.stateChanged, timeout=20_000, check_params_cb=ready):
        start.trigger()
    assert "tray me — ready" in [a.text() for a in tray.menu.actions()]  # rebuilt on change
    assert tray.toolTip() == "Inference Panel: 1 running"
    [sub] = [a.menu() for a in tray.menu.actions() if a.text().startswith("tray me")]
    stop = sub.actions()[1]
    with qtbot.waitSignal(window.hub.stateChanged, timeout=20_000, check_params_cb=stopped):
        stop.trigger()
    tray.activated.emit(tray.ActivationReason.Trigger)  # a click on the icon hides the window
    assert not window.isVisible()
    tray.activated.emit(tray.ActivationReason.Trigger)
    assert window.isVisible()


def test_the_full_log_of_a_run_opens_from_the_log_with_its_shortcut(
    qtbot: QtBot, make_window: Window, opened: UrlSink
) -> None:
    """Every line of a run is in a file (panel/core/servers/run_log.py); Ctrl+Shift+O in
    the log hands that file to the desktop's opener."""
    window = make_window([scripted(name="logged", stop_grace=1.0)])
    activate(qtbot, window)
    with qtbot.waitSignal(window.hub.stateChanged, timeout=20_000, check_params_cb=ready):
        window.act_start.trigger()
    window.act_open_log.trigger()
    QTest.mouseClick(window.log_view.text_view.viewport(), Qt.MouseButton.LeftButton)
    with expect_triggered(window, "LogView:Open full log"):
        press(window, K.Key_O, CTRL | SHIFT)
    [url] = opened.urls
    path = Path(url.toLocalFile())
    assert path.is_file() and "logged" in str(path)
    assert path.stat().st_size > 0  # the server's start-up lines are in it
    with qtbot.waitSignal(window.hub.stateChanged, timeout=20_000, check_params_cb=stopped):
        window.act_stop.trigger()
