"""Find models on disk and turn them into server profiles.

Three kinds are recognised:

* GGUF files for llama.cpp. ``mmproj`` projectors are paired with the model next to
  them rather than listed; of a split model only shard 00001 is listed.
* whisper.cpp ``ggml-*.bin`` files.
* Hugging Face model folders (a ``config.json``) for vLLM, including the hub cache
  layout ``models--Org--Name/snapshots/<rev>/`` and the ModelScope cache layouts
  ``Org/Name/`` and ``models/Org/Name/``.

A scan never raises for a bad file: an unreadable model is listed with ``problem`` set,
so the user sees why it cannot be used instead of it silently missing.

Where to look is :mod:`panel.core.models.model_folders`; what a Hugging Face folder holds
is :mod:`panel.core.models.hf_folders`.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from panel.core.config.profiles import ContainerSpec, Engine, Role, ServerProfile
from panel.core.i18n import translate
from panel.core.models.gguf_info import GgufInfo, ModelFileError, read_gguf_info, split_shard_info
from panel.core.models.hf_folders import (
    HUB_REPO_PREFIX,
    hf_role,
    hub_repo_id,
    is_snapshot_dir,
    is_transformers_config,
    newest_snapshot,
    read_json,
    repo_style_name,
    weights_problem,
)
from panel.core.models.memory_fit import DEFAULT_CTX_SIZE, default_ctx_size
from panel.core.models.model_folders import SCAN_DEPTH, default_model_dirs, model_search_dirs

__all__ = [
    "DiscoveredModel",
    "ModelKind",
    "default_model_dirs",
    "model_search_dirs",
    "newest_snapshot",
    "profile_from_model",
    "scan_models",
    "served_model_name",
]

# whisper.cpp's ggml files start with the uint32 0x67676d6c ("ggml") little-endian.
WHISPER_GGML_MAGIC = b"lmgg"
WHISPER_MEL_BANDS = (80, 128)  # every whisper.cpp model uses one of these
_WHISPER_HEADER = 4 + 11 * 4  # magic + 11 int32 hyperparameters
_WHISPER_MELS_OFFSET = 4 + 9 * 4  # n_mels is the tenth hyperparameter

# GGUF files that are neither models nor projectors (LoRA adapters, importance matrices).
SKIPPED_GGUF_TYPES = frozenset({"adapter", "imatrix"})
# Other hub cache entries: never models, and datasets can hold many thousand files.
HUB_OTHER_PREFIXES = ("datasets--", "spaces--")


class ModelKind(StrEnum):
    GGUF = "gguf"
    WHISPER_GGML = "whisper_ggml"
    HF_DIR = "hf_dir"


@dataclass(frozen=True)
class DiscoveredModel:
    """One model found on disk, with the engine and role we would suggest for it."""

    kind: ModelKind
    path: Path  # the file, shard 00001 of a split GGUF, or the model folder
    display_name: str
    size_bytes: int
    engine: Engine
    role: Role
    mmproj: Path | None = None
    gguf: GgufInfo | None = None
    hf_id: str | None = None  # "Org/Name" when found in the Hugging Face hub cache
    problem: str | None = None  # why it cannot be used as is; None when fine
    mmproj_info: GgufInfo | None = None  # for the memory estimate of the pair

    @property
    def profile_model(self) -> str:
        """What a profile's model field says for this model: the hub id of a hub cache
        folder (what vLLM loads by name), else the path."""
        if self.kind is ModelKind.HF_DIR and self.hf_id:
            return self.hf_id
        return str(self.path)


# --- scanning ------------------------------------------------------------------------


def scan_models(dirs: Iterable[Path | str], max_depth: int = SCAN_DEPTH) -> list[DiscoveredModel]:
    """Every model under ``dirs`` (missing folders are skipped), sorted by name.

    ``max_depth`` counts folder levels below each root; symlinked folders are
    followed but each real folder is visited once, so loops end.
    """
    scanner = _Scanner(max_depth)
    for root in dirs:
        scanner.walk(Path(root), depth=0, root=Path(root))
    return sorted(scanner.models, key=lambda m: (m.display_name.casefold(), str(m.path)))


@dataclass(frozen=True)
class _Listing:
    files: list[Path]
    dirs: list[Path]

    def has_file(self, name: str) -> bool:
        return any(path.name == name for path in self.files)


class _Scanner:
    def __init__(self, max_depth: int) -> None:
        self.max_depth = max_depth
        self.models: list[DiscoveredModel] = []
        self._visited_dirs: set[tuple[int, int]] = set()
        self._seen_models: set[str] = set()

    def walk(self, directory: Path, depth: int, root: Path, repo_id: str | None = None) -> None:
        """Scan one folder and its subfolders. ``repo_id`` is set inside a hub snapshot."""
        if directory.name.startswith(HUB_OTHER_PREFIXES) or not self._first_visit(directory):
            return
        if directory.name.startswith(HUB_REPO_PREFIX) and repo_id is None:
            self._walk_hub_repo(directory, depth, root)
            return
        listing = _list_dir(directory)
        if listing.has_file("model_index.json"):
            return  # a diffusers pipeline: its parts have config.json but no engine here
        if listing.has_file("config.json"):
            self._add_hf_dir(directory, listing, root)
        self._add_files(listing.files, repo_id)
        if depth < self.max_depth:
            for sub in listing.dirs:
                if not sub.name.startswith("."):  # .git, .locks, ModelScope temp dirs
                    self.walk(sub, depth + 1, root, repo_id)

    def _first_visit(self, directory: Path) -> bool:
        try:
            stat = directory.stat()
        except OSError:
            return False  # missing or unreadable: skip silently
        key = (stat.st_dev, stat.st_ino)
        if key in self._visited_dirs:
            return False
        self._visited_dirs.add(key)
        return True

    def _add(self, model: DiscoveredModel) -> None:
        # Dedupe on the real path: the same file can be reached through symlinks or
        # overlapping roots (/models -> ~/models).
        key = os.path.realpath(model.path)
        if key not in self._seen_models:
            self._seen_models.add(key)
            self.models.append(model)

    # Hugging Face hub cache

    def _walk_hub_repo(self, repo_dir: Path, depth: int, root: Path) -> None:
        repo_id = hub_repo_id(repo_dir)
        snapshot = newest_snapshot(repo_dir)
        if repo_id and snapshot is not None:
            # Snapshots sit two levels down; walk only the chosen one, never blobs/.
            self.walk(snapshot, depth + 2, root, repo_id=repo_id)

    # Hugging Face style folders

    def _add_hf_dir(self, directory: Path, listing: _Listing, root: Path) -> None:
        config, problem = read_json(directory / "config.json")
        if config is not None and not is_transformers_config(config):
            return  # some other tool's config.json (e.g. a CTranslate2 export)
        # The repo id names the snapshot folder only, not folders inside it.
        hf_id = hub_repo_id(directory.parent.parent) if is_snapshot_dir(directory) else None
        self._add(
            DiscoveredModel(
                kind=ModelKind.HF_DIR,
                path=directory,
                display_name=hf_id or repo_style_name(directory, root) or directory.name,
                size_bytes=sum(_size(path) for path in listing.files),
                engine=Engine.VLLM,
                role=hf_role(config) if config is not None else Role.CHAT,
                hf_id=hf_id,
                problem=problem or weights_problem(directory, listing.files),
            )
        )

    # files

    def _add_files(self, files: list[Path], repo_id: str | None) -> None:
        self._add_ggufs([path for path in files if path.suffix.lower() == ".gguf"], repo_id)
        for path in files:
            if _is_whisper_ggml_name(path.name):
                self._add(_whisper_model(path))

    def _add_ggufs(self, paths: list[Path], repo_id: str | None) -> None:
        models: list[GgufInfo] = []
        projectors: list[GgufInfo] = []
        for path in paths:
            split = split_shard_info(path)
            if split is not None and split[1] != 1:
                continue  # later shards are read along with shard 00001
            try:
                info = read_gguf_info(path)
            except ModelFileError as exc:
                self._add(_broken_gguf(path, exc, repo_id))
                continue
            if info.is_projector:
                projectors.append(info)
            elif info.gguf_type not in SKIPPED_GGUF_TYPES:
                models.append(info)
        for info in models:
            self._add(_gguf_model(info, pick_projector(info, projectors, models), repo_id))


def _list_dir(directory: Path) -> _Listing:
    files: list[Path] = []
    dirs: list[Path] = []
    try:
        with os.scandir(directory) as entries:
            for entry in entries:
                try:
                    if entry.is_dir():  # follows symlinks; _first_visit breaks loops
                        dirs.append(Path(entry.path))
                    elif entry.is_file():
                        files.append(Path(entry.path))
                except OSError:
                    continue
    except OSError:
        pass  # unreadable folder: nothing to list
    return _Listing(sorted(files), sorted(dirs))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size  # follows the hub cache's symlinks into blobs/
    except OSError:
        return 0


# --- GGUF ----------------------------------------------------------------------------


def _gguf_model(info: GgufInfo, projector: GgufInfo | None, repo_id: str | None) -> DiscoveredModel:
    return DiscoveredModel(
        kind=ModelKind.GGUF,
        path=info.path,
        display_name=_gguf_display_name(info.path),
        size_bytes=info.file_size,
        engine=Engine.LLAMA_CPP,
        role=_projector_role(projector) if projector else Role.CHAT,
        mmproj=projector.path if projector else None,
        gguf=info,
        hf_id=repo_id,
        problem=_gguf_problem(info),
        mmproj_info=projector,
    )


def _broken_gguf(path: Path, error: ModelFileError, repo_id: str | None) -> DiscoveredModel:
    # The error may be about another shard; then its full message names that shard.
    problem = error.reason if error.path == path else str(error)
    return DiscoveredModel(
        kind=ModelKind.GGUF,
        path=path,
        display_name=_gguf_display_name(path),
        size_bytes=_size(path),
        engine=Engine.LLAMA_CPP,
        role=Role.CHAT,
        hf_id=repo_id,
        problem=problem,
    )


def _gguf_display_name(path: Path) -> str:
    split = split_shard_info(path)
    return split[0] if split else path.stem


def _gguf_problem(info: GgufInfo) -> str | None:
    if info.missing_shards:
        names = ", ".join(shard.name for shard in info.missing_shards)
        return translate("Models", "missing shard(s) of a split model: {names}").format(names=names)
    if info.tensor_count == 0:
        return translate("Models", "the file has no weights (a vocabulary-only GGUF)")
    return None


def pick_projector(
    model: GgufInfo, projectors: Sequence[GgufInfo], folder_models: Sequence[GgufInfo] = ()
) -> GgufInfo | None:
    """The mmproj in the model's folder that belongs to it, if any.

    A projector's projection_dim is the text model's embedding size, so a mismatch
    means it belongs to another model in the same folder (llama-server would refuse
    the pair). Among the rest, the name most like the model's wins: a folder often
    holds f16 and q8_0 projectors, or several models. ``folder_models`` are the
    models beside it, which tell whether an older projector's projection_dim can be
    trusted (see _trusted_projection_dim).
    """
    candidates = [p for p in projectors if _projector_matches(model, p, folder_models)]
    if not candidates:
        return None
    stem = _gguf_display_name(model.path).casefold()
    return min(candidates, key=lambda p: (-_shared_prefix(stem, _projector_stem(p)), p.path))


def _projector_matches(
    model: GgufInfo, projector: GgufInfo, folder_models: Sequence[GgufInfo]
) -> bool:
    if projector.path.parent != model.path.parent:
        return False
    if not _trusted_projection_dim(projector, folder_models):
        return True  # the projector does not say which model it fits
    return model.embedding_length in (None, projector.projection_dim)


def _trusted_projection_dim(projector: GgufInfo, folder_models: Sequence[GgufInfo]) -> bool:
    """Current llama.cpp (general.type "mmproj") always writes the text model's width
    as projection_dim. Older llava converters wrote CLIP's own projection size there
    (768 beside a 4096-wide Llama), so for those files we trust the number only when
    some model in the folder has exactly that width."""
    if not projector.projection_dim:
        return False
    if projector.gguf_type == "mmproj":
        return True
    return any(m.embedding_length == projector.projection_dim for m in folder_models)


def _projector_stem(projector: GgufInfo) -> str:
    stem = projector.path.stem.casefold().replace("mmproj", "")
    return stem.strip("-_. ")


def _shared_prefix(a: str, b: str) -> int:
    """Characters the two names share at the start (not path components)."""
    count = 0
    for char_a, char_b in zip(a, b, strict=False):
        if char_a != char_b:
            break
        count += 1
    return count


def _projector_role(projector: GgufInfo) -> Role:
    # An audio-only projector (Ultravox, Qwen2-Audio) turns llama-server into a
    # speech-to-text server; any image encoder makes it a vision model.
    if projector.has_audio_encoder and not projector.has_vision_encoder:
        return Role.TRANSCRIPTION
    return Role.VISION


# --- whisper.cpp ---------------------------------------------------------------------


def _is_whisper_ggml_name(name: str) -> bool:
    lower = name.casefold()
    if not (lower.startswith("ggml-") and lower.endswith(".bin")):
        return False
    # whisper.cpp's download folder also holds OpenVINO encoders and the Silero VAD
    # model under ggml-* names; neither is a transcription model.
    return not (lower.endswith("-encoder-openvino.bin") or lower.startswith("ggml-silero"))


def _whisper_model(path: Path) -> DiscoveredModel:
    stem = path.stem
    return DiscoveredModel(
        kind=ModelKind.WHISPER_GGML,
        path=path,
        display_name=f"whisper {stem.removeprefix('ggml-')}",
        size_bytes=_size(path),
        engine=Engine.WHISPER_CPP,
        role=Role.TRANSCRIPTION,
        problem=whisper_ggml_problem(path),
    )


def whisper_ggml_problem(path: Path) -> str | None:
    """Why ``path`` is not a usable whisper.cpp model, or None when its header is fine."""
    try:
        with path.open("rb") as file:
            header = file.read(_WHISPER_HEADER)
    except OSError as exc:
        text = translate("Models", "cannot read model file ({error})")
        return text.format(error=exc.strerror or exc)
    if not header:
        return translate("Models", "model file is empty")
    if not header.startswith(WHISPER_GGML_MAGIC):
        return translate("Models", "not a whisper.cpp ggml model (wrong magic number)")
    if len(header) < _WHISPER_HEADER:
        return translate("Models", "whisper.cpp model is truncated (it ends inside the header)")
    n_mels = int.from_bytes(header[_WHISPER_MELS_OFFSET : _WHISPER_MELS_OFFSET + 4], "little")
    if n_mels not in WHISPER_MEL_BANDS:
        return translate("Models", "not a whisper.cpp model (its header is not a Whisper one)")
    return None


# --- profiles ------------------------------------------------------------------------


def profile_from_model(
    model: DiscoveredModel, port: int, name: str | None = None, path_env: str | None = None
) -> ServerProfile:
    """A ready-to-edit profile for ``model``. Host, port and model path are profile
    fields, not args: the engine adapters turn them into flags.

    A vLLM profile runs in NVIDIA's container, as the seed does, unless ``vllm`` is
    installed on this machine (on ``path_env``, default PATH).
    """
    profile_name = name or model.display_name
    if model.kind is ModelKind.GGUF:
        return ServerProfile(
            name=profile_name,
            engine=Engine.LLAMA_CPP,
            model=str(model.path),
            port=port,
            args=_llama_args(model),
            role=model.role,
        )
    if model.kind is ModelKind.WHISPER_GGML:
        return ServerProfile(
            name=profile_name,
            engine=Engine.WHISPER_CPP,
            model=str(model.path),
            port=port,
            role=Role.TRANSCRIPTION,
        )
    return ServerProfile(
        name=profile_name,
        engine=Engine.VLLM,
        model=model.hf_id or str(model.path),
        port=port,
        args=["--served-model-name", served_model_name(model)],
        role=model.role,
        container=None if shutil.which("vllm", path=path_env) else ContainerSpec(),
    )


def _llama_args(model: DiscoveredModel) -> list[str]:
    # Without --ctx-size llama-server may allocate a 128k-token KV cache for a model
    # trained that long; our default matches what the memory estimate assumed.
    ctx = default_ctx_size(model.gguf) if model.gguf else DEFAULT_CTX_SIZE
    args = ["--ctx-size", str(ctx)]
    if model.mmproj is not None:
        args += ["--mmproj", str(model.mmproj)]
    return args


def served_model_name(model: DiscoveredModel) -> str:
    """The short name clients use in requests: 'Qwen2.5-7B-Instruct', not a path."""
    source = model.hf_id or model.display_name
    return source.rstrip("/").rsplit("/", 1)[-1] or model.path.name
