"""Entry point: ``inference-panel`` and ``python -m panel``."""

from __future__ import annotations

import sys


def main() -> None:
    # A frozen (PyInstaller) app has no Python to run the guard with, so it runs itself.
    if sys.argv[1:2] == ["--_guard"]:
        from panel.core.servers import guard

        guard.main(sys.argv[2:])
        return
    from panel.cli import main as cli_main

    sys.exit(cli_main())


if __name__ == "__main__":
    main()
