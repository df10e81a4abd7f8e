"""An alarm row's detail is a code with its parameters; shown in words, an older sentence as it is."""

from __future__ import annotations

import re

from mesogun.session.acknowledgement import Acknowledgement
from mesogun.session.alarm_detail import alarm_detail, detail_parts, detail_words
from mesogun.vocabulary.alarm_details import PARAMETERS, alarm_detail_text
from mesogun.vocabulary.formatting import NBSP

ENGLISH = re.compile(r"\b(raised|by|the|gun|event|shot|of|link|found|when|acknowledged|run)\b")


def test_a_detail_is_a_code_and_parameters_shown_in_words() -> None:
    detail = alarm_detail("shot", 12, "partial", 3.9, 5.0)
    assert detail == "shot 12 partial 3.9 5"
    assert detail_parts(detail) == ("shot", ["12", "partial", "3.9", "5"])
    assert detail_words(detail) == "shot #12 partial: 3.9 of 5 µl"
    assert detail_words(alarm_detail("gun_event", 7)) == "raised by the gun (event #7)"
    assert detail_words("on_return") == "acknowledged on the host’s return, in an attended session"


def test_an_older_sentence_is_shown_as_it_is() -> None:
    assert detail_parts("pressure 410 kPa") is None
    assert detail_words("acknowledged by Dr Martin") == "acknowledged by Dr Martin"
    assert detail_words("") == "" and detail_parts("") is None


def test_every_code_is_said_in_french_and_english() -> None:
    examples = {"gun_event": (7,), "link_lost": (7,), "shot": (12, "partial", 3.9, 5.0)}
    for code in PARAMETERS:
        detail = alarm_detail(code, *examples.get(code, ()))
        french, english = alarm_detail_text(detail, "fr"), alarm_detail_text(detail, "en")
        assert french != english and french != detail and english != detail, code
        assert not ENGLISH.search(french), french
    for how in Acknowledgement:
        assert alarm_detail_text(how.value, "fr") != how.value
    shot = alarm_detail_text(alarm_detail("shot", 12, "partial", 3.9, 5.0), "fr").replace(NBSP, " ")
    assert shot == "injection n° 12 partielle : 3,9 sur 5 µl"
