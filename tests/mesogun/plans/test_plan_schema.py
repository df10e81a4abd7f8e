"""The JSON Schema of plan files, shipped for editors."""

from __future__ import annotations

import json

from mesogun.models import ACUPOINTS, Technique
from mesogun.plans import plan_json_schema, plan_schema_text, shipped_schema_path
from mesogun.plans.schema import shipped_schema_text


def test_shipped_schema_file_is_up_to_date() -> None:
    # After changing a model: mesogun plans schema > mesogun/plans/plan.schema.json
    assert shipped_schema_text() == plan_schema_text()
    assert shipped_schema_path().is_file()


def test_schema_describes_the_plan_file() -> None:
    schema = json.loads(plan_schema_text())
    defs = schema["$defs"]

    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema == plan_json_schema()
    assert set(schema["required"]) >= {"name", "title", "indication", "version", "steps"}
    assert schema["additionalProperties"] is False
    assert defs["Technique"]["enum"] == [t.value for t in Technique]
    step = defs["PlanStep"]
    assert step["additionalProperties"] is False
    assert {"depth_mm", "volume_per_shot_ul", "flow_ul_s"} <= set(step["required"])


def test_schema_accepts_a_site_given_by_its_acupoint_code_alone() -> None:
    site = plan_json_schema()["$defs"]["Site"]

    assert "required" not in site
    assert {"required": ["acupoint_code"]} in site["anyOf"]
    assert site["properties"]["acupoint_code"]["anyOf"][0]["enum"] == list(ACUPOINTS)
