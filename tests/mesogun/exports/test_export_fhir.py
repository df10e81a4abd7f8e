"""The FHIR R4 export validates (R4B models of fhir.resources) and maps every dose of the journal."""

from __future__ import annotations

import json
from typing import Any

import pytest
from export_builders import SERIAL, Filled

from mesogun.exports import export

fhir_bundle_model = pytest.importorskip("fhir.resources.R4B.bundle")


@pytest.fixture
def bundle(filled: Filled) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        export(filled.journal, "fhir", since=filled.journal.sessions()[0].started_at)
    )
    return data


def _resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def _by_url(bundle: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["fullUrl"]: e["resource"] for e in bundle["entry"]}


def _references(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["reference"]] if isinstance(node.get("reference"), str) else []
        return found + [ref for value in node.values() for ref in _references(value)]
    if isinstance(node, list):
        return [ref for item in node for ref in _references(item)]
    return []


def test_the_bundle_validates_as_fhir(bundle: dict[str, Any]) -> None:
    parsed = fhir_bundle_model.Bundle.model_validate(bundle)
    assert parsed.type == "collection"
    assert len(parsed.entry) == len(bundle["entry"])


def test_every_reference_resolves_inside_the_bundle(bundle: dict[str, Any]) -> None:
    urls = set(_by_url(bundle))
    assert set(_references(bundle)) <= urls


def test_one_procedure_per_session_and_one_administration_per_dose(
    filled: Filled, bundle: dict[str, Any]
) -> None:
    procedures = _resources(bundle, "Procedure")
    administrations = _resources(bundle, "MedicationAdministration")
    by_url = _by_url(bundle)

    assert [p["identifier"][0]["value"] for p in procedures] == [filled.first, filled.second]
    doses = filled.journal.doses(filled.first) + filled.journal.doses(filled.second)
    assert len(administrations) == len(doses)
    for administration, dose in zip(administrations, doses, strict=True):
        procedure = by_url[administration["partOf"][0]["reference"]]
        assert procedure["identifier"][0]["value"] == dose.session_id
        assert administration["identifier"][0]["value"] == str(dose.event_number)
        assert administration["dosage"]["dose"]["value"] == dose.delivered_volume_ul
        assert administration["dosage"]["dose"]["code"] == "uL"
        assert administration["dosage"]["rateQuantity"]["value"] == dose.delivered_flow_ul_s
        assert administration["dosage"]["route"]["coding"][0]["code"] == "372464004"
        device = by_url[administration["device"][0]["reference"]]
        assert device["serialNumber"] == SERIAL


def test_only_the_partial_dose_is_sub_potent(bundle: dict[str, Any]) -> None:
    flags = [
        [ext.get("valueBoolean") for ext in a.get("extension", []) if ext["url"].endswith(".isSubPotent")]
        for a in _resources(bundle, "MedicationAdministration")
    ]
    assert flags == [[], [True], [], [], []]


def test_the_gun_is_an_automatic_injection_device(bundle: dict[str, Any]) -> None:
    (device,) = _resources(bundle, "Device")
    coding = device["type"]["coding"][0]
    assert (coding["system"], coding["code"], coding["display"]) == (
        "http://standardterms.edqm.eu",
        "30003000",
        "Automatic injection device",
    )
    assert device["version"][0]["value"] == "1.0.0-sim"


def test_medications_carry_lot_and_expiry_and_cocktails_reference_them(bundle: dict[str, Any]) -> None:
    medications = _resources(bundle, "Medication")
    batches = {
        (m["code"]["text"], m["batch"]["lotNumber"], m["batch"]["expirationDate"])
        for m in medications
        if "batch" in m
    }
    assert batches == {
        ("Procaïne 2 %", "PRC-2411", "2026-06-30"),
        ("Piroxicam 20 mg/ml", "PXM-0917", "2026-02-28"),
        ("Procaïne 2 %", "PRC-2502", "2026-06-30"),
    }
    by_url = _by_url(bundle)
    (cocktail,) = [m for m in medications if any("itemReference" in i for i in m.get("ingredient", ()))]
    lots = [by_url[i["itemReference"]["reference"]]["batch"]["lotNumber"] for i in cocktail["ingredient"]]
    assert lots == ["PRC-2411", "PXM-0917"]
    assert [i["strength"]["numerator"]["value"] for i in cocktail["ingredient"]] == [75.0, 25.0]


def test_each_product_gives_its_active_substance_with_its_strength_as_concentration(
    bundle: dict[str, Any],
) -> None:
    # Doses are counted by substance (invariant 9): a Medication names it (ATC) and its mg/mL.
    medications = _resources(bundle, "Medication")
    piroxicam = next(m for m in medications if m["code"]["text"] == "Piroxicam 20 mg/ml")
    (ingredient,) = piroxicam["ingredient"]
    assert ingredient["itemCodeableConcept"]["coding"][0] == {
        "system": "http://www.whocc.no/atc",
        "code": "M01AC01",
        "display": "Piroxicam",
    }
    strength = ingredient["strength"]
    assert (strength["numerator"]["value"], strength["numerator"]["code"]) == (20.0, "mg")
    assert (strength["denominator"]["value"], strength["denominator"]["code"]) == (1, "mL")
    procaine = next(m for m in medications if m["code"]["text"] == "Procaïne 2 %")
    assert procaine["ingredient"][0]["strength"]["numerator"]["value"] == 20.0  # 2 % is 20 mg/mL


def test_acupoints_use_a_local_code_system_with_the_who_code(bundle: dict[str, Any]) -> None:
    sites = [a["dosage"].get("site", {}) for a in _resources(bundle, "MedicationAdministration")]
    codings = [site["coding"][0] for site in sites[:2]]
    assert [c["code"] for c in codings] == ["PC6", "PC6"]
    (code_system,) = _resources(bundle, "CodeSystem")
    assert {c["system"] for c in codings} == {code_system["url"]}
    assert [c["code"] for c in code_system["concept"]] == ["PC6"]
    assert sites[0]["text"].endswith("left") and sites[1]["text"].endswith("right")


def test_patients_are_pseudonyms_only(bundle: dict[str, Any]) -> None:
    patients = _resources(bundle, "Patient")
    assert sorted(p["identifier"][0]["value"] for p in patients) == ["LMB-0007", "MST-0042"]
    assert all(set(p) == {"resourceType", "identifier"} for p in patients)


def test_an_aborted_session_is_a_stopped_procedure_with_its_reason(bundle: dict[str, Any]) -> None:
    first, second = _resources(bundle, "Procedure")
    assert first["status"] == "completed"
    assert (second["status"], second["statusReason"]["text"]) == ("stopped", "malaise vagal")
    assert second["complication"][0]["text"] == "malaise vagal"
