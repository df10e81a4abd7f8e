"""The after-care sheet handed to the patient after a session, in French or English.

One A4 page in plain words: the zones treated, what to do in the next 24 hours (with the local time
they end), what may be noticed, when to call the practitioner. It is printed with the session
report (its last page) and on its own. The advice is that of seed 001_4b177e83e1e44852.txt, cited
beside each text below; the Mésostress line follows seed 000_7e7b1f094f749513.txt. The sheet
documents the practitioner's usual advice: it prescribes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

from mesogun import __version__
from mesogun.exports.pdf_document import PdfDocument
from mesogun.exports.pdf_texts import LANGUAGES, ReportTexts
from mesogun.journal.records import DoseRecord, SessionRecord
from mesogun.journal.store import JournalStore
from mesogun.practice import Practice

#: Seed 001: the advice holds « dans les 24 heures suivant le traitement ».
AFTERCARE_HOURS = 24
#: Plans whose sheet adds the Mésostress line.
MESOSTRESS_PLANS = ("mesostress",)

_TEXTS: dict[str, tuple[str, str]] = {
    # key: (French, English)
    "title": ("Conseils après votre séance de mésothérapie", "After your mesotherapy session"),
    "subtitle": ("Patient {patient} — séance du {date}", "Patient {patient} — session of {date}"),
    "practitioner": ("Praticien{colon}{name}", "Practitioner{colon}{name}"),
    "ended": ("Fin de la séance{colon}{time}", "Session ended{colon}{time}"),
    "zones": ("Zones traitées", "Treated areas"),
    "zones.none": ("Aucune injection n’a été faite.", "No injection was given."),
    "next24": (
        "Pendant 24 heures, jusqu’au {until}",
        "For 24 hours, until {until}",
    ),
    # Seed 001: « Appliquer une compression légère sur la zone traitée immédiatement après la séance »
    "advice.compression": (
        "Juste après la séance, appuyez légèrement sur les zones traitées (compression légère).",
        "Right after the session, press lightly on the treated areas (light compression).",
    ),
    # Seed 001: « Utiliser des compresses froides pour réduire l'inflammation et les ecchymoses »
    "advice.cold": (
        "En cas de rougeur, de gonflement ou de bleu, appliquez des compresses froides.",
        "If redness, swelling or a bruise appears, apply cold compresses.",
    ),
    # Seed 001: « Éviter les activités physiques intenses dans les 24 heures suivant le traitement »
    "advice.activity": (
        "Évitez toute activité physique intense.",
        "Avoid any intense physical activity.",
    ),
    # Seed 001: « Éviter de toucher ou de frotter la zone traitée pendant les premières 24 heures »
    "advice.touch": (
        "Ne touchez pas et ne frottez pas les zones traitées.",
        "Do not touch or rub the treated areas.",
    ),
    "expected": ("Ce que vous pouvez remarquer", "What you may notice"),
    # Seed 001: « Ecchymoses légères au site d'injection », « Rougeur et sensibilité locales »,
    # « Démangeaisons passagères »; « ces réactions disparaissent spontanément en quelques jours ».
    "expected.text": (
        "De petits bleus, une rougeur, une sensibilité ou des démangeaisons passagères aux points "
        "d’injection. Ces réactions disparaissent en général d’elles-mêmes en quelques jours.",
        "Small bruises, redness, tenderness or passing itching at the injection points. These usually "
        "go away by themselves within a few days.",
    ),
    "call": ("Quand appeler votre praticien", "When to call your practitioner"),
    # Seed 001: « Si les symptômes persistent ou s'aggravent, il est important de consulter rapidement
    # le praticien »; « Signaler immédiatement tout signe d'infection (rougeur intense, chaleur,
    # gonflement, écoulement) ».
    "call.text": (
        "Si ces réactions durent ou s’aggravent, ou sans attendre devant un signe d’infection{colon}"
        "rougeur intense, chaleur, gonflement, écoulement.",
        "If these reactions last or get worse, or at once on any sign of infection{colon}"
        "intense redness, warmth, swelling, discharge.",
    ),
    # Seed 000: « Ne doit jamais retarder ou remplacer une évaluation psychiatrique spécialisée en cas
    # de symptomatologie sévère. »
    "mesostress": (
        "Ces séances ne remplacent pas le suivi par votre médecin ou votre psychiatre{colon}si vous vous "
        "sentez plus mal, consultez-les sans attendre.",
        "These sessions do not replace the care of your doctor or psychiatrist{colon}if you feel worse, "
        "see them without waiting.",
    ),
    "contact": (
        "Téléphone du cabinet{colon}..............................................",
        "Practice telephone{colon}..............................................",
    ),
    "footer": ("mesogun {version} — remis le {time}", "mesogun {version} — handed out {time}"),
}


def _text(texts: ReportTexts, key: str, **values: object) -> str:
    return _TEXTS[key][LANGUAGES.index(texts.language)].format(colon=texts.colon, **values)


def treated_zones(doses: Sequence[DoseRecord], texts: ReportTexts) -> list[str]:
    """Each place injected (site, side, zone), once, in the order of the session."""
    zones: list[str] = []
    for dose in doses:
        if dose.delivered_volume_ul <= 0:
            continue
        place = texts.site(dose.site_region, dose.laterality, dose.acupoint_code, dose.zone)
        if place not in zones:
            zones.append(place)
    return zones


def session_end(record: SessionRecord, doses: Sequence[DoseRecord]) -> datetime:
    """When the session ended: its close, else its last dose, else its start."""
    if record.ended_at is not None:
        return record.ended_at
    return max((dose.time_utc for dose in doses), default=record.started_at)


def add_letterhead(doc: PdfDocument, practice: Practice | None, texts: ReportTexts) -> None:
    """Who the document comes from, as the practice settings say (a field not set is left out)."""
    p = practice or Practice()
    if p.clinic_name:
        doc.paragraph(p.clinic_name, size_pt=11, bold=True)
    if p.address:
        doc.paragraph(p.address, muted=True)
    rpps = texts("practice.rpps", rpps=p.rpps) if p.rpps else None
    who = " — ".join(part for part in (p.practitioner, rpps) if part)
    if who:
        doc.paragraph(who, muted=True)
    if not p.empty:
        doc.spacer(3)


def add_aftercare(
    doc: PdfDocument,
    record: SessionRecord,
    doses: Sequence[DoseRecord],
    texts: ReportTexts,
    *,
    new_page: bool = False,
    practice: Practice | None = None,
) -> None:
    """Lay the sheet out on ``doc``; ``new_page`` starts it on a page of its own (after a report);
    ``practice``: the clinic at its top (see ``mesogun.practice``; none when not given)."""
    if new_page:
        doc.page_break()
    add_letterhead(doc, practice, texts)
    ended = session_end(record, doses)
    until = ended + timedelta(hours=AFTERCARE_HOURS)
    doc.title_block(
        _text(texts, "title"),
        subtitle=_text(
            texts,
            "subtitle",
            patient=record.patient_pseudonym,
            date=texts.date(texts.local(record.started_at).date()),
        ),
        lines=[
            _text(texts, "practitioner", name=record.practitioner),
            _text(texts, "ended", time=texts.minute(ended)),
        ],
    )
    doc.heading(_text(texts, "zones"), keep_with_next_mm=10)
    zones = treated_zones(doses, texts)
    for zone in zones:
        doc.paragraph(f"•  {zone}", size_pt=11)
    if not zones:
        doc.paragraph(_text(texts, "zones.none"), size_pt=11)
    doc.heading(_text(texts, "next24", until=texts.minute(until)), keep_with_next_mm=30)
    for key in ("advice.compression", "advice.cold", "advice.activity", "advice.touch"):
        doc.paragraph(f"•  {_text(texts, key)}", size_pt=12)
    doc.heading(_text(texts, "expected"))
    doc.paragraph(_text(texts, "expected.text"), size_pt=11)
    doc.heading(_text(texts, "call"))
    doc.paragraph(_text(texts, "call.text"), size_pt=11, bold=True)
    if record.plan_name in MESOSTRESS_PLANS:
        doc.paragraph(_text(texts, "mesostress"), size_pt=11)
    doc.spacer(6)
    doc.paragraph(_text(texts, "contact"), size_pt=11)


def aftercare_sheet(
    record: SessionRecord,
    doses: Sequence[DoseRecord],
    *,
    language: str = "fr",
    generated_at: datetime | None = None,
    practice: Practice | None = None,
) -> PdfDocument:
    """The after-care sheet of a session on its own (``save()`` or ``to_bytes()`` it)."""
    texts = ReportTexts(language)
    doc = PdfDocument(
        f"{_text(texts, 'title')} — {record.patient_pseudonym}",
        page_label=lambda number, total: texts("page", number=number, total=total),
        generated_at=generated_at,
    )
    doc.footer = _text(texts, "footer", version=__version__, time=texts.minute(doc.generated_at))
    add_aftercare(doc, record, doses, texts, practice=practice)
    return doc


def write_aftercare_sheet(
    journal: JournalStore,
    session_id: str,
    path: Path | str,
    *,
    language: str = "fr",
    generated_at: datetime | None = None,
    overwrite: bool = False,
    practice: Practice | None = None,
) -> int:
    """Write the after-care sheet of session ``session_id`` (id or unique prefix) to ``path``; its pages.

    An existing ``path`` is replaced only with ``overwrite``.
    """
    full_id = journal.resolve_session_id(session_id)
    document = aftercare_sheet(
        journal.session(full_id),
        journal.doses(full_id),
        language=language,
        generated_at=generated_at,
        practice=practice,
    )
    return document.save(Path(path), overwrite=overwrite)
