#!/usr/bin/env bash
# Shared set-up for run.sh and test.sh: system libraries (Debian/Ubuntu) and the venv.
# Sourced, not run. Idempotent: a second run on the same machine takes seconds.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=${PANEL_VENV:-$ROOT/.venv}

# What Qt needs offscreen and under X, audio, CJK fonts, and tools to build test engines.
RUN_PACKAGES=(libgl1 libegl1 libfontconfig1 libglib2.0-0 libdbus-1-3 libxkbcommon0
    libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
    libxcb-render-util0 libxcb-shape0 libxcb-xkb1 fonts-noto-cjk libportaudio2
    libasound2-plugins)
TEST_PACKAGES=(xvfb xauth x11-utils x11-apps xdotool desktop-file-utils appstream pulseaudio espeak-ng)
# Build tools for the test engines, by command: a machine may have them from elsewhere
# (NodeSource's nodejs ships npm and conflicts with Debian's npm package).
BUILD_TOOLS=(cmake:cmake make:make g++:g++ npm:npm unzip:unzip)

missing_tools() {
    local out=()
    for pair in "$@"; do
        command -v "${pair%%:*}" >/dev/null || out+=("${pair#*:}")
    done
    echo "${out[@]}"
}

ensure_apt() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
            || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if ! command -v apt-get >/dev/null; then
        echo "setup: please install these system packages: ${missing[*]}" >&2
        return 1
    fi
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "setup: installing ${missing[*]}" >&2
    $sudo apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends \
        "${missing[@]}" >/dev/null
}

ensure_venv() {  # extras, e.g. "[test]"
    local extras=${1:-}
    if [ ! -x "$VENV/bin/python" ]; then
        python3 -m venv "$VENV"
    fi
    # The stamp skips pip when nothing changed; pip itself is slow to say "nothing to do".
    local stamp="$VENV/.installed$extras"
    if [ ! -f "$stamp" ] || [ "$ROOT/pyproject.toml" -nt "$stamp" ]; then
        "$VENV/bin/pip" install -q --disable-pip-version-check -e "$ROOT$extras" 2>&1 \
            | grep -v "^WARNING: Location" >&2 || true
        "$VENV/bin/python" -c "import panel, PySide6" || return 1
        touch "$stamp"
    fi
}
