"""What following a router-mode llama-server's models costs the window.

usage: QT_QPA_PLATFORM=offscreen PANEL_TEST_ENGINES=DIR .venv/bin/python bench/llama_router_poll.py
       [--rounds 300]

A real llama-server in router mode over two models (one loaded) runs as its own process.
Rows: one reading of ``GET /models`` (the poller's worker thread: RouterReaders.read_all),
its wall time and this process's CPU time, and what that makes at the poll rates the
window uses (1/s, 4/s while a model loads); then the GUI thread's share: a poll's answer
handed to the list (ServerListModel.set_router_models, unchanged and changed), and the
names of a folder of 100 models read for the panel's router (disk_model_names, cached).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from PySide6.QtWidgets import QApplication

from panel.core.config.profiles import Engine, ServerProfile
from panel.core.engines.llama_router import ModelState, disk_model_names
from panel.core.engines.llama_router_client import RouterReaders
from panel.core.servers.ports import pick_free_port
from panel.ui.window.server_list import ModelRow, ServerListModel


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=300)
    args = parser.parse_args()
    engines = Path(os.environ["PANEL_TEST_ENGINES"])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "models"
        folder.mkdir()
        for name in ("tiny-llama.gguf", "SmolLM2-135M-Instruct.Q4_1.gguf"):
            (folder / name).symlink_to(engines / "models" / name)
        port = pick_free_port()
        argv = [str(engines / "bin" / "llama-server"), "--models-dir", str(folder), "--port",
                str(port), "-c", "512", "-t", "1"]  # fmt: skip
        server = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            profile = ServerProfile("router", Engine.LLAMA_CPP, port=port, args=argv[1:3])
            run(profile, folder, args.rounds)
        finally:
            server.terminate()
            server.wait(10)


def run(profile: ServerProfile, folder: Path, rounds: int) -> None:
    url = profile.base_url
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(url + "/health", timeout=1, trust_env=False).status_code == 200:
                break
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, "the router did not start"
        time.sleep(0.05)
    httpx.post(url + "/models/load", json={"model": "tiny-llama"}, timeout=10, trust_env=False)
    readers = RouterReaders()
    deadline = time.monotonic() + 30
    while True:
        models = readers.read_all([profile])["router"]
        assert not isinstance(models, Exception), models
        if any(m.state is ModelState.LOADED for m in models):
            break
        assert time.monotonic() < deadline, "tiny-llama did not load"
        time.sleep(0.05)

    walls, cpus = [], []
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        readers.read_all([profile])
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    readers.close()
    cpu = statistics.mean(cpus)
    print(f"GET /models, {rounds} rounds: wall median {statistics.median(walls) * 1e3:.2f} ms, "
          f"p95 {sorted(walls)[int(rounds * 0.95)] * 1e3:.2f} ms; CPU {cpu * 1e3:.2f} ms a round")  # fmt: skip
    print(f"  at 1/s: {cpu * 100:.3f} % of a core; at 4/s (a model loading): {cpu * 400:.3f} %")

    QApplication.instance() or QApplication(sys.argv[:1])
    model = ServerListModel()
    model.set_profiles([profile])
    lines = [ModelRow("router", m) for m in models]
    model.set_router_models("router", lines)
    n = 2000
    start = time.perf_counter()
    for _ in range(n):
        model.set_router_models("router", list(lines))
    same = (time.perf_counter() - start) / n
    other = [ModelRow("router", m, reason="x") for m in models]
    start = time.perf_counter()
    for i in range(n):
        model.set_router_models("router", other if i % 2 else lines)
    changed = (time.perf_counter() - start) / n
    print(
        f"list update on the GUI thread: unchanged {same * 1e6:.1f} us, changed {changed * 1e6:.1f} us"
    )

    many = Path(folder.parent) / "many"
    many.mkdir()
    for i in range(100):
        (many / f"m{i}.gguf").write_bytes(b"")
    router = ServerProfile("r", Engine.LLAMA_CPP, args=["--models-dir", str(many)])
    start = time.perf_counter()
    disk_model_names(router)
    first = time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(n):
        disk_model_names(router)
    again = (time.perf_counter() - start) / n
    print(f"disk_model_names, 100 models: first {first * 1e3:.2f} ms, then {again * 1e6:.1f} us")


if __name__ == "__main__":
    main()
