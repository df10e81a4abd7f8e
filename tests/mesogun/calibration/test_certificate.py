"""The calibration certificate is a real PDF holding the record's figures (read back with pdftotext)."""

from __future__ import annotations

import itertools
import math
import shutil
import stat
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from record_builders import AS_FOUND_MASSES, START, depth_entry, factors, flow_entry, volume_entry

from mesogun.exports import ExportWriteError
from mesogun.exports.pdf_certificate import write_certificate
from mesogun.journal import CalibrationRecord, SqliteJournal
from mesogun.journal.calibration_records import BalanceIdentity, CalibrationEntry, GaugeIdentity, GaugeReading

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is needed"
)


def pdf_text(path: Path) -> str:
    assert path.read_bytes().startswith(b"%PDF-")
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    # pdftotext keeps the non-breaking spaces the French typography puts before units and signs.
    return done.stdout.replace("\u00a0", " ").replace("\u202f", " ")


def recorded(tmp_path: Path) -> tuple[list[CalibrationRecord], SqliteJournal]:
    journal = SqliteJournal(tmp_path / "j.sqlite")
    records = [
        journal.record_calibration(volume_entry(after_id=1, volume_per_step_nl=10.6)),
        journal.record_calibration(depth_entry()),
        journal.record_calibration(flow_entry()),
        journal.record_calibration(
            volume_entry(
                before=factors(2, 10.6, 0.15),
                after_id=3,
                volume_per_step_nl=10.71,
                finished_at=START + timedelta(days=180),
            )
        ),
        journal.record_calibration(volume_entry(passed=False, finished_at=START + timedelta(days=181))),
    ]
    return records, journal


def test_volume_certificate_in_french_holds_the_figures_masses_factors_and_history(tmp_path: Path) -> None:
    records, journal = recorded(tmp_path)
    with journal:
        history = journal.calibrations(records[0].device_serial)
    out = tmp_path / "certificat.pdf"
    pages = write_certificate(records[3], out, history=history, language="fr")
    text = pdf_text(out)
    assert pages >= 2
    assert "Certificat d’étalonnage volumétrique" in text
    assert "CONFORME — valable jusqu’au 29/08/2027" in text
    assert "Camille Roux" in text and "XS205-1129" in text and "BD Plastipak 10 ml (10 ml)" in text
    assert "21,5 °C, facteur Z = 1,00290 µl/mg" in text
    assert records[3].record_id in text
    # Factors before and after, with the calibration numbers.
    assert "10,600" in text and "10,710" in text
    # Per level: the mean of the as-found shots (105.656 mg × Z) and its error.
    mean = sum(AS_FOUND_MASSES) / len(AS_FOUND_MASSES) * 1.0029
    assert f"{mean:.3f}".replace(".", ",") in text
    assert "+5,96" in text
    # Every raw mass is printed.
    for mass in AS_FOUND_MASSES:
        assert f"{mass:.3f}".replace(".", ",") in text
    # The history up to this record: the three before it and itself, not the failure that came later.
    assert "Historique des étalonnages du pistolet" in text
    assert "Volume par pas après chaque étalonnage" in text  # the drift chart: two volume calibrations
    assert "02/03/2026" in text and "29/08/2026" in text
    assert "28/08/2026" not in text and "30/08/2026" not in text


def test_failed_certificate_says_why_and_that_nothing_was_changed(tmp_path: Path) -> None:
    records, journal = recorded(tmp_path)
    journal.close()
    out = tmp_path / "failed.pdf"
    write_certificate(records[4], out, language="en")
    text = pdf_text(out)
    assert "Volume calibration certificate" in text
    assert "FAILED" in text
    assert "Reason: the shots scatter too much to calibrate" in text
    assert "No factor was changed in the gun: it keeps calibration no. 0." in text


def test_depth_certificate_holds_the_gauge_table(tmp_path: Path) -> None:
    records, journal = recorded(tmp_path)
    journal.close()
    out = tmp_path / "depth.pdf"
    write_certificate(records[1], out, language="fr")
    text = pdf_text(out)
    assert "Certificat d’étalonnage de la profondeur" in text
    assert "Mitutoyo 543-390 #77" in text
    assert "Lectures de la jauge" in text
    assert "13,150" in text and "+0,150" in text  # as found at 13 mm
    assert "décalage seul (échelle conservée)" in text
    assert "jauge = 150,0 µm + 1,000000 × réglage" in text


def test_flow_report_holds_the_trumpet_curve(tmp_path: Path) -> None:
    records, journal = recorded(tmp_path)
    journal.close()
    out = tmp_path / "flow.pdf"
    write_certificate(records[2], out, language="en")
    text = pdf_text(out)
    assert "Flow accuracy test report (continuous mode)" in text
    assert "Trumpet curve" in text
    assert "+1.87" in text and "-1.24" in text and "+0.91" in text and "-0.12" in text
    assert "+0.43 %" in text  # overall error
    assert "5.0217 µl/s" in text
    assert "Balance readings" in text and "3.00400" in text  # the last of the 21 samples


def test_a_certificate_replaces_an_existing_file_only_when_asked(tmp_path: Path) -> None:
    records, journal = recorded(tmp_path)
    journal.close()
    out = tmp_path / "certificate.pdf"
    out.write_bytes(b"an older certificate")
    out.chmod(0o644)

    with pytest.raises(ExportWriteError, match="already exists"):
        write_certificate(records[1], out, language="en")
    assert out.read_bytes() == b"an older certificate"

    write_certificate(records[1], out, language="en", overwrite=True)
    assert out.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def _with_balance(entry: CalibrationEntry, identity: BalanceIdentity | None) -> CalibrationEntry:
    return entry.model_copy(update={"raw": entry.raw.model_copy(update={"balance": identity})})


BALANCE = BalanceIdentity(model="XS205DU", serial="B-1129", resolution_mg=0.01, verified_on=date(2026, 1, 15))


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "fr",
            (
                "Incertitude de mesure",
                "k = 2",
                "XS205DU — n° de série B-1129",
                "Résolution de la balance 0,01 mg",
                "Balance vérifiée le 15/01/2026",
                "±{U}",
            ),
        ),
        (
            "en",
            (
                "Measurement uncertainty",
                "k = 2",
                "XS205DU — serial number B-1129",
                "Balance resolution 0.01 mg",
                "Balance verified on 2026-01-15",
                "±{U}",
            ),
        ),
    ],
)
def test_the_volume_certificate_states_its_uncertainty_and_the_balance_it_was_weighed_on(
    tmp_path: Path, language: str, words: tuple[str, ...]
) -> None:
    with SqliteJournal(tmp_path / "j.sqlite") as journal:
        record = journal.record_calibration(_with_balance(volume_entry(), BALANCE))
    out = tmp_path / "certificate.pdf"
    write_certificate(record, out, language=language)
    text = " ".join(pdf_text(out).split())

    # GUM: type A = s/√n of the 10 shots (s = 0.05 µl), type B = d/√6 × Z; U = 2·√(A² + B²).
    expanded = 2 * math.hypot(0.05 / math.sqrt(10), 0.01 / math.sqrt(6) * 1.0029)
    separator = "," if language == "fr" else "."
    for phrase in words:
        assert phrase.format(U=f"{expanded:.3f}".replace(".", separator)) in text, phrase
    assert "GUM" in text and "JCGM 100:2008" in text


def test_without_a_recorded_resolution_the_uncertainty_counts_the_repeatability_only(tmp_path: Path) -> None:
    with SqliteJournal(tmp_path / "j.sqlite") as journal:
        record = journal.record_calibration(volume_entry())
    out = tmp_path / "certificate.pdf"
    write_certificate(record, out, language="en")
    text = " ".join(pdf_text(out).split())

    assert "The balance's resolution was not recorded: only the repeatability is counted." in text
    assert f"±{2 * 0.05 / math.sqrt(10):.3f}" in text
    assert "Balance XS205-1129" in text  # an older record: the balance as it was named


def _flow_interval_errors_pct(entry: CalibrationEntry) -> list[float]:
    """The errors of the intervals of the analysis period, recomputed from the raw samples."""
    flow = entry.figures.flow
    assert flow is not None and entry.z_ul_per_mg is not None
    samples = entry.raw.flow
    return [
        100.0
        * ((b.mass_g - a.mass_g) * 1000.0 * entry.z_ul_per_mg / (b.time_s - a.time_s) - flow.set_flow_ul_s)
        / flow.set_flow_ul_s
        for a, b in itertools.pairwise(samples)
        if a.time_s >= flow.analysis_start_s and b.time_s <= flow.analysis_end_s
    ]


def _uneven_flow_entry() -> CalibrationEntry:
    """The flow record, with readings that scatter around the set flow so repeatability counts."""
    entry = flow_entry()
    wobble_g = (0.0, 0.004, -0.003, 0.002, -0.005, 0.001)
    samples = tuple(
        s.model_copy(update={"mass_g": round(s.mass_g + wobble_g[i % len(wobble_g)], 5)})
        for i, s in enumerate(entry.raw.flow)
    )
    return entry.model_copy(update={"raw": entry.raw.model_copy(update={"flow": samples})})


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "fr",
            (
                "Incertitude de mesure",
                "erreur globale de débit",
                "deux lectures : début et fin de la période",
                "l’évaporation (récipient couvert, non corrigée) ne sont pas comptées",
                "u type A (16 intervalles) {A} %",
                "u type B (résolution) {B} %",
                "U de l’erreur globale, k = 2 ±{U} %",
                "XS205DU — n° de série B-1129",
                "Résolution de la balance 0,01 mg",
            ),
        ),
        (
            "en",
            (
                "Measurement uncertainty",
                "of the overall flow error",
                "two readings: start and end of the period",
                "evaporation (covered vessel, not corrected) are not counted",
                "u type A (16 intervals) {A} %",
                "u type B (resolution) {B} %",
                "U of the overall error, k = 2 ±{U} %",
                "XS205DU — serial number B-1129",
                "Balance resolution 0.01 mg",
            ),
        ),
    ],
)
def test_the_flow_report_states_the_uncertainty_of_its_overall_error(
    tmp_path: Path, language: str, words: tuple[str, ...]
) -> None:
    entry = _with_balance(_uneven_flow_entry(), BALANCE)
    with SqliteJournal(tmp_path / "j.sqlite") as journal:
        record = journal.record_calibration(entry)
    out = tmp_path / "flow.pdf"
    write_certificate(record, out, language=language)
    text = " ".join(pdf_text(out).split())

    # By hand: the 16 intervals of 120–600 s; type A = s(E)/√16; type B: two readings of ±d/2 each,
    # u(V) = 0.01 mg / √6 × Z, as a share of the 480 s × 5 µl/s delivered.
    errors = _flow_interval_errors_pct(entry)
    assert len(errors) == 16
    mean = sum(errors) / 16
    type_a = math.sqrt(sum((e - mean) ** 2 for e in errors) / 15) / 4.0
    type_b = 100.0 * (0.01 / math.sqrt(6) * 1.0029) / (5.0 * 480.0)
    expanded = 2 * math.sqrt(type_a**2 + type_b**2)
    assert type_a > 10 * type_b  # the readings scatter: repeatability dominates

    def figure(value: float, decimals: int) -> str:
        return f"{value:.{decimals}f}".replace(".", "," if language == "fr" else ".")

    for phrase in words:
        wanted = phrase.format(A=figure(type_a, 4), B=figure(type_b, 4), U=figure(expanded, 3))
        assert wanted in text, wanted
    assert "GUM" in text and "JCGM 100:2008" in text


def test_an_older_flow_record_states_that_only_the_repeatability_is_counted(tmp_path: Path) -> None:
    entry = _uneven_flow_entry()  # no balance identity: recorded before it was
    with SqliteJournal(tmp_path / "j.sqlite") as journal:
        record = journal.record_calibration(entry)
    out = tmp_path / "flow.pdf"
    write_certificate(record, out, language="fr")
    text = " ".join(pdf_text(out).split())

    errors = _flow_interval_errors_pct(entry)
    mean = sum(errors) / len(errors)
    type_a = math.sqrt(sum((e - mean) ** 2 for e in errors) / (len(errors) - 1)) / math.sqrt(len(errors))
    assert "La résolution de la balance n’a pas été enregistrée : seule la répétabilité est comptée." in text
    assert "u type B (résolution) —" in text
    assert f"±{2 * type_a:.3f} %".replace(".", ",") in text
    assert "Balance XS205-1129" in text


GAUGE = GaugeIdentity(
    model="Mitutoyo 543-390", serial="77", resolution_mm=0.01, verified_on=date(2026, 1, 12)
)
OFFSET_ERRORS_MM = (0.15, 0.17, 0.14)  # as found at 1, 4 and 13 mm: one offset, read with some scatter


def _depth_entry(
    as_found: tuple[tuple[float, float], ...], *, scale_fitted: bool, gauge: GaugeIdentity | None
) -> CalibrationEntry:
    """The depth record with these as-found (set depth, gauge) readings, the fit mode and the gauge."""
    entry = depth_entry()
    readings = (
        *(GaugeReading(stage="as_found", set_depth_mm=s, gauge_mm=g, gun_depth_mm=s) for s, g in as_found),
        *(g for g in entry.raw.gauge if g.stage == "verification"),
    )
    assert entry.figures.depth is not None
    figures = entry.figures.depth.model_copy(update={"scale_fitted": scale_fitted})
    return entry.model_copy(
        update={
            "raw": entry.raw.model_copy(update={"gauge": readings, "depth_gauge": gauge}),
            "figures": entry.figures.model_copy(update={"depth": figures}),
        }
    )


def _certificate_text(tmp_path: Path, entry: CalibrationEntry, language: str) -> str:
    with SqliteJournal(tmp_path / "j.sqlite") as journal:
        record = journal.record_calibration(entry)
    out = tmp_path / "depth.pdf"
    write_certificate(record, out, language=language)
    return " ".join(pdf_text(out).split())


def _figure(value: float, decimals: int, language: str) -> str:
    return f"{value:.{decimals}f}".replace(".", "," if language == "fr" else ".")


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "fr",
            (
                "Incertitude de mesure",
                "du décalage de profondeur",
                "deux lectures : le zéro sur le nez du pistolet et l’aiguille sortie",
                "Ne sont pas comptés : l’erreur d’indication de la jauge",
                "u type A (3 lectures) {A} mm",
                "u type B (résolution) {B} mm",
                "U du décalage, k = 2 ±{U} mm",
                "Jauge de profondeur Mitutoyo 543-390 — n° 77",
                "Résolution de la jauge 0,01 mm",
                "Jauge vérifiée le 12/01/2026",
            ),
        ),
        (
            "en",
            (
                "Measurement uncertainty",
                "of the depth offset",
                "two readings: the zero on the gun's nose and the needle out",
                "Not counted: the gauge's error of indication",
                "u type A (3 readings) {A} mm",
                "u type B (resolution) {B} mm",
                "U of the offset, k = 2 ±{U} mm",
                "Depth gauge Mitutoyo 543-390 — no. 77",
                "Gauge resolution 0.01 mm",
                "Gauge verified on 2026-01-12",
            ),
        ),
    ],
)
def test_the_depth_certificate_states_the_uncertainty_of_its_offset_and_the_gauge(
    tmp_path: Path, language: str, words: tuple[str, ...]
) -> None:
    as_found = tuple((s, s + e) for s, e in zip((1.0, 4.0, 13.0), OFFSET_ERRORS_MM, strict=True))
    text = _certificate_text(tmp_path, _depth_entry(as_found, scale_fitted=False, gauge=GAUGE), language)

    # By hand: errors 0.15, 0.17, 0.14 mm, mean 0.15333…; s = √(Σ(e − ē)² / 2); type A = s / √3;
    # type B = 0.01 mm / √6 (the zero and the reading, each ±d/2).
    mean = sum(OFFSET_ERRORS_MM) / 3
    type_a = math.sqrt(sum((e - mean) ** 2 for e in OFFSET_ERRORS_MM) / 2) / math.sqrt(3)
    type_b = 0.01 / math.sqrt(6)
    expanded = 2 * math.sqrt(type_a**2 + type_b**2)
    assert 0.015 < expanded < 0.025
    for phrase in words:
        wanted = phrase.format(
            A=_figure(type_a, 4, language), B=_figure(type_b, 4, language), U=_figure(expanded, 3, language)
        )
        assert wanted in text, wanted
    assert "GUM" in text and "JCGM 100:2008" in text


@pytest.mark.parametrize("language", ["fr", "en"])
def test_with_a_fitted_scale_the_uncertainty_is_the_fitted_lines_where_it_is_least_known(
    tmp_path: Path, language: str
) -> None:
    depths = (0.5, 1.0, 2.0, 4.0, 6.0, 13.0)
    scatter = (0.004, -0.003, 0.002, -0.005, 0.001, 0.001)
    readings = tuple((x, round(0.12 + 1.02 * x + e, 3)) for x, e in zip(depths, scatter, strict=True))
    text = _certificate_text(tmp_path, _depth_entry(readings, scale_fitted=True, gauge=GAUGE), language)

    # By hand: the least-squares line, its residual standard deviation on 6 − 2 degrees of freedom,
    # and the standard uncertainty of the line at 13 mm, the set depth furthest from the mean.
    xm = sum(depths) / 6
    ym = sum(g for _, g in readings) / 6
    sxx = sum((x - xm) ** 2 for x in depths)
    slope = sum((x - xm) * (g - ym) for x, g in readings) / sxx
    s_r = math.sqrt(sum((g - ym - slope * (x - xm)) ** 2 for x, g in readings) / 4)
    type_a = s_r * math.sqrt(1 / 6 + (13.0 - xm) ** 2 / sxx)
    expanded = 2 * math.sqrt(type_a**2 + 0.01**2 / 6)
    if language == "fr":
        assert "de l’écart donné par la droite ajustée" in text and "à n − 2 degrés de liberté" in text
        assert f"u type A (6 lectures) {_figure(type_a, 4, 'fr')} mm" in text
        assert f"U de l’écart ajusté, k = 2 ±{_figure(expanded, 3, 'fr')} mm" in text
    else:
        assert "of the error given by the fitted line" in text and "on n − 2 degrees of freedom" in text
        assert f"u type A (6 readings) {type_a:.4f} mm" in text
        assert f"U of the fitted error, k = 2 ±{expanded:.3f} mm" in text


def test_an_older_depth_record_states_that_only_the_repeatability_is_counted(tmp_path: Path) -> None:
    as_found = tuple((s, s + e) for s, e in zip((1.0, 4.0, 13.0), OFFSET_ERRORS_MM, strict=True))
    entry = _depth_entry(as_found, scale_fitted=False, gauge=None)  # recorded before the gauge's identity
    text = _certificate_text(tmp_path, entry, "fr")

    mean = sum(OFFSET_ERRORS_MM) / 3
    type_a = math.sqrt(sum((e - mean) ** 2 for e in OFFSET_ERRORS_MM) / 2) / math.sqrt(3)
    assert "La résolution de la jauge n’a pas été enregistrée : seule la répétabilité est comptée." in text
    assert "u type B (résolution) —" in text
    assert f"U du décalage, k = 2 ±{_figure(2 * type_a, 3, 'fr')} mm" in text
    assert "Jauge de profondeur Mitutoyo 543-390 #77" in text  # the gauge as it was named
