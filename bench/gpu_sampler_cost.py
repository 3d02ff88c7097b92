"""What GPU monitoring costs while it runs: CPU time of this process over wall time.

    .venv/bin/python bench/gpu_sampler_cost.py [--seconds N] [--gpus 4] [--hz 4]

A :class:`GpuSampler` at 4 Hz reads a FakeNvml with 4 GPUs and 10 GPU processes, six of
them real processes in three "server" trees (a root and a worker each), so attributing
memory to servers goes through psutil as in the app. Each row runs for ``--seconds`` and
reports the process CPU time consumed (``time.process_time``, all threads) over the wall
time, as a percentage of one core:

* ``Qt event loop, nothing shown``: the floor, an idle QApplication;
* ``sampler alone``: the Qt-free sampler thread with a counting subscriber (goal: at most
  0.5 % of one core);
* ``sampler + attribution``: plus summing memory over each server's process tree, the
  work the panel does on the sampler thread;
* ``GpuPanel shown, <window>``: the whole panel offscreen, repainting at every sample
  (4 Hz); the ``1 Hz repaint`` row repaints as the main window's GPU tab does
  (``min_repaint_interval=1.0``);
* ``GpuPanel hidden``: built and fed as in the window, but not on screen (goal: no
  repaint, the sampler's cost only).

Each panel row starts with an empty history, so a 1-minute row of ``--seconds 15``
measures graphs a quarter full; ``--fill`` lets the minute fill first (61 s more per
1-minute row) and measures the steady state.

The last column is each row over ``sampler alone`` in the same run (issue 15's goal for
the tab shown at 4 Hz with the 1-minute window: at most 1 % of one core).

The fake's values change on every snapshot so the graphs really move. A real NVML adds
the driver's own time per call (a few tens of microseconds each), not measured here.
"""

from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from panel.core.gpu.nvml import GpuSnapshot, Nvml  # noqa: E402
from panel.core.gpu.sampler import GpuSampler  # noqa: E402
from tests.fakes.fake_nvml import FakeGpu, FakeNvml, FakeProcess, GiB, MiB  # noqa: E402
from tests.fakes.process_tree import TREE_SCRIPT  # noqa: E402

GOAL_PERCENT = 0.5
SHOWN_GOAL_PERCENT = 1.0  # issue 15


@dataclass
class Row:
    name: str
    wall: float
    cpu: float
    snapshots: int
    repaints: int | None = None

    @property
    def percent(self) -> float:
        return 100.0 * self.cpu / self.wall if self.wall > 0 else math.nan


class ServerTrees:
    """Three real process trees (root + worker) standing in for inference servers."""

    def __init__(self, count: int = 3) -> None:
        self.processes: list[subprocess.Popen[str]] = []
        self.workers: list[int] = []
        for _ in range(count):
            process = subprocess.Popen(
                [sys.executable, "-c", TREE_SCRIPT],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            assert process.stdout is not None
            self.processes.append(process)
            self.workers.append(int(process.stdout.readline()))

    @property
    def roots(self) -> dict[str, int]:
        names = ("llama-3.1-8b", "vllm-qwen", "whisper")
        return {name: process.pid for name, process in zip(names, self.processes, strict=True)}

    def close(self) -> None:
        for process in self.processes:
            assert process.stdin is not None and process.stdout is not None
            process.stdin.close()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            process.stdout.close()


def make_fake(gpus: int, trees: ServerTrees) -> tuple[FakeNvml, Callable[[], float]]:
    """A FakeNvml with ~10 GPU processes, and an NVML clock that moves the figures."""
    fake = FakeNvml(
        [
            FakeGpu(name="NVIDIA H100 80GB HBM3", uuid=f"GPU-{i}", memory_total=80 * GiB)
            for i in range(gpus)
        ]
    )
    real = [pid for pair in zip(trees.roots.values(), trees.workers, strict=True) for pid in pair]
    absent = [4_000_000 + i for i in range(4)]  # other programs' pids: not ours, not there
    pids = real + absent
    placement = [pids[i::gpus] for i in range(gpus)]
    tick = [0]

    def clock() -> float:
        # Nvml.snapshot() reads the clock once per pass: move the figures there.
        n = tick[0] = tick[0] + 1
        for index, gpu in enumerate(fake.gpus):
            wave = 0.5 + 0.5 * math.sin(n / 12 + index)
            gpu.compute_processes = [
                FakeProcess(pid, int((2 + 6 * wave + k) * GiB))
                for k, pid in enumerate(placement[index])
            ]
            gpu.memory_used = sum(p.used_gpu_memory or 0 for p in gpu.compute_processes)
            gpu.memory_used += 700 * MiB
            gpu.utilization_gpu = int(100 * wave)
        return time.monotonic()

    return fake, clock


def measure(name: str, seconds: float, run: Callable[[float], tuple[int, int | None]]) -> Row:
    cpu0, wall0 = time.process_time(), time.perf_counter()
    snapshots, repaints = run(seconds)
    return Row(name, time.perf_counter() - wall0, time.process_time() - cpu0, snapshots, repaints)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="per row (default 20)")
    parser.add_argument("--gpus", type=int, default=4)
    parser.add_argument("--hz", type=float, default=4.0, help="sampling rate (default 4)")
    parser.add_argument(
        "--fill",
        action="store_true",
        help="let the 1 min window fill (61 s) before measuring its rows: the steady state",
    )
    args = parser.parse_args(argv)

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from panel.core.gpu.attribution import ServerAttribution
    from panel.ui.gpu.panel import GpuPanel

    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841  # must exist

    def spin(seconds: float) -> None:
        loop = QEventLoop()
        QTimer.singleShot(round(seconds * 1000), loop.quit)
        loop.exec()

    trees = ServerTrees()
    rows: list[Row] = []
    first_show: dict[str, float] = {}
    try:
        fake, clock = make_fake(args.gpus, trees)
        sampler = GpuSampler(Nvml(fake, load_file=None, clock=clock), interval=1 / args.hz)

        def idle(seconds: float) -> tuple[int, int | None]:
            spin(seconds)
            return 0, None

        def sampler_only(seconds: float, attribute: bool = False) -> tuple[int, int | None]:
            count = [0]
            # What the panel's feed runs on the sampler thread for every snapshot.
            attribution = ServerAttribution()
            attribution.set_servers(trees.roots)

            def subscriber(snapshot: GpuSnapshot) -> None:
                count[0] += 1
                if attribute:
                    attribution(snapshot)

            sampler.subscribe(subscriber)
            spin(seconds)
            sampler.unsubscribe(subscriber)
            return count[0], None

        rows.append(measure("Qt event loop, nothing shown", args.seconds, idle))
        rows.append(measure("sampler alone", args.seconds, sampler_only))
        rows.append(
            measure(
                "sampler + attribution (psutil)",
                args.seconds,
                lambda seconds: sampler_only(seconds, attribute=True),
            )
        )

        for window, label, repaint in (
            (60, "1 min", 0.25),
            (3600, "1 h", 0.25),
            (60, "1 min, 1 Hz repaint", 1.0),
        ):
            # Steady state only: build, show and first paint happen before measuring.
            cpu0 = time.process_time()
            panel = GpuPanel(sampler, min_repaint_interval=repaint)
            panel.set_servers(trees.roots)
            panel.set_window_seconds(window)
            panel.resize(1000, 1300)  # four cards, all in view
            panel.show()
            spin(1.0)
            while not panel.cards():  # built at the first repaint with data
                spin(0.1)
            first_show[label] = time.process_time() - cpu0
            if args.fill and window == 60:
                spin(61.0)  # a full minute on the graphs, as after the first minute

            def shown(seconds: float, panel: GpuPanel = panel) -> tuple[int, int | None]:
                count = [0]

                def counter(snapshot: GpuSnapshot) -> None:
                    count[0] += 1

                sampler.subscribe(counter)
                repaints = panel.render_count()
                spin(seconds)
                sampler.unsubscribe(counter)
                return count[0], panel.render_count() - repaints

            rows.append(measure(f"GpuPanel shown, {label} window", args.seconds, shown))
            if repaint == 1.0:
                # As the window keeps it when a server runs and another tab is shown.
                panel.set_sampling_while_hidden(True)
                panel.hide()
                rows.append(measure("GpuPanel hidden, sampling", args.seconds, shown))
            panel.hide()
            panel.deleteLater()
            spin(0.05)
        sampler.stop()
    finally:
        trees.close()

    print(
        f"\nGPU sampling cost: {args.gpus} GPUs, 10 GPU processes (6 in 3 real process "
        f"trees), {args.hz:g} Hz, {args.seconds:g} s per row"
        f"{', 1 min window full (--fill)' if args.fill else ''}, FakeNvml, "
        f"QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM')}"
    )
    header = (
        f"{'row':42} {'snapshots':>9} {'repaints':>8} {'CPU s':>7} "
        f"{'CPU % of one core':>18} {'ms CPU/snapshot':>16} {'x sampler alone':>16}"
    )
    print(header)
    print("-" * len(header))
    alone = next(row for row in rows if row.name == "sampler alone")
    for row in rows:
        per = 1000 * row.cpu / row.snapshots if row.snapshots else math.nan
        repaints = "" if row.repaints is None else str(row.repaints)
        ratio = row.percent / alone.percent if alone.percent > 0 else math.nan
        print(
            f"{row.name:42} {row.snapshots:>9} {repaints:>8} {row.cpu:>7.3f} "
            f"{row.percent:>17.2f}% {per:>16.3f} {ratio:>16.1f}"
        )
    for label, cpu in first_show.items():
        print(f"(first show + 1 s, {label} window: {cpu:.3f} s CPU; not in the rows)")
    verdict = "met" if alone.percent <= GOAL_PERCENT else "NOT met"
    print(
        f"\ngoal: sampler alone <= {GOAL_PERCENT} % of one core: {verdict} ({alone.percent:.2f} %)"
    )
    shown = next(row for row in rows if row.name == "GpuPanel shown, 1 min window")
    verdict = "met" if shown.percent <= SHOWN_GOAL_PERCENT else "NOT met"
    print(
        f"goal: GPU tab shown, 1 min window, 4 Hz <= {SHOWN_GOAL_PERCENT} % of one core: "
        f"{verdict} ({shown.percent:.2f} %)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
