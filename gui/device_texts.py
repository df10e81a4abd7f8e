"""Words shown for the gun's alarms, states, modes and delivery results (translated).

Keyed by the enum member's name so the GUI needs no protocol knowledge; an unknown name is shown as
is rather than hidden.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QCoreApplication


def alarm_text(code: Enum) -> str:
    """What the alarm means and what to do, in the interface language."""
    texts = {
        "OCCLUSION": QCoreApplication.translate(
            "Alarm", "Occlusion / over-pressure: check the needle and the line"
        ),
        "MOTOR_STALL": QCoreApplication.translate("Alarm", "Plunger motor stalled"),
        "NEEDLE_POSITION": QCoreApplication.translate("Alarm", "Needle position error"),
        "DOSE_MISMATCH": QCoreApplication.translate(
            "Alarm", "Delivered volume differs from the commanded one"
        ),
        "WATCHDOG": QCoreApplication.translate("Alarm", "Link lost while armed: the gun disarmed itself"),
        "SYRINGE_EMPTY": QCoreApplication.translate("Alarm", "Syringe empty: load a new syringe"),
        "SYRINGE_NOT_DETECTED": QCoreApplication.translate("Alarm", "No syringe detected"),
        "BATTERY_LOW": QCoreApplication.translate("Alarm", "Battery low: connect the charger"),
        "CALIBRATION_EXPIRED": QCoreApplication.translate("Alarm", "Calibration expired"),
        "SYRINGE_NEARLY_EMPTY": QCoreApplication.translate("Alarm", "Syringe nearly empty"),
        "BATTERY_BELOW_30": QCoreApplication.translate("Alarm", "Battery below 30 %"),
        "STOPPED": QCoreApplication.translate("Alarm", "Stopped by the operator"),
        "POWER_LOSS": QCoreApplication.translate(
            "Alarm", "Power lost during a shot: the measured volume is recorded as a dose; check the point"
        ),
        "NONE": QCoreApplication.translate("Alarm", "No alarm"),
    }
    return texts.get(code.name, code.name)


def state_text(state: Enum) -> str:
    """The gun's operating state in words."""
    texts = {
        "IDLE": QCoreApplication.translate("DeviceState", "Idle"),
        "ARMED": QCoreApplication.translate("DeviceState", "Armed"),
        "DELIVERING": QCoreApplication.translate("DeviceState", "Delivering"),
        "FAULT": QCoreApplication.translate("DeviceState", "Fault"),
        "PRIMING": QCoreApplication.translate("DeviceState", "Priming"),
    }
    return texts.get(state.name, state.name)


def result_text(result: Enum) -> str:
    """A delivery result in words."""
    texts = {
        "COMPLETE": QCoreApplication.translate("ShotResult", "Complete"),
        "PARTIAL": QCoreApplication.translate("ShotResult", "Partial"),
        "FAILED": QCoreApplication.translate("ShotResult", "Failed"),
        "INTERRUPTED": QCoreApplication.translate("ShotResult", "Interrupted"),
    }
    return texts.get(result.name, result.name)


def mode_text(mode: Enum) -> str:
    """A delivery mode in words."""
    texts = {
        "SINGLE": QCoreApplication.translate("Mode", "Single shot"),
        "BURST": QCoreApplication.translate("Mode", "Nappage (burst)"),
        "CONTINUOUS": QCoreApplication.translate("Mode", "Mésoperfusion (continuous)"),
    }
    return texts.get(mode.name, mode.name)
