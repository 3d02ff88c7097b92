"""The profile editor: one dialog to create or change a :class:`ServerProfile`.

One module per tab (``general_page``, ``flags_page``, ``environment_page``,
``container_page``), the model field with its scan (``model_field``), the command line
(``command_line``) and the dialog that binds them (``dialog``). What is wrong with a
profile is decided in :mod:`panel.core.profile_editor.profile_checks`; the editor only shows it.
"""

from __future__ import annotations

from panel.ui.profile_editor.command_line import wrap_command
from panel.ui.profile_editor.dialog import ProfileEditor

__all__ = ["ProfileEditor", "wrap_command"]
