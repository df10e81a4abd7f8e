"""JSON export: each session record with its doses, in the journal's record shapes and host units.

Layout: ``{"format": "mesogun.journal-export", "version": 1, "sessions": [{...session, "doses": [...]}]}``.
Times are ISO 8601 UTC, volumes in µl, depths in mm, flows in µl/s (the field names say so).

What the host recorded of its own accord (a close's ``abort_reason``, a skip's or a decision's
``reason``, a note's ``text``, a calibration warning's ``message``) is exported twice: the field holds
it in English words (the language of this export's names), and a sibling ``<field>_remark`` holds its
code and parameters for a program, e.g. ``"abort_reason_remark": {"code": "early_end", "parameters":
{"practitioner": "Dr Martin", "points_done": 0, "points_total": 6}}`` (parameters read from an older
journal's English sentence are its words, as text). A person's words are exported as written, with
no sibling.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from mesogun.exports.selection import ExportedSession
from mesogun.vocabulary import read_remark, remark_text

FORMAT_NAME = "mesogun.journal-export"
FORMAT_VERSION = 1


#: Where the host's remarks may be: (list of the session document or None for the session, field).
_REMARK_FIELDS = (
    (None, "abort_reason"),
    ("notes", "text"),
    ("skips", "reason"),
    ("decisions", "reason"),
    ("calibration_warnings", "message"),
)


def _with_remark(item: dict[str, Any], field: str) -> None:
    """The host remark of ``item[field]`` in English words, its code and parameters beside it."""
    remark = read_remark(item.get(field))
    if remark is None:
        return
    item[f"{field}_remark"] = {"code": remark.code.value, "parameters": remark.values}
    item[field] = remark_text(item[field], "en")


def export_document(sessions: Iterable[ExportedSession]) -> dict[str, Any]:
    """The export as plain JSON-ready data."""
    documents: list[dict[str, Any]] = []
    for exported in sessions:
        document = exported.session.model_dump(mode="json")
        for group, field in _REMARK_FIELDS:
            for item in [document] if group is None else document.get(group, []):
                _with_remark(item, field)
        document["doses"] = [dose.model_dump(mode="json") for dose in exported.doses]
        documents.append(document)
    return {"format": FORMAT_NAME, "version": FORMAT_VERSION, "sessions": documents}


def to_json(sessions: Iterable[ExportedSession]) -> str:
    """The export as indented JSON text (UTF-8 characters kept as they are)."""
    return json.dumps(export_document(sessions), indent=2, ensure_ascii=False) + "\n"
