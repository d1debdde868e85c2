"""The services of the home screen (dalles of "Mon accueil"): icon, title, subtitle, whether this version offers
them yet."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "Features"


@dataclass(frozen=True, slots=True)
class Feature:
    key: str
    icon: str
    title_source: str
    subtitle_source: str
    # False: a service the next versions bring; its tile says "Bientôt disponible" and its page points to the counter.
    available: bool = False

    @property
    def title(self) -> str:
        return QCoreApplication.translate(CONTEXT, self.title_source)

    @property
    def subtitle(self) -> str:
        return QCoreApplication.translate(CONTEXT, self.subtitle_source)


FEATURES: tuple[Feature, ...] = (
    Feature(
        "new_procedure",
        "new-procedure",
        str(QT_TRANSLATE_NOOP("Features", "Nouvelle démarche")),
        str(QT_TRANSLATE_NOOP("Features", "Faire une demande à la mairie")),
        available=True,
    ),
    Feature(
        "track",
        "track",
        str(QT_TRANSLATE_NOOP("Features", "Suivre une demande")),
        str(QT_TRANSLATE_NOOP("Features", "Avec votre code de suivi")),
        available=True,
    ),
    Feature(
        "news",
        "news",
        str(QT_TRANSLATE_NOOP("Features", "Actualités")),
        str(QT_TRANSLATE_NOOP("Features", "Les nouvelles de la commune")),
    ),
    Feature(
        "activities",
        "activities",
        str(QT_TRANSLATE_NOOP("Features", "Activités")),
        str(QT_TRANSLATE_NOOP("Features", "Sport, culture, loisirs")),
    ),
    Feature(
        "infos",
        "info",
        str(QT_TRANSLATE_NOOP("Features", "Infos pratiques")),
        str(QT_TRANSLATE_NOOP("Features", "Horaires, adresses, services")),
    ),
    Feature(
        "polls",
        "poll",
        str(QT_TRANSLATE_NOOP("Features", "Votre avis nous intéresse")),
        str(QT_TRANSLATE_NOOP("Features", "Répondre aux sondages")),
    ),
    Feature(
        "account",
        "account",
        str(QT_TRANSLATE_NOOP("Features", "Mon espace")),
        str(QT_TRANSLATE_NOOP("Features", "Votre espace personnel")),
        available=True,
    ),
)
FEATURES_BY_KEY = {f.key: f for f in FEATURES}
