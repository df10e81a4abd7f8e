"""The words of ``mesogun run`` on a terminal, in French and English: its progress lines, its status
line, its questions, its closing summary and its own refusals.

``{name}``: a figure, a name or a code filled in by the caller, written the language's way. Options of
the command line (``--resume``, ``--lot``…) are code and stay as they are in both languages.
"""

from __future__ import annotations

from mesogun.vocabulary.formatting import Language, french_spacing

Words = tuple[str, str]  # (French, English)

RUN_WORDS: dict[str, Words] = {
    # progress
    "point_line": (
        "{mark} {number}/{total} {place} — {shots}, {volume}{again} [{status}]",
        "{mark} {number}/{total} {place} — {shots}, {volume}{again} [{status}]",
    ),
    "shots_of": ("{shots}/{count}", "{shots}/{count}"),
    "volume_of": ("{volume} sur {target}", "{volume} of {target}"),
    "repeated": (" (refait)", " (repeated)"),
    "already": (
        "{ended} sur {total} déjà faits ou laissés",
        "{ended} of {total} points already done or left",
    ),
    "status_point": ("point {number}/{total} {place}", "point {number}/{total} {place}"),
    "status_session": ("séance {volume}", "session {volume}"),
    "status_armed": ("ARMÉ", "ARMED"),
    "status_alarms": ("alarmes {alarms}", "alarms {alarms}"),
    "place": ("point {number}/{total} {place}", "point {number}/{total} {place}"),
    # the run's own lines
    "opened_in": ("séance {session} ouverte dans {journal}", "session {session} opened in {journal}"),
    "history_clinic": (
        "historique du patient : toutes les salles (base de la clinique ; ce poste synchronisé le {when})",
        "patient history: every room (clinic store; this desk last synced {when})",
    ),
    "history_desk": (
        "historique du patient : CE POSTE SEULEMENT, la base de la clinique est injoignable (synchronisé "
        "le {when}) ; les séances données depuis dans d’autres salles ne sont pas comptées",
        "patient history: THIS DESK ONLY, the clinic store is unreachable (last synced {when}); "
        "sessions given in other rooms since are not counted",
    ),
    "never": ("jamais", "never"),
    "calibration": ("étalonnage : {what}", "calibration: {what}"),
    "recorded": ("{what} (enregistré)", "{what} (recorded)"),
    "resuming": (
        "reprise de la séance {session} : attente des événements du pistolet dans le journal",
        "resuming session {session}: waiting for the gun's events to reach the journal",
    ),
    "left_open": ("séance laissée ouverte : {reason}", "session left open: {reason}"),
    "terminated": (
        "fin demandée : la séance se termine proprement…",
        "terminated: stopping the session cleanly…",
    ),
    "interrupted": (
        "interruption : mise en pause (le pistolet est désarmé entre deux injections)…",
        "interrupted: pausing (the gun is disarmed between shots)…",
    ),
    "acknowledging_unattended": (
        "acquittement sans surveillance de l’alarme {alarms} (--acknowledge-unattended)",
        "acknowledging {alarms} unattended (--acknowledge-unattended)",
    ),
    "decided": ("point {number} : {choice} (enregistré)", "point {number}: {choice} (recorded)"),
    "soft_limit": ("  limite souple : {what}", "  soft limit: {what}"),
    "refused": ("  refusé : {what}", "  refused: {what}"),
    "partial_state": (
        "  point {number} : {delivered} injectés sur {target} (une injection a été coupée) ; il reste {left}",
        "  point {number}: {delivered} of {target} delivered (a shot was cut short); {left} left",
    ),
    "cannot_complete": (
        "  ce qui reste est moins que la plus petite injection du pistolet : impossible de compléter",
        "  what is left is less than the gun's smallest shot: it cannot be completed",
    ),
    "timed_out": (
        "la séance n’a pas répondu dans les {seconds} s : elle reste telle quelle, reprenez-la avec --resume",
        "the session did not answer within {seconds} s: it stays as it is, resume it with --resume",
    ),
    "read_back_failed": (
        "avertissement : impossible de relire la séance dans le journal : {error}",
        "warning: could not read the session back from the journal: {error}",
    ),
    # why a session is left open (no one to answer)
    "no_terminal": ("{what} (aucun terminal pour demander)", "{what} (no terminal to ask)"),
    "no_terminal_alarm": (
        "{what} (aucun terminal : une personne acquitte sur un terminal avec --resume, ou donnez "
        "--acknowledge-unattended pour qu’une exécution sans surveillance acquitte, enregistré comme tel)",
        "{what} (no terminal: a person acknowledges on a terminal with --resume, or give "
        "--acknowledge-unattended to let an unattended run acknowledge, recorded as such)",
    ),
    "still_there": (
        "{what} (acquittée sans surveillance, l’alarme est toujours là)",
        "{what} (acknowledged unattended, the alarm is still there)",
    ),
    "too_small_to_complete": (
        "point {number} : il reste {left}, moins que la plus petite injection du pistolet ; "
        "--on-partial complete ne peut pas s’appliquer (utilisez done ou skip)",
        "point {number}: {left} left, less than the gun's smallest shot; --on-partial complete "
        "cannot apply (use done or skip)",
    ),
    "quit": ("quittée par le praticien", "quit by the practitioner"),
    "interrupted_twice": ("interrompue deux fois", "interrupted twice"),
    # questions (the answers: French or English initials both work)
    "ask_consent": (
        "Le patient a-t-il donné son consentement éclairé ? [o/N] ",
        "Has the patient given informed consent? [y/N] ",
    ),
    "ask_question": ("{question} [{kind}] [o/N] ", "{question} [{kind}] [y/N] "),
    "ask_justification": (
        "  Justification à enregistrer (vide : arrêter ici) : ",
        "  Justification to record (empty: end here): ",
    ),
    "ask_resume_now": ("{what}. Reprendre maintenant ? [O/n] ", "{what}. Resume now? [Y/n] "),
    "ask_override": (
        "Motif pour injecter hors de la plage habituelle (vide : sauter le point) : ",
        "Reason to deliver outside the usual range (empty: skip the point): ",
    ),
    "ask_refused": (
        "[s]auter le point, [t]erminer la séance ou [a]bandonner ? ",
        "[s]kip the point, s[t]op or [a]bort? ",
    ),
    "ask_alarm": (
        "Corrigez la cause, puis appuyez sur Entrée pour acquitter (ou tapez stop/abort) : ",
        "Fix the cause, then press Enter to acknowledge (or type stop/abort): ",
    ),
    "ask_choose": (
        "[r]eprendre, [s]auter le point, [t]erminer, [a]bandonner ou [q]uitter en la laissant ouverte ? ",
        "[r]esume, [s]kip the point, s[t]op, [a]bort or [q]uit leaving it open? ",
    ),
    "ask_partial_complete": ("[c]ompléter ({what})", "[c]omplete ({what})"),
    "ask_partial_done": ("[t]erminer tel quel", "[d]one as it is"),
    "ask_partial_skip": ("[s]auter le point", "[s]kip the point"),
    "a_shot_of": ("une injection de {volume}", "a shot of {volume}"),
    "then": (" puis ", " then "),
    "ask_skip_reason": ("Motif pour sauter le point : ", "Reason for skipping: "),
    "ask_abort_reason": ("Motif de l’abandon : ", "Reason for aborting: "),
    "ask_too_soon": (
        "Raison de poursuivre malgré tout (vide : ne pas ouvrir la séance) : ",
        "Reason to go on anyway (empty: do not open the session): ",
    ),
    # reasons the run records in the practitioner's language
    "no_consent_reason": ("pas de consentement éclairé", "no informed consent"),
    "contraindication_reason": ("contre-indication {code}", "contraindication {code}"),
    "interrupted_reason": ("interrompue avant le début", "interrupted before the start"),
    "terminated_reason": (
        "fin demandée avant le début de la séance",
        "terminated before the session started",
    ),
    "usual_range_reason": ("hors de la plage habituelle", "outside the usual range"),
    # refusals of the run itself
    "need_patient": (
        "--patient PSEUDONYM est nécessaire pour commencer une séance",
        "--patient PSEUDONYM is required to start a session",
    ),
    "skip_needs_reason": (
        "--on-partial skip demande --on-partial-reason TEXT (enregistré au journal)",
        "--on-partial skip needs --on-partial-reason TEXT (recorded in the journal)",
    ),
    "need_consent": (
        "consentement : donnez --yes-consent (le patient a consenti) ou lancez la séance sur un terminal",
        "consent: give --yes-consent (the patient consented), or run on a terminal",
    ),
    "no_consent": (
        "pas de consentement éclairé : rien n’a été injecté",
        "no informed consent: nothing was delivered",
    ),
    "absolute": (
        "contre-indication absolue « {code} » : la séance ne commence pas",
        "absolute contraindication {code}: the session does not start",
    ),
    "relative_unjustified": (
        "contre-indication « {code} » sans justification : la séance ne commence pas",
        "contraindication {code}: the session does not start",
    ),
    "need_answers": (
        "questionnaire : répondez sur un terminal, ou donnez --answers no après avoir interrogé le patient",
        "screening: answer on a terminal, or give --answers no after screening",
    ),
    "screening_failed": ("le questionnaire n’est pas validé : {why}", "screening did not pass: {why}"),
    "no_syringe": (
        "le pistolet n’indique aucune seringue remplie : chargez-en une et donnez --syringe ML[:FILL_UL]",
        "the gun reports no filled syringe: load one and give --syringe ML[:FILL_UL]",
    ),
    "nothing_to_resume": (
        "aucune séance ouverte{who} dans {journal} : rien à reprendre",
        "no open session{who} in {journal}: nothing to resume",
    ),
    "for_patient": (" pour le patient {patient}", " for patient {patient}"),
    "no_lot": (
        "ni lot ni date de péremption pour {products} : donnez --lot PRODUCT=LOT:YYYY-MM-DD comme sur le "
        "flacon, ou --no-lot PRODUCT=REASON pour enregistrer pourquoi il n’y en a pas",
        "no lot and expiry for {products}: give --lot PRODUCT=LOT:YYYY-MM-DD as on the vial, "
        "or --no-lot PRODUCT=REASON to record why there is none",
    ),
    "bad_lot": (
        "--lot {text!r} : attendu PRODUCT=LOT:YYYY-MM-DD, par exemple 'Procaïne=L2301:2027-06-30'",
        "--lot {text!r}: expected PRODUCT=LOT:YYYY-MM-DD, e.g. 'Procaïne=L2301:2027-06-30'",
    ),
    "bad_expiry": (
        "--lot {text!r} : la date de péremption {expiry!r} n’est pas une date YYYY-MM-DD",
        "--lot {text!r}: expiry {expiry!r} is not a date YYYY-MM-DD",
    ),
    "bad_declare": (
        "--declare {text!r} : attendu PRODUCT=SUBSTANCE:MG_PER_ML, par exemple 'Valium=diazepam:5'",
        "--declare {text!r}: expected PRODUCT=SUBSTANCE:MG_PER_ML, e.g. 'Valium=diazepam:5'",
    ),
    "bad_syringe": (
        "--syringe {text!r} : attendu ML[:FILL_UL], par exemple 5 ou 5:4000",
        "--syringe {text!r}: expected ML[:FILL_UL], e.g. 5 or 5:4000",
    ),
    "bad_no_lot": (
        "--no-lot {text!r} : attendu PRODUCT=REASON, par exemple 'Procaïne=étiquette arrachée du flacon'",
        "--no-lot {text!r}: expected PRODUCT=REASON, e.g. 'Procaïne=label torn off the vial'",
    ),
    "no_such_product": (
        "{option} {name!r} : aucun produit de ce nom dans le cocktail ({known})",
        "{option} {name!r}: no such product in the cocktail ({known})",
    ),
    "no_cocktail": ("le protocole ne nomme aucun cocktail", "the plan names no cocktail"),
    "lot_without_cocktail": (
        "le protocole {plan!r} ne nomme aucun cocktail : --lot ne correspond à aucun produit",
        "plan {plan!r} names no cocktail: --lot cannot be matched to a product",
    ),
    "declare_no_product": (
        "--declare {name!r} : aucun produit de ce nom dans le cocktail du protocole {plan!r}",
        "--declare {name!r}: no such product in the cocktail of plan {plan!r}",
    ),
    # the closing summary
    "no_session": (
        "Aucune séance ouverte : rien n’a été envoyé au pistolet ni écrit au journal.",
        "No session opened: nothing was sent to the gun and nothing was journaled.",
    ),
    "outcome": ("Séance {session} : {outcome}", "Session {session}: {outcome}"),
    "left_open_outcome": (
        "laissée ouverte ({state}) : reprenez-la avec `mesogun run PLAN --resume {session}`",
        "left open ({state}): resume it with `mesogun run PLAN --resume {session}`",
    ),
    "points_summary": (
        "Points : {done}, {partial}, {skipped}, {not_done} (sur {total})",
        "Points: {done}, {partial}, {skipped}, {not_done} (of {total})",
    ),
    "delivered": ("Injecté : {volume} de cocktail", "Delivered: {volume} of cocktail"),
    "reason": ("Motif : {reason}", "Reason: {reason}"),
    "product_total": ("  {product}{lot} : {volume}{amounts}", "  {product}{lot}: {volume}{amounts}"),
    "lot": (" lot {lot}", " lot {lot}"),
    "no_lot_recorded": (" (sans numéro de lot enregistré)", " (no lot recorded)"),
    "substance_amount": (", {mg} {of}{substance}", ", {mg} {substance}"),
    "alarms_none": ("Alarmes : aucune", "Alarms: none"),
    "alarms_count": ("Alarmes : {count}", "Alarms: {count}"),
    "alarm_line": ("  {alarm} ({priority}){where} : {what}", "  {alarm} ({priority}){where}: {what}"),
    "at_point": (" au point {number}", " at point {number}"),
    "not_acknowledged": ("non acquittée", "not acknowledged"),
    "ack_operator": ("acquittée par {who}", "acknowledged by {who}"),
    "ack_on_return": (
        "acquittée au retour de l’hôte, dans la séance suivie par {who}",
        "acknowledged on the host's return, in {who}'s attended session",
    ),
    "ack_unattended": (
        "acquittée par l’exécution sans surveillance (--acknowledge-unattended) lancée par {who}",
        "acknowledged by the unattended run (--acknowledge-unattended) started by {who}",
    ),
    "ack_other": ("acquittée ({detail}) par {who}", "acknowledged ({detail}) by {who}"),
    "cleared": ("levée ({detail})", "cleared ({detail})"),
    "overrides_none": ("Dépassements : aucun", "Overrides: none"),
    "overrides_count": ("Dépassements : {count}", "Overrides: {count}"),
    "override_line": (
        "  {field}{where} = {value} (limite {limit}) : {reason}",
        "  {field}{where} = {value} (limit {limit}): {reason}",
    ),
    "point_where": (" point {number}", " point {number}"),
    "skips_heading": ("Points sautés ou fin anticipée :", "Skipped or ended early:"),
    "skip_line": ("  point {number} : {reason}", "  point {number}: {reason}"),
    "decisions_heading": (
        "Points laissés incomplets par une injection coupée :",
        "Points left short by a cut shot:",
    ),
    "decision_line": (
        "  point {number} : {choice} à {delivered} sur {target}{then}{why} ({operator})",
        "  point {number}: {choice} at {delivered} of {target}{then}{why} ({operator})",
    ),
    "then_shot": (", une injection de {volume}", ", a shot of {volume}"),
    "why": (" : {reason}", ": {reason}"),
    "report": (
        "Rapport : {command} --format pdf --out rapport.pdf",
        "Report: {command} --format pdf --out report.pdf",
    ),
    "export": ("Export : {command} --format csv|json|fhir", "Export: {command} --format csv|json|fhir"),
    "label_total": ("  {product} : {volume}", "  {product}: {volume}"),
}


def run_word(key: str, language: Language, **values: object) -> str:
    """The line or word ``key`` in ``language``, its ``{name}`` places filled with ``values``."""
    french, english = RUN_WORDS[key]
    return (french_spacing(french) if language == "fr" else english).format(**values)
