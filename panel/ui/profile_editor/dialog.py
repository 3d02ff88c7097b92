"""The profile editor dialog: four tabs, the command line, OK and Cancel.

Everything it decides comes from the Qt-free core: the problems from
:func:`panel.core.profile_editor.profile_checks.check_profile`, the command line from
:func:`panel.core.profile_editor.command_preview.preview_command`. The dialog shows each problem
next to its field, marks the tabs that have one, and refuses OK while one is an error.
Closing it with edits asks before throwing them away.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from panel.core.config.profiles import DEFAULT_HOST, Engine, Role, ServerProfile
from panel.core.models.discovery import default_model_dirs
from panel.core.profile_editor.command_preview import preview_command
from panel.core.profile_editor.profile_checks import (
    Field,
    FieldCheck,
    Level,
    ProfileDraft,
    check_profile,
    projector_to_offer,
)
from panel.core.servers.ports import next_free_port
from panel.ui.profile_editor.command_line import CommandLineView
from panel.ui.profile_editor.container_page import ContainerPage
from panel.ui.profile_editor.environment_page import EnvironmentPage
from panel.ui.profile_editor.flags_page import FlagsEditor
from panel.ui.profile_editor.form_parts import FieldMessage, small_button
from panel.ui.profile_editor.general_page import GeneralPage

_LEVEL_ORDER = {Level.ERROR: 0, Level.WARNING: 1, Level.INFO: 2}


class ProfileEditor(QDialog):
    """Create (``profile=None``) or edit a server profile; ``profile()`` gives the result.

    ``existing_names`` are the profiles' names (the edited profile's own name may be among
    them). ``model_dirs`` are the folders to scan for models (None: the usual ones and
    the edited model's own folder; an empty list: no scan). ``taken_ports`` maps the
    ports of other profiles to their names, so "Next free" skips them and a clash is
    pointed out.
    """

    API_NONE, API_ENV, API_FILE = range(3)  # the rows of the API key choice
    GENERAL_TAB, FLAGS_TAB, ENV_TAB, CONTAINER_TAB = range(4)

    def __init__(
        self,
        profile: ServerProfile | None,
        existing_names: Collection[str],
        parent: QWidget | None = None,
        *,
        model_dirs: list[Path] | None = None,
        taken_ports: Mapping[int, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("profileEditor")
        self._existing = {n for n in existing_names if profile is None or n != profile.name}
        self._taken_ports = dict(taken_ports or {})
        start = profile or self._new_profile()
        if model_dirs is None:
            model_dirs = default_model_dirs()
            own = start.model_path()
            if own is not None and own.is_absolute() and own.parent not in model_dirs:
                model_dirs.append(own.parent)
        self._errors: list[str] = []
        self._loading = True

        if profile is None:
            self.setWindowTitle(self.tr("New profile"))
        else:
            self.setWindowTitle(self.tr("Edit profile — {name}").format(name=profile.name))
        self._build(list(model_dirs))
        self._load(start)
        self._loading = False
        self._revalidate()
        self._loaded = self.profile()  # what "nothing changed" means

        self.general.model.start_scan()
        self.general.name_edit.setFocus()
        self.general.name_edit.selectAll()

    # -- public -------------------------------------------------------------------------
    def profile(self) -> ServerProfile:
        """The profile as the form shows it now."""
        general, environment = self.general, self.environment
        return ServerProfile(
            name=general.name_edit.text().strip(),
            engine=general.engine(),
            model=general.model.text(),
            executable=general.executable_edit.text().strip(),
            host=general.host_edit.text().strip(),
            port=general.port_spin.value(),
            args=self.flags.args(),
            env=environment.env.env(),
            role=general.role(),
            ready_timeout=environment.ready_timeout_spin.value(),
            stop_grace=environment.stop_grace_spin.value(),
            api_key_ref=general.api_key_ref(),
            attach_url=general.attach_url(),
            health_path=general.health_path_edit.text().strip(),
            auto_restart=environment.auto_restart_check.isChecked(),
            container=self.container.spec(),
            idle_timeout=environment.router.idle_timeout(),
            unload=environment.router.unload(),
            pinned=environment.router.pinned(),
        )

    def problems(self) -> list[str]:
        """What keeps OK disabled; empty when the profile can be saved."""
        return list(self._errors)

    def is_edited(self) -> bool:
        """Whether the form differs from the profile it opened with."""
        return self.profile() != self._loaded

    def wait_for_discovery(self, msecs: int = -1) -> bool:
        """Block until the model scan has finished and its models are listed."""
        return self.general.model.wait_for_scan(msecs)

    def accept(self) -> None:
        self._revalidate()
        if not self._errors:
            super().accept()

    def reject(self) -> None:
        """Esc, Cancel and closing the window: ask first when there are edits to lose."""
        if self.is_edited() and not self._confirm_discard():
            return
        super().reject()

    # -- building -----------------------------------------------------------------------
    def _build(self, model_dirs: list[Path]) -> None:
        self.tabs = QTabWidget()
        self.general = GeneralPage(model_dirs)
        self.general.set_taken_ports(self._taken_ports)
        self.flags = FlagsEditor()
        self.flags.setObjectName("flagsEditor")
        self.environment = EnvironmentPage()
        self.container = ContainerPage()
        self.tabs.addTab(self.general, self.tr("General"))
        self.tabs.addTab(self.flags, self.tr("Flags"))
        self.tabs.addTab(self.environment, self.tr("Environment && lifecycle"))
        self.tabs.addTab(self.container, self.tr("Co&ntainer"))
        for page in (self.general, self.flags, self.environment, self.container):
            page.changed.connect(self._revalidate)
        self.general.engineChanged.connect(self._on_engine_changed)
        self.general.attachToggled.connect(self._on_attach_toggled)
        self.general.model.modelsFound.connect(self._revalidate)
        self.general.model.projectorRequested.connect(self._add_projector)
        self.container.runsInContainerChanged.connect(self._update_container_hints)

        self.preview = CommandLineView()
        self.preview.setObjectName("commandPreview")
        self.copy_button = small_button(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy the command line (the API key stays masked)"))
        self.copy_button.clicked.connect(
            lambda: QGuiApplication.clipboard().setText(self.preview.command_line())
        )
        preview_title = QLabel(self.tr("&Command line:"))
        preview_title.setBuddy(self.preview)
        preview_row = QHBoxLayout()
        preview_row.addWidget(self.preview, 1)
        preview_row.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignTop)

        self.summary = FieldMessage()
        self.summary.setObjectName("problemSummary")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAutoDefault(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(preview_title)
        layout.addLayout(preview_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.resize(800, 640)

        general, container = self.general, self.container
        self._messages: dict[Field, tuple[FieldMessage, int]] = {
            Field.NAME: (general.name_message, self.GENERAL_TAB),
            Field.ATTACH_URL: (general.attach_message, self.GENERAL_TAB),
            Field.EXECUTABLE: (general.executable_status, self.GENERAL_TAB),
            Field.MODEL: (general.model_message, self.GENERAL_TAB),
            Field.HOST: (general.host_message, self.GENERAL_TAB),
            Field.PORT: (general.port_message, self.GENERAL_TAB),
            Field.API_KEY: (general.api_key_message, self.GENERAL_TAB),
            Field.FLAGS: (self.flags.message, self.FLAGS_TAB),
            Field.ENV: (self.environment.env.message, self.ENV_TAB),
            Field.RUNTIME: (container.runtime_message, self.CONTAINER_TAB),
            Field.GPU: (container.gpu_message, self.CONTAINER_TAB),
            Field.MOUNTS: (container.mounts_message, self.CONTAINER_TAB),
            Field.EXTRA_ARGS: (container.extra_args_message, self.CONTAINER_TAB),
        }

    # -- loading ------------------------------------------------------------------------
    def _new_profile(self) -> ServerProfile:
        try:
            port = next_free_port(DEFAULT_HOST, 8080, self._taken_ports)
        except OSError:
            port = 8080
        return ServerProfile(name="", engine=Engine.LLAMA_CPP, port=port)

    def _load(self, profile: ServerProfile) -> None:
        self.flags.set_engine(profile.engine)
        self.container.set_engine(profile.engine)
        self.general.load(profile)
        self.flags.set_args(profile.args)
        self.environment.load(profile)
        self.container.load(profile.container)
        self._on_attach_toggled(profile.attached)

    # -- reacting -----------------------------------------------------------------------
    def _on_engine_changed(self) -> None:
        engine = self.general.engine()
        self.flags.set_engine(engine)
        self.container.set_engine(engine)
        self.environment.router.set_engine(engine)
        self._update_container_hints()

    def _update_container_hints(self) -> None:
        in_container = self.container.runs_in_container()
        self.general.set_runs_in_container(in_container, self.container.entrypoint())

    def _on_attach_toggled(self, attached: bool) -> None:
        self.flags.setEnabled(not attached)
        self.environment.set_attached(attached)
        self.container.set_attached(attached)
        self._update_container_hints()

    def _add_projector(self, projector: Path) -> None:
        self.flags.set_args([*self.flags.args(), "--mmproj", str(projector)])
        combo = self.general.role_combo
        combo.setCurrentIndex(combo.findData(Role.VISION.value))

    def _confirm_discard(self) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Discard changes?"),
            self.tr("Discard changes?"),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setInformativeText(self.tr("The edits to this profile have not been saved."))
        discard = box.addButton(self.tr("&Discard"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("&Keep editing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is discard

    # -- validation ---------------------------------------------------------------------
    def _revalidate(self) -> None:
        if self._loading:
            return
        profile = self.profile()
        general = self.general
        draft = ProfileDraft(
            profile,
            attach=general.attach_ticked(),
            flag_rows=self.flags.rows(),
            env_rows=self.environment.env.rows(),
            key_source=general.key_source(),
            key_text=general.key_text(),
            extra_args_error=self.container.extra_args_error(),
        )
        picked = general.model.picked_model()
        checks = check_profile(
            draft,
            existing_names=self._existing,
            taken_ports=self._taken_ports,
            picked_model=picked,
        )
        self._show_checks(checks)
        attached = profile.attached or general.attach_ticked()
        general.model.offer_projector(None if attached else projector_to_offer(profile, picked))
        if attached:
            text = self.tr("Not started by the panel: it only talks to {url}")
            self.preview.set_note(text.format(url=profile.attach_url))
        else:
            command = preview_command(profile)
            if command.note:
                self.preview.set_note(command.note)
            else:
                self.preview.set_command(command.env_words, command.argv)

    def _show_checks(self, checks: list[FieldCheck]) -> None:
        by_field: dict[Field, list[FieldCheck]] = {}
        for check in checks:
            by_field.setdefault(check.field, []).append(check)
        self._errors = []
        tab_levels: dict[int, set[Level]] = {tab: set() for tab in range(self.tabs.count())}
        for where, (message, tab) in self._messages.items():
            found = sorted(by_field.get(where, []), key=lambda c: _LEVEL_ORDER[c.level])
            if not found:
                message.clear_message()
                continue
            texts = [_translated(check) for check in found]
            message.show_message(found[0].level, "\n".join(texts))
            tab_levels[tab].add(found[0].level)
            if found[0].level is Level.ERROR:
                self._errors.append(texts[0].splitlines()[0])
        self.ok_button.setEnabled(not self._errors)
        summary = self.tr("Fix before saving: {problem}")
        self.summary.show_message(
            Level.ERROR if self._errors else None,
            summary.format(problem=self._errors[0]) if self._errors else "",
        )
        style = self.style()
        for tab, levels in tab_levels.items():
            if Level.ERROR in levels:
                icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
            elif Level.WARNING in levels:
                icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            else:
                icon = QIcon()
            self.tabs.setTabIcon(tab, icon)


def _translated(check: FieldCheck) -> str:
    """The check's text in the user's language (its template is listed for translators
    in :mod:`panel.ui.profile_editor.check_texts`)."""
    template = QCoreApplication.translate("ProfileChecks", check.template)
    return template.format(**check.params)
