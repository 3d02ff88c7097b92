"""Under the chat prompt: the user's ready-made prompts (presets) and the request options
(system prompt, temperature, max tokens), folded away until asked for. Max tokens follows
the chosen server's context (:mod:`panel.core.chat.answer_budget`)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from panel.core.chat.answer_budget import MAX_TOKENS_CEILING, default_max_tokens
from panel.core.i18n import QT_TRANSLATE_NOOP

# Marked for lupdate here, translated where shown (context ChatOptions).
PRESETS = (
    QT_TRANSLATE_NOOP("ChatOptions", "Explain this image"),
    "解释图像",
    QT_TRANSLATE_NOOP("ChatOptions", "Describe the text in this image"),
    QT_TRANSLATE_NOOP("ChatOptions", "What is unusual here?"),
)
_SETTINGS = ("inference-panel", "inference-panel")  # beside the window geometry


class ChatOptions(QWidget):
    """``Presets: [box] Save as preset  Remove preset   ▸ Options`` and the folded form.

    ``prompt_text`` gives the prompt editor's text for "Save as preset".
    """

    preset_chosen = Signal(str)

    def __init__(self, prompt_text: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._prompt_text = prompt_text
        self.presets = QComboBox(self)
        self.presets.addItems(self._load_presets())
        self.presets.setToolTip(self.tr("Put a ready-made prompt in the editor"))
        self.presets.activated.connect(self._on_preset)
        self.save_preset_button = QToolButton(self)
        self.save_preset_button.setText(self.tr("Save as preset"))
        self.save_preset_button.setToolTip(self.tr("Keep the prompt in the editor as a preset"))
        self.save_preset_button.clicked.connect(self.save_preset)
        self.remove_preset_button = QToolButton(self)
        self.remove_preset_button.setText(self.tr("Remove preset"))
        self.remove_preset_button.clicked.connect(self.remove_preset)
        self.options_button = QToolButton(self)
        self.options_button.setText(self.tr("Options"))
        self.options_button.setCheckable(True)
        self.options_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.options_button.setArrowType(Qt.ArrowType.RightArrow)
        self.options_button.toggled.connect(self._on_options_toggled)

        self.options = QWidget(self)
        form = QFormLayout(self.options)
        form.setContentsMargins(0, 0, 0, 0)
        self.system_prompt = QPlainTextEdit(self.options)
        self.system_prompt.setPlaceholderText(
            self.tr("Optional instructions sent before the conversation")
        )
        self.system_prompt.setMaximumHeight(60)
        self.temperature = QDoubleSpinBox(self.options)
        self.temperature.setRange(0.0, 2.0)
        self.temperature.setSingleStep(0.1)
        self.temperature.setValue(0.7)
        self.max_tokens = QSpinBox(self.options)
        self.max_tokens.setRange(1, MAX_TOKENS_CEILING)
        self.max_tokens.setValue(default_max_tokens(None))
        self.max_tokens.valueChanged.connect(self._on_max_tokens_changed)
        self._chosen_max_tokens: int | None = None  # set by the user, kept across servers
        self._setting_max_tokens = False
        self.context_label = QLabel(self.options)
        self.context_label.setTextFormat(Qt.TextFormat.PlainText)
        self.context_label.setStyleSheet("color: palette(placeholder-text);")
        self.temperature.setMaximumWidth(120)
        self.max_tokens.setMaximumWidth(120)
        tokens_row = QHBoxLayout()
        tokens_row.addWidget(self.max_tokens)
        tokens_row.addWidget(self.context_label, 1)
        form.addRow(self.tr("System prompt:"), self.system_prompt)
        form.addRow(self.tr("Temperature:"), self.temperature)
        form.addRow(self.tr("Max tokens:"), tokens_row)
        self.set_context(None)
        self.options.hide()

        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Presets:"), self))
        row.addWidget(self.presets)
        row.addWidget(self.save_preset_button)
        row.addWidget(self.remove_preset_button)
        row.addStretch(1)
        row.addWidget(self.options_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(row)
        layout.addWidget(self.options)

    # -- the answer's length ---------------------------------------------------------------
    def set_context(self, context: int | None) -> None:
        """The chosen server holds ``context`` tokens per conversation (None: unknown).

        The box never offers more (vLLM refuses it with a 400) and starts at half of it,
        leaving the rest to the conversation; a length the user chose is kept, within it.
        """
        box = self.max_tokens
        self._setting_max_tokens = True
        try:
            box.setMaximum(context if context else MAX_TOKENS_CEILING)
            wanted = self._chosen_max_tokens or default_max_tokens(context)
            box.setValue(min(wanted, box.maximum()))
        finally:
            self._setting_max_tokens = False
        if context:
            self.context_label.setText(self.tr("of a {n}-token context").format(n=context))
            box.setToolTip(
                self.tr(
                    "The longest answer, in tokens. The server holds {n} tokens per "
                    "conversation, prompt and answer together: the box goes no higher, and "
                    "starts at half of it to leave room for the conversation."
                ).format(n=context)
            )
        else:
            self.context_label.setText("")
            box.setToolTip(self.tr("The longest answer, in tokens."))

    @Slot(int)
    def _on_max_tokens_changed(self, value: int) -> None:
        if not self._setting_max_tokens:
            self._chosen_max_tokens = value

    # -- presets -------------------------------------------------------------------------
    def _load_presets(self) -> list[str]:
        saved = QSettings(*_SETTINGS).value("chat/presets")
        shown: dict[str, str] = {p: str(self.tr(p)) for p in PRESETS}
        if isinstance(saved, list) and all(isinstance(p, str) for p in saved):
            # Presets are saved as shown; a built-in one saved in English is shown in
            # the language of today's session.
            return [shown.get(p) or p for p in saved]
        return list(shown.values())

    def preset_texts(self) -> list[str]:
        return [self.presets.itemText(i) for i in range(self.presets.count())]

    def _store_presets(self) -> None:
        QSettings(*_SETTINGS).setValue("chat/presets", self.preset_texts())

    def save_preset(self) -> None:
        text = self._prompt_text().strip()
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
        self.preset_chosen.emit(self.presets.itemText(index))

    def _on_options_toggled(self, on: bool) -> None:
        self.options.setVisible(on)
        self.options_button.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
