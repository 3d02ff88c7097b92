"""panel.core.speech.wav: encoding, resampling, levels."""

from __future__ import annotations

import io

import numpy as np
import soundfile as sf
from hypothesis import given, settings
from hypothesis import strategies as st

from panel.core.speech.wav import duration, encode_wav, is_silent, level_dbfs, resample, to_mono


def tone(freq: float, rate: int, seconds: float = 1.0, amp: float = 0.5) -> np.ndarray:
    t = np.arange(round(rate * seconds)) / rate
    return (amp * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def test_encode_wav_is_mono_pcm16_and_round_trips() -> None:
    samples = tone(440, 16000, 0.5)
    data = encode_wav(samples, 16000)
    back, rate = sf.read(io.BytesIO(data), dtype="float32")
    info = sf.info(io.BytesIO(data))
    assert (rate, info.channels, info.subtype) == (16000, 1, "PCM_16")
    assert np.max(np.abs(back - samples)) < 1e-3


def test_encode_wav_takes_int16_and_clips_floats() -> None:
    ints = (tone(300, 8000, 0.1) * 32767).astype(np.int16)
    back, _ = sf.read(io.BytesIO(encode_wav(ints, 8000)), dtype="int16")
    assert np.array_equal(back, ints)
    loud, _ = sf.read(io.BytesIO(encode_wav(np.full(10, 3.0), 8000)), dtype="float32")
    assert np.all(loud <= 1.0) and np.all(loud > 0.99)


def test_to_mono_averages_channels() -> None:
    stereo = np.stack([np.ones(4), -np.ones(4) * 0.5], axis=1)
    assert np.allclose(to_mono(stereo), 0.25)
    assert to_mono(np.zeros(3, dtype=np.int16)).dtype == np.float32


def test_resample_keeps_speech_band_and_removes_aliases() -> None:
    kept = resample(tone(1000, 48000), 48000)
    assert kept.shape == (16000,)
    assert abs(level_dbfs(kept[200:-200]) - level_dbfs(tone(1000, 16000))) < 0.5
    # 15 kHz would fold to 1 kHz at 16 kHz without the low-pass
    alias = resample(tone(15000, 48000), 48000)
    assert level_dbfs(alias[200:-200]) < -35


def test_resample_keeps_consonants_and_stops_everything_above_8k() -> None:
    # 7 kHz is where "s" and "f" live: it must come through (libsoxr keeps it flat).
    for freq in (3000, 7000):
        out = resample(tone(freq, 48000), 48000)
        assert abs(level_dbfs(out[200:-200]) - level_dbfs(tone(freq, 48000))) < 0.5
    for freq in (8500, 12000, 20000):
        assert level_dbfs(resample(tone(freq, 48000), 48000)[200:-200]) < -90


def test_resample_upsamples_and_identity() -> None:
    up = resample(tone(200, 8000), 8000, 16000)
    assert up.shape == (16000,)
    same = tone(200, 16000)
    assert np.array_equal(resample(same, 16000), same)


@settings(max_examples=50, deadline=None)
@given(
    st.integers(0, 5000),
    st.sampled_from([8000, 11025, 22050, 44100, 48000]),
    st.sampled_from([8000, 16000, 24000]),
)
def test_resample_length_and_bounds(n: int, src: int, dst: int) -> None:
    rng = np.random.default_rng(n)
    samples = rng.uniform(-1, 1, n).astype(np.float32)
    out = resample(samples, src, dst)
    expected = 0 if n == 0 else max(1, round(n * dst / src))
    assert out.shape == (expected,) and out.dtype == np.float32
    # Full-scale white noise has peaks between its samples that a band-limited resampler
    # brings out (up to about 2x here); encode_wav clips them. Bounded is what matters.
    assert np.all(np.abs(out) <= 2.5)


def test_levels() -> None:
    assert level_dbfs(np.zeros(100)) == -120.0
    assert level_dbfs(np.array([], dtype=np.float32)) == -120.0
    assert abs(level_dbfs(np.ones(100)) - 0.0) < 1e-9
    assert abs(level_dbfs(tone(440, 16000)) - (20 * np.log10(0.5 / np.sqrt(2)))) < 0.05
    assert is_silent(tone(440, 16000, amp=0.001))
    assert not is_silent(tone(440, 16000, amp=0.1))
    assert duration(np.zeros(24000), 16000) == 1.5


@given(st.lists(st.floats(-1, 1, allow_nan=False), max_size=200))
def test_level_is_bounded(values: list[float]) -> None:
    level = level_dbfs(np.array(values, dtype=np.float32))
    assert -120.0 <= level <= 0.0 + 1e-6
