"""Container profiles: start to ready, stop to container gone, and the orphan cases.

usage: .venv/bin/python bench/container_lifecycle.py [--runs N] [--runtime docker|podman]

Runs the real llama-server (tiny llama) in a real container: the test image that
tests/real_runtime.py builds offline ``FROM scratch`` (llama-server and the libraries it
links), on the real Docker engine (or podman) that scripts/test.sh starts; ``--net=host``,
no GPU. "Gone" is the moment the runtime reports the container removed
(``docker events``, event ``destroy``; podman's ``remove``: ``--rm`` has removed it).
Measured:

- ready: Start to READY (docker run, the server's load, the /health probe, inspect);
- stop: Stop to the container gone (docker stop through the guard, then --rm);
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
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from panel.core.config.profiles import (  # noqa: E402
    ContainerSpec,
    Engine,
    GpuAccess,
    Network,
    ServerProfile,
)
from panel.core.demo import run_setup  # noqa: E402
from panel.core.servers.ports import pick_free_port  # noqa: E402
from panel.core.servers.supervisor import ServerProcess  # noqa: E402
from tests.conftest import EngineKit  # noqa: E402
from tests.real_runtime import Runtime, build_images, find_runtime  # noqa: E402

DRIVER = textwrap.dedent(
    """
    import pickle, sys, threading
    from panel.core.servers.supervisor import ServerProcess
    server = ServerProcess(pickle.loads(bytes.fromhex(sys.argv[1])))
    server.start()
    assert server.wait_ready(60), server.log.texts(40)
    print("READY", server.container_name, flush=True)
    threading.Event().wait()
    """
)


class Destroyed:
    """When the runtime reports a container destroyed: ``docker events``, started before
    the action that ends it, so no poll interval blurs the figure."""

    def __init__(self, runtime: Runtime, name: str) -> None:
        self._events = subprocess.Popen(
            [runtime.exe, "events", "--filter", f"container={name}", "--filter",
             f"event={'remove' if runtime.name == 'podman' else 'destroy'}",
             "--format", "{{.Status}}"],
            stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        self.at: float | None = None
        self._seen = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()
        time.sleep(0.3)  # the client must be subscribed before the action starts

    def _read(self) -> None:
        assert self._events.stdout is not None
        for _line in self._events.stdout:
            self.at = time.perf_counter()
            self._seen.set()
            break

    def wait(self, timeout: float = 60) -> float:
        if not self._seen.wait(timeout):
            raise RuntimeError("the container was not destroyed in time")
        self._events.kill()
        self._events.wait()
        assert self.at is not None
        return self.at


def profile(engines: EngineKit, runtime: Runtime, image: str) -> ServerProfile:
    models = str(Path(engines.model("tiny-llama.gguf")).parent)
    return ServerProfile(
        "tiny llama (container)",
        Engine.LLAMA_CPP,
        model=engines.model("tiny-llama.gguf"),
        port=pick_free_port(),
        args=["-c", "512", "-t", "2"],
        stop_grace=5.0,
        container=ContainerSpec(
            runtime=runtime.name,
            image=image,
            entrypoint="/llama-server",
            gpus=GpuAccess.NONE,
            network=Network.HOST,
            ipc_host=False,
            mounts=[f"{models}:{models}:ro"],
        ),
    )


def started(engines: EngineKit, runtime: Runtime, image: str) -> tuple[ServerProcess, float]:
    server = ServerProcess(profile(engines, runtime, image), probe_interval=0.01)
    t0 = time.perf_counter()
    server.start()
    if not server.wait_ready(60):
        raise RuntimeError(server.log.texts(20))
    return server, time.perf_counter() - t0


def one_run(engines: EngineKit, runtime: Runtime, image: str) -> dict[str, float]:
    figures: dict[str, float] = {}
    server, figures["ready"] = started(engines, runtime, image)
    gone = Destroyed(runtime, server.container_name)
    t0 = time.perf_counter()
    server.stop()
    figures["stop"] = gone.wait() - t0
    server.wait(30)

    driver = subprocess.Popen(
        [sys.executable, "-c", DRIVER, pickle.dumps(profile(engines, runtime, image)).hex()],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert driver.stdout is not None
    line = driver.stdout.readline()
    assert line.startswith("READY"), line
    gone = Destroyed(runtime, line.split()[1])
    t0 = time.perf_counter()
    os.kill(driver.pid, signal.SIGKILL)
    figures["panel SIGKILL"] = gone.wait() - t0
    driver.wait()
    driver.stdout.close()

    server, _ = started(engines, runtime, image)
    root = server.gpu_root
    client = next(p for p in server.server_pids() if p != root and p != server.pid)
    gone = Destroyed(runtime, server.container_name)
    t0 = time.perf_counter()
    os.kill(client, signal.SIGKILL)
    figures["client SIGKILL"] = gone.wait() - t0
    server.wait(30)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--runtime", choices=["docker", "podman"], default="docker")
    args = parser.parse_args()
    os.environ.setdefault(f"PANEL_REAL_{args.runtime.upper()}", "1")
    found = find_runtime(args.runtime)
    if isinstance(found, str):
        raise SystemExit(found)
    engines = EngineKit(run_setup())
    image = build_images(found, engines, Path(tempfile.mkdtemp(prefix="bench-image-"))).plain
    runs = [one_run(engines, found, image) for _ in range(args.runs)]
    version = found.run("version", "--format", "{{.Server.Version}}").stdout.strip()
    print(
        f"container lifecycle, real {args.runtime} {version}, {args.runs} runs: "
        "median (min-max) seconds"
    )
    for key in runs[0]:
        values = [run[key] for run in runs]
        print(f"  {key:15s} {statistics.median(values):.3f} ({min(values):.3f}-{max(values):.3f})")


if __name__ == "__main__":
    main()
