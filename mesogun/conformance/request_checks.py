"""Checks of requests (PROTOCOL.md §5.3, §5.4, §7.3, §11): at most once through the response cache,
and every refusal with the field, value and bounds the rules give, in the order they give."""

from __future__ import annotations

from firmware_protocol import AlarmCode, Status
from firmware_protocol.constants import (
    DEPTH_SCALE_MAX_PPM,
    DEPTH_SCALE_MIN_PPM,
    FIRE_COUNT_MAX,
    PRIME_VOLUME_MAX_NL,
    PRIME_VOLUME_MIN_NL,
    VOLUME_PER_STEP_MAX_PL,
    VOLUME_PER_STEP_MIN_PL,
)
from firmware_protocol.enums import Mode
from firmware_protocol.messages import (
    AckAlarm,
    AckEvents,
    CalibrationReply,
    Configure,
    ConfigureReply,
    ConfigureTelemetry,
    Fire,
    GetStatus,
    LoadSyringe,
    Prime,
    ReadCalibration,
    RequestEvents,
    SetTechnicianMode,
    StatusReply,
    TechnicianModeReply,
    WriteCalibration,
)
from mesogun.conformance.checklist import Check, DeviceUnderTest, expect, expect_refusal
from mesogun.conformance.raw_link import CheckFailed

U32_MAX = 0xFFFF_FFFF


def _flagged_action_replayed(device: DeviceUnderTest) -> None:
    link = device.link
    device.to_idle()
    config = device.safe_configuration()
    replayed_before = device.diagnostics().retransmissions_replayed
    seq = link.next_seq()
    first = link.request(config, seq=seq)
    expect(
        first.status == Status.OK and isinstance(first.body, ConfigureReply), f"CONFIGURE {first.status.name}"
    )
    assert isinstance(first.body, ConfigureReply)
    again = link.request(config, seq=seq, retransmit=True)
    expect(again == first, f"the retransmitted CONFIGURE got {again}, not the same answer {first}")
    config_id = link.call(GetStatus(), StatusReply).config_id
    expect(
        config_id == first.body.config_id,
        f"a flagged retransmission was executed again: config_id {first.body.config_id} became {config_id}",
    )
    replayed = device.diagnostics().retransmissions_replayed - replayed_before
    expect(replayed == 1, f"retransmissions_replayed grew by {replayed}, not 1")


def _flagged_other_content_refused(device: DeviceUnderTest) -> None:
    link = device.link
    device.to_idle()
    config = device.safe_configuration()
    seq = link.next_seq()
    first = link.call(config, ConfigureReply, seq=seq)
    other = Configure(
        config.mode, config.depth_um, config.volume_nl + 1, config.flow_nl_s, config.burst_rate_mhz
    )
    response = link.request(other, seq=seq, retransmit=True)
    expect_refusal(
        response, Status.BAD_REQUEST, what="flagged CONFIGURE reusing a cached seq with other content"
    )
    config_id = link.call(GetStatus(), StatusReply).config_id
    expect(config_id == first.config_id, f"it was executed: config_id {first.config_id} became {config_id}")


def _refusal_cached(device: DeviceUnderTest) -> None:
    link = device.link
    device.to_idle()
    seq = link.next_seq()
    first = link.request(Fire(0), seq=seq)
    expect_refusal(first, Status.OUT_OF_RANGE, what="FIRE 0")
    replayed_before = device.diagnostics().retransmissions_replayed
    again = link.request(Fire(0), seq=seq, retransmit=True)
    expect(again == first, f"the retransmitted refused FIRE got {again}, not {first}")
    replayed = device.diagnostics().retransmissions_replayed - replayed_before
    expect(
        replayed == 1, f"the refusal was not replayed from the cache (retransmissions_replayed +{replayed})"
    )


def _out_of_range(device: DeviceUnderTest) -> None:
    caps = device.session()
    link = device.link
    device.to_idle()
    base = device.safe_configuration()
    step = max(1, caps.depth_step_um)
    modes = [mode for mode in Mode if caps.modes_mask & (1 << mode)]
    cases: list[tuple[str, object, int, int, int, int]] = [
        (
            "CONFIGURE mode 7",
            Configure(7, base.depth_um, base.volume_nl, base.flow_nl_s, base.burst_rate_mhz),
            0,
            7,
            min(modes),
            max(modes),
        ),
        (
            "CONFIGURE depth past the maximum",
            _with(base, depth_um=caps.depth_max_um + step),
            1,
            caps.depth_max_um + step,
            caps.depth_min_um,
            caps.depth_max_um,
        ),
        (
            "CONFIGURE volume past the maximum",
            _with(base, volume_nl=caps.volume_max_nl + 1),
            2,
            caps.volume_max_nl + 1,
            caps.volume_min_nl,
            caps.volume_max_nl,
        ),
        (
            "CONFIGURE flow past the maximum",
            _with(base, flow_nl_s=caps.flow_max_nl_s + 1),
            3,
            caps.flow_max_nl_s + 1,
            caps.flow_min_nl_s,
            caps.flow_max_nl_s,
        ),
        (
            "CONFIGURE burst rate past the maximum",
            _with(base, burst_rate_mhz=caps.burst_rate_max_mhz + 1),
            4,
            caps.burst_rate_max_mhz + 1,
            caps.burst_rate_min_mhz,
            caps.burst_rate_max_mhz,
        ),
        ("FIRE 0", Fire(0), 0, 0, 1, FIRE_COUNT_MAX),
        ("FIRE 51", Fire(FIRE_COUNT_MAX + 1), 0, FIRE_COUNT_MAX + 1, 1, FIRE_COUNT_MAX),
        ("PRIME 0", Prime(0), 0, 0, PRIME_VOLUME_MIN_NL, PRIME_VOLUME_MAX_NL),
        ("ACK_ALARM 0", AckAlarm(0), 0, 0, 1, max(AlarmCode)),
        ("REQUEST_EVENTS from 0", RequestEvents(0, 1), 0, 0, 1, U32_MAX),
        (
            "CONFIGURE_TELEMETRY too fast",
            ConfigureTelemetry(caps.telemetry_max_hz + 1, 7),
            0,
            caps.telemetry_max_hz + 1,
            0,
            caps.telemetry_max_hz,
        ),
        ("CONFIGURE_TELEMETRY channel 8", ConfigureTelemetry(0, 8), 1, 8, 0, 7),
        ("SET_TECHNICIAN_MODE enable 2", SetTechnicianMode(2, 0), 0, 2, 0, 1),
        (
            "WRITE_CALIBRATION 0 pl per step",
            WriteCalibration(1, 0, 0, 1_000_000, 0, 0),
            1,
            0,
            VOLUME_PER_STEP_MIN_PL,
            VOLUME_PER_STEP_MAX_PL,
        ),
        (
            "WRITE_CALIBRATION scale 0",
            WriteCalibration(1, 10_000, 0, 0, 0, 0),
            3,
            0,
            DEPTH_SCALE_MIN_PPM,
            DEPTH_SCALE_MAX_PPM,
        ),
        (
            "WRITE_CALIBRATION expiring at its calibration time",
            WriteCalibration(1, 10_000, 0, 1_000_000, 1_700_000_000, 1_700_000_000),
            5,
            1_700_000_000,
            1_700_000_001,
            U32_MAX,
        ),
    ]
    if step > 1:
        off_grid = caps.depth_min_um + step // 2
        cases.append(
            (
                "CONFIGURE depth off the step grid",
                _with(base, depth_um=off_grid),
                1,
                off_grid,
                caps.depth_min_um,
                caps.depth_max_um,
            )
        )
    sizes_ul = [size * 1000 for size in caps.syringe_sizes_ml]
    cases.append(("LOAD_SYRINGE of 1 µl", LoadSyringe(1, 1), 0, 1, min(sizes_ul), max(sizes_ul)))
    cases.append(
        (
            "LOAD_SYRINGE fuller than its capacity",
            LoadSyringe(sizes_ul[0], sizes_ul[0] * 1000 + 1),
            1,
            sizes_ul[0] * 1000 + 1,
            1,
            sizes_ul[0] * 1000,
        )
    )
    last = link.call(GetStatus(), StatusReply).last_event_number
    cases.append(("ACK_EVENTS past the newest event", AckEvents(last + 1), 0, last + 1, 0, last))
    for what, message, field_index, value, minimum, maximum in cases:
        response = link.request(message)
        expect_refusal(
            response,
            Status.OUT_OF_RANGE,
            field_index=field_index,
            value=value,
            minimum=minimum,
            maximum=maximum,
            what=what,
        )


def _with(config: Configure, **changes: int) -> Configure:
    values = {
        name: getattr(config, name)
        for name in ("mode", "depth_um", "volume_nl", "flow_nl_s", "burst_rate_mhz")
    }
    values.update(changes)
    return Configure(**values)


def _state_refusals(device: DeviceUnderTest) -> None:
    link = device.link
    status = device.to_idle()
    expect_refusal(link.request(Fire(1)), Status.NOT_ARMED, what=f"FIRE 1 while {status.state}")
    calibration = link.call(ReadCalibration(), CalibrationReply)
    same = WriteCalibration(
        *(
            getattr(calibration, name)
            for name in (
                "calibration_id",
                "volume_per_step_pl",
                "depth_offset_um",
                "depth_scale_ppm",
                "calibrated_at_s",
                "expires_at_s",
            )
        )
    )
    expect_refusal(link.request(same), Status.NOT_PERMITTED, what="WRITE_CALIBRATION outside technician mode")


def _technician_code(device: DeviceUnderTest) -> None:
    link = device.link
    device.to_idle()
    wrong = U32_MAX if device.access_code != U32_MAX else 0
    response = link.request(SetTechnicianMode(1, wrong))
    if response.status == 0:
        link.call(SetTechnicianMode(0, 0), TechnicianModeReply)
        raise CheckFailed(
            f"technician mode was entered with the code {wrong}: is that really the device's code?"
        )
    expect_refusal(response, Status.NOT_PERMITTED, field_index=1, value=0, what="a wrong access code")
    if device.access_code is None:
        return
    reply = link.call(SetTechnicianMode(1, device.access_code), TechnicianModeReply)
    expect(reply.technician_mode == 1, "the access code given did not enter technician mode")
    device.hello = None
    device.session()  # HELLO leaves technician mode
    expect(link.call(GetStatus(), StatusReply).technician_mode == 0, "technician mode outlived a HELLO")


CHECKS = [
    Check(
        "retransmit-replayed",
        "5.4",
        "a flagged ACTION is answered from the cache, not executed again",
        _flagged_action_replayed,
    ),
    Check(
        "retransmit-other-content",
        "5.4",
        "a flagged ACTION whose seq is cached with other content is BAD_REQUEST, not executed",
        _flagged_other_content_refused,
    ),
    Check(
        "refusal-cached", "5.4", "a refused ACTION's retransmission gets the same refusal", _refusal_cached
    ),
    Check(
        "out-of-range",
        "5.3",
        "every field out of range is refused, naming the field, the value and the bounds",
        _out_of_range,
    ),
    Check(
        "state-refusals",
        "7.3",
        "FIRE while not armed is NOT_ARMED; WRITE_CALIBRATION outside technician mode NOT_PERMITTED",
        _state_refusals,
    ),
    Check(
        "technician-code",
        "11",
        "a wrong access code is refused without echo; HELLO leaves technician mode",
        _technician_code,
    ),
]
