"""Dialogs for containerised servers: pulling an image, and containers left running.

The work is the core's (:mod:`panel.core.servers.image_pull`,
:mod:`panel.core.servers.containers`); it runs off the GUI thread (:mod:`panel.ui.workers`),
since a pull takes minutes and a hung daemon can make ``docker stop`` or ``docker ps``
wait for half a minute.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from panel.core.config.profiles import ServerProfile
from panel.core.models.memory_fit import format_size
from panel.core.servers.containers import ContainerInfo
from panel.core.servers.image_pull import ImagePull, PullProgress, PullResult
from panel.ui.workers import OffThread, ToGui, run_detached

# --- pulling an image ---------------------------------------------------------------------


class PullDialog(QDialog):
    """``docker pull IMAGE`` with a progress bar; Accepted when the image is there.

    The pull starts when the dialog is first shown. Cancel (or closing the dialog) stops
    it; the dialog then says so and ends Rejected. A failed pull stays open with the
    runtime's error and the fix, until the user closes it.
    """

    progressed = Signal(object)  # PullProgress, after the dialog has shown it
    pullFinished = Signal(object)  # PullResult, after the dialog has shown it

    def __init__(self, runtime_exe: str, image: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pullDialog")
        self.setWindowTitle(self.tr("Pull {image}").format(image=image))
        self.image = image
        self.outcome: PullResult | None = None
        self._closing = False
        # The pull reports from its reader thread; ToGui queues each report to this one.
        self.pull = ImagePull(runtime_exe, image, on_progress=ToGui(self._on_progress, self))
        self._started = False

        title = QLabel(self.tr("Downloading the image {image}").format(image=image))
        title.setWordWrap(True)
        title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bar = QProgressBar()
        self.bar.setObjectName("pullProgress")
        self.bar.setRange(0, 0)  # busy until the runtime says how much there is
        self.amount_label = QLabel(self.tr("Contacting the registry…"))
        self.amount_label.setObjectName("pullAmount")
        self.status_label = QLabel()
        self.status_label.setObjectName("pullStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label = QLabel()
        self.error_label.setObjectName("pullError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.hide()
        self.hint_label = QLabel()
        self.hint_label.setObjectName("pullHint")
        self.hint_label.setWordWrap(True)
        self.hint_label.setTextFormat(Qt.TextFormat.PlainText)
        self.hint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint_label.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.bar)
        layout.addWidget(self.amount_label)
        layout.addWidget(self.status_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.hint_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(520, 200)

    @property
    def running(self) -> bool:
        return self._started and self.outcome is None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started:
            self._started = True
            self.pull.start()
            # ImagePull announces its end only through wait(), which lasts as long as the
            # pull (minutes): a thread of its own, not a slot of the shared pool.
            finished = ToGui(self._on_finished, self)
            pull = self.pull
            run_detached(lambda: finished(pull.wait()), f"pull-wait:{self.image}")

    def reject(self) -> None:
        """Cancel: stop a running pull first, and end once it has stopped."""
        if self.running:
            self._closing = True
            self.cancel_button.setEnabled(False)
            self.status_label.setText(self.tr("Cancelling…"))
            self.pull.cancel()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.running:
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)

    def _on_progress(self, progress: PullProgress) -> None:
        fraction = progress.fraction
        if fraction is not None:
            self.bar.setRange(0, 1000)
            self.bar.setValue(round(fraction * 1000))
        self.amount_label.setText(self.amount_text(progress))
        if progress.status:
            self.status_label.setText(progress.status)
        self.progressed.emit(progress)

    def amount_text(self, progress: PullProgress) -> str:
        """ "1.2 GB of 9.8 GB" where the runtime gives bytes, else "layer 2 of 7"."""
        if progress.bytes_total:
            return self.tr("{done} of {total}").format(
                done=format_size(progress.bytes_done or 0), total=format_size(progress.bytes_total)
            )
        if progress.layers_total:
            return self.tr("layer {done} of {total}").format(
                done=progress.layers_done, total=progress.layers_total
            )
        return self.tr("Contacting the registry…")

    def _on_finished(self, result: PullResult) -> None:
        self.outcome = result
        if result.ok:
            self.bar.setRange(0, 1000)
            self.bar.setValue(1000)
            self.status_label.setText(self.tr("Pulled {image}").format(image=self.image))
            self.pullFinished.emit(result)
            self.accept()
        elif result.cancelled:
            self.status_label.setText(self.tr("Pull cancelled"))
            self.pullFinished.emit(result)
            super().reject()
        else:
            self.bar.setRange(0, 1000)
            self.bar.setValue(0)
            self.error_label.setText(result.message or self.tr("The pull failed"))
            self.error_label.show()
            self.hint_label.setText(result.hint)
            self.hint_label.setVisible(bool(result.hint))
            self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
            self.pullFinished.emit(result)
            if self._closing:
                super().reject()


# --- containers left running ------------------------------------------------------------------


class LeftoverDialog(QDialog):
    """Containers of ours found running at start-up: adopt, stop, or leave them.

    ``profiles`` maps profile names to profiles; a container can be adopted only when its
    profile still exists. ``adopt(info, profile)`` takes a container over and returns a
    note for the user ("" when there is nothing to add); ``stop(info, grace)`` stops one
    and is called off the GUI thread.
    """

    NAME, PROFILE, IMAGE, STARTED_BY, STATUS, ACTIONS = range(6)

    def __init__(
        self,
        leftovers: list[ContainerInfo],
        profiles: Mapping[str, ServerProfile],
        *,
        adopt: Callable[[ContainerInfo, ServerProfile], str],
        stop: Callable[[ContainerInfo, float], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("leftoverDialog")
        self.setWindowTitle(self.tr("Containers still running"))
        self.leftovers = list(leftovers)
        self._profiles = dict(profiles)
        self._adopt = adopt
        self._stop = stop
        self._busy: set[str] = set()  # ids being stopped
        self._done: dict[str, str] = {}  # id -> "adopted" | "stopped" | "left"

        intro = QLabel(
            self.tr(
                "These servers were started in containers by an earlier session of the "
                "panel (or another one) and are still running, holding their GPU memory. "
                "Adopt one to watch and stop it from here, or stop it now."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self.leftovers), 6)
        self.table.setObjectName("leftoverTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Container"),
                self.tr("Profile"),
                self.tr("Image"),
                self.tr("Started by"),
                self.tr("Status"),
                "",
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.IMAGE, QHeaderView.ResizeMode.Stretch)
        self.adopt_buttons: dict[str, QPushButton] = {}
        self.stop_buttons: dict[str, QPushButton] = {}
        for row, info in enumerate(self.leftovers):
            self._fill_row(row, info)

        self.buttons = QDialogButtonBox()
        self.adopt_all_button = self.buttons.addButton(
            self.tr("Adopt all"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.stop_all_button = self.buttons.addButton(
            self.tr("Stop all"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.leave_button = self.buttons.addButton(
            self.tr("Leave running"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.adopt_all_button.clicked.connect(self.adopt_all)
        self.stop_all_button.clicked.connect(self.stop_all)
        self.buttons.rejected.connect(self.reject)
        for button in self.buttons.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(860, 300)
        self._update_buttons()

    # -- rows ------------------------------------------------------------------------
    def _fill_row(self, row: int, info: ContainerInfo) -> None:
        profile_text = info.profile_name or self.tr("(unknown)")
        if info.profile_name and info.profile_name not in self._profiles:
            profile_text = self.tr("{name} (no such profile now)").format(name=info.profile_name)
        cells = {
            self.NAME: info.name,
            self.PROFILE: profile_text,
            self.IMAGE: info.image,
            self.STARTED_BY: self.started_by(info),
            self.STATUS: self.tr("running"),
        }
        for column, text in cells.items():
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            self.table.setItem(row, column, item)
        actions = QWidget()
        box = QHBoxLayout(actions)
        box.setContentsMargins(2, 0, 2, 0)
        adopt = QPushButton(self.tr("Adopt"))
        adopt.setAutoDefault(False)
        adopt.setToolTip(self.tr("Follow its log and stop it from the panel, as if started here"))
        adopt.clicked.connect(lambda _checked=False, i=info: self.adopt_one(i))
        stop = QPushButton(self.tr("Stop"))
        stop.setAutoDefault(False)
        stop.clicked.connect(lambda _checked=False, i=info: self.stop_one(i))
        box.addWidget(adopt)
        box.addWidget(stop)
        self.table.setCellWidget(row, self.ACTIONS, actions)
        self.adopt_buttons[info.id] = adopt
        self.stop_buttons[info.id] = stop

    def started_by(self, info: ContainerInfo) -> str:
        pid = info.panel_pid
        if pid is None:
            return self.tr("unknown")
        if info.panel_alive():
            return self.tr("panel pid {pid} (still running)").format(pid=pid)
        return self.tr("panel pid {pid}").format(pid=pid)

    def status_of(self, info: ContainerInfo) -> str:
        item = self.table.item(self.leftovers.index(info), self.STATUS)
        return item.text() if item is not None else ""

    def _set_status(self, info: ContainerInfo, text: str) -> None:
        item = self.table.item(self.leftovers.index(info), self.STATUS)
        if item is not None:
            item.setText(text)
            item.setToolTip(text)

    def can_adopt(self, info: ContainerInfo) -> bool:
        return info.profile_name in self._profiles

    def _open(self, info: ContainerInfo) -> bool:
        return info.id not in self._done and info.id not in self._busy

    def _update_buttons(self) -> None:
        for info in self.leftovers:
            open_ = self._open(info)
            self.adopt_buttons[info.id].setEnabled(open_ and self.can_adopt(info))
            self.stop_buttons[info.id].setEnabled(open_)
        pending = [i for i in self.leftovers if self._open(i)]
        self.adopt_all_button.setEnabled(any(self.can_adopt(i) for i in pending))
        self.stop_all_button.setEnabled(bool(pending))
        finished = not pending and not self._busy
        self.leave_button.setText(self.tr("Close") if finished else self.tr("Leave running"))

    # -- actions ---------------------------------------------------------------------
    def adopt_one(self, info: ContainerInfo) -> None:
        if not self._open(info) or not self.can_adopt(info):
            return
        try:
            note = self._adopt(info, self._profiles[info.profile_name])
        except Exception as exc:  # already running, no runtime: say so on its row
            self._set_status(info, self.tr("cannot adopt: {error}").format(error=exc))
            return
        self._done[info.id] = "adopted"
        text = self.tr("adopted")
        self._set_status(info, f"{text} — {note}" if note else text)
        self._update_buttons()

    def stop_one(self, info: ContainerInfo) -> None:
        if not self._open(info):
            return
        profile = self._profiles.get(info.profile_name)
        grace = profile.stop_grace if profile is not None else 10.0
        self._busy.add(info.id)
        self._set_status(info, self.tr("stopping…"))
        self._update_buttons()

        def stopped(outcome: object) -> None:
            error = ""
            if isinstance(outcome, Exception):
                error = str(outcome) or type(outcome).__name__
            self._on_stopped(info.id, error)

        OffThread(lambda: self._stop(info, grace), stopped, self)

    # "All" means the orphans: a container whose panel (or `serve`) still runs is that
    # panel's working server, stopped or adopted only by its own row's button.
    def adopt_all(self) -> None:
        for info in self.leftovers:
            if not info.panel_alive():
                self.adopt_one(info)

    def stop_all(self) -> None:
        for info in self.leftovers:
            if not info.panel_alive():
                self.stop_one(info)

    def _on_stopped(self, container_id: str, error: str) -> None:
        self._busy.discard(container_id)
        info = next((i for i in self.leftovers if i.id == container_id), None)
        if info is None:
            return
        if error:
            self._set_status(info, self.tr("could not stop: {error}").format(error=error))
        else:
            self._done[container_id] = "stopped"
            self._set_status(info, self.tr("stopped"))
        self._update_buttons()

    def pending(self) -> list[ContainerInfo]:
        """Containers neither adopted nor stopped (nor being stopped)."""
        return [i for i in self.leftovers if self._open(i)]
