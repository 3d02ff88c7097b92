"""What a GGUF model file is, read from its header without loading the weights.

The header holds the metadata key/values and the tensor directory; the weights follow
it. We walk the header with :mod:`struct` over an mmap and never touch tensor data, so
a 30 GB file costs the same as a 3 MB one.

Why not ``gguf.GGUFReader``: it builds a numpy view for every element of every
metadata array, and a 150k-token vocabulary (Qwen, Llama 3) plus its merges took about
8 s per file in our measurement. A folder scan must not take minutes, so this module
skips arrays it has no use for and only borrows the ``gguf`` package's constants
(value types, quantization block sizes, file-type names), which stay correct as
llama.cpp adds types.
"""

from __future__ import annotations

import mmap
import os
import re
import struct
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from gguf import GGML_QUANT_SIZES, GGMLQuantizationType, GGUFValueType, LlamaFileType

from panel.core.i18n import QT_TRANSLATE_NOOP, translate

GGUF_MAGIC = b"GGUF"
SUPPORTED_VERSIONS = (2, 3)  # version 1 (2023) used 32-bit counts; llama.cpp dropped it
DEFAULT_ALIGNMENT = 32
MAX_DIMS = 8  # ggml uses 4; anything far above that is a corrupt tensor entry
MAX_NESTING = 16  # arrays of arrays: no writer nests more than a level or two
# Numeric arrays up to this length are decoded (per-layer head counts are ~100 long);
# longer ones are token scores and the like, which we skip.
MAX_DECODED_ARRAY = 4096
# llama.cpp ORs this into general.file_type when the quantizer guessed the type.
FILE_TYPE_GUESSED = 1024

_SPLIT_RE = re.compile(r"^(?P<base>.+)-(?P<no>\d{5})-of-(?P<count>\d{5})\.gguf$", re.IGNORECASE)

# struct codes for the scalar metadata types.
_SCALAR_CODES: dict[int, str] = {
    GGUFValueType.UINT8: "B",
    GGUFValueType.INT8: "b",
    GGUFValueType.UINT16: "H",
    GGUFValueType.INT16: "h",
    GGUFValueType.UINT32: "I",
    GGUFValueType.INT32: "i",
    GGUFValueType.FLOAT32: "f",
    GGUFValueType.BOOL: "?",
    GGUFValueType.UINT64: "Q",
    GGUFValueType.INT64: "q",
    GGUFValueType.FLOAT64: "d",
}

Scalar = int | float | bool | str
MetaValue = Scalar | tuple[int | float | bool, ...]


class ModelFileError(ValueError):
    """A model file that cannot be read. The message is one line and names the file."""

    def __init__(self, path: Path, reason: str) -> None:
        text = translate("Models", "{reason}: {path}")
        super().__init__(text.format(reason=reason, path=_one_line(str(path))))
        self.path = path
        self.reason = reason


@dataclass(frozen=True, kw_only=True)
class GgufInfo:
    """The facts about one GGUF model (all shards of a split model together).

    Counts are None when the file does not say; callers must not guess zeros from them.
    """

    path: Path
    architecture: str  # "" when general.architecture is missing (e.g. a later shard)
    name: str  # general.name, else the file name without shard suffix and extension
    file_size: int  # bytes, summed over the shards that exist
    parameter_count: int | None = None
    context_length: int | None = None
    quantization: str | None = None  # "Q4_K_M", "F16", ...
    block_count: int | None = None
    head_count: int | None = None  # the largest, when the file lists one per layer
    head_count_kv: int | None = None  # the largest, when the file lists one per layer
    head_count_kv_per_layer: tuple[int, ...] | None = None
    embedding_length: int | None = None
    key_length: int | None = None
    value_length: int | None = None
    gguf_type: str = "model"  # general.type: "model", "mmproj", "adapter", "imatrix"
    is_projector: bool = False
    projection_dim: int | None = None  # projectors: the text model's embedding size
    has_vision_encoder: bool = False
    has_audio_encoder: bool = False
    tensor_count: int = 0
    shard_paths: tuple[Path, ...] = field(default=())
    missing_shards: tuple[Path, ...] = field(default=())


@dataclass(frozen=True)
class _Header:
    """One file's parsed header: metadata plus what the tensor directory told us."""

    metadata: dict[str, MetaValue]
    tensor_count: int
    element_count: int
    # elements per ggml type, over tensors with 2+ dims (1-D norms are always F32)
    type_elements: Counter[int]


class _Truncated(Exception):
    """The header runs past the end of the file."""


#: What a count in the header claims, when the file cannot hold it: a whole sentence each.
_CLAIMS_ENTRIES = QT_TRANSLATE_NOOP(
    "Models", "it claims {count} metadata entries, more than the file can hold"
)
_CLAIMS_TENSORS = QT_TRANSLATE_NOOP(
    "Models", "it claims {count} tensors, more than the file can hold"
)
_CLAIMS_ARRAYS = QT_TRANSLATE_NOOP(
    "Models", "it claims {count} nested arrays, more than the file can hold"
)
_CLAIMS_STRINGS = QT_TRANSLATE_NOOP(
    "Models", "it claims {count} strings, more than the file can hold"
)


class _Corrupt(Exception):
    """The header holds values no writer produces."""


def read_gguf_info(path: Path | str) -> GgufInfo:
    """Read a GGUF file's header (and its sibling shards' headers when it is split).

    Raises ModelFileError for a missing, empty, non-GGUF, truncated or corrupt file.
    """
    path = Path(path)
    header = _read_header(path)
    shards, missing = _shard_set(path)
    others = [_read_header(shard) for shard in shards if shard != path]
    return _build_info(path, header, others, shards, missing)


def split_shard_info(path: Path) -> tuple[str, int, int] | None:
    """(base name, shard number, shard count) for ``name-00001-of-00003.gguf``, else None."""
    match = _SPLIT_RE.match(path.name)
    if match is None:
        return None
    return match["base"], int(match["no"]), int(match["count"])


def _shard_set(path: Path) -> tuple[tuple[Path, ...], tuple[Path, ...]]:
    """All shard paths of a split model that exist, and those that do not."""
    split = split_shard_info(path)
    if split is None:
        return (path,), ()
    base, _, count = split
    # Keep the extension's spelling (".gguf" vs ".GGUF") of the file we were given.
    ext = path.name[-len(".gguf") :]
    present: list[Path] = []
    missing: list[Path] = []
    for number in range(1, count + 1):
        shard = path.with_name(f"{base}-{number:05d}-of-{count:05d}{ext}")
        (present if shard.is_file() else missing).append(shard)
    return tuple(present), tuple(missing)


def _build_info(
    path: Path,
    header: _Header,
    others: list[_Header],
    shards: tuple[Path, ...],
    missing: tuple[Path, ...],
) -> GgufInfo:
    meta = header.metadata
    arch = _meta_str(meta, "general.architecture") or ""
    type_elements = Counter(header.type_elements)
    for other in others:
        type_elements.update(other.type_elements)
    elements = header.element_count + sum(other.element_count for other in others)
    head_count, _ = _meta_per_layer(meta, f"{arch}.attention.head_count")
    head_count_kv, kv_per_layer = _meta_per_layer(meta, f"{arch}.attention.head_count_kv")
    gguf_type = _meta_str(meta, "general.type") or "model"
    return GgufInfo(
        path=path,
        architecture=arch,
        name=_meta_str(meta, "general.name") or _base_name(path),
        file_size=sum(_file_size(shard) for shard in shards),
        parameter_count=_meta_int(meta, "general.parameter_count") or (elements or None),
        context_length=_meta_int(meta, f"{arch}.context_length"),
        quantization=_quantization_name(meta.get("general.file_type"), type_elements),
        block_count=_meta_int(meta, f"{arch}.block_count"),
        head_count=head_count,
        head_count_kv=head_count_kv,
        head_count_kv_per_layer=kv_per_layer,
        embedding_length=_meta_int(meta, f"{arch}.embedding_length"),
        key_length=_meta_int(meta, f"{arch}.attention.key_length"),
        value_length=_meta_int(meta, f"{arch}.attention.value_length"),
        gguf_type=gguf_type,
        is_projector=gguf_type == "mmproj" or arch == "clip",
        projection_dim=_meta_int(meta, "clip.vision.projection_dim")
        or _meta_int(meta, "clip.audio.projection_dim"),
        has_vision_encoder=meta.get("clip.has_vision_encoder") is True,
        has_audio_encoder=meta.get("clip.has_audio_encoder") is True,
        tensor_count=header.tensor_count + sum(other.tensor_count for other in others),
        shard_paths=shards,
        missing_shards=missing,
    )


def _base_name(path: Path) -> str:
    split = split_shard_info(path)
    return split[0] if split else path.stem


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # vanished between listing and stat: count what is there


def _quantization_name(file_type: MetaValue | None, type_elements: Counter[int]) -> str | None:
    """ "Q4_K_M" from general.file_type, else the ggml type holding the most weights."""
    if isinstance(file_type, int) and not isinstance(file_type, bool):
        try:
            name = LlamaFileType(file_type & ~FILE_TYPE_GUESSED).name
        except ValueError:
            name = ""  # a type newer than our gguf package: fall back to the tensors
        if name:
            return name.removeprefix("MOSTLY_").removeprefix("ALL_")
    if not type_elements:
        return None
    dominant = type_elements.most_common(1)[0][0]
    try:
        return GGMLQuantizationType(dominant).name
    except ValueError:
        return f"type {dominant}"


def _meta_str(meta: dict[str, MetaValue], key: str) -> str | None:
    value = meta.get(key)
    return value if isinstance(value, str) and value else None


def _meta_int(meta: dict[str, MetaValue], key: str) -> int | None:
    value = meta.get(key)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return None


def _meta_per_layer(
    meta: dict[str, MetaValue], key: str
) -> tuple[int | None, tuple[int, ...] | None]:
    """A count that is either one number or one per layer (hybrid and pruned models)."""
    value = meta.get(key)
    if isinstance(value, tuple):
        layers = tuple(int(item) for item in value if not isinstance(item, float))
        return (max(layers) if layers else None), layers or None
    return _meta_int(meta, key), None


# --- header parsing ------------------------------------------------------------------


def _read_header(path: Path) -> _Header:
    try:
        with path.open("rb") as file:
            size = _checked_size(path, file.fileno())
            _check_magic(path, file.read(len(GGUF_MAGIC)), size)
            with mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as buf:
                return _parse_or_raise(path, buf)
    except FileNotFoundError as exc:
        raise ModelFileError(path, translate("Models", "model file not found")) from exc
    except IsADirectoryError as exc:
        text = translate("Models", "expected a GGUF file, found a folder")
        raise ModelFileError(path, text) from exc
    except OSError as exc:
        text = translate("Models", "cannot read model file ({error})")
        raise ModelFileError(path, text.format(error=exc.strerror or exc)) from exc


def _checked_size(path: Path, fd: int) -> int:
    size = os.fstat(fd).st_size
    if size == 0:
        raise ModelFileError(path, translate("Models", "model file is empty"))
    return size


def _check_magic(path: Path, head: bytes, size: int) -> None:
    if head == GGUF_MAGIC:
        return
    if size < len(GGUF_MAGIC) and GGUF_MAGIC.startswith(head):
        text = translate("Models", "GGUF file is truncated (it ends inside the header)")
        raise ModelFileError(path, text)
    text = translate("Models", "not a GGUF file (it starts with {head}, not {magic})")
    raise ModelFileError(path, text.format(head=repr(head), magic=repr(GGUF_MAGIC)))


def _parse_or_raise(path: Path, buf: mmap.mmap) -> _Header:
    try:
        return _Parser(buf).parse()
    except _Truncated as exc:
        if not str(exc):
            text = translate("Models", "GGUF file is truncated (it ends inside the header)")
            raise ModelFileError(path, text) from None
        text = translate("Models", "GGUF file is truncated ({detail})")
        raise ModelFileError(path, text.format(detail=exc)) from None
    except _Corrupt as exc:
        text = translate("Models", "GGUF file is corrupt ({detail})")
        raise ModelFileError(path, text.format(detail=exc)) from None


class _Parser:
    """A forward-only reader over the header bytes. Every read is bounds-checked."""

    def __init__(self, buf: mmap.mmap) -> None:
        self.buf = buf
        self.size = len(buf)
        self.pos = len(GGUF_MAGIC)
        self.order = "<"

    def parse(self) -> _Header:
        version = self._version()
        if version not in SUPPORTED_VERSIONS:
            text = translate("Models", "unsupported GGUF version {version}")
            raise _Corrupt(text.format(version=version))
        tensor_count = self._u64()
        kv_count = self._u64()
        # Each entry takes at least 8 bytes: a count larger than the file is garbage,
        # and rejecting it up front avoids a long loop before the inevitable failure.
        self._check_count(kv_count, 8, _CLAIMS_ENTRIES)
        self._check_count(tensor_count, 8, _CLAIMS_TENSORS)
        metadata = self._metadata(kv_count)
        return self._tensor_directory(metadata, tensor_count)

    def _version(self) -> int:
        raw = self._take(4)
        version = int.from_bytes(self.buf[raw : raw + 4], "little")
        if version & 0xFFFF == 0 and version != 0:
            # A big-endian file read on a little-endian host: everything is swapped.
            self.order = ">"
            version = int.from_bytes(self.buf[raw : raw + 4], "big")
        return version

    # primitive reads

    def _take(self, count: int) -> int:
        start = self.pos
        if count < 0 or start + count > self.size:
            raise _Truncated
        self.pos = start + count
        return start

    def _unpack(self, code: str) -> int | float | bool:
        fmt = self.order + code
        start = self._take(struct.calcsize(fmt))
        value: int | float | bool = struct.unpack_from(fmt, self.buf, start)[0]
        return value

    def _u32(self) -> int:
        return int(self._unpack("I"))

    def _u64(self) -> int:
        return int(self._unpack("Q"))

    def _string(self) -> str:
        length = self._u64()
        start = self._take(length)
        # Bad UTF-8 in a name is no reason to reject a model llama.cpp would load.
        return self.buf[start : start + length].decode("utf-8", errors="replace")

    def _check_count(self, count: int, min_item_size: int, claim: str) -> None:
        """``claim``: one of the _CLAIMS_ sentences (a whole sentence per noun)."""
        if count * min_item_size > self.size - self.pos:
            raise _Truncated(translate("Models", claim).format(count=count))

    # metadata

    def _metadata(self, count: int) -> dict[str, MetaValue]:
        metadata: dict[str, MetaValue] = {}
        for _ in range(count):
            key = self._string()
            value = self._value(self._u32())
            if value is not None:
                metadata[key] = value
        return metadata

    def _value(self, value_type: int) -> MetaValue | None:
        """A scalar or a short numeric array; None for arrays we skip."""
        if value_type == GGUFValueType.STRING:
            return self._string()
        code = _SCALAR_CODES.get(value_type)
        if code is not None:
            return self._unpack(code)
        if value_type == GGUFValueType.ARRAY:
            return self._array()
        text = translate("Models", "unknown metadata value type {type}")
        raise _Corrupt(text.format(type=value_type))

    def _array(self, depth: int = 0) -> tuple[int | float | bool, ...] | None:
        if depth > MAX_NESTING:
            # Each level costs a file 12 bytes and us a Python frame: without a limit a
            # 60 KB file raised RecursionError instead of ModelFileError.
            text = translate("Models", "metadata arrays nested more than {depth} deep")
            raise _Corrupt(text.format(depth=MAX_NESTING))
        item_type = self._u32()
        count = self._u64()
        code = _SCALAR_CODES.get(item_type)
        if code is not None:
            return self._numeric_array(code, count)
        if item_type == GGUFValueType.STRING:
            self._skip_strings(count)
        elif item_type == GGUFValueType.ARRAY:
            self._check_count(count, 12, _CLAIMS_ARRAYS)
            for _ in range(count):
                self._array(depth + 1)
        else:
            text = translate("Models", "unknown array item type {type}")
            raise _Corrupt(text.format(type=item_type))
        return None

    def _numeric_array(self, code: str, count: int) -> tuple[int | float | bool, ...] | None:
        fmt = f"{self.order}{count}{code}"
        item_size = struct.calcsize(self.order + code)
        start = self._take(count * item_size)
        if count > MAX_DECODED_ARRAY:
            return None
        values: tuple[int | float | bool, ...] = struct.unpack_from(fmt, self.buf, start)
        return values

    def _skip_strings(self, count: int) -> None:
        # The hot loop of the whole module (vocabularies and merges): kept flat on
        # purpose, with the bounds check done once per string.
        self._check_count(count, 8, _CLAIMS_STRINGS)
        buf, size, pos = self.buf, self.size, self.pos
        unpack_length = struct.Struct(self.order + "Q").unpack_from
        for _ in range(count):
            if pos + 8 > size:
                raise _Truncated
            pos += 8 + unpack_length(buf, pos)[0]
        if pos > size:
            raise _Truncated
        self.pos = pos

    # tensor directory

    def _tensor_directory(self, metadata: dict[str, MetaValue], count: int) -> _Header:
        elements = 0
        data_end = 0  # where the last tensor's data ends, relative to the data section
        type_elements: Counter[int] = Counter()
        for _ in range(count):
            dims, tensor_type, offset = self._tensor_entry()
            n = 1
            for dim in dims:
                n *= dim
            elements += n
            if len(dims) >= 2:
                type_elements[tensor_type] += n
            data_end = max(data_end, offset + _tensor_bytes(n, tensor_type))
        alignment = self._alignment(metadata)
        data_start = -(-self.pos // alignment) * alignment
        if count and data_start + data_end > self.size:
            text = translate("Models", "the tensors need {need} bytes, the file has {size}")
            raise _Truncated(text.format(need=data_start + data_end, size=self.size))
        return _Header(metadata, count, elements, type_elements)

    def _tensor_entry(self) -> tuple[tuple[int, ...], int, int]:
        name_length = self._u64()
        self._take(name_length)
        n_dims = self._u32()
        if n_dims > MAX_DIMS:
            text = translate("Models", "a tensor claims {count} dimensions")
            raise _Corrupt(text.format(count=n_dims))
        start = self._take(8 * n_dims)
        dims: tuple[int, ...] = struct.unpack_from(f"{self.order}{n_dims}Q", self.buf, start)
        tensor_type = self._u32()
        offset = self._u64()
        return dims, tensor_type, offset

    @staticmethod
    def _alignment(metadata: dict[str, MetaValue]) -> int:
        value = metadata.get("general.alignment", DEFAULT_ALIGNMENT)
        if not isinstance(value, int) or isinstance(value, bool):
            raise _Corrupt(translate("Models", "general.alignment is not an integer"))
        if value <= 0 or value & (value - 1):
            text = translate("Models", "general.alignment {value} is not a power of two")
            raise _Corrupt(text.format(value=value))
        return value


def _tensor_bytes(elements: int, tensor_type: int) -> int:
    """Bytes a tensor's data takes; 0 for a type newer than our gguf package."""
    try:
        block_size, type_size = GGML_QUANT_SIZES[GGMLQuantizationType(tensor_type)]
    except (ValueError, KeyError):
        return 0
    return elements * type_size // block_size


def _one_line(text: str) -> str:
    # File names may hold newlines; an error message must stay on one line.
    return text.replace("\r", "\\r").replace("\n", "\\n")
