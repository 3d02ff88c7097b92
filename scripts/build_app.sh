#!/usr/bin/env bash
# Build the one-folder app: dist/inference-panel/inference-panel (no Python needed to run it).
# Installs the pinned PyInstaller into the venv when missing; safe to run again (it
# rebuilds in place). usage: bash scripts/build_app.sh
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=${PANEL_VENV:-$ROOT/.venv}
# 6.22 supports Python 3.8-3.14 and knows PySide6 6.11's plugins; the hooks pin keeps
# hook-pyqtgraph (binding templates) and hook-sounddevice as tested.
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

cd "$ROOT"
t0=$(date +%s)
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --workpath build/pyinstaller --distpath dist packaging/inference-panel.spec
APP=dist/inference-panel
"$APP/inference-panel" --version >/dev/null
echo "build_app: built $ROOT/$APP in $(($(date +%s) - t0)) s, $(du -sh "$APP" | cut -f1)" >&2
echo "$ROOT/$APP/inference-panel"
