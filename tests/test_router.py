"""The router against the real llama-server (two models) and whisper-server: on-demand
start, queueing while a model loads, idle unload, eviction when the GPU is short (fake
NVML figures, real processes), a client that goes away, upstream errors, /v1/models and
a transcription."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from panel.core.config.profiles import Engine, ServerProfile
from panel.core.config.router_settings import RouterSettings
from panel.core.gpu.nvml import Nvml
from panel.core.router.memory import estimated_need
from panel.core.router.records import RequestRecord
from panel.core.router.service import Router
from panel.core.servers.ports import pick_free_port
from panel.core.servers.server_state import ServerState
from panel.core.servers.supervisor import Supervisor
from tests.conftest import EngineKit, llama_profile, running, wait_until, whisper_profile
from tests.fakes.fake_nvml import FakeGpu, FakeNvml, FakeProcess, MiB

pytestmark = pytest.mark.engines

SMOL = "SmolLM2-135M-Instruct.Q4_1.gguf"


@dataclass
class Routed:
    router: Router
    supervisor: Supervisor

    @property
    def url(self) -> str:
        return self.router.address

    def chat(self, model: str, **extra: object) -> httpx.Response:
        body = {"model": model, "messages": [{"role": "user", "content": "Hi"}], "max_tokens": 4}
        body.update(extra)
        return httpx.post(self.url + "/v1/chat/completions", json=body, timeout=120)

    def state(self, name: str) -> ServerState:
        server = self.supervisor.get(name)
        return server.state if server is not None else ServerState.STOPPED

    def last_record(self) -> RequestRecord:
        """The newest request's record once it has ended. The client can read the whole
        answer before the router's handler returns from its last write and ends the record
        (seen in CI), so a test waits for that instead of reading it at once."""
        wait_until(lambda: self.router.records()[-1].done, timeout=10, what="the record ends")
        return self.router.records()[-1]


@pytest.fixture
def routed() -> Iterator[Callable[..., Routed]]:
    made: list[Routed] = []

    def make(profiles: list[ServerProfile], nvml: Nvml | None = None, **settings: object) -> Routed:
        options: dict[str, object] = {"port": 0, "default_idle_timeout": 0.0}
        options.update(settings)
        supervisor = Supervisor()
        router = Router.create(
            supervisor,
            profiles,
            RouterSettings(**options),
            nvml=nvml,
            idle_interval=0.05,  # type: ignore[arg-type]
        )
        router.start()
        made.append(Routed(router, supervisor))
        return made[-1]

    yield make
    for each in made:
        each.router.stop(timeout=30)
        assert each.supervisor.stop_all(30)


def test_a_request_starts_its_stopped_server_by_alias_and_models_lists_states(
    engines: EngineKit, routed: Callable[..., Routed]
) -> None:
    tiny = llama_profile(engines, name="tiny", args=["-c", "512", "-t", "2", "--alias", "tl"])
    smol = llama_profile(engines, SMOL, name="smol")
    r = routed([tiny, smol])
    listed = httpx.get(r.url + "/v1/models").json()["data"]
    assert [(m["id"], m["state"], m["aliases"]) for m in listed] == [
        ("tiny", "stopped", ["tl"]),
        ("smol", "stopped", []),
    ]
    answer = r.chat("tl")
    assert answer.status_code == 200, answer.text
    assert answer.json()["choices"][0]["message"]["content"]
    assert r.state("tiny") is ServerState.READY and r.state("smol") is ServerState.STOPPED
    listed = httpx.get(r.url + "/v1/models").json()["data"]
    assert [(m["id"], m["state"], m["started_by_router"]) for m in listed] == [
        ("tiny", "ready", True),
        ("smol", "stopped", False),
    ]
    record = r.last_record()
    assert (record.status, record.profile, record.model, record.started_server) == (
        200,
        "tiny",
        "tl",
        True,
    )
    unknown = r.chat("no-such-model")
    assert unknown.status_code == 404
    assert "tl" in unknown.json()["error"]["message"]  # it lists the models there are


def _all_at_once(count: int, send: Callable[[], httpx.Response]) -> list[httpx.Response]:
    barrier = threading.Barrier(count)
    answers: list[httpx.Response] = []
    lock = threading.Lock()

    def one() -> None:
        barrier.wait()
        answer = send()
        with lock:
            answers.append(answer)

    threads = [threading.Thread(target=one) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return answers


def test_requests_during_load_wait_for_one_start_and_the_queue_is_bounded(
    engines: EngineKit, routed: Callable[..., Routed]
) -> None:
    r = routed([llama_profile(engines, SMOL, name="smol")], max_queue=3)
    answers = _all_at_once(8, lambda: r.chat("smol"))
    statuses = sorted(a.status_code for a in answers)
    # Three wait for the load and are served; the rest are told why they are not.
    assert statuses.count(200) >= 3 and statuses.count(503) >= 1, statuses
    assert set(statuses) == {200, 503}
    busy = next(a for a in answers if a.status_code == 503).json()["error"]
    assert "max_queue 3" in busy["message"] and busy["type"] == "unavailable"
    assert [n for n in r.router.notes if n.startswith("starting")] == [
        "starting smol for a request"
    ]
    wait_until(lambda: all(rec.done for rec in r.router.records()), what="the records end")
    served = [rec for rec in r.router.records() if rec.status == 200]
    # At most the queue's 3 waited for the load; on a loaded machine a request may come
    # only after it and be served without waiting (seen in CI).
    assert 1 <= sum(rec.started_server for rec in served) <= 3, statuses
    assert r.chat("smol").status_code == 200  # and once loaded, nobody waits


def test_idle_servers_the_router_started_are_stopped_unless_pinned(
    engines: EngineKit, routed: Callable[..., Routed]
) -> None:
    tiny = llama_profile(engines, name="tiny", idle_timeout=0.5)
    smol = llama_profile(engines, SMOL, name="smol", idle_timeout=0.5)
    r = routed([tiny, smol])
    r.router.pin("smol")
    assert r.chat("tiny").status_code == 200
    assert r.chat("smol").status_code == 200
    wait_until(lambda: r.state("tiny") is ServerState.STOPPED, timeout=15, what="tiny unloaded")
    assert "stopping tiny: no request for 0.5 s (idle_timeout)" in r.router.notes
    assert r.state("smol") is ServerState.READY  # pinned: the same idle time passed
    # A stopped server comes back on the next request.
    assert r.chat("tiny").status_code == 200


def test_a_server_the_user_started_is_never_unloaded(
    engines: EngineKit, routed: Callable[..., Routed]
) -> None:
    tiny = llama_profile(engines, name="tiny", idle_timeout=0.2)
    other = llama_profile(engines, SMOL, name="smol", idle_timeout=0.2)
    r = routed([tiny, other])
    server = r.supervisor.server(tiny)
    server.start()
    assert server.wait_ready(60)
    assert r.chat("tiny").status_code == 200
    assert r.chat("smol").status_code == 200
    wait_until(lambda: r.state("smol") is ServerState.STOPPED, timeout=15, what="smol unloaded")
    assert r.state("tiny") is ServerState.READY


def test_when_the_gpu_is_short_the_least_recently_used_server_is_stopped_first(
    engines: EngineKit, routed: Callable[..., Routed]
) -> None:
    tiny = llama_profile(engines, name="tiny")
    tiny2 = llama_profile(engines, name="tiny2")
    smol = llama_profile(engines, SMOL, name="smol")
    need = estimated_need(smol)
    assert need > 0
    gpu = FakeGpu(memory_total=need + 100 * MiB, memory_used=0)
    r = routed([tiny, tiny2, smol], nvml=Nvml(FakeNvml([gpu]), load_file=None))
    assert r.chat("tiny").status_code == 200
    assert r.chat("tiny2").status_code == 200
    assert r.chat("tiny").status_code == 200  # tiny2 is now the least recently used
    # What NVML would show: each tiny server holds half of what smol needs.
    held = need // 2 + 10 * MiB
    gpu.compute_processes = [
        FakeProcess(r.supervisor.get(name).server_pids()[0], held)  # type: ignore[union-attr]
        for name in ("tiny", "tiny2")
    ]
    gpu.memory_used = 2 * held
    answer = r.chat("smol")
    assert answer.status_code == 200, answer.text
    assert r.router.pool.evicted == ["tiny2", "tiny"]  # LRU first, until smol fits
    assert r.state("tiny") is ServerState.STOPPED and r.state("tiny2") is ServerState.STOPPED


def test_a_pinned_server_is_not_evicted_and_the_start_goes_ahead(
    engines: EngineKit, routed: Callable[..., Routed]
) -> None:
    tiny = llama_profile(engines, name="tiny")
    smol = llama_profile(engines, SMOL, name="smol")
    need = estimated_need(smol)
    gpu = FakeGpu(memory_total=need, memory_used=0)
    r = routed([tiny, smol], nvml=Nvml(FakeNvml([gpu]), load_file=None))
    r.router.pin("tiny")
    assert r.chat("tiny").status_code == 200
    gpu.compute_processes = [FakeProcess(r.supervisor.get("tiny").server_pids()[0], need // 2)]  # type: ignore[union-attr]
    gpu.memory_used = need // 2
    assert r.chat("smol").status_code == 200
    assert r.router.pool.evicted == []
    assert r.state("tiny") is ServerState.READY
    assert any(note.startswith("smol may not fit") for note in r.router.notes)


def test_a_client_that_goes_away_cancels_the_generation(
    engines: EngineKit, routed: Callable[..., Routed]
) -> None:
    r = routed([llama_profile(engines, SMOL, name="smol", args=["-c", "2048", "-t", "2"])])
    body = {
        "model": "smol",
        "messages": [{"role": "user", "content": "Count to a thousand."}],
        "max_tokens": 1500,
        "ignore_eos": True,
        "stream": True,
    }
    with (
        httpx.Client(timeout=120) as client,
        client.stream("POST", r.url + "/v1/chat/completions", json=body) as answer,
    ):
        assert answer.status_code == 200
        first = next(answer.iter_raw())
        assert first.startswith(b"data:")
    server = r.supervisor.get("smol")
    assert server is not None
    wait_until(
        lambda: any("cancel task" in line for line in server.log.texts(50)),
        timeout=20,
        what="llama-server cancels the task",
    )
    record = r.last_record()
    assert record.status == 499 and record.tokens < 1500
    slots = httpx.get(server.profile.base_url + "/slots").json()
    assert not any(slot["is_processing"] for slot in slots)


def test_upstream_errors_pass_through_unchanged(
    engines: EngineKit, routed: Callable[..., Routed]
) -> None:
    tiny = llama_profile(engines, name="tiny")
    r = routed([tiny])
    bad = {"model": "tiny", "messages": "not a list"}
    through = httpx.post(r.url + "/v1/chat/completions", json=bad, timeout=60)
    direct = httpx.post(tiny.base_url + "/v1/chat/completions", json=bad, timeout=60)
    assert through.status_code == direct.status_code >= 400
    assert through.json() == direct.json()
    assert through.headers["content-type"] == direct.headers["content-type"]
    assert r.last_record().status == direct.status_code


def test_streaming_passes_every_event_and_counts_tokens(
    engines: EngineKit, routed: Callable[..., Routed]
) -> None:
    tiny = llama_profile(engines, name="tiny")
    r = routed([tiny])
    body = {
        "model": "tiny",
        "messages": [{"role": "user", "content": "Hi"}],
        "max_tokens": 24,
        "ignore_eos": True,
        "stream": True,
        "stream_options": {"include_usage": True},
        "temperature": 0,
        "seed": 1,
    }
    through = httpx.post(r.url + "/v1/chat/completions", json=body, timeout=60)
    direct = httpx.post(tiny.base_url + "/v1/chat/completions", json=body, timeout=60)

    def contents(text: str) -> list[str]:
        found = []
        for line in text.splitlines():
            if line.startswith("data: {"):
                for choice in json.loads(line[6:]).get("choices", []):
                    found.append(choice["delta"].get("content") or "")
        return found

    assert through.headers["content-type"].startswith("text/event-stream")
    assert contents(through.text) == contents(direct.text)
    assert through.text.rstrip().endswith("data: [DONE]")
    record = r.last_record()
    assert record.tokens == 24 and record.ttft is not None and record.tokens_per_second
    assert record.streamed and record.first_token == record.ttft

    # One JSON body: its first byte comes with its last, so no time to first token, and
    # the speed is over the whole request (the time after the first byte gave 80,000/s).
    whole = httpx.post(r.url + "/v1/chat/completions", json={**body, "stream": False}, timeout=60)
    assert whole.status_code == 200
    record = r.last_record()
    assert record.tokens == 24 and not record.streamed and record.first_token is None
    assert record.duration is not None
    assert record.tokens_per_second == pytest.approx(24 / record.duration)


def test_a_transcription_goes_to_whisper_by_its_form_model(
    engines: EngineKit, routed: Callable[..., Routed]
) -> None:
    whisper = whisper_profile(engines, name="whisper", args=["-t", "2"])
    r = routed([llama_profile(engines, name="tiny"), whisper])
    with open(engines.model("jfk.wav"), "rb") as audio:
        wav = audio.read()
    for route in ("/v1/audio/transcriptions", "/inference"):
        answer = httpx.post(
            r.url + route,
            data={"model": "whisper", "response_format": "json"},
            files={"file": ("jfk.wav", wav, "audio/wav")},
            timeout=120,
        )
        assert answer.status_code == 200, answer.text
        assert "ask not what your country" in answer.json()["text"].lower()
    assert r.state("tiny") is ServerState.STOPPED
    record = r.last_record()
    assert record.profile == "whisper" and ("file", "@jfk.wav") in record.form


def test_an_attached_server_is_routed_to_never_started_and_a_dead_one_is_a_502(
    engines: EngineKit, routed: Callable[..., Routed]
) -> None:
    tiny = llama_profile(engines, name="tiny")
    with running(tiny) as server:
        attached = ServerProfile(
            name="elsewhere", engine=Engine.LLAMA_CPP, attach_url=tiny.base_url
        )
        dead = ServerProfile(
            name="gone", engine=Engine.LLAMA_CPP, attach_url=f"http://127.0.0.1:{pick_free_port()}"
        )
        r = routed([attached, dead])
        answer = httpx.post(
            r.url + "/v1/completions",
            json={"model": "elsewhere", "prompt": "Once", "max_tokens": 3},
            timeout=60,
        )
        assert answer.status_code == 200, answer.text
        assert answer.json()["choices"][0]["text"]
        assert r.supervisor.get("elsewhere") is None  # nothing was started for it
        assert server.state is ServerState.READY
        listed = {m["id"]: m["state"] for m in httpx.get(r.url + "/v1/models").json()["data"]}
        assert listed == {"elsewhere": "attached", "gone": "attached"}
        failed = r.chat("gone")
        assert failed.status_code == 502
        assert "gone at http://127.0.0.1:" in failed.json()["error"]["message"]


def test_a_model_of_a_router_mode_llama_server_reaches_it_by_its_own_name(
    engines: EngineKit, routed: Callable[..., Routed], tmp_path: Path
) -> None:
    folder = tmp_path / "models"
    folder.mkdir()
    for name in ("tiny-llama.gguf", SMOL):
        (folder / name).symlink_to(engines.model(name))
    many = ServerProfile(
        name="many", engine=Engine.LLAMA_CPP, executable=engines.llama_server,
        port=pick_free_port(), args=["--models-dir", str(folder), "-c", "512", "-t", "2"],
        ready_timeout=60.0, stop_grace=5.0,
    )  # fmt: skip
    r = routed([llama_profile(engines, name="tiny"), many])
    answer = r.chat("SmolLM2-135M-Instruct.Q4_1")  # a file in its folder, not a profile
    assert answer.status_code == 200, answer.text
    assert answer.json()["choices"][0]["message"]["content"]
    assert r.state("many") is ServerState.READY and r.state("tiny") is ServerState.STOPPED
    assert r.last_record().profile == "many"
    unknown = r.chat("not-in-the-folder")
    assert unknown.status_code == 404
