"""The soak: start and stop the real llama-server many times in one process; nothing leaks.

usage: .venv/bin/python bench/soak.py [--cycles 1000] [--window-cycles 200] [--warmup 50]
                                      [--engines DIR] [--part supervisor|window]
                                      [--tracemalloc N]

Two parts, each in a fresh process of its own (so one's memory is not the other's):

- ``supervisor``: one profile of the real llama-server (tiny llama, the test engines'
  ``PANEL_TEST_ENGINES`` or resources/engines/setup_test_engines.sh) through the
  supervisor: start, wait for READY, stop, wait for the end; ``--cycles`` times.
- ``window``: the same through the real main window (``QT_QPA_PLATFORM=offscreen``): the
  profile selected in the list, the Start action triggered, READY shown, the Stop action
  triggered, stopped shown; ``--window-cycles`` times.

Measured after ``--warmup`` cycles (the baseline: caches, thread pools and Qt's own
lazily made objects are in place by then) and at the end: open fds, threads (Python's and
the kernel's count, which includes Qt's), children still alive, zombies, RSS as it is and
after ``malloc_trim(0)`` (glibc keeps what threads free in its arenas: raw RSS wanders by
several MB with no leak; the trimmed figure is what the process still holds). Goal: every
count back at its baseline, trimmed RSS growth at most 5 MB.

``--tracemalloc N``: trace Python's allocations from the baseline and print the N places
whose memory grew most by the end: growth that tracemalloc sees is Python objects; RSS
growth beyond it is native (Qt, C libraries).
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import gc
import os
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402

from panel.core.config.profiles import Engine, ServerProfile  # noqa: E402
from panel.core.servers.ports import pick_free_port  # noqa: E402

RSS_GOAL_MB = 5.0


@dataclass(frozen=True)
class Sample:
    cycle: int
    fds: int
    threads: int
    os_threads: int
    children: int
    zombies: int
    rss_mb: float
    trimmed_mb: float

    def line(self) -> str:
        return (
            f"cycle {self.cycle:5}: fds {self.fds:3}  threads {self.threads:2} "
            f"(os {self.os_threads:2})  children {self.children}  zombies {self.zombies}  "
            f"RSS {self.rss_mb:7.2f} MB (trimmed {self.trimmed_mb:7.2f})"
        )


def malloc_trim() -> None:
    """Hand glibc's free heap pages back to the system. Each cycle's threads (log readers,
    the watcher, the readiness probe) allocate in one of up to 8 malloc arenas per core;
    what they free stays in the arena, so raw RSS wanders by several MB with no leak."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def sample(cycle: int) -> Sample:
    gc.collect()
    me = psutil.Process()
    rss = me.memory_info().rss / 2**20
    malloc_trim()
    kids = me.children(recursive=True)
    zombies = 0
    for kid in kids:
        with contextlib.suppress(psutil.NoSuchProcess):
            zombies += kid.status() == psutil.STATUS_ZOMBIE
    return Sample(
        cycle,
        fds=len(os.listdir("/proc/self/fd")),
        threads=threading.active_count(),
        os_threads=me.num_threads(),
        children=len(kids) - zombies,
        zombies=zombies,
        rss_mb=rss,
        trimmed_mb=me.memory_info().rss / 2**20,
    )


def engines_root(given: str | None) -> Path:
    root = given or os.environ.get("PANEL_TEST_ENGINES")
    if root:
        return Path(root)
    from panel.core.demo import run_setup

    return run_setup()


def llama(root: Path) -> ServerProfile:
    return ServerProfile(
        "soak llama", Engine.LLAMA_CPP, executable=str(root / "bin" / "llama-server"),
        model=str(root / "models" / "tiny-llama.gguf"), port=pick_free_port(),
        args=["-c", "512", "-t", "1"], ready_timeout=60.0, stop_grace=5.0,
    )  # fmt: skip


def soak(
    cycle: Callable[[int], None],
    cycles: int,
    warmup: int,
    name: str,
    forget_lines: Callable[[], None] | None = None,
    trace: int = 0,
) -> bool:
    """Run ``cycle`` ``cycles`` times; print samples and the verdict; True when clean.

    ``forget_lines`` (the window's log view, Clear): lines a view keeps by design (up to
    its cap) are not a leak. When given, the verdict compares the memory held after
    Clear at the baseline and at the end; the raw figures are printed too."""
    first = sample(0)
    print(f"[{name}] {first.line()}  (before the first start)", flush=True)
    base: Sample | None = None
    started = time.monotonic()
    timed_from = started
    every = max(1, cycles // 10)
    last = first
    traced: tracemalloc.Snapshot | None = None
    for i in range(1, cycles + 1):
        cycle(i)
        if i == min(warmup, cycles):
            if forget_lines is not None:
                forget_lines()
            base = last = sample(i)
            timed_from = time.monotonic()
            if trace:
                tracemalloc.start(8)
                traced = tracemalloc.take_snapshot()
            print(f"[{name}] {base.line()}  (baseline, after warm-up)", flush=True)
        elif i % every == 0 or i == cycles:
            last = sample(i)
            print(f"[{name}] {last.line()}", flush=True)
    end = last  # sampled once: a second sample would follow the first one's trim
    cleared = None
    if forget_lines is not None:
        forget_lines()
        cleared = sample(cycles)
    if traced is not None:
        gc.collect()
        diff = tracemalloc.take_snapshot().compare_to(traced, "traceback")
        grown = sum(d.size_diff for d in diff)
        print(f"[{name}] Python allocations since the baseline: {grown / 2**20:+.2f} MB")
        for d in diff[:trace]:
            where = " <- ".join(f"{f.filename.split('/')[-1]}:{f.lineno}" for f in d.traceback)
            print(f"[{name}]   {d.size_diff / 1024:+9.1f} KB {d.count_diff:+6} objects  {where}")
        tracemalloc.stop()
    base = base or first
    per_cycle = (time.monotonic() - timed_from) / max(1, cycles - base.cycle)
    growth = end.rss_mb - base.rss_mb
    trimmed = end.trimmed_mb - base.trimmed_mb
    clean = (
        end.fds <= base.fds
        # The kernel's count: Python's also counts a dummy for each Qt pool thread that
        # ran Python code, and Qt retires those after 30 s idle, so it comes and goes.
        and end.os_threads <= base.os_threads
        and end.children == 0
        and end.zombies == 0
        and (cleared.trimmed_mb - base.trimmed_mb if cleared else trimmed) <= RSS_GOAL_MB
    )
    print(
        f"[{name}] {cycles} cycles in {time.monotonic() - started:.0f} s, "
        f"{per_cycle:.3f} s a cycle after warm-up\n"
        f"[{name}] after warm-up (cycle {base.cycle}) -> end (cycle {cycles}): "
        f"fds {base.fds} -> {end.fds}, threads {base.threads} -> {end.threads} "
        f"(os {base.os_threads} -> {end.os_threads}), children {end.children}, "
        f"zombies {end.zombies}, RSS {base.rss_mb:.1f} -> {end.rss_mb:.1f} MB "
        f"({growth:+.2f} MB); after malloc_trim {base.trimmed_mb:.1f} -> {end.trimmed_mb:.1f} MB "
        f"({trimmed:+.2f} MB)\n"
        + (
            f"[{name}] after the log view's Clear (at the baseline too): "
            f"{base.trimmed_mb:.1f} -> {cleared.trimmed_mb:.1f} MB "
            f"({cleared.trimmed_mb - base.trimmed_mb:+.2f} MB)\n"
            if cleared
            else ""
        )
        + f"[{name}] goal: at most {RSS_GOAL_MB:g} MB more held\n"
        f"[{name}] {'CLEAN' if clean else 'LEAK'}",
        flush=True,
    )
    return clean


def supervisor_part(root: Path, cycles: int, warmup: int) -> bool:
    from panel.core.servers.supervisor import Supervisor

    supervisor = Supervisor()
    profile = llama(root)

    def cycle(i: int) -> None:
        server = supervisor.server(profile)
        server.start()
        if not server.wait_ready(60):
            raise SystemExit(f"cycle {i}: not ready: {server.log.texts(20)}")
        outcome = server.stop_and_wait(30)
        if outcome is None or not outcome.requested:
            raise SystemExit(f"cycle {i}: did not stop as asked: {outcome}")

    return soak(cycle, cycles, warmup, "supervisor")


def window_part(root: Path, cycles: int, warmup: int, trace: int = 0) -> bool:
    from PySide6.QtCore import QCoreApplication, QEventLoop, QObject
    from PySide6.QtWidgets import QApplication

    from panel.core.config.store import Config, ConfigStore
    from panel.core.servers.server_state import ServerState
    from panel.ui.window.main_window import MainWindow

    app = QApplication([sys.argv[0]])
    folder = Path(tempfile.mkdtemp(prefix="soak-window-"))
    profile = llama(root)
    store = ConfigStore(folder / "config.toml")
    store.save(Config(profiles=[profile]))
    window = MainWindow(store, config=store.load(), leftover_check=list)
    window.show()

    def until(condition: Callable[[], bool], what: str, timeout: float = 60) -> None:
        # The event loop runs while we wait, as it does for a user.
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise SystemExit(f"timed out waiting for {what}")
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            time.sleep(0.005)

    def state() -> ServerState | None:
        server = window.hub.supervisor.get(profile.name)
        return server.state if server is not None else None

    def clear_log() -> None:
        window.log_view.clear_button.click()  # the log tab's Clear, as a user clears it
        QCoreApplication.processEvents()
        # Native growth that tracemalloc cannot see may be our QObjects piling up (a
        # parented timer or widget per cycle): count them, by class, at both ends.
        kinds = Counter(type(o).__name__ for o in window.findChildren(QObject))
        counts.append(kinds)
        print(
            f"[window] QObjects under the window: {sum(kinds.values())}"
            + (
                f"; more than at the baseline: {dict(kinds - counts[0])}" if len(counts) > 1 else ""
            ),
            flush=True,
        )

    counts: list[Counter[str]] = []

    def cycle(i: int) -> None:
        # A user clicks once the window shows the button enabled, not when the
        # supervisor's thread changes state (the window hears of it a moment later).
        window.select(profile.name)
        until(window.act_start.isEnabled, f"cycle {i}: Start enabled")
        window.act_start.trigger()
        until(lambda: state() is ServerState.READY, f"cycle {i}: READY")
        until(window.act_stop.isEnabled, f"cycle {i}: Stop enabled")
        window.act_stop.trigger()
        until(lambda: state() is ServerState.STOPPED, f"cycle {i}: stopped")

    try:
        return soak(cycle, cycles, warmup, "window", forget_lines=clear_log, trace=trace)
    finally:
        window.hub.supervisor.stop_all(timeout=20)
        window._quitting = True  # no "servers running" question: none runs
        window.close()
        app.processEvents()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cycles", type=int, default=1000, help="through the supervisor")
    parser.add_argument("--window-cycles", type=int, default=200, help="through the window")
    parser.add_argument("--warmup", type=int, default=50, help="cycles before the baseline")
    parser.add_argument("--engines", help="the test engines' folder (PANEL_TEST_ENGINES)")
    parser.add_argument("--part", choices=["supervisor", "window"], help="only this part")
    parser.add_argument(
        "--tracemalloc", type=int, default=0, metavar="N",
        help="the window part: print the N places whose Python memory grew most",
    )  # fmt: skip
    args = parser.parse_args(argv)
    root = engines_root(args.engines)
    if args.part == "supervisor":
        return 0 if supervisor_part(root, args.cycles, args.warmup) else 1
    if args.part == "window":
        return 0 if window_part(root, args.window_cycles, args.warmup, args.tracemalloc) else 1
    print(f"engines: {root}; pid {os.getpid()}", flush=True)
    codes = []
    for part in ("supervisor", "window"):
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            # Not the user's settings, nor the user's run logs.
            "XDG_CONFIG_HOME": tempfile.mkdtemp(prefix="soak-xdg-"),
            "XDG_DATA_HOME": tempfile.mkdtemp(prefix="soak-data-"),
        }
        argv_part = [*argv, "--part", part, "--engines", str(root)]
        codes.append(
            subprocess.run(
                [sys.executable, str(Path(__file__).resolve()), *argv_part], env=env, check=False
            ).returncode
        )
    return max(codes)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
