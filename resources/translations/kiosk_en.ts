<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="fr_FR">
<context>
    <name>AccountForm</name>
    <message>
        <location filename="../../kiosk/views/pages/account_forms.py" line="75"/>
        <source>Ce champ est à remplir.</source>
        <translation>Please fill in this field.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_forms.py" line="79"/>
        <source>Cette adresse de courriel n&apos;est pas valide. Exemple : prenom.nom@exemple.fr</source>
        <translation>This e-mail address is not valid. Example: firstname.lastname@example.com</translation>
    </message>
</context>
<context>
    <name>AccountPage</name>
    <message>
        <location filename="../../kiosk/views/pages/account.py" line="247"/>
        <source>Votre session a expiré. Reconnectez-vous pour retrouver votre espace personnel.</source>
        <translation>Your session has expired. Log in again to get back to your personal account.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account.py" line="256"/>
        <source>Les espaces personnels ne sont pas disponibles sur cette borne. Les démarches sans espace personnel restent possibles, et un agent d&apos;accueil peut vous aider au guichet.</source>
        <translation>Personal accounts are not available at this kiosk. Requests without a personal account are still possible, and a reception agent can help you at the counter.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account.py" line="261"/>
        <source>La borne n&apos;est pas reliée à la mairie pour le moment : impossible de se connecter ou de créer un espace personnel. Les démarches sans espace personnel restent possibles.</source>
        <translation>The kiosk is not connected to the town hall at the moment: you cannot log in or create a personal account. Requests without a personal account are still possible.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account.py" line="284"/>
        <source>Adresse de courriel : %1</source>
        <translation>E-mail address: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account.py" line="380"/>
        <location filename="../../kiosk/views/pages/account.py" line="384"/>
        <location filename="../../kiosk/views/pages/account.py" line="391"/>
        <source>Mon espace</source>
        <translation>My account</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account.py" line="385"/>
        <location filename="../../kiosk/views/pages/account.py" line="403"/>
        <source>Me connecter sur la borne</source>
        <translation>Log in on this kiosk</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account.py" line="386"/>
        <location filename="../../kiosk/views/pages/account.py" line="402"/>
        <source>Me connecter avec mon téléphone</source>
        <translation>Log in with my phone</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account.py" line="387"/>
        <location filename="../../kiosk/views/pages/account.py" line="404"/>
        <location filename="../../kiosk/views/pages/account.py" line="419"/>
        <source>Créer mon espace</source>
        <translation>Create my account</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account.py" line="388"/>
        <source>Mot de passe oublié ?</source>
        <translation>Forgotten password?</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account.py" line="389"/>
        <source>Un courriel vous a été envoyé</source>
        <translation>An e-mail has been sent to you</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account.py" line="390"/>
        <location filename="../../kiosk/views/pages/account.py" line="405"/>
        <source>Pourquoi se créer un espace personnel ?</source>
        <translation>Why create a personal account?</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account.py" line="398"/>
        <source>Votre espace personnel réutilise vos coordonnées dans vos démarches et vous permet de suivre vos demandes. Comment voulez-vous vous connecter ?</source>
        <translation>Your personal account reuses your contact details in your requests and lets you follow them. How would you like to log in?</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account.py" line="406"/>
        <source>Faire une démarche sans espace personnel</source>
        <translation>Make a request without a personal account</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account.py" line="427"/>
        <source>Connectez-vous avec votre téléphone (scannez le code QR, puis autorisez la borne) ou avec l&apos;adresse de courriel et le mot de passe de votre espace personnel, ou créez votre espace : un courriel vous permettra de choisir votre mot de passe. Touchez « Se déconnecter » ou « Terminer » en partant.</source>
        <translation>Log in with your phone (scan the QR code, then allow the kiosk) or with the e-mail address and password of your personal account, or create your account: an e-mail will let you choose your password. Tap “Log out” or “Finish” when you leave.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account.py" line="272"/>
        <source>Un courriel vous a été envoyé pour finaliser l&apos;inscription (lien valable 2 jours). Ouvrez-le sur votre téléphone ou votre ordinateur pour choisir votre mot de passe, puis connectez-vous.</source>
        <translation>An e-mail has been sent to you to complete your registration (link valid for 2 days). Open it on your phone or computer to choose your password, then log in.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account.py" line="277"/>
        <source>Si cette adresse correspond à un espace personnel, un courriel vous a été envoyé avec un lien pour choisir un nouveau mot de passe (valable 30 minutes).</source>
        <translation>If this address belongs to a personal account, an e-mail has been sent to you with a link to choose a new password (valid for 30 minutes).</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account.py" line="416"/>
        <source>Retour à Mon espace</source>
        <translation>Back to My account</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account.py" line="421"/>
        <source>En partant, touchez « Se déconnecter » en haut de l&apos;écran : rien de votre espace ne reste ici.</source>
        <translation>When you leave, tap “Log out” at the top of the screen: nothing of your account stays here.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_texts.py" line="16"/>
        <source>Un instant…</source>
        <translation>One moment…</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_texts.py" line="18"/>
        <source>Adresse ou mot de passe incorrect.</source>
        <translation>Incorrect e-mail address or password.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_texts.py" line="23"/>
        <source>Trop de tentatives de connexion. Réessayez dans %1 minute.</source>
        <translation>Too many login attempts. Try again in %1 minute.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_texts.py" line="24"/>
        <source>Trop de tentatives de connexion. Réessayez dans %1 minutes.</source>
        <translation>Too many login attempts. Try again in %1 minutes.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_texts.py" line="30"/>
        <source>Trop de tentatives de connexion. Réessayez dans %1 seconde.</source>
        <translation>Too many login attempts. Try again in %1 second.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_texts.py" line="31"/>
        <source>Trop de tentatives de connexion. Réessayez dans %1 secondes.</source>
        <translation>Too many login attempts. Try again in %1 seconds.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_texts.py" line="34"/>
        <source>La mairie n&apos;a pas accepté ces informations. Vérifiez-les et réessayez.</source>
        <translation>The town hall did not accept this information. Check it and try again.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_texts.py" line="37"/>
        <source>La mairie ne répond pas pour le moment. Réessayez plus tard ; les démarches sans espace personnel restent possibles.</source>
        <translation>The town hall is not answering at the moment. Try again later; requests without a personal account are still possible.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_texts.py" line="47"/>
        <source>Les coordonnées saisies à la création de l&apos;espace sont réutilisées lors de vos futures demandes.</source>
        <translation>The contact details you enter when creating your account are reused in your future requests.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_texts.py" line="51"/>
        <source>Un espace de stockage sécurisé garde vos pièces justificatives pour les utiliser dans plusieurs demandes.</source>
        <translation>A secure storage space keeps your supporting documents so you can use them in several requests.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_texts.py" line="55"/>
        <source>Vous suivez l&apos;état de vos demandes et échangez avec la mairie au sujet d&apos;une demande.</source>
        <translation>You follow the status of your requests and exchange with the town hall about a request.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_texts.py" line="58"/>
        <source>Certaines démarches, actualités, activités, informations pratiques ou sondages sont réservés aux titulaires d&apos;un espace personnel.</source>
        <translation>Some requests, news, activities, practical information and surveys are only open to personal account holders.</translation>
    </message>
</context>
<context>
    <name>AgentPage</name>
    <message>
        <location filename="../../kiosk/views/pages/agent.py" line="243"/>
        <source>Saisissez votre code agent.</source>
        <translation>Enter your agent code.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/agent.py" line="245"/>
        <source>Vérification du code…</source>
        <translation>Checking the code…</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/agent.py" line="248"/>
        <source>Le code n&apos;a pas pu être vérifié. Réessayez ; si cela se reproduit, prévenez le service informatique.</source>
        <translation>The code could not be checked. Try again; if it happens again, tell the IT department.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/agent.py" line="254"/>
        <source>Code incorrect. Nouvel essai possible dans %1 seconde.</source>
        <translation>Wrong code. You can try again in %1 second.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/agent.py" line="255"/>
        <source>Code incorrect. Nouvel essai possible dans %1 secondes.</source>
        <translation>Wrong code. You can try again in %1 seconds.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/agent.py" line="257"/>
        <source>Code incorrect. Vous pouvez réessayer.</source>
        <translation>Wrong code. You can try again now.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/agent.py" line="296"/>
        <source>Central refuse le jeton de cette borne. Enregistrez-la à nouveau (central kiosk add NOM) et placez le nouveau jeton dans %1. Les demandes restent en attente et partiront ensuite.</source>
        <translation>Central refuses this kiosk&apos;s token. Register the kiosk again (central kiosk add NAME) and put the new token in %1. Requests stay queued and will be sent then.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/agent.py" line="304"/>
        <source>%1 demande en attente d&apos;envoi</source>
        <translation>%1 request waiting to be sent</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/agent.py" line="305"/>
        <source>%1 demandes en attente d&apos;envoi</source>
        <translation>%1 requests waiting to be sent</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/agent.py" line="308"/>
        <source>Aucune demande en attente d&apos;envoi</source>
        <translation>No request waiting to be sent</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/agent.py" line="318"/>
        <source>Les %1 plus récents sur %2 ; le journal de la borne les garde tous.</source>
        <translation>The %1 most recent of %2; the kiosk&apos;s log keeps them all.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/agent.py" line="327"/>
        <source>Cette borne n&apos;est reliée à aucun central : ses demandes restent sur la borne, en attente d&apos;envoi.</source>
        <translation>This kiosk is connected to no central: its requests stay on the kiosk, waiting to be sent.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/agent.py" line="330"/>
        <source>Hors ligne : central (%1) refuse le jeton de cette borne.</source>
        <translation>Offline: central (%1) refuses this kiosk&apos;s token.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/agent.py" line="332"/>
        <source>En ligne : central (%1) répond.</source>
        <translation>Online: central (%1) answers.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/agent.py" line="334"/>
        <source>Hors ligne : central (%1) ne répond pas. Les demandes attendent sur la borne et partiront à son retour.</source>
        <translation>Offline: central (%1) does not answer. Requests wait on the kiosk and will be sent when it is back.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/agent.py" line="346"/>
        <source>Refusé le %1</source>
        <translation>Refused on %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/agent.py" line="353"/>
        <source>Motif donné par central : %1</source>
        <translation>Reason given by central: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/agent.py" line="360"/>
        <source>Envoi de la demande</source>
        <translation>Submission of the request</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/agent.py" line="362"/>
        <source>Annulation de la demande</source>
        <translation>Cancellation of the request</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/agent.py" line="363"/>
        <source>Opération %1</source>
        <translation>Operation %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/agent.py" line="375"/>
        <location filename="../../kiosk/views/pages/agent.py" line="379"/>
        <source>Espace agent</source>
        <translation>Agent area</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/agent.py" line="382"/>
        <source>Réservé aux agents d&apos;accueil de la mairie. Saisissez votre code agent sur le pavé numérique.</source>
        <translation>For the town hall&apos;s counter agents only. Enter your agent code on the keypad.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/agent.py" line="384"/>
        <source>Code agent</source>
        <translation>Agent code</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/agent.py" line="384"/>
        <source>Des chiffres, masqués à l&apos;écran</source>
        <translation>Digits, hidden on screen</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/agent.py" line="385"/>
        <source>Valider</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/agent.py" line="386"/>
        <source>Valider le code agent</source>
        <translation>Confirm the agent code</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/agent.py" line="388"/>
        <source>Quitter l&apos;espace agent</source>
        <translation>Leave the agent area</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/agent.py" line="389"/>
        <source>Quitter l&apos;espace agent et revenir à l&apos;accueil</source>
        <translation>Leave the agent area and go back to the home screen</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/agent.py" line="390"/>
        <source>Borne non autorisée</source>
        <translation>Kiosk not authorised</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/agent.py" line="391"/>
        <source>Connexion avec central</source>
        <translation>Connection with central</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/agent.py" line="392"/>
        <source>Demandes en attente d&apos;envoi</source>
        <translation>Requests waiting to be sent</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/agent.py" line="393"/>
        <source>Envois refusés</source>
        <translation>Refused sends</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/agent.py" line="396"/>
        <source>Central a refusé ces envois pour de bon : ils ne repartiront pas. Retrouvez la demande à la mairie par sa référence.</source>
        <translation>Central refused these sends for good: they will not be sent again. Find the request at the town hall by its reference.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/agent.py" line="400"/>
        <source>Aucun envoi refusé</source>
        <translation>No refused send</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/agent.py" line="407"/>
        <source>Espace réservé aux agents d&apos;accueil : la connexion de la borne avec central, les demandes en attente d&apos;envoi et les envois refusés. « Quitter l&apos;espace agent » revient à l&apos;accueil ; l&apos;espace se ferme aussi avec « Terminer » et quand la borne reste inactive.</source>
        <translation>For counter agents: the kiosk&apos;s connection with central, the requests waiting to be sent and the refused sends. “Leave the agent area” goes back to the home screen; the area also closes with “Finish” and when the kiosk stays idle.</translation>
    </message>
</context>
<context>
    <name>Answers</name>
    <message>
        <location filename="../../kiosk/views/answers.py" line="53"/>
        <source>%1 à %2</source>
        <translation>%1 at %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/answers.py" line="62"/>
        <source>%1, de %2 à %3</source>
        <translation>%1, from %2 to %3</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/answers.py" line="92"/>
        <source>Non renseigné</source>
        <translation>Not provided</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/answers.py" line="96"/>
        <source>Oui</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/answers.py" line="96"/>
        <source>Non</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>AppointmentStep</name>
    <message>
        <location filename="../../kiosk/views/pages/wizard/appointment_step.py" line="84"/>
        <source>Recherche des créneaux libres…</source>
        <translation>Looking for free time slots…</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/appointment_step.py" line="87"/>
        <source>Aucun créneau libre pour le moment : l&apos;accueil vous en proposera un.</source>
        <translation>No free time slots at the moment: reception will offer you one.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/appointment_step.py" line="178"/>
        <source>Choisissez un jour puis une heure de rendez-vous.</source>
        <translation>Choose a day, then a time for your appointment.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/appointment_step.py" line="189"/>
        <source>Mon rendez-vous</source>
        <translation>My appointment</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/appointment_step.py" line="194"/>
        <source>Cette démarche se termine par un rendez-vous en mairie. Choisissez un jour puis une heure.</source>
        <translation>This procedure ends with an appointment at the town hall. Choose a day, then a time.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/appointment_step.py" line="196"/>
        <source>Vous pouvez prendre un rendez-vous en mairie, ou continuer sans rendez-vous.</source>
        <translation>You can book an appointment at the town hall, or continue without one.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/appointment_step.py" line="198"/>
        <source>Je ne souhaite pas de rendez-vous</source>
        <translation>I do not want an appointment</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/appointment_step.py" line="199"/>
        <source>Jour</source>
        <translation>Day</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/appointment_step.py" line="200"/>
        <source>Heure</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/appointment_step.py" line="204"/>
        <source>Rendez-vous choisi : %1</source>
        <translation>Chosen appointment: %1</translation>
    </message>
</context>
<context>
    <name>AttachPage</name>
    <message>
        <location filename="../../kiosk/views/pages/attach.py" line="116"/>
        <location filename="../../kiosk/views/pages/attach.py" line="126"/>
        <source>Rattacher une demande</source>
        <translation>Attach a request</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/attach.py" line="120"/>
        <source>Une demande faite sans être connecté peut rejoindre votre espace personnel : tapez son code de suivi (8 lettres, sur l&apos;écran de fin de la démarche et sur le récapitulatif) et le nom du demandeur indiqué dans la demande, puis touchez « Rattacher ».</source>
        <translation>A request made without logging in can join your personal space: type its tracking code (8 letters, on the last screen of the procedure and on the summary) and the requester&apos;s last name given in the request, then tap “Attach”.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/attach.py" line="130"/>
        <source>Une demande faite sans être connecté peut rejoindre votre espace personnel : vous la retrouverez dans vos demandes. Pour vérifier qu&apos;elle est la vôtre, indiquez son code de suivi et le nom du demandeur.</source>
        <translation>A request made without logging in can join your personal space: you will find it among your requests. To check that it is yours, enter its tracking code and the requester&apos;s last name.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/attach.py" line="135"/>
        <source>Code de suivi</source>
        <translation>Tracking code</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/attach.py" line="135"/>
        <source>8 lettres, par exemple BCDF GHJK</source>
        <translation>8 letters, for example BCDF GHJK</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/attach.py" line="136"/>
        <source>Par exemple : BCDF GHJK</source>
        <translation>For example: BCDF GHJK</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/attach.py" line="137"/>
        <source>Nom du demandeur</source>
        <translation>Requester&apos;s last name</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/attach.py" line="137"/>
        <source>Le nom de famille indiqué dans la demande</source>
        <translation>The last name given in the request</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/attach.py" line="138"/>
        <source>Rattacher</source>
        <translation>Attach</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/attach.py" line="139"/>
        <source>Rattacher la demande à mon espace personnel</source>
        <translation>Attach the request to my personal space</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/attach.py" line="140"/>
        <source>Voir la demande</source>
        <translation>See the request</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/attach.py" line="141"/>
        <source>Voir le suivi de la demande rattachée</source>
        <translation>See the follow-up of the attached request</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/attach.py" line="251"/>
        <source>C&apos;est fait : la demande est rattachée à votre espace personnel. Elle y apparaîtra dès que la mairie l&apos;aura reçue.</source>
        <translation>Done: the request is attached to your personal space. It will appear there as soon as the town hall has received it.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/attach.py" line="254"/>
        <source>C&apos;est fait : la demande est rattachée à votre espace personnel.</source>
        <translation>Done: the request is attached to your personal space.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/attach.py" line="255"/>
        <source>Indiquez le code de suivi de la demande et le nom du demandeur.</source>
        <translation>Enter the request&apos;s tracking code and the requester&apos;s last name.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/attach.py" line="257"/>
        <source>Aucune demande ne correspond à ce code et à ce nom. Vérifiez les 8 lettres du code de suivi et le nom du demandeur.</source>
        <translation>No request matches this code and this name. Check the 8 letters of the tracking code and the requester&apos;s last name.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/attach.py" line="260"/>
        <source>Cette demande est déjà rattachée à un autre espace personnel.</source>
        <translation>This request is already attached to another personal space.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/attach.py" line="261"/>
        <source>Cette demande est déjà rattachée à un espace personnel.</source>
        <translation>This request is already attached to a personal space.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/attach.py" line="262"/>
        <source>Votre session a expiré : reconnectez-vous à votre espace pour rattacher une demande.</source>
        <translation>Your session has expired: log in to your space again to attach a request.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/attach.py" line="263"/>
        <source>Connectez-vous à votre espace personnel pour rattacher une demande.</source>
        <translation>Log in to your personal space to attach a request.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/attach.py" line="264"/>
        <source>Le rattachement n&apos;a pas pu être enregistré. Réessayez, ou adressez-vous à l&apos;accueil.</source>
        <translation>The attachment could not be saved. Try again, or ask at the reception desk.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/attach.py" line="266"/>
        <source>La borne est hors ligne : seule une demande faite à cette borne peut être rattachée pour le moment. Réessayez plus tard.</source>
        <translation>The kiosk is offline: only a request made at this kiosk can be attached for now. Try again later.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/attach.py" line="277"/>
        <source>Trop d&apos;essais. Réessayez dans %1 seconde.</source>
        <translation>Too many tries. Try again in %1 second.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/attach.py" line="278"/>
        <source>Trop d&apos;essais. Réessayez dans %1 secondes.</source>
        <translation>Too many tries. Try again in %1 seconds.</translation>
    </message>
</context>
<context>
    <name>AttachmentEditor</name>
    <message>
        <location filename="../../kiosk/views/widgets/documents/editor.py" line="307"/>
        <source>Ajouter un fichier</source>
        <translation>Add a file</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/editor.py" line="309"/>
        <source>Ajouter un fichier : %1</source>
        <translation>Add a file: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/editor.py" line="315"/>
        <source>Un fichier : PDF, JPEG ou PNG, 10 Mo au plus.</source>
        <translation>One file: PDF, JPEG or PNG, 10 MB maximum.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/editor.py" line="317"/>
        <source>Jusqu&apos;à %1 fichiers (recto, verso…) : PDF, JPEG ou PNG, 10 Mo au plus chacun.</source>
        <translation>Up to %1 files (front, back…): PDF, JPEG or PNG, 10 MB maximum each.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/editor.py" line="322"/>
        <source>Vérification du fichier…</source>
        <translation>Checking the file…</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/editor.py" line="324"/>
        <source>Nombre maximal de fichiers atteint. Retirez-en un pour en ajouter un autre.</source>
        <translation>Maximum number of files reached. Remove one to add another.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/editor.py" line="330"/>
        <source>%1 fichier joint sur %2</source>
        <translation>Files attached: %1 of %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/editor.py" line="331"/>
        <source>%1 fichiers joints sur %2</source>
        <translation>Files attached: %1 of %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/editor.py" line="341"/>
        <source>Fichier non joint : %1</source>
        <translation>File not attached: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/editor.py" line="347"/>
        <source>Ce fichier est déjà joint : %1</source>
        <translation>This file is already attached: %1</translation>
    </message>
</context>
<context>
    <name>ComingSoon</name>
    <message>
        <location filename="../../kiosk/views/pages/coming_soon.py" line="20"/>
        <source>Saisie de la démarche</source>
        <translation>Filling in the procedure</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/coming_soon.py" line="22"/>
        <source>Mes pièces</source>
        <translation>My documents</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/coming_soon.py" line="23"/>
        <source>Mes actualités</source>
        <translation>My news</translation>
    </message>
</context>
<context>
    <name>ComingSoonPage</name>
    <message>
        <location filename="../../kiosk/views/pages/coming_soon.py" line="70"/>
        <source>%1 : bientôt disponible</source>
        <translation>%1: coming soon</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/coming_soon.py" line="74"/>
        <source>Ce service arrive prochainement sur cette borne. En attendant, un agent d&apos;accueil peut vous aider au guichet.</source>
        <translation>This service is coming soon to this kiosk. In the meantime, a member of staff at the counter can help you.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/coming_soon.py" line="78"/>
        <source>Retour à l&apos;accueil</source>
        <translation>Back to the home screen</translation>
    </message>
</context>
<context>
    <name>ConfirmationPage</name>
    <message>
        <location filename="../../kiosk/views/pages/confirmation.py" line="179"/>
        <source>Demande enregistrée</source>
        <translation>Request submitted</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/confirmation.py" line="190"/>
        <source>Votre demande a bien été prise en compte</source>
        <translation>Your request has been recorded</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/confirmation.py" line="192"/>
        <source>Votre code de suivi</source>
        <translation>Your tracking code</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/confirmation.py" line="199"/>
        <source>Imprimer le récapitulatif</source>
        <translation>Print the summary</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/confirmation.py" line="200"/>
        <source>Imprimer le récapitulatif de votre demande</source>
        <translation>Print the summary of your request</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/confirmation.py" line="201"/>
        <source>Terminer</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/confirmation.py" line="202"/>
        <source>Terminer et effacer mes informations de l&apos;écran</source>
        <translation>Finish and clear my details from the screen</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/confirmation.py" line="183"/>
        <source>Votre demande est enregistrée sur la borne. Notez le code de suivi : il vous permet de suivre ou d&apos;annuler votre demande avec la touche « Suivre une demande ». S&apos;il y a un code QR, lisez-le avec l&apos;appareil photo de votre téléphone pour suivre votre demande depuis chez vous. Touchez « Terminer » quand vous avez fini : vos informations sont alors effacées de l&apos;écran.</source>
        <translation>Your request is saved on the kiosk. Write down the tracking code: with it you can follow or cancel your request with the “Track a request” button. If there is a QR code, read it with your phone’s camera to follow your request from home. Touch “Finish” when you are done: your details are then erased from the screen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/confirmation.py" line="193"/>
        <source>Notez ce code : il vous sera demandé pour suivre votre demande.</source>
        <translation>Write this code down: you will be asked for it to track your request.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/confirmation.py" line="196"/>
        <source>Ou lisez le code QR avec l&apos;appareil photo de votre téléphone : il ouvre le suivi de votre demande.</source>
        <translation>Or read the QR code with your phone’s camera: it opens your request’s tracking page.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/confirmation.py" line="203"/>
        <source>Code QR : le suivi de votre demande sur votre téléphone</source>
        <translation>QR code: track your request on your phone</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/confirmation.py" line="205"/>
        <source>En attente d&apos;envoi : votre demande part vers la mairie.</source>
        <translation>Waiting to be sent: your request is on its way to the town hall.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/confirmation.py" line="207"/>
        <source>En attente d&apos;envoi : votre demande partira dès que la borne sera connectée à la mairie.</source>
        <translation>Waiting to be sent: your request will go as soon as the kiosk is connected to the town hall.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/confirmation.py" line="219"/>
        <source>Référence : %1</source>
        <translation>Reference: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/confirmation.py" line="222"/>
        <source>Code de suivi : %1</source>
        <translation>Tracking code: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/confirmation.py" line="227"/>
        <source>Rendez-vous : %1 — %2</source>
        <translation>Appointment: %1 — %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/confirmation.py" line="300"/>
        <source>Le récapitulatif a été envoyé à l&apos;imprimante, mais il ne peut pas être affiché.</source>
        <translation>The summary was sent to the printer, but it cannot be shown on screen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/confirmation.py" line="304"/>
        <source>Le récapitulatif ne peut pas être imprimé ni affiché pour le moment. Votre demande est bien enregistrée : c&apos;est le code de suivi ci-dessus qui compte. Notez-le.</source>
        <translation>The summary cannot be printed or shown right now. Your request is saved: the tracking code above is what matters. Write it down.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/confirmation.py" line="314"/>
        <source>L&apos;imprimante de la borne ne répond pas : voici le récapitulatif à l&apos;écran. Notez votre code de suivi.</source>
        <translation>The kiosk’s printer is not responding: here is the summary on screen. Write down your tracking code.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/confirmation.py" line="318"/>
        <source>Aucune imprimante n&apos;est reliée à cette borne : voici le récapitulatif à l&apos;écran. Notez votre code de suivi.</source>
        <translation>No printer is connected to this kiosk: here is the summary on screen. Write down your tracking code.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/confirmation.py" line="311"/>
        <source>Le récapitulatif a été envoyé à l&apos;imprimante. Le voici :</source>
        <translation>The summary has been sent to the printer. Here it is:</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/confirmation.py" line="363"/>
        <source>Aperçu du récapitulatif</source>
        <translation>Preview of the summary</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/confirmation.py" line="372"/>
        <source>Récapitulatif de votre demande</source>
        <translation>Summary of your request</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/confirmation.py" line="373"/>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/confirmation.py" line="374"/>
        <source>Fermer le récapitulatif</source>
        <translation>Close the summary</translation>
    </message>
</context>
<context>
    <name>CreateForm</name>
    <message>
        <location filename="../../kiosk/views/pages/account_forms.py" line="155"/>
        <source>Indiquez votre adresse de courriel, votre prénom et votre nom. Vous recevrez un courriel avec un lien pour choisir votre mot de passe et finaliser l&apos;inscription.</source>
        <translation>Enter your e-mail address, your first name and your last name. You will receive an e-mail with a link to choose your password and complete your registration.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_forms.py" line="159"/>
        <source>Adresse de courriel</source>
        <translation>E-mail address</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_forms.py" line="159"/>
        <source>Par exemple prenom.nom@exemple.fr</source>
        <translation>For example firstname.lastname@example.com</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_forms.py" line="160"/>
        <source>Prénom</source>
        <translation>First name</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_forms.py" line="161"/>
        <source>Nom</source>
        <translation>Last name</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_forms.py" line="162"/>
        <source>Créer mon espace</source>
        <translation>Create my account</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="238"/>
        <location filename="../../kiosk/views/pages/dashboard.py" line="257"/>
        <location filename="../../kiosk/views/pages/dashboard.py" line="262"/>
        <location filename="../../kiosk/views/pages/dashboard.py" line="269"/>
        <location filename="../../kiosk/views/pages/dashboard.py" line="304"/>
        <source>Coordonnées</source>
        <translation>Contact details</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="238"/>
        <location filename="../../kiosk/views/pages/dashboard.py" line="275"/>
        <source>Mon tableau de bord</source>
        <translation>My dashboard</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="242"/>
        <source>Chargement de votre profil…</source>
        <translation>Loading your profile…</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="246"/>
        <source>Votre tableau de bord n&apos;est pas disponible sur cette borne.</source>
        <translation>Your dashboard is not available on this kiosk.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="249"/>
        <source>La borne n&apos;est pas reliée à la mairie pour le moment : vos demandes, vos échanges et vos rendez-vous ne peuvent pas être affichés. Les démarches restent possibles.</source>
        <translation>The kiosk is not connected to the town hall at the moment: your requests, messages and appointments cannot be shown. Procedures are still available.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="252"/>
        <source>Chargement de vos demandes…</source>
        <translation>Loading your requests…</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="258"/>
        <source>Pour qui ? Vos coordonnées, ou celles d&apos;un membre de votre famille.</source>
        <translation>For whom? Your contact details, or those of a member of your family.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="264"/>
        <source>Quelles coordonnées de %1 voulez-vous changer ? La démarche correspondante s&apos;ouvre, pour %1.</source>
        <translation>Which contact details of %1 do you want to change? The matching procedure opens, for %1.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="270"/>
        <source>Quelles coordonnées voulez-vous changer ? La démarche correspondante s&apos;ouvre.</source>
        <translation>Which contact details do you want to change? The matching procedure opens.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="276"/>
        <source>Touchez une dalle pour suivre vos demandes ou en faire une.</source>
        <translation>Touch a tile to follow your requests or make one.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="286"/>
        <source>Dernières demandes</source>
        <translation>Latest requests</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="286"/>
        <source>Vos 4 dernières demandes</source>
        <translation>Your 4 latest requests</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="288"/>
        <source>Voir toutes mes demandes</source>
        <translation>See all my requests</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="289"/>
        <source>%1 demande en cours</source>
        <translation>%1 request in progress</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="289"/>
        <source>%1 demandes en cours</source>
        <translation>%1 requests in progress</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="291"/>
        <source>En cours et archivées</source>
        <translation>In progress and archived</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="295"/>
        <source>Échanges à lire</source>
        <translation>Messages to read</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="296"/>
        <source>Les messages de la mairie</source>
        <translation>Messages from the town hall</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="300"/>
        <source>Rendez-vous proches</source>
        <translation>Upcoming appointments</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="301"/>
        <source>Vos rendez-vous à venir</source>
        <translation>Your appointments to come</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="304"/>
        <source>Adresse, téléphone, courriel</source>
        <translation>Address, phone, e-mail</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="305"/>
        <source>Mon profil</source>
        <translation>My profile</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="305"/>
        <source>Identité, famille, clé enfance</source>
        <translation>Identity, family, child key</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="306"/>
        <source>Rattacher une demande</source>
        <translation>Attach a request</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="306"/>
        <source>Avec son code de suivi</source>
        <translation>With its tracking code</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="307"/>
        <source>Toutes les démarches</source>
        <translation>All procedures</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="307"/>
        <source>Faire une demande à la mairie</source>
        <translation>Make a request to the town hall</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="308"/>
        <source>Mes pièces</source>
        <translation>My documents</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="308"/>
        <source>Vos pièces justificatives</source>
        <translation>Your supporting documents</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="309"/>
        <source>Mes actualités</source>
        <translation>My news</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="309"/>
        <source>Les actualités de la mairie pour vous</source>
        <translation>The town hall&apos;s news for you</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="310"/>
        <source>Changement d&apos;adresse</source>
        <translation>Change of address</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="310"/>
        <source>Adresses postales</source>
        <translation>Postal addresses</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="311"/>
        <source>Changement de téléphone</source>
        <translation>Change of phone number</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="311"/>
        <source>Numéros de téléphone</source>
        <translation>Phone numbers</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="312"/>
        <source>Changement de courriel</source>
        <translation>Change of e-mail address</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="312"/>
        <source>Adresses de courriel</source>
        <translation>E-mail addresses</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="314"/>
        <source>Moi</source>
        <translation>Me</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="314"/>
        <source>Mes coordonnées</source>
        <translation>My contact details</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="318"/>
        <source>Membre de ma famille</source>
        <translation>Member of my family</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="320"/>
        <source>Bientôt disponible</source>
        <translation>Coming soon</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/dashboard.py" line="324"/>
        <source>Votre tableau de bord : touchez « Dernières demandes » ou « Voir toutes mes demandes » pour suivre une demande, « Échanges à lire » pour les messages de la mairie. Les pastilles comptent ce qui vous attend. Touchez « Se déconnecter » en partant.</source>
        <translation>Your dashboard: touch “Latest requests” or “See all my requests” to follow a request, “Messages to read” for the town hall&apos;s messages. The badges count what is waiting for you. Touch “Log out” when you leave.</translation>
    </message>
</context>
<context>
    <name>DocumentCard</name>
    <message>
        <location filename="../../kiosk/views/widgets/documents/card.py" line="72"/>
        <source>Aperçu de %1</source>
        <translation>Preview of %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/card.py" line="74"/>
        <source>Voir</source>
        <translation>View</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/card.py" line="76"/>
        <source>Voir %1</source>
        <translation>View %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/card.py" line="78"/>
        <source>Retirer</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/card.py" line="80"/>
        <source>Retirer %1</source>
        <translation>Remove %1</translation>
    </message>
</context>
<context>
    <name>DocumentPicker</name>
    <message>
        <location filename="../../kiosk/views/widgets/documents/picker.py" line="75"/>
        <source>Dossier</source>
        <translation>Folder</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/picker.py" line="76"/>
        <source>Dossier %1</source>
        <translation>Folder %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/picker.py" line="116"/>
        <location filename="../../kiosk/views/widgets/documents/picker.py" line="238"/>
        <source>Choisir un fichier</source>
        <translation>Choose a file</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/picker.py" line="155"/>
        <location filename="../../kiosk/views/widgets/documents/picker.py" line="241"/>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/picker.py" line="188"/>
        <source>Chargement…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/picker.py" line="200"/>
        <source>Ce dossier n&apos;est plus disponible.</source>
        <translation>This folder is no longer available.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/picker.py" line="242"/>
        <location filename="../../kiosk/views/widgets/documents/picker.py" line="243"/>
        <source>Dossier parent</source>
        <translation>Up one folder</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/picker.py" line="244"/>
        <source>Actualiser</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/picker.py" line="245"/>
        <source>Actualiser la liste</source>
        <translation>Refresh the list</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/picker.py" line="248"/>
        <source>Dossiers disponibles</source>
        <translation>Available folders</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/picker.py" line="252"/>
        <source>Emplacement : %1</source>
        <translation>Location: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/picker.py" line="260"/>
        <source>Branchez une clé USB sur la borne, attendez quelques secondes, puis touchez « Actualiser ». Aucun dossier de documents n&apos;est disponible pour le moment.</source>
        <translation>Plug a USB stick into the kiosk, wait a few seconds, then touch “Refresh”. No document folder is available at the moment.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/picker.py" line="267"/>
        <source>Ce dossier est vide.</source>
        <translation>This folder is empty.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/picker.py" line="270"/>
        <source>Ce dossier contient beaucoup de fichiers : seuls les %1 premiers sont affichés.</source>
        <translation>This folder contains many files: only the first %1 are shown.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/picker.py" line="276"/>
        <source>Touchez un dossier pour l&apos;ouvrir, ou un fichier pour le joindre.</source>
        <translation>Touch a folder to open it, or a file to attach it.</translation>
    </message>
</context>
<context>
    <name>DocumentViewer</name>
    <message>
        <location filename="../../kiosk/views/widgets/documents/viewer.py" line="114"/>
        <source>Chargement de la page…</source>
        <translation>Loading the page…</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/viewer.py" line="131"/>
        <source>Cette page ne peut pas être affichée.</source>
        <translation>This page cannot be displayed.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/viewer.py" line="163"/>
        <source>Page %1 / %2</source>
        <translation>Page %1 of %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/viewer.py" line="167"/>
        <location filename="../../kiosk/views/widgets/documents/viewer.py" line="168"/>
        <source>Page précédente</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/viewer.py" line="169"/>
        <location filename="../../kiosk/views/widgets/documents/viewer.py" line="170"/>
        <source>Page suivante</source>
        <translation>Next page</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/viewer.py" line="173"/>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/viewer.py" line="174"/>
        <source>Fermer le document</source>
        <translation>Close the document</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/viewer.py" line="195"/>
        <source>Document joint</source>
        <translation>Attached document</translation>
    </message>
</context>
<context>
    <name>Documents</name>
    <message>
        <location filename="../../kiosk/views/widgets/documents/texts.py" line="18"/>
        <source>Le nom de ce fichier annonce un autre type que son contenu : c&apos;est en réalité un PDF.</source>
        <translation>This file&apos;s name does not match its content: it is actually a PDF.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/texts.py" line="21"/>
        <source>Le nom de ce fichier annonce un autre type que son contenu : c&apos;est en réalité une image JPEG.</source>
        <translation>This file&apos;s name does not match its content: it is actually a JPEG image.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/texts.py" line="25"/>
        <source>Le nom de ce fichier annonce un autre type que son contenu : c&apos;est en réalité une image PNG.</source>
        <translation>This file&apos;s name does not match its content: it is actually a PNG image.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/texts.py" line="33"/>
        <source>Ce fichier n&apos;est pas dans un dossier autorisé : il ne peut pas être joint.</source>
        <translation>This file is not in an allowed folder: it cannot be attached.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/texts.py" line="36"/>
        <source>Ce fichier ne peut pas être lu. La clé USB a peut-être été retirée.</source>
        <translation>This file cannot be read. The USB stick may have been removed.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/texts.py" line="39"/>
        <source>Ce fichier est vide.</source>
        <translation>This file is empty.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/texts.py" line="40"/>
        <source>Ce fichier dépasse 10 Mo.</source>
        <translation>This file is larger than 10 MB.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/texts.py" line="41"/>
        <source>Ce fichier n&apos;est pas un PDF, un JPEG ou un PNG.</source>
        <translation>This file is not a PDF, JPEG or PNG.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/texts.py" line="42"/>
        <source>Le nom de ce fichier annonce un autre type que son contenu.</source>
        <translation>This file&apos;s name does not match its content.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/texts.py" line="45"/>
        <source>L&apos;image est trop grande pour être ouverte.</source>
        <translation>The image is too large to open.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/texts.py" line="46"/>
        <source>Cette image est abîmée ou incomplète : elle ne peut pas être ouverte.</source>
        <translation>This image is damaged or incomplete: it cannot be opened.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/texts.py" line="49"/>
        <source>Ce PDF est protégé par un mot de passe : il ne peut pas être joint.</source>
        <translation>This PDF is protected by a password: it cannot be attached.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/texts.py" line="52"/>
        <source>Ce PDF contient des scripts : il ne peut pas être joint.</source>
        <translation>This PDF contains scripts: it cannot be attached.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/texts.py" line="55"/>
        <source>Ce PDF est abîmé : il ne peut pas être lu.</source>
        <translation>This PDF is damaged: it cannot be read.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/texts.py" line="56"/>
        <source>Ce PDF a plus de 30 pages : il ne peut pas être joint.</source>
        <translation>This PDF has more than 30 pages: it cannot be attached.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/texts.py" line="59"/>
        <source>Ce document est trop complexe pour être affiché.</source>
        <translation>This document is too complex to be displayed.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/texts.py" line="61"/>
        <source>Ce fichier ne peut pas être joint.</source>
        <translation>This file cannot be attached.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/texts.py" line="67"/>
        <source>%1 octets</source>
        <translation>%1 bytes</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/texts.py" line="69"/>
        <source>%1 Ko</source>
        <translation>%1 KB</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/texts.py" line="71"/>
        <source>%1 Mo</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/texts.py" line="84"/>
        <source>PDF, %1 page</source>
        <translation>PDF, %1 page</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/texts.py" line="85"/>
        <source>PDF, %1 pages</source>
        <translation>PDF, %1 pages</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/texts.py" line="88"/>
        <source>Image JPEG</source>
        <translation>JPEG image</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/documents/texts.py" line="89"/>
        <source>Image PNG</source>
        <translation>PNG image</translation>
    </message>
</context>
<context>
    <name>DomainsPage</name>
    <message>
        <location filename="../../kiosk/views/pages/catalogue_pages.py" line="77"/>
        <location filename="../../kiosk/views/pages/catalogue_pages.py" line="81"/>
        <source>Nouvelle démarche</source>
        <translation>New request</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/catalogue_pages.py" line="81"/>
        <source>Choisissez le domaine de votre demande.</source>
        <translation>Choose the area of your request.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/catalogue_pages.py" line="83"/>
        <source>%1 démarche</source>
        <translation>%1 procedure</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/catalogue_pages.py" line="83"/>
        <source>%1 démarches</source>
        <translation>%1 procedures</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/catalogue_pages.py" line="86"/>
        <source>Aucune démarche n&apos;est disponible pour le moment.</source>
        <translation>No procedure is available at the moment.</translation>
    </message>
</context>
<context>
    <name>ErrorNotice</name>
    <message>
        <location filename="../../kiosk/views/session.py" line="107"/>
        <source>Un problème est survenu</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/session.py" line="109"/>
        <source>Nous vous prions de nous excuser : la borne a rencontré une erreur et a dû tout effacer. Vous pouvez recommencer, ou demander de l&apos;aide à l&apos;accueil.</source>
        <translation>We apologise: the kiosk ran into an error and had to clear everything. You can start again, or ask for help at the reception desk.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/session.py" line="113"/>
        <source>Recommencer</source>
        <translation>Start again</translation>
    </message>
</context>
<context>
    <name>Features</name>
    <message>
        <location filename="../../kiosk/views/pages/features.py" line="35"/>
        <source>Nouvelle démarche</source>
        <translation>New request</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/features.py" line="36"/>
        <source>Faire une demande à la mairie</source>
        <translation>Make a request to the town hall</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/features.py" line="42"/>
        <source>Suivre une demande</source>
        <translation>Track a request</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/features.py" line="43"/>
        <source>Avec votre code de suivi</source>
        <translation>With your tracking code</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/features.py" line="49"/>
        <source>Actualités</source>
        <translation>News</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/features.py" line="50"/>
        <source>Les nouvelles de la commune</source>
        <translation>What&apos;s new in town</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/features.py" line="55"/>
        <source>Activités</source>
        <translation>Activities</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/features.py" line="56"/>
        <source>Sport, culture, loisirs</source>
        <translation>Sport, culture, leisure</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/features.py" line="61"/>
        <source>Infos pratiques</source>
        <translation>Practical information</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/features.py" line="62"/>
        <source>Horaires, adresses, services</source>
        <translation>Opening hours, addresses, services</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/features.py" line="67"/>
        <source>Votre avis nous intéresse</source>
        <translation>Tell us what you think</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/features.py" line="68"/>
        <source>Répondre aux sondages</source>
        <translation>Answer our surveys</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/features.py" line="73"/>
        <source>Mon espace</source>
        <translation>My account</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/features.py" line="74"/>
        <source>Votre espace personnel</source>
        <translation>Your personal space</translation>
    </message>
</context>
<context>
    <name>FieldEditor</name>
    <message>
        <location filename="../../kiosk/views/widgets/fields.py" line="287"/>
        <source>(facultatif)</source>
        <extracomment>Minimum height of a text input and of an option row (px). The longest e-mail address an input takes (RFC 5321&apos;s path limit; sync.protocol.EmailAddress&apos;s too). Size of the tick box / radio circle drawn in an option row (px), unless the stylesheet asks for more.</extracomment>
        <translation>(optional)</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/fields.py" line="580"/>
        <source>Par exemple : 14 07 1985</source>
        <translation>For example: 14 07 1985</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/fields.py" line="582"/>
        <source>Jour</source>
        <translation>Day</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/fields.py" line="583"/>
        <source>Mois</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/fields.py" line="584"/>
        <source>Année</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/fields.py" line="779"/>
        <source>Numéro et voie</source>
        <translation>House number and street</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/fields.py" line="780"/>
        <source>Complément d&apos;adresse (facultatif)</source>
        <translation>Address line 2 (optional)</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/fields.py" line="781"/>
        <source>Code postal</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/fields.py" line="782"/>
        <source>Commune</source>
        <translation>Town or city</translation>
    </message>
</context>
<context>
    <name>FieldProblems</name>
    <message>
        <location filename="../../kiosk/views/widgets/fields.py" line="960"/>
        <source>Choisissez une réponse.</source>
        <translation>Choose an answer.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/fields.py" line="962"/>
        <source>Cochez au moins une réponse.</source>
        <translation>Tick at least one answer.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/fields.py" line="964"/>
        <source>Indiquez la date : jour, mois et année.</source>
        <translation>Enter the date: day, month and year.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/fields.py" line="966"/>
        <source>Indiquez l&apos;adresse : numéro et voie, code postal et commune.</source>
        <translation>Enter the address: house number and street, postcode, and town or city.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/fields.py" line="970"/>
        <source>Joignez ce document : au moins un fichier.</source>
        <translation>Attach this document: at least one file.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/fields.py" line="971"/>
        <source>Ce champ est obligatoire.</source>
        <translation>This field is required.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/fields.py" line="976"/>
        <source>Au moins %1 caractère.</source>
        <translation>At least %1 character.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/fields.py" line="977"/>
        <source>Au moins %1 caractères.</source>
        <translation>At least %1 characters.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/fields.py" line="983"/>
        <source>Trop long : au plus %1 caractère.</source>
        <translation>Too long: %1 character at most.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/fields.py" line="984"/>
        <source>Trop long : au plus %1 caractères.</source>
        <translation>Too long: %1 characters at most.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/fields.py" line="989"/>
        <source>La réponse n&apos;a pas le format attendu.</source>
        <translation>The answer is not in the expected format.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/fields.py" line="991"/>
        <source>Courriel incomplet : il manque le « @ » ou le domaine (exemple : nom@exemple.fr).</source>
        <translation>Incomplete e-mail address: the “@” or the domain is missing (example: name@example.com).</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/fields.py" line="996"/>
        <source>Numéro de téléphone incorrect : 10 chiffres, par exemple 06 12 34 56 78.</source>
        <translation>Incorrect phone number: 10 digits, for example 06 12 34 56 78.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/fields.py" line="1000"/>
        <source>Écrivez un nombre en chiffres, par exemple 2.</source>
        <translation>Write a number in digits, for example 2.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/fields.py" line="1002"/>
        <source>Le nombre doit être au moins %1.</source>
        <translation>The number must be at least %1.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/fields.py" line="1005"/>
        <source>Le nombre doit être au plus %1.</source>
        <translation>The number must be %1 at most.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/fields.py" line="1008"/>
        <source>Cette date n&apos;existe pas : vérifiez le jour (1 à 31), le mois (1 à 12) et l&apos;année (4 chiffres).</source>
        <translation>This date does not exist: check the day (1 to 31), the month (1 to 12) and the year (4 digits).</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/fields.py" line="1016"/>
        <source>La date doit être le %1 ou après.</source>
        <translation>The date must be on or after %1.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/fields.py" line="1018"/>
        <source>La date doit être le %1 ou avant.</source>
        <translation>The date must be on or before %1.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/fields.py" line="1021"/>
        <source>Choisissez une des réponses proposées.</source>
        <translation>Choose one of the answers shown.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/fields.py" line="1025"/>
        <source>Adresse incomplète : indiquez le code postal.</source>
        <translation>Incomplete address: enter the postcode.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/fields.py" line="1027"/>
        <source>Adresse incomplète : indiquez la commune.</source>
        <translation>Incomplete address: enter the town or city.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/fields.py" line="1028"/>
        <source>Adresse incomplète : indiquez le numéro et la voie.</source>
        <translation>Incomplete address: enter the house number and street.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/fields.py" line="1030"/>
        <source>Code postal incorrect : 5 chiffres, par exemple 75001.</source>
        <translation>Incorrect postcode: 5 digits, for example 75001.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/fields.py" line="1032"/>
        <source>Cochez cette case pour continuer.</source>
        <translation>Tick this box to continue.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/fields.py" line="1035"/>
        <source>Indiquez un numéro de téléphone : vous avez choisi d&apos;être informé(e) par SMS.</source>
        <translation>Enter a phone number: you chose to hear about your request by text message.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/fields.py" line="1039"/>
        <source>Indiquez votre adresse : vous avez choisi d&apos;être contacté(e) par courrier.</source>
        <translation>Enter your address: you chose to be contacted by post.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/fields.py" line="1042"/>
        <source>Indiquez votre courriel : vous avez choisi d&apos;être informé(e) par courriel.</source>
        <translation>Enter your e-mail address: you chose to hear about your request by e-mail.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/fields.py" line="1045"/>
        <source>Réponse incorrecte : vérifiez ce champ.</source>
        <translation>Incorrect answer: check this field.</translation>
    </message>
</context>
<context>
    <name>FindRequestPage</name>
    <message>
        <location filename="../../kiosk/views/pages/find_request.py" line="206"/>
        <source>Saisissez les 8 lettres de votre code de suivi.</source>
        <translation>Enter the 8 letters of your tracking code.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/find_request.py" line="231"/>
        <source>Aucune demande ne correspond à ce code. Vérifiez les 8 lettres de votre code de suivi.</source>
        <translation>No request matches this code. Check the 8 letters of your tracking code.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/find_request.py" line="226"/>
        <source>Trop d&apos;essais. Réessayez dans %1 seconde.</source>
        <translation>Too many attempts. Try again in %1 second.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/find_request.py" line="208"/>
        <source>Deux demandes portent ce code. Pour trouver la vôtre, indiquez le nom du demandeur.</source>
        <translation>Two requests have this code. To find yours, enter the requester&apos;s last name.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/find_request.py" line="216"/>
        <source>La borne est hors ligne : une demande faite à une autre borne ne peut pas être retrouvée pour le moment.</source>
        <translation>The kiosk is offline: a request made at another kiosk cannot be found for now.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/find_request.py" line="227"/>
        <source>Trop d&apos;essais. Réessayez dans %1 secondes.</source>
        <translation>Too many attempts. Try again in %1 seconds.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/find_request.py" line="267"/>
        <location filename="../../kiosk/views/pages/find_request.py" line="270"/>
        <source>Suivre une demande</source>
        <translation>Track a request</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/find_request.py" line="274"/>
        <source>Saisissez le code de suivi de 8 lettres qui vous a été donné à la fin de votre démarche. Il figure aussi sur le récapitulatif, à côté du code QR.</source>
        <translation>Enter the 8-letter tracking code you were given at the end of your request. It is also on the summary, next to the QR code.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/find_request.py" line="278"/>
        <location filename="../../kiosk/views/pages/find_request.py" line="279"/>
        <source>Code de suivi</source>
        <translation>Tracking code</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/find_request.py" line="280"/>
        <source>8 lettres, par exemple BCDF GHJK</source>
        <translation>8 letters, for example BCDF GHJK</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/find_request.py" line="281"/>
        <source>Par exemple : BCDF GHJK</source>
        <translation>For example: BCDF GHJK</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/find_request.py" line="282"/>
        <source>Rechercher</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/find_request.py" line="283"/>
        <source>Rechercher la demande</source>
        <translation>Search for the request</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/find_request.py" line="284"/>
        <location filename="../../kiosk/views/pages/find_request.py" line="285"/>
        <source>Nom du demandeur</source>
        <translation>Requester&apos;s last name</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/find_request.py" line="286"/>
        <source>Le nom de famille indiqué dans la demande</source>
        <translation>The last name given in the request</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/find_request.py" line="296"/>
        <source>Tapez le code de suivi de votre demande : 8 lettres, avec ou sans espace. Vous le trouverez sur l&apos;écran de fin de votre démarche et sur le récapitulatif. Touchez ensuite « Rechercher ».</source>
        <translation>Type the tracking code of your request: 8 letters, with or without a space. You will find it on the last screen of your request and on the summary. Then touch “Search”.</translation>
    </message>
</context>
<context>
    <name>FollowUpPage</name>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="235"/>
        <location filename="../../kiosk/views/pages/follow_up.py" line="459"/>
        <source>Rendez-vous</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="285"/>
        <source>En attente d&apos;envoi à la mairie</source>
        <translation>Waiting to be sent to the town hall</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="211"/>
        <location filename="../../kiosk/views/pages/follow_up.py" line="228"/>
        <source>Suivi de la demande</source>
        <translation>Request tracking</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="215"/>
        <source>Cette page montre où en est votre demande. Touchez les onglets pour voir l&apos;historique, vos réponses, le demandeur, les pièces jointes et le rendez-vous. « Annuler ma demande » la retire : la mairie en est informée.</source>
        <translation>This page shows how your request is progressing. Touch the tabs to see the history, your answers, the applicant, the attachments and the appointment. “Cancel my request” withdraws it: the town hall is informed.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="231"/>
        <source>Historique</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="232"/>
        <source>La demande</source>
        <translation>The request</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="233"/>
        <source>Le demandeur</source>
        <translation>The applicant</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="234"/>
        <source>Pièces jointes</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="238"/>
        <source>Onglet %1</source>
        <translation>%1 tab</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="242"/>
        <source>État</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="241"/>
        <source>Référence</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="242"/>
        <source>Code de suivi</source>
        <translation>Tracking code</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="242"/>
        <source>Déposée le</source>
        <translation>Submitted on</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="245"/>
        <location filename="../../kiosk/views/pages/follow_up.py" line="246"/>
        <source>Annuler ma demande</source>
        <translation>Cancel my request</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="247"/>
        <source>Retour</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="248"/>
        <source>Retour à la saisie du code</source>
        <translation>Back to entering the code</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="259"/>
        <location filename="../../kiosk/views/pages/follow_up.py" line="546"/>
        <source>Aucune demande ne correspond à ce code.</source>
        <translation>No request matches this code.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="262"/>
        <source>Chargement…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="434"/>
        <source>Aucune pièce jointe</source>
        <translation>No attachments</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="436"/>
        <source>%1 fichier joint</source>
        <translation>%1 file attached</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="436"/>
        <source>%1 fichiers joints</source>
        <translation>%1 files attached</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="437"/>
        <source>Touchez un fichier pour le voir.</source>
        <translation>Tap a file to see it.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="275"/>
        <source>État de la demande : %1</source>
        <translation>Request status: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="241"/>
        <source>Numéro</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="276"/>
        <source>Archivée</source>
        <translation>Archived</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="282"/>
        <source>La mairie n&apos;a pas pu l&apos;enregistrer : adressez-vous à l&apos;accueil avec votre code de suivi.</source>
        <translation>The town hall could not record it: please ask at the front desk with your tracking code.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="355"/>
        <source>Non renseigné</source>
        <translation>Not provided</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="375"/>
        <source>Aucun événement pour le moment.</source>
        <translation>No updates yet.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="384"/>
        <source>Votre demande a été transmise à la mairie, qui en conserve le détail. Pour protéger vos informations, la borne ne les garde plus. Pour les consulter, adressez-vous à l&apos;accueil.</source>
        <translation>Your request has been passed on to the town hall, which keeps its details. To protect your information, the kiosk no longer keeps it. To see it, please ask at the front desk.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="407"/>
        <source>Autres réponses</source>
        <translation>Other answers</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="411"/>
        <source>Cette demande ne comporte aucune réponse.</source>
        <translation>This request has no answers.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="422"/>
        <source>Nom</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="445"/>
        <source>Ouvrir le document %1</source>
        <translation>Open the document %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="465"/>
        <source>Ce rendez-vous est annulé avec la demande.</source>
        <translation>This appointment is cancelled along with the request.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="484"/>
        <source>Ce document ne peut pas être affiché.</source>
        <translation>This document cannot be displayed.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="512"/>
        <source>Annuler cette demande ?</source>
        <translation>Cancel this request?</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="513"/>
        <source>Elle sera archivée ; l&apos;annulation sera transmise à la mairie.</source>
        <translation>It will be archived, and the cancellation will be sent to the town hall.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="516"/>
        <location filename="../../kiosk/views/pages/follow_up.py" line="517"/>
        <source>Non, garder ma demande</source>
        <translation>No, keep my request</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="518"/>
        <source>Oui, annuler</source>
        <translation>Yes, cancel</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="519"/>
        <source>Oui, annuler ma demande</source>
        <translation>Yes, cancel my request</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="542"/>
        <source>Cette demande ne peut plus être annulée : la mairie l&apos;a déjà traitée.</source>
        <translation>This request can no longer be cancelled: the town hall has already dealt with it.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="551"/>
        <source>L&apos;annulation n&apos;a pas pu être enregistrée. Réessayez, ou adressez-vous à l&apos;accueil.</source>
        <translation>The cancellation could not be saved. Try again, or ask at reception.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="558"/>
        <source>Votre demande est annulée. La mairie en sera informée.</source>
        <translation>Your request is cancelled. The town hall will be informed.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="576"/>
        <source>Rattacher cette demande à mon espace personnel</source>
        <translation>Attach this request to my personal space</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="618"/>
        <source>Cette demande est déjà rattachée à un espace personnel.</source>
        <translation>This request is already attached to a personal space.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="626"/>
        <source>C&apos;est fait : cette demande est rattachée à votre espace personnel. Elle y apparaîtra dès que la mairie l&apos;aura reçue.</source>
        <translation>Done: this request is attached to your personal space. It will appear there as soon as the town hall has received it.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/follow_up.py" line="632"/>
        <source>Le rattachement n&apos;a pas pu être enregistré. Réessayez, ou adressez-vous à l&apos;accueil.</source>
        <translation>The attachment could not be saved. Try again, or ask at the reception desk.</translation>
    </message>
</context>
<context>
    <name>ForgottenForm</name>
    <message>
        <location filename="../../kiosk/views/pages/account_forms.py" line="175"/>
        <source>Indiquez l&apos;adresse de courriel de votre espace personnel : vous recevrez un lien pour choisir un nouveau mot de passe.</source>
        <translation>Enter the e-mail address of your personal account: you will receive a link to choose a new password.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_forms.py" line="179"/>
        <source>Adresse de courriel</source>
        <translation>E-mail address</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_forms.py" line="179"/>
        <source>Par exemple prenom.nom@exemple.fr</source>
        <translation>For example firstname.lastname@example.com</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_forms.py" line="180"/>
        <source>Recevoir le lien</source>
        <translation>Send me the link</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <location filename="../../kiosk/views/header.py" line="307"/>
        <source>Retour</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/header.py" line="307"/>
        <source>Retour à l&apos;écran précédent</source>
        <translation>Back to the previous screen</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/header.py" line="308"/>
        <source>Accueil</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/header.py" line="309"/>
        <source>Aide</source>
        <translation>Help</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/header.py" line="310"/>
        <source>Contraste</source>
        <translation>Contrast</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/header.py" line="310"/>
        <source>Contraste élevé</source>
        <translation>High contrast</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/header.py" line="311"/>
        <source>Terminer</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/header.py" line="311"/>
        <source>Terminer et tout effacer pour la personne suivante</source>
        <translation>Finish and clear everything for the next person</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/header.py" line="313"/>
        <source>Se déconnecter</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/header.py" line="314"/>
        <source>Se déconnecter de votre espace personnel et tout effacer</source>
        <translation>Log out of your personal account and erase everything</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/header.py" line="327"/>
        <source>En ligne</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/header.py" line="327"/>
        <source>Hors ligne</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/header.py" line="328"/>
        <source>Connexion à la mairie : en ligne</source>
        <translation>Connection to the town hall: online</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/header.py" line="328"/>
        <source>Connexion à la mairie : hors ligne</source>
        <translation>Connection to the town hall: offline</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/header.py" line="332"/>
        <source>Vos démarches sont enregistrées sur la borne et envoyées dès le retour du réseau.</source>
        <translation>Your requests are saved on this kiosk and sent as soon as the network is back.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/header.py" line="338"/>
        <source>%1 demande en attente d&apos;envoi</source>
        <translation>%1 request waiting to be sent</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/header.py" line="338"/>
        <source>%1 demandes en attente d&apos;envoi</source>
        <translation>%1 requests waiting to be sent</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/header.py" line="346"/>
        <source>Bonjour %1</source>
        <translation>Hello %1</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../kiosk/views/pages/home.py" line="98"/>
        <source>Proposée par la mairie</source>
        <translation>Suggested by the town hall</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/home.py" line="101"/>
        <source>Mon accueil</source>
        <translation>My home</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/home.py" line="105"/>
        <source>Bonjour, que souhaitez-vous faire ?</source>
        <translation>Hello, what would you like to do?</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/home.py" line="106"/>
        <source>Touchez une dalle, ou cherchez une démarche par un mot.</source>
        <translation>Touch a tile, or search for a procedure with a word.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/home.py" line="111"/>
        <source>Bientôt disponible</source>
        <translation>Coming soon</translation>
    </message>
</context>
<context>
    <name>IdleWarning</name>
    <message>
        <location filename="../../kiosk/views/session.py" line="77"/>
        <source>Êtes-vous toujours là ?</source>
        <translation>Are you still there?</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/session.py" line="78"/>
        <source>Continuer</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/session.py" line="86"/>
        <source>Sans action de votre part, cette session se termine dans %1 seconde et tout ce que vous avez saisi sera effacé. Touchez « Continuer » pour poursuivre.</source>
        <translation>If nothing happens, this session ends in %1 second and everything you entered will be erased. Touch “Continue” to carry on.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/session.py" line="90"/>
        <source>Sans action de votre part, cette session se termine dans %1 secondes et tout ce que vous avez saisi sera effacé. Touchez « Continuer » pour poursuivre.</source>
        <translation>If nothing happens, this session ends in %1 seconds and everything you entered will be erased. Touch “Continue” to carry on.</translation>
    </message>
</context>
<context>
    <name>LoginForm</name>
    <message>
        <location filename="../../kiosk/views/pages/account_forms.py" line="133"/>
        <source>Saisissez l&apos;adresse de courriel et le mot de passe de votre espace personnel. Votre mot de passe reste masqué à l&apos;écran.</source>
        <translation>Enter the e-mail address and password of your personal account. Your password stays hidden on the screen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_forms.py" line="137"/>
        <source>Adresse de courriel</source>
        <translation>E-mail address</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_forms.py" line="137"/>
        <source>Par exemple prenom.nom@exemple.fr</source>
        <translation>For example firstname.lastname@example.com</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_forms.py" line="138"/>
        <source>Mot de passe</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_forms.py" line="138"/>
        <source>Masqué à l&apos;écran</source>
        <translation>Hidden on the screen</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_forms.py" line="139"/>
        <source>Me connecter</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_forms.py" line="140"/>
        <source>Mot de passe oublié ?</source>
        <translation>Forgotten password?</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../kiosk/views/main_window.py" line="219"/>
        <source>Aide</source>
        <translation>Help</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/main_window.py" line="220"/>
        <source>J&apos;ai compris</source>
        <translation>Got it</translation>
    </message>
</context>
<context>
    <name>MyRequestsPage</name>
    <message>
        <location filename="../../kiosk/views/pages/my_requests.py" line="167"/>
        <source>Cette demande n&apos;est plus dans votre espace personnel.</source>
        <translation>This request is no longer in your personal space.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/my_requests.py" line="169"/>
        <source>La borne n&apos;est pas reliée à la mairie pour le moment : la demande ne peut pas être ouverte.</source>
        <translation>The kiosk is not connected to the town hall at the moment: the request cannot be opened.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/my_requests.py" line="179"/>
        <source>Dernières demandes</source>
        <translation>Latest requests</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/my_requests.py" line="180"/>
        <location filename="../../kiosk/views/pages/my_requests.py" line="185"/>
        <source>Mes demandes</source>
        <translation>My requests</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/my_requests.py" line="181"/>
        <source>Mes demandes archivées</source>
        <translation>My archived requests</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/my_requests.py" line="182"/>
        <source>Échanges à lire</source>
        <translation>Messages to read</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/my_requests.py" line="183"/>
        <source>Rendez-vous proches</source>
        <translation>Upcoming appointments</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/my_requests.py" line="191"/>
        <source>Ouverture de la demande…</source>
        <translation>Opening the request…</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/my_requests.py" line="193"/>
        <source>Chargement de vos demandes…</source>
        <translation>Loading your requests…</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/my_requests.py" line="196"/>
        <source>La borne n&apos;est pas reliée à la mairie pour le moment : vos demandes ne peuvent pas être affichées.</source>
        <translation>The kiosk is not connected to the town hall at the moment: your requests cannot be shown.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/my_requests.py" line="200"/>
        <source>Aucune demande archivée.</source>
        <translation>No archived request.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/my_requests.py" line="201"/>
        <source>Aucun message de la mairie à lire.</source>
        <translation>No message from the town hall to read.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/my_requests.py" line="202"/>
        <source>Aucun rendez-vous à venir.</source>
        <translation>No appointment to come.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/my_requests.py" line="205"/>
        <source>Aucune demande dans votre espace pour le moment.</source>
        <translation>No request in your space yet.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/my_requests.py" line="206"/>
        <source>%1 demande</source>
        <translation>%1 request</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/my_requests.py" line="206"/>
        <source>%1 demandes</source>
        <translation>%1 requests</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/my_requests.py" line="207"/>
        <source>. Touchez la loupe d&apos;une demande pour voir son suivi.</source>
        <translation>. Touch a request&apos;s magnifier to see its follow-up.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/my_requests.py" line="217"/>
        <source>Voir mes demandes en cours</source>
        <translation>See my requests in progress</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/my_requests.py" line="219"/>
        <source>Voir toutes mes demandes archivées</source>
        <translation>See all my archived requests</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/my_requests.py" line="246"/>
        <source>N° %1 · %2 · déposée le %3</source>
        <translation>No. %1 · %2 · made on %3</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/my_requests.py" line="250"/>
        <source>%1 message non lu</source>
        <translation>%1 unread message</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/my_requests.py" line="250"/>
        <source>%1 messages non lus</source>
        <translation>%1 unread messages</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/my_requests.py" line="254"/>
        <source>Rendez-vous le %1</source>
        <translation>Appointment on %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/my_requests.py" line="259"/>
        <source>Voir le suivi de la demande n° %1</source>
        <translation>See the follow-up of request no. %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/my_requests.py" line="268"/>
        <source>Vos demandes, les plus récentes en premier. Touchez la loupe d&apos;une demande pour voir son suivi et les messages de la mairie. « Voir toutes mes demandes archivées » montre les demandes annulées, refusées ou clôturées.</source>
        <translation>Your requests, newest first. Touch a request&apos;s magnifier to see its follow-up and the town hall&apos;s messages. “See all my archived requests” shows the cancelled, refused or closed ones.</translation>
    </message>
</context>
<context>
    <name>OnScreenKeyboard</name>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="140"/>
        <source>virgule</source>
        <extracomment>Dynamic property a form sets on a field to force a layout, e.g. ``edit.setProperty(&quot;keyboard&quot;, &quot;digits&quot;)``. The public layouts, in the order they are documented.</extracomment>
        <translation>comma</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="141"/>
        <source>point</source>
        <translation>full stop</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="142"/>
        <source>apostrophe</source>
        <translation>apostrophe</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="143"/>
        <source>tiret</source>
        <translation>hyphen</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="144"/>
        <source>tiret bas</source>
        <translation>underscore</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="145"/>
        <source>arobase</source>
        <translation>at sign</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="146"/>
        <source>dièse</source>
        <translation>hash</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="147"/>
        <source>pour cent</source>
        <translation>percent</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="148"/>
        <source>esperluette</source>
        <translation>ampersand</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="149"/>
        <source>astérisque</source>
        <translation>asterisk</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="150"/>
        <source>parenthèse ouvrante</source>
        <translation>opening parenthesis</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="151"/>
        <source>parenthèse fermante</source>
        <translation>closing parenthesis</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="152"/>
        <source>plus</source>
        <translation>plus</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="153"/>
        <source>égal</source>
        <translation>equals</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="154"/>
        <source>euro</source>
        <translation>euro</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="155"/>
        <source>barre oblique</source>
        <translation>slash</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="156"/>
        <source>point d&apos;interrogation</source>
        <translation>question mark</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="157"/>
        <source>point d&apos;exclamation</source>
        <translation>exclamation mark</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="158"/>
        <source>deux-points</source>
        <translation>colon</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="159"/>
        <source>point-virgule</source>
        <translation>semicolon</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="160"/>
        <source>guillemet droit</source>
        <translation>straight quote</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="161"/>
        <source>guillemet ouvrant</source>
        <translation>opening guillemet</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="162"/>
        <source>guillemet fermant</source>
        <translation>closing guillemet</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="163"/>
        <source>e accent aigu</source>
        <translation>e acute</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="164"/>
        <source>e accent grave</source>
        <translation>e grave</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="165"/>
        <source>e accent circonflexe</source>
        <translation>e circumflex</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="166"/>
        <source>e tréma</source>
        <translation>e diaeresis</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="167"/>
        <source>a accent grave</source>
        <translation>a grave</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="168"/>
        <source>a accent circonflexe</source>
        <translation>a circumflex</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="169"/>
        <source>c cédille</source>
        <translation>c cedilla</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="170"/>
        <source>u accent grave</source>
        <translation>u grave</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="171"/>
        <source>u accent circonflexe</source>
        <translation>u circumflex</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="172"/>
        <source>u tréma</source>
        <translation>u diaeresis</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="173"/>
        <source>o accent circonflexe</source>
        <translation>o circumflex</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="174"/>
        <source>i accent circonflexe</source>
        <translation>i circumflex</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="175"/>
        <source>i tréma</source>
        <translation>i diaeresis</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="176"/>
        <source>y tréma</source>
        <translation>y diaeresis</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="177"/>
        <source>e dans l&apos;o</source>
        <translation>o e ligature</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="178"/>
        <source>e dans l&apos;a</source>
        <translation>a e ligature</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="182"/>
        <source>Saisir point f r</source>
        <translation>Type dot f r</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="183"/>
        <source>Saisir point com</source>
        <translation>Type dot com</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="184"/>
        <source>Saisir arobase gmail point com</source>
        <translation>Type at gmail dot com</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="185"/>
        <source>Saisir arobase orange point f r</source>
        <translation>Type at orange dot f r</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="449"/>
        <source>Clavier virtuel</source>
        <translation>On-screen keyboard</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="451"/>
        <source>Masquer
le clavier</source>
        <translation>Hide
keyboard</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="453"/>
        <source>Masquer le clavier</source>
        <translation>Hide the keyboard</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="484"/>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="488"/>
        <source>Touche %1</source>
        <translation>Key %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="487"/>
        <source>%1 majuscule</source>
        <translation>capital %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="492"/>
        <source>Espace</source>
        <translation>Space</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="494"/>
        <source>Effacer</source>
        <translation>Backspace</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="496"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="496"/>
        <source>Entrée</source>
        <translation>Enter</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="497"/>
        <source>Valider</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="500"/>
        <source>Majuscules verrouillées</source>
        <translation>Caps lock</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="501"/>
        <source>Majuscule</source>
        <translation>Shift</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="504"/>
        <source>ABC</source>
        <translation>ABC</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="504"/>
        <source>Lettres</source>
        <translation>Letters</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="506"/>
        <source>123</source>
        <translation>123</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="506"/>
        <source>Chiffres</source>
        <translation>Numbers</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="507"/>
        <source>é à ç</source>
        <translation>é à ç</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/keyboard.py" line="507"/>
        <source>Accents</source>
        <translation>Accents</translation>
    </message>
</context>
<context>
    <name>OutOfService</name>
    <message>
        <location filename="../../kiosk/views/session.py" line="127"/>
        <source>Borne momentanément hors service</source>
        <translation>Kiosk temporarily out of service</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/session.py" line="128"/>
        <source>Cette borne ne peut pas enregistrer de démarche pour le moment. Adressez-vous à l&apos;accueil.</source>
        <translation>This kiosk cannot take requests at the moment. Please ask at reception.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/session.py" line="141"/>
        <source>Pour l&apos;exploitant : le disque de la borne est plein. Libérez de la place, puis redémarrez la borne. Les demandes en attente d&apos;envoi sont conservées.</source>
        <translation>For the operator: the kiosk&apos;s disk is full. Free some space, then restart the kiosk. Requests waiting to be sent are kept.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/session.py" line="145"/>
        <source>Pour l&apos;exploitant : le dossier de données de la borne est en lecture seule. Rendez-le accessible en écriture, puis redémarrez la borne. Les demandes en attente d&apos;envoi sont conservées.</source>
        <translation>For the operator: the kiosk&apos;s data folder is read-only. Make it writable, then restart the kiosk. Requests waiting to be sent are kept.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/session.py" line="149"/>
        <source>Pour l&apos;exploitant : le disque de la borne signale une erreur de lecture ou d&apos;écriture. Vérifiez le disque, puis redémarrez la borne. Les demandes en attente d&apos;envoi sont conservées.</source>
        <translation>For the operator: the kiosk&apos;s disk reports a read or write error. Check the disk, then restart the kiosk. Requests waiting to be sent are kept.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/session.py" line="153"/>
        <source>Pour l&apos;exploitant : la base de données de la borne est ouverte par un autre programme (une deuxième borne ?). Arrêtez-le, puis redémarrez la borne. Les demandes en attente d&apos;envoi sont conservées.</source>
        <translation>For the operator: the kiosk&apos;s database is open in another program (a second kiosk?). Stop it, then restart the kiosk. Requests waiting to be sent are kept.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/session.py" line="158"/>
        <source>Pour l&apos;exploitant : la base de données de la borne ne peut pas être ouverte ; le journal de la borne en donne la raison. Corrigez-la, puis redémarrez la borne.</source>
        <translation>For the operator: the kiosk&apos;s database cannot be opened; the kiosk&apos;s log gives the reason. Fix it, then restart the kiosk.</translation>
    </message>
</context>
<context>
    <name>Padlock</name>
    <message>
        <location filename="../../kiosk/views/pages/padlock.py" line="44"/>
        <source>Cette démarche nécessite un espace personnel</source>
        <translation>This procedure needs a personal space</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/padlock.py" line="45"/>
        <source>Connectez-vous à votre espace personnel pour faire cette démarche : vous reviendrez ici ensuite. Pas encore d&apos;espace ? Créez-le en quelques minutes avec votre adresse de courriel.</source>
        <translation>Log in to your personal space to make this request: you will come back here afterwards. No account yet? Create one in a few minutes with your e-mail address.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/padlock.py" line="51"/>
        <location filename="../../kiosk/views/pages/padlock.py" line="111"/>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/padlock.py" line="52"/>
        <source>Créer mon espace</source>
        <translation>Create my account</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/padlock.py" line="53"/>
        <source>Me connecter</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/padlock.py" line="72"/>
        <source>Vous avez atteint le quota de demandes pour cette démarche (%1). Vous pourrez faire une nouvelle demande à partir du %2.</source>
        <translation>You have reached the quota of requests for this procedure (%1). You can make a new request from %2.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/padlock.py" line="85"/>
        <source>Quota de demandes atteint</source>
        <translation>Request quota reached</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/padlock.py" line="88"/>
        <source>J&apos;ai compris</source>
        <translation>Got it</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/padlock.py" line="104"/>
        <source>Votre connexion à votre espace personnel a expiré. Reconnectez-vous pour faire cette démarche depuis votre espace.</source>
        <translation>Your connection to your personal space has expired. Log in again to make this request from your account.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/padlock.py" line="110"/>
        <source>Votre session a pris fin</source>
        <translation>Your session has ended</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/padlock.py" line="98"/>
        <source>Votre connexion à votre espace personnel a expiré. Ce que vous avez saisi est conservé : reconnectez-vous pour reprendre votre démarche là où vous l&apos;avez laissée.</source>
        <translation>Your connection to your personal space has expired. What you typed is kept: log in again to pick up your request where you left it.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/padlock.py" line="112"/>
        <source>Me reconnecter</source>
        <translation>Log in again</translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <location filename="../../kiosk/views/pages/base.py" line="67"/>
        <source>Touchez une dalle pour ouvrir un service. Le bouton « Retour » revient à l&apos;écran précédent, « Accueil » à la page d&apos;accueil. Un agent d&apos;accueil peut aussi vous aider.</source>
        <translation>Touch a tile to open a service. The “Back” button returns to the previous screen, “Home” to the home screen. A member of staff can also help you.</translation>
    </message>
</context>
<context>
    <name>PhoneLoginView</name>
    <message>
        <location filename="../../kiosk/views/pages/account_phone.py" line="174"/>
        <source>Code valable encore %1 min</source>
        <translation>Code valid for %1 more min</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_phone.py" line="176"/>
        <source>Code valable moins d&apos;une minute</source>
        <translation>Code valid for less than a minute</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_phone.py" line="182"/>
        <source>Votre code :</source>
        <translation>Your code:</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_phone.py" line="186"/>
        <source>Code de connexion : %1</source>
        <translation>Log-in code: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_phone.py" line="188"/>
        <source>Code QR à scanner avec votre téléphone</source>
        <translation>QR code to scan with your phone</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_phone.py" line="190"/>
        <source>Sans appareil photo ? Ouvrez %1 sur votre téléphone et tapez ce code.</source>
        <translation>No camera? Open %1 on your phone and type this code.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_phone.py" line="196"/>
        <source>1. Scannez le code avec votre téléphone</source>
        <translation>1. Scan the code with your phone</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_phone.py" line="197"/>
        <source>2. Connectez-vous à votre espace</source>
        <translation>2. Log in to your account</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_phone.py" line="198"/>
        <source>3. Autorisez la borne</source>
        <translation>3. Allow the kiosk</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_phone.py" line="204"/>
        <source>Préparation du code…</source>
        <translation>Preparing the code…</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_phone.py" line="205"/>
        <source>La borne attend votre accord sur le téléphone.</source>
        <translation>The kiosk is waiting for your approval on the phone.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_phone.py" line="206"/>
        <source>Connexion refusée sur le téléphone.</source>
        <translation>Log-in refused on the phone.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_phone.py" line="207"/>
        <source>Le code a expiré.</source>
        <translation>The code has expired.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_phone.py" line="209"/>
        <source>La borne n&apos;est pas reliée à la mairie pour le moment : la connexion avec le téléphone est impossible. Réessayez dans un instant.</source>
        <translation>The kiosk is not connected to the town hall right now: logging in with your phone is not possible. Try again in a moment.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_phone.py" line="218"/>
        <source>Nouveau code</source>
        <translation>New code</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_phone.py" line="218"/>
        <source>Réessayer</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/account_phone.py" line="219"/>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ProcedureHelp</name>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="58"/>
        <source>Cette démarche n&apos;a pas d&apos;aide particulière.</source>
        <translation>This procedure has no specific help.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="60"/>
        <source>Aide à la saisie</source>
        <translation>Help with this form</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="61"/>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>ProcedureHint</name>
    <message>
        <location filename="../../kiosk/views/pages/catalogue_pages.py" line="146"/>
        <source>environ %1 min</source>
        <translation>about %1 min</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/catalogue_pages.py" line="149"/>
        <source>sur rendez-vous</source>
        <translation>by appointment</translation>
    </message>
</context>
<context>
    <name>ProcedurePage</name>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="218"/>
        <source>Aide à la saisie</source>
        <translation>Help with this form</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="209"/>
        <source>La démarche</source>
        <translation>The procedure</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="214"/>
        <source>Étape 1 · La démarche</source>
        <translation>Step 1 · The procedure</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="216"/>
        <source>Étape 1 · La démarche, pour %1</source>
        <translation>Step 1 · The procedure, for %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="226"/>
        <source>Commencer la démarche</source>
        <translation>Start the procedure</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="226"/>
        <source>Me connecter pour commencer</source>
        <translation>Log in to start</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="228"/>
        <source>Documents à préparer</source>
        <translation>Documents to have ready</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="233"/>
        <source>Cette démarche n&apos;est plus proposée. Touchez « Retour » pour en choisir une autre.</source>
        <translation>This procedure is no longer offered. Touch “Back” to choose another one.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="235"/>
        <source>Chargement…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="253"/>
        <source>Temps de saisie : environ %1 minute</source>
        <translation>Time to fill in: about %1 minute</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="254"/>
        <source>Temps de saisie : environ %1 minutes</source>
        <translation>Time to fill in: about %1 minutes</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="260"/>
        <source>Délai de traitement : %1</source>
        <translation>Processing time: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="264"/>
        <source>Espace personnel requis : vous êtes connecté à votre espace personnel.</source>
        <translation>Personal space required: you are logged in to your personal space.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="267"/>
        <source>Espace personnel requis : connectez-vous à votre espace personnel, ou créez-le, pour faire cette démarche.</source>
        <translation>Personal space required: log in to your personal space, or create one, to make this request.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="276"/>
        <source>Un rendez-vous en mairie est obligatoire : vous le choisirez pendant la démarche.</source>
        <translation>An appointment at the town hall is required: you will choose it while filling in the procedure.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="277"/>
        <source>Vous pourrez prendre un rendez-vous en mairie si vous le souhaitez.</source>
        <translation>You may book an appointment at the town hall if you wish.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="290"/>
        <source>Cette page présente la démarche : à quoi elle sert, le temps qu&apos;elle prend et les documents à préparer. Touchez « Commencer la démarche » pour la remplir, ou « Aide à la saisie » pour en savoir plus.</source>
        <translation>This page presents the procedure: what it is for, how long it takes and which documents to have ready. Touch “Start the procedure” to fill it in, or “Help with this form” to learn more.</translation>
    </message>
</context>
<context>
    <name>ProceduresPage</name>
    <message>
        <location filename="../../kiosk/views/pages/catalogue_pages.py" line="126"/>
        <source>Démarches</source>
        <translation>Procedures</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/catalogue_pages.py" line="130"/>
        <source>Touchez la démarche à effectuer.</source>
        <translation>Touch the procedure you want.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/catalogue_pages.py" line="134"/>
        <source>Espace personnel</source>
        <translation>Personal space</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/catalogue_pages.py" line="140"/>
        <source>Ce domaine ne propose aucune démarche pour le moment.</source>
        <translation>This area offers no procedure at the moment.</translation>
    </message>
</context>
<context>
    <name>ProfileForm</name>
    <message>
        <location filename="../../kiosk/views/pages/profile_form.py" line="61"/>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile_form.py" line="62"/>
        <source>Annuler les modifications</source>
        <translation>Cancel the changes</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile_form.py" line="63"/>
        <source>Enregistrer</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile_form.py" line="64"/>
        <source>Enregistrer mon profil</source>
        <translation>Save my profile</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile_form.py" line="90"/>
        <source>Cette réponse n&apos;est pas acceptée : vérifiez-la.</source>
        <translation>This answer is not accepted: please check it.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile_form.py" line="97"/>
        <source>Enregistrement…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile_form.py" line="98"/>
        <source>Vérifiez les champs signalés.</source>
        <translation>Check the fields marked.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile_form.py" line="100"/>
        <source>Votre profil n&apos;a pas pu être enregistré : la borne ne joint pas la mairie. Réessayez plus tard.</source>
        <translation>Your profile could not be saved: the kiosk cannot reach the town hall. Try again later.</translation>
    </message>
</context>
<context>
    <name>ProfilePage</name>
    <message>
        <location filename="../../kiosk/views/pages/profile.py" line="131"/>
        <location filename="../../kiosk/views/pages/profile.py" line="141"/>
        <source>Mon profil</source>
        <translation>My profile</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile.py" line="135"/>
        <source>Votre profil remplit « Mes informations » de vos démarches. Touchez « Je modifie mon espace » pour changer votre adresse, vos téléphones ou la façon d&apos;être contacté, puis « Enregistrer ». La clé enfance relie votre espace au dossier de vos enfants.</source>
        <translation>Your profile fills in « My details » of your requests. Tap « I edit my space » to change your address, your phones or how to be contacted, then « Save ». The clé enfance links your space to your children&apos;s file.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile.py" line="143"/>
        <source>Je modifie mon espace</source>
        <translation>I edit my space</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile.py" line="144"/>
        <source>Clé enfance</source>
        <translation>Clé enfance (child key)</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile.py" line="146"/>
        <source>Votre clé enfance</source>
        <translation>Your clé enfance</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile.py" line="146"/>
        <source>12 lettres et chiffres, par exemple K7QX-2M9P-4TRW</source>
        <translation>12 letters and digits, for example K7QX-2M9P-4TRW</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile.py" line="148"/>
        <source>Par exemple : K7QX-2M9P-4TRW</source>
        <translation>For example: K7QX-2M9P-4TRW</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile.py" line="149"/>
        <source>Valider la clé</source>
        <translation>Confirm the key</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile.py" line="150"/>
        <source>Comment l&apos;obtenir ?</source>
        <translation>How to get it?</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile.py" line="153"/>
        <source>Si l&apos;un de vos enfants est déjà inscrit à l&apos;école, à la cantine ou à la crèche, votre clé enfance vous a été envoyée par courrier. Sinon, adressez-vous à la Direction de l&apos;Éducation ou au service Petite enfance de la mairie, ou faites la démarche « Ma famille » : une fois votre dossier accepté, la clé est ajoutée à votre espace et vous est envoyée par courriel.</source>
        <translation>If one of your children is already enrolled at school, the canteen or the nursery, your clé enfance was sent to you by post. Otherwise, contact the town hall&apos;s Education department or Early childhood service, or make the « Ma famille » request: once your file is accepted, the key is added to your space and sent to you by e-mail.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile.py" line="159"/>
        <source>Faire la démarche « Ma famille »</source>
        <translation>Make the « Ma famille » request</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile.py" line="220"/>
        <source>Être contacté : %1</source>
        <translation>Contact me: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile.py" line="237"/>
        <source>Chargement de votre profil…</source>
        <translation>Loading your profile…</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile.py" line="239"/>
        <source>Votre profil ne peut pas être affiché : la borne ne joint pas la mairie. Réessayez dans un moment.</source>
        <translation>Your profile cannot be shown: the kiosk cannot reach the town hall. Try again in a moment.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile.py" line="241"/>
        <source>Connectez-vous à votre espace personnel pour voir votre profil.</source>
        <translation>Log in to your personal space to see your profile.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile.py" line="242"/>
        <source>Les espaces personnels ne sont pas disponibles sur cette borne.</source>
        <translation>Personal spaces are not available at this kiosk.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile.py" line="243"/>
        <source>Votre profil est enregistré.</source>
        <translation>Your profile is saved.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile.py" line="348"/>
        <source>Tapez votre clé enfance : 12 lettres et chiffres.</source>
        <translation>Type your clé enfance: 12 letters and digits.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile.py" line="349"/>
        <source>Une clé enfance a 12 lettres et chiffres, par exemple K7QX-2M9P-4TRW. Vérifiez-la.</source>
        <translation>A clé enfance has 12 letters and digits, for example K7QX-2M9P-4TRW. Please check it.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile.py" line="351"/>
        <source>Cette clé enfance n&apos;est pas reconnue. Vérifiez les 12 caractères sur le courrier de la mairie.</source>
        <translation>This clé enfance is not recognised. Check the 12 characters on the town hall&apos;s letter.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile.py" line="354"/>
        <source>Cette clé enfance est déjà reliée à un autre espace personnel. Une clé est personnelle : adressez-vous à la Direction de l&apos;Éducation.</source>
        <translation>This clé enfance is already linked to another personal space. A key is personal: contact the Education department.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile.py" line="357"/>
        <source>Votre espace est déjà relié à une famille, avec une autre clé enfance.</source>
        <translation>Your space is already linked to a family, with another clé enfance.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile.py" line="359"/>
        <source>La clé n&apos;a pas pu être vérifiée : la borne ne joint pas la mairie. Réessayez plus tard.</source>
        <translation>The key could not be checked: the kiosk cannot reach the town hall. Try again later.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile.py" line="365"/>
        <source>Trop de clés erronées. Réessayez dans %1 seconde.</source>
        <translation>Too many wrong keys. Try again in %1 second.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile.py" line="366"/>
        <source>Trop de clés erronées. Réessayez dans %1 secondes.</source>
        <translation>Too many wrong keys. Try again in %1 seconds.</translation>
    </message>
</context>
<context>
    <name>ProfileTexts</name>
    <message>
        <location filename="../../kiosk/views/pages/profile_texts.py" line="16"/>
        <source>par courriel</source>
        <translation>by e-mail</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile_texts.py" line="17"/>
        <source>par SMS</source>
        <translation>by text message</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile_texts.py" line="18"/>
        <source>par courrier</source>
        <translation>by post</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile_texts.py" line="19"/>
        <source>je suis mes demandes moi-même</source>
        <translation>I follow my requests myself</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile_texts.py" line="27"/>
        <source>Madame</source>
        <translation>Ms</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile_texts.py" line="28"/>
        <source>Monsieur</source>
        <translation>Mr</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile_texts.py" line="33"/>
        <source>Adresse : non renseignée</source>
        <translation>Address: not given</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile_texts.py" line="37"/>
        <source>Adresse : %1</source>
        <translation>Address: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile_texts.py" line="39"/>
        <source>Courriel de l&apos;espace : %1</source>
        <translation>Space&apos;s e-mail: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile_texts.py" line="42"/>
        <source>Autres courriels : %1</source>
        <translation>Other e-mails: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile_texts.py" line="45"/>
        <source>Téléphones : %1</source>
        <translation>Phones: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile_texts.py" line="47"/>
        <source>Téléphone : non renseigné</source>
        <translation>Phone: not given</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile_texts.py" line="53"/>
        <source>Votre clé enfance : ••••-••••-%1 (la clé complète est sur votre courrier)</source>
        <translation>Your clé enfance: ••••-••••-%1 (the whole key is on your letter)</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile_texts.py" line="64"/>
        <source> (né(e) en %1)</source>
        <translation> (born in %1)</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile_texts.py" line="66"/>
        <source>parent</source>
        <translation>parent</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile_texts.py" line="68"/>
        <source>enfant</source>
        <translation>child</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/profile_texts.py" line="72"/>
        <source> : %1</source>
        <translation>: %1</translation>
    </message>
</context>
<context>
    <name>Quota</name>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="32"/>
        <source>Au plus %1 demande par jour et par personne</source>
        <translation>At most %1 request per day per person</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="33"/>
        <source>Au plus %1 demandes par jour et par personne</source>
        <translation>At most %1 requests per day per person</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="36"/>
        <source>Au plus %1 demande par semaine et par personne</source>
        <translation>At most %1 request per week per person</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="37"/>
        <source>Au plus %1 demandes par semaine et par personne</source>
        <translation>At most %1 requests per week per person</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="40"/>
        <source>Au plus %1 demande par mois et par personne</source>
        <translation>At most %1 request per month per person</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="41"/>
        <source>Au plus %1 demandes par mois et par personne</source>
        <translation>At most %1 requests per month per person</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="44"/>
        <source>Au plus %1 demande par an et par personne</source>
        <translation>At most %1 request per year per person</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/procedure.py" line="45"/>
        <source>Au plus %1 demandes par an et par personne</source>
        <translation>At most %1 requests per year per person</translation>
    </message>
</context>
<context>
    <name>Receipt</name>
    <message>
        <location filename="../../kiosk/views/receipt.py" line="67"/>
        <source>Votre demande sera transmise à la mairie dès que possible ; conservez ce code pour suivre votre demande à la borne, touche « Suivre une demande ».</source>
        <translation>Your request will be sent to the town hall as soon as possible. Keep this code to track your request at the kiosk, with the “Track a request” button.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/receipt.py" line="128"/>
        <source>Aucun document joint</source>
        <translation>No documents attached</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/receipt.py" line="130"/>
        <source>1 document joint :</source>
        <translation>1 document attached:</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/receipt.py" line="132"/>
        <source>%1 documents joints :</source>
        <translation>%1 documents attached:</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/receipt.py" line="137"/>
        <source>•  et %1 autres</source>
        <translation>•  and %1 more</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/receipt.py" line="163"/>
        <location filename="../../kiosk/views/receipt.py" line="236"/>
        <location filename="../../kiosk/views/receipt.py" line="271"/>
        <source>Récapitulatif de votre demande</source>
        <translation>Summary of your request</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/receipt.py" line="167"/>
        <source>Demande enregistrée le %1</source>
        <translation>Request submitted on %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/receipt.py" line="172"/>
        <source>Référence : %1</source>
        <translation>Reference: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/receipt.py" line="178"/>
        <source>Votre code de suivi</source>
        <translation>Your tracking code</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/receipt.py" line="181"/>
        <source>Gardez ce code : il vous sera demandé pour suivre ou annuler votre demande.</source>
        <translation>Keep this code: you will need it to track or cancel your request.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/receipt.py" line="190"/>
        <source>Ou lisez le code QR avec l&apos;appareil photo de votre téléphone : il ouvre le suivi de votre demande.</source>
        <translation>Or read the QR code with your phone’s camera: it opens your request’s tracking page.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/receipt.py" line="203"/>
        <source>Documents joints</source>
        <translation>Attached documents</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/receipt.py" line="209"/>
        <source>Rendez-vous en mairie</source>
        <translation>Appointment at the town hall</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/receipt.py" line="214"/>
        <source>Et maintenant ?</source>
        <translation>What happens next?</translation>
    </message>
</context>
<context>
    <name>RequestTexts</name>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="31"/>
        <source>En attente d&apos;envoi</source>
        <translation>Waiting to be sent</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="34"/>
        <source>Envoi refusé</source>
        <translation>Sending refused</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="35"/>
        <location filename="../../kiosk/views/request_texts.py" line="42"/>
        <source>Transmise à la mairie</source>
        <translation>Passed on to the town hall</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="44"/>
        <source>Brouillon</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="45"/>
        <source>En cours de traitement</source>
        <translation>Being processed</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="46"/>
        <source>En attente de votre part</source>
        <translation>Waiting for your reply</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="47"/>
        <source>Acceptée</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="48"/>
        <source>Refusée</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="49"/>
        <source>Annulée</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="50"/>
        <source>Clôturée</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="58"/>
        <location filename="../../kiosk/views/request_texts.py" line="62"/>
        <source>Opération sur la demande</source>
        <translation>Update on the request</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="59"/>
        <source>Pièce jointe</source>
        <translation>Attachment</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="60"/>
        <source>Échange</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="61"/>
        <source>Rendez-vous</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="81"/>
        <source>Message de la mairie : %1</source>
        <translation>Message from the town hall: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="86"/>
        <source>Rendez-vous réservé</source>
        <translation>Appointment booked</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="88"/>
        <source>Rendez-vous réservé pour le %1</source>
        <translation>Appointment booked for %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="90"/>
        <source>Demande enregistrée sur la borne</source>
        <translation>Request saved on the kiosk</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="91"/>
        <source>En attente d&apos;envoi à la mairie</source>
        <translation>Waiting to be sent to the town hall</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="92"/>
        <source>Demande envoyée à la mairie</source>
        <translation>Request sent to the town hall</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="93"/>
        <source>Demande reçue par la mairie</source>
        <translation>Request received by the town hall</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="94"/>
        <source>Demande en cours de traitement</source>
        <translation>Request being processed</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="95"/>
        <source>La mairie attend une réponse de votre part</source>
        <translation>The town hall is waiting for your reply</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="96"/>
        <source>Demande acceptée</source>
        <translation>Request accepted</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="97"/>
        <source>Demande refusée</source>
        <translation>Request refused</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="98"/>
        <source>Demande clôturée</source>
        <translation>Request closed</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="99"/>
        <source>Demande annulée</source>
        <translation>Request cancelled</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="100"/>
        <source>Annulation en attente d&apos;envoi</source>
        <translation>Cancellation waiting to be sent</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="101"/>
        <source>Annulation transmise à la mairie</source>
        <translation>Cancellation sent to the town hall</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="102"/>
        <source>Rattachement à un espace personnel en attente d&apos;envoi</source>
        <translation>Attachment to a personal space waiting to be sent</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="105"/>
        <source>Demande rattachée à un espace personnel</source>
        <translation>Request attached to a personal space</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="107"/>
        <source>Demande refusée : le quota de demandes de cette démarche était déjà atteint</source>
        <translation>Request refused: the quota of requests for this procedure had already been reached</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="110"/>
        <source>Pièce jointe retirée</source>
        <translation>Attachment removed</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="111"/>
        <source>Rendez-vous annulé</source>
        <translation>Appointment cancelled</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="112"/>
        <source>Rendez-vous fixé par la mairie</source>
        <translation>Appointment set by the town hall</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="113"/>
        <source>Rendez-vous déplacé par la mairie</source>
        <translation>Appointment moved by the town hall</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="115"/>
        <source>Rendez-vous à reprogrammer : la mairie vous recontactera</source>
        <translation>Appointment to be rescheduled: the town hall will contact you</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="118"/>
        <source>Message de la mairie</source>
        <translation>Message from the town hall</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="126"/>
        <source>Pièce jointe ajoutée : %1</source>
        <translation>Attachment added: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="128"/>
        <source>Pièce jointe ajoutée</source>
        <translation>Attachment added</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="132"/>
        <source>%1 fichier</source>
        <translation>%1 file</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="133"/>
        <source>%1 fichiers</source>
        <translation>%1 files</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="136"/>
        <source>Pièce jointe ajoutée (%1)</source>
        <translation>Attachment added (%1)</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/request_texts.py" line="139"/>
        <source>Pièce jointe ajoutée : %1 (%2)</source>
        <translation>Attachment added: %1 (%2)</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <location filename="../../kiosk/views/pages/search.py" line="75"/>
        <source>Espace personnel requis</source>
        <translation>Personal space required</translation>
    </message>
</context>
<context>
    <name>SearchLauncher</name>
    <message>
        <location filename="../../kiosk/views/widgets/search_launcher.py" line="32"/>
        <source>Votre recherche : tapez un mot, par exemple « naissance »</source>
        <translation>Search: type a word, for example “birth”</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/widgets/search_launcher.py" line="33"/>
        <source>Votre recherche</source>
        <translation>Search</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <location filename="../../kiosk/views/pages/search.py" line="215"/>
        <source>Chargement des démarches…</source>
        <translation>Loading procedures…</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/search.py" line="217"/>
        <source>Exemples : naissance, carte d&apos;identité, école, salle, adresse.</source>
        <translation>Examples: birth, identity card, school, hall, address.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/search.py" line="220"/>
        <source>Aucune démarche ne correspond à « %1 ». Essayez un autre mot, ou parcourez les domaines.</source>
        <translation>No procedure matches “%1”. Try another word, or browse the areas.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/search.py" line="223"/>
        <source>%1 démarche trouvée</source>
        <translation>%1 procedure found</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/search.py" line="223"/>
        <source>%1 démarches trouvées</source>
        <translation>%1 procedures found</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/search.py" line="247"/>
        <location filename="../../kiosk/views/pages/search.py" line="250"/>
        <location filename="../../kiosk/views/pages/search.py" line="252"/>
        <source>Votre recherche</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/search.py" line="251"/>
        <source>Tapez un ou plusieurs mots :</source>
        <translation>Type one or more words:</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/search.py" line="253"/>
        <source>Par exemple : naissance</source>
        <translation>For example: birth</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/search.py" line="254"/>
        <source>Effacer</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/search.py" line="255"/>
        <source>Effacer la recherche</source>
        <translation>Clear the search</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/search.py" line="256"/>
        <source>Voir les résultats</source>
        <translation>See the results</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/search.py" line="257"/>
        <source>Résultats de la recherche</source>
        <translation>Search results</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/search.py" line="258"/>
        <source>Parcourir les domaines</source>
        <translation>Browse the areas</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/search.py" line="264"/>
        <source>Tapez un mot qui décrit votre démarche, par exemple « naissance » ou « inscription ». Les accents et les majuscules ne comptent pas. Touchez ensuite une démarche de la liste pour l&apos;ouvrir.</source>
        <translation>Type a word that describes your request, for example “birth” or “registration” (French words work too). Accents and capitals do not matter. Then touch a procedure in the list to open it.</translation>
    </message>
</context>
<context>
    <name>StepProgress</name>
    <message>
        <location filename="../../kiosk/views/widgets/progress.py" line="47"/>
        <source>Étape %1 sur %2 : %3</source>
        <translation>Step %1 of %2: %3</translation>
    </message>
</context>
<context>
    <name>SummaryStep</name>
    <message>
        <location filename="../../kiosk/views/pages/wizard/summary_step.py" line="62"/>
        <source>Vérifiez vos informations. Touchez « Modifier » pour corriger une partie.</source>
        <translation>Check your details. Touch “Change” to correct a section.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/summary_step.py" line="76"/>
        <source>Sans rendez-vous</source>
        <translation>No appointment</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/summary_step.py" line="77"/>
        <source>Mon rendez-vous</source>
        <translation>My appointment</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/summary_step.py" line="77"/>
        <source>Créneau</source>
        <translation>Time slot</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/summary_step.py" line="89"/>
        <source>Aucun fichier</source>
        <translation>No file</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/summary_step.py" line="107"/>
        <source>Modifier</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/summary_step.py" line="108"/>
        <source>Modifier : %1</source>
        <translation>Change: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/summary_step.py" line="143"/>
        <source>Le récapitulatif</source>
        <translation>Summary</translation>
    </message>
</context>
<context>
    <name>VisitorSession</name>
    <message>
        <location filename="../../kiosk/views/session.py" line="289"/>
        <source>Terminer et tout effacer ?</source>
        <translation>Finish and clear everything?</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/session.py" line="290"/>
        <source>La démarche en cours n&apos;a pas été validée : ce que vous avez saisi sera effacé.</source>
        <translation>Your request has not been submitted: what you have entered will be deleted.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/session.py" line="292"/>
        <source>Oui, terminer</source>
        <translation>Yes, finish</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/session.py" line="293"/>
        <source>Non, continuer</source>
        <translation>No, carry on</translation>
    </message>
</context>
<context>
    <name>WizardPage</name>
    <message>
        <location filename="../../kiosk/views/pages/wizard/page.py" line="154"/>
        <source>Chargement de la démarche…</source>
        <translation>Loading the procedure…</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/page.py" line="161"/>
        <source>Cette démarche n&apos;est plus disponible.</source>
        <translation>This procedure is no longer available.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/page.py" line="308"/>
        <source>La démarche</source>
        <translation>The procedure</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/page.py" line="311"/>
        <source>Mon rendez-vous</source>
        <translation>My appointment</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/page.py" line="312"/>
        <location filename="../../kiosk/views/pages/wizard/page.py" line="319"/>
        <source>Mes informations</source>
        <translation>My details</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/page.py" line="312"/>
        <source>Ma demande</source>
        <translation>My request</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/page.py" line="312"/>
        <source>Le récapitulatif</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/page.py" line="316"/>
        <source>Ma demande (%1)</source>
        <translation>My request (%1)</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/page.py" line="335"/>
        <source>Valider</source>
        <translation>Submit</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/page.py" line="335"/>
        <source>Suivant</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/page.py" line="337"/>
        <source>Valider ma demande</source>
        <translation>Submit my request</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/page.py" line="337"/>
        <source>Étape suivante</source>
        <translation>Next step</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/page.py" line="381"/>
        <source>Enregistrement de votre demande…</source>
        <translation>Saving your request…</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/page.py" line="459"/>
        <source>Votre demande n&apos;a pas pu être enregistrée</source>
        <translation>Your request could not be saved</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/page.py" line="461"/>
        <source>La borne n&apos;a pas pu enregistrer votre demande (mémoire pleine ou erreur). Rien n&apos;a été enregistré et vos informations sont toujours à l&apos;écran : vous pouvez réessayer, ou demander de l&apos;aide à l&apos;accueil.</source>
        <translation>The kiosk could not save your request (memory full or error). Nothing has been saved and your details are still on the screen: you can try again, or ask for help at reception.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/page.py" line="466"/>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/page.py" line="467"/>
        <source>Réessayer</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/page.py" line="476"/>
        <source>Abandonner cette démarche ?</source>
        <translation>Quit this procedure?</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/page.py" line="477"/>
        <source>Ce que vous avez saisi sera effacé et rien ne sera envoyé à la mairie.</source>
        <translation>What you have entered will be deleted and nothing will be sent to the town hall.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/page.py" line="481"/>
        <source>Non, continuer</source>
        <translation>No, carry on</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/page.py" line="480"/>
        <source>Oui, abandonner</source>
        <translation>Yes, quit</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/page.py" line="499"/>
        <source>Saisie de la démarche</source>
        <translation>Filling in the procedure</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/page.py" line="503"/>
        <source>Remplissez chaque étape puis touchez « Suivant ». S&apos;il manque quelque chose, « Voir ce qui manque » l&apos;indique à côté du champ. « Précédent » revient en arrière sans rien perdre. Au récapitulatif, vérifiez puis touchez « Valider ».</source>
        <translation>Fill in each step, then touch “Next”. If something is missing, “Show what is missing” points it out next to the field. “Previous” goes back without losing anything. On the summary, check everything, then touch “Submit”.</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/page.py" line="509"/>
        <source>Aide à la saisie</source>
        <translation>Help with this form</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/page.py" line="510"/>
        <source>Abandonner</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/page.py" line="511"/>
        <source>Voir ce qui manque</source>
        <translation>Show what is missing</translation>
    </message>
    <message>
        <location filename="../../kiosk/views/pages/wizard/page.py" line="512"/>
        <source>Précédent</source>
        <translation>Previous</translation>
    </message>
</context>
<context>
    <name>_TilesPage</name>
    <message>
        <location filename="../../kiosk/views/pages/catalogue_pages.py" line="43"/>
        <source>Chargement des démarches…</source>
        <translation>Loading procedures…</translation>
    </message>
</context>
</TS>
