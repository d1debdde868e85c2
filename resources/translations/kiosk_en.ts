<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_GB" sourcelanguage="fr_FR">
<context>
    <name>ComingSoon</name>
    <message>
        <location filename="../../kiosk/views/pages/coming_soon.py" line="18" />
        <source>Saisie de la démarche</source>
        <translation>Filling in the procedure</translation>
    </message>
</context>
<context>
    <name>ComingSoonPage</name>
    <message>
        <location filename="../../kiosk/views/pages/coming_soon.py" line="62" />
        <source>%1 : bientôt disponible</source>
        <translation>%1: coming soon</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/coming_soon.py" line="66" />
        <source>Ce service arrive prochainement sur cette borne. En attendant, un agent d'accueil peut vous aider au guichet.</source>
        <translation>This service is coming soon to this kiosk. In the meantime, a member of staff at the counter can help you.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/coming_soon.py" line="70" />
        <source>Retour à l'accueil</source>
        <translation>Back to the home screen</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/coming_soon.py" line="71" />
        <source>Retour</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>DomainsPage</name>
    <message>
        <location filename="../../kiosk/views/pages/catalogue_pages.py" line="100" />
        <location filename="../../kiosk/views/pages/catalogue_pages.py" line="104" />
        <source>Nouvelle démarche</source>
        <translation>New request</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/catalogue_pages.py" line="106" />
        <source>Choisissez le domaine de votre demande.</source>
        <translation>Choose the area of your request.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/catalogue_pages.py" line="108" />
        <source>%1 démarche</source>
        <translation>%1 procedure</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/catalogue_pages.py" line="108" />
        <source>%1 démarches</source>
        <translation>%1 procedures</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/catalogue_pages.py" line="111" />
        <source>Aucune démarche n'est disponible pour le moment.</source>
        <translation>No procedure is available at the moment.</translation>
    </message>
</context>
<context>
    <name>Features</name>
    <message>
        <location filename="../../kiosk/views/pages/features.py" line="32" />
        <source>Nouvelle démarche</source>
        <translation>New request</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/features.py" line="33" />
        <source>Faire une demande à la mairie</source>
        <translation>Make a request to the town hall</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/features.py" line="38" />
        <source>Suivre une demande</source>
        <translation>Track a request</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/features.py" line="39" />
        <source>Avec votre code de suivi</source>
        <translation>With your tracking code</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/features.py" line="44" />
        <source>Actualités</source>
        <translation>News</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/features.py" line="45" />
        <source>Les nouvelles de la commune</source>
        <translation>What's new in town</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/features.py" line="50" />
        <source>Activités</source>
        <translation>Activities</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/features.py" line="51" />
        <source>Sport, culture, loisirs</source>
        <translation>Sport, culture, leisure</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/features.py" line="56" />
        <source>Infos pratiques</source>
        <translation>Practical information</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/features.py" line="57" />
        <source>Horaires, adresses, services</source>
        <translation>Opening hours, addresses, services</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/features.py" line="62" />
        <source>Votre avis nous intéresse</source>
        <translation>Tell us what you think</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/features.py" line="63" />
        <source>Répondre aux sondages</source>
        <translation>Answer our surveys</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/features.py" line="68" />
        <source>Mon espace</source>
        <translation>My account</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/features.py" line="69" />
        <source>Votre espace personnel</source>
        <translation>Your personal space</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <location filename="../../kiosk/views/main_window.py" line="108" />
        <source>Retour</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/main_window.py" line="108" />
        <source>Retour à l'écran précédent</source>
        <translation>Back to the previous screen</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/main_window.py" line="109" />
        <source>Accueil</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/main_window.py" line="110" />
        <source>Aide</source>
        <translation>Help</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/main_window.py" line="111" />
        <source>Contraste</source>
        <translation>Contrast</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/main_window.py" line="111" />
        <source>Contraste élevé</source>
        <translation>High contrast</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/main_window.py" line="123" />
        <source>En ligne</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/main_window.py" line="123" />
        <source>Hors ligne</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/main_window.py" line="125" />
        <source>Connexion à la mairie : en ligne</source>
        <translation>Connection to the town hall: online</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/main_window.py" line="125" />
        <source>Connexion à la mairie : hors ligne</source>
        <translation>Connection to the town hall: offline</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/main_window.py" line="130" />
        <source>Vos démarches sont enregistrées sur la borne et envoyées dès le retour du réseau.</source>
        <translation>Your requests are saved on this kiosk and sent as soon as the network is back.</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../kiosk/views/pages/home.py" line="61" />
        <source>Mon accueil</source>
        <translation>My home</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/home.py" line="64" />
        <source>Bonjour, que souhaitez-vous faire ?</source>
        <translation>Hello, what would you like to do?</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/home.py" line="66" />
        <source>Touchez une dalle, ou cherchez une démarche par un mot.</source>
        <translation>Touch a tile, or search for a procedure with a word.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../kiosk/views/main_window.py" line="217" />
        <source>Aide</source>
        <translation>Help</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/main_window.py" line="218" />
        <source>J'ai compris</source>
        <translation>Got it</translation>
    </message>
</context>
<context>
    <name>OnScreenKeyboard</name>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="140" />
        <source>virgule</source>
        <extracomment>Dynamic property a form sets on a field to force a layout, e.g. ``edit.setProperty("keyboard", "digits")``. The public layouts, in the order they are documented.</extracomment>
        <translation>comma</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="141" />
        <source>point</source>
        <translation>full stop</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="142" />
        <source>apostrophe</source>
        <translation>apostrophe</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="143" />
        <source>tiret</source>
        <translation>hyphen</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="144" />
        <source>tiret bas</source>
        <translation>underscore</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="145" />
        <source>arobase</source>
        <translation>at sign</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="146" />
        <source>dièse</source>
        <translation>hash</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="147" />
        <source>pour cent</source>
        <translation>percent</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="148" />
        <source>esperluette</source>
        <translation>ampersand</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="149" />
        <source>astérisque</source>
        <translation>asterisk</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="150" />
        <source>parenthèse ouvrante</source>
        <translation>opening parenthesis</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="151" />
        <source>parenthèse fermante</source>
        <translation>closing parenthesis</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="152" />
        <source>plus</source>
        <translation>plus</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="153" />
        <source>égal</source>
        <translation>equals</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="154" />
        <source>euro</source>
        <translation>euro</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="155" />
        <source>barre oblique</source>
        <translation>slash</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="156" />
        <source>point d'interrogation</source>
        <translation>question mark</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="157" />
        <source>point d'exclamation</source>
        <translation>exclamation mark</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="158" />
        <source>deux-points</source>
        <translation>colon</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="159" />
        <source>point-virgule</source>
        <translation>semicolon</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="160" />
        <source>guillemet droit</source>
        <translation>straight quote</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="161" />
        <source>guillemet ouvrant</source>
        <translation>opening guillemet</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="162" />
        <source>guillemet fermant</source>
        <translation>closing guillemet</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="163" />
        <source>e accent aigu</source>
        <translation>e acute</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="164" />
        <source>e accent grave</source>
        <translation>e grave</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="165" />
        <source>e accent circonflexe</source>
        <translation>e circumflex</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="166" />
        <source>e tréma</source>
        <translation>e diaeresis</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="167" />
        <source>a accent grave</source>
        <translation>a grave</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="168" />
        <source>a accent circonflexe</source>
        <translation>a circumflex</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="169" />
        <source>c cédille</source>
        <translation>c cedilla</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="170" />
        <source>u accent grave</source>
        <translation>u grave</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="171" />
        <source>u accent circonflexe</source>
        <translation>u circumflex</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="172" />
        <source>u tréma</source>
        <translation>u diaeresis</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="173" />
        <source>o accent circonflexe</source>
        <translation>o circumflex</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="174" />
        <source>i accent circonflexe</source>
        <translation>i circumflex</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="175" />
        <source>i tréma</source>
        <translation>i diaeresis</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="176" />
        <source>y tréma</source>
        <translation>y diaeresis</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="177" />
        <source>e dans l'o</source>
        <translation>o e ligature</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="178" />
        <source>e dans l'a</source>
        <translation>a e ligature</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="182" />
        <source>Saisir point f r</source>
        <translation>Type dot f r</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="183" />
        <source>Saisir point com</source>
        <translation>Type dot com</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="184" />
        <source>Saisir arobase gmail point com</source>
        <translation>Type at gmail dot com</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="185" />
        <source>Saisir arobase orange point f r</source>
        <translation>Type at orange dot f r</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="433" />
        <source>Clavier virtuel</source>
        <translation>On-screen keyboard</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="434" />
        <location filename="../../kiosk/views/widgets/keyboard.py" line="435" />
        <source>Masquer le clavier</source>
        <translation>Hide the keyboard</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="466" />
        <location filename="../../kiosk/views/widgets/keyboard.py" line="470" />
        <source>Touche %1</source>
        <translation>Key %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="469" />
        <source>%1 majuscule</source>
        <translation>capital %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="474" />
        <source>Espace</source>
        <translation>Space</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="476" />
        <source>Effacer</source>
        <translation>Backspace</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="478" />
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="478" />
        <source>Entrée</source>
        <translation>Enter</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="479" />
        <source>Valider</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="482" />
        <source>Majuscules verrouillées</source>
        <translation>Caps lock</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="483" />
        <source>Majuscule</source>
        <translation>Shift</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="486" />
        <source>ABC</source>
        <translation>ABC</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="486" />
        <source>Lettres</source>
        <translation>Letters</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="488" />
        <source>123</source>
        <translation>123</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="488" />
        <source>Chiffres</source>
        <translation>Numbers</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="489" />
        <source>é à ç</source>
        <translation>é à ç</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="489" />
        <source>Accents</source>
        <translation>Accents</translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <location filename="../../kiosk/views/pages/base.py" line="50" />
        <source>Touchez une dalle pour ouvrir un service. Le bouton « Retour » revient à l'écran précédent, « Accueil » à la page d'accueil. Un agent d'accueil peut aussi vous aider.</source>
        <translation>Touch a tile to open a service. The “Back” button returns to the previous screen, “Home” to the home screen. A member of staff can also help you.</translation>
    </message>
</context>
<context>
    <name>ProcedureHint</name>
    <message>
        <location filename="../../kiosk/views/pages/catalogue_pages.py" line="159" />
        <source>environ %1 min</source>
        <translation>about %1 min</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/catalogue_pages.py" line="162" />
        <source>sur rendez-vous</source>
        <translation>by appointment</translation>
    </message>
</context>
<context>
    <name>ProcedurePage</name>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="148" />
        <source>Cette démarche n'a pas d'aide particulière.</source>
        <translation>This procedure has no specific help.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="149" />
        <location filename="../../kiosk/views/pages/procedure.py" line="158" />
        <source>Aide à la saisie</source>
        <translation>Help with this form</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="150" />
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="154" />
        <source>La démarche</source>
        <translation>The procedure</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="157" />
        <source>Étape 1 · La démarche</source>
        <translation>Step 1 · The procedure</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="159" />
        <source>Commencer la démarche</source>
        <translation>Start the procedure</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="160" />
        <source>Documents à préparer</source>
        <translation>Documents to have ready</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="164" />
        <source>Chargement…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="181" />
        <source>Temps de saisie : environ %1 minute</source>
        <translation>Time to fill in: about %1 minute</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="182" />
        <source>Temps de saisie : environ %1 minutes</source>
        <translation>Time to fill in: about %1 minutes</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="188" />
        <source>Délai de traitement : %1</source>
        <translation>Processing time: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="192" />
        <source>Espace personnel requis : connectez-vous à « Mon espace » pour faire cette démarche.</source>
        <translation>Personal space required: sign in to “My account” to make this request.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="199" />
        <source>Un rendez-vous en mairie est obligatoire : vous le choisirez pendant la démarche.</source>
        <translation>An appointment at the town hall is required: you will choose it while filling in the procedure.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="200" />
        <source>Vous pourrez prendre un rendez-vous en mairie si vous le souhaitez.</source>
        <translation>You may book an appointment at the town hall if you wish.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="213" />
        <source>Cette page présente la démarche : à quoi elle sert, le temps qu'elle prend et les documents à préparer. Touchez « Commencer la démarche » pour la remplir, ou « Aide à la saisie » pour en savoir plus.</source>
        <translation>This page presents the procedure: what it is for, how long it takes and which documents to have ready. Touch “Start the procedure” to fill it in, or “Help with this form” to learn more.</translation>
    </message>
</context>
<context>
    <name>ProceduresPage</name>
    <message>
        <location filename="../../kiosk/views/pages/catalogue_pages.py" line="140" />
        <source>Démarches</source>
        <translation>Procedures</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/catalogue_pages.py" line="146" />
        <source>Touchez la démarche à effectuer.</source>
        <translation>Touch the procedure you want.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/catalogue_pages.py" line="149" />
        <source>Espace personnel requis</source>
        <translation>Personal space required</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/catalogue_pages.py" line="152" />
        <source>Ce domaine ne propose aucune démarche pour le moment.</source>
        <translation>This area offers no procedure at the moment.</translation>
    </message>
</context>
<context>
    <name>Quota</name>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="25" />
        <source>Au plus %1 demande par jour et par personne</source>
        <translation>At most %1 request per day per person</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="26" />
        <source>Au plus %1 demandes par jour et par personne</source>
        <translation>At most %1 requests per day per person</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="29" />
        <source>Au plus %1 demande par semaine et par personne</source>
        <translation>At most %1 request per week per person</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="30" />
        <source>Au plus %1 demandes par semaine et par personne</source>
        <translation>At most %1 requests per week per person</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="33" />
        <source>Au plus %1 demande par mois et par personne</source>
        <translation>At most %1 request per month per person</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="34" />
        <source>Au plus %1 demandes par mois et par personne</source>
        <translation>At most %1 requests per month per person</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="37" />
        <source>Au plus %1 demande par an et par personne</source>
        <translation>At most %1 request per year per person</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="38" />
        <source>Au plus %1 demandes par an et par personne</source>
        <translation>At most %1 requests per year per person</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <location filename="../../kiosk/views/pages/search.py" line="74" />
        <source>Espace personnel requis</source>
        <translation>Personal space required</translation>
    </message>
</context>
<context>
    <name>SearchLauncher</name>
    <message>
        <location filename="../../kiosk/views/widgets/search_launcher.py" line="32" />
        <source>Votre recherche : tapez un mot, par exemple « naissance »</source>
        <translation>Search: type a word, for example “birth”</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/search_launcher.py" line="33" />
        <source>Votre recherche</source>
        <translation>Search</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <location filename="../../kiosk/views/pages/search.py" line="201" />
        <source>Chargement des démarches…</source>
        <translation>Loading procedures…</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/search.py" line="203" />
        <source>Exemples : naissance, carte d'identité, école, salle, adresse.</source>
        <translation>Examples: birth, identity card, school, hall, address.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/search.py" line="206" />
        <source>Aucune démarche ne correspond à « %1 ». Essayez un autre mot, ou parcourez les domaines.</source>
        <translation>No procedure matches “%1”. Try another word, or browse the areas.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/search.py" line="209" />
        <source>%1 démarche trouvée</source>
        <translation>%1 procedure found</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/search.py" line="209" />
        <source>%1 démarches trouvées</source>
        <translation>%1 procedures found</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/search.py" line="232" />
        <location filename="../../kiosk/views/pages/search.py" line="235" />
        <location filename="../../kiosk/views/pages/search.py" line="237" />
        <source>Votre recherche</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/search.py" line="236" />
        <source>Tapez un ou plusieurs mots :</source>
        <translation>Type one or more words:</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/search.py" line="238" />
        <source>Par exemple : naissance</source>
        <translation>For example: birth</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/search.py" line="239" />
        <source>Effacer</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/search.py" line="240" />
        <source>Effacer la recherche</source>
        <translation>Clear the search</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/search.py" line="241" />
        <source>Voir les résultats</source>
        <translation>See the results</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/search.py" line="243" />
        <source>Résultats de la recherche</source>
        <translation>Search results</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/search.py" line="244" />
        <source>Parcourir les domaines</source>
        <translation>Browse the areas</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/search.py" line="250" />
        <source>Tapez un mot qui décrit votre démarche, par exemple « naissance » ou « inscription ». Les accents et les majuscules ne comptent pas. Touchez ensuite une démarche de la liste pour l'ouvrir.</source>
        <translation>Type a word that describes your request, for example “birth” or “registration” (French words work too). Accents and capitals do not matter. Then touch a procedure in the list to open it.</translation>
    </message>
</context>
<context>
    <name>_TilesPage</name>
    <message>
        <location filename="../../kiosk/views/pages/catalogue_pages.py" line="52" />
        <source>Chargement des démarches…</source>
        <translation>Loading procedures…</translation>
    </message>
</context>
</TS>