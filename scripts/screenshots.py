"""Take the screenshots in docs/screenshots/ from a real window on a real X server.

usage: xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python scripts/screenshots.py [OUT_DIR]
       ... scripts/screenshots.py --lang zh_CN [OUT_DIR]   # every tab in Chinese, to
       docs/screenshots/zh_CN/ (engines from $PANEL_TEST_ENGINES, else the setup script)

Runs the real test engines (resources/engines/setup_test_engines.sh) as demo servers. This
machine has no GPU, so the GPU tab is shown twice: as it really is here ("No NVIDIA GPU
detected") and fed by the simulated NVML of tests/fakes (file name says "simulated").
"""

from __future__ import annotations

import faulthandler
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "xcb")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtGui import QColor, QImage  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from panel.core.config.profiles import (  # noqa: E402
    ContainerSpec,
    Engine,
    GpuAccess,
    Role,
    ServerProfile,
)
from panel.core.config.store import Config, ConfigStore  # noqa: E402
from panel.core.gpu.nvml import Nvml  # noqa: E402
from panel.core.gpu.sampler import GpuSampler  # noqa: E402
from panel.core.servers import containers  # noqa: E402
from panel.core.servers.ports import pick_free_port  # noqa: E402
from panel.core.servers.supervisor import ServerProcess  # noqa: E402
from panel.ui.app import app_icon  # noqa: E402
from panel.ui.window.main_window import MainWindow  # noqa: E402
from panel.ui.window.server_hub import ServerHub  # noqa: E402
from tests.fakes.fake_nvml import FakeGpu, FakeNvml, FakeProcess, GiB  # noqa: E402

LLAMA_IMAGE = "ghcr.io/ggml-org/llama.cpp:server"


def without_router(store: ConfigStore) -> Config:
    """The config for a second window beside the main one: one router (port 8090) is the
    main window's; a second would say in its status bar that the port is taken."""
    config = store.load()
    config.router.enabled = False
    return config


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_for(condition: Callable[[], bool], ms: int) -> None:
    """Run the event loop until ``condition`` holds; fail after ``ms``."""
    deadline = time.monotonic() + ms / 1000
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"screenshots: gave up waiting after {ms} ms")
        wait(50)


def shoot(widget: QWidget, path: Path) -> None:
    screen = widget.screen()
    pixmap = screen.grabWindow(widget.winId()) if screen else widget.grab()
    pixmap.save(str(path))
    print("wrote", path)


def demo_profiles(root: Path) -> list[ServerProfile]:
    m = root / "models"
    llama, whisper = str(root / "bin/llama-server"), str(root / "bin/whisper-server")
    return [
        ServerProfile("SmolLM2 chat", Engine.LLAMA_CPP, executable=llama,
                      model=str(m / "SmolLM2-135M-Instruct.Q4_1.gguf"), port=pick_free_port(),
                      args=["-c", "2048", "-t", "2", "--jinja"]),
        ServerProfile("视觉 tiny vision", Engine.LLAMA_CPP, executable=llama,
                      model=str(m / "tiny-llama.gguf"), port=pick_free_port(), role=Role.VISION,
                      args=["--mmproj", str(m / "tiny-mmproj.gguf"), "-c", "512"]),
        ServerProfile("whisper tiny.en", Engine.WHISPER_CPP, executable=whisper,
                      model=str(m / "ggml-tiny.en.bin"), port=pick_free_port(), role=Role.TRANSCRIPTION,
                      args=["-t", "2", "--language", "en"]),
        ServerProfile("Qwen2.5-VL-7B AWQ (vLLM)", Engine.VLLM,
                      model="Qwen/Qwen2.5-VL-7B-Instruct-AWQ", port=pick_free_port(), role=Role.VISION,
                      args=["--served-model-name", "qwen3", "--gpu-memory-utilization", "0.6",
                            "--max-model-len", "16384", "--allowed-local-media-path", "/models"],
                      container=ContainerSpec()),
        # In the real Docker engine: the test image (llama-server FROM scratch) tagged as
        # llama.cpp's, so the run line reads as a user's would.
        ServerProfile("SmolLM2 (docker)", Engine.LLAMA_CPP,
                      model=str(m / "SmolLM2-135M-Instruct.Q4_1.gguf"), port=pick_free_port(),
                      args=["-c", "2048", "-t", "2", "--jinja"],
                      container=ContainerSpec(image=LLAMA_IMAGE, entrypoint="/llama-server",
                                              gpus=GpuAccess.NONE, mounts=[f"{m}:{m}:ro"])),
    ]  # fmt: skip


class RealDocker:
    """The real Docker engine (as scripts/test.sh starts it, PANEL_REAL_DOCKER=1): the test
    llama image tagged as llama.cpp's, and a local registry with an image to pull slowly
    enough to photograph. ``stop`` removes the tag, the image and the registry."""

    def __init__(self, engines: Path) -> None:
        import tempfile

        from tests.conftest import EngineKit
        from tests.real_runtime import build_images, find_runtime, start_registry

        os.environ.setdefault("PANEL_REAL_DOCKER", "1")
        found = find_runtime("docker")
        if isinstance(found, str):
            raise SystemExit(found)
        self.runtime = found
        work = Path(tempfile.mkdtemp(prefix="shots-docker-"))
        (work / "image").mkdir()
        plain = build_images(found, EngineKit(engines), work / "image").plain
        assert found.run("tag", plain, LLAMA_IMAGE).returncode == 0
        (work / "registry").mkdir()
        self.registry = start_registry(work / "registry")
        (work / "layer").mkdir()
        (work / "layer" / "weights.bin").write_bytes(os.urandom(64 * 1024 * 1024))
        self.pullable = f"{self.registry.host}/nvidia/vllm:25.09-py3"
        found.build(self.pullable, work / "layer", f"FROM {plain}\nCOPY weights.bin /\n")
        assert found.run("push", self.pullable, timeout=300).returncode == 0
        found.run("rmi", self.pullable)
        self.registry.link.rate = 1_500_000  # the 64 MB layer takes about 45 s

    def stop(self) -> None:
        from tests.real_runtime import stop_registry

        self.runtime.run("rmi", LLAMA_IMAGE, self.pullable)
        stop_registry(self.registry)


SIZES = ((1024, 700), (1366, 768), (1920, 1080))


def shoot_sizes(window: MainWindow, out: Path) -> None:
    """Every tab at the three sizes the layout must hold (a small laptop, a common one, FHD)."""
    out.mkdir(parents=True, exist_ok=True)
    tabs = {
        "log": window.show_log,
        "chat": window.show_chat,
        "transcription": window.show_transcribe,
        "gpu": window.show_gpu,
        "models": window.show_models,
    }
    for width, height in SIZES:
        window.showNormal()
        window.resize(width, height)
        for name, show in tabs.items():
            show()
            wait(500)
            shoot(window, out / f"{width}x{height}-{name}.png")
    window.resize(1280, 780)


def shoot_router(window: MainWindow, model: str, path: Path) -> None:
    """The Router tab after one request through the router, as curl would send it."""
    import httpx

    tab = window.lazy_tabs.get("router")
    window.tabs.setCurrentWidget(tab)
    runner = tab.runner  # type: ignore[attr-defined]
    wait_for(lambda: runner.running and not runner.busy, 20_000)
    body = {"model": model, "messages": [{"role": "user", "content": "你好"}], "max_tokens": 16}
    done: list[int] = []
    address = runner.router.address
    threading.Thread(
        target=lambda: done.append(
            httpx.post(address + "/v1/chat/completions", json=body, timeout=60).status_code
        ),
        daemon=True,
    ).start()
    wait_for(lambda: bool(done), 60_000)
    wait(800)
    shoot(window, path)


def shoot_vision_chat(window: MainWindow, picture: Path, out: Path) -> None:
    """The vision profile asked about a picture (written to ``picture``), shot once it has
    answered (or after 20 s) as vision-chat.png."""
    window.show_chat()
    chat = window.chat_tab
    chat.target_combo.setCurrentIndex(
        next(i for i, p in enumerate(chat.server_box.targets()) if p.name == "视觉 tiny vision")
    )
    image = QImage(320, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("#3b6fd8"))
    image.save(str(picture))
    chat.add_sources([picture])
    wait(800)
    chat.prompt.setPlainText("解释图像")
    chat.send()
    loop = QEventLoop()
    chat.answer_finished.connect(loop.quit)
    QTimer.singleShot(20_000, loop.quit)
    loop.exec()
    wait(500)
    shoot(window, out / "vision-chat.png")


def shoot_first_run(out: Path, config_dir: Path) -> None:
    """The window on a config with nothing that can start here: the first steps page."""
    store = ConfigStore(config_dir / "first-run" / "config.toml")
    window = MainWindow(store, config=store.load(), sampler=GpuSampler(Nvml()))
    window.resize(1280, 780)
    window.show()
    wait(800)
    shoot(window, out / "first-run.png")
    window._quitting = True
    window.close()


def shoot_thor(store: ConfigStore, hub: ServerHub, out: Path) -> None:
    """Jetson Thor as the fake NVML answers for it (FakeGpu.thor: compute capability 11.0,
    memory NOT_SUPPORTED): the card shows the shared RAM, a server's share is its RSS."""
    ram = SimpleNamespace(total=128 * GiB, available=100 * GiB)
    thor = FakeNvml([FakeGpu.thor(utilization_gpu=30)])
    nvml = Nvml(thor, virtual_memory=lambda: ram, load_file=None)
    window = MainWindow(
        store, config=without_router(store), hub=hub, sampler=GpuSampler(nvml, interval=0.25)
    )
    window.resize(1280, 780)
    window.show()
    window.show_gpu()
    for step in range(24):  # a little history for the graphs
        ram.available = (100 - min(step, 12) * 1.5) * GiB
        thor.gpus[0].utilization_gpu = 20 + (step * 7) % 60
        wait(250)
    shoot(window, out / "gpu-thor-simulated.png")
    window.hide()


def thor_only(out: Path) -> None:
    """`screenshots.py --thor [OUT_DIR]`: the Thor shot alone, with SmolLM2 running."""
    out.mkdir(parents=True, exist_ok=True)
    engines = subprocess.run(["bash", str(ROOT / "resources/engines/setup_test_engines.sh")],
                             capture_output=True, text=True, check=True).stdout.split()[-1]  # fmt: skip
    config_dir = Path(os.environ.get("TMPDIR", "/tmp")) / "panel-screenshots-thor"
    shutil.rmtree(config_dir, ignore_errors=True)
    os.environ["XDG_CONFIG_HOME"] = str(config_dir)
    os.environ["XDG_DATA_HOME"] = str(config_dir / "data")
    store = ConfigStore(config_dir / "config.toml")
    store.save(Config(profiles=demo_profiles(Path(engines))[:1]), force=True)
    app = QApplication(sys.argv)
    app.setWindowIcon(app_icon())
    real = MainWindow(store, config=without_router(store), sampler=GpuSampler(Nvml(FakeNvml([]))))
    real.select("SmolLM2 chat")
    real.start_selected()
    for server in real.hub.running():
        server.wait_ready(30)
    shoot_thor(store, real.hub, out)
    real.hub.supervisor.stop_all(15)


def engines_dir() -> Path:
    if os.environ.get("PANEL_TEST_ENGINES"):
        return Path(os.environ["PANEL_TEST_ENGINES"])
    engines = subprocess.run(["bash", str(ROOT / "resources/engines/setup_test_engines.sh")],
                             capture_output=True, text=True, check=True).stdout.split()[-1]  # fmt: skip
    return Path(engines)


def language_tour(language: str, out: Path) -> None:
    """`screenshots.py --lang zh_CN [OUT_DIR]`: every tab, the editor and the doctor in
    ``language``, with real servers answering (docs/i18n.md)."""
    from panel.ui.app import install_translations

    faulthandler.dump_traceback_later(240, exit=True)
    out.mkdir(parents=True, exist_ok=True)
    engines = engines_dir()
    config_dir = Path(os.environ.get("TMPDIR", "/tmp")) / f"panel-screenshots-{language}"
    shutil.rmtree(config_dir, ignore_errors=True)
    os.environ["XDG_CONFIG_HOME"] = str(config_dir)
    os.environ["XDG_DATA_HOME"] = str(config_dir / "data")
    store = ConfigStore(config_dir / "config.toml")
    profiles = [p for p in demo_profiles(engines) if p.container is None]
    store.save(Config(profiles=profiles, language=language), force=True)
    app = QApplication(sys.argv)
    app.setWindowIcon(app_icon())
    install_translations(app, language)
    shoot_first_run(out, config_dir)
    gpus = [FakeGpu(name="NVIDIA RTX 6000 Ada Generation", memory_total=48 * GiB,
                    memory_used=3 * GiB, utilization_gpu=35)]  # fmt: skip
    window = MainWindow(
        store, config=store.load(), sampler=GpuSampler(Nvml(FakeNvml(gpus)), interval=0.25)
    )
    window.resize(1366, 768)
    window.show()
    for name in ("SmolLM2 chat", "whisper tiny.en", "视觉 tiny vision"):
        window.select(name)
        window.start_selected()
    for server in window.hub.running():
        server.wait_ready(60)
    pids = {s.profile.name: s.server_pids()[0] for s in window.hub.running()}
    gpus[0].compute_processes = [FakeProcess(pids["SmolLM2 chat"], 9 * GiB)]
    window.select("SmolLM2 chat")
    wait(800)
    shoot(window, out / "main-window.png")
    window.show_transcribe()
    loop = QEventLoop()
    window.transcribe_tab.transcription_finished.connect(loop.quit)
    QTimer.singleShot(60_000, loop.quit)
    window.transcribe_tab.transcribe_file(engines / "models" / "jfk.wav")
    loop.exec()
    wait(500)
    shoot(window, out / "transcription.png")
    shoot_vision_chat(window, config_dir / "picture.png", out)
    window.show_gpu()
    wait(3000)
    shoot(window, out / "gpu.png")
    window.models_view.set_folders([engines / "models"])
    window.show_models()
    window.models_view.wait_for_scan(20_000)
    wait(600)
    shoot(window, out / "models.png")
    window.select("SmolLM2 chat")
    window.show_log()
    wait(600)
    shoot(window, out / "log.png")
    shoot_router(window, "SmolLM2 chat", out / "router.png")
    from panel.ui.profile_editor import ProfileEditor

    for index, name in enumerate(("general", "flags", "environment")):
        editor = ProfileEditor(window.config.profiles[0], [], window, model_dirs=[])
        editor.tabs.setCurrentIndex(index)
        editor.show()
        wait(500)
        shoot(editor, out / f"profile-editor-{name}.png")
        editor.reject()
    window.show_doctor()
    wait(8000)
    shoot(window.doctor_dialog, out / "doctor.png")  # type: ignore[arg-type]
    window.doctor_dialog.reject()  # type: ignore[union-attr]
    window.hub.supervisor.stop_all(timeout=20)
    window._quitting = True
    window.close()


def main() -> None:
    if sys.argv[1:2] == ["--lang"]:
        language = sys.argv[2]
        default = ROOT / "docs" / "screenshots" / language
        language_tour(language, Path(sys.argv[3]) if len(sys.argv) > 3 else default)
        return
    if sys.argv[1:2] == ["--thor"]:
        thor_only(Path(sys.argv[2] if len(sys.argv) > 2 else ROOT / "docs" / "screenshots"))
        return
    faulthandler.dump_traceback_later(180, exit=True)  # a stuck modal dialog must not hang CI
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "docs" / "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    engines = subprocess.run(["bash", str(ROOT / "resources/engines/setup_test_engines.sh")],
                             capture_output=True, text=True, check=True).stdout.split()[-1]  # fmt: skip
    config_dir = Path(os.environ.get("TMPDIR", "/tmp")) / "panel-screenshots"
    shutil.rmtree(config_dir, ignore_errors=True)  # transcripts of an earlier run included
    os.environ["XDG_CONFIG_HOME"] = str(config_dir)  # QSettings too: no remembered geometry
    os.environ["XDG_DATA_HOME"] = str(config_dir / "data")
    store = ConfigStore(config_dir / "config.toml")
    store.save(Config(profiles=demo_profiles(Path(engines))), force=True)

    docker = RealDocker(Path(engines))
    app = QApplication(sys.argv)
    app.setWindowIcon(app_icon())
    gpus = [FakeGpu(name="NVIDIA RTX 6000 Ada Generation", memory_total=48 * GiB,
                    memory_used=3 * GiB, utilization_gpu=35),
            FakeGpu(name="NVIDIA RTX 6000 Ada Generation", uuid="GPU-1",
                    memory_total=48 * GiB, memory_used=1 * GiB, utilization_gpu=4)]  # fmt: skip
    simulated = FakeNvml(gpus)

    shoot_first_run(out, config_dir)
    real = MainWindow(store, config=store.load(), sampler=GpuSampler(Nvml()))
    real.resize(1280, 780)
    real.show()
    wait(600)
    shoot(real, out / "main-window-idle.png")
    for name in ("SmolLM2 chat", "whisper tiny.en", "SmolLM2 (docker)"):
        real.select(name)
        real.start_selected()
    for server in real.hub.running():
        server.wait_ready(30)
    real.select("SmolLM2 chat")
    wait(800)
    shoot(real, out / "main-window.png")

    # Transcription: the seed's jfk sample through whisper tiny.en.
    real.show_transcribe()
    tab = real.transcribe_tab
    loop = QEventLoop()
    tab.transcription_finished.connect(loop.quit)
    QTimer.singleShot(60_000, loop.quit)
    tab.transcribe_file(Path(engines) / "models" / "jfk.wav")
    loop.exec()
    wait(500)
    shoot(real, out / "transcription.png")
    real.show_gpu()
    wait(600)
    shoot(real, out / "gpu-no-gpu.png")

    # Vision chat: an image and the seed's prompt to the tiny vision model.
    real.select("视觉 tiny vision")
    real.start_selected()
    real.selected_server().wait_ready(30)  # type: ignore[union-attr]
    wait(300)
    shoot_vision_chat(
        real, Path(os.environ.get("TMPDIR", "/tmp")) / "panel-screenshot-image.png", out
    )
    real.select("SmolLM2 chat")
    shoot_sizes(real, out / "sizes")
    shoot_router(real, "SmolLM2 chat", out / "router.png")

    # The same servers' pids, as a simulated GPU would report them.
    pids = {s.profile.name: s.server_pids()[0] for s in real.hub.running()}
    gpus[0].compute_processes = [FakeProcess(pids["SmolLM2 chat"], 9 * GiB)]
    gpus[1].compute_processes = [FakeProcess(pids["whisper tiny.en"], 2 * GiB)]
    sim = MainWindow(
        store,
        config=without_router(store),
        hub=real.hub,
        sampler=GpuSampler(Nvml(simulated), interval=0.25),
    )
    sim.resize(1280, 780)
    sim.show()
    sim.show_gpu()
    for step in range(24):  # a little history for the graphs
        gpus[0].memory_used = (3 + min(step, 12) * 0.75) * GiB
        gpus[0].utilization_gpu = 20 + (step * 7) % 60
        wait(250)
    shoot(sim, out / "gpu-simulated.png")
    shoot_thor(store, real.hub, out)
    sim.models_view.set_folders([Path(engines) / "models"])
    sim.show_models()
    sim.models_view.wait_for_scan(20_000)
    wait(600)
    shoot(sim, out / "models-on-disk.png")
    from panel.ui.profile_editor import ProfileEditor

    profile = sim.config.profiles[0].copy(api_key_ref="env:HOME", env={"CUDA_VISIBLE_DEVICES": "0"})
    editor = ProfileEditor(profile, [], sim, model_dirs=[])
    editor.tabs.setCurrentIndex(1)
    editor.show()
    wait(500)
    shoot(editor, out / "profile-editor.png")
    editor.reject()
    vllm = next(p for p in sim.config.profiles if p.container and p.engine is Engine.VLLM)
    editor = ProfileEditor(vllm, [], sim, model_dirs=[])
    editor.tabs.setCurrentIndex(editor.CONTAINER_TAB)
    editor.show()
    wait(500)
    shoot(editor, out / "profile-editor-container.png")
    editor.reject()

    # A container server running, its log beginning with the `docker run` line.
    sim.hide()  # it shares the screen position with the real window
    real.raise_()
    real.select("SmolLM2 (docker)")
    real.show_log()
    wait(800)
    shoot(real, out / "container-server.png")

    # Pulling an image from the local registry, slowed to show the bytes moving.
    from panel.ui.window.container_dialogs import PullDialog

    runtime = containers.resolve_runtime(ContainerSpec())
    assert runtime is not None
    pull = PullDialog(runtime, docker.pullable, real)
    pull.show()
    wait(15_000)  # a third of the layer
    shoot(pull, out / "pull-dialog.png")
    pull.reject()
    wait(500)

    # A container left by an earlier panel (its pid is gone): offered at start-up.
    boxed = next(p for p in sim.config.profiles if p.name == "SmolLM2 (docker)")
    leftover = ServerProcess(boxed.copy(port=pick_free_port())).launch_plan().argv
    leftover.insert(leftover.index("--rm") + 1, "-d")
    leftover = [w.replace(f"panel-pid={os.getpid()}", "panel-pid=4000000") for w in leftover]
    subprocess.run(leftover, check=True, capture_output=True)
    real.check_leftovers()
    for _ in range(50):
        wait(100)
        if real.leftover_dialog is not None:
            break
    assert real.leftover_dialog is not None
    wait(500)
    shoot(real.leftover_dialog, out / "leftover-containers.png")
    real.leftover_dialog.stop_all_button.click()
    wait(1500)
    real.leftover_dialog.reject()
    sim._quitting = True
    sim.close()
    real.hub.supervisor.stop_all(timeout=20)
    real._quitting = True
    real.close()
    docker.stop()


if __name__ == "__main__":
    main()
