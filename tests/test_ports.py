from __future__ import annotations

import os
import socket

from panel.core.servers.ports import is_port_free, next_free_port, pick_free_port, port_holder


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
