"""The JSON Schema of plan files, for editors (Taplo and others read the ``#:schema`` first line).

The shipped ``mesogun/plans/plan.schema.json`` is ``plan_schema_text()`` written out; a test keeps it
equal to what the models generate.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from mesogun.models.plan import SessionPlan

SCHEMA_FILE_NAME = "plan.schema.json"


def plan_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a plan file."""
    schema = SessionPlan.model_json_schema()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "mesogun session plan",
        **{k: v for k, v in schema.items() if k != "title"},
    }
    return schema


def plan_schema_text() -> str:
    """The schema as the shipped file holds it (2-space indented JSON, final newline)."""
    return json.dumps(plan_json_schema(), indent=2, ensure_ascii=False) + "\n"


def shipped_schema_text() -> str:
    """The text of the schema file shipped in the package."""
    return resources.files("mesogun.plans").joinpath(SCHEMA_FILE_NAME).read_text(encoding="utf-8")


def shipped_schema_path() -> Path:
    """Where the shipped schema file is on disk (for the ``#:schema`` line of a new plan file)."""
    return Path(str(resources.files("mesogun.plans").joinpath(SCHEMA_FILE_NAME))).resolve()
