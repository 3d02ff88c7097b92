"""Container profiles against a real Docker engine and real podman: the real llama-server
in real images.

scripts/test.sh installs Debian's docker.io and starts dockerd when no daemon answers
(PANEL_REAL_DOCKER=1), and installs and configures podman (scripts/podman_engine.sh:
CONTAINERS_CONF, PANEL_REAL_PODMAN=1) and, as root, an unprivileged user and a wrapper
that runs podman as that user, rootless (PANEL_ROOTLESS_PODMAN). Every test that means the same on all runs once per
runtime (``[docker]``, ``[podman]``, ``[podman-rootless]``). The images are built offline ``FROM scratch``
with the test llama-server and the libraries it links (tests/real_runtime.py). Containers
get no GPU and the host's network, as the seed's profiles do (``--net=host``).
tests/test_container_servers.py keeps the stand-in for what no real engine shows here;
docs/containers.md says which test uses which.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import psutil
import pytest
from pytestqt.qtbot import QtBot

from panel.core.config.profiles import ContainerSpec, GpuAccess, Network, ServerProfile
from panel.core.doctor import container_lines
from panel.core.gpu.attribution import ServerAttribution
from panel.core.gpu.nvml import Nvml
from panel.core.servers import containers
from panel.core.servers.image_pull import ImagePull, PullProgress
from panel.core.servers.ports import pick_free_port
from panel.core.servers.preflight import PreflightError
from panel.core.servers.server_state import ServerState
from panel.core.servers.supervisor import ServerProcess
from tests.conftest import (
    ROOT,
    EngineKit,
    Window,
    llama_profile,
    pids_alive,
    serve_until_ready,
    supervising_process,
    wait_until,
)
from tests.fakes.fake_nvml import FakeGpu, FakeNvml, FakeProcess, GiB
from tests.real_runtime import (
    SESSION,
    Images,
    Registry,
    Runtime,
    build_images,
    find_runtime,
    start_registry,
    stop_registry,
)

pytestmark = pytest.mark.engines

RUNTIMES = [
    pytest.param("docker", marks=pytest.mark.real_docker, id="docker"),
    pytest.param("podman", marks=pytest.mark.real_podman, id="podman"),
    pytest.param("podman-rootless", marks=pytest.mark.real_podman, id="podman-rootless"),
]


@pytest.fixture(scope="session", params=RUNTIMES)
def rt(request: pytest.FixtureRequest) -> Iterator[Runtime]:
    if request.param == "podman-rootless" and os.geteuid() != 0:
        pytest.skip("not root: the [podman] runs are rootless podman already")
    found = find_runtime(request.param)
    if isinstance(found, str):
        pytest.fail(found, pytrace=False)
    yield found
    if found.shared is not None:
        shutil.rmtree(found.shared, ignore_errors=True)


@pytest.fixture(scope="session")
def images(rt: Runtime, engines: EngineKit, tmp_path_factory: pytest.TempPathFactory) -> Images:
    started = time.monotonic()
    context = rt.folder("image") or tmp_path_factory.mktemp(f"image-{rt.name}")
    found = build_images(rt, engines, context)
    print(f"\n[real {rt.label}] images ready in {time.monotonic() - started:.2f} s")
    return found


@pytest.fixture(autouse=True)
def no_container_left(request: pytest.FixtureRequest) -> Iterator[None]:
    """A failed test must not leave a container to confuse the next one; only this
    session's are touched (other runs may share the daemon)."""
    yield
    if "rt" in request.fixturenames:
        rt: Runtime = request.getfixturevalue("rt")
        left = rt.ours()
        if left:
            rt.run("rm", "-f", *left)


def boxed_llama(
    rt: Runtime, engines: EngineKit, image: str, entrypoint: str = "/llama-server", **kw: object
) -> ServerProfile:
    models = str(rt.models(engines))
    spec = ContainerSpec(
        runtime=rt.spec,
        image=image,
        entrypoint=entrypoint,
        gpus=GpuAccess.NONE,
        network=Network.HOST,
        ipc_host=False,
        mounts=[f"{models}:{models}:ro"],
    )
    # The session in the name: the container's name carries it, and the clean-up finds it.
    base: dict[str, object] = {
        "name": f"tiny llama ({rt.name} {SESSION})",
        "container": spec,
        "model": str(Path(models) / "tiny-llama.gguf"),  # where the container's user reads it
    }
    base.update(kw)
    return llama_profile(engines, **base)


def start_ready(server: ServerProcess) -> float:
    started = time.monotonic()
    server.start()
    if not server.wait_ready(60):
        pytest.fail(f"not ready: {server.log.texts(40)}")
    return time.monotonic() - started


def chat(profile: ServerProfile) -> str:
    reply = httpx.post(
        profile.base_url + "/v1/chat/completions",
        json={"messages": [{"role": "user", "content": "Hi"}], "max_tokens": 4},
        timeout=60,
    )
    assert reply.status_code == 200, reply.text
    return str(reply.json()["choices"][0]["message"]["content"])


def gone_after(rt: Runtime, name: str, timeout: float) -> float:
    started = time.monotonic()
    wait_until(lambda: not rt.exists(name), timeout=timeout, what=f"{name} gone")
    return time.monotonic() - started


def container_tree(pid: int | None) -> set[int]:
    if not pid:
        return set()
    return {pid, *(child.pid for child in psutil.Process(pid).children(recursive=True))}


def run_client(server: ServerProcess) -> int:
    """The ``docker run`` / ``podman run`` client the guard started."""
    for pid in server.server_pids():
        with contextlib.suppress(psutil.Error):
            if _is_run_client(psutil.Process(pid)):
                return pid
    raise AssertionError(f"no run client among {server.server_pids()}")


# -- run, answer, stop, kill ------------------------------------------------------------------


def test_a_container_runs_answers_and_is_gone_after_stop(
    rt: Runtime, images: Images, engines: EngineKit
) -> None:
    profile = boxed_llama(rt, engines, images.plain)
    server = ServerProcess(profile)
    ready_in = start_ready(server)
    name = server.container_name
    try:
        assert rt.exists(name)
        assert isinstance(chat(profile), str)
        inspected = rt.run("inspect", "--format", "{{.Id}} {{.State.Pid}}", name)
        container_id, pid = inspected.stdout.split()
        # The real shim's child, found through the real runtime: GPU attribution uses it.
        assert server.container_id == container_id
        assert server.gpu_root == int(pid)
        assert int(pid) in server.server_pids()
        labels = rt.run("inspect", "--format", "{{json .Config.Labels}}", name)
        assert f'"{containers.LABEL_PROFILE}":"{profile.name}"' in labels.stdout
    finally:
        stopped = time.monotonic()
        outcome = server.stop_and_wait(30)
    assert outcome is not None and outcome.requested and outcome.reason == "stopped"
    gone = gone_after(rt, name, 10) + (time.monotonic() - stopped)
    assert not pids_alive([int(pid)])
    print(f"\n[real {rt.label}] READY in {ready_in:.2f} s; gone {gone:.2f} s after Stop")


def test_a_sigkilled_panel_leaves_no_container(
    rt: Runtime, images: Images, engines: EngineKit
) -> None:
    profile = boxed_llama(rt, engines, images.plain, stop_grace=2.0)
    with supervising_process(profile) as (driver, name):
        pid = rt.pid(name)
        assert pid > 0
        killed_at = time.monotonic()
        os.kill(driver.pid, signal.SIGKILL)
        driver.wait(10)
        # The guard's `docker stop -t 2`, then --rm: gone within the grace and a margin.
        wait_until(lambda: not rt.exists(name), timeout=15, what="container gone")
        print(f"\n[real {rt.label}] gone {time.monotonic() - killed_at:.2f} s after SIGKILL")
        assert not pids_alive([pid])


def test_a_sigkilled_serve_leaves_no_container(
    rt: Runtime, images: Images, engines: EngineKit, tmp_path: Path
) -> None:
    from panel.core.config.store import Config, ConfigStore

    profile = boxed_llama(rt, engines, images.plain, stop_grace=2.0)
    config = tmp_path / "config.toml"
    ConfigStore(config).save(Config(profiles=[profile]))
    serve = serve_until_ready(config, profile.name, stderr=subprocess.DEVNULL)
    try:
        [name] = rt.ours()
        pid = rt.pid(name)
        os.kill(serve.pid, signal.SIGKILL)
        serve.wait(10)
        gone_after(rt, name, 15)
        assert not pids_alive([pid])
    finally:
        if serve.poll() is None:
            serve.kill()
            serve.wait()
        assert serve.stdout is not None
        serve.stdout.close()


def test_killing_the_run_client_leaves_no_container(
    rt: Runtime, images: Images, engines: EngineKit
) -> None:
    server = ServerProcess(boxed_llama(rt, engines, images.plain))
    start_ready(server)
    name = server.container_name
    pid = server.gpu_root
    client = run_client(server)
    assert client not in container_tree(pid)
    os.kill(client, signal.SIGKILL)  # what a naive "stop" would do: the container stays
    outcome = server.wait(30)
    assert outcome is not None and outcome.crashed
    # The guard saw its client die and ran `docker stop` itself.
    gone_after(rt, name, 15)
    assert pid is not None and not pids_alive([pid])


def test_kill_removes_the_container_at_once(
    rt: Runtime, images: Images, engines: EngineKit
) -> None:
    server = ServerProcess(boxed_llama(rt, engines, images.plain, stop_grace=30.0))
    start_ready(server)
    name = server.container_name
    killed_at = time.monotonic()
    server.kill()
    assert server.wait(15) is not None
    gone_after(rt, name, 10)
    assert time.monotonic() - killed_at < 10, "Kill must not wait for the 30 s grace"


def test_the_images_own_entrypoint_is_honoured(
    rt: Runtime, images: Images, engines: EngineKit
) -> None:
    # The bug, as the runtime shows it: the engine's name given again as an argument.
    naive = rt.run(
        "run", "--rm", "--network=none", images.own_entrypoint, "llama-server", "--version"
    )
    assert naive.returncode != 0
    assert "invalid argument: llama-server" in naive.stdout + naive.stderr

    profile = boxed_llama(rt, engines, images.own_entrypoint, entrypoint="")
    server = ServerProcess(profile)
    start_ready(server)
    try:
        assert isinstance(chat(profile), str)
        argv = list(server.launch_plan().argv)
        assert "--entrypoint" not in argv
        assert argv[argv.index(images.own_entrypoint) + 1] == "-m"
        assert "the image's entrypoint: /llama-server" in server.log.texts(400)
    finally:
        server.stop_and_wait(30)


def test_doctor_says_whether_the_runtime_is_rootless(rt: Runtime, tmp_path: Path) -> None:
    # A folder holding only this runtime under its own name: the doctor finds it first.
    only = tmp_path / "bin"
    only.mkdir()
    (only / rt.name).symlink_to(rt.exe)
    lines = container_lines(path_env=str(only), cdi_folders=[tmp_path / "no-cdi"])
    assert lines[0].startswith(f"{rt.name}: {only / rt.name} (server ")
    assert f"rootless: {'yes' if rt.rootless else 'no'}" in lines
    assert any(line.startswith("NVIDIA CDI spec: none in ") for line in lines)


# -- the runtime's own errors, explained -------------------------------------------------------


def test_no_nvidia_runtime_gets_the_runtimes_error_explained(
    rt: Runtime, images: Images, engines: EngineKit
) -> None:
    profile = boxed_llama(rt, engines, images.plain)
    assert profile.container is not None
    profile.container.gpus = GpuAccess.RUNTIME  # the seed's --runtime=nvidia
    server = ServerProcess(profile)
    argv = server.launch_plan().argv
    ran = subprocess.run(argv, capture_output=True, text=True, timeout=60, check=False)
    assert ran.returncode == 125, ran.stderr
    found = containers.diagnose(ran.stderr)
    assert found is not None and found.code == "no-nvidia-runtime"
    assert not rt.exists(argv[argv.index("--name") + 1])
    if rt.name == "docker":
        # Debian's docker.io 20.10: "Unknown runtime specified nvidia"; Docker 23+:
        # "unknown or invalid runtime name: nvidia". Both read as the missing toolkit.
        assert "Unknown runtime specified nvidia" in ran.stderr
        assert found.message == "Docker has no NVIDIA runtime (--runtime=nvidia)"
        # Start asks the real daemon which runtimes it has, before any docker run.
        with pytest.raises(PreflightError) as err:
            server.start()
        [problem] = err.value.problems
        assert problem.code == "no-nvidia-runtime"
        assert "nvidia-ctk runtime configure" in problem.hint
    else:
        # Podman cannot list its runtimes beforehand: the run itself says it.
        assert 'default OCI runtime "nvidia" not found' in ran.stderr
        assert found.message == "Podman has no NVIDIA runtime (--runtime=nvidia)"
        server.start()
        outcome = server.wait(30)
        assert outcome is not None and outcome.crashed and outcome.exit_code == 125
        assert outcome.reason.startswith("Podman has no NVIDIA runtime")
        assert "nvidia-ctk cdi generate" in outcome.reason


def test_a_name_clash_gets_the_runtimes_message_explained(
    rt: Runtime, images: Images, engines: EngineKit, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken = f"inference-panel-taken-{SESSION}"
    # Not ours (no label), not even running: a name is taken all the same.
    made = rt.run("create", "--name", taken, images.own_entrypoint)
    assert made.returncode == 0, made.stderr
    monkeypatch.setattr(containers, "new_container_name", lambda _name: taken)
    server = ServerProcess(boxed_llama(rt, engines, images.plain))
    server.start()
    outcome = server.wait(30)
    assert outcome is not None and outcome.crashed and outcome.exit_code == 125
    said = "Conflict. The container name" if rt.name == "docker" else "the container name"
    assert any(said in line and "is already in use" in line for line in server.log.texts(40))
    assert outcome.reason.startswith("A container with this name already exists")
    assert f"rm -f {taken}" in outcome.reason
    assert server.state is ServerState.CRASHED
    assert rt.exists(taken), "the other container is left alone"


@pytest.mark.parametrize(
    ("entrypoint", "args", "code", "reason", "log"),
    [
        # The server itself fails: its own words, not the runtime's.
        ("/llama-server", ["--no-such-flag"], 1, "invalid argument: --no-such-flag", ""),
        # runc cannot exec the entrypoint: the runtime's exit codes 126 and 127.
        ("/lib", [], 126, "'/lib' in the image is not an executable program", "permission denied"),
        (
            "/usr/bin/llama-server",
            [],
            127,
            "The image has no program '/usr/bin/llama-server'",
            "no such file or directory",
        ),
    ],
    ids=["server-exits-1", "126-not-executable", "127-no-such-program"],
)
def test_exit_codes_are_explained_in_the_runtimes_words(
    rt: Runtime,
    images: Images,
    engines: EngineKit,
    entrypoint: str,
    args: list[str],
    code: int,
    reason: str,
    log: str,
) -> None:
    profile = boxed_llama(rt, engines, images.plain, entrypoint=entrypoint, args=args)
    server = ServerProcess(profile)
    server.start()
    outcome = server.wait(30)
    assert outcome is not None and outcome.crashed
    assert outcome.exit_code == code, server.log.texts(40)
    assert reason in outcome.reason
    if log:  # runc's own message, passed on by the runtime, is in the log
        assert any(log in line for line in server.log.texts(40))
    assert rt.ours() == [], "--rm: nothing is left"


def test_a_container_killed_by_a_signal_says_which(
    rt: Runtime, images: Images, engines: EngineKit
) -> None:
    server = ServerProcess(boxed_llama(rt, engines, images.plain))
    start_ready(server)
    assert server.gpu_root is not None
    os.kill(server.gpu_root, signal.SIGKILL)  # the OOM killer, inside the container
    outcome = server.wait(30)
    assert outcome is not None and outcome.crashed
    assert outcome.exit_code == 137  # the runtime's 128 + 9
    assert "killed by SIGKILL" in outcome.reason and "137" in outcome.reason


# -- leftovers: containers of ours that no panel follows --------------------------------------


@contextlib.contextmanager
def lost_container(profile: ServerProfile) -> Iterator[str]:
    """A container of ours left running by a panel killed with its guard and its run
    client (the OOM killer, ``kill -9`` of the session): nothing stops it any more."""
    with supervising_process(profile) as (driver, name):
        panel = psutil.Process(driver.pid)
        guards = panel.children()
        clients = [c for g in guards for c in g.children() if _is_run_client(c)]
        assert clients, "the guard's run client"
        chain = [panel, *guards, *clients]
        for process in chain:  # all at once: none may react to another's death
            process.suspend()
        for process in chain:
            process.kill()
        driver.wait(10)
        yield name


def _is_run_client(process: psutil.Process) -> bool:
    argv = process.cmdline()
    return argv[1:2] == ["run"] and Path(argv[0]).name in ("docker", "podman")


def test_a_lost_container_is_found_adopted_and_stopped(
    rt: Runtime, images: Images, engines: EngineKit
) -> None:
    profile = boxed_llama(rt, engines, images.plain)
    stranger = f"someone-else-{SESSION}"  # the same image, without the panel's label
    model = profile.model
    started = rt.run(
        "run", "-d", "--rm", "--name", stranger, "--net=host", "-v", f"{model}:{model}:ro",
        "--entrypoint", "/llama-server", images.plain,
        "--port", str(pick_free_port()), "-m", model, "-c", "512",
    )  # fmt: skip
    assert started.returncode == 0, started.stderr
    with lost_container(profile) as name:
        # Nothing follows it now: the guard that would have stopped it is gone too.
        assert rt.exists(name)
        spec = profile.container
        assert spec is not None
        found = [i for i in containers.find_leftovers([spec]) if i.name == name]
        assert [i.name for i in found] == [name]
        [info] = found
        assert info.profile_name == profile.name and info.port == profile.port
        assert not info.panel_alive()
        assert stranger not in [i.name for i in containers.find_leftovers([spec])]

        # The CLI lists it too (and never the stranger).
        listed = subprocess.run(
            [sys.executable, "-m", "panel", "containers", "--runtime", rt.spec],
            capture_output=True, text=True, cwd=ROOT, timeout=60,
        )  # fmt: skip
        assert listed.returncode == 0, listed.stderr
        assert name in listed.stdout and stranger not in listed.stdout

        server = ServerProcess(profile)
        server.adopt(info)
        assert server.wait_ready(30), server.log.texts(40)
        assert server.container_name == name
        texts = server.log.texts(600)
        assert any(f"adopted the running container {name}" in t for t in texts)
        assert any("listening on http" in t for t in texts), "its earlier log is shown"
        assert isinstance(chat(profile), str)
        outcome = server.stop_and_wait(30)
        assert outcome is not None and outcome.requested
        gone_after(rt, name, 15)
    assert rt.exists(stranger), "a container without the panel's label is never touched"


def test_an_adopted_container_that_ends_says_so_without_inventing_an_exit_code(
    rt: Runtime, images: Images, engines: EngineKit
) -> None:
    profile = boxed_llama(rt, engines, images.plain, name=f"视觉 模型 ({rt.name} {SESSION})")
    assert profile.container is not None
    with lost_container(profile) as name:
        [info] = [i for i in containers.find_leftovers([profile.container]) if i.name == name]
        assert info.profile_name == profile.name  # the label carries CJK intact
        server = ServerProcess(profile)
        server.adopt(info)
        assert server.wait_ready(30), server.log.texts(40)
        os.kill(info.pid, signal.SIGKILL)
        outcome = server.wait(30)
        assert outcome is not None and outcome.crashed
        # `logs -f` ends with 0 whatever happened, and --rm took the container's record.
        assert outcome.reason.startswith("the adopted container ended")
        assert server.state is ServerState.CRASHED
        gone_after(rt, name, 15)


def test_leftovers_are_shown_at_start_up_adopted_and_stopped_in_the_window(
    qtbot: QtBot, make_window: Window, rt: Runtime, images: Images, engines: EngineKit
) -> None:
    profile = boxed_llama(rt, engines, images.plain)
    other = boxed_llama(rt, engines, images.plain, name=f"elsewhere ({rt.name} {SESSION})")
    # The second one's panel still runs.
    with lost_container(profile) as lost, supervising_process(other) as (_panel, theirs):
        window = make_window([profile], leftover_check=None)  # the real ps + inspect
        qtbot.waitUntil(lambda: window.leftover_dialog is not None, timeout=30_000)
        dialog = window.leftover_dialog
        assert dialog is not None and dialog.isVisible()
        rows = {info.name: row for row, info in enumerate(dialog.leftovers)}
        assert {lost, theirs} <= set(rows)  # other sessions' may be there too
        by_name = {info.name: info for info in dialog.leftovers}
        started_by = dialog.table.item(rows[theirs], dialog.STARTED_BY).text()
        assert started_by.endswith("(still running)")
        assert "still running" not in dialog.table.item(rows[lost], dialog.STARTED_BY).text()
        assert not dialog.adopt_buttons[by_name[theirs].id].isEnabled()  # not a profile here

        dialog.stop_buttons[by_name[theirs].id].click()
        qtbot.waitUntil(lambda: dialog.status_of(by_name[theirs]) == "stopped", timeout=30_000)
        gone_after(rt, theirs, 15)

        dialog.adopt_buttons[by_name[lost].id].click()
        qtbot.waitUntil(lambda: window.model.rows()[0].state is ServerState.READY, timeout=30_000)
        server = window.hub.supervisor.get(profile.name)
        assert server is not None and server.container_name == lost
        qtbot.waitUntil(lambda: "listening on" in window.log_view.log_text(), timeout=10_000)
        window.act_stop.trigger()
        qtbot.waitUntil(lambda: window.model.rows()[0].state is ServerState.STOPPED, timeout=30_000)
        gone_after(rt, lost, 15)


# -- GPU attribution through the container's real cgroup --------------------------------------


def test_gpu_memory_of_the_containers_processes_belongs_to_its_profile(
    rt: Runtime, images: Images, engines: EngineKit
) -> None:
    profile = boxed_llama(rt, engines, images.plain)
    server = ServerProcess(profile)
    start_ready(server)
    host = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE
    )
    try:
        name, root, container_id = server.container_name, server.gpu_root, server.container_id
        assert root and container_id
        # A second process in the container, as `docker exec` starts it: a child of the
        # runtime's shim (conmon for podman), not of the server, so no process tree finds it.
        port = pick_free_port()
        execd = rt.run(
            "exec", "-d", name, "/llama-server", "-m", profile.model,
            "--port", str(port), "-c", "512", "-t", "1",
        )  # fmt: skip
        assert execd.returncode == 0, execd.stderr
        wait_until(lambda: _pid_with(f"--port {port}") is not None, 15, "the exec'd process")
        side = _pid_with(f"--port {port}")
        assert side is not None and side not in container_tree(root)
        # This kernel's own lines (cgroup v1 here: /docker/ID, /libpod_parent/libpod-ID);
        # rootless podman with cgroupfs makes no cgroup: the PID namespace finds it.
        lines = Path(f"/proc/{side}/cgroup").read_text()
        if rt.rootless:
            assert containers.container_id_of(side) is None, lines
        else:
            assert container_id in lines, lines
            assert containers.container_id_of(side) == container_id
        assert containers.container_id_of(host.pid) is None
        assert containers.pid_namespace_of(side) == containers.pid_namespace_of(root)
        assert containers.pid_namespace_of(host.pid) != containers.pid_namespace_of(root)

        gpu = FakeGpu(
            memory_total=80 * GiB,
            memory_used=8 * GiB,
            compute_processes=[
                FakeProcess(root, 3 * GiB),
                FakeProcess(side, 1 * GiB),
                FakeProcess(host.pid, 2 * GiB),
            ],
        )
        snapshot = Nvml(FakeNvml([gpu])).snapshot()
        attribution = ServerAttribution()  # real psutil ancestry, real /proc/PID/cgroup
        attribution.set_servers({profile.name: root, "on the host": host.pid})
        assert attribution(snapshot)[profile.name].total == 3 * GiB  # the tree alone
        attribution.set_servers(
            {profile.name: root, "on the host": host.pid}, {profile.name: container_id}
        )
        usage = attribution(snapshot)
        assert usage[profile.name].total == 4 * GiB
        assert usage[profile.name].pids == {root, side}
        assert usage["on the host"].total == 2 * GiB
    finally:
        assert host.stdin is not None
        host.stdin.close()
        host.wait(10)
        server.stop_and_wait(30)


def _pid_with(words: str) -> int | None:
    for process in psutil.process_iter(["cmdline"]):
        if words in " ".join(process.info["cmdline"] or ()):
            return int(process.pid)
    return None


# -- a real pull from a local registry ---------------------------------------------------------


@pytest.fixture(scope="session")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Registry]:
    found = start_registry(tmp_path_factory.mktemp("registry"))
    yield found
    stop_registry(found)


@pytest.fixture
def pushed(
    rt: Runtime,
    images: Images,
    registry: Registry,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[str]:
    """An image in the registry and not on this machine: the test image plus a layer of
    8 MB of random bytes (nothing to compress), unique to this test."""
    folder = rt.folder(f"push-{os.urandom(3).hex()}") or tmp_path
    if rt.name == "podman":
        # Podman wants TLS unless registries.conf says otherwise (docker trusts
        # 127.0.0.0/8 by default): a user with a local registry writes the same.
        conf = folder / "registries.conf"
        conf.write_text(f'[[registry]]\nlocation = "{registry.host}"\ninsecure = true\n')
        monkeypatch.setenv("CONTAINERS_REGISTRIES_CONF", str(conf))
    (folder / "payload.bin").write_bytes(os.urandom(8 * 1024 * 1024))
    (folder / "payload.bin").chmod(0o644)
    image = f"{registry.host}/inference-panel-test/pulled:{SESSION}-{os.urandom(3).hex()}"
    rt.build(image, folder, f"FROM {images.plain}\nCOPY payload.bin /payload.bin\n")
    registry.link.rate = None
    tls = ["--tls-verify=false"] if rt.name == "podman" else []
    pushed = rt.run("push", *tls, image, timeout=120)
    assert pushed.returncode == 0, pushed.stderr
    removed = rt.run("rmi", image)
    assert removed.returncode == 0, removed.stderr
    assert not rt.image_exists(image)
    yield image
    rt.run("rmi", "-f", image)  # pulled by the test, or not


def test_a_real_pull_shows_layers_and_bytes_then_the_image_runs(
    rt: Runtime, images: Images, engines: EngineKit, registry: Registry, pushed: str
) -> None:
    profile = boxed_llama(rt, engines, pushed)
    server = ServerProcess(profile)
    with pytest.raises(PreflightError) as err:
        server.start()
    assert [p.code for p in err.value.problems] == ["image-missing"]

    registry.link.rate = 4_000_000  # about 2 s for the new layer
    seen: list[PullProgress] = []
    started = time.monotonic()
    pull = ImagePull(rt.exe, pushed, on_progress=seen.append)
    pull.start()
    result = pull.wait(60)
    assert result is not None and result.ok, result
    took = time.monotonic() - started
    # On a terminal the runtime prints bytes: the progress bar moves through them.
    halfway = [p for p in seen if p.bytes_total and 0 < (p.bytes_done or 0) < p.bytes_total]
    assert halfway, seen[-5:]
    assert max(p.bytes_total or 0 for p in seen) >= 8_000_000
    assert seen[-1].layers_total >= 1 and seen[-1].layers_done == seen[-1].layers_total
    assert rt.image_exists(pushed)
    print(f"\n[real {rt.label}] pulled in {took:.2f} s, {len(seen)} progress updates")
    start_ready(server)
    server.stop_and_wait(30)


def test_a_real_pull_can_be_cancelled_and_leaves_no_image(
    rt: Runtime, registry: Registry, pushed: str
) -> None:
    registry.link.rate = 500_000  # the 8 MB layer would take 16 s
    before = registry.link.relayed
    seen: list[PullProgress] = []
    pull = ImagePull(rt.exe, pushed, on_progress=seen.append)
    pull.start()
    wait_until(lambda: any(p.bytes_done for p in seen), timeout=30, what="bytes arriving")
    pull.cancel()
    result = pull.wait(15)
    assert result is not None and result.cancelled and not result.ok
    # The download itself stops (the daemon's, for docker), not only the client.
    wait_until(lambda: registry.link.quiet_for(1.0), timeout=15, what="the download stops")
    assert registry.link.relayed - before < 8_000_000
    assert not rt.image_exists(pushed)


def test_serve_pulls_a_missing_image_then_runs_and_stops_on_ctrl_c(
    rt: Runtime,
    engines: EngineKit,
    registry: Registry,
    pushed: str,
    tmp_path: Path,
) -> None:
    from panel.core.config.store import Config, ConfigStore

    registry.link.rate = None
    profile = boxed_llama(rt, engines, pushed)
    config = tmp_path / "config.toml"
    ConfigStore(config).save(Config(profiles=[profile]))
    serve = serve_until_ready(config, profile.name, stderr=subprocess.PIPE)
    try:
        [name] = rt.ours()
        serve.send_signal(signal.SIGINT)
        assert serve.wait(30) == 0
        gone_after(rt, name, 15)
    finally:
        if serve.poll() is None:
            serve.kill()
            serve.wait()
    assert serve.stderr is not None and serve.stdout is not None
    err = serve.stderr.read()
    serve.stderr.close()
    serve.stdout.close()
    assert f"[panel] pulling {pushed}" in err and f"[panel] pulled {pushed}" in err
