"""The PyInstaller one-folder build starts without a Python install and runs its own guard.

Builds ``dist/inference-panel`` once per session with scripts/build_app.sh (about half a
minute on two cores), then drives the frozen executable as a user would: ``--version``,
``doctor``, ``list``, the window offscreen, and ``serve`` with a real child server.
Set PANEL_SKIP_FROZEN=1 to skip (e.g. a quick local run).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
import tomli_w

from panel import __version__
from tests.conftest import ROOT, pids_alive, wait_until
from tests.fonts import dejavu_only_fontconfig

BUILD = ROOT / "scripts" / "build_app.sh"
BUILD_TIMEOUT = 600


@pytest.fixture(scope="session")
def frozen_app() -> Path:
    if os.environ.get("PANEL_SKIP_FROZEN") == "1":
        pytest.skip("PANEL_SKIP_FROZEN=1: not building the PyInstaller app")
    done = subprocess.run(
        ["bash", str(BUILD)],
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )
    if done.returncode != 0:
        pytest.fail(f"scripts/build_app.sh failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    app = Path(done.stdout.strip().splitlines()[-1])
    assert os.access(app, os.X_OK), f"no executable at {app}"
    return app


def frozen_env(**extra: str) -> dict[str, str]:
    """The test's isolated XDG dirs, and no way back to the build's Python."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP")
    }
    env["PATH"] = os.pathsep.join(
        p for p in env.get("PATH", "").split(os.pathsep) if not p.startswith(str(ROOT))
    )
    env.update(extra)
    return env


def run_frozen(app: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(app), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=frozen_env(QT_QPA_PLATFORM="offscreen"),
        cwd=tempfile.gettempdir(),  # not the repo: nothing may come from the source tree
        check=False,
    )


class Drained:
    """Read a child's pipe on a thread so that it can never block on a full pipe."""

    def __init__(self, stream: object) -> None:
        self._stream = stream
        self._chunks: list[str] = []
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        for line in self._stream:  # type: ignore[attr-defined]
            with self._lock:
                self._chunks.append(line)

    @property
    def text(self) -> str:
        with self._lock:
            return "".join(self._chunks)

    def join(self) -> None:
        self._thread.join(timeout=10)


@pytest.fixture
def spawn(request: pytest.FixtureRequest) -> Iterator[list[subprocess.Popen[str]]]:
    """Started processes, killed (group and all) if a test fails half way."""
    procs: list[subprocess.Popen[str]] = []
    yield procs
    for proc in procs:
        if proc.poll() is None:
            tree = [proc.pid] + [c.pid for c in _children(proc.pid)]
            for pid in tree:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        proc.wait(timeout=10)
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


def _children(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_version(frozen_app: Path) -> None:
    done = run_frozen(frozen_app, "--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"inference-panel {__version__}"


def test_doctor_and_list(frozen_app: Path, isolated_dirs: Path) -> None:
    # doctor imports the Qt-free core with numpy and gguf: the libraries a bad build breaks.
    done = run_frozen(frozen_app, "doctor")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    for section in ("GPU", "Engines", "Audio input", "Config", "Profiles"):
        assert section in done.stdout
    done = run_frozen(frozen_app, "list")
    assert done.returncode == 0, done.stderr
    assert "profiles in" in done.stdout
    assert str(isolated_dirs / "xdg_config_home") in done.stdout


def test_bundle_has_resources_and_qt_plugins(frozen_app: Path) -> None:
    internal = frozen_app.parent / "_internal"
    resources = internal / "panel" / "resources"
    assert list((resources / "icons").glob("*.svg")), "app icon missing"
    assert list((resources / "i18n").iterdir()), "translations missing"
    plugins = internal / "PySide6" / "Qt" / "plugins"
    for plugin in (
        "platforms/libqoffscreen.so",
        "platforms/libqxcb.so",
        "iconengines/libqsvgicon.so",  # the app icon is an SVG
        "imageformats/libqsvg.so",
    ):
        assert (plugins / plugin).exists(), f"Qt plugin {plugin} missing"


def test_bundle_carries_a_chinese_font(frozen_app: Path) -> None:
    fonts = frozen_app.parent / "_internal" / "panel" / "resources" / "fonts"
    assert [f.name for f in fonts.iterdir() if f.suffix in (".ttc", ".ttf", ".otf")]


@pytest.mark.parametrize("setting", ["system fonts", "zh_CN, no Chinese font on the system"])
def test_window_starts_offscreen_and_quits_on_sigterm(
    frozen_app: Path,
    isolated_dirs: Path,
    spawn: list[subprocess.Popen[str]],
    tmp_path: Path,
    setting: str,
) -> None:
    config = isolated_dirs / "xdg_config_home" / "inference-panel" / "config.toml"
    env = frozen_env(QT_QPA_PLATFORM="offscreen")
    if setting.startswith("zh_CN"):
        # fontconfig sees DejaVu only (tests/test_cjk_font.py shows the venv then warns):
        # the bundle's own font must be found instead, so no warning.
        env.update(LANG="zh_CN.UTF-8", LANGUAGE="zh_CN")
        env["FONTCONFIG_FILE"] = str(dejavu_only_fontconfig(tmp_path))
    proc = subprocess.Popen(
        [str(frozen_app)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tempfile.gettempdir(),
    )
    spawn.append(proc)
    stderr = Drained(proc.stderr)
    stdout = Drained(proc.stdout)

    def up() -> bool:
        assert proc.poll() is None, f"the app exited ({proc.returncode}):\n{stderr.text}"
        return config.exists()

    # The window writes the default config on first run, after the UI modules imported.
    wait_until(up, timeout=30, what="the frozen app to write its default config")
    # The window is built after the config is written, and pyqtgraph's templates load
    # only then: it must still be running a moment later.
    with pytest.raises(subprocess.TimeoutExpired):
        proc.wait(timeout=3)
    assert "Traceback" not in stderr.text, stderr.text

    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=10) == 0, stderr.text
    stderr.join()
    stdout.join()
    for failure in ("Traceback", "[PYI-"):  # Python's, the bootloader's
        assert failure not in stderr.text, stderr.text
    assert "fonts-noto-cjk" not in stderr.text, stderr.text  # the no-Chinese-font warning


def test_serve_runs_the_frozen_guard(
    frozen_app: Path, isolated_dirs: Path, spawn: list[subprocess.Popen[str]]
) -> None:
    port = free_port()
    config = isolated_dirs / "xdg_config_home" / "inference-panel" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    profile = {
        "name": "http",
        "engine": "custom",
        "executable": sys.executable,
        "args": ["-m", "http.server", "{port}", "--bind", "127.0.0.1"],
        "port": port,
        "health_path": "/",
        "ready_timeout": 30.0,
        "stop_grace": 5.0,
    }
    config.write_text(tomli_w.dumps({"profiles": [profile]}), encoding="utf-8")

    proc = subprocess.Popen(
        [str(frozen_app), "serve", "http"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=frozen_env(),
        cwd=tempfile.gettempdir(),
    )
    spawn.append(proc)
    stdout = Drained(proc.stdout)
    stderr = Drained(proc.stderr)

    def ready() -> bool:
        assert proc.poll() is None, (
            f"serve exited ({proc.returncode}):\n{stdout.text}\n{stderr.text}"
        )
        return "[panel] READY" in stdout.text

    wait_until(ready, timeout=30, what="[panel] READY")

    # The guard is this very executable run as `<app> --_guard`, not some Python.
    tree = _children(proc.pid)
    guards = [
        p
        for p in tree
        if p.cmdline()[1:2] == ["--_guard"]
        and Path(p.cmdline()[0]).resolve() == frozen_app.resolve()
    ]
    assert len(guards) == 1, [p.cmdline() for p in tree]
    assert Path(guards[0].exe()).resolve() == frozen_app.resolve()
    servers = [p for p in tree if p.cmdline()[1:3] == ["-m", "http.server"]]
    assert len(servers) == 1, [p.cmdline() for p in tree]
    pids = [p.pid for p in tree]

    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=10) == 0, f"{stdout.text}\n{stderr.text}"
    stdout.join()
    stderr.join()
    wait_until(lambda: not pids_alive(pids), timeout=10, what="the guard and server to exit")
    assert "Traceback" not in stderr.text, stderr.text
