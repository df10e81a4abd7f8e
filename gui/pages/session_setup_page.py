"""Before the session: patient pseudonym, plan and its preview, product lots, syringe, consent and
contraindications, and the sessions left open to resume.

*Start* is enabled only when a gun is connected and everything is filled in; the line beside it says
what is still missing. Built-in plans are shown as editable examples, never as prescriptions; a plan
file that cannot be used lists every problem the loader found. The page emits ``start_requested``
(a :class:`SessionRequest`) or ``resume_requested`` (session id, plan); it never talks to the gun, and
reads the journal on its worker thread.

The built-in plans are read after the window's first paint (``load_builtin_plans``, called by the main
window once it is on screen), or as soon as something asks for them: parsing them is most of what the
form costs to build, and the form is the first thing the practitioner sees.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gui import style
from gui.previous_lots import read_last_lots
from gui.session_bridge import SessionRequest
from gui.session_texts import list_separator
from gui.widgets.calibration_warning import CalibrationWarningBanner
from gui.widgets.open_sessions import OpenSessionsBox
from gui.widgets.patient_search import PatientSearch
from gui.widgets.plan_editor import PlanEditorDialog
from gui.widgets.plan_preview import PlanPreview
from gui.widgets.product_lots import ProductLotsForm
from gui.widgets.screening_form import ScreeningForm
from gui.widgets.syringe_form import SyringeForm
from gui.worker import CallWorker
from mesogun.device_info import DeviceInfo
from mesogun.journal import JournalStore
from mesogun.models import SessionPlan
from mesogun.plans import PlanFileError, builtin_plan, list_builtin_plans, load_plan

#: Problems listed beside Start (the rest are counted).
SHOWN_PROBLEMS = 3


def _default_practitioner() -> str:
    try:
        return getpass.getuser()
    except OSError:  # no login name (some containers): the practitioner types it
        return ""


class SessionSetupPage(QWidget):
    """The form that prepares a session; see the module documentation."""

    start_requested = Signal(object)  # SessionRequest
    resume_requested = Signal(str, object)  # session id, SessionPlan

    def __init__(
        self,
        journal: JournalStore,
        *,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sessionSetupPage")
        self._today = today
        self._device: DeviceInfo | None = None
        self._plans: list[SessionPlan] = []
        self._builtins_loaded = False
        self.worker = CallWorker("gui-journal", self)
        self._journal = journal

        # Each widget is made inside the one that holds it on screen, and the scroll area holds the body
        # before anything goes in: moving a built tree to another parent restyles all of it (the app
        # has a style sheet), which made up much of what the form cost to build.
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(scroll)
        scroll.setWidget(body)

        heading = QLabel(self.tr("New session"), body)
        heading.setProperty("heading", True)
        self.calibration_banner: CalibrationWarningBanner | None = None
        self.calibration_confirm = QCheckBox(
            self.tr("I have read the calibration warning and go on with this gun"), body
        )
        self.calibration_confirm.setVisible(False)
        self.calibration_confirm.toggled.connect(self.update_start)
        self.open_sessions = OpenSessionsBox(journal, self.worker, body)
        self.open_sessions.resume_requested.connect(self.resume_requested)

        patient_box = QGroupBox(self.tr("Patient"), body)
        self.patient = PatientSearch(journal, self.worker, patient_box)
        self.practitioner_edit = QLineEdit(_default_practitioner(), patient_box)
        self.practitioner_edit.setPlaceholderText(self.tr("Who performs the session"))
        self.indication_edit = QLineEdit(patient_box)
        self.indication_edit.setPlaceholderText(self.tr("Indication (default: the plan's)"))
        patient_form = QFormLayout(patient_box)
        patient_form.addRow(self.tr("Pseudonym"), self.patient)
        patient_form.addRow(self.tr("Practitioner"), self.practitioner_edit)
        patient_form.addRow(self.tr("Indication"), self.indication_edit)
        # Optional: caps given in mg/kg over 24 h apply only with the patient's weight.
        self.weight_spin = QDoubleSpinBox(patient_box)
        self.weight_spin.setRange(0.0, 500.0)
        self.weight_spin.setDecimals(1)
        self.weight_spin.setSpecialValueText(self.tr("not given"))
        self.weight_spin.setSuffix(self.tr(" kg"))
        self.weight_spin.setToolTip(self.tr("Optional: the caps given in mg per kg apply with it"))
        patient_form.addRow(self.tr("Weight"), self.weight_spin)

        plan_box = QGroupBox(self.tr("Plan"), body)
        self.plan_combo = QComboBox(plan_box)
        self.plan_combo.setObjectName("planCombo")
        self.plan_combo.setToolTip(self.tr("Built-in example plans, and the plan files opened"))
        # As wide as the page allows, not as the longest title: long titles are elided in the field.
        self.plan_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.plan_combo.setMinimumContentsLength(20)
        self.open_file_button = QPushButton(self.tr("Open a file…"), plan_box)
        self.open_file_button.setToolTip(self.tr("Open a plan file (.toml); every problem in it is listed"))
        self.open_file_button.clicked.connect(self.choose_plan_file)
        self.edit_plan_button = QPushButton(self.tr("Edit a copy…"), plan_box)
        self.edit_plan_button.setToolTip(
            self.tr("Change the points and products of a copy of this plan, checked as you go, and save it")
        )
        self.edit_plan_button.clicked.connect(self.edit_plan_copy)
        self.example_note = QLabel(
            self.tr(
                "Built-in plans are editable examples, not prescriptions: adapt points, products, depths "
                "and volumes to each patient (mesogun plans new copies one into a file)."
            ),
            plan_box,
        )
        self.example_note.setWordWrap(True)
        self.example_note.setProperty("muted", True)
        self.plan_error = QLabel(plan_box)
        self.plan_error.setWordWrap(True)
        self.plan_error.setStyleSheet(f"color: {style.STOP_RED}; font-weight: 600;")
        self.plan_problems = QListWidget(plan_box)
        self.plan_problems.setObjectName("planProblems")
        self.plan_problems.setMaximumHeight(140)
        for widget in (self.plan_error, self.plan_problems):
            widget.setVisible(False)
        plan_layout = QVBoxLayout(plan_box)
        chooser = QHBoxLayout()
        chooser.addWidget(self.plan_combo, 1)
        chooser.addWidget(self.open_file_button)
        chooser.addWidget(self.edit_plan_button)
        plan_layout.addLayout(chooser)
        plan_layout.addWidget(self.example_note)
        plan_layout.addWidget(self.plan_error)
        plan_layout.addWidget(self.plan_problems)

        preview_box = QGroupBox(self.tr("Plan preview"), body)
        self.preview = PlanPreview(preview_box)
        QVBoxLayout(preview_box).addWidget(self.preview)
        self.lots = ProductLotsForm(body)
        self.syringe = SyringeForm(body)
        self.screening = ScreeningForm(body)

        # Who and what on top, the plan's points across the page, then the syringe and the screening.
        first = QHBoxLayout()
        first.addWidget(patient_box, 1)
        first.addWidget(plan_box, 1)
        patient_box.setMinimumWidth(patient_box.minimumSizeHint().width() + 80)
        left = QVBoxLayout()
        left.addWidget(self.lots)
        left.addWidget(self.syringe)
        left.addStretch(1)
        last = QHBoxLayout()
        last.addLayout(left, 1)
        last.addWidget(self.screening, 1, Qt.AlignmentFlag.AlignTop)
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(heading)
        self._notices = QVBoxLayout()
        self._notices.addWidget(self.calibration_confirm, 0, Qt.AlignmentFlag.AlignLeft)
        body_layout.addLayout(self._notices)
        body_layout.addWidget(self.open_sessions)
        body_layout.addLayout(first)
        body_layout.addWidget(preview_box)
        body_layout.addLayout(last)
        body_layout.addStretch(1)

        bar = QFrame(self)
        self.refusal = QLabel(bar)
        self.refusal.setObjectName("startRefusal")
        self.refusal.setWordWrap(True)
        self.refusal.setStyleSheet(f"color: {style.STOP_RED}; font-weight: 600;")
        self.refusal.setVisible(False)
        self.missing = QLabel(bar)
        self.missing.setObjectName("startMissing")
        self.missing.setWordWrap(True)
        self.missing.setProperty("muted", True)
        self.start_button = QPushButton(self.tr("Start the session"), bar)
        self.start_button.setObjectName("startSessionButton")
        self.start_button.setProperty("accent", True)
        self.start_button.setMinimumHeight(40)
        self.start_button.setToolTip(
            self.tr("Open the session in the journal and arm the first point (Ctrl+Return)")
        )
        self.start_button.clicked.connect(self.request_start)
        start_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        start_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        start_shortcut.activated.connect(self.request_start)
        bar.setObjectName("startBar")
        bar.setStyleSheet(
            f"QFrame#startBar {{ background: {style.SURFACE}; border-top: 1px solid {style.BORDER}; }}"
        )
        bar_layout = QHBoxLayout(bar)
        bar_layout.setContentsMargins(12, 8, 12, 8)
        messages = QVBoxLayout()
        messages.addWidget(self.refusal)
        messages.addWidget(self.missing)
        bar_layout.addLayout(messages, 1)
        bar_layout.addWidget(self.start_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(scroll, 1)
        layout.addWidget(bar)

        for form in (self.patient, self.lots, self.syringe, self.screening):
            form.changed.connect(self.update_start)
        self.practitioner_edit.textChanged.connect(self.update_start)
        self.plan_combo.currentIndexChanged.connect(self._on_plan_chosen)
        self.set_device(None)

    # ----------------------------------------------------------------- state from outside
    def set_device(self, info: DeviceInfo | None) -> None:
        """The gun connected (None: none); its syringe sizes are offered."""
        self._device = info
        if info is not None and info.capabilities.syringe_sizes_ml:
            self.syringe.set_sizes(info.capabilities.syringe_sizes_ml)
        self.open_sessions.set_can_resume(info is not None)
        self.update_start()

    def set_calibration_banner(self, banner: CalibrationWarningBanner) -> None:
        """Show ``banner`` (the gun's calibration not in force) above the form; it must be confirmed."""
        self.calibration_banner = banner
        self._notices.insertWidget(0, banner)
        banner.warning_changed.connect(self._on_calibration_warning)
        self._on_calibration_warning(banner.warning)

    @property
    def device(self) -> DeviceInfo | None:
        """The gun connected, as last told (None: none)."""
        return self._device

    def refresh(self) -> None:
        """Read the journal again: the sessions left open."""
        self.open_sessions.refresh()

    def reset(self) -> None:
        """Ready for the next patient: pseudonym, lots and answers cleared (plan and practitioner kept)."""
        self.load_builtin_plans()
        self.patient.pseudonym_edit.clear()
        self.weight_spin.setValue(0.0)  # another patient: no weight carried over
        self.calibration_confirm.setChecked(False)  # confirmed again for each session
        self._on_plan_chosen()
        self.refresh()

    # ----------------------------------------------------------------- plans
    @property
    def builtin_plans_loaded(self) -> bool:
        """True once the built-in plans are read and listed."""
        return self._builtins_loaded

    def load_builtin_plans(self) -> None:
        """Read the built-in plans, list them and choose the default one (once; later calls do nothing)."""
        if self._builtins_loaded:
            return
        self._builtins_loaded = True
        self.plan_combo.blockSignals(True)
        for name in list_builtin_plans():
            plan = builtin_plan(name)
            self._plans.append(plan)
            self.plan_combo.addItem(self.tr("{title} (editable example)").format(title=plan.title))
        index = next((i for i, p in enumerate(self._plans) if p.name == "mesostress"), 0)
        self.plan_combo.setCurrentIndex(index)
        self.plan_combo.blockSignals(False)
        self._on_plan_chosen()

    @property
    def plan(self) -> SessionPlan | None:
        """The plan chosen (the built-in plans are read first if they were not yet)."""
        self.load_builtin_plans()
        index = self.plan_combo.currentIndex()
        return self._plans[index] if 0 <= index < len(self._plans) else None

    def choose_builtin(self, name: str) -> None:
        """Choose the built-in plan ``name``."""
        self.load_builtin_plans()
        for index, plan in enumerate(self._plans):
            if plan.name == name and plan.example:
                self.plan_combo.setCurrentIndex(index)
                return
        raise KeyError(f"no built-in plan {name!r} in the list")

    def choose_plan_file(self) -> None:
        """Ask for a plan file and load it."""
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Open a plan file"), "", self.tr("Plan files (*.toml);;All files (*)")
        )
        if path:
            self.load_plan_file(Path(path))

    def edit_plan_copy(self) -> PlanEditorDialog | None:
        """Open the plan editor on a copy of the chosen plan; the saved plan is then loaded and chosen."""
        plan = self.plan
        if plan is None:
            return None
        editor = PlanEditorDialog(plan, self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.saved.connect(self.load_plan_file)
        editor.open()
        return editor

    def load_plan_file(self, path: Path) -> bool:
        """Load the plan file ``path`` and choose it; on failure list every problem. True if loaded."""
        self.load_builtin_plans()  # the examples come first in the list
        try:
            plan = load_plan(path)
        except PlanFileError as exc:
            self.plan_error.setText(
                self.tr(
                    "This plan file cannot be used: %n problem(s) in {file}", "", len(exc.problems)
                ).format(file=path.name)
            )
            self.plan_problems.clear()
            self.plan_problems.addItems([str(problem) for problem in exc.problems])
            self.plan_error.setVisible(True)
            self.plan_problems.setVisible(True)
            return False
        self.plan_error.setVisible(False)
        self.plan_problems.setVisible(False)
        self._plans.append(plan)
        self.plan_combo.addItem(self.tr("{title} (file {file})").format(title=plan.title, file=path.name))
        self.plan_combo.setCurrentIndex(len(self._plans) - 1)
        self.open_sessions.offer_plan(plan)
        return True

    # ----------------------------------------------------------------- starting
    def problems(self) -> list[str]:
        """Everything that keeps Start disabled, in words."""
        problems: list[str] = []
        if self._device is None:
            problems.append(self.tr("Connect the gun"))
        patient = self.patient.problem()
        if patient is not None:
            problems.append(patient)
        if not self.practitioner_edit.text().strip():
            problems.append(self.tr("Enter the practitioner's name"))
        if self.calibration_confirm.isVisible() and not self.calibration_confirm.isChecked():
            problems.append(self.tr("Confirm the calibration warning"))
        if self.plan is None:
            problems.append(self.tr("Choose a plan"))
            return problems
        problems += self.lots.problems()
        problems += self.syringe.problems()
        problems += self.screening.problems()
        return problems

    def update_start(self) -> None:
        """Enable Start when nothing is missing; say what is."""
        if not self._builtins_loaded:
            # The plans are listed a moment after the first paint, and this is called again then.
            self.start_button.setEnabled(False)
            return
        problems = self.problems()
        self.start_button.setEnabled(not problems)
        if not problems:
            self.missing.setText(self.tr("Ready: the first point is armed as soon as the session starts."))
            return
        shown = list_separator().join(problems[:SHOWN_PROBLEMS])
        more = len(problems) - SHOWN_PROBLEMS
        self.missing.setText(
            self.tr("To start: {items}").format(items=shown)
            if more <= 0
            else self.tr("To start: {items}; and %n more", "", more).format(items=shown)
        )

    def request(self) -> SessionRequest | None:
        """The session as filled in (None while something is missing)."""
        plan = self.plan
        if plan is None or self.problems():
            return None
        return SessionRequest(
            plan=plan,
            patient_pseudonym=self.patient.pseudonym,
            practitioner=self.practitioner_edit.text().strip(),
            indication=self.indication_edit.text().strip() or plan.indication,
            products=self.lots.products(),
            syringe=self.syringe.syringe(),
            consent=self.screening.consent,
            answers=self.screening.choices(),
            weight_kg=self.weight_spin.value() or None,
        )

    def request_start(self) -> None:
        """Emit ``start_requested`` when everything is filled in."""
        request = self.request()
        if request is not None:
            self.refusal.setVisible(False)
            self.start_requested.emit(request)

    def show_refusal(self, text: str) -> None:
        """Say why the session did not start (or resume)."""
        self.refusal.setText(text)
        self.refusal.setVisible(True)

    # ----------------------------------------------------------------- internals
    def _on_calibration_warning(self, text: object) -> None:
        # A new warning (or none) is confirmed afresh: a confirmation never carries over to another one.
        self.calibration_confirm.setChecked(False)
        self.calibration_confirm.setVisible(text is not None)
        self.update_start()

    def _on_plan_chosen(self) -> None:
        plan = self.plan
        self.preview.set_plan(plan)
        self.lots.set_plan(plan, self._today())
        if plan is not None:
            # Offered once read (on the journal's worker), each to be confirmed with a click.
            journal = self._journal
            self.worker.submit(
                lambda: read_last_lots(journal), self.lots.offer_last_lots, lambda _error: None
            )
        self.screening.set_plan(plan)
        self.indication_edit.setText(plan.indication if plan is not None else "")
        self.indication_edit.setCursorPosition(0)
        self.example_note.setVisible(plan is not None and plan.example)
        if plan is not None and plan.cocktail is not None:
            fill_ul = plan.cocktail.volume_loaded_ml * 1000.0
            self.syringe.suggest(fill_ul, plan.planned_volume_ul())
        self.update_start()
