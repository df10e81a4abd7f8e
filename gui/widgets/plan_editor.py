"""The plan editor: a copy of a plan, its points and products edited, checked as they change, saved.

The practitioner starts from a built-in example (or a plan file), changes each step's site,
technique, depth, volume per shot and shots, adds a step (a technique chosen, its settings the
technique's defaults from the limits library), removes one or moves it up or down, and edits the
products of the cocktail. Every change runs the checks of ``mesogun.plans.editing`` (the gun's
ranges, depth by body area, the catalogue's refusals and caps in mg: refusals; the technique's
usual ranges: reasons the session will ask) and shows them beside the step or the product, in the
interface's language (each check is a code said by the vocabulary). The plan is saved under its own
name and version, no longer an example, as a plan file; ``saved(path)`` then hands it to the session
setup. STOP works from here (``add_stop_button``). The dialog holds no clinical rule: it shows what
the checks say.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from gui.language import current_language
from gui.stop_everywhere import add_stop_button
from gui.widgets.dose_table import site_text, technique_name
from mesogun.errors import MesogunError
from mesogun.limits import load_limits
from mesogun.models import ACUPOINTS, SessionPlan, Site, Technique
from mesogun.plans.editing import DraftCheck, check_draft, draft_plan, draft_problems
from mesogun.plans.identity import plan_content_hash, save_plan

#: Columns of the steps table.
SITE, TECHNIQUE, DEPTH, VOLUME, SHOTS, CHECK = range(6)


def _spin(decimals: int, minimum: float, maximum: float, value: float, step: float) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setDecimals(decimals)
    spin.setRange(minimum, maximum)
    spin.setSingleStep(step)
    spin.setValue(value)
    spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.PlusMinus)
    spin.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return spin


class PlanEditorDialog(QDialog):
    """Edit a copy of ``plan``; ``saved(path)`` once written. ``check`` holds the latest checks."""

    saved = Signal(Path)

    def __init__(self, plan: SessionPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planEditor")
        self.setWindowTitle(self.tr("Edit a copy of the plan"))
        self._base = plan
        self._steps: list[dict[str, Any]] = [step.model_dump() for step in plan.steps]
        self._components: list[dict[str, Any]] = (
            [c.model_dump() for c in plan.cocktail.components] if plan.cocktail else []
        )
        self._sites = self._site_choices(plan)
        self.draft: SessionPlan | None = plan
        self.check: DraftCheck | None = None

        self.name_edit = QLineEdit(plan.name if not plan.example else f"{plan.name}-copy", self)
        self.version_edit = QLineEdit("1" if plan.example else plan.version, self)
        self.hash_label = QLabel(self)
        self.hash_label.setProperty("muted", True)
        identity = QFormLayout()
        identity.addRow(self.tr("Name of your plan"), self.name_edit)
        identity.addRow(self.tr("Version"), self.version_edit)
        identity.addRow(self.tr("Content hash"), self.hash_label)

        self.steps = QTableWidget(len(self._steps), 6, self)
        self.steps.setObjectName("planEditorSteps")
        self.steps.setHorizontalHeaderLabels(
            [
                self.tr("Site"),
                self.tr("Technique"),
                self.tr("Depth (mm)"),
                self.tr("Volume per shot (µl)"),
                self.tr("Shots"),
                self.tr("Checks"),
            ]
        )
        self.steps.verticalHeader().setVisible(False)
        self.steps.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.steps.horizontalHeader().setSectionResizeMode(CHECK, QHeaderView.ResizeMode.Stretch)
        self.steps.setWordWrap(True)
        self.steps.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.steps.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        for row in range(len(self._steps)):
            self._fill_step_row(row)

        # Adding a point: its technique chosen here, its settings that technique's defaults.
        self.new_technique = QComboBox(self)
        self.new_technique.setObjectName("planEditorNewTechnique")
        for item in Technique:
            self.new_technique.addItem(technique_name(item.value), item.value)
        self.add_step_button = QPushButton(self.tr("Add a point"), self)
        self.add_step_button.clicked.connect(lambda: self.add_step(self.chosen_technique()))
        self.remove_step_button = QPushButton(self.tr("Remove the point"), self)
        self.remove_step_button.clicked.connect(lambda: self.remove_step(self._selected_row()))
        self.up_button = QPushButton(self.tr("Move up"), self)
        self.up_button.clicked.connect(lambda: self.move_step(self._selected_row(), -1))
        self.down_button = QPushButton(self.tr("Move down"), self)
        self.down_button.clicked.connect(lambda: self.move_step(self._selected_row(), 1))
        step_buttons = QHBoxLayout()
        step_buttons.addWidget(QLabel(self.tr("Technique of a new point"), self))
        step_buttons.addWidget(self.new_technique)
        step_buttons.addWidget(self.add_step_button)
        step_buttons.addStretch(1)
        for button in (self.up_button, self.down_button, self.remove_step_button):
            step_buttons.addWidget(button)

        self.products = QTableWidget(len(self._components), 4, self)
        self.products.setObjectName("planEditorProducts")
        self.products.setHorizontalHeaderLabels(
            [self.tr("Product"), self.tr("Concentration"), self.tr("Share (%)"), self.tr("Checks")]
        )
        self.products.verticalHeader().setVisible(False)
        self.products.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.products.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.products.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.products.setColumnWidth(0, 280)
        for row in range(len(self._components)):
            self._fill_product_row(row)

        self.problems = QListWidget(self)
        self.problems.setObjectName("planEditorProblems")
        self.problems.setMaximumHeight(70)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save as a plan file…"), self)
        self.save_button.setProperty("accent", True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self.choose_file_and_save)

        steps_box = QGroupBox(self.tr("Points"), self)
        steps_layout = QVBoxLayout(steps_box)
        steps_layout.addWidget(self.steps)
        steps_layout.addLayout(step_buttons)
        products_box = QGroupBox(self.tr("Products"), self)
        QVBoxLayout(products_box).addWidget(self.products)
        layout = QVBoxLayout(self)
        layout.addLayout(identity)
        layout.addWidget(steps_box, 3)
        layout.addWidget(products_box, 2)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        self.stop_button = add_stop_button(self)  # once the layout is set: it heads the dialog
        self.name_edit.textChanged.connect(self.recheck)
        self.version_edit.textChanged.connect(self.recheck)
        self.resize(1100, 720)
        self.recheck()

    # ------------------------------------------------------------------ rows

    @staticmethod
    def _site_choices(plan: SessionPlan) -> list[tuple[str, dict[str, Any]]]:
        """The plan's own sites, then the catalogue's acupoints: (label, site values)."""
        choices: list[tuple[str, dict[str, Any]]] = []
        for step in plan.steps:
            if step.site is not None and step.site.acupoint_code is None:
                values = step.site.model_dump()
                if all(values != known for _, known in choices):
                    choices.append((PlanEditorDialog._site_label(step.site), values))
        for code in ACUPOINTS:
            choices.append((PlanEditorDialog._site_label(Site.at_acupoint(code)), {"acupoint_code": code}))
        return choices

    @staticmethod
    def _site_label(site: Site) -> str:
        return site_text(site.region, site.laterality.value, site.acupoint_code, None)

    def _site_index(self, step: dict[str, Any]) -> int:
        site = step.get("site")
        if site is None:
            return -1
        for index, (_, values) in enumerate(self._sites):
            code = values.get("acupoint_code")
            if (code is not None and site.get("acupoint_code") == code) or values == site:
                return index
        return -1

    def _fill_step_row(self, row: int) -> None:
        step = self._steps[row]
        site = QComboBox()
        for label, _values in self._sites:
            site.addItem(label)
        if step.get("site") is None:
            site.addItem(step.get("zone") or "—")
            site.setCurrentIndex(site.count() - 1)
            site.setEnabled(False)
        else:
            site.setCurrentIndex(self._site_index(step))
        site.currentIndexChanged.connect(lambda index, r=row: self._set_site(r, index))
        technique = QComboBox()
        for item in Technique:
            technique.addItem(technique_name(item.value), item.value)
        technique.setCurrentIndex(list(Technique).index(Technique(step["technique"])))
        technique.currentIndexChanged.connect(
            lambda index, r=row: self._set(r, "technique", list(Technique)[index].value)
        )
        depth = _spin(1, 0.0, 20.0, float(step["depth_mm"]), 0.1)
        depth.valueChanged.connect(lambda value, r=row: self._set(r, "depth_mm", round(value, 1)))
        volume = _spin(1, 0.5, 1000.0, float(step["volume_per_shot_ul"]), 5.0)
        volume.valueChanged.connect(lambda value, r=row: self._set(r, "volume_per_shot_ul", round(value, 1)))
        shots = QSpinBox()
        shots.setRange(1, 500)
        shots.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        if step.get("shots") is not None:
            shots.setValue(int(step["shots"]))
            shots.valueChanged.connect(lambda value, r=row: self._set(r, "shots", int(value)))
        else:
            shots.setEnabled(False)
            shots.setSpecialValueText(self.tr("by volume"))
            shots.setMinimum(0)
            shots.setValue(0)
        for column, widget in (
            (SITE, site),
            (TECHNIQUE, technique),
            (DEPTH, depth),
            (VOLUME, volume),
            (SHOTS, shots),
        ):
            self.steps.setCellWidget(row, column, widget)
        check = QLabel()
        check.setWordWrap(True)
        self.steps.setCellWidget(row, CHECK, check)

    def _fill_product_row(self, row: int) -> None:
        component = self._components[row]
        product = component["product"]
        name = QLineEdit(product["name"])
        name.textChanged.connect(lambda text, r=row: self._set_product(r, "name", text))
        concentration = QLineEdit(product.get("concentration", ""))
        concentration.textChanged.connect(lambda text, r=row: self._set_product(r, "concentration", text))
        share = _spin(1, 0.1, 100.0, float(component["proportion_pct"]), 5.0)
        share.valueChanged.connect(lambda value, r=row: self._set_share(r, value))
        for column, widget in ((0, name), (1, concentration), (2, share)):
            self.products.setCellWidget(row, column, widget)
        check = QLabel()
        check.setWordWrap(True)
        self.products.setCellWidget(row, 3, check)

    # ------------------------------------------------------------------ edits

    def _set(self, row: int, key: str, value: Any) -> None:
        self._steps[row][key] = value
        self.recheck()

    def _set_site(self, row: int, index: int) -> None:
        if 0 <= index < len(self._sites):
            self._steps[row]["site"] = dict(self._sites[index][1])
            self.recheck()

    def _set_product(self, row: int, key: str, text: str) -> None:
        product = dict(self._components[row]["product"])
        product[key] = text
        product.pop("ingredients", None)  # the catalogue finds the substances of the new name again
        self._components[row]["product"] = product
        self.recheck()

    def _set_share(self, row: int, value: float) -> None:
        self._components[row]["proportion_pct"] = round(value, 1)
        self.recheck()

    def chosen_technique(self) -> Technique:
        """The technique chosen for the next point added."""
        return Technique(self.new_technique.currentData())

    def _selected_row(self) -> int:
        row = self.steps.currentRow()
        return row if 0 <= row < len(self._steps) else len(self._steps) - 1

    def add_step(self, technique: Technique, site_index: int | None = None) -> int:
        """Add a point after the selected one (at the end when none is): ``technique`` with its default
        depth, volume per shot, flow and rate from the limits library, one shot, on the selected point's
        site (or the choice ``site_index`` of the site list). Returns its row."""
        profile = load_limits().profile(technique)
        selected = self.steps.currentRow()
        row = selected + 1 if 0 <= selected < len(self._steps) else len(self._steps)
        if site_index is not None:
            site: dict[str, Any] | None = dict(self._sites[site_index][1])
        else:
            near = self._steps[min(row, len(self._steps)) - 1] if self._steps else {}
            site = dict(near["site"]) if near.get("site") else dict(self._sites[0][1])
        step: dict[str, Any] = {
            "site": site,
            "zone": None,
            "technique": technique.value,
            "depth_mm": profile.depth_mm,
            "volume_per_shot_ul": profile.volume_per_shot_ul,
            "shots": 1,
            "target_volume_ul": None,
            "flow_ul_s": profile.flow_ul_s,
            "burst_rate_per_s": profile.burst_rate_per_s,
            "notes": "",
        }
        self._steps.insert(row, step)
        self._rebuild_steps(row)
        return row

    def remove_step(self, row: int) -> None:
        """Remove the point of ``row`` (a plan keeps at least one)."""
        if len(self._steps) <= 1 or not 0 <= row < len(self._steps):
            return
        del self._steps[row]
        self._rebuild_steps(min(row, len(self._steps) - 1))

    def move_step(self, row: int, offset: int) -> None:
        """Move the point of ``row`` by ``offset`` places (-1: up, 1: down)."""
        target = row + offset
        if not (0 <= row < len(self._steps) and 0 <= target < len(self._steps)):
            return
        self._steps[row], self._steps[target] = self._steps[target], self._steps[row]
        self._rebuild_steps(target)

    def _rebuild_steps(self, current: int) -> None:
        """Refill the steps table from the edited steps (each row's editors know their row)."""
        self.steps.clearContents()
        self.steps.setRowCount(len(self._steps))
        for row in range(len(self._steps)):
            self._fill_step_row(row)
        self.steps.selectRow(current)
        self.recheck()

    def step_editor(self, row: int, column: int) -> QWidget:
        """The widget editing one cell of the steps table (for the tests and accessibility)."""
        widget = self.steps.cellWidget(row, column)
        assert widget is not None
        return widget

    def product_editor(self, row: int, column: int) -> QWidget:
        widget = self.products.cellWidget(row, column)
        assert widget is not None
        return widget

    # ------------------------------------------------------------------ checks

    def _values(self) -> dict[str, Any]:
        values = self._base.model_dump()
        values.update(
            name=self.name_edit.text().strip(),
            version=self.version_edit.text().strip(),
            example=False,
            steps=self._steps,
        )
        if values.get("cocktail") is not None:
            values["cocktail"] = {**values["cocktail"], "components": self._components}
        return values

    def recheck(self) -> None:
        """Build the draft from the fields and run the checks; show them; allow saving when none refuses."""
        self.problems.clear()
        language = current_language()
        values = self._values()
        try:
            draft = draft_plan(values)
        except ValidationError as exc:
            self.draft, self.check = None, None
            for _location, note in draft_problems(exc, values):
                self.problems.addItem(note.text(language))
            self.summary.setText(self.tr("This plan cannot be saved as it is."))
            self.hash_label.setText("—")
            self.save_button.setEnabled(False)
            return
        check = check_draft(draft)
        self.draft, self.check = draft, check
        self.hash_label.setText(plan_content_hash(draft)[:12])
        for row in range(self.steps.rowCount()):
            lines = [f"✖ {note.text(language)}" for note in check.step_refusals.get(row, [])]
            lines += [f"⚠ {note.text(language)}" for note in check.step_warnings.get(row, [])]
            label = self.steps.cellWidget(row, CHECK)
            assert isinstance(label, QLabel)
            label.setText("\n".join(lines) if lines else "✓")
        for row in range(self.products.rowCount()):
            label = self.products.cellWidget(row, 3)
            assert isinstance(label, QLabel)
            messages = check.product_refusals.get(row, [])
            label.setText("\n".join(f"✖ {note.text(language)}" for note in messages) if messages else "✓")
        self.problems.addItems([note.text(language) for note in check.plan_refusals])
        self.remove_step_button.setEnabled(len(self._steps) > 1)
        self.steps.resizeRowsToContents()
        if check.savable:
            warnings = sum(len(v) for v in check.step_warnings.values())
            self.summary.setText(
                self.tr("Within every limit.")
                if not warnings
                else self.tr(
                    "Can be saved; %n setting(s) outside the usual range will ask for a reason.", "", warnings
                )
            )
        else:
            self.summary.setText(self.tr("Refused: correct the settings marked ✖ before saving."))
        self.save_button.setEnabled(check.savable)

    # ------------------------------------------------------------------ saving

    def save_to(self, path: Path) -> bool:
        """Save the draft to ``path`` (replacing it), emit ``saved``; False, the reason shown, if not."""
        draft = self.draft
        if draft is None or self.check is None or not self.check.savable:
            return False
        try:
            save_plan(draft, path, name=draft.name, version=draft.version, overwrite=True)
        except (MesogunError, OSError) as exc:
            self.summary.setText(self.tr("Not saved: {error}").format(error=exc))
            return False
        self.saved.emit(path)
        self.accept()
        return True

    def choose_file_and_save(self) -> None:
        """Ask where to write the plan file, then save it."""
        draft = self.draft
        if draft is None:
            return
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the plan"),
            str(Path.home() / f"{draft.name}.toml"),
            self.tr("Plan files (*.toml)"),
        )
        if chosen:
            path = Path(chosen)
            self.save_to(path if path.suffix == ".toml" else path.with_name(path.name + ".toml"))
