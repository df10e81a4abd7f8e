"""The volume calibration wizard: setup, as-found weighing, the new factor, verification, result.

Over :class:`~mesogun.calibration.volume_procedure.VolumeCalibration`, one step at a time on the
calibration worker thread. With a balance the shots run on their own; without one the technician
types each mass after its shot. Writing the fitted factor is an explicit click, and the gun is in
technician mode only while the run lasts (the procedure enters and leaves it). The end records the
calibration in the journal (passed or failed); a cancel leaves the gun stopped, disarmed and with
its factors as they were, and records nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gui.device_bridge import DeviceBridge, LinkState
from gui.formatting import number
from gui.language import current_language
from gui.pages.technician_journal import JournalFile
from gui.pages.technician_results import (
    CalibrationLevelTable,
    CalibrationShotTable,
    factors_text,
    stage_text,
    verdict_style,
)
from gui.pages.technician_texts import local_date
from gui.pages.technician_volume_setup import VolumeSetupForm
from gui.pages.technician_wizard import ActionBox, ReadingEntry, WizardTab
from mesogun.calibration.balance import Balance
from mesogun.calibration.procedure import CalibrationCancelled, CalibrationFailed, ProcedureState, Stage
from mesogun.calibration.volume_procedure import VolumeCalibration
from mesogun.calibration.volume_setup import SyringeRefillNeeded, VolumeCalibrationResult, VolumeProgress
from mesogun.device_info import DeviceInfo
from mesogun.errors import MesogunError
from mesogun.ports import list_serial_ports
from mesogun.vocabulary import error_text, remark_text

PRIME_UL = 20.0  # pushed after each new syringe, over the waste container, to purge the air
_RUNNING = (ProcedureState.MEASURING, ProcedureState.ASSESSED, ProcedureState.VERIFYING)


@dataclass
class _Run:
    """The procedure running and the balance it weighs with (closed when the run ends)."""

    procedure: VolumeCalibration
    balance: Balance | None
    manual: bool


class VolumeCalibrationTab(WizardTab):
    """The guided volume calibration. ``finished(VolumeCalibrationResult)`` once a run is recorded."""

    finished = Signal(object)
    # The technician asked for the certificate of this CalibrationRecord.
    certificate_requested = Signal(object)

    def __init__(
        self,
        bridge: DeviceBridge,
        journal: JournalFile,
        access_code: Callable[[], int | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(bridge, journal, "gui-volume-calibration", parent)
        self._access_code = access_code
        self.runner.progress.connect(self._on_progress)
        self._run: _Run | None = None
        self.result: VolumeCalibrationResult | None = None
        self.pages.addWidget(self._build_setup_page())
        self.pages.addWidget(self._build_measure_page())
        self.pages.addWidget(self._build_result_page())

        self.links.connect(bridge.connected, self._on_connected)
        self.links.connect(bridge.link_state_changed, self._on_link_state)
        self._show_step(0)
        self._set_connected(bridge.info)

    # ----------------------------------------------------------------- pages
    def _build_setup_page(self) -> QWidget:
        page = QWidget(self)
        self.setup_form = VolumeSetupForm(page)
        intro = QLabel(
            self.tr(
                "Fill a syringe with degassed water and put the weighing vessel on the balance, with the "
                "needle inside it. The gun fires at least 10 shots at its smallest, middle and largest "
                "volume, weighed one by one, fits a new factor and checks it with a second series."
            ),
            page,
        )
        intro.setWordWrap(True)
        self.start_button = QPushButton(self.tr("Start the calibration (enters technician mode)"), page)
        self.start_button.setProperty("accent", True)
        self.start_button.clicked.connect(self.start)
        scroll = QScrollArea(page)
        scroll.setWidget(self.setup_form)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.start_button)
        return page

    def _build_measure_page(self) -> QWidget:
        page = QWidget(self)
        self.stage_label = QLabel(page)
        self.stage_label.setProperty("heading", True)
        self.progress_bar = QProgressBar(page)
        self.progress_bar.setFormat(self.tr("%v of %m shots"))
        self.instruction = QLabel(page)
        self.instruction.setWordWrap(True)

        self.refill_box = ActionBox(
            page,
            title=self.tr("Syringe"),
            button_text=self.tr("Syringe loaded: prime and go on"),
            on_click=self.syringe_loaded,
        )
        self.refill_label, self.refill_button = self.refill_box.label, self.refill_box.button

        self.mass_box = ReadingEntry(
            page,
            title=self.tr("Mass of the shot"),
            prompt=self.tr("Balance reading for this shot"),
            button_text=self.tr("Enter the mass"),
            maximum=999_999.0,
            decimals=3,
            suffix=" mg",
            on_enter=self.enter_mass,
        )
        self.mass_spin, self.mass_button = self.mass_box.spin, self.mass_box.button

        self.assessment_box = ActionBox(
            page,
            title=self.tr("New factor"),
            button_text=self.tr("Write the new factor and verify"),
            on_click=self.write_factor,
        )
        self.assessment_label, self.write_button = self.assessment_box.label, self.assessment_box.button

        self.shot_table = CalibrationShotTable(page)
        self.level_table = CalibrationLevelTable(page)
        self.cancel_button = QPushButton(self.tr("Cancel the calibration"), page)
        self.cancel_button.clicked.connect(self.cancel)
        layout = QVBoxLayout(page)
        layout.addWidget(self.stage_label)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.instruction)
        layout.addWidget(self.refill_box)
        layout.addWidget(self.mass_box)
        layout.addWidget(self.assessment_box)
        tables = QHBoxLayout()
        tables.addWidget(self.shot_table, 1)
        tables.addWidget(self.level_table, 1)
        layout.addLayout(tables, 1)
        layout.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignRight)
        return page

    def _build_result_page(self) -> QWidget:
        page = QWidget(self)
        self.verdict_label = QLabel(page)
        self.verdict_label.setProperty("heading", True)
        self.result_details = QLabel(page)
        self.result_details.setWordWrap(True)
        self.result_details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_levels = CalibrationLevelTable(page)
        self.certificate_button = QPushButton(self.tr("Save the certificate (PDF)…"), page)
        self.certificate_button.clicked.connect(self.save_certificate)
        self.again_button = QPushButton(self.tr("New calibration"), page)
        self.again_button.clicked.connect(lambda: self._show_step(0))
        buttons = QHBoxLayout()
        buttons.addWidget(self.certificate_button)
        buttons.addWidget(self.again_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.verdict_label)
        layout.addWidget(self.result_details)
        layout.addWidget(self.result_levels, 1)
        layout.addLayout(buttons)
        return page

    # ----------------------------------------------------------------- the technician's actions
    def start(self) -> None:
        """Check the setup, open the balance and start the procedure (worker thread)."""
        injector = self._bridge.injector
        code = self._access_code()
        if injector is None:
            self.say(self.tr("Connect a gun first."))
            return
        if code is None:
            self.say(self.tr("Type the technician access code in the bar above: the run writes to the gun."))
            return
        try:
            setup = self.setup_form.setup(code)
        except MesogunError as exc:  # the setup refuses a value, naming it and its range
            self.say(error_text(exc, current_language()))
            return
        port, balance_id = self.setup_form.balance_port(), self.setup_form.balance_id()
        journal, listener = self._journal, self.runner.listener

        def begin() -> _Run:
            balance = Balance.open(port) if port is not None else None
            try:
                procedure = VolumeCalibration(
                    injector,
                    setup,
                    balance=balance,
                    balance_id=None if balance is not None else balance_id,
                    journal=journal.open(),
                    listener=listener,
                )
                procedure.start()
            except BaseException:
                if balance is not None:
                    balance.close()
                raise
            return _Run(procedure, balance, manual=balance is None)

        self.say("")
        self.start_button.setEnabled(False)
        self.runner.run(begin, self._started, self._start_failed)

    def syringe_loaded(self) -> None:
        """The technician loaded a full syringe: declare it, prime, go on."""
        run = self._run
        if run is None:
            return
        self.refill_box.hide()
        self._step(lambda: run.procedure.load_syringe(prime_ul=PRIME_UL))

    def enter_mass(self) -> None:
        """The mass typed for the shot awaiting it (manual weighing)."""
        run = self._run
        if run is None:
            return
        mass_mg = self.mass_spin.value()
        self.mass_box.setEnabled(False)
        self._step(lambda: run.procedure.enter_masses([mass_mg]))

    def write_factor(self) -> None:
        """Write the fitted factor to the gun (provisionally) and start the verification."""
        run = self._run
        if run is None:
            return
        self.assessment_box.setEnabled(False)
        self._step(run.procedure.write_factors)

    def cancel(self) -> None:
        """Stop the run: the gun is stopped, disarmed, its factors put back, technician mode left."""
        run, self._run = self._run, None
        if run is None:
            return
        self.runner.cancel()
        if run.balance is not None:
            self.runner.run(run.balance.close)
        self._show_step(0)
        self.say(self.tr("Calibration cancelled: the gun is disarmed and its factors are as they were."))

    def save_certificate(self) -> None:
        """Write the calibration certificate of the run just recorded as a PDF (file chosen by the user)."""
        if self.result is not None and self.result.record is not None:
            self.certificate_requested.emit(self.result.record)

    @property
    def running(self) -> bool:
        return self._run is not None

    # ----------------------------------------------------------------- stepping
    def _step(self, step: Callable[[], object]) -> None:
        self.runner.run(step, lambda _result: self._advance(), self._step_failed)

    def _advance(self) -> None:
        """Decide what comes next from the procedure's state (GUI thread, after every step)."""
        run = self._run
        if run is None:
            return
        procedure = run.procedure
        self._show_state(procedure)
        if procedure.state is ProcedureState.ASSESSED:
            self._show_assessment(procedure)
        elif procedure.state in (ProcedureState.MEASURING, ProcedureState.VERIFYING):
            if procedure.awaiting_masses:
                self._ask_mass(procedure)
            elif procedure.next_shot is not None:
                self._step(procedure.fire_next)
            else:
                self._finish(run)
        else:
            self._finish(run)

    def _finish(self, run: _Run) -> None:
        self._run = None

        def finish() -> VolumeCalibrationResult:
            try:
                return run.procedure.finish()
            finally:
                if run.balance is not None:
                    run.balance.close()

        self.runner.run(finish, self._show_result, self._step_failed)

    def _started(self, run: _Run) -> None:
        self._run = run
        self.runner.attach(run.procedure)
        self.shot_table.clear_rows()
        self.level_table.clear_rows()
        self.progress_bar.setRange(0, run.procedure.shots_total)
        self.progress_bar.setValue(0)
        self._show_step(1)
        self._advance()

    def _start_failed(self, error: BaseException) -> None:
        self.start_button.setEnabled(self._bridge.is_connected)
        self.say(error_text(error, current_language()))

    def _step_failed(self, error: BaseException) -> None:
        run = self._run
        if isinstance(error, SyringeRefillNeeded) and run is not None:
            self.refill_label.setText(
                self.tr(
                    "The next volume needs {needed} µl and the syringe holds {left} µl. Load a full "
                    "{capacity} ml syringe of water without air, hold the needle over the waste "
                    "container for the priming ({prime} µl), then put it back in the weighing vessel."
                ).format(
                    needed=number(error.needed_ul, 0),
                    left=number(error.remaining_ul, 0),
                    capacity=run.procedure.setup.syringe_capacity_ml,
                    prime=number(PRIME_UL, 0),
                )
            )
            self.refill_box.show()
            self.refill_button.setFocus()
            return
        if isinstance(error, CalibrationCancelled):
            return  # cancel() already said so
        if isinstance(error, CalibrationFailed) and run is not None:
            self._finish(run)  # records the failed calibration with its reason
            return
        self.say(error_text(error, current_language()))
        if run is not None and run.procedure.state not in _RUNNING:
            self._finish(run)

    # ----------------------------------------------------------------- what the technician sees
    def _on_progress(self, report: object) -> None:
        if not isinstance(report, VolumeProgress):
            return
        if report.shots_total:
            self.progress_bar.setRange(0, report.shots_total)
            self.progress_bar.setValue(report.shots_done)
        if report.shot is not None:
            self.shot_table.show_shot(report.shot)
        if report.level is not None and report.stage is not None:
            self.level_table.add_level(report.stage, report.level)

    def _show_state(self, procedure: VolumeCalibration) -> None:
        stage = procedure.stage or Stage.AS_FOUND
        self.stage_label.setText(stage_text(stage))
        self._show_step(3 if stage is Stage.VERIFICATION else 1)
        self.mass_box.setVisible(self._run is not None and self._run.manual)
        self.mass_box.setEnabled(False)
        self.assessment_box.setVisible(procedure.state is ProcedureState.ASSESSED)
        planned = procedure.next_shot
        if planned is not None:
            self.instruction.setText(
                self.tr("Next: shot {shot} of {count} at {volume} µl (volume {level} of {levels}).").format(
                    shot=planned.shot + 1,
                    count=procedure.setup.shots_per_level,
                    volume=number(planned.nominal_ul, 1),
                    level=planned.level + 1,
                    levels=len(procedure.volumes_ul),
                )
            )

    def _ask_mass(self, procedure: VolumeCalibration) -> None:
        planned = procedure.awaiting_masses[0]
        self.instruction.setText(
            self.tr("Shot {shot} at {volume} µl fired: type the mass the balance shows for it.").format(
                shot=planned.shot + 1, volume=number(planned.nominal_ul, 1)
            )
        )
        self.mass_box.setEnabled(True)
        self.mass_spin.setFocus()
        self.mass_spin.selectAll()

    def _show_assessment(self, procedure: VolumeCalibration) -> None:
        self._show_step(2)
        assessment = procedure.assessment
        if assessment is None or assessment.fit is None or assessment.new_volume_per_step_nl is None:
            return
        fit = assessment.fit
        self.assessment_label.setText(
            self.tr(
                "As found, the gun delivers {ratio} % of the commanded volume. New factor: {new} nl per "
                "step (now {old}). Writing it needs technician mode; the verification series follows."
            ).format(
                ratio=number(fit.ratio * 100.0, 2),
                new=number(assessment.new_volume_per_step_nl, 3),
                old=number(fit.current_volume_per_step_pl / 1000.0, 3),
            )
        )
        self.instruction.setText(self.tr("As-found series complete."))
        self.assessment_box.setEnabled(True)
        self.write_button.setFocus()

    def _show_result(self, result: VolumeCalibrationResult) -> None:
        self.result = result
        self._show_step(4)
        self.verdict_label.setText(
            self.tr("Calibration PASSED") if result.passed else self.tr("Calibration FAILED")
        )
        self.verdict_label.setStyleSheet(verdict_style(result.passed))
        lines = [
            self.tr("Gun {serial}, balance {balance}.").format(
                serial=result.device.serial_number, balance=result.balance_id
            ),
            self.tr("Before: {factors}").format(factors=factors_text(result.factors_before)),
        ]
        if result.factors_after is not None:
            lines.append(self.tr("After: {factors}").format(factors=factors_text(result.factors_after)))
        if result.reason:
            lines.append(
                self.tr("Reason: {reason}").format(reason=remark_text(result.reason, current_language()))
            )
        if result.expires_at is not None:
            lines.append(self.tr("Valid until {date}.").format(date=local_date(result.expires_at)))
        if result.record is not None:
            lines.append(self.tr("Recorded in the journal as {id}.").format(id=result.record.record_id))
        self.result_details.setText("\n".join(lines))
        self.result_levels.clear_rows()
        for stage, levels in ((Stage.AS_FOUND, result.as_found), (Stage.VERIFICATION, result.verification)):
            for level in levels:
                self.result_levels.add_level(stage, level)
        self.certificate_button.setEnabled(result.record is not None)
        self.finished.emit(result)

    def step_names(self) -> list[str]:
        return [
            self.tr("1. Setup"),
            self.tr("2. As found"),
            self.tr("3. New factor"),
            self.tr("4. Verification"),
            self.tr("5. Result"),
        ]

    def _show_step(self, index: int) -> None:
        self.show_step(index, 0 if index == 0 else 2 if index == 4 else 1)
        if index == 0:
            self.start_button.setEnabled(self._bridge.is_connected)
            self.refill_box.hide()

    def _on_connected(self, info: DeviceInfo) -> None:
        self._set_connected(info)
        self.runner.run(lambda: [port.port for port in list_serial_ports()], self.setup_form.set_ports)

    def _set_connected(self, info: DeviceInfo | None) -> None:
        self.setup_form.set_capabilities(info.capabilities if info is not None else None)
        self.start_button.setEnabled(info is not None and self._run is None)

    def _on_link_state(self, state: LinkState, _detail: str) -> None:
        if state is LinkState.DISCONNECTED:
            if self._run is not None:
                self.cancel()
            self._set_connected(None)
