"""The lines ``inference-panel list`` shows under a llama-server profile in router mode:
its models with their state while its server runs, else the models it would offer.

``list`` must stay quick and light: whether the server runs is one TCP connect (the
standard library), and the HTTP client loads only when something answers on the port.
"""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

from panel.core.config.profiles import ServerProfile
from panel.core.engines.llama_router import (
    ModelState,
    RouterModel,
    disk_model_names,
    is_router_mode,
    models_dir,
    models_preset,
)
from panel.core.i18n import display_width, pad, translate

CONNECT_TIMEOUT = 0.5  # seconds; a local server that runs accepts at once
FETCH_TIMEOUT = 2.0  # seconds for GET /models on a server that accepted
INDENT = "  "


def router_lines(profile: ServerProfile) -> list[str]:
    """What to print under ``profile``'s row; nothing for a profile not in router mode."""
    if not is_router_mode(profile):
        return []
    if not _accepts(profile):
        return _offered(profile)
    # Here: httpx (~0.1 s to load) only when a server answers; `list` is quick otherwise.
    from panel.core.engines.llama_router_client import RouterModelError, fetch_models

    try:
        models = fetch_models(profile, timeout=FETCH_TIMEOUT)
    except RouterModelError as exc:
        return [INDENT + translate("Cli", "router mode: {error}").format(error=exc)]
    if not models:
        return [INDENT + translate("Cli", "router mode, running: no models")]
    lines = [INDENT + translate("Cli", "router mode, running; its models:")]
    return lines + _table([(model.id, _state(model)) for model in models])


def _accepts(profile: ServerProfile) -> bool:
    """Whether something listens on the profile's address (its server, most likely)."""
    where = urlsplit(profile.base_url)
    if not where.hostname:
        return False
    try:
        port = where.port or (443 if where.scheme == "https" else 80)
        with socket.create_connection((where.hostname, port), timeout=CONNECT_TIMEOUT):
            return True
    except (OSError, ValueError):  # refused, unreachable, timed out; a malformed port
        return False


def _offered(profile: ServerProfile) -> list[str]:
    """The models a stopped router would list, read from its folder and preset file."""
    sources = ", ".join(where for where in (models_dir(profile), models_preset(profile)) if where)
    names = disk_model_names(profile)
    if not names:
        text = translate("Cli", "router mode, not running: no models in {source}")
        return [INDENT + text.format(source=sources)]
    text = translate("Cli", "router mode, not running; models from {source}:")
    return [INDENT + text.format(source=sources), *_table([(name, "") for name in names])]


def _state(model: RouterModel) -> str:
    if model.state is ModelState.FAILED and model.exit_code is not None:
        return translate("Cli", "{state} (exit code {code})").format(
            state=model.label(), code=model.exit_code
        )
    return model.label()


def _table(rows: list[tuple[str, str]]) -> list[str]:
    """One model a line, its state in a column aligned in terminal cells (CJK is two)."""
    width = max(display_width(name) for name, _ in rows)
    return [
        (INDENT * 2 + (pad(name, width) + INDENT + state if state else name)).rstrip()
        for name, state in rows
    ]
