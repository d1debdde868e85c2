"""The words of « Mon profil »: the citizen's identity and contact means as lines, the preferred channel, the clé
enfance's hint and the family's members (``kiosk.views.pages.profile``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from sync.personal_space import Family, Profile


def channel_text(channel: str) -> str:
    return {
        "email": QCoreApplication.translate("ProfileTexts", "par courriel"),
        "sms": QCoreApplication.translate("ProfileTexts", "par SMS"),
        "post": QCoreApplication.translate("ProfileTexts", "par courrier"),
        "none": QCoreApplication.translate("ProfileTexts", "je suis mes demandes moi-même"),
    }.get(channel, channel)


def identity_lines(profile: Profile) -> list[str]:
    """Name, address, e-mails and phones, one per line, for a plain-text label."""
    details = profile.details
    civility = {
        "madame": QCoreApplication.translate("ProfileTexts", "Madame"),
        "monsieur": QCoreApplication.translate("ProfileTexts", "Monsieur"),
    }.get(details.civility, "")
    lines = [" ".join(part for part in (civility, details.first_name, details.last_name) if part)]
    address = details.address
    if address is None:
        lines.append(QCoreApplication.translate("ProfileTexts", "Adresse : non renseignée"))
    else:
        parts = [address.line, address.complement, f"{address.postcode} {address.city}".strip()]
        lines.append(
            QCoreApplication.translate("ProfileTexts", "Adresse : %1").replace("%1", ", ".join(p for p in parts if p))
        )
    lines.append(QCoreApplication.translate("ProfileTexts", "Courriel de l'espace : %1").replace("%1", profile.email))
    if details.emails:
        lines.append(
            QCoreApplication.translate("ProfileTexts", "Autres courriels : %1").replace("%1", ", ".join(details.emails))
        )
    lines.append(
        QCoreApplication.translate("ProfileTexts", "Téléphones : %1").replace("%1", ", ".join(details.phones))
        if details.phones
        else QCoreApplication.translate("ProfileTexts", "Téléphone : non renseigné")
    )
    return lines


def child_key_text(hint: str) -> str:
    return QCoreApplication.translate(
        "ProfileTexts", "Votre clé enfance : ••••-••••-%1 (la clé complète est sur votre courrier)"
    ).replace("%1", hint)


def family_lines(family: Family) -> list[str]:
    """One line per member: name, birth year, services."""
    lines: list[str] = []
    for member in family.members:
        who = f"{member.first_name} {member.last_name}"
        if member.birth_year is not None:
            who += QCoreApplication.translate("ProfileTexts", " (né(e) en %1)").replace("%1", str(member.birth_year))
        relation = (
            QCoreApplication.translate("ProfileTexts", "parent")
            if member.relation == "parent"
            else QCoreApplication.translate("ProfileTexts", "enfant")
        )
        line = f"• {who} — {relation}"
        if member.services:
            line += QCoreApplication.translate("ProfileTexts", " : %1").replace("%1", ", ".join(member.services))
        lines.append(line)
    return lines
