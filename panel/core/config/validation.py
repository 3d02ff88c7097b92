"""What a profile's values may be: one check per kind of value, shared by the config
loader and the profile editor.

Each check returns None for a good value, else a sentence (in the user's language, through
the catalogue's "Config" context) naming the value and what would fix it. The loader turns that into a :class:`ConfigError` with the line; the
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

from panel.core.i18n import translate

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
        return translate(
            "Config", "{key} contains a NUL character (\\0), which no program can be given"
        ).format(key=key)
    return None


def name_problem(name: str) -> str | None:
    if not name.strip():
        return translate("Config", "'name' is required")
    if _CONTROL.search(name):
        return translate("Config", "name must be one line of text, without control characters")
    return None


def host_problem(host: str) -> str | None:
    """An IP address (IPv6 without brackets) or a host name."""
    if not host:
        return translate(
            "Config", "host is empty: write 127.0.0.1 to keep the server on this machine"
        )
    if host.startswith("[") and host.endswith("]"):
        return translate("Config", "write the IPv6 address without brackets: host = {host}").format(
            host=repr(host[1:-1])
        )
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return None
    labels = host.removesuffix(".").split(".")
    if len(host) > 253 or not all(_HOST_LABEL.match(label) for label in labels):
        return translate("Config", "host {host} is neither an IP address nor a host name").format(
            host=repr(host)
        )
    if all(label.isdigit() for label in labels):
        return translate("Config", "host {host} is not a valid IPv4 address").format(
            host=repr(host)
        )
    return None


def is_wildcard_host(host: str) -> bool:
    """Whether binding ``host`` listens on every network interface."""
    return host.strip("[]") in WILDCARD_HOSTS


def port_problem(port: int) -> str | None:
    if not 0 < port < 65536:
        return translate("Config", "port {port} is outside 1-65535").format(port=_shown(port))
    return None


def seconds_problem(key: str, value: float, *, most: float, zero_ok: bool) -> str | None:
    """A duration in seconds (an int or a float: TOML has both) within ``most``."""
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return translate("Config", "{key} must be a number of seconds, not {value}").format(
            key=key, value=value
        )
    if value < 0 or (value == 0 and not zero_ok):
        if zero_ok:
            text = translate("Config", "{key} must be 0 or more seconds, not {value}")
        else:
            text = translate("Config", "{key} must be more than 0 seconds, not {value}")
        return text.format(key=key, value=_shown(value))
    if value > most:
        return translate("Config", "{key} {value} is more than {most:g} seconds").format(
            key=key, value=_shown(value), most=most
        )
    return None


UNLOAD_MODES = ("stop", "sleep")


def unload_problem(unload: str, engine: str) -> str | None:
    """How the router unloads an idle server: "stop", or "sleep" for vLLM's sleep mode."""
    if unload not in UNLOAD_MODES:
        return translate("Config", 'unload must be "stop" or "sleep", not {unload}').format(
            unload=repr(unload)
        )
    if unload == "sleep" and engine != "vllm":
        return translate(
            "Config", 'unload = "sleep" is vLLM\'s sleep mode; engine {engine} can only "stop"'
        ).format(engine=repr(engine))
    return None


def _shown(value: float) -> str:
    # A 400-digit integer is valid TOML; float() of it overflows and str() is no help.
    if isinstance(value, int) and abs(value) >= 10**12:
        return (
            translate("Config", "(a number too large)")
            if value > 0
            else translate("Config", "(a number too small)")
        )
    return f"{value:g}" if isinstance(value, float) else str(value)


def api_key_ref_problem(ref: str) -> str | None:
    """``env:NAME`` or ``file:PATH`` (or nothing): where the key is, never the key."""
    if not ref:
        return None
    kind, colon, value = ref.partition(":")
    if colon and kind == "env":
        if ENV_NAME.match(value):
            return None
        return translate(
            "Config", "api_key_ref 'env:{name}' does not name a variable (letters, digits, _)"
        ).format(name=value)
    if colon and kind == "file":
        if not value.strip():
            return translate("Config", "api_key_ref 'file:' names no file")
        return nul_problem("api_key_ref", value)
    return translate(
        "Config",
        "api_key_ref must look like 'env:NAME' or 'file:PATH' (the key itself never goes here)",
    )


def attach_url_problem(url: str) -> str | None:
    """An http(s) address with a host and, if any, a valid port."""
    if not url:
        return None
    problem = translate(
        "Config", "attach_url {url} is not an address like http://192.168.1.20:8080"
    ).format(url=repr(url))
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
        return translate(
            "Config", "health_path {path} must be one line, a URL path such as /health"
        ).format(path=repr(path))
    if "://" in path:
        return translate(
            "Config", "health_path {path} must be a path such as /health, not a whole address"
        ).format(path=repr(path))
    return None


def env_name_problem(name: str) -> str | None:
    if not ENV_NAME.match(name):
        return translate(
            "Config",
            "env name {name} is not a variable name: use letters, digits and _, "
            "and do not start with a digit",
        ).format(name=repr(name))
    return None


def image_problem(image: str) -> str | None:
    if any(c.isspace() for c in image) or _CONTROL.search(image):
        return translate(
            "Config", "container image {image} must be one word, e.g. nvcr.io/nvidia/vllm:25.09-py3"
        ).format(image=repr(image))
    return None


def gpu_devices_problem(devices: str) -> str | None:
    if not _GPU_LIST.fullmatch(devices):
        return translate(
            "Config", 'container gpu_devices {devices} must list GPUs by number, e.g. "0" or "0,1"'
        ).format(devices=repr(devices))
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
        return translate(
            "Config", "container mount {mount} is not HOST_PATH:CONTAINER_PATH[:ro]"
        ).format(mount=repr(mount))
    if not Path(os.path.expanduser(parts[0])).is_absolute():
        return translate(
            "Config", "container mount {mount}: the host path must be absolute (or start with ~)"
        ).format(mount=repr(mount))
    return None
