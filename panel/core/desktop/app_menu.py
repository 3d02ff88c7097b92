"""The app-menu entry: a freedesktop ``.desktop`` file and icons in the user's XDG data dir.

``inference-panel install-launcher`` writes, under ``$XDG_DATA_HOME`` (``~/.local/share``):

- ``applications/<APP_ID>.desktop``, its ``Exec`` the absolute path of this installation's
  ``inference-panel`` (or of the frozen executable);
- ``icons/hicolor/<N>x<N>/apps/<APP_ID>.png`` for each size, and
  ``icons/hicolor/scalable/apps/<APP_ID>.svg``.

This module is the one source of the desktop entry's text: the committed
``packaging/<APP_ID>.desktop`` is ``desktop_entry("inference-panel")``, which a test checks.

An installed entry carries a marker line with a checksum of the rest, so a later install
or uninstall can tell our untouched file from one the user edited (kept as ``.bak``).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from panel import __version__
from panel.core.desktop.app_id import APP_ID, APP_NAME

# What Qt puts in WM_CLASS's class half on X11: QGuiApplication.applicationName().
# Desktops match it against StartupWMClass to group the window under this launcher.
WM_CLASS = APP_NAME
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
COMMAND = "inference-panel"

MARKER = "# Installed by `inference-panel install-launcher`"
_DIGEST_KEY = "; sha256="

# Characters that make an Exec argument need double quotes (Desktop Entry spec,
# "The Exec key"), and those that must be backslash-escaped inside the quotes.
_EXEC_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")
_EXEC_ESCAPED = set('"`$\\')


def quote_exec_arg(arg: str) -> str:
    """One argument of an Exec line, quoted as the Desktop Entry spec asks."""
    arg = arg.replace("%", "%%")
    if arg and not (_EXEC_RESERVED & set(arg)):
        return arg
    inner = "".join("\\" + c if c in _EXEC_ESCAPED else c for c in arg)
    return f'"{inner}"'


def _string_value(text: str) -> str:
    """Escape for a desktop-entry string value (the layer below Exec's quoting)."""
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")


def exec_line(argv: list[str]) -> str:
    return _string_value(" ".join(quote_exec_arg(a) for a in argv))


def desktop_entry(exec_path: str | list[str] = COMMAND) -> str:
    """The .desktop file's text, running ``exec_path`` (a command or an argv)."""
    argv = [exec_path] if isinstance(exec_path, str) else list(exec_path)
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Version=1.4",
            f"Name={APP_NAME}",
            "GenericName=AI Inference Server Panel",
            "Comment=Start, stop and watch local AI inference servers "
            "(llama.cpp, whisper.cpp, vLLM) and the GPU they share",
            f"Exec={exec_line(argv)}",
            f"Icon={APP_ID}",
            "Terminal=false",
            "Categories=Development;",
            "Keywords=llama;llama.cpp;whisper;vLLM;GPU;LLM;AI;inference;server;",
            f"StartupWMClass={WM_CLASS}",
            "StartupNotify=true",
            "",
        ]
    )


def _with_marker(text: str) -> str:
    return f"{MARKER} {__version__}{_DIGEST_KEY}{_digest(text)}\n{text}"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def owned_by_us(text: str) -> bool | None:
    """True: our file, untouched. False: ours, but edited since. None: not ours."""
    first, _, rest = text.partition("\n")
    if not first.startswith(MARKER) or _DIGEST_KEY not in first:
        return None
    return first.rpartition(_DIGEST_KEY)[2].strip() == _digest(rest)


def xdg_data_home() -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share`` when unset or not absolute (per the spec)."""
    value = os.environ.get("XDG_DATA_HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home() / ".local" / "share"


def default_exec() -> list[str]:
    """How to start this installation from a menu, as absolute paths.

    Frozen (PyInstaller): the executable itself. Otherwise the ``inference-panel`` script
    that is running now, or the one beside this Python (a venv's bin), or on PATH; as a last
    resort this Python with ``-m panel``.
    """
    if getattr(sys, "frozen", False):
        return [os.path.abspath(sys.executable)]
    candidates: list[str] = []
    if sys.argv and os.path.basename(sys.argv[0]) == COMMAND:
        candidates.append(sys.argv[0])
    # Not resolved: a venv's python is a symlink to the system one, outside the venv.
    candidates.append(os.path.join(os.path.dirname(os.path.abspath(sys.executable)), COMMAND))
    found = shutil.which(COMMAND)
    if found:
        candidates.append(found)
    for candidate in candidates:
        path = os.path.abspath(candidate)
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return [path]
    return [os.path.abspath(sys.executable), "-m", "panel"]


def _icons() -> Traversable:
    return files("panel.resources").joinpath("icons")


def icon_targets(base: Path) -> dict[Path, Traversable]:
    """Where each packaged icon goes under ``base`` (``$XDG_DATA_HOME``)."""
    hicolor = base / "icons" / "hicolor"
    icons = _icons()
    targets = {
        hicolor / f"{n}x{n}" / "apps" / f"{APP_ID}.png": icons.joinpath(f"inference-panel-{n}.png")
        for n in ICON_SIZES
    }
    targets[hicolor / "scalable" / "apps" / f"{APP_ID}.svg"] = icons.joinpath("inference-panel.svg")
    return targets


def desktop_path(base: Path) -> Path:
    return base / "applications" / f"{APP_ID}.desktop"


def _backup(path: Path) -> Path:
    """Move ``path`` aside to a ``.bak`` name that is not taken yet."""
    backup = path.with_name(path.name + ".bak")
    n = 1
    while backup.exists():
        backup = path.with_name(f"{path.name}.bak{n}")
        n += 1
    path.replace(backup)
    return backup


def _write_atomic(path: Path, data: bytes, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    tmp.write_bytes(data)
    tmp.chmod(mode)
    tmp.replace(path)


def _refresh_caches(base: Path) -> None:
    """Tell the desktop; best effort, since neither tool is needed for the entry to work."""
    hicolor = base / "icons" / "hicolor"
    commands: list[list[str]] = [["update-desktop-database", "-q", str(base / "applications")]]
    # A user icon-theme cache goes stale when we add files without it, so only update one
    # that exists or a theme dir with an index (as xdg-icon-resource does).
    if (hicolor / "icon-theme.cache").exists() or (hicolor / "index.theme").exists():
        commands.append(["gtk-update-icon-cache", "-q", "-f", "-t", str(hicolor)])
    for argv in commands:
        if not shutil.which(argv[0]):
            continue
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            subprocess.run(argv, capture_output=True, timeout=30, check=False)


def install_launcher(
    data_home: Path | None = None,
    exec_path: str | list[str] | None = None,
    *,
    refresh: bool = True,
) -> list[Path]:
    """Write the desktop entry and icons; return every path written (backups included).

    An existing entry that is not our untouched earlier install, and differs from what we
    would write, is moved to ``<name>.desktop.bak`` first, never silently lost.
    """
    base = data_home or xdg_data_home()
    argv = default_exec() if exec_path is None else exec_path
    text = _with_marker(desktop_entry(argv))
    written: list[Path] = []
    entry = desktop_path(base)
    if entry.exists() or entry.is_symlink():
        try:
            old = entry.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            old = None
        if old != text and (old is None or owned_by_us(old) is not True):
            written.append(_backup(entry))
    for target, source in icon_targets(base).items():
        _write_atomic(target, source.read_bytes())
        written.append(target)
    _write_atomic(entry, text.encode("utf-8"))
    written.append(entry)
    if refresh:
        _refresh_caches(base)
    return written


def uninstall_launcher(data_home: Path | None = None, *, refresh: bool = True) -> list[Path]:
    """Remove what ``install_launcher`` wrote; return the paths removed.

    An entry the user edited after we wrote it is moved to ``.bak`` rather than deleted;
    a same-named entry we did not write is left alone. Backups are never removed.
    """
    base = data_home or xdg_data_home()
    removed: list[Path] = []
    entry = desktop_path(base)
    if entry.is_file():
        ours = owned_by_us(entry.read_text(encoding="utf-8", errors="replace"))
        if ours is True:
            entry.unlink()
            removed.append(entry)
        elif ours is False:
            _backup(entry)
            removed.append(entry)
    for target in icon_targets(base):
        if target.is_file() or target.is_symlink():
            target.unlink()
            removed.append(target)
            _remove_empty_dirs(target.parent, stop=base)
    if refresh and removed:
        _refresh_caches(base)
    return removed


def _remove_empty_dirs(path: Path, stop: Path) -> None:
    """Remove ``path`` and its parents while empty, up to the theme dir (kept)."""
    keep = {stop, stop / "icons", stop / "icons" / "hicolor"}
    while path not in keep and stop in path.parents:
        try:
            path.rmdir()
        except OSError:
            return
        path = path.parent


__all__ = [
    "APP_ID",
    "APP_NAME",
    "ICON_SIZES",
    "WM_CLASS",
    "default_exec",
    "desktop_entry",
    "desktop_path",
    "icon_targets",
    "install_launcher",
    "owned_by_us",
    "uninstall_launcher",
    "xdg_data_home",
]
