"""The pages the account mails link to: choose a password (finalise the registration, or reset it), then the
consent to share ("partager"), and the French messages for a link that is unknown, expired or used.

Plain HTML in French (``central.html_page``: the document, the headers, the accessible field), with the rule
beside the password field and the page title starting with "Erreur" when a field is in error.
"""

from __future__ import annotations

from dataclasses import dataclass

from central import html_page
from central.accounts import LinkView, Purpose
from central.html_page import e, field, headers_for, t
from central.passwords import RULE

STYLE = (
    "body{font-family:sans-serif;max-width:40rem;margin:1rem auto;padding:0 1rem;line-height:1.5;color:#111;"
    "background:#fff}"
    "label{display:block;font-weight:bold;margin-top:1rem}"
    "input{font-size:1.2rem;padding:.4rem;width:100%;box-sizing:border-box;border:2px solid #333}"
    "input[aria-invalid=true]{border-color:#b00020}"
    ".aide{margin:.2rem 0;color:#333}.erreur{margin:.2rem 0;color:#b00020;font-weight:bold}"
    "button{font-size:1.1rem;padding:.5rem 1.2rem;margin:1rem 1rem 0 0;min-height:48px}"
    ":focus{outline:3px solid #0050b3;outline-offset:2px}"
)
HEADERS = headers_for(STYLE)

_NEW_PASSWORD = 'required maxlength="256" autocomplete="new-password" spellcheck="false" autocapitalize="none"'
_HEADINGS: dict[Purpose, str] = {
    "finalise": "Finaliser l'inscription",
    "reset": "Choisir un nouveau mot de passe",
}


@dataclass(frozen=True, slots=True)
class PasswordErrors:
    password: str | None = None
    confirmation: str | None = None

    def __bool__(self) -> bool:
        return self.password is not None or self.confirmation is not None


def document(title: str, main: str) -> str:
    return html_page.document(title, main, STYLE, "Espace Citoyens")


def password_page(purpose: Purpose, view: LinkView, action: str, form_key: str, errors: PasswordErrors) -> str:
    heading = _HEADINGS[purpose]
    if purpose == "finalise":
        intro = (
            f"<p>Bonjour {t(view.first_name)} {t(view.last_name)}, choisissez le mot de passe de votre espace "
            f"personnel. Votre identifiant est votre adresse électronique : <strong>{t(view.email)}</strong>.</p>\n"
            "<p>Étape 1 sur 2 : le mot de passe.</p>\n"
        )
        button = "Continuer"
    else:
        intro = (
            f"<p>Bonjour {t(view.first_name)}, choisissez le nouveau mot de passe de votre espace personnel "
            f"(<strong>{t(view.email)}</strong>). Une fois changé, les connexions ouvertes à votre espace sont "
            "fermées.</p>\n"
        )
        button = "Enregistrer le mot de passe"
    main = (
        f"<h1>{t(heading)}</h1>\n{intro}"
        f'<form method="post" action="{e(action)}" novalidate>\n'
        f'<input type="hidden" name="form_key" value="{e(form_key)}">\n'
        '<input type="hidden" name="step" value="password">\n'
        # For the citizen's password manager: the identifier the password goes with.
        f'<input type="email" name="identifiant" autocomplete="username" value="{e(view.email)}" readonly hidden>\n'
        + field(
            "mot_de_passe",
            "Mot de passe",
            "password",
            help_text=RULE,
            error=errors.password,
            focus=bool(errors.password),
            extra=_NEW_PASSWORD,
        )
        + field(
            "confirmation",
            "Confirmez le mot de passe",
            "password",
            error=errors.confirmation,
            focus=bool(errors.confirmation) and not errors.password,
            extra=_NEW_PASSWORD,
        )
        + f'<button type="submit">{t(button)}</button>\n</form>\n'
    )
    return document(("Erreur : " if errors else "") + heading, main)


def consent_page(view: LinkView, action: str, form_key: str) -> str:
    main = (
        "<h1>Partager vos données avec l'Espace Citoyens</h1>\n"
        "<p>Étape 2 sur 2 : le partage.</p>\n"
        "<p>Pour vous servir, l'Espace Citoyens de la mairie reçoit de votre compte :</p>\n"
        "<ul>\n"
        f"<li>votre identité : civilité, nom et prénom ({t(view.first_name)} {t(view.last_name)}) ;</li>\n"
        f"<li>votre adresse électronique ({t(view.email)}) ;</li>\n"
        "<li>votre adresse postale ;</li>\n"
        "<li>vos numéros de téléphone.</li>\n"
        "</ul>\n"
        "<p>Ces données servent à préremplir vos démarches et à vous répondre. Vous pourrez les modifier dans "
        "votre profil. Si vous refusez, votre espace n'est pas créé et les données saisies sont effacées.</p>\n"
        f'<form method="post" action="{e(action)}">\n'
        f'<input type="hidden" name="form_key" value="{e(form_key)}">\n'
        '<input type="hidden" name="step" value="consent">\n'
        '<button type="submit" name="choice" value="accept">Partager</button>\n'
        '<button type="submit" name="choice" value="refuse">Refuser</button>\n'
        "</form>\n"
    )
    return document("Partager vos données", main)


def message_page(title: str, *paragraphs: str) -> str:
    return document(title, f"<h1>{t(title)}</h1>\n" + "".join(f'<p role="status">{t(p)}</p>\n' for p in paragraphs))


def state_page(purpose: Purpose, view: LinkView) -> tuple[int, str]:
    """The page of a link that shows no form: finished, refused, or not usable (and the status to answer)."""
    if view.state == "done" and purpose == "finalise":
        return 200, message_page(
            "Votre espace personnel est prêt",
            "Votre inscription est terminée. Vous pouvez maintenant vous connecter à la borne avec votre adresse "
            "électronique et votre mot de passe.",
        )
    if view.state == "done":
        return 200, message_page(
            "Votre mot de passe est changé",
            "Vous pouvez maintenant vous connecter à la borne avec votre nouveau mot de passe. Les connexions "
            "ouvertes à votre espace ont été fermées.",
        )
    if view.state == "refused":
        return 200, message_page(
            "Inscription annulée",
            "Vous avez refusé le partage : votre espace personnel n'est pas créé et les données saisies sont "
            "effacées. Vous pouvez recommencer à la borne quand vous le souhaitez (« Créer mon espace »).",
        )
    if view.state == "expired" and purpose == "finalise":
        return 410, message_page(
            "Lien expiré",
            "Ce lien a expiré : il était valable 2 jours. Recommencez la création de votre espace à la borne "
            "(« Créer mon espace ») avec la même adresse électronique : vous recevrez un nouveau lien.",
        )
    if view.state == "expired":
        return 410, message_page(
            "Lien expiré",
            "Ce lien a expiré : il était valable 30 minutes. Redemandez un nouveau mot de passe à la borne "
            "(« Mot de passe oublié ? ») : vous recevrez un nouveau lien.",
        )
    if view.state == "used" and purpose == "finalise":
        return 410, message_page(
            "Lien déjà utilisé",
            "Ce lien a déjà servi : votre espace personnel est créé. Connectez-vous à la borne avec votre adresse "
            "électronique et votre mot de passe.",
        )
    if view.state == "used":
        return 410, message_page(
            "Lien déjà utilisé",
            "Ce lien a déjà servi. S'il vous faut encore un nouveau mot de passe, redemandez-le à la borne "
            "(« Mot de passe oublié ? »).",
        )
    return 404, message_page(
        "Lien non valable",
        "Ce lien n'est pas valable. Vérifiez que l'adresse a été copiée en entier depuis le courriel.",
    )


def forged_page() -> str:
    return message_page(
        "Formulaire refusé",
        "Ce formulaire ne vient pas de la page de ce lien, ou la page a changé depuis. Rouvrez le lien reçu par "
        "courriel.",
    )


def bad_form_page() -> str:
    return message_page(
        "Formulaire illisible", "Le formulaire envoyé n'a pas pu être lu. Rouvrez le lien reçu par courriel."
    )
