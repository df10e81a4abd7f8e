"""Plan files: loading and checking them, the built-in examples, the JSON Schema for editors."""

from mesogun.plans.library import UnknownPlanError, builtin_plan, builtin_plan_text, list_builtin_plans
from mesogun.plans.loader import load_plan, parse_plan
from mesogun.plans.problems import PlanFileError, PlanProblem
from mesogun.plans.schema import plan_json_schema, plan_schema_text, shipped_schema_path

__all__ = [
    "PlanFileError",
    "PlanProblem",
    "UnknownPlanError",
    "builtin_plan",
    "builtin_plan_text",
    "list_builtin_plans",
    "load_plan",
    "parse_plan",
    "plan_json_schema",
    "plan_schema_text",
    "shipped_schema_path",
]
