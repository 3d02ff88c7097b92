"""``inference-panel install-launcher``: add the panel to (or remove it from) the app menu."""

from __future__ import annotations

from panel.cli.exit_codes import EXIT_OK


def cmd_install_launcher(uninstall: bool) -> int:
    from panel.core.desktop import app_menu

    if uninstall:
        removed = app_menu.uninstall_launcher()
        for path in removed:
            print(f"removed {path}")
        if not removed:
            print("inference-panel: no launcher was installed")
        return EXIT_OK
    for path in app_menu.install_launcher():
        backup = ".desktop.bak" in path.name
        print(f"{'kept the previous entry as' if backup else 'wrote'} {path}")
    return EXIT_OK
