<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AlarmBanner</name>
    <message>
        <source>Acknowledge</source>
        <extracomment>One flash tick in ms; a level&apos;s row changes phase every FLASH_TICKS[level] ticks (50 % on). High: 2 Hz (a phase per tick); medium: 0.5 Hz (a phase per 4 ticks); low: steady.</extracomment>
        <translation>Acquitter</translation>
    </message>
    <message>
        <source>High priority alarm</source>
        <translation>Alarme de priorité haute</translation>
    </message>
    <message>
        <source>Medium priority alarm</source>
        <translation>Alarme de priorité moyenne</translation>
    </message>
    <message>
        <source>Low priority alarm</source>
        <translation>Alarme de priorité basse</translation>
    </message>
    <message>
        <source>Acknowledge the alarm on the gun (it clears once its cause is gone)</source>
        <translation>Acquitter l’alarme sur le pistolet (elle disparaît quand sa cause a disparu)</translation>
    </message>
    <message>
        <source>Acknowledged — {alarm} (until the gun clears it)</source>
        <translation>Acquittée — {alarm} (jusqu’à ce que le pistolet la lève)</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Acquittée</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>The dose journal cannot be opened</source>
        <translation>Le journal des doses ne peut pas être ouvert</translation>
    </message>
</context>
<context>
    <name>BodyMap</name>
    <message>
        <source>Front</source>
        <extracomment>Views drawn as a pair (patient&apos;s right side on the left half, left side on the right half). Acupoints of the catalogue that lie on a hand or a foot: (view, x, y) on the drawing of the patient&apos;s left hand (palm forward) or left foot (seen from above); the right point is its mirror image. Share of a half-view a paired drawing may fill.</extracomment>
        <translation>De face</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>De dos</translation>
    </message>
    <message>
        <source>Face</source>
        <translation>Visage</translation>
    </message>
    <message>
        <source>Hand</source>
        <translation>Main</translation>
    </message>
    <message>
        <source>Foot</source>
        <translation>Pied</translation>
    </message>
</context>
<context>
    <name>CalibrationLevelTable</name>
    <message>
        <source>Series</source>
        <translation>Série</translation>
    </message>
    <message>
        <source>Volume (µl)</source>
        <translation>Volume (µl)</translation>
    </message>
    <message>
        <source>Shots</source>
        <translation>Injections</translation>
    </message>
    <message>
        <source>Mean (µl)</source>
        <translation>Moyenne (µl)</translation>
    </message>
    <message>
        <source>Error (%)</source>
        <translation>Erreur (%)</translation>
    </message>
    <message>
        <source>CV (%)</source>
        <translation>CV (%)</translation>
    </message>
    <message>
        <source>Worst shot (µl)</source>
        <translation>Pire injection (µl)</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Verdict</translation>
    </message>
</context>
<context>
    <name>CalibrationShotTable</name>
    <message>
        <source>Series</source>
        <translation>Série</translation>
    </message>
    <message>
        <source>Commanded (µl)</source>
        <translation>Commandé (µl)</translation>
    </message>
    <message>
        <source>Shot</source>
        <translation>Injection</translation>
    </message>
    <message>
        <source>Gun (µl)</source>
        <translation>Pistolet (µl)</translation>
    </message>
    <message>
        <source>Mass (mg)</source>
        <translation>Masse (mg)</translation>
    </message>
    <message>
        <source>Weighed (µl)</source>
        <translation>Pesé (µl)</translation>
    </message>
</context>
<context>
    <name>CalibrationTexts</name>
    <message>
        <source>Verification with the new factor</source>
        <translation>Vérification avec le nouveau facteur</translation>
    </message>
    <message>
        <source>As found: with the factor in force</source>
        <translation>État initial&#xa0;: avec le facteur en vigueur</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <source>As found</source>
        <translation>Initiale</translation>
    </message>
    <message>
        <source>within tolerance</source>
        <translation>dans la tolérance</translation>
    </message>
    <message>
        <source>OUT of tolerance</source>
        <translation>HORS tolérance</translation>
    </message>
    <message>
        <source>no. {id}: {step} nl per step, depth offset {offset} mm, scale {scale}</source>
        <translation>n°&#xa0;{id}&#xa0;: {step}&#xa0;nl par pas, décalage de profondeur {offset}&#xa0;mm, échelle {scale}</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Volume</translation>
    </message>
    <message>
        <source>Depth</source>
        <translation>Profondeur</translation>
    </message>
    <message>
        <source>Flow test</source>
        <translation>Contrôle du débit</translation>
    </message>
    <message>
        <source>flow error {error} % at {flow} µl/s</source>
        <translation>erreur de débit {error}&#xa0;% à {flow}&#xa0;µl/s</translation>
    </message>
    <message>
        <source>nothing written</source>
        <translation>rien d’écrit</translation>
    </message>
    <message>
        <source>offset {offset} mm, scale {scale}</source>
        <translation>décalage {offset}&#xa0;mm, échelle {scale}</translation>
    </message>
    <message>
        <source>{step} nl per step</source>
        <translation>{step}&#xa0;nl par pas</translation>
    </message>
</context>
<context>
    <name>CalibrationWarning</name>
    <message>
        <source>depth</source>
        <translation>profondeur</translation>
    </message>
    <message>
        <source>volume</source>
        <translation>volume</translation>
    </message>
    <message>
        <source>This gun has never been calibrated.</source>
        <translation>Ce pistolet n’a jamais été étalonné.</translation>
    </message>
    <message>
        <source>The calibration of this gun expired on {date}.</source>
        <translation>L’étalonnage de ce pistolet a expiré le {date}.</translation>
    </message>
    <message>
        <source>The journal holds no passed {kind} calibration of this gun.</source>
        <translation>Le journal ne contient aucun étalonnage de {kind} réussi pour ce pistolet.</translation>
    </message>
    <message>
        <source>The last {kind} calibration of this gun expired on {date}.</source>
        <translation>Le dernier étalonnage de {kind} de ce pistolet a expiré le {date}.</translation>
    </message>
    <message>
        <source>The last {kind} calibration of this gun failed ({date}).</source>
        <translation>Le dernier étalonnage de {kind} de ce pistolet a échoué ({date}).</translation>
    </message>
    <message>
        <source>The gun holds a calibration the journal has no passed record of.</source>
        <translation>Le pistolet contient un étalonnage dont le journal n’a aucun enregistrement réussi.</translation>
    </message>
    <message>
        <source>Have the gun calibrated by a technician before treating patients.</source>
        <translation>Faites étalonner le pistolet par un technicien avant de traiter des patients.</translation>
    </message>
    <message>
        <source>factory values (never calibrated)</source>
        <translation>valeurs d’usine (jamais étalonné)</translation>
    </message>
    <message>
        <source>no. {id} of {date}</source>
        <translation>n°&#xa0;{id} du {date}</translation>
    </message>
    <message>
        <source>expired on {date}</source>
        <translation>expiré le {date}</translation>
    </message>
    <message>
        <source>valid until {date}</source>
        <translation>valable jusqu’au {date}</translation>
    </message>
    <message>
        <source>The calibration could not be checked: {error}</source>
        <translation>L’étalonnage n’a pas pu être vérifié&#xa0;: {error}</translation>
    </message>
</context>
<context>
    <name>CertificateSaver</name>
    <message>
        <source>Save the calibration certificate</source>
        <translation>Enregistrer le certificat d’étalonnage</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documents PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Could not write {path}: {error}</source>
        <translation>Impossible d’écrire {path}&#xa0;: {error}</translation>
    </message>
</context>
<context>
    <name>ClinicStatusLabel</name>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>Clinic store not used: its settings are invalid</source>
        <translation>Base de la clinique non utilisée&#xa0;: ses réglages ne sont pas valables</translation>
    </message>
    <message>
        <source>Clinic store: connecting…</source>
        <translation>Base de la clinique&#xa0;: connexion…</translation>
    </message>
    <message>
        <source>rows are missing at its end</source>
        <translation>des lignes manquent à sa fin</translation>
    </message>
    <message>
        <source>rows were rewritten</source>
        <translation>des lignes ont été réécrites</translation>
    </message>
    <message>
        <source>a row was edited</source>
        <translation>une ligne a été modifiée</translation>
    </message>
    <message>
        <source>Clinic store: this desk&apos;s journal differs from the clinic&apos;s copy (%1)</source>
        <translation>Base de la clinique&#xa0;: le journal de ce poste diffère de la copie de la clinique (%1)</translation>
    </message>
    <message>
        <source>Clinic store unreachable: history from this desk only (last sync %1)</source>
        <translation>Base de la clinique injoignable&#xa0;: historique de ce poste seulement (dernière synchro %1)</translation>
    </message>
    <message numerus="yes">
        <source>Clinic store: %n row(s) to send (last sync %1)</source>
        <translation>
            <numerusform>Base de la clinique&#xa0;: %n ligne à envoyer (dernière synchro %1)</numerusform>
            <numerusform>Base de la clinique&#xa0;: %n lignes à envoyer (dernière synchro %1)</numerusform>
        </translation>
    </message>
    <message>
        <source>Clinic store: in sync at %1</source>
        <translation>Base de la clinique&#xa0;: à jour à %1</translation>
    </message>
</context>
<context>
    <name>ClinicalTexts</name>
    <message>
        <source>{value} mg</source>
        <translation>{value}&#xa0;mg</translation>
    </message>
    <message>
        <source>{substance}: {total} on this point, beyond the maximum of {cap}</source>
        <translation>{substance}&#xa0;: {total} sur ce point, au-delà du maximum de {cap}</translation>
    </message>
    <message>
        <source>{substance}: {total} in this session, beyond the maximum of {cap}</source>
        <translation>{substance}&#xa0;: {total} dans cette séance, au-delà du maximum de {cap}</translation>
    </message>
    <message>
        <source>{substance}: {total} over 24 h ({earlier} of it in earlier sessions), beyond the maximum of {cap}</source>
        <translation>{substance}&#xa0;: {total} sur 24&#xa0;h (dont {earlier} lors de séances précédentes), au-delà du maximum de {cap}</translation>
    </message>
    <message>
        <source>{substance}: {total} over 7 days ({earlier} of it in earlier sessions), beyond the maximum of {cap}</source>
        <translation>{substance}&#xa0;: {total} sur 7&#xa0;jours (dont {earlier} lors de séances précédentes), au-delà du maximum de {cap}</translation>
    </message>
    <message>
        <source>The session cannot open with this plan: {caps}. Refused.</source>
        <translation>La séance ne peut pas s’ouvrir avec ce protocole&#xa0;: {caps}. Refusé.</translation>
    </message>
    <message>
        <source>{product} is not in the product catalogue: give its active substance and concentration</source>
        <translation>{product} n’est pas dans le catalogue des produits&#xa0;: indiquez sa substance active et sa concentration</translation>
    </message>
    <message>
        <source>{product} is a corticoid: never injected in mesotherapy. Refused.</source>
        <translation>{product} est un corticoïde&#xa0;: jamais injecté en mésothérapie. Refusé.</translation>
    </message>
    <message>
        <source>{product}: the declared substance is not in the catalogue (no caps known). Refused.</source>
        <translation>{product}&#xa0;: la substance déclarée n’est pas dans le catalogue (aucun plafond connu). Refusé.</translation>
    </message>
    <message>
        <source>{product}: its concentration gives no mg/ml (write e.g. 1 % or 20 mg/ml)</source>
        <translation>{product}&#xa0;: sa concentration ne donne pas de mg/ml (écrivez p. ex. 1&#xa0;% ou 20&#xa0;mg/ml)</translation>
    </message>
    <message>
        <source>The previous session was {hours} h ago; this plan&apos;s course asks one session every {days} days (next one due on {due}). To go on now, give the reason; it is recorded with the session.</source>
        <translation>La séance précédente date de {hours}&#xa0;h&#xa0;; le rythme de ce protocole est d’une séance tous les {days}&#xa0;jours (prochaine prévue le {due}). Pour continuer maintenant, indiquez la raison&#xa0;; elle est enregistrée avec la séance.</translation>
    </message>
    <message>
        <source>Course over: no next session planned</source>
        <translation>Cure terminée&#xa0;: pas de séance suivante prévue</translation>
    </message>
    <message>
        <source>Next session due from {date}</source>
        <translation>Prochaine séance prévue à partir du {date}</translation>
    </message>
    <message>
        <source>Active substance given: {items}</source>
        <translation>Substance active injectée&#xa0;: {items}</translation>
    </message>
</context>
<context>
    <name>ConnectionPage</name>
    <message>
        <source>Live telemetry</source>
        <translation>Télémesure en direct</translation>
    </message>
    <message>
        <source>Shots reported by the gun</source>
        <translation>Injections signalées par le pistolet</translation>
    </message>
</context>
<context>
    <name>ConnectionPanel</name>
    <message>
        <source>Gun</source>
        <translation>Pistolet</translation>
    </message>
    <message>
        <source>The gun to connect to</source>
        <translation>Le pistolet auquel se connecter</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Look for guns on the USB and serial ports again</source>
        <translation>Rechercher à nouveau les pistolets sur les ports USB et série</translation>
    </message>
    <message>
        <source>No gun found on the USB or serial ports. Plug the gun in and press Refresh, or use the simulated gun.</source>
        <translation>Aucun pistolet trouvé sur les ports USB ou série. Branchez le pistolet et cliquez sur Actualiser, ou utilisez le pistolet simulé.</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Connecter</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>Déconnecter</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Liaison</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>Numéro de série</translation>
    </message>
    <message>
        <source>Firmware</source>
        <translation>Micrologiciel</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protocole</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Battery</source>
        <translation>Batterie</translation>
    </message>
    <message>
        <source>Syringe</source>
        <translation>Seringue</translation>
    </message>
    <message>
        <source>Last frame</source>
        <translation>Dernière trame</translation>
    </message>
    <message>
        <source>Simulated gun</source>
        <translation>Pistolet simulé</translation>
    </message>
    <message>
        <source>serial {serial}</source>
        <translation>n° de série {serial}</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Non connecté</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Connecté</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Reconnexion…</translation>
    </message>
    <message>
        <source>Link lost</source>
        <translation>Liaison perdue</translation>
    </message>
    <message>
        <source>{pct} %</source>
        <translation>{pct}&#xa0;%</translation>
    </message>
    <message>
        <source>{remaining} µl left of {capacity} ml</source>
        <translation>{remaining}&#xa0;µl restants sur {capacity}&#xa0;ml</translation>
    </message>
    <message>
        <source>{seconds} s ago</source>
        <translation>il y a {seconds}&#xa0;s</translation>
    </message>
    <message>
        <source>No syringe</source>
        <translation>Pas de seringue</translation>
    </message>
</context>
<context>
    <name>DeliveryControls</name>
    <message>
        <source>Delivery</source>
        <translation>Injection</translation>
    </message>
    <message>
        <source> shots/s</source>
        <translation> injections/s</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>Depth</source>
        <translation>Profondeur</translation>
    </message>
    <message>
        <source>Volume per shot</source>
        <translation>Volume par injection</translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>Débit</translation>
    </message>
    <message>
        <source>Burst rate</source>
        <translation>Cadence</translation>
    </message>
    <message>
        <source>Syringe</source>
        <translation>Seringue</translation>
    </message>
    <message>
        <source>Load full syringe</source>
        <translation>Charger une seringue pleine</translation>
    </message>
    <message>
        <source>Apply and arm</source>
        <translation>Appliquer et armer</translation>
    </message>
    <message>
        <source>Disarm</source>
        <translation>Désarmer</translation>
    </message>
    <message>
        <source>Allowed: {minimum}–{maximum} mm</source>
        <translation>Plage permise&#xa0;: {minimum}–{maximum}&#xa0;mm</translation>
    </message>
    <message>
        <source>Allowed: {minimum}–{maximum} µl</source>
        <translation>Plage permise&#xa0;: {minimum}–{maximum}&#xa0;µl</translation>
    </message>
    <message>
        <source>Allowed: {minimum}–{maximum} µl/s</source>
        <translation>Plage permise&#xa0;: {minimum}–{maximum}&#xa0;µl/s</translation>
    </message>
</context>
<context>
    <name>DepthCalibrationTab</name>
    <message>
        <source>1. Setup</source>
        <translation>1. Préparation</translation>
    </message>
    <message>
        <source>2. As found</source>
        <translation>2. Relevés initiaux</translation>
    </message>
    <message>
        <source>3. New factors</source>
        <translation>3. Nouveaux facteurs</translation>
    </message>
    <message>
        <source>4. Verification</source>
        <translation>4. Vérification</translation>
    </message>
    <message>
        <source>5. Result</source>
        <translation>5. Résultat</translation>
    </message>
    <message>
        <source>Fit the max-hold depth gauge on the nose of the gun and hold a gauze under it. At each set depth the gun fires one small shot: the needle goes out and back, and you type the protrusion the gauge read.</source>
        <translation>Montez la jauge de profondeur à maintien du maximum sur le nez du pistolet et tenez une compresse dessous. À chaque profondeur réglée, le pistolet fait une petite injection&#xa0;: l’aiguille sort puis rentre, et vous saisissez la sortie lue sur la jauge.</translation>
    </message>
    <message>
        <source>Setup</source>
        <translation>Préparation</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Votre nom</translation>
    </message>
    <message>
        <source>Gauge serial number or asset tag</source>
        <translation>Numéro de série ou d’inventaire de la jauge</translation>
    </message>
    <message>
        <source>Default: 0.5, 1, 2, 4, 6 and 13 mm</source>
        <translation>Par défaut&#xa0;: 0,5, 1, 2, 4, 6 et 13&#xa0;mm</translation>
    </message>
    <message>
        <source> days</source>
        <translation> jours</translation>
    </message>
    <message>
        <source>I have just loaded a full syringe: declare it to the gun</source>
        <translation>Je viens de charger une seringue pleine&#xa0;: la déclarer au pistolet</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>Technicien</translation>
    </message>
    <message>
        <source>Depth gauge</source>
        <translation>Jauge de profondeur</translation>
    </message>
    <message>
        <source>Set depths (mm, separated by ;)</source>
        <translation>Profondeurs réglées (mm, séparées par&#xa0;;)</translation>
    </message>
    <message>
        <source>Calibration valid for</source>
        <translation>Validité de l’étalonnage</translation>
    </message>
    <message>
        <source>Syringe capacity</source>
        <translation>Contenance de la seringue</translation>
    </message>
    <message>
        <source>Start the calibration (enters technician mode)</source>
        <translation>Lancer l’étalonnage (passe en mode technicien)</translation>
    </message>
    <message>
        <source>Gauge reading</source>
        <translation>Lecture de la jauge</translation>
    </message>
    <message>
        <source>Enter the reading</source>
        <translation>Saisir la lecture</translation>
    </message>
    <message>
        <source>Protrusion read on the gauge</source>
        <translation>Sortie d’aiguille lue sur la jauge</translation>
    </message>
    <message>
        <source>Gauge model</source>
        <translation>Modèle de jauge</translation>
    </message>
    <message>
        <source>Gauge resolution (mm)</source>
        <translation>Résolution de la jauge (mm)</translation>
    </message>
    <message>
        <source>Last verification of the gauge</source>
        <translation>Dernière vérification de la jauge</translation>
    </message>
    <message>
        <source>New factors</source>
        <translation>Nouveaux facteurs</translation>
    </message>
    <message>
        <source>Write the new factors and verify</source>
        <translation>Écrire les nouveaux facteurs et vérifier</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Série</translation>
    </message>
    <message>
        <source>Set (mm)</source>
        <translation>Réglée (mm)</translation>
    </message>
    <message>
        <source>Gun (mm)</source>
        <translation>Pistolet (mm)</translation>
    </message>
    <message>
        <source>Gauge (mm)</source>
        <translation>Jauge (mm)</translation>
    </message>
    <message>
        <source>Error (mm)</source>
        <translation>Écart (mm)</translation>
    </message>
    <message>
        <source>Cancel the calibration</source>
        <translation>Annuler l’étalonnage</translation>
    </message>
    <message>
        <source>Save the certificate (PDF)…</source>
        <translation>Enregistrer le certificat (PDF)…</translation>
    </message>
    <message>
        <source>New calibration</source>
        <translation>Nouvel étalonnage</translation>
    </message>
    <message>
        <source>Connect a gun first.</source>
        <translation>Connectez d’abord un pistolet.</translation>
    </message>
    <message>
        <source>Type the technician access code in the bar above: the run writes to the gun.</source>
        <translation>Saisissez le code d’accès technicien dans la barre ci-dessus&#xa0;: l’étalonnage écrit dans le pistolet.</translation>
    </message>
    <message>
        <source>Calibration cancelled: the gun is disarmed and its factors are as they were.</source>
        <translation>Étalonnage annulé&#xa0;: le pistolet est désarmé et ses facteurs sont inchangés.</translation>
    </message>
    <message>
        <source>Needle out at {depth} mm set: type what the gauge read.</source>
        <translation>Aiguille sortie à {depth}&#xa0;mm réglés&#xa0;: saisissez la lecture de la jauge.</translation>
    </message>
    <message>
        <source>The needle goes out: hold the gauge still.</source>
        <translation>L’aiguille sort&#xa0;: maintenez la jauge immobile.</translation>
    </message>
    <message>
        <source>As-found readings complete.</source>
        <translation>Relevés initiaux terminés.</translation>
    </message>
    <message>
        <source>As found, the worst reading is {error} mm from the set depth. New depth offset: {offset} mm, scale {scale} (now {old_offset} mm and {old_scale}).</source>
        <translation>À l’état initial, le pire relevé s’écarte de {error}&#xa0;mm de la profondeur réglée. Nouveau décalage de profondeur&#xa0;: {offset}&#xa0;mm, échelle {scale} (actuellement {old_offset}&#xa0;mm et {old_scale}).</translation>
    </message>
    <message>
        <source>Calibration PASSED</source>
        <translation>Étalonnage RÉUSSI</translation>
    </message>
    <message>
        <source>Calibration FAILED</source>
        <translation>Étalonnage ÉCHOUÉ</translation>
    </message>
    <message>
        <source>Gun {serial}, gauge {gauge}.</source>
        <translation>Pistolet {serial}, jauge {gauge}.</translation>
    </message>
    <message>
        <source>Before: {factors}</source>
        <translation>Avant&#xa0;: {factors}</translation>
    </message>
    <message>
        <source>After: {factors}</source>
        <translation>Après&#xa0;: {factors}</translation>
    </message>
    <message>
        <source>Valid until {date}.</source>
        <translation>Valable jusqu’au {date}.</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>Motif&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>“{text}” is not a depth in mm: type numbers separated by ;</source>
        <translation>«&#xa0;{text}&#xa0;» n’est pas une profondeur en mm&#xa0;: saisissez des nombres séparés par&#xa0;;</translation>
    </message>
    <message>
        <source>{size} ml</source>
        <translation>{size}&#xa0;ml</translation>
    </message>
</context>
<context>
    <name>DiagnosticsTab</name>
    <message>
        <source>Gun</source>
        <translation>Pistolet</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>Numéro de série</translation>
    </message>
    <message>
        <source>Firmware</source>
        <translation>Micrologiciel</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protocole</translation>
    </message>
    <message>
        <source>Shot counter</source>
        <translation>Compteur d’injections</translation>
    </message>
    <message>
        <source>Motor running time</source>
        <translation>Temps de fonctionnement du moteur</translation>
    </message>
    <message>
        <source>Power cycles</source>
        <translation>Mises sous tension</translation>
    </message>
    <message>
        <source>Watchdog trips</source>
        <translation>Déclenchements du chien de garde</translation>
    </message>
    <message>
        <source>Calibration</source>
        <translation>Étalonnage</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Self-test</source>
        <translation>Autotest</translation>
    </message>
    <message>
        <source>Run the self-test</source>
        <translation>Lancer l’autotest</translation>
    </message>
    <message>
        <source>Not run yet (the gun must be idle)</source>
        <translation>Pas encore lancé (le pistolet doit être au repos)</translation>
    </message>
    <message>
        <source>Link (since the connection opened)</source>
        <translation>Liaison (depuis l’ouverture de la connexion)</translation>
    </message>
    <message>
        <source>Frames received</source>
        <translation>Trames reçues</translation>
    </message>
    <message>
        <source>CRC errors</source>
        <translation>Erreurs CRC</translation>
    </message>
    <message>
        <source>Retransmissions</source>
        <translation>Retransmissions</translation>
    </message>
    <message>
        <source>Timeouts</source>
        <translation>Délais dépassés</translation>
    </message>
    <message>
        <source>Telemetry gaps</source>
        <translation>Trous de télémesure</translation>
    </message>
    <message>
        <source>Round trip p50 / p99</source>
        <translation>Aller-retour p50 / p99</translation>
    </message>
    <message>
        <source>Reconnections</source>
        <translation>Reconnexions</translation>
    </message>
    <message>
        <source>The gun&apos;s event log</source>
        <translation>Journal d’événements du pistolet</translation>
    </message>
    <message>
        <source>newest</source>
        <translation>les plus récents</translation>
    </message>
    <message>
        <source>Read the log</source>
        <translation>Lire le journal</translation>
    </message>
    <message>
        <source>From event no.</source>
        <translation>À partir de l’événement n°</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Événements</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Gun time</source>
        <translation>Heure du pistolet</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>Alarm history (gun log and sessions)</source>
        <translation>Historique des alarmes (journal du pistolet et séances)</translation>
    </message>
    <message>
        <source>Alarm</source>
        <translation>Alarme</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <source>Gun log</source>
        <translation>Journal du pistolet</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Séances</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>Dernière</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origine</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Opérateur</translation>
    </message>
    <message>
        <source>Self-test running…</source>
        <translation>Autotest en cours…</translation>
    </message>
    <message>
        <source>Reading the gun&apos;s log…</source>
        <translation>Lecture du journal du pistolet…</translation>
    </message>
    <message>
        <source>version {version}, schema {hash}</source>
        <translation>version {version}, schéma {hash}</translation>
    </message>
    <message>
        <source> (gun: {count})</source>
        <translation> (pistolet&#xa0;: {count})</translation>
    </message>
    <message>
        <source>{gaps} ({missed} samples missed)</source>
        <translation>{gaps} ({missed} échantillons manqués)</translation>
    </message>
    <message>
        <source>{p50} / {p99} ms</source>
        <translation>{p50} / {p99} ms</translation>
    </message>
    <message>
        <source>{verdict} ({time})</source>
        <translation>{verdict} ({time})</translation>
    </message>
    <message>
        <source>The self-test could not run (the gun must be idle).</source>
        <translation>L’autotest n’a pas pu être lancé (le pistolet doit être au repos).</translation>
    </message>
    <message>
        <source>The gun&apos;s log could not be read.</source>
        <translation>Le journal du pistolet n’a pas pu être lu.</translation>
    </message>
    <message>
        <source>No event from no. {first} (the gun&apos;s newest is no. {newest}).</source>
        <translation>Aucun événement à partir du n°&#xa0;{first} (le plus récent du pistolet est le n°&#xa0;{newest}).</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s), no. {first} to {last}; the gun&apos;s newest is no. {newest}.</source>
        <translation>
            <numerusform>%n événement, du n°&#xa0;{first} au n°&#xa0;{last}&#xa0;; le plus récent du pistolet est le n°&#xa0;{newest}.</numerusform>
            <numerusform>%n événements, du n°&#xa0;{first} au n°&#xa0;{last}&#xa0;; le plus récent du pistolet est le n°&#xa0;{newest}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n number(s) no longer in the gun&apos;s log (purged).</source>
        <translation>
            <numerusform>%n numéro n’est plus dans le journal du pistolet (purgé).</numerusform>
            <numerusform>%n numéros ne sont plus dans le journal du pistolet (purgés).</numerusform>
        </translation>
    </message>
    <message>
        <source>raised</source>
        <translation>déclenchée</translation>
    </message>
    <message>
        <source>cleared</source>
        <translation>levée</translation>
    </message>
    <message>
        <source>gun, event no. {number}</source>
        <translation>pistolet, événement n°&#xa0;{number}</translation>
    </message>
    <message>
        <source>session {session}, point {point}</source>
        <translation>séance {session}, point {point}</translation>
    </message>
    <message>
        <source>session {session}</source>
        <translation>séance {session}</translation>
    </message>
    <message>
        <source>No gun connected.</source>
        <translation>Aucun pistolet connecté.</translation>
    </message>
</context>
<context>
    <name>DoseTable</name>
    <message>
        <source>No.</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Point</source>
        <translation>Point</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>Technique</source>
        <translation>Technique</translation>
    </message>
    <message>
        <source>Depth (mm)</source>
        <translation>Profondeur (mm)</translation>
    </message>
    <message>
        <source>Commanded (µl)</source>
        <translation>Commandé (µl)</translation>
    </message>
    <message>
        <source>Delivered (µl)</source>
        <translation>Injecté (µl)</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Override reason</source>
        <translation>Motif du dépassement</translation>
    </message>
</context>
<context>
    <name>EmergencyStopButton</name>
    <message>
        <source>STOP</source>
        <translation>STOP</translation>
    </message>
    <message>
        <source>Stop the gun now: halts the motor and retracts the needle (Esc, F12)</source>
        <translation>Arrêter le pistolet immédiatement&#xa0;: stoppe le moteur et rétracte l’aiguille (Échap, F12)</translation>
    </message>
    <message>
        <source>Emergency stop</source>
        <translation>Arrêt d’urgence</translation>
    </message>
</context>
<context>
    <name>ExpiryField</name>
    <message>
        <source>Pick the date in a calendar</source>
        <translation>Choisir la date dans un calendrier</translation>
    </message>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>jj/mm/aaaa</translation>
    </message>
    <message>
        <source>mm/dd/yyyy</source>
        <translation>mm/jj/aaaa</translation>
    </message>
    <message>
        <source>dd.mm.yyyy</source>
        <translation>jj.mm.aaaa</translation>
    </message>
    <message>
        <source>yyyy-mm-dd</source>
        <translation>aaaa-mm-jj</translation>
    </message>
</context>
<context>
    <name>FlowTestTab</name>
    <message>
        <source>1. Setup</source>
        <translation>1. Préparation</translation>
    </message>
    <message>
        <source>2. Infusion and samples</source>
        <translation>2. Perfusion et relevés</translation>
    </message>
    <message>
        <source>3. Result</source>
        <translation>3. Résultat</translation>
    </message>
    <message>
        <source>The gun infuses continuously into a covered vessel on the balance (oil layer or evaporation trap); the balance is read every 30 s. The flow error over the analysis period must stay within ±5 %. Nothing is written to the gun.</source>
        <translation>Le pistolet perfuse en continu dans un récipient couvert posé sur la balance (couche d’huile ou piège à évaporation)&#xa0;; la balance est lue toutes les 30&#xa0;s. L’erreur de débit sur la période d’analyse doit rester dans ±5&#xa0;%. Rien n’est écrit dans le pistolet.</translation>
    </message>
    <message>
        <source>Setup</source>
        <translation>Préparation</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Votre nom</translation>
    </message>
    <message>
        <source>Syringe model, e.g. BD Plastipak</source>
        <translation>Modèle de seringue, p. ex. BD Plastipak</translation>
    </message>
    <message>
        <source>I have just loaded a full syringe: declare it to the gun</source>
        <translation>Je viens de charger une seringue pleine&#xa0;: la déclarer au pistolet</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>Technicien</translation>
    </message>
    <message>
        <source>Syringe</source>
        <translation>Seringue</translation>
    </message>
    <message>
        <source>Syringe capacity</source>
        <translation>Contenance de la seringue</translation>
    </message>
    <message>
        <source>Set flow</source>
        <translation>Débit réglé</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Analysis from</source>
        <translation>Analyse à partir de</translation>
    </message>
    <message>
        <source>Water temperature</source>
        <translation>Température de l’eau</translation>
    </message>
    <message>
        <source>Balance port</source>
        <translation>Port de la balance</translation>
    </message>
    <message>
        <source>Balance model</source>
        <translation>Modèle de balance</translation>
    </message>
    <message>
        <source>Balance resolution (mg)</source>
        <translation>Résolution de la balance (mg)</translation>
    </message>
    <message>
        <source>Last verification of the balance</source>
        <translation>Dernière vérification de la balance</translation>
    </message>
    <message>
        <source>Time scale (simulation)</source>
        <translation>Accélération (simulation)</translation>
    </message>
    <message>
        <source>Start the flow test</source>
        <translation>Lancer le contrôle du débit</translation>
    </message>
    <message>
        <source>%v of %m samples</source>
        <translation>%v relevés sur %m</translation>
    </message>
    <message>
        <source>Flow error of each 30 s interval</source>
        <translation>Erreur de débit de chaque intervalle de 30&#xa0;s</translation>
    </message>
    <message>
        <source>Flow error (%)</source>
        <translation>Erreur de débit (%)</translation>
    </message>
    <message>
        <source>Time (min)</source>
        <translation>Temps (min)</translation>
    </message>
    <message>
        <source>Trumpet curve (analysis period)</source>
        <translation>Courbe en trompette (période d’analyse)</translation>
    </message>
    <message>
        <source>Mean flow error (%)</source>
        <translation>Erreur de débit moyenne (%)</translation>
    </message>
    <message>
        <source>Observation window (min)</source>
        <translation>Fenêtre d’observation (min)</translation>
    </message>
    <message>
        <source>Largest mean error</source>
        <translation>Écart moyen maximal</translation>
    </message>
    <message>
        <source>Smallest mean error</source>
        <translation>Erreur moyenne la plus petite</translation>
    </message>
    <message>
        <source>Stop the test</source>
        <translation>Arrêter le contrôle</translation>
    </message>
    <message>
        <source>New flow test</source>
        <translation>Nouveau contrôle du débit</translation>
    </message>
    <message>
        <source>Save the test report (PDF)…</source>
        <translation>Enregistrer le rapport de contrôle (PDF)…</translation>
    </message>
    <message>
        <source>Connect a gun first.</source>
        <translation>Connectez d’abord un pistolet.</translation>
    </message>
    <message>
        <source>A flow test needs a balance connected to the computer: give its port.</source>
        <translation>Le contrôle du débit nécessite une balance reliée à l’ordinateur&#xa0;: indiquez son port.</translation>
    </message>
    <message>
        <source>Flow test stopped: the gun is stopped and nothing was recorded.</source>
        <translation>Contrôle arrêté&#xa0;: le pistolet est arrêté et rien n’a été enregistré.</translation>
    </message>
    <message>
        <source>Infusing…</source>
        <translation>Perfusion en cours…</translation>
    </message>
    <message>
        <source>The simulated gun and its balance run this many times faster, on one clock</source>
        <translation>Le pistolet simulé et sa balance tournent autant de fois plus vite, sur une seule horloge</translation>
    </message>
    <message>
        <source>Only for the simulated gun: a real gun and balance run in real time</source>
        <translation>Seulement pour le pistolet simulé&#xa0;: un vrai pistolet et une vraie balance tournent en temps réel</translation>
    </message>
    <message>
        <source>{time} min: {mass} g on the balance</source>
        <translation>{time}&#xa0;min&#xa0;: {mass} g sur la balance</translation>
    </message>
    <message>
        <source>, flow error {error} % over the last interval</source>
        <translation>, erreur de débit {error}&#xa0;% sur le dernier intervalle</translation>
    </message>
    <message>
        <source>Flow test PASSED</source>
        <translation>Contrôle du débit RÉUSSI</translation>
    </message>
    <message>
        <source>Flow test FAILED</source>
        <translation>Contrôle du débit ÉCHOUÉ</translation>
    </message>
    <message>
        <source>Mean flow {flow} µl/s for {set} µl/s set: error {error} % over the analysis period.</source>
        <translation>Débit moyen {flow}&#xa0;µl/s pour {set}&#xa0;µl/s réglés&#xa0;: erreur de {error}&#xa0;% sur la période d’analyse.</translation>
    </message>
    <message>
        <source>{size} ml</source>
        <translation>{size}&#xa0;ml</translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message>
        <source>Past sessions</source>
        <translation>Séances passées</translation>
    </message>
    <message>
        <source>Patient pseudonym, or part of it</source>
        <translation>Pseudonyme du patient, ou une partie</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>to</source>
        <translation>au</translation>
    </message>
    <message>
        <source>All plans</source>
        <translation>Tous les protocoles</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Tous les statuts</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>Patient view</source>
        <translation>Dossier du patient</translation>
    </message>
    <message>
        <source>Every session of this patient: courses, scores over time, doses, adverse events</source>
        <translation>Toutes les séances de ce patient&#xa0;: cures, scores dans le temps, doses, événements indésirables</translation>
    </message>
    <message>
        <source>Check the journal&apos;s integrity</source>
        <translation>Contrôler l’intégrité du journal</translation>
    </message>
    <message>
        <source>Checks every row of the journal against its hash chain: any edit, deletion or insertion shows.</source>
        <translation>Contrôle chaque ligne du journal par sa chaîne d’empreintes&#xa0;: toute modification, suppression ou insertion apparaît.</translation>
    </message>
    <message>
        <source>Journal integrity</source>
        <translation>Intégrité du journal</translation>
    </message>
    <message>
        <source>Reading the journal…</source>
        <translation>Lecture du journal…</translation>
    </message>
    <message>
        <source>No journal yet: it is created by the first session.</source>
        <translation>Pas encore de journal&#xa0;: il est créé par la première séance.</translation>
    </message>
    <message>
        <source>The journal could not be read: {error}</source>
        <translation>Le journal n’a pas pu être lu&#xa0;: {error}</translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) shown of {total}</source>
        <translation>
            <numerusform>%n séance affichée sur {total}</numerusform>
            <numerusform>%n séances affichées sur {total}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <source>Finished</source>
        <translation>Terminé le</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Valable jusqu’au</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>Technicien</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Enregistrement</translation>
    </message>
    <message>
        <source>Volume factor (nl per step)</source>
        <translation>Facteur de volume (nl par pas)</translation>
    </message>
    <message>
        <source>Calibration date</source>
        <translation>Date de l’étalonnage</translation>
    </message>
    <message>
        <source>Volume factor written by each passed calibration</source>
        <translation>Facteur de volume écrit par chaque étalonnage réussi</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Open the certificate…</source>
        <translation>Ouvrir le certificat…</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>réussi</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>échoué</translation>
    </message>
    <message>
        <source>No gun connected.</source>
        <translation>Aucun pistolet connecté.</translation>
    </message>
    <message>
        <source>The journal holds no calibration of this gun yet.</source>
        <translation>Le journal ne contient encore aucun étalonnage de ce pistolet.</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) for gun {serial}.</source>
        <translation>
            <numerusform>%n enregistrement pour le pistolet {serial}.</numerusform>
            <numerusform>%n enregistrements pour le pistolet {serial}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JournalVerdict</name>
    <message>
        <source>session openings</source>
        <translation>ouvertures de séance</translation>
    </message>
    <message>
        <source>session closings</source>
        <translation>clôtures de séance</translation>
    </message>
    <message>
        <source>screenings</source>
        <translation>recherches de contre-indications</translation>
    </message>
    <message>
        <source>syringe changes</source>
        <translation>changements de seringue</translation>
    </message>
    <message>
        <source>point settings</source>
        <translation>réglages des points</translation>
    </message>
    <message>
        <source>overrides</source>
        <translation>dépassements</translation>
    </message>
    <message>
        <source>gun events</source>
        <translation>évènements du pistolet</translation>
    </message>
    <message>
        <source>doses</source>
        <translation>doses</translation>
    </message>
    <message>
        <source>alarms</source>
        <translation>alarmes</translation>
    </message>
    <message>
        <source>skipped points</source>
        <translation>points sautés</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>notes</translation>
    </message>
    <message>
        <source>adverse events</source>
        <translation>événements indésirables</translation>
    </message>
    <message>
        <source>corrections</source>
        <translation>corrections</translation>
    </message>
    <message>
        <source>calibration warnings</source>
        <translation>avertissements d’étalonnage</translation>
    </message>
    <message>
        <source>chain head</source>
        <translation>tête de chaîne</translation>
    </message>
    <message>
        <source>a row was edited or moved</source>
        <translation>une ligne a été modifiée ou déplacée</translation>
    </message>
    <message>
        <source>a row was deleted</source>
        <translation>une ligne a été supprimée</translation>
    </message>
    <message>
        <source>a row was inserted</source>
        <translation>une ligne a été insérée</translation>
    </message>
    <message>
        <source>a row was inserted, replaced or moved</source>
        <translation>une ligne a été insérée, remplacée ou déplacée</translation>
    </message>
    <message>
        <source>rows were deleted from the end</source>
        <translation>des lignes ont été supprimées à la fin</translation>
    </message>
    <message>
        <source>rows were added or replaced outside the journal</source>
        <translation>des lignes ont été ajoutées ou remplacées hors du journal</translation>
    </message>
    <message>
        <source>Checking the journal…</source>
        <translation>Contrôle du journal…</translation>
    </message>
    <message numerus="yes">
        <source>Journal intact: %n row(s) checked, none altered (head: row {head}).</source>
        <translation>
            <numerusform>Journal intact&#xa0;: %n ligne contrôlée, aucune altérée (tête&#xa0;: ligne {head}).</numerusform>
            <numerusform>Journal intact&#xa0;: %n lignes contrôlées, aucune altérée (tête&#xa0;: ligne {head}).</numerusform>
        </translation>
    </message>
    <message>
        <source>Journal ALTERED: the chain breaks at row {row} of the table “{table}”: {what}.</source>
        <translation>Journal ALTÉRÉ&#xa0;: la chaîne est rompue à la ligne {row} de la table « {table} »&#xa0;: {what}.</translation>
    </message>
    <message numerus="yes">
        <source>%n earlier row(s) intact.</source>
        <translation>
            <numerusform>%n ligne précédente intacte.</numerusform>
            <numerusform>Les %n lignes précédentes sont intactes.</numerusform>
        </translation>
    </message>
    <message>
        <source>Journal EMPTY: the file holds no journal (0 bytes); nothing could be checked.</source>
        <translation>Journal VIDE&#xa0;: le fichier ne contient aucun journal (0 octet)&#xa0;; rien n’a pu être vérifié.</translation>
    </message>
    <message>
        <source>Journal DAMAGED: part of the file cannot be read.</source>
        <translation>Journal ENDOMMAGÉ&#xa0;: une partie du fichier est illisible.</translation>
    </message>
    <message>
        <source>Rows read before the damage: {tables}.</source>
        <translation>Lignes lues avant la zone endommagée&#xa0;: {tables}.</translation>
    </message>
    <message>
        <source>SQLite reports: {problem}</source>
        <translation>Message de SQLite&#xa0;: {problem}</translation>
    </message>
    <message>
        <source>No journal yet: it is created by the first session.</source>
        <translation>Pas encore de journal&#xa0;: il est créé par la première séance.</translation>
    </message>
    <message>
        <source>The journal could not be checked: {error}</source>
        <translation>Le journal n’a pas pu être contrôlé&#xa0;: {error}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>mesogun — mesotherapy injector</source>
        <extracomment>What waits for the first paint is done by then even if the window is never painted (ms after show). A journal that cannot take the gun&apos;s events is said for longer (the gun retries until it can). Emitted once, after the first paint, when the plan list is filled and the port scan is asked for. An event of the gun (a dose) could not be written to the journal (from the link&apos;s thread).</extracomment>
        <translation>mesogun — injecteur de mésothérapie</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Réglages…</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Barre d’outils principale</translation>
    </message>
    <message>
        <source>Mesotherapy injector</source>
        <translation>Injecteur de mésothérapie</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Séance</translation>
    </message>
    <message>
        <source>Prepare and run a session</source>
        <translation>Préparer et conduire une séance</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Sessions in the journal</source>
        <translation>Les séances du journal</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>Technicien</translation>
    </message>
    <message>
        <source>Diagnostics and calibration</source>
        <translation>Diagnostic et étalonnage</translation>
    </message>
    <message>
        <source>Bench test</source>
        <translation>Banc d’essai</translation>
    </message>
    <message>
        <source>Try the gun outside a session</source>
        <translation>Essayer le pistolet hors séance</translation>
    </message>
    <message>
        <source>{what} — shortcut {key}</source>
        <translation>{what} — raccourci {key}</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>STOP sent to the gun</source>
        <translation>STOP envoyé au pistolet</translation>
    </message>
    <message>
        <source>STOP: no gun connected</source>
        <translation>STOP&#xa0;: aucun pistolet connecté</translation>
    </message>
    <message>
        <source>Close mesogun?</source>
        <translation>Fermer mesogun&#x202f;?</translation>
    </message>
    <message>
        <source>A gun is connected. Closing disconnects it; an armed gun disarms itself.</source>
        <translation>Un pistolet est connecté. Fermer le déconnecte&#x202f;; un pistolet armé se désarme de lui-même.</translation>
    </message>
    <message>
        <source>Not during a session: end or leave the session first</source>
        <translation>Pas pendant une séance&#xa0;: terminez ou quittez d’abord la séance</translation>
    </message>
    <message>
        <source>Connected to {serial}</source>
        <translation>Connecté à {serial}</translation>
    </message>
    <message>
        <source>Not written to the journal: {error} (the gun keeps its last events and sends them again)</source>
        <translation>Non écrit dans le journal&#xa0;: {error} (le pistolet garde ses derniers événements et les renverra)</translation>
    </message>
</context>
<context>
    <name>OpenSessionsBox</name>
    <message>
        <source>Sessions left open</source>
        <translation>Séances restées ouvertes</translation>
    </message>
    <message>
        <source>These sessions were not ended (the application closed, or the link was lost). Resuming takes up at the first point the journal does not show as done; nothing is fired again to catch up.</source>
        <translation>Ces séances n’ont pas été terminées (l’application&#xa0;s’est fermée, ou la liaison a été perdue). La reprise repart du premier point que le journal ne montre pas comme fait&#xa0;; rien n’est réinjecté pour rattraper.</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>Pseudonym</source>
        <translation>Pseudonyme</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Protocole</translation>
    </message>
    <message>
        <source>Resumes at</source>
        <translation>Reprise à</translation>
    </message>
    <message>
        <source>Resume the selected session</source>
        <translation>Reprendre la séance sélectionnée</translation>
    </message>
    <message>
        <source>{name} version {version}</source>
        <translation>{name} version {version}</translation>
    </message>
    <message>
        <source>plan file needed: open it above</source>
        <translation>fichier du protocole nécessaire&#xa0;: ouvrez-le plus haut</translation>
    </message>
    <message>
        <source>every point done: resuming ends it</source>
        <translation>tous les points sont faits&#xa0;: la reprise la termine</translation>
    </message>
    <message>
        <source>point {number}/{count}: {point}</source>
        <translation>point {number}/{count}&#xa0;: {point}</translation>
    </message>
    <message>
        <source>Connect the gun first</source>
        <translation>Connectez d’abord le pistolet</translation>
    </message>
    <message>
        <source>Resume where the journal says</source>
        <translation>Reprendre là où le journal l’indique</translation>
    </message>
</context>
<context>
    <name>OutcomeScoresForm</name>
    <message>
        <source>Record the scores</source>
        <translation>Enregistrer les scores</translation>
    </message>
    <message>
        <source>{time} — {scale}: {value} ({who})</source>
        <translation>{time} — {scale}&#xa0;: {value} ({who})</translation>
    </message>
    <message>
        <source>No score recorded.</source>
        <translation>Aucun score enregistré.</translation>
    </message>
    <message>
        <source>Enter at least one score first.</source>
        <translation>Saisissez d’abord au moins un score.</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <source>Outside the usual range</source>
        <translation>Hors de la plage habituelle</translation>
    </message>
    <message>
        <source>&lt;b&gt;{point}&lt;/b&gt; is set outside the usual range:&lt;ul&gt;{lines}&lt;/ul&gt;To deliver it as planned, give the reason; it is recorded with each dose of this point.</source>
        <translation>&lt;b&gt;{point}&lt;/b&gt; est réglé hors de la plage habituelle&#xa0;:&lt;ul&gt;{lines}&lt;/ul&gt;Pour l’injecter comme prévu, indiquez la raison&#xa0;; elle est enregistrée avec chaque dose de ce point.</translation>
    </message>
    <message>
        <source>Deliver with this reason</source>
        <translation>Injecter avec cette raison</translation>
    </message>
    <message>
        <source>Skip this point</source>
        <translation>Sauter ce point</translation>
    </message>
</context>
<context>
    <name>PartialPointDialog</name>
    <message>
        <source>&lt;b&gt;{point}&lt;/b&gt; received {delivered} of {target} µl: a shot was cut short. {remainder} µl are left. Your choice is recorded in the journal.</source>
        <translation>&lt;b&gt;{point}&lt;/b&gt; a reçu {delivered}&#xa0;µl sur {target}&#xa0;µl&#xa0;: une injection a été coupée. Il reste {remainder}&#xa0;µl. Votre choix est enregistré dans le journal.</translation>
    </message>
    <message>
        <source>What is left is less than the smallest shot the gun can deliver: it cannot be completed.</source>
        <translation>Le reste est inférieur à la plus petite injection que le pistolet peut injecter&#xa0;: il ne peut pas être complété.</translation>
    </message>
    <message>
        <source>A shot was cut short</source>
        <translation>Une injection a été coupée</translation>
    </message>
    <message>
        <source>Skip the point</source>
        <translation>Sauter le point</translation>
    </message>
    <message>
        <source>Painful point</source>
        <translation>Point douloureux</translation>
    </message>
    <message>
        <source>Patient moved</source>
        <translation>Le patient a bougé</translation>
    </message>
    <message>
        <source>Patient&apos;s request</source>
        <translation>Demande du patient</translation>
    </message>
    <message>
        <source>Reason to skip, in words</source>
        <translation>Raison de sauter le point, en toutes lettres</translation>
    </message>
    <message>
        <source>End the point as it is</source>
        <translation>Terminer le point tel quel</translation>
    </message>
    <message numerus="yes">
        <source>Complete: {volume} µl, then %n whole shot(s)</source>
        <translation>
            <numerusform>Compléter&#xa0;: {volume}&#xa0;µl, puis %n injection entière</numerusform>
            <numerusform>Compléter&#xa0;: {volume}&#xa0;µl, puis %n injections entières</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Complete with %n whole shot(s)</source>
        <translation>
            <numerusform>Compléter avec %n injection entière</numerusform>
            <numerusform>Compléter avec %n injections entières</numerusform>
        </translation>
    </message>
    <message>
        <source>Complete with {volume} µl</source>
        <translation>Compléter avec {volume}&#xa0;µl</translation>
    </message>
</context>
<context>
    <name>PatientPage</name>
    <message>
        <source>Patient</source>
        <extracomment>Tables may shrink to a few rows so that the page fits a small screen (the splitter gives more).</extracomment>
        <translation>Patient</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>Cure</translation>
    </message>
    <message>
        <source>Days since previous</source>
        <translation>Jours depuis la précédente</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Protocole</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Doses</source>
        <translation>Doses</translation>
    </message>
    <message>
        <source>Delivered (µl)</source>
        <translation>Injecté (µl)</translation>
    </message>
    <message>
        <source>Pain before</source>
        <translation>Douleur avant</translation>
    </message>
    <message>
        <source>Pain after</source>
        <translation>Douleur après</translation>
    </message>
    <message>
        <source>HAM-A</source>
        <translation>HAM-A</translation>
    </message>
    <message>
        <source>Open the session</source>
        <translation>Ouvrir la séance</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <source>Outcome scores</source>
        <translation>Scores d’évolution</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Séances</translation>
    </message>
    <message>
        <source>Doses over time</source>
        <translation>Doses dans le temps</translation>
    </message>
    <message>
        <source>Per substance (mg)</source>
        <translation>Par substance (mg)</translation>
    </message>
    <message>
        <source>Per product (µl)</source>
        <translation>Par produit (µl)</translation>
    </message>
    <message>
        <source>Adverse events</source>
        <translation>Événements indésirables</translation>
    </message>
    <message>
        <source>Patient {pseudonym}</source>
        <translation>Patient {pseudonym}</translation>
    </message>
    <message>
        <source>Reading the patient&apos;s sessions from the journal…</source>
        <translation>Lecture des séances du patient dans le journal…</translation>
    </message>
    <message>
        <source>The patient&apos;s sessions could not be read: {error}</source>
        <translation>Les séances du patient n’ont pas pu être lues&#xa0;: {error}</translation>
    </message>
    <message>
        <source>No session of this patient in the journal.</source>
        <translation>Aucune séance de ce patient dans le journal.</translation>
    </message>
    <message>
        <source>{sessions} in {courses}; {events}</source>
        <translation>{sessions} en {courses}&#xa0;; {events}</translation>
    </message>
    <message numerus="yes">
        <source>%n session(s)</source>
        <translation>
            <numerusform>%n séance</numerusform>
            <numerusform>%n séances</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n course(s)</source>
        <translation>
            <numerusform>%n cure</numerusform>
            <numerusform>%n cures</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n adverse event(s)</source>
        <translation>
            <numerusform>%n événement indésirable</numerusform>
            <numerusform>%n événements indésirables</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Course {number} — {plan}: %n session(s) from {first} to {last}</source>
        <translation>
            <numerusform>Cure {number} — {plan}&#xa0;: %n séance du {first} au {last}</numerusform>
            <numerusform>Cure {number} — {plan}&#xa0;: %n séances du {first} au {last}</numerusform>
        </translation>
    </message>
    <message>
        <source>{line}; next session due around {date}</source>
        <translation>{line}&#xa0;; prochaine séance prévue vers le {date}</translation>
    </message>
    <message>
        <source>initial phase</source>
        <translation>phase initiale</translation>
    </message>
    <message>
        <source>maintenance</source>
        <translation>entretien</translation>
    </message>
    <message>
        <source>{course}, session {position} ({phase})</source>
        <translation>{course}, séance {position} ({phase})</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Séance</translation>
    </message>
    <message>
        <source>{time}: {description} ({severity}); action: {action}; by {who}</source>
        <translation>{time}&#xa0;: {description} ({severity})&#xa0;; action&#xa0;: {action}&#xa0;; par {who}</translation>
    </message>
    <message>
        <source>No adverse event recorded.</source>
        <translation>Aucun événement indésirable enregistré.</translation>
    </message>
</context>
<context>
    <name>PatientSearch</name>
    <message>
        <source>Pseudonym, e.g. MST-0042 (never a name)</source>
        <translation>Pseudonyme, p. ex. MST-0042 (jamais un nom)</translation>
    </message>
    <message>
        <source>The journal stores a pseudonym only: never the patient&apos;s name or birth date</source>
        <translation>Le journal n’enregistre qu’un pseudonyme&#xa0;: jamais le nom ni la date de naissance du patient</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <source>Earlier sessions of this pseudonym in the journal</source>
        <translation>Les séances précédentes de ce pseudonyme dans le journal</translation>
    </message>
    <message>
        <source>Pseudonym</source>
        <translation>Pseudonyme</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Protocole</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Doses</source>
        <translation>Doses</translation>
    </message>
    <message>
        <source>Enter the patient&apos;s pseudonym</source>
        <translation>Saisissez le pseudonyme du patient</translation>
    </message>
    <message>
        <source>{count} ({volume} µl)</source>
        <translation>{count} ({volume}&#xa0;µl)</translation>
    </message>
    <message numerus="yes">
        <source>%n earlier session(s) found</source>
        <translation>
            <numerusform>%n séance précédente trouvée</numerusform>
            <numerusform>%n séances précédentes trouvées</numerusform>
        </translation>
    </message>
    <message>
        <source>No earlier session in the journal for this pseudonym</source>
        <translation>Aucune séance précédente dans le journal pour ce pseudonyme</translation>
    </message>
    <message>
        <source>The journal could not be read: {error}</source>
        <translation>Le journal n’a pas pu être lu&#xa0;: {error}</translation>
    </message>
    <message>
        <source>open</source>
        <translation>ouverte</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>terminée</translation>
    </message>
    <message>
        <source>ended early</source>
        <translation>interrompue</translation>
    </message>
</context>
<context>
    <name>PlanEditorDialog</name>
    <message>
        <source>Edit a copy of the plan</source>
        <extracomment>Columns of the steps table.</extracomment>
        <translation>Modifier une copie du protocole</translation>
    </message>
    <message>
        <source>Name of your plan</source>
        <translation>Nom de votre protocole</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Content hash</source>
        <translation>Empreinte du contenu</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>Technique</source>
        <translation>Technique</translation>
    </message>
    <message>
        <source>Depth (mm)</source>
        <translation>Profondeur (mm)</translation>
    </message>
    <message>
        <source>Volume per shot (µl)</source>
        <translation>Volume par injection (µl)</translation>
    </message>
    <message>
        <source>Shots</source>
        <translation>Injections</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Contrôles</translation>
    </message>
    <message>
        <source>Add a point</source>
        <translation>Ajouter un point</translation>
    </message>
    <message>
        <source>Remove the point</source>
        <translation>Retirer le point</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Monter</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Descendre</translation>
    </message>
    <message>
        <source>Technique of a new point</source>
        <translation>Technique d’un nouveau point</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produit</translation>
    </message>
    <message>
        <source>Concentration</source>
        <translation>Concentration</translation>
    </message>
    <message>
        <source>Share (%)</source>
        <translation>Part (%)</translation>
    </message>
    <message>
        <source>Save as a plan file…</source>
        <translation>Enregistrer comme fichier de protocole…</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Produits</translation>
    </message>
    <message>
        <source>by volume</source>
        <translation>au volume</translation>
    </message>
    <message>
        <source>This plan cannot be saved as it is.</source>
        <translation>Ce protocole ne peut pas être enregistré en l’état.</translation>
    </message>
    <message>
        <source>Within every limit.</source>
        <translation>Dans toutes les limites.</translation>
    </message>
    <message numerus="yes">
        <source>Can be saved; %n setting(s) outside the usual range will ask for a reason.</source>
        <translation>
            <numerusform>Peut être enregistré&#xa0;; %n réglage hors de la plage habituelle demandera un motif.</numerusform>
            <numerusform>Peut être enregistré&#xa0;; %n réglages hors de la plage habituelle demanderont un motif.</numerusform>
        </translation>
    </message>
    <message>
        <source>Refused: correct the settings marked ✖ before saving.</source>
        <translation>Refusé&#xa0;: corrigez les réglages marqués ✖ avant d’enregistrer.</translation>
    </message>
    <message>
        <source>Not saved: {error}</source>
        <translation>Non enregistré&#xa0;: {error}</translation>
    </message>
    <message>
        <source>Save the plan</source>
        <translation>Enregistrer le protocole</translation>
    </message>
    <message>
        <source>Plan files (*.toml)</source>
        <translation>Fichiers de protocole (*.toml)</translation>
    </message>
</context>
<context>
    <name>PlanPreview</name>
    <message>
        <source>#</source>
        <extracomment>Rows shown without scrolling (a longer plan scrolls inside the table).</extracomment>
        <translation>N°</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Repère</translation>
    </message>
    <message>
        <source>Technique</source>
        <translation>Technique</translation>
    </message>
    <message>
        <source>Depth (mm)</source>
        <translation>Profondeur (mm)</translation>
    </message>
    <message>
        <source>Volume (µl)</source>
        <translation>Volume (µl)</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Objectif</translation>
    </message>
    <message>
        <source>Choose a plan to see its points.</source>
        <translation>Choisissez un protocole pour voir ses points.</translation>
    </message>
    <message>
        <source>{product}: {volume} µl</source>
        <translation>{product}&#xa0;: {volume}&#xa0;µl</translation>
    </message>
    <message>
        <source>Planned per product — {products}</source>
        <translation>Prévu par produit — {products}</translation>
    </message>
    <message>
        <source>This plan names no cocktail.</source>
        <translation>Ce protocole ne précise pas de mélange.</translation>
    </message>
    <message numerus="yes">
        <source>%n point(s), {volume} µl in all, {duration}</source>
        <translation>
            <numerusform>%n point, {volume}&#xa0;µl au total, {duration}</numerusform>
            <numerusform>%n points, {volume}&#xa0;µl au total, {duration}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PointCard</name>
    <message>
        <source>Technique</source>
        <translation>Technique</translation>
    </message>
    <message>
        <source>Depth</source>
        <extracomment>The figures read from the couch: three times the body text. Technique and shots, read at the desk.</extracomment>
        <translation>Profondeur</translation>
    </message>
    <message>
        <source>Volume per shot</source>
        <translation>Volume par injection</translation>
    </message>
    <message>
        <source>Delivered / planned</source>
        <translation>Injecté / prévu</translation>
    </message>
    <message>
        <source>Shots</source>
        <translation>Injections</translation>
    </message>
    <message>
        <source>No current point</source>
        <translation>Aucun point en cours</translation>
    </message>
    <message>
        <source>{label} · {code}</source>
        <translation>{label} · {code}</translation>
    </message>
    <message>
        <source>Point {number} of {count} — {place}</source>
        <translation>Point {number} sur {count} — {place}</translation>
    </message>
    <message>
        <source>{depth} mm</source>
        <translation>{depth}&#xa0;mm</translation>
    </message>
    <message>
        <source>{volume} µl</source>
        <translation>{volume}&#xa0;µl</translation>
    </message>
    <message>
        <source>{done} of {target}</source>
        <translation>{done} sur {target}</translation>
    </message>
    <message>
        <source>{delivered} / {planned} µl</source>
        <translation>{delivered} / {planned}&#xa0;µl</translation>
    </message>
    <message>
        <source>Target: {target}</source>
        <translation>Objectif&#xa0;: {target}</translation>
    </message>
</context>
<context>
    <name>PointList</name>
    <message>
        <source>#</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Point</source>
        <translation>Point</translation>
    </message>
    <message>
        <source>Depth</source>
        <translation>Profondeur</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Volume</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fait</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>{depth} mm</source>
        <translation>{depth}&#xa0;mm</translation>
    </message>
    <message>
        <source>{volume} µl</source>
        <translation>{volume}&#xa0;µl</translation>
    </message>
    <message>
        <source>{status} (repeated)</source>
        <translation>{status} (répété)</translation>
    </message>
</context>
<context>
    <name>ProductLotsForm</name>
    <message>
        <source>Products: lot and expiry</source>
        <translation>Produits&#xa0;: lot et péremption</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produit</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Lot</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>Péremption</translation>
    </message>
    <message>
        <source>Product name</source>
        <translation>Nom du produit</translation>
    </message>
    <message>
        <source>Concentration, e.g. 2 %</source>
        <translation>Concentration, p. ex. 2&#xa0;%</translation>
    </message>
    <message>
        <source>{product} ({share} %)</source>
        <translation>{product} ({share}&#xa0;%)</translation>
    </message>
    <message>
        <source>Use lot {lot} (expires {date})</source>
        <translation>Reprendre le lot {lot} (périme le {date})</translation>
    </message>
    <message>
        <source>The lot recorded for this product in the last session</source>
        <translation>Le lot enregistré pour ce produit lors de la dernière séance</translation>
    </message>
    <message>
        <source>Enter the product&apos;s name and concentration</source>
        <translation>Saisissez le nom et la concentration du produit</translation>
    </message>
    <message>
        <source>{product}: enter the lot number</source>
        <translation>{product}&#xa0;: saisissez le numéro de lot</translation>
    </message>
    <message>
        <source>{product}: the expiry date is not a date: type it as {pattern}</source>
        <translation>{product}&#xa0;: la date de péremption n’est pas une date&#xa0;: saisissez-la sous la forme {pattern}</translation>
    </message>
    <message>
        <source>{product}: enter the expiry date</source>
        <translation>{product}&#xa0;: saisissez la date de péremption</translation>
    </message>
    <message>
        <source>{product} is not in the product catalogue: choose its active substance</source>
        <translation>{product} n’est pas dans le catalogue des produits&#xa0;: choisissez sa substance active</translation>
    </message>
    <message>
        <source>Lot number</source>
        <translation>Numéro de lot</translation>
    </message>
    <message>
        <source>Expiry date printed on the vial</source>
        <translation>Date de péremption imprimée sur le flacon</translation>
    </message>
    <message>
        <source>Not in the product catalogue: its active substance (recorded with the session)</source>
        <translation>Absent du catalogue des produits&#xa0;: sa substance active (enregistrée avec la séance)</translation>
    </message>
    <message>
        <source>Active substance…</source>
        <translation>Substance active…</translation>
    </message>
    <message>
        <source>{product} lot {lot} expired on {date}: refused, use a vial within its date</source>
        <translation>{product}, lot {lot}, périmé depuis le {date}&#xa0;: refusé, utilisez un flacon non périmé</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Reason, in words</source>
        <translation>Raison, en clair</translation>
    </message>
</context>
<context>
    <name>RecordTexts</name>
    <message>
        <source>Pain before (0–10)</source>
        <translation>Douleur avant (0–10)</translation>
    </message>
    <message>
        <source>Pain after (0–10)</source>
        <translation>Douleur après (0–10)</translation>
    </message>
    <message>
        <source>HAM-A anxiety (0–56)</source>
        <translation>Anxiété HAM-A (0–56)</translation>
    </message>
</context>
<context>
    <name>ScoreChart</name>
    <message>
        <source>No outcome score recorded for this patient yet.</source>
        <extracomment>Which scales share a chart (same range), and the colour of each line. Small enough for the window&apos;s minimum height; the page&apos;s splitter gives the charts more room.</extracomment>
        <translation>Aucun score d’évolution enregistré pour ce patient.</translation>
    </message>
</context>
<context>
    <name>ScreeningForm</name>
    <message>
        <source>Consent and contraindications</source>
        <translation>Consentement et contre-indications</translation>
    </message>
    <message>
        <source>The patient gave informed consent</source>
        <translation>Le patient a donné son consentement éclairé</translation>
    </message>
    <message>
        <source>Answer each question. A yes to an absolute contraindication stops the session; a yes to a relative one needs your justification, recorded with the session.</source>
        <translation>Répondez à chaque question. Un oui à une contre-indication absolue arrête la séance&#xa0;; un oui à une contre-indication relative demande votre justification, enregistrée avec la séance.</translation>
    </message>
    <message>
        <source>absolute</source>
        <translation>absolue</translation>
    </message>
    <message>
        <source>relative</source>
        <translation>relative</translation>
    </message>
    <message>
        <source>Asked because of: {items}</source>
        <translation>Demandée à cause de&#xa0;: {items}</translation>
    </message>
    <message>
        <source>Justification, recorded with the session</source>
        <translation>Justification, enregistrée avec la séance</translation>
    </message>
    <message numerus="yes">
        <source>%n contraindication question(s) not answered</source>
        <translation>
            <numerusform>%n question de contre-indication sans réponse</numerusform>
            <numerusform>%n questions de contre-indication sans réponse</numerusform>
        </translation>
    </message>
    <message>
        <source>Contraindication answered yes (absolute, or relative without justification): {codes}</source>
        <translation>Contre-indication avec réponse oui (absolue, ou relative sans justification)&#xa0;: {codes}</translation>
    </message>
    <message>
        <source>Absolute contraindication: the session cannot take place.</source>
        <translation>Contre-indication absolue&#xa0;: la séance ne peut pas avoir lieu.</translation>
    </message>
    <message>
        <source>Justification recorded with the session.</source>
        <translation>Justification enregistrée avec la séance.</translation>
    </message>
    <message>
        <source>Relative contraindication: write your justification above to go on.</source>
        <translation>Contre-indication relative&#xa0;: écrivez votre justification ci-dessus pour continuer.</translation>
    </message>
    <message>
        <source>Question {number}: {question}</source>
        <translation>Question {number}&#xa0;: {question}</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>Informed consent is not recorded</source>
        <translation>Le consentement éclairé n’est pas enregistré</translation>
    </message>
</context>
<context>
    <name>SessionArea</name>
    <message>
        <source>Connect the gun first</source>
        <extracomment>open while the practitioner says why a session too soon in its course goes on</extracomment>
        <translation>Connectez d’abord le pistolet</translation>
    </message>
    <message>
        <source>The session cannot start: {reason}</source>
        <translation>La séance ne peut pas commencer&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Reading the patient&apos;s history…</source>
        <translation>Lecture de l’historique du patient…</translation>
    </message>
    <message>
        <source>The session cannot be resumed: {reason}</source>
        <translation>La séance ne peut pas être reprise&#xa0;: {reason}</translation>
    </message>
</context>
<context>
    <name>SessionControls</name>
    <message>
        <source>Start</source>
        <translation>Démarrer</translation>
    </message>
    <message>
        <source>Start delivering at the first point</source>
        <translation>Commencer les injections au premier point</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Pause between shots: the gun is disarmed</source>
        <translation>Pause entre deux injections&#xa0;: le pistolet est désarmé</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <source>Go on at the current point: the gun is armed again</source>
        <translation>Continuer au point en cours&#xa0;: le pistolet est réarmé</translation>
    </message>
    <message>
        <source>Fire</source>
        <translation>Injecter</translation>
    </message>
    <message>
        <source>Fire the current point from the computer, like a foot pedal (single shots and mésoperfusion; a nappage is given with the gun&apos;s trigger held)</source>
        <translation>Injecter le point en cours depuis l’ordinateur, comme avec une pédale (injections unitaires et mésoperfusion&#xa0;; un nappage se fait gâchette du pistolet maintenue)</translation>
    </message>
    <message>
        <source>Next point</source>
        <translation>Point suivant</translation>
    </message>
    <message>
        <source>End this point as it is and go to the next one</source>
        <translation>Clore ce point en l’état et passer au suivant</translation>
    </message>
    <message>
        <source>Skip…</source>
        <translation>Sauter…</translation>
    </message>
    <message>
        <source>Leave this point, with a reason</source>
        <translation>Laisser ce point, avec une raison</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>Répéter</translation>
    </message>
    <message>
        <source>Deliver the last completed point again</source>
        <translation>Injecter de nouveau le dernier point terminé</translation>
    </message>
    <message>
        <source>Acknowledge alarm</source>
        <translation>Acquitter l’alarme</translation>
    </message>
    <message>
        <source>Once the cause is fixed: acknowledge the alarm; the session goes on</source>
        <translation>Une fois la cause corrigée&#xa0;: acquitter l’alarme&#xa0;; la séance continue</translation>
    </message>
    <message>
        <source>Change syringe…</source>
        <translation>Changer de seringue…</translation>
    </message>
    <message>
        <source>A new syringe, with its lots (session paused)</source>
        <translation>Une nouvelle seringue, avec ses lots (séance en pause)</translation>
    </message>
    <message>
        <source>End session</source>
        <translation>Terminer la séance</translation>
    </message>
    <message>
        <source>Clean early end: the gun is disarmed, the session closed</source>
        <translation>Fin anticipée propre&#xa0;: le pistolet est désarmé, la séance close</translation>
    </message>
    <message>
        <source>Abort…</source>
        <translation>Interrompre…</translation>
    </message>
    <message>
        <source>End the session now, with a reason</source>
        <translation>Arrêter la séance maintenant, avec une raison</translation>
    </message>
    <message>
        <source>Shortcuts</source>
        <translation>Raccourcis</translation>
    </message>
    <message>
        <source>The keyboard shortcuts</source>
        <translation>Les raccourcis clavier</translation>
    </message>
    <message>
        <source>{first} or {second}</source>
        <translation>{first} ou {second}</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Espace</translation>
    </message>
    <message>
        <source>{what} — shortcut {key}</source>
        <translation>{what} — raccourci {key}</translation>
    </message>
    <message>
        <source>Fire the current point from the computer (foot pedal)</source>
        <translation>Injecter le point en cours depuis l’ordinateur (pédale)</translation>
    </message>
    <message>
        <source>Pause / resume (start when ready)</source>
        <translation>Pause / reprise (démarrage quand tout est prêt)</translation>
    </message>
    <message>
        <source>Skip the point (asks a reason)</source>
        <translation>Sauter le point (une raison est demandée)</translation>
    </message>
    <message>
        <source>Repeat the last completed point</source>
        <translation>Répéter le dernier point terminé</translation>
    </message>
    <message>
        <source>Acknowledge the alarm</source>
        <translation>Acquitter l’alarme</translation>
    </message>
    <message>
        <source>Change the syringe</source>
        <translation>Changer de seringue</translation>
    </message>
    <message>
        <source>End the session (clean end)</source>
        <translation>Terminer la séance (fin propre)</translation>
    </message>
    <message>
        <source>Abort the session (asks a reason)</source>
        <translation>Interrompre la séance (une raison est demandée)</translation>
    </message>
    <message>
        <source>Emergency STOP of the gun, from anywhere</source>
        <translation>ARRÊT d’urgence du pistolet, depuis n’importe quel écran</translation>
    </message>
    <message>
        <source>These shortcuts</source>
        <translation>Ces raccourcis</translation>
    </message>
</context>
<context>
    <name>SessionExit</name>
    <message>
        <source>A session is in progress</source>
        <translation>Une séance est en cours</translation>
    </message>
    <message>
        <source>Close mesogun during the session? Pausing disarms the gun between shots and leaves the session open in the journal: it can be resumed at the next start. Ending it closes it with what was delivered.</source>
        <translation>Fermer mesogun pendant la séance&#xa0;? La mise en pause désarme le pistolet entre deux injections et laisse la séance ouverte dans le journal&#xa0;: elle pourra être reprise au prochain démarrage. La terminer la clôt avec ce qui a été injecté.</translation>
    </message>
    <message>
        <source>Pause and close</source>
        <translation>Mettre en pause et fermer</translation>
    </message>
    <message>
        <source>End the session and close</source>
        <translation>Terminer la séance et fermer</translation>
    </message>
    <message>
        <source>Disconnect the gun during the session? The session is paused and left open in the journal: it can be resumed once the gun is connected again.</source>
        <translation>Déconnecter le pistolet pendant la séance&#xa0;? La séance est mise en pause et reste ouverte dans le journal&#xa0;: elle pourra être reprise une fois le pistolet reconnecté.</translation>
    </message>
</context>
<context>
    <name>SessionExportButtons</name>
    <message>
        <source>PDF report…</source>
        <translation>Compte rendu PDF…</translation>
    </message>
    <message>
        <source>After-care sheet…</source>
        <translation>Conseils au patient…</translation>
    </message>
    <message>
        <source>The advice for the patient after the session, to print and hand out (also in the report)</source>
        <translation>Les conseils au patient après la séance, à imprimer et à lui remettre (aussi dans le compte rendu)</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <source>Spreadsheet CSV…</source>
        <translation>CSV tableur…</translation>
    </message>
    <message>
        <source>For a French spreadsheet: &apos;;&apos; between cells, decimal comma, one row per product and lot</source>
        <translation>Pour un tableur en français&#xa0;: «&#xa0;;&#xa0;» entre les cellules, virgule décimale, une ligne par produit et par lot</translation>
    </message>
    <message>
        <source>JSON…</source>
        <translation>JSON…</translation>
    </message>
    <message>
        <source>FHIR…</source>
        <translation>FHIR…</translation>
    </message>
    <message>
        <source>One row per dose, for a spreadsheet</source>
        <translation>Une ligne par dose, pour un tableur</translation>
    </message>
    <message>
        <source>The session record and its doses</source>
        <translation>La fiche de la séance et ses doses</translation>
    </message>
    <message>
        <source>FHIR R4 bundle for a health record system</source>
        <translation>Lot FHIR R4 pour un dossier patient informatisé</translation>
    </message>
    <message>
        <source>Save the session report</source>
        <translation>Enregistrer le compte rendu de séance</translation>
    </message>
    <message>
        <source>Save the after-care sheet</source>
        <translation>Enregistrer les conseils au patient</translation>
    </message>
    <message>
        <source>Export the doses as CSV</source>
        <translation>Exporter les doses en CSV</translation>
    </message>
    <message>
        <source>Export the doses for a spreadsheet</source>
        <translation>Exporter les doses pour un tableur</translation>
    </message>
    <message>
        <source>Export the session as JSON</source>
        <translation>Exporter la séance en JSON</translation>
    </message>
    <message>
        <source>Export the session as FHIR R4</source>
        <translation>Exporter la séance en FHIR R4</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documents PDF (*.pdf)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>Fichiers JSON (*.json)</translation>
    </message>
    <message>
        <source>FHIR JSON files (*.json)</source>
        <translation>Fichiers FHIR JSON (*.json)</translation>
    </message>
    <message>
        <source>Writing {file}…</source>
        <translation>Écriture de {file}…</translation>
    </message>
    <message>
        <source>Written: {path}</source>
        <translation>Enregistré&#xa0;: {path}</translation>
    </message>
    <message>
        <source>Could not write {path}: {error}</source>
        <translation>Impossible d’écrire {path}&#xa0;: {error}</translation>
    </message>
</context>
<context>
    <name>SessionNotes</name>
    <message>
        <source>Your name, recorded with the addition</source>
        <translation>Votre nom, enregistré avec l’ajout</translation>
    </message>
    <message>
        <source>Note on the session: tolerance, advice given…</source>
        <translation>Note sur la séance&#xa0;: tolérance, conseils donnés…</translation>
    </message>
    <message>
        <source>Add the note</source>
        <translation>Ajouter la note</translation>
    </message>
    <message>
        <source>What was observed: hematoma, malaise…</source>
        <translation>Ce qui a été constaté&#xa0;: hématome, malaise…</translation>
    </message>
    <message>
        <source>Severity not stated</source>
        <translation>Gravité non précisée</translation>
    </message>
    <message>
        <source>Action taken</source>
        <translation>Conduite tenue</translation>
    </message>
    <message>
        <source>Record the adverse event</source>
        <translation>Enregistrer l’événement indésirable</translation>
    </message>
    <message>
        <source>Additions are dated and signed in the journal; nothing recorded before changes.</source>
        <translation>Les ajouts sont datés et signés dans le journal&#xa0;; rien de ce qui a été enregistré avant ne change.</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Signé par</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Adverse event</source>
        <translation>Événement indésirable</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <source>{time} — {author}: {text}</source>
        <translation>{time} — {author}&#xa0;: {text}</translation>
    </message>
    <message>
        <source>Adverse event, {time}: {description} ({severity}); action: {action}; by {who}</source>
        <translation>Événement indésirable, {time}&#xa0;: {description} ({severity})&#xa0;; conduite&#xa0;: {action}&#xa0;; signalé par {who}</translation>
    </message>
    <message>
        <source>No note and no adverse event recorded.</source>
        <translation>Aucune note ni aucun événement indésirable enregistré.</translation>
    </message>
    <message>
        <source>Give your name: it is recorded with the addition.</source>
        <translation>Indiquez votre nom&#xa0;: il est enregistré avec l’ajout.</translation>
    </message>
    <message>
        <source>Write the note first.</source>
        <translation>Écrivez d’abord la note.</translation>
    </message>
    <message>
        <source>Describe the adverse event first.</source>
        <translation>Décrivez d’abord l’événement indésirable.</translation>
    </message>
</context>
<context>
    <name>SessionRunPage</name>
    <message>
        <source>New session</source>
        <extracomment>The points, plots and body map never get less than this height (px): a low screen scrolls instead. Modes a press of Space (or the Fire button) may deliver: one shot, or one infusion.</extracomment>
        <translation>Nouvelle séance</translation>
    </message>
    <message>
        <source>Points of the plan</source>
        <translation>Points du protocole</translation>
    </message>
    <message>
        <source>Delivered and planned volume per point</source>
        <translation>Volume injecté et prévu par point</translation>
    </message>
    <message>
        <source>Body map</source>
        <translation>Carte du corps</translation>
    </message>
    <message>
        <source>Live telemetry</source>
        <translation>Télémesure en direct</translation>
    </message>
    <message>
        <source>Needle depth, plunger and pressure as the gun reports them (Ctrl+T)</source>
        <translation>Profondeur de l’aiguille, piston et pression tels que le pistolet les transmet (Ctrl+T)</translation>
    </message>
    <message>
        <source>Skip the point</source>
        <translation>Sauter le point</translation>
    </message>
    <message>
        <source>Why is this point skipped? The reason is recorded in the journal.</source>
        <translation>Pourquoi ce point est-il sauté&#xa0;? La raison est enregistrée dans le journal.</translation>
    </message>
    <message>
        <source>Painful point</source>
        <translation>Point douloureux</translation>
    </message>
    <message>
        <source>Skin lesion at the site</source>
        <translation>Lésion cutanée au site</translation>
    </message>
    <message>
        <source>Patient moved</source>
        <translation>Le patient a bougé</translation>
    </message>
    <message>
        <source>Patient&apos;s request</source>
        <translation>À la demande du patient</translation>
    </message>
    <message>
        <source>Abort the session</source>
        <translation>Interrompre la séance</translation>
    </message>
    <message>
        <source>Why does the session end here? The gun is disarmed at once and the reason recorded.</source>
        <translation>Pourquoi la séance&#xa0;s’arrête-t-elle ici&#xa0;? Le pistolet est désarmé aussitôt et la raison enregistrée.</translation>
    </message>
    <message>
        <source>Patient unwell</source>
        <translation>Malaise du patient</translation>
    </message>
    <message>
        <source>Adverse reaction</source>
        <translation>Effet indésirable</translation>
    </message>
    <message>
        <source>Gun fault</source>
        <translation>Panne du pistolet</translation>
    </message>
    <message>
        <source>Leave the point partial</source>
        <translation>Laisser le point partiel</translation>
    </message>
    <message>
        <source>&lt;b&gt;{point}&lt;/b&gt; has {delivered} of {planned} µl. Leave it partial and go to the next point? The reason is recorded in the journal.</source>
        <translation>&lt;b&gt;{point}&lt;/b&gt; a reçu {delivered}&#xa0;µl sur {planned}. Le laisser partiel et passer au point suivant&#xa0;? Le motif est enregistré dans le journal.</translation>
    </message>
    <message>
        <source>Leave it partial</source>
        <translation>Le laisser partiel</translation>
    </message>
    <message>
        <source>Bleeding at the site</source>
        <translation>Saignement au point</translation>
    </message>
    <message>
        <source>End the session early</source>
        <translation>Terminer la séance avant la fin</translation>
    </message>
    <message numerus="yes">
        <source>%n point(s) of {total} not done. End the session now? What was delivered is recorded, with the reason.</source>
        <translation>
            <numerusform>%n point sur {total} n’est pas fait. Terminer la séance maintenant&#xa0;? Ce qui a été injecté est enregistré, avec le motif.</numerusform>
            <numerusform>%n points sur {total} ne sont pas faits. Terminer la séance maintenant&#xa0;? Ce qui a été injecté est enregistré, avec le motif.</numerusform>
        </translation>
    </message>
    <message>
        <source>End the session</source>
        <translation>Terminer la séance</translation>
    </message>
    <message>
        <source>Product used up</source>
        <translation>Produit épuisé</translation>
    </message>
    <message>
        <source>Point refused: {violations}. Skip it, or end the session.</source>
        <translation>Point refusé&#xa0;: {violations}. Sautez-le ou terminez la séance.</translation>
    </message>
    <message>
        <source>Session completed: every point is done or skipped.</source>
        <translation>Séance terminée&#xa0;: tous les points sont faits ou sautés.</translation>
    </message>
    <message>
        <source>Session ended early: what was delivered is recorded.</source>
        <translation>Séance terminée avant la fin&#xa0;: ce qui a été injecté est enregistré.</translation>
    </message>
    <message>
        <source>Session aborted: the reason is recorded.</source>
        <translation>Séance interrompue&#xa0;: la raison est enregistrée.</translation>
    </message>
    <message>
        <source>Alarm: fix the cause, then acknowledge it (A or the banner).</source>
        <translation>Alarme&#xa0;: corrigez la cause, puis acquittez-la (A ou le bandeau).</translation>
    </message>
    <message>
        <source>Outside the usual range: confirm with a reason, or skip the point.</source>
        <translation>Hors de la plage habituelle&#xa0;: confirmez avec une raison, ou sautez le point.</translation>
    </message>
    <message>
        <source>A shot was cut short: complete the point with what is left, end it as it is, or skip it.</source>
        <translation>Une injection a été coupée&#xa0;: complétez le point avec le reste, terminez-le tel quel ou sautez-le.</translation>
    </message>
    <message>
        <source>This point cannot be delivered as set.</source>
        <translation>Ce point ne peut pas être injecté avec ces réglages.</translation>
    </message>
    <message>
        <source>Link lost: paused; the session goes on by itself once the gun answers.</source>
        <translation>Liaison perdue&#xa0;: en pause&#xa0;; la séance reprend d’elle-même dès que le pistolet répond.</translation>
    </message>
    <message>
        <source>Paused: the gun is disarmed. Resume (P) to go on.</source>
        <translation>En pause&#xa0;: le pistolet est désarmé. Reprendre (P) pour continuer.</translation>
    </message>
    <message>
        <source>Ready: press Start (P).</source>
        <translation>Prêt&#xa0;: appuyez sur Démarrer (P).</translation>
    </message>
    <message>
        <source>Delivering…</source>
        <translation>Injection en cours…</translation>
    </message>
    <message>
        <source>Armed: hold the gun&apos;s trigger over the zone.</source>
        <translation>Armé&#xa0;: maintenez la gâchette du pistolet sur la zone.</translation>
    </message>
    <message>
        <source>Armed: press the gun&apos;s trigger (or Space).</source>
        <translation>Armé&#xa0;: appuyez sur la gâchette du pistolet (ou Espace).</translation>
    </message>
    <message>
        <source>Preparing the gun for this point…</source>
        <translation>Préparation du pistolet pour ce point…</translation>
    </message>
    <message>
        <source>Opening the session…</source>
        <translation>Ouverture de la séance…</translation>
    </message>
    <message>
        <source>outside the usual range: not delivered</source>
        <translation>hors de la plage habituelle&#xa0;: non injecté</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Séance</translation>
    </message>
    <message>
        <source>Plan: {title} (version {version})</source>
        <translation>Protocole&#xa0;: {title} (version {version})</translation>
    </message>
    <message>
        <source>Session — patient {pseudonym}</source>
        <translation>Séance — patient {pseudonym}</translation>
    </message>
    <message>
        <source>Link lost — reconnecting… The session is paused and goes on by itself once the gun answers.</source>
        <translation>Liaison perdue — reconnexion… La séance est en pause et reprend d’elle-même dès que le pistolet répond.</translation>
    </message>
    <message>
        <source>The gun does not answer: check its cable. The session stays paused and resumable.</source>
        <translation>Le pistolet ne répond pas&#xa0;: vérifiez son câble. La séance reste en pause et pourra être reprise.</translation>
    </message>
    <message>
        <source>Not done: {error}</source>
        <translation>Non effectué&#xa0;: {error}</translation>
    </message>
</context>
<context>
    <name>SessionSetupPage</name>
    <message>
        <source>New session</source>
        <extracomment>Problems listed beside Start (the rest are counted).</extracomment>
        <translation>Nouvelle séance</translation>
    </message>
    <message>
        <source>I have read the calibration warning and go on with this gun</source>
        <translation>J’ai lu l’avertissement d’étalonnage et je poursuis avec ce pistolet</translation>
    </message>
    <message>
        <source>Who performs the session</source>
        <translation>Qui réalise la séance</translation>
    </message>
    <message>
        <source>Indication (default: the plan&apos;s)</source>
        <translation>Indication (par défaut&#xa0;: celle du protocole)</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>Pseudonym</source>
        <translation>Pseudonyme</translation>
    </message>
    <message>
        <source>Practitioner</source>
        <translation>Praticien</translation>
    </message>
    <message>
        <source>Indication</source>
        <translation>Indication</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>non renseigné</translation>
    </message>
    <message>
        <source> kg</source>
        <translation>&#xa0;kg</translation>
    </message>
    <message>
        <source>Optional: the caps given in mg per kg apply with it</source>
        <translation>Facultatif&#xa0;: les plafonds exprimés en mg par kg s’appliquent avec lui</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Poids</translation>
    </message>
    <message>
        <source>Built-in example plans, and the plan files opened</source>
        <translation>Les protocoles d’exemple intégrés, et les fichiers de protocole ouverts</translation>
    </message>
    <message>
        <source>Open a file…</source>
        <translation>Ouvrir un fichier…</translation>
    </message>
    <message>
        <source>Open a plan file (.toml); every problem in it is listed</source>
        <translation>Ouvrir un fichier de protocole (.toml)&#xa0;; chacun de ses problèmes est listé</translation>
    </message>
    <message>
        <source>Edit a copy…</source>
        <translation>Modifier une copie…</translation>
    </message>
    <message>
        <source>Change the points and products of a copy of this plan, checked as you go, and save it</source>
        <translation>Modifier les points et les produits d’une copie de ce protocole, contrôlés au fil de la saisie, puis l’enregistrer</translation>
    </message>
    <message>
        <source>Built-in plans are editable examples, not prescriptions: adapt points, products, depths and volumes to each patient (mesogun plans new copies one into a file).</source>
        <translation>Les protocoles intégrés sont des exemples modifiables, pas des prescriptions&#xa0;: adaptez points, produits, profondeurs et volumes à chaque patient (mesogun plans new en copie un dans un fichier).</translation>
    </message>
    <message numerus="yes">
        <source>This plan file cannot be used: %n problem(s) in {file}</source>
        <translation>
            <numerusform>Ce fichier de protocole est inutilisable&#xa0;: %n problème dans {file}</numerusform>
            <numerusform>Ce fichier de protocole est inutilisable&#xa0;: %n problèmes dans {file}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>To start: {items}; and %n more</source>
        <translation>
            <numerusform>Pour démarrer&#xa0;: {items}&#xa0;; et %n autre</numerusform>
            <numerusform>Pour démarrer&#xa0;: {items}&#xa0;; et %n autres</numerusform>
        </translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Protocole</translation>
    </message>
    <message>
        <source>Plan preview</source>
        <translation>Aperçu du protocole</translation>
    </message>
    <message>
        <source>Start the session</source>
        <translation>Démarrer la séance</translation>
    </message>
    <message>
        <source>Open the session in the journal and arm the first point (Ctrl+Return)</source>
        <translation>Ouvrir la séance dans le journal et armer le premier point (Ctrl+Entrée)</translation>
    </message>
    <message>
        <source>Open a plan file</source>
        <translation>Ouvrir un fichier de protocole</translation>
    </message>
    <message>
        <source>Plan files (*.toml);;All files (*)</source>
        <translation>Fichiers de protocole (*.toml);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>{title} (file {file})</source>
        <translation>{title} (fichier {file})</translation>
    </message>
    <message>
        <source>Connect the gun</source>
        <translation>Connectez le pistolet</translation>
    </message>
    <message>
        <source>Enter the practitioner&apos;s name</source>
        <translation>Saisissez le nom du praticien</translation>
    </message>
    <message>
        <source>Confirm the calibration warning</source>
        <translation>Confirmez l’avertissement d’étalonnage</translation>
    </message>
    <message>
        <source>Choose a plan</source>
        <translation>Choisissez un protocole</translation>
    </message>
    <message>
        <source>Ready: the first point is armed as soon as the session starts.</source>
        <translation>Prêt&#xa0;: le premier point est armé dès le démarrage de la séance.</translation>
    </message>
    <message>
        <source>To start: {items}</source>
        <translation>Pour démarrer&#xa0;: {items}</translation>
    </message>
    <message>
        <source>{title} (editable example)</source>
        <translation>{title} (exemple modifiable)</translation>
    </message>
</context>
<context>
    <name>SessionSummaryPage</name>
    <message>
        <source>Session summary</source>
        <translation>Bilan de la séance</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produit</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Lot</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>Péremption</translation>
    </message>
    <message>
        <source>Delivered (µl)</source>
        <translation>Injecté (µl)</translation>
    </message>
    <message>
        <source>Active substance (mg)</source>
        <translation>Substance active (mg)</translation>
    </message>
    <message>
        <source>Patient view</source>
        <translation>Dossier du patient</translation>
    </message>
    <message>
        <source>Every session of this patient, with the scores over time</source>
        <translation>Toutes les séances de ce patient, avec les scores dans le temps</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <source>New session</source>
        <translation>Nouvelle séance</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Séance</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Injections</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Produits</translation>
    </message>
    <message>
        <source>Alarms, overrides and warnings</source>
        <translation>Alarmes, dépassements et avertissements</translation>
    </message>
    <message>
        <source>Outcome scores</source>
        <translation>Scores d’évolution</translation>
    </message>
    <message>
        <source>Notes and adverse events</source>
        <translation>Notes et événements indésirables</translation>
    </message>
    <message>
        <source>Volume per point</source>
        <translation>Volume par point</translation>
    </message>
    <message>
        <source>Doses</source>
        <translation>Doses</translation>
    </message>
    <message>
        <source>Reading the session from the journal…</source>
        <translation>Lecture de la séance dans le journal…</translation>
    </message>
    <message>
        <source>Past session</source>
        <translation>Séance passée</translation>
    </message>
    <message>
        <source>The session could not be read: {error}</source>
        <translation>La séance n’a pas pu être lue&#xa0;: {error}</translation>
    </message>
    <message>
        <source>Patient {patient} — {date} — {status}</source>
        <translation>Patient {patient} — {date} — {status}</translation>
    </message>
    <message>
        <source>{status}: {reason}</source>
        <translation>{status}&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>{kind}: none in this journal</source>
        <translation>{kind}&#xa0;: aucun dans ce journal</translation>
    </message>
    <message>
        <source>{kind}: {date}</source>
        <translation>{kind}&#xa0;: {date}</translation>
    </message>
    <message>
        <source>{kind}: {date}, expired on {expiry}</source>
        <translation>{kind}&#xa0;: {date}, plus valable depuis le {expiry}</translation>
    </message>
    <message>
        <source>{kind}: {date}, valid until {expiry}</source>
        <translation>{kind}&#xa0;: {date}, valable jusqu’au {expiry}</translation>
    </message>
    <message>
        <source>{name}, version {version}</source>
        <translation>{name}, version {version}</translation>
    </message>
    <message>
        <source>{serial}, firmware {firmware}</source>
        <translation>{serial}, micrologiciel {firmware}</translation>
    </message>
    <message>
        <source>Practitioner</source>
        <translation>Praticien</translation>
    </message>
    <message>
        <source>Indication</source>
        <translation>Indication</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Protocole</translation>
    </message>
    <message>
        <source>Gun</source>
        <translation>Pistolet</translation>
    </message>
    <message>
        <source>Calibration</source>
        <translation>Étalonnage</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>done: {done}, partial: {partial}, skipped: {skipped}, not done: {not_done}</source>
        <translation>réalisés&#xa0;: {done}, partiels&#xa0;: {partial}, sautés&#xa0;: {skipped}, non réalisés&#xa0;: {not_done}</translation>
    </message>
    <message>
        <source>injected: {injected}, skipped: {skipped}</source>
        <translation>injectés&#xa0;: {injected}, sautés&#xa0;: {skipped}</translation>
    </message>
    <message>
        <source>{volume} µl</source>
        <translation>{volume}&#xa0;µl</translation>
    </message>
    <message>
        <source>unknown (the plan is not available)</source>
        <translation>inconnu (le protocole n’est pas disponible)</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Injecté</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Prévu</translation>
    </message>
    <message>
        <source>Incomplete doses</source>
        <translation>Doses incomplètes</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>Next session</source>
        <translation>Prochaine séance</translation>
    </message>
    <message>
        <source>{time} — alarm: {alarm}</source>
        <translation>{time} — alarme&#xa0;: {alarm}</translation>
    </message>
    <message>
        <source>{time} — alarm acknowledged by {who}: {alarm}</source>
        <translation>{time} — alarme acquittée par {who}&#xa0;: {alarm}</translation>
    </message>
    <message>
        <source>{time} — alarm acknowledged on the host&apos;s return, session of {who}: {alarm}</source>
        <translation>{time} — alarme acquittée au retour de l’hôte, séance de {who}&#xa0;: {alarm}</translation>
    </message>
    <message>
        <source>{time} — alarm acknowledged by an unattended run started by {who}: {alarm}</source>
        <translation>{time} — alarme acquittée par une exécution sans surveillance lancée par {who}&#xa0;: {alarm}</translation>
    </message>
    <message>
        <source>{time} — alarm cleared: {alarm}</source>
        <translation>{time} — alarme acquittée&#xa0;: {alarm}</translation>
    </message>
    <message>
        <source>Override on point {point}: {field} {value} (limit {limit}) — {reason}, by {who}</source>
        <translation>Dépassement au point {point}&#xa0;: {field} {value} (limite {limit}) — {reason}, par {who}</translation>
    </message>
    <message>
        <source>Calibration warning: {message} (acknowledged by {who})</source>
        <translation>Avertissement d’étalonnage&#xa0;: {message} (pris en compte par {who})</translation>
    </message>
    <message>
        <source>Point {point} left partial: {reason}</source>
        <translation>Point {point} laissé partiel&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Point {point} skipped: {reason}</source>
        <translation>Point {point} sauté&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>No alarm, no override, no calibration warning.</source>
        <translation>Aucune alarme, aucun dépassement, aucun avertissement d’étalonnage.</translation>
    </message>
    <message>
        <source>Point {point} cut short at {delivered} of {target} µl: completed with {shot} µl (chosen by {who})</source>
        <translation>Point {point} resté à {delivered}&#xa0;µl sur {target}&#xa0;µl (injection coupée)&#xa0;: complété avec {shot}&#xa0;µl (choix de {who})</translation>
    </message>
    <message>
        <source>Point {point} cut short at {delivered} of {target} µl: ended as it was (chosen by {who})</source>
        <translation>Point {point} resté à {delivered}&#xa0;µl sur {target}&#xa0;µl (injection coupée)&#xa0;: terminé tel quel (choix de {who})</translation>
    </message>
    <message>
        <source>Point {point} cut short at {delivered} of {target} µl: skipped, {reason} ({who})</source>
        <translation>Point {point} resté à {delivered}&#xa0;µl sur {target}&#xa0;µl (injection coupée)&#xa0;: sauté, {reason} ({who})</translation>
    </message>
    <message>
        <source>depth (mm)</source>
        <translation>profondeur (mm)</translation>
    </message>
    <message>
        <source>volume per shot (µl)</source>
        <translation>volume par injection (µl)</translation>
    </message>
    <message>
        <source>flow (µl/s)</source>
        <translation>débit (µl/s)</translation>
    </message>
    <message>
        <source>rate (shots/s)</source>
        <translation>cadence (injections/s)</translation>
    </message>
    <message>
        <source>contraindication {code}</source>
        <translation>contre-indication {code}</translation>
    </message>
    <message>
        <source>Note added.</source>
        <translation>Note ajoutée.</translation>
    </message>
    <message>
        <source>Adverse event recorded.</source>
        <translation>Événement indésirable enregistré.</translation>
    </message>
    <message>
        <source>Give your name: it is recorded with the addition.</source>
        <translation>Indiquez votre nom&#xa0;: il est enregistré avec l’ajout.</translation>
    </message>
    <message>
        <source>Scores recorded.</source>
        <translation>Scores enregistrés.</translation>
    </message>
    <message>
        <source>Not recorded: {error}</source>
        <translation>Non enregistré&#xa0;: {error}</translation>
    </message>
</context>
<context>
    <name>SessionTable</name>
    <message>
        <source>Started</source>
        <extracomment>Rows handed to the view at a time as it scrolls. Rows measured to size the columns (the widest of a screenful is wide enough).</extracomment>
        <translation>Début</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>Practitioner</source>
        <translation>Praticien</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Protocole</translation>
    </message>
    <message>
        <source>Indication</source>
        <translation>Indication</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Doses</source>
        <translation>Doses</translation>
    </message>
    <message>
        <source>Delivered (µl)</source>
        <translation>Injecté (µl)</translation>
    </message>
</context>
<context>
    <name>SessionTexts</name>
    <message>
        <source>; </source>
        <translation>&#xa0;; </translation>
    </message>
    <message numerus="yes">
        <source>%n shot(s)</source>
        <translation>
            <numerusform>%n injection</numerusform>
            <numerusform>%n injections</numerusform>
        </translation>
    </message>
    <message>
        <source>{volume} µl</source>
        <translation>{volume}&#xa0;µl</translation>
    </message>
    <message>
        <source>about {seconds} s</source>
        <translation>environ {seconds}&#xa0;s</translation>
    </message>
    <message>
        <source>about {minutes} min</source>
        <translation>environ {minutes}&#xa0;min</translation>
    </message>
    <message>
        <source>Depth</source>
        <translation>Profondeur</translation>
    </message>
    <message>
        <source>Volume per shot</source>
        <translation>Volume par injection</translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>Débit</translation>
    </message>
    <message>
        <source>Shot rate</source>
        <translation>Cadence</translation>
    </message>
    <message>
        <source>Delivery mode</source>
        <translation>Mode d’injection</translation>
    </message>
    <message>
        <source>{product} in this session</source>
        <translation>{product} sur la séance</translation>
    </message>
    <message>
        <source>{product} on this point</source>
        <translation>{product} sur ce point</translation>
    </message>
    <message>
        <source>shots/s</source>
        <translation>injections/s</translation>
    </message>
    <message>
        <source>This gun has no delivery mode for this technique</source>
        <translation>Ce pistolet n’a pas de mode d’injection pour cette technique</translation>
    </message>
    <message>
        <source>{field}: {value}, outside the usual range {minimum}–{maximum}</source>
        <translation>{field}&#xa0;: {value}, hors de la plage habituelle {minimum}–{maximum}</translation>
    </message>
    <message>
        <source>{field}: {value}, outside the allowed range {minimum}–{maximum}</source>
        <translation>{field}&#xa0;: {value}, hors de la plage autorisée {minimum}–{maximum}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Réglages</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>The new language is used from the next start.</source>
        <translation>La nouvelle langue s’applique au prochain démarrage.</translation>
    </message>
    <message>
        <source>Samples per second asked of the gun; 0 turns the live plot off</source>
        <translation>Échantillons par seconde demandés au pistolet&#x202f;; 0 arrête la courbe en direct</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Telemetry rate</source>
        <translation>Fréquence de télémesure</translation>
    </message>
    <message>
        <source>Practice (printed at the top of the reports)</source>
        <translation>Cabinet (imprimé en tête des comptes rendus)</translation>
    </message>
    <message>
        <source>11 digits</source>
        <translation>11 chiffres</translation>
    </message>
    <message>
        <source>Clinic name</source>
        <translation>Nom du cabinet</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Practitioner</source>
        <translation>Praticien</translation>
    </message>
    <message>
        <source>RPPS number</source>
        <translation>N° RPPS</translation>
    </message>
    <message>
        <source>Clinic store</source>
        <translation>Base de la clinique</translation>
    </message>
    <message>
        <source>host=db.clinic.lan dbname=mesogun user=room1 sslrootcert=ca.crt</source>
        <translation>host=bdd.clinique.lan dbname=mesogun user=salle1 sslrootcert=ac.crt</translation>
    </message>
    <message>
        <source>Leave empty for a desk on its own. The password goes in ~/.pgpass (readable by you only), never here.</source>
        <translation>Laisser vide pour un poste seul. Le mot de passe va dans ~/.pgpass (lisible par vous seul), jamais ici.</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>The RPPS number has 11 digits; leave it empty if unknown.</source>
        <translation>Le numéro RPPS a 11 chiffres&#xa0;; laissez-le vide s’il n’est pas connu.</translation>
    </message>
    <message>
        <source>This connection cannot be used:</source>
        <translation>Cette connexion n’est pas utilisable&#xa0;:</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
</context>
<context>
    <name>ShotTable</name>
    <message>
        <source>No.</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Depth (mm)</source>
        <translation>Prof. (mm)</translation>
    </message>
    <message>
        <source>Volume (µl)</source>
        <translation>Volume (µl)</translation>
    </message>
    <message>
        <source>Commanded (µl)</source>
        <translation>Commandé (µl)</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Shots: {count} — delivered: {volume} µl</source>
        <translation>Injections&#xa0;: {count} — injecté&#xa0;: {volume}&#xa0;µl</translation>
    </message>
</context>
<context>
    <name>SimulatorPanel</name>
    <message>
        <source>Simulated gun</source>
        <translation>Pistolet simulé</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>Gâchette</translation>
    </message>
    <message>
        <source>Click: one pull. Press and hold: hold the trigger (nappage).</source>
        <translation>Clic&#xa0;: une pression. Clic maintenu&#xa0;: gâchette maintenue (nappage).</translation>
    </message>
    <message>
        <source>Occlusion</source>
        <translation>Occlusion</translation>
    </message>
    <message>
        <source>Block the needle: pressure rises and the gun raises an alarm</source>
        <translation>Boucher l’aiguille&#xa0;: la pression monte et le pistolet déclenche une alarme</translation>
    </message>
    <message>
        <source>Empty syringe</source>
        <translation>Vider la seringue</translation>
    </message>
    <message>
        <source>Unplug cable</source>
        <translation>Débrancher le câble</translation>
    </message>
    <message>
        <source>Low battery</source>
        <translation>Batterie faible</translation>
    </message>
    <message>
        <source>Power cycle</source>
        <translation>Éteindre et rallumer</translation>
    </message>
    <message>
        <source>Switch the gun off and on: it forgets its settings, keeps its journal</source>
        <translation>Éteindre et rallumer le pistolet&#xa0;: il oublie ses réglages, garde son journal</translation>
    </message>
    <message>
        <source>Replug cable</source>
        <translation>Rebrancher le câble</translation>
    </message>
</context>
<context>
    <name>SyringeChangeDialog</name>
    <message>
        <source>Change the syringe</source>
        <translation>Changer de seringue</translation>
    </message>
    <message>
        <source>The session stays paused. Enter the lots of the new syringe; they are recorded before the syringe is declared to the gun.</source>
        <translation>La séance reste en pause. Saisissez les lots de la nouvelle seringue&#xa0;; ils sont enregistrés avant que la seringue soit déclarée au pistolet.</translation>
    </message>
    <message>
        <source>Record the new syringe</source>
        <translation>Enregistrer la nouvelle seringue</translation>
    </message>
</context>
<context>
    <name>SyringeForm</name>
    <message>
        <source>Syringe</source>
        <translation>Seringue</translation>
    </message>
    <message>
        <source>Capacity of the syringe loaded in the gun</source>
        <translation>Capacité de la seringue chargée dans le pistolet</translation>
    </message>
    <message>
        <source>Volume drawn into the syringe</source>
        <translation>Volume prélevé dans la seringue</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>Capacité</translation>
    </message>
    <message>
        <source>Filled with</source>
        <translation>Remplie de</translation>
    </message>
    <message>
        <source>{size} ml</source>
        <translation>{size}&#xa0;ml</translation>
    </message>
    <message>
        <source>Syringe: enter the volume drawn into it</source>
        <translation>Seringue&#xa0;: saisissez le volume prélevé</translation>
    </message>
    <message>
        <source>Syringe: {fill} µl does not fit a {size} ml syringe (0–{capacity} µl)</source>
        <translation>Seringue&#xa0;: {fill}&#xa0;µl ne tiennent pas dans une seringue de {size}&#xa0;ml (0–{capacity}&#xa0;µl)</translation>
    </message>
    <message>
        <source>The plan needs {planned} µl: a syringe change will be needed during the session</source>
        <translation>Le protocole nécessite {planned}&#xa0;µl&#xa0;: un changement de seringue sera nécessaire pendant la séance</translation>
    </message>
</context>
<context>
    <name>TechnicianModeBar</name>
    <message>
        <source>Access code</source>
        <translation>Code d’accès</translation>
    </message>
    <message>
        <source>Enter technician mode</source>
        <translation>Passer en mode technicien</translation>
    </message>
    <message>
        <source>Leave technician mode</source>
        <translation>Quitter le mode technicien</translation>
    </message>
    <message>
        <source>Type the technician access code first.</source>
        <translation>Saisissez d’abord le code d’accès technicien.</translation>
    </message>
    <message>
        <source>The gun did not enter technician mode.</source>
        <translation>Le pistolet n’est pas passé en mode technicien.</translation>
    </message>
    <message>
        <source>The gun refused technician mode: check the access code.</source>
        <translation>Le pistolet a refusé le mode technicien&#xa0;: vérifiez le code d’accès.</translation>
    </message>
    <message>
        <source>Technician mode ON: calibration writes allowed</source>
        <translation>Mode technicien ACTIF&#xa0;: écriture de l’étalonnage autorisée</translation>
    </message>
    <message>
        <source>Technician mode: no gun</source>
        <translation>Mode technicien&#xa0;: aucun pistolet</translation>
    </message>
    <message>
        <source>Technician mode off</source>
        <translation>Mode technicien inactif</translation>
    </message>
</context>
<context>
    <name>TechnicianPage</name>
    <message>
        <source>Technician</source>
        <translation>Technicien</translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation>Diagnostic</translation>
    </message>
    <message>
        <source>Volume calibration</source>
        <translation>Étalonnage du volume</translation>
    </message>
    <message>
        <source>Depth calibration</source>
        <translation>Étalonnage de la profondeur</translation>
    </message>
    <message>
        <source>Flow test</source>
        <translation>Contrôle du débit</translation>
    </message>
    <message>
        <source>Calibration history</source>
        <translation>Historique des étalonnages</translation>
    </message>
    <message>
        <source>Certificate written: {path}</source>
        <translation>Certificat enregistré&#xa0;: {path}</translation>
    </message>
</context>
<context>
    <name>TechnicianTexts</name>
    <message>
        <source>Self-test passed: every check is OK</source>
        <translation>Autotest réussi&#xa0;: tous les contrôles sont bons</translation>
    </message>
    <message>
        <source>Self-test failed: {checks}</source>
        <translation>Autotest échoué&#xa0;: {checks}</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds}&#xa0;s</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours}&#xa0;h {minutes}&#xa0;min</translation>
    </message>
</context>
<context>
    <name>TelemetryPlot</name>
    <message>
        <source>Needle depth (mm)</source>
        <extracomment>The smallest height of each trace&apos;s axis, in its unit: an idle gun&apos;s sensor noise stays a flat line instead of filling the plot (needle mm, plunger mm, pressure kPa).</extracomment>
        <translation>Profondeur (mm)</translation>
    </message>
    <message>
        <source>Plunger (mm)</source>
        <translation>Piston (mm)</translation>
    </message>
    <message>
        <source>Pressure (kPa)</source>
        <translation>Pression (kPa)</translation>
    </message>
    <message>
        <source>Device time (s)</source>
        <translation>Temps du pistolet (s)</translation>
    </message>
</context>
<context>
    <name>TooSoonDialog</name>
    <message>
        <source>Session too soon</source>
        <translation>Séance trop rapprochée</translation>
    </message>
    <message>
        <source>Open the session with this reason</source>
        <translation>Ouvrir la séance avec cette raison</translation>
    </message>
    <message>
        <source>Acute pain, seen again earlier than planned</source>
        <translation>Douleur aiguë, revu plus tôt que prévu</translation>
    </message>
    <message>
        <source>Session moved at the patient&apos;s request</source>
        <translation>Séance avancée à la demande du patient</translation>
    </message>
</context>
<context>
    <name>VolumeCalibrationTab</name>
    <message>
        <source>Fill a syringe with degassed water and put the weighing vessel on the balance, with the needle inside it. The gun fires at least 10 shots at its smallest, middle and largest volume, weighed one by one, fits a new factor and checks it with a second series.</source>
        <translation>Remplissez une seringue d’eau dégazée et posez le récipient de pesée sur la balance, l’aiguille à l’intérieur. Le pistolet fait au moins 10 injections à son plus petit, son moyen et son plus grand volume, pesées une à une, calcule un nouveau facteur et le contrôle par une seconde série.</translation>
    </message>
    <message>
        <source>Start the calibration (enters technician mode)</source>
        <translation>Lancer l’étalonnage (passe en mode technicien)</translation>
    </message>
    <message>
        <source>%v of %m shots</source>
        <translation>%v injections sur %m</translation>
    </message>
    <message>
        <source>Syringe</source>
        <translation>Seringue</translation>
    </message>
    <message>
        <source>Syringe loaded: prime and go on</source>
        <translation>Seringue chargée&#xa0;: purger et continuer</translation>
    </message>
    <message>
        <source>Mass of the shot</source>
        <translation>Masse de l’injection</translation>
    </message>
    <message>
        <source>Enter the mass</source>
        <translation>Saisir la masse</translation>
    </message>
    <message>
        <source>Balance reading for this shot</source>
        <translation>Lecture de la balance pour cette injection</translation>
    </message>
    <message>
        <source>New factor</source>
        <translation>Nouveau facteur</translation>
    </message>
    <message>
        <source>Write the new factor and verify</source>
        <translation>Écrire le nouveau facteur et vérifier</translation>
    </message>
    <message>
        <source>Cancel the calibration</source>
        <translation>Annuler l’étalonnage</translation>
    </message>
    <message>
        <source>Save the certificate (PDF)…</source>
        <translation>Enregistrer le certificat (PDF)…</translation>
    </message>
    <message>
        <source>New calibration</source>
        <translation>Nouvel étalonnage</translation>
    </message>
    <message>
        <source>Connect a gun first.</source>
        <translation>Connectez d’abord un pistolet.</translation>
    </message>
    <message>
        <source>Type the technician access code in the bar above: the run writes to the gun.</source>
        <translation>Saisissez le code d’accès technicien dans la barre ci-dessus&#xa0;: l’étalonnage écrit dans le pistolet.</translation>
    </message>
    <message>
        <source>Calibration cancelled: the gun is disarmed and its factors are as they were.</source>
        <translation>Étalonnage annulé&#xa0;: le pistolet est désarmé et ses facteurs sont inchangés.</translation>
    </message>
    <message>
        <source>The next volume needs {needed} µl and the syringe holds {left} µl. Load a full {capacity} ml syringe of water without air, hold the needle over the waste container for the priming ({prime} µl), then put it back in the weighing vessel.</source>
        <translation>Le volume suivant nécessite {needed}&#xa0;µl et la seringue contient {left}&#xa0;µl. Chargez une seringue pleine de {capacity}&#xa0;ml d’eau sans bulle, tenez l’aiguille au-dessus du récipient de purge pendant la purge ({prime}&#xa0;µl), puis replacez-la dans le récipient de pesée.</translation>
    </message>
    <message>
        <source>Next: shot {shot} of {count} at {volume} µl (volume {level} of {levels}).</source>
        <translation>Suivante&#xa0;: injection {shot} sur {count} à {volume}&#xa0;µl (volume {level} sur {levels}).</translation>
    </message>
    <message>
        <source>Shot {shot} at {volume} µl fired: type the mass the balance shows for it.</source>
        <translation>Injection {shot} à {volume}&#xa0;µl faite&#xa0;: saisissez la masse affichée par la balance.</translation>
    </message>
    <message>
        <source>As found, the gun delivers {ratio} % of the commanded volume. New factor: {new} nl per step (now {old}). Writing it needs technician mode; the verification series follows.</source>
        <translation>À l’état initial, le pistolet injecte {ratio}&#xa0;% du volume commandé. Nouveau facteur&#xa0;: {new}&#xa0;nl par pas (actuellement {old}). L’écrire nécessite le mode technicien&#xa0;; la série de vérification suit.</translation>
    </message>
    <message>
        <source>As-found series complete.</source>
        <translation>Série initiale terminée.</translation>
    </message>
    <message>
        <source>Calibration PASSED</source>
        <translation>Étalonnage RÉUSSI</translation>
    </message>
    <message>
        <source>Calibration FAILED</source>
        <translation>Étalonnage ÉCHOUÉ</translation>
    </message>
    <message>
        <source>Gun {serial}, balance {balance}.</source>
        <translation>Pistolet {serial}, balance {balance}.</translation>
    </message>
    <message>
        <source>Before: {factors}</source>
        <translation>Avant&#xa0;: {factors}</translation>
    </message>
    <message>
        <source>After: {factors}</source>
        <translation>Après&#xa0;: {factors}</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>Motif&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Valid until {date}.</source>
        <translation>Valable jusqu’au {date}.</translation>
    </message>
    <message>
        <source>Recorded in the journal as {id}.</source>
        <translation>Enregistré dans le journal sous {id}.</translation>
    </message>
    <message>
        <source>1. Setup</source>
        <translation>1. Préparation</translation>
    </message>
    <message>
        <source>2. As found</source>
        <translation>2. Série initiale</translation>
    </message>
    <message>
        <source>3. New factor</source>
        <translation>3. Nouveau facteur</translation>
    </message>
    <message>
        <source>4. Verification</source>
        <translation>4. Vérification</translation>
    </message>
    <message>
        <source>5. Result</source>
        <translation>5. Résultat</translation>
    </message>
</context>
<context>
    <name>VolumePlot</name>
    <message>
        <source>Volume (µl)</source>
        <extracomment>The y axis reaches this many times the tallest bar: the legend sits in the space above it. How far (px) a point&apos;s name may reach past the end of the bottom axis and still be drawn.</extracomment>
        <translation>Volume (µl)</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Prévu</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Injecté</translation>
    </message>
</context>
<context>
    <name>VolumeSetupForm</name>
    <message>
        <source>Technician and syringe</source>
        <translation>Technicien et seringue</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Votre nom</translation>
    </message>
    <message>
        <source>Syringe model, e.g. BD Plastipak</source>
        <translation>Modèle de seringue, p. ex. BD Plastipak</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>Technicien</translation>
    </message>
    <message>
        <source>Syringe</source>
        <translation>Seringue</translation>
    </message>
    <message>
        <source>Syringe capacity</source>
        <translation>Contenance de la seringue</translation>
    </message>
    <message>
        <source>Water and room</source>
        <translation>Eau et pièce</translation>
    </message>
    <message>
        <source>Water temperature</source>
        <translation>Température de l’eau</translation>
    </message>
    <message>
        <source>Air pressure</source>
        <translation>Pression de l’air</translation>
    </message>
    <message>
        <source>Relative humidity</source>
        <translation>Humidité relative</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Balance</translation>
    </message>
    <message>
        <source>Balance connected to the computer (MT-SICS)</source>
        <translation>Balance reliée à l’ordinateur (MT-SICS)</translation>
    </message>
    <message>
        <source>Serial port of the balance, or a pyserial URL</source>
        <translation>Port série de la balance, ou une URL pyserial</translation>
    </message>
    <message>
        <source>No connection: I type each mass</source>
        <translation>Sans liaison&#xa0;: je saisis chaque masse</translation>
    </message>
    <message>
        <source>Balance serial number or asset tag</source>
        <translation>Numéro de série ou d’inventaire de la balance</translation>
    </message>
    <message>
        <source>Balance model</source>
        <translation>Modèle de balance</translation>
    </message>
    <message>
        <source>Balance resolution (mg)</source>
        <translation>Résolution de la balance (mg)</translation>
    </message>
    <message>
        <source>Last verification of the balance</source>
        <translation>Dernière vérification de la balance</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Série</translation>
    </message>
    <message>
        <source> days</source>
        <translation> jours</translation>
    </message>
    <message>
        <source>Shots per volume</source>
        <translation>Injections par volume</translation>
    </message>
    <message>
        <source>Calibration valid for</source>
        <translation>Validité de l’étalonnage</translation>
    </message>
    <message>
        <source>{size} ml</source>
        <translation>{size}&#xa0;ml</translation>
    </message>
</context>
</TS>
