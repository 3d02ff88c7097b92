"""Chinese text on a machine with no Chinese font (panel/ui/cjk_font.py).

Each case runs a fresh interpreter whose fontconfig sees only the DejaVu fonts (Qt's font
database is per process and cannot be emptied once filled), so "no Chinese font" is real.
The bundled-font case points the module at a folder holding a real CJK font file, as the
PyInstaller bundle's ``panel/resources/fonts`` does; tests/test_frozen_app.py checks the
bundle itself.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fonts import CJK_FONT_FILES, dejavu_only_fontconfig

WARNING = "fonts-noto-cjk"  # in the no-Chinese-font warning, whatever its language

PROBE = """
import sys
from pathlib import Path
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QApplication
import panel.ui.cjk_font as cjk_font

app = QApplication([])
before = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
print("before", len(before))
if len(sys.argv) > 2:
    cjk_font.RESOURCES = Path(sys.argv[2])
family = cjk_font.ensure_chinese_font(app, warn=sys.argv[1] == "warn")
print("family", family)
print("fallbacks", app.font().families())
# The glyph for 中 comes from a font that has it: the UI font's fallback list reaches it.
print("has", QFontMetrics(app.font()).inFontUcs4(ord("中")) or bool(
    family and QFontMetrics(QFont(family)).inFontUcs4(ord("中"))))
"""


def probe(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["FONTCONFIG_FILE"] = str(dejavu_only_fontconfig(tmp_path))
    return subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )


def test_no_chinese_font_warns_in_chinese_window_only(tmp_path: Path) -> None:
    warned = probe(tmp_path, "warn")
    assert "before 0" in warned.stdout  # the isolation holds: no Chinese family at all
    assert "family None" in warned.stdout
    assert WARNING in warned.stderr
    quiet = probe(tmp_path, "quiet")
    assert "family None" in quiet.stdout
    assert quiet.stderr == ""


def test_bundled_font_is_loaded_and_becomes_a_fallback(tmp_path: Path) -> None:
    font = next((f for f in CJK_FONT_FILES if f.exists()), None)
    if font is None:
        pytest.fail(f"none of {CJK_FONT_FILES} is installed: run scripts/test.sh")
    bundle = tmp_path / "bundle"
    (bundle / "fonts").mkdir(parents=True)
    (bundle / "fonts" / "README").write_text("not a font: skipped\n")
    (bundle / "fonts" / font.name).symlink_to(font)
    done = probe(tmp_path, "warn", str(bundle))
    assert "before 0" in done.stdout
    family_line = next(line for line in done.stdout.splitlines() if line.startswith("family"))
    family = family_line.removeprefix("family ")
    assert family not in ("None", "")
    assert family in done.stdout.split("fallbacks", 1)[1]  # appended to the UI font's list
    assert "has True" in done.stdout
    assert WARNING not in done.stderr
