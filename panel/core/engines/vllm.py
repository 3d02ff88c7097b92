"""vLLM's ``vllm serve``: Hugging Face models on the GPU (or, slowly, the CPU)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from panel.core.config.profiles import ServerProfile
from panel.core.engines.base import (
    EngineAdapter,
    LaunchPlan,
    LoadingBehaviour,
    LoadProgress,
    find_line,
)
from panel.core.i18n import QT_TRANSLATE_NOOP, translate

# Load progress from the log. The lines come from three processes (API server, engine
# core, worker) and are those of vLLM 0.32 on the CPU (tests/test_real_vllm.py checks them
# against a real run) and of the GPU builds (shards, compile, CUDA graphs):
#   (APIServer pid=N) INFO ... Resolved architecture: LlamaForCausalLM
#   (EngineCore pid=N) INFO ... Initializing a V1 LLM engine (v0.32.0) with config: ...
#   (Worker pid=N) INFO ... Starting to load model /models/x...
#   \rLoading safetensors checkpoint shards: 100% Completed | 1/1 [...]   (a tqdm redraw)
#   (Worker pid=N) INFO ... Loading weights took 0.01 seconds
#   (EngineCore pid=N) INFO ... CPU KV cache size: 65,536 tokens, ...   (GPU: "GPU KV ...")
#   (APIServer pid=N) INFO ... Starting vLLM server on http://127.0.0.1:8000
#   INFO:     Application startup complete.
# Older releases say "Starting vLLM API server 0 on"; the port refuses until the last line.
_SHARDS = re.compile(r"Loading safetensors checkpoint shards:\s*(\d+)% Completed")
_GRAPHS = re.compile(r"Capturing CUDA graphs?.*?(\d+)%")
_WEIGHTS_DONE = re.compile(r"Loading weights took")
_NOT_ENOUGH_MEMORY = re.compile(r"Free memory on device.*less than desired GPU memory utilization")
# vLLM 0.11 wrote "models's", 0.32 (tests/test_vllm_adapter.py, real) writes "model's".
_KV_TOO_BIG = re.compile(r"To serve at least one request with the models?'s max seq len")
_KV_ESTIMATE = re.compile(r"the estimated maximum model length is (\d+)")
_NO_KV_ROOM = re.compile(r"No available memory for the cache blocks")
_OOM = re.compile(r"CUDA out of memory|OutOfMemoryError")
# The CPU build at start-up: sleep mode needs CUDA's allocator (vllm 0.32.0+cpu).
_NO_SLEEP_MODE = re.compile(r"Sleep mode is not supported on current platform")
_NO_GPU = re.compile(
    r"No CUDA GPUs are available|Failed to infer device type|Found no NVIDIA driver", re.I
)
_NO_MODEL = re.compile(
    r"(Repository Not Found|is not a local folder and is not a valid model"
    r"|We couldn't connect to 'https://huggingface.co')"
)
_ENGINE_DIED = re.compile(
    r"engine core exited unexpectedly|Engine core process \S+ died unexpectedly"
)
# The API server's last words when the engine failed to start; the engine's own error
# (the root cause) comes before its traceback, 60-100 lines from the end.
_ENGINE_INIT_FAILED = re.compile(r"Engine core initialization failed")
_EXCEPTION = re.compile(r"(?:^|\] )((?:\w+\.)*[A-Z]\w*(?:Error|Exception)): (.+)")
_PHASES = (
    (
        re.compile(r"Resolved architecture"),
        QT_TRANSLATE_NOOP("Engines", "reading the model config"),
    ),
    (
        re.compile(r"Initializing a V\d+ LLM engine"),
        QT_TRANSLATE_NOOP("Engines", "starting the engine"),
    ),
    (
        re.compile(r"Starting to load model|Loading model from|Loading weights"),
        QT_TRANSLATE_NOOP("Engines", "loading weights"),
    ),
    (
        re.compile(r"Memory profiling|determine available memory|KV cache"),
        QT_TRANSLATE_NOOP("Engines", "sizing the KV cache"),
    ),
    # Not a bare "torch.compile": --enforce-eager's warning names it ("disabling torch.compile").
    (
        re.compile(r"Compiling a graph|torch\.compile takes|Dynamo bytecode transform"),
        QT_TRANSLATE_NOOP("Engines", "compiling"),
    ),
    (
        re.compile(r"Capturing CUDA graph|Graph capturing"),
        QT_TRANSLATE_NOOP("Engines", "capturing CUDA graphs"),
    ),
    (
        re.compile(r"Starting vLLM (?:API )?server|Application startup"),
        QT_TRANSLATE_NOOP("Engines", "starting the API server"),
    ),
)


class VllmAdapter(EngineAdapter):
    engine_name = "vllm"
    binary = "vllm"
    health_path = "/health"  # 200 with an empty body when ready
    loading = LoadingBehaviour.REFUSES
    api_key_env = "VLLM_API_KEY"
    install_hint = QT_TRANSLATE_NOOP(
        "Engines",
        "Install vLLM (`pip install vllm` in a CUDA-capable Python environment, or run it "
        "in NVIDIA's vLLM container), then put vllm on PATH or set the profile's executable.",
    )
    reserved_flags = ("--host", "--port", "--api-key", "--model")
    explain_lines = 200  # see _ENGINE_INIT_FAILED

    def plan(self, profile: ServerProfile, executable: str | None = None) -> LaunchPlan:
        plan = super().plan(profile, executable)
        # EngineCore and Worker are multiprocessing children started with `python -c`,
        # which puts the working folder first on sys.path: an enum.py there (a user's
        # folder, /tmp) broke the start. PYTHONSAFEPATH (Python 3.11+) leaves it out.
        plan.env.setdefault("PYTHONSAFEPATH", "1")
        return plan

    def build_argv(self, profile: ServerProfile, executable: str) -> list[str]:
        return [
            executable,
            "serve",
            profile.model,
            "--host",
            profile.host,
            "--port",
            str(profile.port),
            *profile.args,
        ]

    def parse_progress(self, line: str) -> LoadProgress | None:
        shards = _SHARDS.search(line)
        if shards:
            return LoadProgress(translate("Engines", "loading weights"), int(shards.group(1)) / 100)
        if _WEIGHTS_DONE.search(line):  # after the shards' 100%: keep the bar full
            return LoadProgress(translate("Engines", "loading weights"), 1.0)
        graphs = _GRAPHS.search(line)
        if graphs:
            return LoadProgress(
                translate("Engines", "capturing CUDA graphs"), int(graphs.group(1)) / 100
            )
        for pattern, phase in _PHASES:
            if pattern.search(line):
                return LoadProgress(translate("Engines", phase))
        return None

    def _explain_from_log(self, exit_code: int | None, last_lines: Sequence[str]) -> str | None:
        if find_line(last_lines, _NO_SLEEP_MODE):
            return translate(
                "ExitReason",
                "this vLLM refuses --enable-sleep-mode (“Sleep mode is not supported on current "
                "platform.”: sleep mode needs a CUDA or ROCm GPU); remove the flag, and "
                'unload = "sleep" with it',
            )
        if find_line(last_lines, _NOT_ENOUGH_MEMORY):
            return translate(
                "ExitReason",
                "not enough free GPU memory for --gpu-memory-utilization (a fraction of the "
                "GPU's total memory): lower it, or stop the other servers on this GPU",
            )
        if find_line(last_lines, _KV_TOO_BIG):
            estimate = find_line(last_lines, _KV_ESTIMATE)
            fits = (
                translate("ExitReason", " (vLLM estimates {length} fits)").format(
                    length=estimate.group(1)
                )
                if estimate
                else ""
            )
            return translate(
                "ExitReason",
                "the KV cache for the model's context does not fit: lower --max-model-len"
                "{fits} or give the cache more memory (--gpu-memory-utilization, or "
                "--kv-cache-memory-bytes where set)",
            ).format(fits=fits)
        if find_line(last_lines, _NO_KV_ROOM):
            return translate(
                "ExitReason",
                "no memory is left for the KV cache: raise --gpu-memory-utilization (on the "
                "CPU it is a fraction of RAM) or --kv-cache-memory-bytes",
            )
        if find_line(last_lines, _OOM):
            return translate(
                "ExitReason",
                "CUDA out of memory: lower --gpu-memory-utilization or --max-model-len",
            )
        if find_line(last_lines, _NO_GPU):
            return translate("ExitReason", "vLLM found no usable NVIDIA GPU")
        if find_line(last_lines, _NO_MODEL):
            return translate(
                "ExitReason",
                "vLLM could not find the model (not a local folder, and not in the HF cache)",
            )
        if find_line(last_lines, _ENGINE_DIED):
            return translate(
                "ExitReason",
                "vLLM's engine core process died (killed, out of memory, or a GPU fault); "
                "the API server shut down after it",
            )
        return _root_cause(last_lines)


def _root_cause(lines: Sequence[str]) -> str | None:
    """The engine's own error above the API server's "Engine core initialization failed"."""
    for at in range(len(lines) - 1, -1, -1):
        if _ENGINE_INIT_FAILED.search(lines[at]):
            break
    else:
        return None
    for line in reversed(lines[:at]):
        found = _EXCEPTION.search(line)
        if found and not _ENGINE_INIT_FAILED.search(line):
            cause = f"{found.group(1)}: {found.group(2).strip()}"
            text = translate("ExitReason", "vLLM's engine failed to start: {cause}")
            return text.format(cause=cause if len(cause) <= 300 else cause[:299] + "…")
    return translate("ExitReason", "vLLM's engine failed to start (the log above says why)")
