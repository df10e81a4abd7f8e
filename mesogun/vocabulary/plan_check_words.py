"""What each plan check says, in French and English, keyed by the member names of ``PlanCheck``.

``{name}`` parameters are filled by :func:`mesogun.vocabulary.plan_checks.plan_check_text`, written the
language's way (numbers, units, names of fields, areas and techniques). The English forms are the
sentences the plan loader reports in its messages.
"""

from __future__ import annotations

Words = tuple[str, str]  # (French, English)

PLAN_CHECK_WORDS: dict[str, Words] = {
    "UNREADABLE": ("impossible de lire le fichier : {reason}", "cannot read the file: {reason}"),
    "TOO_LARGE": (
        "plus de {kib} Kio : ce n’est pas un fichier de protocole",
        "larger than {kib} KiB: not a plan file",
    ),
    "NOT_UTF8": ("le texte n’est pas en UTF-8 : {reason}", "not UTF-8 text: {reason}"),
    "TOML_SYNTAX": (
        "erreur de syntaxe TOML : {detail} (colonne {column})",
        "TOML syntax error: {detail} (column {column})",
    ),
    "TOO_DEEPLY_NESTED": (
        "tables ou listes imbriquées trop profondément : ce n’est pas un fichier de protocole",
        "tables or arrays nested too deeply: not a plan file",
    ),
    "MISSING_KEY": ("la clé obligatoire « {key} » manque", "required key '{key}' is missing"),
    "UNKNOWN_KEY": (
        "clé inconnue ; {hint}clés permises ici : « {allowed} »",
        "unknown key; {hint}allowed keys here: {allowed}",
    ),
    "NOT_A_CHOICE": (
        "choix inconnu ; choisissez parmi {choices}",
        "not a known choice; choose one of {choices}",
    ),
    "BELOW_MINIMUM": ("doit être supérieur à {bound}", "must be more than {bound}"),
    "AT_LEAST": ("doit valoir au moins {bound}", "must be at least {bound}"),
    "ABOVE_MAXIMUM": ("doit être inférieur à {bound}", "must be less than {bound}"),
    "AT_MOST": ("doit valoir au plus {bound}", "must be at most {bound}"),
    "NOT_A_NUMBER": (
        "doit être un nombre fini (écrit sans guillemets)",
        "must be a finite number (write it without quotes)",
    ),
    "NOT_A_WHOLE_NUMBER": (
        "doit être un nombre entier (écrit sans guillemets ni décimales)",
        "must be a whole number (write it without quotes or decimals)",
    ),
    "NOT_TRUE_OR_FALSE": ("doit valoir true ou false", "must be true or false"),
    "NOT_TEXT": ("doit être un texte entre guillemets", "must be text in quotes"),
    "EMPTY_TEXT": ("ne doit pas être vide", "must not be empty"),
    "NO_ENTRY": ("doit contenir au moins une entrée", "must hold at least one entry"),
    "BAD_NAME": (
        "lettres minuscules, chiffres, « - » ou « _ », en commençant par une lettre ou un chiffre",
        "must be lowercase letters, digits, '-' or '_', starting with a letter or digit",
    ),
    "NOT_A_TABLE": ("doit être une table", "must be a table"),
    "NOT_AN_ARRAY": ("doit être une liste (ou des [[tables]])", "must be an array (or [[tables]])"),
    "STEP_WITHOUT_PLACE": ("une étape doit avoir un site ou une zone", "a step needs a site or a zone"),
    "STEP_TARGETS": (
        "une étape a un seul objectif : un nombre d’injections ou un volume",
        "a step needs exactly one target: shots or target_volume_ul",
    ),
    "TARGET_BELOW_ONE_SHOT": (
        "le volume visé, {target_ul}, est inférieur à une injection ({shot_ul})",
        "target_volume_ul {target_ul} is less than one shot (volume_per_shot_ul {shot_ul})",
    ),
    "QUESTION_TWICE": (
        "question de contre-indication présente deux fois : {codes}",
        "contraindication code listed twice: {codes}",
    ),
    "PROPORTIONS": (
        "les parts des produits font {total_pct} au total, elles doivent faire 100 %",
        "component proportions add up to {total_pct}, they must add up to 100 %",
    ),
    "PRODUCT_TWICE": ("produit présent deux fois : {products}", "product listed twice: {products}"),
    "UNKNOWN_ACUPOINT": (
        "point d’acupuncture inconnu {code} ; codes OMS connus : {known}",
        "unknown acupoint code {code}; known WHO codes: {known}",
    ),
    "OUTSIDE_GUN_RANGE": (
        "{field} hors de la plage du pistolet, {minimum}–{maximum} (limite absolue, bibliothèque de "
        "limites {library})",
        "outside the gun's range {minimum}–{maximum} (hard limit, limits library {library})",
    ),
    "OFF_DEPTH_STEP": (
        "{field} n’est pas un multiple du pas du pistolet, {step} (permis : {minimum}–{maximum} par pas "
        "de {step} ; limite absolue, bibliothèque de limites {library})",
        "not a multiple of the gun's {step} step (allowed {minimum}–{maximum} in steps of {step}; "
        "hard limit, limits library {library})",
    ),
    "TOO_DEEP_FOR_AREA": (
        "plus profond que permis sur la zone « {area} » (au plus {maximum}, bibliothèque de limites "
        "{library}) ; refusé",
        "deeper than allowed on the {area} (at most {maximum}, limits library {library}); refused",
    ),
    "PRODUCT_UNKNOWN": (
        "{product} n’est pas dans le catalogue des produits : indiquez sa substance active et sa "
        "concentration ; refusé",
        "{product} is not in the product catalogue: give its active substance and concentration; refused",
    ),
    "PRODUCT_CORTICOID": (
        "{product} est un corticoïde : jamais injecté en mésothérapie (« jamais de corticoïdes ») ; refusé",
        "{product} is a corticoid: never injected in mesotherapy (seed 002); refused",
    ),
    "PRODUCT_UNKNOWN_SUBSTANCE": (
        "{product} déclare la substance « {detail} », absente du catalogue (aucun plafond connu) ; refusé",
        "{product} declares substance '{detail}', not in the catalogue (no caps known); refused",
    ),
    "PRODUCT_CONCENTRATION": (
        "{product} a une concentration illisible en mg/ml (écrivez par exemple « 1 % » ou « 20 mg/ml ») ; "
        "refusé",
        "{product} has a concentration that gives no mg/ml (write e.g. '1 %' or '20 mg/ml'); refused",
    ),
    "CAP_PER_POINT": (
        "{substance} atteindrait {total_mg} sur ce point ; le catalogue des produits permet au plus "
        "{cap_mg} sur un point (catalogue {catalogue}) ; refusé",
        "{substance} would reach {total_mg} on this point; the product catalogue allows at most {cap_mg} "
        "on this point; refused (catalogue {catalogue})",
    ),
    "CAP_PER_SESSION": (
        "{substance} atteindrait {total_mg} pendant cette séance ; le catalogue des produits permet au plus "
        "{cap_mg} par séance (catalogue {catalogue}) ; refusé",
        "{substance} would reach {total_mg} in this session; the product catalogue allows at most "
        "{cap_mg} in this session; refused (catalogue {catalogue})",
    ),
    "OUTSIDE_USUAL_RANGE": (
        "{field} = {value}, hors de la plage habituelle en {technique} ({minimum}–{maximum}) ; "
        "la séance demandera une raison",
        "{field} = {value} is outside the usual range for {technique} ({minimum}–{maximum}); "
        "confirm with a reason to go on",
    ),
    "OTHER": ("{text}", "{text}"),
}
