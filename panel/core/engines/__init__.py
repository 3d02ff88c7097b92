"""Engine adapters, one per server program. ``adapter_for`` picks the right one."""

from __future__ import annotations

from panel.core.config.profiles import Engine
from panel.core.engines.base import EngineAdapter, LaunchPlan, LoadingBehaviour, LoadProgress
from panel.core.engines.custom import CustomAdapter
from panel.core.engines.llama_cpp import LlamaCppAdapter
from panel.core.engines.vllm import VllmAdapter
from panel.core.engines.whisper_cpp import WhisperCppAdapter

_ADAPTERS: dict[Engine, EngineAdapter] = {
    Engine.LLAMA_CPP: LlamaCppAdapter(),
    Engine.WHISPER_CPP: WhisperCppAdapter(),
    Engine.VLLM: VllmAdapter(),
    Engine.CUSTOM: CustomAdapter(),
}


def adapter_for(engine: Engine) -> EngineAdapter:
    return _ADAPTERS[engine]


__all__ = [
    "EngineAdapter",
    "LaunchPlan",
    "LoadProgress",
    "LoadingBehaviour",
    "adapter_for",
]
