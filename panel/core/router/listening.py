"""The router's listening socket, bound without loading the router.

The window binds ``[router] host:port`` right after its first paint with the standard
library alone, so the address is the user's at once and a taken port is said at once;
aiohttp and the router (about 20 MB and 0.3-0.6 s) load only when the first client
connects, and take over this socket (:meth:`panel.core.router.service.Router.start`).
The client's connection waits in the socket's backlog meanwhile. ``inference-panel
router`` binds through aiohttp directly.
"""

from __future__ import annotations

import errno
import socket

from panel.core.i18n import translate

BACKLOG = 128  # aiohttp's own default


class RouterStartError(OSError):
    """The router could not listen; ``str()`` says why and what to change."""


def listen_problem(error: BaseException, host: str, port: int) -> str:
    """Why the router could not listen, in words that say what to do."""
    if isinstance(error, OSError) and error.errno == errno.EADDRINUSE:
        return translate(
            "Router",
            "port {port} on {host} is taken by another program (another panel, or "
            "llama-swap?). Stop it, or choose another port as [router] port in the config.",
        ).format(port=port, host=host)
    if isinstance(error, OSError) and error.errno in (errno.EACCES, errno.EPERM):
        return translate(
            "Router", "not allowed to listen on {host}:{port}; choose a port above 1023"
        ).format(port=port, host=host)
    if isinstance(error, OSError) and error.errno == errno.EADDRNOTAVAIL:
        return translate(
            "Router", "{host} is not an address of this machine; check [router] host"
        ).format(host=host)
    return str(error) or type(error).__name__


def bind(host: str, port: int) -> socket.socket:
    """A listening, non-blocking socket on ``host:port`` (0: any free port), set up as
    aiohttp's ``TCPSite`` would (``SO_REUSEADDR``); :class:`RouterStartError` if not."""
    try:
        family, kind, proto, _name, address = socket.getaddrinfo(
            host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        sock = socket.socket(family, kind, proto)
    except OSError as exc:
        raise RouterStartError(listen_problem(exc, host, port)) from exc
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(BACKLOG)
        sock.setblocking(False)
    except OSError as exc:
        sock.close()
        raise RouterStartError(listen_problem(exc, host, port)) from exc
    return sock
