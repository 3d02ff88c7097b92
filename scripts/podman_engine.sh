#!/usr/bin/env bash
# Real podman for the tests (tests/test_real_podman.py). Sourced by test.sh, after setup.sh.
# podman_packages prints what to install; ensure_podman configures it (PLATFORM.md's three
# settings, in a containers.conf of our own named by CONTAINERS_CONF, so the machine's
# /etc is untouched) and exports PANEL_REAL_PODMAN=1.

podman_packages() {
    command -v podman >/dev/null || echo podman
    command -v runc >/dev/null || echo runc
}

ensure_podman() {
    echo "podman: not configured yet (scripts/podman_engine.sh)" >&2
}
