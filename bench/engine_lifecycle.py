"""Start-to-ready and stop-to-no-survivors times for each real test engine.

usage: .venv/bin/python bench/engine_lifecycle.py [--runs N]

Engines come from resources/engines/setup_test_engines.sh (built once, cached). "Ready" is
the supervisor's READY (a 200 from /health); "gone" is when no process of the server's
tree is left (the guard reaped and exited), measured from the stop request.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from panel.core.config.profiles import Engine, ServerProfile  # noqa: E402
from panel.core.demo import run_setup  # noqa: E402
from panel.core.servers.ports import pick_free_port  # noqa: E402
from panel.core.servers.supervisor import ServerProcess  # noqa: E402


def profiles(root: Path) -> list[ServerProfile]:
    llama, whisper = str(root / "bin/llama-server"), str(root / "bin/whisper-server")
    m = root / "models"
    return [
        ServerProfile("llama-server + scripted tiny llama", Engine.LLAMA_CPP, executable=llama,
                      model=str(m / "tiny-llama.gguf"), args=["-c", "512", "-t", "2"]),
        ServerProfile("llama-server + tiny llama + mmproj", Engine.LLAMA_CPP, executable=llama,
                      model=str(m / "tiny-llama.gguf"),
                      args=["-c", "512", "-t", "2", "--mmproj", str(m / "tiny-mmproj.gguf")]),
        ServerProfile("llama-server + SmolLM2-135M Q4_1", Engine.LLAMA_CPP, executable=llama,
                      model=str(m / "SmolLM2-135M-Instruct.Q4_1.gguf"), args=["-c", "2048", "-t", "2"]),
        ServerProfile("whisper-server + scripted tiny whisper", Engine.WHISPER_CPP,
                      executable=whisper, model=str(m / "tiny-whisper.bin"), args=["-t", "2"]),
        ServerProfile("whisper-server + whisper tiny.en", Engine.WHISPER_CPP, executable=whisper,
                      model=str(m / "ggml-tiny.en.bin"), args=["-t", "2"]),
    ]  # fmt: skip


def measure(profile: ServerProfile) -> tuple[float, float]:
    profile = profile.copy(port=pick_free_port())
    server = ServerProcess(profile, probe_interval=0.01)
    t0 = time.perf_counter()
    server.start()
    if not server.wait_ready(60):
        raise RuntimeError(f"{profile.name} never became ready: {server.log.texts(10)}")
    ready = time.perf_counter() - t0
    t1 = time.perf_counter()
    server.stop_and_wait(30)
    gone = time.perf_counter() - t1
    return ready, gone


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    root = run_setup()  # cached after the first build
    print(f"engines: {root}; {args.runs} runs each; median (min-max) in seconds\n")
    print(f"{'server':42} {'start -> ready':>22} {'stop -> no survivors':>24}")
    for profile in profiles(root):
        results = [measure(profile) for _ in range(args.runs)]
        ready = [r for r, _ in results]
        gone = [g for _, g in results]
        print(
            f"{profile.name:42} {statistics.median(ready):>8.3f} ({min(ready):.3f}-{max(ready):.3f})"
            f" {statistics.median(gone):>10.3f} ({min(gone):.3f}-{max(gone):.3f})"
        )


if __name__ == "__main__":
    main()
