"""List models over the content the screens show (checked with qtmodeltester in the tests)."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QByteArray, QModelIndex, QPersistentModelIndex, Qt

from kiosk.content.model import CaseStudy, PackMeta, Theme, pick
from kiosk.content.reader import ContentReader

Index = QModelIndex | QPersistentModelIndex


class Roles(IntEnum):
    SLUG = Qt.ItemDataRole.UserRole + 1
    SUMMARY = Qt.ItemDataRole.UserRole + 2
    THEME = Qt.ItemDataRole.UserRole + 3
    COLOR = Qt.ItemDataRole.UserRole + 4
    HERO = Qt.ItemDataRole.UserRole + 5
    THEME_TITLE = Qt.ItemDataRole.UserRole + 6


class CaseStudyListModel(QAbstractListModel):
    """The case studies of one reader in display order, in the visitor's language, optionally filtered."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[CaseStudy] = []
        self._meta: PackMeta | None = None
        self._lang = ""

    def set_content(self, reader: ContentReader | None, lang: str, theme: str | None = None) -> None:
        self.beginResetModel()
        self._meta = reader.meta if reader else None
        self._lang = lang
        self._items = reader.case_studies(theme=theme or None) if reader else []
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._items)

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        names.update({int(r): QByteArray(r.name.lower().encode()) for r in Roles})
        return names

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items) or index.column() != 0:
            return None
        cs = self._items[index.row()]
        doc = cs.doc(self._lang)
        theme = self._meta.theme(cs.main.theme) if self._meta and cs.main.theme else None
        if role == Qt.ItemDataRole.DisplayRole:
            return doc.title
        if role == Roles.SLUG:
            return cs.slug
        if role == Roles.SUMMARY:
            return doc.summary
        if role == Roles.THEME:
            return cs.main.theme
        if role == Roles.COLOR:
            return theme.color if theme else (self._meta.branding.accent_color if self._meta else "#0b6e4f")
        if role == Roles.HERO:
            return cs.main.hero or ""
        if role == Roles.THEME_TITLE:
            return (
                pick(theme.title, self._lang, self._meta.default_language)[0] if theme and self._meta else ""
            )
        return None


class ThemeListModel(QAbstractListModel):
    """The pack's themes that have at least one case study, for the filter chips."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._themes: list[Theme] = []
        self._lang = ""
        self._default = ""

    def set_content(self, reader: ContentReader | None, lang: str) -> None:
        self.beginResetModel()
        self._lang = lang
        if reader is None:
            self._themes, self._default = [], ""
        else:
            used = {cs.main.theme for cs in reader.case_studies()}
            self._themes = [t for t in reader.meta.themes if t.id in used]
            self._default = reader.meta.default_language
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._themes)

    def theme_at(self, row: int) -> Theme:
        return self._themes[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._themes) or index.column() != 0:
            return None
        theme = self._themes[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return pick(theme.title, self._lang, self._default)[0] or theme.id
        if role == Roles.THEME:
            return theme.id
        if role == Roles.COLOR:
            return theme.color
        return None
