"""Prometheus text to ``{sample name: value}``, summed over labels, by ``prometheus_client``.

Only the lines of the metrics asked for reach the parser: vLLM's page is mostly histogram
buckets nobody here reads, and parsing them every second would cost more than the rest of
the polling together (``bench/metrics_cost.py``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from prometheus_client.parser import text_string_to_metric_families

from panel.core.i18n import translate


class MalformedMetrics(ValueError):
    """The text is not Prometheus exposition format."""


def sample_values(text: str, wanted: Iterable[str]) -> dict[str, float]:
    """Each wanted sample name's value, summed over its label sets (vLLM labels every
    sample with its engine and model; a server with two engines has two of each).

    ``wanted`` holds whole sample names (``vllm:prompt_tokens_total``,
    ``vllm:time_to_first_token_seconds_sum``); names absent from the text are absent from
    the result.
    """
    names = frozenset(wanted)
    kept = _lines_of(names).findall(text)
    values: dict[str, float] = {}
    try:
        for family in text_string_to_metric_families("\n".join(kept) + "\n"):
            for sample in family.samples:
                if sample.name in names:
                    values[sample.name] = values.get(sample.name, 0.0) + float(sample.value)
    except (ValueError, TypeError, IndexError) as exc:
        raise MalformedMetrics(
            translate("Metrics", "not Prometheus metrics text: {reason}").format(reason=exc)
        ) from None
    return values


@functools.lru_cache(maxsize=8)
def _lines_of(names: frozenset[str]) -> re.Pattern[str]:
    """The lines whose metric name is one of ``names``: found by the regex engine in one
    pass, not line by line in Python (a tenth of the time on vLLM's 50 kB page)."""
    alternatives = "|".join(re.escape(name) for name in sorted(names))
    return re.compile(rf"^(?:{alternatives})[{{ \t].*$", re.MULTILINE)
