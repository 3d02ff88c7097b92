"""The app-menu launcher: packaging files, `install-launcher`, and a launch through Exec."""

from __future__ import annotations

import importlib.util
import os
import select
import shutil
import signal
import struct
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # the in-process Qt; the launch test uses xcb

from panel.core.desktop import app_menu
from panel.core.desktop.app_menu import APP_ID, ICON_SIZES
from tests.conftest import ROOT, wait_until

PACKAGING = ROOT / "packaging"
DESKTOP_FILE = PACKAGING / f"{APP_ID}.desktop"
METAINFO_FILE = PACKAGING / f"{APP_ID}.metainfo.xml"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def require_tool(name: str) -> str:
    """The tool's path; scripts/test.sh installs them all, so CI fails where one is missing."""
    path = shutil.which(name)
    if path:
        return path
    message = f"{name} is not installed (scripts/test.sh installs it: see TEST_PACKAGES)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def desktop_keys(text: str) -> dict[str, str]:
    """The [Desktop Entry] group's keys, written independently of panel.core.desktop.app_menu."""
    keys: dict[str, str] = {}
    group = None
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("["):
            group = line.strip()
            continue
        if group == "[Desktop Entry]":
            key, _, value = line.partition("=")
            keys[key.strip()] = value.strip()
    return keys


def exec_argv(exec_value: str) -> list[str]:
    """An Exec value as argv, per the Desktop Entry spec ("The Exec key"): unescape the
    string value, split on unquoted spaces, undo backslash escapes inside double quotes,
    drop field codes (nothing is passed when launched from the menu), and %% becomes %."""
    value = exec_value.replace("\\\\", "\x00").replace("\\s", " ").replace("\x00", "\\")
    words: list[str] = []
    word: list[str] | None = None
    chars = iter(value)
    for c in chars:
        if c == " ":
            if word is not None:
                words.append("".join(word))
            word = None
        elif c == '"':
            word = word if word is not None else []
            for q in chars:
                if q == '"':
                    break
                word.append(next(chars) if q == "\\" else q)
            else:
                raise AssertionError(f"unterminated quote in Exec={exec_value}")
        else:
            word = (word if word is not None else []) + [c]
    if word is not None:
        words.append("".join(word))
    argv = []
    for w in words:
        if len(w) == 2 and w[0] == "%" and w[1] != "%":
            continue  # %f %F %u %U ... expand to nothing when launched without files
        argv.append(w.replace("%%", "%"))
    return argv


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE, "not a PNG"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


# --- the packaging files ---------------------------------------------------------------


def test_packaging_desktop_file_is_the_generated_entry() -> None:
    """One source of truth: regenerate with desktop_entry("inference-panel") after a change."""
    assert DESKTOP_FILE.read_text(encoding="utf-8") == app_menu.desktop_entry("inference-panel")


def test_desktop_entry_has_the_keys_the_desktop_needs() -> None:
    keys = desktop_keys(app_menu.desktop_entry())
    assert keys["Name"] == "Inference Panel"
    assert keys["Icon"] == APP_ID
    assert keys["Exec"] == "inference-panel"
    assert keys["StartupWMClass"] == app_menu.WM_CLASS
    assert keys["Type"] == "Application" and keys["Terminal"] == "false"
    assert keys["Comment"] and keys["Categories"].endswith(";")
    for word in ("llama", "whisper", "vLLM", "GPU", "LLM"):
        assert word in keys["Keywords"].split(";")


def test_ui_uses_the_same_app_id_and_name() -> None:
    from panel.ui import app

    # One source: the UI takes both from the launcher module (the Xvfb test below checks
    # the real WM_CLASS of a running window against StartupWMClass).
    assert app.APP_ID == APP_ID and app.APP_NAME == app_menu.WM_CLASS == "Inference Panel"


def test_desktop_file_validates() -> None:
    tool = require_tool("desktop-file-validate")
    done = subprocess.run([tool, str(DESKTOP_FILE)], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_installed_desktop_file_validates() -> None:
    tool = require_tool("desktop-file-validate")
    entry = app_menu.install_launcher(exec_path="/opt/My Apps/inference-panel", refresh=False)[-1]
    done = subprocess.run([tool, str(entry)], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_metainfo_validates() -> None:
    """Passes with one info (appstream 0.16 predates <developer>) and one pedantic note
    (upper case in the component id, which is the app ID we chose); no warnings or errors."""
    tool = require_tool("appstreamcli")
    done = subprocess.run(
        [tool, "validate", "--no-net", "--explain", str(METAINFO_FILE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "W:" not in done.stdout and "E:" not in done.stdout, done.stdout
    text = METAINFO_FILE.read_text(encoding="utf-8")
    assert f"<id>{APP_ID}</id>" in text
    assert f'<launchable type="desktop-id">{APP_ID}.desktop</launchable>' in text


# --- icons -------------------------------------------------------------------------------


def test_packaged_icons_have_every_size() -> None:
    icons = ROOT / "resources" / "icons"
    for size in ICON_SIZES:
        assert png_size((icons / f"inference-panel-{size}.png").read_bytes()) == (size, size)
    assert (icons / "inference-panel.svg").read_text().lstrip().startswith("<svg")


def _pixels(image: object) -> np.ndarray:
    """An ARGB32 QImage's pixels as rows of bytes, without the scan-line padding."""
    from PySide6.QtGui import QImage

    assert isinstance(image, QImage)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1)
    return rows[:, : image.width() * 4]


def _render_icons_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("render_icons", ROOT / "scripts/render_icons.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_pngs_are_rendered_from_the_current_svg(qapp: object) -> None:
    """Fails after an SVG edit until `python scripts/render_icons.py` is run."""
    from PySide6.QtGui import QImage

    render = _render_icons_module()
    for size in (16, 48, 512):
        fresh = render.render(render.SVG, size)
        committed = QImage(str(render.ICONS / render.png_name(size))).convertToFormat(
            QImage.Format.Format_ARGB32
        )
        assert (committed.width(), committed.height()) == (size, size)

        # A little slack: another Qt release may antialias a hair differently.
        diff = np.abs(_pixels(fresh).astype(int) - _pixels(committed).astype(int))
        assert diff.max() <= 16, f"{size} px icon is stale: run scripts/render_icons.py"


def test_app_icon_loads_every_size(qapp: object) -> None:
    from PySide6.QtCore import QSize

    from panel.ui.app import app_icon

    sizes = app_icon().availableSizes()
    for size in ICON_SIZES:
        assert QSize(size, size) in sizes


# --- install and uninstall ------------------------------------------------------------


def test_install_writes_entry_and_icons_into_xdg_data_home() -> None:
    data = Path(os.environ["XDG_DATA_HOME"])
    written = app_menu.install_launcher(refresh=False)
    entry = data / "applications" / f"{APP_ID}.desktop"
    assert entry in written and entry.is_file()
    keys = desktop_keys(entry.read_text(encoding="utf-8"))
    argv = exec_argv(keys["Exec"])
    assert os.path.isabs(argv[0]) and os.access(argv[0], os.X_OK), argv
    assert keys["Icon"] == APP_ID
    for size in ICON_SIZES:
        png = data / f"icons/hicolor/{size}x{size}/apps/{APP_ID}.png"
        assert png in written
        assert png_size(png.read_bytes()) == (size, size)
    svg = data / f"icons/hicolor/scalable/apps/{APP_ID}.svg"
    assert svg in written and svg.read_text().lstrip().startswith("<svg")
    assert not list(data.rglob("*.bak*"))


def test_exec_is_this_installation() -> None:
    argv = app_menu.default_exec()
    assert os.path.isabs(argv[0]) and os.access(argv[0], os.X_OK)
    if len(argv) == 1:  # the installed script, e.g. .venv/bin/inference-panel
        assert os.path.basename(argv[0]) == "inference-panel"
    else:
        assert argv[1:] == ["-m", "panel"]


def test_frozen_build_execs_itself(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    exe = tmp_path / "Inference Panel" / "inference-panel"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    assert app_menu.default_exec() == [str(exe)]


@pytest.mark.parametrize(
    "argv",
    [
        ["/usr/bin/inference-panel"],
        ["/home/me/My Apps/venv/bin/inference-panel"],
        ['/opt/100%/$HOME/"q"/back\\slash/inference-panel'],
        ["/usr/bin/python3", "-m", "panel"],
    ],
)
def test_exec_line_round_trips(argv: list[str]) -> None:
    keys = desktop_keys(app_menu.desktop_entry(argv))
    assert exec_argv(keys["Exec"]) == argv


def test_reinstall_is_quiet_and_idempotent() -> None:
    first = app_menu.install_launcher(refresh=False)
    second = app_menu.install_launcher(refresh=False)
    assert first == second
    assert not list(Path(os.environ["XDG_DATA_HOME"]).rglob("*.bak*"))


def test_a_foreign_entry_is_kept_as_backup() -> None:
    entry = app_menu.desktop_path(Path(os.environ["XDG_DATA_HOME"]))
    entry.parent.mkdir(parents=True)
    mine = "[Desktop Entry]\nType=Application\nName=My own panel\nExec=/usr/local/bin/x\n"
    entry.write_text(mine)
    written = app_menu.install_launcher(refresh=False)
    backup = entry.with_name(entry.name + ".bak")
    assert backup in written and backup.read_text() == mine
    assert app_menu.owned_by_us(entry.read_text()) is True
    # Uninstalling ours leaves the user's backup alone.
    app_menu.uninstall_launcher(refresh=False)
    assert not entry.exists() and backup.read_text() == mine


def test_a_user_edit_of_our_entry_is_kept_as_backup() -> None:
    entry = app_menu.desktop_path(Path(os.environ["XDG_DATA_HOME"]))
    app_menu.install_launcher(exec_path="/old/inference-panel", refresh=False)
    edited = entry.read_text().replace("Exec=/old/inference-panel", "Exec=/old/inference-panel -v")
    entry.write_text(edited)
    assert app_menu.owned_by_us(edited) is False
    written = app_menu.install_launcher(exec_path="/new/inference-panel", refresh=False)
    backup = entry.with_name(entry.name + ".bak")
    assert backup in written and backup.read_text() == edited
    assert "Exec=/new/inference-panel\n" in entry.read_text()
    # A later install over our own untouched entry (new Exec) needs no second backup.
    app_menu.install_launcher(exec_path="/newer/inference-panel", refresh=False)
    assert sorted(p.name for p in entry.parent.glob("*.bak*")) == [backup.name]


def test_uninstall_removes_exactly_what_we_installed() -> None:
    data = Path(os.environ["XDG_DATA_HOME"])
    other_icon = data / "icons/hicolor/48x48/apps/org.example.Other.png"
    other_entry = data / "applications/org.example.Other.desktop"
    for path in (other_icon, other_entry):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("not ours")
    before = {p for p in data.rglob("*") if p.is_file()}
    written = app_menu.install_launcher(refresh=False)
    removed = app_menu.uninstall_launcher(refresh=False)
    assert sorted(removed) == sorted(written)
    assert {p for p in data.rglob("*") if p.is_file()} == before
    assert not (data / "icons/hicolor/512x512").exists()  # emptied dirs go too
    assert app_menu.uninstall_launcher(refresh=False) == []


def test_uninstall_leaves_a_foreign_entry_with_our_name() -> None:
    entry = app_menu.desktop_path(Path(os.environ["XDG_DATA_HOME"]))
    entry.parent.mkdir(parents=True)
    entry.write_text("[Desktop Entry]\nType=Application\nName=Packaged\nExec=x\n")
    assert app_menu.uninstall_launcher(refresh=False) == []
    assert entry.exists()


def test_install_with_cache_tools_never_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """update-desktop-database (and gtk-update-icon-cache where a theme index exists) run
    when present; a missing or failing tool changes nothing."""
    data = Path(os.environ["XDG_DATA_HOME"])
    (data / "icons/hicolor").mkdir(parents=True)
    (data / "icons/hicolor/index.theme").write_text("[Icon Theme]\nName=Hicolor\nDirectories=\n")
    assert app_menu.install_launcher()[-1].is_file()
    monkeypatch.setenv("PATH", "/nonexistent")
    assert app_menu.uninstall_launcher()
    assert not app_menu.desktop_path(data).exists()


def test_cli_install_launcher_and_uninstall() -> None:
    data = Path(os.environ["XDG_DATA_HOME"])
    done = subprocess.run(
        [sys.executable, "-m", "panel", "install-launcher"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    entry = app_menu.desktop_path(data)
    assert f"wrote {entry}" in done.stdout.splitlines()
    assert f"{APP_ID}.png" in done.stdout
    argv = exec_argv(desktop_keys(entry.read_text())["Exec"])
    assert os.access(argv[0], os.X_OK)
    done = subprocess.run(
        [sys.executable, "-m", "panel", "install-launcher", "--uninstall"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert f"removed {entry}" in done.stdout.splitlines()
    assert not entry.exists()


# --- a real launch through the entry's Exec line, on a real X server ------------------


@pytest.fixture
def xvfb() -> Iterator[str]:
    """A private X server; yields its DISPLAY. Xvfb picks a free number (-displayfd) and
    writes it once it accepts clients. -noreset: by default the server resets whenever its
    last client leaves (each xdotool poll), refusing connections meanwhile, and the app
    started in such a moment fails with "could not connect to display" (1 run in ~30)."""
    binary = require_tool("Xvfb")
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(
        [
            binary,
            "-displayfd",
            str(write_fd),
            "-noreset",
            "-nolisten",
            "tcp",
            "-screen",
            "0",
            "1280x800x24",
        ],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    os.close(write_fd)
    try:
        number = b""
        deadline = time.monotonic() + 20
        while not number.endswith(b"\n"):
            left = deadline - time.monotonic()
            ready, _, _ = select.select([read_fd], [], [], max(left, 0))
            chunk = os.read(read_fd, 16) if ready else b""
            if not chunk:
                proc.kill()
                _, err = proc.communicate(timeout=10)
                pytest.fail(f"Xvfb did not start: {err.decode(errors='replace')[-2000:]}")
            number += chunk
        display = number.decode().strip()
        socket_path = Path(f"/tmp/.X11-unix/X{display}")
        wait_until(socket_path.exists, timeout=10, what=f"{socket_path}")
        yield f":{display}"
    finally:
        os.close(read_fd)
        proc.terminate()
        try:
            proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()


def _find_window(xdotool: str, env: dict[str, str]) -> str | None:
    done = subprocess.run(
        [xdotool, "search", "--onlyvisible", "--name", "^Inference Panel"],
        capture_output=True,
        text=True,
        env=env,
        timeout=10,
        check=False,
    )
    ids = done.stdout.split()
    return ids[0] if ids else None


def test_desktop_entry_launches_the_window(xvfb: str, tmp_path: Path) -> None:
    """What a desktop does with the menu entry: run Exec; the window shows, is grouped under
    the entry (WM_CLASS == StartupWMClass), carries the icon, a second launch only raises
    it, and SIGTERM quits cleanly."""
    xdotool = require_tool("xdotool")
    xprop = require_tool("xprop")
    entry = app_menu.install_launcher(refresh=False)[-1]
    keys = desktop_keys(entry.read_text(encoding="utf-8"))
    argv = exec_argv(keys["Exec"])
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env = {k: v for k, v in os.environ.items() if k != "WAYLAND_DISPLAY"}
    env.update(DISPLAY=xvfb, QT_QPA_PLATFORM="xcb", XDG_RUNTIME_DIR=str(runtime))
    log_path = tmp_path / "panel.log"
    with log_path.open("wb") as log:
        app = subprocess.Popen(argv, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        window: list[str] = []

        def shown() -> bool:
            if app.poll() is not None:
                raise AssertionError(f"the panel exited early: {log_path.read_text()[-3000:]}")
            found = _find_window(xdotool, env)
            if found:
                window.append(found)
            return bool(found)

        wait_until(shown, timeout=60, what="the Inference Panel window")
        props = subprocess.run(
            [xprop, "-id", window[0], "WM_CLASS", "_NET_WM_NAME", "_NET_WM_ICON"],
            capture_output=True,
            text=True,
            env=env,
            timeout=10,
            check=True,
        ).stdout
        wm_class = next(line for line in props.splitlines() if line.startswith("WM_CLASS"))
        instance, klass = (part.strip().strip('"') for part in wm_class.split("=", 1)[1].split(","))
        assert klass == keys["StartupWMClass"], props
        assert instance == "inference-panel", props
        assert '"Inference Panel"' in props
        assert "_NET_WM_ICON(CARDINAL)" in props, "the window has no icon"

        # A second double-click raises this panel instead of starting another one.
        again = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60)
        assert again.returncode == 0 and "already running" in again.stdout, again
        windows = subprocess.run(
            [xdotool, "search", "--onlyvisible", "--name", "^Inference Panel"],
            capture_output=True,
            text=True,
            env=env,
            timeout=10,
            check=False,
        ).stdout.split()
        assert windows == window[:1]
        assert app.poll() is None

        app.send_signal(signal.SIGTERM)
        assert app.wait(timeout=15) == 0, log_path.read_text()[-3000:]
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
