"""``mesogun plans ...`` and ``mesogun limits show`` as a practitioner runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mesogun.cli import main
from mesogun.limits import load_limits
from mesogun.models import Technique
from mesogun.plans import builtin_plan, list_builtin_plans, load_plan, plan_schema_text
from mesogun.plans.identity import plan_content_hash

HERE = Path(__file__).parent


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_shows_every_built_in_plan_as_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "plans", "list")

    assert code == 0
    for name in list_builtin_plans():
        assert name in out
    assert "10 points" in out  # mesostress
    assert "not a prescription" in out


def test_show_prints_points_settings_totals_and_time(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "plans", "show", "mesostress", "--lang", "en")

    assert code == 0
    assert "Editable example, not a prescription" in out
    point_rows = [line for line in out.splitlines() if line.split(" ", 1)[0].isdigit()]
    assert len(point_rows) == 10
    assert "MC6 (PC6) Neiguan, left" in point_rows[0] and "point by point" in point_rows[0]
    assert "3 mm" in point_rows[0] and "100 µl" in point_rows[0]
    assert "MC6 (PC6) Neiguan, right" in point_rows[1]
    assert "Planned volume: 800 µl" in out
    assert "Procaïne 2 %: 320 µl" in out
    assert "Estimated time: 1 min 30 s" in out


def test_show_a_file_lists_what_will_need_a_confirmation(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "plans", "show", str(HERE / "soft_only.toml"), "--lang", "en")

    assert code == 0
    assert "needs a confirmation with a reason" in out
    assert "depth_mm = 8 mm is outside the usual range for point par point (2–6 mm)" in out


def test_show_an_unknown_plan_fails_and_lists_the_plans(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "plans", "show", "mesozen")

    assert code == 2
    assert "no built-in plan named 'mesozen'" in err and "mesostress" in err


def test_validate_prints_every_problem_and_fails(capsys: pytest.CaptureFixture[str]) -> None:
    broken = HERE / "broken" / "many_problems.toml"
    code, out, _ = _run(
        capsys, "plans", "validate", str(HERE / "soft_only.toml"), str(broken), "--lang", "en"
    )

    assert code == 1
    assert f"{HERE / 'soft_only.toml'}: OK (2 points" in out
    assert "note: point 1 (MC6 (PC6) Neiguan, left): depth_mm = 8 mm" in out
    assert f"{broken}: version: required key 'version' is missing" in out
    assert f"{broken}:17: steps[0].volume_per_shot_ul = 600.0: outside the gun's range 1–500 µl" in out
    assert f"{broken}:28: steps[1].burst_rate_per_s = 12.0" in out
    assert f'{broken}:36: steps[2].flow_ul_s = "slow"' in out


def test_validate_good_files_succeeds(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    assert _run(capsys, "plans", "new", "--from", "lombalgie", "-o", str(path))[0] == 0

    code, out, _ = _run(capsys, "plans", "validate", str(path), "--lang", "en")
    assert code == 0
    assert f"{path}: OK (6 points" in out


def test_new_copies_a_built_in_plan_into_an_editable_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "my-mesostress.toml"
    code, _, err = _run(capsys, "plans", "new", "--from", "mesostress", "-o", str(path), "--lang", "en")

    assert code == 0 and str(path) in err
    copy, original = load_plan(path), builtin_plan("mesostress")
    # The practitioner's own plan: its own name (the file's) and version, no longer an example,
    # the same content (hash) as the plan it was copied from.
    assert (copy.name, copy.version, copy.example) == ("my-mesostress", "1", False)
    assert plan_content_hash(copy) == plan_content_hash(original)
    assert copy.model_copy(update={"name": "mesostress", "version": "1.0", "example": True}) == original
    assert "Exemple modifiable" in path.read_text(encoding="utf-8")  # its comments stay
    schema_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert schema_line.startswith("#:schema file://")
    assert Path(schema_line.removeprefix("#:schema file://")).is_file()


def test_new_never_overwrites_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text("# my own notes\n", encoding="utf-8")
    code, _, err = _run(capsys, "plans", "new", "--from", "mesostress", "-o", str(path))

    assert code == 2
    assert "already exists" in err
    assert path.read_text(encoding="utf-8") == "# my own notes\n"


def test_new_without_output_prints_the_plan(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "plans", "new", "--from", "cellulite")

    assert code == 0
    assert 'name = "cellulite-copy"' in out and "example = false" in out


def test_schema_prints_the_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "plans", "schema")

    assert code == 0
    assert out == plan_schema_text()
    assert json.loads(out)["title"] == "mesogun session plan"


def test_limits_show_prints_version_ranges_and_caps(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "limits", "show", "--lang", "en")

    assert code == 0
    assert "Limits library version 2026.2" in out
    assert "depth: 0–13 mm in steps of 0.1 mm" in out
    assert "point by point" in out and "4 (2–6 mm)" in out
    caps_row = next(line for line in out.splitlines() if line.startswith("Piroxicam "))
    assert caps_row.split()[1:] == ["M01AC01", "10", "20", "20", "40"]
    assert "Dexamethasone" in out and "refused (corticoid)" in out


def test_plans_show_speaks_french_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "plans", "show", "mesostress")

    assert code == 0
    assert "Exemple modifiable, pas une prescription\u00a0: adaptez-le au patient." in out
    point_rows = [line for line in out.splitlines() if line.split(" ", 1)[0].isdigit()]
    assert "MC6 (PC6) Neiguan gauche" in point_rows[0] and "point par point" in point_rows[0]
    assert "3\u00a0mm" in point_rows[0] and "1 injection " in point_rows[0]
    assert "Volume prévu\u00a0: 800\u00a0µl" in out
    assert "Durée estimée\u00a0: 1 min 30 s" in out
    assert not any(word in out for word in ("Planned", "Estimated", "shot", "left", "right", "depth"))
    code, out, _ = _run(capsys, "plans", "show", str(HERE / "soft_only.toml"))
    assert "point 1\u00a0: profondeur\u00a0: 8\u00a0mm, hors de la plage habituelle 2–6\u00a0mm" in out


def test_limits_show_speaks_french_by_default_with_decimal_commas(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "limits", "show")

    assert code == 0
    assert "Bibliothèque de limites, version 2026.2" in out
    assert "profondeur\u00a0: 0–13\u00a0mm par pas de 0,1\u00a0mm" in out
    assert "cadence\u00a0: 1–9\u00a0injections/s" in out
    assert "point par point" in out and "4 (2–6\u00a0mm)" in out
    diazepam = next(line for line in out.splitlines() if line.startswith("Diazépam "))
    assert diazepam.split()[1:3] == ["N05BA01", "0,5"]
    assert "Dexaméthasone" in out and "refusé (corticoïde)" in out
    assert not any(word in out for word in ("Hard", "Soft", "refused", "steps", "per point", "shots"))


def test_new_removes_and_adds_steps_with_the_technique_s_defaults(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "mon-mesolift.toml"
    base = builtin_plan("mesolift")
    code, _, err = _run(
        capsys,
        "plans", "new", "--from", "mesolift", "-o", str(path),
        "--remove-step", "2", "--add-step", "papule:MC6", "--add-step", "nappage:Front:0,6:10:30",
    )  # fmt: skip

    assert code == 0, err
    assert "écrit" in err and "modifiez-le" in err
    plan = load_plan(path)
    assert plan.steps[:3] == (base.steps[0], *base.steps[2:])
    papule, nappage = plan.steps[3:]
    profile = load_limits().profile(Technique.PAPULE)
    assert papule.technique is Technique.PAPULE and papule.site is not None
    assert papule.site.acupoint_code == "PC6" and papule.shots == 1
    assert (papule.depth_mm, papule.volume_per_shot_ul, papule.flow_ul_s) == (
        profile.depth_mm,
        profile.volume_per_shot_ul,
        profile.flow_ul_s,
    )
    assert nappage.zone == "Front" and (nappage.depth_mm, nappage.volume_per_shot_ul, nappage.shots) == (
        0.6,
        10.0,
        30,
    )


def test_a_step_added_too_deep_is_refused_in_french_by_default(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "trop-profond.toml"
    code, _, err = _run(
        capsys, "plans", "new", "--from", "mesolift", "-o", str(path), "--add-step", "papule:Joue:4"
    )

    assert code == 2 and not path.exists()
    assert "la copie ne peut pas être enregistrée" in err
    assert "steps[4].depth_mm = 4.0\u00a0: plus profond que permis sur la zone «\u00a0visage\u00a0»" in err
    assert "au plus 2\u00a0mm" in err and "refusé" in err and "deeper" not in err

    code, _, err = _run(
        capsys, "plans", "new", "--from", "mesolift", "--add-step", "papule:Joue:4", "--lang", "en"
    )
    assert code == 2 and "deeper than allowed on the face (at most 2 mm" in err


def test_a_step_that_cannot_be_read_is_one_clear_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "plans", "new", "--from", "mesolift", "--add-step", "piqure:Joue")
    assert code == 2 and out == ""
    assert err.startswith("mesogun: --add-step 'piqure:Joue': unknown technique 'piqure'")
    assert len(err.strip().splitlines()) == 1
    code, _, err = _run(capsys, "plans", "new", "--from", "mesolift", "--remove-step", "9")
    assert code == 2 and "the plan has steps 1 to 4" in err


def test_validate_says_its_findings_in_french_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    broken = HERE / "broken" / "many_problems.toml"
    code, out, _ = _run(capsys, "plans", "validate", str(HERE / "soft_only.toml"), str(broken))

    assert code == 1
    assert "remarque\u00a0: point 1" in out and "hors de la plage habituelle en point par point" in out
    assert "(2–6\u00a0mm)" in out
    assert "version\u00a0: la clé obligatoire «\u00a0version\u00a0» manque" in out
    volume = "steps[0].volume_per_shot_ul = 600.0\u00a0: volume par injection hors de la plage du pistolet"
    assert f"{volume}, 1–500\u00a0µl" in out
    assert "must" not in out and "outside" not in out


def test_run_says_a_plan_file_s_problem_in_its_language(capsys: pytest.CaptureFixture[str]) -> None:
    broken = str(HERE / "broken" / "depth_beyond_gun.toml")
    code, _, err = _run(capsys, "run", broken, "--simulator", "--patient", "P1")
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "steps[2].depth_mm = 14.0\u00a0: profondeur hors de la plage du pistolet, 0–13\u00a0mm" in err

    code, _, err = _run(capsys, "run", broken, "--simulator", "--patient", "P1", "--lang", "en")
    assert code == 2 and "outside the gun's range 0–13 mm" in err
