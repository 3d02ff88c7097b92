"""The orphan campaign: kill the real panel many times; count what outlives it.

usage: .venv/bin/python bench/orphans.py [--trials N] [--modes M,...] [--launchers L,...]
                                         [--engines DIR] [--json FILE]

Each trial starts the panel as a process of its own, waits until its servers are READY,
ends the panel one way or another, and counts the server processes (and containers) still
alive once the grace period and a margin have passed. Goal: 0 survivors.

Launchers (how the panel runs):

- ``serve``: ``python -m panel --config CFG serve PROFILE``, one process per profile
  (``serve`` runs one profile), all of them ended at once.
- ``window``: the real window (``run_gui``, as ``inference-panel`` opens it) under
  ``QT_QPA_PLATFORM=offscreen``; a timer selects each profile in the list and triggers
  the Start action, as a user does (``--window-driver``, below).

Servers per trial: the real llama-server and whisper-server (the test engines,
``PANEL_TEST_ENGINES`` or resources/engines/setup_test_engines.sh) and the script server
(tests/fakes/script_server.py) with three children, one of which calls ``setsid()`` and one
of which has a child of its own, all ignoring SIGTERM (only the SIGKILL after the 1 s grace
ends it).

Modes (how the panel ends):

- ``sigkill``, ``sigterm``, ``sigint``, ``sighup``: that signal to every panel process
  (SIGHUP: the terminal closed; the panel has no handler for it and dies at once);
- ``exception``: (window only) a RuntimeError escapes a Qt slot while the servers run;
  PySide6 prints it and the loop goes on, so the trial checks that the panel is still
  alive with every server still READY (a failed trial otherwise), then ends it by
  SIGTERM;
- ``question``: (window only) the user closes the window, and while its question "N
  server(s) running. Stop them and quit?" waits for an answer, SIGTERM arrives (a session
  ending); the panel must stop its servers and exit all the same;
- ``container``: one container profile on the real Docker engine (llama-server in a
  ``FROM scratch`` image, as tests/test_real_docker.py builds it), then SIGKILL; the
  survivors include the trial's container while ``docker ps -a`` lists it (found by its
  profile's name, unique to the trial: other test runs use the same engine).

"Cleanup" is the time from the signal until the last counted process (and container) is
gone. The table goes to stdout; ``--json`` writes every trial too.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402

from panel.core.config.profiles import (  # noqa: E402
    ContainerSpec,
    Engine,
    GpuAccess,
    Network,
    Role,
    ServerProfile,
)
from panel.core.config.store import Config, ConfigStore  # noqa: E402
from panel.core.servers import containers  # noqa: E402
from panel.core.servers.ports import pick_free_port  # noqa: E402
from tests.real_runtime import image_context  # noqa: E402

MODES = ("sigkill", "sigterm", "sigint", "sighup", "exception", "question", "container")
LAUNCHERS = ("serve", "window")
SIGNALS = {
    "sigkill": signal.SIGKILL,
    "sigterm": signal.SIGTERM,
    "sigint": signal.SIGINT,
    "sighup": signal.SIGHUP,
    "exception": signal.SIGTERM,
    "question": signal.SIGTERM,
    "container": signal.SIGKILL,
}
SCRIPT_SERVER = ROOT / "tests" / "fakes" / "script_server.py"
REAL_GRACE = 3.0  # llama-server and whisper-server stop within a second of SIGTERM
SCRIPT_GRACE = 1.0  # the script server ignores SIGTERM: the guard's SIGKILL must end it
READY_TIMEOUT = 120.0  # two cores shared with test runs: generous
MARGIN = 15.0  # seconds past the longest grace before a process counts as a survivor
DOCKER_REPO = "inference-panel-test/llama"


@dataclass
class Trial:
    launcher: str
    mode: str
    survivors: int = 0
    cleanup: float | None = None
    watched: int = 0
    error: str = ""
    left: list[str] = field(default_factory=list)


# -- the engines and the image ----------------------------------------------------------


def engines_root(given: str | None) -> Path:
    root = given or os.environ.get("PANEL_TEST_ENGINES")
    if root:
        return Path(root)
    from panel.core.demo import run_setup

    return run_setup()


def docker_image(root: Path) -> str:
    """The test llama-server's FROM-scratch image, built once (no network needed)."""
    with tempfile.TemporaryDirectory(prefix="orphans-image-") as tmp:
        tag = image_context(root / "bin" / "llama-server", Path(tmp))
        image = f"{DOCKER_REPO}:{tag}"
        if docker("image", "inspect", image).returncode != 0:
            (Path(tmp) / "Dockerfile").write_text("FROM scratch\nCOPY . /\n")
            built = docker("build", "-q", "-t", image, tmp, timeout=300)
            if built.returncode != 0:
                raise SystemExit(f"cannot build {image}: {built.stderr}")
    return image


def docker(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DOCKER_BUILDKIT": "0"}  # Debian's docker.io has no buildx
    return subprocess.run(
        ["docker", *args], capture_output=True, text=True, timeout=timeout, env=env, check=False
    )


def our_containers(profile: str) -> list[str]:
    """The trial's containers (running or not): by its profile's name, unique to the trial,
    since other panels and test runs on this machine start containers of their own."""
    found = docker(
        "ps", "-a", "-q", "--filter", f"label={containers.LABEL_MANAGED}=true",
        "--filter", f"label={containers.LABEL_PROFILE}={profile}",
    )  # fmt: skip
    return found.stdout.split()


def container_pids(ids: list[str]) -> list[int]:
    """The containers' own processes (children of the runtime's shim, not of ours)."""
    found = docker("inspect", "--format", "{{.State.Pid}}", *ids)
    pids = [int(word) for word in found.stdout.split() if word.isdigit() and word != "0"]
    return [pid for root in pids for pid in (root, *tree(root))]


# -- profiles -----------------------------------------------------------------------------


def server_profiles(root: Path, pidfile: Path) -> list[ServerProfile]:
    models = root / "models"
    script_port = pick_free_port()
    return [
        ServerProfile(
            "llama", Engine.LLAMA_CPP, executable=str(root / "bin" / "llama-server"),
            model=str(models / "tiny-llama.gguf"), port=pick_free_port(),
            args=["-c", "512", "-t", "1"], ready_timeout=READY_TIMEOUT, stop_grace=REAL_GRACE,
        ),
        ServerProfile(
            "whisper", Engine.WHISPER_CPP, executable=str(root / "bin" / "whisper-server"),
            model=str(models / "ggml-tiny.en.bin"), port=pick_free_port(), args=["-t", "1"],
            role=Role.TRANSCRIPTION, ready_timeout=READY_TIMEOUT, stop_grace=REAL_GRACE,
        ),
        ServerProfile(
            "script", Engine.CUSTOM, executable=sys.executable, port=script_port,
            args=[str(SCRIPT_SERVER), "--port", str(script_port), "--grandchildren", "3",
                  "--pidfile", str(pidfile), "--ignore-sigterm", "--orphan-lifetime", "600"],
            ready_timeout=READY_TIMEOUT, stop_grace=SCRIPT_GRACE,
        ),
    ]  # fmt: skip


def container_profile(root: Path, image: str) -> ServerProfile:
    models = str(root / "models")
    spec = ContainerSpec(
        image=image, entrypoint="/llama-server", gpus=GpuAccess.NONE, network=Network.HOST,
        ipc_host=False, mounts=[f"{models}:{models}:ro"],
    )  # fmt: skip
    return ServerProfile(
        f"boxed llama {os.urandom(4).hex()}", Engine.LLAMA_CPP, executable=str(root / "bin" / "llama-server"),
        model=f"{models}/tiny-llama.gguf", port=pick_free_port(), args=["-c", "512", "-t", "1"],
        container=spec, ready_timeout=READY_TIMEOUT, stop_grace=REAL_GRACE,
    )  # fmt: skip


# -- one trial ----------------------------------------------------------------------------


def alive(pids: list[int]) -> list[int]:
    living = []
    for pid in pids:
        try:
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                living.append(pid)
        except psutil.NoSuchProcess:
            pass
    return living


def tree(pid: int) -> list[int]:
    try:
        return [p.pid for p in psutil.Process(pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def wait_for(condition: Callable[[], bool], timeout: float, poll: float = 0.02) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(poll)
    return bool(condition())


def launch(
    launcher: str, config: Path, mode: str, names: list[str], work: Path
) -> list[tuple[subprocess.Popen[bytes], Path]]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(work / "xdg"),  # the window's geometry, not the user's
        "XDG_DATA_HOME": str(work / "data"),  # the run logs, not the user's
        "PYTHONUNBUFFERED": "1",
    }
    panels = []
    if launcher == "serve":
        commands = [
            [sys.executable, "-m", "panel", "--config", str(config), "serve", name]
            for name in names
        ]
    else:
        commands = [[sys.executable, str(Path(__file__).resolve()), "--window-driver", str(config),
                     mode]]  # fmt: skip
    for i, argv in enumerate(commands):
        out = work / f"panel{i}.out"
        with open(out, "wb") as sink:
            proc = subprocess.Popen(
                argv, stdin=subprocess.DEVNULL, stdout=sink, stderr=subprocess.STDOUT,
                cwd=ROOT, env=env,
            )  # fmt: skip
        panels.append((proc, out))
    return panels


def ready_text(launcher: str) -> bytes:
    return b"[panel] READY" if launcher == "serve" else b"READY ALL"


def run_trial(launcher: str, mode: str, root: Path, image: str | None) -> Trial:
    trial = Trial(launcher, mode)
    work = Path(tempfile.mkdtemp(prefix="orphans-"))
    pidfile = work / "script.pids"
    profiles = (
        [container_profile(root, image or "")]
        if mode == "container"
        else server_profiles(root, pidfile)
    )
    config = work / "config.toml"
    ConfigStore(config).save(Config(profiles=profiles))
    panels = launch(launcher, config, mode, [p.name for p in profiles], work)
    watched: list[int] = []
    try:

        def all_ready() -> bool:
            if any(proc.poll() is not None for proc, _ in panels):
                raise RuntimeError("a panel ended before its servers were ready")
            return all(ready_text(launcher) in out.read_bytes() for _, out in panels)

        if not wait_for(all_ready, READY_TIMEOUT + 30, poll=0.05):
            raise RuntimeError("servers not ready in time")
        if mode != "container" and not wait_for(pidfile.exists, 10):
            raise RuntimeError("the script server wrote no pidfile")
        if mode == "exception":
            out = panels[0][1]
            if not wait_for(lambda: b"ALIVE" in out.read_bytes(), 30, poll=0.05):
                raise RuntimeError("the window did not go on after the exception")
            if b"ALIVE 3/3" not in out.read_bytes():
                raise RuntimeError("a server did not survive the exception in the window")
        if mode == "question":
            out = panels[0][1]
            if not wait_for(lambda: b"ASKING" in out.read_bytes(), 30, poll=0.05):
                raise RuntimeError("the window did not ask before closing")
        for proc, _ in panels:
            watched += tree(proc.pid)
        if mode != "container":
            watched += [int(x) for x in pidfile.read_text().split()]
        else:
            boxes = our_containers(profiles[0].name)
            if not boxes:
                raise RuntimeError("the container is not listed by docker ps")
            watched += container_pids(boxes)
        watched = sorted(set(watched))
        trial.watched = len(watched)
        started = time.monotonic()
        for proc, _ in panels:
            os.kill(proc.pid, SIGNALS[mode])

        def all_gone() -> bool:
            if alive(watched) or any(proc.poll() is None for proc, _ in panels):
                return False
            return mode != "container" or not our_containers(profiles[0].name)

        longest = max(p.stop_grace for p in profiles) + containers.CONTROL_TIMEOUT * (
            mode == "container"
        )
        wait_for(all_gone, longest + MARGIN, poll=0.2 if mode == "container" else 0.02)
        if all_gone():
            trial.cleanup = time.monotonic() - started
        left = alive(watched)
        boxes = our_containers(profiles[0].name) if mode == "container" else []
        trial.survivors = len(left) + len(boxes)
        trial.left = [describe(pid) for pid in left] + [f"container {c}" for c in boxes]
        hung = [proc.pid for proc, _ in panels if proc.poll() is None]
        if hung:
            trial.error = f"panel {hung} still running {longest + MARGIN:g} s after the signal"
    except Exception as exc:  # a failed trial is reported, and the next one runs
        trial.error = f"{type(exc).__name__}: {exc}"
        tails = [out.read_bytes()[-1500:].decode(errors="replace") for _, out in panels]
        trial.error += "\n" + "\n---\n".join(tails)
    finally:
        for proc, _ in panels:
            watched += tree(proc.pid)
            if proc.poll() is None:
                proc.kill()
            proc.wait(30)
        for pid in alive(watched):
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        if mode == "container" and our_containers(profiles[0].name):
            docker("rm", "-f", *our_containers(profiles[0].name))
        shutil.rmtree(work, ignore_errors=True)
    return trial


def describe(pid: int) -> str:
    try:
        return f"{pid} {' '.join(psutil.Process(pid).cmdline())[:120]}"
    except psutil.NoSuchProcess:
        return f"{pid} (gone)"


# -- the window, driven as a user would --------------------------------------------------


def window_driver(config: str, mode: str) -> int:
    """The real ``run_gui``; a timer selects each profile and triggers Start, prints
    ``READY ALL`` once every server is ready, then (mode ``exception``) lets a
    RuntimeError escape a slot and prints ``ALIVE n/m`` with the servers still READY;
    (mode ``question``) closes the window as its title bar's button does and prints
    ``ASKING`` once the question is on screen."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from panel.core.servers.server_state import ServerState
    from panel.ui.app import run_gui
    from panel.ui.window.main_window import MainWindow

    app = QApplication([sys.argv[0]])
    store = ConfigStore(Path(config))
    names = [p.name for p in store.load().profiles]

    def window() -> MainWindow:
        return next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow))

    def ready_count() -> int:
        found = [window().hub.supervisor.get(name) for name in names]
        return sum(1 for s in found if s is not None and s.state is ServerState.READY)

    def start() -> None:
        for name in names:
            window().select(name)
            window().act_start.trigger()
        poll()

    def poll() -> None:
        if ready_count() < len(names):
            QTimer.singleShot(50, poll)
            return
        print("READY ALL", flush=True)
        if mode == "exception":
            QTimer.singleShot(0, bug)
            QTimer.singleShot(500, lambda: print(f"ALIVE {ready_count()}/{len(names)}", flush=True))
        if mode == "question":
            QTimer.singleShot(0, window().close)  # asks, in a nested event loop
            QTimer.singleShot(50, asking)

    def asking() -> None:
        if isinstance(app.activeModalWidget(), QMessageBox):
            print("ASKING", flush=True)
        else:
            QTimer.singleShot(50, asking)

    def bug() -> None:
        raise RuntimeError("a bug in a slot (bench/orphans.py)")

    QTimer.singleShot(0, start)
    return run_gui(store)


# -- the campaign -------------------------------------------------------------------------


def cells(modes: list[str], launchers: list[str]) -> list[tuple[str, str]]:
    return [
        (mode, launcher)
        for mode in modes
        for launcher in launchers
        if not (mode in ("exception", "question") and launcher != "window")
    ]


def table(trials: list[Trial], plan: list[tuple[str, str]]) -> str:
    rows = [
        "| mode | launcher | trials | survivors | failed trials | median cleanup (s) | max (s) |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for mode, launcher in plan:
        mine = [t for t in trials if t.mode == mode and t.launcher == launcher]
        times = [t.cleanup for t in mine if t.cleanup is not None]
        med = f"{statistics.median(times):.2f}" if times else "-"
        top = f"{max(times):.2f}" if times else "-"
        rows.append(
            f"| {mode} | {launcher} | {len(mine)} | {sum(t.survivors for t in mine)} | "
            f"{sum(1 for t in mine if t.error)} | {med} | {top} |"
        )
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--window-driver"]:
        return window_driver(argv[1], argv[2])
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trials", type=int, default=50, help="trials per cell (default 50)")
    parser.add_argument("--modes", default=",".join(MODES))
    parser.add_argument("--launchers", default=",".join(LAUNCHERS))
    parser.add_argument("--engines", help="the test engines' folder (PANEL_TEST_ENGINES)")
    parser.add_argument("--json", type=Path, help="write every trial here")
    args = parser.parse_args(argv)
    modes = [m for m in args.modes.split(",") if m]
    launchers = [x for x in args.launchers.split(",") if x]
    for word in modes:
        if word not in MODES:
            parser.error(f"unknown mode {word}; choose from {', '.join(MODES)}")
    for word in launchers:
        if word not in LAUNCHERS:
            parser.error(f"unknown launcher {word}; choose from {', '.join(LAUNCHERS)}")
    # A panel started under nohup (as this campaign may be) would inherit an ignored
    # SIGHUP; a terminal's shell starts it with the default action.
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    # Ended itself, the campaign ends the trial in flight too (its `finally`).
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    root = engines_root(args.engines)
    image = docker_image(root) if "container" in modes else None
    plan = cells(modes, launchers)
    print(f"engines: {root}; {args.trials} trials per cell; {len(plan)} cells", flush=True)
    trials: list[Trial] = []
    started = time.monotonic()
    for mode, launcher in plan:
        for i in range(args.trials):
            trial = run_trial(launcher, mode, root, image)
            trials.append(trial)
            cleanup = f"{trial.cleanup:.2f} s" if trial.cleanup is not None else "-"
            print(
                f"{mode:9} {launcher:6} #{i + 1:<3} watched {trial.watched:2} "
                f"survivors {trial.survivors} cleanup {cleanup}"
                + (f"\n  ERROR {trial.error}" if trial.error else "")
                + "".join(f"\n  LEFT {x}" for x in trial.left),
                flush=True,
            )
            if args.json:
                args.json.write_text(json.dumps([asdict(t) for t in trials], indent=1))
    print(f"\n{table(trials, plan)}\n\n{len(trials)} trials in {time.monotonic() - started:.0f} s")
    failed = any(t.survivors or t.error for t in trials)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
