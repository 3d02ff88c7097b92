"""The log firehose: a server printing lines as fast as it can, while the log view is shown.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/log_firehose.py [--lines N]

The child is ``tests/fakes/script_server.py --flood N`` run through the real supervisor
path (a CUSTOM profile in a :class:`ServerProcess`: guard process, pipe, reader thread,
line splitter, log buffer). The GUI learns of new lines through the app's own
:class:`panel.ui.window.server_hub.ServerHub` (a per-server notice, at most one in flight) and
pulls them from the server's ``LogBuffer``; no line crosses threads otherwise. Rows:

* ``cat file``: ``cat`` of the same bytes from a file to /dev/null (the floor);
* ``child > /dev/null`` and ``child | cat``: the flooding code alone, timed inside the
  child, writing to /dev/null and into a pipe drained by ``cat``: the honest baseline
  for "as fast as the producer can go";
* ``supervisor only``: the supervisor path with a counting listener and no Qt at all;
* ``LogView``: the supervisor path into :class:`panel.ui.log.LogView`;
* ``naive``: the same notices, each pulling every new line into a plain QPlainTextEdit,
  one ``appendPlainText`` per line
  (capped at ``--naive-cap`` lines and extrapolated linearly to N; said in the table).

Each measured run happens in a fresh interpreter so that its peak RSS is its own. Wall
time is from the first flood line read to the last one shown; stall is how late the loop
was for every tick a 10 ms QTimer should have fired while the flood lasts, the ticks a
frozen loop never fired included (see :func:`lateness_ms`); RSS growth is the peak over
the RSS before the start. Each run gets a fresh data folder, and the flood lines found in
its run logs are printed against the lines the child printed (they must be equal).
"""

from __future__ import annotations

import argparse
import bisect
import gc
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tests" / "fakes" / "script_server.py"
sys.path.insert(0, str(ROOT))

GOAL_RATIO = 3.0
GOAL_STALL_P99_MS = 30.0
GOAL_RSS_MB = 60.0

# The child's flood, timed inside the child: what the producer costs by itself.
CHILD = """
import sys, time
sys.path.insert(0, {fakes!r})
from script_server import Out, flood
started = time.perf_counter()
flood(Out(1, False), {n})
sys.stderr.write(repr(time.perf_counter() - started))
"""


# -- baselines -------------------------------------------------------------------------
def child_code(n: int) -> str:
    return CHILD.format(fakes=str(SCRIPT.parent), n=n)


def time_cat(path: str) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run(["cat", path], stdout=subprocess.DEVNULL, check=True)
        best = min(best, time.perf_counter() - started)
    return best


def time_child(n: int, through_cat: bool) -> float:
    argv = [sys.executable, "-c", child_code(n)]
    if not through_cat:
        done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True)
        return float(done.stderr)
    child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout is not None
    cat = subprocess.Popen(["cat"], stdin=child.stdout, stdout=subprocess.DEVNULL)
    child.stdout.close()
    _, err = child.communicate()
    cat.wait()
    return float(err)


def write_flood(path: str, n: int) -> int:
    sys.path.insert(0, str(SCRIPT.parent))
    from script_server import Out, flood  # the very code the child runs

    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        flood(Out(fd, False), n)
    finally:
        os.close(fd)
    return os.path.getsize(path)


# -- one measured run (in its own interpreter) -----------------------------------------
TICK_S = 0.010


def lateness_ms(ticks: list[float], start: float, end: float) -> list[float]:
    """How late the loop was for every tick it should have fired between start and end.

    A blocked event loop fires no timer at all, so the gaps between the ticks that did
    fire hide a freeze inside one gap. Instead every expected tick (one per TICK_S on the
    timer's schedule from its last tick before ``start``) is matched with the first tick
    that really fired at or after it: a 200 ms freeze counts as twenty late ticks (200, 190, ... 10 ms), not
    as one.
    """
    before = [t for t in ticks if t <= start]
    fired = [t for t in ticks if t > start]
    late: list[float] = []
    # The slots follow the timer's schedule from its last tick before the flood.
    expected = (before[-1] if before else start) + TICK_S
    i = 0
    while expected <= end:
        # Half a tick of slack: a timer that fires a little early is on time, not a
        # whole tick late.
        i = bisect.bisect_left(fired, expected - TICK_S / 2, i)
        actual = fired[i] if i < len(fired) else max(end, expected)
        late.append(max(0.0, actual - expected) * 1000)
        if actual - expected >= TICK_S:
            expected += TICK_S  # inside a freeze: the next slot was missed too
        else:
            expected = actual + TICK_S  # Qt schedules the next tick from this one
    return sorted(late) or [0.0]


def flood_lines_on_disk(profile: str) -> int:
    """The flood's lines in the profile's run logs (the data folder is a fresh one)."""
    try:
        from panel.core.servers.run_log import profile_log_dir
    except ImportError:  # the code before run logs existed (for the "before" numbers)
        return 0
    count = 0
    for path in sorted(profile_log_dir(profile).glob("*.log")):
        with path.open("rb") as f:
            count += sum(1 for line in f if line.startswith(b"flood "))
    return count


def make_server(n: int):  # type: ignore[no-untyped-def]
    from panel.core.config.profiles import Engine, ServerProfile
    from panel.core.servers.ports import pick_free_port
    from panel.core.servers.supervisor import ServerProcess

    profile = ServerProfile(
        name="firehose",
        engine=Engine.CUSTOM,
        executable=sys.executable,
        args=[str(SCRIPT), "--port", "{port}", "--flood", str(n)],
        port=pick_free_port(),
        ready_timeout=120.0,
        stop_grace=2.0,
        env={"PYTHONUNBUFFERED": "1"},
    )
    return ServerProcess(profile)


def rss() -> int:
    import psutil

    return int(psutil.Process().memory_info().rss)


def settle_collector() -> None:
    """Take the set-up's objects out of the garbage collector, as the app does after its
    first paint (``gc.freeze()`` in panel/ui/app.py).

    Without it the flood's allocations trigger the interpreter's first full collection,
    which walks every object the imports made (Qt bindings, the panel): 20-70 ms on this
    machine with the GIL held, once, inside the flood. The first readiness probe's import
    (httpx) belongs to the start-up too: it is done here, before the freeze, as an app
    that has started a server before has done it.
    """
    from panel.core.servers.readiness import make_client

    make_client().close()
    gc.collect()
    gc.freeze()


def run_core(n: int) -> dict[str, float]:
    """The supervisor path alone: what ingestion costs before any GUI."""
    from panel.core.servers.logbuffer import LineChunk

    server = make_server(n)
    done = threading.Event()
    first: list[float] = []
    count = [0]
    peak = [0]

    def on_lines(_server: object, lines: LineChunk) -> None:
        # The chunk's texts, not its LogLines: making a LogLine per line here would
        # measure this listener, not the supervisor (the app's hub reads no line at all).
        texts = lines.texts
        flood = sum(map(str.startswith, texts, itertools.repeat("flood ")))
        if flood:
            if not first:
                first.append(time.perf_counter())
            count[0] += flood
            if texts[-1].startswith("flood done"):
                done.set()

    server.add_line_listener(on_lines)
    base = rss()

    def sample() -> None:
        while not done.wait(0.01):
            peak[0] = max(peak[0], rss())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    server.start()
    if not done.wait(600):
        raise SystemExit("the flood did not finish in 600 s")
    finished = time.perf_counter()
    sampler.join()
    server.stop_and_wait(10)
    return {
        "lines": n,
        "received": count[0] - 1,
        "wall": finished - first[0],
        "rss_mb": (max(peak[0], rss()) - base) / 2**20,
        "on_disk": flood_lines_on_disk("firehose"),
    }


def run_gui(n: int, naive: bool, switch_ms: float | None = None) -> dict[str, float]:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    from panel.core.servers.logbuffer import LineChunk, LogBuffer
    from panel.ui.log import LogView
    from panel.ui.window.server_hub import ServerHub

    if switch_ms is not None:
        sys.setswitchinterval(switch_ms / 1000)
    app = QApplication.instance() or QApplication([])

    class FirstFlood:
        """Notes when the first flood line reaches the supervisor (reader thread)."""

        first: float | None = None

        def on_lines(self, _server: object, lines: LineChunk) -> None:
            if self.first is None and any(t.startswith("flood ") for t in lines.texts):
                self.first = time.perf_counter()

    shown_at: list[float] = []
    ticks: list[float] = []
    peak = [0]

    hub = ServerHub()
    server = hub.server(make_server(n).profile)
    on_notice: Callable[[], None]
    widget: QPlainTextEdit | LogView
    if naive:
        edit = QPlainTextEdit()
        edit.setReadOnly(True)
        edit.setUndoRedoEnabled(False)
        edit.setMaximumBlockCount(20_000)
        widget = edit
        seen = [0]

        def naive_pull() -> None:
            lines = server.log.since(seen[0]).lines
            if lines:
                seen[0] = lines[-1].seq
            for line in lines:
                edit.appendPlainText(line.text)
            if any(line.text.startswith("flood done") for line in lines):
                shown_at.append(time.perf_counter())

        on_notice = naive_pull
    else:
        view = LogView()
        widget = view
        on_notice = view.new_lines

    # The app's own path: reader threads -> one notice per server in flight -> a pull.
    hub.linesAvailable.connect(lambda _name: on_notice())
    relay = FirstFlood()
    widget.resize(1000, 600)
    widget.show()
    # Warm up: the first CJK glyph loads the Noto CJK font (a one-time ~100-250 ms that
    # belongs to the app's start, not to the firehose).
    warm = LogBuffer()
    warm.append("stdout", [("warm-up 解释图像 error warning", False)])
    if isinstance(widget, LogView):
        widget.set_log(warm)
    else:
        widget.appendPlainText("warm-up 解释图像 error warning")
    for _ in range(5):
        app.processEvents()
    widget.clear()
    if isinstance(widget, LogView):
        widget.set_log(server.log)

    def tick() -> None:
        ticks.append(time.perf_counter())
        # The view emits nothing per flush (see LogView._cursor): look at its last line.
        if (
            not shown_at
            and isinstance(widget, LogView)
            and widget.text_view.document().lastBlock().text().startswith("flood done")
        ):
            shown_at.append(ticks[-1])
        peak[0] = max(peak[0], rss())
        if shown_at:
            app.quit()

    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(10)
    timer.timeout.connect(tick)
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(app.quit)
    guard.start(600_000)

    server.add_line_listener(relay.on_lines)
    base = rss()
    settle_collector()
    timer.start()
    server.start()
    app.exec()
    timer.stop()
    server.stop_and_wait(10)
    if not shown_at or relay.first is None:
        raise SystemExit("the flood did not finish in 600 s")
    start = relay.first
    late_ms = lateness_ms(ticks, start, shown_at[0])
    result = {
        "lines": n,
        "wall": shown_at[0] - start,
        "stall_p50": statistics.median(late_ms),
        "stall_p99": late_ms[min(len(late_ms) - 1, int(len(late_ms) * 0.99))],
        "stall_max": late_ms[-1],
        "rss_mb": (max(peak[0], rss()) - base) / 2**20,
        "on_disk": flood_lines_on_disk("firehose"),
    }
    if isinstance(widget, LogView):
        stats = widget.stats
        result.update(
            received=stats.lines_received,
            inserted=stats.lines_inserted,
            insertions=stats.insertions,
            skipped=stats.lines_skipped,
        )
    return result


# -- the table -------------------------------------------------------------------------
def measure(kind: str, n: int, *extra: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as data:  # a fresh data folder: its run logs only
        done = subprocess.run(
            [sys.executable, __file__, "--run", kind, "--lines", str(n), *extra],
            capture_output=True,
            text=True,
            check=False,
            env={
                **os.environ,
                "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                "XDG_DATA_HOME": data,
            },
        )
    if done.returncode != 0:
        raise SystemExit(f"{kind} run failed:\n{done.stdout}\n{done.stderr}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--naive-cap", type=int, default=100_000)
    parser.add_argument(
        "--switch-ms",
        type=float,
        default=1.0,
        help="GIL switch interval for the second LogView row (Python's default is 5 ms)",
    )
    parser.add_argument("--run", choices=["core", "batched", "naive"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    n = args.lines
    if args.run:
        if args.run == "core":
            result = run_core(n)
        else:
            switch = args.switch_ms if args.switch_ms > 0 else None
            result = run_gui(n, args.run == "naive", switch)
        print(json.dumps(result))
        return

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "flood.txt")
        size = write_flood(path, n)
        cat = time_cat(path)
    own = time_child(n, through_cat=False)
    piped = time_child(n, through_cat=True)
    core = measure("core", n)
    default_gil = measure("batched", n, "--switch-ms", "0")
    short_gil = measure("batched", n, "--switch-ms", str(args.switch_ms))
    naive_n = min(n, args.naive_cap)
    naive = measure("naive", naive_n, "--switch-ms", "0")
    scale = n / naive_n

    print(
        f"\n{n:,} lines, {size / 2**20:.1f} MiB; {os.cpu_count()} CPU cores; "
        f"Qt platform {os.environ.get('QT_QPA_PLATFORM')}; Python {sys.version.split()[0]}\n"
    )
    head = (
        f"{'path':<40}{'wall s':>9}{'lines/s':>12}{'x child|cat':>12}"
        f"{'stall p50 / p99 / max ms':>27}{'RSS +MB':>9}"
    )
    print(head)
    print("-" * len(head))

    def row(name: str, wall: float, extra: str = "", rss_mb: float | None = None) -> None:
        rss_text = "" if rss_mb is None else f"{rss_mb:9.1f}"
        print(f"{name:<40}{wall:9.3f}{n / wall:12,.0f}{wall / piped:12.2f}{extra:>27}{rss_text}")

    def stall(r: dict[str, float]) -> str:
        return f"{r['stall_p50']:.1f} / {r['stall_p99']:.1f} / {r['stall_max']:.0f}"

    row("cat file > /dev/null", cat)
    row("child > /dev/null (in-child time)", own)
    row("child | cat (in-child time)", piped)
    row("supervisor only, no GUI", core["wall"], rss_mb=core["rss_mb"])
    row(
        "LogView, GIL switch 5 ms (default)",
        default_gil["wall"],
        stall(default_gil),
        default_gil["rss_mb"],
    )
    row(
        f"LogView, GIL switch {args.switch_ms:g} ms",
        short_gil["wall"],
        stall(short_gil),
        short_gil["rss_mb"],
    )
    row(
        f"naive appendPlainText{' (extrapolated)' if scale > 1 else ''}",
        naive["wall"] * scale,
        stall(naive),
        naive["rss_mb"],
    )
    if scale > 1:
        print(
            f"naive: measured on {naive_n:,} lines ({naive['wall']:.2f} s) and extrapolated "
            f"linearly to {n:,}; its stall and RSS are from the {naive_n:,}-line run."
        )
    for name, r in (("5 ms", default_gil), (f"{args.switch_ms:g} ms", short_gil)):
        print(
            f"LogView ({name}): {r['received']:,.0f} lines reached the view, "
            f"{r['inserted']:,.0f} were inserted in {r['insertions']:,.0f} insertions, "
            f"{r['skipped']:,.0f} were not shown: a flood's older lines, or lines lost from "
            "the server's buffer before the view pulled them (counted in the view's "
            "'not shown — open full log' notes; the run log has them all)."
        )
    for name, r in (("5 ms", default_gil), (f"{args.switch_ms:g} ms", short_gil)):
        ratio = r["wall"] / piped
        print(
            f"Goals ({name}): wall <= {GOAL_RATIO:g}x child|cat: {ratio:.2f}x "
            f"{'ok' if ratio <= GOAL_RATIO else 'MISSED'}; "
            f"stall p99 <= {GOAL_STALL_P99_MS:g} ms: {r['stall_p99']:.1f} "
            f"{'ok' if r['stall_p99'] <= GOAL_STALL_P99_MS else 'MISSED'}; "
            f"RSS growth <= {GOAL_RSS_MB:g} MB: {r['rss_mb']:.1f} "
            f"{'ok' if r['rss_mb'] <= GOAL_RSS_MB else 'MISSED'}."
        )
    print(
        f"The supervisor path alone is {core['wall'] / piped:.2f}x child|cat: the wall-time "
        "goal is bounded by panel.core's reader, not by the view."
    )
    for name, r in (
        ("supervisor only", core),
        ("LogView 5 ms", default_gil),
        (f"LogView {args.switch_ms:g} ms", short_gil),
    ):
        kept = int(r["on_disk"])
        print(
            f"Lines on disk ({name}): {kept:,} of {n + 1:,} printed "
            f"{'ok' if kept == n + 1 else 'MISSING ' + format(n + 1 - kept, ',')}."
        )
    print(
        "Stall: lateness of every 10 ms tick expected from the first flood line to the last "
        "line shown, missed ticks included (a frozen loop counts once per tick it missed)."
    )


if __name__ == "__main__":
    main()
