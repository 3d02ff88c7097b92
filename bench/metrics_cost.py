"""What the live server figures cost the window: polling 4 ready servers once a second.

usage: QT_QPA_PLATFORM=offscreen PANEL_TEST_ENGINES=DIR .venv/bin/python bench/metrics_cost.py
       [--seconds 30]

Goal (issue 16): polling 4 servers costs at most 0.5 % of one core. Four real
llama-servers (tiny-llama, --metrics) run as separate processes and the window attaches
to them, so the window's own CPU time is what is measured (process time, all its threads:
the poller's reads run on a worker thread). Rows, in the same run and window: figures off
(the idle window, attach probes included), figures on with the log tab shown (the list's
strip), figures on with the GPU tab shown (the strip and the small graphs drawing).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from PySide6.QtWidgets import QApplication
from window_bench import close_window, cpu_percent, open_window, run_for  # the repo on sys.path

from panel.core.config.profiles import Engine, ServerProfile
from panel.core.config.store import Config
from panel.core.gpu.nvml import Nvml
from panel.core.gpu.sampler import GpuSampler
from panel.core.metrics.reader import MetricsReaders
from panel.core.servers.ports import pick_free_port
from panel.core.servers.supervisor import ServerState
from tests.fakes.fake_nvml import FakeNvml


def start_servers(engines: Path, n: int) -> tuple[list[subprocess.Popen[bytes]], list[int]]:
    procs, ports = [], []
    for _ in range(n):
        port = pick_free_port()
        argv = [str(engines / "bin" / "llama-server"), "-m", str(engines / "models" / "tiny-llama.gguf"),
                "--port", str(port), "-c", "256", "-t", "1", "--metrics"]  # fmt: skip
        procs.append(subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        ports.append(port)
    deadline = time.monotonic() + 60
    for port in ports:
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
    return procs, ports


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--servers", type=int, default=4)
    args = parser.parse_args()
    engines = Path(os.environ["PANEL_TEST_ENGINES"])
    tmp = Path(tempfile.mkdtemp())
    os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")
    os.environ["XDG_DATA_HOME"] = str(tmp / "data")
    procs, ports = start_servers(engines, args.servers)
    try:
        profiles = [
            ServerProfile(
                name=f"llama {i}", engine=Engine.LLAMA_CPP, attach_url=f"http://127.0.0.1:{port}"
            )
            for i, port in enumerate(ports)
        ]
        readers = MetricsReaders()
        readers.read_all(profiles)  # connections open, as in the window after the first second
        rounds = 200
        t0 = time.process_time()
        for _ in range(rounds):
            readers.read_all(profiles)
        per_round = (time.process_time() - t0) / rounds * 1000
        readers.close()

        app = QApplication(sys.argv)
        sampler = GpuSampler(Nvml(FakeNvml(init_error=12)))
        window = open_window(
            tmp / "config.toml", Config(profiles=profiles), sampler, leftover_check=list
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not all(
            row.state is ServerState.READY for row in window.model.rows()
        ):
            run_for(0.2)
        figures = window.live_figures
        print(f"metrics polling, {args.servers} attached llama-servers, {args.seconds:g} s per row")
        print(f"core: one reading round of {args.servers} servers: {per_round:.2f} ms CPU "
              f"(= {per_round / 10:.3f} % of a core at 1 Hz)")  # fmt: skip
        print(f"{'window':44} {'CPU % of one core':>18} {'minus idle':>11}")
        sync = figures._sync_timer
        figures._sync_timer = lambda: None  # type: ignore[method-assign]
        figures._timer.stop()
        run_for(2)
        idle = cpu_percent(args.seconds)
        print(f"{'figures off (idle window, log tab)':44} {idle:>18.2f} {'':>11}")
        figures._sync_timer = sync  # type: ignore[method-assign]
        figures._sync_timer()
        run_for(3)
        assert all(row.metrics for row in window.model.rows()), "no strip shown"
        on = cpu_percent(args.seconds)
        print(f"{'figures on, log tab (the strip)':44} {on:>18.2f} {on - idle:>+11.2f}")
        window.show_gpu()
        run_for(3)
        graphs = cpu_percent(args.seconds)
        print(
            f"{'figures on, GPU tab (strip and graphs)':44} {graphs:>18.2f} {graphs - idle:>+11.2f}"
        )
        close_window(window, app)
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(10)


if __name__ == "__main__":
    main()
