"""A plain page for a service this version does not offer yet: say so, and point to a person."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QPushButton

from kiosk.views import icons
from kiosk.views.navigator import Route
from kiosk.views.pages.base import Page, page_layout, page_title
from kiosk.views.pages.features import FEATURES_BY_KEY

if TYPE_CHECKING:
    from kiosk.views.context import ViewContext
    from kiosk.views.theme import Theme

_OTHER_TITLES = {
    "wizard": str(QT_TRANSLATE_NOOP("ComingSoon", "Saisie de la démarche")),
    # The tiles of « Mon tableau de bord » still to come.
    "my_documents": str(QT_TRANSLATE_NOOP("ComingSoon", "Mes pièces")),
    "my_news": str(QT_TRANSLATE_NOOP("ComingSoon", "Mes actualités")),
}


class ComingSoonPage(Page):
    """ "Bientôt disponible" for the feature named by the route's parameter."""

    def __init__(self, ctx: ViewContext) -> None:
        super().__init__(ctx)
        layout = page_layout(self, margin=80, spacing=32)
        self._icon = QLabel()
        self._title = page_title()
        self._text = QLabel()
        self._text.setWordWrap(True)
        self.home_button = QPushButton()
        self.home_button.setProperty("primary", True)
        self.home_button.clicked.connect(lambda: self.navigate_requested.emit(Route.HOME, None))
        layout.addStretch(1)
        layout.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignHCenter)
        # Wrapped labels take the full width (an alignment flag would shrink them and cut their last line);
        # their text is centred instead.
        layout.addWidget(self._title)
        layout.addWidget(self._text)
        layout.addWidget(self.home_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self._title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self._text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        ctx.theme_changed.connect(self._on_theme)
        self._on_theme(ctx.theme)

    def enter(self, params: Any) -> None:
        super().enter(params)
        self.retranslate()

    def _on_theme(self, theme: Theme) -> None:
        self._icon.setPixmap(icons.pixmap("hourglass", theme.colors["primary"], 96))

    def feature_title(self) -> str:
        feature = FEATURES_BY_KEY.get(str(self.params))
        if feature is not None:
            return feature.title
        return QCoreApplication.translate("ComingSoon", _OTHER_TITLES.get(str(self.params), ""))

    def title(self) -> str:
        return self.feature_title()

    def retranslate(self) -> None:
        self._title.setText(self.tr("%1 : bientôt disponible").replace("%1", self.feature_title()))
        self._title.setAccessibleName(self._title.text())
        self._text.setText(
            self.tr(
                "Ce service arrive prochainement sur cette borne. En attendant, un agent d'accueil peut vous "
                "aider au guichet."
            )
        )
        self.home_button.setText(self.tr("Retour à l'accueil"))
