"""Small audio helpers for recordings: mono, 16 kHz, PCM16 WAV, levels.

numpy only (plus ``soundfile`` for encoding). ``resample`` is a windowed-sinc low-pass
followed by linear interpolation: good enough for speech going to Whisper, which works
at 16 kHz and ignores everything above 8 kHz anyway.
"""

from __future__ import annotations

import io
import math

import numpy as np
import numpy.typing as npt
import soundfile as sf

__all__ = ["duration", "encode_wav", "is_silent", "level_dbfs", "resample", "to_mono"]

SILENCE_DBFS = -120.0
WHISPER_RATE = 16000

FloatArray = npt.NDArray[np.float32]


def _as_float(samples: npt.ArrayLike) -> FloatArray:
    array = np.asarray(samples)
    if array.dtype == np.int16:
        return (array.astype(np.float32) / 32768.0).astype(np.float32)
    if array.dtype == np.int32:
        return (array.astype(np.float64) / 2147483648.0).astype(np.float32)
    return array.astype(np.float32, copy=False)


def to_mono(samples: npt.ArrayLike) -> FloatArray:
    """Float32 mono: a (frames, channels) array is averaged over its channels."""
    array = _as_float(samples)
    if array.ndim == 2:
        return np.asarray(array.mean(axis=1), dtype=np.float32)
    if array.ndim != 1:
        raise ValueError(f"expected 1-D or 2-D audio, got shape {array.shape}")
    return array


def encode_wav(samples: npt.ArrayLike, rate: int) -> bytes:
    """Mono PCM16 WAV bytes. Float input is taken as [-1, 1] (clipped); int16 as is."""
    array = np.asarray(samples)
    if array.dtype != np.int16:
        array = np.clip(to_mono(array), -1.0, 1.0)
    elif array.ndim == 2:
        array = to_mono(array)
    buffer = io.BytesIO()
    sf.write(buffer, array, int(rate), format="WAV", subtype="PCM_16")
    return buffer.getvalue()


def _lowpass_kernel(cutoff: float, taps: int = 63) -> npt.NDArray[np.float64]:
    """Hann-windowed sinc; ``cutoff`` as a fraction of the sample rate (0 < cutoff < 0.5)."""
    n = np.arange(taps) - (taps - 1) / 2
    kernel = 2 * cutoff * np.sinc(2 * cutoff * n) * np.hanning(taps)
    return np.asarray(kernel / kernel.sum(), dtype=np.float64)


def resample(samples: npt.ArrayLike, src_rate: int, dst_rate: int = WHISPER_RATE) -> FloatArray:
    """Mono float32 at ``dst_rate``.

    Downsampling first low-passes at 0.45 x the target rate (63-tap Hann-windowed sinc,
    so nothing above the new Nyquist folds back into speech), then linearly interpolates.
    Upsampling interpolates only. Output length is ``round(len * dst / src)``.
    """
    mono = to_mono(samples)
    if src_rate <= 0 or dst_rate <= 0:
        raise ValueError("sample rates must be positive")
    if src_rate == dst_rate or mono.size == 0:
        return mono.copy()
    source = mono.astype(np.float64)
    if dst_rate < src_rate:
        kernel = _lowpass_kernel(0.45 * dst_rate / src_rate)
        half = (kernel.size - 1) // 2
        source = np.convolve(source, kernel)[half : half + mono.size]  # centred, same length
    count = max(1, round(mono.size * dst_rate / src_rate))
    positions = np.arange(count) * (src_rate / dst_rate)
    out = np.interp(positions, np.arange(mono.size), source)
    return np.asarray(out, dtype=np.float32)


def level_dbfs(block: npt.ArrayLike) -> float:
    """RMS level in dBFS (0 = full-scale square wave); silence and empty blocks are -120."""
    array = to_mono(block)
    if array.size == 0:
        return SILENCE_DBFS
    rms = float(np.sqrt(np.mean(np.square(array, dtype=np.float64))))
    if rms <= 0 or not math.isfinite(rms):
        return SILENCE_DBFS
    return max(SILENCE_DBFS, 20 * math.log10(rms))


def duration(samples: npt.ArrayLike, rate: int) -> float:
    """Seconds of audio (frames / rate)."""
    return int(np.asarray(samples).shape[0]) / float(rate) if rate > 0 else 0.0


def is_silent(samples: npt.ArrayLike, threshold_dbfs: float = -50.0) -> bool:
    """True when the whole recording's RMS level is below ``threshold_dbfs``."""
    return level_dbfs(samples) < threshold_dbfs
