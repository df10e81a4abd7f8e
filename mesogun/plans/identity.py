"""A plan's identity: its name, its version and the hash of its content; saving an edited plan.

The content hash is SHA-256 over the plan's clinical content (title, indication, description,
products, course, contraindications, steps), as canonical JSON: two files that would deliver the same
session have the same hash, whatever their layout, comments, name or version. Every session records
it beside the plan's name and version, so a session can always be matched with what it ran.

A plan saved from the app or the command line is a practitioner's own plan: it gets its own name
and version and is no longer an example (``example = false``). It is written as a plan file (TOML)
and read back through the loader before it is used, so a saved plan passes every check a plan file
does.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from mesogun.limits.library import LimitsLibrary
from mesogun.models.plan import SessionPlan
from mesogun.plans.loader import parse_plan
from mesogun.private_files import write_private

#: Fields that name a plan rather than say what it does: left out of the content hash.
IDENTITY_FIELDS = frozenset({"name", "version", "example"})
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def plan_content_hash(plan: SessionPlan) -> str:
    """SHA-256 (hex) of the plan's clinical content (see the module documentation)."""
    content = plan.model_dump(mode="json", exclude=set(IDENTITY_FIELDS), exclude_none=True)
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) else json.dumps(key, ensure_ascii=False)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {value!r} in a plan file")


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(item, dict) for item in value)


def _table(lines: list[str], prefix: str, table: dict[str, Any]) -> None:
    """Append ``table``'s plain values, then its sub-tables and arrays of tables, under ``prefix``."""
    for key, value in table.items():
        if not isinstance(value, dict) and not _is_table_array(value):
            lines.append(f"{_key(key)} = {_value(value)}")
    for key, value in table.items():
        name = f"{prefix}.{_key(key)}" if prefix else _key(key)
        if isinstance(value, dict):
            lines.extend(["", f"[{name}]"])
            _table(lines, name, value)
        elif _is_table_array(value):
            for item in value:
                lines.extend(["", f"[[{name}]]"])
                # Tables inside an entry stay inline: a site, a product.
                for item_key, item_value in item.items():
                    if _is_table_array(item_value):
                        for sub in item_value:
                            lines.extend(["", f"[[{name}.{_key(item_key)}]]"])
                            lines.extend(f"{_key(k)} = {_value(v)}" for k, v in sub.items())
                    else:
                        lines.append(f"{_key(item_key)} = {_value(item_value)}")


def plan_to_toml(plan: SessionPlan) -> str:
    """The plan as a plan file (TOML) that the loader reads back to an equal plan."""
    data = plan.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    for key in ("name", "title", "indication", "version"):
        data.setdefault(key, getattr(plan, key))
    data["example"] = plan.example
    kind = "an editable example" if plan.example else "a practitioner's plan"
    header = [
        "#:schema ./plan.schema.json",
        f"# {plan.title}: {kind}, version {plan.version}.",
        f"# Content hash (SHA-256, see mesogun/plans/identity.py): {plan_content_hash(plan)}",
        "",
    ]
    first = ("name", "title", "indication", "description", "version")
    ordered = {key: data.pop(key) for key in first if key in data}
    ordered["example"] = data.pop("example")
    ordered.update(data)
    lines: list[str] = []
    _table(lines, "", ordered)
    return "\n".join(header + lines) + "\n"


def own_copy_text(text: str, *, name: str, version: str) -> str:
    """A plan file's text with its ``name`` and ``version`` replaced and ``example = false``.

    Only the top-level keys (before the first table) change; comments and layout stay as they were.
    """
    head, marker, rest = text.partition("\n[")
    values = {"name": json.dumps(name), "version": json.dumps(version), "example": "false"}
    for key, value in values.items():
        pattern = re.compile(rf"^{key}\s*=.*$", re.MULTILINE)
        line = f"{key} = {value}"
        head = pattern.sub(line, head, count=1) if pattern.search(head) else f"{head.rstrip()}\n{line}\n"
    return head + marker + rest


def renamed(plan: SessionPlan, *, name: str, version: str) -> SessionPlan:
    """``plan`` as the practitioner's own: its new name and version, no longer an example (checked)."""
    values = {**plan.model_dump(), "name": name, "version": version, "example": False}
    return SessionPlan.model_validate(values)


def save_plan(
    plan: SessionPlan,
    path: Path | str,
    *,
    name: str,
    version: str,
    library: LimitsLibrary | None = None,
    overwrite: bool = False,
) -> SessionPlan:
    """Write ``plan`` under its new ``name`` and ``version`` to ``path``; return the plan as read back.

    The text is checked by the loader before anything is written (PlanFileError lists every
    problem, and nothing is written). An existing ``path`` is replaced only with ``overwrite``.
    """
    own = renamed(plan, name=name, version=version)
    target = Path(path)
    text = plan_to_toml(own)
    saved = parse_plan(text, str(target), library)
    write_private(target, text.encode("utf-8"), overwrite=overwrite)
    return saved
