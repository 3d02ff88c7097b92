"""Any other OpenAI-compatible server: the user writes the whole command line."""

from __future__ import annotations

from collections.abc import Sequence

from panel.core.config.profiles import ServerProfile
from panel.core.engines.base import EngineAdapter, LoadingBehaviour, LoadProgress


class CustomAdapter(EngineAdapter):
    """argv = executable + args, with {host}, {port} and {model} filled in.

    Placeholders let a hand-typed command follow the profile's port and host without
    the panel guessing which flags a foreign program uses.
    """

    engine_name = "custom"
    binary = ""
    loading = LoadingBehaviour.REFUSES

    def __init__(self, like: EngineAdapter | None = None) -> None:
        # A hand-typed llama-server line still deserves llama-server's log reading.
        self._like = like

    @property
    def explain_lines(self) -> int:  # type: ignore[override]
        return self._like.explain_lines if self._like else EngineAdapter.explain_lines

    def parse_progress(self, line: str) -> LoadProgress | None:
        return self._like.parse_progress(line) if self._like else None

    def _explain_from_log(self, exit_code: int | None, last_lines: Sequence[str]) -> str | None:
        return self._like._explain_from_log(exit_code, last_lines) if self._like else None

    def build_argv(self, profile: ServerProfile, executable: str) -> list[str]:
        values = {"host": profile.host, "port": str(profile.port), "model": profile.model}
        return [executable, *(_fill(arg, values) for arg in profile.args)]

    def health_path_for(self, profile: ServerProfile) -> str:
        path = profile.health_path or self.health_path
        return path if path.startswith("/") else "/" + path


def _fill(arg: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        arg = arg.replace("{" + key + "}", value)
    return arg
