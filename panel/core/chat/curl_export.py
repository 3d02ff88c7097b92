"""Copy-as-curl: the same request, runnable in a terminal.

The API key never appears: the command refers to an environment variable. A request with
a base64 image is megabytes long, so a large body goes to a file passed as ``-d @FILE``.
Those files live in one folder of their own (:func:`request_folder`), bounded in count and
size (oldest removed first) and emptied when the panel starts, so copied images do not pile
up in the cache.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shlex
import tempfile
import time
from pathlib import Path
from typing import Any

from panel.core.chat.client import CHAT_PATH

REQUEST_FOLDER = "curl-requests"
REQUEST_PREFIX = "panel-request-"
MAX_REQUEST_FILES = 10
MAX_REQUEST_BYTES = 100 * 1024 * 1024
_LEGACY_FOLDER = "curl"  # where earlier versions left request files, unbounded

_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def request_folder(cache_dir: Path) -> Path:
    return cache_dir / REQUEST_FOLDER


def _request_files(directory: Path) -> list[Path]:
    """Our request files, oldest first (the name starts with the time it was written)."""
    try:
        return sorted(p for p in directory.glob(REQUEST_PREFIX + "*.json") if p.is_file())
    except OSError:
        return []


def prune_requests(
    directory: Path,
    *,
    max_files: int = MAX_REQUEST_FILES,
    max_bytes: int = MAX_REQUEST_BYTES,
) -> list[Path]:
    """Remove the oldest request files until at most ``max_files`` files of at most
    ``max_bytes`` in all remain; the newest always stays. Returns what was removed."""
    files = _request_files(directory)
    sizes: dict[Path, int] = {}
    for path in files:
        with contextlib.suppress(OSError):
            sizes[path] = path.stat().st_size
    kept = 0
    kept_bytes = 0
    removed: list[Path] = []
    for path in reversed(files):  # newest first
        size = sizes.get(path, 0)
        if kept == 0 or (kept < max_files and kept_bytes + size <= max_bytes):
            kept += 1
            kept_bytes += size
            continue
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        removed.append(path)
    return removed


def clean_request_files(cache_dir: Path) -> None:
    """At start: the requests of earlier sessions go (also those of older versions)."""
    for directory in (request_folder(cache_dir), cache_dir / _LEGACY_FOLDER):
        for path in _request_files(directory):
            with contextlib.suppress(OSError):
                path.unlink()


def _spill(body: str, directory: Path, max_files: int, max_bytes: int) -> str:
    directory.mkdir(parents=True, exist_ok=True)
    # A nanosecond stamp in the name orders the files even where mtimes are coarse.
    prefix = f"{REQUEST_PREFIX}{time.time_ns():020d}-"
    fd, name = tempfile.mkstemp(prefix=prefix, suffix=".json", dir=directory)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(body)
    prune_requests(directory, max_files=max_files, max_bytes=max_bytes)
    return name


def as_curl(
    url: str,
    request: dict[str, Any],
    *,
    api_key_env: str | None = None,
    spill_dir: Path | None = None,
    inline_limit: int = 4096,
    max_files: int = MAX_REQUEST_FILES,
    max_bytes: int = MAX_REQUEST_BYTES,
) -> str:
    """A shell command that sends ``request`` to ``url``.

    ``url`` is the server's base URL (``http://host:port``) or a full endpoint URL. A body
    over ``inline_limit`` bytes is written to ``spill_dir``, which is then pruned to
    ``max_files`` files and ``max_bytes`` bytes.
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
        data = ["-d", "@" + _spill(body, directory, max_files, max_bytes)]
    else:
        data = ["-d", body]
    command = " ".join(shlex.quote(word) for word in words)
    if auth_word:
        command += " -H " + auth_word
    return command + " " + " ".join(shlex.quote(word) for word in data)
