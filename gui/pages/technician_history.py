"""The calibration history of the connected gun: every record of the journal, and the factor's drift.

The table lists the gun's calibrations and flow tests, newest first; the plot shows the volume factor
(nl per motor step) each passed volume calibration wrote, over time, with the as-found error beside
it, so a technician sees a plunger wearing or a change after a service. The journal is read on this
tab's worker thread.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.device_bridge import DeviceBridge, LinkState
from gui.formatting import number
from gui.language import current_language
from gui.pages.technician_journal import JournalFile
from gui.pages.technician_texts import local_date, local_datetime
from gui.style import ACCENT, ALARM_HIGH, POINT_DONE
from gui.widgets.technician_signals import BridgeLinks
from gui.worker import CallWorker
from mesogun.device_info import DeviceInfo
from mesogun.journal.calibration_records import CalibrationKind, CalibrationRecord
from mesogun.vocabulary import error_text, remark_text


def kind_text(kind: CalibrationKind) -> str:
    texts = {
        CalibrationKind.VOLUME: QCoreApplication.translate("CalibrationTexts", "Volume"),
        CalibrationKind.DEPTH: QCoreApplication.translate("CalibrationTexts", "Depth"),
        CalibrationKind.FLOW: QCoreApplication.translate("CalibrationTexts", "Flow test"),
    }
    return texts.get(kind, str(kind))


def result_text(record: CalibrationRecord) -> str:
    """What the record changed or found, in a few words."""
    after = record.factors_after
    if record.kind is CalibrationKind.FLOW:
        flow = record.figures.flow
        if flow is None:
            return "—"
        return QCoreApplication.translate("CalibrationTexts", "flow error {error} % at {flow} µl/s").format(
            error=number(flow.overall_error_pct, 2), flow=number(flow.set_flow_ul_s, 1)
        )
    if after is None:
        return QCoreApplication.translate("CalibrationTexts", "nothing written")
    if record.kind is CalibrationKind.DEPTH:
        return QCoreApplication.translate("CalibrationTexts", "offset {offset} mm, scale {scale}").format(
            offset=number(after.depth_offset_mm, 3), scale=number(after.depth_scale, 4)
        )
    return QCoreApplication.translate("CalibrationTexts", "{step} nl per step").format(
        step=number(after.volume_per_step_nl, 3)
    )


class HistoryTab(QWidget):
    """Records table and factor drift plot. ``certificate_requested(CalibrationRecord)`` from the button."""

    certificate_requested = Signal(object)

    def __init__(self, bridge: DeviceBridge, journal: JournalFile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._journal = journal
        self.worker = CallWorker("gui-calibration-history", self)
        self.records: list[CalibrationRecord] = []
        self._closed = False  # after shutdown: a read still on its way is not shown

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 7, self)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Finished"),
                self.tr("Kind"),
                self.tr("Verdict"),
                self.tr("Result"),
                self.tr("Valid until"),
                self.tr("Technician"),
                self.tr("Record"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)

        self.plot = pg.PlotWidget(parent=self, axisItems={"bottom": pg.DateAxisItem()})
        self.plot.setBackground("w")
        self.plot.showGrid(x=True, y=True, alpha=0.3)
        self.plot.setLabel("left", self.tr("Volume factor (nl per step)"))
        self.plot.setLabel("bottom", self.tr("Calibration date"))
        self.plot.setTitle(self.tr("Volume factor written by each passed calibration"))
        self.factor_curve = self.plot.plot(
            [], [], pen=pg.mkPen(ACCENT, width=1), symbol="o", symbolBrush=ACCENT, symbolSize=8
        )

        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.clicked.connect(self.refresh)
        self.certificate_button = QPushButton(self.tr("Open the certificate…"), self)
        self.certificate_button.clicked.connect(self._certificate_clicked)
        self.certificate_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.certificate_button)
        buttons.addStretch(1)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.plot)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([380, 320])
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

        self.links = BridgeLinks()
        self.links.connect(bridge.connected, self._on_bridge_connected)
        self.links.connect(bridge.link_state_changed, self._on_link_state)
        self._show([])

    def refresh(self) -> None:
        """Read the connected gun's records from the journal again (worker thread)."""
        info: DeviceInfo | None = self._bridge.info
        if info is None:
            return
        serial, journal = info.serial_number, self._journal

        def read() -> list[CalibrationRecord]:
            opened = journal.existing()
            return [] if opened is None else opened.calibrations(device_serial=serial)

        self.worker.submit(
            read, self._show, lambda error: self.summary.setText(error_text(error, current_language()))
        )

    def selected_record(self) -> CalibrationRecord | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        index = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return self.records[index] if isinstance(index, int) and index < len(self.records) else None

    def shutdown(self) -> None:
        """Stop hearing the bridge and the worker; release the plot's scene now."""
        self._closed = True
        self.links.disconnect_all()
        self.worker.shutdown(wait=True)
        self.plot.close()

    # ----------------------------------------------------------------- internals
    def _show(self, records: Sequence[CalibrationRecord]) -> None:
        if self._closed:
            return
        self.records = list(records)
        newest_first = list(reversed(list(enumerate(self.records))))
        self.table.setRowCount(len(newest_first))
        for row, (index, record) in enumerate(newest_first):
            verdict = QTableWidgetItem(self.tr("passed") if record.passed else self.tr("failed"))
            verdict.setForeground(pg.mkColor(POINT_DONE if record.passed else ALARM_HIGH))
            when = QTableWidgetItem(local_datetime(record.finished_at))
            when.setData(Qt.ItemDataRole.UserRole, index)
            cells = [
                when,
                QTableWidgetItem(kind_text(record.kind)),
                verdict,
                QTableWidgetItem(
                    result_text(record)
                    if record.passed
                    else remark_text(record.reason or "—", current_language())
                ),
                QTableWidgetItem(local_date(record.expires_at)),
                QTableWidgetItem(record.technician),
                QTableWidgetItem(record.record_id[:8]),
            ]
            for column, item in enumerate(cells):
                item.setToolTip(item.text())
                self.table.setItem(row, column, item)
        volume = [r for r in self.records if r.kind is CalibrationKind.VOLUME and r.factors_after is not None]
        xs = [r.finished_at.timestamp() for r in volume]
        ys = [r.factors_after.volume_per_step_nl for r in volume if r.factors_after is not None]
        self.factor_curve.setData(xs, ys)
        if self._bridge.info is None:
            self.summary.setText(self.tr("No gun connected."))
        elif not self.records:
            self.summary.setText(self.tr("The journal holds no calibration of this gun yet."))
        else:
            self.summary.setText(
                self.tr("%n record(s) for gun {serial}.", "", len(self.records)).format(
                    serial=self._bridge.info.serial_number
                )
            )
        self._selection_changed()

    def _selection_changed(self) -> None:
        record = self.selected_record()
        self.certificate_button.setEnabled(record is not None)

    def _certificate_clicked(self) -> None:
        record = self.selected_record()
        if record is not None:
            self.certificate_requested.emit(record)

    def _on_bridge_connected(self, _info: object) -> None:
        self.refresh()

    def _on_link_state(self, state: LinkState, _detail: str) -> None:
        if state is LinkState.DISCONNECTED:
            self._show([])
