"""panel.core must work without Qt: on a server over ssh, in the CLI, in tests."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import panel.core


def test_core_imports_no_qt() -> None:
    modules = [m.name for m in pkgutil.walk_packages(panel.core.__path__, "panel.core.")]
    assert "panel.core.servers.supervisor" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'pyqtgraph') or m.startswith('panel.ui'))\n"
        "print(bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
