"""The chat tab: talk to a ready chat or vision server, with images.

The request, the stream and the image preparation are the Qt-free core's
(:mod:`panel.core.chat.client`, :mod:`panel.core.chat.payload`, :mod:`panel.core.chat.image_prep`);
this widget runs them off the GUI thread and renders. Deltas arrive by queued signal and
are only *collected* there: a single-shot timer re-renders the conversation at most
every 50 ms, so a fast server costs one Markdown layout per frame, not one per token.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from platformdirs import user_cache_dir
from PySide6.QtCore import QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QImage,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from panel.core.chat.client import ChatError, ChatResult
from panel.core.chat.curl_export import as_curl
from panel.core.chat.image_prep import ImageError
from panel.core.chat.payload import ChatMessage, build_chat_request
from panel.core.config.profiles import ApiKeyError, Engine, Role, ServerProfile, resolve_api_key
from panel.core.engines import adapter_for
from panel.ui.chat_conversation import ConversationView, Turn
from panel.ui.chat_widgets import (
    Attachment,
    Banner,
    ChatStream,
    PromptEdit,
    ThumbnailStrip,
    carries_images,
    check_target,
    image_to_png,
    prepare_attachment,
)
from panel.ui.workers import OffThread

RENDER_INTERVAL_MS = 50  # ~20 Hz while streaming
PRESETS = (
    "Explain this image",
    "解释图像",
    "Describe the text in this image",
    "What is unusual here?",
)


class ChatTab(QWidget):
    """Chat with one of the ready chat/vision servers; see :meth:`set_targets`."""

    answer_finished = Signal()  # a stream ended: answered, stopped or failed
    attachments_changed = Signal()
    vision_checked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._targets: list[ServerProfile] = []
        self._vision: tuple[bool | None, str] = (None, "")
        self._models: dict[str, str] = {}
        self._check_token = 0
        self._attachments: list[Attachment] = []
        self._pending: dict[int, str] = {}
        self._next_job = 0
        self._stream: ChatStream | None = None
        self._threads: list[ChatStream] = []
        self._last: tuple[str, dict[str, Any], ServerProfile] | None = None
        self._images_confirmed = False
        self._new_chat_pending = False
        self.deltas_received = 0  # relay emissions handled for the current answer
        self.setAcceptDrops(True)
        self._build()
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(RENDER_INTERVAL_MS)
        self._render_timer.timeout.connect(self.view.refresh)
        self._on_target_changed()

    # -- construction ------------------------------------------------------------------
    def _build(self) -> None:
        tr = self.tr
        self.target_combo = QComboBox(self)
        self.target_combo.setMinimumWidth(200)
        self.target_combo.setToolTip(tr("The server that answers"))
        self.target_combo.currentIndexChanged.connect(self._on_target_changed)
        self.vision_label = QLabel(self)
        self.vision_label.setWordWrap(True)
        self.new_button = QPushButton(tr("New chat"), self)
        self.new_button.clicked.connect(self.new_chat)
        self.curl_button = QPushButton(tr("Copy as curl"), self)
        self.curl_button.setToolTip(tr("Copy the last request as a curl command"))
        self.curl_button.clicked.connect(self.copy_as_curl)
        self.save_button = QPushButton(tr("Save…"), self)
        self.save_button.setToolTip(tr("Save the conversation as Markdown or JSON"))
        self.save_button.clicked.connect(self.save_dialog)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Server:"), self))
        top.addWidget(self.target_combo)
        top.addWidget(self.vision_label, 1)
        for button in (self.new_button, self.curl_button, self.save_button):
            top.addWidget(button)

        self.banner = Banner(self)
        self.view = ConversationView(self)

        self.strip = ThumbnailStrip(self)
        self.strip.hint.setText(tr("Drop images or image links here, or paste one with Ctrl+V"))
        self.strip.remove_requested.connect(self.remove_image)
        self.strip.sources_dropped.connect(self.add_sources)
        self.strip.image_dropped.connect(self.add_qimage)
        self.add_button = QPushButton(tr("Add image…"), self)
        self.add_button.clicked.connect(self.add_dialog)
        self.strip.box.addWidget(self.add_button)

        self.presets = QComboBox(self)
        self.presets.addItems(self._load_presets())
        self.presets.setToolTip(tr("Put a ready-made prompt in the editor"))
        self.presets.activated.connect(self._on_preset)
        self.save_preset_button = QToolButton(self)
        self.save_preset_button.setText(tr("Save as preset"))
        self.save_preset_button.setToolTip(tr("Keep the prompt in the editor as a preset"))
        self.save_preset_button.clicked.connect(self.save_preset)
        self.remove_preset_button = QToolButton(self)
        self.remove_preset_button.setText(tr("Remove preset"))
        self.remove_preset_button.clicked.connect(self.remove_preset)
        self.options_button = QToolButton(self)
        self.options_button.setText(tr("Options"))
        self.options_button.setCheckable(True)
        self.options_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.options_button.setArrowType(Qt.ArrowType.RightArrow)
        self.options_button.toggled.connect(self._on_options_toggled)
        self.options = QWidget(self)
        form = QFormLayout(self.options)
        form.setContentsMargins(0, 0, 0, 0)
        self.system_prompt = QPlainTextEdit(self.options)
        self.system_prompt.setPlaceholderText(
            tr("Optional instructions sent before the conversation")
        )
        self.system_prompt.setMaximumHeight(60)
        self.temperature = QDoubleSpinBox(self.options)
        self.temperature.setRange(0.0, 2.0)
        self.temperature.setSingleStep(0.1)
        self.temperature.setValue(0.7)
        self.max_tokens = QSpinBox(self.options)
        self.max_tokens.setRange(1, 131072)
        self.max_tokens.setValue(1024)
        self.temperature.setMaximumWidth(120)
        self.max_tokens.setMaximumWidth(120)
        form.addRow(tr("System prompt:"), self.system_prompt)
        form.addRow(tr("Temperature:"), self.temperature)
        form.addRow(tr("Max tokens:"), self.max_tokens)
        self.options.hide()
        option_row = QHBoxLayout()
        option_row.addWidget(QLabel(tr("Presets:"), self))
        option_row.addWidget(self.presets)
        option_row.addWidget(self.save_preset_button)
        option_row.addWidget(self.remove_preset_button)
        option_row.addStretch(1)
        option_row.addWidget(self.options_button)

        self.prompt = PromptEdit(self)
        self.prompt.setPlainText(tr(PRESETS[0]))
        self.prompt.setPlaceholderText(
            tr("Ask something (Enter sends, Shift+Enter for a new line)")
        )
        self.prompt.setMaximumHeight(90)
        self.prompt.submitted.connect(self.send)
        self.prompt.image_pasted.connect(self.add_qimage)
        self.prompt.sources_dropped.connect(self.add_sources)
        self.send_button = QPushButton(tr("Send"), self)
        self.send_button.setDefault(True)
        self.send_button.clicked.connect(self.send)
        self.stop_button = QPushButton(tr("Stop"), self)
        self.stop_button.clicked.connect(self.stop)
        buttons = QVBoxLayout()
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)
        composer = QHBoxLayout()
        composer.addWidget(self.prompt, 1)
        composer.addLayout(buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.strip)
        layout.addLayout(option_row)
        layout.addWidget(self.options)
        layout.addLayout(composer)

    # -- targets -------------------------------------------------------------------------
    def set_targets(self, profiles: list[ServerProfile]) -> None:
        """The ready chat/vision servers; the current one stays chosen while present."""
        profiles = [p for p in profiles if p.role in (Role.CHAT, Role.VISION)]
        current = self.current_target()
        if [(p.name, p) for p in profiles] == [(p.name, p) for p in self._targets]:
            return
        self._targets = list(profiles)
        self.target_combo.blockSignals(True)
        self.target_combo.clear()
        for profile in profiles:
            self.target_combo.addItem(profile.name, profile.name)
        names = [p.name for p in profiles]
        if current is not None and current.name in names:
            self.target_combo.setCurrentIndex(names.index(current.name))
        self.target_combo.blockSignals(False)
        if self.current_target() != current:
            self._on_target_changed()
        self._update_buttons()

    def current_target(self) -> ServerProfile | None:
        index = self.target_combo.currentIndex()
        return self._targets[index] if 0 <= index < len(self._targets) else None

    # -- banner ------------------------------------------------------------------------
    def show_banner(
        self,
        text: str,
        kind: str = "error",
        *,
        action: tuple[str, Any] | None = None,
        tag: str = "",
    ) -> None:
        self.banner.show_message(text, kind, action=action, tag=tag)

    def hide_banner(self) -> None:
        self.banner.hide()

    def banner_text(self) -> str:
        return self.banner.text()

    @property
    def banner_action(self) -> QPushButton:
        return self.banner.action

    @Slot()
    def _on_target_changed(self) -> None:
        self._check_token += 1
        self._images_confirmed = False
        profile = self.current_target()
        if profile is None:
            self._vision = (None, "")
            self.vision_label.setText(self.tr("No chat server is ready: start one in the list"))
            self.vision_label.setStyleSheet("color: #9a5a00; font-weight: bold;")
            self.view.setPlaceholderText(
                self.tr("No chat server is ready: start one in the list, then ask it here.")
            )
            self._update_buttons()
            return
        self.view.setPlaceholderText(
            self.tr("Ask {name} something; drop images below if it reads them.").format(
                name=profile.name
            )
        )
        if profile.engine is Engine.VLLM:
            if profile.role is Role.VISION:
                self._set_vision(True, self.tr("vision profile"))
            else:
                self._set_vision(
                    False,
                    self.tr(
                        "the profile's role is chat; make it a vision profile for a multimodal model"
                    ),
                )
            return
        self._vision = (None, "")
        self.vision_label.setText(
            self.tr("Checking whether {name} accepts images…").format(name=profile.name)
        )
        token = self._check_token
        try:
            key = resolve_api_key(profile.api_key_ref)
        except ApiKeyError as exc:
            self._set_vision(None, str(exc))
            return
        OffThread(
            lambda: check_target(profile.base_url, key),
            lambda outcome: self._on_checked(token, profile, outcome),
            self,
        )

    def _on_checked(self, token: int, profile: ServerProfile, outcome: object) -> None:
        if token != self._check_token:
            return  # the user picked another server meanwhile
        if isinstance(outcome, Exception):
            self._set_vision(None, str(outcome))
            return
        vision, reason, model = cast(tuple[bool | None, str, str], outcome)
        if model:
            self._models[profile.name] = model
        self._set_vision(vision, reason)

    def _set_vision(self, vision: bool | None, reason: str) -> None:
        self._vision = (vision, reason)
        detail = f": {reason}" if reason else ""
        self.vision_label.setToolTip(reason)
        if vision:
            text, colour = self.tr("✓ Accepts images"), "#1b7f3b"
        elif vision is False:
            text, colour = self.tr("✗ Text only") + detail, "#9a5a00"
        else:
            text, colour = (
                self.tr("Unknown whether it accepts images") + detail,
                "palette(placeholder-text)",
            )
        self.vision_label.setText(text)
        self.vision_label.setStyleSheet(f"color: {colour};")
        self.vision_checked.emit()

    def vision(self) -> tuple[bool | None, str]:
        return self._vision

    # -- images --------------------------------------------------------------------------
    def attachments(self) -> list[Attachment]:
        return list(self._attachments)

    def pending_images(self) -> int:
        return len(self._pending)

    @Slot(list)
    def add_sources(self, sources: list[Path | str]) -> None:
        for source in sources:
            label = source.name if isinstance(source, Path) else source.rsplit("/", 1)[-1] or source
            self._prepare(source, label)

    @Slot(QImage)
    def add_qimage(self, image: QImage) -> None:
        if image.isNull():
            self.show_banner(self.tr("The clipboard image is empty."), "error")
            return
        self._prepare(image_to_png(image), self.tr("Pasted image"))

    def add_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Add images"),
            "",
            self.tr("Images (*.png *.jpg *.jpeg *.webp *.gif *.bmp);;All files (*)"),
        )
        self.add_sources([Path(p) for p in paths])

    def _prepare(self, source: Path | str | bytes, label: str) -> None:
        job = self._next_job
        self._next_job += 1
        self._pending[job] = label
        profile = self.current_target()
        OffThread(
            lambda: prepare_attachment(source, label, profile),
            lambda outcome: self._on_prepared(job, outcome),
            self,
        )
        self._refresh_strip()

    def _on_prepared(self, job: int, outcome: object) -> None:
        label = self._pending.pop(job, "")
        if isinstance(outcome, Attachment):
            outcome.order = job
            self._attachments.append(outcome)
            self._attachments.sort(key=lambda a: a.order)
            if self.banner.tag == "image":
                self.hide_banner()
        elif isinstance(outcome, ImageError):
            self.show_banner(str(outcome), "error", tag="image")
        else:
            self.show_banner(
                self.tr("Could not add {name}: {error}").format(name=label, error=outcome),
                "error",
                tag="image",
            )
        self._refresh_strip()

    def remove_image(self, index: int) -> None:
        if 0 <= index < len(self._attachments):
            del self._attachments[index]
            self._images_confirmed = False
            self._refresh_strip()

    def _refresh_strip(self) -> None:
        self.strip.set_items(self._attachments, list(self._pending.values()))
        self._update_buttons()
        self.attachments_changed.emit()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if carries_images(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        self.strip.dropEvent(event)

    # -- sending ---------------------------------------------------------------------------
    def send(self) -> None:
        profile = self.current_target()
        if profile is None or self._stream is not None:
            return
        text = self.prompt.toPlainText().strip()
        if not text and not self._attachments:
            return
        if self._pending:
            self.show_banner(self.tr("Wait a moment: the images are still being prepared."), "info")
            return
        vision, reason = self._vision
        if self._attachments and vision is False and not self._images_confirmed:
            self.show_banner(
                self.tr(
                    "{name} does not accept images: {reason}. The images would be refused or ignored."
                ).format(name=profile.name, reason=reason or self.tr("no vision support")),
                "warning",
                action=(self.tr("Send anyway"), self._send_anyway),
            )
            return
        try:
            key = resolve_api_key(profile.api_key_ref)
        except ApiKeyError as exc:
            self.show_banner(str(exc), "error")
            return
        self.hide_banner()
        user = ChatMessage("user", text, [a.image for a in self._attachments])
        request = self._request_for(user, profile)
        self._last = (profile.base_url + "/v1/chat/completions", request, profile)
        turn = Turn(user, [a.thumb for a in self._attachments], model=profile.name)
        turn.images = [a.image.source for a in self._attachments]
        self.view.turns.append(turn)
        self.deltas_received = 0
        stream = ChatStream(profile.base_url, key, request)
        stream.delta.connect(self._on_delta)
        stream.succeeded.connect(self._on_succeeded)
        stream.failed.connect(self._on_failed)
        stream.finished.connect(self._on_thread_finished)
        self._stream = stream
        self._threads.append(stream)
        stream.start()
        self._update_buttons()
        self.view.refresh()

    def _send_anyway(self) -> None:
        self._images_confirmed = True
        self.send()

    def _request_for(self, user: ChatMessage, profile: ServerProfile) -> dict[str, Any]:
        messages: list[ChatMessage] = []
        system = self.system_prompt.toPlainText().strip()
        if system:
            messages.append(ChatMessage("system", system, []))
        for turn in self.view.turns:
            if turn.answer:
                messages += [turn.user, ChatMessage("assistant", turn.answer, [])]
        messages.append(user)
        model = self._models.get(profile.name) or Path(profile.model).name or None
        return build_chat_request(
            messages,
            model=model,
            temperature=self.temperature.value(),
            max_tokens=self.max_tokens.value(),
            stream=True,
        )

    def last_request(self) -> dict[str, Any] | None:
        """The body of the last request sent (for tests and Copy as curl)."""
        return self._last[1] if self._last else None

    def stop(self) -> None:
        if self._stream is not None:
            self._stream.cancel.set()
            self.stop_button.setEnabled(False)

    @Slot(str, str)
    def _on_delta(self, text: str, reasoning: str) -> None:
        if self.sender() is not self._stream or not self.view.turns:
            return
        self.deltas_received += 1
        turn = self.view.turns[-1]
        turn.answer += text
        turn.reasoning += reasoning
        if not self._render_timer.isActive():
            self._render_timer.start()

    @Slot(object)
    def _on_succeeded(self, result: ChatResult) -> None:
        turn = self.view.turns[-1]
        turn.result = result
        turn.answer = result.text or turn.answer
        turn.reasoning = result.reasoning or turn.reasoning
        self.prompt.clear()
        self._attachments.clear()
        self._refresh_strip()
        self._finish()

    @Slot(object)
    def _on_failed(self, error: ChatError) -> None:
        turn = self.view.turns[-1]
        partial: ChatResult | None = getattr(error, "partial", None)
        if getattr(error, "kind", "") == "cancelled" and (
            turn.answer or (partial and partial.text)
        ):
            if partial is not None:
                turn.result = partial
                turn.answer = partial.text or turn.answer
            turn.note = self.tr("Stopped")
            self.prompt.clear()
            self._attachments.clear()
            self._refresh_strip()
        else:
            # Nothing was answered: forget the turn, keep the prompt and images for a retry.
            self.view.turns.pop()
            if getattr(error, "kind", "") != "cancelled":
                message = str(error)
                self.show_banner(message[:1].upper() + message[1:], "error")
        self._finish()

    def _finish(self) -> None:
        self._stream = None
        if self._new_chat_pending:
            self._new_chat_pending = False
            self.view.turns.clear()
        self._images_confirmed = False
        self._render_timer.stop()
        self.view.refresh()
        self._update_buttons()
        self.answer_finished.emit()

    @Slot()
    def _on_thread_finished(self) -> None:
        for thread in [t for t in self._threads if t.isFinished()]:
            thread.wait()
            self._threads.remove(thread)
            thread.deleteLater()

    def is_streaming(self) -> bool:
        return self._stream is not None

    def _update_buttons(self) -> None:
        has_target = self.current_target() is not None
        busy = self._stream is not None
        self.send_button.setEnabled(has_target and not busy)
        self.stop_button.setEnabled(busy)
        self.target_combo.setEnabled(has_target and not busy)
        self.curl_button.setEnabled(has_target or self._last is not None)
        self.save_button.setEnabled(bool(self.view.turns))
        self.prompt.setReadOnly(busy)

    # -- the conversation --------------------------------------------------------------
    def conversation_text(self) -> str:
        return self.view.toPlainText()

    # -- presets (the user's own, kept in QSettings beside the window geometry) ------------
    def _load_presets(self) -> list[str]:
        saved = QSettings("inference-panel", "inference-panel").value("chat/presets")
        if isinstance(saved, list) and all(isinstance(p, str) for p in saved):
            return list(saved)
        return [self.tr(p) for p in PRESETS]

    def preset_texts(self) -> list[str]:
        return [self.presets.itemText(i) for i in range(self.presets.count())]

    def _store_presets(self) -> None:
        QSettings("inference-panel", "inference-panel").setValue(
            "chat/presets", self.preset_texts()
        )

    def save_preset(self) -> None:
        text = self.prompt.toPlainText().strip()
        if not text:
            return
        if text not in self.preset_texts():
            self.presets.addItem(text)
            self._store_presets()
        self.presets.setCurrentIndex(self.preset_texts().index(text))

    def remove_preset(self) -> None:
        index = self.presets.currentIndex()
        if index >= 0:
            self.presets.removeItem(index)
            self._store_presets()

    @Slot(int)
    def _on_preset(self, index: int) -> None:
        self.prompt.setPlainText(self.presets.itemText(index))
        self.prompt.setFocus()

    def _on_options_toggled(self, on: bool) -> None:
        self.options.setVisible(on)
        self.options_button.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)

    # -- chat actions ------------------------------------------------------------------
    def new_chat(self) -> None:
        """Forget the conversation (a running answer is stopped first)."""
        if self._stream is not None:
            self._new_chat_pending = True
            self.stop()
            return
        self.view.turns.clear()
        self._last = None
        self.hide_banner()
        self.view.refresh()
        self._update_buttons()

    def curl_command(self) -> str | None:
        if self._last is not None:
            url, request, profile = self._last
        else:
            target = self.current_target()
            if target is None:
                return None
            user = ChatMessage(
                "user", self.prompt.toPlainText().strip(), [a.image for a in self._attachments]
            )
            url, request, profile = (
                target.base_url + "/v1/chat/completions",
                self._request_for(user, target),
                target,
            )
        env = adapter_for(profile.engine).api_key_env if profile.api_key_ref else None
        spill = Path(user_cache_dir("inference-panel")) / "curl"
        return as_curl(url, request, api_key_env=env, spill_dir=spill)

    def copy_as_curl(self) -> None:
        command = self.curl_command()
        if command is None:
            return
        QGuiApplication.clipboard().setText(command)
        self.show_banner(self.tr("Copied a curl command for the last request."), "info")

    def conversation_data(self) -> list[dict[str, Any]]:
        return self.view.data()

    def save_conversation(self, path: Path) -> None:
        """Write the conversation as JSON (``.json``) or Markdown (anything else)."""
        self.view.save(path)

    def save_dialog(self) -> None:
        name, chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("Save conversation"),
            "conversation.md",
            self.tr("Markdown (*.md);;JSON (*.json)"),
        )
        if not name:
            return
        path = Path(name)
        if not path.suffix:
            # The dialog confirmed the name without a suffix, not this one: ask ourselves.
            path = path.with_suffix(".json" if "json" in chosen.lower() else ".md")
            if (
                path.exists()
                and QMessageBox.question(
                    self,
                    self.tr("Replace file?"),
                    self.tr("{name} exists. Replace it?").format(name=path.name),
                )
                != QMessageBox.StandardButton.Yes
            ):
                return
        try:
            self.save_conversation(path)
        except OSError as exc:
            self.show_banner(
                self.tr("Could not save {path}: {error}").format(path=path, error=exc.strerror),
                "error",
            )

    # -- lifetime ------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Cancel a running answer and wait for its thread (call before deleting the tab)."""
        self._render_timer.stop()
        for thread in list(self._threads):
            thread.cancel.set()
            thread.wait()
        self._threads.clear()
        self._stream = None

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)
