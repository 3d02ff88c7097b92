"""Fuzzing the GGUF header reader with truncated and corrupt files: it raises
ModelFileError or returns facts, never anything else, and a huge declared length costs
neither memory nor time."""

from __future__ import annotations

import struct
import tempfile
import time
import tracemalloc
from pathlib import Path

import gguf
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from panel.core.models.gguf_info import GgufInfo, ModelFileError, read_gguf_info

FUZZ = settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
U8, I32, F32, STRING, ARRAY = 0, 5, 6, 8, 9  # GGUFValueType


def small_model() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "m.gguf"
        writer = gguf.GGUFWriter(path, "llama")
        writer.add_context_length(4096)
        writer.add_block_count(2)
        writer.add_head_count(4)
        writer.add_head_count_kv([2, 4])
        writer.add_name("tiny")
        writer.add_token_list(["a", "b", "c"])
        writer.add_array("x.nested", [[1, 2], [3]])
        writer.add_tensor("token_embd.weight", np.zeros((4, 8), np.float16))
        writer.write_header_to_file()
        writer.write_kv_data_to_file()
        writer.write_tensors_to_file()
        writer.close()
        return path.read_bytes()


MODEL = small_model()


def read(data: bytes) -> GgufInfo | ModelFileError:
    with tempfile.TemporaryDirectory() as name:
        path = Path(name) / "model.gguf"
        path.write_bytes(data)
        try:
            return read_gguf_info(path)
        except ModelFileError as exc:
            assert "\n" not in str(exc)
            return exc


def test_the_model_reads() -> None:
    info = read(MODEL)
    assert isinstance(info, GgufInfo) and info.name == "tiny" and info.context_length == 4096


@FUZZ
@given(st.integers(min_value=0, max_value=len(MODEL) - 1))
def test_every_truncation_is_a_model_file_error(length: int) -> None:
    found = read(MODEL[:length])
    assert isinstance(found, ModelFileError)
    assert "truncated" in str(found) or "empty" in str(found) or "not a GGUF" in str(found)


@FUZZ
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=len(MODEL) - 1), st.binary(min_size=1, max_size=8)
        ),
        min_size=1,
        max_size=6,
    )
)
def test_corrupt_bytes_give_facts_or_a_model_file_error(patches: list[tuple[int, bytes]]) -> None:
    data = bytearray(MODEL)
    for offset, replacement in patches:
        data[offset : offset + len(replacement)] = replacement
    read(bytes(data))  # anything but ModelFileError propagates and fails the test


@FUZZ
@given(st.binary(max_size=200))
def test_random_bytes_after_the_magic(tail: bytes) -> None:
    assert isinstance(read(b"GGUF" + tail), (GgufInfo, ModelFileError))


def header(kv_count: int, tensor_count: int = 0) -> bytes:
    return b"GGUF" + struct.pack("<IQQ", 3, tensor_count, kv_count)


def key(name: bytes) -> bytes:
    return struct.pack("<Q", len(name)) + name


@pytest.mark.parametrize(
    "data",
    [
        # a string that claims 2**63 bytes
        header(1) + key(b"general.name") + struct.pack("<IQ", STRING, 2**63) + b"x" * 64,
        # a key name that claims 2**64-1 bytes
        header(1) + struct.pack("<Q", 2**64 - 1) + b"x" * 64,
        # a numeric array of 2**62 items, and one of 2**64-1
        header(1) + key(b"a") + struct.pack("<IIQ", ARRAY, F32, 2**62) + b"\0" * 64,
        header(1) + key(b"a") + struct.pack("<IIQ", ARRAY, U8, 2**64 - 1) + b"\0" * 64,
        # an array of 2**60 strings, and of 2**60 arrays
        header(1) + key(b"a") + struct.pack("<IIQ", ARRAY, STRING, 2**60) + b"\0" * 64,
        header(1) + key(b"a") + struct.pack("<IIQ", ARRAY, ARRAY, 2**60) + b"\0" * 64,
        # 2**63 metadata entries, 2**63 tensors
        header(2**63) + b"\0" * 64,
        header(0, 2**63) + b"\0" * 64,
        # a tensor with 2**32-1 dimensions, and one whose data lies far past the end
        header(0, 1) + key(b"t") + struct.pack("<I", 2**32 - 1) + b"\0" * 64,
        header(0, 1) + key(b"t") + struct.pack("<IQQIQ", 2, 2**40, 2**40, 1, 0) + b"\0" * 64,
        # arrays nested 5,000 deep (12 bytes a level): once a RecursionError
        header(1)
        + key(b"a")
        + struct.pack("<I", ARRAY)
        + struct.pack("<IQ", ARRAY, 1) * 5000
        + struct.pack("<IQ", U8, 0),
        # an unknown value type, an alignment that is not a power of two
        header(1) + key(b"a") + struct.pack("<I", 999) + b"\0" * 16,
        header(1) + key(b"general.alignment") + struct.pack("<Ii", I32, 3) + b"\0" * 16,
    ],
    ids=[
        "huge-string",
        "huge-key",
        "huge-float-array",
        "huge-byte-array",
        "huge-string-array",
        "huge-array-array",
        "huge-kv-count",
        "huge-tensor-count",
        "huge-dims",
        "data-past-end",
        "deep-nesting",
        "unknown-type",
        "bad-alignment",
    ],
)
def test_declared_sizes_cost_neither_memory_nor_time(data: bytes) -> None:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        found = read(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(found, ModelFileError), found
    assert peak < 2 * 1024**2, f"{peak} bytes allocated"
    assert time.perf_counter() - started < 2.0
