"""A plan's identity: content hash, saving under its own name and version, no longer an example."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from mesogun.plans import builtin_plan, builtin_plan_text, list_builtin_plans, load_plan
from mesogun.plans.identity import own_copy_text, plan_content_hash, plan_to_toml, save_plan
from mesogun.plans.loader import parse_plan
from mesogun.plans.problems import PlanFileError
from mesogun.private_files import ExportWriteError


@pytest.mark.parametrize("name", list_builtin_plans())
def test_a_plan_written_back_reads_as_the_same_plan(name: str) -> None:
    plan = builtin_plan(name)
    assert parse_plan(plan_to_toml(plan), f"{name}.toml") == plan


def test_the_hash_follows_the_content_not_the_layout_the_name_or_the_version() -> None:
    plan = builtin_plan("mesostress")
    text = builtin_plan_text("mesostress")
    relaid = parse_plan(plan_to_toml(plan))  # no comments, another order of keys
    renamed = parse_plan(own_copy_text(text, name="mon-stress", version="7"))
    step = plan.steps[0]
    deeper = plan.model_copy(update={"steps": (step.model_copy(update={"depth_mm": 2.5}), *plan.steps[1:])})

    assert plan_content_hash(relaid) == plan_content_hash(plan) == plan_content_hash(renamed)
    assert plan_content_hash(deeper) != plan_content_hash(plan)
    assert len(plan_content_hash(plan)) == 64


def test_a_saved_plan_has_its_own_name_and_version_and_is_no_longer_an_example(tmp_path: Path) -> None:
    path = tmp_path / "mon-stress.toml"
    original = builtin_plan("mesostress")

    saved = save_plan(original, path, name="mon-stress", version="2")

    assert (saved.name, saved.version, saved.example) == ("mon-stress", "2", False)
    assert load_plan(path) == saved
    assert plan_content_hash(saved) == plan_content_hash(original)
    assert plan_content_hash(saved) in path.read_text(encoding="utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with pytest.raises(ExportWriteError):
        save_plan(original, path, name="mon-stress", version="3")
    assert load_plan(path).version == "2"


def test_a_plan_that_breaks_a_limit_is_not_saved(tmp_path: Path) -> None:
    plan = builtin_plan("mesolift")
    cheek = next(i for i, s in enumerate(plan.steps) if s.site and s.site.region == "Joue")
    steps = list(plan.steps)
    steps[cheek] = steps[cheek].model_copy(update={"depth_mm": 3.0})
    path = tmp_path / "joue.toml"

    with pytest.raises(PlanFileError, match="deeper than allowed on the face"):
        save_plan(plan.model_copy(update={"steps": tuple(steps)}), path, name="joue", version="1")
    assert not path.exists()


def test_a_bad_name_is_refused_with_the_rule(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="name"):
        save_plan(builtin_plan("mesostress"), tmp_path / "x.toml", name="Mon Stress!", version="1")
