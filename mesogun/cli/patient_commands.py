"""``mesogun patients show PSEUDONYM``: one patient over time, from the dose journal.

Sessions with their course and place in it, outcome scores with a bar per session, doses per
product (and per substance when the catalogue knows the product), adverse events. Times are local
with their UTC offset.
"""

from __future__ import annotations

import argparse
import sys

from mesogun.cli.journal_commands import EXIT_ERROR, _guarded, _open_existing, add_journal_option
from mesogun.journal.outcome_scores import SCORE_RANGES, ScoreCode
from mesogun.local_time import local_text
from mesogun.patients.overview import PatientOverview, Visit, desk_overview, label

#: Width of the longest score bar (the top of the scale), in characters.
BAR_WIDTH = 28

SCORE_LABELS: dict[ScoreCode, str] = {
    ScoreCode.PAIN_NRS_BEFORE: "pain before",
    ScoreCode.PAIN_NRS_AFTER: "pain after",
    ScoreCode.HAM_A: "HAM-A",
}


def _when(visit: Visit) -> str:
    return local_text(visit.started_at, seconds=False)


def _score_cells(visit: Visit) -> str:
    cells = [f"{SCORE_LABELS[code]} {visit.scores[code]}" for code in ScoreCode if code in visit.scores]
    return ", ".join(cells) if cells else "not scored"


def print_overview(overview: PatientOverview) -> None:
    """The overview as plain text, for the terminal."""
    visits = overview.visits
    print(f"patient        {overview.pseudonym}")
    print(
        f"sessions       {len(visits)} in {len(overview.courses)} course(s), "
        f"adverse events: {overview.adverse_event_count}"
    )
    for course in overview.courses:
        last = course.visits[-1]
        phase = "initial phase" if last.in_initial_phase else "maintenance phase"
        name = course.plan_name or course.indication
        print(
            f"course {course.number:<7} {name}: {len(course.visits)} session(s), "
            f"{local_text(course.first_at, seconds=False)} to {local_text(course.last_at, seconds=False)}; "
            f"last is session {last.position_in_course} ({phase})"
            + (f"; next due {local_text(course.next_due_at, seconds=False)}" if course.next_due_at else "")
        )
    print()
    print("sessions")
    for visit in visits:
        gap = f"+{visit.days_since_previous:.0f} d" if visit.days_since_previous is not None else "first"
        plan = f"{visit.plan_name or '—'} {visit.plan_version or ''}".strip()
        place = f"course {visit.course_number} #{visit.position_in_course}"
        figures = f"{visit.dose_count:>4} doses  {visit.delivered_ul:8.1f} µl"
        print(
            f"  {_when(visit)}  {visit.session_id[:8]}  {place}  {gap:>7}  {visit.status.value:9}  "
            f"{plan:18}  {figures}  {_score_cells(visit)}"
        )
    codes = overview.scored_codes()
    if codes:
        print()
        print("scores")
        for code in codes:
            high = SCORE_RANGES[code][1]
            print(f"  {SCORE_LABELS[code]} (0-{high})")
            for moment, value in overview.score_series(code):
                bar = "#" * round(value / high * BAR_WIDTH)
                print(f"    {local_text(moment, seconds=False)}  {value:>3}  {bar}")
    print()
    print("doses per product (µl delivered)")
    for visit in visits:
        cells = ", ".join(f"{label(p)}: {p.delivered_ul:.1f}" for p in visit.products) or "none"
        print(f"  {_when(visit)}  {cells}")
    if overview.substance_codes():
        print()
        print("doses per substance (mg)")
        for visit in visits:
            cells = (
                ", ".join(
                    f"{overview.substance_name(code, 'en')}: {mg:.2f}"
                    for code, mg in visit.substances_mg.items()
                )
                or "none"
            )
            print(f"  {_when(visit)}  {cells}")
    print()
    print("adverse events")
    events = [(visit, event) for visit in visits for event in visit.adverse_events]
    for visit, event in events:
        severity = f" [{event.severity.value}]" if event.severity else ""
        action = f"; action: {event.action_taken}" if event.action_taken else ""
        print(
            f"  {local_text(event.observed_at, seconds=False)}  session {visit.session_id[:8]}: "
            f"{event.description}{severity}{action} ({event.reported_by})"
        )
    if not events:
        print("  none recorded")


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
    print_overview(overview)
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
    add_journal_option(show)
    show.set_defaults(handler=_guarded(_cmd_show))
