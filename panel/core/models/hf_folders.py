"""Hugging Face and ModelScope model folders: hub cache layout, config.json, weights.

vLLM loads these; :mod:`panel.core.models.discovery` finds them and asks this module
what they are (the repo id, the role, whether the download is complete).
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from panel.core.config.profiles import Role
from panel.core.i18n import translate

WEIGHT_SUFFIXES = frozenset({".safetensors", ".bin", ".pt", ".pth"})
HUB_REPO_PREFIX = "models--"


def newest_snapshot(repo_dir: Path) -> Path | None:
    """The snapshot of a hub cache repo to use: the one refs/main names (what vLLM
    loads for the repo id), else the most recently written one."""
    snapshots = repo_dir / "snapshots"
    main = _read_ref(repo_dir / "refs" / "main")
    if main and (snapshots / main).is_dir():
        return snapshots / main
    candidates = [path for path in _subfolders(snapshots) if not path.name.startswith(".")]
    if not candidates:
        return None
    return max(candidates, key=lambda path: (_mtime(path), path.name))


def _read_ref(path: Path) -> str | None:
    try:
        ref = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    # A commit hash; anything with a separator would point outside snapshots/.
    return ref if ref and "/" not in ref and "\\" not in ref and ref != ".." else None


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def hub_repo_id(repo_dir: Path) -> str | None:
    """'Org/Name' for a hub cache folder ``models--Org--Name``, else None."""
    name = repo_dir.name
    if not name.startswith(HUB_REPO_PREFIX) or len(name) == len(HUB_REPO_PREFIX):
        return None
    # The hub forbids "--" inside repo names, so every "--" was a "/".
    return name[len(HUB_REPO_PREFIX) :].replace("--", "/")


def is_snapshot_dir(directory: Path) -> bool:
    return directory.parent.name == "snapshots" and directory.parent.parent.name.startswith(
        HUB_REPO_PREFIX
    )


def read_json(path: Path) -> tuple[dict[str, Any] | None, str | None]:
    """A JSON object file's content, or None and why it could not be read."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        text = translate("Models", "cannot read {name} ({error})")
        return None, text.format(name=path.name, error=exc.strerror or exc)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        text = translate("Models", "{name} is not valid JSON ({error})")
        return None, text.format(name=path.name, error=_first_line(str(exc)))
    if not isinstance(data, dict):
        return None, translate("Models", "{name} is not a JSON object").format(name=path.name)
    return data, None


def is_transformers_config(config: dict[str, Any]) -> bool:
    return "model_type" in config or "architectures" in config


def _architectures(config: dict[str, Any]) -> list[str]:
    value = config.get("architectures")
    return [str(item) for item in value] if isinstance(value, list) else []


def hf_role(config: dict[str, Any]) -> Role:
    model_type = str(config.get("model_type", "")).casefold()
    architectures = _architectures(config)
    if "whisper" in model_type or "WhisperForConditionalGeneration" in architectures:
        return Role.TRANSCRIPTION
    if "vision_config" in config or any("VL" in arch or "Vision" in arch for arch in architectures):
        return Role.VISION
    return Role.CHAT


def weights_problem(directory: Path, files: Sequence[Path]) -> str | None:
    """Catch half-finished downloads before vLLM does, minutes into a launch."""
    missing = _missing_index_shards(directory, files)
    if missing:
        if len(missing) > 3:
            text = translate("Models", "missing weight file(s): {names} and {more} more")
        else:
            text = translate("Models", "missing weight file(s): {names}")
        return text.format(names=", ".join(missing[:3]), more=len(missing) - 3)
    if not any(path.suffix.lower() in WEIGHT_SUFFIXES for path in files):
        return translate("Models", "no weight files (*.safetensors or *.bin) in the folder")
    return None


def _missing_index_shards(directory: Path, files: Sequence[Path]) -> list[str]:
    present = {path.name for path in files}
    missing: set[str] = set()
    for index_name in ("model.safetensors.index.json", "pytorch_model.bin.index.json"):
        if index_name not in present:
            continue
        index, _ = read_json(directory / index_name)
        weight_map = index.get("weight_map") if index else None
        if isinstance(weight_map, dict):
            missing.update(str(name) for name in weight_map.values() if name not in present)
    return sorted(missing)


def repo_style_name(directory: Path, root: Path) -> str | None:
    """'Org/Name' for ``root/Org/Name`` and ``root/models/Org/Name`` (the ModelScope
    cache layouts, and a common way to arrange ~/models)."""
    try:
        parts = directory.relative_to(root).parts
    except ValueError:
        return None
    if len(parts) == 3 and parts[0] == "models":
        parts = parts[1:]
    if len(parts) != 2:
        return None
    # ModelScope stores "Qwen2.5" as "Qwen2___5" on disk.
    return "/".join(part.replace("___", ".") for part in parts)


def _first_line(text: str) -> str:
    return text.splitlines()[0] if text else text


def _subfolders(directory: Path) -> list[Path]:
    try:
        with os.scandir(directory) as entries:
            return sorted(Path(e.path) for e in entries if _is_dir(e))
    except OSError:
        return []


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False
