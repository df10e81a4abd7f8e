"""Problems found in a plan file, each with file, line, field path and value, in plain words."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from mesogun.errors import MesogunError
from mesogun.plans.check_codes import PlanCheck
from mesogun.plans.toml_index import Path

NO_VALUE: Any = object()


def format_path(path: Path) -> str:
    """``("steps", 3, "depth_mm")`` → ``"steps[3].depth_mm"``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def format_value(value: Any) -> str:
    """A value as it would be written in the file (long tables and arrays abbreviated)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    if isinstance(value, dict):
        return "{ … }"
    if isinstance(value, list):
        return "[ … ]"
    return repr(value)


@dataclass(frozen=True)
class PlanProblem:
    """One thing wrong in a plan file. ``line`` is 1-based (None when the file has no such key at all).

    ``code`` and ``params`` say what is wrong for every language (``mesogun.vocabulary.plan_check_text``);
    ``message`` is the same in English.
    """

    file: str
    line: int | None
    path: Path
    message: str
    value: Any = NO_VALUE
    code: PlanCheck = PlanCheck.OTHER
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def field(self) -> str:
        """The field path in the file, e.g. ``steps[3].depth_mm``."""
        return format_path(self.path)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        what = self.field or "(file)"
        if self.value is not NO_VALUE:
            what += f" = {format_value(self.value)}"
        return f"{where}: {what}: {self.message}"


class PlanFileError(MesogunError, ValueError):
    """A plan file that cannot be used; ``problems`` lists every problem found, in file order."""

    def __init__(self, file: str, problems: Iterable[PlanProblem]) -> None:
        self.file = file
        self.problems = tuple(sorted(problems, key=lambda p: (p.line or 0, p.field)))
        count = len(self.problems)
        if count == 1:
            super().__init__(str(self.problems[0]))  # one problem: one line, the file named in it
            return
        header = f"{file}: {count} problems in the plan file"
        super().__init__("\n".join([header, *(f"  {p}" for p in self.problems)]))
