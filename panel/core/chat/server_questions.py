"""What a chat server says about itself before anyone chats: does its model read images,
which model does it serve, and how many tokens one conversation may hold.

llama-server answers in ``/props`` (``modalities``, ``default_generation_settings.n_ctx``,
the context of one slot); vLLM and other OpenAI-style servers in ``/v1/models``
(``max_model_len``, ``architecture.input_modalities``, Ollama-style ``capabilities``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from panel.core.chat.answer import as_int
from panel.core.chat.errors import MMPROJ_FIX, ChatError
from panel.core.i18n import translate
from panel.core.net.server_client import ServerClient

MODELS_PATH = "/v1/models"
PROPS_PATH = "/props"

Answer = tuple[int, Any]  # status, JSON body (None when the body is not JSON)


@dataclass(frozen=True)
class VisionSupport:
    """Whether a server reads images (None: it does not say), why, and the next step
    (``fix``: a few words such as "add --mmproj FILE", or "")."""

    vision: bool | None
    reason: str
    fix: str = ""


@dataclass(frozen=True)
class ServerFacts:
    """All of it from one look (``/props`` and ``/v1/models`` once each): ``models`` the
    ids served ([] when unknown), ``context`` tokens per conversation (None: not said)."""

    vision: VisionSupport
    models: list[str]
    context: int | None


class ServerQuestions(ServerClient):
    def _get_json(self, path: str) -> Answer:
        try:
            reply = self._client.get(path, timeout=min(self.timeout, 10.0))
        except httpx.ConnectError as exc:
            raise ChatError(
                translate(
                    "Chat", "cannot connect to {where}: the server is not running or not ready yet"
                ).format(where=self.where),
                "refused",
            ) from exc
        except httpx.TimeoutException as exc:
            silent = translate("Chat", "the server at {where} did not answer")
            raise ChatError(silent.format(where=self.where), "timeout") from exc
        except httpx.TransportError as exc:
            failed = translate("Chat", "the connection to {where} failed: {error}")
            raise ChatError(failed.format(where=self.where, error=exc), "http") from exc
        try:
            return reply.status_code, reply.json()
        except ValueError:
            return reply.status_code, None

    def vision_support(self) -> tuple[bool | None, str]:
        """Whether the loaded model takes images: True/False, or None when unknown."""
        check = self.vision_check()
        return check.vision, check.reason

    def vision_check(self) -> VisionSupport:
        """Whether the loaded model takes images, why we think so, and the fix if any."""
        try:
            said = _vision_in_props(self._get_json(PROPS_PATH))
            if said is not None:
                return said
            models = self._get_json(MODELS_PATH)
        except ChatError as exc:
            return VisionSupport(None, str(exc))
        return _vision_in_models(models)

    def models(self) -> list[str]:
        return _model_ids(self._get_json(MODELS_PATH))

    def context_size(self) -> int | None:
        """Tokens one conversation may hold, prompt and answer together; None when the
        server does not say (or cannot be asked)."""
        try:
            props = self._get_json(PROPS_PATH)
            return _context_in(props, None) or _context_in(props, self._get_json(MODELS_PATH))
        except ChatError:
            return None

    def facts(self) -> ServerFacts:
        """:meth:`vision_check`, :meth:`models` and :meth:`context_size` in one look."""
        try:
            props = self._get_json(PROPS_PATH)
        except ChatError as exc:
            return ServerFacts(VisionSupport(None, str(exc)), [], None)
        try:
            models: Answer | ChatError = self._get_json(MODELS_PATH)
        except ChatError as exc:
            models = exc
        vision = _vision_in_props(props)
        if isinstance(models, ChatError):
            return ServerFacts(
                vision or VisionSupport(None, str(models)), [], _context_in(props, None)
            )
        try:
            ids = _model_ids(models)
        except ChatError:
            ids = []
        return ServerFacts(vision or _vision_in_models(models), ids, _context_in(props, models))


def _vision_in_props(props: Answer) -> VisionSupport | None:
    """What llama-server's /props says of images; None when it says nothing."""
    status, body = props
    if status == 503:
        return VisionSupport(None, translate("Chat", "the server is still loading the model"))
    if status == 200 and isinstance(body, dict):
        modalities = body.get("modalities")
        if isinstance(modalities, dict) and "vision" in modalities:
            if modalities["vision"]:
                return VisionSupport(
                    True, translate("Chat", "llama-server has a multimodal projector loaded")
                )
            reason = translate(
                "Chat",
                "llama-server was started without a multimodal projector: {fix} to read images",
            )
            fix = translate("Chat", MMPROJ_FIX)
            return VisionSupport(False, reason.format(fix=fix), fix)
    return None


def _vision_in_models(answer: Answer) -> VisionSupport:
    status, models = answer
    if status == 503:
        return VisionSupport(None, translate("Chat", "the server is still loading the model"))
    if status != 200 or not isinstance(models, dict):
        reason = translate(
            "Chat", "the server does not say whether it reads images (HTTP {status})"
        )
        return VisionSupport(None, reason.format(status=status))
    seen = False
    for card in models.get("data") or []:
        arch = card.get("architecture") if isinstance(card, dict) else None
        inputs = arch.get("input_modalities") if isinstance(arch, dict) else None
        if isinstance(inputs, list):
            if "image" in inputs:
                return VisionSupport(True, translate("Chat", "the model lists image input"))
            seen = True
    for card in models.get("models") or []:
        caps = card.get("capabilities") if isinstance(card, dict) else None
        if isinstance(caps, list):
            if "multimodal" in caps or "vision" in caps:
                return VisionSupport(
                    True, translate("Chat", "the model lists multimodal capability")
                )
            seen = True
    if seen:
        return VisionSupport(False, translate("Chat", "the model lists text input only"))
    reason = translate("Chat", "the server does not say whether the model reads images")
    return VisionSupport(None, reason)


def _model_ids(answer: Answer) -> list[str]:
    status, body = answer
    if status == 503:
        raise ChatError(
            translate("Chat", "the server is still loading the model"), "loading", status=status
        )
    if status != 200 or not isinstance(body, dict):
        answered = translate("Chat", "the server answered {status} to /v1/models")
        raise ChatError(answered.format(status=status), "http", status=status)
    return [
        str(card["id"])
        for card in body.get("data") or []
        if isinstance(card, dict) and "id" in card
    ]


def _context_in(props: Answer, models: Answer | None) -> int | None:
    """llama-server's n_ctx of a slot (``/props``), else the first ``max_model_len`` in
    ``/v1/models`` (vLLM); only a positive count counts."""
    status, body = props
    if status == 200 and isinstance(body, dict):
        settings = body.get("default_generation_settings")
        n_ctx = as_int(settings.get("n_ctx")) if isinstance(settings, dict) else None
        if n_ctx is not None and n_ctx > 0:
            return n_ctx
    if models is None:
        return None
    status, body = models
    if status != 200 or not isinstance(body, dict):
        return None
    for card in body.get("data") or []:
        length = as_int(card.get("max_model_len")) if isinstance(card, dict) else None
        if length is not None and length > 0:
            return length
    return None
