"""``mesogun patients show PSEUDONYM``: one patient over time, from the dose journal.

Sessions with their course and place in it, outcome scores with a bar per session, doses per
product (and per substance when the catalogue knows the product), adverse events. Times are local
with their UTC offset. Labels, the domain's names, numbers and dates follow ``--lang`` (French by
default, as the rest of the command line).
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from mesogun.cli.journal_commands import EXIT_ERROR, _guarded, _open_existing, add_journal_option
from mesogun.clinic.overview import desk_overview
from mesogun.journal.outcome_scores import SCORE_RANGES, ScoreCode
from mesogun.local_time import offset_text, to_local
from mesogun.patients.overview import PatientOverview, Visit, label
from mesogun.vocabulary import Language, local_moment, name, number
from mesogun.vocabulary.counting import counted
from mesogun.vocabulary.formatting import french_spacing

#: Width of the longest score bar (the top of the scale), in characters.
BAR_WIDTH = 28

#: The overview's own words, (French, English); the domain's values are named by the vocabulary.
_WORDS: dict[str, tuple[str, str]] = {
    "patient": ("patient", "patient"),
    "sessions": ("séances", "sessions"),
    "sessions_line": (
        "{sessions} en {courses}, événements indésirables : {events}",
        "{sessions} in {courses}, adverse events: {events}",
    ),
    "course": ("cure", "course"),
    "course_line": (
        "{name} : {sessions}, du {first} au {last} ; la dernière est la séance {position} ({phase})",
        "{name}: {sessions}, {first} to {last}; last is session {position} ({phase})",
    ),
    "next_due": (" ; prochaine prévue le {when}", "; next due {when}"),
    "initial": ("phase initiale", "initial phase"),
    "maintenance": ("phase d’entretien", "maintenance phase"),
    "first": ("première", "first"),
    "days": ("+{days} j", "+{days} d"),
    "place": ("cure {course} n° {position}", "course {course} #{position}"),
    "doses": ("{count} doses", "{count} doses"),
    "not_scored": ("pas de score", "not scored"),
    "scores": ("scores", "scores"),
    "per_product": ("doses par produit (µl injectés)", "doses per product (µl delivered)"),
    "per_substance": ("doses par substance (mg)", "doses per substance (mg)"),
    "none": ("aucune", "none"),
    "cell": ("{label} : {value}", "{label}: {value}"),
    "adverse_events": ("événements indésirables", "adverse events"),
    "event_line": ("séance {session} : {description}", "session {session}: {description}"),
    "action": (" ; conduite tenue : {action}", "; action: {action}"),
    "none_recorded": ("aucun enregistré", "none recorded"),
}


def _word(key: str, language: Language, **values: object) -> str:
    french, english = _WORDS[key]
    text = french_spacing(french) if language == "fr" else english
    return text.format(**values) if values else text


def _moment(moment: datetime, language: Language) -> str:
    """Local date and time in the language's way, with the UTC offset (unambiguous when clocks change)."""
    return local_moment(moment, language) + offset_text(to_local(moment))


def _score_cells(visit: Visit, language: Language) -> str:
    cells = [f"{name(code, language)} {visit.scores[code]}" for code in ScoreCode if code in visit.scores]
    return ", ".join(cells) if cells else _word("not_scored", language)


def print_overview(overview: PatientOverview, language: Language = "fr") -> None:
    """The overview as plain text, for the terminal, in ``language``."""
    visits = overview.visits

    def word(key: str, **values: object) -> str:
        return _word(key, language, **values)

    def when(moment: datetime) -> str:
        return _moment(moment, language)

    print(f"{word('patient'):<14} {overview.pseudonym}")
    counts = word(
        "sessions_line",
        sessions=len(visits),
        courses=counted(len(overview.courses), "course", language),
        events=overview.adverse_event_count,
    )
    print(f"{word('sessions'):<14} {counts}")
    for course in overview.courses:
        last = course.visits[-1]
        phase = word("initial") if last.in_initial_phase else word("maintenance")
        line = word(
            "course_line",
            name=course.plan_name or course.indication,
            sessions=counted(len(course.visits), "session", language),
            first=when(course.first_at),
            last=when(course.last_at),
            position=last.position_in_course,
            phase=phase,
        )
        if course.next_due_at:
            line += word("next_due", when=when(course.next_due_at))
        print(f"{word('course')} {course.number:<{13 - len(word('course'))}} {line}")
    print()
    print(word("sessions"))
    for visit in visits:
        if visit.days_since_previous is not None:
            gap = word("days", days=number(visit.days_since_previous, 0, language))
        else:
            gap = word("first")
        plan = f"{visit.plan_name or '—'} {visit.plan_version or ''}".strip()
        place = word("place", course=visit.course_number, position=visit.position_in_course)
        doses = word("doses", count=f"{visit.dose_count:>4}")
        figures = f"{doses}  {number(visit.delivered_ul, 1, language):>8} µl"
        print(
            f"  {when(visit.started_at)}  {visit.session_id[:8]}  {place}  {gap:>8}  "
            f"{name(visit.status, language):11}  {plan:18}  {figures}  {_score_cells(visit, language)}"
        )
    codes = overview.scored_codes()
    if codes:
        print()
        print(word("scores"))
        for code in codes:
            high = SCORE_RANGES[code][1]
            print(f"  {name(code, language)} (0-{high})")
            for moment, value in overview.score_series(code):
                bar = "#" * round(value / high * BAR_WIDTH)
                print(f"    {when(moment)}  {value:>3}  {bar}")
    print()
    print(word("per_product"))
    for visit in visits:
        cells = ", ".join(
            word("cell", label=label(p), value=number(p.delivered_ul, 1, language)) for p in visit.products
        )
        print(f"  {when(visit.started_at)}  {cells or word('none')}")
    if overview.substance_codes():
        print()
        print(word("per_substance"))
        for visit in visits:
            cells = ", ".join(
                word("cell", label=overview.substance_name(code, language), value=number(mg, 2, language))
                for code, mg in visit.substances_mg.items()
            )
            print(f"  {when(visit.started_at)}  {cells or word('none')}")
    print()
    print(word("adverse_events"))
    events = [(visit, event) for visit in visits for event in visit.adverse_events]
    for visit, event in events:
        severity = f" [{name(event.severity, language)}]" if event.severity else ""
        action = word("action", action=event.action_taken) if event.action_taken else ""
        line = word("event_line", session=visit.session_id[:8], description=event.description)
        print(f"  {when(event.observed_at)}  {line}{severity}{action} ({event.reported_by})")
    if not events:
        print(f"  {word('none_recorded')}")


def _cmd_show(args: argparse.Namespace) -> int:
    with _open_existing(args) as journal:
        overview = desk_overview(journal, args.pseudonym)
    if not overview.visits:
        print(
            f"mesogun: no session of patient {args.pseudonym!r} in the journal; "
            "list them with `mesogun sessions list`",
            file=sys.stderr,
        )
        return EXIT_ERROR
    print_overview(overview, args.lang)
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``patients`` to the ``mesogun`` command line."""
    patients = sub.add_parser("patients", help="one patient over time: sessions, courses, doses, scores")
    add_journal_option(patients)
    patients_sub = patients.add_subparsers(dest="patients_command", metavar="ACTION", required=True)
    show = patients_sub.add_parser(
        "show",
        help="every session of a pseudonym with its course, scores, doses per product and adverse events",
    )
    show.add_argument("pseudonym", metavar="PSEUDONYM", help="the patient's pseudonym, as recorded")
    show.add_argument(
        "--lang", choices=("fr", "en"), default="fr", help="language of the overview (default: fr)"
    )
    add_journal_option(show)
    show.set_defaults(handler=_guarded(_cmd_show))
