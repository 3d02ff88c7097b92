#!/usr/bin/env bash
# Set up (system libraries, a venv with the panel) and open the panel.
# usage: bash scripts/run.sh [inference-panel arguments...]
set -euo pipefail
source "$(dirname "$0")/setup.sh"
ensure_apt "${RUN_PACKAGES[@]}"
ensure_venv
exec "$VENV/bin/inference-panel" "$@"
