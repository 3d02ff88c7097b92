#!/usr/bin/env python3
"""A stand-in for ``vllm serve MODEL``, for tests on machines without a GPU.

Standard library only, so it starts in tens of milliseconds. It reproduces what the
panel can observe of a real vLLM (0.10/0.11-era V1 engine), including the awkward parts:

Process shape
  * An API server process and an engine child, ``(EngineCore_DP0 pid=M)``, that "holds
    GPU memory". Both share the API server's process group (vLLM starts the engine with
    multiprocessing, no new session). The engine leaves when the API server goes: its
    stdin is a pipe from the API server, and EOF means the parent is gone. With
    ``--orphan-engine`` it ignores that, like the orphaned ``VLLM::EngineCore`` processes
    real users find after SIGKILLing the API server (it still exits after
    ``FAKE_VLLM_ORPHAN_LIFETIME`` seconds, default 300, so a failed test cannot leak it
    forever). The engine's kernel name (``comm``) is ``VLLM::EngineCor`` like
    setproctitle's truncated ``VLLM::EngineCore``.
  * ``FAKE_VLLM_PIDFILE``: every pid (API server, engine) is appended there, one a line,
    before the server becomes ready.

Log
  * Every line is prefixed ``(APIServer pid=N) `` or ``(EngineCore_DP0 pid=M) `` (vLLM's
    ``decorate_logs``). Logger lines go to **stdout**, flushed per record, as
    ``INFO MM-DD HH:MM:SS [file.py:LINE] message``; uvicorn's lines (``INFO:     ...``),
    tqdm progress bars and uncaught tracebacks go to **stderr**; uvicorn access lines
    (``INFO:     127.0.0.1:P - "GET /health HTTP/1.1" 200 OK``) go to stdout unless
    ``--disable-uvicorn-access-log``.
  * tqdm bars write ``\\r`` + text per update and one ``\\n`` at the end, and the prefix is
    only added at the start of a line: ``(EngineCore_DP0 pid=M) \\rLoading safetensors
    checkpoint shards:   0% Completed | 0/2 ...\\r... 100% Completed | 2/2 ...\\n``. Same for
    ``Capturing CUDA graphs (mixed prefill-decode, PIECEWISE):  50%|█████     | ...``.
  * ``vLLM API server version``, ``non-default args: {...}`` (API key masked), engine
    init lines, ``Starting vLLM API server 0 on http://HOST:PORT`` (the *requested*
    port, as vLLM logs it, so ``--port 0`` logs ``:0``), ``Available routes are:``,
    then uvicorn's ``Started server process``, ``Waiting for application startup.``,
    ``Application startup complete.``; there is no "Uvicorn running on" line.

Readiness
  * The socket is bound (``SO_REUSEADDR`` + ``SO_REUSEPORT``, like vLLM's
    ``create_server_socket``) *before* the engine loads, but ``listen()`` is only called
    after startup: connections are **refused** while loading, and a second instance on
    a busy port does *not* fail to bind. ``Application startup complete.`` is printed
    just before ``listen()`` (uvicorn's order), so the line is not proof of readiness.
  * ``GET /health`` (and ``/ping``): 200 with an empty body; 503 (empty body) once the
    engine died. ``--crash-after S``: the engine dies S seconds after ready (prints a
    CUDA error traceback, exits 1); the API server logs ``Engine core proc
    EngineCore_DP0 died unexpectedly, shutting down client.``, answers 503 on /health
    and exits 1 after ``--dead-exit-after`` seconds (default 2; negative: never).

Failures (exit code 1)
  * ``--fail-load``: the engine fails after loading weights (KV cache does not fit:
    ``ValueError: To serve at least one request with the models's max seq len ...``),
    then the API server's traceback ends in ``RuntimeError: Engine core initialization
    failed. See root cause above. Failed core proc(s): {}``.
  * ``--not-enough-memory`` (or env ``FAKE_VLLM_GPU_FREE_GIB`` below the requested
    amount): ``ValueError: Free memory on device cuda:0 (F/T GiB) on startup is less than
    desired GPU memory utilization (U, R GiB). Decrease GPU memory utilization or reduce
    GPU memory used by other processes.`` where T is ``FAKE_VLLM_GPU_TOTAL_GIB`` (default
    79.19) and R = U*T; then the same RuntimeError.
  * ``--allowed-local-media-path DIR`` that does not exist: a ValueError at startup.
  * A port that cannot be bound (not: one merely in use by another SO_REUSEPORT socket):
    ``OSError: [Errno 98] Address already in use``.

HTTP (uvicorn/FastAPI shapes)
  * ``--api-key KEY`` (repeatable) or env ``VLLM_API_KEY``: paths under ``/v1`` need
    ``Authorization: Bearer KEY``, else 401 ``{"error": "Unauthorized"}``; /health,
    /ping, /version, /metrics do not.
  * Errors use vLLM's envelope ``{"error": {"message", "type", "param", "code"}}``; an
    unknown model is 404 ``The model `x` does not exist.`` / ``NotFoundError``; a body
    that fails validation is 400 with type ``Bad Request``; unknown paths are 404
    ``{"detail": "Not Found"}``, wrong methods 405 ``{"detail": "Method Not Allowed"}``.
  * ``GET /v1/models``: one card per ``--served-model-name`` (else MODEL) with
    ``owned_by: vllm``, ``root: MODEL``, ``max_model_len``, ``permission``.
  * ``POST /v1/chat/completions``: answers "This is a fake vLLM answer." (cut to
    ``max_tokens``/``max_completion_tokens`` with ``finish_reason: length``). With
    ``stream: true``: chunked SSE, ``data: {json}\\n\\n`` events; the first delta is
    ``{"role": "assistant", "content": ""}``, then one token per event, the last token
    event carries ``finish_reason``; with ``stream_options.include_usage`` a final
    chunk with ``choices: []`` and ``usage``; then ``data: [DONE]``. ``stream_options``
    without ``stream`` is a 400. Requests asking for more tokens than
    ``--max-model-len`` allows are a 400.
  * Images: ``image_url`` parts with http(s) URLs (accepted, not fetched) or
    ``data:<mime>;base64,...`` (base64 checked); ``file://`` only under
    ``--allowed-local-media-path`` (else 400 ``Cannot load local files without
    `--allowed-local-media-path`.`` or ``The file path P must be a subpath of
    `--allowed-local-media-path DIR`.``); other schemes are a 400.
  * ``POST /v1/audio/transcriptions`` (multipart: file, model, language, prompt,
    response_format json|text|verbose_json|srt|vtt, temperature): ``{"text": " And so my
    fellow Americans ...", "usage": {"type": "duration", "seconds": N}}`` with N the
    WAV's duration rounded up. A missing ``file`` is a 400 validation error; a file over
    25 MB (``VLLM_MAX_AUDIO_CLIP_FILESIZE_MB``) is 400 ``Maximum file size exceeded``.
  * Tasks follow the model name, like vLLM's model registry: names containing
    "whisper" only transcribe (chat is 400 ``The model does not support Chat
    Completions API``); "voxtral", "granite-speech", "gemma-3n", "phi-4-multimodal" do
    both; anything else only generates (transcriptions are 400 ``The model does not
    support Transcriptions API``). ``--fake-tasks generate,transcription`` overrides.
  * ``GET /version``, ``GET /metrics`` (a few ``vllm:`` Prometheus series) and a basic
    ``POST /v1/completions``.

Signals: SIGTERM/SIGINT log uvicorn's ``Shutting down`` sequence, stop the engine
(SIGTERM, SIGKILL after 5 s) and exit 0, also while loading. A second signal exits at once.

Not reproduced: real generation, tool calls, LoRA, streaming transcription, fetching
http(s) images, multimodal checks of text-only models.

Fake-only flags: ``--load-seconds S`` (default 0.5), ``--fail-load``,
``--not-enough-memory``, ``--crash-after S``, ``--dead-exit-after S``,
``--orphan-engine``, ``--token-delay S`` (default 0.01), ``--fake-tasks LIST``.
Unknown ``--flags [value]`` are accepted and ignored (real vLLM would reject them).
"""

from __future__ import annotations

import argparse
import base64
import binascii
import json
import math
import os
import secrets
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

VERSION = "0.11.0"
ANSWER_TOKENS = ["This", " is", " a", " fake", " vLLM", " answer", "."]
TRANSCRIPT = (
    " And so my fellow Americans ask not what your country can do for you,"
    " ask what you can do for your country."
)
DEFAULT_MAX_MODEL_LEN = 4096
ENGINE_ARG = "_engine_core"
_WHISPER_LANGUAGE_CODES = (
    "af am ar as az ba be bg bn bo br bs ca cs cy da de el en es et eu fa fi fo fr gl gu ha "
    "haw he hi hr ht hu hy id is it ja jw ka kk km kn ko la lb ln lo lt lv mg mi mk ml mn mr "
    "ms mt my ne nl nn no oc pa pl ps pt ro ru sa sd si sk sl sn so sq sr su sv sw ta te tg "
    "th tk tl tr tt uk ur uz vi yi yo yue zh"
)
WHISPER_LANGUAGES = _WHISPER_LANGUAGE_CODES.split()


# -- logging ------------------------------------------------------------------------------


class Log:
    """vLLM's log shape: a process prefix on every line, one flush per record."""

    def __init__(self, role: str) -> None:
        self.prefix = f"({role} pid={os.getpid()}) "
        self._lock = threading.Lock()

    def write(self, stream: Any, text: str) -> None:
        with self._lock:
            try:
                stream.write(text)
                stream.flush()
            except (OSError, ValueError):
                pass  # the reader went away; a real server keeps going too

    def line(self, text: str, stream: Any = None) -> None:
        self.write(stream or sys.stdout, f"{self.prefix}{text}\n")

    def _record(self, level: str, where: str, msg: str, stream: Any = None) -> None:
        stamp = time.strftime("%m-%d %H:%M:%S")
        lines = [f"{self.prefix}{level} {stamp} [{where}] {part}\n" for part in msg.split("\n")]
        self.write(stream or sys.stdout, "".join(lines))

    def info(self, where: str, msg: str) -> None:
        self._record("INFO", where, msg)

    def warning(self, where: str, msg: str) -> None:
        self._record("WARNING", where, msg)

    def error(self, where: str, msg: str) -> None:
        self._record("ERROR", where, msg)

    def uvicorn(self, msg: str, stream: Any = None) -> None:
        # uvicorn's default log config: server messages on stderr, access log on stdout.
        self.line(f"INFO:     {msg}", stream or sys.stderr)

    def progress(self, updates: list[str], pause: float, stop: threading.Event) -> bool:
        """A tqdm bar: ``\\r`` + text per update, ``\\n`` at the end; False if stopped."""
        self.write(sys.stderr, self.prefix)
        for i, text in enumerate(updates):
            self.write(sys.stderr, "\r" + text)
            if i < len(updates) - 1 and stop.wait(pause):
                self.write(sys.stderr, "\n")
                return False
        self.write(sys.stderr, "\n")
        return True


def traceback_text(frames: list[tuple[str, int, str, str]], error: str) -> list[str]:
    lines = ["Traceback (most recent call last):"]
    for path, lineno, func, code in frames:
        lines.append(f'  File "{path}", line {lineno}, in {func}')
        lines.append(f"    {code}")
    lines.append(error)
    return lines


SITE = "/usr/local/lib/python3.12/dist-packages"


# -- the engine child -----------------------------------------------------------------------


def _set_comm(name: str) -> None:
    try:
        import ctypes  # only the engine child needs it

        libc = ctypes.CDLL(None)
        libc.prctl(15, name.encode()[:15], 0, 0, 0)  # PR_SET_NAME
    except (OSError, AttributeError):
        pass


def tqdm_line(desc: str, done: int, total: int, elapsed: float, bar: bool) -> str:
    pct = int(100 * done / total)
    rate = f"{done / elapsed:5.2f}it/s" if done and elapsed > 0 else "?it/s"
    remaining = "00:00" if done else "?"
    stamp = f"[00:{int(elapsed):02d}<{remaining}, {rate}]"
    if bar:
        filled = int(10 * done / total)
        return f"{desc}: {pct:3d}%|{'█' * filled}{' ' * (10 - filled)}| {done}/{total} {stamp}"
    return f"{desc}: {pct:3d}% Completed | {done}/{total} {stamp}"


def engine_main(cfg: dict[str, Any]) -> int:
    _set_comm("VLLM::EngineCore")
    log = Log("EngineCore_DP0")
    stop = threading.Event()

    def on_signal(signum: int, frame: Any) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    def watch_parent() -> None:
        # os.read, not sys.stdin: a daemon thread blocked inside a buffered reader
        # stalls interpreter shutdown for a second.
        try:
            while os.read(0, 4096):
                pass
        except (OSError, ValueError):
            pass
        stop.set()

    if cfg["orphan"]:
        lifetime = float(os.environ.get("FAKE_VLLM_ORPHAN_LIFETIME", "300"))
        timer = threading.Timer(lifetime, stop.set)
        timer.daemon = True
        timer.start()
    else:
        threading.Thread(target=watch_parent, daemon=True).start()

    model = cfg["model"]
    load = max(0.0, float(cfg["load_seconds"]))
    log.info("core.py:644", "Waiting for init message from front-end.")
    log.info(
        "core.py:77",
        f"Initializing a V1 LLM engine (v{VERSION}) with config: model='{model}', "
        f"speculative_config=None, tokenizer='{model}', skip_tokenizer_init=False, "
        f"tokenizer_mode=auto, revision=None, trust_remote_code=False, dtype=torch.bfloat16, "
        f"max_seq_len={cfg['max_model_len']}, download_dir=None, load_format=auto, "
        f"tensor_parallel_size=1, pipeline_parallel_size=1, data_parallel_size=1, "
        f"disable_custom_all_reduce=False, quantization=None, enforce_eager=False, "
        f"kv_cache_dtype=auto, device_config=cuda, served_model_name={cfg['served'][0]}, "
        f"enable_prefix_caching=True, chunked_prefill_enabled=True",
    )
    if stop.wait(load * 0.1):
        return 0
    log.info(
        "parallel_state.py:1208",
        "rank 0 in world size 1 is assigned as DP rank 0, PP rank 0, TP rank 0, EP rank 0",
    )

    total = float(os.environ.get("FAKE_VLLM_GPU_TOTAL_GIB", "79.19"))
    util = float(cfg["gpu_memory_utilization"])
    wanted = util * total
    free_env = os.environ.get("FAKE_VLLM_GPU_FREE_GIB")
    free = float(free_env) if free_env else total - 0.62
    if cfg["not_enough_memory"] or free < wanted:
        if not free_env or free >= wanted:
            free = max(0.5, round(wanted - 9.37, 2))
        return engine_fail(
            log,
            [
                (
                    f"{SITE}/vllm/v1/engine/core.py",
                    498,
                    "__init__",
                    "super().__init__(vllm_config, executor_class, log_stats,",
                ),
                (
                    f"{SITE}/vllm/v1/engine/core.py",
                    83,
                    "__init__",
                    "self.model_executor = executor_class(vllm_config)",
                ),
                (f"{SITE}/vllm/v1/worker/gpu_worker.py", 190, "init_device", "raise ValueError("),
            ],
            f"ValueError: Free memory on device cuda:0 ({free:.2f}/{total:.2f} GiB) on startup "
            f"is less than desired GPU memory utilization ({util}, {wanted:.2f} GiB). Decrease "
            f"GPU memory utilization or reduce GPU memory used by other processes.",
        )

    log.info("gpu_model_runner.py:2602", f"Starting to load model {model}...")
    log.info("cuda.py:366", "Using Flash Attention backend on V1 engine.")
    log.info("weight_utils.py:392", "Using model weights format ['*.safetensors']")
    shards = 2
    started = time.monotonic()
    updates = [
        tqdm_line(
            "Loading safetensors checkpoint shards",
            i,
            shards,
            time.monotonic() - started + i * load * 0.2,
            bar=False,
        )
        for i in range(shards + 1)
    ]
    if not log.progress(updates, load * 0.25, stop):
        return 0
    log.info("default_loader.py:267", f"Loading weights took {load * 0.5:.2f} seconds")
    log.info(
        "gpu_model_runner.py:2653",
        f"Model loading took 1.1201 GiB and {load * 0.55:.6f} seconds",
    )
    if stop.wait(load * 0.1):
        return 0
    kv_gib = max(0.1, wanted - 1.12 - 0.8)
    if cfg["fail_load"]:
        needed = cfg["max_model_len"] * 0.000112
        return engine_fail(
            log,
            [
                (
                    f"{SITE}/vllm/v1/engine/core.py",
                    92,
                    "__init__",
                    "self._initialize_kv_caches(vllm_config)",
                ),
                (
                    f"{SITE}/vllm/v1/engine/core.py",
                    199,
                    "_initialize_kv_caches",
                    "kv_cache_configs = get_kv_cache_configs(vllm_config, kv_cache_specs,",
                ),
                (
                    f"{SITE}/vllm/v1/core/kv_cache_utils.py",
                    699,
                    "check_enough_kv_cache_memory",
                    "raise ValueError(",
                ),
            ],
            f"ValueError: To serve at least one request with the models's max seq len "
            f"({cfg['max_model_len']}), ({needed + kv_gib:.2f} GiB KV cache is needed, which is "
            f"larger than the available KV cache memory ({kv_gib:.2f} GiB). Based on the "
            f"available memory, the estimated maximum model length is 2048. Try increasing "
            f"`gpu_memory_utilization` or decreasing `max_model_len` when initializing the "
            f"engine.",
        )
    log.info("gpu_worker.py:298", f"Available KV cache memory: {kv_gib:.2f} GiB")
    log.info("kv_cache_utils.py:1087", f"GPU KV cache size: {int(kv_gib * 9362):,} tokens")
    log.info(
        "kv_cache_utils.py:1091",
        f"Maximum concurrency for {cfg['max_model_len']:,} tokens per request: "
        f"{kv_gib * 9362 / cfg['max_model_len']:.2f}x",
    )
    graphs = 5
    updates = [
        tqdm_line(
            "Capturing CUDA graphs (mixed prefill-decode, PIECEWISE)",
            i,
            graphs,
            load * 0.04 * i,
            bar=True,
        )
        for i in range(graphs + 1)
    ]
    if not log.progress(updates, load * 0.04, stop):
        return 0
    log.info("gpu_model_runner.py:3480", "Graph capturing finished in 2 secs, took 0.49 GiB")
    log.info(
        "core.py:210",
        f"init engine (profile, create kv cache, warmup model) took {load * 0.4:.2f} seconds",
    )

    try:
        os.write(cfg["ready_fd"], b"R")
        os.close(cfg["ready_fd"])
    except OSError:
        return 0

    crash_after = cfg["crash_after"]
    if crash_after is not None and not stop.wait(crash_after):
        err = traceback_text(
            [
                (
                    f"{SITE}/vllm/v1/engine/core.py",
                    701,
                    "run_engine_core",
                    "engine_core.run_busy_loop()",
                ),
                (
                    f"{SITE}/vllm/v1/engine/core.py",
                    728,
                    "run_busy_loop",
                    "self._process_engine_step()",
                ),
                (
                    f"{SITE}/vllm/v1/worker/gpu_model_runner.py",
                    2290,
                    "execute_model",
                    "torch.cuda.synchronize()",
                ),
            ],
            "RuntimeError: CUDA error: an illegal memory access was encountered",
        )
        log.error("core.py:710", "EngineCore encountered a fatal error.\n" + "\n".join(err))
        sys.stdout.flush()
        os._exit(1)
    stop.wait()
    return 0


def engine_fail(log: Log, frames: list[tuple[str, int, str, str]], error: str) -> int:
    head = [
        (
            f"{SITE}/vllm/v1/engine/core.py",
            699,
            "run_engine_core",
            "engine_core = EngineCoreProc(*args, **kwargs)",
        ),
    ]
    tb = traceback_text(head + frames, error)
    log.error("core.py:708", "EngineCore failed to start.\n" + "\n".join(tb))
    mp = traceback_text(
        [
            ("/usr/lib/python3.12/multiprocessing/process.py", 314, "_bootstrap", "self.run()"),
            (
                "/usr/lib/python3.12/multiprocessing/process.py",
                108,
                "run",
                "self._target(*self._args, **self._kwargs)",
            ),
            (f"{SITE}/vllm/v1/engine/core.py", 712, "run_engine_core", "raise e"),
            *head,
            *frames,
        ],
        error,
    )
    lines = ["Process EngineCore_DP0:", *mp]
    log.write(sys.stderr, "".join(f"{log.prefix}{line}\n" for line in lines))
    return 1


# -- the API server -------------------------------------------------------------------------


def parse_len(text: str) -> int:
    text = text.strip()
    scale = {"k": 1000, "K": 1024, "m": 1000_000, "M": 1024 * 1024}.get(text[-1:], 1)
    number = text[:-1] if scale != 1 else text
    return int(float(number) * scale)


def model_tasks(model: str, served: list[str], override: str | None) -> list[str]:
    if override:
        return [t.strip() for t in override.split(",") if t.strip()]
    name = " ".join([model, *served]).lower()
    if "whisper" in name:
        return ["transcription"]
    if any(k in name for k in ("voxtral", "granite-speech", "gemma-3n", "phi-4-multimodal")):
        return ["generate", "transcription"]
    return ["generate"]


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="vllm serve", allow_abbrev=False)
    p.add_argument("subcommand", choices=["serve"])
    p.add_argument("model_tag", nargs="?")
    p.add_argument("--model", dest="model_opt")
    p.add_argument("--host", default=None)
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--served-model-name", nargs="+", default=None)
    p.add_argument("--api-key", action="append", default=None)
    p.add_argument("--gpu-memory-utilization", type=float, default=0.9)
    p.add_argument("--allowed-local-media-path", default="")
    p.add_argument("--max-model-len", type=parse_len, default=None)
    p.add_argument("--disable-uvicorn-access-log", action="store_true")
    # fake-only behaviour
    p.add_argument("--load-seconds", type=float, default=0.5)
    p.add_argument("--fail-load", action="store_true")
    p.add_argument("--not-enough-memory", action="store_true")
    p.add_argument("--crash-after", type=float, default=None)
    p.add_argument("--dead-exit-after", type=float, default=2.0)
    p.add_argument("--orphan-engine", action="store_true")
    p.add_argument("--token-delay", type=float, default=0.01)
    p.add_argument("--fake-tasks", default=None)
    return p


FAKE_ONLY = {
    "load_seconds",
    "fail_load",
    "not_enough_memory",
    "crash_after",
    "dead_exit_after",
    "orphan_engine",
    "token_delay",
    "fake_tasks",
    "subcommand",
    "model_opt",
}


def normalise_argv(argv: list[str]) -> list[str]:
    # vLLM's FlexibleArgumentParser accepts --max_model_len as well as --max-model-len.
    out = []
    for arg in argv:
        if arg.startswith("--") and "_" in arg.split("=", 1)[0]:
            flag, eq, value = arg.partition("=")
            arg = flag.replace("_", "-") + eq + value
        out.append(arg)
    return out


class State:
    def __init__(self, args: argparse.Namespace, log: Log) -> None:
        self.args = args
        self.log = log
        self.model: str = args.model
        self.served: list[str] = args.served_model_name or [args.model]
        self.max_model_len: int = args.max_model_len or DEFAULT_MAX_MODEL_LEN
        keys = list(args.api_key or [])
        if not keys and os.environ.get("VLLM_API_KEY"):
            keys = [os.environ["VLLM_API_KEY"]]
        self.api_keys = keys
        media = args.allowed_local_media_path
        self.media_path: Path | None = Path(media).resolve() if media else None
        self.tasks = model_tasks(self.model, self.served, args.fake_tasks)
        self.engine_dead = threading.Event()
        self.lock = threading.Lock()
        self.running = 0
        self.prompt_tokens = 0
        self.generation_tokens = 0
        self.requests_since_log = 0
        self.created = int(time.time())


def error_body(message: str, err_type: str, code: int, param: str | None = None) -> dict:
    return {"error": {"message": message, "type": err_type, "param": param, "code": code}}


class ApiError(Exception):
    def __init__(self, code: int, message: str, err_type: str, param: str | None = None):
        super().__init__(message)
        self.code = code
        self.body = error_body(message, err_type, code, param)


def bad_request(message: str, param: str | None = None) -> ApiError:
    return ApiError(400, message, "BadRequestError", param)


def validation_error(loc: tuple, msg: str, kind: str = "missing") -> ApiError:
    # FastAPI's RequestValidationError, turned into a 400 by vLLM's exception handler.
    detail = [{"type": kind, "loc": loc, "msg": msg, "input": None}]
    return ApiError(400, repr(detail), "Bad Request")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Server

    def version_string(self) -> str:
        return "uvicorn"

    # -- plumbing ---------------------------------------------------------------------
    def log_message(self, format: str, *args: Any) -> None:
        pass

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        state = self.server.state
        if state.args.disable_uvicorn_access_log:
            return
        try:
            phrase = f"{int(code)} {self.responses[int(code)][0]}"
        except (KeyError, ValueError):
            phrase = str(code)
        host, port = self.client_address[:2]
        state.log.uvicorn(f'{host}:{port} - "{self.requestline}" {phrase}', sys.stdout)

    def read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            data = bytearray()
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return bytes(data)
                data += self.rfile.read(size)
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def send_bytes(self, code: int, body: bytes, ctype: str | None) -> None:
        self.send_response(code)
        if ctype:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def send_json(self, code: int, obj: Any, headers: dict[str, str] | None = None) -> None:
        body = json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode()
        self.send_response(code)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def send_text(self, code: int, text: str) -> None:
        self.send_bytes(code, text.encode(), "text/plain; charset=utf-8")

    # -- routing ----------------------------------------------------------------------
    ROUTES: dict[str, tuple[str, ...]] = {  # noqa: RUF012 - a constant table
        "/health": ("GET",),
        "/ping": ("GET", "POST"),
        "/version": ("GET",),
        "/metrics": ("GET",),
        "/v1/models": ("GET",),
        "/v1/chat/completions": ("POST",),
        "/v1/completions": ("POST",),
        "/v1/audio/transcriptions": ("POST",),
    }

    def do_GET(self) -> None:
        self.dispatch()

    def do_POST(self) -> None:
        self.dispatch()

    def do_HEAD(self) -> None:
        self.dispatch()

    def do_PUT(self) -> None:
        self.dispatch()

    def do_DELETE(self) -> None:
        self.dispatch()

    def do_OPTIONS(self) -> None:
        self.dispatch()

    def dispatch(self) -> None:
        state = self.server.state
        try:
            body = self.read_body()
        except (OSError, ValueError):
            self.close_connection = True
            return
        path = urlsplit(self.path).path
        try:
            if path.startswith("/v1") and state.api_keys and self.command != "OPTIONS":
                auth = self.headers.get("Authorization", "")
                if not any(auth == f"Bearer {key}" for key in state.api_keys):
                    self.send_json(401, {"error": "Unauthorized"})
                    return
            methods = self.ROUTES.get(path)
            if methods is None:
                self.send_json(404, {"detail": "Not Found"})
                return
            if self.command not in methods and not (self.command == "HEAD" and "GET" in methods):
                self.send_json(405, {"detail": "Method Not Allowed"}, {"Allow": ", ".join(methods)})
                return
            name = path.strip("/").replace("/", "_")
            getattr(self, f"route_{name}")(body)
        except ApiError as exc:
            self.send_json(exc.code, exc.body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    # -- simple routes ----------------------------------------------------------------
    def route_health(self, body: bytes) -> None:
        self.send_bytes(503 if self.server.state.engine_dead.is_set() else 200, b"", None)

    route_ping = route_health

    def route_version(self, body: bytes) -> None:
        self.send_json(200, {"version": VERSION})

    def route_metrics(self, body: bytes) -> None:
        state = self.server.state
        labels = f'engine="0",model_name="{state.served[0]}"'
        lines = [
            "# HELP vllm:num_requests_running Number of requests in model execution batches.",
            "# TYPE vllm:num_requests_running gauge",
            f"vllm:num_requests_running{{{labels}}} {float(state.running)}",
            "# HELP vllm:num_requests_waiting Number of requests waiting to be processed.",
            "# TYPE vllm:num_requests_waiting gauge",
            f"vllm:num_requests_waiting{{{labels}}} 0.0",
            "# HELP vllm:kv_cache_usage_perc KV-cache usage. 1 means 100 percent usage.",
            "# TYPE vllm:kv_cache_usage_perc gauge",
            f"vllm:kv_cache_usage_perc{{{labels}}} {0.01 * state.running}",
            "# HELP vllm:prompt_tokens_total Number of prefill tokens processed.",
            "# TYPE vllm:prompt_tokens_total counter",
            f"vllm:prompt_tokens_total{{{labels}}} {float(state.prompt_tokens)}",
            "# HELP vllm:generation_tokens_total Number of generation tokens processed.",
            "# TYPE vllm:generation_tokens_total counter",
            f"vllm:generation_tokens_total{{{labels}}} {float(state.generation_tokens)}",
        ]
        self.send_bytes(
            200, ("\n".join(lines) + "\n").encode(), "text/plain; version=0.0.4; charset=utf-8"
        )

    def route_v1_models(self, body: bytes) -> None:
        state = self.server.state
        cards = [
            {
                "id": name,
                "object": "model",
                "created": state.created,
                "owned_by": "vllm",
                "root": state.model,
                "parent": None,
                "max_model_len": state.max_model_len,
                "permission": [
                    {
                        "id": f"modelperm-{secrets.token_hex(16)}",
                        "object": "model_permission",
                        "created": state.created,
                        "allow_create_engine": False,
                        "allow_sampling": True,
                        "allow_logprobs": True,
                        "allow_search_indices": False,
                        "allow_view": True,
                        "allow_fine_tuning": False,
                        "organization": "*",
                        "group": None,
                        "is_blocking": False,
                    }
                ],
            }
            for name in state.served
        ]
        self.send_json(200, {"object": "list", "data": cards})

    # -- shared request checks --------------------------------------------------------
    def json_request(self, body: bytes) -> dict[str, Any]:
        try:
            data = json.loads(body)
        except (ValueError, UnicodeDecodeError) as exc:
            raise validation_error(
                ("body", 0), f"JSON decode error: {exc}", "json_invalid"
            ) from exc
        if not isinstance(data, dict):
            raise validation_error(("body",), "Input should be a valid dictionary", "model_type")
        return data

    def check_model(self, model: Any) -> None:
        state = self.server.state
        if model and model not in state.served:
            raise ApiError(404, f"The model `{model}` does not exist.", "NotFoundError")

    def check_engine(self) -> None:
        if self.server.state.engine_dead.is_set():
            raise ApiError(
                500,
                "EngineCore encountered an issue. See stack trace (above) for the root cause.",
                "InternalServerError",
            )

    def max_tokens(self, data: dict[str, Any], prompt_tokens: int) -> int:
        state = self.server.state
        requested = data.get("max_completion_tokens") or data.get("max_tokens")
        room = state.max_model_len - prompt_tokens
        if requested is None:
            return room
        if not isinstance(requested, int) or requested < 1:
            raise validation_error(("body", "max_tokens"), "Input should be a valid integer")
        if requested > room:
            raise bad_request(
                f"'max_tokens' or 'max_completion_tokens' is too large: {requested}. This "
                f"model's maximum context length is {state.max_model_len} tokens and your "
                f"request has {prompt_tokens} input tokens ({requested} > "
                f"{state.max_model_len} - {prompt_tokens}).",
                "max_tokens",
            )
        return requested

    def check_media_url(self, url: Any) -> None:
        if not isinstance(url, str) or not url:
            raise bad_request("Invalid image URL")
        spec = urlsplit(url)
        if spec.scheme in ("http", "https"):
            return
        if spec.scheme == "data":
            head, comma, data = spec.path.partition(",")
            _mime, _, kind = head.partition(";")
            if not comma or kind != "base64":
                raise bad_request("Only base64 data URLs are supported for now.")
            try:
                base64.b64decode(data, validate=True)
            except (binascii.Error, ValueError) as exc:
                raise bad_request(f"Invalid base64 image data: {exc}") from exc
            return
        if spec.scheme == "file":
            allowed = self.server.state.media_path
            if allowed is None:
                raise bad_request("Cannot load local files without `--allowed-local-media-path`.")
            filepath = Path(unquote(spec.netloc + spec.path))
            if allowed not in filepath.resolve().parents:
                raise bad_request(
                    f"The file path {filepath} must be a subpath "
                    f"of `--allowed-local-media-path {allowed}`."
                )
            if not filepath.is_file():
                raise bad_request(f"[Errno 2] No such file or directory: '{filepath}'")
            return
        raise bad_request("The URL must be either a HTTP, data or file URL.")

    # -- chat / completions -----------------------------------------------------------
    def route_v1_chat_completions(self, body: bytes) -> None:
        state = self.server.state
        data = self.json_request(body)
        messages = data.get("messages")
        if not isinstance(messages, list):
            raise validation_error(("body", "messages"), "Field required")
        self.check_model(data.get("model"))
        if "generate" not in state.tasks:
            raise bad_request("The model does not support Chat Completions API")
        stream = bool(data.get("stream"))
        if data.get("stream_options") is not None and not stream:
            raise bad_request("Stream options can only be defined when `stream=True`.")
        prompt_tokens = 0
        for message in messages:
            if not isinstance(message, dict):
                raise validation_error(("body", "messages", 0), "Input should be a dict")
            content = message.get("content")
            if isinstance(content, str):
                prompt_tokens += 4 + len(content.split())
            elif isinstance(content, list):
                for part in content:
                    kind = part.get("type") if isinstance(part, dict) else None
                    if kind == "text":
                        prompt_tokens += len(str(part.get("text", "")).split())
                    elif kind == "image_url":
                        image = part.get("image_url")
                        url = image.get("url") if isinstance(image, dict) else image
                        self.check_media_url(url)
                        prompt_tokens += 256
                    elif kind in ("input_audio", "audio_url", "video_url", "image_embeds"):
                        prompt_tokens += 64
                    else:
                        raise bad_request(f"Unknown part type: {kind}")
                prompt_tokens += 4
        self.check_engine()
        limit = self.max_tokens(data, prompt_tokens)
        tokens = ANSWER_TOKENS[:limit]
        finish = "stop" if len(tokens) == len(ANSWER_TOKENS) else "length"
        opts = data.get("stream_options") or {}
        self.generate(
            "chat", prompt_tokens, tokens, finish, stream, bool(opts.get("include_usage"))
        )

    def route_v1_completions(self, body: bytes) -> None:
        state = self.server.state
        data = self.json_request(body)
        prompt = data.get("prompt")
        if prompt is None:
            raise validation_error(("body", "prompt"), "Field required")
        self.check_model(data.get("model"))
        if "generate" not in state.tasks:
            raise bad_request("The model does not support Completions API")
        stream = bool(data.get("stream"))
        if data.get("stream_options") is not None and not stream:
            raise bad_request("Stream options can only be defined when `stream=True`.")
        self.check_engine()
        prompt_tokens = 1 + len(str(prompt).split())
        limit = self.max_tokens(data, prompt_tokens)
        tokens = ANSWER_TOKENS[:limit]
        finish = "stop" if len(tokens) == len(ANSWER_TOKENS) else "length"
        opts = data.get("stream_options") or {}
        self.generate(
            "text", prompt_tokens, tokens, finish, stream, bool(opts.get("include_usage"))
        )

    def generate(
        self,
        kind: str,
        prompt_tokens: int,
        tokens: list[str],
        finish: str,
        stream: bool,
        include_usage: bool,
    ) -> None:
        state = self.server.state
        chat = kind == "chat"
        rid = f"{'chatcmpl' if chat else 'cmpl'}-{secrets.token_hex(16)}"
        created = int(time.time())
        model = state.served[0]
        obj = "chat.completion" if chat else "text_completion"
        usage = {
            "prompt_tokens": prompt_tokens,
            "total_tokens": prompt_tokens + len(tokens),
            "completion_tokens": len(tokens),
            "prompt_tokens_details": None,
        }
        with state.lock:
            state.running += 1
            state.requests_since_log += 1
            state.prompt_tokens += prompt_tokens
        try:
            if not stream:
                time.sleep(self.server.state.args.token_delay * len(tokens))
                text = "".join(tokens)
                if chat:
                    choice: dict[str, Any] = {
                        "index": 0,
                        "message": {
                            "role": "assistant",
                            "content": text,
                            "refusal": None,
                            "annotations": None,
                            "audio": None,
                            "function_call": None,
                            "tool_calls": [],
                            "reasoning_content": None,
                        },
                        "logprobs": None,
                        "finish_reason": finish,
                        "stop_reason": None,
                    }
                else:
                    choice = {
                        "index": 0,
                        "text": text,
                        "logprobs": None,
                        "finish_reason": finish,
                        "stop_reason": None,
                        "prompt_logprobs": None,
                    }
                self.send_json(
                    200,
                    {
                        "id": rid,
                        "object": obj,
                        "created": created,
                        "model": model,
                        "choices": [choice],
                        "service_tier": None,
                        "system_fingerprint": None,
                        "usage": usage,
                        "prompt_logprobs": None,
                        "kv_transfer_params": None,
                    },
                )
                with state.lock:
                    state.generation_tokens += len(tokens)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream; charset=utf-8")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk_obj = "chat.completion.chunk" if chat else "text_completion"

            def event(choices: list[dict[str, Any]], extra: dict | None = None) -> None:
                payload: dict[str, Any] = {
                    "id": rid,
                    "object": chunk_obj,
                    "created": created,
                    "model": model,
                    "choices": choices,
                }
                if extra:
                    payload.update(extra)
                text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
                self.write_chunk(f"data: {text}\n\n")

            if chat:
                first = {"role": "assistant", "content": ""}
                event([{"index": 0, "delta": first, "logprobs": None, "finish_reason": None}])
            for i, token in enumerate(tokens):
                time.sleep(state.args.token_delay)
                last = i == len(tokens) - 1
                choice = {"index": 0}
                if chat:
                    choice["delta"] = {"content": token}
                else:
                    choice["text"] = token
                choice["logprobs"] = None
                choice["finish_reason"] = finish if last else None
                if last:
                    choice["stop_reason"] = None
                event([choice])
                with state.lock:
                    state.generation_tokens += 1
            if not tokens:
                empty = {"delta": {"content": ""}} if chat else {"text": ""}
                event([{"index": 0, **empty, "logprobs": None, "finish_reason": finish}])
            if include_usage:
                event([], {"usage": {k: v for k, v in usage.items() if v is not None}})
            self.write_chunk("data: [DONE]\n\n")
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
        finally:
            with state.lock:
                state.running -= 1

    def write_chunk(self, text: str) -> None:
        data = text.encode()
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()

    # -- transcriptions ---------------------------------------------------------------
    def route_v1_audio_transcriptions(self, body: bytes) -> None:
        state = self.server.state
        fields, files = parse_multipart(self.headers.get("Content-Type", ""), body)
        if "file" not in files:
            raise validation_error(("body", "file"), "Field required")
        self.check_model(fields.get("model"))
        if "transcription" not in state.tasks:
            raise bad_request("The model does not support Transcriptions API")
        response_format = fields.get("response_format", "json")
        if response_format not in ("json", "text", "srt", "verbose_json", "vtt"):
            raise validation_error(
                ("body", "response_format"),
                "Input should be 'json', 'text', 'srt', 'verbose_json' or 'vtt'",
                "enum",
            )
        try:
            float(fields.get("temperature", "0") or 0)
        except ValueError as exc:
            raise validation_error(
                ("body", "temperature"), "Input should be a valid number", "float_parsing"
            ) from exc
        language = fields.get("language") or None
        if language is None:
            state.log.warning(
                "speech_to_text.py:110",
                "Defaulting to language='en'. If you wish to transcribe audio in a different "
                "language, pass the `language` field in the TranscriptionRequest.",
            )
            language = "en"
        elif language not in WHISPER_LANGUAGES:
            raise bad_request(
                f"Unsupported language: {language!r}.  Language should be one of: "
                f"{WHISPER_LANGUAGES}.",
                "language",
            )
        audio = files["file"][1]
        limit_mb = float(os.environ.get("VLLM_MAX_AUDIO_CLIP_FILESIZE_MB", "25"))
        if len(audio) / 1024**2 > limit_mb:
            raise bad_request("Maximum file size exceeded", "audio_filesize_mb")
        self.check_engine()
        duration = audio_duration(audio)
        seconds = max(1, math.ceil(duration))
        usage = {"type": "duration", "seconds": seconds}
        text = TRANSCRIPT
        time.sleep(state.args.token_delay * 4)
        with state.lock:
            state.requests_since_log += 1
        end = stamp_srt(duration)
        if response_format == "json":
            self.send_json(200, {"text": text, "usage": usage})
        elif response_format == "text":
            self.send_text(200, text)
        elif response_format == "srt":
            self.send_text(200, f"1\n00:00:00,000 --> {end}\n{text.strip()}\n\n")
        elif response_format == "vtt":
            self.send_text(
                200, f"WEBVTT\n\n00:00:00.000 --> {end.replace(',', '.')}\n{text.strip()}\n\n"
            )
        else:
            segment = {
                "id": 0,
                "seek": 0,
                "start": 0.0,
                "end": round(duration, 2),
                "text": text,
                "tokens": list(range(50365, 50365 + len(text.split()))),
                "temperature": 0.0,
                "avg_logprob": -0.21,
                "compression_ratio": 1.23,
                "no_speech_prob": 0.01,
            }
            self.send_json(
                200,
                {
                    "duration": str(round(duration, 2)),
                    "language": language,
                    "text": text,
                    "segments": [segment],
                    "words": None,
                    "usage": usage,
                },
            )


def stamp_srt(seconds: float) -> str:
    ms = round(seconds * 1000)
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"


def audio_duration(data: bytes) -> float:
    import io  # only transcriptions need these
    import wave

    try:
        with wave.open(io.BytesIO(data)) as wav:
            return wav.getnframes() / float(wav.getframerate() or 16000)
    except (wave.Error, EOFError, ValueError):
        return len(data) / 32000.0  # as if 16 kHz 16-bit mono


def parse_multipart(ctype: str, body: bytes) -> tuple[dict[str, str], dict[str, tuple[str, bytes]]]:
    fields: dict[str, str] = {}
    files: dict[str, tuple[str, bytes]] = {}
    kind, _, params = ctype.partition(";")
    if kind.strip().lower() != "multipart/form-data":
        return fields, files
    boundary = ""
    for param in params.split(";"):
        key, _, value = param.strip().partition("=")
        if key.lower() == "boundary":
            boundary = value.strip('"')
    if not boundary:
        return fields, files
    for part in body.split(b"--" + boundary.encode())[1:]:
        if part.startswith(b"--"):
            break
        part = part.removeprefix(b"\r\n")
        head, _, payload = part.partition(b"\r\n\r\n")
        payload = payload.removesuffix(b"\r\n")
        name = filename = None
        for header in head.decode("utf-8", "replace").split("\r\n"):
            hname, _, hvalue = header.partition(":")
            if hname.strip().lower() != "content-disposition":
                continue
            for item in hvalue.split(";"):
                key, eq, value = item.strip().partition("=")
                if eq and key.lower() == "name":
                    name = value.strip('"')
                elif eq and key.lower() == "filename":
                    filename = value.strip('"')
        if name is None:
            continue
        if filename is not None:
            files[name] = (filename, payload)
        else:
            fields[name] = payload.decode("utf-8", "replace")
    return fields, files


class Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 2048  # uvicorn's backlog

    def __init__(self, sock: socket.socket, state: State) -> None:
        self.address_family = sock.family
        super().__init__(sock.getsockname()[:2], Handler, bind_and_activate=False)
        self.socket.close()
        self.socket = sock
        self.server_address = sock.getsockname()
        self.state = state

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hung up mid-stream is not news


def create_server_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    return sock


def append_pid(pid: int) -> None:
    path = os.environ.get("FAKE_VLLM_PIDFILE")
    if path:
        with open(path, "a", encoding="ascii") as fh:
            fh.write(f"{pid}\n")
            fh.flush()


def fatal(log: Log, frames: list[tuple[str, int, str, str]], error: str) -> int:
    tb = traceback_text(
        [
            ("/usr/local/bin/vllm", 10, "<module>", "sys.exit(main())"),
            (f"{SITE}/vllm/entrypoints/cli/main.py", 54, "main", "args.dispatch_function(args)"),
            (f"{SITE}/vllm/entrypoints/cli/serve.py", 57, "cmd", "uvloop.run(run_server(args))"),
            *frames,
        ],
        error,
    )
    log.write(sys.stderr, "".join(f"{log.prefix}{line}\n" for line in tb))
    return 1


def api_main(argv: list[str]) -> int:
    log = Log("APIServer")
    append_pid(os.getpid())
    args, _unknown = build_parser().parse_known_args(normalise_argv(argv))
    args.model = args.model_tag or args.model_opt or "facebook/opt-125m"

    stop = threading.Event()
    wake = threading.Event()
    engine: subprocess.Popen[bytes] | None = None
    signals = 0

    def on_signal(signum: int, frame: Any) -> None:
        nonlocal signals
        signals += 1
        if signals > 1:  # a second Ctrl-C: no more waiting
            if engine is not None and engine.poll() is None:
                engine.kill()
            os._exit(1)
        stop.set()
        wake.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    log.info("api_server.py:1896", f"vLLM API server version {VERSION}")
    defaults = build_parser().parse_args(["serve"])
    shown: dict[str, Any] = {"model_tag": args.model_tag} if args.model_tag else {}
    for key, value in vars(args).items():
        if key in FAKE_ONLY or key in ("model_tag", "model") or getattr(defaults, key) == value:
            continue
        shown[key] = ["***"] * len(value) if key == "api_key" else value
    shown["model"] = args.model
    log.info("utils.py:233", f"non-default args: {shown!r}")

    state = State(args, log)
    if state.media_path is not None and not state.media_path.is_dir():
        return fatal(
            log,
            [(f"{SITE}/vllm/config/model.py", 572, "__post_init__", "raise ValueError(")],
            f"ValueError: The provided path {args.allowed_local_media_path} does not exist "
            f"or is not a directory.",
        )

    host = args.host or ""
    try:
        sock = create_server_socket(host, args.port)
    except OSError as exc:
        return fatal(
            log,
            [
                (
                    f"{SITE}/vllm/entrypoints/openai/api_server.py",
                    1880,
                    "create_server_socket",
                    "sock.bind(addr)",
                )
            ],
            f"OSError: [Errno {exc.errno}] {exc.strerror}",
        )

    log.info("model.py:547", "Resolved architecture: Qwen3ForCausalLM")
    log.info("model.py:1510", f"Using max model len {state.max_model_len}")
    log.info("scheduler.py:205", "Chunked prefill is enabled with max_num_batched_tokens=8192.")

    ready_r, ready_w = os.pipe()
    cfg = {
        "model": state.model,
        "served": state.served,
        "max_model_len": state.max_model_len,
        "gpu_memory_utilization": args.gpu_memory_utilization,
        "load_seconds": args.load_seconds,
        "fail_load": args.fail_load,
        "not_enough_memory": args.not_enough_memory,
        "crash_after": args.crash_after,
        "orphan": args.orphan_engine,
        "ready_fd": ready_w,
    }
    engine = subprocess.Popen(
        [sys.executable, os.path.abspath(__file__), ENGINE_ARG, json.dumps(cfg)],
        stdin=subprocess.PIPE,
        pass_fds=(ready_w,),
    )
    os.close(ready_w)
    append_pid(engine.pid)

    def stop_engine() -> None:
        if engine is None or engine.poll() is not None:
            return
        try:
            assert engine.stdin is not None
            engine.stdin.close()
        except OSError:
            pass
        try:
            engine.terminate()
            engine.wait(5)
        except subprocess.TimeoutExpired:
            engine.kill()
            engine.wait()
        except ProcessLookupError:
            pass

    # Wait for the engine: ready byte, death (EOF), or our own stop signal.
    ready = False
    while not stop.is_set():
        try:
            readable, _, _ = select.select([ready_r], [], [], 0.05)
        except InterruptedError:
            continue
        if readable:
            ready = os.read(ready_r, 1) == b"R"
            break
    os.close(ready_r)
    if stop.is_set():
        sock.close()
        stop_engine()
        return 0
    if not ready:
        engine.wait()
        sock.close()
        return fatal(
            log,
            [
                (
                    f"{SITE}/vllm/entrypoints/openai/api_server.py",
                    1941,
                    "run_server",
                    "await run_server_worker(listen_address, sock, args, **uvicorn_kwargs)",
                ),
                (
                    f"{SITE}/vllm/v1/engine/utils.py",
                    880,
                    "wait_for_engine_startup",
                    "raise RuntimeError(",
                ),
            ],
            "RuntimeError: Engine core initialization failed. See root cause above. "
            "Failed core proc(s): {}",
        )

    log.info(
        "loggers.py:147",
        "Engine 000: vllm cache_config_info with initialization after num_gpu_blocks is: 35410",
    )
    log.info("api_server.py:1634", f"Supported_tasks: {state.tasks!r}")
    shown_host = f"[{host}]" if ":" in host else host or "0.0.0.0"
    log.info("api_server.py:1912", f"Starting vLLM API server 0 on http://{shown_host}:{args.port}")
    log.info("launcher.py:34", "Available routes are:")
    for route, methods in Handler.ROUTES.items():
        log.info("launcher.py:42", f"Route: {route}, Methods: {', '.join(methods)}")
    log.uvicorn(f"Started server process [{os.getpid()}]")
    log.uvicorn("Waiting for application startup.")
    log.uvicorn("Application startup complete.")

    server = Server(sock, state)
    server.server_activate()  # listen(): from now on connections are accepted
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()

    def watch_engine() -> None:
        assert engine is not None
        engine.wait()
        # A signal to the whole group reaches the engine too: that is not a crash.
        if stop.wait(0.2):
            return
        state.engine_dead.set()
        log.error(
            "core_client.py:564",
            "Engine core proc EngineCore_DP0 died unexpectedly, shutting down client.",
        )
        wake.set()

    threading.Thread(target=watch_engine, daemon=True).start()

    dead_since: float | None = None
    last_stats = time.monotonic()
    while not stop.is_set():
        wake.wait(0.2)
        wake.clear()
        now = time.monotonic()
        if state.engine_dead.is_set():
            if dead_since is None:
                dead_since = now
            if 0 <= args.dead_exit_after <= now - dead_since:
                log.uvicorn("Shutting down")
                server.shutdown()
                server.server_close()
                log.uvicorn(f"Finished server process [{os.getpid()}]")
                return 1
        if now - last_stats >= 10.0:
            last_stats = now
            with state.lock:
                busy, state.requests_since_log = state.requests_since_log, 0
            if busy:
                log.info(
                    "loggers.py:127",
                    f"Engine 000: Avg prompt throughput: 12.3 tokens/s, Avg generation "
                    f"throughput: 45.6 tokens/s, Running: {state.running} reqs, Waiting: 0 "
                    f"reqs, GPU KV cache usage: 0.1%, Prefix cache hit rate: 0.0%",
                )

    log.uvicorn("Shutting down")
    server.shutdown()
    server.server_close()
    log.uvicorn("Waiting for application shutdown.")
    log.uvicorn("Application shutdown complete.")
    stop_engine()
    log.uvicorn(f"Finished server process [{os.getpid()}]")
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == [ENGINE_ARG]:
        return engine_main(json.loads(argv[1]))
    return api_main(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
