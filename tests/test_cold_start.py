"""Cold start: the command line never loads Qt, the window paints before the heavy
modules load, and each tab is built the first time someone opens it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from panel.core.config.defaults import default_profiles
from panel.core.config.store import ConfigStore, default_config
from tests.conftest import Window
from tests.window_helpers import press

ROOT = Path(__file__).resolve().parent.parent

# Run a command line the way `inference-panel` does, then list what it loaded.
CLI_DRIVER = """
import sys
from panel.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
loaded = sorted({m.split(".")[0] for m in sys.modules})
print("LOADED", " ".join(loaded))
"""

# Modules the window must not need before its first paint (each is a tab's or a probe's).
HEAVY = {"pyqtgraph", "numpy", "gguf", "httpx"}


def loaded_by(code: str, *args: str, home: Path) -> set[str]:
    env = dict(os.environ, XDG_CONFIG_HOME=str(home), XDG_DATA_HOME=str(home))
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    [line] = [line for line in done.stdout.splitlines() if line.startswith("LOADED ")]
    return set(line.split()[1:])


@pytest.mark.parametrize("words", [["--version"], ["list"], ["doctor"]])
def test_the_command_line_never_loads_qt(tmp_path: Path, words: list[str]) -> None:
    config = tmp_path / "config.toml"
    ConfigStore(config).save(default_config())
    loaded = loaded_by(CLI_DRIVER, "--config", str(config), *words, home=tmp_path)
    assert "panel" in loaded  # the driver really ran the command line
    assert "PySide6" not in loaded
    assert "shiboken6" not in loaded


@pytest.mark.parametrize("words", [["--version"], ["list"]])
def test_version_and_list_load_no_http_client_and_no_numpy(
    tmp_path: Path, words: list[str]
) -> None:
    config = tmp_path / "config.toml"
    ConfigStore(config).save(default_config())
    loaded = loaded_by(CLI_DRIVER, "--config", str(config), *words, home=tmp_path)
    assert loaded & HEAVY == set()


def test_the_window_module_loads_no_tab_and_no_http_client(tmp_path: Path) -> None:
    code = (
        "import sys\nimport panel.ui.app\n"
        'print("LOADED", " ".join(sorted({m.split(".")[0] for m in sys.modules})))\n'
    )
    loaded = loaded_by(code, home=tmp_path)
    assert "PySide6" in loaded  # it did import the window
    assert loaded & HEAVY == set()


# The window's first paint, then its deferred start-up: the modules loaded at each.
FIRST_PAINT_DRIVER = """
import sys
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

def loaded():
    return " ".join(sorted(sys.modules))

class Hook(QObject):
    def eventFilter(self, window, event):
        if event.type() == QEvent.Type.Paint:
            window.removeEventFilter(self)
            print("PAINTED", loaded(), flush=True)
            window.startupFinished.connect(self.started)
        return False

    def started(self):
        print("STARTED", loaded(), flush=True)
        QTimer.singleShot(0, QApplication.instance().quit)

app = QApplication(sys.argv[:1])
hook = Hook()
show = QMainWindow.show
QMainWindow.show = lambda window: (window.installEventFilter(hook), show(window))
from panel.core.config.store import ConfigStore
from panel.ui.app import run_gui
run_gui(ConfigStore(Path(sys.argv[1])))
"""

# What the window creates right after its first paint, and the modules that come with it.
AFTER_FIRST_PAINT = {
    "panel.core.servers.supervisor",
    "panel.core.servers.preflight",
    "panel.core.servers.containers",
    "panel.core.gpu.sampler",
    "panel.core.models.memory_fit",
    "panel.ui.log.view",
    "panel.ui.window.server_hub",
    "panel.ui.window.live_figures",
}

# Not needed for the first paint, and measurable before it (bench/cold_start.py): the
# single-instance claim without QtNetwork and hashlib, resources found without
# importlib.resources, no config writer, no engine adapter for the list's rows.
NOT_BEFORE_FIRST_PAINT = {
    "PySide6.QtNetwork",
    "hashlib",
    "importlib.resources",
    "platformdirs",
    "tomli_w",
    "panel.core.engines",
}


def test_the_window_paints_before_the_hub_the_checks_and_the_log_load(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    ConfigStore(config).save(default_config())
    env = dict(
        os.environ,
        XDG_CONFIG_HOME=str(tmp_path),
        XDG_DATA_HOME=str(tmp_path),
        QT_QPA_PLATFORM="offscreen",
    )
    done = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT_DRIVER, str(config)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    lines = {line.split()[0]: set(line.split()[1:]) for line in done.stdout.splitlines()}
    assert "PAINTED" in lines, done.stderr
    assert "panel.ui.window.main_window" in lines["PAINTED"]  # the real window painted
    assert lines["PAINTED"] & AFTER_FIRST_PAINT == set()
    assert lines["PAINTED"] & NOT_BEFORE_FIRST_PAINT == set()
    assert {name.split(".")[0] for name in lines["PAINTED"]} & HEAVY == set()
    # And they do come, right after it, without anyone opening anything.
    assert "STARTED" in lines, done.stderr
    assert lines["STARTED"] >= AFTER_FIRST_PAINT


def test_tabs_are_built_when_first_opened(qtbot: QtBot, make_window: Window) -> None:
    window = make_window(default_profiles())
    assert window.lazy_tabs.built_widget("gpu") is None
    assert window.lazy_tabs.built_widget("models") is None
    bar = window.tabs.tabBar()
    index = [window.tabs.tabText(i) for i in range(window.tabs.count())].index("GPU memory")
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    qtbot.waitUntil(lambda: window.lazy_tabs.built_widget("gpu") is not None, timeout=5000)
    panel = window.lazy_tabs.built_widget("gpu")
    assert window.tabs.currentWidget() is panel
    assert window.gpu_panel is panel  # the accessor hands out the same widget
    assert window.tabs.tabText(window.tabs.indexOf(panel)) == "GPU memory"
    assert window.tabs.count() == 6  # swapped in, not added
    assert window.lazy_tabs.built_widget("models") is None  # the others still wait


def test_a_shortcut_builds_its_tab_and_shows_it(qtbot: QtBot, make_window: Window) -> None:
    window = make_window(default_profiles())
    assert window.lazy_tabs.built_widget("models") is None
    press(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.lazy_tabs.built_widget("models") is not None, timeout=5000)
    assert window.tabs.currentWidget() is window.models_view
    # And back: the log tab, built from the start, is where it was.
    press(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.log_view, timeout=5000)
    assert window.tabs.indexOf(window.log_view) == 0
