"""The technician's Diagnostics tab: the gun's identity and counters, self-test, live link statistics,
the gun's own event log and the alarm history.

Every call to the gun or the journal runs on this tab's own worker thread (so a long log download never
delays the app's status polls); results come back as queued callbacks on the GUI thread. The link
statistics are refreshed every second while the tab is shown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.device_bridge import DeviceBridge, LinkState
from gui.device_texts import alarm_text
from gui.formatting import number
from gui.language import current_language
from gui.pages.technician_texts import (
    duration_text,
    event_details_text,
    event_type_text,
    local_datetime,
    priority_text,
    self_test_text,
)
from gui.widgets.calibration_warning import calibration_summary_text
from gui.widgets.table_fill import bulk_fill
from gui.widgets.technician_signals import BridgeLinks
from gui.worker import CallWorker
from mesogun.device_events import DeviceEvent
from mesogun.diagnostics import (
    AlarmCount,
    AlarmEntry,
    DeviceReport,
    EventLog,
    SelfTestResult,
    alarms_from_events,
    alarms_from_journal,
    device_report,
    download_event_log,
    newest_events_start,
    run_self_test,
    summarise_alarms,
)
from mesogun.injector import Injector
from mesogun.journal import SqliteJournal
from mesogun.link import LinkStats
from mesogun.vocabulary import error_text

LINK_REFRESH_MS = 1000
LEFT_COLUMN_WIDTH_PX = 400
DEFAULT_LOG_EVENTS = 200
MAX_LOG_EVENTS = 5000


@dataclass(frozen=True)
class LogAndAlarms:
    """What one log download brings back: the log, and the alarm history over it and the journal."""

    log: EventLog
    alarms: tuple[AlarmEntry, ...]
    counts: tuple[AlarmCount, ...]


def _read_log_and_alarms(injector: Injector, journal_path: Path, first: int, limit: int) -> LogAndAlarms:
    if first == 0:
        first = newest_events_start(injector.status().last_event_number, limit)
    log = download_event_log(injector, first, limit)
    entries = alarms_from_events(log.events)
    if journal_path.exists():
        with SqliteJournal(journal_path) as journal:
            entries += alarms_from_journal(journal, injector.info.serial_number)
    entries.sort(key=lambda entry: entry.time, reverse=True)
    return LogAndAlarms(log, tuple(entries), tuple(summarise_alarms(entries)))


def _table(parent: QWidget, headers: Sequence[str], stretch_column: int) -> QTableWidget:
    """A read-only table; ``stretch_column`` takes the width left (long texts are elided, see tooltips)."""
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(list(headers))
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    return table


def _fill(table: QTableWidget, rows: Sequence[Sequence[str]]) -> None:
    with bulk_fill(table):
        table.setRowCount(len(rows))
        for row, cells in enumerate(rows):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                table.setItem(row, column, item)


class DiagnosticsTab(QWidget):
    """Identity, counters, self-test, link statistics, the gun's event log, alarm history."""

    def __init__(self, bridge: DeviceBridge, journal_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._journal_path = journal_path
        self.worker = CallWorker("gui-diagnostics", self)
        self._stats_in_flight = False
        self.last_report: DeviceReport | None = None
        self.last_self_test: SelfTestResult | None = None
        self.last_log: EventLog | None = None

        self._values: dict[str, QLabel] = {}
        gun_box = QGroupBox(self.tr("Gun"), self)
        gun_form = QFormLayout(gun_box)
        gun_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for key, label in (
            ("model", self.tr("Model")),
            ("serial", self.tr("Serial number")),
            ("firmware", self.tr("Firmware")),
            ("protocol", self.tr("Protocol")),
            ("shots", self.tr("Shot counter")),
            ("motor", self.tr("Motor running time")),
            ("power", self.tr("Power cycles")),
            ("watchdog", self.tr("Watchdog trips")),
            ("calibration", self.tr("Calibration")),
        ):
            gun_form.addRow(label, self._value(key))
        self.refresh_button = QPushButton(self.tr("Refresh"), gun_box)
        self.refresh_button.clicked.connect(self.refresh_report)
        gun_form.addRow(self.refresh_button)

        test_box = QGroupBox(self.tr("Self-test"), self)
        test_layout = QVBoxLayout(test_box)
        self.self_test_button = QPushButton(self.tr("Run the self-test"), test_box)
        self.self_test_button.setProperty("accent", True)
        self.self_test_button.clicked.connect(self.run_self_test)
        self.self_test_verdict = QLabel(self.tr("Not run yet (the gun must be idle)"), test_box)
        self.self_test_verdict.setWordWrap(True)
        test_layout.addWidget(self.self_test_button)
        test_layout.addWidget(self.self_test_verdict)

        link_box = QGroupBox(self.tr("Link (since the connection opened)"), self)
        link_form = QFormLayout(link_box)
        for key, label in (
            ("frames", self.tr("Frames received")),
            ("crc", self.tr("CRC errors")),
            ("retransmissions", self.tr("Retransmissions")),
            ("timeouts", self.tr("Timeouts")),
            ("telemetry", self.tr("Telemetry gaps")),
            ("rtt", self.tr("Round trip p50 / p99")),
            ("reconnects", self.tr("Reconnections")),
        ):
            link_form.addRow(label, self._value(key))

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(gun_box)
        left_layout.addWidget(test_box)
        left_layout.addWidget(link_box)
        left_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidget(left)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFixedWidth(LEFT_COLUMN_WIDTH_PX + scroll.verticalScrollBar().sizeHint().width())

        log_box = QGroupBox(self.tr("The gun's event log"), self)
        log_layout = QVBoxLayout(log_box)
        controls = QHBoxLayout()
        self.from_spin = QSpinBox(log_box)
        self.from_spin.setRange(0, 0x7FFF_FFFF)
        self.from_spin.setSpecialValueText(self.tr("newest"))
        self.limit_spin = QSpinBox(log_box)
        self.limit_spin.setRange(1, MAX_LOG_EVENTS)
        self.limit_spin.setValue(DEFAULT_LOG_EVENTS)
        self.read_log_button = QPushButton(self.tr("Read the log"), log_box)
        self.read_log_button.clicked.connect(self.read_log)
        controls.addWidget(QLabel(self.tr("From event no."), log_box))
        controls.addWidget(self.from_spin)
        controls.addWidget(QLabel(self.tr("Events"), log_box))
        controls.addWidget(self.limit_spin)
        controls.addWidget(self.read_log_button)
        controls.addStretch(1)
        self.log_summary = QLabel(log_box)
        self.log_summary.setProperty("muted", True)
        self.log_summary.setWordWrap(True)
        self.log_table = _table(
            log_box, [self.tr("No."), self.tr("Gun time"), self.tr("Type"), self.tr("Details")], 3
        )
        log_layout.addLayout(controls)
        log_layout.addWidget(self.log_summary)
        log_layout.addWidget(self.log_table, 1)

        alarms_box = QGroupBox(self.tr("Alarm history (gun log and sessions)"), self)
        alarms_layout = QVBoxLayout(alarms_box)
        self.alarm_counts = _table(
            alarms_box,
            [self.tr("Alarm"), self.tr("Priority"), self.tr("Gun log"), self.tr("Sessions"), self.tr("Last")],
            0,
        )
        self.alarm_table = _table(
            alarms_box,
            [self.tr("Time"), self.tr("Alarm"), self.tr("Priority"), self.tr("Source"), self.tr("Operator")],
            1,
        )
        alarms_layout.addWidget(self.alarm_counts, 1)
        alarms_layout.addWidget(self.alarm_table, 2)

        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(log_box)
        right.addWidget(alarms_box)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        right.setChildrenCollapsible(False)
        right.setSizes([560, 300])

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setProperty("muted", True)
        body = QHBoxLayout()
        body.addWidget(scroll)
        body.addWidget(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.message)

        self._link_timer = QTimer(self)
        self._link_timer.setInterval(LINK_REFRESH_MS)
        self._link_timer.timeout.connect(self.refresh_link)
        self.links = BridgeLinks()
        self.links.connect(bridge.connected, self._on_bridge_connected)
        self.links.connect(bridge.link_state_changed, self._on_link_state)
        self._set_enabled(bridge.is_connected)
        if bridge.is_connected:
            self.on_connected()

    # ----------------------------------------------------------------- actions
    def on_connected(self) -> None:
        """A gun is connected: read its report and the newest part of its log."""
        self._set_enabled(True)
        self.self_test_verdict.setText(self.tr("Not run yet (the gun must be idle)"))
        self.read_log()  # then the report: its counters as of this log

    def refresh_report(self) -> None:
        """Read identity, status, counters, calibration and link statistics (worker thread)."""
        self._run(device_report, self._show_report)

    def run_self_test(self) -> None:
        """Run the gun's self-test (worker thread); the verdict replaces the previous one."""
        self.self_test_button.setEnabled(False)
        self.self_test_verdict.setText(self.tr("Self-test running…"))
        self._run(run_self_test, self._show_self_test, self._self_test_failed)

    def read_log(self) -> None:
        """Download the part of the gun's log the spin boxes select, and the alarm history."""
        first, limit, path = self.from_spin.value(), self.limit_spin.value(), self._journal_path
        self.read_log_button.setEnabled(False)
        self.log_summary.setText(self.tr("Reading the gun's log…"))
        self._run(
            lambda injector: _read_log_and_alarms(injector, path, first, limit),
            self._show_log,
            self._log_failed,
        )

    def refresh_link(self) -> None:
        """Show the link counters again (skipped while the previous read is on its way)."""
        injector = self._bridge.injector
        if injector is None or self._stats_in_flight:
            return
        self._stats_in_flight = True
        self.worker.submit(lambda: injector.stats, self._show_link, self._stats_failed)

    def shutdown(self) -> None:
        """Stop hearing the bridge, the refresh timer and the worker (waits for the call running)."""
        self.links.disconnect_all()
        self._link_timer.stop()
        self.worker.shutdown(wait=True)

    # ----------------------------------------------------------------- what is shown
    def serial_value(self) -> str:
        """The serial number shown (``—`` before the first report)."""
        return self._values["serial"].text()

    def shot_counter_value(self) -> str:
        return self._values["shots"].text()

    def link_value(self, key: str) -> str:
        """A link statistic as shown: ``frames``, ``crc``, ``retransmissions``, ``timeouts``, ``telemetry``,
        ``rtt`` or ``reconnects``."""
        return self._values[key].text()

    def log_kinds(self) -> list[str]:
        """The Type column of the event log table, top to bottom (newest first)."""
        items = (self.log_table.item(row, 2) for row in range(self.log_table.rowCount()))
        return [item.text() for item in items if item is not None]

    # ----------------------------------------------------------------- results (GUI thread)
    def _show_report(self, report: DeviceReport) -> None:
        self.last_report = report
        info, counters = report.info, report.counters
        texts = {
            "model": info.model,
            "serial": info.serial_number,
            "firmware": info.firmware_version,
            "protocol": self.tr("version {version}, schema {hash}").format(
                version=info.protocol_version, hash=f"0x{info.schema_hash:08X}"
            ),
            "shots": str(counters.shot_counter),
            "motor": duration_text(counters.motor_seconds),
            "power": str(counters.power_cycles),
            "watchdog": str(counters.watchdog_trips),
            "calibration": calibration_summary_text(report.calibration),
        }
        for key, text in texts.items():
            self._values[key].setText(text)
        self._show_link(report.link)

    def _show_link(self, stats: LinkStats) -> None:
        self._stats_in_flight = False
        counters = self.last_report.counters if self.last_report is not None else None
        gun_crc = "" if counters is None else self.tr(" (gun: {count})").format(count=counters.crc_errors)
        texts = {
            "frames": str(stats.frames_ok),
            "crc": f"{stats.crc_errors}{gun_crc}",
            "retransmissions": str(stats.retransmissions),
            "timeouts": str(stats.timeouts),
            "telemetry": self.tr("{gaps} ({missed} samples missed)").format(
                gaps=stats.telemetry_gaps, missed=stats.telemetry_samples_missed
            ),
            "rtt": self.tr("{p50} / {p99} ms").format(
                p50=number(stats.rtt_p50_ms, 2), p99=number(stats.rtt_p99_ms, 2)
            ),
            "reconnects": str(stats.reconnects),
        }
        for key, text in texts.items():
            self._values[key].setText(text)

    def _show_self_test(self, result: SelfTestResult) -> None:
        self.last_self_test = result
        self.refresh_report()  # the counters and the gun's state after the test
        self.self_test_button.setEnabled(self._bridge.is_connected)
        verdict = self_test_text(result.failures)
        self.self_test_verdict.setText(
            self.tr("{verdict} ({time})").format(verdict=verdict, time=local_datetime(result.ran_at))
        )
        colour = "#2E7D32" if result.passed else "#C62828"
        self.self_test_verdict.setStyleSheet(f"color: {colour}; font-weight: 600;")

    def _self_test_failed(self, error: BaseException) -> None:
        self.self_test_button.setEnabled(self._bridge.is_connected)
        self.self_test_verdict.setStyleSheet("")
        self.self_test_verdict.setText(self.tr("The self-test could not run (the gun must be idle)."))
        self._show_error(error)

    def _show_log(self, result: LogAndAlarms) -> None:
        self.last_log = result.log
        self.refresh_report()  # the shot counter and calibration as of this log
        self.read_log_button.setEnabled(self._bridge.is_connected)
        log = result.log
        _fill(self.log_table, [self._log_row(event) for event in reversed(log.events)])
        self.log_summary.setText(self._log_summary(log))
        _fill(
            self.alarm_counts,
            [
                (
                    alarm_text(c.code),
                    priority_text(c.priority),
                    str(c.raised_on_gun),
                    str(c.raised_in_sessions),
                    local_datetime(c.last_raised),
                )
                for c in result.counts
            ],
        )
        _fill(self.alarm_table, [self._alarm_row(entry) for entry in result.alarms])

    def _log_failed(self, error: BaseException) -> None:
        self.read_log_button.setEnabled(self._bridge.is_connected)
        self.log_summary.setText(self.tr("The gun's log could not be read."))
        self._show_error(error)

    def _stats_failed(self, error: BaseException) -> None:
        self._stats_in_flight = False

    def _show_error(self, error: BaseException) -> None:
        self.message.setText(error_text(error, current_language()))

    # ----------------------------------------------------------------- internals
    def _log_summary(self, log: EventLog) -> str:
        if not log.events:
            return self.tr("No event from no. {first} (the gun's newest is no. {newest}).").format(
                first=log.first_requested, newest=log.device_last_event_number
            )
        text = self.tr(
            "%n event(s), no. {first} to {last}; the gun's newest is no. {newest}.", "", len(log.events)
        ).format(
            first=log.events[0].event_number,
            last=log.events[-1].event_number,
            newest=log.device_last_event_number,
        )
        if log.missing:
            text += " " + self.tr("%n number(s) no longer in the gun's log (purged).", "", len(log.missing))
        return text

    @staticmethod
    def _log_row(event: DeviceEvent) -> tuple[str, ...]:
        return (
            str(event.event_number),
            local_datetime(event.device_time),
            event_type_text(event),
            event_details_text(event),
        )

    def _alarm_row(self, entry: AlarmEntry) -> tuple[str, ...]:
        change = self.tr("raised") if entry.raised else self.tr("cleared")
        if entry.from_gun:
            where = self.tr("gun, event no. {number}").format(number=entry.event_number)
        elif entry.point_index is not None:
            where = self.tr("session {session}, point {point}").format(
                session=(entry.session_id or "")[:8], point=entry.point_index + 1
            )
        else:
            where = self.tr("session {session}").format(session=(entry.session_id or "")[:8])
        return (
            local_datetime(entry.time),
            f"{alarm_text(entry.code)} — {change}",
            priority_text(entry.priority),
            where,
            entry.operator or "—",
        )

    def _value(self, key: str) -> QLabel:
        label = QLabel("—", self)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._values[key] = label
        return label

    def _run(
        self,
        action: Callable[[Injector], Any],
        on_result: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        injector = self._bridge.injector
        if injector is None:
            return
        self.message.setText("")
        self.worker.submit(lambda: action(injector), on_result, on_error or self._show_error)

    def _set_enabled(self, connected: bool) -> None:
        for widget in (self.refresh_button, self.self_test_button, self.read_log_button):
            widget.setEnabled(connected)
        if connected and self.isVisible():
            self._link_timer.start()
        elif not connected:
            self._link_timer.stop()

    def _on_bridge_connected(self, _info: object) -> None:
        self.on_connected()

    def _on_link_state(self, state: LinkState, _detail: str) -> None:
        if state is LinkState.DISCONNECTED:
            self._set_enabled(False)
            self.message.setText(self.tr("No gun connected."))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._bridge.is_connected:
            self._link_timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._link_timer.stop()
