"""What the chat window wants to know about a server before the user asks it anything:
does it read images, which model does it serve (the name requests should carry), and how
many tokens a conversation may hold (the answer length it may ask for)."""

from __future__ import annotations

from dataclasses import dataclass, replace

import httpx

from panel.core.chat.answer_budget import context_from_flags
from panel.core.chat.client import ChatClient
from panel.core.config.profiles import Engine, Role, ServerProfile, first_flag_value
from panel.core.i18n import translate

CHECK_TIMEOUT = 10.0  # seconds; a local server that takes longer is not ready to chat


@dataclass(frozen=True)
class TargetCheck:
    """``vision``: True, False, or None when unknown; ``reason``: why, for a tooltip;
    ``fix``: the next step in a few words ("" when there is none); ``model``: the id the
    server lists first ("" when it lists none); ``context``: tokens per conversation,
    prompt and answer together (None when unknown)."""

    vision: bool | None
    reason: str
    fix: str = ""
    model: str = ""
    context: int | None = None

    @property
    def text_only(self) -> bool:
        return self.vision is False


def known_without_asking(profile: ServerProfile) -> TargetCheck | None:
    """vLLM serves what its profile says: its role decides, no request needed. Its model
    is called what ``--served-model-name`` says, else exactly what ``vllm serve`` was
    given (a hub id such as ``Qwen/Qwen2.5-VL-7B-Instruct-AWQ``, or a path): any other
    name is a 404 ("The model `...` does not exist"). Its context is ``--max-model-len``;
    without it (None) :func:`check_profile` asks the server."""
    if profile.engine is not Engine.VLLM:
        return None
    model = first_flag_value(profile.args, "--served-model-name") or profile.model
    context = context_from_flags(profile)
    if profile.role is Role.VISION:
        return TargetCheck(True, translate("Chat", "vision profile"), model=model, context=context)
    return TargetCheck(
        False,
        translate(
            "Chat", "the profile's role is chat; make it a vision profile for a multimodal model"
        ),
        translate("Chat", "make it a vision profile"),
        model=model,
        context=context,
    )


def check_target(
    base_url: str,
    api_key: str | None,
    *,
    transport: httpx.BaseTransport | None = None,
    timeout: float = CHECK_TIMEOUT,
) -> TargetCheck:
    """Ask the server (blocking: call it off the GUI thread). Never raises for a server
    that is down or odd: that is an unknown answer with the reason."""
    with ChatClient(base_url, api_key=api_key, transport=transport, timeout=timeout) as client:
        facts = client.facts()
    vision = facts.vision
    model = facts.models[0] if facts.models else ""
    return TargetCheck(vision.vision, vision.reason, vision.fix, model, facts.context)


def check_profile(
    profile: ServerProfile,
    api_key: str | None,
    *,
    transport: httpx.BaseTransport | None = None,
    timeout: float = CHECK_TIMEOUT,
) -> TargetCheck:
    """:func:`check_target` for a profile (blocking): what its flags say stands where the
    server is silent, and a vLLM profile asks only for the context its flags do not give."""
    known = known_without_asking(profile)
    if known is not None and known.context is not None:
        return known
    if known is not None:
        with ChatClient(
            profile.base_url, api_key=api_key, transport=transport, timeout=timeout
        ) as client:
            return replace(known, context=client.context_size())
    asked = check_target(profile.base_url, api_key, transport=transport, timeout=timeout)
    if asked.context is None:
        asked = replace(asked, context=context_from_flags(profile))
    return asked
