"""What the kiosk says about documents, in the visitor's language: why a file was refused (the one place for
these texts), a file's size, date and kind."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from kiosk.services.documents import JPEG, PDF, PNG, AcceptedDocument, Refusal
from kiosk.views.plural import count_text


def refusal_message(refusal: Refusal) -> str:
    """Why ``refusal``'s file was not attached, in the current language. The one place for these texts."""
    if refusal.code == "extension_mismatch":
        detected = {
            PDF: QCoreApplication.translate(
                "Documents", "Le nom de ce fichier annonce un autre type que son contenu : c'est en réalité un PDF."
            ),
            JPEG: QCoreApplication.translate(
                "Documents",
                "Le nom de ce fichier annonce un autre type que son contenu : c'est en réalité une image JPEG.",
            ),
            PNG: QCoreApplication.translate(
                "Documents",
                "Le nom de ce fichier annonce un autre type que son contenu : c'est en réalité une image PNG.",
            ),
        }
        if refusal.detected in detected:
            return detected[refusal.detected]
    messages = {
        "outside_folders": QCoreApplication.translate(
            "Documents", "Ce fichier n'est pas dans un dossier autorisé : il ne peut pas être joint."
        ),
        "unreadable": QCoreApplication.translate(
            "Documents", "Ce fichier ne peut pas être lu. La clé USB a peut-être été retirée."
        ),
        "empty": QCoreApplication.translate("Documents", "Ce fichier est vide."),
        "too_large": QCoreApplication.translate("Documents", "Ce fichier dépasse 10 Mo."),
        "unsupported_type": QCoreApplication.translate("Documents", "Ce fichier n'est pas un PDF, un JPEG ou un PNG."),
        "extension_mismatch": QCoreApplication.translate(
            "Documents", "Le nom de ce fichier annonce un autre type que son contenu."
        ),
        "image_bomb": QCoreApplication.translate("Documents", "L'image est trop grande pour être ouverte."),
        "image_corrupt": QCoreApplication.translate(
            "Documents", "Cette image est abîmée ou incomplète : elle ne peut pas être ouverte."
        ),
        "pdf_encrypted": QCoreApplication.translate(
            "Documents", "Ce PDF est protégé par un mot de passe : il ne peut pas être joint."
        ),
        "pdf_scripted": QCoreApplication.translate(
            "Documents", "Ce PDF contient des scripts : il ne peut pas être joint."
        ),
        "pdf_corrupt": QCoreApplication.translate("Documents", "Ce PDF est abîmé : il ne peut pas être lu."),
        "pdf_too_many_pages": QCoreApplication.translate(
            "Documents", "Ce PDF a plus de 30 pages : il ne peut pas être joint."
        ),
        "too_complex": QCoreApplication.translate("Documents", "Ce document est trop complexe pour être affiché."),
    }
    return messages.get(refusal.code, QCoreApplication.translate("Documents", "Ce fichier ne peut pas être joint."))


def format_size(size: int) -> str:
    """A file size for people: "812 octets", "45 Ko", "2,4 Mo" (the decimal mark of the current language)."""
    if size < 1024:
        return QCoreApplication.translate("Documents", "%1 octets").replace("%1", str(size))
    if size < 1024 * 1024:
        return QCoreApplication.translate("Documents", "%1 Ko").replace("%1", str(-(-size // 1024)))
    megabytes = QLocale().toString(size / (1024 * 1024), "f", 1)
    return QCoreApplication.translate("Documents", "%1 Mo").replace("%1", megabytes)


def format_date(moment: datetime) -> str:
    """A day, short, as the visitor's language writes it (kiosk.views.i18n sets the default locale)."""
    return QLocale().toString(QDate(moment.year, moment.month, moment.day), QLocale.FormatType.ShortFormat)


def kind_text(doc: AcceptedDocument) -> str:
    """What a document is, for its card: "PDF, 2 pages", "Image JPEG"."""
    if doc.media_type == PDF:
        return count_text(
            doc.page_count,
            QCoreApplication.translate("Documents", "PDF, %1 page"),
            QCoreApplication.translate("Documents", "PDF, %1 pages"),
        )
    if doc.media_type == JPEG:
        return QCoreApplication.translate("Documents", "Image JPEG")
    return QCoreApplication.translate("Documents", "Image PNG")
