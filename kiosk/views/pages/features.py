"""The services of the home screen (dalles of "Mon accueil"): icon, title, subtitle, where they lead."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP

CONTEXT = "Features"


@dataclass(frozen=True, slots=True)
class Feature:
    key: str
    icon: str
    title_source: str
    subtitle_source: str

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
        QT_TRANSLATE_NOOP("Features", "Nouvelle démarche"),
        QT_TRANSLATE_NOOP("Features", "Faire une demande à la mairie"),
    ),
    Feature(
        "track",
        "track",
        QT_TRANSLATE_NOOP("Features", "Suivre une demande"),
        QT_TRANSLATE_NOOP("Features", "Avec votre code de suivi"),
    ),
    Feature(
        "news",
        "news",
        QT_TRANSLATE_NOOP("Features", "Actualités"),
        QT_TRANSLATE_NOOP("Features", "Les nouvelles de la commune"),
    ),
    Feature(
        "activities",
        "activities",
        QT_TRANSLATE_NOOP("Features", "Activités"),
        QT_TRANSLATE_NOOP("Features", "Sport, culture, loisirs"),
    ),
    Feature(
        "infos",
        "info",
        QT_TRANSLATE_NOOP("Features", "Infos pratiques"),
        QT_TRANSLATE_NOOP("Features", "Horaires, adresses, services"),
    ),
    Feature(
        "polls",
        "poll",
        QT_TRANSLATE_NOOP("Features", "Votre avis nous intéresse"),
        QT_TRANSLATE_NOOP("Features", "Répondre aux sondages"),
    ),
    Feature(
        "account",
        "account",
        QT_TRANSLATE_NOOP("Features", "Mon espace"),
        QT_TRANSLATE_NOOP("Features", "Votre espace personnel"),
    ),
)
FEATURES_BY_KEY = {f.key: f for f in FEATURES}
