"""The vLLM adapter and the supervisor against a real vLLM 0.32 on the CPU (tiny-llama).

Facts measured on these machines are in ../shared/vllm/README.md. Each vLLM start costs
20-70 s (on 2 busy cores) and 1.8 GB, so the tests that leave the server running share
one (``shared``), and only what has to end a server starts one of its own: Stop (the last
test on the shared one), SIGKILL of a supervising process, of ``inference-panel serve``,
and of the API server alone. None uses VLLM_ENABLE_V1_MULTIPROCESSING=0: that hides the
engine core, whose survival is the point of the orphan tests.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import httpx
import psutil
import pytest

from panel.core.chat.client import ChatClient, ChatDelta, ChatError
from panel.core.chat.payload import ChatMessage, build_chat_request
from panel.core.config.profiles import Engine, ServerProfile
from panel.core.config.store import Config, ConfigStore
from panel.core.engines import adapter_for
from panel.core.servers.exit_reasons import LAST_LINES, last_lines, run_outcome
from panel.core.servers.logbuffer import LogBuffer
from panel.core.servers.ports import pick_free_port
from panel.core.servers.server_state import ServerState, StateChange
from panel.core.servers.supervisor import ServerProcess, Supervisor
from tests.conftest import (
    ROOT,
    VLLM_TEST_ARGS,
    VLLM_TEST_ENV,
    VllmKit,
    pids_alive,
    ready_driver,
    wait_until,
)

# Starting is slow on two shared cores (70 s seen under load); the suite's 120 s per test
# would count the shared server's start against whichever test comes first.
pytestmark = [pytest.mark.real_vllm, pytest.mark.timeout(600)]

READY_TIMEOUT = 300.0
KEY = "vllm-test-key-7f3a"  # a value no log line or argv could hold by chance
KEY_VAR = "PANEL_TEST_VLLM_KEY"
SERVED = "tiny"


def vllm_profile(kit: VllmKit, **fields: object) -> ServerProfile:
    """The tiny Llama served as ``tiny``, with the settings a 2-core CPU machine needs."""
    base: dict[str, object] = dict(
        name="tiny-vllm", engine=Engine.VLLM, executable=kit.vllm,
        model=kit.model("tiny-llama"), port=pick_free_port(),
        args=["--served-model-name", SERVED, *VLLM_TEST_ARGS], env=dict(VLLM_TEST_ENV),
        ready_timeout=READY_TIMEOUT, stop_grace=15.0,
    )  # fmt: skip
    base.update(fields)
    return ServerProfile(**base)  # type: ignore[arg-type]


# -- the processes of a vLLM tree --------------------------------------------------------


def cmdline(pid: int) -> list[str]:
    with open(f"/proc/{pid}/cmdline", "rb") as f:
        return [word.decode(errors="replace") for word in f.read().split(b"\0") if word]


def role_of(pid: int) -> str:
    """What a process of a vLLM tree is, from its command line (vLLM retitles its own)."""
    words = cmdline(pid)
    line = " ".join(words)
    if line.startswith("VLLM::EngineCore"):
        return "engine-core"
    if line.startswith("VLLM::Worker"):
        return "worker"
    if "resource_tracker" in line:
        return "resource-tracker"
    if len(words) > 2 and words[1].endswith("/vllm") and words[2] == "serve":
        return "api-server"
    return line[:80]


def roles(pids: list[int]) -> dict[str, int]:
    found: dict[str, int] = {}
    for pid in pids:
        try:
            found[role_of(pid)] = pid
        except OSError:
            continue  # ended meanwhile
    return found


VLLM_TREE = {"api-server", "resource-tracker", "engine-core", "worker"}


def assert_whole_tree(found: dict[str, int]) -> None:
    # The worker is renamed VLLM::Worker only once it runs; by ready it has.
    assert set(found) == VLLM_TREE, found


# -- the shared server -------------------------------------------------------------------


@dataclass
class Startup:
    """What was seen while the shared server started."""

    server: ServerProcess
    changes: list[StateChange] = field(default_factory=list)
    # /health as an outside client saw it, every 0.1 s until the first 200.
    probes: list[str] = field(default_factory=list)
    health_at_ready: list[int] = field(default_factory=list)


def watch_health(url: str, seen: list[str], done: threading.Event) -> None:
    with httpx.Client(trust_env=False, timeout=5) as client:
        while not done.is_set():
            try:
                code = client.get(url).status_code
            except httpx.ConnectError:
                seen.append("refused")
            except httpx.HTTPError as exc:
                seen.append(type(exc).__name__)
            else:
                seen.append(str(code))
                if code == 200:
                    return
            done.wait(0.1)


@pytest.fixture(scope="module")
def shared(vllm_kit: VllmKit, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Startup]:
    """One vLLM with an API key, started by a ServerProcess and watched from its start.

    Started from a working folder that holds an ``enum.py``, as a user's folder may: vLLM's
    EngineCore is a ``python -c`` child, which would import it (found with /tmp/enum.py).
    """
    poisoned = tmp_path_factory.mktemp("working-folder")
    (poisoned / "enum.py").write_text("raise ImportError('the working folder is on sys.path')\n")
    profile = vllm_profile(vllm_kit, api_key_ref=f"env:{KEY_VAR}")
    server = ServerProcess(profile, environ={**os.environ, KEY_VAR: KEY})
    seen = Startup(server)

    def on_state(_: ServerProcess, change: StateChange) -> None:
        seen.changes.append(change)
        if change.state is ServerState.READY:  # what the server answers at that moment
            seen.health_at_ready.append(
                httpx.get(profile.base_url + "/health", trust_env=False, timeout=5).status_code
            )

    server.add_state_listener(on_state)
    done = threading.Event()
    prober = threading.Thread(
        target=watch_health, args=(profile.base_url + "/health", seen.probes, done), daemon=True
    )
    prober.start()
    try:
        with contextlib.chdir(poisoned):
            server.start()
        if not server.wait_ready(READY_TIMEOUT + 10):
            pytest.fail(f"vLLM did not become ready: {server.log.texts(60)}")
        yield seen
    finally:
        done.set()
        prober.join(10)
        server.stop_and_wait(60)


def log_texts(server: ServerProcess) -> list[str]:
    return [line.text for line in server.log.tail()]


def test_refused_until_ready_then_200_and_the_panel_says_ready_only_then(
    shared: Startup,
) -> None:
    server = shared.server
    codes = shared.probes
    assert codes[-1] == "200", codes
    before = codes[:-1]
    # No 503 phase: vLLM binds late; until then the port refuses.
    assert before and set(before) == {"refused"}, codes
    states = [c.state for c in shared.changes]
    assert states[0] is ServerState.STARTING and states[-1] is ServerState.READY, states
    assert states.count(ServerState.READY) == 1
    assert shared.health_at_ready == [200]
    assert not [t for t in log_texts(server) if t.startswith("health check:")]
    port = server.profile.port
    # The server's own start-up lines reach the panel's log. (Not necessarily in their
    # order: vLLM logs to stdout, uvicorn to stderr, and each pipe has its reader.)
    wanted = [f"Starting vLLM server on http://127.0.0.1:{port}", "Application startup complete."]
    wait_until(
        lambda: all(any(w in t for t in log_texts(server)) for w in wanted),
        timeout=5,
        what=f"{wanted} in the log",
    )
    assert any(t.startswith("ready after") for t in log_texts(server))


# Phases in the order the CPU build's log shows them (see panel/core/engines/vllm.py).
CPU_PHASES = [
    "reading the model config",
    "starting the engine",
    "loading weights",
    "sizing the KV cache",
    "starting the API server",
]


def test_load_phases_come_from_the_real_log_lines(shared: Startup) -> None:
    phases: list[str] = []
    fractions: list[float] = []
    for change in shared.changes:
        if change.state is ServerState.LOADING and change.progress is not None:
            if not phases or phases[-1] != change.progress.phase:
                phases.append(change.progress.phase)
            if change.progress.fraction is not None:
                fractions.append(change.progress.fraction)
    assert phases == CPU_PHASES
    assert fractions and fractions[-1] == 1.0  # the shards' bar, full
    # Every line of the real log read again: the same phases, and nothing to report
    # after start-up (the request log lines are no phase).
    adapter = adapter_for(Engine.VLLM)
    texts = log_texts(shared.server)
    end = max(
        i
        for i, t in enumerate(texts)
        if "Application startup complete." in t or "Starting vLLM server on" in t
    )
    again: list[str] = []
    for text in texts[: end + 1]:
        progress = adapter.parse_progress(text)
        if progress is not None and (not again or again[-1] != progress.phase):
            again.append(progress.phase)
    assert again == CPU_PHASES
    assert [t for t in texts[end + 1 :] if adapter.parse_progress(t)] == []


def test_the_api_key_goes_by_environment_only(shared: Startup) -> None:
    server = shared.server
    url = server.profile.base_url
    assert server.pid is not None
    tree = [server.pid, *server.server_pids()]
    found = roles(tree[1:])
    assert_whole_tree(found)
    for pid in tree:  # the guard's argv holds the server's argv too
        assert not any(KEY in word for word in cmdline(pid)), (pid, cmdline(pid))
        assert "--api-key" not in cmdline(pid)
    environ = psutil.Process(found["api-server"]).environ()
    assert environ.get("VLLM_API_KEY") == KEY
    assert not any(KEY in t for t in log_texts(server))
    assert KEY not in server.launch_plan().shell_line()
    # /health stays open; the API does not.
    assert httpx.get(url + "/health", trust_env=False).status_code == 200
    refused = httpx.get(url + "/v1/models", trust_env=False)
    assert refused.status_code == 401 and refused.json() == {"error": "Unauthorized"}
    request = build_chat_request(
        [ChatMessage("user", "Hello")], model=SERVED, temperature=0.0, max_tokens=4
    )
    with ChatClient(url) as client, pytest.raises(ChatError) as failed:
        client.stream_chat(request, lambda d: None)
    assert failed.value.status == 401 and "API key" in str(failed.value)
    with ChatClient(url, api_key=KEY) as client:
        assert client.models() == [SERVED]
        assert client.stream_chat(request, lambda d: None).completion_tokens


class Tap(httpx.BaseTransport):
    """A real HTTP transport that keeps a copy of every response body it streams."""

    def __init__(self) -> None:
        self._inner = httpx.HTTPTransport()
        self.body = bytearray()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self._inner.handle_request(request)
        tap = self

        class Copying(httpx.SyncByteStream):
            def __iter__(self) -> Iterator[bytes]:
                assert isinstance(response.stream, httpx.SyncByteStream)
                for chunk in response.stream:
                    tap.body += chunk
                    yield chunk

            def close(self) -> None:
                response.close()

        return httpx.Response(
            response.status_code,
            headers=response.headers,
            stream=Copying(),
            extensions=response.extensions,
        )

    def close(self) -> None:
        self._inner.close()


def test_a_streamed_answer_brings_its_usage_and_ends_at_done(shared: Startup) -> None:
    request = build_chat_request(
        [ChatMessage("user", "Say something.")], model=SERVED, temperature=0.0, max_tokens=12
    )
    assert request["stream_options"] == {"include_usage": True}
    tap = Tap()
    deltas: list[ChatDelta] = []
    with ChatClient(shared.server.profile.base_url, api_key=KEY, transport=tap) as client:
        result = client.stream_chat(request, deltas.append)
    events = [
        line[len("data: ") :] for line in tap.body.decode().split("\n") if line.startswith("data:")
    ]
    assert events[-1] == "[DONE]"
    usage_chunk = json.loads(events[-2])
    assert usage_chunk["choices"] == []  # the usage comes on a chunk of its own, last
    usage = usage_chunk["usage"]
    assert result.prompt_tokens == usage["prompt_tokens"] > 0
    assert result.completion_tokens == usage["completion_tokens"]
    assert 1 <= usage["completion_tokens"] <= 12
    if result.finish_reason == "length":
        assert usage["completion_tokens"] == 12
    else:
        assert result.finish_reason == "stop"
    streamed = "".join(
        choice["delta"].get("content") or ""
        for chunk in map(json.loads, events[:-1])
        for choice in chunk["choices"]
    )
    assert result.text == "".join(d.text for d in deltas) == streamed
    assert result.ttft is not None and result.total >= result.ttft


def test_stop_ends_the_whole_tree(shared: Startup) -> None:
    """Last on the shared server: Stop."""
    server = shared.server
    assert server.pid is not None
    pids = [server.pid, *server.server_pids()]
    assert_whole_tree(roles(pids[1:]))
    started = time.monotonic()
    outcome = server.stop_and_wait(60)
    took = time.monotonic() - started
    assert outcome is not None and outcome.requested, server.log.texts(30)
    assert (outcome.exit_code, outcome.signal) == (0, None)  # vLLM ends cleanly on SIGTERM
    assert server.state is ServerState.STOPPED
    assert pids_alive(pids) == []  # gone by the time the panel says stopped
    assert took < server.profile.stop_grace, f"vLLM took {took:.1f} s to stop on SIGTERM"
    with pytest.raises(httpx.ConnectError):
        httpx.get(server.profile.base_url + "/health", trust_env=False)


# Lines of a real start that failed (--kv-cache-memory-bytes 100K): the engine core's error,
# its traceback twice (logged, then printed by multiprocessing), and the API server's own
# traceback of 60 lines, whose last words send the reader "above".
ENGINE_ERROR = (
    "(EngineCore pid=26846) ERROR 12-05 10:07:30 [core.py:1510] ValueError: No available "
    "memory for the cache blocks. Try increasing `gpu_memory_utilization` when initializing "
    "the engine (this flag also controls CPU memory reservation on the CPU backend, despite "
    "its name). See https://docs.vllm.ai/en/latest/configuration/conserving_memory/ for more "
    "details."
)
API_SERVER_FRAME = [
    '  File "/v/lib/python3.11/site-packages/vllm/v1/engine/utils.py", line 1351, in '
    "launch_core_engines",
    "    wait_for_engine_startup(",
]
API_SERVER_END = [
    "RuntimeError: Engine core initialization failed. See root cause above. Failed core "
    "proc(s): {'EngineCore': 1}",
    "/usr/lib/python3.11/multiprocessing/resource_tracker.py:254: UserWarning: "
    "resource_tracker: There appear to be 1 leaked shared_memory objects to clean up at "
    "shutdown",
    "  warnings.warn('resource_tracker: There appear to be %d '",
]


def failed_start_outcome(engine_error: str) -> tuple[str, tuple[str, ...]]:
    log = LogBuffer()
    lines = [engine_error, "Traceback (most recent call last):", *API_SERVER_FRAME * 30]
    log.append("stdout", [(line, False) for line in [*lines, *API_SERVER_END]])
    adapter = adapter_for(Engine.VLLM)
    outcome = run_outcome(
        1, stop_requested=False, fail_reason=None, last=last_lines(log, adapter),
        ran_for=50.0, plan=None, adapter=adapter,
    )  # fmt: skip
    return outcome.reason, outcome.last_lines


def test_an_engine_that_fails_to_start_is_explained_by_its_root_cause() -> None:
    reason, kept = failed_start_outcome(ENGINE_ERROR)
    assert reason.startswith("no memory is left for the KV cache"), reason
    assert "--kv-cache-memory-bytes" in reason
    assert len(kept) == LAST_LINES and ENGINE_ERROR not in kept  # what the banner shows
    # An error the adapter knows nothing of: the root cause, not "see above".
    other = ENGINE_ERROR.split("ValueError")[0] + "NotImplementedError: no kernel for fp8"
    reason, _ = failed_start_outcome(other)
    assert reason == "vLLM's engine failed to start: NotImplementedError: no kernel for fp8"


# The end of a real run whose engine core was SIGKILLed while it served: the API server
# shuts down and exits 0, its worker still running (the guard stops it).
ENGINE_DEATH = [
    "(APIServer pid=2214) INFO 12-05 10:26:36 [utils.py:628] [shutdown] Process manager: send "
    "sigterm to process EngineCore",
    "(APIServer pid=2214) WARNING 12-05 10:26:36 [core_client.py:817] [shutdown] MPClient: "
    "engine core exited unexpectedly; starting cleanup",
    "(APIServer pid=2214) ERROR 12-05 10:26:36 [async_llm.py:906] AsyncLLM output_handler failed.",
    "(APIServer pid=2214) ERROR 12-05 10:26:36 [async_llm.py:906] "
    "vllm.v1.engine.exceptions.EngineDeadError: EngineCore encountered an issue. See stack "
    "trace (above) for the root cause.",
    "INFO:     Shutting down",
    "INFO:     Waiting for application shutdown.",
    "INFO:     Application shutdown complete.",
    "INFO:     Finished server process [2214]",
]


def test_an_engine_core_that_died_is_named_though_vllm_exits_0() -> None:
    reason = adapter_for(Engine.VLLM).explain_exit(0, None, ENGINE_DEATH)
    assert reason.startswith("vLLM's engine core process died"), reason


# -- servers of their own: what kills one -----------------------------------------------

DRIVER = """
import json, pickle, sys, threading
from panel.core.servers.supervisor import ServerProcess
server = ServerProcess(pickle.loads(bytes.fromhex(sys.argv[1])))
server.start()
assert server.wait_ready(float(sys.argv[2])), server.log.texts(60)
print("READY", json.dumps([server.pid, *server.server_pids()]), flush=True)
threading.Event().wait()
"""


def test_a_sigkilled_supervising_process_leaves_no_engine_core_or_worker(
    vllm_kit: VllmKit,
) -> None:
    profile = vllm_profile(vllm_kit)
    hex_profile = pickle.dumps(profile).hex()
    with ready_driver(DRIVER, hex_profile, str(READY_TIMEOUT)) as (driver, pids):
        sigkill_leaves_no_survivors(driver, json.loads(pids), profile.stop_grace)


def sigkill_leaves_no_survivors(
    parent: subprocess.Popen[str], pids: list[int], grace: float
) -> None:
    """pids are the guard and its whole engine tree; SIGKILL to their parent leaves none.

    The guard sees its lifeline close: SIGTERM to the group, SIGKILL after the grace.
    """
    found = roles(pids[1:])
    assert_whole_tree(found)
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait(10)
    wait_until(
        lambda: not pids_alive(pids),
        timeout=grace + 10,
        what=f"no survivors of {found}",
    )


def read_lines(pipe: object, into: queue.Queue[str]) -> None:
    for line in pipe:  # type: ignore[attr-defined]
        into.put(line)
    into.put("")  # EOF


def test_a_sigkilled_serve_command_leaves_no_engine_core_or_worker(
    vllm_kit: VllmKit,
) -> None:
    profile = vllm_profile(vllm_kit)
    ConfigStore().save(Config(profiles=[profile]))  # the test's own config dir
    serve = subprocess.Popen(
        [sys.executable, "-m", "panel", "serve", profile.name],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    lines: queue.Queue[str] = queue.Queue()
    assert serve.stdout is not None
    reader = threading.Thread(target=read_lines, args=(serve.stdout, lines), daemon=True)
    reader.start()
    out: list[str] = []
    try:
        deadline = time.monotonic() + READY_TIMEOUT + 10
        while not any(t.startswith("[panel] READY:") for t in out):
            line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            assert line, f"serve ended before ready: {out[-30:]}"
            out.append(line)
        # The CLI shows vLLM's own start-up lines.
        assert any(f"Starting vLLM server on {profile.base_url}" in t for t in out)
        [guard] = psutil.Process(serve.pid).children()
        pids = [guard.pid, *(p.pid for p in guard.children(recursive=True))]
        sigkill_leaves_no_survivors(serve, pids, profile.stop_grace)
    finally:
        if serve.poll() is None:
            serve.kill()
            serve.wait()
        reader.join(10)
        serve.stdout.close()


def test_a_sigkilled_api_server_is_a_crash_and_its_engine_goes_too(
    vllm_kit: VllmKit,
) -> None:
    """SIGKILL of vLLM's API server alone leaves its engine core and worker running (they
    keep its process group): the panel must end them and say what happened."""
    supervisor = Supervisor()
    server = supervisor.server(vllm_profile(vllm_kit))
    server.start()
    try:
        assert server.wait_ready(READY_TIMEOUT + 10), server.log.texts(60)
        pids = server.server_pids()
        found = roles(pids)
        assert_whole_tree(found)
        os.kill(found["api-server"], signal.SIGKILL)
        outcome = server.wait(30)
        assert outcome is not None, server.log.texts(30)
        assert pids_alive(pids) == []  # gone by the time the panel says crashed
        assert server.state is ServerState.CRASHED
        assert not outcome.requested and outcome.signal == signal.SIGKILL
        assert "SIGKILL" in outcome.reason
        texts = log_texts(server)
        assert any("left behind" in t and "VLLM::EngineCore" in t for t in texts), texts[-10:]
        assert supervisor.running() == []
    finally:
        supervisor.stop_all(60)
