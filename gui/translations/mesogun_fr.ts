<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>Alarm</name>
    <message>
        <source>Occlusion / over-pressure: check the needle and the line</source>
        <translation>Occlusion / surpression : vérifiez l’aiguille et la tubulure</translation>
    </message>
    <message>
        <source>Plunger motor stalled</source>
        <translation>Moteur du piston bloqué</translation>
    </message>
    <message>
        <source>Needle position error</source>
        <translation>Erreur de position de l’aiguille</translation>
    </message>
    <message>
        <source>Delivered volume differs from the commanded one</source>
        <translation>Le volume injecté diffère du volume commandé</translation>
    </message>
    <message>
        <source>Link lost while armed: the gun disarmed itself</source>
        <translation>Liaison perdue pendant l’armement : le pistolet s’est désarmé</translation>
    </message>
    <message>
        <source>Syringe empty: load a new syringe</source>
        <translation>Seringue vide : chargez une nouvelle seringue</translation>
    </message>
    <message>
        <source>No syringe detected</source>
        <translation>Aucune seringue détectée</translation>
    </message>
    <message>
        <source>Battery low: connect the charger</source>
        <translation>Batterie faible : branchez le chargeur</translation>
    </message>
    <message>
        <source>Calibration expired</source>
        <translation>Étalonnage expiré</translation>
    </message>
    <message>
        <source>Syringe nearly empty</source>
        <translation>Seringue presque vide</translation>
    </message>
    <message>
        <source>Battery below 30 %</source>
        <translation>Batterie sous 30 %</translation>
    </message>
    <message>
        <source>Stopped by the operator</source>
        <translation>Arrêté par l’opérateur</translation>
    </message>
    <message>
        <source>No alarm</source>
        <translation>Aucune alarme</translation>
    </message>
</context>
<context>
    <name>AlarmBanner</name>
    <message>
        <source>Acknowledge</source>
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
        <source>Acknowledged</source>
        <translation>Acquittée</translation>
    </message>
</context>
<context>
    <name>BodyMap</name>
    <message>
        <source>Front</source>
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
    <name>ConnectionPage</name>
    <message>
        <source>Live telemetry</source>
        <translation>Télémesure en direct</translation>
    </message>
    <message>
        <source>Shots reported by the gun</source>
        <translation>Tirs signalés par le pistolet</translation>
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
        <translation>{pct} %</translation>
    </message>
    <message>
        <source>{remaining} µl left of {capacity} ml</source>
        <translation>{remaining} µl restants sur {capacity} ml</translation>
    </message>
    <message>
        <source>{seconds} s ago</source>
        <translation>il y a {seconds} s</translation>
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
        <translation> tirs/s</translation>
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
        <translation>Volume par tir</translation>
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
        <translation>Plage permise : {minimum}–{maximum} mm</translation>
    </message>
    <message>
        <source>Allowed: {minimum}–{maximum} µl</source>
        <translation>Plage permise : {minimum}–{maximum} µl</translation>
    </message>
    <message>
        <source>Allowed: {minimum}–{maximum} µl/s</source>
        <translation>Plage permise : {minimum}–{maximum} µl/s</translation>
    </message>
</context>
<context>
    <name>DeviceState</name>
    <message>
        <source>Idle</source>
        <translation>Au repos</translation>
    </message>
    <message>
        <source>Armed</source>
        <translation>Armé</translation>
    </message>
    <message>
        <source>Delivering</source>
        <translation>Injection en cours</translation>
    </message>
    <message>
        <source>Fault</source>
        <translation>Défaut</translation>
    </message>
    <message>
        <source>Priming</source>
        <translation>Purge</translation>
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
        <translation>Arrêter le pistolet immédiatement : stoppe le moteur et rétracte l’aiguille (Échap, F12)</translation>
    </message>
    <message>
        <source>Emergency stop</source>
        <translation>Arrêt d’urgence</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>mesogun — mesotherapy injector</source>
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
        <source>Connection</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>STOP sent to the gun</source>
        <translation>STOP envoyé au pistolet</translation>
    </message>
    <message>
        <source>STOP: no gun connected</source>
        <translation>STOP : aucun pistolet connecté</translation>
    </message>
    <message>
        <source>Close mesogun?</source>
        <translation>Fermer mesogun ?</translation>
    </message>
    <message>
        <source>A gun is connected. Closing disconnects it; an armed gun disarms itself.</source>
        <translation>Un pistolet est connecté. Fermer le déconnecte ; un pistolet armé se désarme de lui-même.</translation>
    </message>
    <message>
        <source>Connected to {serial}</source>
        <translation>Connecté à {serial}</translation>
    </message>
</context>
<context>
    <name>Mode</name>
    <message>
        <source>Single shot</source>
        <translation>Tir unique</translation>
    </message>
    <message>
        <source>Nappage (burst)</source>
        <translation>Nappage (rafale)</translation>
    </message>
    <message>
        <source>Mésoperfusion (continuous)</source>
        <translation>Mésoperfusion (continu)</translation>
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
        <translation>Échantillons par seconde demandés au pistolet ; 0 arrête la courbe en direct</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Telemetry rate</source>
        <translation>Fréquence de télémesure</translation>
    </message>
</context>
<context>
    <name>ShotResult</name>
    <message>
        <source>Complete</source>
        <translation>Complet</translation>
    </message>
    <message>
        <source>Partial</source>
        <translation>Partiel</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échec</translation>
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
        <translation>Tirs : {count} — injecté : {volume} µl</translation>
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
        <translation>Clic : une pression. Clic maintenu : gâchette maintenue (nappage).</translation>
    </message>
    <message>
        <source>Occlusion</source>
        <translation>Occlusion</translation>
    </message>
    <message>
        <source>Block the needle: pressure rises and the gun raises an alarm</source>
        <translation>Boucher l’aiguille : la pression monte et le pistolet déclenche une alarme</translation>
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
        <translation>Éteindre et rallumer le pistolet : il oublie ses réglages, garde son journal</translation>
    </message>
    <message>
        <source>Replug cable</source>
        <translation>Rebrancher le câble</translation>
    </message>
</context>
<context>
    <name>TelemetryPlot</name>
    <message>
        <source>Needle depth (mm)</source>
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
    <name>VolumePlot</name>
    <message>
        <source>Volume (µl)</source>
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
</TS>
