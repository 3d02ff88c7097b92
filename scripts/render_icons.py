"""Render resources/icons/inference-panel.svg to the PNG sizes desktops ask for.

usage: .venv/bin/python scripts/render_icons.py [OUT_DIR]

The SVG is the source; the PNGs (inference-panel-16.png ... inference-panel-512.png) are
committed so neither the app nor `install-launcher` needs QtSvg at run time, and so icon
themes without SVG support still find a crisp bitmap. Run this after editing the SVG;
tests/test_launcher.py fails while the committed PNGs are stale.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SVG = ICONS / "inference-panel.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def png_name(size: int) -> str:
    return f"inference-panel-{size}.png"


def render(svg: Path, size: int) -> QImage:
    """The SVG at size x size px on a transparent background."""
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: cannot read {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ICONS
    out.mkdir(parents=True, exist_ok=True)
    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - QPainter needs it
    for size in SIZES:
        path = out / png_name(size)
        if not render(SVG, size).save(str(path), "PNG"):
            raise SystemExit(f"render_icons: could not write {path}")
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
