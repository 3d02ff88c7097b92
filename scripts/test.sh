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

# Debian's docker-registry package brings the registry the tests run on 127.0.0.1
# (tests/real_runtime.py starts its own), but its scripts would also start the packaged
# service on :5000 of every interface, now and at each boot. Package scripts start
# services through invoke-rc.d / deb-systemd-invoke, which ask /usr/sbin/policy-rc.d
# first (exit 101: not allowed): "$@" runs with one that says no to service $1 only. A
# policy already there (a container image's, which says no to all) stays as it is.
without_starting() {
    local service=$1 policy=/usr/sbin/policy-rc.d sudo="" rc=0
    shift
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    if [ -e "$policy" ] || ! command -v apt-get >/dev/null; then
        "$@"
        return
    fi
    # shellcheck disable=SC2016 # $1 is the policy's own argument
    printf '#!/bin/sh\n# scripts/test.sh: gone once apt is done\n[ "$1" = "%s" ] && exit 101\nexit 0\n' \
        "$service" | $sudo tee "$policy" >/dev/null
    $sudo chmod 755 "$policy"
    trap '$sudo rm -f "$policy"' EXIT  # also when apt fails or is interrupted
    "$@" || rc=$?
    $sudo rm -f "$policy"
    trap - EXIT
    return "$rc"
}

# The install enabled the service for the next boot: off (and stopped, should a
# policy-less systemd have started it anyway).
keep_off() {
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    if [ -d /run/systemd/system ]; then  # systemd is PID 1
        $sudo systemctl disable --now "$1.service" >/dev/null 2>&1 || true
    elif command -v update-rc.d >/dev/null; then  # sysvinit, or a container: no boot start
        $sudo update-rc.d "$1" disable >/dev/null 2>&1 || true
    fi
}

new_registry=""
command -v docker-registry >/dev/null || new_registry=1  # a user's own stays as it is
# shellcheck disable=SC2046 # word splitting of the tool list is wanted
without_starting docker-registry ensure_apt "${RUN_PACKAGES[@]}" "${TEST_PACKAGES[@]}" \
    $(missing_tools "${BUILD_TOOLS[@]}") $(docker_packages) $(podman_packages)
[ -z "$new_registry" ] || ! command -v docker-registry >/dev/null || keep_off docker-registry
lap "system packages"
trap stop_docker_engine EXIT
ensure_docker_engine  # exports PANEL_REAL_DOCKER=1 for tests/test_real_docker.py
lap "docker engine"
ensure_podman  # exports PANEL_REAL_PODMAN=1 and CONTAINERS_CONF for tests/test_real_docker.py
ensure_rootless_podman  # as root: exports PANEL_ROOTLESS_PODMAN (its [podman-rootless])
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
