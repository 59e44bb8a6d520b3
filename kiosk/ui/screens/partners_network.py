"""``network`` / ``network:<partner-id>``: who works with whom, as a touchable graph.

A title and one line of help above a :class:`NetworkView`; a route with a partner id opens with that
partner lit up (from its Partners page). Tapping a case study opens it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.content.network import build_network
from kiosk.content.reader import ContentReader
from kiosk.ui.screens.base import Screen
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.network import NetworkView
from kiosk.ui.widgets.strings import RTL_LANGUAGES, tr


class NetworkScreen(Screen):
    route_prefix = "network"

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(theme, parent)
        self.setObjectName("network")
        self.reader: ContentReader | None = None
        self.lang = ""
        self._built: tuple[object, str, Theme] | None = None
        """What the scene was built for: (reader, language, theme). The same again reuses it."""
        self.col = QVBoxLayout(self)
        self.title = QLabel(self)
        self.title.setObjectName("network-title")
        self.hint = QLabel(self)
        self.hint.setObjectName("network-hint")
        for label in (self.title, self.hint):
            label.setWordWrap(True)
        self.view = NetworkView(self)
        self.view.case_tapped.connect(lambda slug: self.navigate.emit(f"case:{slug}"))
        self.col.addWidget(self.title)
        self.col.addWidget(self.hint)
        self.col.addWidget(self.view, 1)
        self.set_theme(theme)

    def set_theme(self, theme: Theme) -> None:
        super().set_theme(theme)
        p = theme.palette
        self.setStyleSheet(f"#network-title {{ color: {p.text}; }}"
                           f" #network-hint {{ color: {p.muted}; }}")
        self.col.setContentsMargins(theme.margin, theme.px(2), theme.margin, theme.px(2))
        self.col.setSpacing(theme.px(1))
        self.title.setFont(theme.font("h1"))
        self.hint.setFont(theme.font("body"))
        self._fill()

    def set_content(self, reader: ContentReader, lang: str) -> None:
        self.reader = reader
        self.lang = lang if lang in reader.meta.languages else reader.meta.default_language
        self._fill()

    def show_route(self, argument: str) -> None:
        self._build()
        self.view.select(argument if ("partner", argument) in self.view.nodes else None)
        if not argument:
            self.view.verticalScrollBar().setValue(0)

    def remote_key(self, key: int) -> bool:
        """A presenter remote's (or keyboard's) key outside a tour: moves through the nodes."""
        return self.view.key_step(key)

    def reset(self) -> None:
        self.view.set_focus_node(None)
        self.view.select(None)
        self.view.verticalScrollBar().setValue(0)

    def _fill(self) -> None:
        if self.reader is None:
            return
        self.title.setText(tr("network", self.lang))
        self.hint.setText(tr("network_hint", self.lang))
        if self.isVisible():
            self._build()
        # else: built when shown (a language switch elsewhere does not redraw a hidden network)

    def _build(self) -> None:
        """Build the scene once for this content, language and theme; showing it again reuses it."""
        if self.reader is None or self._built == (self.reader, self.lang, self.theme):
            return
        self._built = (self.reader, self.lang, self.theme)
        self.view.set_network(build_network(self.reader), self.theme, self.lang,
                              self.reader.meta.default_language, rtl=self.lang in RTL_LANGUAGES)

    def showEvent(self, event) -> None:
        self._build()
        super().showEvent(event)
