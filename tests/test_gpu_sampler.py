"""GpuSampler: background sampling, subscribers, the newest snapshot, no leftover threads."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator

import pytest

from panel.core.gpu.nvml import GpuSnapshot, Nvml
from panel.core.gpu.sampler import GpuSampler
from tests.fakes import fake_nvml
from tests.fakes.fake_nvml import FakeGpu, FakeNvml, FakeProcess

WAIT = 10.0  # generous upper bound; every wait below normally ends in milliseconds


def sampler_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "gpu-sampler"]


@pytest.fixture(autouse=True)
def no_leftover_sampler_threads() -> Iterator[None]:
    assert sampler_threads() == []
    yield
    leftover = sampler_threads()
    for thread in leftover:
        thread.join(WAIT)
    assert leftover == [], "a test left a sampler thread running"


class Collector:
    """A subscriber that records snapshots and lets the test wait for the n-th one."""

    def __init__(self, sampler: GpuSampler | None = None, stop_after: int | None = None) -> None:
        self.snapshots: list[GpuSnapshot] = []
        self.threads: list[threading.Thread] = []
        self._sampler = sampler
        self._stop_after = stop_after
        self._condition = threading.Condition()

    def __call__(self, snapshot: GpuSnapshot) -> None:
        with self._condition:
            self.snapshots.append(snapshot)
            self.threads.append(threading.current_thread())
            self._condition.notify_all()
        if self._sampler is not None and len(self.snapshots) == self._stop_after:
            self._sampler.unsubscribe(self)

    def wait_for(self, count: int, timeout: float = WAIT) -> bool:
        with self._condition:
            return self._condition.wait_for(lambda: len(self.snapshots) >= count, timeout)


def fast_sampler(fake: FakeNvml | None = None, **kwargs: float) -> GpuSampler:
    nvml = Nvml(fake if fake is not None else FakeNvml(), load_file=None)
    kwargs.setdefault("interval", 0.005)
    return GpuSampler(nvml, **kwargs)


def test_no_thread_until_subscribed() -> None:
    fake = FakeNvml()
    sampler = fast_sampler(fake)
    assert not sampler.is_running
    assert sampler_threads() == []
    assert fake.calls["nvmlInit"] == 0  # not even NVML is touched
    assert sampler.latest() is None


def test_subscriber_receives_snapshots_on_sampler_thread() -> None:
    fake = FakeNvml([FakeGpu(compute_processes=[FakeProcess(123)])])
    sampler = fast_sampler(fake)
    collector = Collector()
    sampler.subscribe(collector)
    try:
        assert sampler.is_running
        assert collector.wait_for(3)
    finally:
        assert sampler.stop()
    assert not sampler.is_running
    first = collector.snapshots[0]
    assert first.status.available
    assert first.gpus[0].processes[0].pid == 123
    assert all(thread.name == "gpu-sampler" for thread in collector.threads)
    assert threading.main_thread() not in collector.threads
    timestamps = [s.timestamp for s in collector.snapshots]
    assert timestamps == sorted(timestamps) and len(set(timestamps)) == len(timestamps)


def test_unsubscribing_last_subscriber_stops_thread() -> None:
    sampler = fast_sampler()
    first, second = Collector(), Collector()
    sampler.subscribe(first)
    sampler.subscribe(second)
    assert first.wait_for(1) and second.wait_for(1)
    sampler.unsubscribe(first)
    assert sampler.is_running  # one subscriber left
    count = len(first.snapshots)
    assert second.wait_for(len(second.snapshots) + 3)
    assert len(first.snapshots) <= count + 1  # at most one delivery already under way
    sampler.unsubscribe(second)
    assert not sampler.is_running
    assert sampler_threads() == []


def test_resubscribe_restarts_and_the_latest_snapshot_survives() -> None:
    sampler = fast_sampler()
    collector = Collector()
    sampler.subscribe(collector)
    assert collector.wait_for(2)
    sampler.unsubscribe(collector)
    kept = sampler.latest()
    assert kept is collector.snapshots[-1]
    again = Collector()
    sampler.subscribe(again)
    try:
        assert again.wait_for(2)
    finally:
        sampler.stop()
    latest = sampler.latest()
    assert latest is again.snapshots[-1]
    assert latest.timestamp > kept.timestamp


def test_unsubscribe_from_inside_callback_stops_without_deadlock(
    caplog: pytest.LogCaptureFixture,
) -> None:
    sampler = fast_sampler()
    collector = Collector(sampler, stop_after=25)
    with caplog.at_level(logging.ERROR):
        sampler.subscribe(collector)
        assert collector.wait_for(25)
        assert sampler.stop()
    assert caplog.records == []  # e.g. no "cannot join current thread" from the callback
    assert len(collector.snapshots) == 25  # nothing delivered after unsubscribing
    assert sampler.latest() is collector.snapshots[-1]


def test_the_sampler_keeps_no_history_of_its_own() -> None:
    # The graphs' history is panel.core.gpu.history; a second one here went unused.
    sampler = fast_sampler()
    assert not hasattr(sampler, "history")
    assert not hasattr(sampler, "_history")


def test_invalid_intervals_are_rejected() -> None:
    nvml = Nvml(FakeNvml(), load_file=None)
    with pytest.raises(ValueError, match="positive"):
        GpuSampler(nvml, interval=0)
    with pytest.raises(ValueError, match="positive"):
        GpuSampler(nvml, unavailable_interval=-1)


def test_without_gpu_snapshots_carry_status_and_come_slowly() -> None:
    fake = FakeNvml(init_error=fake_nvml.NVML_ERROR_LIBRARY_NOT_FOUND)
    sampler = fast_sampler(fake, interval=0.001, unavailable_interval=60.0)
    collector = Collector()
    sampler.subscribe(collector)
    try:
        assert collector.wait_for(1)
        # At the fast interval a dozen would arrive in this time; at the slow one, none.
        assert not collector.wait_for(2, timeout=0.3)
    finally:
        assert sampler.stop()
    (snapshot,) = collector.snapshots
    assert snapshot.gpus == ()
    assert snapshot.status.reason == "No NVIDIA GPU detected (NVML: library not found)"


def test_with_gpu_the_fast_interval_is_used() -> None:
    """Control for the test above: same timings, but NVML works."""
    sampler = fast_sampler(FakeNvml(), interval=0.001, unavailable_interval=60.0)
    collector = Collector()
    sampler.subscribe(collector)
    try:
        assert collector.wait_for(5, timeout=WAIT)
    finally:
        assert sampler.stop()


def test_failing_subscriber_is_logged_and_others_still_served(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(snapshot: GpuSnapshot) -> None:
        raise RuntimeError("widget gone")

    sampler = fast_sampler()
    collector = Collector()
    sampler.subscribe(broken)
    sampler.subscribe(collector)
    with caplog.at_level(logging.ERROR, logger="panel.core.gpu.sampler"):
        try:
            assert collector.wait_for(3)
        finally:
            assert sampler.stop()
    assert "widget gone" in caplog.text


def test_snapshot_that_raises_does_not_kill_the_thread(
    caplog: pytest.LogCaptureFixture,
) -> None:
    class Flaky(Nvml):
        def __init__(self) -> None:
            super().__init__(FakeNvml(), load_file=None)
            self.calls = 0

        def snapshot(self) -> GpuSnapshot:
            self.calls += 1
            if self.calls == 1:
                raise RuntimeError("bug in a binding")
            return super().snapshot()

    sampler = GpuSampler(Flaky(), interval=0.001, unavailable_interval=0.001)
    collector = Collector()
    sampler.subscribe(collector)
    with caplog.at_level(logging.ERROR, logger="panel.core.gpu.sampler"):
        try:
            assert collector.wait_for(2)
        finally:
            assert sampler.stop()
    assert "GPU snapshot failed" in caplog.text


def test_processes_leaving_show_in_later_snapshots() -> None:
    gpu = FakeGpu(compute_processes=[FakeProcess(1), FakeProcess(2)])
    sampler = fast_sampler(FakeNvml([gpu]))
    collector = Collector()
    sampler.subscribe(collector)
    try:
        assert collector.wait_for(1)
        gpu.compute_processes = [FakeProcess(2)]
        with collector._condition:
            assert collector._condition.wait_for(
                lambda: [p.pid for p in collector.snapshots[-1].gpus[0].processes] == [2],
                WAIT,
            )
    finally:
        assert sampler.stop()
    assert [p.pid for p in collector.snapshots[0].gpus[0].processes] == [1, 2]


def test_stop_without_start_and_twice_is_harmless() -> None:
    sampler = fast_sampler()
    assert sampler.stop()
    sampler.unsubscribe(Collector())  # never subscribed
    assert sampler.stop()
    assert not sampler.is_running


def test_subscribing_twice_delivers_once() -> None:
    sampler = fast_sampler()
    collector = Collector(sampler, stop_after=4)
    sampler.subscribe(collector)
    sampler.subscribe(collector)
    assert collector.wait_for(4)
    assert sampler.stop()
    ids = [id(s) for s in collector.snapshots]
    assert len(ids) == len(set(ids)) == 4


def test_creates_its_own_nvml_when_none_given() -> None:
    sampler = GpuSampler()
    assert isinstance(sampler.nvml, Nvml)
    sampler.nvml.shutdown()


def test_subscriber_removed_during_a_delivery_is_not_called() -> None:
    sampler = fast_sampler()
    late = Collector()
    in_round_one = threading.Event()
    b_subscribed = threading.Event()

    class First(Collector):
        def __call__(self, snapshot: GpuSnapshot) -> None:
            if not self.snapshots:
                # Round 1 goes out to this callback only; round 2 will list both.
                in_round_one.set()
                assert b_subscribed.wait(WAIT)
            elif len(self.snapshots) == 1:
                sampler.unsubscribe(late)  # round 2 is being delivered right now
            super().__call__(snapshot)

    first = First()
    sampler.subscribe(first)
    try:
        assert in_round_one.wait(WAIT)
        sampler.subscribe(late)
        b_subscribed.set()
        assert first.wait_for(3)
    finally:
        assert sampler.stop()
    assert late.snapshots == []
