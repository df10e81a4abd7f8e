"""The errors a user meets at the chair, said in French and English from their codes and figures."""

from __future__ import annotations

import re
import string
from datetime import date

import pytest

from firmware_protocol import AlarmCode, Status
from mesogun.errors import (
    DeviceAlarmError,
    DeviceRefusedError,
    DeviceTimeoutError,
    InvalidChoiceError,
    LinkLostError,
    OutcomeUnknownError,
    OutOfRangeError,
)
from mesogun.session import CommandRefusedError, ExpiredProductError, Refusal, SessionState
from mesogun.session.states import InvalidTransition, Trigger
from mesogun.vocabulary import error_text
from mesogun.vocabulary.error_words import REFUSAL_WORDS, STATUS_ADVICE

# Words that give English away in a French text.
ENGLISH = re.compile(
    r"\b(the|gun|refused|allowed|range|shot|shots|fired|point is|alarm|check|cable|connection|lost|"
    r"answer|before|nothing|reason|syringe|choose|step|not)\b",
    re.IGNORECASE,
)


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("refusal", list(Refusal), ids=lambda r: r.name)
def test_every_refusal_has_words_in_both_languages_with_the_same_parameters(refusal: Refusal) -> None:
    french, english = REFUSAL_WORDS[refusal.name]
    assert _fields(french) == _fields(english)
    assert not ENGLISH.search(french), french


@pytest.mark.parametrize("status", [s for s in Status if s is not Status.OK], ids=lambda s: s.name)
def test_every_refusal_status_of_the_gun_has_advice_in_both_languages(status: Status) -> None:
    french, english = STATUS_ADVICE[status.name]
    assert french and english and not ENGLISH.search(french)


def test_a_setting_out_of_range_names_the_setting_value_and_range_in_french() -> None:
    error = OutOfRangeError("depth_mm", 14.5, 0.5, 13.0, "mm", refused_by_device=True)
    assert error_text(error, "fr") == (
        "profondeur = 14,5\u00a0mm est hors de la plage permise (0,5–13\u00a0mm)\u00a0: "
        "choisissez une valeur dans la plage (refusé par le pistolet)"
    )
    assert error_text(error, "en") == (
        "depth = 14.5\u00a0mm is out of range (allowed 0.5–13\u00a0mm); choose a value in it "
        "(refused by the gun)"
    )
    off_step = OutOfRangeError("volume_ul", 50.05, 1.0, 500.0, "µl", step=0.1)
    assert error_text(off_step, "fr").startswith(
        "volume = 50,05\u00a0µl ne tombe pas sur un pas de 0,1\u00a0µl"
    )


@pytest.mark.parametrize(
    ("error", "french"),
    [
        (
            DeviceRefusedError(Status.NOT_ARMED, "FIRE"),
            "refusé par le pistolet\u00a0: le pistolet n’est pas armé\u202f; armez-le avant d’injecter",
        ),
        (
            DeviceAlarmError({AlarmCode.OCCLUSION}, "ARM"),
            "refusé\u00a0: alarme active (occlusion / surpression)\u202f; corrigez la cause, puis acquittez "
            "l’alarme avant de continuer",
        ),
        (
            LinkLostError("[Errno 5] Input/output error"),
            "La liaison avec le pistolet est perdue. Vérifiez le câble USB et que le pistolet est allumé.",
        ),
        (
            DeviceTimeoutError("STATUS", 1.5),
            "Le pistolet n’a pas répondu dans les 1,5\u00a0s. Vérifiez le câble\u202f; "
            "s’il est occupé, réessayez.",
        ),
        (
            CommandRefusedError("x", Refusal.REMAINDER_TOO_SMALL, remainder_ul=0.5, point=3, min_ul=1.0),
            "les 0,5\u00a0µl restant au point 3 sont moins que la plus petite injection du pistolet "
            "(1\u00a0µl)\u00a0: "
            "terminez le point tel quel ou sautez-le",
        ),
        (
            CommandRefusedError("x", Refusal.GUN_ALARM, alarms="OCCLUSION, SYRINGE_EMPTY"),
            "le pistolet signale\u00a0: occlusion / surpression, seringue vide\u202f; corrigez la cause et "
            "acquittez l’alarme d’abord",
        ),
        (
            ExpiredProductError([("Procaïne 2 %", "L1-2401", date(2025, 2, 28))], date(2025, 3, 4)),
            "produit périmé refusé (Procaïne 2 % lot L1-2401 périmé le 28/02/2025\u202f; nous sommes le "
            "04/03/2025)\u00a0: utilisez un produit dans sa date",
        ),
        (
            InvalidTransition(SessionState.COMPLETED, Trigger.PAUSE),
            "refusé dans l’état de la séance\u00a0: terminée",
        ),
        (
            CommandRefusedError("x", Refusal.WRONG_STATE, state="paused"),
            "refusé dans l’état de la séance\u00a0: en pause",
        ),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Exception) else "",
)
def test_the_errors_met_at_the_chair_are_said_in_french(error: Exception, french: str) -> None:
    text = error_text(error, "fr")
    assert text == french
    assert not ENGLISH.search(text)


def test_english_keeps_the_log_message_where_the_codes_say_the_same() -> None:
    refused = CommandRefusedError("no current point", Refusal.NO_CURRENT_POINT)
    assert error_text(refused, "en") == str(refused)
    assert error_text(OutcomeUnknownError("FIRE", "no reply"), "en").startswith("The command was sent")
    choice = InvalidChoiceError("capacity_ml", 7, (1, 3, 5, 10), "ml")
    assert error_text(choice, "fr") == (
        "contenance de la seringue = 7\u00a0ml n’est pas permis par ce pistolet "
        "(permis\u00a0: 1, 3, 5, 10\u00a0ml)"
    )


def test_an_error_without_a_code_is_shown_as_its_message() -> None:
    assert error_text(ValueError("something odd"), "fr") == "something odd"
