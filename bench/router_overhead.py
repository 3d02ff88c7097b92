"""What the router costs: time to first token through it vs straight to the same server,
and 100 concurrent streams through it without a stall or a lost token.

    PANEL_TEST_ENGINES=... .venv/bin/python bench/router_overhead.py [--model tiny-llama.gguf]
        [--requests 40] [--streams 100] [--tokens 32]

The server is the real llama-server of the test engines, started by the router on the
first request (as a user's would be) and then reached both ways: ``direct`` to its own
port, ``router`` to the router's. TTFT is from sending the request to the first event
with content, one streaming request at a time, alternating direct and router so both see
the same machine. The goal (issue 18): router median <= 1.05 x direct median + 2 ms.

The stream test sends ``--streams`` streaming requests at once (``ignore_eos``, a fixed
``max_tokens``) through the router and checks that each got exactly that many content
events, ``[DONE]`` and usage figures that agree; "stall" is the longest gap between two
events of one stream, printed beside the same figure for the same load sent direct.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from panel.core.config.profiles import Engine, ServerProfile
from panel.core.config.store import Config, ConfigStore
from panel.core.servers.ports import pick_free_port

ROOT = Path(__file__).resolve().parents[1]


class RouterProcess:
    """``inference-panel router`` in a process of its own, as a user runs it (in this
    process its event loop would share the GIL with the benchmark's client)."""

    def __init__(self, profile: ServerProfile) -> None:
        self._folder = tempfile.TemporaryDirectory()
        config = Path(self._folder.name) / "config.toml"
        settings = Config(profiles=[profile])
        settings.router.port = pick_free_port()
        settings.router.default_idle_timeout = 0
        ConfigStore(config).save(settings)
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "panel", "--config", str(config), "router"],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self._proc.stderr is not None
        line = self._proc.stderr.readline()
        if "listening at" not in line:
            raise RuntimeError(line + self._proc.stderr.read())
        self.address = line.split("listening at ")[1].split()[0].removesuffix("/v1")

    def cpu_seconds(self) -> float:
        times = psutil.Process(self._proc.pid).cpu_times()
        return times.user + times.system

    def stop(self) -> None:
        self._proc.send_signal(signal.SIGINT)
        self._proc.communicate(timeout=60)
        self._folder.cleanup()


def body(tokens: int, stream: bool = True) -> dict[str, object]:
    return {
        "model": "bench",
        "messages": [{"role": "user", "content": "Say something."}],
        "max_tokens": tokens,
        "ignore_eos": True,
        "stream": stream,
        "stream_options": {"include_usage": True},
        "temperature": 0,
    }


def ttft(client: httpx.Client, url: str) -> float:
    started = time.perf_counter()
    with client.stream("POST", url + "/v1/chat/completions", json=body(1)) as answer:
        answer.raise_for_status()
        for line in answer.iter_lines():
            if line.startswith("data: {") and '"content":"' in line:
                return time.perf_counter() - started
    raise RuntimeError("no content in the answer")


async def one_stream(client: httpx.AsyncClient, url: str, tokens: int) -> tuple[int, int, float]:
    """(content events, usage completion tokens, longest gap between events in s)."""
    events = usage = 0
    done = False
    last = None
    gap = 0.0
    async with client.stream("POST", url + "/v1/chat/completions", json=body(tokens)) as answer:
        if answer.status_code != 200:
            raise RuntimeError(f"{answer.status_code}: {(await answer.aread())[:300]!r}")
        async for line in answer.aiter_lines():
            if not line.startswith("data: "):
                continue
            now = time.perf_counter()
            if last is not None:
                gap = max(gap, now - last)
            last = now
            if line == "data: [DONE]":
                done = True
                continue
            data = json.loads(line[6:])
            if data.get("usage"):
                usage = data["usage"]["completion_tokens"]
            for choice in data.get("choices", []):
                if choice["delta"].get("content"):
                    events += 1
    if not done:
        raise RuntimeError("a stream ended without [DONE]")
    return events, usage, gap


async def streams(url: str, count: int, tokens: int) -> tuple[list[tuple[int, int, float]], float]:
    limits = httpx.Limits(max_connections=count + 10)
    async with httpx.AsyncClient(timeout=600, limits=limits) as client:
        started = time.perf_counter()
        results = await asyncio.gather(*(one_stream(client, url, tokens) for _ in range(count)))
        return list(results), time.perf_counter() - started


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="tiny-llama.gguf")
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--streams", type=int, default=100)
    parser.add_argument("--tokens", type=int, default=32)
    parser.add_argument("--parallel", type=int, default=8, help="llama-server --parallel")
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="llama-server -t: 1 leaves the router a core of the 2 (a GPU server leaves "
        "the CPU free); 2 makes the router wait for the CPU the model is using",
    )
    args = parser.parse_args()
    root = Path(os.environ["PANEL_TEST_ENGINES"])
    profile = ServerProfile(
        name="bench",
        engine=Engine.LLAMA_CPP,
        executable=str(root / "bin" / "llama-server"),
        model=str(root / "models" / args.model),
        port=pick_free_port(),
        args=[
            "-c",
            str(256 * args.parallel),
            "-t",
            str(args.threads),
            "--parallel",
            str(args.parallel),
        ],
    )
    router = RouterProcess(profile)
    try:
        with httpx.Client(timeout=120) as client:
            first = time.perf_counter()
            ttft(client, router.address)  # starts the server on demand
            print(f"on-demand start + first token: {ms(time.perf_counter() - first)}")
            for _ in range(5):  # warm both paths
                ttft(client, profile.base_url)
                ttft(client, router.address)
            direct: list[float] = []
            routed: list[float] = []
            for _ in range(args.requests):
                direct.append(ttft(client, profile.base_url))
                routed.append(ttft(client, router.address))
        d, r = statistics.median(direct), statistics.median(routed)
        goal = 1.05 * d + 0.002
        print(f"TTFT over {args.requests} requests each ({args.model}):")
        for name, values in (("direct", direct), ("router", routed)):
            q = statistics.quantiles(values, n=10)
            print(f"  {name:6}  median {ms(statistics.median(values))}  p90 {ms(q[-1])}")
        paired = statistics.median(b - a for a, b in zip(direct, routed, strict=True))
        print(
            f"  best: direct {ms(min(direct))}, router {ms(min(routed))}; "
            f"median of paired differences {ms(paired)}"
        )
        verdict = "met" if r <= goal else "MISSED"
        print(f"  router - direct = {ms(r - d)}; goal <= {ms(goal)}: {verdict}")

        for name, url in (("router", router.address), ("direct", profile.base_url)):
            cpu = router.cpu_seconds()
            results, wall = asyncio.run(streams(url, args.streams, args.tokens))
            cpu = router.cpu_seconds() - cpu
            lost = sum(
                1 for events, usage, _ in results if events != args.tokens or usage != args.tokens
            )
            gaps = sorted(gap for _, _, gap in results)
            print(
                f"{args.streams} streams x {args.tokens} tokens {name}: {wall:.2f} s, "
                f"{sum(e for e, _, _ in results)} tokens, streams with a lost token: {lost}, "
                f"longest gap {ms(gaps[-1])} (median stream's longest {ms(statistics.median(gaps))})"
                f", router CPU {cpu:.2f} s"
            )
    finally:
        router.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
