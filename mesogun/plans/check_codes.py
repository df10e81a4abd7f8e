"""The codes of what the plan checks find, each with its parameters; the vocabulary says them.

A plan file's problems, a draft's refusals and the reasons a session will ask are reported as a
:class:`PlanCheck` code and a mapping of parameters (numbers in their unit, field names, codes), so
that each surface says them in its user's language (``mesogun.vocabulary.plan_check_text``). The
English sentence kept beside them (``PlanProblem.message``) is the same text in English.
"""

from __future__ import annotations

from enum import StrEnum


class PlanCheck(StrEnum):
    """What a check of a plan found (the parameters each one carries are named in the vocabulary)."""

    # the file itself
    UNREADABLE = "unreadable"
    TOO_LARGE = "too_large"
    NOT_UTF8 = "not_utf8"
    TOML_SYNTAX = "toml_syntax"
    TOO_DEEPLY_NESTED = "too_deeply_nested"
    # keys, types and required fields
    MISSING_KEY = "missing_key"
    UNKNOWN_KEY = "unknown_key"
    NOT_A_CHOICE = "not_a_choice"
    BELOW_MINIMUM = "below_minimum"
    AT_LEAST = "at_least"
    ABOVE_MAXIMUM = "above_maximum"
    AT_MOST = "at_most"
    NOT_A_NUMBER = "not_a_number"
    NOT_A_WHOLE_NUMBER = "not_a_whole_number"
    NOT_TRUE_OR_FALSE = "not_true_or_false"
    NOT_TEXT = "not_text"
    EMPTY_TEXT = "empty_text"
    NO_ENTRY = "no_entry"
    BAD_NAME = "bad_name"
    NOT_A_TABLE = "not_a_table"
    NOT_AN_ARRAY = "not_an_array"
    # consistency of the plan's parts (raised by the models with these codes)
    STEP_WITHOUT_PLACE = "step_without_place"
    STEP_TARGETS = "step_targets"
    TARGET_BELOW_ONE_SHOT = "target_below_one_shot"
    QUESTION_TWICE = "question_twice"
    PROPORTIONS = "proportions"
    PRODUCT_TWICE = "product_twice"
    UNKNOWN_ACUPOINT = "unknown_acupoint"
    # the limits library and the product catalogue
    OUTSIDE_GUN_RANGE = "outside_gun_range"
    OFF_DEPTH_STEP = "off_depth_step"
    TOO_DEEP_FOR_AREA = "too_deep_for_area"
    PRODUCT_UNKNOWN = "product_unknown"
    PRODUCT_CORTICOID = "product_corticoid"
    PRODUCT_UNKNOWN_SUBSTANCE = "product_unknown_substance"
    PRODUCT_CONCENTRATION = "product_concentration"
    CAP_PER_POINT = "cap_per_point"
    CAP_PER_SESSION = "cap_per_session"
    # a soft limit: not a refusal, a reason the session will ask
    OUTSIDE_USUAL_RANGE = "outside_usual_range"
    # anything else, said as it came (``text``)
    OTHER = "other"


#: Product refusal reasons (``ProductRefusedError.reason``) by code.
PRODUCT_REFUSALS: dict[str, PlanCheck] = {
    "unknown": PlanCheck.PRODUCT_UNKNOWN,
    "corticoid": PlanCheck.PRODUCT_CORTICOID,
    "unknown-substance": PlanCheck.PRODUCT_UNKNOWN_SUBSTANCE,
    "concentration": PlanCheck.PRODUCT_CONCENTRATION,
}
