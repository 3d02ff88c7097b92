#!/usr/bin/env bash
# Set up everything the tests need on a bare Debian 12 and run them all:
# system packages, the venv, the real test engines (built once, cached in ~/.cache),
# linters, then pytest. usage: bash scripts/test.sh [pytest arguments...]
set -euo pipefail
source "$(dirname "$0")/setup.sh"
source "$(dirname "$0")/docker_engine.sh"
source "$(dirname "$0")/podman_engine.sh"
cd "$ROOT"
t0=$(date +%s)
lap() { echo "[test.sh] $1 after $(($(date +%s) - t0)) s" >&2; }

# shellcheck disable=SC2046 # word splitting of the tool list is wanted
ensure_apt "${RUN_PACKAGES[@]}" "${TEST_PACKAGES[@]}" $(missing_tools "${BUILD_TOOLS[@]}") \
    $(docker_packages) $(podman_packages)
lap "system packages"
trap stop_docker_engine EXIT
ensure_docker_engine  # exports PANEL_REAL_DOCKER=1 for tests/test_real_docker.py
lap "docker engine"
ensure_podman  # exports PANEL_REAL_PODMAN=1 and CONTAINERS_CONF for tests/test_real_podman.py
lap "podman"
ensure_venv "[test]"
lap "venv"
PANEL_TEST_ENGINES=$(bash resources/engines/setup_test_engines.sh | tail -n 1)
export PANEL_TEST_ENGINES
lap "test engines ($PANEL_TEST_ENGINES)"
PANEL_VLLM=$(bash resources/vllm/setup_vllm.sh | tail -n 1)
export PANEL_VLLM
lap "vLLM on the CPU ($PANEL_VLLM)"
PANEL_SPEECH_MODELS=$(bash resources/speech_models/setup_speech_models.sh | tail -n 1)
export PANEL_SPEECH_MODELS
lap "multilingual whisper model ($PANEL_SPEECH_MODELS)"

"$VENV/bin/ruff" check panel tests bench
"$VENV/bin/ruff" format --check panel tests bench
"$VENV/bin/mypy"
"$VENV/bin/lint-imports"
lap "ruff, mypy, import contracts"

export QT_QPA_PLATFORM=offscreen
"$VENV/bin/python" -m pytest "$@"
lap "pytest"
