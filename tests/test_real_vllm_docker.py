"""The seed's own vLLM profiles, end to end through the real Docker engine with real vLLM.

The two vLLM profiles of :func:`panel.core.config.defaults.default_profiles` (Qwen2.5-VL in
NVIDIA's vLLM container; whisper-small answering ``/v1/audio/transcriptions``) are taken
as they are and changed only where this machine forces it:

- ``container.gpus``: ``--runtime=nvidia`` becomes no GPU option at all. There is no NVIDIA
  runtime and no GPU here (tests/test_real_docker.py shows the daemon's refusal of
  ``--runtime=nvidia``, explained).
- ``container.image``: ``nvcr.io/nvidia/vllm:25.09-py3`` (no registry is reachable)
  becomes an image built offline ``FROM scratch``: the loader, the libraries that
  ``ldd`` lists for every shared object of the vLLM venv and of the Python interpreter,
  the interpreter and its standard library, ``/bin/sh`` and ``lscpu`` (vLLM's CPU
  back end runs ``sh -c "lscpu --json ..."`` at start). The image has no ENTRYPOINT of
  its own and puts the venv's ``bin`` first on PATH, so the profile's command
  ``vllm serve MODEL ...`` runs as in NVIDIA's image. Tagged by a hash of its content.
- The vLLM venv itself (2.5 GB) is bind-mounted read-only at its own path through the
  profile's ``mounts`` instead of copied in. Measured here: copying it (and the
  interpreter) into an image with ``COPY`` took 614 s on the two busy cores (3.35 GB
  image), and a fresh CI machine would pay that every run; the runtime image without the
  venv (158 MB) builds in about 20 s, and the mount costs nothing.
- ``model``: the Hugging Face ids (Qwen2.5-VL-7B-AWQ, openai/whisper-small) become the
  tiny random models of resources/vllm (a LLaVA-1.5 for vision, a Whisper for speech),
  copied into a fresh folder that is mounted where the seed mounts ``/models``. The
  profile names the model by its host path; the panel maps it to ``/models/...``.
- ``args``: the vision profile's ``--max-model-len 16384`` is above the tiny LLaVA's
  context and vLLM refuses it, so it becomes 512 (the whisper profile sets none, and
  Whisper's own 448 stands); the CPU settings of tests/conftest.py's ``VLLM_TEST_ARGS``
  are added (``--enforce-eager``, ``--kv-cache-memory-bytes 64M``: the CPU back end would
  otherwise take 0.92 of the RAM). ``--served-model-name``, ``--gpu-memory-utilization``
  and ``--allowed-local-media-path /models`` stay as the seed has them.
- ``port``: a free one instead of 8001/8002, so two test runs do not collide; ``name``
  gets this run's tag (tests/real_runtime.py's ``SESSION``), so the clean-up after a
  failed test removes only this run's containers.
- ``env``: ``VLLM_TEST_ENV`` (offline hub, no usage statistics), and
  ``TORCHDYNAMO_DISABLE=1``: vLLM's sampler is ``torch.compile``d even with
  ``--enforce-eager`` (the whisper route asks for logprobs), and on the CPU torch compiles
  it with a C++ compiler the image does not have ("InvalidCxxCompiler: No working C++
  compiler found", then a 500 and a dead engine); on NVIDIA's image and a GPU it would be
  Triton.

The vision test also gives its profile an API key (``api_key_ref``), not a change the
machine forces: to see the key reach vLLM in the container by name only.

Everything else is the seed's: ``--net=host``, ``--ipc=host``, the two download-cache
mounts, no entrypoint, ``ready_timeout``, ``stop_grace``, the vLLM adapter's readiness
and stop.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import numpy as np
import pytest
from PIL import Image

from panel.core.chat.payload import (
    ChatImage,
    ChatMessage,
    ImageTransport,
    build_chat_request,
    choose_transport,
    server_side_path,
)
from panel.core.config.defaults import default_profiles
from panel.core.config.profiles import GpuAccess, ServerProfile
from panel.core.servers.ports import pick_free_port
from panel.core.servers.supervisor import ServerProcess
from panel.core.speech.transcribe import TranscriptionApi, TranscriptionClient
from panel.core.speech.wav import encode_wav
from tests.conftest import (
    VLLM_TEST_ARGS,
    VLLM_TEST_ENV,
    VllmKit,
    supervising_process,
    wait_until,
)
from tests.real_runtime import SESSION, Runtime, find_runtime

# A vLLM start takes 20-70 s on two busy cores, in a container a little more.
pytestmark = [
    pytest.mark.engines,
    pytest.mark.real_docker,
    pytest.mark.real_vllm,
    pytest.mark.timeout(600),
]

REPO = "inference-panel-test/vllm"
SEED_VISION = "Qwen2.5-VL-7B AWQ (vLLM)"
SEED_SPEECH = "whisper-small (vLLM)"
READY_TIMEOUT = 300.0  # ~20 s alone; two pytest runs share 2 cores with other servers


def seed(name: str) -> ServerProfile:
    [profile] = [p for p in default_profiles() if p.name == name]
    return profile


@pytest.fixture(scope="session")
def docker() -> Runtime:
    found = find_runtime("docker")
    if isinstance(found, str):
        pytest.fail(found, pytrace=False)
    return found


@pytest.fixture(autouse=True)
def no_container_left(docker: Runtime) -> Iterator[None]:
    """A failed test must not leave a vLLM holding 2 GB; only this run's are touched."""
    yield
    left = docker.ours()
    if left:
        docker.run("rm", "-f", *left)


# -- the image -----------------------------------------------------------------------------


def _ldd(paths: list[str]) -> set[str]:
    """The libraries outside the venv that ``paths`` link, as ``ldd`` resolves them."""
    found: set[str] = set()
    for start in range(0, len(paths), 200):
        listed = subprocess.run(
            ["ldd", *paths[start : start + 200]], capture_output=True, text=True, check=False
        )
        for line in listed.stdout.splitlines():
            words = line.split()
            if "=>" in words and len(words) > words.index("=>") + 1:
                target = words[words.index("=>") + 1]
                if target.startswith("/"):
                    found.add(target)
    return found


def _interpreter_chain(python: Path) -> list[Path]:
    """The venv's ``python3`` and every link it goes through to the real binary."""
    chain = [python]
    while chain[-1].is_symlink():
        link = Path(os.readlink(chain[-1]))
        chain.append(link if link.is_absolute() else chain[-1].parent / link)
    return chain


# Files the image needs that are not on the host as such: getpass.getuser() and HOME,
# which torch and vLLM read for their cache folders.
WRITTEN = {"/etc/passwd": "root:x:0:0:root:/root:/bin/sh\n", "/etc/group": "root:x:0:\n"}


def image_files(kit: VllmKit) -> dict[str, Path]:
    """The runtime image's files (not the venv): path in the image -> the host's file or
    symlink (kept a link)."""
    venv = kit.root / "venv"
    python = venv / "bin" / "python3"
    stdlib = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()
    )  # fmt: skip
    chain = _interpreter_chain(python)
    shared = [str(p) for p in venv.rglob("*.so*") if p.is_file() and not p.is_symlink()]
    shared += [str(p) for p in (stdlib / "lib-dynload").glob("*.so")]
    tools = [Path(shutil.which("dash") or "/bin/sh"), Path(shutil.which("lscpu") or "lscpu")]
    libs = _ldd([*shared, str(chain[-1]), *map(str, tools)])
    files = {lib: Path(lib).resolve() for lib in libs if not lib.startswith(str(venv))}
    loader = "/lib64/ld-linux-x86-64.so.2"
    files[loader] = Path(loader).resolve()
    files["/bin/sh"] = tools[0].resolve()
    files["/usr/bin/lscpu"] = tools[1].resolve()
    files.update({str(link): link for link in chain[1:]})
    skip = {"site-packages", "dist-packages", "test", "idlelib", "tkinter", "ensurepip"}
    for path in stdlib.rglob("*"):
        inside = set(path.relative_to(stdlib).parts)
        if (path.is_file() or path.is_symlink()) and not skip & inside:
            files.setdefault(str(path), path)
    return files


def content_tag(kit: VllmKit, files: dict[str, Path], dockerfile: str) -> str:
    digest = hashlib.sha256(kit.root.name.encode())  # the setup's own content key
    digest.update(dockerfile.encode() + repr(sorted(WRITTEN.items())).encode())
    for target in sorted(files):
        source = files[target]
        digest.update(target.encode() + b"\0")
        digest.update(os.readlink(source).encode() if source.is_symlink() else source.read_bytes())
    return digest.hexdigest()[:16]


def lay_out(files: dict[str, Path], into: Path) -> None:
    for target, source in files.items():
        dest = into / target.lstrip("/")
        dest.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            os.symlink(os.readlink(source), dest)
        else:
            shutil.copy2(source, dest)
    for target, text in WRITTEN.items():
        (into / target.lstrip("/")).parent.mkdir(parents=True, exist_ok=True)
        (into / target.lstrip("/")).write_text(text)
    (into / "tmp").mkdir()
    (into / "tmp").chmod(0o1777)
    (into / "root").mkdir(exist_ok=True)


@pytest.fixture(scope="session")
def vllm_image(docker: Runtime, vllm_kit: VllmKit, tmp_path_factory: pytest.TempPathFactory) -> str:
    started = time.monotonic()
    venv = vllm_kit.root / "venv"
    dockerfile = f"FROM scratch\nCOPY . /\nENV PATH={venv}/bin:/usr/bin:/bin HOME=/root USER=root\n"
    files = image_files(vllm_kit)
    tag = f"{REPO}:{content_tag(vllm_kit, files, dockerfile)}"
    if not docker.image_exists(tag):  # else built by an earlier session from the same files
        context = tmp_path_factory.mktemp("vllm-image")
        lay_out(files, context)
        docker.build(tag, context, dockerfile)
    print(f"\n[real vllm docker] image {tag} ready in {time.monotonic() - started:.1f} s")
    return tag


# -- the seed's profiles, as this machine allows ----------------------------------------------


def on_this_machine(
    profile: ServerProfile, kit: VllmKit, image: str, models: Path, model: str
) -> ServerProfile:
    """The seed's ``profile`` with only what this machine forces changed (see the top)."""
    shutil.copytree(kit.model(model), models / model)
    args = list(profile.args)
    if "--max-model-len" in args:
        args[args.index("--max-model-len") + 1] = "512"
    extra: list[str] = []  # VLLM_TEST_ARGS' flags the seed does not set already
    for i, word in enumerate(VLLM_TEST_ARGS):
        # --max-model-len only where the seed sets one: Whisper's own 448 is small already.
        if word.startswith("--") and word not in args and word != "--max-model-len":
            value = VLLM_TEST_ARGS[i + 1 : i + 2]
            extra += [word, *(v for v in value if not v.startswith("--"))]
    assert profile.container is not None
    spec = profile.container
    seed_mounts = [m for m in spec.mounts if not m.startswith("/models:")]
    venv = kit.root / "venv"
    container = spec.__class__(
        **{
            **spec.__dict__,
            "gpus": GpuAccess.NONE,
            "image": image,
            "mounts": [f"{models}:/models:ro", *seed_mounts, f"{venv}:{venv}:ro"],
        }
    )
    return profile.copy(
        name=f"{profile.name} {SESSION}",
        model=str(models / model),
        port=pick_free_port(),
        args=[*args, *extra],
        env={**profile.env, **VLLM_TEST_ENV, "TORCHDYNAMO_DISABLE": "1"},
        container=container,
    )


@pytest.fixture
def models(tmp_path: Path) -> Path:
    """The host folder mounted where the seed mounts /models."""
    folder = tmp_path / "models"
    folder.mkdir()
    return folder


def seed_here(name: str, kit: VllmKit, image: str, models: Path, model: str) -> ServerProfile:
    """The seed profile ``name`` on this machine, checked to differ from the seed only in
    what this machine forces."""
    seed_profile = seed(name)
    profile = on_this_machine(seed_profile, kit, image, models, model)
    assert changed_fields(seed_profile, profile) == {
        "name", "model", "port", "args", "env",
        "container.gpus", "container.image", "container.mounts",
    }  # fmt: skip
    return profile


def changed_fields(seed_profile: ServerProfile, ours: ServerProfile) -> set[str]:
    fields = {k for k, v in seed_profile.__dict__.items() if getattr(ours, k) != v}
    assert seed_profile.container is not None and ours.container is not None
    inner = {
        f"container.{k}"
        for k, v in seed_profile.container.__dict__.items()
        if getattr(ours.container, k) != v
    }
    return (fields - {"container"}) | inner


def start_ready(server: ServerProcess) -> float:
    started = time.monotonic()
    server.start()
    if not server.wait_ready(READY_TIMEOUT):
        pytest.fail(f"not ready: {server.log.texts(60)}")
    return time.monotonic() - started


def gone(docker: Runtime, name: str, timeout: float) -> None:
    wait_until(lambda: not docker.exists(name), timeout=timeout, what=f"{name} gone")


def png(color: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 64), color).save(out, "PNG")
    return out.getvalue()


KEY = "qwen-test-key-51c2"  # a value no log line or argv could hold by chance


def ask(profile: ServerProfile, image: ChatImage, key: str | None = KEY) -> httpx.Response:
    request = build_chat_request(
        [ChatMessage("user", "What is in this picture?", [image])],
        model="qwen3", temperature=0.0, max_tokens=8, stream=False,
    )  # fmt: skip
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    url = profile.base_url + "/v1/chat/completions"
    return httpx.post(url, json=request, headers=headers, timeout=120)


# -- the tests -------------------------------------------------------------------------------


def test_the_seeds_vision_profile_answers_in_a_real_container_and_is_gone_after_stop(
    docker: Runtime, vllm_image: str, vllm_kit: VllmKit, models: Path, tmp_path: Path
) -> None:
    profile = seed_here(SEED_VISION, vllm_kit, vllm_image, models, "tiny-llava")
    # Not a change the machine forces: an API key, to see it reach vLLM in the container
    # by name only (`-e VLLM_API_KEY`, the value in the docker client's environment).
    profile.api_key_ref = "env:QWEN_KEY"
    server = ServerProcess(profile, environ={**os.environ, "QWEN_KEY": KEY})
    ready_in = start_ready(server)
    name = server.container_name
    try:
        argv = list(server.launch_plan().argv)
        assert "--runtime=nvidia" not in argv and "--gpus" not in argv
        assert {"--net=host", "--ipc=host"} <= set(argv) and "--entrypoint" not in argv
        assert argv[argv.index(vllm_image) + 1 :][:3] == ["vllm", "serve", "/models/tiny-llava"]
        assert "VLLM_API_KEY" in argv and not any(KEY in word for word in argv)
        assert not any(KEY in line for line in server.log.texts(2000))
        assert docker.exists(name)

        # A picture under the mount goes by path (vLLM reads it inside the container)...
        (models / "red.png").write_bytes(png((200, 30, 30)))
        assert choose_transport(profile, models / "red.png") is ImageTransport.FILE_URL
        inside = server_side_path(profile, models / "red.png")
        assert inside == "/models/red.png"
        by_path = ask(profile, ChatImage(inside, transport=ImageTransport.FILE_URL))
        assert by_path.status_code == 200, by_path.text
        assert by_path.json()["model"] == "qwen3"
        # ...one elsewhere goes as bytes; and a path outside the allowed folder is refused.
        (tmp_path / "blue.png").write_bytes(png((30, 30, 200)))
        assert choose_transport(profile, tmp_path / "blue.png") is ImageTransport.DATA_URI
        as_bytes = ask(profile, ChatImage(str(tmp_path / "blue.png")))
        assert as_bytes.status_code == 200, as_bytes.text
        assert ask(profile, ChatImage(str(tmp_path / "blue.png")), key=None).status_code == 401
        outside = ask(profile, ChatImage("/etc/passwd", transport=ImageTransport.FILE_URL))
        assert outside.status_code == 400
        assert "allowed-local-media-path" in outside.text
        assert any("Application startup complete" in line for line in server.log.texts(2000))
    finally:
        stopped = time.monotonic()
        outcome = server.stop_and_wait(60)
    assert outcome is not None and outcome.requested and outcome.reason == "stopped"
    gone(docker, name, 15)
    print(
        f"\n[real vllm docker] vision READY in {ready_in:.1f} s; "
        f"gone {time.monotonic() - stopped:.2f} s after Stop"
    )


def test_the_seeds_whisper_profile_transcribes_chinese_then_its_sigkilled_panel_leaves_none(
    docker: Runtime, vllm_image: str, vllm_kit: VllmKit, models: Path
) -> None:
    # One vLLM start for both (each costs 20-70 s): the answer, then SIGKILL of the
    # process that supervises it. Stop is the vision test's.
    profile = seed_here(SEED_SPEECH, vllm_kit, vllm_image, models, "tiny-whisper")
    started = time.monotonic()
    with supervising_process(profile, READY_TIMEOUT) as (driver, name):
        ready_in = time.monotonic() - started
        tone = np.sin(np.linspace(0, 2 * np.pi * 440 * 2, 32000)) * 0.3
        with TranscriptionClient.for_profile(profile) as client:
            assert client.detect_api() is TranscriptionApi.OPENAI
            result = client.transcribe(encode_wav(tone, 16000), "tone.wav", language="zh")
            # A random Whisper says junk; that it answered through the seed's route, to
            # the served name, is what the real container shows.
            assert result.api is TranscriptionApi.OPENAI
            assert result.language == "zh"  # verbose_json echoes what vLLM was asked for
            assert isinstance(result.text, str)
            assert "model=whisper" in client.curl_command("tone.wav")

        pid = int(docker.run("inspect", "--format", "{{.State.Pid}}", name).stdout)
        # vLLM's EngineCore and Worker live inside the container: it takes them along.
        top = docker.run("top", name, "-o", "pid,args")
        assert "EngineCore" in top.stdout, top.stdout
        killed_at = time.monotonic()
        os.kill(driver.pid, signal.SIGKILL)
        driver.wait(10)
        gone(docker, name, 30)
        print(
            f"\n[real vllm docker] whisper READY in {ready_in:.1f} s; "
            f"gone {time.monotonic() - killed_at:.2f} s after SIGKILL of its panel"
        )
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
