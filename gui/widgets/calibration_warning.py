"""The calibration warning a clinical screen shows before a session: calibration missing, expired or failed.

The check itself is :func:`mesogun.calibration.status.calibration_findings` (what the gun reports and
what the journal's calibration records say); this module words its findings for the practitioner.

- ``calibration_warning_text(findings)``: the translated warning, or None when the calibration is in
  force. ``read_calibration_findings(injector, journal_path)`` gathers the findings (blocking: call it
  on a worker thread).
- ``CalibrationWarningBanner(bridge, journal_path)``: an amber banner that checks the connected gun
  at each connection (on the bridge's worker thread), again when the gun raises or clears
  CALIBRATION_EXPIRED and when :meth:`check` is called (after a calibration); ``warning`` is the text
  to confirm before a session starts, ``findings`` what it is made of (to record with the session),
  and ``warning_changed(str | None)`` says when it changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from gui.device_bridge import DeviceBridge, LinkState
from gui.language import current_language
from gui.style import ALARM_MEDIUM, TEXT
from gui.widgets.technician_signals import BridgeLinks, while_alive
from mesogun.calibration.status import CalibrationFinding, calibration_findings
from mesogun.device_events import AlarmChanged
from mesogun.device_info import CalibrationFactors
from mesogun.injector import Injector
from mesogun.journal import SqliteJournal
from mesogun.journal.calibration_records import CalibrationKind, CalibrationRecord
from mesogun.vocabulary import error_text


def _day(moment: datetime | None) -> str:
    return "—" if moment is None else moment.astimezone().strftime("%Y-%m-%d")


def _kind(kind: CalibrationKind | None) -> str:
    if kind is CalibrationKind.DEPTH:
        return QCoreApplication.translate("CalibrationWarning", "depth")
    return QCoreApplication.translate("CalibrationWarning", "volume")


def finding_text(finding: CalibrationFinding) -> str:
    """One finding in a sentence, in the interface language."""
    texts = {
        "gun_never_calibrated": QCoreApplication.translate(
            "CalibrationWarning", "This gun has never been calibrated."
        ),
        "gun_expired": QCoreApplication.translate(
            "CalibrationWarning", "The calibration of this gun expired on {date}."
        ),
        "no_record": QCoreApplication.translate(
            "CalibrationWarning", "The journal holds no passed {kind} calibration of this gun."
        ),
        "record_expired": QCoreApplication.translate(
            "CalibrationWarning", "The last {kind} calibration of this gun expired on {date}."
        ),
        "last_failed": QCoreApplication.translate(
            "CalibrationWarning", "The last {kind} calibration of this gun failed ({date})."
        ),
        "unrecorded_calibration": QCoreApplication.translate(
            "CalibrationWarning", "The gun holds a calibration the journal has no passed record of."
        ),
    }
    template = texts.get(finding.code)
    if template is None:
        return finding.message  # a finding this version does not know: its own words
    return template.format(date=_day(finding.at), kind=_kind(finding.kind))


def calibration_warning_text(findings: Sequence[CalibrationFinding]) -> str | None:
    """The warning to show before a clinical session, or None when the calibration is in force."""
    if not findings:
        return None
    sentences = " ".join(finding_text(finding) for finding in findings)
    return f"{sentences} {_advice()}"


def _advice() -> str:
    return QCoreApplication.translate(
        "CalibrationWarning", "Have the gun calibrated by a technician before treating patients."
    )


class _NoRecords:
    """The history of a journal that does not exist yet: no calibration at all."""

    def calibrations(
        self, device_serial: str | None = None, kind: CalibrationKind | None = None
    ) -> list[CalibrationRecord]:
        return []


def read_calibration_findings(
    injector: Injector, journal_path: Path, now: datetime | None = None
) -> tuple[CalibrationFactors, list[CalibrationFinding]]:
    """The gun's factors and every reason its calibration is not in force (blocks: worker thread).

    The journal is only read; a journal file that does not exist yet holds no calibration.
    """
    factors = injector.read_calibration()
    serial = injector.info.serial_number
    moment = now or datetime.now(UTC)
    if not journal_path.exists():
        return factors, calibration_findings(_NoRecords(), serial, factors, moment)
    with SqliteJournal(journal_path) as journal:
        return factors, calibration_findings(journal, serial, factors, moment)


def calibration_summary_text(factors: CalibrationFactors, now: datetime | None = None) -> str:
    """One line for the technician: the calibration the gun holds and its expiry."""
    moment = now or datetime.now(UTC)
    if factors.expires_at is None:
        return QCoreApplication.translate("CalibrationWarning", "factory values (never calibrated)")
    head = QCoreApplication.translate("CalibrationWarning", "no. {id} of {date}").format(
        id=factors.calibration_id, date=_day(factors.calibrated_at)
    )
    if factors.expires_at <= moment:
        tail = QCoreApplication.translate("CalibrationWarning", "expired on {date}")
    else:
        tail = QCoreApplication.translate("CalibrationWarning", "valid until {date}")
    return f"{head} — {tail.format(date=_day(factors.expires_at))}"


class CalibrationWarningBanner(QFrame):
    """An amber banner shown while the connected gun's calibration is not in force."""

    # The warning text, or None when the calibration is in force (or no gun is connected).
    warning_changed = Signal(object)

    def __init__(self, bridge: DeviceBridge, journal_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calibrationWarning")
        self.setStyleSheet(
            f"QFrame#calibrationWarning {{ background: {ALARM_MEDIUM}; border-radius: 4px; }}"
            f"QFrame#calibrationWarning QLabel {{ color: {TEXT}; font-weight: 600; }}"
        )
        self._bridge = bridge
        self._journal_path = journal_path
        self._warning: str | None = None
        self.findings: list[CalibrationFinding] = []
        self.checked = 0  # checks completed (the banner is up to date once it grew after a change)
        self.lines: list[QLabel] = []  # one sentence per line: each finding, then the advice
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(12, 6, 12, 6)
        self._layout.setSpacing(2)
        self.hide()
        self.links = BridgeLinks()
        self.links.connect(bridge.connected, self._on_bridge_connected)
        self.links.connect(bridge.link_state_changed, self._on_link_state)
        self.links.connect(bridge.event_received, self._on_event)
        if bridge.is_connected:
            self.check()

    @property
    def warning(self) -> str | None:
        """The warning in force (translated), or None."""
        return self._warning

    def check(self) -> None:
        """Check the gun and the journal again (bridge worker thread); the banner follows the result."""
        if self._bridge.is_connected:
            path = self._journal_path
            self._bridge.call(
                "calibration_check",
                lambda injector: read_calibration_findings(injector, path),
                while_alive(self, self._on_findings),
                while_alive(self, self._check_failed),
            )

    def _on_findings(self, result: tuple[CalibrationFactors, list[CalibrationFinding]]) -> None:
        self.findings = list(result[1])
        self.checked += 1
        self._set_warning(calibration_warning_text(self.findings))

    def _check_failed(self, error: BaseException) -> None:
        # The gun or the journal could not be read: say so rather than show a stale verdict.
        self.checked += 1
        self.findings = []
        text = QCoreApplication.translate(
            "CalibrationWarning", "The calibration could not be checked: {error}"
        ).format(error=error_text(error, current_language()))
        self._set_warning(text)

    def _set_warning(self, text: str | None) -> None:
        changed = text != self._warning
        self._warning = text
        for line in self.lines:
            line.deleteLater()
        self.lines = []
        if text is not None:
            sentences = [finding_text(finding) for finding in self.findings] + [_advice()]
            for sentence in sentences if self.findings else [text]:
                line = QLabel(sentence, self)
                line.setWordWrap(True)
                self._layout.addWidget(line)
                self.lines.append(line)
        self.setVisible(text is not None)
        if changed:
            self.warning_changed.emit(text)

    def detach(self) -> None:
        """Stop following the bridge (before the banner is deleted while the bridge lives on)."""
        self.links.disconnect_all()

    def _on_bridge_connected(self, _info: object) -> None:
        self.check()

    def _on_event(self, event: object) -> None:
        if isinstance(event, AlarmChanged) and event.code.name == "CALIBRATION_EXPIRED":
            self.check()

    def _on_link_state(self, state: LinkState, _detail: str) -> None:
        if state is LinkState.DISCONNECTED:
            self.findings = []
            self._set_warning(None)
