"""The depth calibration wizard: gauge readings at several set depths, the offset/scale fit, write, verify.

Over :class:`~mesogun.calibration.depth_procedure.DepthCalibration`. For each set depth the gun fires
one small shot into a gauze so that the needle goes out; the technician types what the max-hold
depth gauge on the nose read. The fit is written on an explicit click (technician mode, entered by
the procedure for the run only), then the readings are taken again and must all be within tolerance.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.device_bridge import DeviceBridge, LinkState
from gui.formatting import number
from gui.language import current_language
from gui.pages.instrument_fields import InstrumentFields
from gui.pages.technician_journal import JournalFile
from gui.pages.technician_results import factors_text, stage_short_text, stage_text, verdict_style
from gui.pages.technician_texts import local_date
from gui.pages.technician_wizard import ActionBox, ReadingEntry, WizardTab
from mesogun.calibration.depth_assessment import (
    DEPTH_TOLERANCE_MM,
    GAUGE_RESOLUTION_MAX_MM,
    DepthCalibrationResult,
    DepthProgress,
    DepthReading,
    DepthSetup,
)
from mesogun.calibration.depth_procedure import MAX_GAUGE_MM, DepthCalibration
from mesogun.calibration.procedure import (
    DEFAULT_VALIDITY_DAYS,
    MAX_VALIDITY_DAYS,
    CalibrationCancelled,
    CalibrationFailed,
    ProcedureState,
    Stage,
)
from mesogun.device_info import DeviceInfo
from mesogun.errors import MesogunError
from mesogun.injector import Injector
from mesogun.vocabulary import error_text, remark_text


class DepthCalibrationTab(WizardTab):
    """The guided depth calibration. ``finished(DepthCalibrationResult)`` once a run is recorded."""

    finished = Signal(object)
    certificate_requested = Signal(object)

    def __init__(
        self,
        bridge: DeviceBridge,
        journal: JournalFile,
        access_code: Callable[[], int | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(bridge, journal, "gui-depth-calibration", parent)
        self._access_code = access_code
        self.procedure: DepthCalibration | None = None
        self.result: DepthCalibrationResult | None = None
        self.runner.progress.connect(self._on_progress)
        self.pages.addWidget(self._build_setup_page())
        self.pages.addWidget(self._build_readings_page())
        self.pages.addWidget(self._build_result_page())
        self.links.connect(bridge.connected, self._on_connected)
        self.links.connect(bridge.link_state_changed, self._on_link_state)
        self._show_step(0)
        self._on_connected(bridge.info)

    def step_names(self) -> list[str]:
        return [
            self.tr("1. Setup"),
            self.tr("2. As found"),
            self.tr("3. New factors"),
            self.tr("4. Verification"),
            self.tr("5. Result"),
        ]

    # ----------------------------------------------------------------- pages
    def _build_setup_page(self) -> QWidget:
        page = QWidget(self)
        intro = QLabel(
            self.tr(
                "Fit the max-hold depth gauge on the nose of the gun and hold a gauze under it. At each "
                "set depth the gun fires one small shot: the needle goes out and back, and you type the "
                "protrusion the gauge read."
            ),
            page,
        )
        intro.setWordWrap(True)
        box = QGroupBox(self.tr("Setup"), page)
        form = QFormLayout(box)
        self.technician_edit = QLineEdit(box)
        self.technician_edit.setPlaceholderText(self.tr("Your name"))
        self.gauge_edit = QLineEdit(box)
        self.gauge_edit.setPlaceholderText(self.tr("Gauge serial number or asset tag"))
        # Recorded with the calibration and named on its certificate, whose uncertainty counts the
        # resolution; each optional.
        self.gauge_fields = InstrumentFields(
            box, resolution_max=GAUGE_RESOLUTION_MAX_MM, decimals=4, step=0.001
        )
        self.depths_edit = QLineEdit(box)
        self.depths_edit.setPlaceholderText(self.tr("Default: 0.5, 1, 2, 4, 6 and 13 mm"))
        self.validity_spin = QSpinBox(box)
        self.validity_spin.setRange(1, MAX_VALIDITY_DAYS)
        self.validity_spin.setValue(DEFAULT_VALIDITY_DAYS)
        self.validity_spin.setSuffix(self.tr(" days"))
        self.syringe_combo = QComboBox(box)
        self.declare_check = QCheckBox(
            self.tr("I have just loaded a full syringe: declare it to the gun"), box
        )
        form.addRow(self.tr("Technician"), self.technician_edit)
        form.addRow(self.tr("Depth gauge"), self.gauge_edit)
        self.gauge_fields.add_rows(
            form,
            self.tr("Gauge model"),
            self.tr("Gauge resolution (mm)"),
            self.tr("Last verification of the gauge"),
        )
        form.addRow(self.tr("Set depths (mm, separated by ;)"), self.depths_edit)
        form.addRow(self.tr("Calibration valid for"), self.validity_spin)
        form.addRow(self.tr("Syringe capacity"), self.syringe_combo)
        form.addRow(self.declare_check)
        self.start_button = QPushButton(self.tr("Start the calibration (enters technician mode)"), page)
        self.start_button.setProperty("accent", True)
        self.start_button.clicked.connect(self.start)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(box)
        layout.addStretch(1)
        layout.addWidget(self.start_button)
        return page

    def _build_readings_page(self) -> QWidget:
        page = QWidget(self)
        self.stage_label = QLabel(page)
        self.stage_label.setProperty("heading", True)
        self.instruction = QLabel(page)
        self.instruction.setWordWrap(True)
        self.gauge_box = ReadingEntry(
            page,
            title=self.tr("Gauge reading"),
            prompt=self.tr("Protrusion read on the gauge"),
            button_text=self.tr("Enter the reading"),
            maximum=MAX_GAUGE_MM,
            decimals=3,
            suffix=" mm",
            on_enter=self.enter_gauge,
        )
        self.gauge_spin, self.gauge_button = self.gauge_box.spin, self.gauge_box.button
        self.assessment_box = ActionBox(
            page,
            title=self.tr("New factors"),
            button_text=self.tr("Write the new factors and verify"),
            on_click=self.write_factors,
        )
        self.assessment_label, self.write_button = self.assessment_box.label, self.assessment_box.button
        self.table = QTableWidget(0, 5, page)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Series"),
                self.tr("Set (mm)"),
                self.tr("Gun (mm)"),
                self.tr("Gauge (mm)"),
                self.tr("Error (mm)"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.cancel_button = QPushButton(self.tr("Cancel the calibration"), page)
        self.cancel_button.clicked.connect(self.cancel)
        layout = QVBoxLayout(page)
        layout.addWidget(self.stage_label)
        layout.addWidget(self.instruction)
        layout.addWidget(self.gauge_box)
        layout.addWidget(self.assessment_box)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignRight)
        return page

    def _build_result_page(self) -> QWidget:
        page = QWidget(self)
        self.verdict_label = QLabel(page)
        self.verdict_label.setProperty("heading", True)
        self.result_details = QLabel(page)
        self.result_details.setWordWrap(True)
        self.certificate_button = QPushButton(self.tr("Save the certificate (PDF)…"), page)
        self.certificate_button.clicked.connect(self._certificate_clicked)
        again = QPushButton(self.tr("New calibration"), page)
        again.clicked.connect(lambda: self._show_step(0))
        buttons = QHBoxLayout()
        buttons.addWidget(self.certificate_button)
        buttons.addWidget(again)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.verdict_label)
        layout.addWidget(self.result_details)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    # ----------------------------------------------------------------- actions
    def start(self) -> None:
        """Check the setup and start the procedure (worker thread)."""
        injector, code = self._bridge.injector, self._access_code()
        if injector is None:
            self.say(self.tr("Connect a gun first."))
            return
        if code is None:
            self.say(self.tr("Type the technician access code in the bar above: the run writes to the gun."))
            return
        try:
            setup = DepthSetup(
                technician=self.technician_edit.text(),
                gauge_id=self.gauge_edit.text(),
                set_depths_mm=self._depths(),
                access_code=code,
                validity_days=self.validity_spin.value(),
                tolerance_mm=DEPTH_TOLERANCE_MM,
                gauge_model=self.gauge_fields.model(),
                gauge_resolution_mm=self.gauge_fields.resolution(),
                gauge_verified_on=self.gauge_fields.verified_on(),
            )
        except (MesogunError, ValueError) as exc:
            self.say(error_text(exc, current_language()))
            return
        capacity = self.syringe_combo.currentData()
        declare = self.declare_check.isChecked() and capacity is not None
        journal, listener = self._journal, self.runner.listener

        def begin() -> DepthCalibration:
            if declare:
                _declare_full_syringe(injector, int(capacity))
            procedure = DepthCalibration(injector, setup, journal=journal.open(), listener=listener)
            procedure.start()
            return procedure

        self.say("")
        self.start_button.setEnabled(False)
        self.runner.run(begin, self._started, self._start_failed)

    def enter_gauge(self) -> None:
        procedure = self.procedure
        if procedure is None:
            return
        gauge_mm = self.gauge_spin.value()
        self.gauge_box.setEnabled(False)
        self._step(lambda: procedure.enter_gauge(gauge_mm))

    def write_factors(self) -> None:
        procedure = self.procedure
        if procedure is None:
            return
        self.assessment_box.setEnabled(False)
        self._step(procedure.write_factors)

    def cancel(self) -> None:
        """Stop the run: gun disarmed, factors put back, technician mode left, nothing recorded."""
        if self.procedure is None:
            return
        self.procedure = None
        self.runner.cancel()
        self._show_step(0)
        self.say(self.tr("Calibration cancelled: the gun is disarmed and its factors are as they were."))

    @property
    def running(self) -> bool:
        return self.procedure is not None

    # ----------------------------------------------------------------- stepping
    def _step(self, step: Callable[[], object]) -> None:
        self.runner.run(step, lambda _result: self._advance(), self._step_failed)

    def _advance(self) -> None:
        procedure = self.procedure
        if procedure is None:
            return
        stage = procedure.stage or Stage.AS_FOUND
        self.stage_label.setText(stage_text(stage))
        self.assessment_box.setVisible(procedure.state is ProcedureState.ASSESSED)
        self.gauge_box.setEnabled(False)
        if procedure.state is ProcedureState.ASSESSED:
            self._show_step(2)
            self._show_assessment(procedure)
        elif procedure.state in (ProcedureState.MEASURING, ProcedureState.VERIFYING):
            self._show_step(3 if stage is Stage.VERIFICATION else 1)
            awaiting = procedure.awaiting_gauge
            if awaiting is not None:
                self.instruction.setText(
                    self.tr("Needle out at {depth} mm set: type what the gauge read.").format(
                        depth=number(awaiting.set_depth_mm, 1)
                    )
                )
                self.gauge_spin.setValue(awaiting.set_depth_mm)
                self.gauge_box.setEnabled(True)
                self.gauge_spin.setFocus()
                self.gauge_spin.selectAll()
            elif procedure.next_reading is not None:
                self.instruction.setText(self.tr("The needle goes out: hold the gauge still."))
                self._step(procedure.present_needle)
            else:
                self._finish(procedure)
        else:
            self._finish(procedure)

    def _finish(self, procedure: DepthCalibration) -> None:
        self.procedure = None
        self.runner.run(procedure.finish, self._show_result, self._finish_failed)

    def _started(self, procedure: DepthCalibration) -> None:
        self.procedure = procedure
        self.runner.attach(procedure)
        self.table.setRowCount(0)
        self._advance()

    def _start_failed(self, error: BaseException) -> None:
        self.start_button.setEnabled(self._bridge.is_connected)
        self.say(error_text(error, current_language()))

    def _step_failed(self, error: BaseException) -> None:
        procedure = self.procedure
        if isinstance(error, CalibrationCancelled) or procedure is None:
            return
        if isinstance(error, CalibrationFailed):
            self._finish(procedure)
            return
        self.say(error_text(error, current_language()))  # e.g. a gauge value refused, naming its range
        self._advance()

    def _finish_failed(self, error: BaseException) -> None:
        self._show_step(0)
        self.say(error_text(error, current_language()))

    # ----------------------------------------------------------------- what is shown
    def _on_progress(self, report: object) -> None:
        if isinstance(report, DepthProgress) and report.reading is not None:
            self._show_reading(report.reading)

    def _show_reading(self, reading: DepthReading) -> None:
        planned = reading.planned
        row = next(
            (
                r
                for r in range(self.table.rowCount())
                if (item := self.table.item(r, 0)) is not None
                and item.data(Qt.ItemDataRole.UserRole) == (planned.stage.value, planned.index)
            ),
            None,
        )
        if row is None:
            row = self.table.rowCount()
            self.table.insertRow(row)
        error = reading.error_mm
        cells = [
            stage_short_text(planned.stage),
            number(planned.set_depth_mm, 1),
            number(reading.gun_depth_mm, 2),
            "—" if reading.gauge_mm is None else number(reading.gauge_mm, 3),
            "—" if error is None else number(error, 3),
        ]
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column == 0:
                item.setData(Qt.ItemDataRole.UserRole, (planned.stage.value, planned.index))
            self.table.setItem(row, column, item)

    def _show_assessment(self, procedure: DepthCalibration) -> None:
        a = procedure.assessment
        if a is None or a.new_offset_mm is None or a.new_scale is None:
            return
        self.instruction.setText(self.tr("As-found readings complete."))
        self.assessment_label.setText(
            self.tr(
                "As found, the worst reading is {error} mm from the set depth. New depth offset: "
                "{offset} mm, scale {scale} (now {old_offset} mm and {old_scale})."
            ).format(
                error=number(a.max_error_mm, 3),
                offset=number(a.new_offset_mm, 3),
                scale=number(a.new_scale, 4),
                old_offset=number(procedure.factors_before.depth_offset_mm, 3),
                old_scale=number(procedure.factors_before.depth_scale, 4),
            )
        )
        self.assessment_box.setEnabled(True)

    def _show_result(self, result: DepthCalibrationResult) -> None:
        self.result = result
        self._show_step(4)
        self.verdict_label.setText(
            self.tr("Calibration PASSED") if result.passed else self.tr("Calibration FAILED")
        )
        self.verdict_label.setStyleSheet(verdict_style(result.passed))
        lines = [
            self.tr("Gun {serial}, gauge {gauge}.").format(
                serial=result.device.serial_number, gauge=result.gauge_id
            ),
            self.tr("Before: {factors}").format(factors=factors_text(result.factors_before)),
        ]
        if result.factors_after is not None:
            lines.append(self.tr("After: {factors}").format(factors=factors_text(result.factors_after)))
        if result.expires_at is not None:
            lines.append(self.tr("Valid until {date}.").format(date=local_date(result.expires_at)))
        if result.reason:
            lines.append(
                self.tr("Reason: {reason}").format(reason=remark_text(result.reason, current_language()))
            )
        self.result_details.setText("\n".join(lines))
        self.certificate_button.setEnabled(result.record is not None)
        self.finished.emit(result)

    def _certificate_clicked(self) -> None:
        if self.result is not None and self.result.record is not None:
            self.certificate_requested.emit(self.result.record)

    def _show_step(self, index: int) -> None:
        self.show_step(index, 0 if index == 0 else 2 if index == 4 else 1)
        if index == 0:
            self.start_button.setEnabled(self._bridge.is_connected and self.procedure is None)

    def _depths(self) -> tuple[float, ...] | None:
        text = self.depths_edit.text().strip()
        if not text:
            return None
        values = []
        for part in text.split(";"):
            part = part.strip().replace(",", ".")
            try:
                values.append(float(part))
            except ValueError:
                raise ValueError(
                    self.tr("“{text}” is not a depth in mm: type numbers separated by ;").format(text=part)
                ) from None
        return tuple(values)

    def _on_connected(self, info: DeviceInfo | None) -> None:
        self.syringe_combo.clear()
        if info is not None:
            for size in info.capabilities.syringe_sizes_ml:
                self.syringe_combo.addItem(self.tr("{size} ml").format(size=size), size)
            self.syringe_combo.setCurrentIndex(self.syringe_combo.count() - 1)
        self.start_button.setEnabled(info is not None and self.procedure is None)

    def _on_link_state(self, state: LinkState, _detail: str) -> None:
        if state is LinkState.DISCONNECTED:
            self.cancel()
            self._on_connected(None)


def _declare_full_syringe(injector: Injector, capacity_ml: int) -> None:
    injector.load_syringe(capacity_ml, capacity_ml * 1000.0)
