"""Profiles from the window: new, edit, duplicate, delete, and copying a URL or command line.

A mixin of :class:`panel.ui.window.main_window.MainWindow`: the commands stay the window's own
(``window.new_profile()``), the code that carries them out lives here.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from panel.core.config.profiles import ServerProfile
from panel.core.config.store import ConfigError
from panel.ui.window.window_base import WindowBase

if TYPE_CHECKING:
    from panel.core.models.discovery import DiscoveredModel


class ProfileCommands(WindowBase):
    """The profile commands of the window; saving reloads the list and its checks."""

    def taken_ports(self, besides: ServerProfile | None = None) -> dict[int, str]:
        """The ports the profiles use, and by whom; ``besides`` is left out (being edited)."""
        return {p.port: p.name for p in self.config.profiles if p is not besides}

    def new_profile(self, initial: ServerProfile | None = None) -> None:
        self._new_profile(initial, self.taken_ports())

    def new_profile_from_model(self, model: DiscoveredModel) -> None:
        """ "New profile from this model": the editor, prefilled, on a port nobody uses."""
        from panel.core.models.discovery import profile_from_model  # gguf, numpy: not at start
        from panel.core.servers.ports import next_free_port

        taken = self.taken_ports()
        port = next_free_port("127.0.0.1", 8080, avoid=taken)
        self._new_profile(profile_from_model(model, port), taken)

    def _new_profile(self, initial: ServerProfile | None, taken: dict[int, str]) -> None:
        from panel.ui.profile_editor import ProfileEditor

        editor = ProfileEditor(
            initial,
            [p.name for p in self.config.profiles],
            self,
            model_dirs=self._model_dirs(),
            taken_ports=taken,
        )
        if editor.exec():
            self.config.profiles.append(editor.profile())
            self._save_and_reload(select=editor.profile().name)

    def edit_selected(self) -> None:
        from panel.ui.profile_editor import ProfileEditor

        profile = self.selected_profile()
        if profile is None:
            return
        server = self.hub.supervisor.get(profile.name)
        others = [p.name for p in self.config.profiles if p.name != profile.name]
        editor = ProfileEditor(
            profile,
            others,
            self,
            model_dirs=self._model_dirs(),
            taken_ports=self.taken_ports(besides=profile),
        )
        if server is not None and server.state.running:
            editor.setWindowTitle(
                self.tr("Edit {0} (applies at the next start)").format(profile.name)
            )
        if editor.exec():
            self._replace_profile(profile, editor.profile())

    def _model_dirs(self) -> list[Path]:
        """The configured model folders (else the usual ones), the folders of the models
        the profiles use, and the demo's."""
        from panel.core.models.model_folders import model_search_dirs  # not before the paint

        return model_search_dirs(self.config.model_folders, self.config.profiles)

    def duplicate_selected(self) -> None:
        profile = self.selected_profile()
        if profile is None:
            return
        names = {p.name for p in self.config.profiles}
        n = 2
        while f"{profile.name} ({n})" in names:
            n += 1
        taken = self.taken_ports()
        port = profile.port
        while port in taken:
            port += 1
        copy = profile.copy(
            name=f"{profile.name} ({n})", port=port, args=list(profile.args), env=dict(profile.env)
        )
        index = self.config.profiles.index(profile) + 1
        self.config.profiles.insert(index, copy)
        self._save_and_reload(select=copy.name)

    def delete_selected(self) -> None:
        profile = self.selected_profile()
        if profile is None:
            return
        server = self.hub.supervisor.get(profile.name)
        if server is not None and server.state.running:
            QMessageBox.information(
                self,
                self.tr("Server running"),
                self.tr("Stop {0} before deleting it.").format(profile.name),
            )
            return
        if not self._confirm(
            self.tr("Delete profile"),
            self.tr("Delete the profile {0}? The model files stay on disk.").format(profile.name),
            self.tr("Delete"),
        ):
            return
        self.hub.forget(profile.name)
        self.config.profiles.remove(profile)
        self._save_and_reload()

    def _replace_profile(self, old: ServerProfile, new: ServerProfile) -> None:
        index = self.config.profiles.index(old)
        self.config.profiles[index] = new
        if new.name != old.name:
            server = self.hub.supervisor.get(old.name)
            if server is None or not server.state.running:
                self.hub.forget(old.name)
        else:
            self.hub.server(new)  # the next start uses the edited profile
        self._save_and_reload(select=new.name)

    def _save_and_reload(self, select: str | None = None) -> None:
        selected = self.selected_profile()
        current = select or (selected.name if selected else None)
        try:
            self.store.save(self.config)
        except ConfigError as exc:
            # Not _show_config_error (a load's words): the change lives on in this window.
            QMessageBox.warning(
                self,
                self.tr("Configuration not saved"),
                self.tr(
                    "{0}\n\nYour file was not changed. The change is kept in this window: "
                    "free some space (or make the folder writable), then make any change "
                    "to save everything."
                ).format(exc),
            )
        self.model.set_profiles(self.config.profiles)
        self.hub.watch_attached(self.config.profiles)
        self._refresh_problems()
        if current:
            self.select(current)
        self._update_header()
        self._update_status()

    # -- clipboard ---------------------------------------------------------------------
    def copy_url(self) -> None:
        profile = self.selected_profile()
        if profile is not None:
            QGuiApplication.clipboard().setText(profile.base_url)

    def copy_command(self) -> None:
        server = self.selected_server()
        if server is None:
            return
        try:
            plan = server.launch_plan()
        except ValueError as exc:  # a profile that cannot be written as a command (a bad mount)
            QMessageBox.warning(self, self.tr("Copy command line"), str(exc))
            return
        # The key by reference ("$VAR", "$(cat FILE)"), never its value; the pasted line
        # works wherever that variable or file exists.
        text = plan.shell_line() if plan.api_key_env else plan.command_line()
        QGuiApplication.clipboard().setText(text)
        self.statusBar().showMessage(
            self.tr("Copied the command line of {0}").format(server.profile.name), 5000
        )
