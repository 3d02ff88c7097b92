"""The metrics core without a server: Prometheus text as the engines write it, rates from
two readings, the /slots fallback, the load-time memory. The real servers are in
tests/test_metrics_real.py."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from panel.core.config.profiles import Engine, ServerProfile
from panel.core.metrics.figures import FigureTracker, figures_from
from panel.core.metrics.flag import lacks_metrics_flag, with_metrics_flag
from panel.core.metrics.load_times import TIME_BAR_CAP, LoadTimes, estimate_load
from panel.core.metrics.panel_requests import PanelRequests
from panel.core.metrics.prometheus import MalformedMetrics, sample_values
from panel.core.metrics.reader import MetricsError, MetricsReader, MetricsReaders
from panel.core.metrics.reading import Reading, Source

# Lines of a real vLLM 0.32 /metrics page (tiny model, three requests served), headers
# and a few histogram buckets included: the reader must pick its samples out of them.
VLLM_032 = """\
# HELP vllm:num_requests_running Number of requests in model execution batches.
# TYPE vllm:num_requests_running gauge
vllm:num_requests_running{engine="0",model_name="tiny"} 2.0
# HELP vllm:num_requests_waiting Number of requests waiting to be processed.
# TYPE vllm:num_requests_waiting gauge
vllm:num_requests_waiting{engine="0",model_name="tiny"} 1.0
vllm:num_requests_waiting_by_reason{engine="0",model_name="tiny",reason="capacity"} 1.0
# TYPE vllm:kv_cache_usage_perc gauge
vllm:kv_cache_usage_perc{engine="0",model_name="tiny"} 0.25
# TYPE vllm:prompt_tokens_total counter
vllm:prompt_tokens_total{engine="0",model_name="tiny"} 12.0
vllm:prompt_tokens_created{engine="0",model_name="tiny"} 1.7964670268903131e+09
# TYPE vllm:generation_tokens_total counter
vllm:generation_tokens_total{engine="0",model_name="tiny"} 120.0
# TYPE vllm:request_success_total counter
vllm:request_success_total{engine="0",finished_reason="stop",model_name="tiny"} 1.0
vllm:request_success_total{engine="0",finished_reason="length",model_name="tiny"} 2.0
# TYPE vllm:time_to_first_token_seconds histogram
vllm:time_to_first_token_seconds_bucket{engine="0",le="0.001",model_name="tiny"} 0.0
vllm:time_to_first_token_seconds_bucket{engine="0",le="+Inf",model_name="tiny"} 3.0
vllm:time_to_first_token_seconds_count{engine="0",model_name="tiny"} 3.0
vllm:time_to_first_token_seconds_sum{engine="0",model_name="tiny"} 0.3
"""
# Before vLLM 0.10 the cache gauge was gpu_cache_usage_perc.
VLLM_OLD = VLLM_032.replace("kv_cache_usage_perc", "gpu_cache_usage_perc")
# A real llama-server (b7xxx, --metrics) after some requests.
LLAMA = """\
# HELP llamacpp:prompt_tokens_total Number of prompt tokens processed, excluding cached tokens
# TYPE llamacpp:prompt_tokens_total counter
llamacpp:prompt_tokens_total 96
# TYPE llamacpp:tokens_predicted_total counter
llamacpp:tokens_predicted_total 400
# TYPE llamacpp:requests_processing gauge
llamacpp:requests_processing 3
# TYPE llamacpp:requests_deferred gauge
llamacpp:requests_deferred 1
"""
NO_METRICS = '{"error":{"code":501,"message":"This server does not support metrics endpoint. Start it with `--metrics`","type":"not_supported_error"}}'
SLOTS = json.dumps(
    [
        {"id": 0, "is_processing": True},
        {"id": 1, "is_processing": False},
        {"id": 2, "is_processing": True},
    ]
)


def routes(answers: dict[str, tuple[int, str]]) -> httpx.MockTransport:
    def handle(request: httpx.Request) -> httpx.Response:
        code, text = answers.get(request.url.path, (404, "File Not Found"))
        return httpx.Response(code, text=text)

    return httpx.MockTransport(handle)


def profile(engine: Engine, **kw: object) -> ServerProfile:
    return ServerProfile(name="s", engine=engine, port=8080, **kw)  # type: ignore[arg-type]


def test_samples_are_summed_over_labels_and_only_those_asked_for() -> None:
    values = sample_values(VLLM_032, ["vllm:request_success_total", "vllm:num_requests_waiting"])
    assert values == {"vllm:request_success_total": 3.0, "vllm:num_requests_waiting": 1.0}
    assert sample_values("", ["vllm:num_requests_running"]) == {}


def test_malformed_text_is_a_clear_error() -> None:
    with pytest.raises(MalformedMetrics, match="not Prometheus"):
        sample_values("vllm:num_requests_running{engine=0 2\n", ["vllm:num_requests_running"])


@pytest.mark.parametrize(
    "text", [VLLM_032, VLLM_OLD], ids=["kv_cache_usage_perc", "gpu_cache_usage_perc"]
)
def test_vllm_reading_takes_either_cache_gauge(text: str) -> None:
    reader = MetricsReader(profile(Engine.VLLM), transport=routes({"/metrics": (200, text)}))
    reading = reader.read()
    assert reading.source is Source.VLLM_METRICS
    assert (reading.requests_running, reading.requests_waiting) == (2, 1)
    assert reading.kv_cache_usage_ratio == 0.25
    assert (reading.prompt_tokens_total, reading.generation_tokens_total) == (12.0, 120.0)
    assert (reading.ttft_count, reading.requests_finished_total) == (3.0, 3.0)


def test_llama_without_metrics_falls_back_to_busy_slots_and_says_how_to_get_more() -> None:
    reader = MetricsReader(
        profile(Engine.LLAMA_CPP),
        transport=routes({"/metrics": (501, NO_METRICS), "/slots": (200, SLOTS)}),
    )
    reading = reader.read()
    assert reading.source is Source.LLAMA_SLOTS
    assert reading.requests_running == 2
    assert reading.generation_tokens_total is None
    assert "--metrics" in reading.note


def test_llama_with_neither_endpoint_names_the_fix() -> None:
    reader = MetricsReader(
        profile(Engine.LLAMA_CPP),
        transport=routes({"/metrics": (501, NO_METRICS), "/slots": (501, "{}")}),
    )
    with pytest.raises(MetricsError, match="add --metrics"):
        reader.read()


def test_a_wrong_key_and_a_dead_server_are_errors_not_zeros() -> None:
    reader = MetricsReader(profile(Engine.VLLM), transport=routes({"/metrics": (401, "")}))
    with pytest.raises(MetricsError, match="API key"):
        reader.read()

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("Connection refused", request=request)

    reader = MetricsReader(profile(Engine.VLLM), transport=httpx.MockTransport(refuse))
    with pytest.raises(MetricsError, match="refused"):
        reader.read()


def test_a_url_of_unknown_engine_is_read_in_either_dialect() -> None:
    custom = profile(Engine.CUSTOM)
    reading = MetricsReader(custom, transport=routes({"/metrics": (200, LLAMA)})).read()
    assert (reading.source, reading.requests_running, reading.generation_tokens_total) == (
        Source.LLAMA_METRICS,
        3,
        400.0,
    )
    reading = MetricsReader(custom, transport=routes({"/metrics": (200, VLLM_032)})).read()
    assert reading.source is Source.VLLM_METRICS


def test_rates_come_from_two_readings_and_a_restart_gives_none() -> None:
    first = Reading(Source.LLAMA_METRICS, 10.0, 1, 0, 100.0, 1000.0)
    second = Reading(Source.LLAMA_METRICS, 12.0, 2, 0, 300.0, 1100.0)
    figures = figures_from(second, first)
    assert figures.prompt_tokens_per_second == 100.0
    assert figures.generation_tokens_per_second == 50.0
    assert figures_from(second).generation_tokens_per_second is None  # one reading: no rate
    restarted = Reading(Source.LLAMA_METRICS, 13.0, 0, 0, 5.0, 7.0)
    assert figures_from(restarted, second).generation_tokens_per_second is None


def test_time_to_first_token_is_the_mean_of_the_new_requests_else_the_last_one() -> None:
    tracker = FigureTracker()
    base = dict(source=Source.VLLM_METRICS)
    tracker.update("v", Reading(**base, taken_at=1.0, ttft_seconds_sum=0.3, ttft_count=3))  # type: ignore[arg-type]
    assert tracker.latest("v").time_to_first_token_seconds == pytest.approx(0.1)  # type: ignore[union-attr]
    tracker.update("v", Reading(**base, taken_at=2.0, ttft_seconds_sum=1.3, ttft_count=5))  # type: ignore[arg-type]
    assert tracker.latest("v").time_to_first_token_seconds == pytest.approx(0.5)  # type: ignore[union-attr]
    tracker.update("v", Reading(**base, taken_at=3.0, ttft_seconds_sum=1.3, ttft_count=5))  # type: ignore[arg-type]
    assert tracker.latest("v").time_to_first_token_seconds == pytest.approx(0.5)  # type: ignore[union-attr]
    assert len(tracker.history("v")) == 2
    tracker.forget("v")
    assert tracker.latest("v") is None and tracker.history("v") == []


def test_json_keys_say_what_they_count() -> None:
    keys = set(figures_from(Reading(Source.VLLM_METRICS, 1.0)).as_json())
    assert {
        "requests_running",
        "requests_waiting",
        "prompt_tokens_total",
        "generation_tokens_total",
        "prompt_tokens_per_second",
        "generation_tokens_per_second",
        "kv_cache_usage_ratio",
        "time_to_first_token_seconds",
    } <= keys


def test_whisper_figures_are_the_panels_own_transcriptions() -> None:
    requests = PanelRequests()
    reader = MetricsReader(
        profile(Engine.WHISPER_CPP), transport=routes({}), panel_requests=requests
    )
    requests.started("s")
    requests.started("s")
    assert reader.read().requests_running == 2
    requests.finished("s", 1.5)
    requests.finished("s", None)  # failed: counted, its time not
    reading = reader.read()
    assert (reading.requests_running, reading.requests_finished_total) == (0, 2.0)
    assert reading.last_request_seconds == 1.5
    assert reading.source is Source.PANEL_REQUESTS


def test_readers_report_per_server_and_drop_the_ones_gone() -> None:
    readers = MetricsReaders(transport=routes({"/metrics": (200, LLAMA), "/slots": (200, SLOTS)}))
    a = ServerProfile(name="a", engine=Engine.LLAMA_CPP, port=1)
    b = ServerProfile(name="b", engine=Engine.VLLM, port=2)
    results = readers.read_all([a, b])
    assert isinstance(results["a"], Reading) and results["a"].requests_running == 3
    assert isinstance(results["b"], Reading) and results["b"].generation_tokens_total is None
    assert set(readers.read_all([a])) == {"a"}
    readers.close()


def test_the_metrics_flag_is_offered_only_where_the_panel_starts_llama_server() -> None:
    llama = profile(Engine.LLAMA_CPP, args=["-c", "512"])
    assert lacks_metrics_flag(llama)
    fixed = with_metrics_flag(llama)
    assert fixed.args == ["-c", "512", "--metrics"] and not lacks_metrics_flag(fixed)
    assert with_metrics_flag(fixed) == fixed
    assert not lacks_metrics_flag(profile(Engine.VLLM))
    assert not lacks_metrics_flag(profile(Engine.LLAMA_CPP, attach_url="http://h:1"))


def test_load_times_persist_and_survive_a_damaged_file(tmp_path: Path) -> None:
    times = LoadTimes(tmp_path)
    assert times.previous("p") is None
    times.remember("p", 12.345)
    times.remember("p", float("nan"))  # ignored
    assert LoadTimes(tmp_path).previous("p") == 12.35
    (tmp_path / "load_times.json").write_text("{not json", encoding="utf-8")
    assert LoadTimes(tmp_path).previous("p") is None


def test_load_estimate_uses_the_engines_fraction_else_the_previous_load() -> None:
    assert estimate_load(3.0, None, None).fraction is None  # phases only
    by_engine = estimate_load(3.0, 10.0, 0.4)
    assert (by_engine.fraction, by_engine.seconds_left, by_engine.from_engine) == (0.4, 7.0, True)
    by_clock = estimate_load(5.0, 10.0, None)
    assert (by_clock.fraction, by_clock.seconds_left, by_clock.from_engine) == (0.5, 5.0, False)
    late = estimate_load(30.0, 10.0, None)
    assert (late.fraction, late.seconds_left) == (TIME_BAR_CAP, None)
