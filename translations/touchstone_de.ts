<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>QMenu</name>
    <message>
        <source>&amp;Light Theme</source>
        <translation>&amp;Helles Design</translation>
    </message>
    <message>
        <source>&amp;Dark Theme</source>
        <translation>&amp;Dunkles Design</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Touchstone will use the new language when it starts next time.</source>
        <translation>Touchstone verwendet die neue Sprache beim nächsten Start.</translation>
    </message>
    <message>
        <source>System Language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>Video Frame &amp;Memory…</source>
        <translation>&amp;Speicher für Videobilder…</translation>
    </message>
    <message>
        <source>Video Frame Memory</source>
        <translation>Speicher für Videobilder</translation>
    </message>
    <message>
        <source>Memory for decoded video frames, in MB (for episodes opened from now on; playback decodes ahead into half of it):</source>
        <translation>Speicher für dekodierte Videobilder in MB (für ab jetzt geöffnete Episoden; die Wiedergabe dekodiert in die Hälfte davon voraus):</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Streams misaligned</source>
        <translation>Datenströme falsch ausgerichtet</translation>
    </message>
    <message>
        <source>A stream is missing</source>
        <translation>Ein Datenstrom fehlt</translation>
    </message>
    <message>
        <source>Labels wrong or missing</source>
        <translation>Labels falsch oder fehlend</translation>
    </message>
    <message>
        <source>A slip is not marked</source>
        <translation>Ein Abrutschen ist nicht markiert</translation>
    </message>
    <message>
        <source>Consent problem</source>
        <translation>Problem mit der Einwilligung</translation>
    </message>
    <message>
        <source>Other (say what in the comment)</source>
        <translation>Anderes (im Kommentar erklären)</translation>
    </message>
    <message>
        <source>new</source>
        <translation>neu</translation>
    </message>
    <message>
        <source>annotating</source>
        <translation>in Annotation</translation>
    </message>
    <message>
        <source>submitted for review</source>
        <translation>zur Prüfung eingereicht</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>freigegeben</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <source>timeline clock</source>
        <translation>Uhr der Zeitleiste</translation>
    </message>
    <message>
        <source>not aligned</source>
        <translation>nicht ausgerichtet</translation>
    </message>
    <message>
        <source>declared</source>
        <translation>deklariert</translation>
    </message>
    <message>
        <source>estimated</source>
        <translation>geschätzt</translation>
    </message>
    <message>
        <source>set by hand</source>
        <translation>von Hand gesetzt</translation>
    </message>
    <message>
        <source>no estimate</source>
        <translation>keine Schätzung</translation>
    </message>
    <message>
        <source>gyro vs. pose rotation rate</source>
        <translation>Gyroskop gegen Drehrate der Pose</translation>
    </message>
    <message>
        <source>gyro vs. rotation seen in the video</source>
        <translation>Gyroskop gegen Drehung im Video</translation>
    </message>
    <message>
        <source>pose vs. rotation seen in the video</source>
        <translation>Pose gegen Drehung im Video</translation>
    </message>
    <message>
        <source>hands vs. pose (palms at rest in the world)</source>
        <translation>Hände gegen Pose (Handflächen in der Welt in Ruhe)</translation>
    </message>
    <message>
        <source>force vs. fingertip contact</source>
        <translation>Kraft gegen Fingerspitzenkontakt</translation>
    </message>
    <message>
        <source>clock set by hand</source>
        <translation>Uhr von Hand gesetzt</translation>
    </message>
    <message>
        <source>declared in episode.json</source>
        <translation>in episode.json deklariert</translation>
    </message>
    <message>
        <source>on the timeline clock</source>
        <translation>auf der Uhr der Zeitleiste</translation>
    </message>
    <message>
        <source>not aligned to the camera clock</source>
        <translation>nicht auf die Kamerauhr ausgerichtet</translation>
    </message>
    <message>
        <source>confidence %1 below %2</source>
        <translation>Konfidenz %1 unter %2</translation>
    </message>
    <message>
        <source>residual %1 ms above the tolerance of %2 ms</source>
        <translation>Residuum %1 ms über der Toleranz von %2 ms</translation>
    </message>
    <message>
        <source>residual %1 ms within %2 ms</source>
        <translation>Residuum %1 ms innerhalb von %2 ms</translation>
    </message>
    <message>
        <source>labels overlap</source>
        <translation>Labels überlappen</translation>
    </message>
    <message>
        <source>label outside the recording</source>
        <translation>Label außerhalb der Aufnahme</translation>
    </message>
    <message>
        <source>event outside the recording</source>
        <translation>Ereignis außerhalb der Aufnahme</translation>
    </message>
    <message>
        <source>recovery without a slip</source>
        <translation>Erholung ohne Abrutschen</translation>
    </message>
    <message>
        <source>clock not aligned</source>
        <translation>Uhr nicht ausgerichtet</translation>
    </message>
    <message>
        <source>stream check failed</source>
        <translation>Prüfung des Datenstroms fehlgeschlagen</translation>
    </message>
    <message>
        <source>episode check failed</source>
        <translation>Prüfung der Episode fehlgeschlagen</translation>
    </message>
    <message>
        <source>consent invalid</source>
        <translation>Einwilligung ungültig</translation>
    </message>
    <message>
        <source>slip</source>
        <translation>Abrutschen</translation>
    </message>
    <message>
        <source>regrasp</source>
        <translation>Nachgreifen</translation>
    </message>
    <message>
        <source>recovery</source>
        <translation>Erholung</translation>
    </message>
    <message>
        <source>%1&apos;s clock failed the alignment check: %2</source>
        <translation>Die Uhr von %1 hat die Ausrichtungsprüfung nicht bestanden: %2</translation>
    </message>
    <message>
        <source>%1 failed its health check (the Sync panel lists its findings)</source>
        <translation>%1 hat die Zustandsprüfung nicht bestanden (die Befunde stehen im Synchronisationsbereich)</translation>
    </message>
    <message>
        <source>%1 failed QC check %2</source>
        <translation>%1 hat die Prüfung %2 nicht bestanden</translation>
    </message>
    <message>
        <source>%1 failed QC check %2 (%3)</source>
        <translation>%1 hat die Prüfung %2 nicht bestanden (%3)</translation>
    </message>
    <message>
        <source>%1&apos;s clock is not aligned to the timeline: run sync, or set it by hand (Adjust clock… in the Sync panel)</source>
        <translation>Die Uhr von %1 ist nicht auf die Zeitleiste ausgerichtet: sync ausführen oder von Hand setzen (Uhr einstellen… im Synchronisationsbereich)</translation>
    </message>
    <message>
        <source>The episode failed QC check %1</source>
        <translation>Die Episode hat die Prüfung %1 nicht bestanden</translation>
    </message>
    <message>
        <source>The episode has no consent record: it is excluded from exports</source>
        <translation>Für die Episode ist keine Einwilligung erfasst: sie wird nicht exportiert</translation>
    </message>
    <message>
        <source>Participant %1 withdrew on %2: the episode is excluded from exports</source>
        <translation>Teilnehmer %1 hat am %2 widerrufen: die Episode wird nicht exportiert</translation>
    </message>
    <message>
        <source>Consent %1 of participant %2 was withdrawn on %3: the episode is excluded from exports</source>
        <translation>Die Einwilligung %1 von Teilnehmer %2 wurde am %3 widerrufen: die Episode wird nicht exportiert</translation>
    </message>
    <message>
        <source>Consent %1 of participant %2 was never signed: the episode is excluded from exports</source>
        <translation>Die Einwilligung %1 von Teilnehmer %2 wurde nie unterschrieben: die Episode wird nicht exportiert</translation>
    </message>
    <message>
        <source>Labels %1 (“%2”) and %3 (“%4”) of tier %5 overlap from %6 to %7</source>
        <translation>Die Labels %1 („%2“) und %3 („%4“) der Ebene %5 überlappen von %6 bis %7</translation>
    </message>
    <message>
        <source>Label %1 (“%2”) from %3 to %4 lies outside the recording (0 to %5)</source>
        <translation>Label %1 („%2“) von %3 bis %4 liegt außerhalb der Aufnahme (0 bis %5)</translation>
    </message>
    <message>
        <source>Recovery event %1 at %2 names no slip it recovers from</source>
        <translation>Das Erholungsereignis %1 bei %2 nennt kein Abrutschen, von dem es sich erholt</translation>
    </message>
    <message>
        <source>Event %1 (%2) at %3 lies outside the recording</source>
        <translation>Ereignis %1 (%2) bei %3 liegt außerhalb der Aufnahme</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Space</source>
        <translation>Leertaste</translation>
    </message>
    <message>
        <source>Play / pause</source>
        <translation>Abspielen / Pause</translation>
    </message>
    <message>
        <source>J</source>
        <translation>J</translation>
    </message>
    <message>
        <source>Play backward (again: faster)</source>
        <translation>Rückwärts abspielen (nochmals: schneller)</translation>
    </message>
    <message>
        <source>K</source>
        <translation>K</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>L</source>
        <translation>L</translation>
    </message>
    <message>
        <source>Play forward (again: 2×, 4×, 8×)</source>
        <translation>Vorwärts abspielen (nochmals: 2×, 4×, 8×)</translation>
    </message>
    <message>
        <source>←</source>
        <translation>←</translation>
    </message>
    <message>
        <source>One frame back</source>
        <translation>Ein Bild zurück</translation>
    </message>
    <message>
        <source>→</source>
        <translation>→</translation>
    </message>
    <message>
        <source>One frame forward</source>
        <translation>Ein Bild vor</translation>
    </message>
    <message>
        <source>Shift+←</source>
        <translation>Umschalt+←</translation>
    </message>
    <message>
        <source>One second back</source>
        <translation>Eine Sekunde zurück</translation>
    </message>
    <message>
        <source>Shift+→</source>
        <translation>Umschalt+→</translation>
    </message>
    <message>
        <source>One second forward</source>
        <translation>Eine Sekunde vor</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Pos1</translation>
    </message>
    <message>
        <source>Start of the episode</source>
        <translation>Anfang der Episode</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Ende</translation>
    </message>
    <message>
        <source>End of the episode</source>
        <translation>Ende der Episode</translation>
    </message>
    <message>
        <source>+</source>
        <translation>+</translation>
    </message>
    <message>
        <source>Zoom the timeline in (down to single frames)</source>
        <translation>Zeitleiste vergrößern (bis zu einzelnen Bildern)</translation>
    </message>
    <message>
        <source>−</source>
        <translation>−</translation>
    </message>
    <message>
        <source>Zoom the timeline out</source>
        <translation>Zeitleiste verkleinern</translation>
    </message>
    <message>
        <source>0</source>
        <translation>0</translation>
    </message>
    <message>
        <source>Show the whole episode</source>
        <translation>Die ganze Episode zeigen</translation>
    </message>
    <message>
        <source>F</source>
        <translation>F</translation>
    </message>
    <message>
        <source>3D view: follow the camera on / off</source>
        <translation>3D-Ansicht: Kamera folgen ein / aus</translation>
    </message>
    <message>
        <source>F1 or ?</source>
        <translation>F1 oder ?</translation>
    </message>
    <message>
        <source>Show / hide this help</source>
        <translation>Diese Hilfe zeigen / ausblenden</translation>
    </message>
    <message>
        <source>I</source>
        <translation>I</translation>
    </message>
    <message>
        <source>Mark in at the cursor</source>
        <translation>Anfangsmarke an der Zeitmarke</translation>
    </message>
    <message>
        <source>O</source>
        <translation>O</translation>
    </message>
    <message>
        <source>Mark out at the cursor</source>
        <translation>Endmarke an der Zeitmarke</translation>
    </message>
    <message>
        <source>N or Enter</source>
        <translation>N oder Eingabe</translation>
    </message>
    <message>
        <source>New label from the marks (in the selected tier)</source>
        <translation>Neues Label zwischen den Marken (in der gewählten Ebene)</translation>
    </message>
    <message>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <source>Slip at the cursor</source>
        <translation>Abrutschen an der Zeitmarke</translation>
    </message>
    <message>
        <source>G</source>
        <translation>G</translation>
    </message>
    <message>
        <source>Regrasp at the cursor</source>
        <translation>Nachgreifen an der Zeitmarke</translation>
    </message>
    <message>
        <source>R</source>
        <translation>R</translation>
    </message>
    <message>
        <source>Recovery at the cursor (linked to the slip before it)</source>
        <translation>Erholung an der Zeitmarke (mit dem Abrutschen davor verknüpft)</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Entf</translation>
    </message>
    <message>
        <source>Delete the selected label or event</source>
        <translation>Gewähltes Label oder Ereignis löschen</translation>
    </message>
    <message>
        <source>Ctrl+Z</source>
        <translation>Strg+Z</translation>
    </message>
    <message>
        <source>Undo the last edit</source>
        <translation>Letzte Änderung rückgängig machen</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Z</source>
        <translation>Strg+Umschalt+Z</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>Ctrl+K</source>
        <translation>Strg+K</translation>
    </message>
    <message>
        <source>Interpolate joint corrections between the marks (or the whole episode)</source>
        <translation>Gelenkkorrekturen zwischen den Marken interpolieren (oder über die ganze Episode)</translation>
    </message>
</context>
<context>
    <name>SignalGroup</name>
    <message>
        <source>Hand speed</source>
        <translation>Handgeschwindigkeit</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>Acceleration</source>
        <translation>Beschleunigung</translation>
    </message>
    <message>
        <source>Rotation rate</source>
        <translation>Drehrate</translation>
    </message>
    <message>
        <source>Force</source>
        <translation>Kraft</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Align, annotate and review egocentric hand recordings.</source>
        <translation>Egozentrische Handaufnahmen ausrichten, annotieren und prüfen.</translation>
    </message>
    <message>
        <source>Open the demo project (created on first use).</source>
        <translation>Das Demoprojekt öffnen (wird beim ersten Mal angelegt).</translation>
    </message>
    <message>
        <source>Where the demo project lives.</source>
        <translation>Wo das Demoprojekt liegt.</translation>
    </message>
    <message>
        <source>Save a screenshot of the loaded window and exit.</source>
        <translation>Ein Bildschirmfoto des geladenen Fensters speichern und beenden.</translation>
    </message>
    <message>
        <source>Open this episode&apos;s workspace once the project is open.</source>
        <translation>Den Arbeitsbereich dieser Episode öffnen, sobald das Projekt offen ist.</translation>
    </message>
    <message>
        <source>light or dark, for this run (View → Theme remembers one).</source>
        <translation>light oder dark, für diesen Start (Ansicht → Design merkt sich eines).</translation>
    </message>
    <message>
        <source>Run a GUI benchmark (plot, view3d, playback, startup) and exit.</source>
        <translation>Einen GUI-Benchmark ausführen (plot, view3d, playback, startup) und beenden.</translation>
    </message>
    <message>
        <source>Window size WxH (e.g. 1280x720).</source>
        <translation>Fenstergröße BxH (z. B. 1280x720).</translation>
    </message>
    <message>
        <source>A project file (.tsproj) or its folder.</source>
        <translation>Eine Projektdatei (.tsproj) oder ihr Ordner.</translation>
    </message>
    <message>
        <source>User interface language for this run (en, de, fr).</source>
        <translation>Sprache der Oberfläche für diesen Start (en, de, fr).</translation>
    </message>
    <message>
        <source>Bring this panel of the workspace to the front (sync, qc, inspector, …).</source>
        <translation>Dieses Fenster des Arbeitsbereichs nach vorn holen (sync, qc, inspector, …).</translation>
    </message>
    <message>
        <source>Open a dialog over the project window (export, participants, about); with --screenshot, of the dialog.</source>
        <translation>Einen Dialog über dem Projektfenster öffnen (export, participants, about); mit --screenshot ein Bildschirmfoto des Dialogs.</translation>
    </message>
    <message>
        <source>Select this stream in the Sync panel (with --dock sync).</source>
        <translation>Diesen Datenstrom im Synchronisations-Bereich auswählen (mit --dock sync).</translation>
    </message>
</context>
<context>
    <name>ts::widgets::AboutDialog</name>
    <message>
        <source>About Touchstone</source>
        <translation>Über Touchstone</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Touchstone %1&lt;/h2&gt;&lt;p&gt;Egocentric recordings of hands at work, aligned, annotated and reviewed as training data for robots.&lt;/p&gt;&lt;p&gt;Licensed under the Apache License, version 2.0.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Touchstone %1&lt;/h2&gt;&lt;p&gt;Egozentrische Aufnahmen arbeitender Hände, ausgerichtet, annotiert und geprüft als Trainingsdaten für Roboter.&lt;/p&gt;&lt;p&gt;Lizenziert unter der Apache License, Version 2.0.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Diagnostics (quote them in a bug report):</source>
        <translation>Diagnose (für Fehlerberichte):</translation>
    </message>
    <message>
        <source>Copy Diagnostics</source>
        <translation>Diagnose kopieren</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
</context>
<context>
    <name>ts::widgets::AnnotationInspector</name>
    <message>
        <source>Start ← cursor</source>
        <translation>Anfang ← Zeitmarke</translation>
    </message>
    <message>
        <source>Move the start to the time cursor</source>
        <translation>Den Anfang auf die Zeitmarke setzen</translation>
    </message>
    <message>
        <source>End ← cursor</source>
        <translation>Ende ← Zeitmarke</translation>
    </message>
    <message>
        <source>Move the end to the time cursor</source>
        <translation>Das Ende auf die Zeitmarke setzen</translation>
    </message>
    <message>
        <source>Select a label or an event on the timeline, or draw a label by dragging on a tier.</source>
        <translation>Ein Label oder Ereignis auf der Zeitleiste wählen oder ein Label durch Ziehen auf einer Ebene zeichnen.</translation>
    </message>
    <message>
        <source>What happened, e.g. pick up the cup</source>
        <translation>Was geschah, z. B. Tasse aufnehmen</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Ebene</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>not said</source>
        <translation>nicht angegeben</translation>
    </message>
    <message>
        <source>left</source>
        <translation>links</translation>
    </message>
    <message>
        <source>right</source>
        <translation>rechts</translation>
    </message>
    <message>
        <source>both</source>
        <translation>beide</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>Notiz (optional)</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Hand</source>
        <translation>Hand</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Recovers from</source>
        <translation>Erholt sich von</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Nothing selected</source>
        <translation>Nichts gewählt</translation>
    </message>
    <message>
        <source>Label %1 · by %2</source>
        <translation>Label %1 · von %2</translation>
    </message>
    <message>
        <source>Event %1 · by %2</source>
        <translation>Ereignis %1 · von %2</translation>
    </message>
    <message>
        <source>no slip</source>
        <translation>kein Abrutschen</translation>
    </message>
    <message>
        <source>slip %1 at %2</source>
        <translation>Abrutschen %1 bei %2</translation>
    </message>
    <message>
        <source>Suggested slip (%1 hand)</source>
        <translation>Vorgeschlagenes Abrutschen (Hand %1)</translation>
    </message>
    <message>
        <source>Grip force fell by %1 % (from %2 N to %3 N) while the fingertips moved %4 mm. Score %5. Accept makes it a slip event; Dismiss hides it for good.</source>
        <translation>Die Griffkraft fiel um %1 % (von %2 N auf %3 N), während sich die Fingerspitzen %4 mm bewegten. Bewertung %5. Annehmen macht daraus ein Abrutsch-Ereignis; Verwerfen blendet den Vorschlag dauerhaft aus.</translation>
    </message>
    <message>
        <source>an unknown distance</source>
        <translation>eine unbekannte Strecke</translation>
    </message>
    <message>
        <source>%1 – %2 (%3 s)</source>
        <translation>%1 – %2 (%3 s)</translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>bei %1</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Annehmen</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Verwerfen</translation>
    </message>
</context>
<context>
    <name>ts::widgets::AnnotationSession</name>
    <message>
        <source>Episode %1 has no hands stream to correct.</source>
        <translation>Episode %1 hat keinen Handdatenstrom, der korrigiert werden könnte.</translation>
    </message>
    <message numerus="yes">
        <source>interpolate %n keypoint correction(s)</source>
        <translation>
            <numerusform>%n Gelenkkorrektur interpolieren</numerusform>
            <numerusform>%n Gelenkkorrekturen interpolieren</numerusform>
        </translation>
    </message>
    <message>
        <source>set the clock of %1</source>
        <translation>Uhr von %1 setzen</translation>
    </message>
</context>
<context>
    <name>ts::widgets::ClockAdjustDialog</name>
    <message>
        <source>Adjust the clock of %1</source>
        <translation>Uhr von %1 einstellen</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Negative moves the stream earlier; −33.4 is one frame at 30 fps</source>
        <translation>Negativ verschiebt den Datenstrom nach vorn; −33,4 ist ein Bild bei 30 fps</translation>
    </message>
    <message>
        <source> ppm</source>
        <translation> ppm</translation>
    </message>
    <message>
        <source>How much faster the stream&apos;s clock runs than the timeline&apos;s, about the model&apos;s reference time t0</source>
        <translation>Wie viel schneller die Uhr des Datenstroms läuft als die der Zeitachse, um die Bezugszeit t0 des Modells</translation>
    </message>
    <message>
        <source>Now: offset %1 ms, drift %2 ppm (%3). The change is stored in your name as a manual model; Ctrl+Z takes it back.</source>
        <translation>Jetzt: Versatz %1 ms, Drift %2 ppm (%3). Die Änderung wird in Ihrem Namen als manuelles Modell gespeichert; Strg+Z nimmt sie zurück.</translation>
    </message>
    <message>
        <source>Move on the timeline by</source>
        <translation>Auf der Zeitachse verschieben um</translation>
    </message>
    <message>
        <source>Drift</source>
        <translation>Drift</translation>
    </message>
    <message>
        <source>To be stored: offset %1 ms, drift %2 ppm.</source>
        <translation>Wird gespeichert: Versatz %1 ms, Drift %2 ppm.</translation>
    </message>
    <message>
        <source>Nothing changed yet.</source>
        <translation>Noch nichts geändert.</translation>
    </message>
</context>
<context>
    <name>ts::widgets::EpisodeTableModel</name>
    <message>
        <source>Imported %1 by %2</source>
        <translation>Importiert %1 von %2</translation>
    </message>
    <message>
        <source>Episode</source>
        <translation>Episode</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>Teilnehmer/in</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Streams</source>
        <translation>Datenströme</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importiert</translation>
    </message>
    <message>
        <source>approved by %1</source>
        <translation>freigegeben von %1</translation>
    </message>
    <message>
        <source>rejected by %1</source>
        <translation>abgelehnt von %1</translation>
    </message>
    <message>
        <source>rejected by %1: %2</source>
        <translation>abgelehnt von %1: %2</translation>
    </message>
    <message>
        <source>%1 on %2%3</source>
        <translation>%1 am %2%3</translation>
    </message>
    <message>
        <source>QC</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>aligned</source>
        <translation>ausgerichtet</translation>
    </message>
    <message>
        <source>not aligned: %1</source>
        <translation>nicht ausgerichtet: %1</translation>
    </message>
    <message>
        <source>Every stream&apos;s clock is on the timeline within the project&apos;s sync tolerance.</source>
        <translation>Die Uhr jedes Datenstroms liegt innerhalb der Synchronisationstoleranz des Projekts auf der Zeitleiste.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>
Run touchstone-cli sync, or set a clock by hand in the episode&apos;s Sync panel.</source>
        <translation>
Führen Sie touchstone-cli sync aus oder stellen Sie eine Uhr im Synchronisations-Bereich der Episode von Hand ein.</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synchronisation</translation>
    </message>
</context>
<context>
    <name>ts::widgets::EpisodeWorkspace</name>
    <message>
        <source>Video</source>
        <translation>Video</translation>
    </message>
    <message>
        <source>3D scene</source>
        <translation>3D-Szene</translation>
    </message>
    <message>
        <source>Signals</source>
        <translation>Signale</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synchronisation</translation>
    </message>
    <message>
        <source>Playback</source>
        <translation>Wiedergabe</translation>
    </message>
    <message>
        <source>Start (Home)</source>
        <translation>Anfang (Pos1)</translation>
    </message>
    <message>
        <source>One frame back (←)</source>
        <translation>Ein Bild zurück (←)</translation>
    </message>
    <message>
        <source>Play / pause (Space)</source>
        <translation>Abspielen / Pause (Leertaste)</translation>
    </message>
    <message>
        <source>One frame forward (→)</source>
        <translation>Ein Bild vor (→)</translation>
    </message>
    <message>
        <source>End (End)</source>
        <translation>Ende (Ende)</translation>
    </message>
    <message>
        <source>Zoom −</source>
        <translation>Zoom −</translation>
    </message>
    <message>
        <source>Zoom the timeline out (−)</source>
        <translation>Zeitleiste verkleinern (−)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Show the whole episode (0)</source>
        <translation>Die ganze Episode zeigen (0)</translation>
    </message>
    <message>
        <source>Zoom +</source>
        <translation>Zoom +</translation>
    </message>
    <message>
        <source>Zoom the timeline in (+)</source>
        <translation>Zeitleiste vergrößern (+)</translation>
    </message>
    <message>
        <source>Shortcuts (F1)</source>
        <translation>Tastenkürzel (F1)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts (F1 or ?)</source>
        <translation>Tastenkürzel (F1 oder ?)</translation>
    </message>
    <message>
        <source>&amp;Playback</source>
        <translation>&amp;Wiedergabe</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Reset Layout</source>
        <translation>Anordnung zurücksetzen</translation>
    </message>
    <message>
        <source>%1 — Touchstone</source>
        <translation>%1 — Touchstone</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Lese %1…</translation>
    </message>
    <message>
        <source>Cannot open the episode: %1</source>
        <translation>Die Episode lässt sich nicht öffnen: %1</translation>
    </message>
    <message>
        <source>%1 — %2 — Touchstone</source>
        <translation>%1 — %2 — Touchstone</translation>
    </message>
    <message>
        <source>%1 · participant %2 · %3 streams</source>
        <translation>%1 · Teilnehmer %2 · %3 Datenströme</translation>
    </message>
    <message>
        <source>  ·  frame %1</source>
        <translation>  ·  Bild %1</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Eigenschaften</translation>
    </message>
    <message>
        <source>QC</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Annotate</source>
        <translation>A&amp;nnotieren</translation>
    </message>
    <message>
        <source>Set a mark in (I) and a mark out (O) first.</source>
        <translation>Zuerst Anfangsmarke (I) und Endmarke (O) setzen.</translation>
    </message>
    <message>
        <source>Annotations cannot be read: %1</source>
        <translation>Annotationen lassen sich nicht lesen: %1</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>Nicht ausgeführt</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Subtask</source>
        <translation>Teilaufgabe</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>QC flags</source>
        <translation>Prüfhinweise</translation>
    </message>
    <message>
        <source>slip?</source>
        <translation>Abrutschen?</translation>
    </message>
    <message>
        <source>%1 from %2 to %3:</source>
        <translation>%1 von %2 bis %3:</translation>
    </message>
    <message>
        <source>New label</source>
        <translation>Neues Label</translation>
    </message>
    <message>
        <source>no map</source>
        <translation>keine Karte</translation>
    </message>
    <message>
        <source>World map: %1</source>
        <translation>Weltkarte: %1</translation>
    </message>
    <message numerus="yes">
        <source>Filled %n gap(s) between corrected joints.</source>
        <translation>
            <numerusform>%n Lücke zwischen korrigierten Gelenken gefüllt.</numerusform>
            <numerusform>%n Lücken zwischen korrigierten Gelenken gefüllt.</numerusform>
        </translation>
    </message>
    <message>
        <source>No joint has two corrections between the marks with frames between them.</source>
        <translation>Kein Gelenk hat zwischen den Marken zwei Korrekturen mit Bildern dazwischen.</translation>
    </message>
    <message>
        <source>No joint has two corrections with frames between them.</source>
        <translation>Kein Gelenk hat zwei Korrekturen mit Bildern dazwischen.</translation>
    </message>
    <message>
        <source>Open the episode from a project to change its clocks.</source>
        <translation>Öffnen Sie die Episode aus einem Projekt, um ihre Uhren zu ändern.</translation>
    </message>
    <message>
        <source>Clock changed: reading %1 again…</source>
        <translation>Uhr geändert: %1 wird neu gelesen…</translation>
    </message>
    <message>
        <source>Cannot read the episode again: %1</source>
        <translation>Die Episode kann nicht erneut gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>ts::widgets::EvidencePlot</name>
    <message>
        <source>after alignment (offset %1 ms, drift %2 ppm)</source>
        <translation>nach der Ausrichtung (Versatz %1 ms, Drift %2 ppm)</translation>
    </message>
    <message>
        <source>as recorded</source>
        <translation>wie aufgezeichnet</translation>
    </message>
    <message>
        <source>set by hand (offset %1 ms, drift %2 ppm)</source>
        <translation>von Hand gesetzt (Versatz %1 ms, Drift %2 ppm)</translation>
    </message>
</context>
<context>
    <name>ts::widgets::ExportDialog</name>
    <message>
        <source>Export Dataset</source>
        <translation>Datensatz exportieren</translation>
    </message>
    <message>
        <source>Approved episodes whose consent is recorded and not withdrawn are exported, with a provenance record of each.</source>
        <translation>Exportiert werden freigegebene Episoden mit erfasster, nicht widerrufener Einwilligung, jede mit einem Herkunftsnachweis.</translation>
    </message>
    <message>
        <source>LeRobot v3.0 (Parquet + MP4)</source>
        <translation>LeRobot v3.0 (Parquet + MP4)</translation>
    </message>
    <message>
        <source>HDF5 (one file per episode)</source>
        <translation>HDF5 (eine Datei je Episode)</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>A new or empty folder</source>
        <translation>Ein neuer oder leerer Ordner</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Wählen…</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source> fps</source>
        <translation> B/s</translation>
    </message>
    <message>
        <source>Frame rate</source>
        <translation>Bildrate</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Cancel Export</source>
        <translation>Export abbrechen</translation>
    </message>
    <message>
        <source>Export into</source>
        <translation>Exportieren nach</translation>
    </message>
    <message>
        <source>Choose a folder first.</source>
        <translation>Zuerst einen Ordner wählen.</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n episode(s), %1 frames, in %2 s into %3.</source>
        <translation>
            <numerusform>%n Episode exportiert, %1 Bilder, in %2 s nach %3.</numerusform>
            <numerusform>%n Episoden exportiert, %1 Bilder, in %2 s nach %3.</numerusform>
        </translation>
    </message>
    <message>
        <source>Left out %1: %2</source>
        <translation>Ausgelassen %1: %2</translation>
    </message>
    <message>
        <source>Provenance: provenance.json (SHA-256 %1)</source>
        <translation>Herkunft: provenance.json (SHA-256 %1)</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Fertig.</translation>
    </message>
    <message>
        <source>Cancelled: nothing was left at the destination.</source>
        <translation>Abgebrochen: am Ziel ist nichts zurückgeblieben.</translation>
    </message>
    <message>
        <source>Not exported.</source>
        <translation>Nicht exportiert.</translation>
    </message>
    <message>
        <source> · about %1 s left</source>
        <translation> · noch etwa %1 s</translation>
    </message>
    <message>
        <source>%1 (%2 %)%3</source>
        <translation>%1 (%2 %)%3</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Breche ab…</translation>
    </message>
    <message>
        <source>No episode can be exported yet.</source>
        <translation>Noch kann keine Episode exportiert werden.</translation>
    </message>
    <message numerus="yes">
        <source>Ready to export %n episode(s): %1</source>
        <translation>
            <numerusform>Bereit, %n Episode zu exportieren: %1</numerusform>
            <numerusform>Bereit, %n Episoden zu exportieren: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ts::widgets::FilmstripView</name>
    <message>
        <source>No video in this episode</source>
        <translation>Kein Video in dieser Episode</translation>
    </message>
</context>
<context>
    <name>ts::widgets::HelpOverlay</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Any key or click closes this help.</source>
        <translation>Eine beliebige Taste oder ein Klick schließt diese Hilfe.</translation>
    </message>
</context>
<context>
    <name>ts::widgets::ParticipantsDialog</name>
    <message>
        <source>Participants and Consent</source>
        <translation>Teilnehmende und Einwilligung</translation>
    </message>
    <message>
        <source>Withdraw participant</source>
        <translation>Teilnahme widerrufen</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>Teilnehmer/in</translation>
    </message>
    <message>
        <source>Episodes</source>
        <translation>Episoden</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Einwilligung</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Formular</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>Bedingungen</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Umfang</translation>
    </message>
    <message>
        <source>Compensation</source>
        <translation>Vergütung</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Unterzeichnet</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <source>New participant</source>
        <translation>Neue/r Teilnehmer/in</translation>
    </message>
    <message>
        <source>pseudonymous id, e.g. P-014</source>
        <translation>pseudonyme Kennung, z. B. P-014</translation>
    </message>
    <message>
        <source>optional, no names</source>
        <translation>optional, keine Namen</translation>
    </message>
    <message>
        <source>Add Participant</source>
        <translation>Teilnehmer/in hinzufügen</translation>
    </message>
    <message>
        <source>Id:</source>
        <translation>Kennung:</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>Notizen:</translation>
    </message>
    <message>
        <source>Record consent for the selected participant</source>
        <translation>Einwilligung der ausgewählten Person erfassen</translation>
    </message>
    <message>
        <source>the signed form&apos;s reference</source>
        <translation>Referenz des unterzeichneten Formulars</translation>
    </message>
    <message>
        <source>research, commercial, publication</source>
        <translation>Forschung, kommerziell, Veröffentlichung</translation>
    </message>
    <message>
        <source>Record Consent</source>
        <translation>Einwilligung erfassen</translation>
    </message>
    <message>
        <source>Reference:</source>
        <translation>Referenz:</translation>
    </message>
    <message>
        <source>Form version:</source>
        <translation>Formularversion:</translation>
    </message>
    <message>
        <source>Terms:</source>
        <translation>Bedingungen:</translation>
    </message>
    <message>
        <source>Scope:</source>
        <translation>Umfang:</translation>
    </message>
    <message>
        <source>Compensation:</source>
        <translation>Vergütung:</translation>
    </message>
    <message>
        <source>Signed:</source>
        <translation>Unterzeichnet:</translation>
    </message>
    <message>
        <source>Withdraw Participant…</source>
        <translation>Teilnahme widerrufen…</translation>
    </message>
    <message>
        <source>Their episodes leave review approval, QC&apos;s ready state and every export. A withdrawal is not taken back.</source>
        <translation>Ihre Episoden scheiden aus Freigabe, QC-Bereitschaft und jedem Export aus. Ein Widerruf wird nicht zurückgenommen.</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Teilnehmende</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Added by</source>
        <translation>Hinzugefügt von</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Hinzugefügt</translation>
    </message>
    <message>
        <source>New consent form</source>
        <translation>Neues Einwilligungsformular</translation>
    </message>
    <message>
        <source>e.g. 2026-03</source>
        <translation>z. B. 2026-03</translation>
    </message>
    <message>
        <source>the terms as signed, or a short reference to them</source>
        <translation>die Bedingungen wie unterzeichnet oder ein kurzer Verweis darauf</translation>
    </message>
    <message>
        <source>Add Form</source>
        <translation>Formular hinzufügen</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Version:</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Titel:</translation>
    </message>
    <message>
        <source>Consent forms</source>
        <translation>Einwilligungsformulare</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>form %1, signed %2</source>
        <translation>Formular %1, unterzeichnet %2</translation>
    </message>
    <message numerus="yes">
        <source> (+%n earlier)</source>
        <translation>
            <numerusform> (+%n frühere)</numerusform>
            <numerusform> (+%n frühere)</numerusform>
        </translation>
    </message>
    <message>
        <source>withdrawn %1</source>
        <translation>widerrufen %1</translation>
    </message>
    <message>
        <source>no consent recorded</source>
        <translation>keine Einwilligung erfasst</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>Participant %1 added.</source>
        <translation>Teilnehmer/in %1 hinzugefügt.</translation>
    </message>
    <message>
        <source>Select a participant first.</source>
        <translation>Wählen Sie zuerst eine/n Teilnehmer/in.</translation>
    </message>
    <message>
        <source>Consent %1 recorded for %2.</source>
        <translation>Einwilligung %1 für %2 erfasst.</translation>
    </message>
    <message numerus="yes">
        <source>Withdraw %1? Their %n episode(s) will leave review approval, QC&apos;s ready state and every export from now on. This is recorded and not taken back.</source>
        <translation>
            <numerusform>%1 widerrufen? Die %n Episode scheidet ab jetzt aus Freigabe, QC-Bereitschaft und jedem Export aus. Das wird festgehalten und nicht zurückgenommen.</numerusform>
            <numerusform>%1 widerrufen? Die %n Episoden scheiden ab jetzt aus Freigabe, QC-Bereitschaft und jedem Export aus. Das wird festgehalten und nicht zurückgenommen.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 withdrew; their episodes are excluded.</source>
        <translation>%1 hat widerrufen; die Episoden sind ausgeschlossen.</translation>
    </message>
    <message>
        <source>Consent form %1 added.</source>
        <translation>Einwilligungsformular %1 hinzugefügt.</translation>
    </message>
</context>
<context>
    <name>ts::widgets::ProjectWindow</name>
    <message>
        <source>Touchstone</source>
        <translation>Touchstone</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open Project…</source>
        <translation>Projekt ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>&amp;Import Episode or Capture…</source>
        <translation>Episode oder Aufnahme &amp;importieren…</translation>
    </message>
    <message>
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <source>&amp;Verify Project</source>
        <translation>Projekt &amp;prüfen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Episode</source>
        <translation>&amp;Episode</translation>
    </message>
    <message>
        <source>&amp;Open Workspace</source>
        <translation>Arbeitsbereich ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Touchstone</source>
        <translation>Über &amp;Touchstone</translation>
    </message>
    <message>
        <source>&amp;Copy Diagnostics</source>
        <translation>Diagnose &amp;kopieren</translation>
    </message>
    <message>
        <source>Diagnostics copied to the clipboard.</source>
        <translation>Diagnose in die Zwischenablage kopiert.</translation>
    </message>
    <message>
        <source>Search episodes, tasks, participants…</source>
        <translation>Episoden, Aufgaben, Teilnehmer suchen…</translation>
    </message>
    <message>
        <source>Select an episode to see its streams.</source>
        <translation>Eine Episode wählen, um ihre Datenströme zu sehen.</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>Datenstrom</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>Messwerte</translation>
    </message>
    <message>
        <source>Rate (Hz)</source>
        <translation>Rate (Hz)</translation>
    </message>
    <message>
        <source>Span (s)</source>
        <translation>Dauer (s)</translation>
    </message>
    <message>
        <source>Gaps</source>
        <translation>Lücken</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>Uhr</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Wo</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Befund</translation>
    </message>
    <message>
        <source>No project open</source>
        <translation>Kein Projekt geöffnet</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>Arbeitsbereich öffnen</translation>
    </message>
    <message>
        <source>The project has no episode &apos;%1&apos;.</source>
        <translation>Das Projekt hat keine Episode „%1“.</translation>
    </message>
    <message>
        <source>Cannot open %1</source>
        <translation>%1 lässt sich nicht öffnen</translation>
    </message>
    <message>
        <source>Cannot open project</source>
        <translation>Projekt lässt sich nicht öffnen</translation>
    </message>
    <message>
        <source>%1 — Touchstone</source>
        <translation>%1 — Touchstone</translation>
    </message>
    <message numerus="yes">
        <source>%1  ·  %n episode(s)</source>
        <translation>
            <numerusform>%1  ·  %n Episode</numerusform>
            <numerusform>%1  ·  %n Episoden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>  ·  %n participant(s)</source>
        <translation>
            <numerusform>  ·  %n Teilnehmer</numerusform>
            <numerusform>  ·  %n Teilnehmer</numerusform>
        </translation>
    </message>
    <message>
        <source>timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <source>not yet aligned</source>
        <translation>noch nicht ausgerichtet</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — %2&lt;br&gt;participant %3 · consent %4 (form %5)%6</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — %2&lt;br&gt;Teilnehmer %3 · Einwilligung %4 (Formular %5)%6</translation>
    </message>
    <message>
        <source> · &lt;span style=&apos;color:#c62828&apos;&gt;withdrawn&lt;/span&gt;</source>
        <translation> · &lt;span style=&apos;color:#c62828&apos;&gt;widerrufen&lt;/span&gt;</translation>
    </message>
    <message>
        <source>No warnings from import.</source>
        <translation>Keine Warnungen beim Import.</translation>
    </message>
    <message>
        <source>Warnings from import (%1):</source>
        <translation>Warnungen beim Import (%1):</translation>
    </message>
    <message>
        <source> frame %1</source>
        <translation> Bild %1</translation>
    </message>
    <message>
        <source>Preparing the demo project in %1…</source>
        <translation>Demoprojekt wird in %1 vorbereitet…</translation>
    </message>
    <message>
        <source>Creating demo</source>
        <translation>Demo wird angelegt</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>Projekt öffnen</translation>
    </message>
    <message>
        <source>Touchstone projects (*.tsproj)</source>
        <translation>Touchstone-Projekte (*.tsproj)</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Open or create a project first.</source>
        <translation>Zuerst ein Projekt öffnen oder anlegen.</translation>
    </message>
    <message>
        <source>Import Episode or Capture</source>
        <translation>Episode oder Aufnahme importieren</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>Importiere</translation>
    </message>
    <message>
        <source>Imported %1 (%2) with %3 warning(s).</source>
        <translation>%1 (%2) importiert, %3 Warnung(en).</translation>
    </message>
    <message>
        <source>Verifying</source>
        <translation>Prüfe</translation>
    </message>
    <message>
        <source>Project verified: %1 media files and %2 audit entries intact.</source>
        <translation>Projekt geprüft: %1 Mediendateien und %2 Protokolleinträge unversehrt.</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>&amp;Export Dataset…</source>
        <translation>Datensatz &amp;exportieren…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>&amp;Project</source>
        <translation>&amp;Projekt</translation>
    </message>
    <message>
        <source>&amp;Participants and Consent…</source>
        <translation>&amp;Teilnehmende und Einwilligung…</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Teilnehmende</translation>
    </message>
    <message>
        <source>&amp;Synchronise Clocks</source>
        <translation>Uhren &amp;synchronisieren</translation>
    </message>
    <message>
        <source>Synchronise Clocks</source>
        <translation>Uhren synchronisieren</translation>
    </message>
    <message>
        <source>Select an episode first.</source>
        <translation>Wählen Sie zuerst eine Episode aus.</translation>
    </message>
    <message>
        <source>Close the workspace of %1 first: it holds the clocks as they were.</source>
        <translation>Schließen Sie zuerst den Arbeitsbereich von %1: Er hält die Uhren, wie sie waren.</translation>
    </message>
    <message>
        <source>Synchronising the clocks of %1…</source>
        <translation>Die Uhren von %1 werden synchronisiert…</translation>
    </message>
    <message>
        <source>Synchronising %1</source>
        <translation>%1 wird synchronisiert</translation>
    </message>
    <message>
        <source>%1: every stream&apos;s clock is aligned.</source>
        <translation>%1: Die Uhr jedes Datenstroms ist ausgerichtet.</translation>
    </message>
    <message>
        <source>%1: %2 of %3 streams aligned; %4</source>
        <translation>%1: %2 von %3 Datenströmen ausgerichtet; %4</translation>
    </message>
    <message>
        <source>Synchronise &amp;All Not Aligned</source>
        <translation>&amp;Alle nicht ausgerichteten synchronisieren</translation>
    </message>
    <message>
        <source>Every episode&apos;s clocks are aligned.</source>
        <translation>Die Uhren jeder Episode sind ausgerichtet.</translation>
    </message>
    <message>
        <source>Only episodes with an open workspace are not aligned: %1. Close them first.</source>
        <translation>Nur Episoden mit offenem Arbeitsbereich sind nicht ausgerichtet: %1. Schließen Sie diese zuerst.</translation>
    </message>
    <message numerus="yes">
        <source>Synchronising %n episode(s)</source>
        <translation>
            <numerusform>%n Episode wird synchronisiert</numerusform>
            <numerusform>%n Episoden werden synchronisiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Synchronised %n episode(s): %1 now aligned</source>
        <translation>
            <numerusform>%n Episode synchronisiert: %1 jetzt ausgerichtet</numerusform>
            <numerusform>%n Episoden synchronisiert: %1 jetzt ausgerichtet</numerusform>
        </translation>
    </message>
    <message>
        <source>; still not aligned: %1</source>
        <translation>; weiterhin nicht ausgerichtet: %1</translation>
    </message>
    <message>
        <source>; not read: %1</source>
        <translation>; nicht gelesen: %1</translation>
    </message>
    <message>
        <source>; left alone while their workspace is open: %1</source>
        <translation>; ausgelassen, solange ihr Arbeitsbereich offen ist: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>; left as reviewed (approved): %1</source>
        <translation>; wie geprüft belassen (freigegeben): %1</translation>
    </message>
    <message>
        <source>Only approved episodes are not aligned: %1. Their clocks stay as their reviewer saw them until a lead reopens them.</source>
        <translation>Nur freigegebene Episoden sind nicht ausgerichtet: %1. Ihre Uhren bleiben, wie die Prüfung sie gesehen hat, bis eine Projektleitung sie wieder öffnet.</translation>
    </message>
</context>
<context>
    <name>ts::widgets::QcPanel</name>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Befund</translation>
    </message>
    <message>
        <source>Submit for Review</source>
        <translation>Zur Prüfung einreichen</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Freigeben</translation>
    </message>
    <message>
        <source>Reject…</source>
        <translation>Ablehnen…</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Wieder öffnen</translation>
    </message>
    <message>
        <source>Open an episode of a project to review it.</source>
        <translation>Eine Episode eines Projekts öffnen, um sie zu prüfen.</translation>
    </message>
    <message>
        <source>not a project user</source>
        <translation>kein Projektbenutzer</translation>
    </message>
    <message>
        <source>Status: &lt;b&gt;%1&lt;/b&gt; · you are %2 (%3)</source>
        <translation>Status: &lt;b&gt;%1&lt;/b&gt; · Sie sind %2 (%3)</translation>
    </message>
    <message>
        <source>Rejected by %1: %2. %3</source>
        <translation>Abgelehnt von %1: %2. %3</translation>
    </message>
    <message>
        <source>%1 %2 %</source>
        <translation>%1 %2 %</translation>
    </message>
    <message>
        <source>Sync: least confidence %1, largest residual %2 ms · label coverage: %3</source>
        <translation>Synchronisation: kleinste Konfidenz %1, größtes Residuum %2 ms · Label-Abdeckung: %3</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>whole</source>
        <translation>gesamt</translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>Keine Probleme gefunden.</translation>
    </message>
    <message>
        <source>Reject episode %1</source>
        <translation>Episode %1 ablehnen</translation>
    </message>
    <message>
        <source>Why? The annotator sees these reasons and your comment.</source>
        <translation>Warum? Die Annotierenden sehen diese Gründe und Ihren Kommentar.</translation>
    </message>
    <message>
        <source>Comment: what to fix, where</source>
        <translation>Kommentar: was zu beheben ist, und wo</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Ablehnen</translation>
    </message>
</context>
<context>
    <name>ts::widgets::SceneView</name>
    <message>
        <source>Follow camera</source>
        <translation>Kamera folgen</translation>
    </message>
    <message>
        <source>Reset view</source>
        <translation>Ansicht zurücksetzen</translation>
    </message>
    <message>
        <source>drag: orbit · Shift+drag: pan · wheel: zoom</source>
        <translation>Ziehen: kreisen · Umschalt+Ziehen: verschieben · Rad: zoomen</translation>
    </message>
    <message>
        <source>World map</source>
        <translation>Weltkarte</translation>
    </message>
    <message>
        <source>The episode&apos;s fused point cloud (built once, then kept in the project)</source>
        <translation>Die fusionierte Punktwolke der Episode (einmal berechnet, dann im Projekt gespeichert)</translation>
    </message>
    <message>
        <source>%L1 points, %2 mm</source>
        <translation>%L1 Punkte, %2 mm</translation>
    </message>
    <message>
        <source>building %1 %</source>
        <translation>wird berechnet: %1 %</translation>
    </message>
</context>
<context>
    <name>ts::widgets::SignalsPanel</name>
    <message>
        <source>Channels</source>
        <translation>Kanäle</translation>
    </message>
    <message>
        <source>hover to read values · click to move the cursor</source>
        <translation>Zeigen liest Werte ab · Klicken setzt die Zeitmarke</translation>
    </message>
</context>
<context>
    <name>ts::widgets::SignalsView</name>
    <message>
        <source>No signals in this episode.</source>
        <translation>Keine Signale in dieser Episode.</translation>
    </message>
    <message>
        <source>All channels are hidden (Channels ▾).</source>
        <translation>Alle Kanäle sind ausgeblendet (Kanäle ▾).</translation>
    </message>
</context>
<context>
    <name>ts::widgets::SyncPanel</name>
    <message>
        <source>Stream</source>
        <translation>Datenstrom</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Offset (ms)</source>
        <translation>Versatz (ms)</translation>
    </message>
    <message>
        <source>Drift (ppm)</source>
        <translation>Drift (ppm)</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Konfidenz</translation>
    </message>
    <message>
        <source>Residual (ms)</source>
        <translation>Residuum (ms)</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>Uhr</translation>
    </message>
    <message>
        <source>Engine now</source>
        <translation>Jetzt berechnet</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Befunde</translation>
    </message>
    <message>
        <source>vs %1: %2 ms, conf %3%4</source>
        <translation>gegen %1: %2 ms, Konf. %3%4</translation>
    </message>
    <message>
        <source> (no path to the timeline)</source>
        <translation> (kein Weg zur Zeitleiste)</translation>
    </message>
    <message>
        <source>no estimate</source>
        <translation>keine Schätzung</translation>
    </message>
    <message>
        <source>Select a stream to see the evidence of its alignment.</source>
        <translation>Einen Datenstrom wählen, um die Belege seiner Ausrichtung zu sehen.</translation>
    </message>
    <message>
        <source>%1 rotation rate</source>
        <translation>Drehrate von %1</translation>
    </message>
    <message>
        <source>camera rotation seen in %1</source>
        <translation>in %1 gesehene Kameradrehung</translation>
    </message>
    <message>
        <source>%1 gyro</source>
        <translation>Gyroskop von %1</translation>
    </message>
    <message>
        <source>%1 is on the timeline clock itself: nothing to align.</source>
        <translation>%1 läuft selbst auf der Uhr der Zeitleiste: nichts auszurichten.</translation>
    </message>
    <message>
        <source>%1 was estimated against %2 (%3, confidence %4). %5</source>
        <translation>%1 wurde gegen %2 geschätzt (%3, Konfidenz %4). %5</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>no evidence to plot.</source>
        <translation>keine Belege zum Zeichnen.</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>warn</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>fail</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>right palm rotation rate</source>
        <translation>Drehrate der rechten Handfläche</translation>
    </message>
    <message>
        <source>left palm rotation rate</source>
        <translation>Drehrate der linken Handfläche</translation>
    </message>
    <message>
        <source>fingertip speed (right hand)</source>
        <translation>Fingerspitzengeschwindigkeit (rechte Hand)</translation>
    </message>
    <message>
        <source>fingertip speed (left hand)</source>
        <translation>Fingerspitzengeschwindigkeit (linke Hand)</translation>
    </message>
    <message>
        <source>force (right hand)</source>
        <translation>Kraft (rechte Hand)</translation>
    </message>
    <message>
        <source>force (left hand)</source>
        <translation>Kraft (linke Hand)</translation>
    </message>
    <message>
        <source>Adjust clock…</source>
        <translation>Uhr einstellen…</translation>
    </message>
    <message>
        <source>Move the selected stream on the timeline or set its drift by hand (Ctrl+Z takes it back)</source>
        <translation>Den ausgewählten Datenstrom von Hand auf der Zeitachse verschieben oder seine Drift setzen (Strg+Z nimmt es zurück)</translation>
    </message>
</context>
<context>
    <name>ts::widgets::TimelineView</name>
    <message>
        <source>Loading…</source>
        <translation>Lädt…</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Video</translation>
    </message>
    <message>
        <source> (unaligned)</source>
        <translation> (nicht ausgerichtet)</translation>
    </message>
    <message>
        <source>%1: %2 samples at %3 Hz, %4 gap(s), about %5 dropped</source>
        <translation>%1: %2 Messwerte mit %3 Hz, %4 Lücke(n), etwa %5 verloren</translation>
    </message>
    <message>
        <source>
Its clock is not aligned to the timeline: samples are shown at their raw times.</source>
        <translation>
Seine Uhr ist nicht auf die Zeitleiste ausgerichtet: Messwerte stehen bei ihren Rohzeiten.</translation>
    </message>
</context>
<context>
    <name>ts::widgets::VideoCanvas</name>
    <message>
        <source>Frame %1: %2</source>
        <translation>Bild %1: %2</translation>
    </message>
    <message>
        <source>This episode has no video.</source>
        <translation>Diese Episode hat kein Video.</translation>
    </message>
    <message>
        <source>frame %1</source>
        <translation>Bild %1</translation>
    </message>
    <message>
        <source>frame %1 (decoding %2…)</source>
        <translation>Bild %1 (dekodiere %2…)</translation>
    </message>
    <message>
        <source> · damaged, concealed</source>
        <translation> · beschädigt, verdeckt</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Lädt…</translation>
    </message>
    <message>
        <source>Restore the Recorded Position</source>
        <translation>Aufgezeichnete Position wiederherstellen</translation>
    </message>
    <message>
        <source>Moving a joint: release to store it, Esc to cancel</source>
        <translation>Gelenk wird verschoben: loslassen zum Speichern, Esc zum Abbrechen</translation>
    </message>
</context>
<context>
    <name>ts::widgets::VideoPanel</name>
    <message>
        <source>Skeletons</source>
        <translation>Skelette</translation>
    </message>
    <message>
        <source>Force halos</source>
        <translation>Kraft-Halos</translation>
    </message>
    <message>
        <source>Depth</source>
        <translation>Tiefe</translation>
    </message>
</context>
<context>
    <name>ts::widgets::VtkHost</name>
    <message>
        <source>The 3D view needs OpenGL 3.2, which this display does not offer.</source>
        <translation>Die 3D-Ansicht braucht OpenGL 3.2, das diese Anzeige nicht bietet.</translation>
    </message>
</context>
</TS>
