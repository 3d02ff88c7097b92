#!/usr/bin/env bash
# A real Docker engine for the tests (tests/test_real_docker.py). Sourced by test.sh, after
# setup.sh. ensure_docker_engine uses a daemon that already answers `docker info`, or
# starts Debian's dockerd (the recipe in ../shared/PLATFORM.md: no iptables, no bridge, so
# the host's firewall stays untouched and only --net=host works, which is what the
# panel's container profiles use); stop_docker_engine stops only what it started.
# Both export/unset PANEL_REAL_DOCKER, which the tests read.

DOCKER_CACHE=${PANEL_DOCKER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/inference-panel/docker}
DOCKER_STARTED_PID=""
DOCKER_EXEC_ROOT=""

docker_answers() { docker info >/dev/null 2>&1; }

# The packages to install: Debian's registry (tests/test_real_docker.py pulls from one on
# 127.0.0.1); docker.io unless a daemon answers or dockerd is there already (docker.io
# would fight a docker-ce install).
docker_packages() {
    command -v docker-registry >/dev/null || echo docker-registry
    if command -v docker >/dev/null && docker_answers; then return 0; fi
    command -v dockerd >/dev/null && command -v docker >/dev/null && return 0
    echo docker.io
}

ensure_docker_engine() {
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    if ! docker_answers && [ -d /run/systemd/system ] \
        && systemctl cat docker.service >/dev/null 2>&1; then
        # A systemd machine: the packaged service is the daemon a user has.
        $sudo systemctl start docker.service || true
        docker_wait 30 || true
    fi
    local said
    said=$(docker info 2>&1 || true)
    if [[ $said == *"permission denied"* ]]; then
        # A daemon runs but this user may not use it: starting a second one on the same
        # socket would take it over.
        echo "docker: a daemon runs but you may not use its socket; add yourself to the" \
            "docker group (sudo usermod -aG docker \$USER, then log in again)" >&2
        return 1
    fi
    if ! docker_answers; then
        # overlay2 needs the data root on a local disk; vfs works anywhere (it copies the
        # whole image per container, which the tests' 20 MB images can afford).
        start_dockerd overlay2 || start_dockerd vfs || {
            echo "docker: dockerd did not answer within 60 s; its log ($DOCKER_CACHE/dockerd.log):" >&2
            tail -n 40 "$DOCKER_CACHE/dockerd.log" >&2
            return 1
        }
    fi
    export PANEL_REAL_DOCKER=1
}

start_dockerd() {  # storage driver; stops what it started when it does not answer
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    mkdir -p "$DOCKER_CACHE"
    echo "--- $(date -u +%FT%TZ) dockerd --storage-driver=$1" >>"$DOCKER_CACHE/dockerd.log"
    # containerd's sockets live under the exec root: it must be a short path.
    DOCKER_EXEC_ROOT=$(mktemp -d /tmp/ipd.XXXX)
    # -G: the socket's group, so a non-root user's client may use a sudo-started daemon.
    $sudo dockerd --iptables=false --ip-masq=false --bridge=none \
        --storage-driver="$1" --data-root "$DOCKER_CACHE/data-$1" \
        --exec-root "$DOCKER_EXEC_ROOT/x" --pidfile "$DOCKER_EXEC_ROOT/dockerd.pid" \
        -G "$(id -gn)" >>"$DOCKER_CACHE/dockerd.log" 2>&1 &
    DOCKER_STARTED_PID=$!
    docker_wait 60 && return 0
    stop_docker_engine
    return 1
}

docker_wait() {  # seconds
    local deadline=$(($(date +%s) + $1))
    until docker_answers; do
        [ "$(date +%s)" -lt "$deadline" ] || return 1
        [ -z "$DOCKER_STARTED_PID" ] || kill -0 "$DOCKER_STARTED_PID" 2>/dev/null || return 1
        sleep 0.2
    done
}

stop_docker_engine() {
    unset PANEL_REAL_DOCKER
    [ -n "$DOCKER_STARTED_PID" ] || return 0
    local sudo="" pid="$DOCKER_STARTED_PID"
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    # dockerd's own pid (sudo's child where sudo started it); SIGTERM stops its
    # containers and its containerd, then it exits.
    [ -f "$DOCKER_EXEC_ROOT/dockerd.pid" ] && pid=$(cat "$DOCKER_EXEC_ROOT/dockerd.pid")
    $sudo kill "$pid" 2>/dev/null || true
    for _ in $(seq 100); do
        $sudo kill -0 "$pid" 2>/dev/null || break
        sleep 0.2
    done
    $sudo kill -9 "$pid" 2>/dev/null || true
    wait "$DOCKER_STARTED_PID" 2>/dev/null || true
    # dockerd may leave its netns bind mount behind: unmount before removing.
    if [ -n "$DOCKER_EXEC_ROOT" ]; then
        awk -v root="$DOCKER_EXEC_ROOT/" 'index($2, root) == 1 {print $2}' /proc/mounts \
            | sort -r | while read -r mnt; do $sudo umount -l "$mnt" || true; done
        $sudo rm -rf "$DOCKER_EXEC_ROOT" || true
    fi
    DOCKER_STARTED_PID=""
}
