"""Words shown for the gun's alarms, states, modes and delivery results, in the interface language.

The words themselves live in :mod:`mesogun.vocabulary` (one home for the screens, the command line and
the paper); these helpers only pass the language the interface speaks.
"""

from __future__ import annotations

from enum import Enum

from gui.language import current_language
from mesogun.vocabulary import name


def alarm_text(code: Enum) -> str:
    """What the alarm means and what to do."""
    return name(code, current_language())


def state_text(state: Enum) -> str:
    """The gun's operating state in words."""
    return name(state, current_language())


def result_text(result: Enum) -> str:
    """A delivery result in words."""
    return name(result, current_language())


def mode_text(mode: Enum) -> str:
    """A delivery mode in words."""
    return name(mode, current_language())
