"""Container profiles end to end: the real llama-server in a real Docker engine.

What tests/test_real_docker.py shows for docker and podman (run, stop, the SIGKILLs, Kill,
name clash, exit codes, leftovers, pulls, GPU attribution) is not repeated here; this file
keeps the rest: a daemon that is down, the CLI's ``containers --stop`` and ``serve``
pulling first, and an adopted container that ends. ``docker_engine`` (tests/conftest.py)
is the real daemon, seen through the helpers those tests share (tests/real_runtime.py).

One thing no real engine shows here: a user who may not use the daemon's socket (these
tests run as root, whom no socket refuses). A ``docker`` script answers with the real
client's words for that one.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from panel.core.config.profiles import ContainerSpec, GpuAccess, Network, ServerProfile
from panel.core.servers import containers
from panel.core.servers.containers import ContainerRuntime
from panel.core.servers.preflight import PreflightError
from panel.core.servers.server_state import ServerState
from panel.core.servers.supervisor import ServerProcess
from tests.conftest import ROOT, DockerEngine, EngineKit, llama_profile, serve_until_ready
from tests.real_runtime import SESSION, Registry, start_registry, stop_registry

pytestmark = [pytest.mark.engines, pytest.mark.real_docker]

# This session's own name for the test image (``docker_engine.add_image`` tags it).
IMAGE = f"inference-panel-test/llama-local:{SESSION}"


def container_llama(engines: EngineKit, **kw: object) -> ServerProfile:
    """The tiny llama in a real container: the image holds /llama-server and its libs."""
    models = str(Path(engines.model("tiny-llama.gguf")).parent)
    spec = ContainerSpec(
        image=IMAGE,
        entrypoint="/llama-server",
        gpus=GpuAccess.NONE,
        network=Network.HOST,
        ipc_host=False,
        mounts=[f"{models}:{models}:ro"],
    )
    # SESSION in the name: docker_engine.running() and its clean-up see only this run's.
    base: dict[str, object] = {"name": f"tiny llama (container {SESSION})", "container": spec}
    base.update(kw)
    return llama_profile(engines, **base)


def run_detached(profile: ServerProfile, panel_pid: int | None = None) -> None:
    """Start the profile's container as a panel would, but detached and unsupervised:
    a container of ours that outlived its panel and guard. ``panel_pid`` relabels it."""
    argv = list(ServerProcess(profile).launch_plan().argv)
    argv.insert(argv.index("--rm") + 1, "-d")
    if panel_pid is not None:
        label = containers.LABEL_PANEL_PID + "="
        argv = [label + str(panel_pid) if w.startswith(label) else w for w in argv]
    subprocess.run(argv, check=True, capture_output=True)


def runtime() -> ContainerRuntime:
    exe = containers.resolve_runtime(ContainerSpec())
    assert exe is not None
    return ContainerRuntime(exe)


def test_a_daemon_that_is_down_gets_the_fix(
    docker_engine: DockerEngine, engines: EngineKit
) -> None:
    docker_engine.stop_daemon()
    with pytest.raises(PreflightError) as err:
        ServerProcess(container_llama(engines)).start()
    [problem] = err.value.problems
    assert (problem.code, problem.message) == ("daemon-down", "The Docker daemon is not running")
    assert "sudo systemctl start docker" in problem.hint


# Docker 20.10's client, run by a user outside the docker group (as root, never seen).
PERMISSION_DENIED = (
    "Got permission denied while trying to connect to the Docker daemon socket at "
    'unix:///var/run/docker.sock: Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.24/version": '
    "dial unix /var/run/docker.sock: connect: permission denied"
)


def test_socket_permission_gets_the_docker_group_fix(
    engines: EngineKit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docker = tmp_path / "bin" / "docker"
    docker.parent.mkdir()
    docker.write_text(f"#!/bin/sh\necho '{PERMISSION_DENIED}' >&2\nexit 1\n")
    docker.chmod(docker.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{docker.parent}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(PreflightError) as err:
        ServerProcess(container_llama(engines)).start()
    [problem] = err.value.problems
    assert problem.code == "socket-permission"
    assert "usermod -aG docker" in problem.hint


def test_containers_command_lists_and_stops_them(
    docker_engine: DockerEngine, engines: EngineKit, tmp_path: Path
) -> None:
    docker_engine.add_image(IMAGE)
    profile = container_llama(engines)
    run_detached(profile, panel_pid=999_999_999)  # its panel is gone
    [box] = docker_engine.running()
    # And one of a panel that still runs (this test's process): --stop leaves it alone.
    alive = container_llama(engines, name=f"live panel ({SESSION})")
    run_detached(alive)
    [live] = [b for b in docker_engine.running() if b["name"] != box["name"]]
    # `--stop` stops every container of every panel on the daemon, and other test runs
    # share this one: the real client, its `ps` narrowed to this run's containers.
    shim = tmp_path / "bin" / "docker"
    shim.parent.mkdir()
    shim.write_text(
        f'#!/bin/sh\nif [ "$1" = ps ]; then shift; '
        f'exec {docker_engine.runtime.exe} ps --filter name={SESSION} "$@"; fi\n'
        f'exec {docker_engine.runtime.exe} "$@"\n'
    )
    shim.chmod(0o755)
    done = subprocess.run(
        [sys.executable, "-m", "panel", "containers", "--stop"],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
        env={**os.environ, "PATH": f"{shim.parent}{os.pathsep}{os.environ['PATH']}"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"profile '{profile.name}'" in done.stdout
    assert f"stopped {box['name']}" in done.stdout
    assert f"left running: its panel (pid {os.getpid()}) is still running" in done.stdout
    assert [b["name"] for b in docker_engine.running()] == [live["name"]]


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Registry]:
    found = start_registry(tmp_path_factory.mktemp("registry"))
    yield found
    stop_registry(found)


def test_serve_pulls_a_missing_image_then_runs(
    docker_engine: DockerEngine, engines: EngineKit, registry: Registry, tmp_path: Path
) -> None:
    from panel.core.config.store import Config, ConfigStore

    image = docker_engine.push_test_image(registry.host)  # in the registry, not here
    profile = container_llama(engines)
    assert profile.container is not None
    profile.container.image = image
    config = tmp_path / "config.toml"
    ConfigStore(config).save(Config(profiles=[profile]))
    proc = serve_until_ready(config, profile.name, stderr=subprocess.PIPE)
    try:
        assert len(docker_engine.running()) == 1
        proc.send_signal(signal.SIGINT)
        assert proc.wait(30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.stderr is not None and proc.stdout is not None
    err = proc.stderr.read()
    proc.stderr.close()
    proc.stdout.close()
    assert f"[panel] pulling {image}" in err and f"[panel] pulled {image}" in err
    assert docker_engine.running() == []


def test_an_adopted_container_that_ends_says_so_without_inventing_an_exit_code(
    docker_engine: DockerEngine, engines: EngineKit
) -> None:
    docker_engine.add_image(IMAGE)
    name = f"视觉 模型 {SESSION}"  # labels carry CJK names intact
    profile = container_llama(engines, name=name)
    run_detached(profile)
    [found] = [i for i in runtime().list_managed() if i.profile_name == name]
    server = ServerProcess(profile)
    server.adopt(found)
    assert server.wait_ready(30), server.log.texts(40)
    os.kill(found.pid, signal.SIGKILL)  # the OOM killer, inside the container
    outcome = server.wait(30)
    assert outcome is not None and outcome.crashed
    assert outcome.reason.startswith("the adopted container ended")
    assert server.state is ServerState.CRASHED
