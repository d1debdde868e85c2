"""The pages the citizen's phone opens to log a kiosk in (``central.device_login``): type the code shown at the
kiosk (when not scanned), log in, « Connecter la borne « NAME » ? », then the end.

The same plain French HTML as the account pages (``central.account_pages``: their document, style, CSP and
headers; ``central.html_page``'s fields), the title starting with "Erreur" when a field is in error.
"""

from __future__ import annotations

from dataclasses import dataclass

from central.account_pages import document, message_page
from central.device_login import DEVICE_CODE_VALID, VERIFICATION_PATH, PhoneView, shown
from central.html_page import e, field, t

_MINUTES = int(DEVICE_CODE_VALID.total_seconds()) // 60
ASK_AGAIN = "Demandez un nouveau code à la borne."
WRONG_LOGIN = "Adresse électronique ou mot de passe incorrect."


@dataclass(frozen=True, slots=True)
class LoginErrors:
    email: str | None = None
    password: str | None = None

    def __bool__(self) -> bool:
        return self.email is not None or self.password is not None


def code_page(typed: str = "", error: str | None = None) -> str:
    """The code typed by hand: a GET form, so that the next page's address is the one the QR code holds."""
    main = (
        "<h1>Se connecter à une borne</h1>\n"
        "<p>Pour ouvrir votre espace personnel à une borne de la mairie sans y taper votre mot de passe, saisissez "
        "le code affiché à la borne.</p>\n"
        f'<form method="get" action="{VERIFICATION_PATH}" novalidate>\n'
        + field(
            "code",
            "Code affiché à la borne",
            "text",
            value=typed,
            help_text="8 lettres, par exemple BCDF-GHJK (majuscules ou minuscules, avec ou sans tiret).",
            error=error,
            focus=True,
            extra='required maxlength="20" autocomplete="off" autocapitalize="characters" spellcheck="false"',
        )
        + '<button type="submit">Continuer</button>\n</form>\n'
    )
    return document(("Erreur : " if error else "") + "Se connecter à une borne", main)


def login_page(view: PhoneView, form_key: str, email: str = "", errors: LoginErrors | None = None) -> str:
    errors = errors or LoginErrors()
    main = (
        f"<h1>Connecter la borne « {t(view.kiosk_name)} »</h1>\n"
        f"<p>Code de la borne : <strong>{t(shown(view.code))}</strong>. Vérifiez que c'est celui affiché devant "
        "vous.</p>\n"
        "<p>Connectez-vous à votre espace personnel : la borne l'ouvrira une fois que vous l'aurez autorisée.</p>\n"
        f'<form method="post" action="{VERIFICATION_PATH}" novalidate>\n'
        f'<input type="hidden" name="code" value="{e(view.code)}">\n'
        '<input type="hidden" name="step" value="login">\n'
        f'<input type="hidden" name="form_key" value="{e(form_key)}">\n'
        + field(
            "courriel",
            "Adresse électronique",
            "email",
            value=email,
            error=errors.email,
            focus=bool(errors.email),
            extra='required maxlength="254" autocomplete="username" autocapitalize="none" spellcheck="false"',
        )
        + field(
            "mot_de_passe",
            "Mot de passe",
            "password",
            error=errors.password,
            focus=bool(errors.password) and not errors.email,
            extra='required maxlength="256" autocomplete="current-password" autocapitalize="none" spellcheck="false"',
        )
        + '<button type="submit">Se connecter</button>\n</form>\n'
    )
    return document(("Erreur : " if errors else "") + "Connecter la borne", main)


def approve_page(view: PhoneView) -> str:
    main = (
        f"<h1>Connecter la borne « {t(view.kiosk_name)} » ?</h1>\n"
        f"<p>Vous êtes connecté à l'espace personnel de {t(view.first_name)} {t(view.last_name)} "
        f"({t(view.email)}).</p>\n"
        f"<p>Si vous autorisez, la borne « {t(view.kiosk_name)} » (code {t(shown(view.code))}) ouvre votre espace "
        "personnel pour 15 minutes au plus. N'autorisez que si vous êtes devant cette borne. En partant, touchez "
        "« Se déconnecter » à la borne.</p>\n"
        f'<form method="post" action="{VERIFICATION_PATH}">\n'
        f'<input type="hidden" name="code" value="{e(view.code)}">\n'
        '<input type="hidden" name="step" value="decide">\n'
        f'<input type="hidden" name="approval" value="{e(view.approval)}">\n'
        '<button type="submit" name="choice" value="approve">Autoriser</button>\n'
        '<button type="submit" name="choice" value="refuse">Refuser</button>\n'
        "</form>\n"
    )
    return document(f"Connecter la borne « {view.kiosk_name} » ?", main)


def state_page(view: PhoneView) -> tuple[int, str]:
    """The page of a code that shows no form (and the status to answer)."""
    if view.state == "approved":
        return 200, message_page(
            "La borne est connectée",
            f"Vous pouvez revenir à la borne « {view.kiosk_name} » : votre espace personnel s'y ouvre.",
            "Vous pouvez fermer cette page. En partant, touchez « Se déconnecter » à la borne.",
        )
    if view.state == "denied":
        return 200, message_page(
            "Connexion refusée",
            f"La borne « {view.kiosk_name} » n'est pas connectée à votre espace personnel. Vous pouvez fermer "
            "cette page.",
        )
    if view.state == "expired":
        return 410, message_page("Code expiré", f"Ce code a expiré : il était valable {_MINUTES} minutes. {ASK_AGAIN}")
    if view.state == "used":
        return 410, message_page(
            "Code déjà utilisé", f"Ce code a déjà servi. Pour connecter à nouveau une borne, {ASK_AGAIN.lower()}"
        )
    return 404, code_page(
        shown(view.code) if view.code else "", f"Ce code n'est pas reconnu. Vérifiez-le, ou {ASK_AGAIN.lower()}"
    )


def forged_page() -> str:
    return message_page(
        "Formulaire refusé",
        f"Ce formulaire ne vient pas de la dernière page ouverte pour ce code, ou la page a changé depuis. {ASK_AGAIN}",
    )


def too_many_page() -> str:
    return message_page(
        "Trop d'essais", "Trop d'essais en peu de temps depuis cet appareil ou pour ce code. Réessayez dans une minute."
    )


def bad_form_page() -> str:
    return message_page("Formulaire illisible", f"Le formulaire envoyé n'a pas pu être lu. {ASK_AGAIN}")
