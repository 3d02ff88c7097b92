"""The General tab: name, engine and role, where the program and the model are, the
address the server listens on, and its API key."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from panel.core.config.profiles import DEFAULT_HOST, Engine, Role, ServerProfile
from panel.core.config.validation import is_wildcard_host
from panel.core.engines import adapter_for
from panel.core.profile_editor.profile_checks import KeySource, Level, key_choice, key_ref
from panel.core.servers.ports import next_free_port
from panel.ui.profile_editor.form_parts import FormField, set_tab_order, small_button, start_dir
from panel.ui.profile_editor.model_field import ModelField


class GeneralPage(QScrollArea):
    """The first tab. ``model_dirs`` are the folders the model list is scanned from."""

    changed = Signal()
    engineChanged = Signal()
    attachToggled = Signal(bool)

    def __init__(self, model_dirs: Sequence[Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model_dirs = list(model_dirs)
        self._taken_ports: Mapping[int, str] = {}
        self._loading = False
        # The page scrolls rather than growing the dialog when several of its messages
        # show at once (install hints wrap over three lines).
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        page = QWidget()
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # The form's minimum height assumes every wrapped message at its narrowest; let
        # the scroll area size it by height-for-width instead, so it scrolls only when
        # the messages really do not fit.
        form.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        page.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)

        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("nameEdit")
        self.name_edit.setPlaceholderText(self.tr("e.g. qwen3-coder (llama.cpp)"))
        box = FormField(self.name_edit)
        self.name_message = box.message
        form.addRow(self.tr("&Name:"), box)
        self.name_edit.textChanged.connect(self.changed)

        self.engine_combo = QComboBox()
        self.engine_combo.setObjectName("engineCombo")
        for engine, label in (
            (Engine.LLAMA_CPP, self.tr("llama.cpp (llama-server)")),
            (Engine.WHISPER_CPP, self.tr("whisper.cpp (whisper-server)")),
            (Engine.VLLM, self.tr("vLLM (vllm serve)")),
            (Engine.CUSTOM, self.tr("Custom command")),
        ):
            self.engine_combo.addItem(label, engine.value)
        self.role_combo = QComboBox()
        self.role_combo.setObjectName("roleCombo")
        for role, label in (
            (Role.CHAT, self.tr("Chat")),
            (Role.VISION, self.tr("Vision (images)")),
            (Role.TRANSCRIPTION, self.tr("Transcription (speech to text)")),
        ):
            self.role_combo.addItem(label, role.value)
        role_label = QLabel(self.tr("&Role:"))
        role_label.setBuddy(self.role_combo)
        engine_row = QWidget()
        engine_layout = QHBoxLayout(engine_row)
        engine_layout.setContentsMargins(0, 0, 0, 0)
        engine_layout.addWidget(self.engine_combo, 1)
        engine_layout.addSpacing(12)
        engine_layout.addWidget(role_label)
        engine_layout.addWidget(self.role_combo, 1)
        form.addRow(self.tr("&Engine:"), engine_row)
        self.engine_combo.currentIndexChanged.connect(self._on_engine_changed)
        self.role_combo.currentIndexChanged.connect(self.changed)

        self.attach_check = QCheckBox(self.tr("&Attach to a server started elsewhere:"))
        self.attach_check.setObjectName("attachCheck")
        self.attach_url_edit = QLineEdit()
        self.attach_url_edit.setObjectName("attachUrlEdit")
        self.attach_url_edit.setPlaceholderText("http://127.0.0.1:8080")
        box = FormField(self.attach_check, self.attach_url_edit, stretch_first=False)
        box.row.setStretch(1, 1)
        self.attach_message = box.message
        form.addRow("", box)
        self.attach_check.toggled.connect(self._on_attach_toggled)
        self.attach_url_edit.textChanged.connect(self.changed)

        self.executable_edit = QLineEdit()
        self.executable_edit.setObjectName("executableEdit")
        self.executable_browse = small_button(self.tr("Browse…"))
        self.executable_browse.clicked.connect(self._browse_executable)
        box = FormField(self.executable_edit, self.executable_browse)
        self.executable_status = box.message
        self._executable_label = QLabel(self.tr("E&xecutable:"))
        self._executable_label.setBuddy(self.executable_edit)
        form.addRow(self._executable_label, box)
        self.executable_edit.textChanged.connect(self.changed)

        self.model = ModelField(model_dirs)
        self.model_combo, self.model_browse = self.model.combo, self.model.browse
        self.model_message, self.model_status = self.model.message, self.model.status
        self.model_browse.clicked.connect(self._browse_model)
        self._model_label = QLabel(self.tr("&Model:"))
        self._model_label.setBuddy(self.model_combo)
        form.addRow(self._model_label, self.model)
        self.model.edited.connect(self.changed)
        self.model.picked.connect(self._on_model_picked)

        self.host_edit = QLineEdit()
        self.host_edit.setObjectName("hostEdit")
        self.host_edit.setPlaceholderText(DEFAULT_HOST)
        # Shown while the host listens on every interface: one click back to private.
        self.local_host_button = small_button(self.tr("Use 127.0.0.1"))
        self.local_host_button.setObjectName("localHostButton")
        self.local_host_button.setToolTip(self.tr("Listen on this machine only"))
        self.local_host_button.clicked.connect(self._use_local_host)
        self.local_host_button.hide()
        box = FormField(self.host_edit, self.local_host_button)
        self.host_message = box.message
        form.addRow(self.tr("&Host:"), box)
        self.host_edit.textChanged.connect(self._on_host_changed)
        self.host_edit.textChanged.connect(self.changed)

        self.port_spin = QSpinBox()
        self.port_spin.setObjectName("portSpin")
        self.port_spin.setRange(1, 65535)
        self.port_spin.setMinimumWidth(100)
        self.next_free_button = small_button(self.tr("Next free"))
        self.next_free_button.setObjectName("nextFreeButton")
        self.next_free_button.setToolTip(self.tr("Pick the first free port from this one up"))
        self.next_free_button.clicked.connect(self._pick_next_free_port)
        box = FormField(self.port_spin, self.next_free_button, stretch_first=False)
        box.row.addStretch(1)
        self.port_message = box.message
        form.addRow(self.tr("&Port:"), box)
        self.port_spin.valueChanged.connect(self.changed)

        self.api_key_kind = QComboBox()
        self.api_key_kind.setObjectName("apiKeyKind")
        for source, label in (
            (KeySource.NONE, self.tr("None")),
            (KeySource.ENV, self.tr("Environment variable")),
            (KeySource.FILE, self.tr("File")),
        ):
            self.api_key_kind.addItem(label, source.value)
        self.api_key_edit = QLineEdit()
        self.api_key_edit.setObjectName("apiKeyEdit")
        self.api_key_browse = small_button(self.tr("Browse…"))
        self.api_key_browse.clicked.connect(self._browse_key_file)
        box = FormField(
            self.api_key_kind, self.api_key_edit, self.api_key_browse, stretch_first=False
        )
        box.row.setStretch(1, 1)
        self.api_key_message = box.message
        form.addRow(self.tr("API &key:"), box)
        self.api_key_kind.currentIndexChanged.connect(self._on_api_kind_changed)
        self.api_key_edit.textChanged.connect(self.changed)

        self.health_path_edit = QLineEdit()
        self.health_path_edit.setObjectName("healthPathEdit")
        self.health_path_edit.setPlaceholderText("/health")
        self._health_label = QLabel(self.tr("Health &path:"))
        self._health_label.setBuddy(self.health_path_edit)
        form.addRow(self._health_label, self.health_path_edit)
        self.health_path_edit.textChanged.connect(self.changed)

        set_tab_order(
            [
                self.name_edit,
                self.engine_combo,
                self.role_combo,
                self.attach_check,
                self.attach_url_edit,
                self.executable_edit,
                self.executable_browse,
                self.model_combo,
                self.model_browse,
                self.host_edit,
                self.local_host_button,
                self.port_spin,
                self.next_free_button,
                self.api_key_kind,
                self.api_key_edit,
                self.api_key_browse,
                self.health_path_edit,
            ]
        )
        self.setWidget(page)

    # -- data -----------------------------------------------------------------------------
    def load(self, profile: ServerProfile) -> None:
        self._loading = True
        try:
            self.name_edit.setText(profile.name)
            self.engine_combo.setCurrentIndex(self.engine_combo.findData(profile.engine.value))
            self._apply_engine(profile.engine)
            self.role_combo.setCurrentIndex(self.role_combo.findData(profile.role.value))
            self.attach_check.setChecked(profile.attached)
            self.attach_url_edit.setText(profile.attach_url)
            self.executable_edit.setText(profile.executable)
            self.model.set_text(profile.model)
            self.host_edit.setText(profile.host)
            self.port_spin.setValue(profile.port)
            source, value = key_choice(profile.api_key_ref)
            self.api_key_kind.setCurrentIndex(self.api_key_kind.findData(source.value))
            self.api_key_edit.setText(value)
            self._on_api_kind_changed()
            self.health_path_edit.setText(profile.health_path)
            self._on_attach_toggled(profile.attached)
        finally:
            self._loading = False

    def engine(self) -> Engine:
        return Engine(self.engine_combo.currentData())

    def role(self) -> Role:
        return Role(self.role_combo.currentData())

    def attach_ticked(self) -> bool:
        return self.attach_check.isChecked()

    def attach_url(self) -> str:
        return self.attach_url_edit.text().strip() if self.attach_check.isChecked() else ""

    def key_source(self) -> KeySource:
        return KeySource(self.api_key_kind.currentData())

    def key_text(self) -> str:
        return self.api_key_edit.text().strip()

    def api_key_ref(self) -> str:
        return key_ref(self.key_source(), self.key_text())

    def set_taken_ports(self, taken: Mapping[int, str]) -> None:
        """Ports of the other profiles (with their names): "Next free" skips them."""
        self._taken_ports = dict(taken)

    def set_runs_in_container(self, in_container: bool, entrypoint: str) -> None:
        """The executable field names the program inside the image, or on this machine."""
        adapter = adapter_for(self.engine())
        self.executable_browse.setEnabled(not in_container and not self.attach_check.isChecked())
        if in_container:
            self._executable_label.setText(self.tr("E&xecutable (in the image):"))
            if entrypoint:
                text = self.tr("Not used: the entrypoint {entrypoint} starts the server")
                self.executable_edit.setPlaceholderText(text.format(entrypoint=entrypoint))
            else:
                text = self.tr("{binary}, inside the image")
                self.executable_edit.setPlaceholderText(
                    text.format(binary=adapter.binary or self.tr("the program"))
                )
            self.executable_edit.setToolTip(
                self.tr("The server program inside the container image, not on this machine")
            )
        else:
            self._executable_label.setText(self.tr("E&xecutable:"))
            self.executable_edit.setPlaceholderText(
                adapter.binary or self.tr("The program to run, e.g. /opt/server/bin/serve")
            )
            self.executable_edit.setToolTip("")

    # -- reacting ---------------------------------------------------------------------------
    def _on_engine_changed(self) -> None:
        engine = self.engine()
        self._apply_engine(engine)
        if not self._loading:
            # The usual role follows the engine; the user may still change it after.
            role = self.role()
            if engine is Engine.WHISPER_CPP:
                role = Role.TRANSCRIPTION
            elif engine is Engine.LLAMA_CPP and role is Role.TRANSCRIPTION:
                role = Role.CHAT
            self.role_combo.setCurrentIndex(self.role_combo.findData(role.value))
            self._on_api_kind_changed()
        self.engineChanged.emit()
        self.changed.emit()

    def _apply_engine(self, engine: Engine) -> None:
        is_custom = engine is Engine.CUSTOM
        self._health_label.setVisible(is_custom)
        self.health_path_edit.setVisible(is_custom)
        self.model.set_engine(engine)

    def _on_model_picked(self) -> None:
        model = self.model.picked_model()
        if model is not None and model.engine is self.engine():
            self.role_combo.setCurrentIndex(self.role_combo.findData(model.role.value))
        self.changed.emit()

    def _on_attach_toggled(self, attached: bool) -> None:
        self.attach_url_edit.setEnabled(attached)
        for widget in (
            self._executable_label,
            self.executable_edit,
            self.executable_browse,
            self._model_label,
            self.model_combo,
            self.model_browse,
            self.host_edit,
            self.port_spin,
            self.next_free_button,
        ):
            widget.setEnabled(not attached)
        if attached and not self.attach_url_edit.text() and not self._loading:
            host = self.host_edit.text().strip() or DEFAULT_HOST
            probe = ServerProfile(name="", engine=self.engine(), host=host)
            probe.port = self.port_spin.value()
            self.attach_url_edit.setText(probe.base_url)
        self.attachToggled.emit(attached)
        self.changed.emit()

    def _on_api_kind_changed(self) -> None:
        source = self.key_source()
        self.api_key_edit.setEnabled(source is not KeySource.NONE)
        self.api_key_browse.setVisible(source is KeySource.FILE)
        if source is KeySource.ENV:
            self.api_key_edit.setPlaceholderText(
                self.tr("Name of the variable that holds the key, e.g. MY_LLM_KEY")
            )
        elif source is KeySource.FILE:
            self.api_key_edit.setPlaceholderText(self.tr("File that holds the key"))
        else:
            self.api_key_edit.setPlaceholderText(
                self.tr("No key: anyone who can connect may use it")
            )
        self.changed.emit()

    def _on_host_changed(self, text: str) -> None:
        self.local_host_button.setVisible(is_wildcard_host(text.strip()))

    def _use_local_host(self) -> None:
        self.host_edit.setText(DEFAULT_HOST)
        self.host_edit.setFocus()

    def _pick_next_free_port(self) -> None:
        host = self.host_edit.text().strip() or DEFAULT_HOST
        try:
            port = next_free_port(host, self.port_spin.value(), self._taken_ports)
        except OSError as exc:
            self.port_message.show_message(
                Level.ERROR,
                self.tr("Cannot look for a free port on {host}: {error}").format(
                    host=host, error=exc.strerror or exc
                ),
            )
            return
        self.port_spin.setValue(port)
        self.changed.emit()

    # -- files ------------------------------------------------------------------------------
    def _browse_executable(self) -> None:
        start = start_dir(self.executable_edit.text(), self._model_dirs)
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the server program"), start)
        if path:
            self.executable_edit.setText(path)

    def _browse_model(self) -> None:
        engine = self.engine()
        start = start_dir(self.model.text(), self._model_dirs)
        if engine is Engine.VLLM:
            path = QFileDialog.getExistingDirectory(self, self.tr("Choose the model folder"), start)
        else:
            filters = {
                Engine.LLAMA_CPP: self.tr("GGUF models (*.gguf);;All files (*)"),
                Engine.WHISPER_CPP: self.tr("whisper.cpp models (*.bin);;All files (*)"),
                Engine.CUSTOM: self.tr("All files (*)"),
            }[engine]
            title = self.tr("Choose the model file")
            path, _ = QFileDialog.getOpenFileName(self, title, start, filters)
        if path:
            self.model.set_text(path)

    def _browse_key_file(self) -> None:
        start = start_dir(self.api_key_edit.text(), self._model_dirs)
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the API key file"), start)
        if path:
            self.api_key_edit.setText(path)
