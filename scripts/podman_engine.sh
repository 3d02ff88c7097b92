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
    # Rootless podman maps the container's ids through newuidmap/newgidmap.
    command -v newuidmap >/dev/null || echo uidmap
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

# Rootless podman for tests/test_real_docker.py's [podman-rootless] runs, when the tests
# run as root (CI, these machines): an unprivileged user with subordinate ids, and a
# wrapper named podman that root runs and that execs the real one as that user (exec:
# the panel's signals reach podman itself). As another user there is nothing to do: that
# user's podman, which the [podman] runs use, is rootless already.
# Exports PANEL_ROOTLESS_PODMAN, the wrapper's path.
ROOTLESS_USER=inference-panel-rootless

ensure_rootless_podman() {
    [ "$(id -u)" -eq 0 ] || return 0
    if ! id -u "$ROOTLESS_USER" >/dev/null 2>&1; then
        # A login-less account of the tests' own; useradd gives it subordinate ids.
        useradd --create-home --shell /usr/sbin/nologin \
            --comment "Inference Panel tests, rootless podman" "$ROOTLESS_USER"
    fi
    if ! grep -q "^$ROOTLESS_USER:" /etc/subuid || ! grep -q "^$ROOTLESS_USER:" /etc/subgid; then
        usermod --add-subuids 300000-365535 --add-subgids 300000-365535 "$ROOTLESS_USER"
    fi
    local uid gid home run_dir wrapper said
    uid=$(id -u "$ROOTLESS_USER")
    gid=$(id -g "$ROOTLESS_USER")
    home=$(getent passwd "$ROOTLESS_USER" | cut -d: -f6)
    # The same three settings, where that user's podman reads its own.
    install -d -m 755 -o "$uid" -g "$gid" "$home/.config" "$home/.config/containers"
    write_podman_conf "$home/.config/containers/containers.conf"
    chown "$uid:$gid" "$home/.config/containers/containers.conf"
    # Fixed, as /run/user/UID would be: podman's database remembers its runtime folder.
    run_dir="/tmp/inference-panel-rootless-$uid"
    install -d -m 700 -o "$uid" -g "$gid" "$run_dir"
    wrapper="$PODMAN_CACHE/rootless/podman"
    mkdir -p "$(dirname "$wrapper")"
    # The caller's own XDG folders and CONTAINERS_CONF are not that user's to read.
    {
        echo '#!/bin/sh'
        echo "# Written by scripts/podman_engine.sh: podman, rootless, as $ROOTLESS_USER."
        echo "exec setpriv --reuid=$uid --regid=$gid --init-groups env -u XDG_CONFIG_HOME" \
            "-u XDG_DATA_HOME -u XDG_CACHE_HOME -u XDG_STATE_HOME -u CONTAINERS_CONF" \
            "HOME=$home XDG_RUNTIME_DIR=$run_dir $(command -v podman) \"\$@\""
    } >"$wrapper"
    chmod 755 "$wrapper"
    if ! said=$(cd / && "$wrapper" info --format '{{.Host.Security.Rootless}}' 2>&1) ||
        [ "$(printf '%s\n' "$said" | tail -n 1)" != true ]; then  # after any warning
        echo "podman: rootless as $ROOTLESS_USER fails:" >&2
        echo "$said" >&2
        return 1
    fi
    export PANEL_ROOTLESS_PODMAN=$wrapper
}
