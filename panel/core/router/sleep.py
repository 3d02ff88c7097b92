"""vLLM's sleep mode as the router's faster unload (a profile's ``unload = "sleep"``).

vLLM started with ``--enable-sleep-mode`` and ``VLLM_SERVER_DEV_MODE=1`` serves
``POST /sleep?level=1`` (the weights go to CPU memory, the KV cache is dropped: the GPU
memory is free, the process stays), ``POST /wake_up`` and ``GET /is_sleeping``. Waking
takes seconds where a new start takes a minute or more.

Sleep mode needs CUDA's (or ROCm's) allocator. vLLM's CPU build refuses the flag at
start-up, before it loads anything (vllm 0.32.0+cpu)::

    pydantic_core._pydantic_core.ValidationError: 1 validation error for ModelConfig
      Value error, Sleep mode is not supported on current platform. [type=value_error, ...]

:func:`sleep_refusal` turns that into a message that says what to change.
"""

from __future__ import annotations

from collections.abc import Sequence

import aiohttp

from panel.core.config.profiles import Engine, ServerProfile
from panel.core.i18n import translate

SLEEP = "sleep"
LEVEL = 1  # weights kept in CPU memory: waking needs no reload from disk
TIMEOUT = aiohttp.ClientTimeout(total=120, sock_connect=10)
_REFUSAL = "Sleep mode is not supported on current platform"


def sleeps(profile: ServerProfile) -> bool:
    """Whether the router puts ``profile``'s idle server to sleep rather than stopping it."""
    return profile.unload == SLEEP and profile.engine is Engine.VLLM and not profile.attached


def sleep_mode_enabled(profile: ServerProfile) -> bool:
    """Whether the profile starts vLLM with what ``/sleep`` needs."""
    flag = "--enable-sleep-mode" in profile.args
    return flag and profile.env.get("VLLM_SERVER_DEV_MODE", "") == "1"


def sleep_refusal(lines: Sequence[str]) -> str | None:
    """What to do when vLLM refused ``--enable-sleep-mode`` (its last ``lines``), or None."""
    if not any(_REFUSAL in line for line in lines):
        return None
    return translate(
        "Router",
        "vLLM refused --enable-sleep-mode: “Sleep mode is not supported on current platform.” "
        "Sleep mode needs a CUDA or ROCm GPU (it keeps the weights with CUDA's allocator); "
        'this vLLM has none. Set unload = "stop" for this profile and remove '
        "--enable-sleep-mode from its arguments.",
    )


def not_set_up(profile: ServerProfile) -> str:
    """Why a profile that asks to sleep cannot: the server was started without it."""
    return translate(
        "Router",
        "{name} cannot sleep: vLLM serves /sleep only when started with --enable-sleep-mode "
        "and VLLM_SERVER_DEV_MODE=1 in its environment; stopping it instead",
    ).format(name=profile.name)


async def _command(
    session: aiohttp.ClientSession,
    profile: ServerProfile,
    route: str,
    headers: dict[str, str],
    query: str = "",
) -> str | None:
    """POST ``route``; None when it was done, else why not (a 404: not set up for it)."""
    try:
        url = f"{profile.base_url}{route}{query}"
        async with session.post(url, headers=headers, timeout=TIMEOUT) as answer:
            status, text = answer.status, (await answer.text())[:300]
    except (aiohttp.ClientError, TimeoutError, ConnectionError) as exc:
        return f"{route}: {exc or type(exc).__name__}"
    if status == 404:
        return not_set_up(profile)
    if status >= 400:
        return f"{route} answered {status}: {text}"
    return None


async def put_to_sleep(
    session: aiohttp.ClientSession, profile: ServerProfile, headers: dict[str, str]
) -> str | None:
    """``POST /sleep?level=1``; None when the server sleeps, else why not."""
    return await _command(session, profile, "/sleep", headers, f"?level={LEVEL}")


async def wake_up(
    session: aiohttp.ClientSession, profile: ServerProfile, headers: dict[str, str]
) -> str | None:
    """``POST /wake_up``; None when the server is awake, else why not."""
    return await _command(session, profile, "/wake_up", headers)
