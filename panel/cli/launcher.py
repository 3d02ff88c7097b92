"""``inference-panel install-launcher``: add the panel to (or remove it from) the app menu."""

from __future__ import annotations

from panel.cli.exit_codes import EXIT_OK
from panel.core.i18n import translate


def cmd_install_launcher(uninstall: bool) -> int:
    from panel.core.desktop import app_menu

    if uninstall:
        removed = app_menu.uninstall_launcher()
        for path in removed:
            print(translate("Cli", "removed {path}").format(path=path))
        if not removed:
            print("inference-panel: " + translate("Cli", "no launcher was installed"))
        return EXIT_OK
    for path in app_menu.install_launcher():
        backup = ".desktop.bak" in path.name
        if backup:
            print(translate("Cli", "kept the previous entry as {path}").format(path=path))
        else:
            print(translate("Cli", "wrote {path}").format(path=path))
    return EXIT_OK
