"""vLLM's ``vllm serve``: Hugging Face models on the GPU."""

from __future__ import annotations

import re
from collections.abc import Sequence

from panel.core.config.profiles import ServerProfile
from panel.core.engines.base import EngineAdapter, LoadingBehaviour, LoadProgress, find_line

_SHARDS = re.compile(r"Loading safetensors checkpoint shards:\s*(\d+)% Completed")
_GRAPHS = re.compile(r"Capturing CUDA graphs?.*?(\d+)%")
_NOT_ENOUGH_MEMORY = re.compile(r"Free memory on device.*less than desired GPU memory utilization")
_KV_TOO_BIG = re.compile(r"To serve at least one request with the models's max seq len")
_OOM = re.compile(r"CUDA out of memory|OutOfMemoryError")
_NO_GPU = re.compile(
    r"No CUDA GPUs are available|Failed to infer device type|Found no NVIDIA driver", re.I
)
_NO_MODEL = re.compile(
    r"(Repository Not Found|is not a local folder and is not a valid model"
    r"|We couldn't connect to 'https://huggingface.co')"
)
_PHASES = (
    (re.compile(r"Starting to load model|Loading model from|Loading weights"), "loading weights"),
    (re.compile(r"Memory profiling|determine available memory|KV cache"), "profiling memory"),
    (re.compile(r"Compiling a graph|torch.compile"), "compiling"),
    (re.compile(r"Capturing CUDA graph|Graph capturing"), "capturing CUDA graphs"),
    (re.compile(r"Starting vLLM API server|Application startup"), "starting API server"),
)


class VllmAdapter(EngineAdapter):
    engine_name = "vllm"
    binary = "vllm"
    health_path = "/health"  # 200 with an empty body when ready
    loading = LoadingBehaviour.REFUSES
    api_key_env = "VLLM_API_KEY"
    install_hint = (
        "Install vLLM (`pip install vllm` in a CUDA-capable Python environment, or run it "
        "in NVIDIA's vLLM container), then put vllm on PATH or set the profile's executable."
    )
    reserved_flags = ("--host", "--port", "--api-key", "--model")

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
            return LoadProgress("loading weights", int(shards.group(1)) / 100)
        graphs = _GRAPHS.search(line)
        if graphs:
            return LoadProgress("capturing CUDA graphs", int(graphs.group(1)) / 100)
        for pattern, phase in _PHASES:
            if pattern.search(line):
                return LoadProgress(phase)
        return None

    def _explain_from_log(self, exit_code: int | None, last_lines: Sequence[str]) -> str | None:
        if find_line(last_lines, _NOT_ENOUGH_MEMORY):
            return (
                "not enough free GPU memory for --gpu-memory-utilization (a fraction of the "
                "GPU's total memory): lower it, or stop the other servers on this GPU"
            )
        if find_line(last_lines, _KV_TOO_BIG):
            return (
                "the KV cache for the model's context does not fit: lower --max-model-len "
                "or raise --gpu-memory-utilization"
            )
        if find_line(last_lines, _OOM):
            return "CUDA out of memory: lower --gpu-memory-utilization or --max-model-len"
        if find_line(last_lines, _NO_GPU):
            return "vLLM found no usable NVIDIA GPU"
        if find_line(last_lines, _NO_MODEL):
            return "vLLM could not find the model (not a local folder, and not in the HF cache)"
        return None
