from __future__ import annotations

import errno
import os
import socket

import psutil
import pytest

from panel.core.servers.ports import is_port_free, next_free_port, pick_free_port, port_holder
from tests.conftest import wait_until


def test_busy_port_is_detected_and_its_holder_named() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        assert not is_port_free("127.0.0.1", port)
        holder = port_holder(port)
        assert holder is not None and f"pid {os.getpid()}" in holder
        assert next_free_port("127.0.0.1", port) != port
    assert is_port_free("127.0.0.1", port)


def test_wildcard_listener_blocks_loopback() -> None:
    with socket.socket() as sock:
        sock.bind(("0.0.0.0", 0))
        sock.listen()
        assert not is_port_free("127.0.0.1", sock.getsockname()[1])


def test_next_free_port_skips_avoided_ports() -> None:
    port = pick_free_port()
    assert next_free_port("127.0.0.1", port, avoid=[port]) > port


def _time_wait_port() -> int:
    """A loopback port whose only trace is a connection in TIME_WAIT, as whisper-server
    leaves it: bound with SO_REUSEPORT alone (its cpp-httplib), and the server side
    closed first, so the TIME_WAIT is on the server's port."""
    with socket.socket() as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = int(listener.getsockname()[1])
        client = socket.create_connection(("127.0.0.1", port))
        accepted, _ = listener.accept()
        accepted.close()  # the server hangs up first...
        client.recv(1)  # ...the client sees the FIN...
        client.close()  # ...and answers it: the server's side is now in TIME_WAIT
    wait_until(lambda: _states(port) == {psutil.CONN_TIME_WAIT}, what="TIME_WAIT")
    return port


def _states(port: int) -> set[str]:
    return {
        c.status for c in psutil.net_connections(kind="tcp") if c.laddr and c.laddr.port == port
    }


def test_a_port_in_time_wait_is_free_but_a_listener_on_it_is_busy() -> None:
    port = _time_wait_port()
    # The old check's bind (SO_REUSEADDR alone) is refused, as it was for whisper's restart.
    with socket.socket() as plain, pytest.raises(OSError) as refused:
        plain.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        plain.bind(("127.0.0.1", port))
    assert refused.value.errno == errno.EADDRINUSE
    assert is_port_free("127.0.0.1", port)
    assert is_port_free("0.0.0.0", port)
    assert next_free_port("127.0.0.1", port) == port
    # A live listener that set SO_REUSEPORT too (vLLM, whisper-server) still counts as busy.
    with socket.socket() as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        listener.bind(("127.0.0.1", port))
        listener.listen()
        assert not is_port_free("127.0.0.1", port)
        assert not is_port_free("0.0.0.0", port)
        assert next_free_port("127.0.0.1", port) != port
    assert is_port_free("127.0.0.1", port)


def test_a_reuseport_listener_on_the_wildcard_blocks_loopback() -> None:
    with socket.socket() as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        listener.bind(("0.0.0.0", 0))
        listener.listen()
        assert not is_port_free("127.0.0.1", listener.getsockname()[1])
