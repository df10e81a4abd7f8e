"""The words of the calibration certificate, in French and in English.

Numbers, dates and times are written by :class:`mesogun.exports.pdf_texts.ReportTexts` (decimal comma,
non-breaking spaces and « » in French); this table holds the certificate's own words.
"""

from __future__ import annotations

from mesogun.exports.pdf_texts import LANGUAGES, ReportTexts

_NBSP = "\u00a0"

_TEXTS: dict[str, tuple[str, str]] = {
    # key: (French, English)
    "title.volume": ("Certificat d’étalonnage volumétrique", "Volume calibration certificate"),
    "title.depth": ("Certificat d’étalonnage de la profondeur", "Depth calibration certificate"),
    "title.flow": ("Rapport d’essai de débit (mode continu)", "Flow accuracy test report (continuous mode)"),
    "subtitle": ("Pistolet {model} — n° de série {serial}", "Gun {model} — serial number {serial}"),
    "record": (
        "Enregistrement {record} — position {seq} du journal",
        "Record {record} — journal position {seq}",
    ),
    "page": ("Page {number} sur {total}", "Page {number} of {total}"),
    "footer": ("mesogun {version} — généré le {time} UTC", "mesogun {version} — generated {time} UTC"),
    "verdict.passed": ("CONFORME — valable jusqu’au {date}", "PASSED — valid until {date}"),
    "verdict.passed_check": ("CONFORME", "PASSED"),
    "verdict.failed": ("NON CONFORME", "FAILED"),
    "verdict.failed_note": (
        "Aucun facteur n’a été modifié dans le pistolet{nbsp}: il conserve l’étalonnage n° {id}.",
        "No factor was changed in the gun: it keeps calibration no. {id}.",
    ),
    "reason": ("Motif", "Reason"),
    "method.volume": (
        "Méthode gravimétrique (ISO{nbsp}8655-6){nbsp}: eau pesée après chaque injection, "
        "volume = masse × Z. Critère{nbsp}: moyenne et chaque injection à ±max(1{nbsp}µl{nbsp}; "
        "5{nbsp}%) du volume commandé.",
        "Gravimetric method (ISO 8655-6): water weighed after each shot, volume = mass × Z. "
        "Criterion: the mean and every shot within ±max(1 µl, 5 %) of the commanded volume.",
    ),
    "method.depth": (
        "Dépassement de l’aiguille mesuré à la jauge de profondeur (maintien du maximum) à chaque "
        "profondeur réglée. Critère{nbsp}: chaque lecture à ±{tolerance}{nbsp}mm.",
        "Needle protrusion measured with a max-hold depth gauge at each set depth. "
        "Criterion: every reading within ±{tolerance} mm.",
    ),
    "method.flow": (
        "Méthode de la CEI{nbsp}60601-2-24{nbsp}: balance lue toutes les 30{nbsp}s, erreur de débit sur la "
        "période d’analyse et courbe en trompette. Critère{nbsp}: erreur globale à ±{tolerance}{nbsp}%.",
        "IEC 60601-2-24 method: balance read every 30 s, flow error over the analysis period and "
        "trumpet curve. Criterion: overall error within ±{tolerance} %.",
    ),
    # sections
    "section.identity": ("Identification", "Identification"),
    "section.factors": ("Facteurs d’étalonnage du pistolet", "Calibration factors of the gun"),
    "section.levels": ("Résultats par volume", "Results per volume"),
    "section.fit": ("Correction", "Correction"),
    "section.masses": ("Masses relevées", "Masses read"),
    "section.gauge": ("Lectures de la jauge", "Gauge readings"),
    "section.flow": ("Débit", "Flow"),
    "section.trumpet": ("Courbe en trompette", "Trumpet curve"),
    "section.samples": ("Lectures de la balance", "Balance readings"),
    "section.history": ("Historique des étalonnages du pistolet", "Calibration history of the gun"),
    # identity
    "gun": ("Pistolet", "Gun"),
    "firmware": ("Micrologiciel", "Firmware"),
    "technician": ("Technicien", "Technician"),
    "started": ("Début", "Started"),
    "finished": ("Fin", "Finished"),
    "expires": ("Validité de l’étalonnage", "Calibration expires"),
    "syringe": ("Seringue", "Syringe"),
    "balance": ("Balance", "Balance"),
    "gauge": ("Jauge de profondeur", "Depth gauge"),
    "balance.serial": ("n° de série {serial}", "serial number {serial}"),
    "balance.resolution": ("Résolution de la balance", "Balance resolution"),
    "balance.verified": ("Balance vérifiée le", "Balance verified on"),
    "gauge.serial": ("n° {serial}", "no. {serial}"),
    "gauge.resolution": ("Résolution de la jauge", "Gauge resolution"),
    "gauge.verified": ("Jauge vérifiée le", "Gauge verified on"),
    "water": ("Eau", "Water"),
    "water_value": (
        "{temperature}{nbsp}°C, facteur Z = {z}{nbsp}µl/mg",
        "{temperature} °C, factor Z = {z} µl/mg",
    ),
    "air": ("Air", "Air"),
    "air_value": ("{pressure}{nbsp}hPa, humidité {humidity}{nbsp}%", "{pressure} hPa, humidity {humidity} %"),
    "none": ("—", "—"),
    # factors
    "factor": ("Facteur", "Factor"),
    "before": ("Avant", "Before"),
    "after": ("Après", "After"),
    "factor.id": ("N° d’étalonnage", "Calibration no."),
    "factor.volume": ("Volume par pas (nl)", "Volume per step (nl)"),
    "factor.offset": ("Décalage de profondeur (mm)", "Depth offset (mm)"),
    "factor.scale": ("Échelle de profondeur", "Depth scale"),
    "unchanged": ("inchangé", "unchanged"),
    # volume
    "stage": ("Série", "Run"),
    "stage.as_found": ("initiale", "as found"),
    "stage.verification": ("vérification", "verification"),
    "nominal": ("Volume commandé (µl)", "Commanded (µl)"),
    "count": ("Injections", "Shots"),
    "mean": ("Moyenne (µl)", "Mean (µl)"),
    "systematic": ("Erreur syst. (%)", "Systematic error (%)"),
    "cv": ("CV (%)", "CV (%)"),
    "worst": ("Pire injection (µl)", "Worst shot (µl)"),
    "tolerance": ("Tolérance (µl)", "Tolerance (µl)"),
    "verdict": ("Verdict", "Verdict"),
    "pass": ("conforme", "pass"),
    "fail": ("non conforme", "fail"),
    "shot": ("Injection", "Shot"),
    "mass": ("Masse (mg)", "Mass (mg)"),
    "volume": ("Volume (µl)", "Volume (µl)"),
    "deviation": ("Écart (µl)", "Deviation (µl)"),
    "ratio": ("Volume injecté / commandé", "Delivered / commanded volume"),
    "correction": ("Correction du facteur", "Factor correction"),
    "residuals": ("Écart restant par volume", "Remaining error per volume"),
    "chart.levels": ("Erreur systématique par volume", "Systematic error per volume"),
    "chart.levels_x": ("Volume commandé (µl)", "Commanded volume (µl)"),
    "chart.levels_y": ("Erreur (%)", "Error (%)"),
    "limit": ("limite", "limit"),
    # uncertainty (JCGM 100:2008, see mesogun.calibration.uncertainty)
    "section.uncertainty": ("Incertitude de mesure", "Measurement uncertainty"),
    "uncertainty.method": (
        "Incertitude élargie U = k × u_c avec k = 2 (niveau de confiance d’environ 95{nbsp}%), évaluée "
        "selon le GUM (JCGM{nbsp}100:2008){nbsp}: u_c combine la répétabilité de la moyenne (type A, "
        "écart-type / √n) et la résolution de la balance (type B, loi rectangulaire, deux lectures par "
        "pesée). L’incertitude du facteur Z et l’évaporation ne sont pas comptées.",
        "Expanded uncertainty U = k × u_c with k = 2 (about 95 % level of confidence), evaluated after "
        "the GUM (JCGM 100:2008): u_c combines the repeatability of the mean (type A, standard "
        "deviation / √n) and the balance's resolution (type B, rectangular distribution, two readings "
        "per weighing). The uncertainty of the factor Z and evaporation are not counted.",
    ),
    "uncertainty.no_resolution": (
        "La résolution de la balance n’a pas été enregistrée{nbsp}: seule la répétabilité est comptée.",
        "The balance's resolution was not recorded: only the repeatability is counted.",
    ),
    "uncertainty.flow_method": (
        "Incertitude élargie U = k × u_c de l’erreur globale de débit, avec k = 2 (niveau de confiance "
        "d’environ 95{nbsp}%), évaluée selon le GUM (JCGM{nbsp}100:2008){nbsp}: u_c combine la "
        "répétabilité des erreurs des intervalles de la période d’analyse (type A, écart-type / √n, "
        "intervalles pris comme indépendants) et la résolution de la balance (type B, loi "
        "rectangulaire, deux lectures{nbsp}: début et fin de la période). L’incertitude du facteur Z "
        "et l’évaporation (récipient couvert, non corrigée) ne sont pas comptées.",
        "Expanded uncertainty U = k × u_c of the overall flow error, with k = 2 (about 95 % level of "
        "confidence), evaluated after the GUM (JCGM 100:2008): u_c combines the repeatability of the "
        "errors of the analysis period's intervals (type A, standard deviation / √n, intervals taken "
        "as independent) and the balance's resolution (type B, rectangular distribution, two "
        "readings: start and end of the period). The uncertainty of the factor Z and evaporation "
        "(covered vessel, not corrected) are not counted.",
    ),
    "flow_type_a": ("u type A ({n} intervalles)", "u type A ({n} intervals)"),
    "flow_type_b": ("u type B (résolution)", "u type B (resolution)"),
    "flow_expanded": ("U de l’erreur globale, k = 2", "U of the overall error, k = 2"),
    "uncertainty.depth_offset": (
        "Incertitude élargie U = k × u_c du décalage de profondeur, avec k = 2 (niveau de confiance "
        "d’environ 95{nbsp}%), évaluée selon le GUM (JCGM{nbsp}100:2008){nbsp}: u_c combine la "
        "répétabilité des écarts initiaux aux profondeurs réglées (type A, écart-type / √n) et la "
        "résolution de la jauge (type B, loi rectangulaire, deux lectures{nbsp}: le zéro sur le nez "
        "du pistolet et l’aiguille sortie, non réduite par le nombre de lectures).",
        "Expanded uncertainty U = k × u_c of the depth offset, with k = 2 (about 95 % level of "
        "confidence), evaluated after the GUM (JCGM 100:2008): u_c combines the repeatability of the "
        "as-found errors at the set depths (type A, standard deviation / √n) and the gauge's resolution "
        "(type B, rectangular distribution, two readings: the zero on the gun's nose and the needle "
        "out, not reduced by the number of readings).",
    ),
    "uncertainty.depth_fitted": (
        "Incertitude élargie U = k × u_c de l’écart donné par la droite ajustée, avec k = 2 (niveau de "
        "confiance d’environ 95{nbsp}%), évaluée selon le GUM (JCGM{nbsp}100:2008){nbsp}: u_c combine "
        "la dispersion des lectures initiales autour de la droite (type A, écart-type résiduel à n − 2 "
        "degrés de liberté, à la profondeur réglée extrême où la droite est la moins bien connue) et la "
        "résolution de la jauge (type B, loi rectangulaire, deux lectures{nbsp}: le zéro sur le nez du "
        "pistolet et l’aiguille sortie, non réduite par le nombre de lectures).",
        "Expanded uncertainty U = k × u_c of the error given by the fitted line, with k = 2 (about 95 % "
        "level of confidence), evaluated after the GUM (JCGM 100:2008): u_c combines the scatter of the "
        "as-found readings about the line (type A, residual standard deviation on n − 2 degrees of "
        "freedom, at the extreme set depth where the line is least known) and the gauge's resolution "
        "(type B, rectangular distribution, two readings: the zero on the gun's nose and the needle "
        "out, not reduced by the number of readings).",
    ),
    "uncertainty.depth_not_counted": (
        "Ne sont pas comptés{nbsp}: l’erreur d’indication de la jauge (voir sa vérification), la "
        "flexion de l’aiguille, l’enfoncement de la gaze et la température.",
        "Not counted: the gauge's error of indication (see its verification), the bending of the "
        "needle, the gauze giving way and temperature.",
    ),
    "uncertainty.no_gauge_resolution": (
        "La résolution de la jauge n’a pas été enregistrée{nbsp}: seule la répétabilité est comptée.",
        "The gauge's resolution was not recorded: only the repeatability is counted.",
    ),
    "depth_type_a": ("u type A ({n} lectures)", "u type A ({n} readings)"),
    "depth_type_b": ("u type B (résolution)", "u type B (resolution)"),
    "depth_expanded.offset": ("U du décalage, k = 2", "U of the offset, k = 2"),
    "depth_expanded.fitted": ("U de l’écart ajusté, k = 2", "U of the fitted error, k = 2"),
    "type_a": ("u type A (µl)", "u type A (µl)"),
    "type_b": ("u type B (µl)", "u type B (µl)"),
    "expanded": ("U, k = 2 (µl)", "U, k = 2 (µl)"),
    "expanded_pct": ("U (%)", "U (%)"),
    # depth
    "set_depth": ("Profondeur réglée (mm)", "Set depth (mm)"),
    "gun_depth": ("Selon le pistolet (mm)", "Reported by the gun (mm)"),
    "gauge_mm": ("Jauge (mm)", "Gauge (mm)"),
    "error_mm": ("Écart (mm)", "Error (mm)"),
    "fit_line": ("Droite ajustée", "Fitted line"),
    "fit_line_value": ("jauge = {offset}{nbsp}µm + {scale} × réglage", "gauge = {offset} µm + {scale} × set"),
    "fit_mode.offset": ("décalage seul (échelle conservée)", "offset only (scale kept)"),
    "fit_mode.scale": ("décalage et échelle", "offset and scale"),
    "residual": ("Écart maximal", "Largest residual"),
    "chart.depth": ("Écart de profondeur", "Depth error"),
    "chart.depth_x": ("Profondeur réglée (mm)", "Set depth (mm)"),
    "chart.depth_y": ("Écart (mm)", "Error (mm)"),
    # flow
    "set_flow": ("Débit réglé", "Set flow"),
    "mean_flow": ("Débit mesuré", "Measured flow"),
    "overall_error": ("Erreur globale", "Overall error"),
    "analysis_period": ("Période d’analyse", "Analysis period"),
    "analysis_value": ("de {start} à {end}{nbsp}min ({volume})", "{start} to {end} min ({volume})"),
    "window": ("Fenêtre (min)", "Window (min)"),
    "max_error": ("Erreur max. (%)", "Max. error (%)"),
    "min_error": ("Erreur min. (%)", "Min. error (%)"),
    "windows": ("Fenêtres", "Windows"),
    "chart.trumpet": ("Courbe en trompette", "Trumpet curve"),
    "chart.trumpet_x": ("Fenêtre d’observation (min)", "Observation window (min)"),
    "chart.trumpet_y": ("Erreur de débit (%)", "Flow error (%)"),
    "series.max": ("erreur max.", "max. error"),
    "series.min": ("erreur min.", "min. error"),
    "series.overall": ("erreur globale", "overall error"),
    "chart.flow_time": ("Erreur de débit par intervalle de 30{nbsp}s", "Flow error per 30 s interval"),
    "chart.flow_time_x": ("Temps (min)", "Time (min)"),
    "time_s": ("Temps (s)", "Time (s)"),
    "mass_g": ("Masse nette (g)", "Net mass (g)"),
    # history
    "date": ("Date", "Date"),
    "kind": ("Procédure", "Procedure"),
    "kind.volume": ("volume", "volume"),
    "kind.depth": ("profondeur", "depth"),
    "kind.flow": ("débit", "flow"),
    "factor_after": ("Facteur après", "Factor after"),
    "chart.drift": ("Volume par pas après chaque étalonnage", "Volume per step after each calibration"),
    "chart.drift_x": ("Jours depuis le {date}", "Days since {date}"),
    "chart.drift_y": ("Volume par pas (nl)", "Volume per step (nl)"),
    "series.factor": ("facteur", "factor"),
    "series.nominal": ("nominal", "nominal"),
}


class CertificateTexts(ReportTexts):
    """The certificate's words in ``language`` ("fr" or "en"), with the reports' number and date formats."""

    def __call__(self, key: str, **values: object) -> str:
        if key in _TEXTS:
            return _TEXTS[key][LANGUAGES.index(self.language)].format(nbsp=_NBSP, **values)
        return super().__call__(key, **values)

    def signed(self, value: float, decimals: int = 2) -> str:
        """A number with its sign: ``+5,10`` / ``-0,02`` in French (no sign when it rounds to zero)."""
        text = self.number(abs(value), decimals)
        if round(value, decimals) == 0:
            return text
        return ("+" if value > 0 else "-") + text

    @property
    def semicolon(self) -> str:
        """``" ; "`` with a non-breaking space before it in French, ``"; "`` in English."""
        return f"{_NBSP}; " if self.language == "fr" else "; "

    def tick(self, value: float) -> str:
        """A chart tick value, shortest form: ``2,5`` or ``2 000`` (narrow no-break space) in French."""
        shortest = f"{value:.6f}".rstrip("0").rstrip(".")
        decimals = len(shortest.partition(".")[2])
        return self.number(value, decimals)

    def guide(self, value: float, unit: str) -> str:
        """A tolerance line's label with its sign and unit: ``+0,2 mm``, ``-5 %`` (no-break space)."""
        return ("+" if value > 0 else "-" if value < 0 else "") + f"{self.tick(abs(value))}{_NBSP}{unit}"

    def percent(self, value: float, decimals: int = 2) -> str:
        return f"{self.signed(value, decimals)}{_NBSP}%"
