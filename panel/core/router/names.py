"""Which profile a request is for: its ``model`` against each profile's names.

A profile answers to its own name, to llama-server's ``--alias`` / ``-a`` and to vLLM's
``--served-model-name`` (each of its names); a llama-server in router mode also to each
model in its ``--models-dir`` or ``--models-preset``. The ``model`` comes from a JSON body, or
from the ``model`` field of a multipart form (transcriptions).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from panel.core.config.profiles import Engine, Role, ServerProfile, find_flags, last_flag_value
from panel.core.engines.llama_router import disk_model_names
from panel.core.i18n import QT_TRANSLATE_NOOP, translate

CHAT_ROUTES = ("/v1/chat/completions", "/v1/completions", "/v1/embeddings")
TRANSCRIPTION_ROUTES = ("/v1/audio/transcriptions", "/inference")
ROUTES = CHAT_ROUTES + TRANSCRIPTION_ROUTES


class Refusal(Exception):
    """Why the router turns a request away, said twice: ``str()`` in English for the HTTP
    error body (clients parse it), ``shown`` in the user's language for the Router tab.

    ``source`` is a ``QT_TRANSLATE_NOOP("Router", ...)`` text with ``{name}`` placeholders.
    """

    def __init__(self, source: str, **values: object) -> None:
        super().__init__(source.format(**values))
        self.shown = translate("Router", source).format(**values)


class NoProfile(Refusal, LookupError):
    """No profile serves the request's model (HTTP 404)."""


def model_names(profile: ServerProfile) -> list[str]:
    """Every name a request may use for ``profile``: its own first."""
    names = [profile.name]
    for _, value in find_flags(profile.args, "--alias", "-a"):
        names.append(value)
    for _, value in find_flags(profile.args, "--served-model-name"):
        # vLLM takes several names after one flag: --served-model-name a b
        names.extend(value.split(","))
    served = _served_names_after_flag(profile.args)
    names.extend(served)
    seen: list[str] = []
    for name in names:
        if name and name not in seen:
            seen.append(name)
    return seen


def _served_names_after_flag(args: Sequence[str]) -> list[str]:
    """vLLM's ``--served-model-name a b c``: the words after the flag up to the next flag."""
    for index, arg in enumerate(args):
        if arg == "--served-model-name":
            words = []
            for word in args[index + 2 :]:
                if word.startswith("-"):
                    break
                words.append(word)
            return words
    return []


def resolve(model: str | None, profiles: Sequence[ServerProfile], route: str) -> ServerProfile:
    """The profile ``model`` names; without a model, the only profile that serves the
    route's kind (chat or transcription). LookupError says why none fits."""
    if model:
        for profile in profiles:
            if profile.name == model:
                return profile
        for profile in profiles:
            if model in model_names(profile):
                return profile
        for profile in profiles:
            # llama-server's router mode: a model in its folder or preset file, which the
            # body's "model" then picks inside that server.
            if model in disk_model_names(profile):
                return profile
        known = ", ".join(n for p in profiles for n in model_names(p))
        if not known:
            raise NoProfile(
                QT_TRANSLATE_NOOP("Router", "no profile serves the model {model} (models: none)"),
                model=repr(model),
            )
        raise NoProfile(
            QT_TRANSLATE_NOOP("Router", "no profile serves the model {model} (models: {known})"),
            model=repr(model),
            known=known,
        )
    kind = [p for p in profiles if serves_route(p, route)]
    if len(kind) == 1:
        return kind[0]
    raise NoProfile(
        QT_TRANSLATE_NOOP(
            "Router", 'the request names no model; say which with "model" (see GET /v1/models)'
        )
    )


def serves_route(profile: ServerProfile, route: str) -> bool:
    if route in TRANSCRIPTION_ROUTES:
        return profile.role is Role.TRANSCRIPTION
    return profile.role is not Role.TRANSCRIPTION


def upstream_path(profile: ServerProfile, route: str) -> str:
    """The path on the profile's server: whisper-server transcribes at its
    ``--inference-path`` (default /inference), OpenAI-style servers at
    /v1/audio/transcriptions, whichever of the two the client used."""
    if route not in TRANSCRIPTION_ROUTES:
        return route
    if profile.engine is Engine.WHISPER_CPP:
        return last_flag_value(profile.args, "--inference-path") or "/inference"
    if profile.engine is Engine.VLLM:
        return "/v1/audio/transcriptions"
    return route


def model_of(content_type: str, body: bytes) -> str | None:
    """The request's ``model``: a JSON body's, or a multipart form's ``model`` field."""
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind == "multipart/form-data":
        return _form_field(content_type, body, "model")
    if not body:
        return None
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
    model = data.get("model") if isinstance(data, dict) else None
    return model if isinstance(model, str) else None


def _form_field(content_type: str, body: bytes, name: str) -> str | None:
    for field_name, value in form_fields(content_type, body, files=False):
        if field_name == name:
            return value
    return None


def form_fields(content_type: str, body: bytes, *, files: bool = True) -> list[tuple[str, str]]:
    """A multipart form's fields in order; a file field's value is ``@FILENAME``."""
    boundary = _boundary(content_type)
    if boundary is None:
        return []
    found: list[tuple[str, str]] = []
    delimiter = b"--" + boundary.encode("latin-1")
    for part in body.split(delimiter)[1:]:
        head, sep, value = part.partition(b"\r\n\r\n")
        if not sep:
            continue
        for line in head.split(b"\r\n"):
            if not line.lower().startswith(b"content-disposition:"):
                continue
            params = _disposition_params(line.decode("latin-1"))
            if "name" not in params:
                continue
            if "filename" in params:
                if files:
                    found.append((params["name"], "@" + (params["filename"] or "FILE")))
            else:
                text = value.removesuffix(b"\r\n").decode("utf-8", "replace")
                found.append((params["name"], text))
    return found


def _boundary(content_type: str) -> str | None:
    for param in content_type.split(";")[1:]:
        key, _, value = param.strip().partition("=")
        if key.strip().lower() == "boundary" and value:
            return value.strip().strip('"')
    return None


def _disposition_params(line: str) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in line.split(":", 1)[1].split(";")[1:]:
        key, _, value = item.strip().partition("=")
        params[key.strip().lower()] = value.strip().strip('"')
    return params
