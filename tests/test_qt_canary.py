"""PySide6 6.12.0 drops a reference to None per void call on Python 3.11 (docs/platform.md).

A live graph repainting every 50 ms then aborts the interpreter within seconds. This
canary fails on such a build before users find out.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QWidget


def test_void_calls_do_not_leak_references_to_none(qtbot) -> None:  # type: ignore[no-untyped-def]
    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for _ in range(10_000):
        widget.update()
    after = sys.getrefcount(None)
    assert after >= before - 100, f"None lost {before - after} references in 10,000 calls"
