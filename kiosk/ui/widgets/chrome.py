"""The persistent bar of every screen but attract: Back and Home (always in the same place), a status
badge others can set, and the language switcher (each language in its own name)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QSizePolicy, QWidget

from kiosk.ui.theme import Theme
from kiosk.ui.widgets.buttons import TouchButton
from kiosk.ui.widgets.elided import ElidedLabel
from kiosk.ui.widgets.strings import language_name, short_language_name, tr


class LanguageSwitcher(QWidget):
    language_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._buttons: dict[str, TouchButton] = {}
        self._theme: Theme | None = None
        self.compact = False
        """Short labels (EN, DA, 中文 …) when the full names do not fit the bar."""

    def set_compact(self, compact: bool) -> None:
        self.compact = compact
        for code, button in self._buttons.items():
            full = language_name(code)
            button.setAccessibleName(full)
            button.set_label(short_language_name(code) if compact else full)

    def set_languages(self, codes: tuple[str, ...] | list[str], current: str, theme: Theme) -> None:
        """Rebuild only when the pack's languages change (a content swap), never per navigation."""
        self._theme = theme
        if list(self._buttons) != list(codes):
            for button in self._buttons.values():
                self._group.removeButton(button)
                button.deleteLater()
            self._buttons.clear()
            for code in codes:
                button = TouchButton(language_name(code), self, checkable=True)
                button.setObjectName(f"lang-{code}")
                button.clicked.connect(lambda _=False, c=code: self.language_chosen.emit(c))
                self._group.addButton(button)
                self._layout.addWidget(button)
                self._buttons[code] = button
        self._layout.setSpacing(theme.px(1))
        for button in self._buttons.values():
            button.apply(theme, role="caption")
        self.set_compact(self.compact)
        self.set_current(current)
        self.setVisible(len(self._buttons) > 1)

    def set_current(self, code: str) -> None:
        if code in self._buttons:
            self._buttons[code].setChecked(True)

    def button(self, code: str) -> TouchButton | None:
        return self._buttons.get(code)


class NavBar(QWidget):
    """Back | Home ........ badge  languages."""

    back_clicked = Signal()
    home_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navbar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.back = TouchButton("", self)
        self.back.setObjectName("nav-back")
        self.home = TouchButton("", self)
        self.home.setObjectName("nav-home")
        self.badge = ElidedLabel("", self)
        self.badge.setObjectName("status-badge")
        self.badge.setVisible(False)
        self.badge.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.extra: list[TouchButton] = []
        """Buttons others add to the bar (the accessibility button); they shorten with the bar."""
        self._labels: dict[TouchButton, tuple[str, str]] = {}
        self.title = QLabel(self)
        self.title.setObjectName("nav-title")
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.languages = LanguageSwitcher(self)
        layout = QHBoxLayout(self)
        layout.addWidget(self.back)
        layout.addWidget(self.home)
        layout.addWidget(self.title, 1)
        layout.addWidget(self.badge)
        layout.addWidget(self.languages)
        self._layout = layout
        self.back.clicked.connect(self.back_clicked)
        self.home.clicked.connect(self.home_clicked)

    def apply(self, theme: Theme, lang: str) -> None:
        p = theme.palette
        self.setStyleSheet(
            f"#navbar {{ background: {p.background}; }}"
            f"#nav-title {{ color: {p.muted}; }}"
            f"#status-badge {{ background: {theme.tint(p.muted, 0.75) if p.name == 'light' else p.surface}; "
            f"color: {p.text}; border-radius: {theme.radius}px; "
            f"padding: {theme.px(0.6)}px {theme.px(1.4)}px; }}"
        )
        pad_v = theme.px(1.6)
        self._layout.setContentsMargins(theme.margin, pad_v, theme.margin, pad_v)
        self._layout.setSpacing(theme.gutter)
        # "‹" is bidi-mirrored: in a right-to-left layout Qt draws it as "›", pointing the way back
        self.back.setText("‹  " + tr("back", lang))
        self.home.setText("⌂  " + tr("home", lang))
        self.back.apply(theme)
        self.home.apply(theme)
        self.back.setAccessibleName(tr("back", lang))
        self.home.setAccessibleName(tr("home", lang))
        self._theme = theme
        self.badge.setFont(theme.font("caption"))
        self.title.setFont(theme.font("body"))
        self.setFixedHeight(theme.touch + 2 * pad_v)

    def add_button(self, button: TouchButton) -> None:
        self._layout.addWidget(button)
        self.extra.append(button)

    def fit(self, width: int) -> None:
        """Shorten the bar's labels until it fits ``width`` (the screen): full words, then symbols and
        short language names. Call after every restyle (theme, text size, language)."""
        full = {b: b.text() for b in (self.back, self.home, *self.extra)}
        self.languages.set_compact(False)
        if self._needed() <= width:
            return
        self.languages.set_compact(True)
        if self._needed() <= width:
            return
        for button, text in full.items():
            button.set_label(text.split()[0] if text.split() else text)  # the symbol alone

    def _needed(self) -> int:
        """The bar's width without the title (which gives way): fixed-width buttons, gaps, margins."""
        widgets = [self.back, self.home, *(b for b in self.extra if not b.isHidden())]
        if self.languages.isVisibleTo(self):
            widgets += list(self.languages._buttons.values())
        gap, lang_gap = self._layout.spacing(), self.languages._layout.spacing()
        m = self._layout.contentsMargins()
        badge = self.badge.minimumSizeHint().width() + gap if self.badge.isVisibleTo(self) else 0
        n_lang = len(self.languages._buttons) if self.languages.isVisibleTo(self) else 0
        items = len(widgets) - n_lang + (1 if n_lang else 0) + 1  # the languages box and the title count
        gaps = gap * (items - 1) + lang_gap * max(0, n_lang - 1)
        return sum(w.maximumWidth() for w in widgets) + gaps + m.left() + m.right() + badge + 2

    def set_badge(self, text: str | None) -> None:
        self.badge.setText(text or "")
        self.badge.setVisible(bool(text))
