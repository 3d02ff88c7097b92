#!/usr/bin/env bash
# Build the one-folder app: dist/inference-panel/inference-panel (no Python needed to run it).
# Installs the pinned PyInstaller into the venv when missing; safe to run again (it
# rebuilds in place). usage: bash scripts/build_app.sh
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=${PANEL_VENV:-$ROOT/.venv}
# 6.22 supports Python 3.8-3.14 and knows PySide6 6.11's plugins; the hooks pin keeps
# hook-sounddevice as tested.
PYINSTALLER="pyinstaller==6.22.3"
HOOKS="pyinstaller-hooks-contrib==2026.9"

if [ ! -x "$VENV/bin/python" ]; then
    echo "build_app: no venv at $VENV; run scripts/run.sh or scripts/test.sh first" >&2
    exit 1
fi
if ! "$VENV/bin/python" - "$PYINSTALLER" "$HOOKS" <<'PY'
import sys
from importlib.metadata import PackageNotFoundError, version

for pin in sys.argv[1:]:
    name, wanted = pin.split("==")
    try:
        if version(name) != wanted:
            sys.exit(1)
    except PackageNotFoundError:
        sys.exit(1)
PY
then
    echo "build_app: installing $PYINSTALLER $HOOKS" >&2
    "$VENV/bin/pip" install -q --disable-pip-version-check "$PYINSTALLER" "$HOOKS" 2>&1 \
        | grep -v "^WARNING: Location" >&2 || true
fi

# The bundle carries one Chinese font, used only where the system has none
# (panel/ui/cjk_font.py): WenQuanYi Micro Hei, 5 MB, Apache-2.0 (Noto CJK is 20 MB a
# weight). PANEL_CJK_FONT picks another file; PANEL_CJK_FONT=none builds without one.
export PANEL_CJK_FONT=${PANEL_CJK_FONT:-/usr/share/fonts/truetype/wqy/wqy-microhei.ttc}
if [ "$PANEL_CJK_FONT" != none ] && [ ! -f "$PANEL_CJK_FONT" ]; then
    source "$ROOT/scripts/setup.sh"
    ensure_apt fonts-wqy-microhei || true
    if [ ! -f "$PANEL_CJK_FONT" ]; then
        echo "build_app: no Chinese font at $PANEL_CJK_FONT: install fonts-wqy-microhei," \
            "set PANEL_CJK_FONT to a .ttf/.ttc/.otf, or PANEL_CJK_FONT=none" >&2
        exit 1
    fi
fi

cd "$ROOT"
t0=$(date +%s)
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --workpath build/pyinstaller --distpath dist packaging/inference-panel.spec
APP=dist/inference-panel
"$APP/inference-panel" --version >/dev/null
echo "build_app: built $ROOT/$APP in $(($(date +%s) - t0)) s, $(du -sh "$APP" | cut -f1)" >&2
echo "$ROOT/$APP/inference-panel"
