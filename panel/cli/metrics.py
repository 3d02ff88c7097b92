"""``inference-panel metrics``: a running server's live figures, once, as text or JSON.

Rates need two readings: the command reads twice, ``--interval`` seconds apart (default 1);
``--interval 0`` reads once and leaves the rates out.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from panel.cli.exit_codes import EXIT_OK, fail
from panel.cli.profile_key import profile_and_key
from panel.core.config.profiles import Engine, ServerProfile
from panel.core.config.store import ConfigStore
from panel.core.i18n import QT_TRANSLATE_NOOP, display_width, pad, translate


def cmd_metrics(store: ConfigStore, args: argparse.Namespace) -> int:
    from panel.core.metrics.figures import ServerFigures, figures_from
    from panel.core.metrics.reader import MetricsError, MetricsReader

    api_key: str | None = None
    if args.profile:
        found = profile_and_key(store, args.profile)
        if isinstance(found, int):
            return found
        profile, api_key = found
    else:
        # Any engine: /metrics read in either dialect, /slots when llama-server has none.
        profile = ServerProfile(name=args.url, engine=Engine.CUSTOM, attach_url=args.url)
    reader = MetricsReader(profile, api_key=api_key or "")
    try:
        first = reader.read()
        figures: ServerFigures = figures_from(first)
        if args.interval > 0:
            time.sleep(args.interval)
            figures = figures_from(reader.read(), first)
    except MetricsError as exc:
        return fail(f"{profile.base_url}: {exc}")
    finally:
        reader.close()
    if args.json:
        print(json.dumps(figures.as_json(), indent=1))
    else:
        sys.stdout.write(describe(figures))
    return EXIT_OK


# The figures' sources (panel.core.metrics.reading.Source) that are words, not names.
SOURCES = (
    QT_TRANSLATE_NOOP("Cli", "the panel's own requests"),
    QT_TRANSLATE_NOOP("Cli", "none"),
)


def _number(value: float | None, unit: str = "", digits: int = 1) -> str:
    if value is None:
        return "—"
    text = f"{value:,.{digits}f}" if digits else f"{value:,.0f}"
    return f"{text} {unit}".rstrip()


def describe(figures: object) -> str:
    from panel.core.metrics.figures import ServerFigures

    assert isinstance(figures, ServerFigures)
    kv = figures.kv_cache_usage_ratio
    ttft = figures.time_to_first_token_seconds
    rows = [
        (translate("Cli", "source"), translate("Cli", figures.source)),  # see SOURCES
        (translate("Cli", "requests running"), _number(figures.requests_running, digits=0)),
        (translate("Cli", "requests waiting"), _number(figures.requests_waiting, digits=0)),
        (translate("Cli", "prompt tokens/s"), _number(figures.prompt_tokens_per_second)),
        (translate("Cli", "generation tokens/s"), _number(figures.generation_tokens_per_second)),
        (translate("Cli", "prompt tokens total"), _number(figures.prompt_tokens_total, digits=0)),
        (
            translate("Cli", "generation tokens total"),
            _number(figures.generation_tokens_total, digits=0),
        ),
        (translate("Cli", "KV cache used"), "—" if kv is None else f"{kv * 100:.1f} %"),
        (
            translate("Cli", "time to first token"),
            "—" if ttft is None else f"{ttft * 1000:.0f} ms",
        ),
        (
            translate("Cli", "requests finished"),
            _number(figures.requests_finished_total, digits=0),
        ),
    ]
    if figures.last_request_seconds is not None:
        last = f"{figures.last_request_seconds:.2f} s"
        rows.append((translate("Cli", "last request"), last))
    width = max(display_width(name) for name, _ in rows)
    text = "".join(f"{pad(name, width)}  {value}\n" for name, value in rows)
    if figures.note:
        text += "\n" + translate("Cli", "note: {note}").format(note=figures.note) + "\n"
    return text
