"""An installed engine's own ``--help``, read once per binary version and cached.

A binary version is its path, modification time and size: a rebuilt or upgraded
llama-server is read again, the same one never is. Results live in memory and in the
user's cache dir (``engine-help/`` under platformdirs' cache for inference-panel), one
small JSON file per binary, so a restart does not pay for ``vllm serve --help=all``
(seconds) again.

:func:`read_help` may run the program and blocks while it does: call it off the GUI
thread. :func:`cached_help` never runs anything. A help that cannot be read (the program
fails, prints no flags, or is not an engine at all) is remembered as unreadable, and
callers then fall back to the curated lists: it never blocks a start.
"""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import json
import os
import re
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import platformdirs

from panel.core.config.profiles import Engine, ServerProfile
from panel.core.engines import adapter_for
from panel.core.engines.help_text import HELP_ARGS, FlagHint, base_name, parse_help
from panel.core.i18n import current_language

# Bump when the parser changes, so caches written by an older panel are read again.
PARSER_VERSION = 1
TIMEOUT = {Engine.LLAMA_CPP: 15.0, Engine.WHISPER_CPP: 15.0, Engine.VLLM: 120.0}
# Every engine's help lists these: the panel passes them to all three.
_SERVER_FLAGS = frozenset({"--host", "--port"})
_OUTPUT_LIMIT = 4 * 1024 * 1024  # vLLM's --help=all is ~100 kB; anything huge is not help


@dataclass(frozen=True)
class BinaryVersion:
    """What makes two runs of ``--help`` give the same answer."""

    path: str
    mtime_ns: int
    size: int

    @classmethod
    def of(cls, executable: str) -> BinaryVersion | None:
        try:
            path = os.path.realpath(executable)
            st = os.stat(path)
        except OSError:
            return None
        return cls(path, st.st_mtime_ns, st.st_size)


@dataclass(frozen=True)
class EngineHelp:
    """The flags one installed engine binary says it takes."""

    engine: Engine
    executable: str
    flags: tuple[FlagHint, ...]
    seconds: float = 0.0  # how long the program took to print its help

    def find(self, word: str) -> FlagHint | None:
        """The flag ``word`` names in this build (``--x=1`` and vLLM's spellings too)."""
        names = self._names()
        for name in _spellings(self.engine, base_name(word)):
            if name in names:
                return names[name]
        return None

    def knows(self, word: str) -> bool:
        return self.find(word) is not None or self._abbreviates(base_name(word))

    def names(self) -> list[str]:
        return list(self._names())

    def closest(self, word: str) -> FlagHint | None:
        """The flag a user most likely meant by an unknown ``word``.

        A flag whose help mentions the word's stem first (``--mlock`` -> ``--load-mode``,
        whose help lists an ``mlock`` mode), then the nearest name by spelling.
        """
        name = base_name(word)
        stem = re.sub(r"^-+(no-)?", "", name)
        if len(stem) >= 3:
            mention = re.compile(rf"(?<![\w-]){re.escape(stem)}(?![\w-])", re.I)
            for flag in self.flags:
                if name not in flag.names and mention.search(flag.details or flag.hint):
                    return flag
        near = difflib.get_close_matches(name, self.names(), n=1, cutoff=0.75)
        return self.find(near[0]) if near else None

    def _names(self) -> dict[str, FlagHint]:
        cached: dict[str, FlagHint] | None = self.__dict__.get("_by_name")
        if cached is None:
            cached = {}
            for flag in self.flags:
                for name in flag.names:
                    cached.setdefault(name, flag)
            object.__setattr__(self, "_by_name", cached)
        return cached

    def _abbreviates(self, name: str) -> bool:
        # argparse (vLLM) accepts any unambiguous prefix of a long option.
        if self.engine is not Engine.VLLM or not name.startswith("--") or len(name) < 3:
            return False
        spelled = name.replace("_", "-")
        return len([n for n in self._names() if n.startswith(spelled)]) == 1


def _spellings(engine: Engine, name: str) -> list[str]:
    if engine is not Engine.VLLM:
        return [name]
    # vLLM's parser takes --max_model_len for --max-model-len, --json-arg.key (and
    # -cc.mode) for the JSON flag itself, and -O3 for --optimization-level 3.
    if re.match(r"^-O[^-]", name):
        return [name, "-O", "--optimization-level"]
    spelled = name.split(".", 1)[0]
    if spelled.startswith("--"):
        spelled = spelled.replace("_", "-")
    return [name, spelled]


# --- reading -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    engine: Engine
    version: BinaryVersion
    help: EngineHelp | None
    reason: str = ""  # why it is unreadable


_memory: dict[tuple[Engine, str], _Entry] = {}
_memory_lock = threading.Lock()
_reading: dict[tuple[Engine, str], threading.Lock] = {}


def cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir("inference-panel")) / "engine-help"


def cached_help(
    engine: Engine, executable: str, *, folder: Path | None = None
) -> EngineHelp | None:
    """The help of this binary version if it was read before; never runs the program."""
    entry = _lookup(engine, executable, folder)
    return entry.help if entry else None


def is_cached(engine: Engine, executable: str, *, folder: Path | None = None) -> bool:
    """True when the help of this binary version was read (readable or not)."""
    return _lookup(engine, executable, folder) is not None


def read_help(
    engine: Engine,
    executable: str,
    *,
    folder: Path | None = None,
    timeout: float | None = None,
) -> EngineHelp | None:
    """The help of ``executable`` (an absolute path), running it when no cache has it.

    Blocks for as long as the program takes: never on the GUI thread. Two threads asking
    for the same binary run it once. None when the help cannot be read.
    """
    if engine not in HELP_ARGS:
        return None
    entry = _lookup(engine, executable, folder)
    if entry is not None:
        return entry.help
    version = BinaryVersion.of(executable)
    if version is None:
        return None
    key = (engine, version.path)
    with _memory_lock:
        lock = _reading.setdefault(key, threading.Lock())
    with lock:
        entry = _lookup(engine, executable, folder)  # another thread may have read it
        if entry is None:
            entry = _run(engine, executable, version, timeout or TIMEOUT[engine])
            with _memory_lock:
                _memory[key] = entry
            if not entry.reason.startswith("timed out"):  # a busy machine may do better later
                _save(entry, folder or cache_dir())
    return entry.help


def help_for_profile(
    profile: ServerProfile, path_env: str | None = None, *, run: bool = True
) -> EngineHelp | None:
    """The help of the engine ``profile`` would start, or None: a custom command, a
    container (the binary is inside the image), an attached server, a program that is
    not installed, or a help that cannot be read. ``run=False`` never runs the program;
    with ``run`` it may block (vLLM: seconds), so the editor calls it off the GUI thread.
    """
    exe = _installed(profile, path_env)
    if exe is None:
        return None
    return read_help(profile.engine, exe) if run else cached_help(profile.engine, exe)


def _installed(profile: ServerProfile, path_env: str | None) -> str | None:
    if profile.attached or profile.container is not None or profile.engine not in HELP_ARGS:
        return None
    return adapter_for(profile.engine).resolve_executable(profile, path_env)


def read_in_background(engine: Engine, executable: str, *, folder: Path | None = None) -> None:
    """Start reading the help on a daemon thread unless it is cached or being read."""
    if engine not in HELP_ARGS or is_cached(engine, executable, folder=folder):
        return
    version = BinaryVersion.of(executable)
    if version is None:
        return
    with _memory_lock:
        lock = _reading.setdefault((engine, version.path), threading.Lock())
    if lock.locked():
        return
    threading.Thread(
        target=read_help,
        args=(engine, executable),
        kwargs={"folder": folder},
        daemon=True,
        name=f"help:{os.path.basename(executable)}",
    ).start()


def forget() -> None:
    """Drop the in-memory cache (the files stay); for tests and a "re-read" action."""
    with _memory_lock:
        _memory.clear()


def _lookup(engine: Engine, executable: str, folder: Path | None) -> _Entry | None:
    version = BinaryVersion.of(executable)
    if version is None:
        return None
    key = (engine, version.path)
    with _memory_lock:
        entry = _memory.get(key)
    if entry is not None and entry.version == version:
        return entry
    entry = _load(engine, version, folder or cache_dir())
    if entry is not None:
        with _memory_lock:
            _memory[key] = entry
    return entry


def _run(engine: Engine, executable: str, version: BinaryVersion, timeout: float) -> _Entry:
    argv = [executable, *HELP_ARGS[engine]]
    started = time.monotonic()
    try:
        # Its own session, so a program that ignores --help and starts serving (a wrapper
        # script) can be killed with all its children when the time is up.
        proc = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            # argparse wraps to the terminal; a wide one keeps each help on one line.
            env={**os.environ, "COLUMNS": "1000"},
        )
    except OSError as exc:
        return _Entry(engine, version, None, f"could not run it: {exc}")
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(OSError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return _Entry(engine, version, None, f"timed out after {timeout:g} s")
    seconds = time.monotonic() - started
    text = out[:_OUTPUT_LIMIT].decode("utf-8", errors="replace")
    flags = tuple(parse_help(engine, text))
    names = {name for flag in flags for name in flag.names}
    if not names >= _SERVER_FLAGS:
        # Not this engine's help (a wrapper, another program): trusting it would call
        # every flag of the profile unknown.
        return _Entry(engine, version, None, f"printed no server help (exit {proc.returncode})")
    return _Entry(engine, version, EngineHelp(engine, version.path, flags, seconds))


def _file_for(engine: Engine, version: BinaryVersion, folder: Path) -> Path:
    digest = hashlib.sha256(version.path.encode()).hexdigest()[:16]
    return folder / f"{engine.value}-{digest}.json"


def _load(engine: Engine, version: BinaryVersion, folder: Path) -> _Entry | None:
    try:
        data = json.loads(_file_for(engine, version, folder).read_text(encoding="utf-8"))
        if data.get("parser") != PARSER_VERSION or data.get("binary") != asdict(version):
            return None  # another build of the program, or an older panel: read it again
        if data.get("language", "en") != current_language():
            return None  # the hints' own words ("the opposite of ...") are another language's
        if data["flags"] is None:
            return _Entry(engine, version, None, str(data.get("reason", "unreadable")))
        flags = tuple(_flag_from(item) for item in data["flags"])
        seconds = float(data.get("seconds", 0.0))
    except (OSError, ValueError, KeyError, TypeError):
        return None  # missing or damaged: reading the help again repairs it
    return _Entry(engine, version, EngineHelp(engine, version.path, flags, seconds))


def _flag_from(item: dict[str, object]) -> FlagHint:
    def text(key: str) -> str:
        value = item.get(key, "")
        if not isinstance(value, str):
            raise TypeError(key)
        return value

    def words(key: str) -> tuple[str, ...]:
        value = item.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise TypeError(key)
        return tuple(value)

    return FlagHint(
        flag=text("flag"),
        aliases=words("aliases"),
        takes_value=bool(item.get("takes_value")),
        hint=text("hint"),
        choices=words("choices"),
        value_name=text("value_name"),
        details=text("details"),
    )


def _save(entry: _Entry, folder: Path) -> None:
    help_ = entry.help
    data = {
        "parser": PARSER_VERSION,
        "language": current_language(),
        "binary": asdict(entry.version),
        "seconds": help_.seconds if help_ else 0.0,
        "reason": entry.reason,
        "flags": [asdict(flag) for flag in help_.flags] if help_ else None,
    }
    name = _file_for(entry.engine, entry.version, folder)
    tmp = ""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # Atomic: a panel starting at the same moment reads the old file or the new one.
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".help-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle)
        os.replace(tmp, name)
    except OSError:
        # A read-only cache only costs reading the help again next time.
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
