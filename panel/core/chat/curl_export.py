"""Copy-as-curl: the same request, runnable in a terminal.

The API key never appears: the command refers to an environment variable. A request with
a base64 image is megabytes long, so a large body goes to a file passed as ``-d @FILE``.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import tempfile
from pathlib import Path
from typing import Any

from panel.core.chat.client import CHAT_PATH

_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def as_curl(
    url: str,
    request: dict[str, Any],
    *,
    api_key_env: str | None = None,
    spill_dir: Path | None = None,
    inline_limit: int = 4096,
) -> str:
    """A shell command that sends ``request`` to ``url``.

    ``url`` is the server's base URL (``http://host:port``) or a full endpoint URL.
    """
    target = url.rstrip("/")
    if not target.endswith(CHAT_PATH) and "/v1/" not in target:
        target += CHAT_PATH
    body = json.dumps(request, ensure_ascii=False, separators=(",", ":"))
    words = ["curl"]
    if request.get("stream"):
        words.append("-N")  # print events as they arrive
    words += [target, "-H", "Content-Type: application/json"]
    if api_key_env:
        if not _ENV_NAME.fullmatch(api_key_env):
            raise ValueError(f"not an environment variable name: {api_key_env!r}")
        # Double quotes so the shell expands the variable; the name needs no escaping.
        auth_word = f'"Authorization: Bearer ${api_key_env}"'
    else:
        auth_word = ""
    if len(body.encode("utf-8")) > inline_limit:
        directory = spill_dir or Path(tempfile.gettempdir())
        directory.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix="panel-request-", suffix=".json", dir=directory)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(body)
        data = ["-d", "@" + name]
    else:
        data = ["-d", body]
    command = " ".join(shlex.quote(word) for word in words)
    if auth_word:
        command += " -H " + auth_word
    return command + " " + " ".join(shlex.quote(word) for word in data)
