"""Sixteen servers in the list with their logs flowing: does the window keep up?

usage: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/many_servers.py
       [--servers 16] [--rate 200] [--seconds 10]

The real main window over a config of ``--servers`` profiles, each a real child process:
tests/fakes/script_server.py run through bench/log_pacer.py, which adds ``--rate`` log
lines a second per server (in 50 ms bursts). Every server is started as a user does
(select it in the list, Start), then for ``--seconds`` a 10 ms precise timer ticks on
the GUI thread while the user clicks to the next server in the list every 0.5 s (so the
log view switches to another busy log). The stall is the lateness of every tick due,
missed ticks included (bench/tick_lateness.py); CPU is the whole panel process's
(GUI thread and log readers) over the same seconds.

Two rows, each in a fresh process with its own config and data folders, in the same
run: the same 16 servers with no log flowing (the baseline), and with it flowing.

Goal: stall p99 <= 30 ms with the logs flowing.

The measured seconds run in a local ``QEventLoop``, not ``app.exec()``: since Qt 6,
``QApplication.quit()`` first asks every window to close, and the main window answers a
close with servers running by asking the user (a modal box nobody answers here), so the
bench used to hang there for good with the switch timer still firing. A watchdog
(``faulthandler``) prints every thread's stack and ends a run that still hangs.
"""

from __future__ import annotations

import argparse
import faulthandler
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from tick_lateness import lateness_ms, summary  # noqa: E402

GOAL_STALL_P99_MS = 30.0
TICK_S = 0.010
PACER = Path(__file__).resolve().parent / "log_pacer.py"


def run(servers: int, rate: float, seconds: float) -> dict[str, float]:
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from panel.core.config.profiles import Engine, ServerProfile
    from panel.core.config.store import Config, ConfigStore
    from panel.core.gpu.nvml import Nvml
    from panel.core.gpu.sampler import GpuSampler
    from panel.core.servers.ports import pick_free_port
    from panel.core.servers.server_state import ServerState
    from panel.ui.window.main_window import MainWindow
    from tests.fakes.fake_nvml import FakeNvml

    app = QApplication.instance() or QApplication([])
    profiles = [
        ServerProfile(
            name=f"server {n:02d}",
            engine=Engine.CUSTOM,
            executable=sys.executable,
            args=[str(PACER), "--rate", str(rate), "--port", "{port}"],
            port=pick_free_port(),
            ready_timeout=60.0,
            stop_grace=2.0,
            env={"PYTHONUNBUFFERED": "1"},
        )
        for n in range(servers)
    ]
    store = ConfigStore(Path(os.environ["XDG_CONFIG_HOME"]) / "config.toml")
    store.save(Config(profiles=profiles))
    sampler = GpuSampler(Nvml(FakeNvml(init_error=12)), interval=1.0)
    window = MainWindow(store, config=store.load(), sampler=sampler, leftover_check=list)
    window.resize(1280, 800)
    window.show()
    for _ in range(20):
        app.processEvents()

    def wait(predicate: object, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not predicate() and time.monotonic() < deadline:  # type: ignore[operator]
            app.processEvents()
            time.sleep(0.005)
        if not predicate():  # type: ignore[operator]
            raise SystemExit("the servers did not get ready in time")

    for profile in profiles:
        window.select(profile.name)
        window.start_selected()
    ready = [window.hub.server(p) for p in profiles]
    wait(lambda: all(s.state is ServerState.READY for s in ready), 90)
    # Let every log start flowing before measuring.
    settle = time.monotonic() + 1.0
    while time.monotonic() < settle:
        app.processEvents()

    ticks: list[float] = []
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(int(TICK_S * 1000))
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    clicks = [0]

    def next_server() -> None:
        clicks[0] += 1
        window.select(profiles[clicks[0] % len(profiles)].name)

    switch = QTimer()
    switch.setInterval(500)
    switch.timeout.connect(next_server)
    loop = QEventLoop()
    stop = QTimer()
    stop.setSingleShot(True)
    stop.timeout.connect(loop.quit)  # not app.quit: it would ask the window to close
    lines_before = sum(s.log.last_seq for s in ready)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    timer.start()
    switch.start()
    stop.start(int(seconds * 1000))
    loop.exec()
    timer.stop()
    switch.stop()
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    lines = sum(s.log.last_seq for s in ready) - lines_before
    for server in ready:
        server.stop()
    wait(lambda: not any(s.state.running for s in ready), 30)
    window.hide()  # closing would ask about servers; the process ends right after
    return {
        "servers": servers,
        "rate": rate,
        "lines_per_s": lines / wall,
        "cpu_percent": 100 * cpu / wall,
        **summary(lateness_ms(ticks, TICK_S)),
    }


def measure(servers: int, rate: float, seconds: float) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
        for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
            env[name] = str(Path(tmp) / name.lower())
            Path(env[name]).mkdir()
        done = subprocess.run(
            [sys.executable, __file__, "--run", "--servers", str(servers), "--rate", str(rate),
             "--seconds", str(seconds)],
            capture_output=True, text=True, check=False, env=env, timeout=seconds + 300,
        )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"run failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--servers", type=int, default=16)
    parser.add_argument("--rate", type=float, default=200.0, help="log lines/s per server")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--run", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        # Start-up, 90 s for the servers to get ready, the measured seconds, the stops.
        faulthandler.dump_traceback_later(args.seconds + 240, exit=True)
        print(json.dumps(run(args.servers, args.rate, args.seconds)), flush=True)
        os._exit(0)  # the servers are stopped; no window teardown to wait on
    idle = measure(args.servers, 0.0, args.seconds)
    busy = measure(args.servers, args.rate, args.seconds)
    print(f"{args.servers} script servers in the list, log view switching every 0.5 s\n")
    print(f"{'row':<34}{'lines/s':>9}{'CPU %':>8}{'stall p50 / p99 / max ms':>27}")
    for name, r in (("no log flowing (baseline)", idle),
                    (f"{args.rate:g} lines/s per server", busy)):  # fmt: skip
        print(
            f"{name:<34}{r['lines_per_s']:>9.0f}{r['cpu_percent']:>8.1f}"
            f"{r['stall_p50']:>12.1f} / {r['stall_p99']:.1f} / {r['stall_max']:.0f}"
        )
    print(
        f"\nflowing / baseline: CPU {busy['cpu_percent'] / max(0.1, idle['cpu_percent']):.1f}x, "
        f"stall p99 {busy['stall_p99'] / max(0.1, idle['stall_p99']):.1f}x"
    )
    ok = busy["stall_p99"] <= GOAL_STALL_P99_MS
    print(
        f"goal stall p99 <= {GOAL_STALL_P99_MS:g} ms: {busy['stall_p99']:.1f} ms "
        f"{'ok' if ok else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
