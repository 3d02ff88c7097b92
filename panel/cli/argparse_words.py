"""argparse's own words ("usage:", "options:", its errors) in the CLI's language.

argparse looks its words up with the stdlib's gettext, whose catalogue Python does not
ship in Chinese, and patching the stdlib's ``argparse._`` would change every parser in the
process. Instead, :class:`TranslatedParser` (with :class:`TranslatedHelpFormatter`) puts
its own words in the places argparse lets a subclass: the usage prefix, the two group
titles, ``-h``'s help and the error line. An error message arrives already formatted in
English (``the following arguments are required: prompt``); it is matched against
argparse's own wording, kept below as templates with named placeholders, and the
template's translation is filled in with the same values.

Under English, or a wording a later Python changed, the text is argparse's own, exactly.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, NoReturn

from panel.core.i18n import QT_TRANSLATE_NOOP, translate

# argparse's error messages (Lib/argparse.py), its %s and %(name)s as named placeholders.
# The value a placeholder called {message} holds is itself one of these, translated too.
MESSAGES = (
    QT_TRANSLATE_NOOP("Argparse", "argument {argument}: {message}"),
    QT_TRANSLATE_NOOP("Argparse", "the following arguments are required: {arguments}"),
    QT_TRANSLATE_NOOP("Argparse", "one of the arguments {arguments} is required"),
    QT_TRANSLATE_NOOP("Argparse", "invalid choice: {value} (choose from {choices})"),
    QT_TRANSLATE_NOOP("Argparse", "invalid {type} value: {value}"),
    QT_TRANSLATE_NOOP("Argparse", "unrecognized arguments: {arguments}"),
    QT_TRANSLATE_NOOP("Argparse", "expected one argument"),
    QT_TRANSLATE_NOOP("Argparse", "expected at most one argument"),
    QT_TRANSLATE_NOOP("Argparse", "expected at least one argument"),
    QT_TRANSLATE_NOOP("Argparse", "expected {count} argument"),
    QT_TRANSLATE_NOOP("Argparse", "expected {count} arguments"),
    QT_TRANSLATE_NOOP("Argparse", "not allowed with argument {argument}"),
    QT_TRANSLATE_NOOP("Argparse", "ambiguous option: {option} could match {matches}"),
    QT_TRANSLATE_NOOP("Argparse", "ignored explicit argument {argument}"),
)
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    def pattern(template: str) -> re.Pattern[str]:
        parts = _PLACEHOLDER.split(template)  # text, name, text, name, ..., text
        regex = "".join(
            re.escape(part) if at % 2 == 0 else f"(?P<{part}>.+?)" for at, part in enumerate(parts)
        )
        return re.compile(regex, re.DOTALL)

    return tuple((pattern(template), template) for template in MESSAGES)


def translate_message(message: str) -> str:
    """``message`` (argparse's English) in the current language; a message that is not
    argparse's own (the CLI's, already translated) is returned as it is."""
    for pattern, template in _patterns():
        match = pattern.fullmatch(message)
        if match is None:
            continue
        values = match.groupdict()
        if "message" in values:
            values["message"] = translate_message(values["message"])
        return translate("Argparse", template).format(**values)  # marked in MESSAGES
    return message


class TranslatedHelpFormatter(argparse.HelpFormatter):
    """argparse's help layout with a translated "usage:" prefix."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        if prefix is None:
            prefix = translate("Argparse", "usage:") + " "
        super().add_usage(usage, actions, groups, prefix)


class TranslatedParser(argparse.ArgumentParser):
    """An ArgumentParser whose own words go through :func:`panel.core.i18n.translate`;
    its subcommands' parsers are TranslatedParsers too (argparse makes them of the
    parent's class)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", TranslatedHelpFormatter)
        add_help = kwargs.pop("add_help", True)
        super().__init__(add_help=False, **kwargs)
        self._positionals.title = translate("Argparse", "positional arguments")
        self._optionals.title = translate("Argparse", "options")
        if add_help:
            prefix = "-" if "-" in self.prefix_chars else self.prefix_chars[0]
            self.add_argument(
                prefix + "h",
                prefix * 2 + "help",
                action="help",
                default=argparse.SUPPRESS,
                help=translate("Argparse", "show this help message and exit"),
            )

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        line = translate("Argparse", "{prog}: error: {message}").format(
            prog=self.prog, message=translate_message(message)
        )
        self.exit(2, line + "\n")
