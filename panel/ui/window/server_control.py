"""Starting and stopping servers from the window, and containers left running.

A mixin of :class:`panel.ui.window.main_window.MainWindow`: the commands stay the window's own
(``window.start_selected()``), the code that carries them out lives here.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from panel.core.config.profiles import ServerProfile
from panel.ui.window.window_base import WindowBase
from panel.ui.workers import OffThread

if TYPE_CHECKING:
    from panel.core.servers.containers import ContainerInfo
    from panel.core.servers.preflight import Problem
    from panel.core.servers.supervisor import ServerProcess

# The supervisor's, the containers' and the memory estimate's modules load with the first
# command, not before the window's first paint (panel.ui.window.startup).


class ServerControl(WindowBase):
    """Start, stop, restart; pulling a missing image; adopting or stopping leftovers."""

    def start_selected(self) -> None:
        from panel.core.gpu.cuda_arch import cuda_arch_problem
        from panel.core.models.memory_fit import fit_warning

        profile = self.selected_profile()
        if profile is None or profile.attached:
            return
        server = self.hub.server(profile)
        if server.state.running:
            return
        warning = fit_warning(profile, self.sampler.latest())
        if warning and not self._confirm(
            self.tr("It may not fit"), warning, self.tr("Start anyway")
        ):
            return
        arch = cuda_arch_problem(profile, self.sampler.latest())
        if arch and not self._confirm(
            self.tr("Built for other GPUs"), arch.message, self.tr("Start anyway")
        ):
            return
        self._start(profile, server)

    def _start(self, profile: ServerProfile, server: ServerProcess) -> None:
        from panel.core.servers import containers
        from panel.core.servers.preflight import PreflightError

        if profile.container is None:
            try:
                server.start()
            except (PreflightError, OSError) as exc:
                self._on_started(profile, exc)
            return
        # A container's checks ask the runtime (daemon, NVIDIA runtime, image): a slow or
        # hung daemon must not freeze the window, so they and the launch run off-thread.
        if profile.name in self._starting:
            return
        self._starting.add(profile.name)
        runtime = containers.runtime_name(profile.container)
        self.statusBar().showMessage(
            self.tr("Asking {0} about {1}…").format(runtime, profile.name), 5000
        )
        OffThread(
            server.start,
            lambda outcome: self._on_started(
                profile, outcome if isinstance(outcome, Exception) else None
            ),
            self,
        )

    def _on_started(self, profile: ServerProfile, error: Exception | None) -> None:
        from panel.core.servers.preflight import PreflightError

        self._starting.discard(profile.name)
        if error is None or self._quitting:
            return
        if isinstance(error, PreflightError):
            if not self._offer_pull(profile, error.problems):
                self._show_problems(profile, error.problems)
        else:
            QMessageBox.critical(self, self.tr("Could not start"), str(error))

    def _offer_pull(self, profile: ServerProfile, problems: list[Problem]) -> bool:
        """The image is not pulled: offer to pull it, then start again (which shows any
        other problem). False when the image is not the problem, or cannot be pulled."""
        from panel.core.servers import containers

        if not any(p.code == "image-missing" for p in problems) or profile.container is None:
            return False
        image = containers.image_for(profile)
        runtime = containers.resolve_runtime(profile.container)
        if not image or runtime is None:
            return False
        if not self._confirm(
            self.tr("Pull the image?"),
            self.tr("The image {0} is not on this machine. Pull it now?").format(image),
            self.tr("Pull"),
        ):
            return True
        if self.pull_image(runtime, image):
            server = self.hub.server(profile)
            if not server.state.running:
                self._start(profile, server)  # the same checks again, now with the image
        return True

    def pull_image(self, runtime: str, image: str) -> bool:
        """Run the pull dialog; True when the image is now on this machine."""
        from panel.ui.window.container_dialogs import PullDialog

        dialog = PullDialog(runtime, image, self)
        try:
            return dialog.exec() == PullDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()

    def stop_selected(self) -> None:
        server = self.selected_server()
        if server is not None:
            server.stop()

    def stop_server(self, name: str) -> None:
        """Stop a server by profile name (the tray's Stop)."""
        server = self.hub.supervisor.get(name)
        if server is not None:
            server.stop()

    def restart_selected(self) -> None:
        from panel.core.servers.preflight import PreflightError

        server = self.selected_server()
        if server is None or server.profile.attached:
            return
        try:
            server.restart()
        except PreflightError as exc:
            self._show_problems(server.profile, exc.problems)

    def _show_problems(self, profile: ServerProfile, problems: list[Problem]) -> None:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Cannot start {0}").format(profile.name))
        box.setText(self.tr("{0} cannot start yet:").format(profile.name))
        box.setInformativeText("\n\n".join(self._problem_text(profile, p) for p in problems))
        port = next((p.suggested_port for p in problems if p.suggested_port), None)
        use_port = None
        if port is not None:
            use_port = box.addButton(
                self.tr("Use port {0}").format(port), QMessageBox.ButtonRole.AcceptRole
            )
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if use_port is not None and box.clickedButton() is use_port and port is not None:
            self._replace_profile(profile, profile.copy(port=port))
            self.start_selected()

    def _problem_text(self, profile: ServerProfile, problem: Problem) -> str:
        """A busy port held by another server of this panel names that server, not
        "python3 (pid N)"."""
        ours = [
            s.profile.name
            for s in self.hub.running()
            if s.profile.port == profile.port and s.profile.name != profile.name
        ]
        if problem.code != "port-busy" or not ours:
            return str(problem)
        return self.tr(
            "Port {port} is already in use by {name}, a server this panel runs. "
            "Stop {name} first, or use port {free}."
        ).format(port=profile.port, name=ours[0], free=problem.suggested_port)

    # -- containers left running ----------------------------------------------------------
    def check_leftovers(self) -> None:
        """Look for containers of ours still running, off the GUI thread: `docker ps`
        can hang on a stuck daemon, and the window must not."""
        from panel.core.servers import containers

        check = self._leftover_check
        if check is None:
            specs = containers.specs_to_check(self.config.profiles)
            pid = os.getpid()

            def check() -> list[ContainerInfo]:
                return containers.find_leftovers(specs, pid)

        # No runtime, daemon down (an exception): nothing to offer.
        OffThread(
            check,
            lambda found: self._on_leftovers(found if isinstance(found, list) else []),
            self,
        )

    def _on_leftovers(self, found: list[ContainerInfo]) -> None:
        from panel.core.servers import containers
        from panel.ui.window.container_dialogs import LeftoverDialog

        ours = {s.container_name for s in self.hub.running() if s.container_name}
        leftovers = [info for info in found if info.name not in ours]
        # Only orphans call for the dialog: another live panel's (or `serve`'s) containers
        # are listed beside them, never a reason to interrupt the user on their own.
        if self._quitting or all(info.panel_alive() for info in leftovers):
            return
        profiles = {p.name: p for p in self.config.profiles}
        specs = {p.name: p.container for p in self.config.profiles}

        def stop(info: ContainerInfo, grace: float) -> None:  # off the GUI thread
            containers.stop_leftover(info, grace, specs.get(info.profile_name))

        self.leftover_dialog = LeftoverDialog(
            leftovers,
            profiles,
            adopt=self._adopt_container,
            stop=self._stop_container or stop,
            parent=self,
        )
        self.leftover_dialog.open()

    def _adopt_container(self, info: ContainerInfo, profile: ServerProfile) -> str:
        note = ""
        if info.port is not None and info.port != profile.port:
            # The container listens where it was started; the profile has changed since.
            note = self.tr("on port {0} (the profile says {1})").format(info.port, profile.port)
            profile = profile.copy(port=info.port)
        self.hub.server(profile).adopt(info)
        self.model.update(profile.name, container=info.name)
        return note
