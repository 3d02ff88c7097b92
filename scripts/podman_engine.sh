#!/usr/bin/env bash
# Real podman for the tests (tests/test_real_docker.py runs its container tests through
# docker and podman). Sourced by test.sh, after setup.sh. podman_packages prints what to
# install; ensure_podman configures it (../shared/PLATFORM.md's three settings, in a
# containers.conf of our own named by CONTAINERS_CONF, so the machine's /etc is untouched)
# and exports PANEL_REAL_PODMAN=1 and CONTAINERS_CONF. Podman has no daemon: nothing to
# stop at the end.

PODMAN_CACHE=${PANEL_PODMAN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/inference-panel/podman}

podman_packages() {
    command -v podman >/dev/null || echo podman
    # crun (podman's default) refuses this machine's hybrid cgroup layout; runc works.
    command -v runc >/dev/null || echo runc
}

# The settings, and why each: see ../shared/PLATFORM.md ("Podman runs too").
write_podman_conf() {  # file
    cat >"$1" <<'EOF'
# Written by scripts/podman_engine.sh for the tests; read through CONTAINERS_CONF only.
[containers]
# podman's default raises RLIMIT_NOFILE/NPROC for every container, which is refused here.
default_ulimits = []

[engine]
# crun refuses the hybrid cgroup v1/v2 layout of these machines; runc runs.
runtime = "runc"
cgroup_manager = "cgroupfs"
EOF
}

ensure_podman() {
    if ! command -v podman >/dev/null; then
        echo "podman: not installed (apt-get install podman runc)" >&2
        return 1
    fi
    mkdir -p "$PODMAN_CACHE"
    write_podman_conf "$PODMAN_CACHE/containers.conf"
    export CONTAINERS_CONF="$PODMAN_CACHE/containers.conf"
    local said
    if ! said=$(podman info --format '{{.Host.OCIRuntime.Name}} {{.Host.CgroupManager}}' 2>&1); then
        echo "podman: \`podman info\` fails with $CONTAINERS_CONF:" >&2
        echo "$said" >&2
        return 1
    fi
    export PANEL_REAL_PODMAN=1
}
