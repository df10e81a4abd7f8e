"""How an alarm was acknowledged: the code journaled with the acknowledgement, beside who gave it.

An acknowledgement row of the journal's ``alarms`` table (``raised`` = 0) carries the person in
``operator`` and one of these codes in ``detail``; the words for it belong to whoever shows it.
"""

from __future__ import annotations

from enum import StrEnum


class Acknowledgement(StrEnum):
    """Who acknowledged, in kind: a person, an attended session on the host's return, an unattended run."""

    #: A person acknowledged: the app's banner or its A key, Enter in ``mesogun run`` on a terminal.
    OPERATOR = "operator"
    #: The gun disarmed itself (WATCHDOG) while the host was away; the attended session that came back
    #: acknowledged it by itself, in the practitioner's name, and went on.
    ON_RETURN = "on_return"
    #: A run nobody attends (``mesogun run`` without a terminal) that was allowed to acknowledge by an
    #: explicit option; ``operator`` is the practitioner who started it.
    UNATTENDED = "unattended"

    @classmethod
    def of(cls, detail: str) -> Acknowledgement | None:
        """The kind a journal row's ``detail`` holds (None for rows written before it was a code)."""
        try:
            return cls(detail)
        except ValueError:
            return None
