"""The ``[router]`` table of the config file: the one address for every profile.

See :mod:`panel.core.router` for what the router does and ``docs/router.md`` for how to
use it. Values are checked with the same checks as profiles' (:mod:`.validation`), so a
bad host or port names its line just as a profile's would.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from panel.core.config import validation as check
from panel.core.config.profiles import DEFAULT_HOST
from panel.core.config.toml_lines import line_of
from panel.core.i18n import translate

DEFAULT_ROUTER_PORT = 8090
DEFAULT_IDLE_TIMEOUT = 300.0  # seconds; what Ollama keeps a model loaded by default
DEFAULT_MAX_QUEUE = 64  # requests waiting per profile while it loads
MAX_IDLE_TIMEOUT = 7 * 24 * 3600.0

ROUTER_FIELDS: dict[str, type | tuple[type, ...]] = {
    "enabled": bool,
    "host": str,
    "port": int,
    "default_idle_timeout": (int, float),
    "max_queue": int,
}


@dataclass
class RouterSettings:
    """``enabled``: the window runs the router; ``default_idle_timeout``: seconds after
    which a server the router started is stopped when no request used it (a profile's
    own ``idle_timeout`` wins; 0 never unloads); ``max_queue``: requests that may wait
    for one profile to load before the next gets a 503."""

    enabled: bool = True
    host: str = DEFAULT_HOST
    port: int = DEFAULT_ROUTER_PORT
    default_idle_timeout: float = DEFAULT_IDLE_TIMEOUT
    max_queue: int = DEFAULT_MAX_QUEUE


class RouterTableError(Exception):
    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def parse_router(raw: Any, text: str) -> RouterSettings:
    """The ``[router]`` table as settings; RouterTableError with the key's line if bad."""

    def fail(key: str, message: str) -> RouterTableError:
        return RouterTableError(f"[router] {message}", _router_key_line(text, key))

    if not isinstance(raw, dict):
        message = translate("Config", "'router' must be a table ([router])")
        raise RouterTableError(message, line_of(text, "router"))
    for key, value in raw.items():
        expected = ROUTER_FIELDS.get(key)
        if expected is None:
            raise fail(key, translate("Config", "unknown key {key}").format(key=repr(key)))
        if not isinstance(value, expected) or (expected is not bool and isinstance(value, bool)):
            raise fail(
                key,
                translate("Config", "{key} has the wrong type ({type})").format(
                    key=repr(key), type=type(value).__name__
                ),
            )
    settings = RouterSettings()
    host = raw.get("host", settings.host)
    port = raw.get("port", settings.port)
    idle = raw.get("default_idle_timeout", settings.default_idle_timeout)
    queue = raw.get("max_queue", settings.max_queue)
    for key, problem in (
        ("host", check.host_problem(host)),
        ("port", check.port_problem(port)),
        (
            "default_idle_timeout",
            check.seconds_problem(
                "default_idle_timeout", idle, most=MAX_IDLE_TIMEOUT, zero_ok=True
            ),
        ),
        (
            "max_queue",
            None if 0 < queue <= 100_000 else translate("Config", "max_queue must be 1 to 100000"),
        ),
    ):
        if problem is not None:
            raise fail(key, problem)
    return RouterSettings(
        enabled=raw.get("enabled", True),
        host=host,
        port=port,
        default_idle_timeout=float(idle),
        max_queue=queue,
    )


def router_to_dict(settings: RouterSettings) -> dict[str, Any]:
    """Only what differs from the defaults: a config without a router stays as it was."""
    defaults = RouterSettings()
    return {
        key: getattr(settings, key)
        for key in ROUTER_FIELDS
        if getattr(settings, key) != getattr(defaults, key)
    }


def _router_key_line(text: str, key: str) -> int | None:
    """The line of ``key`` inside the ``[router]`` table (not a profile's own ``host``)."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip() == "[router]"), None)
    if start is None:
        return line_of(text, key)
    for index in range(start + 1, len(lines)):
        stripped = lines[index].strip()
        if stripped.startswith("["):
            break
        if stripped.split("=", 1)[0].strip() == key:
            return index + 1
    return start + 1
