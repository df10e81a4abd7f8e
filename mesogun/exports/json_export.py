"""JSON export: each session record with its doses, in the journal's record shapes and host units.

Layout: ``{"format": "mesogun.journal-export", "version": 1, "sessions": [{...session, "doses": [...]}]}``.
Times are ISO 8601 UTC, volumes in µl, depths in mm, flows in µl/s (the field names say so).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from mesogun.exports.selection import ExportedSession

FORMAT_NAME = "mesogun.journal-export"
FORMAT_VERSION = 1


def export_document(sessions: Iterable[ExportedSession]) -> dict[str, Any]:
    """The export as plain JSON-ready data."""
    documents: list[dict[str, Any]] = []
    for exported in sessions:
        document = exported.session.model_dump(mode="json")
        document["doses"] = [dose.model_dump(mode="json") for dose in exported.doses]
        documents.append(document)
    return {"format": FORMAT_NAME, "version": FORMAT_VERSION, "sessions": documents}


def to_json(sessions: Iterable[ExportedSession]) -> str:
    """The export as indented JSON text (UTF-8 characters kept as they are)."""
    return json.dumps(export_document(sessions), indent=2, ensure_ascii=False) + "\n"
