"""What in a profile opens the server, or its key, to other people.

Two things are worth a warning wherever a profile is shown (the server list, the
profile editor): a server that listens on every network interface, and an API key file
that other users of the machine can read. Neither stops a start: a server on the LAN is
sometimes the point, and the key file is the user's. A warning is the panel's part.
"""

from __future__ import annotations

import os
import shlex
import stat
from pathlib import Path

from panel.core.config.profiles import ServerProfile, last_flag_value
from panel.core.config.validation import is_wildcard_host
from panel.core.i18n import translate

# Read or write access for the group or for everyone: someone else can read or swap the key.
_SHARED_BITS = stat.S_IRGRP | stat.S_IWGRP | stat.S_IROTH | stat.S_IWOTH


def exposed_host(profile: ServerProfile) -> str | None:
    """The every-interface address (0.0.0.0, ::) the profile's server would listen on,
    or None when it stays on one address (or the panel does not start it)."""
    if profile.attached:
        return None
    if is_wildcard_host(profile.host):
        return profile.host
    # A custom command may name its own address instead of the {host} placeholder.
    flag = last_flag_value(profile.args, "--host")
    if flag is not None and is_wildcard_host(flag):
        return flag
    return None


def key_file_exposure(api_key_ref: str) -> str | None:
    """Why the key file of ``api_key_ref`` is not private (group or world can read or
    write it), with the fix; None for a private file, an ``env:`` key, or no key. A
    missing file is for :func:`panel.core.config.profiles.resolve_api_key` to report."""
    kind, _, value = api_key_ref.partition(":")
    if kind != "file" or not value.strip():
        return None
    path = Path(os.path.expanduser(value))
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(mode) or not mode & _SHARED_BITS:
        return None
    return translate(
        "Config",
        "other users can read or change the API key file {path} (permissions "
        "{permissions}): make it private with chmod 600 {quoted}",
    ).format(path=path, permissions=stat.filemode(mode)[1:], quoted=shlex.quote(str(path)))
