"""GGUF header reading against real files written by gguf.GGUFWriter."""

from __future__ import annotations

import struct
from collections.abc import Callable
from pathlib import Path

import gguf
import numpy as np
import pytest
from gguf import GGMLQuantizationType, LlamaFileType
from hypothesis import given, settings
from hypothesis import strategies as st

from panel.core.models.gguf_info import (
    FILE_TYPE_GUESSED,
    GgufInfo,
    ModelFileError,
    read_gguf_info,
    split_shard_info,
)

N_EMBD, N_LAYER, N_HEAD, N_HEAD_KV, N_FF, N_VOCAB = 64, 2, 4, 2, 96, 32


def write_gguf(
    path: Path,
    *,
    arch: str = "llama",
    name: str | None = "tiny-test-llama",
    file_type: int | None = LlamaFileType.MOSTLY_F16,
    tensors: dict[str, np.ndarray] | None = None,
    extra: Callable[[gguf.GGUFWriter], None] | None = None,
    endianess: gguf.GGUFEndian = gguf.GGUFEndian.LITTLE,
) -> Path:
    """A small but complete llama-style GGUF: metadata plus a few tensors."""
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = gguf.GGUFWriter(path, arch, endianess=endianess)
    if name is not None:
        writer.add_name(name)
    if arch != "clip":
        writer.add_context_length(2048)
        writer.add_embedding_length(N_EMBD)
        writer.add_block_count(N_LAYER)
        writer.add_feed_forward_length(N_FF)
        writer.add_head_count(N_HEAD)
        writer.add_head_count_kv(N_HEAD_KV)
        writer.add_token_list([f"tok{i}" for i in range(N_VOCAB)])
    if file_type is not None:
        writer.add_file_type(file_type)
    if extra is not None:
        extra(writer)
    for tensor_name, data in (tensors if tensors is not None else llama_tensors()).items():
        writer.add_tensor(tensor_name, data)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


def llama_tensors() -> dict[str, np.ndarray]:
    f16 = np.float16
    tensors = {
        "token_embd.weight": np.zeros((N_VOCAB, N_EMBD), f16),
        "output_norm.weight": np.ones(N_EMBD, np.float32),
    }
    for i in range(N_LAYER):
        tensors[f"blk.{i}.attn_q.weight"] = np.zeros((N_EMBD, N_EMBD), f16)
        tensors[f"blk.{i}.ffn_up.weight"] = np.zeros((N_FF, N_EMBD), f16)
    return tensors


def element_count(tensors: dict[str, np.ndarray]) -> int:
    return sum(int(t.size) for t in tensors.values())


# --- what is read --------------------------------------------------------------------


def test_reads_llama_metadata(tmp_path: Path) -> None:
    path = write_gguf(tmp_path / "tiny.gguf")

    info = read_gguf_info(path)

    assert info.path == path
    assert info.architecture == "llama"
    assert info.name == "tiny-test-llama"
    assert info.context_length == 2048
    assert info.block_count == N_LAYER
    assert info.embedding_length == N_EMBD
    assert info.head_count == N_HEAD
    assert info.head_count_kv == N_HEAD_KV
    assert info.key_length is None and info.value_length is None
    assert info.quantization == "F16"
    assert info.parameter_count == element_count(llama_tensors())
    assert info.tensor_count == len(llama_tensors())
    assert info.file_size == path.stat().st_size
    assert info.is_projector is False
    assert info.gguf_type == "model"
    assert info.shard_paths == (path,) and info.missing_shards == ()


def test_agrees_with_gguf_reader(tmp_path: Path) -> None:
    # GGUFReader is the reference implementation; our fast path must match it.
    path = write_gguf(tmp_path / "tiny.gguf")
    reference = gguf.GGUFReader(path)

    info = read_gguf_info(path)

    assert info.tensor_count == len(reference.tensors)
    assert info.parameter_count == sum(int(t.n_elements) for t in reference.tensors)
    assert info.context_length == reference.fields["llama.context_length"].contents()


def test_stated_parameter_count_wins_over_tensor_sum(tmp_path: Path) -> None:
    path = write_gguf(
        tmp_path / "m.gguf", extra=lambda w: w.add_uint64("general.parameter_count", 7_000_000)
    )
    assert read_gguf_info(path).parameter_count == 7_000_000


def test_name_falls_back_to_file_stem(tmp_path: Path) -> None:
    path = write_gguf(tmp_path / "Qwen2.5-0.5B-Q8_0.gguf", name=None)
    assert read_gguf_info(path).name == "Qwen2.5-0.5B-Q8_0"


def test_key_and_value_length(tmp_path: Path) -> None:
    def lengths(writer: gguf.GGUFWriter) -> None:
        writer.add_key_length(192)
        writer.add_value_length(128)

    info = read_gguf_info(write_gguf(tmp_path / "m.gguf", extra=lengths))
    assert (info.key_length, info.value_length) == (192, 128)


def test_per_layer_kv_heads(tmp_path: Path) -> None:
    # Hybrid models list KV heads per layer, with 0 for recurrent layers.
    def per_layer(writer: gguf.GGUFWriter) -> None:
        writer.add_array("jamba.attention.head_count_kv", [0, 8, 0, 4])

    path = write_gguf(tmp_path / "m.gguf", arch="jamba", extra=per_layer)
    info = read_gguf_info(path)

    assert info.head_count_kv_per_layer == (0, 8, 0, 4)
    assert info.head_count_kv == 8


@pytest.mark.parametrize(
    ("file_type", "expected"),
    [
        (LlamaFileType.MOSTLY_Q4_K_M, "Q4_K_M"),
        (LlamaFileType.ALL_F32, "F32"),
        (LlamaFileType.MOSTLY_BF16, "BF16"),
        (LlamaFileType.MOSTLY_IQ4_XS, "IQ4_XS"),
        (LlamaFileType.MOSTLY_Q5_K_S | FILE_TYPE_GUESSED, "Q5_K_S"),
    ],
)
def test_quantization_from_file_type(tmp_path: Path, file_type: int, expected: str) -> None:
    # The metadata wins even though the tensors themselves are F16 here.
    path = write_gguf(tmp_path / "m.gguf", file_type=file_type)
    assert read_gguf_info(path).quantization == expected


def q8_0_tensor(rows: int, cols: int) -> np.ndarray:
    # Q8_0: blocks of 32 values stored in 34 bytes.
    return np.zeros((rows, cols // 32 * 34), np.uint8)


def write_q8_model(path: Path, file_type: int | None) -> Path:
    """A Q8_0 matrix, a smaller F16 matrix and a long F32 vector."""
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = gguf.GGUFWriter(path, "llama")
    if file_type is not None:
        writer.add_file_type(file_type)
    writer.add_tensor("big", q8_0_tensor(8, 64), raw_dtype=GGMLQuantizationType.Q8_0)
    writer.add_tensor("small", np.zeros((2, 32), np.float16))
    # 1-D tensors (norms) are F32 in every quantization: they must not decide it.
    writer.add_tensor("norm", np.zeros(4096, np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


@pytest.mark.parametrize("file_type", [None, 9999])
def test_quantization_inferred_from_dominant_tensor_type(
    tmp_path: Path, file_type: int | None
) -> None:
    # No file type, or one newer than our gguf package: look at the weights.
    info = read_gguf_info(write_q8_model(tmp_path / "m.gguf", file_type))
    assert info.quantization == "Q8_0"
    assert info.parameter_count == 8 * 64 + 2 * 32 + 4096


def test_no_tensors_no_quantization(tmp_path: Path) -> None:
    info = read_gguf_info(write_gguf(tmp_path / "vocab.gguf", file_type=None, tensors={}))
    assert info.quantization is None
    assert info.parameter_count is None
    assert info.tensor_count == 0


def test_big_endian_file(tmp_path: Path) -> None:
    path = write_gguf(tmp_path / "be.gguf", endianess=gguf.GGUFEndian.BIG)
    info = read_gguf_info(path)
    assert info.context_length == 2048
    assert info.head_count_kv == N_HEAD_KV
    assert info.parameter_count == element_count(llama_tensors())


def test_values_after_skipped_arrays_are_read(tmp_path: Path) -> None:
    # Long numeric arrays, string arrays and nested arrays are skipped, not decoded;
    # skipping must land exactly on the next key.
    def arrays(writer: gguf.GGUFWriter) -> None:
        writer.add_array("test.scores", [0.5] * 10_000)
        writer.add_array("test.words", ["α", "词", ""] * 100)
        writer.add_array("test.nested", [[1, 2], [3, 4, 5]])
        writer.add_uint32("llama.attention.key_length", 80)

    info = read_gguf_info(write_gguf(tmp_path / "m.gguf", extra=arrays))
    assert info.key_length == 80


def test_large_vocabulary_is_skipped_not_parsed(tmp_path: Path) -> None:
    # The reason this module does not use GGUFReader (seconds per file): a Qwen-size
    # vocabulary plus merges is skipped over. Values after it must still be read.
    def vocab(writer: gguf.GGUFWriter) -> None:
        writer.add_array("tokenizer.ggml.merges", [f"a{i} b{i}" for i in range(150_000)])

    path = write_gguf(tmp_path / "m.gguf", extra=vocab)
    info = read_gguf_info(path)
    assert info.block_count == N_LAYER and info.file_size == path.stat().st_size


def test_cjk_path(tmp_path: Path) -> None:
    path = write_gguf(tmp_path / "模型" / "测试.gguf", name=None)
    info = read_gguf_info(path)
    assert info.name == "测试"
    assert info.path == path


# --- projectors ----------------------------------------------------------------------


def write_mmproj(path: Path, *, general_type: str | None = "mmproj", audio: bool = False) -> Path:
    def clip_keys(writer: gguf.GGUFWriter) -> None:
        if general_type:
            writer.add_type(general_type)
        writer.add_bool("clip.has_vision_encoder", not audio)
        writer.add_bool("clip.has_audio_encoder", audio)
        prefix = "clip.audio" if audio else "clip.vision"
        writer.add_uint32(f"{prefix}.projection_dim", N_EMBD)

    tensors = {"mm.0.weight": np.zeros((N_EMBD, 32), np.float16)}
    return write_gguf(path, arch="clip", name="proj", tensors=tensors, extra=clip_keys)


def test_mmproj_is_projector(tmp_path: Path) -> None:
    info = read_gguf_info(write_mmproj(tmp_path / "mmproj-f16.gguf"))
    assert info.is_projector is True
    assert info.gguf_type == "mmproj"
    assert info.projection_dim == N_EMBD
    assert info.has_vision_encoder is True and info.has_audio_encoder is False
    assert info.context_length is None


def test_old_clip_projector_without_type(tmp_path: Path) -> None:
    info = read_gguf_info(write_mmproj(tmp_path / "mmproj.gguf", general_type=None))
    assert info.is_projector is True
    assert info.gguf_type == "model"


def test_general_type_mmproj_alone_marks_projector(tmp_path: Path) -> None:
    path = write_gguf(tmp_path / "p.gguf", extra=lambda w: w.add_type("mmproj"))
    assert read_gguf_info(path).is_projector is True


def test_audio_projector(tmp_path: Path) -> None:
    info = read_gguf_info(write_mmproj(tmp_path / "mmproj-audio.gguf", audio=True))
    assert info.has_audio_encoder is True and info.has_vision_encoder is False
    assert info.projection_dim == N_EMBD


# --- split files ---------------------------------------------------------------------


def write_split(folder: Path, base: str, count: int, skip: tuple[int, ...] = ()) -> list[Path]:
    paths = []
    for number in range(1, count + 1):
        path = folder / f"{base}-{number:05d}-of-{count:05d}.gguf"
        paths.append(path)
        if number in skip:
            continue
        tensors = {f"t{number}": np.zeros((4, 8 * number), np.float16)}
        if number == 1:
            write_gguf(path, name=None, tensors=tensors)
        else:  # later shards carry no model metadata, as gguf-split writes them
            write_gguf(path, arch="", name=None, file_type=None, tensors=tensors)
    return paths


def test_split_file_sums_all_shards(tmp_path: Path) -> None:
    paths = write_split(tmp_path, "big-model-Q4_K_M", 3)

    info = read_gguf_info(paths[0])

    assert info.file_size == sum(p.stat().st_size for p in paths)
    assert info.parameter_count == 4 * 8 + 4 * 16 + 4 * 24
    assert info.tensor_count == 3
    assert info.shard_paths == tuple(paths)
    assert info.missing_shards == ()
    assert info.name == "big-model-Q4_K_M"
    assert info.context_length == 2048


def test_split_file_with_missing_shard(tmp_path: Path) -> None:
    paths = write_split(tmp_path, "m", 3, skip=(2,))
    info = read_gguf_info(paths[0])
    assert info.missing_shards == (paths[1],)
    assert info.file_size == paths[0].stat().st_size + paths[2].stat().st_size


def test_corrupt_later_shard_is_named(tmp_path: Path) -> None:
    paths = write_split(tmp_path, "m", 2)
    paths[1].write_bytes(b"junk" * 10)
    with pytest.raises(ModelFileError) as caught:
        read_gguf_info(paths[0])
    assert caught.value.path == paths[1]
    assert paths[1].name in str(caught.value)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("x-00001-of-00003.gguf", ("x", 1, 3)),
        ("Qwen3-235B-Q4_K_M-00002-of-00004.GGUF", ("Qwen3-235B-Q4_K_M", 2, 4)),
        ("x-0001-of-0003.gguf", None),
        ("x.gguf", None),
    ],
)
def test_split_shard_info(name: str, expected: tuple[str, int, int] | None) -> None:
    assert split_shard_info(Path(name)) == expected


# --- errors --------------------------------------------------------------------------


def assert_one_line_error(error: ModelFileError, path: Path, words: str) -> None:
    message = str(error)
    assert "\n" not in message
    assert str(path) in message
    assert words in message


def raises_model_error(path: Path) -> ModelFileError:
    with pytest.raises(ModelFileError) as caught:
        read_gguf_info(path)
    assert isinstance(caught.value, ValueError)  # callers may catch ValueError
    return caught.value


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.gguf"
    assert_one_line_error(raises_model_error(path), path, "not found")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.gguf"
    path.touch()
    assert_one_line_error(raises_model_error(path), path, "empty")


def test_folder_instead_of_file(tmp_path: Path) -> None:
    path = tmp_path / "folder.gguf"
    path.mkdir()
    assert_one_line_error(raises_model_error(path), path, "folder")


@pytest.mark.parametrize("content", [b"PK\x03\x04" + b"\0" * 60, b"ggml" * 20, b"X"])
def test_not_a_gguf(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "model.gguf"
    path.write_bytes(content)
    assert_one_line_error(raises_model_error(path), path, "not a GGUF file")


def test_magic_prefix_only_is_truncated(tmp_path: Path) -> None:
    path = tmp_path / "model.gguf"
    path.write_bytes(b"GGU")
    assert_one_line_error(raises_model_error(path), path, "truncated")


def test_unsupported_version(tmp_path: Path) -> None:
    path = tmp_path / "v1.gguf"
    path.write_bytes(b"GGUF" + struct.pack("<IQQ", 1, 0, 0))
    assert_one_line_error(raises_model_error(path), path, "version 1")


def test_absurd_tensor_count_is_rejected_quickly(tmp_path: Path) -> None:
    path = tmp_path / "m.gguf"
    path.write_bytes(b"GGUF" + struct.pack("<IQQ", 3, 2**62, 0))
    assert_one_line_error(raises_model_error(path), path, "truncated")


def test_unknown_value_type_is_corrupt(tmp_path: Path) -> None:
    key = b"general.name"
    path = tmp_path / "m.gguf"
    path.write_bytes(
        b"GGUF" + struct.pack("<IQQQ", 3, 0, 1, len(key)) + key + struct.pack("<I", 77)
    )
    assert_one_line_error(raises_model_error(path), path, "corrupt")


def test_bad_alignment_is_corrupt(tmp_path: Path) -> None:
    path = write_gguf(tmp_path / "m.gguf", extra=lambda w: w.add_uint32("general.alignment", 24))
    assert_one_line_error(raises_model_error(path), path, "power of two")


def test_truncated_tensor_data(tmp_path: Path) -> None:
    path = write_gguf(tmp_path / "m.gguf")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 100])
    assert_one_line_error(raises_model_error(path), path, "truncated")


def test_newline_in_file_name_keeps_message_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "two\nlines.gguf"
    path.write_bytes(b"nope")
    message = str(raises_model_error(path))
    assert "\n" not in message
    assert "two\\nlines.gguf" in message


def test_cjk_path_in_error(tmp_path: Path) -> None:
    path = tmp_path / "模型" / "坏的.gguf"
    path.parent.mkdir()
    path.write_bytes(b"\0" * 64)
    assert_one_line_error(raises_model_error(path), path, "not a GGUF file")


# --- any damage is a ModelFileError, never a crash ------------------------------------


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, int, Path]:
    folder = tmp_path_factory.mktemp("fuzz")
    path = write_gguf(folder / "pristine.gguf")
    data = path.read_bytes()
    # The file must end exactly where the last tensor does, or a cut into trailing
    # padding would (rightly) still read.
    reference = gguf.GGUFReader(path)
    assert max(t.data_offset + t.n_bytes for t in reference.tensors) == len(data)
    return data, reference.data_offset, folder / "damaged.gguf"


@settings(max_examples=150)
@given(cut=st.integers(min_value=1, max_value=10**9))
def test_any_truncation_is_reported(pristine: tuple[bytes, int, Path], cut: int) -> None:
    data, _, path = pristine
    path.write_bytes(data[: cut % len(data) or 1])
    with pytest.raises(ModelFileError) as caught:
        read_gguf_info(path)
    assert "truncated" in str(caught.value) or "not a GGUF" in str(caught.value)


@settings(max_examples=300)
@given(
    offset=st.integers(min_value=0, max_value=10**9),
    junk=st.binary(min_size=1, max_size=16),
)
def test_header_damage_never_crashes(
    pristine: tuple[bytes, int, Path], offset: int, junk: bytes
) -> None:
    # Damage anywhere in the metadata and tensor directory (tensor data is opaque).
    data, header_size, path = pristine
    at = offset % header_size
    path.write_bytes(data[:at] + junk + data[at + len(junk) :])
    try:
        info = read_gguf_info(path)
    except ModelFileError as error:
        assert str(path) in str(error)
    else:
        assert isinstance(info, GgufInfo)
