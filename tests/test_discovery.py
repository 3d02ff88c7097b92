"""Model discovery over real (tiny) files in fake model folders and hub caches."""

from __future__ import annotations

import json
import os
import struct
from collections.abc import Callable
from pathlib import Path

import gguf
import numpy as np
import pytest

from panel.core.config.profiles import ContainerSpec, Engine, Role
from panel.core.models import discovery
from panel.core.models.discovery import (
    DiscoveredModel,
    ModelKind,
    default_model_dirs,
    newest_snapshot,
    profile_from_model,
    scan_models,
    served_model_name,
)

N_EMBD = 64


# --- builders ------------------------------------------------------------------------


def write_gguf(
    path: Path,
    *,
    n_embd: int = N_EMBD,
    ctx: int = 32768,
    extra: Callable[[gguf.GGUFWriter], None] | None = None,
) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = gguf.GGUFWriter(path, "llama")
    writer.add_context_length(ctx)
    writer.add_embedding_length(n_embd)
    writer.add_block_count(2)
    writer.add_head_count(4)
    writer.add_head_count_kv(2)
    writer.add_file_type(gguf.LlamaFileType.MOSTLY_F16)
    if extra is not None:
        extra(writer)
    writer.add_tensor("token_embd.weight", np.zeros((16, n_embd), np.float16))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


def write_mmproj(
    path: Path,
    *,
    projection_dim: int = N_EMBD,
    vision: bool = True,
    audio: bool = False,
    legacy: bool = False,
) -> Path:
    """A projector; ``legacy`` ones (older llava converters) lack general.type."""
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = gguf.GGUFWriter(path, "clip")
    if not legacy:
        writer.add_type("mmproj")
    writer.add_bool("clip.has_vision_encoder", vision)
    writer.add_bool("clip.has_audio_encoder", audio)
    writer.add_uint32(
        "clip.vision.projection_dim" if vision else "clip.audio.projection_dim", projection_dim
    )
    writer.add_tensor("mm.0.weight", np.zeros((projection_dim, 8), np.float16))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


def write_whisper(path: Path, n_mels: int = 80) -> Path:
    """The header of a whisper.cpp ggml model (magic + 11 int32 hyperparameters)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    hparams = (51864, 1500, 384, 6, 4, 448, 384, 6, 4, n_mels, 1)
    path.write_bytes(struct.pack("<I11i", 0x67676D6C, *hparams) + b"\0" * 256)
    return path


def write_hf_dir(
    folder: Path,
    config: dict[str, object] | None = None,
    weights: tuple[str, ...] = ("model.safetensors",),
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    config = (
        config
        if config is not None
        else {"model_type": "qwen2", "architectures": ["Qwen2ForCausalLM"]}
    )
    (folder / "config.json").write_text(json.dumps(config), encoding="utf-8")
    for name in weights:
        (folder / name).write_bytes(b"\0" * 1000)
    return folder


def write_hub_repo(
    hub: Path,
    repo_id: str,
    revisions: dict[str, float],
    config: dict[str, object] | None = None,
    main: str | None = None,
) -> Path:
    """A Hugging Face hub cache repo whose snapshot files are symlinks into blobs/."""
    repo = hub / ("models--" + repo_id.replace("/", "--"))
    blobs = repo / "blobs"
    blobs.mkdir(parents=True, exist_ok=True)
    for number, (revision, mtime) in enumerate(revisions.items()):
        snapshot = repo / "snapshots" / revision
        snapshot.mkdir(parents=True)
        blob_config = blobs / f"config{number}"
        blob_config.write_text(
            json.dumps(config or {"model_type": "llama", "architectures": ["LlamaForCausalLM"]}),
            encoding="utf-8",
        )
        blob_weights = blobs / f"weights{number}"
        blob_weights.write_bytes(b"\0" * 5000)
        (snapshot / "config.json").symlink_to(os.path.relpath(blob_config, snapshot))
        (snapshot / "model.safetensors").symlink_to(os.path.relpath(blob_weights, snapshot))
        os.utime(snapshot, (mtime, mtime))
    if main is not None:
        (repo / "refs").mkdir()
        (repo / "refs" / "main").write_text(main, encoding="utf-8")
    return repo


def only(models: list[DiscoveredModel]) -> DiscoveredModel:
    assert len(models) == 1, [m.path for m in models]
    return models[0]


def by_name(models: list[DiscoveredModel]) -> dict[str, DiscoveredModel]:
    return {m.display_name: m for m in models}


# --- default_model_dirs --------------------------------------------------------------


def test_default_dirs_without_environment(tmp_path: Path) -> None:
    assert default_model_dirs(home=tmp_path, environ={}) == [
        Path("/models"),
        tmp_path / "models",
        tmp_path / ".cache" / "huggingface" / "hub",
        tmp_path / ".cache" / "modelscope" / "hub",
    ]


def test_default_dirs_hf_hub_cache_wins(tmp_path: Path) -> None:
    env = {"HF_HUB_CACHE": "/data/hf", "HF_HOME": "/data/hfhome", "MODELSCOPE_CACHE": "/data/ms"}
    dirs = default_model_dirs(home=tmp_path, environ=env)
    assert Path("/data/hf") in dirs
    assert Path("/data/hfhome/hub") not in dirs
    assert dirs[-1] == Path("/data/ms")


def test_default_dirs_hf_home(tmp_path: Path) -> None:
    dirs = default_model_dirs(home=tmp_path, environ={"HF_HOME": "~/hf"})
    assert dirs[2] == tmp_path / "hf" / "hub"  # "~" means the given home


def test_default_dirs_xdg_cache_and_empty_values(tmp_path: Path) -> None:
    env = {"HF_HUB_CACHE": "", "XDG_CACHE_HOME": "/xdg"}
    assert default_model_dirs(home=tmp_path, environ=env)[2] == Path("/xdg/huggingface/hub")


def test_default_dirs_are_unique(tmp_path: Path) -> None:
    env = {"HF_HUB_CACHE": str(tmp_path / "models")}
    dirs = default_model_dirs(home=tmp_path, environ=env)
    assert dirs.count(tmp_path / "models") == 1
    assert len(dirs) == 3


# --- GGUF ----------------------------------------------------------------------------


def test_plain_gguf(tmp_path: Path) -> None:
    path = write_gguf(tmp_path / "Llama-3.2-1B-Q4_K_M.gguf")

    model = only(scan_models([tmp_path]))

    assert model.kind is ModelKind.GGUF
    assert model.path == path
    assert model.display_name == "Llama-3.2-1B-Q4_K_M"
    assert model.size_bytes == path.stat().st_size
    assert model.engine is Engine.LLAMA_CPP
    assert model.role is Role.CHAT
    assert model.mmproj is None
    assert model.gguf is not None and model.gguf.quantization == "F16"
    assert model.problem is None


def test_mmproj_is_paired_not_listed(tmp_path: Path) -> None:
    model_path = write_gguf(tmp_path / "vl" / "Qwen2.5-VL-3B-Q4_K_M.gguf")
    projector = write_mmproj(tmp_path / "vl" / "mmproj-Qwen2.5-VL-3B-f16.gguf")

    model = only(scan_models([tmp_path]))

    assert model.path == model_path
    assert model.mmproj == projector
    assert model.role is Role.VISION
    assert model.mmproj_info is not None and model.mmproj_info.is_projector


def test_mmproj_only_pairs_within_its_folder(tmp_path: Path) -> None:
    write_gguf(tmp_path / "a" / "model.gguf")
    write_mmproj(tmp_path / "b" / "mmproj.gguf")
    model = only(scan_models([tmp_path]))
    assert model.mmproj is None
    assert model.role is Role.CHAT


def test_mmproj_pairs_by_embedding_size(tmp_path: Path) -> None:
    # One flat folder, two models of different widths, one projector each.
    write_gguf(tmp_path / "small.gguf", n_embd=64)
    write_gguf(tmp_path / "large.gguf", n_embd=128)
    small_proj = write_mmproj(tmp_path / "mmproj-x.gguf", projection_dim=64)
    large_proj = write_mmproj(tmp_path / "mmproj-y.gguf", projection_dim=128)

    models = by_name(scan_models([tmp_path]))

    assert set(models) == {"small", "large"}
    assert models["small"].mmproj == small_proj
    assert models["large"].mmproj == large_proj


def test_mismatched_mmproj_is_not_paired(tmp_path: Path) -> None:
    write_gguf(tmp_path / "text-only.gguf", n_embd=64)
    write_mmproj(tmp_path / "mmproj-other.gguf", projection_dim=4096)
    model = only(scan_models([tmp_path]))
    assert model.mmproj is None
    assert model.role is Role.CHAT


def test_legacy_mmproj_pairs_by_width_when_a_model_matches_it(tmp_path: Path) -> None:
    write_gguf(tmp_path / "tiny-llama.gguf", n_embd=64)
    write_gguf(tmp_path / "SmolLM2.gguf", n_embd=96)
    projector = write_mmproj(tmp_path / "tiny-mmproj.gguf", projection_dim=64, legacy=True)

    models = by_name(scan_models([tmp_path]))

    assert models["tiny-llama"].mmproj == projector
    assert models["SmolLM2"].mmproj is None
    assert models["SmolLM2"].role is Role.CHAT


def test_legacy_mmproj_with_clip_projection_dim_still_pairs(tmp_path: Path) -> None:
    # llava-1.5 era files store CLIP's 768 there, beside a 4096-wide model.
    write_gguf(tmp_path / "llava-v1.5-7b-Q4_K.gguf", n_embd=128)
    projector = write_mmproj(tmp_path / "mmproj-model-f16.gguf", projection_dim=32, legacy=True)
    assert only(scan_models([tmp_path])).mmproj == projector


def test_mmproj_with_the_closest_name_wins(tmp_path: Path) -> None:
    write_gguf(tmp_path / "gemma-3-4b-it-Q4_K_M.gguf")
    write_mmproj(tmp_path / "mmproj-aaa-f16.gguf")
    closest = write_mmproj(tmp_path / "mmproj-gemma-3-4b-it-f16.gguf")
    assert only(scan_models([tmp_path])).mmproj == closest


def test_audio_only_projector_makes_a_transcription_model(tmp_path: Path) -> None:
    write_gguf(tmp_path / "ultravox.gguf")
    write_mmproj(tmp_path / "mmproj-ultravox.gguf", vision=False, audio=True)
    assert only(scan_models([tmp_path])).role is Role.TRANSCRIPTION


def test_split_gguf_lists_only_the_first_shard(tmp_path: Path) -> None:
    shards = [write_gguf(tmp_path / f"DeepSeek-Q2_K-{n:05d}-of-00003.gguf") for n in (1, 2, 3)]

    model = only(scan_models([tmp_path]))

    assert model.path == shards[0]
    assert model.display_name == "DeepSeek-Q2_K"
    assert model.size_bytes == sum(p.stat().st_size for p in shards)
    assert model.problem is None


def test_split_gguf_with_missing_shard_has_a_problem(tmp_path: Path) -> None:
    write_gguf(tmp_path / "m-00001-of-00002.gguf")
    model = only(scan_models([tmp_path]))
    assert model.problem is not None
    assert "m-00002-of-00002.gguf" in model.problem


def test_adapters_and_imatrix_files_are_not_models(tmp_path: Path) -> None:
    write_gguf(tmp_path / "model.gguf")
    write_gguf(tmp_path / "lora.gguf", extra=lambda w: w.add_type("adapter"))
    write_gguf(tmp_path / "imatrix.gguf", extra=lambda w: w.add_type("imatrix"))
    assert only(scan_models([tmp_path])).display_name == "model"


def test_cjk_names(tmp_path: Path) -> None:
    path = write_gguf(tmp_path / "模型" / "测试.gguf")
    model = only(scan_models([tmp_path]))
    assert model.path == path
    assert model.display_name == "测试"
    assert model.problem is None


# --- broken files are listed, never fatal -------------------------------------------


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "empty"),
        (b"PK\x03\x04" + b"\0" * 100, "not a GGUF"),
    ],
)
def test_unreadable_gguf_is_listed_with_its_problem(
    tmp_path: Path, content: bytes, words: str
) -> None:
    good = write_gguf(tmp_path / "good.gguf")
    bad = tmp_path / "坏.gguf"
    bad.write_bytes(content)

    models = by_name(scan_models([tmp_path]))

    assert models["good"].path == good and models["good"].problem is None
    assert models["坏"].path == bad
    assert models["坏"].problem is not None and words in models["坏"].problem
    assert models["坏"].gguf is None


def test_truncated_gguf_is_listed_with_its_problem(tmp_path: Path) -> None:
    path = write_gguf(tmp_path / "cut.gguf")
    path.write_bytes(path.read_bytes()[:-50])
    model = only(scan_models([tmp_path]))
    assert model.problem is not None and "truncated" in model.problem
    assert model.size_bytes == path.stat().st_size


def test_corrupt_projector_is_listed_not_paired(tmp_path: Path) -> None:
    write_gguf(tmp_path / "model.gguf")
    (tmp_path / "mmproj-model.gguf").write_bytes(b"GGUF\x03\0\0\0")
    models = by_name(scan_models([tmp_path]))
    assert models["model"].mmproj is None
    assert models["mmproj-model"].problem is not None


# --- whisper.cpp ---------------------------------------------------------------------


def test_whisper_ggml(tmp_path: Path) -> None:
    path = write_whisper(tmp_path / "whisper" / "ggml-base.en.bin")

    model = only(scan_models([tmp_path]))

    assert model.kind is ModelKind.WHISPER_GGML
    assert model.path == path
    assert model.engine is Engine.WHISPER_CPP
    assert model.role is Role.TRANSCRIPTION
    assert model.display_name == "whisper base.en"
    assert model.size_bytes == path.stat().st_size
    assert model.problem is None


def test_whisper_large_v3_has_128_mel_bands(tmp_path: Path) -> None:
    write_whisper(tmp_path / "ggml-large-v3.bin", n_mels=128)
    assert only(scan_models([tmp_path])).problem is None


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "empty"),
        (b"GGUF" + b"\0" * 60, "not a whisper.cpp"),
        (b"lmgg\x01\x00", "truncated"),
        (struct.pack("<I11i", 0x67676D6C, *([7] * 11)), "not a whisper.cpp"),
    ],
)
def test_broken_whisper_file_has_a_problem(tmp_path: Path, content: bytes, words: str) -> None:
    (tmp_path / "ggml-small.bin").write_bytes(content)
    model = only(scan_models([tmp_path]))
    assert model.problem is not None and words in model.problem


def test_non_model_ggml_files_are_ignored(tmp_path: Path) -> None:
    write_whisper(tmp_path / "ggml-base.en-encoder-openvino.bin")
    write_whisper(tmp_path / "ggml-silero-v5.1.2.bin")
    write_whisper(tmp_path / "other.bin")
    assert scan_models([tmp_path]) == []


# --- Hugging Face folders ------------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "role"),
    [
        ({"model_type": "qwen2", "architectures": ["Qwen2ForCausalLM"]}, Role.CHAT),
        ({"model_type": "whisper"}, Role.TRANSCRIPTION),
        ({"architectures": ["WhisperForConditionalGeneration"]}, Role.TRANSCRIPTION),
        ({"model_type": "llava", "vision_config": {}}, Role.VISION),
        ({"architectures": ["Qwen2_5_VLForConditionalGeneration"]}, Role.VISION),
        ({"architectures": ["MistralForCausalLM"]}, Role.CHAT),
        ({"architectures": ["Idefics3VisionModel"]}, Role.VISION),
    ],
)
def test_hf_dir_role(tmp_path: Path, config: dict[str, object], role: Role) -> None:
    folder = write_hf_dir(tmp_path / "m", config)
    model = only(scan_models([tmp_path]))
    assert model.kind is ModelKind.HF_DIR
    assert model.path == folder
    assert model.engine is Engine.VLLM
    assert model.role is role
    assert model.problem is None


def test_hf_dir_size_and_name(tmp_path: Path) -> None:
    folder = write_hf_dir(tmp_path / "my-finetune", weights=("a.safetensors", "b.safetensors"))
    model = only(scan_models([tmp_path]))
    assert model.display_name == "my-finetune"
    assert model.hf_id is None
    assert model.size_bytes == sum(p.stat().st_size for p in folder.iterdir())


def test_hf_dir_without_weights_has_a_problem(tmp_path: Path) -> None:
    write_hf_dir(tmp_path / "m", weights=())
    model = only(scan_models([tmp_path]))
    assert model.problem is not None and "no weight files" in model.problem


def test_hf_dir_with_missing_index_shards_has_a_problem(tmp_path: Path) -> None:
    folder = write_hf_dir(tmp_path / "m", weights=("model-00001-of-00002.safetensors",))
    index = {
        "weight_map": {
            "a": "model-00001-of-00002.safetensors",
            "b": "model-00002-of-00002.safetensors",
        }
    }
    (folder / "model.safetensors.index.json").write_text(json.dumps(index), encoding="utf-8")
    model = only(scan_models([tmp_path]))
    assert model.problem is not None and "model-00002-of-00002.safetensors" in model.problem


def test_invalid_config_json_is_listed_with_a_problem(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "config.json").write_text("{not json", encoding="utf-8")
    model = only(scan_models([tmp_path]))
    assert model.path == folder
    assert model.problem is not None and "config.json is not valid JSON" in model.problem


def test_non_transformers_config_is_ignored(tmp_path: Path) -> None:
    # A faster-whisper (CTranslate2) export: config.json without model_type.
    write_hf_dir(tmp_path / "ct2", {"alignment_heads": [], "lang_ids": []}, weights=("model.bin",))
    assert scan_models([tmp_path]) == []


def test_diffusers_pipeline_parts_are_not_models(tmp_path: Path) -> None:
    pipeline = tmp_path / "sdxl"
    write_hf_dir(pipeline / "text_encoder", {"model_type": "clip_text_model"})
    (pipeline / "model_index.json").write_text("{}", encoding="utf-8")
    assert scan_models([tmp_path]) == []


# --- Hugging Face hub cache ----------------------------------------------------------


def test_hub_cache_newest_snapshot_only(tmp_path: Path) -> None:
    hub = tmp_path / "hub"
    repo = write_hub_repo(hub, "Qwen/Qwen2.5-7B-Instruct", {"old1": 1_000_000, "new2": 2_000_000})

    model = only(scan_models([hub]))

    assert model.kind is ModelKind.HF_DIR
    assert model.path == repo / "snapshots" / "new2"
    assert model.hf_id == "Qwen/Qwen2.5-7B-Instruct"
    assert model.display_name == "Qwen/Qwen2.5-7B-Instruct"
    # Sizes follow the snapshot's symlinks into blobs/.
    blobs = repo / "blobs"
    assert model.size_bytes == sum((blobs / n).stat().st_size for n in ("config1", "weights1"))
    assert model.problem is None


def test_hub_cache_prefers_refs_main(tmp_path: Path) -> None:
    hub = tmp_path / "hub"
    repo = write_hub_repo(hub, "a/b", {"aaa": 1_000_000, "bbb": 2_000_000}, main="aaa")
    assert newest_snapshot(repo) == repo / "snapshots" / "aaa"
    assert only(scan_models([hub])).path == repo / "snapshots" / "aaa"


def test_hub_cache_ref_to_missing_snapshot_falls_back_to_newest(tmp_path: Path) -> None:
    repo = write_hub_repo(tmp_path, "a/b", {"x": 2_000_000, "y": 1_000_000}, main="gone")
    assert newest_snapshot(repo) == repo / "snapshots" / "x"


def test_hub_cache_vision_model(tmp_path: Path) -> None:
    config = {"architectures": ["Qwen2_5_VLForConditionalGeneration"], "model_type": "qwen2_5_vl"}
    write_hub_repo(tmp_path, "Qwen/Qwen2.5-VL-7B-Instruct-AWQ", {"r": 1.0}, config=config)
    assert only(scan_models([tmp_path])).role is Role.VISION


def test_hub_cache_gguf_repo(tmp_path: Path) -> None:
    repo = tmp_path / "models--bartowski--Llama-GGUF"
    blob = write_gguf(repo / "blobs" / "abc123")
    snapshot = repo / "snapshots" / "rev"
    snapshot.mkdir(parents=True)
    (snapshot / "Llama-Q4_K_M.gguf").symlink_to(os.path.relpath(blob, snapshot))

    model = only(scan_models([tmp_path]))

    assert model.kind is ModelKind.GGUF
    assert model.path == snapshot / "Llama-Q4_K_M.gguf"  # the name, not the blob
    assert model.hf_id == "bartowski/Llama-GGUF"
    assert model.size_bytes == blob.stat().st_size


def test_hub_cache_datasets_and_empty_repos_are_skipped(tmp_path: Path) -> None:
    write_hf_dir(tmp_path / "datasets--org--data" / "snapshots" / "r")
    (tmp_path / "models--org--empty" / "snapshots").mkdir(parents=True)
    assert scan_models([tmp_path]) == []


# --- ModelScope cache ----------------------------------------------------------------


def test_modelscope_layouts(tmp_path: Path) -> None:
    hub = tmp_path / "modelscope" / "hub"
    old = write_hf_dir(hub / "Qwen" / "Qwen2___5-7B-Instruct")
    new = write_hf_dir(hub / "models" / "ZhipuAI" / "glm-4-9b-chat")

    models = by_name(scan_models([hub]))

    assert models["Qwen/Qwen2.5-7B-Instruct"].path == old
    assert models["ZhipuAI/glm-4-9b-chat"].path == new
    # A ModelScope id is not a Hugging Face id: vLLM must get the local path.
    assert all(m.hf_id is None for m in models.values())


def test_modelscope_hidden_temp_dirs_are_skipped(tmp_path: Path) -> None:
    write_hf_dir(tmp_path / "._____temp" / "Qwen" / "Qwen3")
    assert scan_models([tmp_path]) == []


# --- the walk itself -----------------------------------------------------------------


def test_missing_dirs_are_skipped(tmp_path: Path) -> None:
    write_gguf(tmp_path / "real" / "m.gguf")
    models = scan_models([tmp_path / "nope", tmp_path / "real", tmp_path / "real" / "m.gguf"])
    assert [m.display_name for m in models] == ["m"]


def test_symlink_loop_terminates_without_duplicates(tmp_path: Path) -> None:
    write_gguf(tmp_path / "models" / "m.gguf")
    (tmp_path / "models" / "loop").symlink_to(tmp_path / "models")
    (tmp_path / "models" / "sub").mkdir()
    (tmp_path / "models" / "sub" / "back").symlink_to(tmp_path)
    assert len(scan_models([tmp_path], max_depth=10)) == 1


def test_each_real_folder_is_listed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Deduping the results is not enough: without tracking visited folders, two
    # loops at depth 10 would mean thousands of listings.
    root = tmp_path / "tree"
    (root / "a").mkdir(parents=True)
    (root / "a" / "loop1").symlink_to(root)
    (root / "a" / "loop2").symlink_to(root / "a")
    listed: list[str] = []
    real_list_dir = discovery._list_dir

    def counting_list_dir(directory: Path) -> discovery._Listing:
        listed.append(os.path.realpath(directory))
        return real_list_dir(directory)

    monkeypatch.setattr(discovery, "_list_dir", counting_list_dir)
    scan_models([root, root / "a"], max_depth=10)
    assert sorted(listed) == [os.path.realpath(root), os.path.realpath(root / "a")]


def test_overlapping_and_linked_roots_are_deduped(tmp_path: Path) -> None:
    write_gguf(tmp_path / "models" / "m.gguf")
    (tmp_path / "link").symlink_to(tmp_path / "models")
    (tmp_path / "models" / "alias.gguf").symlink_to(tmp_path / "models" / "m.gguf")
    roots = [tmp_path / "models", tmp_path / "link", tmp_path]
    assert len(scan_models(roots)) == 1


def test_max_depth(tmp_path: Path) -> None:
    deep = write_gguf(tmp_path / "1" / "2" / "3" / "deep.gguf")
    assert scan_models([tmp_path], max_depth=2) == []
    assert only(scan_models([tmp_path], max_depth=3)).path == deep


def test_results_are_sorted_by_name(tmp_path: Path) -> None:
    write_gguf(tmp_path / "b" / "Beta.gguf")
    write_whisper(tmp_path / "ggml-tiny.bin")
    write_gguf(tmp_path / "alpha.gguf")
    names = [m.display_name for m in scan_models([tmp_path])]
    assert names == ["alpha", "Beta", "whisper tiny"]


# --- profile_from_model --------------------------------------------------------------


def test_profile_for_gguf_with_mmproj(tmp_path: Path) -> None:
    model_path = write_gguf(tmp_path / "vl.gguf", ctx=32768)
    projector = write_mmproj(tmp_path / "mmproj-vl.gguf")
    model = only(scan_models([tmp_path]))

    profile = profile_from_model(model, port=8081)

    assert profile.engine is Engine.LLAMA_CPP
    assert profile.model == str(model_path)
    assert profile.port == 8081
    assert profile.role is Role.VISION
    assert profile.name == "vl"
    assert profile.args == ["--ctx-size", "4096", "--mmproj", str(projector)]


def test_profile_ctx_follows_a_short_trained_context(tmp_path: Path) -> None:
    write_gguf(tmp_path / "m.gguf", ctx=2048)
    profile = profile_from_model(only(scan_models([tmp_path])), port=1, name="Mine")
    assert profile.args == ["--ctx-size", "2048"]
    assert profile.name == "Mine"


def test_profile_for_whisper(tmp_path: Path) -> None:
    path = write_whisper(tmp_path / "ggml-base.bin")
    profile = profile_from_model(only(scan_models([tmp_path])), port=8090)
    assert profile.engine is Engine.WHISPER_CPP
    assert profile.role is Role.TRANSCRIPTION
    assert profile.model == str(path)
    assert profile.args == []


def test_profile_for_hub_model_uses_the_repo_id(tmp_path: Path) -> None:
    write_hub_repo(tmp_path, "Qwen/Qwen2.5-7B-Instruct", {"r": 1.0})
    profile = profile_from_model(only(scan_models([tmp_path])), port=8000)
    assert profile.engine is Engine.VLLM
    assert profile.model == "Qwen/Qwen2.5-7B-Instruct"
    assert profile.args == ["--served-model-name", "Qwen2.5-7B-Instruct"]
    assert profile.model_path() is None  # a hub id, as ServerProfile sees it


def test_vllm_profiles_run_in_the_container_unless_vllm_is_installed(tmp_path: Path) -> None:
    write_hub_repo(tmp_path / "hub", "Qwen/Qwen2.5-7B-Instruct", {"r": 1.0})
    model = only(scan_models([tmp_path / "hub"]))
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    # No vllm here: the seed's way, NVIDIA's container with its mounts.
    boxed = profile_from_model(model, port=8000, path_env=str(bin_dir))
    assert boxed.container == ContainerSpec()
    vllm = bin_dir / "vllm"
    vllm.write_text("#!/bin/sh\n")
    vllm.chmod(0o755)
    assert profile_from_model(model, port=8000, path_env=str(bin_dir)).container is None


def test_profile_for_local_hf_dir_uses_the_path(tmp_path: Path) -> None:
    folder = write_hf_dir(tmp_path / "models" / "ZhipuAI" / "glm-4-9b-chat")
    model = only(scan_models([tmp_path / "models"]))
    profile = profile_from_model(model, port=8000)
    assert profile.model == str(folder)
    assert profile.args == ["--served-model-name", "glm-4-9b-chat"]
    assert served_model_name(model) == "glm-4-9b-chat"


@pytest.mark.parametrize("kind", ["gguf", "whisper", "hf"])
def test_profile_args_never_hold_host_port_or_model(tmp_path: Path, kind: str) -> None:
    if kind == "gguf":
        write_gguf(tmp_path / "m.gguf")
        write_mmproj(tmp_path / "mmproj.gguf")
    elif kind == "whisper":
        write_whisper(tmp_path / "ggml-base.bin")
    else:
        write_hf_dir(tmp_path / "m")
    profile = profile_from_model(only(scan_models([tmp_path])), port=9000)
    assert not {"--host", "--port", "-m", "--model", "9000"} & set(profile.args)
    assert profile.model and profile.model not in profile.args
