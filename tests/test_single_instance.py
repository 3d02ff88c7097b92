"""A second launch raises the first panel instead of starting another one."""

from __future__ import annotations

import os
from pathlib import Path

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
