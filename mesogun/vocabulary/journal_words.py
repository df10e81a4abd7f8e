"""What went wrong with the dose journal, in French or English, from the error's code.

The journal's errors carry a :class:`~mesogun.journal.errors.JournalProblem` and its parameters; their
messages stay in English for the log, with SQLite's or the system's own words about the cause. Here
the cause is said by its code: the problem itself, the system's error number (``EACCES``) by its
meaning, and an SQLite error the problem does not name by its error name (``SQLITE_IOERR_WRITE``).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum

from mesogun.vocabulary.formatting import Language, french_spacing
from mesogun.vocabulary.names import name_of_code
from mesogun.vocabulary.record_words import record_values

Words = tuple[str, str]  # (French, English)

#: What went wrong with the dose journal (``{name}``: the error's parameters), by JournalProblem member
#: name.
JOURNAL_WORDS: dict[str, Words] = {
    "CANNOT_CREATE": (
        "impossible de créer le fichier du journal {path} ({os_error}) : vérifiez que le dossier est "
        "accessible en écriture, ou choisissez un autre fichier avec --journal",
        "cannot create the journal file {path} ({os_error}): check that the directory is writable, "
        "or choose another file with --journal",
    ),
    "NOT_A_FILE": (
        "{path} n’est pas un fichier, donc pas un journal : choisissez le bon fichier avec --journal",
        "{path} is not a regular file, so not a journal: choose the right file with --journal",
    ),
    "CANNOT_OPEN": (
        "impossible d’ouvrir le journal {path} : vérifiez qu’il existe et ses droits d’accès",
        "cannot open the journal {path}: check that it exists and its access rights",
    ),
    "DAMAGED": (
        "{path} n’est pas un journal mesogun, ou il est endommagé : choisissez le bon fichier avec --journal",
        "{path} is not a mesogun journal, or it is damaged: choose the right file with --journal",
    ),
    "NEWER_SCHEMA": (
        "{path} est au schéma {found}, plus récent que celui que ce mesogun connaît ({known}) : "
        "mettez mesogun à jour avant de l’ouvrir",
        "{path} has schema version {found}, newer than this mesogun knows ({known}): "
        "update mesogun before opening it",
    ),
    "OTHER_PROGRAM": (
        "{path} est la base de données d’un autre programme, pas un journal mesogun : choisissez le bon "
        "fichier avec --journal",
        "{path} is a database of another program, not a mesogun journal: choose the right file with "
        "--journal",
    ),
    "LOCKED": (
        "le journal {path} est verrouillé par un autre programme : fermez-le, puis réessayez",
        "the journal {path} is locked by another program: close it, then try again",
    ),
    "READ_ONLY": (
        "le journal {path} ne peut pas être modifié (fichier ou dossier en lecture seule) : "
        "rendez-le accessible en écriture",
        "the journal {path} cannot be written (read-only file or directory): make it writable",
    ),
    "DISK_FULL": (
        "le disque du journal {path} est plein : libérez de la place, puis réessayez",
        "the disk of the journal {path} is full: free some space, then try again",
    ),
    "DISK_ERROR": (
        "le disque du journal {path} a signalé une erreur ({sqlite_error}) : vérifiez le disque, "
        "puis réessayez",
        "the disk of the journal {path} reported an error ({sqlite_error}): check the disk, then try again",
    ),
    "UNUSABLE": (
        "{path} ne peut pas servir de journal (erreur {sqlite_error}) : choisissez le bon fichier "
        "avec --journal",
        "{path} cannot be used as a journal (error {sqlite_error}): choose the right file with --journal",
    ),
    "NO_WAL": (
        "le journal {path} ne peut pas passer en mode WAL (obtenu : {mode}) : placez-le sur un disque local",
        "the journal {path} cannot switch to WAL mode (got {mode}): keep it on a local disk",
    ),
    "MISSING_TABLE": (
        "il manque la table {table} au journal {path} : son schéma est-il à jour ?",
        "the journal {path} has no table {table}: is its schema current?",
    ),
    "NO_JOURNAL": (
        "aucun journal à {path} : indiquez le fichier du journal avec --journal FICHIER",
        "no journal at {path}: give the journal file with --journal FILE",
    ),
    "NOT_A_JOURNAL": (
        "{path} n’est pas un journal mesogun : choisissez le bon fichier",
        "{path} is not a mesogun journal: choose the right file",
    ),
    "SESSION_NOT_FOUND": (
        "aucune séance {session_id} dans le journal : listez les séances avec « mesogun sessions list »",
        "no session {session_id} in the journal: list the sessions with `mesogun sessions list`",
    ),
    "SESSION_ID_TOO_SHORT": (
        "aucune séance {session_id} dans le journal : donnez au moins {minimum} caractères de son "
        "identifiant",
        "no session {session_id} in the journal: give at least {minimum} characters of its id",
    ),
    "SESSION_ID_AMBIGUOUS": (
        "plusieurs séances commencent par {session_id} : donnez plus de caractères de l’identifiant",
        "several sessions start with {session_id}: give more characters of the id",
    ),
    "SESSION_CLOSED": (
        "la séance {session_id} est close : plus rien ne peut y être enregistré ; ajoutez une correction "
        "ou ouvrez une nouvelle séance",
        "session {session_id} is closed: nothing more can be recorded in it; add a correction or open "
        "a new session",
    ),
    "CALIBRATION_NOT_FOUND": (
        "aucun étalonnage {record_id} dans le journal : listez-les avec « mesogun calibrations list »",
        "no calibration {record_id} in the journal: list them with `mesogun calibrations list`",
    ),
    "CALIBRATION_ID_TOO_SHORT": (
        "aucun étalonnage {record_id} dans le journal : donnez l’identifiant ou au moins ses {minimum} "
        "premiers caractères",
        "no calibration {record_id} in the journal: give the id or at least its first {minimum} characters",
    ),
    "CALIBRATION_ID_AMBIGUOUS": (
        "{count} étalonnages commencent par {record_id} : donnez plus de caractères de l’identifiant",
        "{count} calibrations start with {record_id}: give more characters of the id",
    ),
    "INVALID_RECORD": ("{field} = {value} refusé : {rule}", "{field} = {value} refused: {rule}"),
}

#: The system's errors met when creating the journal file, by errno name; another is shown as its name.
OS_ERROR_WORDS: dict[str, Words] = {
    "EACCES": ("accès refusé", "permission denied"),
    "EPERM": ("opération non permise", "operation not permitted"),
    "EROFS": ("disque en lecture seule", "read-only disk"),
    "ENOSPC": ("disque plein", "disk full"),
    "EDQUOT": ("quota du disque atteint", "disk quota exceeded"),
    "ENOTDIR": ("un élément du chemin n’est pas un dossier", "a part of the path is not a directory"),
    "ENOENT": ("dossier introuvable", "no such directory"),
    "EISDIR": ("c’est un dossier", "it is a directory"),
    "ENAMETOOLONG": ("nom trop long", "name too long"),
}


def _words(words: Words, language: Language) -> str:
    return french_spacing(words[0]) if language == "fr" else words[1]


def os_error_text(errno_name: str, language: Language) -> str:
    """The system's error ``errno_name`` (``EACCES``) in words; an unknown one as its name."""
    words = OS_ERROR_WORDS.get(errno_name)
    if words is not None:
        return words[0] if language == "fr" else words[1]
    return errno_name or ("erreur du système" if language == "fr" else "system error")


def journal_problem_text(problem: Enum, parameters: Mapping[str, object], language: Language) -> str:
    """A journal error (a :class:`~mesogun.journal.errors.JournalProblem`) with its parameters, in words."""
    words = JOURNAL_WORDS.get(problem.name)
    if words is None:
        return str(problem.value)
    values = {key: str(value) for key, value in parameters.items()}
    if problem.name == "INVALID_RECORD":
        values.update(record_values(parameters, language))
    if "os_error" in values:
        values["os_error"] = os_error_text(values["os_error"], language)
    try:
        return _words(words, language).format(**values)
    except (KeyError, IndexError):
        # A code raised without all its parameters: its name still says what went wrong.
        return name_of_code("JournalProblem", problem.name, language)
