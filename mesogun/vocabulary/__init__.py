"""The domain's words, in French and English, for every surface (screens, command line, paper).

One home for the names of the domain's values (techniques, sides, the gun's modes, states, alarms,
results and reasons, dose results, session states and statuses, severities), for one description of
each device event (:func:`describe`), and for the way each language writes numbers, quantities and
moments. Callers pass the language (``"fr"`` or ``"en"``); the journal keeps codes, never these words.
"""

from __future__ import annotations

from mesogun.vocabulary.error_words import error_text
from mesogun.vocabulary.events import describe, event_kind
from mesogun.vocabulary.formatting import Language, local_moment, number, quantity
from mesogun.vocabulary.names import NAMED_ENUMS, all_names, name, name_in_sentence, name_of_code
from mesogun.vocabulary.plan_checks import plan_check_text
from mesogun.vocabulary.remarks import read_remark, remark_code, remark_text

__all__ = [
    "NAMED_ENUMS",
    "Language",
    "all_names",
    "describe",
    "error_text",
    "event_kind",
    "local_moment",
    "name",
    "name_in_sentence",
    "name_of_code",
    "number",
    "plan_check_text",
    "quantity",
    "read_remark",
    "remark_code",
    "remark_text",
]
