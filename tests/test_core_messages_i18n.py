"""The core's and the CLI's messages a user meets (a refused start, a server's refusal, a
model file's problem, a load phase, a router's refusal...) in the user's language: each
goes through the catalogue.

The test catalogue marks each source string ("<中>THE SERVER REFUSED …</中>", see
tests/test_server_notes_i18n.py), so a message that is not looked up stays visibly
English; the placeholders are kept, as a translator keeps them."""

from __future__ import annotations

import struct
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from panel.core import i18n
from panel.core.chat.errors import classified
from panel.core.chat.target_check import known_without_asking
from panel.core.config.profiles import ApiKeyError, Engine, Role, ServerProfile, resolve_api_key
from panel.core.engines import adapter_for
from panel.core.engines.cuda_errors import explain_cuda_failure
from panel.core.gpu.capability import ComputeCapability
from panel.core.gpu.cuda_arch import BinaryCuda, CudaCode, arch_mismatch
from panel.core.models.discovery import whisper_ggml_problem
from panel.core.models.gguf_info import ModelFileError, read_gguf_info
from panel.core.models.memory_fit import MemoryEstimate, check_fit
from panel.core.router.names import NoProfile, resolve
from panel.core.router.records import RequestRecord
from panel.core.servers.containers.runtime import ContainerRuntime
from panel.core.servers.readiness import Probe, probe
from panel.core.servers.supervisor import ServerProcess
from panel.core.speech.audio_files import AudioFileError, decode_audio_file
from panel.core.speech.replies import http_error
from tests.catalogues import in_chinese, mark, ts_text

CATALOGUE = {
    "ServerNotes": (
        "{name} is attached to {url}; something else runs it",
        "HTTP {code} from {url}: {message}",
    ),
    "Containers": ("{runtime} {command} failed: {error}",),
    "Engines": ("loading model", "loading weights"),
    "ExitReason": (
        "vLLM's engine failed to start (the log above says why)",
        "the engine's CUDA code was built for other GPUs ("
        '"no kernel image is available for execution on the device"). Rebuild it for this '
        "GPU's compute capability without the dot (the GPU tab and `inference-panel doctor` "
        "show it; 89 here is an example): cmake -B build -DGGML_CUDA=ON "
        '-DCMAKE_CUDA_ARCHITECTURES="89"',
    ),
    "Chat": (
        "the server refused the request: wrong or missing API key",
        "the server answered {status}: {message}",
        "the profile's role is chat; make it a vision profile for a multimodal model",
        "make it a vision profile",
    ),
    "Speech": (
        "the server at {where} is still loading its model",
        "split the file or raise the server's limit",
        "the server refused the upload as too large (413): {hint}",
    ),
    "Audio": ("{path} was not found",),
    "Models": (
        "model file is empty",
        "{reason}: {path}",
        "GGUF file is truncated ({detail})",
        "it claims {count} tensors, more than the file can hold",
    ),
    "LoadReport": (
        "Fits: needs about {need}, {free} of {total} is free.",
        "{weights} weights + {kv} KV cache + {overhead} overhead",
    ),
    "Preflight": (
        "The CUDA code in {file} ({names}) cannot run on this GPU (compute capability {gpu}); "
        'it would fail with "no kernel image is available". Rebuild llama.cpp for it: {fix}',
    ),
    "Router": ("no profile serves the model {model} (models: {known})",),
    "Cli": ("waited {seconds:.2f} s", "{count} tok"),
    "Config": (
        "API key variable {name} is not set in the panel's environment",
        "profile #{number}: {message}",
        "port {port} is outside 1-65535",
        "container {key} must be one of {choices}",
    ),
}


@pytest.fixture
def chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    ts = tmp_path / "inference_panel_zh_CN.ts"
    ts.write_text(ts_text({c: {s: mark(s) for s in sources} for c, sources in CATALOGUE.items()}))
    with in_chinese(ts, monkeypatch):
        yield


pytestmark = pytest.mark.usefixtures("chinese")


def test_every_source_here_is_marked() -> None:
    # The catalogue above is read at all: a typo in a source would leave it English.
    for name, sources in CATALOGUE.items():
        for source in sources:
            assert i18n.translate(name, source) == mark(source), (name, source)


# -- API keys (every chat, transcription and router request resolves one) -------------
def test_a_missing_api_key_is_said_in_the_users_language() -> None:
    with pytest.raises(ApiKeyError) as missing:
        resolve_api_key("env:PANEL_TEST_NO_SUCH_KEY", {})
    assert str(missing.value) == (
        "<中>API KEY VARIABLE PANEL_TEST_NO_SUCH_KEY IS NOT SET IN THE PANEL'S ENVIRONMENT</中>"
    )


# -- the config file (the window's error box and the editor's field hints show these) --
def test_a_bad_config_value_is_said_in_the_users_language(tmp_path: Path) -> None:
    from panel.core.config.store import ConfigError, ConfigStore

    config = tmp_path / "config.toml"
    config.write_text('[[profiles]]\nname = "a"\nengine = "llama.cpp"\nport = 70000\n', "utf-8")
    with pytest.raises(ConfigError) as bad:
        ConfigStore(config).load()
    assert "<中>PROFILE #1: <中>PORT 70000 IS OUTSIDE 1-65535</中></中>" in str(bad.value)
    assert bad.value.line == 4
    config.write_text(
        '[[profiles]]\nname = "b"\nengine = "vllm"\n[profiles.container]\n'
        'image = "x"\nnetwork = "mesh"\n',
        "utf-8",
    )
    with pytest.raises(ConfigError) as choice:
        ConfigStore(config).load()
    assert "<中>CONTAINER network MUST BE ONE OF " in str(choice.value)


# -- servers ------------------------------------------------------------------------------
def test_a_refused_start_is_said_in_the_users_language() -> None:
    profile = ServerProfile("remote", Engine.LLAMA_CPP, attach_url="http://10.0.0.9:8080")
    with pytest.raises(RuntimeError) as refused:
        ServerProcess(profile).start()
    assert str(refused.value) == (
        "<中>remote IS ATTACHED TO http://10.0.0.9:8080; SOMETHING ELSE RUNS IT</中>"
    )


def test_the_readiness_detail_is_said_in_the_users_language() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(500, json={"error": {"message": "bad model"}})

    with httpx.Client(transport=httpx.MockTransport(answer)) as client:
        result = probe(client, "http://127.0.0.1:9/health")
    assert result.state is Probe.ERROR
    assert result.detail == "<中>HTTP 500 FROM http://127.0.0.1:9/health: bad model</中>"


def test_a_container_runtimes_failure_is_said_in_the_users_language() -> None:
    def runner(argv: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        return subprocess.CompletedProcess(argv, 1, stdout="", stderr="something odd\n")

    with pytest.raises(Exception) as failed:
        ContainerRuntime("/usr/bin/docker", runner=runner).check()
    assert str(failed.value) == "<中>docker version FAILED: something odd</中>"


# -- engines ------------------------------------------------------------------------------
def test_load_phases_and_engine_failures_are_said_in_the_users_language() -> None:
    llama = adapter_for(Engine.LLAMA_CPP)
    progress = llama.parse_progress("llama_model_loader: loaded meta data with 30 key-value pairs")
    assert progress is not None and progress.phase == "<中>LOADING MODEL</中>"
    vllm = adapter_for(Engine.VLLM)
    shards = vllm.parse_progress("Loading safetensors checkpoint shards:  50% Completed | 1/2")
    assert shards is not None and shards.phase == "<中>LOADING WEIGHTS</中>"
    assert shards.fraction == 0.5
    lines = ["CUDA error: no kernel image is available for execution on the device"]
    said = explain_cuda_failure(lines)
    assert said is not None and said.startswith("<中>THE ENGINE'S CUDA CODE WAS BUILT FOR")
    assert said.endswith('-DCMAKE_CUDA_ARCHITECTURES="89"</中>'.upper())


# -- chat ---------------------------------------------------------------------------------
def test_a_servers_refusal_of_a_chat_is_said_in_the_users_language() -> None:
    assert str(classified("Unauthorized", status=401)) == (
        "<中>THE SERVER REFUSED THE REQUEST: WRONG OR MISSING API KEY</中>"
    )
    assert str(classified("context too long.", status=400)) == (
        "<中>THE SERVER ANSWERED 400: context too long</中>"
    )
    chat = ServerProfile("v", Engine.VLLM, model="Qwen/Qwen2.5-7B", role=Role.CHAT)
    check = known_without_asking(chat)
    assert check is not None and check.fix == "<中>MAKE IT A VISION PROFILE</中>"
    assert check.reason.startswith("<中>THE PROFILE'S ROLE IS CHAT")


# -- speech -------------------------------------------------------------------------------
def test_a_transcription_servers_refusal_is_said_in_the_users_language() -> None:
    request = httpx.Request("POST", "http://127.0.0.1:9/inference")
    loading = http_error(httpx.Response(503, request=request), "127.0.0.1:9")
    assert str(loading) == "<中>THE SERVER AT 127.0.0.1:9 IS STILL LOADING ITS MODEL</中>"
    too_large = http_error(httpx.Response(413, request=request, text="<html>"), "here")
    assert str(too_large) == (
        "<中>THE SERVER REFUSED THE UPLOAD AS TOO LARGE (413): "
        "<中>SPLIT THE FILE OR RAISE THE SERVER'S LIMIT</中></中>"
    )


def test_an_audio_files_problem_is_said_in_the_users_language(tmp_path: Path) -> None:
    missing = tmp_path / "gone.wav"
    with pytest.raises(AudioFileError) as failed:
        decode_audio_file(missing)
    assert str(failed.value) == f"<中>{missing} WAS NOT FOUND</中>"


# -- models -------------------------------------------------------------------------------
def test_a_model_files_problem_is_said_in_the_users_language(tmp_path: Path) -> None:
    empty = tmp_path / "empty.gguf"
    empty.write_bytes(b"")
    with pytest.raises(ModelFileError) as failed:
        read_gguf_info(empty)
    assert failed.value.reason == "<中>MODEL FILE IS EMPTY</中>"
    assert str(failed.value) == f"<中><中>MODEL FILE IS EMPTY</中>: {empty}</中>"
    assert whisper_ggml_problem(empty) == "<中>MODEL FILE IS EMPTY</中>"
    # The parser's own detail inside the sentence is looked up too.
    claims = tmp_path / "claims.gguf"
    claims.write_bytes(b"GGUF" + struct.pack("<IQQ", 3, 1_000_000, 0))
    with pytest.raises(ModelFileError) as failed:
        read_gguf_info(claims)
    assert failed.value.reason == (
        "<中>GGUF FILE IS TRUNCATED (<中>IT CLAIMS 1000000 TENSORS, MORE THAN THE FILE CAN "
        "HOLD</中>)</中>"
    )


def test_the_memory_fit_is_said_in_the_users_language() -> None:
    gib = 1024**3
    estimate = MemoryEstimate(4 * gib, gib // 2, gib // 4, 5 * gib)
    verdict = check_fit(estimate, 20 * gib, 24 * gib)
    assert verdict.message == "<中>FITS: NEEDS ABOUT 5.0 GiB, 20.0 GiB OF 24.0 GiB IS FREE.</中>"
    assert estimate.describe() == ("<中>4.0 GiB WEIGHTS + 512 MiB KV CACHE + 256 MiB OVERHEAD</中>")


# -- GPU ----------------------------------------------------------------------------------
def test_code_built_for_other_gpus_is_said_in_the_users_language() -> None:
    found = BinaryCuda("llama-server", "/opt/libggml-cuda.so", (CudaCode(8, 6, ptx=False),))
    said = arch_mismatch(found, [ComputeCapability(12, 0)])
    assert said is not None
    assert said.startswith("<中>THE CUDA CODE IN libggml-cuda.so (sm_86) CANNOT RUN")
    assert said.endswith('-DCMAKE_CUDA_ARCHITECTURES="120"</中>')


# -- router -------------------------------------------------------------------------------
def test_a_routers_refusal_is_english_in_its_body_and_translated_in_the_tab() -> None:
    profiles = [ServerProfile("chat", Engine.LLAMA_CPP)]
    with pytest.raises(NoProfile) as refused:
        resolve("nope", profiles, "/v1/chat/completions")
    assert isinstance(refused.value, LookupError)
    assert str(refused.value) == "no profile serves the model 'nope' (models: chat)"
    assert refused.value.shown == "<中>NO PROFILE SERVES THE MODEL 'nope' (MODELS: chat)</中>"


def test_the_router_commands_request_line_is_said_in_the_users_language() -> None:
    from panel.cli.router import request_line

    record = RequestRecord(1, 0.0, "/v1/chat/completions", "chat")
    record.status, record.waited, record.tokens = 200, 1.5, 42
    line = request_line(record)
    assert "<中>WAITED 1.50 S</中>" in line and "<中>42 TOK</中>" in line, line
