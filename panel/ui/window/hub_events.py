"""What the main window does when a server changes state, prints lines or is probed.

A mixin of :class:`panel.ui.window.main_window.MainWindow`: the slots of the
:class:`~panel.ui.window.server_hub.ServerHub`'s signals, connected when the hub is
created, right after the first paint (:mod:`panel.ui.window.startup`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot

from panel.core.servers.server_state import ServerState
from panel.ui.window.window_base import WindowBase

if TYPE_CHECKING:
    from panel.core.servers.readiness import ProbeResult
    from panel.core.servers.server_state import StateChange


class HubEvents(WindowBase):
    """The list, header, actions and tabs follow the servers."""

    @Slot(str, object)
    def _on_state(self, name: str, change: StateChange) -> None:
        progress = ""
        if change.state is ServerState.LOADING and change.progress is not None:
            p = change.progress
            progress = (
                self.tr("loading {0} %").format(round(p.fraction * 100))
                if p.fraction is not None
                else p.phase
            )
        reason = change.outcome.reason if change.outcome and change.outcome.crashed else ""
        server = self.hub.supervisor.get(name)
        container = server.container_name if server is not None else ""
        self.model.update(
            name, state=change.state, progress_text=progress, reason=reason, container=container
        )
        if change.state is not ServerState.READY:
            self.model.update(name, sleep="")  # a new run starts awake
        if not change.state.running:
            self.model.update(name, gpu_bytes=None)
        profile = self.selected_profile()
        if profile is not None and profile.name == name:
            if change.state is ServerState.STARTING:
                self.log_view.hide_outcome()  # a new run; the old crash is history
            if change.state is ServerState.CRASHED and change.outcome is not None:
                self.log_view.show_outcome(change.outcome.reason, change.outcome.last_lines)
            self._update_header()
            self._update_actions()
        self._update_gpu_roots()
        self._update_status()
        self._update_chat_targets()
        models = self.lazy_tabs.built_widget("models")
        if (
            models is not None
            and self.tabs.currentWidget() is models
            and change.state in (ServerState.READY, ServerState.STOPPED, ServerState.CRASHED)
        ):
            self.models_view.refresh_fit()  # free memory just changed
        if self._quitting and not self.hub.running():
            self.close()

    @Slot(object)
    def show_sleep_states(self, states: dict[str, str]) -> None:
        """The router's word on the servers that unload by sleeping (vLLM's sleep mode)."""
        for name, sleep in states.items():
            self.model.update(name, sleep=sleep)

    @Slot(str, object)
    def _on_attached_probe(self, name: str, result: ProbeResult) -> None:
        from panel.core.servers.readiness import Probe

        up = result.state is Probe.READY
        self.model.update(name, state=ServerState.READY if up else ServerState.STOPPED)
        self._update_chat_targets()
        profile = self.selected_profile()
        if profile is not None and profile.name == name:
            self._update_header()

    @Slot(str)
    def _on_lines(self, name: str) -> None:
        # Only the shown server's lines are pulled; the others stay in their buffers.
        profile = self.selected_profile()
        if profile is not None and profile.name == name:
            self.log_view.new_lines()
