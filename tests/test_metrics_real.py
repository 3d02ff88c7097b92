"""Live figures of the real engines under real load: several requests at once, read
while they run, as the window's poller and `inference-panel metrics` read them."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from panel.core.config.profiles import ServerProfile
from panel.core.config.store import Config, ConfigStore
from panel.core.metrics.figures import FigureTracker, ServerFigures
from panel.core.metrics.reader import MetricsReader
from panel.core.metrics.reading import Reading, Source
from panel.core.servers.server_state import ServerState, StateChange
from panel.core.servers.supervisor import ServerProcess
from tests.conftest import ROOT, EngineKit, VllmKit, llama_profile, running

SYSTEM = {"role": "system", "content": "You are a helpful assistant."}


def smollm(engines: EngineKit, *extra: str, **kw: object) -> ServerProfile:
    # 4 slots of 512 tokens: four requests decode together.
    return llama_profile(
        engines,
        "SmolLM2-135M-Instruct.Q4_1.gguf",
        name="smol",
        args=["-c", "2048", "-np", "4", "-t", "2", *extra],
        **kw,
    )


def load(url: str, model: str, n: int, tokens: int) -> Callable[[], list[int]]:
    """Start ``n`` chat requests at once; the returned call waits for their status codes."""
    codes: list[int] = []

    def one(i: int) -> None:
        body = {
            "model": model,
            "messages": [SYSTEM, {"role": "user", "content": f"Count from {i} to 500."}],
            "max_tokens": tokens,
            "temperature": 0,
            "ignore_eos": True,  # both engines: keep decoding to max_tokens
        }
        reply = httpx.post(f"{url}/v1/chat/completions", json=body, timeout=120, trust_env=False)
        codes.append(reply.status_code)

    threads = [threading.Thread(target=one, args=(i,), daemon=True) for i in range(n)]
    for thread in threads:
        thread.start()

    def wait() -> list[int]:
        for thread in threads:
            thread.join(120)
        return codes

    return wait


def read_during(
    reader: MetricsReader, wait: Callable[[], list[int]], every: float = 0.1
) -> tuple[list[Reading], list[int]]:
    """Readings every ``every`` s while the load runs (the window reads each second)."""
    readings: list[Reading] = []
    done = threading.Event()
    result: list[int] = []

    def finish() -> None:
        result.extend(wait())
        done.set()

    threading.Thread(target=finish, daemon=True).start()
    while not done.wait(every):
        readings.append(reader.read())
    readings.append(reader.read())
    return readings, result


@pytest.mark.engines
def test_llama_server_metrics_under_concurrent_load(engines: EngineKit) -> None:
    with running(smollm(engines, "--metrics")) as server:
        reader = MetricsReader(server.profile)
        before = reader.read()
        assert before.source is Source.LLAMA_METRICS
        readings, codes = read_during(reader, load(server.profile.base_url, "smol", 4, 96))
        reader.close()
    assert codes == [200] * 4
    busiest = max(r.requests_running or 0 for r in readings)
    assert busiest > 0, "no reading saw a request running"
    after = readings[-1]
    assert after.generation_tokens_total is not None and before.generation_tokens_total is not None
    assert after.generation_tokens_total >= before.generation_tokens_total + 4 * 96
    assert after.prompt_tokens_total > before.prompt_tokens_total  # type: ignore[operator]
    tracker = FigureTracker()
    rates = [tracker.update("smol", r).generation_tokens_per_second for r in readings]
    assert max(rate or 0 for rate in rates) > 0


@pytest.mark.engines
def test_llama_server_without_metrics_shows_busy_slots(engines: EngineKit) -> None:
    with running(smollm(engines)) as server:
        reader = MetricsReader(server.profile)
        readings, codes = read_during(reader, load(server.profile.base_url, "smol", 3, 64))
        reader.close()
    assert codes == [200] * 3
    assert {r.source for r in readings} == {Source.LLAMA_SLOTS}
    # The gauge is read in every reading; whether one lands while the tiny model decodes
    # is luck on a loaded 2-core machine (0 seen in 2 of 4 CI runs even at 20 ms), so the
    # running-requests figure under load is asserted on llama-server, whose requests last.
    assert all(r.requests_running is not None for r in readings)
    assert "--metrics" in readings[-1].note


def metrics_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "panel", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.engines
def test_metrics_command_as_a_real_process(engines: EngineKit, tmp_path: Path) -> None:
    profile = smollm(engines, "--metrics")
    config = tmp_path / "config.toml"
    ConfigStore(config).save(Config(profiles=[profile]))
    with running(profile) as server:
        wait = load(server.profile.base_url, "smol", 2, 48)
        assert wait() == [200, 200]
        done = metrics_cli("--config", str(config), "metrics", "--profile", "smol", "--json")
        assert done.returncode == 0, done.stderr
        figures = json.loads(done.stdout)
        assert figures["generation_tokens_total"] >= 96
        assert figures["requests_running"] == 0
        assert figures["prompt_tokens_per_second"] == 0.0  # idle between the two readings
        assert figures["source"] == Source.LLAMA_METRICS.value
        text = metrics_cli("metrics", "--url", server.profile.base_url, "--interval", "0")
        assert text.returncode == 0, text.stderr
        assert "generation tokens total" in text.stdout and "requests running" in text.stdout
    gone = metrics_cli("metrics", "--url", server.profile.base_url, "--interval", "0")
    assert gone.returncode == 1
    assert gone.stderr.startswith("inference-panel: http://127.0.0.1:") and gone.stderr[-1] == "\n"
    assert gone.stderr.count("\n") == 1  # one line, no traceback
    usage = metrics_cli("metrics")
    assert usage.returncode == 2 and "--url" in usage.stderr


@pytest.mark.real_vllm
@pytest.mark.timeout(600)
def test_real_vllm_metrics_under_concurrent_load_and_its_load_progress(
    vllm_kit: VllmKit,
) -> None:
    from tests.test_real_vllm import READY_TIMEOUT, SERVED, vllm_profile

    profile = vllm_profile(vllm_kit)
    server = ServerProcess(profile)
    progress: list[tuple[str, float | None]] = []

    def on_state(_: ServerProcess, change: StateChange) -> None:
        if change.state is ServerState.LOADING and change.progress is not None:
            progress.append((change.progress.phase, change.progress.fraction))

    server.add_state_listener(on_state)
    started = time.monotonic()
    server.start()
    try:
        assert server.wait_ready(READY_TIMEOUT), server.log.texts(40)
        took = time.monotonic() - started
        reader = MetricsReader(profile)
        before = reader.read()
        # The tiny model decodes 4 × 300 tokens in well under a second on an idle machine:
        # read every 20 ms (one reading costs ~2 ms) so the running requests are seen.
        readings, codes = read_during(reader, load(profile.base_url, SERVED, 4, 400), 0.02)
        tracker = FigureTracker()
        tracker.update("v", before)
        figures: list[ServerFigures] = [tracker.update("v", r) for r in readings]
        done = metrics_cli("metrics", "--url", profile.base_url, "--json", "--interval", "0.2")
        reader.close()
    finally:
        server.stop_and_wait(60)
    print(f"vLLM ready in {took:.1f} s; load progress: {progress}")
    # What the log gives the bar: the shards' fraction (0 % then 100 % for one shard).
    fractions = [f for phase, f in progress if f is not None]
    assert fractions and fractions[-1] == 1.0, progress
    assert next(p for p, _ in progress) == "reading the model config"
    assert codes == [200] * 4
    # The gauge is read in every reading; whether one lands while the tiny model decodes
    # is luck on a loaded 2-core machine (0 seen in 2 of 4 CI runs even at 20 ms), so the
    # running-requests figure under load is asserted on llama-server, whose requests last.
    assert all(r.requests_running is not None for r in readings)
    assert readings[-1].generation_tokens_total >= before.generation_tokens_total + 4 * 400  # type: ignore[operator]
    assert readings[-1].requests_finished_total >= 4  # type: ignore[operator]
    assert all(f.kv_cache_usage_ratio is not None for f in figures)  # read (same luck)
    assert max(f.generation_tokens_per_second or 0 for f in figures) > 0
    assert figures[-1].time_to_first_token_seconds is not None
    assert 0 < figures[-1].time_to_first_token_seconds < 60
    assert done.returncode == 0, done.stderr
    cli = json.loads(done.stdout)
    assert cli["source"] == Source.VLLM_METRICS.value
    assert cli["generation_tokens_total"] >= 1200
