"""The alarm sounds of IEC 60601-1-8, generated: burst patterns per priority as 16-bit PCM and WAV.

A burst is a sequence of pulses (a tone with four harmonics, shaped by linear rise and fall ramps):

- high priority: ten pulses, "3 + 2" twice — three pulses, a longer spacing, two pulses; a pause;
  three pulses, a longer spacing, two pulses. Pulse 150 ms, spacing 100 ms (IEC: 75–200 ms and
  50–125 ms), the spacing after the third pulse 2 × spacing + pulse (350 ms), the pause between the
  fifth and sixth pulse 500 ms (IEC: 0.35–1.30 s); repeated every 6 s (IEC: 2.5–15 s).
- medium priority: three pulses of 200 ms, spacing 200 ms (IEC: 125–250 ms both); every 12 s
  (IEC: 2.5–30 s).
- low priority: one pulse of 200 ms, heard once when the alarm is raised (IEC allows no repetition).

Pulse durations are measured between the 50 % points of the envelope, spacings from the 50 % point
of one pulse's fall to the next pulse's rise. The fundamental (660, 520 and 440 Hz by priority) and its
harmonics 2–5 lie within 150–4000 Hz, each harmonic within 10.5 dB of the fundamental (IEC: 15 dB),
so the sound is heard and located against room noise. Nothing here needs a sound card: the samples
are plain numbers that tests analyse.
"""

from __future__ import annotations

import io
import math
import sys
import wave
from array import array
from dataclasses import dataclass

from gui.widgets.alarm_banner import BannerLevel

SAMPLE_RATE_HZ = 22_050
#: Peak amplitude of a pulse, as a fraction of 16-bit full scale (room left for the player's mixer).
PEAK_FRACTION = 0.5
#: Relative amplitudes of the fundamental and harmonics 2–5 (the quietest is −10.5 dB).
HARMONIC_AMPLITUDES = (1.0, 0.7, 0.5, 0.4, 0.3)


@dataclass(frozen=True)
class BurstPattern:
    """One burst: pulse onsets and durations in seconds, the tone, and the time to the next burst.

    ``pulses`` are (onset_s, duration_s) measured at the 50 % points of the envelope; ``rise_s`` is the
    length of each linear ramp; ``repeat_s`` is the time from one burst's start to the next (None:
    the burst is heard once).
    """

    pulses: tuple[tuple[float, float], ...]
    fundamental_hz: float
    rise_s: float
    repeat_s: float | None

    @property
    def duration_s(self) -> float:
        """From the start of the first pulse's rise to the end of the last pulse's fall."""
        onset_s, length_s = self.pulses[-1]
        return onset_s + length_s + self.rise_s


def _pulse_train(groups: list[int], pulse_s: float, spacing_s: float, pause_s: float) -> tuple[float, ...]:
    """Onsets of pulses in ``groups`` (pulse counts), e.g. [3, 2, 3, 2]: within a group one spacing,
    between the groups of a half 2 × spacing + pulse, between the two halves ``pause_s``."""
    onsets: list[float] = []
    t = 0.0
    for index, count in enumerate(groups):
        for pulse in range(count):
            onsets.append(t)
            t += pulse_s + (spacing_s if pulse < count - 1 else 0.0)
        if index % 2 == 0:
            t += 2 * spacing_s + pulse_s
        else:
            t += pause_s
    return tuple(onsets)


def _high() -> BurstPattern:
    pulse_s, spacing_s = 0.150, 0.100
    onsets = _pulse_train([3, 2, 3, 2], pulse_s, spacing_s, pause_s=0.500)
    rise_s = 0.020  # 13 % of the pulse (IEC: 10–20 %)
    return BurstPattern(tuple((t + rise_s / 2, pulse_s) for t in onsets), 660.0, rise_s, 6.0)


def _medium() -> BurstPattern:
    pulse_s, spacing_s = 0.200, 0.200
    onsets = [i * (pulse_s + spacing_s) for i in range(3)]
    rise_s = 0.030  # 15 % of the pulse
    return BurstPattern(tuple((t + rise_s / 2, pulse_s) for t in onsets), 520.0, rise_s, 12.0)


def _low() -> BurstPattern:
    rise_s = 0.030
    return BurstPattern(((rise_s / 2, 0.200),), 440.0, rise_s, None)


PATTERNS: dict[BannerLevel, BurstPattern] = {
    BannerLevel.HIGH: _high(),
    BannerLevel.MEDIUM: _medium(),
    BannerLevel.LOW: _low(),
}


def burst_samples(pattern: BurstPattern, sample_rate_hz: int = SAMPLE_RATE_HZ) -> array[int]:
    """The burst as signed 16-bit mono samples (silence between the pulses)."""
    total = math.ceil(pattern.duration_s * sample_rate_hz)
    samples = array("h", bytes(2 * total))
    peak = PEAK_FRACTION * 32767 / sum(HARMONIC_AMPLITUDES)
    rise = pattern.rise_s
    omegas = [2 * math.pi * pattern.fundamental_hz * (k + 1) / sample_rate_hz for k in range(5)]
    for onset_s, length_s in pattern.pulses:
        start_s = onset_s - rise / 2  # the ramp's 50 % point falls on the onset
        first = math.ceil(start_s * sample_rate_hz)
        last = min(total, math.floor((start_s + length_s + rise) * sample_rate_hz))
        for n in range(first, last):
            into_s = n / sample_rate_hz - start_s
            left_s = length_s + rise - into_s
            envelope = min(1.0, into_s / rise, left_s / rise) if rise > 0 else 1.0
            tone = sum(a * math.sin(w * n) for a, w in zip(HARMONIC_AMPLITUDES, omegas, strict=True))
            samples[n] = round(peak * envelope * tone)
    return samples


def wav_bytes(samples: array[int], sample_rate_hz: int = SAMPLE_RATE_HZ) -> bytes:
    """A WAV file (PCM, 16-bit, mono) of ``samples``."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(sample_rate_hz)
        if sys.byteorder == "big":  # WAV samples are little-endian
            samples = array("h", samples)
            samples.byteswap()
        out.writeframes(samples.tobytes())
    return buffer.getvalue()
