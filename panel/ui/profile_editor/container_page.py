"""The Container tab: run the server inside a docker or podman image instead of on the
host. What ``docker run`` gets is decided in :mod:`panel.core.servers.containers`."""

from __future__ import annotations

import shlex

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from panel.core.config.profiles import ContainerSpec, Engine, GpuAccess, Network, ServerProfile
from panel.core.profile_editor.profile_checks import split_options
from panel.core.servers import containers
from panel.ui.profile_editor.form_parts import FormField, set_tab_order


class ContainerPage(QWidget):
    """The container settings; unticked, they wait greyed out, ready to tick again."""

    changed = Signal()
    # The box was ticked or unticked, or the image changed: what starts the server did.
    runsInContainerChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._engine = Engine.LLAMA_CPP
        self._attached = False
        layout = QVBoxLayout(self)
        self.container_check = QCheckBox(self.tr("Run in a &container (docker / podman)"))
        self.container_check.setObjectName("containerCheck")
        self.container_check.setToolTip(
            self.tr(
                "The server runs inside a container image (docker run); the profile's "
                "environment variables go into the container."
            )
        )
        self.container_check.toggled.connect(self._on_toggled)
        layout.addWidget(self.container_check)

        self.container_form = QWidget()
        form = QFormLayout(self.container_form)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.runtime_combo = QComboBox()
        self.runtime_combo.setObjectName("runtimeCombo")
        self.runtime_combo.addItem(self.tr("Automatic (docker, else podman)"), "")
        for name in containers.RUNTIMES:
            self.runtime_combo.addItem(name, name)
        box = FormField(self.runtime_combo, stretch_first=False)
        box.row.addStretch(1)
        self.runtime_message = box.message
        form.addRow(self.tr("R&untime:"), box)
        self.runtime_combo.currentIndexChanged.connect(self.changed)

        self.image_edit = QLineEdit()
        self.image_edit.setObjectName("imageEdit")
        form.addRow(self.tr("&Image:"), self.image_edit)
        self.image_edit.textChanged.connect(self._on_image_changed)

        self.gpu_combo = QComboBox()
        self.gpu_combo.setObjectName("gpuCombo")
        for access, label in (
            (GpuAccess.RUNTIME, self.tr("--runtime=nvidia (as NVIDIA documents it)")),
            (GpuAccess.ALL, self.tr("--gpus all")),
            (GpuAccess.DEVICES, self.tr("Selected GPUs:")),
            (GpuAccess.NONE, self.tr("No GPU")),
        ):
            self.gpu_combo.addItem(label, access.value)
        self.gpu_devices_edit = QLineEdit()
        self.gpu_devices_edit.setObjectName("gpuDevicesEdit")
        self.gpu_devices_edit.setPlaceholderText(self.tr("GPU ids, e.g. 0,1"))
        box = FormField(self.gpu_combo, self.gpu_devices_edit, stretch_first=False)
        box.row.setStretch(1, 1)
        self.gpu_message = box.message
        form.addRow(self.tr("&GPU access:"), box)
        self.gpu_combo.currentIndexChanged.connect(self._on_gpu_changed)
        self.gpu_devices_edit.textChanged.connect(self.changed)

        self.ipc_check = QCheckBox(self.tr("Share the host's IPC namespace (--ipc=host)"))
        self.ipc_check.setObjectName("ipcCheck")
        self.ipc_check.setToolTip(
            self.tr(
                "PyTorch workers share tensors through /dev/shm; vLLM needs this or a big --shm-size"
            )
        )
        self.ipc_check.toggled.connect(self.changed)
        form.addRow("", self.ipc_check)

        self.network_combo = QComboBox()
        self.network_combo.setObjectName("networkCombo")
        self.network_combo.addItem(self.tr("Host network (--net=host)"), Network.HOST.value)
        self.network_combo.addItem(
            self.tr("Publish the port (-p host:port:port)"), Network.PUBLISH.value
        )
        form.addRow(self.tr("Net&work:"), self.network_combo)
        self.network_combo.currentIndexChanged.connect(self.changed)

        self.mounts_edit = QPlainTextEdit()
        self.mounts_edit.setObjectName("mountsEdit")
        self.mounts_edit.setTabChangesFocus(True)
        self.mounts_edit.setPlaceholderText(self.tr("One per line: HOST_PATH:CONTAINER_PATH[:ro]"))
        self.mounts_edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.mounts_edit.setFixedHeight(self.mounts_edit.fontMetrics().lineSpacing() * 5 + 12)
        self.mounts_edit.setToolTip(
            self.tr(
                "Folders the container sees (docker run -v), one per line. Model paths under "
                "a mount are translated to the container's path."
            )
        )
        box = FormField(self.mounts_edit)
        self.mounts_message = box.message
        form.addRow(self.tr("&Mounts:"), box)
        self.mounts_edit.textChanged.connect(self.changed)

        self.entrypoint_edit = QLineEdit()
        self.entrypoint_edit.setObjectName("entrypointEdit")
        self.entrypoint_edit.setToolTip(
            self.tr("Replaces the image's entrypoint and the engine's program name")
        )
        form.addRow(self.tr("&Entrypoint:"), self.entrypoint_edit)
        self.entrypoint_edit.textChanged.connect(self.changed)

        self.extra_args_edit = QLineEdit()
        self.extra_args_edit.setObjectName("extraArgsEdit")
        self.extra_args_edit.setPlaceholderText(self.tr("e.g. --shm-size 16g --ulimit memlock=-1"))
        box = FormField(self.extra_args_edit)
        self.extra_args_message = box.message
        form.addRow(self.tr("More docker run &options:"), box)
        self.extra_args_edit.textChanged.connect(self.changed)

        layout.addWidget(self.container_form)
        layout.addStretch(1)
        set_tab_order(
            [
                self.container_check,
                self.runtime_combo,
                self.image_edit,
                self.gpu_combo,
                self.gpu_devices_edit,
                self.ipc_check,
                self.network_combo,
                self.mounts_edit,
                self.entrypoint_edit,
                self.extra_args_edit,
            ]
        )

    # -- data -----------------------------------------------------------------------------
    def load(self, spec: ContainerSpec | None) -> None:
        shown = spec or ContainerSpec()  # unticked: the usual settings, ready to tick
        self.container_check.setChecked(spec is not None)
        index = self.runtime_combo.findData(shown.runtime)
        if index < 0:  # a path to the runtime: keep it as a choice of its own
            self.runtime_combo.addItem(shown.runtime, shown.runtime)
            index = self.runtime_combo.count() - 1
        self.runtime_combo.setCurrentIndex(index)
        self.image_edit.setText(shown.image)
        self.gpu_combo.setCurrentIndex(self.gpu_combo.findData(shown.gpus.value))
        self.gpu_devices_edit.setText(shown.gpu_devices)
        self.ipc_check.setChecked(shown.ipc_host)
        self.network_combo.setCurrentIndex(self.network_combo.findData(shown.network.value))
        self.mounts_edit.setPlainText("\n".join(shown.mounts))
        self.entrypoint_edit.setText(shown.entrypoint)
        self.extra_args_edit.setText(shlex.join(shown.extra_args))
        self._on_toggled(spec is not None)

    def spec(self) -> ContainerSpec | None:
        """The settings as a spec; None when the server runs on the host."""
        if not self.container_check.isChecked():
            return None
        mounts = [line.strip() for line in self.mounts_edit.toPlainText().splitlines()]
        return ContainerSpec(
            runtime=str(self.runtime_combo.currentData() or ""),
            image=self.image_edit.text().strip(),
            gpus=GpuAccess(self.gpu_combo.currentData()),
            gpu_devices=self.gpu_devices_edit.text().strip(),
            ipc_host=self.ipc_check.isChecked(),
            network=Network(self.network_combo.currentData()),
            mounts=[line for line in mounts if line],
            entrypoint=self.entrypoint_edit.text().strip(),
            extra_args=split_options(self.extra_args_edit.text().strip())[0],
        )

    def extra_args_error(self) -> str:
        """Why the extra ``docker run`` options cannot be split into words, if they cannot."""
        return split_options(self.extra_args_edit.text().strip())[1]

    def runs_in_container(self) -> bool:
        return self.container_check.isChecked()

    def entrypoint(self) -> str:
        """What starts the server in the image by default (empty: the image's own)."""
        probe = ServerProfile(
            name="",
            engine=self._engine,
            container=ContainerSpec(image=self.image_edit.text().strip()),
        )
        return containers.entrypoint_for(probe)

    def set_engine(self, engine: Engine) -> None:
        """The placeholders show what runs when a field is left empty."""
        self._engine = engine
        default_image = containers.DEFAULT_IMAGES.get(engine, "")
        self.image_edit.setPlaceholderText(
            default_image or self.tr("The image to run, e.g. registry.example.com/server:1.0")
        )
        entrypoint = self.entrypoint()
        self.entrypoint_edit.setPlaceholderText(entrypoint or self.tr("The image's own entrypoint"))

    def set_attached(self, attached: bool) -> None:
        self._attached = attached
        self.container_check.setEnabled(not attached)
        self.container_form.setEnabled(not attached and self.container_check.isChecked())

    # -- reacting ---------------------------------------------------------------------------
    def _on_toggled(self, checked: bool) -> None:
        self.container_form.setEnabled(checked and not self._attached)
        self._on_gpu_changed()
        self.runsInContainerChanged.emit()

    def _on_gpu_changed(self) -> None:
        devices = self.gpu_combo.currentData() == GpuAccess.DEVICES.value
        self.gpu_devices_edit.setEnabled(devices)
        self.changed.emit()

    def _on_image_changed(self) -> None:
        self.set_engine(self._engine)
        self.runsInContainerChanged.emit()
        self.changed.emit()
