"""llama.cpp's ``llama-server``: chat and vision models in GGUF."""

from __future__ import annotations

import re
from collections.abc import Sequence

from panel.core.config.profiles import ServerProfile
from panel.core.engines.base import EngineAdapter, LoadingBehaviour, LoadProgress, find_line
from panel.core.i18n import QT_TRANSLATE_NOOP, translate

_BIND_FAIL = re.compile(r"couldn't bind HTTP server socket, hostname: (\S+), port: (\d+)")
_LOAD_FAIL = re.compile(
    r"exiting due to model loading error|failed to load model|error loading model"
    r"|unable to load model|failed to open GGUF|gguf_init_from_file"
)
_MMPROJ_FAIL = re.compile(r"failed to load (multimodal|mmproj|clip)|error loading mmproj", re.I)
_PHASES = (
    (
        re.compile(r"loading model|llama_model_loader|load_tensors|llama_model_load"),
        QT_TRANSLATE_NOOP("Engines", "loading model"),
    ),
    (
        re.compile(r"clip_model_loader|loading mmproj|mtmd"),
        QT_TRANSLATE_NOOP("Engines", "loading projector"),
    ),
    (
        re.compile(r"llama_context|llama_kv_cache|kv_cache"),
        QT_TRANSLATE_NOOP("Engines", "allocating context"),
    ),
    (re.compile(r"warming up"), QT_TRANSLATE_NOOP("Engines", "warming up")),
)


class LlamaCppAdapter(EngineAdapter):
    engine_name = "llama.cpp"
    binary = "llama-server"
    health_path = "/health"
    loading = LoadingBehaviour.ANSWERS_503
    # Not LLAMA_ARG_API_KEY: llama-server ignores that one and runs with no auth at all.
    api_key_env = "LLAMA_API_KEY"
    install_hint = QT_TRANSLATE_NOOP(
        "Engines",
        "Install llama.cpp's server: a release from github.com/ggml-org/llama.cpp, "
        "`brew install llama.cpp`, or build it (cmake -B build && cmake --build build "
        "--target llama-server), then put llama-server on PATH or set the profile's executable.",
    )
    reserved_flags = ("-m", "--model", "--host", "--port", "--api-key")

    def build_argv(self, profile: ServerProfile, executable: str) -> list[str]:
        argv = [executable]
        if profile.model:
            argv += ["-m", profile.model]
        return [*argv, "--host", profile.host, "--port", str(profile.port), *profile.args]

    def parse_progress(self, line: str) -> LoadProgress | None:
        for pattern, phase in _PHASES:
            if pattern.search(line):
                return LoadProgress(translate("Engines", phase))
        return None

    def _explain_from_log(self, exit_code: int | None, last_lines: Sequence[str]) -> str | None:
        bind = find_line(last_lines, _BIND_FAIL)
        if bind:
            return translate("ExitReason", "port {port} on {host} is already in use").format(
                port=bind.group(2), host=bind.group(1)
            )
        if find_line(last_lines, _MMPROJ_FAIL):
            return translate("ExitReason", "the multimodal projector (--mmproj) failed to load")
        if find_line(last_lines, _LOAD_FAIL):
            return translate(
                "ExitReason", "the model failed to load (missing, corrupt or unsupported GGUF file)"
            )
        return None
