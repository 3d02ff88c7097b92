"""llama-server's own router mode: recognising the profile, reading its model list and
events, loading and unloading against the real llama-server with two models."""

from __future__ import annotations

import os
import signal
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from panel.core.config.profiles import Engine, ServerProfile
from panel.core.engines.llama_router import (
    ModelEvent,
    ModelState,
    RouterModel,
    RouterReplyError,
    apply_event,
    child_lines,
    disk_model_names,
    explain_failure,
    is_router_mode,
    parse_event,
    parse_models,
)
from panel.core.engines.llama_router_client import LlamaRouterClient, RouterModelError
from panel.core.servers.ports import pick_free_port
from panel.core.servers.preflight import model_problem, preflight
from panel.core.servers.supervisor import ServerProcess
from tests.conftest import EngineKit, pids_alive, ready_driver, running, wait_until

TINY = "tiny-llama"
SMOL = "SmolLM2-135M-Instruct.Q4_1"


def router_profile(models: Path, executable: str = "llama-server", **kw: object) -> ServerProfile:
    base: dict[str, object] = dict(
        name="llama router", engine=Engine.LLAMA_CPP, executable=executable,
        port=pick_free_port(), args=["--models-dir", str(models), "-c", "512", "-t", "2"],
        ready_timeout=60.0, stop_grace=5.0,
    )  # fmt: skip
    base.update(kw)
    return ServerProfile(**base)  # type: ignore[arg-type]


def models_folder(root: Path, engines: EngineKit, *names: str) -> Path:
    folder = root / "models"
    folder.mkdir()
    for name in names:
        (folder / name).symlink_to(engines.model(name))
    return folder


# -- recognising a router-mode profile -------------------------------------------------
@pytest.mark.parametrize(
    ("model", "args", "env", "router"),
    [
        ("", ["--models-dir", "/m"], {}, True),
        ("", ["--models-preset", "/p.ini"], {}, True),
        ("", ["--models-dir=/m"], {}, True),
        ("", [], {"LLAMA_ARG_MODELS_DIR": "/m"}, True),
        ("/m/x.gguf", ["--models-dir", "/m"], {}, False),  # a model of its own: no router
        ("", ["--models-dir", "/m", "-hf", "ggml-org/x"], {}, False),
        ("", ["-c", "512"], {}, False),  # no model, no folder: not ours to call a router
    ],
)
def test_router_mode_is_no_model_and_a_folder_or_preset(
    model: str, args: list[str], env: dict[str, str], router: bool
) -> None:
    profile = ServerProfile("p", Engine.LLAMA_CPP, model=model, args=args, env=env)
    assert is_router_mode(profile) is router
    assert not is_router_mode(profile.copy(engine=Engine.VLLM))


def test_preflight_asks_a_router_profile_for_its_folder_not_a_model(tmp_path: Path) -> None:
    folder = tmp_path / "models"
    folder.mkdir()
    profile = router_profile(folder, executable="/bin/true")
    assert model_problem(profile) is None
    codes = [p.code for p in preflight(profile, check_port=False, probe_runtime=False)]
    assert "missing-model" not in codes
    gone = model_problem(router_profile(tmp_path / "nowhere"))
    assert gone is not None and gone.code == "missing-model"
    assert "--models-dir not found" in gone.message and "nowhere" in gone.message
    a_file = tmp_path / "file.gguf"
    a_file.write_bytes(b"GGUF")
    not_dir = model_problem(router_profile(a_file))
    assert not_dir is not None and "not a folder" in not_dir.message
    # A plain llama-server profile with no model is still told to choose one.
    plain = model_problem(ServerProfile("p", Engine.LLAMA_CPP))
    assert plain is not None and plain.code == "missing-model"


def test_model_names_read_from_the_folder_and_the_preset(tmp_path: Path) -> None:
    folder = tmp_path / "models"
    (folder / "vision").mkdir(parents=True)
    (folder / "vision" / "model.gguf").write_bytes(b"")
    (folder / "empty").mkdir()
    (folder / "b-model.gguf").write_bytes(b"")
    (folder / "a model.gguf").write_bytes(b"")
    (folder / "notes.txt").write_text("x")
    preset = tmp_path / "presets.ini"
    preset.write_text("[*]\nthreads = 2\n\n[chat-small]\nmodel = /x.gguf\n\n[b-model]\nc = 1\n")
    profile = router_profile(
        folder, args=["--models-dir", str(folder), "--models-preset", str(preset)]
    )
    assert disk_model_names(profile) == ["a model", "b-model", "vision", "chat-small"]
    # Kept until the folder changes (its modification time: set here, a tick may be coarse).
    (folder / "c-model.gguf").write_bytes(b"")
    before = folder.stat().st_mtime_ns
    os.utime(folder, ns=(before, before + 10**9))
    assert disk_model_names(profile) == ["a model", "b-model", "c-model", "vision", "chat-small"]
    assert disk_model_names(ServerProfile("p", Engine.LLAMA_CPP, model="/x.gguf")) == []
    broken = tmp_path / "broken.ini"
    broken.write_text("model = /no/section.gguf\n")  # the server would refuse it too
    assert (
        disk_model_names(router_profile(tmp_path / "none", args=["--models-preset", str(broken)]))
        == []
    )


# -- reading the replies ---------------------------------------------------------------
def _entry(model: str, status: dict[str, object]) -> dict[str, object]:
    return {"id": model, "aliases": [], "object": "model", "source": "models_dir", "status": status}


def test_the_model_list_as_the_real_server_words_it() -> None:
    args = ["llama-server", "--host", "127.0.0.1", "--port", "44911", "--alias", TINY]
    payload = {
        "object": "list",
        "data": [
            _entry(SMOL, {"value": "unloaded", "args": [*args[:4], "0"]}),
            _entry(TINY, {"value": "loaded", "args": args}),
            _entry("broken", {"value": "unloaded", "exit_code": 1, "failed": True}),
            _entry("next", {"value": "loading"}),
            {"no": "id"},
        ],
    }
    models = parse_models(payload)
    assert [(m.id, m.state, m.port) for m in models] == [
        (SMOL, ModelState.UNLOADED, None),
        (TINY, ModelState.LOADED, 44911),
        ("broken", ModelState.FAILED, None),
        ("next", ModelState.LOADING, None),
    ]
    assert models[2].exit_code == 1 and models[2].label() == "failed"
    for bad in ({"error": "x"}, [], "text", {"data": {}}):
        with pytest.raises(RouterReplyError):
            parse_models(bad)


def test_load_events_carry_progress_and_failures() -> None:
    loading = parse_event(
        '{"model":"m","event":"status_change","data":{"status":"loading",'
        '"progress":{"stages":["text_model"],"current":"text_model","value":0.4}}}'
    )
    assert loading == ModelEvent("m", ModelState.LOADING, 0.4)
    failed = parse_event(
        '{"model":"m","event":"status_change","data":{"status":"unloaded","exit_code":1}}'
    )
    assert failed == ModelEvent("m", ModelState.FAILED, None, 1)
    unloaded = parse_event(
        '{"model":"m","event":"status_change","data":{"status":"unloaded","exit_code":0}}'
    )
    assert unloaded is not None and unloaded.state is ModelState.UNLOADED
    assert parse_event("not json") is None
    assert parse_event('{"model":"m","data":{"status":"downloading"}}') is None
    models = [RouterModel("m", ModelState.UNLOADED), RouterModel("n", ModelState.LOADED)]
    after = apply_event(models, loading)
    assert after[0].state is ModelState.LOADING and after[0].progress == 0.4
    assert after[0].label() == "loading 40 %" and after[1] == models[1]


def test_a_failure_is_explained_by_its_childs_lines_in_the_log() -> None:
    lines = [
        "0.01 I srv load: spawning server instance with name=broken on port 59535",
        "[59535] 0.00.012 E gguf_init_from_reader: invalid magic characters",
        "[59535] 0.00.013 E srv  llama_server: exiting due to model loading error",
        "[60001] 0.00.010 I srv  llama_server: listening on http://127.0.0.1:60001",
    ]
    assert (
        child_lines(lines, 59535)[-1]
        == "0.00.013 E srv  llama_server: exiting due to model loading error"
    )
    model = RouterModel("broken", ModelState.FAILED, exit_code=1, port=59535)
    assert "model failed to load" in explain_failure(model, lines)
    assert "exited with code 1" in explain_failure(
        RouterModel("x", ModelState.FAILED, exit_code=1), []
    )


def test_client_errors_read_as_advice() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/models":
            return httpx.Response(200, text="<html>hello</html>")
        if request.url.path == "/models/unload":
            body = {"error": {"code": 400, "message": "model is not running"}}
            return httpx.Response(400, json=body)
        return httpx.Response(404, json={"error": {"message": "File Not Found", "code": 404}})

    profile = router_profile(Path("/m"))
    with LlamaRouterClient(profile, transport=httpx.MockTransport(answer)) as client:
        with pytest.raises(RouterModelError, match="router mode"):
            client.models()
        with pytest.raises(RouterModelError, match="400: model is not running"):
            client.unload(TINY)
        with pytest.raises(RouterModelError, match="404: no such model here"):
            client.load("nope")
    with (
        LlamaRouterClient(profile.copy(port=pick_free_port())) as client,
        pytest.raises(RouterModelError, match="cannot connect"),
    ):
        client.models()


# -- the real llama-server -------------------------------------------------------------
pytest_engines = pytest.mark.engines


@pytest.fixture
def two_models(tmp_path: Path, engines: EngineKit) -> Path:
    return models_folder(tmp_path, engines, "tiny-llama.gguf", "SmolLM2-135M-Instruct.Q4_1.gguf")


@pytest.fixture
def router(two_models: Path, engines: EngineKit) -> Iterator[ServerProcess]:
    with running(router_profile(two_models, engines.llama_server)) as server:
        yield server


def states(client: LlamaRouterClient) -> dict[str, ModelState]:
    return {m.id: m.state for m in client.models()}


@pytest_engines
def test_real_router_loads_answers_and_unloads_a_model(router: ServerProcess) -> None:
    assert router.ready_after is not None and router.ready_after < 30  # no model to wait for
    events: list[ModelEvent] = []
    cancel = threading.Event()
    with LlamaRouterClient(router.profile) as client, LlamaRouterClient(router.profile) as watcher:
        assert states(client) == {SMOL: ModelState.UNLOADED, TINY: ModelState.UNLOADED}
        assert router.server_pids() == [router.server_pids()[0]]  # the router alone
        watching = threading.Thread(target=watcher.watch_events, args=(events.append, cancel))
        watching.start()
        try:
            client.load(TINY)
            wait_until(lambda: states(client)[TINY] is ModelState.LOADED, 30, "tiny-llama loaded")
            wait_until(lambda: any(e.state is ModelState.LOADED for e in events), 10, "the event")
        finally:
            cancel.set()
            watching.join(10)
        assert not watching.is_alive()
        assert [e.model for e in events] == [TINY] * len(events)
        assert events[0].state is ModelState.LOADING and events[-1].state is ModelState.LOADED
        assert any(e.progress is not None for e in events)
        assert states(client)[SMOL] is ModelState.UNLOADED
        # One child llama-server per loaded model, in the router's tree.
        assert len(router.server_pids()) == 2
        body = {"model": TINY, "messages": [{"role": "user", "content": "hi"}], "max_tokens": 8}
        reply = httpx.post(f"{router.profile.base_url}/v1/chat/completions", json=body, timeout=60)
        assert reply.status_code == 200, reply.text
        assert reply.json()["choices"][0]["message"]["content"] == "Hello from a tiny model."
        with pytest.raises(RouterModelError, match="already running"):
            client.load(TINY)
        child = [pid for pid in router.server_pids() if pid != router.server_pids()[0]]
        client.unload(TINY)
        wait_until(lambda: states(client)[TINY] is ModelState.UNLOADED, 30, "tiny-llama unloaded")
        wait_until(lambda: not pids_alive(child), 10, "its child gone")
        with pytest.raises(RouterModelError, match="not running"):
            client.unload(TINY)
        # Stopping the profile stops the children it loaded.
        client.load(SMOL)
        wait_until(lambda: states(client)[SMOL] is ModelState.LOADED, 30, "SmolLM2 loaded")
    pids = router.server_pids()
    assert len(pids) == 2
    router.stop_and_wait(30)
    assert pids_alive(pids) == []


@pytest_engines
def test_real_router_reports_a_model_that_fails_to_load(tmp_path: Path, engines: EngineKit) -> None:
    folder = models_folder(tmp_path, engines, "tiny-llama.gguf")
    (folder / "broken.gguf").write_bytes(b"not a gguf file at all" * 50)
    with (
        running(router_profile(folder, engines.llama_server)) as server,
        LlamaRouterClient(server.profile) as client,
    ):
        client.load("broken")
        wait_until(lambda: states(client)["broken"] is ModelState.FAILED, 30, "the failure")
        [broken] = [m for m in client.models() if m.id == "broken"]
        assert broken.exit_code == 1 and broken.port is not None
        wait_until(lambda: child_lines(server.log.texts(400), broken.port or 0), 10, "its lines")
        assert "model failed to load" in explain_failure(broken, server.log.texts(400))
        with pytest.raises(RouterModelError, match="404"):
            client.load("not-there")


ORPHAN_DRIVER = textwrap.dedent(
    """
    import sys, threading, time
    from panel.core.config.profiles import Engine, ServerProfile
    from panel.core.engines.llama_router_client import LlamaRouterClient
    from panel.core.servers.supervisor import ServerProcess
    exe, folder, port = sys.argv[1:4]
    profile = ServerProfile("router", Engine.LLAMA_CPP, executable=exe, port=int(port),
        args=["--models-dir", folder, "-c", "512", "-t", "1"], stop_grace=2.0)
    server = ServerProcess(profile)
    server.start()
    assert server.wait_ready(60)
    with LlamaRouterClient(profile) as client:
        for model in ("tiny-llama", "SmolLM2-135M-Instruct.Q4_1"):
            client.load(model)
        deadline = time.monotonic() + 60
        while any(m.state.value != "loaded" for m in client.models()):
            assert time.monotonic() < deadline
            time.sleep(0.05)
    print("READY", server.pid, *server.server_pids(), flush=True)
    threading.Event().wait()
    """
)


@pytest_engines
def test_sigkilled_panel_takes_the_router_and_every_model_server_with_it(
    two_models: Path, engines: EngineKit
) -> None:
    args = (engines.llama_server, str(two_models), str(pick_free_port()))
    with ready_driver(ORPHAN_DRIVER, *args) as (driver, pids_text):
        pids = [int(p) for p in pids_text.split()]
        # the guard, the router and its two children
        assert len(pids) == 4 and pids_alive(pids) == pids
        os.kill(driver.pid, signal.SIGKILL)
        driver.wait(10)
        wait_until(lambda: not pids_alive(pids), timeout=15, what="no survivors")
