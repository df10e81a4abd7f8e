<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>ClinicStatusLabel</name>
    <message numerus="yes">
        <source>Clinic store: %n row(s) to send (last sync %1)</source>
        <translation>
            <numerusform>Clinic store: %n row to send (last sync %1)</numerusform>
            <numerusform>Clinic store: %n rows to send (last sync %1)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DiagnosticsTab</name>
    <message numerus="yes">
        <source>%n event(s), no. {first} to {last}; the gun&apos;s newest is no. {newest}.</source>
        <translation>
            <numerusform>%n event, no. {first} to {last}; the gun&apos;s newest is no. {newest}.</numerusform>
            <numerusform>%n events, no. {first} to {last}; the gun&apos;s newest is no. {newest}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n number(s) no longer in the gun&apos;s log (purged).</source>
        <translation>
            <numerusform>%n number no longer in the gun&apos;s log (purged).</numerusform>
            <numerusform>%n numbers no longer in the gun&apos;s log (purged).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message numerus="yes">
        <source>%n session(s) shown of {total}</source>
        <translation>
            <numerusform>%n session shown of {total}</numerusform>
            <numerusform>%n sessions shown of {total}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message numerus="yes">
        <source>%n record(s) for gun {serial}.</source>
        <translation>
            <numerusform>%n record for gun {serial}.</numerusform>
            <numerusform>%n records for gun {serial}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JournalVerdict</name>
    <message numerus="yes">
        <source>Journal intact: %n row(s) checked, none altered (head: row {head}).</source>
        <translation>
            <numerusform>Journal intact: %n row checked, none altered (head: row {head}).</numerusform>
            <numerusform>Journal intact: %n rows checked, none altered (head: row {head}).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n earlier row(s) intact.</source>
        <translation>
            <numerusform>%n earlier row intact.</numerusform>
            <numerusform>%n earlier rows intact.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PartialPointDialog</name>
    <message numerus="yes">
        <source>Complete: {volume} µl, then %n whole shot(s)</source>
        <translation>
            <numerusform>Complete: {volume} µl, then %n whole shot</numerusform>
            <numerusform>Complete: {volume} µl, then %n whole shots</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Complete with %n whole shot(s)</source>
        <translation>
            <numerusform>Complete with %n whole shot</numerusform>
            <numerusform>Complete with %n whole shots</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PatientPage</name>
    <message numerus="yes">
        <source>%n session(s)</source>
        <translation>
            <numerusform>%n session</numerusform>
            <numerusform>%n sessions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n course(s)</source>
        <translation>
            <numerusform>%n course</numerusform>
            <numerusform>%n courses</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n adverse event(s)</source>
        <translation>
            <numerusform>%n adverse event</numerusform>
            <numerusform>%n adverse events</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Course {number} — {plan}: %n session(s) from {first} to {last}</source>
        <translation>
            <numerusform>Course {number} — {plan}: %n session from {first} to {last}</numerusform>
            <numerusform>Course {number} — {plan}: %n sessions from {first} to {last}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PatientSearch</name>
    <message numerus="yes">
        <source>%n earlier session(s) found</source>
        <translation>
            <numerusform>%n earlier session found</numerusform>
            <numerusform>%n earlier sessions found</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PlanEditorDialog</name>
    <message numerus="yes">
        <source>Can be saved; %n setting(s) outside the usual range will ask for a reason.</source>
        <translation>
            <numerusform>Can be saved; %n setting outside the usual range will ask for a reason.</numerusform>
            <numerusform>Can be saved; %n settings outside the usual range will ask for a reason.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PlanPreview</name>
    <message numerus="yes">
        <source>%n point(s), {volume} µl in all, {duration}</source>
        <translation>
            <numerusform>%n point, {volume} µl in all, {duration}</numerusform>
            <numerusform>%n points, {volume} µl in all, {duration}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ScreeningForm</name>
    <message numerus="yes">
        <source>%n contraindication question(s) not answered</source>
        <translation>
            <numerusform>%n contraindication question not answered</numerusform>
            <numerusform>%n contraindication questions not answered</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SessionRunPage</name>
    <message numerus="yes">
        <source>%n point(s) of {total} not done. End the session now? What was delivered is recorded, with the reason.</source>
        <translation>
            <numerusform>%n point of {total} not done. End the session now? What was delivered is recorded, with the reason.</numerusform>
            <numerusform>%n points of {total} not done. End the session now? What was delivered is recorded, with the reason.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SessionSetupPage</name>
    <message numerus="yes">
        <source>This plan file cannot be used: %n problem(s) in {file}</source>
        <translation>
            <numerusform>This plan file cannot be used: %n problem in {file}</numerusform>
            <numerusform>This plan file cannot be used: %n problems in {file}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>To start: {items}; and %n more</source>
        <translation>
            <numerusform>To start: {items}; and %n more</numerusform>
            <numerusform>To start: {items}; and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SessionTexts</name>
    <message numerus="yes">
        <source>%n shot(s)</source>
        <translation>
            <numerusform>%n shot</numerusform>
            <numerusform>%n shots</numerusform>
        </translation>
    </message>
</context>
</TS>
