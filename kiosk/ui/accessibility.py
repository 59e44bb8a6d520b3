"""Accessibility: larger text, a high-contrast palette, the "reach" layout, and the checks behind them.

:class:`A11yState` is what the visitor chose (reset on idle); :func:`apply_state` turns it into a
:class:`~kiosk.ui.theme.Theme`. :class:`AccessibilityMenu` is the control: a button in the bar and a
small panel. The touch floor itself is :func:`kiosk.ui.theme.touch_floor_px`.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, replace

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QWidget

from kiosk.ui.events import route_app_events, unroute_app_events
from kiosk.ui.theme import HIGH_CONTRAST, Theme
from kiosk.ui.widgets.buttons import TouchButton
from kiosk.ui.widgets.strings import tr

log = logging.getLogger("kiosk.ui.accessibility")
TEXT_SCALES = (1.0, 1.25, 1.5)


@dataclass(frozen=True)
class A11yState:
    text_scale: float = 1.0
    high_contrast: bool = False
    reach: bool = False

    @property
    def is_default(self) -> bool:
        return self == A11yState()


def apply_state(base: Theme, state: A11yState) -> Theme:
    """``base`` (the configured theme) with the visitor's choices on top."""
    palette = HIGH_CONTRAST if state.high_contrast else base.palette
    return replace(base, palette=palette, text_scale=state.text_scale, reach=state.reach)


class AccessibilityMenu(QWidget):
    """The bar button and the panel it opens. ``changed`` carries the new :class:`A11yState`."""

    changed = Signal(object)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("a11y-panel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.state = A11yState()
        self.lang = "en"
        self.theme: Theme | None = None
        self.button = TouchButton("")
        self.button.setObjectName("nav-a11y")
        self.button.clicked.connect(self.toggle)
        self.heading = QLabel(self)
        self.size_label = QLabel(self)
        self.sizes: list[TouchButton] = []
        sizes = QHBoxLayout()
        for i, scale in enumerate(TEXT_SCALES):
            b = TouchButton("A" + "+" * i, self, checkable=True)
            b.setObjectName(f"a11y-text-{round(scale * 100)}")
            b.clicked.connect(lambda _=False, s=scale: self._set(text_scale=s))
            sizes.addWidget(b)
            self.sizes.append(b)
        sizes.addStretch(1)
        self.contrast = TouchButton("", self, checkable=True)
        self.contrast.setObjectName("a11y-contrast")
        self.contrast.clicked.connect(lambda on: self._set(high_contrast=bool(on)))
        self.reach = TouchButton("", self, checkable=True)
        self.reach.setObjectName("a11y-reach")
        self.reach.clicked.connect(lambda on: self._set(reach=bool(on)))
        self.reset_button = TouchButton("", self)
        self.reset_button.setObjectName("a11y-reset")
        self.reset_button.clicked.connect(lambda: self.set_state(A11yState(), emit=True))
        self.close_button = TouchButton("", self)
        self.close_button.setObjectName("a11y-close")
        self.close_button.clicked.connect(self.hide)
        grid = QGridLayout(self)
        grid.addWidget(self.heading, 0, 0, 1, 2)
        grid.addWidget(self.size_label, 1, 0, 1, 2)
        grid.addLayout(sizes, 2, 0, 1, 2)
        grid.addWidget(self.contrast, 3, 0)
        grid.addWidget(self.reach, 3, 1)
        grid.addWidget(self.reset_button, 4, 0)
        grid.addWidget(self.close_button, 4, 1, Qt.AlignmentFlag.AlignRight)
        self._grid = grid
        self.hide()

    def apply(self, theme: Theme, lang: str) -> None:
        """Restyle and retranslate (theme change, language change)."""
        self.theme, self.lang = theme, lang
        p = theme.palette
        self.setStyleSheet(
            f"#a11y-panel {{ background: {p.surface}; border: {max(2, theme.px(0.2))}px solid {p.outline};"
            f" border-radius: {theme.radius}px; }}"
            f" #a11y-panel QLabel {{ color: {p.text}; background: transparent; }}"
        )
        # Portrait bars are narrow: the symbol alone (its accessible name still says what it is).
        self.button.setText("◐ Aa" if theme.portrait else "◐  " + tr("a11y", lang))
        self.button.setAccessibleName(tr("a11y", lang))
        self.button.apply(theme, role="caption")
        self.heading.setText(tr("a11y", lang))
        self.heading.setFont(theme.font("h2"))
        self.size_label.setText(tr("text_size", lang))
        self.size_label.setFont(theme.font("caption"))
        for b, scale in zip(self.sizes, TEXT_SCALES, strict=True):
            b.setAccessibleName(f"{tr('text_size', lang)} {round(scale * 100)} %")
            b.apply(theme)
            f = theme.font("button")
            f.setPixelSize(round(theme.u * 2.6 * scale))
            b.setFont(f)
            b.set_label(b.text())  # width for the larger sample letter
        for b, key in (
            (self.contrast, "contrast"),
            (self.reach, "reach"),
            (self.reset_button, "reset"),
            (self.close_button, "close"),
        ):
            b.setText(tr(key, lang))
            b.setAccessibleName(tr(key, lang))
            b.apply(theme, role="caption")
        pad = theme.px(2.4)
        self._grid.setContentsMargins(pad, pad, pad, pad)
        self._grid.setSpacing(theme.px(1.4))
        self._sync_checks()
        if self.isVisible():
            self._place()

    def set_state(self, state: A11yState, *, emit: bool = False) -> None:
        changed = state != self.state
        self.state = state
        self._sync_checks()
        if emit and changed:
            self.changed.emit(state)

    def _set(self, **kwargs: object) -> None:
        self.set_state(replace(self.state, **kwargs), emit=True)  # type: ignore[arg-type]

    def _sync_checks(self) -> None:
        for b, scale in zip(self.sizes, TEXT_SCALES, strict=True):
            b.setChecked(math.isclose(scale, self.state.text_scale))
        self.contrast.setChecked(self.state.high_contrast)
        self.reach.setChecked(self.state.reach)

    def toggle(self) -> None:
        if self.isVisible():
            self.hide()
        else:
            self.open()

    def open(self) -> None:
        self._place()
        self.show()
        self.raise_()
        route_app_events(self, {QEvent.Type.MouseButtonPress})  # a tap anywhere else closes it
        log.debug("accessibility options open")

    def hideEvent(self, event) -> None:
        unroute_app_events(self)
        super().hideEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A press outside the panel and its button closes the panel (the press still does its job)."""
        if event.type() == QEvent.Type.MouseButtonPress and isinstance(watched, QWidget) and self.isVisible():
            inside = watched is self or self.isAncestorOf(watched)
            on_button = watched is self.button or self.button.isAncestorOf(watched)
            if not inside and not on_button and watched.window() is self.window():
                self.hide()
        return False

    def _place(self) -> None:
        """Next to the bar button: below it when the bar is at the top, above it in the reach layout."""
        parent = self.parentWidget()
        if parent is None or self.theme is None:
            return
        self.adjustSize()
        size = self.sizeHint()
        anchor = self.button.mapTo(parent, QPoint(0, 0))
        gap = self.theme.px(1)
        margin = self.theme.margin  # inside the screen's outer margin, like every other block
        x = anchor.x() + self.button.width() - size.width()
        x = min(max(margin, x), parent.width() - size.width() - margin)
        if anchor.y() > parent.height() / 2:
            y = anchor.y() - size.height() - gap
        else:
            y = anchor.y() + self.button.height() + gap
        self.setGeometry(x, max(0, y), size.width(), size.height())
