"""The chat tab: talk to a ready chat or vision server, with images.

The request, the stream and the image preparation are the Qt-free core's
(:mod:`panel.core.chat.client`, :mod:`panel.core.chat.payload`, :mod:`panel.core.chat.image_prep`);
this widget runs them off the GUI thread (:mod:`panel.ui.workers`) and renders. Deltas are
only *collected* here: a single-shot timer re-renders the conversation at most every 50 ms,
so a fast server costs one Markdown layout per frame, not one per token.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from platformdirs import user_cache_dir
from PySide6.QtCore import QCoreApplication, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication, QImage
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from panel.core.chat.client import CHAT_PATH, ChatError, ChatResult
from panel.core.chat.curl_export import as_curl, clean_request_files, request_folder
from panel.core.chat.image_fetch import link_name
from panel.core.chat.payload import ChatMessage, build_chat_request, for_server
from panel.core.config.profiles import ApiKeyError, ServerProfile, resolve_api_key
from panel.core.engines import adapter_for
from panel.ui.banner import Banner
from panel.ui.chat.attachments import Attachment, image_to_png
from panel.ui.chat.conversation import ConversationView, Turn, ask_save_path
from panel.ui.chat.images import ImageTray
from panel.ui.chat.options import PRESETS, ChatOptions
from panel.ui.chat.server_box import ServerBox
from panel.ui.chat.stream import AnswerStream
from panel.ui.chat.widgets import Composer, ThumbnailStrip, carries_images

__all__ = ["PRESETS", "ChatTab"]

RENDER_INTERVAL_MS = 50  # ~20 Hz while streaming


class ChatTab(QWidget):
    """Chat with one of the ready chat/vision servers; see :meth:`set_targets`."""

    answer_finished = Signal()  # a stream ended: answered, stopped or failed
    attachments_changed = Signal()
    vision_checked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.images = ImageTray(self)
        self.images.changed.connect(self._refresh_strip)
        self.images.added.connect(self._on_image_added)
        self.images.failed.connect(self._on_image_failed)
        self.stream = AnswerStream(self)
        self.stream.delta.connect(self._on_delta)
        self.stream.done.connect(self._on_stream_done)
        self._last: tuple[str, dict[str, Any], ServerProfile] | None = None
        self._images_confirmed = False
        self._new_chat_pending = False
        self.deltas_received = 0  # deltas handled for the current answer
        self._cache_dir = Path(user_cache_dir("inference-panel"))
        clean_request_files(self._cache_dir)  # copied requests of earlier sessions
        self.setAcceptDrops(True)
        self._build()
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(RENDER_INTERVAL_MS)
        self._render_timer.timeout.connect(self.view.refresh)
        self._on_target_changed()

    # -- construction ------------------------------------------------------------------
    def _build(self) -> None:
        self.server_box = ServerBox(self)
        self.server_box.changed.connect(self._on_target_changed)
        self.server_box.checked.connect(self._on_checked)
        self.target_combo = self.server_box.combo
        self.vision_label = self.server_box.label
        self.new_button = QPushButton(self.tr("New chat"), self)
        self.new_button.clicked.connect(self.new_chat)
        self.curl_button = QPushButton(self.tr("Copy as curl"), self)
        self.curl_button.setToolTip(self.tr("Copy the last request as a curl command"))
        self.curl_button.clicked.connect(self.copy_as_curl)
        self.save_button = QPushButton(self.tr("Save…"), self)
        self.save_button.setToolTip(self.tr("Save the conversation as Markdown or JSON"))
        self.save_button.clicked.connect(self.save_dialog)
        top = QHBoxLayout()
        top.addWidget(self.server_box, 1)
        for button in (self.new_button, self.curl_button, self.save_button):
            top.addWidget(button)

        self.banner = Banner(self)
        self.view = ConversationView(self)

        self.strip = ThumbnailStrip(self)
        self.strip.remove_requested.connect(self.remove_image)
        self.strip.sources_dropped.connect(self.add_sources)
        self.strip.image_dropped.connect(self.add_qimage)
        self.add_button = self.strip.add_button
        self.add_button.clicked.connect(self.add_dialog)

        self.composer = Composer(self)
        self.prompt = self.composer.prompt
        self.prompt.setPlainText(QCoreApplication.translate("ChatOptions", PRESETS[0]))
        self.prompt.submitted.connect(self.send)
        self.prompt.image_pasted.connect(self.add_qimage)
        self.prompt.sources_dropped.connect(self.add_sources)
        self.send_button = self.composer.send_button
        self.send_button.clicked.connect(self.send)
        self.stop_button = self.composer.stop_button
        self.stop_button.clicked.connect(self.stop)
        self.options_bar = ChatOptions(self.prompt.toPlainText, self)
        self.options_bar.preset_chosen.connect(self._on_preset)
        self.server_box.context_known.connect(self.options_bar.set_context)
        # The parts tests and the main window reach for by name.
        self.presets = self.options_bar.presets
        self.system_prompt = self.options_bar.system_prompt
        self.temperature = self.options_bar.temperature
        self.max_tokens = self.options_bar.max_tokens

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.strip)
        layout.addWidget(self.options_bar)
        layout.addWidget(self.composer)

    # -- targets -------------------------------------------------------------------------
    def set_targets(self, profiles: list[ServerProfile]) -> None:
        """The ready chat/vision servers; the current one stays chosen while present."""
        self.server_box.set_targets(profiles)
        self._update_buttons()

    def current_target(self) -> ServerProfile | None:
        return self.server_box.current()

    def vision(self) -> tuple[bool | None, str]:
        return self.server_box.vision()

    def _text_only(self, profile: ServerProfile | None) -> bool:
        check = self.server_box.check_of(profile)
        return check is not None and check.text_only

    @Slot()
    def _on_target_changed(self) -> None:
        self._images_confirmed = False
        profile = self.current_target()
        if profile is None:
            self.view.setPlaceholderText(
                self.tr("No chat server is ready: start one in the list, then ask it here.")
            )
        else:
            self.view.setPlaceholderText(
                self.tr("Ask {name} something; drop images below if it reads them.").format(
                    name=profile.name
                )
            )
        self._offer_way_out()
        self._update_buttons()

    @Slot(str)
    def _on_checked(self, name: str) -> None:
        profile = self.current_target()
        if profile is not None and profile.name == name:
            self._offer_way_out()
            self.vision_checked.emit()

    # -- banner ------------------------------------------------------------------------
    def banner_text(self) -> str:
        return self.banner.text()

    @property
    def banner_action(self) -> QPushButton:
        return self.banner.action

    # -- images in a conversation with a text-only server --------------------------------
    def _way_out(self) -> list[tuple[str, Any]]:
        actions: list[tuple[str, Any]] = []
        if self.view.image_count():
            actions.append((self.tr("New chat"), self.new_chat))
        if self.view.image_count() or len(self.images):
            actions.append((self.tr("Remove the images"), self.remove_all_images))
        return actions

    def _offer_way_out(self) -> bool:
        """A text-only server for a conversation with images: say so, and offer a new chat
        or to go on without the images. True when the banner shows that offer."""
        profile = self.current_target()
        if profile is None or not self._text_only(profile) or not self.view.image_count():
            if self.banner.tag == "text-only":
                self.banner.hide()
            return False
        self.banner.show_message(
            self.tr(
                "{name} reads text only, and this conversation has images. Start a new chat, "
                "or remove the images and go on with the text."
            ).format(name=profile.name),
            "warning",
            actions=self._way_out(),
            tag="text-only",
        )
        return True

    def remove_all_images(self) -> None:
        """Drop the images from every turn and from the prompt; the text stays."""
        removed = len(self.images) + self.view.drop_images()
        self.images.clear()
        self._images_confirmed = False
        self.banner.show_message(
            self.tr("Removed {n} image(s); the conversation goes on as text.").format(n=removed),
            "info",
        )

    # -- images --------------------------------------------------------------------------
    def attachments(self) -> list[Attachment]:
        return self.images.items()

    def pending_images(self) -> int:
        return len(self.images.pending())

    @Slot(list)
    def add_sources(self, sources: list[Path | str]) -> None:
        for source in sources:
            label = source.name if isinstance(source, Path) else link_name(source)
            self.images.add(source, label, self.current_target())

    @Slot(QImage)
    def add_qimage(self, image: QImage) -> None:
        if image.isNull():
            self.banner.show_message(self.tr("The clipboard image is empty."), "error")
            return
        self.images.add(image_to_png(image), self.tr("Pasted image"), self.current_target())

    def add_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Add images"),
            "",
            self.tr("Images (*.png *.jpg *.jpeg *.webp *.gif *.bmp);;All files (*)"),
        )
        self.add_sources([Path(p) for p in paths])

    @Slot()
    def _on_image_added(self) -> None:
        later = self.images.last_added_job > self.images.last_failed_job
        if self.banner.tag == "image" and later:
            self.banner.hide()

    @Slot(str)
    def _on_image_failed(self, message: str) -> None:
        self.banner.show_message(message, "error", tag="image")

    def remove_image(self, index: int) -> None:
        self._images_confirmed = False
        self.images.remove(index)

    def _refresh_strip(self) -> None:
        self.strip.set_items(self.images.items(), self.images.pending())
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
        if profile is None or self.stream.is_running():
            return
        text = self.prompt.toPlainText().strip()
        attachments = self.images.items()
        if not text and not attachments:
            return
        if self.images.pending():
            self.banner.show_message(
                self.tr("Wait a moment: the images are still being prepared."), "info"
            )
            return
        if self._offer_way_out():
            return
        if attachments and self._text_only(profile) and not self._images_confirmed:
            reason = self.vision()[1]
            self.banner.show_message(
                self.tr(
                    "{name} does not accept images: {reason}. The images would be refused or ignored."
                ).format(name=profile.name, reason=reason or self.tr("no vision support")),
                "warning",
                actions=[
                    (self.tr("Send anyway"), self._send_anyway),
                    (self.tr("Remove the images"), self.remove_all_images),
                ],
            )
            return
        try:
            key = resolve_api_key(profile.api_key_ref)
        except ApiKeyError as exc:
            self.banner.show_message(str(exc), "error")
            return
        self.banner.hide()
        user = ChatMessage("user", text, [a.image for a in attachments])
        request = self._request_for(user, profile)
        self._last = (profile.base_url + CHAT_PATH, request, profile)
        turn = Turn(user, [a.thumb for a in attachments], model=profile.name)
        turn.images = [a.image.source for a in attachments]
        self.view.turns.append(turn)
        self.deltas_received = 0
        self.stream.start(profile.base_url, key, request)
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
        # Images attached by path for one server go inline to a server that cannot read it.
        messages = [for_server(m, profile) for m in messages]
        model = self.server_box.model_for(profile) or Path(profile.model).name or None
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
        if self.stream.is_running():
            self.stream.stop()
            self.stop_button.setEnabled(False)

    @Slot(str, str)
    def _on_delta(self, text: str, reasoning: str) -> None:
        if not self.view.turns:
            return
        self.deltas_received += 1
        turn = self.view.turns[-1]
        turn.answer += text
        turn.reasoning += reasoning
        if not self._render_timer.isActive():
            self._render_timer.start()

    @Slot(object)
    def _on_stream_done(self, outcome: ChatResult | ChatError) -> None:
        if not self.view.turns:
            return
        if isinstance(outcome, ChatResult):
            self._on_succeeded(outcome)
        else:
            self._on_failed(outcome)

    def _on_succeeded(self, result: ChatResult) -> None:
        turn = self.view.turns[-1]
        turn.result = result
        turn.answer = result.text or turn.answer
        turn.reasoning = result.reasoning or turn.reasoning
        self.prompt.clear()
        self.images.clear()
        self._finish()

    def _on_failed(self, error: ChatError) -> None:
        turn = self.view.turns[-1]
        partial = error.partial
        if error.kind == "cancelled" and (turn.answer or (partial and partial.text)):
            if partial is not None:
                turn.result = partial
                turn.answer = partial.text or turn.answer
            turn.note = self.tr("Stopped")
            self.prompt.clear()
            self.images.clear()
            self._finish()
            return
        # Nothing was answered: forget the turn, keep the prompt and images for a retry.
        self.view.turns.pop()
        if error.kind != "cancelled":
            message = str(error)
            way_out = self._way_out() if error.kind == "no-vision" else []
            self.banner.show_message(message[:1].upper() + message[1:], actions=way_out)
        self._finish()

    def _finish(self) -> None:
        if self._new_chat_pending:
            self._new_chat_pending = False
            self.view.turns.clear()
        self._images_confirmed = False
        self._render_timer.stop()
        self.view.refresh()
        self._update_buttons()
        self.answer_finished.emit()

    def is_streaming(self) -> bool:
        return self.stream.is_running()

    def _update_buttons(self) -> None:
        has_target = self.current_target() is not None
        busy = self.stream.is_running()
        self.send_button.setEnabled(has_target and not busy)
        self.stop_button.setEnabled(busy)
        self.target_combo.setEnabled(has_target and not busy)
        self.curl_button.setEnabled(has_target or self._last is not None)
        self.save_button.setEnabled(bool(self.view.turns))
        self.prompt.setReadOnly(busy)

    # -- the conversation --------------------------------------------------------------
    def conversation_text(self) -> str:
        return self.view.toPlainText()

    @Slot(str)
    def _on_preset(self, text: str) -> None:
        self.prompt.setPlainText(text)
        self.prompt.setFocus()

    # -- chat actions ------------------------------------------------------------------
    def new_chat(self) -> None:
        """Forget the conversation (a running answer is stopped first)."""
        if self.stream.is_running():
            self._new_chat_pending = True
            self.stop()
            return
        self.view.turns.clear()
        self._last = None
        self.banner.hide()
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
                "user", self.prompt.toPlainText().strip(), [a.image for a in self.images.items()]
            )
            url, request, profile = (
                target.base_url + CHAT_PATH,
                self._request_for(user, target),
                target,
            )
        env = adapter_for(profile.engine).api_key_env if profile.api_key_ref else None
        return as_curl(url, request, api_key_env=env, spill_dir=request_folder(self._cache_dir))

    def copy_as_curl(self) -> None:
        try:
            command = self.curl_command()
        except OSError as exc:
            message = self.tr("Could not write the request file: {error}")
            self.banner.show_message(message.format(error=exc.strerror or exc))
            return
        if command is None:
            return
        QGuiApplication.clipboard().setText(command)
        self.banner.show_message(self.tr("Copied a curl command for the last request."), "info")

    def conversation_data(self) -> list[dict[str, Any]]:
        return self.view.data()

    def save_conversation(self, path: Path) -> None:
        """Write the conversation as JSON (``.json``) or Markdown (anything else)."""
        self.view.save(path)

    def save_dialog(self) -> None:
        path = ask_save_path(self)
        if path is None:
            return
        try:
            self.save_conversation(path)
        except OSError as exc:
            self.banner.show_message(
                self.tr("Could not save {path}: {error}").format(path=path, error=exc.strerror),
                "error",
            )

    # -- lifetime ------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Cancel a running answer and wait for its worker (call before deleting the tab)."""
        self._render_timer.stop()
        self.stream.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)
