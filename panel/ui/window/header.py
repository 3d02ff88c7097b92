"""The selected server's header, the actions that apply to it, and the status bar.

A mixin of :class:`panel.ui.window.main_window.MainWindow`. Before the deferred start-up
(:mod:`panel.ui.window.startup`) they are drawn from the config alone: no server runs
yet, so the header says only the profile's name, address and state.
"""

from __future__ import annotations

from panel.core.servers.server_state import ServerState
from panel.ui.window.server_rows import ServerRow
from panel.ui.window.window_base import WindowBase


class WindowHeader(WindowBase):
    """Header, actions and status bar, brought up to date by the window's events."""

    def _update_header(self) -> None:
        profile = self.selected_profile()
        if profile is None:
            self.header_title.setText(self.tr("No server selected"))
            self.header_detail.setText(self.tr("Create a profile with New profile… (Ctrl+N)."))
            self.header_warning.hide()
            return
        row = self.model.server_row(profile.name) or ServerRow(profile)
        self.header_title.setText(profile.name)
        url = profile.base_url
        state = self.model.badge(row)[0]
        if not self._started:
            self.header_detail.setText(f'<a href="{url}">{url}</a> · {state}')
            return
        import html

        from panel.core.models.memory_fit import fit_warning

        server = self.hub.server(profile)
        if server.state is ServerState.READY and server.ready_after is not None:
            state = self.tr("ready after {0:.1f} s").format(server.ready_after)
        detail = f'<a href="{url}">{url}</a> · {state}'
        if server.container_name:
            detail += " · " + self.tr("container {0}").format(html.escape(server.container_name))
        if server.state is ServerState.READY:
            gpu_bytes = self._gpu_bytes.get(profile.name, 0)
            loaded = self.loads.detail(profile, server, self.sampler.latest(), gpu_bytes)
            detail += "<br>" + html.escape(loaded) if loaded else ""
        self.header_detail.setText(detail)
        warning = ""
        if row.problem is not None and not server.state.running:
            warning = self.tr("Can't start here: {0}").format(row.problem)
        elif server.state is ServerState.CRASHED and server.outcome is not None:
            warning = self.tr("Crashed: {0}").format(server.outcome.reason)
        else:
            warning = fit_warning(profile, self.sampler.latest(), self.loads.history) or ""
        self.header_warning.setText(warning)
        self.header_warning.setVisible(bool(warning))

    def _update_actions(self) -> None:
        profile = self.selected_profile()
        server = self.hub.supervisor.get(profile.name) if profile and self._started else None
        running = server is not None and server.state.running
        launchable = profile is not None and not profile.attached
        self.act_start.setEnabled(launchable and not running)
        self.act_stop.setEnabled(launchable and running)
        self.act_restart.setEnabled(launchable and running)
        for act in (self.act_edit, self.act_duplicate, self.act_copy_url, self.act_copy_cmd):
            act.setEnabled(profile is not None)
        self.act_delete.setEnabled(profile is not None and not running)

    def _update_status(self) -> None:
        running = self.hub.running() if self._started else []
        ready = sum(1 for s in running if s.state is ServerState.READY)
        self.status_servers.setText(
            self.tr("{0} running, {1} ready").format(len(running), ready)
            if running
            else self.tr("No servers running")
        )
        total = sum(self._gpu_bytes.get(s.profile.name, 0) for s in running)
        if total:
            from panel.core.models.memory_fit import format_bytes

            self.status_gpu.setText(
                self.tr("GPU memory held by panel servers: {0}").format(format_bytes(total))
            )
        else:
            self.status_gpu.setText("")
        self.status_config.setText(self.tr("Config: {0}").format(self.store.path))
