"""The flow test: continuous delivery into a vessel on a balance read every 30 s, with a live trumpet curve.

Over :class:`~mesogun.calibration.flow_procedure.FlowTest` (a check: nothing is written to the gun).
Each balance sample adds a point to the interval flow-error plot and redraws the trumpet curve (the
largest and smallest mean flow error over every observation window of 2, 5, 11, 19 and 31 minutes)
from the intervals of the analysis period received so far. Plots are redrawn once per sample.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gui.device_bridge import DeviceBridge, LinkState
from gui.formatting import number
from gui.language import current_language
from gui.pages.instrument_fields import InstrumentFields
from gui.pages.technician_journal import JournalFile
from gui.pages.technician_results import verdict_style
from gui.pages.technician_wizard import WizardTab, spin_box
from gui.style import ACCENT, ALARM_HIGH, CURVE_PRESSURE, TEXT_MUTED
from mesogun.calibration.balance import Balance
from mesogun.calibration.flow import BalanceSample, TrumpetPoint, flow_intervals, trumpet_curve
from mesogun.calibration.flow_procedure import FlowProgress, FlowSetup, FlowTest, FlowTestResult, TestTime
from mesogun.calibration.gravimetry import TEMPERATURE_MAX_C, TEMPERATURE_MIN_C, WeighingConditions
from mesogun.calibration.procedure import CalibrationCancelled, CalibrationFailed
from mesogun.device_info import DeviceInfo
from mesogun.errors import MesogunError
from mesogun.vocabulary import error_text, remark_text


class SimulatedClock(Protocol):
    """The clock of the simulated gun (and of the simulated balance weighing it)."""

    @property
    def serial_number(self) -> str: ...

    @property
    def clock_scale(self) -> float: ...

    def set_clock_scale(self, scale: float) -> None: ...

    def test_time(self) -> TestTime: ...


def live_trumpet(
    samples: list[BalanceSample], setup: FlowSetup, set_flow_ul_s: float
) -> tuple[list[tuple[float, float]], tuple[TrumpetPoint, ...]]:
    """(time min, interval error %) of every interval so far, and the trumpet curve of the analysis period."""
    if len(samples) < 2:
        return [], ()
    intervals = flow_intervals(samples, set_flow_ul_s, setup.conditions)
    points = [(iv.end_s / 60.0, iv.error_pct) for iv in intervals]
    tolerance_s = 0.1 * setup.sample_interval_s
    analysed = [iv.error_pct for iv in intervals if iv.start_s >= setup.analysis_start_s - tolerance_s]
    trumpet = trumpet_curve(
        analysed, sample_interval_s=setup.sample_interval_s, windows_min=setup.windows_min
    )
    return points, trumpet


class FlowTestTab(WizardTab):
    """The flow test wizard. ``finished(FlowTestResult)`` once a test is recorded."""

    finished = Signal(object)
    certificate_requested = Signal(object)

    def __init__(self, bridge: DeviceBridge, journal: JournalFile, parent: QWidget | None = None) -> None:
        super().__init__(bridge, journal, "gui-flow-test", parent)
        self.test: FlowTest | None = None
        self._sim_clock: SimulatedClock | None = None
        self._held_clock: tuple[SimulatedClock, float] | None = None  # its scale before the test
        self._balance: Balance | None = None
        self.result: FlowTestResult | None = None
        self._closed = False  # after shutdown: reports still on their way are not plotted
        self.runner.progress.connect(self._on_progress)
        self.pages.addWidget(self._build_setup_page())
        self.pages.addWidget(self._build_run_page())
        self.links.connect(bridge.connected, self._on_connected)
        self.links.connect(bridge.link_state_changed, self._on_link_state)
        self._show_step(0)
        self._on_connected(bridge.info)

    def step_names(self) -> list[str]:
        return [self.tr("1. Setup"), self.tr("2. Infusion and samples"), self.tr("3. Result")]

    # ----------------------------------------------------------------- pages
    def _build_setup_page(self) -> QWidget:
        page = QWidget(self)
        intro = QLabel(
            self.tr(
                "The gun infuses continuously into a covered vessel on the balance (oil layer or "
                "evaporation trap); the balance is read every 30 s. The flow error over the analysis "
                "period must stay within ±5 %. Nothing is written to the gun."
            ),
            page,
        )
        intro.setWordWrap(True)
        box = QGroupBox(self.tr("Setup"), page)
        form = QFormLayout(box)
        self.technician_edit = QLineEdit(box)
        self.technician_edit.setPlaceholderText(self.tr("Your name"))
        self.syringe_edit = QLineEdit(box)
        self.syringe_edit.setPlaceholderText(self.tr("Syringe model, e.g. BD Plastipak"))
        self.capacity_combo = QComboBox(box)
        self.declare_check = QCheckBox(
            self.tr("I have just loaded a full syringe: declare it to the gun"), box
        )
        self.flow_spin = spin_box(box, 5.0, 500.0, 5.0, 1, " µl/s")
        self.duration_spin = spin_box(box, 2.0, 240.0, 25.0, 1, " min")
        self.analysis_spin = spin_box(box, 0.0, 230.0, 10.0, 1, " min")
        self.temperature_spin = spin_box(box, TEMPERATURE_MIN_C, TEMPERATURE_MAX_C, 20.0, 1, " °C")
        self.port_combo = QComboBox(box)
        self.port_combo.setEditable(True)
        self.scale_spin = spin_box(box, 1.0, 1000.0, 1.0, 0, "×")
        self.scale_spin.setEnabled(False)  # until the simulated gun is the gun connected
        form.addRow(self.tr("Technician"), self.technician_edit)
        form.addRow(self.tr("Syringe"), self.syringe_edit)
        form.addRow(self.tr("Syringe capacity"), self.capacity_combo)
        form.addRow(self.declare_check)
        form.addRow(self.tr("Set flow"), self.flow_spin)
        form.addRow(self.tr("Duration"), self.duration_spin)
        form.addRow(self.tr("Analysis from"), self.analysis_spin)
        form.addRow(self.tr("Water temperature"), self.temperature_spin)
        form.addRow(self.tr("Balance port"), self.port_combo)
        # Recorded with the test and named on its report, whose uncertainty counts the resolution; each
        # optional (a balance on a port says its model and shows its resolution in its readings).
        self.balance_fields = InstrumentFields(box, resolution_max=100.0, decimals=4, step=0.01)
        self.balance_fields.add_rows(
            form,
            self.tr("Balance model"),
            self.tr("Balance resolution (mg)"),
            self.tr("Last verification of the balance"),
        )
        form.addRow(self.tr("Time scale (simulation)"), self.scale_spin)
        scroll = QScrollArea(page)
        scroll.setWidget(box)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.start_button = QPushButton(self.tr("Start the flow test"), page)
        self.start_button.setProperty("accent", True)
        self.start_button.clicked.connect(self.start)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.start_button)
        return page

    def _build_run_page(self) -> QWidget:
        page = QWidget(self)
        self.verdict_label = QLabel(page)
        self.verdict_label.setProperty("heading", True)
        self.progress_bar = QProgressBar(page)
        self.progress_bar.setFormat(self.tr("%v of %m samples"))
        self.latest = QLabel(page)
        self.latest.setWordWrap(True)
        self.error_plot = pg.PlotWidget(parent=page)
        self.error_plot.setBackground("w")
        self.error_plot.showGrid(x=True, y=True, alpha=0.3)
        self.error_plot.setTitle(self.tr("Flow error of each 30 s interval"))
        self.error_plot.setLabel("left", self.tr("Flow error (%)"))
        self.error_plot.setLabel("bottom", self.tr("Time (min)"))
        self.error_curve = self.error_plot.plot(
            [], [], pen=pg.mkPen(ACCENT, width=1), symbol="o", symbolSize=4
        )
        self.trumpet_plot = pg.PlotWidget(parent=page)
        self.trumpet_plot.setBackground("w")
        self.trumpet_plot.showGrid(x=True, y=True, alpha=0.3)
        self.trumpet_plot.setTitle(self.tr("Trumpet curve (analysis period)"))
        self.trumpet_plot.setLabel("left", self.tr("Mean flow error (%)"))
        self.trumpet_plot.setLabel("bottom", self.tr("Observation window (min)"))
        self.trumpet_plot.addLegend(offset=(-10, 10))
        self.trumpet_max = self.trumpet_plot.plot(
            [], [], pen=pg.mkPen(ALARM_HIGH, width=1), symbol="t1", name=self.tr("Largest mean error")
        )
        self.trumpet_min = self.trumpet_plot.plot(
            [], [], pen=pg.mkPen(CURVE_PRESSURE, width=1), symbol="t", name=self.tr("Smallest mean error")
        )
        self.overall_line = pg.InfiniteLine(angle=0, pen=pg.mkPen(TEXT_MUTED, style=Qt.PenStyle.DashLine))
        self.trumpet_plot.addItem(self.overall_line)
        self.overall_line.hide()
        plots = QHBoxLayout()
        plots.addWidget(self.error_plot)
        plots.addWidget(self.trumpet_plot)
        self.cancel_button = QPushButton(self.tr("Stop the test"), page)
        self.cancel_button.clicked.connect(self.cancel)
        self.again_button = QPushButton(self.tr("New flow test"), page)
        self.again_button.clicked.connect(lambda: self._show_step(0))
        self.certificate_button = QPushButton(self.tr("Save the test report (PDF)…"), page)
        self.certificate_button.clicked.connect(self._certificate_clicked)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.certificate_button)
        buttons.addWidget(self.again_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.verdict_label)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.latest)
        layout.addLayout(plots, 1)
        layout.addLayout(buttons)
        return page

    # ----------------------------------------------------------------- actions
    def start(self) -> None:
        """Open the balance, check the setup and start infusing (worker thread)."""
        injector = self._bridge.injector
        port = self.port_combo.currentText().strip()
        if injector is None:
            self.say(self.tr("Connect a gun first."))
            return
        if not port:
            self.say(self.tr("A flow test needs a balance connected to the computer: give its port."))
            return
        clock = self._simulated_clock()
        # A real gun runs in real time: any other scale would make its flow look wrong.
        time_scale = self.scale_spin.value() if clock is not None else 1.0
        try:
            capacity = self.capacity_combo.currentData()
            setup = FlowSetup(
                technician=self.technician_edit.text(),
                syringe_model=self.syringe_edit.text(),
                syringe_capacity_ml=int(capacity) if capacity is not None else 0,
                conditions=WeighingConditions(temperature_c=self.temperature_spin.value()),
                flow_ul_s=self.flow_spin.value(),
                duration_s=round(self.duration_spin.value() * 2) * 30.0,
                analysis_start_s=round(self.analysis_spin.value() * 2) * 30.0,
                time_scale=time_scale,
                balance_model=self.balance_fields.model(),
                balance_resolution_mg=self.balance_fields.resolution(),
                balance_verified_on=self.balance_fields.verified_on(),
            )
        except MesogunError as exc:
            self.say(error_text(exc, current_language()))
            return
        declare, journal, listener = self.declare_check.isChecked(), self._journal, self.runner.listener
        if clock is not None:
            self._held_clock = (clock, clock.clock_scale)

        def begin() -> tuple[FlowTest, Balance]:
            test_time = None
            if clock is not None:
                # One clock: the simulated gun, and the simulated balance weighing it, run at the
                # test's time scale; the test's own time is counted on that clock.
                clock.set_clock_scale(time_scale)
                test_time = clock.test_time()
            if declare:
                injector.load_syringe(setup.syringe_capacity_ml, setup.syringe_capacity_ml * 1000.0)
            balance = Balance.open(port)
            try:
                test = FlowTest(
                    injector, balance, setup, journal=journal.open(), listener=listener, test_time=test_time
                )
                test.start()
            except BaseException:
                balance.close()
                raise
            return test, balance

        self.say("")
        self.start_button.setEnabled(False)
        self.runner.run(begin, self._started, self._start_failed)

    def cancel(self) -> None:
        """Stop the test: the infusion stops, nothing is recorded."""
        test, balance = self.test, self._balance
        if test is None:
            return
        self.test, self._balance = None, None
        self.runner.cancel()
        if balance is not None:
            self.runner.run(balance.close)
        self.runner.run(self._clock_back())
        self._show_step(0)
        self.say(self.tr("Flow test stopped: the gun is stopped and nothing was recorded."))

    @property
    def running(self) -> bool:
        return self.test is not None

    def offer_balance(self, url: str, clock: SimulatedClock | None = None) -> None:
        """Propose ``url`` as the balance; ``clock``: the simulated gun it weighs, whose clock the
        time scale sets (for that gun only)."""
        if clock is not None:
            self._sim_clock = clock
            self._update_scale()
        if self.port_combo.findText(url) < 0:
            self.port_combo.insertItem(0, url)
        self.port_combo.setCurrentIndex(self.port_combo.findText(url))

    # ----------------------------------------------------------------- stepping
    def _started(self, started: tuple[FlowTest, Balance]) -> None:
        self.test, self._balance = started
        self.runner.attach(self.test)
        self.result = None
        self.verdict_label.setText(self.tr("Infusing…"))
        self.verdict_label.setStyleSheet("")
        self.progress_bar.setRange(0, self.test.setup.sample_count)
        self.error_curve.setData([], [])
        self.trumpet_max.setData([], [])
        self.trumpet_min.setData([], [])
        self.overall_line.hide()
        self.cancel_button.show()
        self.again_button.hide()
        self.certificate_button.hide()
        self._show_step(1)
        self._next()

    def _next(self, _sample: object = None) -> None:
        test = self.test
        if test is None:
            return
        if test.samples_left > 0:
            self.runner.run(test.next_sample, self._next, self._failed)
        else:
            self._finish()

    def _finish(self) -> None:
        test, balance = self.test, self._balance
        self.test, self._balance = None, None
        if test is None:
            return

        clock_back = self._clock_back()

        def finish() -> FlowTestResult:
            try:
                return test.finish()
            finally:
                clock_back()
                if balance is not None:
                    balance.close()

        self.runner.run(
            finish, self._show_result, lambda error: self.say(error_text(error, current_language()))
        )

    def _simulated_clock(self) -> SimulatedClock | None:
        """The simulated gun's clock when that gun is the one connected."""
        clock, info = self._sim_clock, self._bridge.info
        if clock is None or info is None or info.serial_number != clock.serial_number:
            return None
        return clock

    def _update_scale(self) -> None:
        simulated = self._simulated_clock() is not None
        self.scale_spin.setEnabled(simulated)
        if not simulated:
            self.scale_spin.setValue(1.0)
        self.scale_spin.setToolTip(
            self.tr("The simulated gun and its balance run this many times faster, on one clock")
            if simulated
            else self.tr("Only for the simulated gun: a real gun and balance run in real time")
        )

    def _clock_back(self) -> Callable[[], None]:
        """What puts the simulated gun's clock back to its speed before the test (worker thread)."""
        held, self._held_clock = self._held_clock, None
        if held is None:
            return lambda: None
        clock, scale = held
        return lambda: clock.set_clock_scale(scale)

    def _start_failed(self, error: BaseException) -> None:
        self.runner.run(self._clock_back())
        self.start_button.setEnabled(self._bridge.is_connected)
        self.say(error_text(error, current_language()))

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, CalibrationCancelled):
            return
        if not isinstance(error, CalibrationFailed):
            self.say(error_text(error, current_language()))
        self._finish()  # records the failed test with its reason

    # ----------------------------------------------------------------- what is shown
    def _on_progress(self, report: object) -> None:
        test = self.test
        if not isinstance(report, FlowProgress) or test is None or self._closed:
            return
        self.progress_bar.setValue(report.samples_done)
        sample = report.sample
        if sample is None:
            return
        text = self.tr("{time} min: {mass} g on the balance").format(
            time=number(sample.time_s / 60.0, 1), mass=number(sample.mass_g, 5)
        )
        if report.interval_error_pct is not None:
            text += self.tr(", flow error {error} % over the last interval").format(
                error=number(report.interval_error_pct, 2)
            )
        self.latest.setText(text)
        self._plot(list(test.samples), test.setup, test.set_flow_ul_s)

    def _plot(self, samples: list[BalanceSample], setup: FlowSetup, set_flow_ul_s: float) -> None:
        points, trumpet = live_trumpet(samples, setup, set_flow_ul_s)
        self.error_curve.setData([p[0] for p in points], [p[1] for p in points])
        self.trumpet_max.setData([t.window_min for t in trumpet], [t.max_error_pct for t in trumpet])
        self.trumpet_min.setData([t.window_min for t in trumpet], [t.min_error_pct for t in trumpet])

    def _show_result(self, result: FlowTestResult) -> None:
        self.result = result
        if self._closed:
            return
        self._show_step(2)
        self.cancel_button.hide()
        self.again_button.show()
        self.certificate_button.setVisible(result.record is not None)
        self.verdict_label.setText(
            self.tr("Flow test PASSED") if result.passed else self.tr("Flow test FAILED")
        )
        self.verdict_label.setStyleSheet(verdict_style(result.passed))
        analysis = result.analysis
        if analysis is not None:
            self.trumpet_max.setData(
                [t.window_min for t in analysis.trumpet], [t.max_error_pct for t in analysis.trumpet]
            )
            self.trumpet_min.setData(
                [t.window_min for t in analysis.trumpet], [t.min_error_pct for t in analysis.trumpet]
            )
            self.overall_line.setPos(analysis.overall_error_pct)
            self.overall_line.show()
            self.latest.setText(
                self.tr(
                    "Mean flow {flow} µl/s for {set} µl/s set: error {error} % over the analysis period."
                ).format(
                    flow=number(analysis.mean_flow_ul_s, 3),
                    set=number(analysis.set_flow_ul_s, 1),
                    error=number(analysis.overall_error_pct, 2),
                )
            )
        if result.reason:
            self.say(remark_text(result.reason, current_language()))
        self.finished.emit(result)

    def shutdown(self) -> None:
        """Stop the test (gun safe) and the worker; release the plots' scenes now."""
        self._closed = True
        super().shutdown()
        self.error_plot.close()
        self.trumpet_plot.close()

    def _certificate_clicked(self) -> None:
        if self.result is not None and self.result.record is not None:
            self.certificate_requested.emit(self.result.record)

    def _show_step(self, index: int) -> None:
        self.show_step(index, 0 if index == 0 else 1)
        if index == 0:
            self.start_button.setEnabled(self._bridge.is_connected and self.test is None)

    def _on_connected(self, info: DeviceInfo | None) -> None:
        self.capacity_combo.clear()
        if info is not None:
            caps = info.capabilities
            for size in caps.syringe_sizes_ml:
                self.capacity_combo.addItem(self.tr("{size} ml").format(size=size), size)
            self.capacity_combo.setCurrentIndex(self.capacity_combo.count() - 1)
            self.flow_spin.setRange(caps.flow_min_ul_s, caps.flow_max_ul_s)
            self.flow_spin.setValue(caps.flow_min_ul_s)
        self.start_button.setEnabled(info is not None and self.test is None)
        self._update_scale()

    def _on_link_state(self, state: LinkState, _detail: str) -> None:
        if state is LinkState.DISCONNECTED:
            self.cancel()
            self._on_connected(None)
