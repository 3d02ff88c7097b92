"""One ``[[profiles]]`` table of the config file, checked value by value, as a profile.

Every key is checked for its type and then for its value (see
:mod:`panel.core.config.validation`); the first problem raises :class:`ProfileTableError`
with the line of the key, which the store turns into a :class:`ConfigError`.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any, TypeVar

from panel.core.config import validation as check
from panel.core.config.profiles import (
    DEFAULT_HOST,
    ContainerSpec,
    Engine,
    GpuAccess,
    Network,
    Role,
    ServerProfile,
)
from panel.core.config.toml_lines import profile_key_line
from panel.core.i18n import translate

PROFILE_FIELDS: dict[str, type | tuple[type, ...]] = {
    "name": str,
    "engine": str,
    "model": str,
    "executable": str,
    "host": str,
    "port": int,
    "args": list,
    "env": dict,
    "role": str,
    "ready_timeout": (int, float),
    "stop_grace": (int, float),
    "api_key_ref": str,
    "attach_url": str,
    "health_path": str,
    "auto_restart": bool,
    "container": dict,
    "idle_timeout": (int, float),
    "unload": str,
    "pinned": bool,
}

CONTAINER_FIELDS: dict[str, type] = {
    "runtime": str,
    "image": str,
    "gpus": str,
    "gpu_devices": str,
    "ipc_host": bool,
    "network": str,
    "mounts": list,
    "entrypoint": str,
    "extra_args": list,
}

# Plain text fields that become paths, argv words or addresses: no NUL in any of them.
_TEXT_FIELDS = ("model", "executable")


class ProfileTableError(Exception):
    """A bad value in a profile table; ``line`` is its line in the file, when found."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


Fail = Callable[..., ProfileTableError]


def parse_profile(raw: Any, index: int, text: str) -> ServerProfile:
    def fail(key: str | None, message: str, sub: str | None = None) -> ProfileTableError:
        line = profile_key_line(text, index, key, sub)
        framed = translate("Config", "profile #{number}: {message}")
        return ProfileTableError(framed.format(number=index + 1, message=message), line)

    if not isinstance(raw, dict):
        raise fail(None, translate("Config", "must be a table"))
    _check_types(raw, PROFILE_FIELDS, fail, None)
    name = raw.get("name", "")
    if not name:
        raise fail(None, translate("Config", "'name' is required"))
    _check(fail, "name", check.name_problem(name))
    engine = _choice(Engine, raw, "engine", "", fail)
    role = _choice(Role, raw, "role", Role.CHAT.value, fail)
    for key in _TEXT_FIELDS:
        _check(fail, key, check.nul_problem(key, raw.get(key, "")))
    host = raw.get("host", DEFAULT_HOST)
    _check(fail, "host", check.host_problem(host))
    port = raw.get("port", 8080)
    _check(fail, "port", check.port_problem(port))
    args = raw.get("args", [])
    if not all(isinstance(a, str) for a in args):
        raise fail(
            "args", translate("Config", 'args must be a list of strings (quote numbers: "99")')
        )
    for arg in args:
        _check(fail, "args", check.nul_problem("args", arg))
    env = _env(raw.get("env", {}), fail)
    ready = raw.get("ready_timeout", 300.0)
    problem = check.seconds_problem(
        "ready_timeout", ready, most=check.MAX_READY_TIMEOUT, zero_ok=False
    )
    _check(fail, "ready_timeout", problem)
    grace = raw.get("stop_grace", 10.0)
    problem = check.seconds_problem("stop_grace", grace, most=check.MAX_STOP_GRACE, zero_ok=True)
    _check(fail, "stop_grace", problem)
    api_key_ref = raw.get("api_key_ref", "")
    _check(fail, "api_key_ref", check.api_key_ref_problem(api_key_ref))
    attach_url = raw.get("attach_url", "")
    _check(fail, "attach_url", check.attach_url_problem(attach_url))
    health_path = raw.get("health_path", "")
    _check(fail, "health_path", check.health_path_problem(health_path))
    idle = raw.get("idle_timeout")
    if idle is not None:
        problem = check.seconds_problem("idle_timeout", idle, most=7 * 24 * 3600.0, zero_ok=True)
        _check(fail, "idle_timeout", problem)
    unload = raw.get("unload", "stop")
    _check(fail, "unload", check.unload_problem(unload, engine.value))
    container = None
    if "container" in raw:
        container = _parse_container(raw["container"], fail)
    return ServerProfile(
        name=name,
        engine=engine,
        model=raw.get("model", ""),
        executable=raw.get("executable", ""),
        host=host,
        port=port,
        args=list(args),
        env=env,
        role=role,
        ready_timeout=float(ready),
        stop_grace=float(grace),
        api_key_ref=api_key_ref,
        attach_url=attach_url,
        health_path=health_path,
        auto_restart=raw.get("auto_restart", False),
        container=container,
        idle_timeout=None if idle is None else float(idle),
        unload=unload,
        pinned=raw.get("pinned", False),
    )


def _check(fail: Fail, key: str, problem: str | None, sub: str | None = None) -> None:
    if problem is not None:
        raise fail(key, problem, sub)


def _check_types(raw: dict[str, Any], fields: dict[str, Any], fail: Fail, sub: str | None) -> None:
    for key, value in raw.items():
        expected = fields.get(key)
        if expected is None:
            if sub:
                unknown = translate("Config", "unknown key {key} in [profiles.container]")
            else:
                unknown = translate("Config", "unknown key {key}")
            raise fail(key, unknown.format(key=repr(key)), sub)
        # bool is an int in Python; a port of `true` is a mistake worth naming.
        if not isinstance(value, expected) or (expected is not bool and isinstance(value, bool)):
            if sub:
                wrong = translate("Config", "container {key} has the wrong type ({type})")
            else:
                wrong = translate("Config", "{key} has the wrong type ({type})")
            raise fail(key, wrong.format(key=repr(key), type=type(value).__name__), sub)


def _env(env: dict[str, Any], fail: Fail) -> dict[str, str]:
    for name, value in env.items():
        _check(fail, name, check.env_name_problem(name), "env")
        if not isinstance(value, str):
            raise fail(name, translate("Config", "env values must be strings"), "env")
        _check(fail, name, check.nul_problem(f"env {name}", value), "env")
    return dict(env)


Choice = TypeVar("Choice", bound=StrEnum)


def _choice(
    kind: type[Choice],
    raw: dict[str, Any],
    key: str,
    default: str,
    fail: Fail,
    sub: str | None = None,
) -> Choice:
    """``raw[key]`` as one of ``kind``'s values, or an error that lists them."""
    try:
        return kind(raw.get(key, default))
    except ValueError:
        choices = ", ".join(member.value for member in kind)
        if sub:
            text = translate("Config", "container {key} must be one of {choices}")
        else:
            text = translate("Config", "{key} must be one of {choices}")
        raise fail(key, text.format(key=key, choices=choices), sub) from None


def _parse_container(raw: dict[str, Any], fail: Fail) -> ContainerSpec:
    sub = "container"
    _check_types(raw, CONTAINER_FIELDS, fail, sub)
    for key in ("mounts", "extra_args"):
        if not all(isinstance(item, str) for item in raw.get(key, [])):
            text = translate("Config", "container {key} must be a list of strings")
            raise fail(key, text.format(key=key), sub)
    gpus = _choice(GpuAccess, raw, "gpus", GpuAccess.RUNTIME.value, fail, sub)
    network = _choice(Network, raw, "network", Network.HOST.value, fail, sub)
    for key in ("runtime", "entrypoint", "gpu_devices"):
        _check(fail, key, check.nul_problem(f"container {key}", raw.get(key, "")), sub)
    _check(fail, "image", check.image_problem(raw.get("image", "")), sub)
    if gpus is GpuAccess.DEVICES:
        where = "gpu_devices" if "gpu_devices" in raw else "gpus"
        _check(fail, where, check.gpu_devices_problem(raw.get("gpu_devices", "")), sub)
    for mount in raw.get("mounts", []):
        _check(fail, "mounts", check.mount_problem(mount), sub)
    for word in raw.get("extra_args", []):
        _check(fail, "extra_args", check.nul_problem("container extra_args", word), sub)
    spec = ContainerSpec(
        runtime=raw.get("runtime", ""),
        image=raw.get("image", ""),
        gpus=gpus,
        gpu_devices=raw.get("gpu_devices", ""),
        ipc_host=raw.get("ipc_host", True),
        network=network,
        entrypoint=raw.get("entrypoint", ""),
        extra_args=list(raw.get("extra_args", [])),
    )
    if "mounts" in raw:
        spec.mounts = list(raw["mounts"])
    return spec
