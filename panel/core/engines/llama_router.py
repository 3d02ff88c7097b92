"""llama-server's own router mode: one llama-server that runs a child llama-server per model.

Started with no model (no ``-m``/``--model``/``-hf``...) but with ``--models-dir DIR``
and/or ``--models-preset FILE.ini``, llama-server listens at once and lists its models at
``GET /models``; ``POST /models/load`` / ``/models/unload`` with ``{"model": ID}`` start or
stop the child that serves one, and a request naming a model loads it on demand. What the
real binary answers (docs/protocols.md has the full record):

- ``GET /health``: 200 ``{"status":"ok"}`` as soon as it listens; no model has to load.
- ``GET /models`` (and ``/v1/models``): ``{"data": [{"id", "aliases", "source",
  "status": {"value": "unloaded"|"loading"|"loaded", "args": [...child argv...],
  "exit_code": N, "failed": true}}]}``. A model whose child exited with an error is
  "unloaded" with ``failed`` set; ``args`` holds the child's ``--port`` while it runs.
- ``POST /models/load``: 200 ``{"success":true}`` at once (the load goes on behind it),
  400 "model is already running", 404 for a name it does not know. ``/models/unload``:
  200, or 400 "model is not running".
- ``GET /models/sse``: ``data: {"model", "event": "status_change", "data": {"status",
  "progress": {"value": 0..1}}}`` events while a model loads (the only progress given).
- Each child's log lines reach the router's stderr prefixed ``[PORT] ``; a child watches
  its stdin and exits when the router dies, and the panel's guard stops the whole tree.

This module is the Qt-free knowledge: recognising such a profile, reading those replies,
naming its models from the disk. :mod:`panel.core.engines.llama_router_client` talks HTTP.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from panel.core.config.profiles import (
    Engine,
    ServerProfile,
    find_flags,
    flags_given,
    last_flag_value,
)
from panel.core.engines.llama_cpp import LlamaCppAdapter
from panel.core.i18n import translate

ROUTER_FLAGS = ("--models-dir", "--models-preset")
ROUTER_ENV = ("LLAMA_ARG_MODELS_DIR", "LLAMA_ARG_MODELS_PRESET")
# Any of these gives llama-server a model of its own: it is then no router.
MODEL_FLAGS = (
    "-m", "--model", "-hf", "-hfr", "--hf-repo", "-mu", "--model-url", "-dr", "--docker-repo",
)  # fmt: skip
_CHILD_LINE = re.compile(r"^\[(\d+)\] ?")


class ModelState(StrEnum):
    UNLOADED = "unloaded"
    LOADING = "loading"
    LOADED = "loaded"
    FAILED = "failed"  # its last load ended with an error; a new load may be tried


@dataclass(frozen=True)
class RouterModel:
    """One model of a router-mode llama-server, as ``GET /models`` (or an event) says."""

    id: str
    state: ModelState
    aliases: tuple[str, ...] = ()
    source: str = ""  # models_dir | preset | cache
    exit_code: int | None = None  # of its last child, where it exited
    port: int | None = None  # its child's port (its log lines start with "[PORT]")
    progress: float | None = None  # 0..1 while loading, where the events said

    def label(self) -> str:
        """The state in a few words, for a badge: "loaded", "failed"..."""
        labels = {
            ModelState.UNLOADED: translate("LlamaRouter", "unloaded"),
            ModelState.LOADING: translate("LlamaRouter", "loading"),
            ModelState.LOADED: translate("LlamaRouter", "loaded"),
            ModelState.FAILED: translate("LlamaRouter", "failed"),
        }
        if self.state is ModelState.LOADING and self.progress is not None:
            return translate("LlamaRouter", "loading {percent} %").format(
                percent=round(self.progress * 100)
            )
        return labels[self.state]


class RouterReplyError(ValueError):
    """The server's answer is not the shape router mode gives (not a router, or a new
    version): the message says so in the user's words."""


def is_router_mode(profile: ServerProfile) -> bool:
    """A llama-server profile that names no model of its own but a folder or a preset file
    of models: llama-server then runs as a router of child servers."""
    if profile.engine is not Engine.LLAMA_CPP or profile.model:
        return False
    if flags_given(profile.args, *MODEL_FLAGS) or "LLAMA_ARG_MODEL" in profile.env:
        return False
    return bool(find_flags(profile.args, *ROUTER_FLAGS)) or any(
        profile.env.get(name) for name in ROUTER_ENV
    )


def models_dir(profile: ServerProfile) -> str | None:
    return last_flag_value(profile.args, "--models-dir") or profile.env.get(ROUTER_ENV[0])


def models_preset(profile: ServerProfile) -> str | None:
    return last_flag_value(profile.args, "--models-preset") or profile.env.get(ROUTER_ENV[1])


def missing_source(profile: ServerProfile) -> str | None:
    """What is wrong with a router-mode profile's models folder or preset file, if anything
    (the server would start and list no model, or refuse to start)."""
    for flag, where in (
        ("--models-dir", models_dir(profile)),
        ("--models-preset", models_preset(profile)),
    ):
        if not where:
            continue
        path = Path(os.path.expanduser(where))
        wanted_dir = flag == "--models-dir"
        if not path.exists():
            return translate("LlamaRouter", "{flag} not found: {path}").format(flag=flag, path=path)
        if wanted_dir and not path.is_dir():
            return translate("LlamaRouter", "{flag} is not a folder: {path}").format(
                flag=flag, path=path
            )
    return None


def parse_models(payload: object) -> list[RouterModel]:
    """The models of ``GET /models``, in the server's order."""
    data = payload.get("data") if isinstance(payload, Mapping) else None
    if not isinstance(data, list):
        raise RouterReplyError(
            translate("LlamaRouter", 'the server\'s model list has no "data" list')
        )
    models = []
    for entry in data:
        if not isinstance(entry, Mapping) or not isinstance(entry.get("id"), str):
            continue  # one odd entry must not hide the others
        models.append(_model_from(entry))
    return models


_ACTIVE = {"loading": ModelState.LOADING, "loaded": ModelState.LOADED}


def _exit_code(status: Mapping[str, object]) -> int | None:
    code = status.get("exit_code")
    return code if isinstance(code, int) and not isinstance(code, bool) else None


def _model_from(entry: Mapping[str, object]) -> RouterModel:
    status = entry.get("status")
    status = status if isinstance(status, Mapping) else {}
    value = status.get("value")
    exit_code = _exit_code(status)
    state = _ACTIVE.get(str(value))
    if state is None:
        failed = status.get("failed") is True or value == "failed"
        state = ModelState.FAILED if failed else ModelState.UNLOADED
    args = status.get("args")
    port = None
    if isinstance(args, list) and all(isinstance(a, str) for a in args):
        found = last_flag_value(args, "--port")
        port = int(found) if found and found.isdigit() and found != "0" else None
    aliases = entry.get("aliases")
    return RouterModel(
        id=str(entry["id"]),
        state=state,
        aliases=tuple(a for a in aliases if isinstance(a, str))
        if isinstance(aliases, list)
        else (),
        source=str(entry.get("source") or ""),
        exit_code=exit_code,
        port=port,
    )


@dataclass(frozen=True)
class ModelEvent:
    """One ``/models/sse`` event: a model's new state and, while it loads, how far."""

    model: str
    state: ModelState
    progress: float | None = None
    exit_code: int | None = None


def parse_event(data: str) -> ModelEvent | None:
    """The event in one SSE ``data`` field; None for anything else (a new kind of event)."""
    import json  # here: the window's list imports this module at start-up

    try:
        event = json.loads(data)
    except ValueError:
        return None
    if not isinstance(event, dict) or not isinstance(event.get("model"), str):
        return None
    body = event.get("data")
    if not isinstance(body, dict):
        return None
    value = body.get("status")
    exit_code = _exit_code(body)
    state = _ACTIVE.get(str(value))
    if state is None and value == "unloaded":
        # The router reports a failed load as "unloaded" with the child's exit code.
        state = ModelState.FAILED if exit_code else ModelState.UNLOADED
    if state is None:
        return None
    progress = None
    detail = body.get("progress")
    if isinstance(detail, dict) and isinstance(detail.get("value"), int | float):
        progress = min(1.0, max(0.0, float(detail["value"])))
    return ModelEvent(event["model"], state, progress, exit_code)


def apply_event(models: Sequence[RouterModel], event: ModelEvent) -> list[RouterModel]:
    """``models`` with one model's state (and progress) as the event says."""
    out = []
    for model in models:
        if model.id == event.model:
            model = RouterModel(
                model.id,
                event.state,
                model.aliases,
                model.source,
                event.exit_code if event.exit_code is not None else model.exit_code,
                model.port,
                event.progress if event.state is ModelState.LOADING else None,
            )
        out.append(model)
    return out


def child_lines(lines: Sequence[str], port: int) -> list[str]:
    """The lines of the child on ``port`` in the router's log, without their prefix."""
    prefix = f"[{port}]"
    return [_CHILD_LINE.sub("", line) for line in lines if line.startswith(prefix)]


def explain_failure(model: RouterModel, log_lines: Sequence[str]) -> str:
    """Why a model failed to load, from its child's lines in the router's log."""
    lines = child_lines(log_lines, model.port) if model.port is not None else []
    if lines:
        return LlamaCppAdapter().explain_exit(model.exit_code, None, lines)
    return translate("LlamaRouter", "its server exited with code {code}").format(
        code=model.exit_code if model.exit_code is not None else "?"
    )


def disk_model_names(profile: ServerProfile) -> list[str]:
    """The model names a router-mode profile will list, read from the disk without
    starting it: each ``*.gguf`` in the models folder by its name without the extension,
    each subfolder holding GGUF files by the folder's name, each preset file section.
    Empty for any other profile.

    Cheap enough to ask on every request (the panel's router matches a request's
    ``model`` against it): the answer is kept until the folder's or the preset file's
    modification time changes, which costs two ``stat`` calls.
    """
    if not is_router_mode(profile):
        return []
    folder = models_dir(profile)
    preset = models_preset(profile)
    root = Path(os.path.expanduser(folder)) if folder else None
    preset_path = Path(os.path.expanduser(preset)) if preset else None
    key = (root, _mtime(root), preset_path, _mtime(preset_path))
    cached = _NAMES.get(key)
    if cached is None:
        cached = _read_names(root, preset_path)
        if len(_NAMES) > 64:  # profiles edited over a long session: no need to keep old ones
            _NAMES.clear()
        _NAMES[key] = cached
    return list(cached)


_NAMES: dict[tuple[Path | None, int | None, Path | None, int | None], list[str]] = {}


def _mtime(path: Path | None) -> int | None:
    if path is None:
        return None
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None


def _read_names(root: Path | None, preset: Path | None) -> list[str]:
    names: list[str] = []
    if root is not None:
        try:
            entries = sorted(root.iterdir())
        except OSError:
            entries = []
        for entry in entries:
            if entry.suffix == ".gguf" and entry.is_file():
                names.append(entry.stem)
            elif entry.is_dir() and _holds_gguf(entry):
                names.append(entry.name)
    if preset is not None:
        import configparser  # here: the window's list imports this module at start-up

        parser = configparser.ConfigParser(interpolation=None, strict=False)
        # A preset file the server cannot read either: it will say so when started.
        with contextlib.suppress(configparser.Error, UnicodeDecodeError):
            parser.read(preset, encoding="utf-8")
        names += [section for section in parser.sections() if section != "*"]
    seen: list[str] = []
    for name in names:
        if name not in seen:
            seen.append(name)
    return seen


def _holds_gguf(folder: Path) -> bool:
    try:
        return any(child.suffix == ".gguf" for child in folder.iterdir())
    except OSError:
        return False
