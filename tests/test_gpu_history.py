"""panel.core.gpu.history: the per-GPU history the GPU tab draws from. No Qt here."""

from __future__ import annotations

import itertools
import math

from panel.core.gpu.attribution import ServerGpuUsage
from panel.core.gpu.history import (
    BIN_SECONDS,
    COARSE_SECONDS,
    FINE_SECONDS,
    MAX_PLOT_POINTS,
    AttributedSnapshot,
    GpuHistory,
    GpuTimeline,
    HistoryPoint,
    gpu_key,
    mean_point,
)
from panel.core.gpu.nvml import GpuProcess, GpuSample, GpuSnapshot, GpuStatus
from tests.fakes.fake_nvml import GiB

OK = GpuStatus(True, "", "550")


def point(t: float, used: float = 1.0, util: float = 50.0, **servers: float) -> HistoryPoint:
    return HistoryPoint(t=t, used=used, total=80.0, util=util, servers=servers)


def sample(index: int = 0, uuid: str = "GPU-a", used: int = 10 * GiB) -> GpuSample:
    return GpuSample(index, "H100", uuid, used, 80 * GiB, 37.0, (GpuProcess(7, 4 * GiB),))


def test_a_point_takes_each_servers_share_of_its_gpu_only() -> None:
    usage = {
        "llama": ServerGpuUsage(6 * GiB, {0: 4 * GiB, 1: 2 * GiB}),
        "idle": ServerGpuUsage(0),
    }
    p = HistoryPoint.of(sample(index=1), 12.5, usage)
    assert (p.t, p.used, p.total, p.util) == (12.5, 10 * GiB, 80 * GiB, 37.0)
    assert p.servers == {"llama": 2 * GiB}  # servers holding nothing here are left out
    unknown = GpuSample(0, "H100", "GPU-a", 0, 80 * GiB, None, ())
    assert math.isnan(HistoryPoint.of(unknown, 0.0, {}).util)


def test_mean_point_counts_a_missing_server_as_zero_and_skips_unknown_utilisation() -> None:
    mean = mean_point([point(0, 2, 10, a=4), point(2, 4, math.nan), point(4, 6, 30, a=2, b=3)])
    assert (mean.t, mean.used, mean.util) == (2.0, 4.0, 20.0)
    assert mean.servers == {"a": 2.0, "b": 1.0}
    assert math.isnan(mean_point([point(0, util=math.nan)]).util)


def test_history_keeps_ten_minutes_of_samples_and_an_hour_of_means() -> None:
    history = GpuHistory()
    step = 0.25  # 4 Hz for 80 minutes
    for i in range(int(80 * 60 / step)):
        history.add(point(i * step, used=float(i)))
    newest = history.latest
    assert newest is not None and newest.t == (int(80 * 60 / step) - 1) * step
    assert history.fine[0].t >= newest.t - FINE_SECONDS
    assert len(history.fine) == FINE_SECONDS / step + 1
    assert history.coarse[0].t >= newest.t - COARSE_SECONDS - BIN_SECONDS
    # One mean per 5 s bin: the bin's middle, and the mean of its values.
    first = history.coarse[0]
    assert (first.t % BIN_SECONDS, first.used) == (BIN_SECONDS / 2 - step / 2, first.t / step)


def test_a_repeated_or_older_snapshot_is_ignored() -> None:
    history = GpuHistory()
    history.add(point(10, used=1))
    history.add(point(10, used=2))
    history.add(point(9, used=3))
    assert [p.used for p in history.fine] == [1]


def test_points_are_the_window_at_most_max_plot_points_with_the_newest() -> None:
    history = GpuHistory()
    for i in range(2400):  # 10 minutes at 4 Hz
        history.add(point(i / 4))
    now = 2399 / 4

    minute, gap = history.points(60, now)
    assert len(minute) == 241 and gap == 5.0  # every sample: no downsampling
    assert minute[0].t >= now - 60 and minute[-1].t == now

    ten, gap = history.points(600, now)
    assert len(ten) <= MAX_PLOT_POINTS and ten[-1].t == now
    assert gap == 5.0 * math.ceil(2400 / MAX_PLOT_POINTS)  # strided points: a wider gap

    hour, gap = history.points(3600, now)
    assert hour and gap == 3 * BIN_SECONDS
    assert hour[-1].t > now - BIN_SECONDS  # the bin being filled is in it
    assert all(b.t > a.t for a, b in itertools.pairwise(hour))


def test_points_of_an_empty_or_stale_history() -> None:
    history = GpuHistory()
    assert history.points(60, 100.0) == ([], 5.0)
    assert history.latest is None
    history.add(point(0))
    assert history.points(60, 1000.0)[0] == []  # nothing in the last minute


def test_timeline_keys_gpus_by_uuid_and_ignores_snapshots_without_nvml() -> None:
    timeline = GpuTimeline()
    usage = {"llama": ServerGpuUsage(4 * GiB, {0: 4 * GiB})}
    gpus = (sample(0, "GPU-a"), sample(1, ""))
    timeline.add(AttributedSnapshot(GpuSnapshot(1.0, gpus, OK), usage))
    timeline.add(AttributedSnapshot(GpuSnapshot(2.0, (), GpuStatus(False, "no driver")), {}))
    assert timeline.keys() == ["GPU-a", "index:1"] == [gpu_key(g) for g in gpus]
    latest = timeline["GPU-a"].latest
    assert latest is not None and latest.servers == {"llama": 4 * GiB}
    assert timeline["index:1"].latest is not None
    assert timeline["index:1"].latest.servers == {}

    timeline.forget("index:1")
    timeline.forget("never seen")
    assert "index:1" not in timeline and "GPU-a" in timeline
    timeline.add(AttributedSnapshot(GpuSnapshot(3.0, (sample(0, "GPU-b"),), OK), {}))
    timeline.keep_only(["GPU-b"])
    assert timeline.keys() == ["GPU-b"]
