"""The patient over time: earlier sessions and doses, read by pseudonym."""

from mesogun.patients.history import JournalHistory, PatientHistory

__all__ = ["JournalHistory", "PatientHistory"]
