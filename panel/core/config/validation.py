"""What a profile's values may be: one check per kind of value, shared by the config
loader and the profile editor.

Each check returns None for a good value, else an English sentence naming the value and
what would fix it. The loader turns that into a :class:`ConfigError` with the line; the
editor shows it under the field. Both use the same checks, so a profile the editor
saves always loads again.
"""

from __future__ import annotations

import ipaddress
import math
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
MAX_READY_TIMEOUT = 24 * 3600.0  # seconds; the editor's spin box stops there too
MAX_STOP_GRACE = 3600.0
WILDCARD_HOSTS = ("0.0.0.0", "::")
_HOST_LABEL = re.compile(r"^(?!-)[A-Za-z0-9_-]{1,63}(?<!-)$")
_GPU_LIST = re.compile(r"\s*\d+(\s*,\s*\d+)*\s*")
# Control characters turn a name or a path into something a list, a log line or a
# shell preview cannot show; NUL cannot even be passed to the kernel.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def nul_problem(key: str, value: str) -> str | None:
    """Text that becomes an argv word, a path or an environment value: no NUL byte (the
    kernel cannot take one, and Python raises ValueError deep inside a launch)."""
    if "\x00" in value:
        return f"{key} contains a NUL character (\\0), which no program can be given"
    return None


def name_problem(name: str) -> str | None:
    if not name.strip():
        return "'name' is required"
    if _CONTROL.search(name):
        return "name must be one line of text, without control characters"
    return None


def host_problem(host: str) -> str | None:
    """An IP address (IPv6 without brackets) or a host name."""
    if not host:
        return "host is empty: write 127.0.0.1 to keep the server on this machine"
    if host.startswith("[") and host.endswith("]"):
        return f"write the IPv6 address without brackets: host = {host[1:-1]!r}"
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return None
    labels = host.removesuffix(".").split(".")
    if len(host) > 253 or not all(_HOST_LABEL.match(label) for label in labels):
        return f"host {host!r} is neither an IP address nor a host name"
    if all(label.isdigit() for label in labels):
        return f"host {host!r} is not a valid IPv4 address"
    return None


def is_wildcard_host(host: str) -> bool:
    """Whether binding ``host`` listens on every network interface."""
    return host.strip("[]") in WILDCARD_HOSTS


def port_problem(port: int) -> str | None:
    if not 0 < port < 65536:
        return f"port {_shown(port)} is outside 1-65535"
    return None


def seconds_problem(key: str, value: float, *, most: float, zero_ok: bool) -> str | None:
    """A duration in seconds (an int or a float: TOML has both) within ``most``."""
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return f"{key} must be a number of seconds, not {value}"
    if value < 0 or (value == 0 and not zero_ok):
        least = "0 or more" if zero_ok else "more than 0"
        return f"{key} must be {least} seconds, not {_shown(value)}"
    if value > most:
        return f"{key} {_shown(value)} is more than {most:g} seconds"
    return None


UNLOAD_MODES = ("stop", "sleep")


def unload_problem(unload: str, engine: str) -> str | None:
    """How the router unloads an idle server: "stop", or "sleep" for vLLM's sleep mode."""
    if unload not in UNLOAD_MODES:
        return f'unload must be "stop" or "sleep", not {unload!r}'
    if unload == "sleep" and engine != "vllm":
        return f'unload = "sleep" is vLLM\'s sleep mode; engine {engine!r} can only "stop"'
    return None


def _shown(value: float) -> str:
    # A 400-digit integer is valid TOML; float() of it overflows and str() is no help.
    if isinstance(value, int) and abs(value) >= 10**12:
        return "(a number too large)" if value > 0 else "(a number too small)"
    return f"{value:g}" if isinstance(value, float) else str(value)


def api_key_ref_problem(ref: str) -> str | None:
    """``env:NAME`` or ``file:PATH`` (or nothing): where the key is, never the key."""
    if not ref:
        return None
    kind, colon, value = ref.partition(":")
    if colon and kind == "env":
        if ENV_NAME.match(value):
            return None
        return f"api_key_ref 'env:{value}' does not name a variable (letters, digits, _)"
    if colon and kind == "file":
        if not value.strip():
            return "api_key_ref 'file:' names no file"
        return nul_problem("api_key_ref", value)
    return "api_key_ref must look like 'env:NAME' or 'file:PATH' (the key itself never goes here)"


def attach_url_problem(url: str) -> str | None:
    """An http(s) address with a host and, if any, a valid port."""
    if not url:
        return None
    problem = f"attach_url {url!r} is not an address like http://192.168.1.20:8080"
    if _CONTROL.search(url) or any(c.isspace() for c in url):
        return problem
    try:
        parts = urlsplit(url)
        port = parts.port  # ValueError for a port outside 0-65535 or not a number
    except ValueError:
        return problem
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return problem
    if port == 0:
        return problem
    return None


def health_path_problem(path: str) -> str | None:
    if _CONTROL.search(path):
        return f"health_path {path!r} must be one line, a URL path such as /health"
    if "://" in path:
        return f"health_path {path!r} must be a path such as /health, not a whole address"
    return None


def env_name_problem(name: str) -> str | None:
    if not ENV_NAME.match(name):
        return (
            f"env name {name!r} is not a variable name: use letters, digits and _, "
            "and do not start with a digit"
        )
    return None


def image_problem(image: str) -> str | None:
    if any(c.isspace() for c in image) or _CONTROL.search(image):
        return f"container image {image!r} must be one word, e.g. nvcr.io/nvidia/vllm:25.09-py3"
    return None


def gpu_devices_problem(devices: str) -> str | None:
    if not _GPU_LIST.fullmatch(devices):
        return f'container gpu_devices {devices!r} must list GPUs by number, e.g. "0" or "0,1"'
    return None


def mount_problem(mount: str) -> str | None:
    """``HOST:CONTAINER[:OPTIONS]``, as ``docker run -v`` takes it (the rules of
    :func:`panel.core.servers.containers.parse_mount`; empty entries are skipped)."""
    if not mount.strip():
        return None
    if "\x00" in mount:
        return nul_problem("container mount", mount)
    parts = mount.strip().split(":")
    if len(parts) not in (2, 3) or not parts[0] or not parts[1].startswith("/"):
        return f"container mount {mount!r} is not HOST_PATH:CONTAINER_PATH[:ro]"
    if not Path(os.path.expanduser(parts[0])).is_absolute():
        return f"container mount {mount!r}: the host path must be absolute (or start with ~)"
    return None
