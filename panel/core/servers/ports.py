"""Is a port free, who holds it, and which one is free next.

Checked before every launch: vLLM sets SO_REUSEPORT and may *not* fail on a busy port,
and a stale server answering on the port would pass our readiness probe.
"""

from __future__ import annotations

import errno
import socket
from collections.abc import Iterable

import psutil

from panel.core.i18n import translate


def is_port_free(host: str, port: int) -> bool:
    """True when a server could bind ``host:port`` right now.

    A live listener (on this address or the wildcard) counts as busy. Connections left
    in TIME_WAIT by a server that just exited do not: servers bind with SO_REUSEADDR or
    SO_REUSEPORT, which the kernel lets past them.
    """
    if _can_bind(host, port, socket.SO_REUSEADDR):
        return True
    # whisper-server's cpp-httplib binds with SO_REUSEPORT alone, so the connections it
    # leaves in TIME_WAIT carry no SO_REUSEADDR and refuse a REUSEADDR bind for a minute
    # after it exits, while whisper-server itself binds again fine. SO_REUSEPORT gets past
    # them, but also past a live listener of ours that set it too (vLLM does): so a bind
    # that only SO_REUSEPORT allows is free only when nothing listens on the port.
    reuse_port = getattr(socket, "SO_REUSEPORT", None)
    if reuse_port is None or not _can_bind(host, port, socket.SO_REUSEADDR, reuse_port):
        return False
    return _has_listener(host, port) is False


def _can_bind(host: str, port: int, *options: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        for option in options:
            sock.setsockopt(socket.SOL_SOCKET, option, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                return False
            raise
    return True


_WILDCARDS = frozenset({"", "0.0.0.0", "::"})


def _has_listener(host: str, port: int) -> bool | None:
    """Whether any socket listens on ``port`` where a bind to ``host`` would collide;
    None when the system will not say (then the port counts as busy)."""
    try:
        conns = psutil.net_connections(kind="tcp")
    except (psutil.AccessDenied, OSError):
        return None
    for conn in conns:
        if conn.status != psutil.CONN_LISTEN or not conn.laddr or conn.laddr.port != port:
            continue
        address = conn.laddr.ip.removeprefix("::ffff:")  # an IPv4 address seen over IPv6
        if host in _WILDCARDS or address in _WILDCARDS or address == host:
            return True
    return False


def port_holder(port: int) -> str | None:
    """ "llama-server (pid 1234)" for the process listening on ``port``, when visible.

    psutil sees every process as root; as a normal user it may see only our own, and
    then we say nothing rather than guess.
    """
    try:
        conns = psutil.net_connections(kind="inet")
    except (psutil.AccessDenied, OSError):
        return None
    for conn in conns:
        if conn.status == psutil.CONN_LISTEN and conn.laddr and conn.laddr.port == port:
            if conn.pid is None:
                return translate("Preflight", "another program")
            try:
                name = psutil.Process(conn.pid).name()
            except psutil.Error:
                name = translate("Preflight", "a process")
            return translate("Preflight", "{name} (pid {pid})").format(name=name, pid=conn.pid)
    return None


def next_free_port(host: str, start: int, avoid: Iterable[int] = ()) -> int:
    """The first port at or after ``start`` that is free and not in ``avoid``."""
    skip = set(avoid)
    for port in range(max(start, 1024), 65536):
        if port not in skip and is_port_free(host, port):
            return port
    raise OSError(translate("Preflight", "no free port at or above {port}").format(port=start))


def pick_free_port(host: str = "127.0.0.1") -> int:
    """A port the kernel just handed out; for tests and `--port 0`."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def listening_pids(port: int, pids: Iterable[int]) -> bool | None:
    """Whether one of ``pids`` listens on ``port``; None when we cannot tell."""
    unknown = False
    for pid in pids:
        try:
            conns = psutil.Process(pid).net_connections(kind="inet")
        except psutil.NoSuchProcess:
            continue
        except psutil.AccessDenied:
            unknown = True
            continue
        if any(c.status == psutil.CONN_LISTEN and c.laddr and c.laddr.port == port for c in conns):
            return True
    return None if unknown else False
