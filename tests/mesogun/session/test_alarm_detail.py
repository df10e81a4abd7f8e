"""An alarm row's detail is a code with its parameters; shown in words, an older sentence as it is."""

from __future__ import annotations

from mesogun.session.alarm_detail import alarm_detail, detail_parts, detail_words


def test_a_detail_is_a_code_and_parameters_shown_in_words() -> None:
    detail = alarm_detail("shot", 12, "partial", 3.9, 5.0)
    assert detail == "shot 12 partial 3.9 5"
    assert detail_parts(detail) == ("shot", ["12", "partial", "3.9", "5"])
    assert detail_words(detail) == "shot #12 partial: 3.9 of 5 µl"
    assert detail_words(alarm_detail("gun_event", 7)) == "raised by the gun (event #7)"
    assert detail_words("on_return") == "acknowledged on the host's return, in an attended session"


def test_an_older_sentence_is_shown_as_it_is() -> None:
    assert detail_parts("pressure 410 kPa") is None
    assert detail_words("acknowledged by Dr Martin") == "acknowledged by Dr Martin"
    assert detail_words("") == "" and detail_parts("") is None
