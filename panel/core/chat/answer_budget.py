"""How long an answer the chat tab asks for (``max_tokens``), from the server's context.

A server holds a fixed number of tokens per conversation, prompt and answer together:
llama-server's ``-c/--ctx-size`` (per slot), vLLM's ``--max-model-len``. vLLM refuses a
``max_tokens`` above it with a 400 ("max_tokens=1024 cannot be greater than
max_model_len=512"; older releases also count the prompt in), so the default answer is
at most half the context and the rest stays for the conversation.
"""

from __future__ import annotations

import re

from panel.core.config.profiles import Engine, ServerProfile, last_flag_value

DEFAULT_MAX_TOKENS = 1024
MAX_TOKENS_CEILING = 131072  # the most the box offers when the context is not known

_LLAMA_CTX_FLAGS = ("-c", "--ctx-size")
_VLLM_LEN_FLAGS = ("--max-model-len", "--max_model_len")
# vLLM's human_readable_int: "1k" is 1000, "1K" 1024, "25.6k" 25600.
_HUMAN_INT = re.compile(r"(\d+(?:\.\d+)?)([kKmMgG])")
_DECIMAL = {"k": 10**3, "m": 10**6, "g": 10**9}
_BINARY = {"K": 2**10, "M": 2**20, "G": 2**30}


def context_from_flags(profile: ServerProfile) -> int | None:
    """The context the profile's flags give its server, or None when they do not say
    (the model's own then; an attached server's flags are not the panel's to read)."""
    if profile.attached:
        return None
    if profile.engine is Engine.LLAMA_CPP:
        return _positive(last_flag_value(profile.args, *_LLAMA_CTX_FLAGS))  # 0: the model's
    if profile.engine is Engine.VLLM:
        return _positive(last_flag_value(profile.args, *_VLLM_LEN_FLAGS))  # -1/auto: fit
    return None


def default_max_tokens(context: int | None) -> int:
    """The answer length the chat tab starts with for a server of ``context`` tokens."""
    if context is None or context <= 0:
        return DEFAULT_MAX_TOKENS
    return max(1, min(DEFAULT_MAX_TOKENS, context // 2))


def _positive(text: str | None) -> int | None:
    if text is None:
        return None
    text = text.strip()
    match = _HUMAN_INT.fullmatch(text)
    try:
        if match:
            number, unit = match.groups()
            if unit in _BINARY:
                value = int(float(number) * _BINARY[unit])
            else:
                value = int(float(number) * _DECIMAL[unit])
        else:
            value = int(text)
    except ValueError:
        return None
    return value if value > 0 else None
