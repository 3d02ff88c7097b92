"""Reading an engine's own ``--help`` text into flags: names, value, choices, a hint.

Three formats, each the engine's real output:

* llama.cpp (``common_arg::to_string``): ``-c,    --ctx-size N`` at column 0, the help at
  column 40 (or on the next lines when the names are long), ``(env: LLAMA_ARG_X)`` lines,
  ``----- section -----`` headers. Switches with a negative form list both:
  ``--jinja, --no-jinja``.
* whisper.cpp's server: ``  -t N,      --threads N   [2      ] text`` (the bracket is the
  default); a few value flags forget their value name (``--tmp-dir,  [.  ]``), so a
  default that is not true/false also means "takes a value".
* argparse (vLLM's ``vllm serve --help=all``): ``  -tp N, --tensor-parallel-size N`` with
  the help after two spaces or indented on the next lines, ``{a,b,c}`` for choices, and
  ``--x, --no-x`` for boolean pairs. Python 3.13 prints the value once:
  ``-tp, --tensor-parallel-size N``.

Pure text in, :class:`FlagHint` out: no processes here (see :mod:`.help_cache`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from panel.core.config.profiles import Engine
from panel.core.i18n import translate


@dataclass(frozen=True)
class FlagHint:
    """One flag: its names, whether a value follows it, and what it does in one line."""

    flag: str  # the name the editor suggests first
    aliases: tuple[str, ...]
    takes_value: bool
    hint: str
    choices: tuple[str, ...] = ()  # suggested values; the engine may accept others
    value_name: str = ""  # how --help names the value: N, FILE, DIR, ...
    details: str = ""  # the whole help text of the flag, when it came from --help

    @property
    def names(self) -> tuple[str, ...]:
        return (self.flag, *self.aliases)

    def usage(self) -> str:
        """``--ctx-size N`` / ``--flash-attn on|off|auto`` / ``--jinja``."""
        if not self.takes_value:
            return self.flag
        value = "|".join(self.choices) if 0 < len(self.choices) <= 4 else self.value_name
        return f"{self.flag} {value or 'VALUE'}"


# How to ask each engine for its help. vLLM's plain --help lists only the groups.
HELP_ARGS: dict[Engine, tuple[str, ...]] = {
    Engine.LLAMA_CPP: ("--help",),
    Engine.WHISPER_CPP: ("--help",),
    Engine.VLLM: ("serve", "--help=all"),
}
# Native programs print their help in milliseconds; `vllm serve --help=all` imports torch
# and takes seconds, so it is only ever read off the GUI thread.
QUICK_HELP = frozenset({Engine.LLAMA_CPP, Engine.WHISPER_CPP})

HINT_LENGTH = 160  # one line under the editor's flag field


def parse_help(engine: Engine, text: str) -> list[FlagHint]:
    """The flags ``text`` (the engine's --help output) lists, in its order."""
    if engine is Engine.LLAMA_CPP:
        return parse_llama_help(text)
    if engine is Engine.WHISPER_CPP:
        return parse_whisper_help(text)
    if engine is Engine.VLLM:
        return parse_argparse_help(text)
    return []


# --- llama.cpp ---------------------------------------------------------------------------

_NAME = r"--?[A-Za-z0-9][\w.+-]*"
_LLAMA_HEAD = re.compile(
    rf"^(?P<names>{_NAME}(?:,\s+{_NAME})*)(?P<values>(?: [^\s]+)*?)(?:\s{{2,}}(?P<help>.*))?$"
)
_INDENTED = re.compile(r"^\s{8,}(\S.*)$")


def parse_llama_help(text: str) -> list[FlagHint]:
    flags: list[FlagHint] = []
    for head, body in _entries(text, _is_llama_head):
        match = _LLAMA_HEAD.match(head.rstrip())
        if match is None:
            continue
        names = re.split(r",\s+", match["names"])
        values = match["values"].split()
        lines = [match["help"] or "", *body]
        flags += _make(names, " ".join(values), lines)
    return flags


def _is_llama_head(line: str) -> bool:
    return line.startswith("-") and not line.startswith("---")


# --- whisper.cpp ---------------------------------------------------------------------------

_WHISPER_LINE = re.compile(r"^\s+(?P<head>-.*?)\s*\[(?P<default>[^\]]*)\]\s?(?P<help>.*)$")


def parse_whisper_help(text: str) -> list[FlagHint]:
    flags: list[FlagHint] = []
    for line in text.splitlines():
        match = _WHISPER_LINE.match(line)
        if match is None:
            continue
        words = [w for w in re.split(r"[\s,]+", match["head"]) if w]
        names = [w for w in words if w.startswith("-")]
        values = [w for w in words if not w.startswith("-")]
        value = values[-1] if values else ""
        default = match["default"].strip()
        if not value and default.lower() not in ("", "true", "false", "default"):
            value = "VALUE"  # the help forgot to name it, but a non-boolean default needs one
        text = match["help"].strip()
        if default.lower() not in ("", "default") and "default" not in text:
            with_default = translate("Engines", "{help} (default: {default})")
            text = with_default.format(help=text, default=default)
        flags += _make(list(dict.fromkeys(names)), value, [text])
    return flags


# --- argparse (vLLM) -----------------------------------------------------------------------

_ARGPARSE_HEAD = re.compile(r"^ {2}(?P<head>-\S.*?)(?: {2,}(?P<help>\S.*))?$")
_OPTION = re.compile(r"(?:^|, )(?=-)")


def parse_argparse_help(text: str) -> list[FlagHint]:
    flags: list[FlagHint] = []
    for head, body in _entries(text, _is_argparse_head):
        match = _ARGPARSE_HEAD.match(head.rstrip())
        if match is None:
            continue
        names: list[str] = []
        value = ""
        for part in _OPTION.split(match["head"]):
            name, _, metavar = part.strip().partition(" ")
            if name.startswith("-"):
                names.append(name)
                value = value or metavar.strip()
        flags += _make(names, value, [match["help"] or "", *body])
    return flags


def _is_argparse_head(line: str) -> bool:
    return line.startswith("  -") and not line.startswith("   ")


# --- shared --------------------------------------------------------------------------------


def _entries(text: str, is_head: Callable[[str], bool]) -> Iterator[tuple[str, list[str]]]:
    """(head line, indented lines that follow it) for each flag entry of ``text``."""
    head: str | None = None
    body: list[str] = []
    for line in text.splitlines():
        if is_head(line):
            if head is not None:
                yield head, body
            head, body = line, []
        elif head is not None and (indented := _INDENTED.match(line)):
            body.append(indented.group(1))
        elif head is not None and line.strip():
            yield head, body  # a section header or the epilog ends the entry
            head, body = None, []
        elif head is not None:
            body.append("")  # a blank line inside a help text separates paragraphs
    if head is not None:
        yield head, body


def _make(names: list[str], value: str, lines: Iterable[str]) -> list[FlagHint]:
    """One FlagHint, or two when the names hold a switch and its negative form."""
    names = [n for n in names if n]
    if not names:
        return []
    details = _details(lines)
    choices = _choices(value, details)
    positive, negative = _split_negative(names) if not value else (names, [])
    hints = [_hint(positive, value, details, choices)]
    if negative:
        opposite = _hint(negative, "", details, ())
        hint = translate("Engines", "the opposite of {flag}: {hint}").format(
            flag=hints[0].flag, hint=opposite.hint
        )
        hints.append(replace(opposite, hint=summary(hint)))
    return hints


def _hint(names: list[str], value: str, details: str, choices: tuple[str, ...]) -> FlagHint:
    longs = [n for n in names if n.startswith("--")]
    primary = longs[0] if longs else names[0]
    return FlagHint(
        flag=primary,
        aliases=tuple(n for n in names if n != primary),
        takes_value=bool(value),
        hint=summary(details),
        choices=choices,
        value_name=value,
        details=details,
    )


def _details(lines: Iterable[str]) -> str:
    """The help text as lines, without the environment-variable notes."""
    kept = [line.strip() for line in lines]
    text = "\n".join(kept).strip()
    text = re.sub(r"\[\(more\s+info\)\]\(\S*?\)", "", text)  # llama.cpp's markdown links
    return re.sub(r"\n?\(env: [^)]*\)", "", text).strip()


def summary(details: str) -> str:
    """The first paragraph of a help text on one line, cut at a sentence if it is long."""
    first = re.split(r"\n\s*\n|\n- ", details, maxsplit=1)[0]
    line = " ".join(first.split())
    if len(line) <= HINT_LENGTH:
        return line
    cut = line.rfind(". ", 0, HINT_LENGTH)
    if cut > HINT_LENGTH // 3:
        return line[: cut + 1]
    return line[: HINT_LENGTH - 1].rsplit(" ", 1)[0] + "…"


_ALTERNATIVES = re.compile(
    r"^[\[<(]?([\w.+-]+(?:\|[\w.+-]+)+)[\]>)]?$|^\{([\w.+-]+(?:,[\w.+-]+)+)\}$"
)
_ALLOWED = re.compile(r"allowed values: ([\w.+-]+(?:, [\w.+-]+)+)")
_BULLET = re.compile(r"^- ([\w.+-]+)(?: \(default\))?:", re.M)


def _choices(value: str, details: str) -> tuple[str, ...]:
    """``[on|off|auto]``, ``{a,b}``, "allowed values: a, b" or the ``- a: ...`` lines."""
    alternatives = _ALTERNATIVES.match(value)
    if alternatives:
        return tuple(re.split(r"[|,]", alternatives.group(1) or alternatives.group(2)))
    if not value:
        return ()
    allowed = _ALLOWED.search(details)
    if allowed:
        return tuple(allowed.group(1).split(", "))
    return tuple(dict.fromkeys(_BULLET.findall(details)))


def _split_negative(names: list[str]) -> tuple[list[str], list[str]]:
    """``--jinja, --no-jinja`` -> the switch and its negative form, as two flags.

    The engines list the positive names first, then the negative ones (``--no-x``,
    ``-no-x``, ``-nx``): the negatives are the longest such tail in which at least one
    name plainly negates an earlier one.
    """
    start = len(names)
    while start > 1 and _looks_negative(names[start - 1]):
        start -= 1
    positive, negative = names[:start], names[start:]
    plain = {n.replace("--no-", "--", 1) for n in negative if n.startswith("--no-")}
    plain |= {n.replace("-no-", "-", 1) for n in negative if n.startswith("-no-")}
    if plain & set(positive):
        return positive, negative
    return names, []


def _looks_negative(name: str) -> bool:
    return name.startswith("--no-") or (name.startswith("-n") and not name.startswith("--"))


def base_name(word: str) -> str:
    """The flag of an argv word: ``--ctx-size=8192`` -> ``--ctx-size``."""
    return word.split("=", 1)[0] if word.startswith("-") else word
