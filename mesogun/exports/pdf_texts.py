"""The words of the printed reports, in French and in English (the practitioner's language).

mesogun has no Qt translation of its own: the report's texts are this table, one entry per key and
language. ``ReportTexts(language)`` gives the texts and writes numbers and times the way the language
does (decimal comma and « » in French). Clinical words keep their French names in both languages
where the practitioner uses them (nappage, papule).
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from mesogun.local_time import offset_text, to_local
from mesogun.vocabulary import Language, name_of_code, number, remark_text

LANGUAGES: tuple[str, ...] = ("fr", "en")

_NBSP = "\u00a0"  # before « : ; ! ? » in French, and between a number and its unit
_NNBSP = "\u202f"  # French thousands separator

_TEXTS: dict[str, tuple[str, str]] = {
    # key: (French, English)
    "report.title": ("Compte rendu de séance", "Session report"),
    "report.subtitle": ("Patient {patient} — séance du {date}", "Patient {patient} — session of {date}"),
    "report.purpose": (
        "Document destiné au dossier du patient, établi d’après le journal des doses. "
        "Heures locales, suivies de leur décalage par rapport à UTC.",
        "For the patient file, drawn from the dose journal. Local times, followed by their offset from UTC.",
    ),
    "page": ("Page {number} sur {total}", "Page {number} of {total}"),
    "practice.rpps": ("RPPS {rpps}", "RPPS {rpps}"),
    "signature.date": ("Date", "Date"),
    "signature.practitioner": ("Signature du praticien", "Practitioner’s signature"),
    "footer": ("mesogun {version} — généré le {time}", "mesogun {version} — generated {time}"),
    # sections
    "section.session": ("Séance", "Session"),
    "section.screening": ("Consentement et contre-indications", "Consent and contraindications"),
    "section.products": ("Produits", "Products"),
    "section.delivery": ("Bilan des injections", "Delivery"),
    "section.doses": ("Doses ({count})", "Doses ({count})"),
    "section.alarms": ("Alarmes", "Alarms"),
    "section.overrides": ("Dépassements de limites confirmés", "Confirmed limit overrides"),
    "section.skips": ("Points quittés avant leur objectif", "Points left short of their target"),
    "section.decisions": (
        "Points laissés incomplets par une injection coupée",
        "Points left short by a cut shot",
    ),
    "section.syringes": ("Changements de seringue", "Syringe changes"),
    "section.calibration": ("Avertissements d’étalonnage", "Calibration warnings"),
    "section.notes": ("Notes", "Notes"),
    "section.adverse": ("Événements indésirables", "Adverse events"),
    "section.corrections": ("Corrections", "Corrections"),
    "section.journal": ("Journal des doses", "Dose journal"),
    # identity
    "field.session_id": ("Identifiant de séance", "Session id"),
    "field.patient": ("Patient (pseudonyme)", "Patient (pseudonym)"),
    "field.practitioner": ("Praticien", "Practitioner"),
    "field.indication": ("Indication", "Indication"),
    "field.plan": ("Protocole", "Plan"),
    "field.limits": ("Bibliothèque de limites", "Limits library"),
    "field.device": ("Pistolet", "Gun"),
    "field.calibration": ("Étalonnage", "Calibration"),
    "field.started": ("Début", "Start"),
    "field.ended": ("Fin", "End"),
    "field.status": ("Statut", "Status"),
    "field.next_due": ("Prochaine séance prévue à partir du", "Next session due from"),
    "field.consent": ("Consentement", "Consent"),
    "field.screened_by": ("Contre-indications vérifiées par", "Screened by"),
    "plan.version": ("{name}, version {version}", "{name}, version {version}"),
    "plan.hash": ("{plan} (empreinte {hash})", "{plan} (hash {hash})"),
    "device.firmware": ("{serial}, micrologiciel {firmware}", "{serial}, firmware {firmware}"),
    "none": ("—", "—"),
    "status.completed": ("terminée", "completed"),
    "status.aborted": ("interrompue", "aborted"),
    "status.open": ("ouverte (non clôturée)", "open (not closed)"),
    "status.with_reason": ("{status} — motif{nbsp}: {reason}", "{status} — reason: {reason}"),
    "consent.given": ("recueilli le {time}", "given on {time}"),
    "consent.refused": ("non recueilli", "not given"),
    "consent.unknown": ("non enregistré", "not recorded"),
    # tables
    "col.question": ("Question", "Question"),
    "col.answer": ("Réponse", "Answer"),
    "col.blocking": ("Bloquante", "Blocking"),
    "col.product": ("Produit", "Product"),
    "col.concentration": ("Concentration", "Concentration"),
    "col.lot": ("Lot", "Lot"),
    "col.expiry": ("Péremption", "Expiry"),
    "col.share": ("Part (%)", "Share (%)"),
    "col.delivered_ul": ("Injecté (µl)", "Delivered (µl)"),
    "col.delivered_mg": ("Substance active (mg)", "Active substance (mg)"),
    "col.commanded_ul": ("Commandé (µl)", "Commanded (µl)"),
    "col.number": ("N°", "No."),
    "col.time": ("Heure", "Time"),
    "col.point": ("Point", "Point"),
    "col.site": ("Site", "Site"),
    "col.technique": ("Technique", "Technique"),
    "col.depth": ("Profondeur (mm)", "Depth (mm)"),
    "col.result": ("Résultat", "Result"),
    "col.override_reason": ("Motif du dépassement", "Override reason"),
    "col.alarm": ("Alarme", "Alarm"),
    "col.priority": ("Priorité", "Priority"),
    "col.event": ("Évènement", "Event"),
    "col.detail": ("Détail", "Detail"),
    "col.operator": ("Opérateur", "Operator"),
    "col.field": ("Paramètre", "Setting"),
    "col.value": ("Valeur", "Value"),
    "col.limit": ("Limite", "Limit"),
    "col.reason": ("Motif", "Reason"),
    "col.decision": ("Choix", "Choice"),
    "col.delivered_of_target": ("Reçu / prévu (µl)", "Received / planned (µl)"),
    "col.remainder_shot": ("Complément (µl)", "Remainder shot (µl)"),
    "decision.complete": ("compléter avec le reste", "complete with the remainder"),
    "decision.done": ("terminé tel quel", "ended as it is"),
    "decision.skip": ("point sauté", "point skipped"),
    "col.confirmed_by": ("Confirmé par", "Confirmed by"),
    "col.products_lots": ("Produits (lot)", "Products (lot)"),
    "col.capacity": ("Contenance (ml)", "Capacity (ml)"),
    "col.fill": ("Remplissage (µl)", "Fill (µl)"),
    "col.gun": ("Pistolet", "Gun"),
    "col.calibration": ("Étalonnage", "Calibration"),
    "col.message": ("Message", "Message"),
    "col.acknowledged_by": ("Pris en compte par", "Acknowledged by"),
    "col.author": ("Auteur", "Author"),
    "col.note": ("Note", "Note"),
    "col.observed": ("Constaté", "Observed"),
    "col.description": ("Description", "Description"),
    "col.severity": ("Gravité", "Severity"),
    "col.action": ("Conduite tenue", "Action taken"),
    "col.reported_by": ("Signalé par", "Reported by"),
    "col.row": ("Ligne corrigée", "Corrected row"),
    "col.change": ("Modification", "Change"),
    "col.planned_ul": ("Prévu (µl)", "Planned (µl)"),
    "col.shots": ("Injections", "Shots"),
    "col.outcome": ("Bilan", "Outcome"),
    "yes": ("oui", "yes"),
    "no": ("non", "no"),
    # delivery
    "delivery.doses": ("Doses enregistrées", "Doses recorded"),
    "delivery.delivered": ("Volume injecté", "Volume delivered"),
    "delivery.planned": ("Volume prévu", "Volume planned"),
    "delivery.short_doses": ("Doses incomplètes", "Incomplete doses"),
    "delivery.points": ("Points", "Points"),
    # "label: count" forms: French agrees the word with the number otherwise (1 partiel, 2 partiels).
    "delivery.points_value": (
        "réalisés{nbsp}: {done}, partiels{nbsp}: {partial}, sautés{nbsp}: {skipped}, "
        "non réalisés{nbsp}: {not_done}",
        "done: {done}, partial: {partial}, skipped: {skipped}, not done: {not_done}",
    ),
    "delivery.points_no_plan": (
        "injectés{nbsp}: {delivered}, sautés{nbsp}: {skipped}",
        "injected: {delivered}, skipped: {skipped}",
    ),
    "delivery.plan_unknown": (
        "Le protocole de cette séance n’est pas disponible{nbsp}: les volumes prévus ne sont pas indiqués.",
        "The plan of this session is not available: planned volumes are not shown.",
    ),
    "outcome.done": ("réalisé", "done"),
    "outcome.partial": ("partiel", "partial"),
    "outcome.skipped": ("sauté", "skipped"),
    "outcome.not_done": ("non réalisé", "not done"),
    "outcome.delivered": ("injecté", "injected"),
    "chart.points": ("Volume par point{nbsp}: prévu et injecté", "Volume per point: planned and delivered"),
    "chart.points_delivered": ("Volume injecté par point", "Volume delivered per point"),
    "chart.cumulative": ("Volume cumulé injecté", "Cumulative volume delivered"),
    "chart.planned": ("Prévu", "Planned"),
    "chart.delivered": ("Injecté", "Delivered"),
    "chart.volume": ("Volume (µl)", "Volume (µl)"),
    "chart.minutes": ("Temps depuis le début (min)", "Time since the start (min)"),
    "chart.point_axis": ("Point n°", "Point no."),
    # empty sections
    "empty.screening": ("Aucune recherche de contre-indications enregistrée.", "No screening recorded."),
    "empty.products": ("Aucun produit enregistré.", "No product recorded."),
    "empty.doses": ("Aucune dose enregistrée.", "No dose recorded."),
    "empty.alarms": ("Aucune alarme enregistrée.", "No alarm recorded."),
    "empty.overrides": ("Aucun dépassement.", "No override."),
    "empty.skips": ("Aucun point quitté avant son objectif.", "No point left short of its target."),
    "empty.decisions": ("Aucun point laissé incomplet.", "No point left short."),
    "empty.syringes": ("Aucun changement de seringue.", "No syringe change."),
    "empty.calibration": ("Aucun avertissement d’étalonnage.", "No calibration warning."),
    "empty.notes": ("Aucune note.", "No note."),
    "empty.adverse": ("Aucun événement indésirable enregistré.", "No adverse event recorded."),
    "empty.corrections": ("Aucune correction.", "No correction."),
    # journal
    "journal.position": ("Position dans le journal", "Position in the journal"),
    "journal.position_value": (
        "séance ouverte à la ligne {opened}{nbsp}; dernière ligne imprimée ici{nbsp}: {last}",
        "session opened at row {opened}; last row printed here: {last}",
    ),
    "journal.check": ("Contrôle à l’impression", "Check at printing"),
    "journal.intact": ("intact{nbsp}: {rows} lignes contrôlées", "intact: {rows} rows checked"),
    "journal.broken": (
        "ALTÉRÉ{nbsp}: rupture à la ligne {seq} de la table « {table} » — {reason}",
        "BROKEN: the chain breaks at row {seq} of table “{table}” — {reason}",
    ),
    "journal.not_checked": ("non contrôlé", "not checked"),
    "journal.head": ("Tête du journal", "Journal head"),
    "journal.head_value": ("ligne {seq}, SHA-256 {hash}", "row {seq}, SHA-256 {hash}"),
    "journal.explain": (
        "L’empreinte de tête fige toutes les lignes écrites jusqu’à cette position, y compris celles de ce "
        "compte rendu{nbsp}: conservez-la dans le dossier du patient pour déceler une réécriture "
        "ultérieure du journal.",
        "The head hash fixes every row written up to that position, those of this report included: keep "
        "it in the patient file to detect a later rewrite of the journal.",
    ),
    "broken.edited": ("une ligne a été modifiée ou déplacée", "a row was edited or moved"),
    "broken.deleted": ("une ligne a été supprimée", "a row was deleted"),
    "broken.inserted": ("une ligne a été insérée", "a row was inserted"),
    "broken.relinked": (
        "une ligne a été insérée, remplacée ou déplacée",
        "a row was inserted, replaced or moved",
    ),
    "broken.truncated": ("des lignes ont été supprimées à la fin", "rows were deleted from the end"),
    "broken.extended": (
        "des lignes ont été ajoutées ou remplacées hors du journal",
        "rows were added or replaced outside the journal",
    ),
    "broken.unknown": ("{reason}", "{reason}"),
    # words of the records
    "alarm.raised": ("déclenchée", "raised"),
    "alarm.cleared": ("acquittée", "cleared"),
    "field_name.depth_mm": ("profondeur (mm)", "depth (mm)"),
    "field_name.volume_ul": ("volume par injection (µl)", "volume per shot (µl)"),
    "field_name.flow_ul_s": ("débit (µl/s)", "flow (µl/s)"),
    "field_name.burst_rate_per_s": ("cadence (injections/s)", "rate (shots/s)"),
}

_BROKEN_PATTERNS: tuple[tuple[str, str], ...] = (
    # (words of the journal's reason, key): see mesogun/journal/chain.py
    ("does not match its hash", "broken.edited"),
    ("appears twice", "broken.inserted"),
    ("is missing", "broken.deleted"),
    ("prev_hash", "broken.relinked"),
    ("the chain ends at", "broken.truncated"),
    ("the chain head records", "broken.extended"),
)


#: Record words whose names the vocabulary holds, by the enumeration of their codes.
_VOCABULARY_PREFIXES = {
    "result": "DoseResult",
    "technique": "Technique",
    "side": "Laterality",
    "severity": "AdverseSeverity",
    "priority": "AlarmPriority",
    "alarm": "AlarmCode",
}


def _in_sentence(word: str) -> str:
    """A name as a word inside a sentence: lower-case first letter, unless it starts an acronym."""
    if len(word) > 1 and word[1].isupper():
        return word
    return word[:1].lower() + word[1:]


def broken_kind(reason: str) -> str:
    """What a broken link's ``reason`` (from ``verify``) says happened, as a key of the text table.

    One of ``broken.edited``, ``deleted``, ``inserted``, ``relinked``, ``truncated``, ``extended``,
    or ``broken.unknown`` for a reason this table does not know.
    """
    for words, key in _BROKEN_PATTERNS:
        if words in reason:
            return key
    return "broken.unknown"


def check_language(language: str) -> str:
    """``language`` if it is one of ``LANGUAGES``; otherwise ValueError naming it and the choices."""
    if language not in LANGUAGES:
        raise ValueError(f"language: {language!r} is not one of {', '.join(LANGUAGES)}")
    return language


class ReportTexts:
    """The report's texts and number/time formats in ``language`` (``"fr"`` or ``"en"``).

    Times are written in ``zone`` (default: the machine's local zone) with their UTC offset, so that
    a time read on the night the clocks change is still unambiguous.
    """

    def __init__(self, language: str, zone: tzinfo | None = None) -> None:
        self.language = check_language(language)
        self.zone = zone
        self._column = LANGUAGES.index(language)

    def __call__(self, key: str, **values: object) -> str:
        """The text of ``key`` with ``{name}`` fields filled in (KeyError for an unknown key)."""
        return _TEXTS[key][self._column].format(nbsp=_NBSP, **values)

    @property
    def colon(self) -> str:
        """``" : "`` with a non-breaking space before it in French, ``": "`` in English."""
        return f"{_NBSP}: " if self.language == "fr" else ": "

    def word(self, prefix: str, value: str | None) -> str:
        """The word for a recorded value (``word("result", "partial")``); the value itself if unknown.

        The domain's values (results, techniques, sides, severities, priorities, alarms) are named by
        :mod:`mesogun.vocabulary`, in the lower case of a word inside a sentence or a table cell.
        """
        if value is None:
            return self("none")
        enum_name = _VOCABULARY_PREFIXES.get(prefix)
        if enum_name is not None:
            if prefix == "side" and value == "midline":
                return ""
            return _in_sentence(name_of_code(enum_name, value, self._vocabulary_language, short=True))
        key = f"{prefix}.{value}"
        return self(key) if key in _TEXTS else value

    def number(self, value: float, decimals: int = 1) -> str:
        """``value`` with ``decimals`` digits: ``1 234,5`` in French, ``1,234.5`` in English."""
        return number(value, decimals, self._vocabulary_language)

    @property
    def _vocabulary_language(self) -> Language:
        return "fr" if self.language == "fr" else "en"

    def volume(self, value_ul: float) -> str:
        """A volume in µl with its unit (non-breaking space before it)."""
        return f"{self.number(value_ul, 1)}{_NBSP}µl"

    def date(self, value: date) -> str:
        """A calendar date: ``04/03/2025`` in French, ``2025-03-04`` in English."""
        return value.strftime("%d/%m/%Y") if self.language == "fr" else value.isoformat()

    def local(self, value: datetime) -> datetime:
        """``value`` in the report's zone."""
        return to_local(value, self.zone)

    def moment(self, value: datetime) -> str:
        """Local date and time to the second with the offset, e.g. ``04/03/2025 10:00:01 UTC+01:00``."""
        local = self.local(value)
        return f"{self.date(local.date())} {local:%H:%M:%S} UTC{offset_text(local)}"

    def stamp(self, value: datetime) -> str:
        """Local date and time with the offset, shorter: ``04/03/2025 10:00:01+01:00`` (tables)."""
        local = self.local(value)
        return f"{self.date(local.date())} {local:%H:%M:%S}{offset_text(local)}"

    def minute(self, value: datetime) -> str:
        """Local date and time to the minute with the offset: ``04/03/2025 10:00 (UTC+01:00)``."""
        local = self.local(value)
        return f"{self.date(local.date())} {local:%H:%M} (UTC{offset_text(local)})"

    def clock(self, value: datetime, *, offset: bool = True) -> str:
        """Local time of day with the offset, ``10:00:01+01:00`` (without it for a column that says it)."""
        local = self.local(value)
        return f"{local:%H:%M:%S}{offset_text(local) if offset else ''}"

    def day_and_clock(self, value: datetime, *, offset: bool = True) -> str:
        """Local date and time, with the offset unless the column says it: ``04/03/2025 10:00:01``."""
        local = self.local(value)
        return f"{self.date(local.date())} {self.clock(value, offset=offset)}"

    def offset(self, value: datetime) -> str:
        """The UTC offset in force at ``value`` in the report's zone: ``UTC+01:00``."""
        return f"UTC{offset_text(self.local(value))}"

    def remark(self, text: str) -> str:
        """A free text of the journal (reason, note, warning): what the host wrote in this language's words.

        A person's own words are shown as they were written.
        """
        return remark_text(text, self._vocabulary_language)

    def broken_reason(self, reason: str) -> str:
        """A broken link's reason in words of this language."""
        return self(broken_kind(reason), reason=reason)

    def site(
        self, region: str | None, laterality: str | None, acupoint_code: str | None, zone: str | None
    ) -> str:
        """Where a dose went: region (or acupoint), side and zone, e.g. ``MC6 (PC6) Neiguan gauche``."""
        place = region or acupoint_code or ""
        side = self.word("side", laterality) if laterality else ""
        parts = [part for part in (f"{place} {side}".strip(), zone or "") if part]
        return " — ".join(parts) if parts else self("none")
