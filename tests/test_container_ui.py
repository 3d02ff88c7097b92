"""Containerised profiles in the GUI: pulling an image, leftover containers, start flow.

The dialogs are checked against small scripts written into tmp_path that answer the few
commands each test needs, in docker's words; starting and pulling go through the real
Docker engine (a local registry to pull from) and the real llama-server.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import psutil
import pytest
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from panel.core.config.profiles import ContainerSpec, Engine, GpuAccess, ServerProfile
from panel.core.servers.containers import (
    LABEL_MANAGED,
    LABEL_PANEL_PID,
    LABEL_PORT,
    LABEL_PROFILE,
    ContainerInfo,
    ContainerRuntimeError,
    find_leftovers,
)
from panel.core.servers.image_pull import PullProgress
from panel.core.servers.ports import pick_free_port
from panel.core.servers.server_state import ServerState
from panel.ui.window.container_dialogs import LeftoverDialog, PullDialog
from tests.conftest import DockerEngine, EngineKit, Window
from tests.real_runtime import SESSION, Registry, start_registry, stop_registry
from tests.test_container_servers import container_llama

# -- a tiny fake runtime -----------------------------------------------------------------------

PULL_LINES = r"""
import os, sys, time
out = sys.stdout
def say(text, end="\n"):
    out.write(text + end)
    out.flush()
    time.sleep(0.02)
say("latest: Pulling from example/server")
say("abc123def456: Pulling fs layer")
say("0123456789ab: Pulling fs layer")
say("abc123def456: Downloading [==>        ]  25.17MB/120.4MB", "\r")
say("abc123def456: Downloading [========>  ]  98.3MB/120.4MB", "\r")
say("0123456789ab: Downloading [=====>     ]  12.6MB/25.2MB", "\r")
say("abc123def456: Pull complete")
say("0123456789ab: Pull complete")
say("Digest: sha256:" + "0" * 64)
say("Status: Downloaded newer image for example/server:latest")
"""


def write_runtime(path: Path, body: str) -> Path:
    """An executable Python script standing in for ``docker``; ``argv`` holds its args."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!{sys.executable}\nimport sys\nargv = sys.argv[1:]\n{body}\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def pull_runtime(tmp_path: Path) -> Path:
    return write_runtime(tmp_path / "bin" / "docker", PULL_LINES)


def info(
    name: str,
    profile: str = "",
    *,
    port: int | None = None,
    panel_pid: int | None = None,
    image: str = "example/server:1",
) -> ContainerInfo:
    labels = {LABEL_MANAGED: "true"}
    if profile:
        labels[LABEL_PROFILE] = profile
    if port is not None:
        labels[LABEL_PORT] = str(port)
    if panel_pid is not None:
        labels[LABEL_PANEL_PID] = str(panel_pid)
    return ContainerInfo(
        id=name + "-id", name=name, image=image, running=True, pid=0, labels=labels
    )


def dead_pid() -> int:
    pid = 4_000_000
    while psutil.pid_exists(pid):
        pid -= 1
    return pid


# -- the pull dialog ---------------------------------------------------------------------------


def test_pull_shows_progress_and_accepts(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = PullDialog(str(pull_runtime(tmp_path)), "example/server:latest")
    qtbot.addWidget(dialog)
    amounts: list[str] = []
    # Emitted once the dialog has shown the update.
    dialog.progressed.connect(lambda _p: amounts.append(dialog.amount_label.text()))
    with qtbot.waitSignal(dialog.pullFinished, timeout=20_000) as finished:
        dialog.open()
    assert finished.args[0].ok
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert "layer 0 of 2" in amounts
    assert "25.2 MB of 120.4 MB" in amounts
    assert dialog.amount_label.text() == "145.6 MB of 145.6 MB"
    assert dialog.bar.value() == dialog.bar.maximum()
    assert not dialog.error_label.isVisible()


def test_amount_reads_bytes_when_known_else_layers(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = PullDialog(str(pull_runtime(tmp_path)), "example/server:latest")
    qtbot.addWidget(dialog)  # never shown: no pull runs
    by_bytes = PullProgress(7, 2, 1_200_000_000, 9_800_000_000, "")
    assert dialog.amount_text(by_bytes) == "1.2 GB of 9.8 GB"
    assert dialog.amount_text(PullProgress(7, 2, None, None, "")) == "layer 2 of 7"


def test_a_refused_pull_shows_the_error_and_the_fix(qtbot: QtBot, tmp_path: Path) -> None:
    runtime = write_runtime(
        tmp_path / "docker",
        "sys.stderr.write('Error response from daemon: pull access denied for x, repository "
        "does not exist or may require \\'docker login\\'\\n')\nsys.exit(1)",
    )
    dialog = PullDialog(str(runtime), "x")
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.pullFinished, timeout=20_000) as finished:
        dialog.open()
    assert not finished.args[0].ok and not finished.args[0].cancelled
    assert dialog.isVisible()  # stays open until read
    assert dialog.error_label.isVisible()
    assert "refused" in dialog.error_label.text()
    assert "docker login" in dialog.hint_label.text()
    close = dialog.buttons.button(QDialogButtonBox.StandardButton.Close)
    assert close is not None
    close.click()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not dialog.isVisible()


def test_cancel_stops_the_pull_and_rejects(qtbot: QtBot, tmp_path: Path) -> None:
    pid_file = tmp_path / "pull.pid"
    runtime = write_runtime(
        tmp_path / "docker",
        "import os, time\n"
        "print('abc123def456: Pulling fs layer', flush=True)\n"
        f"open({str(pid_file)!r}, 'w').write(str(os.getpid()))\n"
        "time.sleep(60)",
    )
    dialog = PullDialog(str(runtime), "example/slow:1")
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitUntil(lambda: pid_file.exists() and pid_file.read_text() != "", timeout=20_000)
    qtbot.waitUntil(lambda: dialog.amount_label.text() == "layer 0 of 1", timeout=10_000)
    pid = int(pid_file.read_text())
    with qtbot.waitSignal(dialog.pullFinished, timeout=20_000) as finished:
        dialog.cancel_button.click()
    assert finished.args[0].cancelled
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.status_label.text() == "Pull cancelled"
    assert not psutil.pid_exists(pid)


# -- leftover containers -----------------------------------------------------------------------


def container_profile(
    tmp_path: Path, runtime: Path | None = None, **fields: object
) -> ServerProfile:
    model = tmp_path / "models" / "tiny.gguf"
    model.parent.mkdir(parents=True, exist_ok=True)
    model.write_bytes(b"GGUF")
    spec = ContainerSpec(
        runtime=str(runtime) if runtime else "",
        image="example/llama:test",
        gpus=GpuAccess.NONE,
        mounts=[f"{model.parent}:/models"],
    )
    base: dict[str, object] = dict(
        name="boxed",
        engine=Engine.LLAMA_CPP,
        model=str(model),
        port=pick_free_port(),
        stop_grace=1.0,
        container=spec,
    )
    base.update(fields)
    return ServerProfile(**base)  # type: ignore[arg-type]


def test_leftovers_are_offered_for_adoption_or_stopping(
    qtbot: QtBot, tmp_path: Path, make_window: Window, monkeypatch: pytest.MonkeyPatch
) -> None:
    profile = container_profile(tmp_path)
    ours_then = info(
        "inference-panel-boxed-aaaaaa", "boxed", port=profile.port, panel_pid=dead_pid()
    )
    stray = info("inference-panel-gone-bbbbbb", "gone", port=9, panel_pid=os.getppid())
    stopped: list[tuple[str, float]] = []
    window = make_window(
        [profile],
        leftover_check=lambda: [ours_then, stray],
        stop_container=lambda i, grace: stopped.append((i.name, grace)),
    )
    qtbot.waitUntil(lambda: window.leftover_dialog is not None, timeout=10_000)
    dialog = window.leftover_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(1, dialog.STARTED_BY).text() == (
        f"panel pid {os.getppid()} (still running)"
    )
    assert "still running" not in dialog.table.item(0, dialog.STARTED_BY).text()
    assert "no such profile" in dialog.table.item(1, dialog.PROFILE).text()
    assert dialog.adopt_buttons[ours_then.id].isEnabled()
    assert not dialog.adopt_buttons[stray.id].isEnabled()  # its profile is gone

    adopted: list[ContainerInfo] = []
    server = window.hub.server(profile)
    monkeypatch.setattr(server, "adopt", adopted.append)
    dialog.adopt_buttons[ours_then.id].click()
    assert adopted == [ours_then]
    assert dialog.status_of(ours_then) == "adopted"
    assert not dialog.stop_buttons[ours_then.id].isEnabled()

    dialog.stop_all_button.click()  # the orphans only: the live panel's stays
    assert stopped == [] and dialog.status_of(stray) == "running"
    dialog.stop_buttons[stray.id].click()
    qtbot.waitUntil(lambda: dialog.status_of(stray) == "stopped", timeout=10_000)
    assert stopped == [(stray.name, 10.0)]  # no profile: the default grace
    assert dialog.leave_button.text() == "Close"


def test_a_live_panels_containers_alone_do_not_interrupt_the_user(
    qtbot: QtBot, tmp_path: Path, make_window: Window
) -> None:
    theirs = info("inference-panel-busy-dddddd", "busy", port=9, panel_pid=os.getppid())
    asked: list[bool] = []

    def check() -> list[ContainerInfo]:
        asked.append(True)
        return [theirs]

    window = make_window([container_profile(tmp_path)], leftover_check=check)
    qtbot.waitUntil(lambda: bool(asked), timeout=10_000)
    # Nothing to wait on when nothing happens: give the answer a second to arrive.
    with pytest.raises(qtbot.TimeoutError):
        qtbot.waitUntil(lambda: window.leftover_dialog is not None, timeout=1_000)


def test_adopting_on_another_port_says_so(
    qtbot: QtBot, tmp_path: Path, make_window: Window, monkeypatch: pytest.MonkeyPatch
) -> None:
    profile = container_profile(tmp_path)
    other_port = profile.port + 1
    leftover = info("inference-panel-boxed-cccccc", "boxed", port=other_port)
    window = make_window([profile], leftover_check=lambda: [leftover])
    qtbot.waitUntil(lambda: window.leftover_dialog is not None, timeout=10_000)
    dialog = window.leftover_dialog
    assert dialog is not None
    server = window.hub.server(profile)
    ports: list[int] = []
    monkeypatch.setattr(server, "adopt", lambda _info: ports.append(server.profile.port))
    dialog.adopt_all_button.click()
    assert ports == [other_port]
    assert f"port {other_port}" in dialog.status_of(leftover)
    assert not dialog.adopt_all_button.isEnabled()


def test_a_failed_stop_is_reported_on_its_row(qtbot: QtBot) -> None:
    leftover = info("inference-panel-x-dddddd")

    def refuse(_info: ContainerInfo, _grace: float) -> None:
        raise ContainerRuntimeError("The Docker daemon is not running")

    dialog = LeftoverDialog([leftover], {}, adopt=lambda i, p: "", stop=refuse)
    qtbot.addWidget(dialog)
    dialog.stop_all_button.click()
    qtbot.waitUntil(lambda: "could not stop" in dialog.status_of(leftover), timeout=10_000)
    assert "daemon is not running" in dialog.status_of(leftover)
    assert dialog.stop_buttons[leftover.id].isEnabled()  # may try again


def test_no_leftovers_no_dialog(qtbot: QtBot, tmp_path: Path, make_window: Window) -> None:
    calls: list[int] = []

    def check() -> list[ContainerInfo]:
        calls.append(1)
        return []

    window = make_window([container_profile(tmp_path)], leftover_check=check)
    qtbot.waitUntil(lambda: bool(calls), timeout=10_000)
    QApplication.processEvents()
    assert window.leftover_dialog is None


def test_find_leftovers_skips_our_own_and_missing_runtimes(tmp_path: Path) -> None:
    exe = write_runtime(tmp_path / "docker", "")
    mine = info("mine", "a", panel_pid=os.getpid())
    theirs = info("theirs", "b", panel_pid=dead_pid())
    asked: list[str] = []

    def runtime(path: str) -> SimpleNamespace:
        asked.append(path)
        return SimpleNamespace(list_managed=lambda: [mine, theirs])

    specs = [
        ContainerSpec(runtime=str(exe)),
        ContainerSpec(runtime=str(exe)),  # the same runtime is asked once
        ContainerSpec(runtime=str(tmp_path / "nowhere" / "podman")),
    ]
    assert find_leftovers(specs, runtime=runtime) == [theirs]  # type: ignore[arg-type]
    assert asked == [str(exe)]

    def down(path: str) -> SimpleNamespace:
        def fail() -> list[ContainerInfo]:
            raise ContainerRuntimeError("The Docker daemon is not running")

        return SimpleNamespace(list_managed=fail)

    assert find_leftovers(specs, runtime=down) == []  # type: ignore[arg-type]


# -- starting, against the real Docker engine and the real llama-server ----------------------
# (Leftovers found at start-up and adopted in the window: tests/test_real_docker.py.)


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Registry]:
    found = start_registry(tmp_path_factory.mktemp("registry"))
    yield found
    stop_registry(found)


@pytest.mark.engines
@pytest.mark.real_docker
def test_start_offers_to_pull_a_missing_image_then_runs_it(
    qtbot: QtBot,
    make_window: Window,
    monkeypatch: pytest.MonkeyPatch,
    docker_engine: DockerEngine,
    engines: EngineKit,
    registry: Registry,
) -> None:
    image = docker_engine.push_test_image(registry.host)
    profile = container_llama(engines)
    assert profile.container is not None
    profile.container.image = image
    window = make_window([profile])
    asked: list[str] = []

    def confirm(title: str, text: str, yes: str) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(window, "_confirm", confirm)
    window.start_selected()  # checks on a worker thread; then the real pull dialog, modal
    qtbot.waitUntil(lambda: window.model.rows()[0].state is ServerState.READY, timeout=90_000)
    assert asked == [f"The image {image} is not on this machine. Pull it now?"]
    [box] = docker_engine.running()
    server = window.hub.supervisor.get(profile.name)
    assert server is not None and box["name"] == server.container_name
    assert "Running as container " + server.container_name in window.model.tooltip(
        window.model.rows()[0]
    )
    # Before qtbot closes the window, which would ask what to do with a running server.
    assert window.hub.supervisor.stop_all(timeout=30)
    assert docker_engine.running() == []


@pytest.mark.engines
@pytest.mark.real_docker
def test_declining_the_pull_starts_nothing(
    qtbot: QtBot,
    make_window: Window,
    monkeypatch: pytest.MonkeyPatch,
    docker_engine: DockerEngine,
    engines: EngineKit,
) -> None:
    profile = container_llama(engines)
    assert profile.container is not None
    profile.container.image = f"inference-panel-test/never-pulled:{SESSION}"
    window = make_window([profile])
    asked: list[str] = []
    monkeypatch.setattr(window, "_confirm", lambda *args: asked.append(args[1]) or False)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.informativeText()))
    window.start_selected()
    qtbot.waitUntil(lambda: bool(asked) and not window._starting, timeout=20_000)
    assert shown == []  # the question was the answer; no second box
    assert docker_engine.running() == []
    assert docker_engine.runtime.run("image", "inspect", profile.container.image).returncode
    assert window.model.rows()[0].state is ServerState.STOPPED


@pytest.mark.engines
@pytest.mark.real_docker
def test_a_stopped_daemon_is_shown_with_the_fix(
    qtbot: QtBot,
    make_window: Window,
    monkeypatch: pytest.MonkeyPatch,
    docker_engine: DockerEngine,
    engines: EngineKit,
) -> None:
    docker_engine.stop_daemon()  # the real client, with no daemon to answer it
    window = make_window([container_llama(engines)])
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.informativeText()))
    window.start_selected()
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    [text] = shown
    assert "The Docker daemon is not running" in text
    assert "sudo systemctl start docker" in text


# -- the list, the clipboard, GPU attribution --------------------------------------------------


def test_copy_command_gives_the_docker_run_line(tmp_path: Path, make_window: Window) -> None:
    runtime = write_runtime(tmp_path / "rt" / "docker", "pass")
    window = make_window([container_profile(tmp_path, runtime)])
    window.copy_command()
    text = QApplication.clipboard().text()
    assert text.startswith(f"{runtime} run --rm --name inference-panel-boxed-")
    assert "-v " + f"{tmp_path / 'models'}:/models" in text
    assert "example/llama:test" in text
    assert "-m /models/tiny.gguf" in text  # the path inside the container


def test_the_list_says_a_profile_runs_in_a_container(tmp_path: Path, make_window: Window) -> None:
    window = make_window([container_profile(tmp_path)])
    row = window.model.rows()[0]
    assert "llama.cpp in a container" in window.model.detail(row)
    assert "Container image: example/llama:test" in window.model.tooltip(row)
    window.model.update("boxed", state=ServerState.READY, container="inference-panel-boxed-1")
    assert "Running as container inference-panel-boxed-1" in window.model.tooltip(row)


def test_gpu_memory_is_looked_up_under_the_container(
    tmp_path: Path, make_window: Window, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window([container_profile(tmp_path)])
    fake = SimpleNamespace(
        profile=SimpleNamespace(name="boxed"), pid=100, gpu_root=200, container_id="c0ffee"
    )
    monkeypatch.setattr(window.hub, "running", lambda: [fake])
    calls: list[tuple[object, ...]] = []
    monkeypatch.setattr(window.gpu_panel, "set_servers", lambda *args: calls.append(args))
    monkeypatch.setattr(window.gpu_panel, "set_sampling_while_hidden", lambda _on: None)
    try:
        window._update_gpu_roots()
    finally:
        monkeypatch.undo()  # before qtbot closes the window, which asks about running servers
    assert calls == [({"boxed": 200}, {"boxed": "c0ffee"})]
