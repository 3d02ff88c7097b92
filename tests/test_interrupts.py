"""panel/cli/interrupts.py: Ctrl-C and SIGTERM for ``serve`` and ``router``, with real
signals sent to this process and a real server that ignores SIGTERM.

The hang it prevents: a second Ctrl-C's handler called ``kill()`` inside the first one's
``stop()``, which was still writing its note under the log's lock; the handler waited for
that lock forever (tests/test_cli.py::test_serve_second_ctrl_c_kills_at_once, once in a
full run)."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator

import pytest

from panel.cli.interrupts import Interrupts, stop_in_order
from panel.core.servers.server_state import ServerState
from panel.core.servers.supervisor import ServerProcess
from tests.conftest import wait_until
from tests.test_supervisor import scripted


@pytest.fixture
def stubborn() -> Iterator[ServerProcess]:
    """A ready server that ignores SIGTERM, with a grace far longer than any wait here."""
    server = ServerProcess(scripted("--ignore-sigterm", stop_grace=60.0))
    server.start()
    assert server.wait_ready(20)
    yield server
    server.kill()
    assert server.wait(20) is not None


def test_signals_inside_the_logs_lock_are_only_counted(stubborn: ServerProcess) -> None:
    with Interrupts() as interrupts:
        with stubborn.log._lock:  # as the first stop() held it, writing its note
            os.kill(os.getpid(), signal.SIGINT)
            os.kill(os.getpid(), signal.SIGTERM)
            wait_until(lambda: interrupts.count == 2, what="both handlers")
        # The handlers touched nothing: stopping is the loop's job, outside them.
        assert stubborn.state is ServerState.READY
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # put back


def test_a_further_interrupt_while_stopping_kills_at_once(stubborn: ServerProcess) -> None:
    def on_state(server: object, change: object) -> None:
        if stubborn.state is ServerState.STOPPING:
            os.kill(os.getpid(), signal.SIGINT)  # the second Ctrl-C, as the stop began

    with Interrupts() as interrupts:
        stubborn.add_state_listener(on_state)
        started = time.monotonic()
        assert stop_in_order([stubborn], interrupts, timeout=30)
        took = time.monotonic() - started
    assert interrupts.count == 1
    outcome = stubborn.outcome
    assert outcome is not None and outcome.signal == signal.SIGKILL and outcome.requested
    assert took < 30, "killed, not waiting out the 60 s grace"


def test_without_a_further_interrupt_stopping_gives_up_at_its_timeout(
    stubborn: ServerProcess,
) -> None:
    with Interrupts() as interrupts:
        assert not stop_in_order([stubborn], interrupts, timeout=0.5)
    assert stubborn.state is ServerState.STOPPING  # still within its grace
