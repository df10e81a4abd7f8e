"""FHIR R4 export: a ``collection`` Bundle of the sessions, built as plain JSON-ready data.

Mapping:
- the patient: a ``Patient`` holding only the pseudonym as an identifier (no name, no birth date);
- each session: a ``Procedure`` (status completed / stopped for an abort / in-progress), period, plan,
  indication, practitioner, the gun and the products as items used, consent and screening answers
  and notes as notes, adverse events as complications; what the host recorded of its own accord (an
  early end's reason, a note of a repeated point) in English words, a reason coded in the
  ``urn:mesogun:host-remark`` system (the codes of ``mesogun.journal.host_remarks``);
- each dose: a ``MedicationAdministration`` ``partOf`` its procedure, with ``dosage.site`` (acupoint
  from a local code system carrying the WHO code, region and side as text), ``dosage.route``
  (intradermal, SNOMED CT 372464004), ``dosage.dose`` (delivered µl) and ``dosage.rateQuantity``
  (delivered µl/s), ``device``, the event number as identifier, and for a dose stopped short
  ``isSubPotent``. R4 has no ``isSubPotent`` on MedicationAdministration (it arrived in R5), so it is
  carried by the R5 cross-version extension, with the alarm as ``subPotentReason``;
- each product and lot: a ``Medication`` with ``batch.lotNumber`` / ``expirationDate`` and its active
  substances as ingredients (ATC code, strength in mg/mL: the concentration); a cocktail is
  a Medication whose ingredients reference those, with their share as strength;
- the gun: a ``Device`` typed EDQM 30003000 "Automatic injection device", serial number, firmware.
Resources are linked by ``urn:uuid:`` full URLs derived from stable keys (same journal → same ids).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from mesogun.catalogue.library import load_catalogue
from mesogun.exports.selection import ExportedSession
from mesogun.journal.records import DoseRecord, DoseResult, SessionProduct, SessionRecord, SessionStatus
from mesogun.local_time import local_iso
from mesogun.models import ACUPOINTS
from mesogun.patients.history import product_mg_per_ml
from mesogun.vocabulary import name, remark_code, remark_text

ACUPOINT_SYSTEM = "urn:mesogun:codesystem:who-acupoint"
PSEUDONYM_SYSTEM = "urn:mesogun:patient-pseudonym"
SESSION_SYSTEM = "urn:mesogun:session"
HOST_REMARK_SYSTEM = "urn:mesogun:host-remark"
DEVICE_EVENT_SYSTEM = "urn:mesogun:device-event"
SNOMED = "http://snomed.info/sct"
EDQM = "http://standardterms.edqm.eu"
UCUM = "http://unitsofmeasure.org"
ATC_SYSTEM = "http://www.whocc.no/atc"
IS_SUB_POTENT = "http://hl7.org/fhir/5.0/StructureDefinition/extension-MedicationAdministration.isSubPotent"
SUB_POTENT_REASON = (
    "http://hl7.org/fhir/5.0/StructureDefinition/extension-MedicationAdministration.subPotentReason"
)
INTRADERMAL = {"system": SNOMED, "code": "372464004", "display": "Intradermal route"}
AUTOMATIC_INJECTION_DEVICE = {"system": EDQM, "code": "30003000", "display": "Automatic injection device"}

_NAMESPACE = uuid.UUID("5b1e3c1a-7d0e-4f5e-9a57-3e0d6f7c9b21")

_ADMINISTRATION_STATUS = {
    DoseResult.COMPLETE: "completed",
    DoseResult.PARTIAL: "completed",
    DoseResult.CANCELLED: "stopped",
    DoseResult.FAILED: "not-done",
}
_PROCEDURE_STATUS = {
    SessionStatus.COMPLETED: "completed",
    SessionStatus.ABORTED: "stopped",
    SessionStatus.OPEN: "in-progress",
}


def _url(kind: str, key: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{kind}:{key}')}"


def _instant(value: datetime) -> str:
    # Local time with its UTC offset: FHIR dateTime and instant both carry the offset.
    return local_iso(value)


class _BundleBuilder:
    def __init__(self) -> None:
        self.entries: dict[str, dict[str, Any]] = {}
        self.acupoints: set[str] = set()

    def add(self, full_url: str, resource: dict[str, Any]) -> str:
        self.entries.setdefault(full_url, {"fullUrl": full_url, "resource": resource})
        return full_url

    def patient(self, pseudonym: str) -> str:
        resource = {
            "resourceType": "Patient",
            "identifier": [{"system": PSEUDONYM_SYSTEM, "value": pseudonym}],
        }
        return self.add(_url("patient", pseudonym), resource)

    def device(self, serial: str, firmware: str | None, calibration_id: str | None) -> str:
        resource: dict[str, Any] = {
            "resourceType": "Device",
            "type": {"coding": [AUTOMATIC_INJECTION_DEVICE], "text": "Automatic injection device"},
            "serialNumber": serial,
            "deviceName": [{"name": "mesotherapy injection gun", "type": "user-friendly-name"}],
        }
        if firmware:
            resource["version"] = [{"type": {"text": "firmware"}, "value": firmware}]
        if calibration_id:
            resource["property"] = [
                {"type": {"text": "calibration id"}, "valueCode": [{"text": calibration_id}]}
            ]
        return self.add(_url("device", serial), resource)

    def medication(self, product: SessionProduct) -> str:
        key = f"{product.name}|{product.concentration}|{product.lot}|{product.expiry}"
        resource: dict[str, Any] = {
            "resourceType": "Medication",
            "code": {"text": f"{product.name} {product.concentration}".strip()},
        }
        ingredients = self.substances(product)
        if ingredients:
            resource["ingredient"] = ingredients
        batch: dict[str, str] = {}
        if product.lot:
            batch["lotNumber"] = product.lot
        if product.expiry:
            batch["expirationDate"] = product.expiry.isoformat()
        if batch:
            resource["batch"] = batch
        return self.add(_url("medication", key), resource)

    def substances(self, product: SessionProduct) -> list[dict[str, Any]]:
        """The product's active substances (ATC coded when known) with their strength in mg/mL."""
        catalogue = load_catalogue()
        result: list[dict[str, Any]] = []
        for code, mg_per_ml in product_mg_per_ml(product, catalogue).items():
            substance = catalogue.substances.get(code)
            concept: dict[str, Any] = {"text": substance.name_en if substance else code}
            if substance is not None and substance.atc:
                concept["coding"] = [
                    {"system": ATC_SYSTEM, "code": substance.atc, "display": substance.name_en}
                ]
            result.append(
                {
                    "itemCodeableConcept": concept,
                    "isActive": True,
                    "strength": {
                        "numerator": {"value": mg_per_ml, "unit": "mg", "system": UCUM, "code": "mg"},
                        "denominator": {"value": 1, "unit": "mL", "system": UCUM, "code": "mL"},
                    },
                }
            )
        return result

    def preparation(self, products: tuple[SessionProduct, ...]) -> str:
        """The Medication injected: the product itself, or a cocktail of products."""
        if len(products) == 1:
            return self.medication(products[0])
        ingredients = [
            {
                "itemReference": {"reference": self.medication(product)},
                "isActive": True,
                "strength": {
                    "numerator": {"value": product.proportion_pct, "unit": "%", "system": UCUM, "code": "%"},
                    "denominator": {"value": 100, "unit": "%", "system": UCUM, "code": "%"},
                },
            }
            for product in products
        ]
        name = " + ".join(f"{p.name} {p.concentration}".strip() for p in products)
        key = "|".join(f"{p.name}|{p.concentration}|{p.lot}|{p.proportion_pct!r}" for p in products)
        resource = {"resourceType": "Medication", "code": {"text": name}, "ingredient": ingredients}
        return self.add(_url("cocktail", key), resource)

    def site(self, dose: DoseRecord) -> dict[str, Any] | None:
        words = ", ".join(part for part in (dose.site_region, dose.laterality, dose.zone) if part)
        site: dict[str, Any] = {}
        if dose.acupoint_code:
            self.acupoints.add(dose.acupoint_code)
            coding: dict[str, str] = {"system": ACUPOINT_SYSTEM, "code": dose.acupoint_code}
            point = ACUPOINTS.get(dose.acupoint_code)
            if point is not None:
                coding["display"] = f"{point.name} ({point.french_label})"
            site["coding"] = [coding]
        if words:
            site["text"] = words
        return site or None

    def code_system(self) -> None:
        if not self.acupoints:
            return
        concepts = []
        for code in sorted(self.acupoints):
            point = ACUPOINTS.get(code)
            concept: dict[str, str] = {"code": code}
            if point is not None:
                concept["display"] = f"{point.name} ({point.french_label})"
                concept["definition"] = point.location
            concepts.append(concept)
        resource = {
            "resourceType": "CodeSystem",
            "url": ACUPOINT_SYSTEM,
            "name": "WhoAcupoint",
            "title": "Acupoints by their WHO standard code (local code system)",
            "status": "active",
            "content": "fragment",
            "caseSensitive": True,
            "concept": concepts,
        }
        self.add(_url("codesystem", ACUPOINT_SYSTEM), resource)


def _reason(text: str) -> dict[str, Any]:
    """A reason as a CodeableConcept: the host's remark with its code (English words), or a person's words."""
    code = remark_code(text)
    concept: dict[str, Any] = {"text": remark_text(text, "en")}
    if code is not None:
        concept["coding"] = [{"system": HOST_REMARK_SYSTEM, "code": code.value, "display": name(code, "en")}]
    return concept


def _procedure(builder: _BundleBuilder, session: SessionRecord, patient: str, device: str | None) -> str:
    resource: dict[str, Any] = {
        "resourceType": "Procedure",
        "identifier": [{"system": SESSION_SYSTEM, "value": session.session_id}],
        "status": _PROCEDURE_STATUS[session.status],
        "code": {"text": "Mésothérapie" + (f" — {session.plan_name}" if session.plan_name else "")},
        "subject": {"reference": patient},
        "performedPeriod": {"start": _instant(session.started_at)},
        "performer": [{"actor": {"display": session.practitioner}}],
        "reasonCode": [{"text": session.indication}],
    }
    if session.ended_at is not None:
        resource["performedPeriod"]["end"] = _instant(session.ended_at)
    if session.abort_reason:
        resource["statusReason"] = _reason(session.abort_reason)
    # The gun and the products are what the procedure used (focalDevice is for implanted devices).
    used = [device] if device is not None else []
    used += [builder.medication(product) for product in session.products]
    if used:
        resource["usedReference"] = [{"reference": url} for url in dict.fromkeys(used)]
    if session.adverse_events:
        resource["complication"] = [
            {"text": event.description + (f" ({event.severity.value})" if event.severity else "")}
            for event in session.adverse_events
        ]
    notes = [
        {"text": remark_text(note.text, "en"), "time": _instant(note.recorded_at)} for note in session.notes
    ]
    if session.consent_given is not None:
        answers = "; ".join(f"{a.code}: {'yes' if a.answer else 'no'}" for a in session.contraindications)
        consent = "consent given" if session.consent_given else "consent NOT given"
        if session.consent_at is not None:
            consent += f" at {_instant(session.consent_at)}"
        notes.insert(0, {"text": f"{consent}; contraindications screened: {answers or 'none'}"})
    if notes:
        resource["note"] = notes
    return builder.add(_url("session", session.session_id), resource)


def _administration(
    builder: _BundleBuilder, dose: DoseRecord, procedure: str, patient: str, device: str
) -> None:
    dosage: dict[str, Any] = {
        "text": (
            f"{dose.technique}, point {dose.point_index}, depth {dose.measured_depth_mm!r} mm "
            f"(commanded {dose.commanded_depth_mm!r} mm), volume commanded {dose.commanded_volume_ul!r} µl"
        ),
        "route": {"coding": [INTRADERMAL], "text": "intradermal"},
        "method": {"text": dose.technique},
        "dose": {"value": dose.delivered_volume_ul, "unit": "µl", "system": UCUM, "code": "uL"},
        "rateQuantity": {"value": dose.delivered_flow_ul_s, "unit": "µl/s", "system": UCUM, "code": "uL/s"},
    }
    site = builder.site(dose)
    if site is not None:
        dosage["site"] = site
    resource: dict[str, Any] = {
        "resourceType": "MedicationAdministration",
        "identifier": [
            {"system": f"{DEVICE_EVENT_SYSTEM}:{dose.device_serial}", "value": str(dose.event_number)}
        ],
        "status": _ADMINISTRATION_STATUS[dose.result],
        "medicationReference": {"reference": builder.preparation(dose.products)},
        "subject": {"reference": patient},
        "effectiveDateTime": _instant(dose.time_utc),
        "performer": [{"actor": {"display": dose.operator}}],
        "partOf": [{"reference": procedure}],
        "device": [{"reference": device}],
        "dosage": dosage,
    }
    sub_potent = (
        dose.result is not DoseResult.COMPLETE and dose.delivered_volume_ul < dose.commanded_volume_ul
    )
    if sub_potent:
        extensions: list[dict[str, Any]] = [{"url": IS_SUB_POTENT, "valueBoolean": True}]
        if dose.alarm:
            extensions.append({"url": SUB_POTENT_REASON, "valueCodeableConcept": {"text": dose.alarm}})
        resource["extension"] = extensions
    if dose.alarm:
        resource["statusReason"] = [{"text": dose.alarm}]
    if dose.overrides:
        resource["note"] = [
            {"text": f"override {o.field}: {o.reason} ({o.confirmed_by})"} for o in dose.overrides
        ]
    builder.add(_url("dose", f"{dose.device_serial}:{dose.event_number}"), resource)


def fhir_bundle(sessions: Iterable[ExportedSession], *, timestamp: datetime | None = None) -> dict[str, Any]:
    """The FHIR R4 Bundle (type ``collection``) of the sessions and their doses, as JSON-ready data."""
    builder = _BundleBuilder()
    for exported in sessions:
        session = exported.session
        patient = builder.patient(session.patient_pseudonym)
        session_device = (
            builder.device(session.device_serial, session.device_firmware, session.calibration_id)
            if session.device_serial
            else None
        )
        procedure = _procedure(builder, session, patient, session_device)
        for dose in exported.doses:
            device = (
                session_device
                if dose.device_serial == session.device_serial and session_device is not None
                else builder.device(dose.device_serial, None, None)
            )
            _administration(builder, dose, procedure, patient, device)
    builder.code_system()
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": _instant(timestamp or datetime.now(UTC)),
        "entry": list(builder.entries.values()),
    }


def to_fhir_json(sessions: Iterable[ExportedSession], *, timestamp: datetime | None = None) -> str:
    """The Bundle as indented JSON text."""
    return json.dumps(fhir_bundle(sessions, timestamp=timestamp), indent=2, ensure_ascii=False) + "\n"
