"""The chat tab's choice of server: the ready chat and vision servers in a box, text-only
ones marked as such, and a line that says whether the chosen one reads images.

Each server is asked once while it stays ready (:func:`panel.core.chat.target_check.check_profile`,
off the GUI thread); a server that leaves the ready list is forgotten and asked again when
it comes back, since it may have been restarted with other flags.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from panel.core.chat.answer_budget import context_from_flags
from panel.core.chat.target_check import TargetCheck, check_profile, known_without_asking
from panel.core.config.profiles import ApiKeyError, Role, ServerProfile, resolve_api_key
from panel.ui.banner import unbroken_flags
from panel.ui.combos import refill
from panel.ui.workers import OffThread


class ServerBox(QWidget):
    """``Server: [box] ✓ Accepts images``; see :meth:`set_targets`."""

    changed = Signal()  # the user chose another server, or the chosen one went away
    checked = Signal(str)  # what the named server reads became known
    context_known = Signal(object)  # the chosen server's tokens per conversation, or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._targets: list[ServerProfile] = []
        self._checks: dict[str, TargetCheck] = {}
        self._asking: dict[str, tuple[int, ServerProfile]] = {}  # name -> check in flight
        self._token = 0
        self.combo = QComboBox(self)
        self.combo.setMinimumWidth(200)
        self.combo.setToolTip(self.tr("The server that answers"))
        self.combo.currentIndexChanged.connect(self._on_index_changed)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("Server:"), self))
        row.addWidget(self.combo)
        row.addWidget(self.label, 1)
        self._show_state()

    # -- the list ------------------------------------------------------------------------
    def set_targets(self, profiles: list[ServerProfile]) -> None:
        """The ready servers; those that chat are offered, the current one stays chosen."""
        profiles = [p for p in profiles if p.role in (Role.CHAT, Role.VISION)]
        if profiles == self._targets:
            return
        current = self.current()
        known = {p.name: p for p in self._targets}
        for name in list(self._checks):
            if known.get(name) not in profiles:
                del self._checks[name]  # gone, or changed: ask again when it is back
        self._asking = {n: a for n, a in self._asking.items() if a[1] in profiles}
        self._targets = list(profiles)
        refill(self.combo, [p.name for p in profiles], current.name if current else None)
        for profile in profiles:
            if profile.name not in self._checks and profile.name not in self._asking:
                self._ask(profile)
            self._mark(profile.name)
        self._show_state()
        if self.current() != current:
            self.changed.emit()

    def targets(self) -> list[ServerProfile]:
        return list(self._targets)

    def current(self) -> ServerProfile | None:
        index = self.combo.currentIndex()
        return self._targets[index] if 0 <= index < len(self._targets) else None

    def check_of(self, profile: ServerProfile | None) -> TargetCheck | None:
        """What is known of ``profile`` (None while it is being asked)."""
        return self._checks.get(profile.name) if profile is not None else None

    def vision(self) -> tuple[bool | None, str]:
        check = self.check_of(self.current())
        return (check.vision, check.reason) if check is not None else (None, "")

    def context_of(self, profile: ServerProfile | None) -> int | None:
        """Tokens per conversation on ``profile``'s server: what it said, else what its
        flags say while it is being asked (None: unknown)."""
        if profile is None:
            return None
        check = self._checks.get(profile.name)
        if check is not None and check.context is not None:
            return check.context
        return context_from_flags(profile)

    def model_for(self, profile: ServerProfile) -> str:
        check = self._checks.get(profile.name)
        return check.model if check is not None else ""

    # -- asking --------------------------------------------------------------------------
    def _ask(self, profile: ServerProfile) -> None:
        static = known_without_asking(profile)
        if static is not None:
            self._checks[profile.name] = static
            self.checked.emit(profile.name)
            if static.context is not None:
                return  # the rest is asked only for a context the flags do not give
        try:
            key = resolve_api_key(profile.api_key_ref)
        except ApiKeyError as exc:
            if static is None:
                self._checks[profile.name] = TargetCheck(None, str(exc))
            return
        self._token += 1
        token = self._token
        self._asking[profile.name] = (token, profile)
        OffThread(
            lambda: check_profile(profile, key),
            lambda outcome: self._on_checked(profile, token, outcome),
            self,
        )

    def _on_checked(self, profile: ServerProfile, token: int, outcome: object) -> None:
        if self._asking.get(profile.name) != (token, profile):
            return  # asked again meanwhile, or the server is gone
        del self._asking[profile.name]
        if not isinstance(outcome, TargetCheck):
            # What the profile alone told (vLLM) stays; only the question failed.
            outcome = self._checks.get(profile.name) or TargetCheck(None, str(outcome))
        self._checks[profile.name] = outcome
        self._mark(profile.name)
        if profile == self.current():
            self._show_state()
        self.checked.emit(profile.name)

    @Slot(int)
    def _on_index_changed(self, _index: int) -> None:
        profile = self.current()
        check = self.check_of(profile)
        if profile is not None and check is not None and check.vision is None:
            # Unknown may mean "still loading": worth asking again now it is chosen.
            del self._checks[profile.name]
            self._ask(profile)
        self._show_state()
        self.changed.emit()

    # -- showing -------------------------------------------------------------------------
    def _mark(self, name: str) -> None:
        """The box says "(text only)" after a server that cannot read images."""
        index = self.combo.findData(name)
        if index < 0:
            return
        check = self._checks.get(name)
        text = name
        if check is not None and check.text_only:
            text = self.tr("{name} (text only)").format(name=name)
        self.combo.setItemText(index, text)
        self.combo.setItemData(index, check.reason if check else "", Qt.ItemDataRole.ToolTipRole)

    def _show_state(self) -> None:
        self._show_label()
        self.context_known.emit(self.context_of(self.current()))

    def _show_label(self) -> None:
        profile = self.current()
        if profile is None:
            self._set_label(self.tr("No chat server is ready: start one in the list"), "#9a5a00")
            self.label.setToolTip("")
            return
        check = self._checks.get(profile.name)
        if check is None:
            text = self.tr("Checking whether {name} accepts images…").format(name=profile.name)
            self._set_label(text, "palette(placeholder-text)")
            self.label.setToolTip("")
            return
        self.label.setToolTip(check.reason)
        if check.vision:
            self._set_label(self.tr("✓ Accepts images"), "#1b7f3b")
        elif check.vision is False:
            # The fix, short and whole; the full reason is the tooltip.
            if check.fix:
                text = self.tr("✗ Text only: {fix}").format(fix=check.fix)
            else:
                text = self.tr("✗ Text only")
            self._set_label(text, "#9a5a00")
        else:
            if check.reason:
                text = self.tr("Unknown whether it accepts images: {reason}")
                text = text.format(reason=check.reason)
            else:
                text = self.tr("Unknown whether it accepts images")
            self._set_label(text, "palette(placeholder-text)")

    def _set_label(self, text: str, colour: str) -> None:
        self.label.setText(unbroken_flags(text))
        self.label.setStyleSheet(f"color: {colour};")
