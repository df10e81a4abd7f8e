"""The plan editor: a copy of a built-in plan edited with live checks, saved under its own name.

Real widgets offscreen; the saved file is read back by the loader; the setup page takes it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SessionDriver
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QLabel, QLineEdit, QSpinBox
from pytestqt.qtbot import QtBot
from ui_texts import untranslated

from gui.stop_everywhere import stop_buttons
from gui.widgets.plan_editor import CHECK, DEPTH, SHOTS, SITE, TECHNIQUE, VOLUME, PlanEditorDialog
from mesogun.limits import load_limits
from mesogun.models import Technique
from mesogun.plans import builtin_plan, load_plan
from mesogun.plans.identity import plan_content_hash


@pytest.fixture
def editor(qtbot: QtBot) -> Iterator[PlanEditorDialog]:
    dialog = PlanEditorDialog(builtin_plan("mesolift"))
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog


def _row_of(editor: PlanEditorDialog, region: str) -> int:
    return next(i for i, step in enumerate(editor._base.steps) if step.site and step.site.region == region)


def _check_text(editor: PlanEditorDialog, row: int) -> str:
    label = editor.step_editor(row, CHECK)
    assert isinstance(label, QLabel)
    return label.text()


def test_a_copy_starts_with_its_own_name_and_is_checked_clean(editor: PlanEditorDialog) -> None:
    assert editor.name_edit.text() == "mesolift-copy" and editor.version_edit.text() == "1"
    assert editor.check is not None and editor.check.savable
    assert editor.save_button.isEnabled()
    assert editor.hash_label.text() == plan_content_hash(builtin_plan("mesolift"))[:12]
    assert stop_buttons(editor), "STOP must work from the plan editor"


def test_a_cheek_made_too_deep_is_refused_live_and_saving_is_disabled(editor: PlanEditorDialog) -> None:
    cheek = _row_of(editor, "Joue")
    depth = editor.step_editor(cheek, DEPTH)
    assert isinstance(depth, QDoubleSpinBox)

    depth.setValue(2.5)

    assert "✖" in _check_text(editor, cheek) and "deeper than allowed on the face" in _check_text(
        editor, cheek
    )
    assert not editor.save_button.isEnabled()
    assert "Refused" in editor.summary.text()
    depth.setValue(1.5)
    assert _check_text(editor, cheek) == "✓" and editor.save_button.isEnabled()


def test_a_setting_outside_the_usual_range_warns_but_can_be_saved(editor: PlanEditorDialog) -> None:
    forehead = _row_of(editor, "Front")
    volume = editor.step_editor(forehead, VOLUME)
    assert isinstance(volume, QDoubleSpinBox)
    volume.setValue(80.0)  # a nappage's usual shot is far smaller
    assert _check_text(editor, forehead).startswith("⚠") and editor.save_button.isEnabled()
    assert "ask for a reason" in editor.summary.text()


def test_moving_a_step_to_the_eye_applies_the_periorbital_depth(editor: PlanEditorDialog) -> None:
    cheek = _row_of(editor, "Joue")
    site = editor.step_editor(cheek, SITE)
    assert isinstance(site, QComboBox)
    depth = editor.step_editor(cheek, DEPTH)
    assert isinstance(depth, QDoubleSpinBox)
    depth.setValue(2.0)
    assert _check_text(editor, cheek) == "✓"
    labels = [site.itemText(i) for i in range(site.count())]
    site.setCurrentIndex(next(i for i, text in enumerate(labels) if text.startswith("Patte d'oie")))
    assert "periorbital" in _check_text(editor, cheek)


def test_a_refused_product_is_said_on_its_row(qtbot: QtBot) -> None:
    dialog = PlanEditorDialog(builtin_plan("mesostress"))
    qtbot.addWidget(dialog)
    name = dialog.product_editor(0, 0)
    assert isinstance(name, QLineEdit)
    name.setText("Dexaméthasone")
    label = dialog.product_editor(0, 3)
    assert isinstance(label, QLabel)
    assert label.text().startswith("✖") and not dialog.save_button.isEnabled()


def test_the_saved_plan_is_the_edited_one_under_its_name_and_version(
    editor: PlanEditorDialog, qtbot: QtBot, tmp_path: Path
) -> None:
    cheek = _row_of(editor, "Joue")
    depth = editor.step_editor(cheek, DEPTH)
    shots = editor.step_editor(cheek, SHOTS)
    assert isinstance(depth, QDoubleSpinBox) and isinstance(shots, QSpinBox)
    depth.setValue(1.2)
    editor.name_edit.setText("mon-mesolift")
    editor.version_edit.setText("2")

    path = tmp_path / "mon-mesolift.toml"
    with qtbot.waitSignal(editor.saved, timeout=5000) as saved:
        assert editor.save_to(path)

    assert saved.args == [path]
    plan = load_plan(path)
    assert (plan.name, plan.version, plan.example) == ("mon-mesolift", "2", False)
    assert plan.steps[cheek].depth_mm == 1.2
    assert plan_content_hash(plan) != plan_content_hash(builtin_plan("mesolift"))


def test_a_bad_name_cannot_be_saved(editor: PlanEditorDialog) -> None:
    editor.name_edit.setText("Mon Mésolift")
    assert not editor.save_button.isEnabled()
    assert editor.problems.count() >= 1 and "name" in editor.problems.item(0).text()


def test_the_setup_page_takes_the_saved_plan(driver: SessionDriver, tmp_path: Path) -> None:
    driver.setup.choose_builtin("mesostress")
    editor = driver.setup.edit_plan_copy()
    assert editor is not None
    editor.name_edit.setText("stress-claire")
    assert editor.save_to(tmp_path / "stress-claire.toml")

    chosen = driver.setup.plan
    assert chosen is not None and (chosen.name, chosen.version, chosen.example) == (
        "stress-claire",
        "1",
        False,
    )


def test_the_editor_is_all_french(french: None, qtbot: QtBot) -> None:
    dialog = PlanEditorDialog(builtin_plan("mesolift"))
    qtbot.addWidget(dialog)
    dialog.show()
    # The plan's own words (sites, products, the checks' messages quoting limits) are data, not interface.
    data = {step.site.region for step in dialog._base.steps if step.site} | {"mesolift-copy"}
    left = [
        (where, text)
        for where, text in untranslated(dialog)
        if not any(word in text for word in data) and "µl" not in text and "(" not in text
    ]
    assert left == []
    assert dialog.windowTitle() == "Modifier une copie du protocole"


def test_a_point_added_and_one_removed_are_saved_and_read_back_as_edited(
    editor: PlanEditorDialog, qtbot: QtBot, tmp_path: Path
) -> None:
    base = builtin_plan("mesolift")
    cheek = _row_of(editor, "Joue")
    forehead = _row_of(editor, "Front")
    # A papule added after the forehead, from the buttons: the technique's defaults, one shot.
    editor.steps.selectRow(forehead)
    editor.new_technique.setCurrentIndex(list(Technique).index(Technique.PAPULE))
    qtbot.mouseClick(editor.add_step_button, Qt.MouseButton.LeftButton)
    added = forehead + 1
    assert editor.steps.rowCount() == len(base.steps) + 1
    technique = editor.step_editor(added, TECHNIQUE)
    assert isinstance(technique, QComboBox) and technique.currentData() == Technique.PAPULE.value
    profile = load_limits().profile(Technique.PAPULE)
    depth = editor.step_editor(added, DEPTH)
    assert isinstance(depth, QDoubleSpinBox) and depth.value() == profile.depth_mm
    shots = editor.step_editor(added, SHOTS)
    assert isinstance(shots, QSpinBox)
    shots.setValue(3)
    # The cheek removed, from the button (its row comes after the new point's when it followed it).
    removed = cheek + 1 if cheek > forehead else cheek
    editor.steps.selectRow(removed)
    qtbot.mouseClick(editor.remove_step_button, Qt.MouseButton.LeftButton)
    assert editor.steps.rowCount() == len(base.steps)
    assert editor.check is not None and editor.check.savable, editor.problems

    path = tmp_path / "mesolift-edited.toml"
    assert editor.save_to(path)

    plan = load_plan(path)
    expected = [step for step in base.steps if not (step.site and step.site.region == "Joue")]
    forehead_step = base.steps[forehead]
    at = expected.index(forehead_step) + 1
    assert [step for i, step in enumerate(plan.steps) if i != at] == expected
    new = plan.steps[at]
    assert new.technique is Technique.PAPULE and new.shots == 3
    assert (new.depth_mm, new.volume_per_shot_ul, new.flow_ul_s) == (
        profile.depth_mm,
        profile.volume_per_shot_ul,
        profile.flow_ul_s,
    )
    assert new.site == forehead_step.site


def test_a_point_moves_up_and_the_last_one_cannot_be_removed(qtbot: QtBot) -> None:
    plan = builtin_plan("mesolift")
    dialog = PlanEditorDialog(plan)
    qtbot.addWidget(dialog)
    dialog.move_step(1, -1)
    assert dialog.draft is not None
    assert dialog.draft.steps[0] == plan.steps[1] and dialog.draft.steps[1] == plan.steps[0]
    for _ in range(len(plan.steps)):
        dialog.remove_step(0)
    assert dialog.steps.rowCount() == 1 and not dialog.remove_step_button.isEnabled()
    assert dialog.draft is not None and len(dialog.draft.steps) == 1


def test_the_checks_speak_french_in_the_french_interface(french: None, qtbot: QtBot) -> None:
    dialog = PlanEditorDialog(builtin_plan("mesolift"))
    qtbot.addWidget(dialog)
    cheek = _row_of(dialog, "Joue")
    depth = dialog.step_editor(cheek, DEPTH)
    assert isinstance(depth, QDoubleSpinBox)
    depth.setValue(2.5)
    text = _check_text(dialog, cheek)
    assert text.startswith("✖ profondeur\u00a0: plus profond que permis sur la zone «\u00a0visage\u00a0»"), (
        text
    )
    assert "deeper" not in text and "refused" not in text
    dialog.name_edit.setText("Mon Mésolift")
    assert dialog.problems.item(0).text().startswith("name\u00a0: lettres minuscules")
