"""The named profile and its API key, for the commands that talk to a running server."""

from __future__ import annotations

from panel.cli.exit_codes import EXIT_CONFIG, fail
from panel.core.config.profiles import ApiKeyError, ServerProfile, resolve_api_key
from panel.core.config.store import ConfigError, ConfigStore


def profile_and_key(store: ConfigStore, name: str) -> tuple[ServerProfile, str | None] | int:
    """The profile called ``name`` and its key (read now: a client needs it), or the exit
    code after saying on stderr why not (a broken config, no such profile, no key)."""
    try:
        profile = store.load().profile(name)
        return profile, resolve_api_key(profile.api_key_ref)
    except ConfigError as exc:
        fail(exc)
        return EXIT_CONFIG
    except KeyError as exc:
        return fail(exc.args[0])
    except ApiKeyError as exc:
        return fail(exc)
