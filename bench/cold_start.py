"""Cold start: launch → first painted main window, against a bare PySide6 window.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/cold_start.py [--runs 10]

Each run is a fresh process. The parent's clock starts just before it spawns the child
and stops when the child reports (on stdout) the first paint event of its main window;
the child also reports its peak RSS at that moment (``ru_maxrss``), before any tab but
the first is opened. Rows, measured alternately in this one run so a busy machine slows
them alike:

* ``bare window``: ``QApplication`` + ``QMainWindow`` + ``QLabel`` (the baseline);
* ``panel window``: the panel's own ``run_gui`` on a config with the default catalog
  (with ``--before DIR``, that of another source tree too, e.g. the previous commit's);
* ``python -c pass`` and ``inference-panel --version | list | doctor``: the command line,
  which must never import Qt (checked here too: the child lists the modules it loaded).

The first paint is seen by an event filter on the main window, installed by its
``show()`` (``--hook app``: on the whole application, as this bench's first version did;
see ``_PAINT_HOOK`` for why that weighs on the panel more than on the bare window).

Goals (issue 15): the window ≤ 1.3× the bare window's median, ≤ 100 MB peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

GOAL_RATIO = 1.3
GOAL_RSS_MB = 100

# The child's half: a paint filter that reports the main window's first paint, then quits.
# Shared by the bare window and the panel, so both pay the same. ``window`` (the default)
# watches the main window alone, from its show(); ``app`` watches every object of the
# application, as the first version of this bench did: PySide6 then wraps every Qt object
# and event the filter is handed (each class's first wrap builds its Python enums), a cost
# a user never pays and that grows with the number of distinct widget classes, so it
# weighs on the panel (about 150 enums) far more than on the bare window.
_PAINT_HOOK = """
import resource, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

HOOK = sys.argv.pop(1)

class FirstPaint(QObject):
    done = False
    def eventFilter(self, obj, event):
        if not self.done and event.type() == QEvent.Type.Paint and obj.isWidgetType():
            if isinstance(obj.window(), QMainWindow) and obj.window().isVisible():
                self.done = True
                rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                print(f"painted {rss:.1f} {int('PySide6.QtCore' in sys.modules)}", flush=True)
                QTimer.singleShot(0, QApplication.instance().quit)
        return False

app = QApplication(sys.argv[:1])
hook = FirstPaint()
if HOOK == "app":
    app.installEventFilter(hook)
else:
    _show = QMainWindow.show

    def show(self):
        self.installEventFilter(hook)  # the window paints before its children
        _show(self)

    QMainWindow.show = show
"""

BARE = (
    _PAINT_HOOK
    + """
from PySide6.QtWidgets import QLabel
window = QMainWindow()
window.setCentralWidget(QLabel("Inference Panel"))
window.resize(1200, 760)
window.show()
app.exec()
"""
)

# The floor: the same kinds of widgets as the panel's first window (menu bar, a toolbar
# with the style's icons, a list, tabs, a header, a status bar), built by a short script
# with no module of ours. What this row costs over the bare window is what any such
# window pays in PySide6 (each Qt class's Python enums are built at its first use: the
# ``Qt`` namespace alone takes about 15 ms here), not what the panel's own code adds.
SAME_WIDGETS = (
    _PAINT_HOOK
    + """
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QLabel, QListView, QSplitter, QStyle, QTabWidget, QToolBar,
    QVBoxLayout, QWidget)
window = QMainWindow()
window.setWindowTitle("Inference Panel")
style = window.style()
icons = [QStyle.StandardPixmap.SP_MediaPlay, QStyle.StandardPixmap.SP_MediaStop,
         QStyle.StandardPixmap.SP_BrowserReload, QStyle.StandardPixmap.SP_FileIcon]
toolbar = QToolBar("Servers")
toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
window.addToolBar(toolbar)
for menu_name in ("&Server", "&Profile", "&View", "&Help"):
    menu = window.menuBar().addMenu(menu_name)
    for i in range(5):
        act = QAction(f"{menu_name} {i}", window)
        act.setShortcut(QKeySequence(f"Ctrl+{i}"))
        menu.addAction(act)
for i, pixmap in enumerate(icons):
    toolbar.addAction(QAction(style.standardIcon(pixmap), f"Action {i}", window))
model = QStandardItemModel()
for name in ("Qwen2.5-VL (llama.cpp)", "whisper tiny", "vLLM Qwen", "whisper-small vLLM"):
    item = QStandardItem(name)
    item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    model.appendRow(item)
view = QListView()
view.setModel(model)
tabs = QTabWidget()
for name in ("Log", "Chat", "Transcribe", "GPU", "Models", "Router"):
    tabs.addTab(QLabel(name, alignment=Qt.AlignmentFlag.AlignCenter), name)
right = QWidget()
layout = QVBoxLayout(right)
layout.addWidget(QLabel("<b>Qwen2.5-VL</b> stopped"))
layout.addWidget(tabs)
splitter = QSplitter()
splitter.addWidget(view)
splitter.addWidget(right)
window.setCentralWidget(splitter)
window.statusBar().showMessage("Ready")
window.resize(1200, 760)
window.show()
app.exec()
"""
)

PANEL = (
    _PAINT_HOOK
    + """
from panel.core.config.store import ConfigStore
from panel.ui.app import run_gui
from pathlib import Path
run_gui(ConfigStore(Path(sys.argv[1])))
"""
)

# A command-line child: run the CLI's main, then say whether Qt was loaded.
CLI = """
import sys
from panel.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
qt = sorted(m for m in sys.modules if m.startswith("PySide6"))
print("QT_LOADED" if qt else "QT_FREE", file=sys.stderr)
"""


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Settings, data and single-instance sockets of this run only.
    env["XDG_CONFIG_HOME"] = str(home / "config")
    env["XDG_DATA_HOME"] = str(home / "data")
    env["XDG_CACHE_HOME"] = str(home / "cache")
    env["XDG_RUNTIME_DIR"] = str(home / "run")
    (home / "run").mkdir(mode=0o700, exist_ok=True)
    env["PYTHONPATH"] = str(ROOT)
    # Bytecode written and reused, as after an install, but kept out of the source tree.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
    return env


def time_window(
    script: str, args: list[str], env: dict[str, str], hook: str = "window", root: Path = ROOT
) -> tuple[float, float]:
    """Seconds from spawn to first paint, and the child's peak RSS in MB then; the
    panel's modules come from the tree at ``root``."""
    t0 = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", script, hook, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # the offscreen platform's warnings
        text=True,
        env=dict(env, PYTHONPATH=str(root)),
        cwd=root,  # `python -c` looks in the working directory first
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - t0
    child.stdout.read()
    child.wait(timeout=60)
    if not line.startswith("painted"):
        raise SystemExit(f"the child never painted (exit {child.returncode})")
    _word, rss, _qt = line.split()
    return elapsed, float(rss)


def time_cli(args: list[str], env: dict[str, str]) -> tuple[float, bool]:
    """Seconds for one command-line run, and whether it imported Qt."""
    t0 = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CLI, *args], capture_output=True, text=True, env=env, cwd=ROOT
    )
    elapsed = time.perf_counter() - t0
    return elapsed, "QT_LOADED" in done.stderr


def time_pass(env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True, env=env)
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    parser.add_argument(
        "--before",
        type=Path,
        metavar="DIR",
        help="also time the panel of another source tree (e.g. `git archive REV | tar -x "
        "-C DIR`), alternately with the others: before and after in one run",
    )
    parser.add_argument(
        "--hook",
        choices=("window", "app"),
        default="window",
        help="watch the main window (default) or every object of the application for "
        "the first paint (the first version of this bench; see _PAINT_HOOK)",
    )
    args = parser.parse_args(argv)

    from panel.core.config.store import ConfigStore, default_config

    home = Path(tempfile.mkdtemp(prefix="cold-start-"))
    env = _env(home)
    config = home / "config.toml"
    ConfigStore(config).save(default_config())

    before_root = args.before.resolve() if args.before else None
    # One untimed run each: .pyc files written, shared libraries in the page cache.
    time_window(BARE, [], env, args.hook)
    time_window(SAME_WIDGETS, [], env, args.hook)
    time_window(PANEL, [str(config)], env, args.hook)
    if before_root is not None:
        time_window(PANEL, [str(config)], env, args.hook, before_root)

    bare: list[float] = []
    bare_rss: list[float] = []
    floor: list[float] = []
    panel: list[float] = []
    panel_rss: list[float] = []
    before: list[float] = []
    before_rss: list[float] = []
    for _ in range(args.runs):
        t, rss = time_window(BARE, [], env, args.hook)
        bare.append(t)
        bare_rss.append(rss)
        floor.append(time_window(SAME_WIDGETS, [], env, args.hook)[0])
        t, rss = time_window(PANEL, [str(config)], env, args.hook)
        panel.append(t)
        panel_rss.append(rss)
        if before_root is not None:
            t, rss = time_window(PANEL, [str(config)], env, args.hook, before_root)
            before.append(t)
            before_rss.append(rss)

    cli_rows: dict[str, list[float]] = {"python -c pass": []}
    qt_loaded: dict[str, bool] = {}
    commands = {"--version": ["--version"], "list": ["--config", str(config), "list"],
                "doctor": ["--config", str(config), "doctor"]}  # fmt: skip
    for name in commands:
        cli_rows[f"inference-panel {name}"] = []
    time_cli(["--version"], env)
    for _ in range(args.runs):
        cli_rows["python -c pass"].append(time_pass(env))
        for name, words in commands.items():
            t, qt = time_cli(words, env)
            cli_rows[f"inference-panel {name}"].append(t)
            qt_loaded[name] = qt_loaded.get(name, False) or qt

    med = statistics.median
    ratio = med(panel) / med(bare)
    peak = max(panel_rss)
    print(
        f"cold start, median of {args.runs} alternating runs "
        f"(QT_QPA_PLATFORM={env['QT_QPA_PLATFORM']}, {os.cpu_count()} cores, "
        f"paint hook on the {args.hook})"
    )
    print(f"{'row':34} {'median s':>9} {'min s':>7} {'× baseline':>10} {'peak RSS MB':>12}")
    print(f"{'bare QMainWindow + QLabel':34} {med(bare):>9.3f} {min(bare):>7.3f} "
          f"{1.0:>10.2f} {max(bare_rss):>12.0f}")  # fmt: skip
    print(f"{'same widgets, no panel code (floor)':34} {med(floor):>9.3f} {min(floor):>7.3f} "
          f"{med(floor) / med(bare):>10.2f}")  # fmt: skip
    if before:
        print(f"{'  the same, --before tree':34} {med(before):>9.3f} {min(before):>7.3f} "
              f"{med(before) / med(bare):>10.2f} {max(before_rss):>12.0f}")  # fmt: skip
    print(f"{'panel main window (run_gui)':34} {med(panel):>9.3f} {min(panel):>7.3f} "
          f"{ratio:>10.2f} {peak:>12.0f}")  # fmt: skip
    print(f"{'  the panel over the floor':34} {'':>9} {'':>7} {med(panel) / med(floor):>10.2f}")
    base = med(cli_rows["python -c pass"])
    for name, times in cli_rows.items():
        name_qt = name.removeprefix("inference-panel ")
        qt = "" if name == "python -c pass" else ("  imports Qt!" if qt_loaded[name_qt] else "")
        print(f"{name:34} {med(times):>9.3f} {min(times):>7.3f} {med(times) / base:>10.2f}{qt}")
    met = ratio <= GOAL_RATIO and peak <= GOAL_RSS_MB
    print(
        f"\ngoal: window ≤ {GOAL_RATIO}× bare and ≤ {GOAL_RSS_MB} MB: "
        f"{'met' if met else 'NOT met'} ({ratio:.2f}×, {peak:.0f} MB); "
        f"CLI Qt-free: {'yes' if not any(qt_loaded.values()) else 'NO'}"
    )
    if args.json:
        rows = {
            "bare": bare,
            "floor": floor,
            "panel": panel,
            "panel_rss": panel_rss,
            "before": before,
        }
        print(json.dumps({**rows, **cli_rows}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
