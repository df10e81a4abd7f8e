"""During the session: the current point in large type, the controls, the plan's points with their
status, the body map, live telemetry and the volume delivered against the planned one per point.

Everything shown comes from the runner's snapshots (re-emitted on the GUI thread by the session bridge)
and from the device bridge (telemetry, the link's state); every command goes to the runner through the
session bridge and returns at once. A soft-limit point asks for the reason to deliver it; a lost link
shows that the gun is being reconnected while the session waits paused.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui import style
from gui.clinical_texts import substances_text
from gui.device_bridge import DeviceBridge, LinkState
from gui.device_texts import alarm_text
from gui.formatting import number
from gui.language import current_language
from gui.session_bridge import SessionBridge
from gui.session_texts import list_separator, point_title, session_state_text, violation_text
from gui.widgets.alarm_banner import COLOURS as ALARM_COLOURS
from gui.widgets.alarm_banner import BannerLevel
from gui.widgets.body_map import BodyMap, MapPoint, PointState
from gui.widgets.point_card import PointCard
from gui.widgets.point_list import PointList
from gui.widgets.session_controls import SessionControls, available
from gui.widgets.session_dialogs import (
    OverrideDialog,
    PartialPointDialog,
    ReasonDialog,
    ShortcutsDialog,
    SyringeChangeDialog,
)
from gui.widgets.syringe_form import DEFAULT_SIZES_ML
from gui.widgets.telemetry_plot import TelemetryPlot
from gui.widgets.volume_plot import VolumePlot
from mesogun.device_events import StateChanged
from mesogun.device_values import DeviceState, Mode
from mesogun.models import PlanPoint, SessionPlan
from mesogun.session import TERMINAL_STATES, PartialChoice, PointStatus, SessionSnapshot, SessionState
from mesogun.vocabulary import error_text

#: The points, plots and body map never get less than this height (px): a low screen scrolls instead.
BOTTOM_MIN_HEIGHT_PX = 400

#: Modes a press of Space (or the Fire button) may deliver: one shot, or one infusion.
HOST_FIRE_MODES = frozenset({Mode.SINGLE, Mode.CONTINUOUS})

_STATE_COLOURS = {
    SessionState.RUNNING: style.POINT_DONE,
    SessionState.PAUSED: style.ALARM_MEDIUM,
    SessionState.ALARM: style.ALARM_HIGH,
    SessionState.COMPLETED: style.POINT_DONE,
    SessionState.STOPPED: style.TEXT_MUTED,
    SessionState.ABORTED: style.ALARM_HIGH,
}


class SessionRunPage(QWidget):
    """The running session; see the module documentation. ``new_session_requested`` after the end."""

    new_session_requested = Signal()

    def __init__(
        self,
        session: SessionBridge,
        bridge: DeviceBridge,
        *,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sessionRunPage")
        self._session = session
        self._bridge = bridge
        self._today = today
        self._plan: SessionPlan | None = None
        self._runner: object = None  # the runner shown (a new one resets the page)
        self._delivered_shown: dict[int, float] = {}
        self._points: list[PlanPoint] = []
        self._asked_override: int | None = None
        self._asked_partial: tuple[int, float] | None = None
        self._link_state = LinkState.CONNECTED
        self._gun_delivering = False  # from the gun's state events: the card says "Delivering"
        self.override_dialog: OverrideDialog | None = None
        self.partial_dialog: PartialPointDialog | None = None
        self.reason_dialog: ReasonDialog | None = None
        self.syringe_dialog: SyringeChangeDialog | None = None
        self.help_dialog: ShortcutsDialog | None = None

        self.title = QLabel(self)
        self.title.setProperty("heading", True)
        self.plan_label = QLabel(self)
        self.plan_label.setProperty("muted", True)
        self.state_badge = QLabel(self)
        self.state_badge.setObjectName("sessionState")
        self.state_badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.state_badge.setMinimumWidth(140)
        self.link_banner = QLabel(self)
        self.link_banner.setObjectName("linkBanner")
        self.link_banner.setWordWrap(True)
        self.link_banner.setStyleSheet(
            f"background: {style.ALARM_MEDIUM}; color: {style.TEXT}; font-weight: 600; padding: 8px 12px;"
        )
        self.link_banner.setVisible(False)
        self.notice = QLabel(self)
        self.notice.setObjectName("sessionNotice")
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)
        self.error = QLabel(self)
        self.error.setObjectName("sessionError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {style.STOP_RED};")
        self.error.setVisible(False)
        self.new_session_button = QPushButton(self.tr("New session"), self)
        self.new_session_button.setProperty("accent", True)
        self.new_session_button.clicked.connect(self.new_session_requested)
        self.new_session_button.setVisible(False)

        self.card = PointCard(self)
        self.controls = SessionControls(self)
        self.points = PointList(self)
        self.body_map = BodyMap(self)
        self.telemetry = TelemetryPlot(parent=self)
        self.volumes = VolumePlot(self)
        # Doses are counted by substance: what this session has given so far, in mg.
        self.substances = QLabel(self)
        self.substances.setWordWrap(True)

        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.plan_label)
        header.addLayout(titles, 1)
        header.addWidget(self.new_session_button)
        header.addWidget(self.controls.help_button)
        header.addWidget(self.state_badge)
        # As wide as its longest label needs in the interface language, never clipped.
        self.controls.setFixedWidth(max(330, self.controls.sizeHint().width()))
        top = QHBoxLayout()
        top.addWidget(self.card, 1)
        top.addWidget(self.controls, 0, Qt.AlignmentFlag.AlignTop)

        points_box = self._boxed(self.tr("Points of the plan"), self.points)
        volumes_box = self._boxed(self.tr("Delivered and planned volume per point"), self.volumes)
        volumes_layout = volumes_box.layout()
        if volumes_layout is not None:
            volumes_layout.addWidget(self.substances)
        # The body map and the telemetry share the right-hand pane at its full height (three stacked
        # traces need it): the map is shown, the telemetry is one click (or Ctrl+T) away.
        self.views = QTabWidget(self)
        self.views.setObjectName("sessionViews")
        self.views.addTab(self.body_map, self.tr("Body map"))
        self.views.addTab(self.telemetry, self.tr("Live telemetry"))
        self.views.setTabToolTip(
            1, self.tr("Needle depth, plunger and pressure as the gun reports them (Ctrl+T)")
        )
        toggle = QShortcut(QKeySequence("Ctrl+T"), self)
        toggle.setContext(Qt.ShortcutContext.WindowShortcut)
        toggle.activated.connect(lambda: self.views.setCurrentIndex(1 - self.views.currentIndex()))
        left = QSplitter(Qt.Orientation.Vertical, self)
        left.addWidget(points_box)
        left.addWidget(volumes_box)
        bottom = QSplitter(Qt.Orientation.Horizontal, self)
        bottom.addWidget(left)
        bottom.addWidget(self.views)
        for splitter in (left, bottom):
            splitter.setChildrenCollapsible(False)
        # Initial shares; the splitters keep them as the window is resized.
        left.setSizes([300, 250])
        bottom.setSizes([560, 440])
        # On a low screen the page scrolls down to the points and plots rather than squashing them.
        bottom.setMinimumHeight(BOTTOM_MIN_HEIGHT_PX)
        # The page scrolls rather than widening the window past a small screen (STOP stays in view).
        content = _FixedHeightContent(self)
        scroll = QScrollArea(self)
        scroll.setObjectName("sessionRunScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(header)
        layout.addWidget(self.link_banner)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(self.error)
        layout.addWidget(bottom, 1)
        holder = QWidget(self)
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addWidget(content)
        scroll.setWidget(holder)

        c = self.controls
        c.start_requested.connect(session.start)
        c.pause_requested.connect(session.pause)
        c.resume_requested.connect(session.resume)
        c.fire_requested.connect(self.fire)
        c.next_requested.connect(self.ask_next)
        c.skip_requested.connect(self.ask_skip)
        c.repeat_requested.connect(session.repeat)
        c.acknowledge_requested.connect(lambda: session.acknowledge_alarm(then_resume=True))
        c.syringe_requested.connect(self.ask_syringe)
        c.stop_requested.connect(self.ask_end)
        c.abort_requested.connect(self.ask_abort)
        c.help_requested.connect(self.show_shortcuts)
        session.runner_changed.connect(self._on_runner)
        session.snapshot_changed.connect(self.show_snapshot)
        session.command_failed.connect(self._on_failed)
        session.command_done.connect(lambda _operation: self.error.setVisible(False))
        bridge.telemetry_received.connect(self.telemetry.add_batches)
        bridge.event_received.connect(self._on_device_event)
        bridge.link_state_changed.connect(self._on_link_state)

    # ----------------------------------------------------------------- from outside
    def show_shortcuts(self) -> None:
        """The keyboard shortcuts, in a dialog."""
        self.help_dialog = ShortcutsDialog(self.controls.shortcut_table(), self)
        self.help_dialog.open()

    # ----------------------------------------------------------------- commands that ask first
    def fire(self) -> None:
        """Fire the current point from the computer (the runner refuses if it changed meanwhile)."""
        snapshot = self._session.snapshot
        if snapshot is not None and snapshot.current_index is not None:
            self._session.fire(snapshot.current_index)

    def ask_skip(self) -> None:
        """Ask why the current point is skipped, then skip it."""
        dialog = ReasonDialog(
            self.tr("Skip the point"),
            self.tr("Why is this point skipped? The reason is recorded in the journal."),
            self.tr("Skip the point"),
            [
                self.tr("Painful point"),
                self.tr("Skin lesion at the site"),
                self.tr("Patient moved"),
                self.tr("Patient's request"),
            ],
            self,
        )
        dialog.accepted.connect(lambda: self._session.skip(dialog.reason()))
        self.reason_dialog = dialog
        dialog.open()

    def ask_abort(self) -> None:
        """Ask why the session is aborted, then abort it (the gun is disarmed at once)."""
        dialog = ReasonDialog(
            self.tr("Abort the session"),
            self.tr("Why does the session end here? The gun is disarmed at once and the reason recorded."),
            self.tr("Abort the session"),
            [
                self.tr("Patient unwell"),
                self.tr("Adverse reaction"),
                self.tr("Patient's request"),
                self.tr("Gun fault"),
            ],
            self,
        )
        dialog.accepted.connect(lambda: self._session.abort(dialog.reason()))
        self.reason_dialog = dialog
        dialog.open()

    def ask_next(self) -> None:
        """Next: a point short of its target is left partial only with a reason (recorded as typed)."""
        snapshot = self._session.snapshot
        current = snapshot.current if snapshot is not None else None
        if current is None or current.shots == 0 or current.status is PointStatus.DONE:
            self._session.next_point()  # nothing to confirm (the runner refuses a point without shots)
            return
        point = self._points[current.index]
        dialog = ReasonDialog(
            self.tr("Leave the point partial"),
            self.tr(
                "<b>{point}</b> has {delivered} of {planned} µl. Leave it partial and go to the next "
                "point? The reason is recorded in the journal."
            ).format(
                point=point_title(point),
                delivered=number(current.delivered_ul, 0),
                planned=number(point.planned_volume_ul, 0),
            ),
            self.tr("Leave it partial"),
            [self.tr("Painful point"), self.tr("Bleeding at the site"), self.tr("Patient moved")],
            self,
        )
        dialog.accepted.connect(lambda: self._session.next_point(dialog.reason()))
        self.reason_dialog = dialog
        dialog.open()

    def ask_end(self) -> None:
        """Stop (end early): with points left, only after a confirmation with a reason (recorded)."""
        snapshot = self._session.snapshot
        left = (
            [p for p in snapshot.points if p.status not in (PointStatus.DONE, PointStatus.SKIPPED)]
            if snapshot is not None
            else []
        )
        if not left:
            self._session.stop()
            return
        dialog = ReasonDialog(
            self.tr("End the session early"),
            self.tr(
                "%n point(s) of {total} not done. End the session now? What was delivered is "
                "recorded, with the reason.",
                "",
                len(left),
            ).format(total=len(snapshot.points) if snapshot is not None else 0),
            self.tr("End the session"),
            [self.tr("Patient unwell"), self.tr("Patient's request"), self.tr("Product used up")],
            self,
        )
        dialog.accepted.connect(lambda: self._session.stop(dialog.reason()))
        self.reason_dialog = dialog
        dialog.open()

    def ask_syringe(self) -> None:
        """Ask for the new syringe's lots and fill, then record and declare it (session paused)."""
        plan = self._plan
        if plan is None:
            return
        info = self._bridge.info
        sizes = info.capabilities.syringe_sizes_ml if info is not None else DEFAULT_SIZES_ML
        dialog = SyringeChangeDialog(plan, sizes or DEFAULT_SIZES_ML, self._today(), self)

        def record() -> None:
            self._session.change_syringe(
                dialog.lots.products(), dialog.syringe.capacity_ml, dialog.syringe.fill_ul
            )

        dialog.accepted.connect(record)
        self.syringe_dialog = dialog
        dialog.open()

    # ----------------------------------------------------------------- snapshots
    def show_snapshot(self, snapshot: SessionSnapshot) -> None:
        """Show where the session stands."""
        if self._plan is None:
            return
        state = snapshot.state
        self.state_badge.setText(session_state_text(state))
        colour, foreground = self._badge_colours(snapshot)
        self.state_badge.setStyleSheet(
            f"background: {colour}; color: {foreground}; font-weight: 700;"
            " border-radius: 6px; padding: 6px 14px;"
        )
        self.points.show_progress(snapshot.points)
        self.substances.setText(substances_text(snapshot.totals_mg))
        for progress in snapshot.points:
            if progress.index in self.body_map.point_keys():
                self.body_map.set_state(progress.index, PointState(progress.status.value))
            delivered_ul = max(0.0, progress.delivered_ul)
            if self._delivered_shown.get(progress.index) != delivered_ul:  # a redraw per change only
                self._delivered_shown[progress.index] = delivered_ul
                self.volumes.set_delivered(progress.index, delivered_ul)
        current = snapshot.current_index
        self.body_map.set_current(current if current in self.body_map.point_keys() else None)
        point = self._points[current] if current is not None else None
        self.card.show_point(point, snapshot.current, len(self._points))
        self.card.set_instruction(*self._instruction(snapshot, point))
        self.notice.setVisible(False)
        if state is SessionState.ALARM and snapshot.alarms_raised:
            self._show_notice(
                list_separator().join(alarm_text(code) for code in sorted(snapshot.alarms_raised))
            )
        if snapshot.refused is not None:
            self._show_notice(
                self.tr("Point refused: {violations}. Skip it, or end the session.").format(
                    violations=list_separator().join(violation_text(v) for v in snapshot.refused.violations)
                )
            )
        host_fire = point is not None and point.mode in HOST_FIRE_MODES
        self.controls.set_available(available(snapshot, host_fire))
        self.new_session_button.setVisible(state in TERMINAL_STATES)
        if state in TERMINAL_STATES:
            self.link_banner.setVisible(False)
        self._ask_override(snapshot)
        self._ask_partial(snapshot)

    @staticmethod
    def _badge_colours(snapshot: SessionSnapshot) -> tuple[str, str]:
        """Background and text of the state badge: an alarm shows its priority's colours."""
        if snapshot.state is SessionState.ALARM:
            priority = snapshot.alarm_priority
            level = BannerLevel.of(priority) if priority is not None else None
            colours = ALARM_COLOURS[level or BannerLevel.HIGH]
            return colours.background, colours.text
        colour = _STATE_COLOURS.get(snapshot.state, style.ACCENT)
        return colour, style.TEXT if colour == style.ALARM_MEDIUM else "#FFFFFF"

    def _instruction(self, snapshot: SessionSnapshot, point: PlanPoint | None) -> tuple[str, str]:
        state = snapshot.state
        if state is SessionState.COMPLETED:
            return self.tr("Session completed: every point is done or skipped."), style.POINT_DONE
        if state is SessionState.STOPPED:
            return self.tr("Session ended early: what was delivered is recorded."), style.TEXT_MUTED
        if state is SessionState.ABORTED:
            return self.tr("Session aborted: the reason is recorded."), style.ALARM_HIGH
        if state is SessionState.ALARM:
            return self.tr("Alarm: fix the cause, then acknowledge it (A or the banner)."), style.ALARM_HIGH
        if snapshot.pending_override is not None:
            return self.tr(
                "Outside the usual range: confirm with a reason, or skip the point."
            ), style.ALARM_MEDIUM
        if snapshot.pending_partial is not None:
            return self.tr(
                "A shot was cut short: complete the point with what is left, end it as it is, or skip it."
            ), style.ALARM_MEDIUM
        if snapshot.refused is not None:
            return self.tr("This point cannot be delivered as set."), style.ALARM_HIGH
        if state is SessionState.PAUSED and snapshot.waiting_for_link:
            return self.tr(
                "Link lost: paused; the session goes on by itself once the gun answers."
            ), style.ALARM_MEDIUM
        if state is SessionState.PAUSED:
            return self.tr("Paused: the gun is disarmed. Resume (P) to go on."), style.ALARM_MEDIUM
        if state is SessionState.READY:
            return self.tr("Ready: press Start (P)."), style.TEXT
        if state is SessionState.RUNNING and self._gun_delivering:
            return self.tr("Delivering…"), style.POINT_DONE
        if state is SessionState.RUNNING and snapshot.armed:
            if point is not None and point.mode is Mode.BURST:
                return self.tr("Armed: hold the gun's trigger over the zone."), style.POINT_DONE
            return self.tr("Armed: press the gun's trigger (or Space)."), style.POINT_DONE
        if state is SessionState.RUNNING:
            return self.tr("Preparing the gun for this point…"), style.TEXT_MUTED
        return self.tr("Opening the session…"), style.TEXT_MUTED

    def _ask_override(self, snapshot: SessionSnapshot) -> None:
        pending = snapshot.pending_override
        if pending is None:
            self._asked_override = None
            if self.override_dialog is not None and self.override_dialog.isVisible():
                self.override_dialog.reject()
            return
        if self._asked_override == pending.point_index:
            return
        self._asked_override = pending.point_index
        point = self._points[pending.point_index]
        dialog = OverrideDialog(point_title(point), [violation_text(v) for v in pending.violations], self)

        def finished(result: int) -> None:
            if result == QDialog.DialogCode.Accepted.value:
                self._session.confirm_override(dialog.reason())
            elif result == OverrideDialog.SKIP:
                self._session.skip(self.tr("outside the usual range: not delivered"))
            else:
                self._asked_override = None  # asked again at the next snapshot; the point waits

        dialog.finished.connect(finished)
        self.override_dialog = dialog
        dialog.open()

    def _ask_partial(self, snapshot: SessionSnapshot) -> None:
        pending = snapshot.pending_partial
        if pending is None or snapshot.state not in (SessionState.RUNNING, SessionState.PAUSED):
            # Nothing to ask, or not now (an alarm first): asked again once the session can take it.
            asked, self._asked_partial = self._asked_partial, None
            if asked is not None and self.partial_dialog is not None and self.partial_dialog.isVisible():
                self.partial_dialog.reject()  # the question it asked is gone (answered elsewhere, or moot)
            return
        key = (pending.point_index, pending.delivered_ul)
        if self._asked_partial == key:
            return
        self._asked_partial = key
        dialog = PartialPointDialog(
            point_title(self._points[pending.point_index]),
            delivered_ul=pending.delivered_ul,
            target_ul=pending.target_ul,
            remainder_ul=pending.remainder_ul,
            remainder_shot_ul=pending.remainder_shot_ul,
            whole_shots=pending.whole_shots,
            can_complete=pending.can_complete,
            parent=self,
        )

        def finished(result: int) -> None:
            if result == PartialPointDialog.COMPLETE:
                self._session.decide_partial(PartialChoice.COMPLETE)
            elif result == PartialPointDialog.DONE:
                self._session.decide_partial(PartialChoice.DONE)
            elif result == PartialPointDialog.SKIP:
                self._session.decide_partial(PartialChoice.SKIP, dialog.reason())
            else:
                self._asked_partial = None  # asked again at the next snapshot; the point waits

        dialog.finished.connect(finished)
        self.partial_dialog = dialog
        dialog.open()

    # ----------------------------------------------------------------- internals
    def _on_runner(self) -> None:
        plan, runner = self._session.plan, self._session.runner
        if plan is None or runner is None or runner is self._runner:
            return
        self._runner = runner
        self._plan = plan
        self._delivered_shown = {}
        self._points = plan.points()
        self._asked_override = None
        self._asked_partial = None
        snapshot = self._session.snapshot
        self.title.setText(self.tr("Session"))
        self.plan_label.setText(
            self.tr("Plan: {title} (version {version})").format(title=plan.title, version=plan.version)
        )
        self.points.set_points(self._points)
        self.body_map.set_points(
            [MapPoint.from_site(p.index, p.site) for p in self._points if p.site is not None]
        )
        self.volumes.set_points(
            [self._short_label(p) for p in self._points], [p.planned_volume_ul for p in self._points]
        )
        self.telemetry.clear()
        self.error.setVisible(False)
        if snapshot is not None:
            self.show_snapshot(snapshot)

    def set_patient(self, pseudonym: str) -> None:
        """Name the patient (pseudonym) in the page's title."""
        self.title.setText(self.tr("Session — patient {pseudonym}").format(pseudonym=pseudonym))

    @staticmethod
    def _short_label(point: PlanPoint) -> str:
        return (
            MapPoint.from_site(point.index, point.site).label
            if point.site is not None
            else str(point.index + 1)
        )

    def _on_device_event(self, event: object) -> None:
        if not isinstance(event, StateChanged):
            return
        delivering = event.new is DeviceState.DELIVERING
        if delivering == self._gun_delivering:
            return
        self._gun_delivering = delivering
        snapshot = self._session.snapshot
        if snapshot is not None and self._plan is not None:
            current = snapshot.current_index
            point = self._points[current] if current is not None and current < len(self._points) else None
            self.card.set_instruction(*self._instruction(snapshot, point))

    def _on_link_state(self, state: LinkState, _detail: str) -> None:
        self._link_state = state
        snapshot = self._session.snapshot
        ended = snapshot is None or snapshot.state in TERMINAL_STATES
        if state is LinkState.RECONNECTING and not ended:
            self.link_banner.setText(
                self.tr(
                    "Link lost — reconnecting… The session is paused and goes on by itself "
                    "once the gun answers."
                )
            )
            self.link_banner.setVisible(True)
        elif state is LinkState.LOST and not ended:
            self.link_banner.setText(
                self.tr("The gun does not answer: check its cable. The session stays paused and resumable.")
            )
            self.link_banner.setVisible(True)
        else:
            self.link_banner.setVisible(False)

    def _on_failed(self, _operation: str, error: BaseException) -> None:
        self._show_error(self.tr("Not done: {error}").format(error=error_text(error, current_language())))

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)

    def _show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setStyleSheet(f"color: {style.ALARM_HIGH}; font-weight: 600;")
        self.notice.setVisible(True)

    def _boxed(self, title: str, widget: QWidget) -> QGroupBox:
        box = QGroupBox(title, self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(widget)
        return box


class _FixedHeightContent(QWidget):
    """The running page's content: its wrapped labels must not make the scroll area size it by their
    preferred height (which would scroll a page that fits); it takes the height it is given."""

    def hasHeightForWidth(self) -> bool:  # Qt's name
        return False
