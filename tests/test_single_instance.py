"""A second launch raises the first panel instead of starting another one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from panel.ui.single_instance import SingleInstance, instance_name


def test_second_launch_reaches_the_first(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    name = instance_name(tmp_path / "config.toml")
    first = SingleInstance(name)
    assert first.claim()
    second = SingleInstance(name)
    try:
        with qtbot.waitSignal(first.activated, timeout=5000):
            assert not second.claim()  # someone answered: the second panel must not start
    finally:
        first.release()
    third = SingleInstance(name)
    assert third.claim()  # the name is free again
    third.release()


def test_names_differ_per_config(tmp_path: Path) -> None:
    assert instance_name(tmp_path / "a.toml") != instance_name(tmp_path / "b.toml")
    assert instance_name(tmp_path / "a.toml") == instance_name(tmp_path / "." / "a.toml")


def test_a_killed_panel_does_not_block_the_next(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A panel that died without releasing (SIGKILL) leaves no name behind."""
    import signal
    import subprocess
    import sys

    name = instance_name(tmp_path / "config.toml")
    with subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from PySide6.QtCore import QCoreApplication;"
            "from panel.ui.single_instance import SingleInstance;"
            "app = QCoreApplication([]); s = SingleInstance(sys.argv[1]);"
            "print(s.claim(), flush=True); app.exec()",
            name,
        ],
        stdout=subprocess.PIPE,
        text=True,
    ) as child:
        try:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "True"
            assert not SingleInstance(name).claim()  # held by the child
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=10)
    after = SingleInstance(name)
    assert after.claim()
    after.release()


def test_only_one_of_two_claims_wins(tmp_path: Path) -> None:
    name = instance_name(tmp_path / "config.toml")
    first, second = SingleInstance(name), SingleInstance(name)
    try:
        assert [first.claim(), second.claim()] == [True, False]
    finally:
        first.release()
        second.release()


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to connect as another user")
def test_another_users_raise_is_ignored(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The abstract namespace has no file permissions: anyone may connect. Only this
    user's launches raise the window."""
    import shutil
    import subprocess
    import sys

    name = instance_name(tmp_path / "config.toml")
    first = SingleInstance(name)
    assert first.claim()
    raised: list[bool] = []
    first.activated.connect(lambda: raised.append(True))
    try:
        connect = (
            "import socket, sys\n"
            "s = socket.socket(socket.AF_UNIX)\n"
            "s.connect(b'\\0' + sys.argv[1].encode())\n"
            "s.sendall(b'raise\\n')\n"
            "s.close()\n"
        )
        # The system's Python: the venv's may sit in a folder that user cannot enter.
        python = shutil.which("python3", path="/usr/bin:/bin") or sys.executable
        subprocess.run([python, "-c", connect, name], user=65534, check=True, timeout=30)
        # Then this user's launch: its raise is handled after the other's connection.
        with qtbot.waitSignal(first.activated, timeout=5000):
            assert SingleInstance(name).notify_running()
        assert raised == [True]  # one raise: the other user's did nothing
    finally:
        first.release()
