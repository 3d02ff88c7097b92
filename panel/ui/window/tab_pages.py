"""The main window's tabs: log, vision chat, transcription, GPU memory, models, router.

A mixin of :class:`panel.ui.window.main_window.MainWindow`. Each tab is built the first
time it is opened or asked for (``window.gpu_panel``), and its module is imported then
(:mod:`panel.ui.window.lazy_tabs`); the log is built right after the first paint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QWidget

from panel.ui.window.window_base import WindowBase

if TYPE_CHECKING:
    from panel.ui.chat.tab import ChatTab
    from panel.ui.gpu.panel import GpuPanel
    from panel.ui.models.view import ModelsView
    from panel.ui.transcription.tab import TranscribeTab
    from panel.ui.window.main_window import MainWindow


class TabPages(WindowBase):
    """The tabs' accessors and builders, and what the window tells the built ones."""

    @property
    def chat_tab(self) -> ChatTab:
        return cast("ChatTab", self.lazy_tabs.get("chat"))

    @property
    def transcribe_tab(self) -> TranscribeTab:
        return cast("TranscribeTab", self.lazy_tabs.get("transcribe"))

    @property
    def gpu_panel(self) -> GpuPanel:
        return cast("GpuPanel", self.lazy_tabs.get("gpu"))

    @property
    def models_view(self) -> ModelsView:
        return cast("ModelsView", self.lazy_tabs.get("models"))

    # -- builders (called by LazyTabs) ------------------------------------------------
    def _build_log(self) -> QWidget:
        from panel.ui.log.view import LogView

        return LogView()

    def _build_chat(self) -> QWidget:
        from panel.ui.chat.tab import ChatTab

        return ChatTab()

    def _build_transcribe(self) -> QWidget:
        from panel.ui.transcription.tab import TranscribeTab

        return TranscribeTab()

    def _build_gpu(self) -> QWidget:
        from panel.ui.gpu.panel import GpuPanel

        # Samples at 4 Hz keep the history exact; repainting at 1 Hz keeps an idle window cheap.
        panel = GpuPanel(self.sampler, min_repaint_interval=1.0)
        panel.serverMemoryChanged.connect(self._on_gpu_memory)
        return panel

    def _build_models(self) -> QWidget:
        from panel.ui.models.view import ModelsView

        view = ModelsView(self.sampler, folders=self._model_dirs(), scan_when_shown=True)
        view.newProfileRequested.connect(self.new_profile_from_model)
        return view

    def _build_router(self) -> QWidget:
        from panel.ui.router.runner import router_tab_for_window

        return router_tab_for_window(cast("MainWindow", self))

    @Slot(str, QWidget)
    def _on_tab_built(self, key: str, widget: QWidget) -> None:
        if key in ("chat", "transcribe"):
            self._update_chat_targets()
        elif key == "gpu":
            self._update_gpu_roots()
        # Never narrower than the new tab: the window, not the tab, gives way.
        needed = self.right.minimumSizeHint().width()
        if needed > self.right.minimumWidth():
            self.right.setMinimumWidth(needed)

    # -- showing ------------------------------------------------------------------------
    def show_log(self) -> None:
        self._show_tab(self.log_view)

    def show_chat(self) -> None:
        self._show_tab(self.chat_tab)

    def show_transcribe(self) -> None:
        self._show_tab(self.transcribe_tab)

    def show_gpu(self) -> None:
        self._show_tab(self.gpu_panel)

    def show_models(self) -> None:
        self._show_tab(self.models_view)

    def _show_tab(self, tab: QWidget) -> None:
        self._show_details()
        self.tabs.setCurrentWidget(tab)

    # -- what the built tabs are told -----------------------------------------------------
    def _update_chat_targets(self) -> None:
        """The chat and transcription tabs offer the ready servers of their role,
        attached ones included (each tab picks its roles)."""
        from panel.core.servers.server_state import ServerState

        ready = [row.profile for row in self.model.rows() if row.state is ServerState.READY]
        for key in ("chat", "transcribe"):
            if self.lazy_tabs.built_widget(key) is not None:
                cast("ChatTab | TranscribeTab", self.lazy_tabs.get(key)).set_targets(ready)

    def _update_gpu_roots(self) -> None:
        # A container's processes are not in the client's tree: gpu_root is where they are.
        roots: dict[str, int] = {}
        in_containers: dict[str, str] = {}
        for server in self.hub.running():
            if server.gpu_root is not None:
                roots[server.profile.name] = server.gpu_root
            if server.container_id:
                in_containers[server.profile.name] = server.container_id
        if not roots and self.lazy_tabs.built_widget("gpu") is None:
            return  # nothing to attribute and nothing shown: no need for the GPU tab yet
        self.gpu_panel.set_servers(roots, in_containers)
        # The list and status bar show servers' GPU memory even when the GPU tab is hidden;
        # with no server running nothing needs samples unless the tab is on screen.
        self.gpu_panel.set_sampling_while_hidden(bool(roots))

    @Slot(dict)
    def _on_gpu_memory(self, by_server: dict) -> None:  # type: ignore[type-arg]
        self._gpu_bytes = {k: int(v) for k, v in by_server.items()}
        for row in self.model.rows():
            used = self._gpu_bytes.get(row.profile.name)
            self.model.update(row.profile.name, gpu_bytes=used or None)
        self._update_status()
