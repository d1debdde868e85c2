"""Votre recherche: results as you type, accent- and case-insensitive, best matches first."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from kiosk.views import icons
from kiosk.views.navigator import Route
from kiosk.views.pages.base import Page, page_layout, page_title
from kiosk.views.pages.catalogue_pages import procedure_hint
from kiosk.views.plural import count_text
from kiosk.views.touch import touch_scrolling

if TYPE_CHECKING:
    from kiosk.models.dto import ProcedureSummary
    from kiosk.views.context import ViewContext
    from kiosk.views.theme import Theme

ProcedureRole = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex
ROW_HEIGHT = 116


class ResultsModel(QAbstractListModel):
    """Search results: one row per procedure, best first."""

    def __init__(self, ctx: ViewContext) -> None:
        super().__init__()
        self._ctx = ctx
        self._rows: list[ProcedureSummary] = []

    def set_rows(self, rows: list[ProcedureSummary]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rows(self) -> list[ProcedureSummary]:
        return list(self._rows)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        lang = self._ctx.language
        if role == Qt.ItemDataRole.DisplayRole:
            return row.title.get(lang)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            parts = [row.title.get(lang), row.domain_title.get(lang), procedure_hint(row)]
            if row.requires_personal_space:
                parts.append(self.tr("Espace personnel requis"))
            return ". ".join(parts)
        if role == ProcedureRole:
            return row
        return None

    def refresh_language(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))


class ResultDelegate(QStyledItemDelegate):
    """Paints a result as a card: title, domain and time, a padlock when a personal space is needed."""

    def __init__(self, ctx: ViewContext, parent: QObject) -> None:
        super().__init__(parent)
        self._ctx = ctx

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        return QSize(option.rect.width(), ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        row: ProcedureSummary | None = index.data(ProcedureRole)
        if row is None:
            return
        theme = self._ctx.theme
        lang = self._ctx.language
        painter.save()
        card = option.rect.adjusted(0, 6, -4, -6)
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(theme.color("focus" if selected else "tile_border"))
        painter.setBrush(theme.color("surface_alt" if selected else "tile_bg"))
        painter.drawRoundedRect(card, theme.size("radius"), theme.size("radius"))
        text_rect = card.adjusted(24, 12, -84, -12)
        title_font = QFont(option.font)
        title_font.setPixelSize(theme.size("font_tile"))
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(theme.color("tile_text"))
        top = QRect(text_rect.left(), text_rect.top(), text_rect.width(), text_rect.height() // 2 + 6)
        title = painter.fontMetrics().elidedText(row.title.get(lang), Qt.TextElideMode.ElideRight, top.width())
        painter.drawText(top, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), title)
        small = QFont(option.font)
        small.setPixelSize(theme.size("font_small"))
        painter.setFont(small)
        painter.setPen(theme.color("text_muted"))
        bottom = QRect(text_rect.left(), top.bottom(), text_rect.width(), text_rect.bottom() - top.bottom())
        line = f"{row.domain_title.get(lang)} · {procedure_hint(row)}"
        line = painter.fontMetrics().elidedText(line, Qt.TextElideMode.ElideRight, bottom.width())
        painter.drawText(bottom, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), line)
        right = QRect(card.right() - 72, card.top(), 56, card.height())
        name = "padlock" if row.requires_personal_space else "chevron-right"
        pix = icons.pixmap(name, theme.colors["text" if row.requires_personal_space else "primary"], 40)
        painter.drawPixmap(right.left() + 8, right.center().y() - 20, pix)
        painter.restore()


class SearchPage(Page):
    """A search field and the procedures matching what is typed, updated at each key."""

    def __init__(self, ctx: ViewContext) -> None:
        super().__init__(ctx)
        layout = page_layout(self)
        self._title = page_title()
        self.field = QLineEdit()
        self.field.setProperty("keyboard", "text")
        self.field.setInputMethodHints(Qt.InputMethodHint.ImhNoPredictiveText)
        self.field.textChanged.connect(self._on_text)
        self.field.returnPressed.connect(self._focus_results)
        self._label = QLabel()
        self._label.setBuddy(self.field)
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self._clear)
        self.search_button = QPushButton()
        self.search_button.setProperty("primary", True)
        self.search_button.setIconSize(QSize(32, 32))
        self.search_button.clicked.connect(self._focus_results)
        row = QHBoxLayout()
        row.setSpacing(16)
        row.addWidget(self.field, 1)
        row.addWidget(self.clear_button)
        row.addWidget(self.search_button)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # it quotes what the visitor typed
        self.status.setObjectName("muted")
        self.status.setWordWrap(True)
        self.model = ResultsModel(ctx)
        self.model.setParent(self)
        self.results = QListView()
        self.results.setObjectName("results")
        self.results.setModel(self.model)
        self.results.setItemDelegate(ResultDelegate(ctx, self.results))
        self.results.setUniformItemSizes(True)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # A tap is "clicked"; Enter on a hardware keyboard is "activated". Styles that activate on a single
        # click would send both for one tap, so only "activated" is listened to there.
        if not self.results.style().styleHint(QStyle.StyleHint.SH_ItemView_ActivateItemOnSingleClick):
            self.results.clicked.connect(self._open)
        self.results.activated.connect(self._open)
        touch_scrolling(self.results)
        self.browse_button = QPushButton()
        self.browse_button.clicked.connect(lambda: self.navigate_requested.emit(Route.DOMAINS, None))
        layout.addWidget(self._title)
        layout.addWidget(self._label)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.browse_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(0)
        ctx.theme_changed.connect(self._on_theme)
        self._on_theme(ctx.theme)
        ctx.services_attached.connect(self._on_services)
        self.retranslate()

    def enter(self, params: Any) -> None:
        super().enter(params)
        if self.returning and self.field.text():
            return  # back from a result: the results stay, without the keyboard over them
        self.field.setText(params if isinstance(params, str) else "")
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_services(self) -> None:
        self._on_text(self.field.text())

    def _on_text(self, text: str) -> None:
        rows: list[ProcedureSummary] = []
        if text.strip() and self.ctx.ready:
            rows = self.ctx.search(text)
        self.model.set_rows(rows)
        # An empty list would still take its height from the screen, which the keyboard needs.
        self.results.setVisible(bool(rows))
        self._update_status()

    def _update_status(self) -> None:
        text = self.field.text().strip()
        count = self.model.rowCount()
        if not self.ctx.ready:
            message = self.tr("Chargement des démarches…")
        elif not text:
            message = self.tr("Exemples : naissance, carte d'identité, école, salle, adresse.")
        elif count == 0:
            message = self.tr(
                "Aucune démarche ne correspond à « %1 ». Essayez un autre mot, ou parcourez les domaines."
            ).replace("%1", text)
        else:
            message = count_text(count, self.tr("%1 démarche trouvée"), self.tr("%1 démarches trouvées"))
        self.status.setText(message)
        self.browse_button.setVisible(bool(text) and count == 0)

    def _clear(self) -> None:
        self.field.setText("")
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _focus_results(self) -> None:
        # Moving focus off the field puts the keyboard away so the results can be seen.
        self.results.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.model.rowCount():
            self.results.setCurrentIndex(self.model.index(0))

    def _open(self, index: QModelIndex) -> None:
        row: ProcedureSummary | None = index.data(ProcedureRole)
        if row is not None:
            self.navigate_requested.emit(Route.PROCEDURE, row.slug)

    def _on_theme(self, theme: Theme) -> None:
        self.search_button.setIcon(icons.icon("search", theme.colors["on_primary"], 32))
        self.results.viewport().update()

    def title(self) -> str:
        return self.tr("Votre recherche")

    def retranslate(self) -> None:
        self._title.setText(self.tr("Votre recherche"))
        self._label.setText(self.tr("Tapez un ou plusieurs mots :"))
        self.field.setAccessibleName(self.tr("Votre recherche"))
        self.field.setPlaceholderText(self.tr("Par exemple : naissance"))
        self.clear_button.setText(self.tr("Effacer"))
        self.clear_button.setAccessibleName(self.tr("Effacer la recherche"))
        self.search_button.setText(self.tr("Voir les résultats"))
        self.results.setAccessibleName(self.tr("Résultats de la recherche"))
        self.browse_button.setText(self.tr("Parcourir les domaines"))
        self.model.refresh_language()
        self._update_status()

    def help_text(self) -> str:
        return self.tr(
            "Tapez un mot qui décrit votre démarche, par exemple « naissance » ou « inscription ». Les accents "
            "et les majuscules ne comptent pas. Touchez ensuite une démarche de la liste pour l'ouvrir."
        )
