"""Live telemetry: bounded memory, peaks kept by decimation, device timestamps, no refcount drift."""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from firmware_protocol import FrameDecoder, encode_message
from firmware_protocol.columns import decode_telemetry_columns
from firmware_protocol.messages import Telemetry, TelemetrySample
from gui.telemetry_buffer import TelemetryRing, minmax_decimate
from gui.widgets.telemetry_plot import TelemetryPlot
from mesogun.device_events import TelemetryBatch, telemetry_from_wire

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def _batch(first: int, count: int, *, gap_before: int = 0, needle_mm: float = 1.0) -> TelemetryBatch:
    return TelemetryBatch(
        first_sample=first,
        device_time=T0 + timedelta(milliseconds=first),
        period_s=0.001,
        needle_mm=tuple(needle_mm for _ in range(count)),
        plunger_mm=tuple(10.0 + 0.001 * (first + i) for i in range(count)),
        pressure_kpa=tuple(5.0 for _ in range(count)),
        gap_before=gap_before,
    )


def _curve_xy(plot: TelemetryPlot, row: int) -> tuple[np.ndarray, np.ndarray]:
    x, y = plot.curves[row].getData()
    return np.asarray(x), np.asarray(y)


def test_ring_keeps_only_the_last_window_in_fixed_memory() -> None:
    ring = TelemetryRing(window_s=30.0, max_rate_hz=1000.0)
    size_before = ring.nbytes
    for second in range(100):  # 100 s at 1 kHz, fed one second at a time
        time_s = second + np.arange(1000) / 1000.0
        ring.append(time_s, np.vstack([time_s, time_s * 2, time_s * 3]))
    snapshot = ring.snapshot()
    assert ring.nbytes == size_before
    assert len(ring) <= ring.capacity
    assert snapshot.time_s[-1] == 99.999
    assert snapshot.time_s[-1] - snapshot.time_s[0] <= 30.0
    assert snapshot.time_s[0] >= 69.999 - 1e-9
    np.testing.assert_allclose(snapshot.plunger_mm, snapshot.time_s * 2)
    assert np.all(np.diff(snapshot.time_s) > 0)  # oldest first across the wrap-around


def test_decimation_keeps_a_one_sample_spike_and_bounds_the_points() -> None:
    time_s = np.arange(30_000) / 1000.0
    values = np.zeros(30_000)
    values[12_345] = 7.5
    values[20_000] = -3.0
    x, y = minmax_decimate(time_s, values, bins=800)
    assert len(y) <= 1600
    assert y.max() == 7.5
    assert y.min() == -3.0
    assert x[-1] == time_s[-1]  # the newest sample is never dropped
    assert np.all(np.diff(x) >= 0)


def test_short_traces_are_not_decimated() -> None:
    time_s = np.arange(100.0)
    values = np.sin(time_s)
    _x, y = minmax_decimate(time_s, values, bins=800)
    np.testing.assert_array_equal(y, values)


def test_plot_uses_device_time_and_breaks_the_line_at_a_gap(qtbot: QtBot) -> None:
    plot = TelemetryPlot()
    qtbot.addWidget(plot)
    plot.resize(900, 500)
    plot.show()
    plot.add_batches([_batch(0, 20), _batch(20, 20, needle_mm=2.0)])
    plot.redraw()
    x, y = _curve_xy(plot, 0)
    assert x[-1] == 0.0  # the newest sample sits at 0 s
    assert x[0] == pytest.approx(-0.039, abs=1e-6)  # 40 samples 1 ms apart, on the device's clock
    assert list(y[:20]) == [1.0] * 20 and list(y[20:]) == [2.0] * 20

    plot.add_batches([_batch(100, 20, gap_before=60)])  # 60 samples lost on the way
    plot.redraw()
    x, y = _curve_xy(plot, 0)
    assert np.isnan(y).sum() == 1  # one break, where the samples are missing
    gap_at = int(np.flatnonzero(np.isnan(y))[0])
    assert x[gap_at - 1] < x[gap_at] < x[gap_at + 1]


def test_plot_redraws_on_its_timer_only_when_samples_arrived(qtbot: QtBot) -> None:
    plot = TelemetryPlot()
    qtbot.addWidget(plot)
    plot.show()
    plot.add_batches([_batch(0, 20)])
    qtbot.waitUntil(lambda: plot.frames_drawn >= 1, timeout=5000)
    drawn = plot.frames_drawn
    qtbot.wait(200)  # several timer periods with nothing new
    assert plot.frames_drawn == drawn


def test_live_plot_updates_do_not_drain_reference_counts(qtbot: QtBot) -> None:
    # PySide6 6.12.0 decremented the counts of None and True on every setData/processEvents and the
    # interpreter aborted after a few hundred frames; this fails fast if such a build comes back.
    plot = TelemetryPlot()
    qtbot.addWidget(plot)
    plot.resize(800, 500)
    plot.show()
    rng = np.random.default_rng(0)
    app = QApplication.instance()
    assert app is not None

    def frame(index: int) -> None:
        time_s = index * 0.02 + np.arange(20) / 1000.0
        plot.add_samples(time_s, rng.normal(size=(3, 20)))
        plot.redraw()
        app.processEvents()

    for index in range(20):
        frame(index)
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for index in range(20, 420):
        frame(index)
    assert sys.getrefcount(None) >= none_before - 50
    assert sys.getrefcount(True) >= true_before - 50


def test_the_noise_of_an_idle_gun_is_not_zoomed_into(qtbot: QtBot) -> None:
    plot = TelemetryPlot()
    qtbot.addWidget(plot)
    plot.resize(600, 500)
    plot.show()
    qtbot.waitExposed(plot)
    rng = np.random.default_rng(7)
    time_s = np.arange(2000) / 1000.0
    noise = rng.normal(0.0, 0.002, size=(3, 2000))  # a few µm, µm and Pa of sensor noise
    plot.add_samples(time_s, np.vstack([0.0 + noise[0], 12.0 + noise[1], 3.0 + noise[2]]))
    plot.redraw()
    for item, least in zip(plot.plots, (2.0, 1.0, 20.0), strict=True):
        item.getViewBox().updateAutoRange()
        low, high = item.getViewBox().viewRange()[1]
        assert high - low >= least * 0.999, f"{item.getAxis('left').labelText}: {high - low:g}"


def test_a_batch_from_the_wire_is_plotted_sample_for_sample(qtbot: QtBot) -> None:
    samples = tuple(TelemetrySample(1_000 + 7 * i, 31_000 - i, 120 + i) for i in range(20))
    message = Telemetry(40, 1_741_944_603_000, 1_000, samples)
    (frame,) = FrameDecoder().feed(encode_message(message, 9))
    batch = telemetry_from_wire(decode_telemetry_columns(frame), 0)  # one array per channel
    plot = TelemetryPlot()
    qtbot.addWidget(plot)
    plot.add_batches([batch])
    snapshot = plot.ring.snapshot()
    np.testing.assert_allclose(snapshot.needle_mm, [s.needle_um / 1000 for s in samples])
    np.testing.assert_allclose(snapshot.plunger_mm, [s.plunger_um / 1000 for s in samples])
    np.testing.assert_allclose(snapshot.pressure_kpa, [s.pressure_hpa / 10 for s in samples])
    np.testing.assert_allclose(np.diff(snapshot.time_s), 0.001, atol=1e-6)
