"""The catalog a first run starts with: the four deployments our users ran by hand.

Paths that do not exist on this machine show as "model missing" in the panel; they are
examples to edit, not errors. Plain profiles only: the store (which imports this) makes
them a config, so the two modules never import each other.
"""

from __future__ import annotations

from panel.core.config.profiles import ContainerSpec, Engine, Role, ServerProfile


def default_profiles() -> list[ServerProfile]:
    return [
        ServerProfile(
            name="qwen3-coder (llama.cpp)",
            engine=Engine.LLAMA_CPP,
            model="/models/Qwen3-Coder-30B-A3B-Instruct-GGUF/Qwen3-Coder-30B-A3B-Instruct-Q4_K_M.gguf",
            port=8000,
            args=[
                "--alias",
                "qwen3",
                "--gpu-layers",
                "99",
                "--ctx-size",
                "32768",
                "--parallel",
                "1",
                "--flash-attn",
                "on",
                "--jinja",
            ],
            role=Role.CHAT,
            ready_timeout=600.0,
        ),
        ServerProfile(
            name="whisper large-v3-turbo (whisper.cpp)",
            engine=Engine.WHISPER_CPP,
            model="/models/ggml-large-v3-turbo.bin",
            port=8080,
            args=["--flash-attn", "--language", "auto"],
            role=Role.TRANSCRIPTION,
        ),
        ServerProfile(
            name="whisper-small (vLLM)",
            engine=Engine.VLLM,
            model="openai/whisper-small",
            # vLLM's default port is 8000 like the llama.cpp profile above; a distinct
            # port lets both run at once.
            port=8001,
            args=["--served-model-name", "whisper", "--gpu-memory-utilization", "0.2"],
            role=Role.TRANSCRIPTION,
            ready_timeout=900.0,
            # The seed runs vLLM in NVIDIA's container, not installed on the host.
            container=ContainerSpec(),
        ),
        ServerProfile(
            name="Qwen2.5-VL-7B AWQ (vLLM)",
            engine=Engine.VLLM,
            model="Qwen/Qwen2.5-VL-7B-Instruct-AWQ",
            port=8002,
            args=[
                "--served-model-name",
                "qwen3",
                "--gpu-memory-utilization",
                "0.6",
                "--max-model-len",
                "16384",
                "--allowed-local-media-path",
                "/models",
            ],
            role=Role.VISION,
            ready_timeout=900.0,
            container=ContainerSpec(),
        ),
    ]
