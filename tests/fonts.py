"""Font set-ups for tests that need a machine without Chinese fonts."""

from __future__ import annotations

from pathlib import Path

# Real CJK font files a test may load as "the bundled font": WenQuanYi Micro Hei is what
# scripts/build_app.sh bundles, Noto CJK what scripts/setup.sh installs.
CJK_FONT_FILES = (
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
)
# Latin only; fontconfig's own Debian package depends on it.
LATIN_FONTS = Path("/usr/share/fonts/truetype/dejavu")


def dejavu_only_fontconfig(folder: Path) -> Path:
    """A fonts.conf that shows fontconfig the DejaVu fonts and nothing else (own cache)."""
    assert LATIN_FONTS.is_dir(), f"{LATIN_FONTS} missing: install fonts-dejavu-core"
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f"  <dir>{LATIN_FONTS}</dir>\n  <cachedir>{folder / 'fontconfig-cache'}</cachedir>\n"
        "</fontconfig>\n"
    )
    return conf
