"""Preparing pictures: orientation, size, formats stb_image reads, and clear errors."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from panel.core.chat.image_prep import ImageError, prepare_image


def open_prepared(data: bytes) -> Image.Image:
    img = Image.open(io.BytesIO(data))
    img.load()
    return img


def test_exif_rotated_jpeg_is_turned_upright(tmp_path: Path) -> None:
    # Stored 400x200, red on the left; orientation 6 means "rotate 90° clockwise to show".
    img = Image.new("RGB", (400, 200), "blue")
    img.paste((255, 0, 0), (0, 0, 200, 200))
    exif = Image.Exif()
    exif[0x0112] = 6
    path = tmp_path / "phone.jpg"
    img.save(path, "JPEG", exif=exif.tobytes())
    prepared = prepare_image(path)
    assert (prepared.source_width, prepared.source_height) == (400, 200)
    assert (prepared.width, prepared.height) == (200, 400)
    shown = open_prepared(prepared.data).convert("RGB")
    assert shown.size == (200, 400)
    r, _g, b = shown.getpixel((100, 50))  # type: ignore[misc]
    assert r > 200 and b < 60  # the red half is now on top


def test_rgba_png_stays_png_with_alpha(tmp_path: Path) -> None:
    path = tmp_path / "logo.png"
    Image.new("RGBA", (2000, 1000), (10, 20, 30, 128)).save(path)
    prepared = prepare_image(path, max_side=1000)
    assert prepared.mime == "image/png"
    assert (prepared.width, prepared.height) == (1000, 500)
    shown = open_prepared(prepared.data)
    assert shown.format == "PNG" and shown.mode == "RGBA"


def test_small_png_passes_through_untouched(tmp_path: Path) -> None:
    path = tmp_path / "s.png"
    Image.new("RGB", (64, 48), "green").save(path)
    prepared = prepare_image(path)
    assert prepared.data == path.read_bytes()
    assert (prepared.mime, prepared.width, prepared.height) == ("image/png", 64, 48)


def test_large_photo_becomes_jpeg_within_max_side(tmp_path: Path) -> None:
    path = tmp_path / "big.png"
    Image.effect_noise((3000, 2000), 50).convert("RGB").save(path)
    prepared = prepare_image(path)
    assert prepared.mime == "image/jpeg"
    assert (prepared.width, prepared.height) == (1536, 1024)
    assert open_prepared(prepared.data).format == "JPEG"


@pytest.mark.parametrize(("fmt", "mode"), [("WEBP", "RGB"), ("TIFF", "RGB"), ("WEBP", "RGBA")])
def test_formats_stb_image_cannot_read_are_converted(tmp_path: Path, fmt: str, mode: str) -> None:
    path = tmp_path / f"pic.{fmt.lower()}"
    Image.new(mode, (300, 200), (200, 100, 50, 255)[: len(mode)]).save(path, fmt)
    prepared = prepare_image(path)
    assert prepared.mime in ("image/png", "image/jpeg")
    assert open_prepared(prepared.data).format in ("PNG", "JPEG")
    if mode == "RGBA":
        assert prepared.mime == "image/png"


def test_animated_gif_first_frame(tmp_path: Path) -> None:
    path = tmp_path / "anim.gif"
    frames = [Image.new("P", (40, 30), i) for i in (1, 2, 3)]
    frames[0].save(path, save_all=True, append_images=frames[1:])
    prepared = prepare_image(path)
    assert (prepared.width, prepared.height) == (40, 30)
    assert getattr(open_prepared(prepared.data), "n_frames", 1) == 1


def test_cjk_file_name_and_bytes_source(tmp_path: Path) -> None:
    path = tmp_path / "猫の写真.jpg"
    Image.new("RGB", (50, 50), "white").save(path)
    assert prepare_image(path).mime == "image/jpeg"
    assert prepare_image(path.read_bytes()).width == 50


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "空.png"
    path.write_bytes(b"")
    with pytest.raises(ImageError, match="empty") as info:
        prepare_image(path)
    assert "空.png" in str(info.value)


def test_text_file_is_not_an_image(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello", encoding="utf-8")
    with pytest.raises(ImageError, match="not an image"):
        prepare_image(path)


def test_truncated_jpeg_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "cut.jpg"
    Image.effect_noise((400, 300), 40).convert("RGB").save(path, "JPEG")
    path.write_bytes(path.read_bytes()[:2000])
    with pytest.raises(ImageError, match="corrupt or truncated"):
        prepare_image(path)


def test_unreadable_and_missing_files(tmp_path: Path) -> None:
    with pytest.raises(ImageError, match="cannot read"):
        prepare_image(tmp_path / "missing.png")
    with pytest.raises(ImageError, match="folder"):
        prepare_image(tmp_path)


def test_24_megapixel_jpeg_is_downscaled(tmp_path: Path) -> None:
    """Its speed is measured by bench/chat_latency.py, not asserted here."""
    path = tmp_path / "24mp.jpg"
    Image.effect_noise((600, 400), 60).convert("RGB").resize((6000, 4000)).save(
        path, "JPEG", quality=92
    )
    prepared = prepare_image(path)
    assert (prepared.width, prepared.height) == (1536, 1024)
    assert (prepared.source_width, prepared.source_height) == (6000, 4000)
