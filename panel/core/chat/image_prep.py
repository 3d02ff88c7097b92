"""Turn a user's picture into bytes every vision server decodes.

llama-server decodes with stb_image (JPEG, PNG, BMP, GIF, TGA); phone photos carry their
rotation in EXIF, which stb_image ignores; and a 24-megapixel photo is far larger than
any projector's input. So: apply the EXIF orientation, shrink to ``max_side``, and
re-encode anything stb_image cannot read. Big JPEGs are decoded at a reduced scale
(libjpeg's DCT scaling via ``Image.draft``), which is what keeps this fast.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from panel.core.i18n import translate

# Formats stb_image decodes that we may pass through untouched (TGA is left out: its
# MIME type is unofficial and servers that use Pillow guess it poorly).
_PASS_THROUGH = {"JPEG": "image/jpeg", "PNG": "image/png", "BMP": "image/bmp", "GIF": "image/gif"}
_SIMPLE_MODES = {"RGB", "RGBA", "L", "LA", "P"}
SMALL_PNG_PIXELS = 512 * 512  # below this a lossless PNG is cheap enough to keep
JPEG_QUALITY = 90
# The most pixels we decode at once: 40 MP is 160 MB as RGBA. A bigger JPEG is decoded at
# a reduced scale and stays under it; any other format that big is refused before decoding
# (a 100 MP PNG took 842 MB, with Pillow's raw "decompression bomb" warning on stderr).
MAX_DECODE_PIXELS = 40_000_000


class ImageError(ValueError):
    """A picture that cannot be sent; the message is for the user."""


@dataclass(frozen=True)
class PreparedImage:
    data: bytes
    mime: str
    width: int
    height: int
    source_width: int
    source_height: int


def prepare_image(source: Path | bytes, *, max_side: int = 1536) -> PreparedImage:
    """Read, orient, shrink and encode one image; raises :class:`ImageError`."""
    name = source.name if isinstance(source, Path) else ""
    if isinstance(source, Path):
        try:
            raw = source.read_bytes()
        except IsADirectoryError:
            raise ImageError(
                _named(name, translate("Images", "is a folder, not an image"))
            ) from None
        except OSError as exc:
            raise ImageError(
                _named(
                    name,
                    translate("Images", "cannot read the file ({reason})").format(
                        reason=exc.strerror
                    ),
                )
            ) from exc
    else:
        raw = source
    if not raw:
        raise ImageError(
            _named(
                name, translate("Images", "the file is empty; save or download the picture again")
            )
        )
    try:
        return _prepare(raw, max_side)
    except ImageError as exc:
        raise ImageError(_named(name, str(exc))) from None
    except UnidentifiedImageError:
        raise ImageError(
            _named(
                name,
                translate(
                    "Images",
                    "this is not an image (or not a format the panel reads); "
                    "attach a PNG, JPEG, WebP, GIF or BMP picture",
                ),
            )
        ) from None
    except Image.DecompressionBombError:
        raise ImageError(
            _named(
                name,
                translate(
                    "Images",
                    "the image is too large to open safely (over {megapixels} megapixels); "
                    "shrink it in an image editor and attach it again",
                ).format(megapixels=2 * (Image.MAX_IMAGE_PIXELS or 0) // 1_000_000),
            )
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ImageError(
            _named(
                name,
                translate("Images", "the image is corrupt or truncated ({reason})").format(
                    reason=exc
                ),
            )
        ) from exc


def _named(name: str, problem: str) -> str:
    """``problem`` after the file's name, when there is one."""
    if not name:
        return problem
    return translate("Images", "{name}: {problem}").format(name=name, problem=problem)


def _prepare(raw: bytes, max_side: int) -> PreparedImage:
    with warnings.catch_warnings():
        # Pillow warns about any image over 89 MP; we judge the size ourselves below.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        opened = Image.open(io.BytesIO(raw))
    img: Image.Image = opened
    fmt = img.format or ""
    source_w, source_h = img.size
    if fmt != "JPEG":  # before getexif(), which decodes a whole PNG to find its EXIF
        _refuse_huge(img, source_w, source_h)
    orientation = img.getexif().get(0x0112, 1) if fmt in ("JPEG", "PNG", "TIFF", "WEBP") else 1
    rotated = orientation in (5, 6, 7, 8)
    shown_w, shown_h = (source_h, source_w) if rotated else (source_w, source_h)
    scale = min(1.0, max_side / max(shown_w, shown_h))
    target_w = max(1, round(shown_w * scale))
    target_h = max(1, round(shown_h * scale))

    untouched = (
        scale == 1.0
        and orientation == 1
        and fmt in _PASS_THROUGH
        and img.mode in _SIMPLE_MODES
        and not getattr(img, "is_animated", False)
    )
    if untouched:
        img.load()  # a truncated file fails here rather than on the server
        return PreparedImage(raw, _PASS_THROUGH[fmt], source_w, source_h, source_w, source_h)

    if fmt == "JPEG" and scale < 1.0:
        # Decode at 1/2, 1/4 or 1/8 scale straight from the DCT: never below the target.
        want = (target_h, target_w) if rotated else (target_w, target_h)
        opened.draft(opened.mode if opened.mode in ("RGB", "L") else "RGB", want)
    _refuse_huge(img, source_w, source_h)  # a JPEG's size after the draft
    if getattr(img, "is_animated", False):
        img.seek(0)  # stb_image shows a GIF's first frame; so do we
    img.load()
    img = ImageOps.exif_transpose(img)
    if img.size != (target_w, target_h):
        # reduce() is a fast box filter down to about twice the target; LANCZOS finishes.
        factor = min(img.width // (target_w * 2), img.height // (target_h * 2))
        if factor >= 2:
            img = img.reduce(factor)
        img = img.resize((target_w, target_h), Image.Resampling.LANCZOS)

    has_alpha = img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info)
    out = io.BytesIO()
    if has_alpha or target_w * target_h <= SMALL_PNG_PIXELS:
        if img.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            img = img.convert("RGBA" if has_alpha else "RGB")
        if img.mode == "P":
            img = img.convert("RGBA" if has_alpha else "RGB")
        img.save(out, "PNG")
        mime = "image/png"
    else:
        if img.mode not in ("RGB", "L"):
            img = img.convert("RGB")
        img.save(out, "JPEG", quality=JPEG_QUALITY)
        mime = "image/jpeg"
    return PreparedImage(out.getvalue(), mime, img.width, img.height, source_w, source_h)


def _refuse_huge(img: Image.Image, source_w: int, source_h: int) -> None:
    """Refuse, before decoding, a picture whose decoded pixels (after any JPEG draft)
    would not fit :data:`MAX_DECODE_PIXELS`."""
    if img.width * img.height <= MAX_DECODE_PIXELS:
        return
    raise ImageError(
        translate(
            "Images",
            "the image is {width}×{height} ({megapixels:.0f} megapixels), more than the "
            "{limit} megapixels the panel opens safely in this format; shrink it in an image "
            "editor (or save it as JPEG) and attach it again",
        ).format(
            width=source_w,
            height=source_h,
            megapixels=source_w * source_h / 1e6,
            limit=MAX_DECODE_PIXELS // 1_000_000,
        )
    )
