"""Where to look for models: the usual folders, the configured ones, and the folders
of models the profiles already use (the demo's among them).

A profile that runs a model from ``/data/llm`` says the user keeps models there; the
"Models on disk" tab and the editor's model list search that folder too, so what the
user already has shows up without configuring ``[discovery] folders``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from panel.core import demo
from panel.core.config.profiles import ServerProfile

# Folder levels a scan goes below each folder it is given.
SCAN_DEPTH = 4


def default_model_dirs(
    home: Path | None = None, environ: Mapping[str, str] | None = None
) -> list[Path]:
    """The folders models usually live in, whether or not they exist."""
    env = os.environ if environ is None else environ
    home = Path.home() if home is None else home
    dirs = [
        Path("/models"),
        home / "models",
        _hf_hub_cache(home, env),
        _modelscope_cache(home, env),
    ]
    return list(dict.fromkeys(dirs))


def _hf_hub_cache(home: Path, env: Mapping[str, str]) -> Path:
    # The same precedence huggingface_hub uses (HUGGINGFACE_HUB_CACHE is its old name).
    for variable in ("HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE"):
        if env.get(variable):
            return _expand(env[variable], home)
    if env.get("HF_HOME"):
        return _expand(env["HF_HOME"], home) / "hub"
    if env.get("XDG_CACHE_HOME"):
        return _expand(env["XDG_CACHE_HOME"], home) / "huggingface" / "hub"
    return home / ".cache" / "huggingface" / "hub"


def _modelscope_cache(home: Path, env: Mapping[str, str]) -> Path:
    if env.get("MODELSCOPE_CACHE"):
        return _expand(env["MODELSCOPE_CACHE"], home)
    return home / ".cache" / "modelscope" / "hub"


def _expand(value: str, home: Path) -> Path:
    # Expand "~" against the given home, not the process's, so callers (and tests)
    # control the result.
    if value == "~" or value.startswith(("~/", "~\\")):
        return home / value[2:]
    return Path(value)


def model_search_dirs(
    configured: Iterable[Path | str] = (),
    profiles: Iterable[ServerProfile] = (),
    *,
    demo_models: Path | None = None,
    home: Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> list[Path]:
    """The folders to scan: ``configured`` (else :func:`default_model_dirs`), then the
    folder of each profile's local model, then the demo's models folder.

    ``demo_models`` defaults to the folder of the built demo, when there is one. Paths
    are not checked here: the scan skips missing folders and says which are missing.
    """
    home = Path.home() if home is None else home
    env = os.environ if environ is None else environ
    dirs = [_expand(str(folder), home) for folder in configured]
    if not dirs:
        dirs = default_model_dirs(home, env)
    for profile in profiles:
        if profile.attached:
            continue  # the model is on the other machine
        path = profile.model_path()
        if path is not None and path.is_absolute():
            # The parent, so a vLLM model folder is found with its siblings, like a file.
            dirs.append(path.parent)
    if demo_models is None:
        demo_models = demo_models_dir()
    if demo_models is not None:
        dirs.append(demo_models)
    return _without_repeats(dirs)


def demo_models_dir() -> Path | None:
    """The models folder of the demo (``inference-panel demo``), once it is built."""
    try:
        root = demo.built_engines()
    except OSError:  # the recipe cannot be read: there is no demo to find
        return None
    return root / "models" if root is not None else None


def _without_repeats(dirs: Iterable[Path]) -> list[Path]:
    """Each folder once, and none that a scan of another listed folder already reaches
    (listing both would only repeat the folder on screen)."""
    unique = list(dict.fromkeys(dirs))
    return [folder for folder in unique if not any(_reaches(o, folder) for o in unique)]


def _reaches(outer: Path, folder: Path) -> bool:
    if outer == folder or not folder.is_relative_to(outer):
        return False
    return len(folder.relative_to(outer).parts) <= SCAN_DEPTH
