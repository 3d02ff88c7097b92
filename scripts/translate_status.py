#!/usr/bin/env python3
"""What is left to translate, and filling it in (docs/i18n.md, "The last strings").

    scripts/translate_status.py                   # counts, then every unfinished entry
    scripts/translate_status.py --todo todo.json  # the unfinished ones as {source: ""}
    scripts/translate_status.py --apply todo.json # fill them in from the filled-in file
    scripts/translate_status.py --reuse           # same words already translated elsewhere

``--apply`` takes {source: translation} (the same translation for the source in every
context, which keeps the words consistent), or {"Context|source": translation} for one
context only. It refuses a translation whose placeholders (%1, {name}), markup (<b>) or
mnemonic (&) differ from the source's. Run scripts/update_translations.sh afterwards: it
tidies the .ts and compiles the .qm. Exit status 1 while anything is unfinished.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TS = ROOT / "resources" / "i18n" / "inference_panel_zh_CN.ts"

MESSAGE = re.compile(r"<message(?: [^>]*)?>.*?</message>", re.S)
CONTEXT = re.compile(r"<context>\s*<name>(.*?)</name>(.*?)</context>", re.S)
SOURCE = re.compile(r"<source>(.*?)</source>", re.S)
TRANSLATION = re.compile(r"<translation(?P<attrs>[^>]*?)(?:/>|>(?P<text>.*?)</translation>)", re.S)
PLACEHOLDER = re.compile(
    r"%\(\w+\)[sdr]|%L?\d+|%n|\{[A-Za-z_0-9]*(?:![rsa])?(?::[^{}]*)?\}|</?[a-zA-Z][^<>]*>"
)


def placeholders(text: str) -> list[str]:
    """The parts a translation must keep: Qt's %1, Python's {name}, and markup tags."""
    return sorted(PLACEHOLDER.findall(text))


def mnemonic(text: str) -> bool:
    return bool(re.search(r"&[^&\s;]", text.replace("&&", "")))


def problem(source: str, translation: str) -> str | None:
    """Why ``translation`` cannot stand for ``source``; None when it can."""
    if placeholders(source) != placeholders(translation):
        return f"placeholders differ: {placeholders(source)} vs {placeholders(translation)}"
    if mnemonic(source) != mnemonic(translation):
        return "the & mnemonic must be kept, e.g. 文件(&F)"
    return None


def entries(ts_text: str) -> list[tuple[str, str, str, str]]:
    """(context, source, translation, state) of every message; state is "" when finished,
    else the translation's type (unfinished, obsolete, vanished)."""
    found = []
    for context in CONTEXT.finditer(ts_text):
        name = html.unescape(context.group(1))
        for message in MESSAGE.finditer(context.group(2)):
            source_match = SOURCE.search(message.group(0))
            translation = TRANSLATION.search(message.group(0))
            if source_match is None or translation is None:
                continue
            kind = re.search(r'type="(\w+)"', translation.group("attrs"))
            found.append(
                (
                    name,
                    html.unescape(source_match.group(1)),
                    html.unescape(translation.group("text") or ""),
                    kind.group(1) if kind else "",
                )
            )
    return found


def apply(ts_text: str, table: dict[str, str]) -> tuple[str, int, list[str]]:
    """``ts_text`` with every unfinished entry ``table`` knows filled in."""
    done = 0
    errors: list[str] = []

    def fill_context(context: re.Match[str]) -> str:
        name = html.unescape(context.group(1))

        def fill(message: re.Match[str]) -> str:
            nonlocal done
            block = message.group(0)
            source_match = SOURCE.search(block)
            translation = TRANSLATION.search(block)
            if source_match is None or translation is None:
                return block
            if 'type="unfinished"' not in translation.group("attrs"):
                return block
            source = html.unescape(source_match.group(1))
            text = table.get(f"{name}|{source}") or table.get(source)
            if not text:
                return block
            why = problem(source, text)
            if why:
                errors.append(f"{name}: {source!r}: {why}")
                return block
            done += 1
            escaped = html.escape(text, quote=False)
            return (
                block[: translation.start()]
                + f"<translation>{escaped}</translation>"
                + (block[translation.end() :])
            )

        body = MESSAGE.sub(fill, context.group(0))
        return body

    return CONTEXT.sub(fill_context, ts_text), done, errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ts", type=Path, default=DEFAULT_TS)
    parser.add_argument("--todo", type=Path, help="write the unfinished sources as JSON here")
    parser.add_argument("--apply", type=Path, help="fill unfinished entries from this JSON")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="fill unfinished entries whose source is translated in another context",
    )
    args = parser.parse_args(argv)
    text = args.ts.read_text("utf-8")
    if args.reuse:
        known = {source: done for _, source, done, state in entries(text) if not state and done}
        text, reused, _ = apply(text, known)
        args.ts.write_text(text, "utf-8")
        print(f"reused {reused} translations")
    if args.apply:
        table = json.loads(args.apply.read_text("utf-8"))
        text, done, errors = apply(text, table)
        args.ts.write_text(text, "utf-8")
        print(f"filled {done} entries")
        for error in errors:
            print("refused:", error, file=sys.stderr)
        if errors:
            return 2
    found = entries(text)
    left = [(c, s) for c, s, _, state in found if state]
    wrong = [(c, s, t) for c, s, t, state in found if not state and problem(s, t)]
    if args.todo:
        todo = {s: "" for _, s in left}
        args.todo.write_text(json.dumps(todo, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(
        f"{args.ts.name}: {len(found)} strings, {len(found) - len(left)} translated, "
        f"{len(left)} unfinished or obsolete"
    )
    for context, source in left:
        print(f"  {context}: {source!r}")
    for context, source, translation in wrong:
        print(f"  BAD {context}: {source!r} -> {translation!r}: {problem(source, translation)}")
    return 1 if left or wrong else 0


if __name__ == "__main__":
    sys.exit(main())
