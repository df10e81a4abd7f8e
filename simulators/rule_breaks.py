"""Rule-breaking switches: a simulated gun that violates one rule of PROTOCOL.md on purpose.

They exist so that ``mesogun conformance`` can be shown to catch a device that breaks each rule it
checks. Every switch is off by default; a gun with none on follows the specification. They are set on
the gun (:meth:`SimulatedGun.set_rule_breaks`), in a ``simgun://`` URL (``breaks=slow_watchdog``) or on
``mesogun-sim``'s command line (``--break-rule slow_watchdog``), and outlive power cycles.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

#: Each switch and the rule it breaks (PROTOCOL.md section).
RULES: dict[str, str] = {
    "bad_crc_replies": "4.2: every response goes out with a wrong CRC",
    "skip_handshake": "2, 4.5 rule 5: requests are served before any HELLO",
    "wrong_unsupported_type": "4.1, 4.5 rule 3: UNSUPPORTED answers carry response type 0x81",
    "ignore_retransmit_flag": "5.4: a flagged ACTION is executed again instead of replayed",
    "accept_out_of_range": "5.3: CONFIGURE takes values outside the ranges instead of refusing them",
    "no_event_resend": "9: unacknowledged events are never re-sent",
    "flag_first_send": "9: an event's first send carries the retransmission flag",
    "slow_watchdog": "8: the watchdog trips after twice watchdog_ms",
    "telemetry_gaps": "10: every telemetry batch skips one sample number",
    "accept_any_schema": "6: a HELLO with another schema hash is accepted",
    "accept_other_version": "6: a HELLO naming another protocol version is accepted",
    "v1_header_mismatch": "4.5 rule 2: PROTOCOL_MISMATCH answers in a version-1 header",
    "answer_responses": "4.5 rule 1: frames with bit 7 of their type set are answered UNSUPPORTED",
    "slow_responses": "5.2: every response leaves 80 ms late",
    "echo_access_code": "11: a wrong access code is echoed in the refusal",
    "unflagged_replay": "9: events sent by REQUEST_EVENTS carry no retransmission flag",
    "telemetry_after_hello": "10: a HELLO leaves telemetry running",
    "retransmit_other_content": "5.4: a flagged ACTION with other content under a cached seq is executed",
    "wrong_state_status": "7.3: FIRE while not armed is answered BUSY",
    "stop_cause_none": "7.2: a shot cut by STOP ends with cause NONE and the device stays armed",
    "events_before_response": "5.2: events a request causes leave before its response",
    "refusals_not_cached": "5.4: refused ACTIONs are not cached (a retransmission runs again)",
    "uncounted_crc_errors": "4.5: frames dropped for a bad CRC are not counted",
    "frames_need_whole_reads": "2: a frame split across reads is lost",
    "watchdog_ms_out_of_range": "6: HelloReply announces a watchdog of 50 ms, below 100",
    "malformed_as_unsupported": "4.5 rule 4: a payload of the wrong length is answered UNSUPPORTED",
    "no_window_after_hello": "9: a HELLO does not send the unacknowledged events at once",
}


@dataclass(frozen=True)
class RuleBreaks:
    """Which rules the simulated gun breaks (all False: a conforming gun)."""

    bad_crc_replies: bool = False
    skip_handshake: bool = False
    wrong_unsupported_type: bool = False
    ignore_retransmit_flag: bool = False
    accept_out_of_range: bool = False
    no_event_resend: bool = False
    flag_first_send: bool = False
    slow_watchdog: bool = False
    telemetry_gaps: bool = False
    accept_any_schema: bool = False
    accept_other_version: bool = False
    v1_header_mismatch: bool = False
    answer_responses: bool = False
    slow_responses: bool = False
    echo_access_code: bool = False
    unflagged_replay: bool = False
    telemetry_after_hello: bool = False
    retransmit_other_content: bool = False
    wrong_state_status: bool = False
    stop_cause_none: bool = False
    events_before_response: bool = False
    refusals_not_cached: bool = False
    uncounted_crc_errors: bool = False
    frames_need_whole_reads: bool = False
    watchdog_ms_out_of_range: bool = False
    malformed_as_unsupported: bool = False
    no_window_after_hello: bool = False

    @classmethod
    def parse(cls, spec: str) -> RuleBreaks:
        """Switches from ``"slow_watchdog,no_event_resend"`` (empty: none). Raises ValueError."""
        names = [name.strip() for name in spec.split(",") if name.strip()]
        return cls.of(names)

    @classmethod
    def of(cls, names: list[str]) -> RuleBreaks:
        """Switches named in ``names`` turned on. Raises ValueError naming an unknown one."""
        known = {f.name for f in fields(cls)}
        for name in names:
            if name not in known:
                raise ValueError(f"unknown rule-breaking switch {name!r} (known: {', '.join(sorted(known))})")
        return cls(**dict.fromkeys(names, True))

    @property
    def names(self) -> list[str]:
        """The switches that are on."""
        return [f.name for f in fields(self) if getattr(self, f.name)]
