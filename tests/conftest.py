"""Shared fixtures: an isolated config dir per test, the real test engines, leak guards."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import psutil
import pytest

from panel.core.config.profiles import Engine, Role, ServerProfile
from panel.core.servers.ports import pick_free_port
from panel.core.servers.supervisor import ServerProcess

if TYPE_CHECKING:
    from panel.ui.window.main_window import MainWindow
    from tests.real_runtime import Runtime

ROOT = Path(__file__).resolve().parent.parent
FAKES = ROOT / "tests" / "fakes"
SETUP_ENGINES = ROOT / "resources" / "engines" / "setup_test_engines.sh"
SETUP_VLLM = ROOT / "resources" / "vllm" / "setup_vllm.sh"
SETUP_SPEECH = ROOT / "resources" / "speech_models" / "setup_speech_models.sh"


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Tests never touch the user's real config or data."""
    home = tmp_path / "xdg"
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        path = home / var.lower()
        path.mkdir(parents=True)
        monkeypatch.setenv(var, str(path))
    return home


@pytest.fixture(autouse=True)
def no_leftover_children() -> Iterator[None]:
    """Fail a test that leaves child processes or non-daemon threads behind."""
    me = psutil.Process()
    before = {p.pid for p in me.children(recursive=True)}
    threads_before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + 10
    left: list[psutil.Process] = []
    while time.monotonic() < deadline:
        left = [p for p in me.children(recursive=True) if p.pid not in before and _alive(p)]
        if not left:
            break
        time.sleep(0.05)  # polling the process table; there is nothing to wait on
    for p in left:
        p.kill()
    assert not left, f"test left child processes: {[(p.pid, p.name()) for p in left]}"
    new_threads = [
        t
        for t in threading.enumerate()
        if t not in threads_before and t.is_alive() and not t.daemon
    ]
    assert not new_threads, f"test left threads running: {new_threads}"


@pytest.fixture(autouse=True)
def no_leftover_qt_work(request: pytest.FixtureRequest) -> Iterator[None]:
    """For Qt tests: fail on QThreads still running or QTimers still ticking at the end.

    Widgets registered with qtbot are closed and deleted before this check runs.
    """
    if "qtbot" not in request.fixturenames:
        yield
        return
    from PySide6.QtCore import QCoreApplication, QEvent, QThread, QThreadPool, QTimer

    started_threads: list[QThread] = []
    started_timers: list[QTimer] = []
    thread_start, timer_start = QThread.start, QTimer.start

    def record_thread(self: QThread, *args: object) -> None:
        started_threads.append(self)
        thread_start(self, *args)  # type: ignore[arg-type]

    def record_timer(self: QTimer, *args: object) -> None:
        started_timers.append(self)
        timer_start(self, *args)  # type: ignore[arg-type]

    mp = pytest.MonkeyPatch()
    mp.setattr(QThread, "start", record_thread)
    mp.setattr(QTimer, "start", record_timer)
    try:
        yield
    finally:
        mp.undo()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    QThreadPool.globalInstance().waitForDone(5000)
    running = [t for t in started_threads if _qt_alive(t) and t.isRunning()]
    ticking = [t for t in started_timers if _qt_alive(t) and t.isActive()]
    assert not running, f"QThreads still running after the test: {running}"
    assert not ticking, f"QTimers still active after the test: {[t.objectName() for t in ticking]}"


def _qt_alive(obj: object) -> bool:
    import shiboken6

    return bool(shiboken6.isValid(obj))


def _alive(proc: psutil.Process) -> bool:
    try:
        return proc.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def wait_until(condition: Callable[[], object], timeout: float = 10.0, what: str = "") -> None:
    """Poll ``condition`` until true; for things that announce themselves no other way."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError(f"timed out after {timeout} s waiting for {what or condition}")


def pids_alive(pids: list[int]) -> list[int]:
    alive = []
    for pid in pids:
        try:
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                alive.append(pid)
        except psutil.NoSuchProcess:
            pass
    return alive


@dataclass(frozen=True)
class EngineKit:
    root: Path

    @property
    def llama_server(self) -> str:
        return str(self.root / "bin" / "llama-server")

    @property
    def whisper_server(self) -> str:
        return str(self.root / "bin" / "whisper-server")

    def model(self, name: str) -> str:
        return str(self.root / "models" / name)


def set_up(variable: str, script: Path, what: str) -> Path:
    """The folder ``variable`` names, or else the last line the (cached) setup ``script``
    prints; a script that fails fails the test loudly, with its error output."""
    root = os.environ.get(variable)
    if not root:
        done = subprocess.run(["bash", str(script)], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            pytest.fail(f"could not {what}:\n{done.stderr[-3000:]}")
        root = done.stdout.strip().splitlines()[-1]
    return Path(root)


@pytest.fixture(scope="session")
def engines() -> EngineKit:
    """The real llama-server and whisper-server with small models.

    .ci/run builds them first and exports PANEL_TEST_ENGINES. Otherwise we run the
    (cached) setup script here; a machine that cannot build them fails loudly
    rather than skipping the tests that matter most.
    """
    engines = EngineKit(set_up("PANEL_TEST_ENGINES", SETUP_ENGINES, "build the test engines"))
    for binary in (engines.llama_server, engines.whisper_server):
        assert os.access(binary, os.X_OK), f"missing test engine {binary}"
    return engines


@pytest.fixture(scope="session")
def speech_models() -> Path:
    """The folder with the multilingual whisper base (ggml-base.bin) and the guide's
    test-2.mp3: $PANEL_SPEECH_MODELS, else the (cached) setup script's (about 30 s once)."""
    folder = set_up("PANEL_SPEECH_MODELS", SETUP_SPEECH, "fetch the speech models")
    assert (folder / "ggml-base.bin").is_file(), f"missing {folder / 'ggml-base.bin'}"
    return folder


@dataclass(frozen=True)
class VllmKit:
    """A real vLLM on the CPU (resources/vllm/setup_vllm.sh) and three tiny random models."""

    root: Path

    @property
    def vllm(self) -> str:
        return str(self.root / "venv" / "bin" / "vllm")

    def model(self, name: str) -> str:
        """``tiny-llama`` (chat), ``tiny-llava`` (vision) or ``tiny-whisper`` (speech)."""
        return str(self.root / "models" / name)


# Settings every test vLLM needs on a 2-core CPU machine (../shared/vllm/README.md): a
# small KV cache (the default is 0.92 of RAM), no CUDA-graph compile, no hub, no stats.
VLLM_TEST_ARGS = ["--max-model-len", "512", "--enforce-eager", "--kv-cache-memory-bytes", "64M"]
VLLM_TEST_ENV = {"HF_HUB_OFFLINE": "1", "VLLM_NO_USAGE_STATS": "1", "DO_NOT_TRACK": "1"}


@pytest.fixture(scope="session")
def vllm_kit() -> VllmKit:
    """The real vLLM. scripts/test.sh sets it up first and exports PANEL_VLLM; otherwise
    the (cached) setup script runs here, and a machine that cannot install it fails loudly."""
    kit = VllmKit(set_up("PANEL_VLLM", SETUP_VLLM, "set up vLLM"))
    assert os.access(kit.vllm, os.X_OK), f"missing {kit.vllm}"
    return kit


def llama_profile(
    engines: EngineKit, model: str = "tiny-llama.gguf", **kw: object
) -> ServerProfile:
    """A real llama-server profile on a free port; ``kw`` overrides any field."""
    base: dict[str, object] = dict(
        name="tiny llama", engine=Engine.LLAMA_CPP, executable=engines.llama_server,
        model=engines.model(model), port=pick_free_port(), args=["-c", "512", "-t", "2"],
        ready_timeout=60.0, stop_grace=5.0,
    )  # fmt: skip
    base.update(kw)
    return ServerProfile(**base)  # type: ignore[arg-type]


def whisper_profile(
    engines: EngineKit, model: str = "ggml-tiny.en.bin", **kw: object
) -> ServerProfile:
    """A real whisper-server profile on a free port; ``kw`` overrides any field."""
    base: dict[str, object] = dict(
        name="whisper", engine=Engine.WHISPER_CPP, executable=engines.whisper_server,
        model=engines.model(model), port=pick_free_port(), args=["-t", "2"],
        role=Role.TRANSCRIPTION, ready_timeout=60.0, stop_grace=5.0,
    )  # fmt: skip
    base.update(kw)
    return ServerProfile(**base)  # type: ignore[arg-type]


@contextmanager
def running(
    profile: ServerProfile, environ: dict[str, str] | None = None, timeout: float = 60
) -> Iterator[ServerProcess]:
    """A server started and ready (the test fails with its log if not); stopped after."""
    server = ServerProcess(profile, environ=environ)
    server.start()
    try:
        if not server.wait_ready(timeout):
            pytest.fail(f"{profile.name} did not become ready: {server.log.texts(30)}")
        yield server
    finally:
        server.stop_and_wait(30)


@pytest.fixture
def vllm_exe(tmp_path: Path) -> str:
    """A `vllm` on disk, as a user would have it, that runs the stand-in."""
    exe = tmp_path / "bin" / "vllm"
    exe.parent.mkdir()
    exe.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{FAKES / "fake_vllm.py"}" "$@"\n')
    exe.chmod(0o755)
    return str(exe)


def script_server_argv(*flags: str) -> list[str]:
    return [sys.executable, str(FAKES / "script_server.py"), *flags]


def fake_vllm_path() -> str:
    return str(FAKES / "fake_vllm.py")


@dataclass
class DockerEngine:
    """The real Docker engine (scripts/test.sh starts dockerd), as the container tests use
    it. Only this session's containers (tests/real_runtime.py's ``SESSION`` in their
    names) are listed, and removed after the test: other runs may share the daemon."""

    runtime: Runtime
    plain_image: str  # the test llama image (/llama-server and its libraries)
    socket_dir: Path
    monkeypatch: pytest.MonkeyPatch
    tags: list[str]

    def add_image(self, name: str) -> None:
        """The test image under another name, as if pulled."""
        tagged = self.runtime.run("tag", self.plain_image, name)
        assert tagged.returncode == 0, tagged.stderr
        self.tags.append(name)

    def push_test_image(self, registry: str) -> str:
        """The test image in ``registry`` and not on this machine; its name."""
        from tests.real_runtime import SESSION

        image = f"{registry}/inference-panel-test/pushed:{SESSION}-{os.urandom(3).hex()}"
        self.add_image(image)
        pushed = self.runtime.run("push", image, timeout=120)
        assert pushed.returncode == 0, pushed.stderr
        self.runtime.run("rmi", image)
        return image

    def stop_daemon(self) -> None:
        """The client from now on finds no daemon: the real CLI's words for a stopped one."""
        self.monkeypatch.setenv("DOCKER_HOST", f"unix://{self.socket_dir}/none.sock")

    def running(self) -> list[dict[str, object]]:
        """This session's running containers: name, id and pid (on the host)."""
        names = self.runtime.ours()
        if not names:
            return []
        found = self.runtime.run(
            "inspect", "--format", "{{.Name}} {{.Id}} {{.State.Pid}} {{.State.Running}}", *names
        )
        boxes: list[dict[str, object]] = []
        for line in found.stdout.splitlines():
            name, cid, pid, alive = line.split()
            if alive == "true":
                boxes.append({"name": name.lstrip("/"), "id": cid, "pid": int(pid)})
        return boxes


@pytest.fixture(scope="session")
def llama_image(engines: EngineKit, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The test llama image (tests/real_runtime.py builds it, once per engine build)."""
    from tests.real_runtime import build_images, find_runtime

    found = find_runtime("docker")
    if isinstance(found, str):
        pytest.fail(found, pytrace=False)
    return build_images(found, engines, tmp_path_factory.mktemp("llama-image")).plain


@pytest.fixture
def docker_engine(llama_image: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[DockerEngine]:
    """The real Docker engine; this session's containers and tags are removed after."""
    from tests.real_runtime import find_runtime

    found = find_runtime("docker")
    assert not isinstance(found, str), found
    root = Path(tempfile.mkdtemp(prefix="de-"))  # a unix socket path must fit in 108 bytes
    engine = DockerEngine(found, llama_image, root, monkeypatch, [])
    try:
        yield engine
    finally:
        monkeypatch.delenv("DOCKER_HOST", raising=False)
        left = found.ours()
        if left:
            found.run("rm", "-f", *left)
        if engine.tags:
            found.run("rmi", "-f", *engine.tags)  # -f: a container may still be going
        shutil.rmtree(root, ignore_errors=True)


Window = Callable[..., "MainWindow"]


@pytest.fixture
def make_window(qtbot: Any, tmp_path: Path) -> Iterator[Window]:
    """Main windows over a config of ``profiles``, with a fake NVML (none, by default).

    ``leftover_check`` defaults to "nothing found": no `docker ps` unless a test asks.
    Servers still running at the end are stopped before the window closes.
    """
    from panel.core.config.router_settings import RouterSettings
    from panel.core.config.store import Config, ConfigStore
    from panel.core.gpu.nvml import Nvml
    from panel.core.gpu.sampler import GpuSampler
    from panel.ui.window.main_window import MainWindow
    from tests.fakes.fake_nvml import FakeNvml

    windows: list[MainWindow] = []

    def make(
        profiles: list[ServerProfile],
        nvml: FakeNvml | None = None,
        load: bool = True,
        router: RouterSettings | None = None,
        **kwargs: Any,
    ) -> MainWindow:
        """``load=False``: the config as given, not saved and read back (a profile the
        loader would refuse). ``router``: the [router] table; by default the router is
        off (on, every window would listen on 8090, and side-by-side runs would clash)."""
        store = ConfigStore(tmp_path / "config.toml")
        store.save(Config(profiles=profiles))
        sampler = GpuSampler(Nvml(nvml or FakeNvml(init_error=12)), interval=0.05)
        kwargs.setdefault("leftover_check", list)
        config = store.load() if load else Config(profiles=profiles)
        # Port 0 (any free port) is for tests only: the file may not say it.
        config.router = router or RouterSettings(enabled=False)
        window = MainWindow(store, config=config, sampler=sampler, **kwargs)
        # pytest-qt closes its widgets before fixtures end: stop the servers first, or a
        # failed test's running server makes the close ask "Stop and quit?" of nobody.
        qtbot.addWidget(window, before_close_func=_stop_before_close)
        window.show()
        windows.append(window)
        # The hub, the start checks and the log view come right after the first paint.
        qtbot.waitUntil(lambda: window.started, timeout=10_000)
        return window

    yield make
    for window in windows:
        _stop_before_close(window)
        window.close()


def _stop_before_close(window: Any) -> None:
    if window.started:
        window.hub.supervisor.stop_all(timeout=20)
    window._quitting = True


@pytest.fixture
def tab(qtbot):  # type: ignore[no-untyped-def]
    """A vision chat tab of its own, shown at a usable size (the chat tests' fixture)."""
    from panel.ui.chat.tab import ChatTab

    widget = ChatTab()
    qtbot.addWidget(widget)
    widget.resize(900, 760)
    widget.show()
    yield widget
    widget.shutdown()


@contextlib.contextmanager
def installed_catalogue(ts_text: str, folder: Path) -> Iterator[None]:
    """A zh_CN catalogue made from ``ts_text`` (compiled by the real lrelease) installed
    for the duration of the block."""
    from PySide6.QtCore import QCoreApplication, QTranslator

    ts = folder / "catalogue_zh_CN.ts"
    ts.write_text(ts_text, encoding="utf-8")
    qm = ts.with_suffix(".qm")
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), str(ts), "-qm", str(qm)], check=True, capture_output=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    try:
        yield
    finally:
        QCoreApplication.removeTranslator(translator)


def serve_until_ready(config: Path, profile: str, stderr: int) -> subprocess.Popen[str]:
    """`panel serve PROFILE` started and read up to its READY line; killed if it fails first."""
    serve = subprocess.Popen(
        [sys.executable, "-m", "panel", "--config", str(config), "serve", profile],
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
        cwd=ROOT,
    )
    try:
        assert serve.stdout is not None
        for line in serve.stdout:
            if line.startswith("[panel] READY"):
                return serve
        pytest.fail("serve ended before READY")
    except BaseException:
        serve.kill()
        serve.wait()
        raise


# A supervising process of its own for orphan tests: it starts the pickled profile (argv[1],
# hex), waits argv[2] seconds at most for it, prints "READY <container name>" and waits to be
# killed.
SUPERVISOR_DRIVER = """
import pickle, sys, threading
from panel.core.servers.supervisor import ServerProcess
profile = pickle.loads(bytes.fromhex(sys.argv[1]))
server = ServerProcess(profile)
server.start()
assert server.wait_ready(float(sys.argv[2])), server.log.texts(60)
print("READY", server.container_name, flush=True)
threading.Event().wait()
"""


@contextlib.contextmanager
def supervising_process(
    profile: ServerProfile, ready_timeout: float = 60
) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """A separate process supervising ``profile`` (a container profile), once its server is
    ready (within ``ready_timeout`` s): yields the process (for the test to kill) and the
    container's name."""
    import pickle

    hex_profile = pickle.dumps(profile).hex()
    with ready_driver(SUPERVISOR_DRIVER, hex_profile, str(ready_timeout)) as (driver, name):
        yield driver, name


@contextlib.contextmanager
def ready_driver(script: str, *args: str) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """``python -c script args...`` once it has printed its first line, "READY <what>":
    yields the process (for the test to kill) and <what>. Killed at the end if still alive."""
    driver = subprocess.Popen(
        [sys.executable, "-c", script, *args], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    try:
        assert driver.stdout is not None
        line = driver.stdout.readline()
        assert line.startswith("READY"), line
        yield driver, line.split(maxsplit=1)[1].strip()
    finally:
        if driver.poll() is None:
            driver.kill()
            driver.wait()
        assert driver.stdout is not None
        driver.stdout.close()
