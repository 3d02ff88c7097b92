"""CPU and memory of an idle main window with the GPU graphs on screen.

usage: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/idle_window.py [--seconds 60]

Goal (issue 3): at most 1 % of one core and 200 MB RSS over 60 s. The window shows the
GPU tab fed by the simulated NVML of tests/fakes (2 GPUs, 4 Hz sampling), since this
machine has no GPU; a second row measures the log tab, where nothing repaints. The
other tabs are built when first opened (issue 15): the RSS before the GPU tab is shown
is printed first.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
from pathlib import Path

import psutil
from PySide6.QtWidgets import QApplication
from window_bench import close_window, cpu_percent, open_window, run_for  # the repo on sys.path

from panel.core.config.store import default_config
from panel.core.gpu.nvml import Nvml
from panel.core.gpu.sampler import GpuSampler
from panel.ui.window.main_window import MainWindow
from tests.fakes.fake_nvml import FakeGpu, FakeNvml, GiB


def measure(window: MainWindow, tab: str, seconds: float) -> tuple[float, float, float]:
    (window.show_gpu if tab == "gpu" else window.show_log)()
    run_for(2)  # settle: first paint, first samples
    cpu = cpu_percent(seconds)
    rss = psutil.Process().memory_info().rss / 2**20
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return cpu, rss, peak


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    os.environ["XDG_CONFIG_HOME"] = str(tmp)
    app = QApplication(sys.argv)
    gpus = [FakeGpu(memory_total=80 * GiB, memory_used=20 * GiB, utilization_gpu=30),
            FakeGpu(uuid="GPU-1", memory_total=80 * GiB, memory_used=5 * GiB)]  # fmt: skip
    sampler = GpuSampler(Nvml(FakeNvml(gpus)))
    window = open_window(tmp / "config.toml", default_config(), sampler)
    run_for(1)
    first = psutil.Process().memory_info().rss / 2**20
    print(f"idle window, {args.seconds:g} s per row ({os.environ['QT_QPA_PLATFORM']})")
    print(f"RSS shown, before any tab but the log is opened: {first:.0f} MB (goal <= 100)")
    print(f"{'tab shown':28} {'CPU % of one core':>18} {'RSS MB':>8} {'peak RSS MB':>12}")
    for tab, label in (("gpu", "GPU graphs (2 GPUs, 4 Hz)"), ("log", "log (no server running)")):
        cpu, rss, peak = measure(window, tab, args.seconds)
        print(f"{label:28} {cpu:>18.2f} {rss:>8.0f} {peak:>12.0f}")
    close_window(window, app)


if __name__ == "__main__":
    main()
