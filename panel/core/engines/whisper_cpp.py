"""whisper.cpp's ``whisper-server``: speech to text."""

from __future__ import annotations

import re
from collections.abc import Sequence

from panel.core.config.profiles import ServerProfile
from panel.core.engines.base import EngineAdapter, LoadingBehaviour, LoadProgress, find_line
from panel.core.i18n import QT_TRANSLATE_NOOP, translate

_BIND_FAIL = re.compile(r"couldn't bind to server socket: hostname=(\S+) port=(\d+)|couldn't bind")
_USAGE = re.compile(r"^usage: ", re.I)
_UNKNOWN_LANG = re.compile(r"unknown language '([^']*)'", re.I)


class WhisperCppAdapter(EngineAdapter):
    engine_name = "whisper.cpp"
    binary = "whisper-server"
    health_path = "/health"
    # The model loads before the port is bound, so connections are refused meanwhile.
    loading = LoadingBehaviour.REFUSES
    api_key_env = None  # whisper-server has no API keys
    install_hint = QT_TRANSLATE_NOOP(
        "Engines",
        "Build whisper.cpp's server (github.com/ggml-org/whisper.cpp: cmake -B build "
        "-DWHISPER_BUILD_SERVER=ON && cmake --build build --target whisper-server), "
        "then put whisper-server on PATH or set the profile's executable.",
    )
    reserved_flags = ("-m", "--model", "--host", "--port")

    def build_argv(self, profile: ServerProfile, executable: str) -> list[str]:
        argv = [executable]
        if profile.model:
            argv += ["-m", profile.model]
        return [*argv, "--host", profile.host, "--port", str(profile.port), *profile.args]

    def parse_progress(self, line: str) -> LoadProgress | None:
        if "whisper_model_load" in line or "whisper_init_from_file" in line:
            return LoadProgress(translate("Engines", "loading model"))
        if "whisper_init_state" in line or "kv self size" in line:
            return LoadProgress(translate("Engines", "allocating state"))
        return None

    def _explain_from_log(self, exit_code: int | None, last_lines: Sequence[str]) -> str | None:
        bind = find_line(last_lines, _BIND_FAIL)
        if bind and exit_code == 1:
            port = bind.group(2)
            if port:
                return translate("ExitReason", "port {port} is already in use").format(port=port)
            return translate("ExitReason", "the port is already in use")
        if exit_code == 3:
            return translate(
                "ExitReason",
                "the model failed to load (whisper-server exit 3: missing or not a ggml model)",
            )
        lang = find_line(last_lines, _UNKNOWN_LANG)
        if lang:
            return translate(
                "ExitReason",
                "unknown language {language}: whisper-server printed its usage and quit",
            ).format(language=repr(lang.group(1)))
        if exit_code == 0 and find_line(last_lines, _USAGE):
            return translate(
                "ExitReason", "whisper-server printed its usage and quit: check the flags"
            )
        return None
