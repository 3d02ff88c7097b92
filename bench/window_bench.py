"""What the window benchmarks share (bench/idle_window.py, bench/metrics_cost.py): the
repository on ``sys.path``, Qt offscreen unless told otherwise, time spent in the event
loop, the window's CPU as a share of one core, and the main window opened and closed
as a user has it (1280×780, a config of its own)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from panel.core.config.store import Config, ConfigStore  # noqa: E402
from panel.core.gpu.sampler import GpuSampler  # noqa: E402
from panel.ui.window.main_window import MainWindow  # noqa: E402


def run_for(seconds: float) -> None:
    """Let the event loop run (timers, paints, workers' results) for ``seconds``."""
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def cpu_percent(seconds: float) -> float:
    """This process's CPU time (all threads) over ``seconds`` of event loop, in % of a core."""
    cpu0, t0 = time.process_time(), time.perf_counter()
    run_for(seconds)
    return (time.process_time() - cpu0) / (time.perf_counter() - t0) * 100


def open_window(path: Path, config: Config, sampler: GpuSampler, **options: Any) -> MainWindow:
    """The main window on ``config`` (saved at ``path`` first), shown; needs a QApplication."""
    store = ConfigStore(path)
    store.save(config)
    window = MainWindow(store, config=store.load(), sampler=sampler, **options)
    window.resize(1280, 780)
    window.show()
    return window


def close_window(window: MainWindow, app: QApplication) -> None:
    """Close for good (not to the tray) and let the close run."""
    window._quitting = True
    window.close()
    app.processEvents()
