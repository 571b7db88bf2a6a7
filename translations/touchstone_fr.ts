<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>QMenu</name>
    <message>
        <source>&amp;Light Theme</source>
        <translation>Thème &amp;clair</translation>
    </message>
    <message>
        <source>&amp;Dark Theme</source>
        <translation>Thème &amp;sombre</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Touchstone will use the new language when it starts next time.</source>
        <translation>Touchstone utilisera la nouvelle langue au prochain démarrage.</translation>
    </message>
    <message>
        <source>System Language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>Video Frame &amp;Memory…</source>
        <translation>&amp;Mémoire des images vidéo…</translation>
    </message>
    <message>
        <source>Video Frame Memory</source>
        <translation>Mémoire des images vidéo</translation>
    </message>
    <message>
        <source>Memory for decoded video frames, in MB (for episodes opened from now on; playback decodes ahead into half of it):</source>
        <translation>Mémoire pour les images vidéo décodées, en Mo (pour les épisodes ouverts désormais ; la lecture décode en avance dans la moitié de cette mémoire) :</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Streams misaligned</source>
        <translation>Flux mal alignés</translation>
    </message>
    <message>
        <source>A stream is missing</source>
        <translation>Un flux manque</translation>
    </message>
    <message>
        <source>Labels wrong or missing</source>
        <translation>Étiquettes fausses ou manquantes</translation>
    </message>
    <message>
        <source>A slip is not marked</source>
        <translation>Un glissement n’est pas marqué</translation>
    </message>
    <message>
        <source>Consent problem</source>
        <translation>Problème de consentement</translation>
    </message>
    <message>
        <source>Other (say what in the comment)</source>
        <translation>Autre (préciser dans le commentaire)</translation>
    </message>
    <message>
        <source>new</source>
        <translation>nouveau</translation>
    </message>
    <message>
        <source>annotating</source>
        <translation>en annotation</translation>
    </message>
    <message>
        <source>submitted for review</source>
        <translation>soumis au contrôle</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>approuvé</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>rejeté</translation>
    </message>
    <message>
        <source>timeline clock</source>
        <translation>horloge de la frise</translation>
    </message>
    <message>
        <source>not aligned</source>
        <translation>non aligné</translation>
    </message>
    <message>
        <source>declared</source>
        <translation>déclarée</translation>
    </message>
    <message>
        <source>estimated</source>
        <translation>estimée</translation>
    </message>
    <message>
        <source>set by hand</source>
        <translation>réglée à la main</translation>
    </message>
    <message>
        <source>no estimate</source>
        <translation>aucune estimation</translation>
    </message>
    <message>
        <source>gyro vs. pose rotation rate</source>
        <translation>gyroscope contre vitesse de rotation de la pose</translation>
    </message>
    <message>
        <source>gyro vs. rotation seen in the video</source>
        <translation>gyroscope contre rotation vue dans la vidéo</translation>
    </message>
    <message>
        <source>pose vs. rotation seen in the video</source>
        <translation>pose contre rotation vue dans la vidéo</translation>
    </message>
    <message>
        <source>hands vs. pose (palms at rest in the world)</source>
        <translation>mains contre pose (paumes immobiles dans le monde)</translation>
    </message>
    <message>
        <source>force vs. fingertip contact</source>
        <translation>force contre contact du bout des doigts</translation>
    </message>
    <message>
        <source>clock set by hand</source>
        <translation>horloge réglée à la main</translation>
    </message>
    <message>
        <source>declared in episode.json</source>
        <translation>déclarée dans episode.json</translation>
    </message>
    <message>
        <source>on the timeline clock</source>
        <translation>sur l’horloge de la frise</translation>
    </message>
    <message>
        <source>not aligned to the camera clock</source>
        <translation>non alignée sur l’horloge de la caméra</translation>
    </message>
    <message>
        <source>confidence %1 below %2</source>
        <translation>confiance %1 inférieure à %2</translation>
    </message>
    <message>
        <source>residual %1 ms above the tolerance of %2 ms</source>
        <translation>résidu %1 ms au-dessus de la tolérance de %2 ms</translation>
    </message>
    <message>
        <source>residual %1 ms within %2 ms</source>
        <translation>résidu %1 ms dans les %2 ms</translation>
    </message>
    <message>
        <source>labels overlap</source>
        <translation>étiquettes qui se chevauchent</translation>
    </message>
    <message>
        <source>label outside the recording</source>
        <translation>étiquette hors de l’enregistrement</translation>
    </message>
    <message>
        <source>event outside the recording</source>
        <translation>événement hors de l’enregistrement</translation>
    </message>
    <message>
        <source>recovery without a slip</source>
        <translation>rattrapage sans glissement</translation>
    </message>
    <message>
        <source>clock not aligned</source>
        <translation>horloge non alignée</translation>
    </message>
    <message>
        <source>stream check failed</source>
        <translation>contrôle du flux échoué</translation>
    </message>
    <message>
        <source>episode check failed</source>
        <translation>contrôle de l’épisode échoué</translation>
    </message>
    <message>
        <source>consent invalid</source>
        <translation>consentement non valable</translation>
    </message>
    <message>
        <source>slip</source>
        <translation>glissement</translation>
    </message>
    <message>
        <source>regrasp</source>
        <translation>reprise de prise</translation>
    </message>
    <message>
        <source>recovery</source>
        <translation>rattrapage</translation>
    </message>
    <message>
        <source>%1&apos;s clock failed the alignment check: %2</source>
        <translation>L’horloge de %1 a échoué au contrôle d’alignement : %2</translation>
    </message>
    <message>
        <source>%1 failed its health check (the Sync panel lists its findings)</source>
        <translation>%1 a échoué au contrôle de santé (le panneau Synchronisation en liste les constats)</translation>
    </message>
    <message>
        <source>%1 failed QC check %2</source>
        <translation>%1 a échoué au contrôle %2</translation>
    </message>
    <message>
        <source>%1 failed QC check %2 (%3)</source>
        <translation>%1 a échoué au contrôle %2 (%3)</translation>
    </message>
    <message>
        <source>%1&apos;s clock is not aligned to the timeline: run sync, or set it by hand (Adjust clock… in the Sync panel)</source>
        <translation>L’horloge de %1 n’est pas alignée sur la frise : lancez sync, ou réglez-la à la main (Régler l’horloge… dans le panneau Synchronisation)</translation>
    </message>
    <message>
        <source>The episode failed QC check %1</source>
        <translation>L’épisode a échoué au contrôle %1</translation>
    </message>
    <message>
        <source>The episode has no consent record: it is excluded from exports</source>
        <translation>L’épisode n’a pas de consentement enregistré : il est exclu des exports</translation>
    </message>
    <message>
        <source>Participant %1 withdrew on %2: the episode is excluded from exports</source>
        <translation>Le participant %1 s’est retiré le %2 : l’épisode est exclu des exports</translation>
    </message>
    <message>
        <source>Consent %1 of participant %2 was withdrawn on %3: the episode is excluded from exports</source>
        <translation>Le consentement %1 du participant %2 a été retiré le %3 : l’épisode est exclu des exports</translation>
    </message>
    <message>
        <source>Consent %1 of participant %2 was never signed: the episode is excluded from exports</source>
        <translation>Le consentement %1 du participant %2 n’a jamais été signé : l’épisode est exclu des exports</translation>
    </message>
    <message>
        <source>Labels %1 (“%2”) and %3 (“%4”) of tier %5 overlap from %6 to %7</source>
        <translation>Les étiquettes %1 (« %2 ») et %3 (« %4 ») du niveau %5 se chevauchent de %6 à %7</translation>
    </message>
    <message>
        <source>Label %1 (“%2”) from %3 to %4 lies outside the recording (0 to %5)</source>
        <translation>L’étiquette %1 (« %2 ») de %3 à %4 est hors de l’enregistrement (0 à %5)</translation>
    </message>
    <message>
        <source>Recovery event %1 at %2 names no slip it recovers from</source>
        <translation>L’événement de rattrapage %1 à %2 ne désigne aucun glissement</translation>
    </message>
    <message>
        <source>Event %1 (%2) at %3 lies outside the recording</source>
        <translation>L’événement %1 (%2) à %3 est hors de l’enregistrement</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Space</source>
        <translation>Espace</translation>
    </message>
    <message>
        <source>Play / pause</source>
        <translation>Lecture / pause</translation>
    </message>
    <message>
        <source>J</source>
        <translation>J</translation>
    </message>
    <message>
        <source>Play backward (again: faster)</source>
        <translation>Lecture arrière (encore : plus vite)</translation>
    </message>
    <message>
        <source>K</source>
        <translation>K</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêt</translation>
    </message>
    <message>
        <source>L</source>
        <translation>L</translation>
    </message>
    <message>
        <source>Play forward (again: 2×, 4×, 8×)</source>
        <translation>Lecture avant (encore : 2×, 4×, 8×)</translation>
    </message>
    <message>
        <source>←</source>
        <translation>←</translation>
    </message>
    <message>
        <source>One frame back</source>
        <translation>Une image en arrière</translation>
    </message>
    <message>
        <source>→</source>
        <translation>→</translation>
    </message>
    <message>
        <source>One frame forward</source>
        <translation>Une image en avant</translation>
    </message>
    <message>
        <source>Shift+←</source>
        <translation>Maj+←</translation>
    </message>
    <message>
        <source>One second back</source>
        <translation>Une seconde en arrière</translation>
    </message>
    <message>
        <source>Shift+→</source>
        <translation>Maj+→</translation>
    </message>
    <message>
        <source>One second forward</source>
        <translation>Une seconde en avant</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>Start of the episode</source>
        <translation>Début de l’épisode</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>End of the episode</source>
        <translation>Fin de l’épisode</translation>
    </message>
    <message>
        <source>+</source>
        <translation>+</translation>
    </message>
    <message>
        <source>Zoom the timeline in (down to single frames)</source>
        <translation>Agrandir la frise (jusqu’à l’image)</translation>
    </message>
    <message>
        <source>−</source>
        <translation>−</translation>
    </message>
    <message>
        <source>Zoom the timeline out</source>
        <translation>Réduire la frise</translation>
    </message>
    <message>
        <source>0</source>
        <translation>0</translation>
    </message>
    <message>
        <source>Show the whole episode</source>
        <translation>Afficher tout l’épisode</translation>
    </message>
    <message>
        <source>F</source>
        <translation>F</translation>
    </message>
    <message>
        <source>3D view: follow the camera on / off</source>
        <translation>Vue 3D : suivre la caméra oui / non</translation>
    </message>
    <message>
        <source>F1 or ?</source>
        <translation>F1 ou ?</translation>
    </message>
    <message>
        <source>Show / hide this help</source>
        <translation>Afficher / masquer cette aide</translation>
    </message>
    <message>
        <source>I</source>
        <translation>I</translation>
    </message>
    <message>
        <source>Mark in at the cursor</source>
        <translation>Marque d’entrée au curseur</translation>
    </message>
    <message>
        <source>O</source>
        <translation>O</translation>
    </message>
    <message>
        <source>Mark out at the cursor</source>
        <translation>Marque de sortie au curseur</translation>
    </message>
    <message>
        <source>N or Enter</source>
        <translation>N ou Entrée</translation>
    </message>
    <message>
        <source>New label from the marks (in the selected tier)</source>
        <translation>Nouvelle étiquette entre les marques (dans le niveau choisi)</translation>
    </message>
    <message>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <source>Slip at the cursor</source>
        <translation>Glissement au curseur</translation>
    </message>
    <message>
        <source>G</source>
        <translation>G</translation>
    </message>
    <message>
        <source>Regrasp at the cursor</source>
        <translation>Reprise de prise au curseur</translation>
    </message>
    <message>
        <source>R</source>
        <translation>R</translation>
    </message>
    <message>
        <source>Recovery at the cursor (linked to the slip before it)</source>
        <translation>Rattrapage au curseur (lié au glissement précédent)</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Suppr</translation>
    </message>
    <message>
        <source>Delete the selected label or event</source>
        <translation>Supprimer l’étiquette ou l’événement choisi</translation>
    </message>
    <message>
        <source>Ctrl+Z</source>
        <translation>Ctrl+Z</translation>
    </message>
    <message>
        <source>Undo the last edit</source>
        <translation>Annuler la dernière modification</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Z</source>
        <translation>Ctrl+Maj+Z</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Rétablir</translation>
    </message>
    <message>
        <source>Ctrl+K</source>
        <translation>Ctrl+K</translation>
    </message>
    <message>
        <source>Interpolate joint corrections between the marks (or the whole episode)</source>
        <translation>Interpoler les corrections d’articulations entre les repères (ou sur tout l’épisode)</translation>
    </message>
</context>
<context>
    <name>SignalGroup</name>
    <message>
        <source>Hand speed</source>
        <translation>Vitesse de la main</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Acceleration</source>
        <translation>Accélération</translation>
    </message>
    <message>
        <source>Rotation rate</source>
        <translation>Vitesse de rotation</translation>
    </message>
    <message>
        <source>Force</source>
        <translation>Force</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Align, annotate and review egocentric hand recordings.</source>
        <translation>Aligner, annoter et contrôler des enregistrements égocentriques de mains.</translation>
    </message>
    <message>
        <source>Open the demo project (created on first use).</source>
        <translation>Ouvrir le projet de démonstration (créé à la première utilisation).</translation>
    </message>
    <message>
        <source>Where the demo project lives.</source>
        <translation>Emplacement du projet de démonstration.</translation>
    </message>
    <message>
        <source>Save a screenshot of the loaded window and exit.</source>
        <translation>Enregistrer une capture de la fenêtre chargée et quitter.</translation>
    </message>
    <message>
        <source>Open this episode&apos;s workspace once the project is open.</source>
        <translation>Ouvrir l’espace de travail de cet épisode une fois le projet ouvert.</translation>
    </message>
    <message>
        <source>light or dark, for this run (View → Theme remembers one).</source>
        <translation>light ou dark, pour cette session (Affichage → Thème en garde un).</translation>
    </message>
    <message>
        <source>Run a GUI benchmark (plot, view3d, playback, startup) and exit.</source>
        <translation>Lancer un banc d’essai de l’interface (plot, view3d, playback, startup) et quitter.</translation>
    </message>
    <message>
        <source>Window size WxH (e.g. 1280x720).</source>
        <translation>Taille de la fenêtre LxH (p. ex. 1280x720).</translation>
    </message>
    <message>
        <source>A project file (.tsproj) or its folder.</source>
        <translation>Un fichier de projet (.tsproj) ou son dossier.</translation>
    </message>
    <message>
        <source>User interface language for this run (en, de, fr).</source>
        <translation>Langue de l’interface pour cette session (en, de, fr).</translation>
    </message>
    <message>
        <source>Bring this panel of the workspace to the front (sync, qc, inspector, …).</source>
        <translation>Mettre ce panneau de l’espace de travail au premier plan (sync, qc, inspector, …).</translation>
    </message>
    <message>
        <source>Open a dialog over the project window (export, participants, about); with --screenshot, of the dialog.</source>
        <translation>Ouvrir une boîte de dialogue sur la fenêtre du projet (export, participants, about) ; avec --screenshot, une capture de cette boîte.</translation>
    </message>
    <message>
        <source>Select this stream in the Sync panel (with --dock sync).</source>
        <translation>Sélectionner ce flux dans le panneau Synchronisation (avec --dock sync).</translation>
    </message>
</context>
<context>
    <name>ts::widgets::AboutDialog</name>
    <message>
        <source>About Touchstone</source>
        <translation>À propos de Touchstone</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Touchstone %1&lt;/h2&gt;&lt;p&gt;Egocentric recordings of hands at work, aligned, annotated and reviewed as training data for robots.&lt;/p&gt;&lt;p&gt;Licensed under the Apache License, version 2.0.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Touchstone %1&lt;/h2&gt;&lt;p&gt;Des enregistrements égocentriques de mains au travail, alignés, annotés et contrôlés comme données d’entraînement pour robots.&lt;/p&gt;&lt;p&gt;Sous licence Apache, version 2.0.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Diagnostics (quote them in a bug report):</source>
        <translation>Diagnostic (à joindre à un rapport de bogue) :</translation>
    </message>
    <message>
        <source>Copy Diagnostics</source>
        <translation>Copier le diagnostic</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copié</translation>
    </message>
</context>
<context>
    <name>ts::widgets::AnnotationInspector</name>
    <message>
        <source>Start ← cursor</source>
        <translation>Début ← curseur</translation>
    </message>
    <message>
        <source>Move the start to the time cursor</source>
        <translation>Placer le début au curseur</translation>
    </message>
    <message>
        <source>End ← cursor</source>
        <translation>Fin ← curseur</translation>
    </message>
    <message>
        <source>Move the end to the time cursor</source>
        <translation>Placer la fin au curseur</translation>
    </message>
    <message>
        <source>Select a label or an event on the timeline, or draw a label by dragging on a tier.</source>
        <translation>Choisissez une étiquette ou un événement sur la frise, ou tracez une étiquette en glissant sur un niveau.</translation>
    </message>
    <message>
        <source>What happened, e.g. pick up the cup</source>
        <translation>Ce qui s’est passé, p. ex. prendre la tasse</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>not said</source>
        <translation>non précisé</translation>
    </message>
    <message>
        <source>left</source>
        <translation>gauche</translation>
    </message>
    <message>
        <source>right</source>
        <translation>droite</translation>
    </message>
    <message>
        <source>both</source>
        <translation>les deux</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>Note (facultative)</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Hand</source>
        <translation>Main</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Recovers from</source>
        <translation>Rattrape</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Appliquer</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Nothing selected</source>
        <translation>Rien de sélectionné</translation>
    </message>
    <message>
        <source>Label %1 · by %2</source>
        <translation>Étiquette %1 · par %2</translation>
    </message>
    <message>
        <source>Event %1 · by %2</source>
        <translation>Événement %1 · par %2</translation>
    </message>
    <message>
        <source>no slip</source>
        <translation>aucun glissement</translation>
    </message>
    <message>
        <source>slip %1 at %2</source>
        <translation>glissement %1 à %2</translation>
    </message>
    <message>
        <source>Suggested slip (%1 hand)</source>
        <translation>Glissement suggéré (main %1)</translation>
    </message>
    <message>
        <source>Grip force fell by %1 % (from %2 N to %3 N) while the fingertips moved %4 mm. Score %5. Accept makes it a slip event; Dismiss hides it for good.</source>
        <translation>La force de préhension a chuté de %1 % (de %2 N à %3 N) pendant que le bout des doigts bougeait de %4 mm. Score %5. Accepter en fait un événement de glissement ; Écarter le masque définitivement.</translation>
    </message>
    <message>
        <source>an unknown distance</source>
        <translation>une distance inconnue</translation>
    </message>
    <message>
        <source>%1 – %2 (%3 s)</source>
        <translation>%1 – %2 (%3 s)</translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>à %1</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Accepter</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Écarter</translation>
    </message>
</context>
<context>
    <name>ts::widgets::AnnotationSession</name>
    <message>
        <source>Episode %1 has no hands stream to correct.</source>
        <translation>L’épisode %1 n’a pas de flux de mains à corriger.</translation>
    </message>
    <message numerus="yes">
        <source>interpolate %n keypoint correction(s)</source>
        <translation>
            <numerusform>interpoler %n correction d’articulation</numerusform>
            <numerusform>interpoler %n corrections d’articulations</numerusform>
        </translation>
    </message>
    <message>
        <source>set the clock of %1</source>
        <translation>régler l’horloge de %1</translation>
    </message>
</context>
<context>
    <name>ts::widgets::ClockAdjustDialog</name>
    <message>
        <source>Adjust the clock of %1</source>
        <translation>Régler l’horloge de %1</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Negative moves the stream earlier; −33.4 is one frame at 30 fps</source>
        <translation>Négatif : le flux passe plus tôt ; −33,4 est une image à 30 i/s</translation>
    </message>
    <message>
        <source> ppm</source>
        <translation> ppm</translation>
    </message>
    <message>
        <source>How much faster the stream&apos;s clock runs than the timeline&apos;s, about the model&apos;s reference time t0</source>
        <translation>De combien l’horloge du flux avance plus vite que celle de la chronologie, autour du temps de référence t0 du modèle</translation>
    </message>
    <message>
        <source>Now: offset %1 ms, drift %2 ppm (%3). The change is stored in your name as a manual model; Ctrl+Z takes it back.</source>
        <translation>Actuellement : décalage %1 ms, dérive %2 ppm (%3). La modification est enregistrée à votre nom comme modèle manuel ; Ctrl+Z l’annule.</translation>
    </message>
    <message>
        <source>Move on the timeline by</source>
        <translation>Déplacer sur la chronologie de</translation>
    </message>
    <message>
        <source>Drift</source>
        <translation>Dérive</translation>
    </message>
    <message>
        <source>To be stored: offset %1 ms, drift %2 ppm.</source>
        <translation>À enregistrer : décalage %1 ms, dérive %2 ppm.</translation>
    </message>
    <message>
        <source>Nothing changed yet.</source>
        <translation>Rien n’a encore changé.</translation>
    </message>
</context>
<context>
    <name>ts::widgets::EpisodeTableModel</name>
    <message>
        <source>Imported %1 by %2</source>
        <translation>Importé le %1 par %2</translation>
    </message>
    <message>
        <source>Episode</source>
        <translation>Épisode</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>Participant</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Streams</source>
        <translation>Flux</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importé</translation>
    </message>
    <message>
        <source>approved by %1</source>
        <translation>approuvé par %1</translation>
    </message>
    <message>
        <source>rejected by %1</source>
        <translation>rejeté par %1</translation>
    </message>
    <message>
        <source>rejected by %1: %2</source>
        <translation>rejeté par %1 : %2</translation>
    </message>
    <message>
        <source>%1 on %2%3</source>
        <translation>%1 le %2%3</translation>
    </message>
    <message>
        <source>QC</source>
        <translation>Contrôle</translation>
    </message>
    <message>
        <source>aligned</source>
        <translation>aligné</translation>
    </message>
    <message>
        <source>not aligned: %1</source>
        <translation>non aligné : %1</translation>
    </message>
    <message>
        <source>Every stream&apos;s clock is on the timeline within the project&apos;s sync tolerance.</source>
        <translation>L&apos;horloge de chaque flux est sur la ligne de temps, dans la tolérance de synchronisation du projet.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>
Run touchstone-cli sync, or set a clock by hand in the episode&apos;s Sync panel.</source>
        <translation>
Lancez touchstone-cli sync, ou réglez une horloge à la main dans le panneau Synchronisation de l&apos;épisode.</translation>
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
        <translation>Vidéo</translation>
    </message>
    <message>
        <source>3D scene</source>
        <translation>Scène 3D</translation>
    </message>
    <message>
        <source>Signals</source>
        <translation>Signaux</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Frise</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synchronisation</translation>
    </message>
    <message>
        <source>Playback</source>
        <translation>Lecture</translation>
    </message>
    <message>
        <source>Start (Home)</source>
        <translation>Début (Début)</translation>
    </message>
    <message>
        <source>One frame back (←)</source>
        <translation>Une image en arrière (←)</translation>
    </message>
    <message>
        <source>Play / pause (Space)</source>
        <translation>Lecture / pause (Espace)</translation>
    </message>
    <message>
        <source>One frame forward (→)</source>
        <translation>Une image en avant (→)</translation>
    </message>
    <message>
        <source>End (End)</source>
        <translation>Fin (Fin)</translation>
    </message>
    <message>
        <source>Zoom −</source>
        <translation>Zoom −</translation>
    </message>
    <message>
        <source>Zoom the timeline out (−)</source>
        <translation>Réduire la frise (−)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajuster</translation>
    </message>
    <message>
        <source>Show the whole episode (0)</source>
        <translation>Afficher tout l’épisode (0)</translation>
    </message>
    <message>
        <source>Zoom +</source>
        <translation>Zoom +</translation>
    </message>
    <message>
        <source>Zoom the timeline in (+)</source>
        <translation>Agrandir la frise (+)</translation>
    </message>
    <message>
        <source>Shortcuts (F1)</source>
        <translation>Raccourcis (F1)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts (F1 or ?)</source>
        <translation>Raccourcis clavier (F1 ou ?)</translation>
    </message>
    <message>
        <source>&amp;Playback</source>
        <translation>&amp;Lecture</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>Reset Layout</source>
        <translation>Réinitialiser la disposition</translation>
    </message>
    <message>
        <source>%1 — Touchstone</source>
        <translation>%1 — Touchstone</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Lecture de %1…</translation>
    </message>
    <message>
        <source>Cannot open the episode: %1</source>
        <translation>Impossible d’ouvrir l’épisode : %1</translation>
    </message>
    <message>
        <source>%1 — %2 — Touchstone</source>
        <translation>%1 — %2 — Touchstone</translation>
    </message>
    <message>
        <source>%1 · participant %2 · %3 streams</source>
        <translation>%1 · participant %2 · %3 flux</translation>
    </message>
    <message>
        <source>  ·  frame %1</source>
        <translation>  ·  image %1</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Inspecteur</translation>
    </message>
    <message>
        <source>QC</source>
        <translation>Contrôle</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <source>&amp;Annotate</source>
        <translation>A&amp;nnoter</translation>
    </message>
    <message>
        <source>Set a mark in (I) and a mark out (O) first.</source>
        <translation>Placez d’abord une marque d’entrée (I) et de sortie (O).</translation>
    </message>
    <message>
        <source>Annotations cannot be read: %1</source>
        <translation>Impossible de lire les annotations : %1</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>Non effectué</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <source>Subtask</source>
        <translation>Sous-tâche</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Événements</translation>
    </message>
    <message>
        <source>QC flags</source>
        <translation>Alertes de contrôle</translation>
    </message>
    <message>
        <source>slip?</source>
        <translation>glissement ?</translation>
    </message>
    <message>
        <source>%1 from %2 to %3:</source>
        <translation>%1 de %2 à %3 :</translation>
    </message>
    <message>
        <source>New label</source>
        <translation>Nouvelle étiquette</translation>
    </message>
    <message>
        <source>no map</source>
        <translation>pas de carte</translation>
    </message>
    <message>
        <source>World map: %1</source>
        <translation>Carte du monde : %1</translation>
    </message>
    <message numerus="yes">
        <source>Filled %n gap(s) between corrected joints.</source>
        <translation>
            <numerusform>%n intervalle comblé entre des articulations corrigées.</numerusform>
            <numerusform>%n intervalles comblés entre des articulations corrigées.</numerusform>
        </translation>
    </message>
    <message>
        <source>No joint has two corrections between the marks with frames between them.</source>
        <translation>Aucune articulation n’a deux corrections entre les repères avec des images entre elles.</translation>
    </message>
    <message>
        <source>No joint has two corrections with frames between them.</source>
        <translation>Aucune articulation n’a deux corrections avec des images entre elles.</translation>
    </message>
    <message>
        <source>Open the episode from a project to change its clocks.</source>
        <translation>Ouvrez l’épisode depuis un projet pour modifier ses horloges.</translation>
    </message>
    <message>
        <source>Clock changed: reading %1 again…</source>
        <translation>Horloge modifiée : nouvelle lecture de %1…</translation>
    </message>
    <message>
        <source>Cannot read the episode again: %1</source>
        <translation>Impossible de relire l’épisode : %1</translation>
    </message>
</context>
<context>
    <name>ts::widgets::EvidencePlot</name>
    <message>
        <source>after alignment (offset %1 ms, drift %2 ppm)</source>
        <translation>après alignement (décalage %1 ms, dérive %2 ppm)</translation>
    </message>
    <message>
        <source>as recorded</source>
        <translation>tel qu’enregistré</translation>
    </message>
    <message>
        <source>set by hand (offset %1 ms, drift %2 ppm)</source>
        <translation>réglé à la main (décalage %1 ms, dérive %2 ppm)</translation>
    </message>
</context>
<context>
    <name>ts::widgets::ExportDialog</name>
    <message>
        <source>Export Dataset</source>
        <translation>Exporter un jeu de données</translation>
    </message>
    <message>
        <source>Approved episodes whose consent is recorded and not withdrawn are exported, with a provenance record of each.</source>
        <translation>Les épisodes approuvés dont le consentement est enregistré et non retiré sont exportés, chacun avec sa provenance.</translation>
    </message>
    <message>
        <source>LeRobot v3.0 (Parquet + MP4)</source>
        <translation>LeRobot v3.0 (Parquet + MP4)</translation>
    </message>
    <message>
        <source>HDF5 (one file per episode)</source>
        <translation>HDF5 (un fichier par épisode)</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>A new or empty folder</source>
        <translation>Un dossier nouveau ou vide</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source> fps</source>
        <translation> i/s</translation>
    </message>
    <message>
        <source>Frame rate</source>
        <translation>Fréquence d’images</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>Cancel Export</source>
        <translation>Annuler l’export</translation>
    </message>
    <message>
        <source>Export into</source>
        <translation>Exporter dans</translation>
    </message>
    <message>
        <source>Choose a folder first.</source>
        <translation>Choisissez d’abord un dossier.</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n episode(s), %1 frames, in %2 s into %3.</source>
        <translation>
            <numerusform>%n épisode exporté, %1 images, en %2 s dans %3.</numerusform>
            <numerusform>%n épisodes exportés, %1 images, en %2 s dans %3.</numerusform>
        </translation>
    </message>
    <message>
        <source>Left out %1: %2</source>
        <translation>Écarté %1 : %2</translation>
    </message>
    <message>
        <source>Provenance: provenance.json (SHA-256 %1)</source>
        <translation>Provenance : provenance.json (SHA-256 %1)</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Terminé.</translation>
    </message>
    <message>
        <source>Cancelled: nothing was left at the destination.</source>
        <translation>Annulé : rien n’a été laissé à la destination.</translation>
    </message>
    <message>
        <source>Not exported.</source>
        <translation>Non exporté.</translation>
    </message>
    <message>
        <source> · about %1 s left</source>
        <translation> · environ %1 s restantes</translation>
    </message>
    <message>
        <source>%1 (%2 %)%3</source>
        <translation>%1 (%2 %)%3</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <source>No episode can be exported yet.</source>
        <translation>Aucun épisode ne peut encore être exporté.</translation>
    </message>
    <message numerus="yes">
        <source>Ready to export %n episode(s): %1</source>
        <translation>
            <numerusform>Prêt à exporter %n épisode : %1</numerusform>
            <numerusform>Prêt à exporter %n épisodes : %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ts::widgets::FilmstripView</name>
    <message>
        <source>No video in this episode</source>
        <translation>Pas de vidéo dans cet épisode</translation>
    </message>
</context>
<context>
    <name>ts::widgets::HelpOverlay</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>Any key or click closes this help.</source>
        <translation>Une touche ou un clic ferme cette aide.</translation>
    </message>
</context>
<context>
    <name>ts::widgets::ParticipantsDialog</name>
    <message>
        <source>Participants and Consent</source>
        <translation>Participants et consentement</translation>
    </message>
    <message>
        <source>Withdraw participant</source>
        <translation>Retrait du participant</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>Participant</translation>
    </message>
    <message>
        <source>Episodes</source>
        <translation>Épisodes</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Consentement</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Formulaire</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>Conditions</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Portée</translation>
    </message>
    <message>
        <source>Compensation</source>
        <translation>Compensation</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Signé</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Retiré</translation>
    </message>
    <message>
        <source>New participant</source>
        <translation>Nouveau participant</translation>
    </message>
    <message>
        <source>pseudonymous id, e.g. P-014</source>
        <translation>identifiant pseudonyme, p. ex. P-014</translation>
    </message>
    <message>
        <source>optional, no names</source>
        <translation>facultatif, sans nom</translation>
    </message>
    <message>
        <source>Add Participant</source>
        <translation>Ajouter le participant</translation>
    </message>
    <message>
        <source>Id:</source>
        <translation>Identifiant :</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>Notes :</translation>
    </message>
    <message>
        <source>Record consent for the selected participant</source>
        <translation>Enregistrer le consentement du participant sélectionné</translation>
    </message>
    <message>
        <source>the signed form&apos;s reference</source>
        <translation>la référence du formulaire signé</translation>
    </message>
    <message>
        <source>research, commercial, publication</source>
        <translation>recherche, commercial, publication</translation>
    </message>
    <message>
        <source>Record Consent</source>
        <translation>Enregistrer le consentement</translation>
    </message>
    <message>
        <source>Reference:</source>
        <translation>Référence :</translation>
    </message>
    <message>
        <source>Form version:</source>
        <translation>Version du formulaire :</translation>
    </message>
    <message>
        <source>Terms:</source>
        <translation>Conditions :</translation>
    </message>
    <message>
        <source>Scope:</source>
        <translation>Portée :</translation>
    </message>
    <message>
        <source>Compensation:</source>
        <translation>Compensation :</translation>
    </message>
    <message>
        <source>Signed:</source>
        <translation>Signé le :</translation>
    </message>
    <message>
        <source>Withdraw Participant…</source>
        <translation>Retirer le participant…</translation>
    </message>
    <message>
        <source>Their episodes leave review approval, QC&apos;s ready state and every export. A withdrawal is not taken back.</source>
        <translation>Ses épisodes sortent de l’approbation, de l’état « prêt » du contrôle qualité et de tout export. Un retrait n’est pas annulé.</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Added by</source>
        <translation>Ajouté par</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Ajouté le</translation>
    </message>
    <message>
        <source>New consent form</source>
        <translation>Nouveau formulaire de consentement</translation>
    </message>
    <message>
        <source>e.g. 2026-03</source>
        <translation>p. ex. 2026-03</translation>
    </message>
    <message>
        <source>the terms as signed, or a short reference to them</source>
        <translation>les conditions telles que signées, ou une courte référence</translation>
    </message>
    <message>
        <source>Add Form</source>
        <translation>Ajouter le formulaire</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Version :</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Titre :</translation>
    </message>
    <message>
        <source>Consent forms</source>
        <translation>Formulaires de consentement</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>form %1, signed %2</source>
        <translation>formulaire %1, signé le %2</translation>
    </message>
    <message numerus="yes">
        <source> (+%n earlier)</source>
        <translation>
            <numerusform> (+%n antérieur)</numerusform>
            <numerusform> (+%n antérieurs)</numerusform>
        </translation>
    </message>
    <message>
        <source>withdrawn %1</source>
        <translation>retiré le %1</translation>
    </message>
    <message>
        <source>no consent recorded</source>
        <translation>aucun consentement enregistré</translation>
    </message>
    <message>
        <source>active</source>
        <translation>actif</translation>
    </message>
    <message>
        <source>Participant %1 added.</source>
        <translation>Participant %1 ajouté.</translation>
    </message>
    <message>
        <source>Select a participant first.</source>
        <translation>Sélectionnez d’abord un participant.</translation>
    </message>
    <message>
        <source>Consent %1 recorded for %2.</source>
        <translation>Consentement %1 enregistré pour %2.</translation>
    </message>
    <message numerus="yes">
        <source>Withdraw %1? Their %n episode(s) will leave review approval, QC&apos;s ready state and every export from now on. This is recorded and not taken back.</source>
        <translation>
            <numerusform>Retirer %1 ? Son épisode (%n) sort désormais de l’approbation, de l’état « prêt » du contrôle qualité et de tout export. C’est enregistré et n’est pas annulé.</numerusform>
            <numerusform>Retirer %1 ? Ses %n épisodes sortent désormais de l’approbation, de l’état « prêt » du contrôle qualité et de tout export. C’est enregistré et n’est pas annulé.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 withdrew; their episodes are excluded.</source>
        <translation>%1 s’est retiré ; ses épisodes sont exclus.</translation>
    </message>
    <message>
        <source>Consent form %1 added.</source>
        <translation>Formulaire de consentement %1 ajouté.</translation>
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
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Open Project…</source>
        <translation>&amp;Ouvrir un projet…</translation>
    </message>
    <message>
        <source>&amp;Import Episode or Capture…</source>
        <translation>&amp;Importer un épisode ou une capture…</translation>
    </message>
    <message>
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <source>&amp;Verify Project</source>
        <translation>&amp;Vérifier le projet</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Episode</source>
        <translation>É&amp;pisode</translation>
    </message>
    <message>
        <source>&amp;Open Workspace</source>
        <translation>&amp;Ouvrir l’espace de travail</translation>
    </message>
    <message>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&amp;About Touchstone</source>
        <translation>À &amp;propos de Touchstone</translation>
    </message>
    <message>
        <source>&amp;Copy Diagnostics</source>
        <translation>&amp;Copier le diagnostic</translation>
    </message>
    <message>
        <source>Diagnostics copied to the clipboard.</source>
        <translation>Diagnostic copié dans le presse-papiers.</translation>
    </message>
    <message>
        <source>Search episodes, tasks, participants…</source>
        <translation>Rechercher épisodes, tâches, participants…</translation>
    </message>
    <message>
        <source>Select an episode to see its streams.</source>
        <translation>Choisissez un épisode pour voir ses flux.</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>Flux</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>Échantillons</translation>
    </message>
    <message>
        <source>Rate (Hz)</source>
        <translation>Fréquence (Hz)</translation>
    </message>
    <message>
        <source>Span (s)</source>
        <translation>Durée (s)</translation>
    </message>
    <message>
        <source>Gaps</source>
        <translation>Trous</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>Horloge</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Où</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Constat</translation>
    </message>
    <message>
        <source>No project open</source>
        <translation>Aucun projet ouvert</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>Ouvrir l’espace de travail</translation>
    </message>
    <message>
        <source>The project has no episode &apos;%1&apos;.</source>
        <translation>Le projet n’a pas d’épisode « %1 ».</translation>
    </message>
    <message>
        <source>Cannot open %1</source>
        <translation>Impossible d’ouvrir %1</translation>
    </message>
    <message>
        <source>Cannot open project</source>
        <translation>Impossible d’ouvrir le projet</translation>
    </message>
    <message>
        <source>%1 — Touchstone</source>
        <translation>%1 — Touchstone</translation>
    </message>
    <message numerus="yes">
        <source>%1  ·  %n episode(s)</source>
        <translation>
            <numerusform>%1  ·  %n épisode</numerusform>
            <numerusform>%1  ·  %n épisodes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>  ·  %n participant(s)</source>
        <translation>
            <numerusform>  ·  %n participant</numerusform>
            <numerusform>  ·  %n participants</numerusform>
        </translation>
    </message>
    <message>
        <source>timeline</source>
        <translation>frise</translation>
    </message>
    <message>
        <source>not yet aligned</source>
        <translation>pas encore aligné</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — %2&lt;br&gt;participant %3 · consent %4 (form %5)%6</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — %2&lt;br&gt;participant %3 · consentement %4 (formulaire %5)%6</translation>
    </message>
    <message>
        <source> · &lt;span style=&apos;color:#c62828&apos;&gt;withdrawn&lt;/span&gt;</source>
        <translation> · &lt;span style=&apos;color:#c62828&apos;&gt;retiré&lt;/span&gt;</translation>
    </message>
    <message>
        <source>No warnings from import.</source>
        <translation>Aucun avertissement à l’import.</translation>
    </message>
    <message>
        <source>Warnings from import (%1):</source>
        <translation>Avertissements à l’import (%1) :</translation>
    </message>
    <message>
        <source> frame %1</source>
        <translation> image %1</translation>
    </message>
    <message>
        <source>Preparing the demo project in %1…</source>
        <translation>Préparation du projet de démonstration dans %1…</translation>
    </message>
    <message>
        <source>Creating demo</source>
        <translation>Création de la démo</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>Ouvrir un projet</translation>
    </message>
    <message>
        <source>Touchstone projects (*.tsproj)</source>
        <translation>Projets Touchstone (*.tsproj)</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Open or create a project first.</source>
        <translation>Ouvrez ou créez d’abord un projet.</translation>
    </message>
    <message>
        <source>Import Episode or Capture</source>
        <translation>Importer un épisode ou une capture</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>Import en cours</translation>
    </message>
    <message>
        <source>Imported %1 (%2) with %3 warning(s).</source>
        <translation>%1 (%2) importé avec %3 avertissement(s).</translation>
    </message>
    <message>
        <source>Verifying</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <source>Project verified: %1 media files and %2 audit entries intact.</source>
        <translation>Projet vérifié : %1 fichiers média et %2 entrées du journal intacts.</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Vérifier</translation>
    </message>
    <message>
        <source>&amp;Export Dataset…</source>
        <translation>&amp;Exporter un jeu de données…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>&amp;Project</source>
        <translation>&amp;Projet</translation>
    </message>
    <message>
        <source>&amp;Participants and Consent…</source>
        <translation>&amp;Participants et consentement…</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>&amp;Synchronise Clocks</source>
        <translation>&amp;Synchroniser les horloges</translation>
    </message>
    <message>
        <source>Synchronise Clocks</source>
        <translation>Synchroniser les horloges</translation>
    </message>
    <message>
        <source>Select an episode first.</source>
        <translation>Sélectionnez d&apos;abord un épisode.</translation>
    </message>
    <message>
        <source>Close the workspace of %1 first: it holds the clocks as they were.</source>
        <translation>Fermez d&apos;abord l&apos;espace de travail de %1 : il garde les horloges telles qu&apos;elles étaient.</translation>
    </message>
    <message>
        <source>Synchronising the clocks of %1…</source>
        <translation>Synchronisation des horloges de %1…</translation>
    </message>
    <message>
        <source>Synchronising %1</source>
        <translation>Synchronisation de %1</translation>
    </message>
    <message>
        <source>%1: every stream&apos;s clock is aligned.</source>
        <translation>%1 : l&apos;horloge de chaque flux est alignée.</translation>
    </message>
    <message>
        <source>%1: %2 of %3 streams aligned; %4</source>
        <translation>%1 : %2 flux alignés sur %3 ; %4</translation>
    </message>
    <message>
        <source>Synchronise &amp;All Not Aligned</source>
        <translation>Synchroniser &amp;tous les non alignés</translation>
    </message>
    <message>
        <source>Every episode&apos;s clocks are aligned.</source>
        <translation>Les horloges de chaque épisode sont alignées.</translation>
    </message>
    <message>
        <source>Only episodes with an open workspace are not aligned: %1. Close them first.</source>
        <translation>Seuls des épisodes à l&apos;espace de travail ouvert ne sont pas alignés : %1. Fermez-les d&apos;abord.</translation>
    </message>
    <message numerus="yes">
        <source>Synchronising %n episode(s)</source>
        <translation>
            <numerusform>Synchronisation de %n épisode</numerusform>
            <numerusform>Synchronisation de %n épisodes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Synchronised %n episode(s): %1 now aligned</source>
        <translation>
            <numerusform>%n épisode synchronisé : %1 désormais aligné(s)</numerusform>
            <numerusform>%n épisodes synchronisés : %1 désormais aligné(s)</numerusform>
        </translation>
    </message>
    <message>
        <source>; still not aligned: %1</source>
        <translation> ; toujours non alignés : %1</translation>
    </message>
    <message>
        <source>; not read: %1</source>
        <translation> ; non lus : %1</translation>
    </message>
    <message>
        <source>; left alone while their workspace is open: %1</source>
        <translation> ; laissés de côté tant que leur espace de travail est ouvert : %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>; left as reviewed (approved): %1</source>
        <translation> ; laissés tels que relus (approuvés) : %1</translation>
    </message>
    <message>
        <source>Only approved episodes are not aligned: %1. Their clocks stay as their reviewer saw them until a lead reopens them.</source>
        <translation>Seuls des épisodes approuvés ne sont pas alignés : %1. Leurs horloges restent telles que le relecteur les a vues jusqu’à ce qu’un responsable les rouvre.</translation>
    </message>
</context>
<context>
    <name>ts::widgets::QcPanel</name>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Contrôle</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Constat</translation>
    </message>
    <message>
        <source>Submit for Review</source>
        <translation>Soumettre au contrôle</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Approuver</translation>
    </message>
    <message>
        <source>Reject…</source>
        <translation>Rejeter…</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Rouvrir</translation>
    </message>
    <message>
        <source>Open an episode of a project to review it.</source>
        <translation>Ouvrez un épisode d’un projet pour le contrôler.</translation>
    </message>
    <message>
        <source>not a project user</source>
        <translation>pas un utilisateur du projet</translation>
    </message>
    <message>
        <source>Status: &lt;b&gt;%1&lt;/b&gt; · you are %2 (%3)</source>
        <translation>Statut : &lt;b&gt;%1&lt;/b&gt; · vous êtes %2 (%3)</translation>
    </message>
    <message>
        <source>Rejected by %1: %2. %3</source>
        <translation>Rejeté par %1 : %2. %3</translation>
    </message>
    <message>
        <source>%1 %2 %</source>
        <translation>%1 %2 %</translation>
    </message>
    <message>
        <source>Sync: least confidence %1, largest residual %2 ms · label coverage: %3</source>
        <translation>Synchronisation : confiance minimale %1, plus grand résidu %2 ms · couverture des étiquettes : %3</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>whole</source>
        <translation>entier</translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>Aucun problème trouvé.</translation>
    </message>
    <message>
        <source>Reject episode %1</source>
        <translation>Rejeter l’épisode %1</translation>
    </message>
    <message>
        <source>Why? The annotator sees these reasons and your comment.</source>
        <translation>Pourquoi ? L’annotateur verra ces raisons et votre commentaire.</translation>
    </message>
    <message>
        <source>Comment: what to fix, where</source>
        <translation>Commentaire : quoi corriger, et où</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Rejeter</translation>
    </message>
</context>
<context>
    <name>ts::widgets::SceneView</name>
    <message>
        <source>Follow camera</source>
        <translation>Suivre la caméra</translation>
    </message>
    <message>
        <source>Reset view</source>
        <translation>Réinitialiser la vue</translation>
    </message>
    <message>
        <source>drag: orbit · Shift+drag: pan · wheel: zoom</source>
        <translation>glisser : orbite · Maj+glisser : déplacer · molette : zoom</translation>
    </message>
    <message>
        <source>World map</source>
        <translation>Carte du monde</translation>
    </message>
    <message>
        <source>The episode&apos;s fused point cloud (built once, then kept in the project)</source>
        <translation>Le nuage de points fusionné de l’épisode (calculé une fois, puis gardé dans le projet)</translation>
    </message>
    <message>
        <source>%L1 points, %2 mm</source>
        <translation>%L1 points, %2 mm</translation>
    </message>
    <message>
        <source>building %1 %</source>
        <translation>calcul : %1 %</translation>
    </message>
</context>
<context>
    <name>ts::widgets::SignalsPanel</name>
    <message>
        <source>Channels</source>
        <translation>Canaux</translation>
    </message>
    <message>
        <source>hover to read values · click to move the cursor</source>
        <translation>survoler pour lire les valeurs · cliquer pour déplacer le curseur</translation>
    </message>
</context>
<context>
    <name>ts::widgets::SignalsView</name>
    <message>
        <source>No signals in this episode.</source>
        <translation>Aucun signal dans cet épisode.</translation>
    </message>
    <message>
        <source>All channels are hidden (Channels ▾).</source>
        <translation>Tous les canaux sont masqués (Canaux ▾).</translation>
    </message>
</context>
<context>
    <name>ts::widgets::SyncPanel</name>
    <message>
        <source>Stream</source>
        <translation>Flux</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Offset (ms)</source>
        <translation>Décalage (ms)</translation>
    </message>
    <message>
        <source>Drift (ppm)</source>
        <translation>Dérive (ppm)</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Confiance</translation>
    </message>
    <message>
        <source>Residual (ms)</source>
        <translation>Résidu (ms)</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>Horloge</translation>
    </message>
    <message>
        <source>Engine now</source>
        <translation>Calcul actuel</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Constats</translation>
    </message>
    <message>
        <source>vs %1: %2 ms, conf %3%4</source>
        <translation>face à %1 : %2 ms, conf. %3%4</translation>
    </message>
    <message>
        <source> (no path to the timeline)</source>
        <translation> (aucun chemin vers la frise)</translation>
    </message>
    <message>
        <source>no estimate</source>
        <translation>aucune estimation</translation>
    </message>
    <message>
        <source>Select a stream to see the evidence of its alignment.</source>
        <translation>Choisissez un flux pour voir les preuves de son alignement.</translation>
    </message>
    <message>
        <source>%1 rotation rate</source>
        <translation>vitesse de rotation de %1</translation>
    </message>
    <message>
        <source>camera rotation seen in %1</source>
        <translation>rotation de la caméra vue dans %1</translation>
    </message>
    <message>
        <source>%1 gyro</source>
        <translation>gyroscope de %1</translation>
    </message>
    <message>
        <source>%1 is on the timeline clock itself: nothing to align.</source>
        <translation>%1 est lui-même sur l’horloge de la frise : rien à aligner.</translation>
    </message>
    <message>
        <source>%1 was estimated against %2 (%3, confidence %4). %5</source>
        <translation>%1 a été estimé face à %2 (%3, confiance %4). %5</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>no evidence to plot.</source>
        <translation>aucune preuve à tracer.</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>warn</source>
        <translation>alerte</translation>
    </message>
    <message>
        <source>fail</source>
        <translation>échec</translation>
    </message>
    <message>
        <source>right palm rotation rate</source>
        <translation>vitesse de rotation de la paume droite</translation>
    </message>
    <message>
        <source>left palm rotation rate</source>
        <translation>vitesse de rotation de la paume gauche</translation>
    </message>
    <message>
        <source>fingertip speed (right hand)</source>
        <translation>vitesse du bout des doigts (main droite)</translation>
    </message>
    <message>
        <source>fingertip speed (left hand)</source>
        <translation>vitesse du bout des doigts (main gauche)</translation>
    </message>
    <message>
        <source>force (right hand)</source>
        <translation>force (main droite)</translation>
    </message>
    <message>
        <source>force (left hand)</source>
        <translation>force (main gauche)</translation>
    </message>
    <message>
        <source>Adjust clock…</source>
        <translation>Régler l’horloge…</translation>
    </message>
    <message>
        <source>Move the selected stream on the timeline or set its drift by hand (Ctrl+Z takes it back)</source>
        <translation>Déplacer à la main le flux sélectionné sur la chronologie ou fixer sa dérive (Ctrl+Z l’annule)</translation>
    </message>
</context>
<context>
    <name>ts::widgets::TimelineView</name>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Vidéo</translation>
    </message>
    <message>
        <source> (unaligned)</source>
        <translation> (non aligné)</translation>
    </message>
    <message>
        <source>%1: %2 samples at %3 Hz, %4 gap(s), about %5 dropped</source>
        <translation>%1 : %2 échantillons à %3 Hz, %4 trou(s), environ %5 perdus</translation>
    </message>
    <message>
        <source>
Its clock is not aligned to the timeline: samples are shown at their raw times.</source>
        <translation>
Son horloge n’est pas alignée sur la frise : les échantillons sont placés à leurs temps bruts.</translation>
    </message>
</context>
<context>
    <name>ts::widgets::VideoCanvas</name>
    <message>
        <source>Frame %1: %2</source>
        <translation>Image %1 : %2</translation>
    </message>
    <message>
        <source>This episode has no video.</source>
        <translation>Cet épisode n’a pas de vidéo.</translation>
    </message>
    <message>
        <source>frame %1</source>
        <translation>image %1</translation>
    </message>
    <message>
        <source>frame %1 (decoding %2…)</source>
        <translation>image %1 (décodage de %2…)</translation>
    </message>
    <message>
        <source> · damaged, concealed</source>
        <translation> · endommagée, masquée</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>Restore the Recorded Position</source>
        <translation>Rétablir la position enregistrée</translation>
    </message>
    <message>
        <source>Moving a joint: release to store it, Esc to cancel</source>
        <translation>Déplacement d’une articulation : relâcher pour l’enregistrer, Échap pour annuler</translation>
    </message>
</context>
<context>
    <name>ts::widgets::VideoPanel</name>
    <message>
        <source>Skeletons</source>
        <translation>Squelettes</translation>
    </message>
    <message>
        <source>Force halos</source>
        <translation>Halos de force</translation>
    </message>
    <message>
        <source>Depth</source>
        <translation>Profondeur</translation>
    </message>
</context>
<context>
    <name>ts::widgets::VtkHost</name>
    <message>
        <source>The 3D view needs OpenGL 3.2, which this display does not offer.</source>
        <translation>La vue 3D nécessite OpenGL 3.2, que cet affichage n’offre pas.</translation>
    </message>
</context>
</TS>
