"""Reading a server's figures over HTTP, the way each engine offers them.

- llama-server: ``/metrics`` (with ``--metrics``); without it the server answers 501 and
  the reader falls back to ``/slots`` (busy slots only) and says how to get the rest.
- vLLM: ``/metrics`` (``vllm:…``; ``kv_cache_usage_perc``, before 0.10 ``gpu_cache_usage_perc``).
- whisper-server: nothing to read; :class:`PanelRequests` counts what the panel sent.
- custom engines: ``/metrics`` read in either dialect, if the server has one.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from panel.core.config.profiles import ApiKeyError, Engine, ServerProfile, resolve_api_key
from panel.core.i18n import QT_TRANSLATE_NOOP, translate
from panel.core.metrics.panel_requests import PANEL_REQUESTS, PanelRequests
from panel.core.metrics.prometheus import MalformedMetrics, sample_values
from panel.core.metrics.reading import Reading, Source

if TYPE_CHECKING:
    import httpx

_LLAMA = {
    "running": "llamacpp:requests_processing",
    "waiting": "llamacpp:requests_deferred",
    "prompt": "llamacpp:prompt_tokens_total",
    "generation": "llamacpp:tokens_predicted_total",
    "kv": "llamacpp:kv_cache_usage_ratio",  # builds before 2025 only
}
_VLLM = {
    "running": "vllm:num_requests_running",
    "waiting": "vllm:num_requests_waiting",
    "prompt": "vllm:prompt_tokens_total",
    "generation": "vllm:generation_tokens_total",
    "kv": "vllm:kv_cache_usage_perc",
    "kv_old": "vllm:gpu_cache_usage_perc",
    "ttft_sum": "vllm:time_to_first_token_seconds_sum",
    "ttft_count": "vllm:time_to_first_token_seconds_count",
    "finished": "vllm:request_success_total",
}
NO_METRICS_NOTE = QT_TRANSLATE_NOOP(
    "Metrics",
    "llama-server was started without --metrics: only busy slots are known "
    "(add --metrics to the profile for tokens/s and queue lengths)",
)


class MetricsError(Exception):
    """The server gave no figures; the message says why, in the user's words."""


def _int(value: float | None) -> int | None:
    return None if value is None else round(value)


class MetricsReader:
    """Reads one server; keeps its connection open between readings (one a second)."""

    def __init__(
        self,
        profile: ServerProfile,
        *,
        transport: httpx.BaseTransport | None = None,
        timeout: float = 2.0,
        panel_requests: PanelRequests = PANEL_REQUESTS,
        api_key: str | None = None,
    ) -> None:
        import httpx

        self.profile = profile
        self._panel_requests = panel_requests
        key = api_key if api_key is not None else _key_of(profile)
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        self._client = httpx.Client(
            base_url=profile.base_url,
            headers=headers,
            transport=transport,
            trust_env=False,  # a desktop proxy must not sit between us and localhost
            timeout=timeout,
        )

    def close(self) -> None:
        self._client.close()

    def read(self) -> Reading:
        engine = self.profile.engine
        if engine is Engine.WHISPER_CPP:
            return self._panel_requests.reading(self.profile.name)
        if engine is Engine.VLLM:
            return self._from_prometheus(_VLLM, Source.VLLM_METRICS)
        if engine is Engine.LLAMA_CPP:
            code, text = self._get("/metrics")
            if code == 200:
                return self._parse(text, _LLAMA, Source.LLAMA_METRICS)
            if code in (404, 501):
                return self._from_slots()
            raise MetricsError(
                translate("Metrics", "/metrics answered HTTP {code}").format(code=code)
            )
        code, text = self._get("/metrics")
        if code == 501:  # llama-server's answer without --metrics
            return self._from_slots()
        if code != 200:
            raise MetricsError(
                translate("Metrics", "this server has no /metrics (HTTP {code})").format(code=code)
            )
        as_vllm = self._parse(text, _VLLM, Source.VLLM_METRICS)
        if as_vllm.generation_tokens_total is not None:
            return as_vllm
        return self._parse(text, _LLAMA, Source.LLAMA_METRICS)

    # -- helpers ---------------------------------------------------------------------
    def _get(self, path: str) -> tuple[int, str]:
        import httpx

        try:
            response = self._client.get(path)
        except httpx.TimeoutException:
            raise MetricsError(
                translate("Metrics", "{path} did not answer in time").format(path=path)
            ) from None
        except httpx.ConnectError as exc:
            # The system's words stay in brackets: the reason (refused, no route) tells more.
            raise MetricsError(
                translate(
                    "Metrics", "cannot connect: the server is not running or not ready ({reason})"
                ).format(reason=exc)
            ) from None
        except httpx.HTTPError as exc:
            raise MetricsError(
                translate("Metrics", "{path}: {reason}").format(
                    path=path, reason=exc or type(exc).__name__
                )
            ) from None
        if response.status_code == 401:
            raise MetricsError(
                translate("Metrics", "{path} needs the API key (HTTP 401)").format(path=path)
            )
        return response.status_code, response.text

    def _from_prometheus(self, names: dict[str, str], source: Source) -> Reading:
        code, text = self._get("/metrics")
        if code != 200:
            raise MetricsError(
                translate("Metrics", "/metrics answered HTTP {code}").format(code=code)
            )
        return self._parse(text, names, source)

    def _parse(self, text: str, names: dict[str, str], source: Source) -> Reading:
        try:
            values = sample_values(text, names.values())
        except MalformedMetrics as exc:
            raise MetricsError(str(exc)) from None
        got = {key: values.get(name) for key, name in names.items()}
        kv = got.get("kv")
        if kv is None:
            kv = got.get("kv_old")
        return Reading(
            source,
            time.monotonic(),
            requests_running=_int(got["running"]),
            requests_waiting=_int(got["waiting"]),
            prompt_tokens_total=got["prompt"],
            generation_tokens_total=got["generation"],
            kv_cache_usage_ratio=kv,
            ttft_seconds_sum=got.get("ttft_sum"),
            ttft_count=got.get("ttft_count"),
            requests_finished_total=got.get("finished"),
        )

    def _from_slots(self) -> Reading:
        import json

        code, text = self._get("/slots")
        if code != 200:
            raise MetricsError(
                translate(
                    "Metrics",
                    "llama-server has neither /metrics nor /slots: add --metrics to the profile",
                )
            )
        try:
            slots = json.loads(text)
            busy = sum(1 for slot in slots if slot.get("is_processing"))
        except (ValueError, TypeError, AttributeError):
            raise MetricsError(
                translate("Metrics", "/slots did not answer with a list of slots")
            ) from None
        return Reading(
            Source.LLAMA_SLOTS,
            time.monotonic(),
            requests_running=busy,
            note=translate("Metrics", NO_METRICS_NOTE),
        )


def _key_of(profile: ServerProfile) -> str | None:
    try:
        return resolve_api_key(profile.api_key_ref)
    except ApiKeyError:  # a key that cannot be read: /metrics may still be open
        return None


class MetricsReaders:
    """One reader per server, for the window's poller: :meth:`read_all` on one worker
    thread at a time."""

    def __init__(self, *, transport: httpx.BaseTransport | None = None) -> None:
        self._transport = transport
        self._readers: dict[str, MetricsReader] = {}

    def read_all(self, profiles: list[ServerProfile]) -> dict[str, Reading | MetricsError]:
        """A reading (or why none) per profile; readers of profiles not listed are closed."""
        wanted = {profile.name: profile for profile in profiles}
        for name in list(self._readers):
            reader = self._readers[name]
            if name not in wanted or reader.profile != wanted[name]:
                reader.close()
                del self._readers[name]
        results: dict[str, Reading | MetricsError] = {}
        for name, profile in wanted.items():
            if name not in self._readers:
                self._readers[name] = MetricsReader(profile, transport=self._transport)
            reader = self._readers[name]
            try:
                results[name] = reader.read()
            except MetricsError as exc:
                results[name] = exc
        return results

    def close(self) -> None:
        for reader in self._readers.values():
            reader.close()
        self._readers.clear()
