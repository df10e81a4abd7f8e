"""The French and English names of the domain's values, keyed by enumeration and member name.

Keyed by names rather than by the members themselves so that this table imports nothing of the
packages that use it; ``tests/mesogun/test_vocabulary.py`` checks that every member of every
enumeration listed in :data:`NAMED_ENUMS` has both names.
"""

from __future__ import annotations

from enum import Enum

from mesogun.vocabulary.formatting import Language, french_spacing
from mesogun.vocabulary.plan_check_words import PLAN_CHECK_WORDS

Words = tuple[str, str]  # (French, English)

_NAMES: dict[str, dict[str, Words]] = {
    # The gun's own values (PROTOCOL.md).
    "AlarmCode": {
        "NONE": ("Aucune alarme", "No alarm"),
        "OCCLUSION": (
            "Occlusion / surpression : vérifiez l’aiguille et la tubulure",
            "Occlusion / over-pressure: check the needle and the line",
        ),
        "MOTOR_STALL": ("Moteur du piston bloqué", "Plunger motor stalled"),
        "NEEDLE_POSITION": ("Erreur de position de l’aiguille", "Needle position error"),
        "DOSE_MISMATCH": (
            "Le volume injecté diffère du volume commandé",
            "Delivered volume differs from the commanded one",
        ),
        "WATCHDOG": (
            "Liaison perdue pendant l’armement : le pistolet s’est désarmé",
            "Link lost while armed: the gun disarmed itself",
        ),
        "SYRINGE_EMPTY": (
            "Seringue vide : chargez une nouvelle seringue",
            "Syringe empty: load a new syringe",
        ),
        "SYRINGE_NOT_DETECTED": ("Aucune seringue détectée", "No syringe detected"),
        "BATTERY_LOW": ("Batterie faible : branchez le chargeur", "Battery low: connect the charger"),
        "CALIBRATION_EXPIRED": ("Étalonnage expiré", "Calibration expired"),
        "SYRINGE_NEARLY_EMPTY": ("Seringue presque vide", "Syringe nearly empty"),
        "BATTERY_BELOW_30": ("Batterie sous 30 %", "Battery below 30 %"),
        "STOPPED": ("Arrêté par l’opérateur", "Stopped by the operator"),
        "POWER_LOSS": (
            "Coupure d’alimentation pendant une injection : le volume mesuré est enregistré comme dose ; "
            "vérifiez le point",
            "Power lost during a shot: the measured volume is recorded as a dose; check the point",
        ),
    },
    "DeviceState": {
        "IDLE": ("Au repos", "Idle"),
        "ARMED": ("Armé", "Armed"),
        "DELIVERING": ("Injection en cours", "Delivering"),
        "FAULT": ("Défaut", "Fault"),
        "PRIMING": ("Purge", "Priming"),
    },
    "Mode": {
        "SINGLE": ("Injection unique", "Single shot"),
        "BURST": ("Nappage (rafale)", "Nappage (burst)"),
        "CONTINUOUS": ("Mésoperfusion (continu)", "Mésoperfusion (continuous)"),
    },
    "ShotResult": {
        "COMPLETE": ("Complète", "Complete"),
        "PARTIAL": ("Partielle", "Partial"),
        "FAILED": ("Échouée", "Failed"),
        "INTERRUPTED": ("Coupée par une perte d’alimentation", "Cut by a power loss"),
    },
    "StateChangeReason": {
        "COMMAND": ("commande", "command"),
        "TRIGGER": ("gâchette", "trigger"),
        "ALARM": ("alarme", "alarm"),
        "WATCHDOG": ("chien de garde", "watchdog"),
        "STOP": ("arrêt d’urgence", "emergency stop"),
        "POWER_ON": ("mise sous tension", "power on"),
        "DELIVERY_DONE": ("injection terminée", "delivery done"),
        "SHOT_LIMIT": ("injections autorisées faites", "shots allowed delivered"),
    },
    # What can go wrong with the dose journal (mesogun.journal.errors.JournalProblem).
    "JournalProblem": {
        "CANNOT_CREATE": ("Fichier du journal impossible à créer", "Journal file cannot be created"),
        "NOT_A_FILE": ("Pas un fichier", "Not a regular file"),
        "CANNOT_OPEN": ("Journal impossible à ouvrir", "Journal cannot be opened"),
        "DAMAGED": ("Journal endommagé ou d’un autre type", "Journal damaged or of another kind"),
        "NEWER_SCHEMA": ("Journal d’une version plus récente", "Journal of a newer version"),
        "OTHER_PROGRAM": ("Base de données d’un autre programme", "Database of another program"),
        "LOCKED": ("Journal verrouillé par un autre programme", "Journal locked by another program"),
        "READ_ONLY": ("Journal en lecture seule", "Journal read-only"),
        "DISK_FULL": ("Disque plein", "Disk full"),
        "DISK_ERROR": ("Erreur du disque", "Disk error"),
        "UNUSABLE": ("Fichier inutilisable comme journal", "File unusable as a journal"),
        "NO_WAL": ("Mode WAL impossible", "WAL mode impossible"),
        "MISSING_TABLE": ("Table manquante", "Missing table"),
        "NO_JOURNAL": ("Aucun journal", "No journal"),
        "NOT_A_JOURNAL": ("Pas un journal mesogun", "Not a mesogun journal"),
        "SESSION_NOT_FOUND": ("Séance introuvable", "Session not found"),
        "SESSION_ID_TOO_SHORT": ("Identifiant de séance trop court", "Session id too short"),
        "SESSION_ID_AMBIGUOUS": ("Identifiant de séance ambigu", "Session id ambiguous"),
        "SESSION_CLOSED": ("Séance close", "Session closed"),
        "CALIBRATION_NOT_FOUND": ("Étalonnage introuvable", "Calibration not found"),
        "CALIBRATION_ID_TOO_SHORT": ("Identifiant d’étalonnage trop court", "Calibration id too short"),
        "CALIBRATION_ID_AMBIGUOUS": ("Identifiant d’étalonnage ambigu", "Calibration id ambiguous"),
        "INVALID_RECORD": ("Valeur refusée par le journal", "Value refused by the journal"),
    },
    "AlarmPriority": {
        "INFO": ("information", "information"),
        "LOW": ("basse", "low"),
        "MEDIUM": ("moyenne", "medium"),
        "HIGH": ("haute", "high"),
    },
    # The practice.
    "Technique": {
        "IED": ("IED (intra-épidermique)", "IED (intra-epidermal)"),
        "NAPPAGE": ("Nappage", "Nappage"),
        "PAPULE": ("Papule", "Papule"),
        "POINT_PAR_POINT": ("Point par point", "Point by point"),
        "MESOPERFUSION": ("Mésoperfusion", "Mesoperfusion"),
    },
    "Laterality": {
        "LEFT": ("gauche", "left"),
        "RIGHT": ("droite", "right"),
        "BILATERAL": ("des deux côtés", "both sides"),
        "MIDLINE": ("ligne médiane", "midline"),
    },
    # The record.
    "DoseResult": {
        "COMPLETE": ("Complète", "Complete"),
        "PARTIAL": ("Partielle", "Partial"),
        "CANCELLED": ("Annulée", "Cancelled"),
        "FAILED": ("Échouée", "Failed"),
    },
    "SessionStatus": {
        "OPEN": ("Ouverte", "Open"),
        "COMPLETED": ("Terminée", "Completed"),
        "ABORTED": ("Interrompue", "Aborted"),
    },
    "AdverseSeverity": {
        "MILD": ("Légère", "Mild"),
        "MODERATE": ("Modérée", "Moderate"),
        "SEVERE": ("Grave", "Severe"),
    },
    "SessionState": {
        "IDLE": ("Préparation", "Preparing"),
        "SCREENING": ("Questionnaire", "Screening"),
        "READY": ("Prête", "Ready"),
        "RUNNING": ("En cours", "Running"),
        "PAUSED": ("En pause", "Paused"),
        "ALARM": ("Alarme", "Alarm"),
        "COMPLETED": ("Terminée", "Completed"),
        "STOPPED": ("Arrêtée", "Stopped"),
        "ABORTED": ("Interrompue", "Aborted"),
    },
    # What the host records of its own accord (mesogun/journal/host_remarks.py; the sentences with
    # their parameters are in remarks.py).
    "HostRemark": {
        "LEFT_POINT_SHOTS": ("Point quitté avant ses injections", "Point left short of its shots"),
        "LEFT_POINT_VOLUME": ("Point quitté avant son volume", "Point left short of its volume"),
        "REPEATED_POINT": ("Point refait", "Point repeated"),
        "EARLY_END": ("Fin anticipée sans incident", "Clean early end"),
        "EARLY_END_NOT_DISARMED": (
            "Fin anticipée, désarmement non confirmé",
            "Early end, gun not confirmed disarmed",
        ),
        "REASON_NOT_DISARMED": ("Fin, désarmement non confirmé", "End, gun not confirmed disarmed"),
        "NOT_DISARMED": ("Désarmement du pistolet non confirmé", "Gun not confirmed disarmed"),
        "GUN_NEVER_CALIBRATED": ("Pistolet jamais étalonné", "Gun never calibrated"),
        "GUN_EXPIRED": ("Étalonnage du pistolet expiré", "Gun's calibration expired"),
        "NO_RECORD": ("Aucun étalonnage réussi au journal", "No passed calibration in the journal"),
        "RECORD_EXPIRED": ("Dernier étalonnage expiré", "Last calibration expired"),
        "LAST_FAILED": ("Dernier étalonnage échoué", "Last calibration failed"),
        "UNRECORDED_CALIBRATION": (
            "Étalonnage du pistolet absent du journal",
            "Gun's calibration not in the journal",
        ),
        "NO_LOT": ("Produit sans numéro de lot", "Product without a lot number"),
        "DEPTH_NOT_LINEAR": ("Profondeur non linéaire", "Depth not linear"),
        "DEPTH_OFFSET_BEYOND": ("Décalage de profondeur hors correction", "Depth offset beyond correction"),
        "DEPTH_SCALE_BEYOND": ("Échelle de profondeur hors correction", "Depth scale beyond correction"),
        "VOLUME_DRIFT": ("Dérive du volume hors correction", "Volume drift beyond correction"),
        "VOLUME_FACTOR_BEYOND": ("Facteur de volume hors limites", "Volume factor out of range"),
        "VOLUME_NOT_PROPORTIONAL": ("Erreur dépendant du volume", "Error depending on the volume"),
        "VOLUME_SCATTER": ("Injections trop dispersées", "Shots scatter too much"),
        "VERIFICATION_FAILED": ("Vérification échouée", "Verification failed"),
        "VERIFICATION_OUT_OF_TOLERANCE": ("Vérification hors tolérance", "Verification out of tolerance"),
        "FLOW_NOT_ANALYSED": ("Prélèvements non analysables", "Samples cannot be analysed"),
        "FLOW_OUT_OF_TOLERANCE": ("Débit hors tolérance", "Flow out of tolerance"),
        "FAILED_AND_NOT_RESTORED": (
            "Échec, pistolet non remis en état",
            "Failed, gun not put back as it was",
        ),
    },
    "PointStatus": {
        "TODO": ("à faire", "to do"),
        "CURRENT": ("en cours", "current"),
        "DONE": ("fait", "done"),
        "PARTIAL": ("partiel", "partial"),
        "SKIPPED": ("sauté", "skipped"),
    },
    # What the practitioner chose for a point a cut shot left short.
    "PartialChoice": {
        "COMPLETE": ("complété avec le reste", "completed with what is left"),
        "DONE": ("terminé tel quel", "ended as it is"),
        "SKIP": ("sauté", "skipped"),
    },
    "CalibrationKind": {
        "VOLUME": ("volume", "volume"),
        "DEPTH": ("profondeur", "depth"),
        "FLOW": ("débit", "flow"),
    },
    "BodyArea": {
        "FACE": ("visage", "face"),
        "PERIORBITAL": ("région péri-orbitaire", "periorbital area"),
        "SCALP": ("cuir chevelu", "scalp"),
        "TRUNK": ("tronc", "trunk"),
        "LIMBS": ("membres", "limbs"),
    },
    # What the checks of a plan found (``{name}``: parameters; see plan_checks.plan_check_text).
    "PlanCheck": PLAN_CHECK_WORDS,
    "ScoreCode": {
        "PAIN_NRS_BEFORE": ("douleur avant", "pain before"),
        "PAIN_NRS_AFTER": ("douleur après", "pain after"),
        "HAM_A": ("HAM-A (anxiété)", "HAM-A (anxiety)"),
    },
}

# Short names where the full one carries advice (an alarm's banner says what to do; a table cell names
# the alarm).
_SHORT_NAMES: dict[str, dict[str, Words]] = {
    "AlarmCode": {
        "OCCLUSION": ("occlusion / surpression", "occlusion / over-pressure"),
        "DOSE_MISMATCH": ("volume injecté différent du commandé", "delivered volume differs from commanded"),
        "WATCHDOG": ("liaison perdue pendant l’armement", "link lost while armed"),
        "SYRINGE_EMPTY": ("seringue vide", "syringe empty"),
        "BATTERY_LOW": ("batterie faible", "battery low"),
        "POWER_LOSS": ("coupure d’alimentation pendant l’injection", "power lost during the shot"),
    },
}

#: The enumerations named here, by class name (the completeness test imports the classes themselves).
NAMED_ENUMS = tuple(_NAMES)


def name(value: Enum, language: Language) -> str:
    """The name of ``value`` (a member of an enumeration of :data:`NAMED_ENUMS`) in ``language``.

    A member without a name (a newer gun's value, say) is shown as its code rather than hidden.
    """
    words = _NAMES.get(type(value).__name__, {}).get(value.name)
    if words is None:
        return value.name
    return french_spacing(words[0]) if language == "fr" else words[1]


def name_in_sentence(value: Enum, language: Language) -> str:
    """The name of ``value`` as written inside a sentence: ``"point par point"`` where a heading has
    ``"Point par point"``; a name that starts with an acronym (``"IED (…)"``) keeps its capitals."""
    words = name(value, language)
    if len(words) > 1 and words[1].isupper():
        return words
    return words[:1].lower() + words[1:]


def name_of_code(enum_name: str, code: str, language: Language, *, short: bool = False) -> str:
    """The name of a recorded code (``"point_par_point"`` of ``"Technique"``, ``"occlusion"`` of
    ``"AlarmCode"``): the journal keeps codes, in lower case; an unknown code is shown as it is.
    ``short``: the name without advice, for a table cell (where there is a short one)."""
    key = code.upper()
    words = _SHORT_NAMES.get(enum_name, {}).get(key) if short else None
    words = words or _NAMES.get(enum_name, {}).get(key)
    if words is None:
        return code
    return french_spacing(words[0]) if language == "fr" else words[1]


def all_names(language: Language) -> frozenset[str]:
    """Every name the table holds in ``language`` (full and short), as shown."""
    index = 0 if language == "fr" else 1
    tables = (*_NAMES.values(), *_SHORT_NAMES.values())
    return frozenset(
        french_spacing(words[0]) if index == 0 else words[1] for table in tables for words in table.values()
    )
