"""The user's config file: server profiles and model folders, in TOML.

Rules this module keeps, because the file is the user's and hand-edited:

- It is read with :mod:`tomllib` and written atomically (temp file, fsync, rename), so a
  crash mid-write never leaves half a file.
- A malformed file is never overwritten: loading raises :class:`ConfigError` naming the
  line, after copying the file to a timestamped backup beside it. Saving over a file that
  failed to load is refused until the user fixes or replaces it.
- The first run writes the default catalog (see :mod:`panel.core.config.defaults`).

The format is documented in ``docs/config.md`` and in the header written into the file.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import tempfile
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from panel.core.config.defaults import default_profiles
from panel.core.config.profile_table import (
    CONTAINER_FIELDS,
    PROFILE_FIELDS,
    ProfileTableError,
    parse_profile,
)
from panel.core.config.profiles import ContainerSpec, GpuAccess, Network, ServerProfile
from panel.core.config.router_settings import (
    RouterSettings,
    RouterTableError,
    parse_router,
    router_to_dict,
)
from panel.core.config.toml_lines import line_of, profile_key_line
from panel.core.i18n import LANGUAGES, translate

APP_NAME = "inference-panel"
CONFIG_FILE_NAME = "config.toml"

HEADER = """\
# Inference Panel configuration.
#
# Each [[profiles]] table is one server the panel can start, stop or attach to:
#   name          shown in the list; unique
#   engine        "llama.cpp", "whisper.cpp", "vllm" or "custom"
#   model         model file (GGUF / ggml .bin), model folder, or Hugging Face id (vllm)
#   executable    binary to run; empty = llama-server / whisper-server / vllm from PATH
#   host, port    where the server listens (127.0.0.1 keeps it private to this machine)
#   args          the engine's own flags, one word per list item
#   env           extra environment variables, e.g. { CUDA_VISIBLE_DEVICES = "0" }
#   role          "chat", "vision" or "transcription"
#   ready_timeout seconds to wait for the server to become ready
#   stop_grace    seconds between SIGTERM and SIGKILL when stopping
#   api_key_ref   "env:VAR" or "file:PATH"; the key itself never goes in this file
#   attach_url    a server something else runs; the panel only talks to it
#   health_path   readiness URL path, for engine = "custom"
#   auto_restart  restart after a crash, with backoff
#   idle_timeout  seconds without requests before the router unloads it (0: never)
#   unload        "stop" (default) or "sleep": vLLM's sleep mode, see docs/router.md
#   pinned        true: the router keeps it loaded (no idle unload, no eviction)
# A [profiles.container] table under a profile runs it in docker or podman instead:
#   runtime, image, gpus ("runtime" | "all" | "devices" | "none"), gpu_devices,
#   ipc_host, network ("host" | "publish"), mounts ["HOST:CONTAINER"], entrypoint,
#   extra_args (more `docker run` options). See docs/config.md.
# [discovery] folders: where to look for models (default: /models, ~/models,
# the Hugging Face and ModelScope caches).
# [router] enabled, host, port, default_idle_timeout, max_queue: one OpenAI-compatible
# address for every profile (see docs/router.md).
"""


def default_config_path() -> Path:
    import platformdirs  # 3 ms, and the window is given its config's path (issue 15)

    return Path(platformdirs.user_config_dir(APP_NAME)) / CONFIG_FILE_NAME


def data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME))


@dataclass
class Config:
    profiles: list[ServerProfile] = field(default_factory=list)
    model_folders: list[str] = field(default_factory=list)  # empty: the defaults
    router: RouterSettings = field(default_factory=RouterSettings)
    language: str = ""  # [ui] language: "" follows the system locale, "en", "zh_CN"

    def profile(self, name: str) -> ServerProfile:
        for profile in self.profiles:
            if profile.name == name:
                return profile
        known = ", ".join(p.name for p in self.profiles) or translate("Config", "none")
        raise KeyError(
            translate("Config", "no profile named {name} (profiles: {known})").format(
                name=repr(name), known=known
            )
        )


def default_config() -> Config:
    """What a first run starts with: the seed catalog (see :mod:`.defaults`)."""
    return Config(profiles=default_profiles())


class ConfigError(Exception):
    """The config file cannot be used. ``str()`` is a message for the user."""

    def __init__(
        self, path: Path, message: str, line: int | None = None, backup: Path | None = None
    ) -> None:
        self.path = path
        self.line = line
        self.backup = backup
        self.message = message
        super().__init__(self._text())

    def _text(self) -> str:
        if self.line:
            where = translate("Config", "{path}, line {line}").format(
                path=self.path, line=self.line
            )
        else:
            where = str(self.path)
        text = translate("Config", "{where}: {message}").format(where=where, message=self.message)
        if self.backup:
            kept = translate("Config", " (a copy was kept as {name})")
            text += kept.format(name=self.backup.name)
        return text


class ConfigStore:
    """Loads and saves one config file; remembers whether it is safe to write."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_config_path()
        self._writable = True

    def load(self) -> Config:
        """Read the file, creating it with the default catalog on first run."""
        try:
            exists = self.path.exists()
        except OSError as exc:  # e.g. a path too long, or a folder we may not search
            why = translate("Config", "cannot read: {reason}").format(reason=_os_reason(exc))
            raise ConfigError(self.path, why) from exc
        if not exists:
            config = default_config()
            self.save(config)
            return config
        try:
            text = self.path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            self._reject()
            raise ConfigError(
                self.path,
                translate("Config", "not UTF-8 text ({reason})").format(reason=exc.reason),
                backup=self._backup(),
            ) from exc
        except OSError as exc:
            # Unreadable, or a folder where the file should be: nothing was read, so
            # nothing may be written over it either.
            self._reject()
            why = translate("Config", "cannot read: {reason}").format(reason=_os_reason(exc))
            raise ConfigError(self.path, why) from exc
        try:
            return parse_config(text, self.path)
        except ConfigError as exc:
            self._reject()
            raise ConfigError(self.path, _strip_where(exc), exc.line, self._backup()) from exc

    def save(self, config: Config, *, force: bool = False) -> None:
        """Write atomically. Refuses (unless ``force``) when the file failed to load."""
        if not self._writable and not force:
            raise ConfigError(
                self.path,
                translate(
                    "Config",
                    "not saved: the file on disk has errors; fix it, or save again to replace it",
                ),
            )
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(self.path, dump_config(config))
        except OSError as exc:
            # A folder we may not write, a full disk, a file where the folder should be.
            why = translate("Config", "cannot save: {reason}").format(reason=_os_reason(exc))
            raise ConfigError(self.path, why) from exc
        self._writable = True

    def _reject(self) -> None:
        self._writable = False

    def _backup(self) -> Path | None:
        """A copy of a broken file, or None where it cannot be made (a read-only folder,
        a full disk): the error that made it worth keeping matters more than the copy."""
        try:
            return self._copy_aside()
        except OSError:
            return None

    def _copy_aside(self) -> Path:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        backup = self.path.with_name(f"{self.path.name}.broken-{stamp}")
        n = 1
        while backup.exists():
            n += 1
            backup = self.path.with_name(f"{self.path.name}.broken-{stamp}-{n}")
        shutil.copy2(self.path, backup)
        return backup


def _os_reason(exc: OSError) -> str:
    """ "Permission denied", "No space left on device (ENOSPC)": the cause in words."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    code = errno.errorcode.get(exc.errno) if exc.errno is not None else None
    return f"{reason} ({code})" if code else reason


def _strip_where(exc: ConfigError) -> str:
    return exc.message


def atomic_write_text(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        if path.exists():
            shutil.copymode(path, tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_TOML_LINE = re.compile(r"at line (\d+)")


def parse_config(text: str, path: Path) -> Config:
    """The config in ``text``, every value checked; ConfigError (naming the line where it
    can) for anything else, however malformed the text."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_LINE.search(str(exc))
        line = int(match.group(1)) if match else None
        message = str(exc).split(" (at line")[0]
        syntax = translate("Config", "TOML syntax error: {error}").format(error=message)
        raise ConfigError(path, syntax, line) from exc
    except RecursionError as exc:  # tomllib recurses once per level of [[[...]]] or {{...}}
        raise ConfigError(
            path, translate("Config", "TOML syntax error: arrays or tables nested too deeply")
        ) from exc
    except ValueError as exc:  # an integer of more than 4300 digits
        unread = translate("Config", "TOML value cannot be read: {error}").format(error=exc)
        raise ConfigError(path, unread) from exc

    raw_profiles = data.get("profiles", [])
    if not isinstance(raw_profiles, list):
        raise ConfigError(
            path,
            translate("Config", "'profiles' must be an array of tables ([[profiles]])"),
            _line_of(text, "profiles"),
        )
    profiles: list[ServerProfile] = []
    names: set[str] = set()
    for index, raw in enumerate(raw_profiles):
        try:
            profile = parse_profile(raw, index, text)
        except ProfileTableError as exc:
            raise ConfigError(path, exc.message, exc.line) from None
        if profile.name in names:
            raise ConfigError(
                path,
                translate("Config", "two profiles are named {name}").format(
                    name=repr(profile.name)
                ),
                profile_key_line(text, index, "name"),
            )
        names.add(profile.name)
        profiles.append(profile)

    discovery = data.get("discovery", {})
    folders = discovery.get("folders", []) if isinstance(discovery, dict) else None
    if (
        not isinstance(folders, list)
        or not all(isinstance(f, str) for f in folders)
        or any("\x00" in f for f in folders)
    ):
        raise ConfigError(
            path,
            translate("Config", "[discovery] folders must be a list of paths"),
            _line_of(text, "folders"),
        )
    try:
        router = parse_router(data.get("router", {}), text)
    except RouterTableError as exc:
        raise ConfigError(path, exc.message, exc.line) from None
    ui = data.get("ui", {})
    language = ui.get("language", "") if isinstance(ui, dict) else None
    if language not in LANGUAGES:
        choices = ", ".join(repr(code) for code in LANGUAGES)
        raise ConfigError(
            path,
            translate("Config", "[ui] language must be one of {choices}").format(choices=choices),
            _line_of(text, "language"),
        )
    return Config(profiles=profiles, model_folders=list(folders), router=router, language=language)


def _line_of(text: str, key: str) -> int | None:
    return line_of(text, key) or 1


def dump_config(config: Config) -> str:
    profiles = [_profile_to_dict(p) for p in config.profiles]
    data: dict[str, Any] = {}
    if config.model_folders:
        data["discovery"] = {"folders": list(config.model_folders)}
    router = router_to_dict(config.router)
    if router:
        data["router"] = router
    if config.language:
        data["ui"] = {"language": config.language}
    data["profiles"] = profiles
    import tomli_w  # only when saving

    return HEADER + "\n" + tomli_w.dumps(data, multiline_strings=False)


def _profile_to_dict(profile: ServerProfile) -> dict[str, Any]:
    defaults = ServerProfile(name="", engine=profile.engine)
    out: dict[str, Any] = {"name": profile.name, "engine": profile.engine.value}
    for key in PROFILE_FIELDS:
        if key in ("name", "engine"):
            continue
        value = getattr(profile, key)
        if key == "container":
            if value is not None:
                out[key] = _container_to_dict(value)
            continue
        if key == "role":
            value = value.value
        # Always write the fields people edit most, even at their defaults.
        if key in ("model", "port", "args", "role") or value != getattr(defaults, key):
            out[key] = value
    return out


def _container_to_dict(spec: ContainerSpec) -> dict[str, Any]:
    defaults = ContainerSpec()
    out: dict[str, Any] = {}
    for key in CONTAINER_FIELDS:
        value = getattr(spec, key)
        # Mounts are always written: the user should see (and edit) what gets shared.
        if key == "mounts" or value != getattr(defaults, key):
            out[key] = value.value if isinstance(value, (GpuAccess, Network)) else value
    return out
