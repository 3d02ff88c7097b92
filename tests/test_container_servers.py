"""Container profiles end to end: the real llama-server, run by a docker stand-in.

The stand-in (tests/fakes/fake_docker.py) is a client/daemon pair: the "container" is a
child of the daemon, not of the `docker run` client, so killing the client leaves it
running, exactly the trap the panel must not fall into.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from panel.core.config.profiles import ContainerSpec, GpuAccess, ServerProfile
from panel.core.servers import containers
from panel.core.servers.containers import ContainerRuntime
from panel.core.servers.image_pull import ImagePull, PullProgress
from panel.core.servers.preflight import PreflightError
from panel.core.servers.server_state import ServerState
from panel.core.servers.supervisor import ServerProcess
from tests.conftest import (
    ROOT,
    DockerEngine,
    EngineKit,
    llama_profile,
    pids_alive,
    supervising_process,
    wait_until,
)

pytestmark = pytest.mark.engines

IMAGE = "local/llama.cpp:test"


def container_llama(engines: EngineKit, **kw: object) -> ServerProfile:
    """The tiny llama in a "container": the image's entrypoint is the real llama-server."""
    models = str(Path(engines.model("tiny-llama.gguf")).parent)
    spec = ContainerSpec(
        image=IMAGE,
        entrypoint=engines.llama_server,
        gpus=GpuAccess.NONE,
        mounts=[f"{models}:{models}:ro"],
    )
    base: dict[str, object] = {"name": "tiny llama (container)", "container": spec}
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


def ready_container(
    docker_engine: DockerEngine, engines: EngineKit, **kw: object
) -> tuple[ServerProcess, dict[str, Any]]:
    """The tiny llama started in a container and ready; the container's record."""
    docker_engine.daemon.add_image(IMAGE)
    server = ServerProcess(container_llama(engines, **kw))
    start_ready(server)
    [box] = docker_engine.running()
    return server, box


def start_ready(server: ServerProcess) -> None:
    server.start()
    if not server.wait_ready(60):
        pytest.fail(f"not ready: {server.log.texts(40)}")


@pytest.mark.parametrize("runtime_name", ["", "podman"])
def test_a_container_profile_runs_streams_its_log_and_stops_the_container(
    docker_engine: DockerEngine, engines: EngineKit, runtime_name: str
) -> None:
    docker_engine.daemon.add_image(IMAGE)
    profile = container_llama(engines)
    assert profile.container is not None
    profile.container.runtime = runtime_name
    server = ServerProcess(profile)
    start_ready(server)
    assert Path(server.launch_plan().argv[0]).name == (runtime_name or "docker")
    try:
        [box] = docker_engine.running()
        assert box["name"] == server.container_name
        assert box["labels"][containers.LABEL_MANAGED] == "true"
        assert box["labels"][containers.LABEL_PROFILE] == "tiny llama (container)"
        texts = server.log.texts(400)
        assert any(t.startswith("$ ") and " run --rm --name inference-panel-" in t for t in texts)
        assert any("listening on http" in t for t in texts), "the server's own log streams"
        # GPU attribution follows the container's process, not the docker client.
        assert server.gpu_root == box["pid"]
        assert box["pid"] in server.server_pids()
        assert server.container_id == box["id"]
    finally:
        outcome = server.stop_and_wait(30)
    assert outcome is not None and outcome.requested and outcome.reason == "stopped"
    assert docker_engine.running() == []
    assert not pids_alive([int(box["pid"])])
    assert any("stopping the container" in t and " stop -t 5 " in t for t in server.log.texts(50))


def test_killing_the_client_does_not_leave_the_container_running(
    docker_engine: DockerEngine, engines: EngineKit
) -> None:
    server, box = ready_container(docker_engine, engines)
    guard_pid = server.pid
    assert guard_pid is not None
    client = next(p for p in server.server_pids() if p != box["pid"])
    os.kill(client, signal.SIGKILL)  # what a naive "stop" would do
    outcome = server.wait(30)
    assert outcome is not None and outcome.crashed
    # The guard noticed its client died and stopped the container itself.
    wait_until(lambda: docker_engine.running() == [], timeout=15, what="container stopped")
    assert not pids_alive([int(box["pid"])])


def test_a_sigkilled_panel_stops_its_containers(
    docker_engine: DockerEngine, engines: EngineKit
) -> None:
    docker_engine.daemon.add_image(IMAGE)
    profile = container_llama(engines, stop_grace=2.0)
    with supervising_process(profile) as (driver, name):
        [box] = docker_engine.running()
        assert box["name"] == name
        killed_at = time.monotonic()
        os.kill(driver.pid, signal.SIGKILL)
        driver.wait(10)
        wait_until(lambda: docker_engine.running() == [], timeout=15, what="container stopped")
        print(f"container gone {time.monotonic() - killed_at:.3f} s after SIGKILL")
        assert not pids_alive([int(box["pid"])])


def test_kill_kills_the_container_at_once(docker_engine: DockerEngine, engines: EngineKit) -> None:
    docker_engine.daemon.add_image(IMAGE)
    server = ServerProcess(container_llama(engines, stop_grace=30.0))
    start_ready(server)
    server.kill()
    outcome = server.wait(15)
    assert outcome is not None
    wait_until(lambda: docker_engine.running() == [], timeout=10, what="container killed")


def test_a_missing_image_is_found_before_start_and_pulled_with_progress(
    docker_engine: DockerEngine, engines: EngineKit
) -> None:
    server = ServerProcess(container_llama(engines))
    with pytest.raises(PreflightError) as err:
        server.start()
    assert [p.code for p in err.value.problems] == ["image-missing"]
    assert f"The image {IMAGE} is not on this machine" in str(err.value)

    seen: list[PullProgress] = []
    pull = ImagePull(runtime().executable, IMAGE, on_progress=seen.append)
    pull.start()
    result = pull.wait(30)
    assert result is not None and result.ok, result
    # On a terminal docker prints bytes: the panel's progress bar can show them.
    assert any(p.bytes_total and 0 < (p.bytes_done or 0) < p.bytes_total for p in seen)
    assert seen[-1].layers_done == seen[-1].layers_total == 3
    assert f"docker.io/{IMAGE}" in docker_engine.daemon.images()
    start_ready(server)
    server.stop_and_wait(30)


def test_a_pull_can_be_cancelled_and_leaves_no_image(
    docker_engine: DockerEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_DOCKER_PULL_SECONDS", "30")
    started: list[PullProgress] = []
    pull = ImagePull(
        runtime().executable, "nvcr.io/nvidia/vllm:25.09-py3", on_progress=started.append
    )
    pull.start()
    wait_until(lambda: any(p.bytes_done for p in started), timeout=15, what="bytes arriving")
    pull.cancel()
    result = pull.wait(15)
    assert result is not None and result.cancelled and not result.ok
    # The daemon gives up when it next finds the client gone; the image never lands.
    log = docker_engine.daemon.state_dir / "daemon.log"
    wait_until(lambda: b"aborted: client went away" in log.read_bytes(), 15, "pull aborted")
    assert "nvcr.io/nvidia/vllm:25.09-py3" not in docker_engine.daemon.images()


def test_a_refused_pull_says_why(docker_engine: DockerEngine) -> None:
    pull = ImagePull(runtime().executable, "example.com/doesnotexist:1")
    pull.start()
    result = pull.wait(15)
    assert result is not None and not result.ok and not result.cancelled
    assert result.message == "The registry refused the image"
    assert "docker login" in result.hint


def test_no_nvidia_runtime_is_caught_before_start(
    docker_engine: DockerEngine, engines: EngineKit
) -> None:
    docker_engine.daemon.add_image(IMAGE)
    profile = container_llama(engines)
    assert profile.container is not None
    profile.container.gpus = GpuAccess.RUNTIME  # the seed's --runtime=nvidia
    with pytest.raises(PreflightError) as err:
        ServerProcess(profile).start()
    [problem] = err.value.problems
    assert problem.code == "no-nvidia-runtime"
    assert "nvidia-ctk runtime configure" in problem.hint


def test_a_daemon_that_is_down_gets_the_fix(
    docker_engine: DockerEngine, engines: EngineKit
) -> None:
    docker_engine.daemon.stop()
    with pytest.raises(PreflightError) as err:
        ServerProcess(container_llama(engines)).start()
    [problem] = err.value.problems
    assert (problem.code, problem.message) == ("daemon-down", "The Docker daemon is not running")
    assert "sudo systemctl start docker" in problem.hint


def test_socket_permission_gets_the_docker_group_fix(
    docker_engine: DockerEngine, engines: EngineKit, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_DOCKER_DENY", "1")
    with pytest.raises(PreflightError) as err:
        ServerProcess(container_llama(engines)).start()
    [problem] = err.value.problems
    assert problem.code == "socket-permission"
    assert "usermod -aG docker" in problem.hint


def test_a_name_clash_is_explained_from_docker_run_exit_125(
    docker_engine: DockerEngine, engines: EngineKit, monkeypatch: pytest.MonkeyPatch
) -> None:
    docker_engine.daemon.add_image(IMAGE)
    subprocess.run(
        ["docker", "run", "-d", "--name", "taken", IMAGE, "sleep", "60"],
        check=True,
        capture_output=True,
    )
    monkeypatch.setattr(containers, "new_container_name", lambda name: "taken")
    server = ServerProcess(container_llama(engines))
    server.start()
    outcome = server.wait(30)
    assert outcome is not None and outcome.crashed
    assert outcome.exit_code == 125
    assert outcome.reason.startswith("A container with this name already exists")
    assert server.state is ServerState.CRASHED


def test_a_container_that_dies_by_a_signal_says_which(
    docker_engine: DockerEngine, engines: EngineKit
) -> None:
    server, box = ready_container(docker_engine, engines)
    os.kill(int(box["pid"]), signal.SIGKILL)  # the OOM killer
    outcome = server.wait(30)
    assert outcome is not None and outcome.crashed
    assert outcome.exit_code == 137
    assert "killed by SIGKILL" in outcome.reason and "137" in outcome.reason


def test_leftover_containers_are_found_adopted_and_stopped(
    docker_engine: DockerEngine, engines: EngineKit
) -> None:
    docker_engine.daemon.add_image(IMAGE)
    profile = container_llama(engines)
    run_detached(profile)  # as after a machine-wide kill of the panel and its guard
    [found] = runtime().list_managed()
    assert found.profile_name == profile.name and found.port == profile.port
    assert found.panel_pid == os.getpid()

    server = ServerProcess(profile)
    server.adopt(found)
    assert server.wait_ready(30), server.log.texts(40)
    assert server.container_name == found.name
    texts = server.log.texts(600)
    assert any(f"adopted the running container {found.name}" in t for t in texts)
    assert any("listening on http" in t for t in texts), "the earlier log is shown"
    outcome = server.stop_and_wait(30)
    assert outcome is not None and outcome.requested
    assert docker_engine.running() == []


def test_containers_command_lists_and_stops_them(
    docker_engine: DockerEngine, engines: EngineKit
) -> None:
    docker_engine.daemon.add_image(IMAGE)
    run_detached(container_llama(engines))
    done = subprocess.run(
        [sys.executable, "-m", "panel", "containers", "--stop"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "profile 'tiny llama (container)'" in done.stdout
    assert "stopped inference-panel-tiny-llama-container-" in done.stdout
    assert docker_engine.running() == []


def test_serve_pulls_a_missing_image_then_runs(
    docker_engine: DockerEngine, engines: EngineKit, tmp_path: Path
) -> None:
    from panel.core.config.store import Config, ConfigStore

    config = tmp_path / "config.toml"
    ConfigStore(config).save(Config(profiles=[container_llama(engines)]))
    proc = subprocess.Popen(
        [sys.executable, "-m", "panel", "--config", str(config), "serve", "tiny llama (container)"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("[panel] READY"):
                break
        else:
            pytest.fail("serve ended before READY")
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
    assert f"[panel] pulling {IMAGE}" in err and f"[panel] pulled {IMAGE}" in err
    assert docker_engine.running() == []


def test_an_adopted_container_that_ends_says_so_without_inventing_an_exit_code(
    docker_engine: DockerEngine, engines: EngineKit
) -> None:
    docker_engine.daemon.add_image(IMAGE)
    profile = container_llama(engines, name="视觉 模型")  # labels carry CJK names intact
    run_detached(profile)
    [found] = runtime().list_managed()
    assert found.profile_name == "视觉 模型"
    server = ServerProcess(profile)
    server.adopt(found)
    assert server.wait_ready(30), server.log.texts(40)
    os.kill(found.pid, signal.SIGKILL)
    outcome = server.wait(30)
    assert outcome is not None and outcome.crashed
    assert outcome.reason.startswith("the adopted container ended")
    assert server.state is ServerState.CRASHED


def test_the_seeds_vllm_profile_runs_in_its_container_with_the_key_passed_by_name(
    docker_engine: DockerEngine, vllm_exe: str, tmp_path: Path
) -> None:
    """The seed's Qwen2.5-VL profile as shipped, run by the vLLM stand-in inside the
    NGC image; the API key reaches vLLM through `-e VLLM_API_KEY` only."""
    import httpx

    from panel.core.chat.client import ChatClient
    from panel.core.config.defaults import default_profiles
    from panel.core.servers.ports import pick_free_port

    seed = next(p for p in default_profiles() if p.name.startswith("Qwen2.5-VL"))
    assert seed.container is not None
    # As shipped, but with no GPU (the stand-in has no NVIDIA runtime), and a media folder
    # that exists on the host: the stand-in's "containers" see the host, not their mounts.
    media = str(tmp_path)
    profile = seed.copy(
        port=pick_free_port(),
        api_key_ref="env:QWEN_KEY",
        ready_timeout=60.0,
        args=[media if arg == "/models" else arg for arg in seed.args],
    )
    assert profile.container is not None
    profile.container.gpus = GpuAccess.NONE
    profile.container.mounts = [f"{media}:{media}", *profile.container.mounts[1:]]
    docker_engine.daemon.add_image(
        "nvcr.io/nvidia/vllm:25.09-py3", env=[f"PATH={Path(vllm_exe).parent}:/usr/bin:/bin"]
    )
    server = ServerProcess(profile, environ={**os.environ, "QWEN_KEY": "s3cret-key"})
    start_ready(server)
    try:
        [box] = docker_engine.running()
        assert box["cmd"][:3] == ["vllm", "serve", "Qwen/Qwen2.5-VL-7B-Instruct-AWQ"]
        assert "s3cret-key" not in " ".join(server.launch_plan().argv)
        assert "VLLM_API_KEY=s3cret-key" in box["env"]  # copied in by `-e VLLM_API_KEY`
        with ChatClient(profile.base_url, api_key="s3cret-key") as client:
            assert client.models() == ["qwen3"]
        refused = httpx.get(f"{profile.base_url}/v1/models", timeout=10)
        assert refused.status_code == 401
    finally:
        server.stop_and_wait(30)
    assert docker_engine.running() == []
