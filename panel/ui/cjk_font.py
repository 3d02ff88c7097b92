"""A font for Chinese text on a machine that has none.

The setup scripts install ``fonts-noto-cjk``; a machine that runs only the PyInstaller
bundle may have no Chinese font at all, and Qt then draws every Chinese character as a
box. The bundle therefore carries one small font (WenQuanYi Micro Hei, 5 MB,
Apache-2.0; ``scripts/build_app.sh`` puts it in ``panel/resources/fonts``), loaded only
when the system offers no Simplified Chinese family, so a system font always wins. A
venv has no bundled font: there the user is told which package to install.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from panel.core.i18n import translate
from panel.resource_files import FOLDER as RESOURCES

FONT_SUFFIXES = (".ttf", ".ttc", ".otf")


def ensure_chinese_font(app: QApplication, *, warn: bool) -> str | None:
    """The family that draws Chinese text: the system's first, else the bundled font
    (added to the application font's fallbacks), else None — with a warning on stderr
    when ``warn`` (the window is in Chinese). Models answer in Chinese whatever the
    window's language, so the bundled font is loaded for English windows too."""
    system = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    if system:
        return system[0]
    bundled = _load_bundled_font()
    if bundled:
        # Fallback order: the UI font for Latin text, then the bundled font for what the
        # UI font lacks. Widgets that set their own family keep this fallback list.
        font = app.font()
        font.setFamilies([*font.families(), bundled])
        app.setFont(font)
        return bundled
    if not warn:
        return None
    print(
        translate(
            "ChineseFont",
            "Inference Panel: no Chinese font is installed, so Chinese text shows as boxes; "
            "install fonts-noto-cjk (Debian/Ubuntu), google-noto-sans-cjk-fonts (Fedora) "
            "or noto-fonts-cjk (Arch).",
        ),
        file=sys.stderr,
    )
    return None


def _load_bundled_font() -> str | None:
    folder = RESOURCES / "fonts"
    if not folder.is_dir():
        return None
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(FONT_SUFFIXES):
            continue
        font_id = QFontDatabase.addApplicationFont(str(entry))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id != -1 else []
        if families:
            return families[0]
    return None
