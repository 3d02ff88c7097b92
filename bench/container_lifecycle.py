"""Container profiles: start to ready, stop to container gone, and the orphan cases.

usage: .venv/bin/python bench/container_lifecycle.py [--runs N]

Runs the real llama-server (tiny llama) as a "container" of the docker stand-in
(tests/fakes/fake_docker.py), since this machine has no container engine. The figures
are the panel's own overhead plus the stand-in's; a real docker adds its own latency per
CLI call (typically 50-300 ms for `run`, `stop`, `inspect`). Measured:

- ready: Start to READY (docker run, the server's load, the /health probe, inspect);
- stop: Stop to the container gone from `docker ps` (docker stop through the guard);
- panel SIGKILL: the supervising process SIGKILLed to the container gone (the guard
  runs `docker stop`);
- client SIGKILL: the `docker run` client SIGKILLed to the container gone (the guard
  notices and runs `docker stop`).
"""

from __future__ import annotations

import argparse
import os
import pickle
import signal
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from panel.core.config.profiles import ContainerSpec, Engine, GpuAccess, ServerProfile  # noqa: E402
from panel.core.demo import run_setup  # noqa: E402
from panel.core.servers.ports import pick_free_port  # noqa: E402
from panel.core.servers.supervisor import ServerProcess  # noqa: E402
from tests.fakes.fake_docker import FakeDockerDaemon, install  # noqa: E402

IMAGE = "local/llama.cpp:bench"
DRIVER = textwrap.dedent(
    """
    import pickle, sys, threading
    from panel.core.servers.supervisor import ServerProcess
    server = ServerProcess(pickle.loads(bytes.fromhex(sys.argv[1])))
    server.start()
    assert server.wait_ready(60), server.log.texts(40)
    print("READY", flush=True)
    threading.Event().wait()
    """
)


def wait_for(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError("timed out")
        time.sleep(0.005)  # a stopwatch poll on docker's state; nothing to wait on


def profile(engines: Path) -> ServerProfile:
    models = str(engines / "models")
    return ServerProfile(
        "tiny llama (container)",
        Engine.LLAMA_CPP,
        model=f"{models}/tiny-llama.gguf",
        port=pick_free_port(),
        args=["-c", "512", "-t", "2"],
        stop_grace=5.0,
        container=ContainerSpec(
            image=IMAGE,
            entrypoint=str(engines / "bin" / "llama-server"),
            gpus=GpuAccess.NONE,
            mounts=[f"{models}:{models}:ro"],
        ),
    )


def one_run(engines: Path, daemon: FakeDockerDaemon) -> dict[str, float]:
    figures: dict[str, float] = {}
    server = ServerProcess(profile(engines), probe_interval=0.01)
    t0 = time.perf_counter()
    server.start()
    if not server.wait_ready(60):
        raise RuntimeError(server.log.texts(20))
    figures["ready"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    server.stop()
    wait_for(lambda: not daemon.running_containers())
    figures["stop"] = time.perf_counter() - t0
    server.wait(30)

    driver = subprocess.Popen(
        [sys.executable, "-c", DRIVER, pickle.dumps(profile(engines)).hex()],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert driver.stdout is not None
    assert driver.stdout.readline().startswith("READY")
    t0 = time.perf_counter()
    os.kill(driver.pid, signal.SIGKILL)
    wait_for(lambda: not daemon.running_containers())
    figures["panel SIGKILL"] = time.perf_counter() - t0
    driver.wait()
    driver.stdout.close()

    server = ServerProcess(profile(engines), probe_interval=0.01)
    server.start()
    if not server.wait_ready(60):
        raise RuntimeError(server.log.texts(20))
    [box] = daemon.running_containers()
    client = next(p for p in server.server_pids() if p != box["pid"])
    t0 = time.perf_counter()
    os.kill(client, signal.SIGKILL)
    wait_for(lambda: not daemon.running_containers())
    figures["client SIGKILL"] = time.perf_counter() - t0
    server.wait(30)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    engines = run_setup()
    root = Path(tempfile.mkdtemp(prefix="fdb-"))
    (root / "bin").mkdir()
    install(root / "bin", root / "state")
    os.environ["PATH"] = f"{root / 'bin'}{os.pathsep}{os.environ['PATH']}"
    with FakeDockerDaemon(root / "state") as daemon:
        daemon.add_image(IMAGE)
        runs = [one_run(engines, daemon) for _ in range(args.runs)]
    print(f"container lifecycle, docker stand-in, {args.runs} runs: median (min-max) seconds")
    for key in runs[0]:
        values = [run[key] for run in runs]
        print(f"  {key:15s} {statistics.median(values):.3f} ({min(values):.3f}-{max(values):.3f})")


if __name__ == "__main__":
    main()
