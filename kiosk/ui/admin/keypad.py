"""The on-screen PIN keypad: big keys, masked dots, no keyboard needed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.admin.pin import MAX_DIGITS
from kiosk.ui.admin.style import admin_button, size_button
from kiosk.ui.theme import Theme

KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]


class PinKeypad(QWidget):
    """Emits :attr:`submitted` with the digits on OK, :attr:`cancelled` on Cancel."""

    submitted = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("admin-keypad")
        self._digits = ""
        self.card = QFrame(self)
        self.card.setObjectName("admin-card")
        self.title = QLabel("Service panel", self.card)
        self.hint = QLabel("Enter the admin PIN", self.card)
        self.hint.setProperty("role", "muted")
        self.dots = QLabel("", self.card)
        self.dots.setObjectName("admin-dots")
        self.message = QLabel("", self.card)
        self.message.setProperty("role", "message")
        self.message.setWordWrap(True)
        for label in (self.title, self.hint, self.dots, self.message):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.keys: dict[str, QPushButton] = {}
        grid = QGridLayout()
        self._grid = grid
        for i, key in enumerate(KEYS):
            button = admin_button(key, self.card, role="primary" if key == "OK" else "")
            button.setObjectName(f"key-{key}" if key.isdigit() else {"⌫": "key-back", "OK": "key-ok"}[key])
            button.clicked.connect(lambda _=False, k=key: self.press(k))
            grid.addWidget(button, i // 3, i % 3)
            self.keys[key] = button
        self.cancel = admin_button("Cancel", self.card)
        self.cancel.setObjectName("key-cancel")
        self.cancel.clicked.connect(self.cancelled)
        col = QVBoxLayout(self.card)
        self._col = col
        for w in (self.title, self.hint, self.dots, self.message):
            col.addWidget(w)
        col.addLayout(grid)
        col.addWidget(self.cancel)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(self.card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)

    def apply(self, theme: Theme) -> None:
        key = max(theme.touch, theme.px(9))
        gap = theme.px(1.2)
        self._grid.setSpacing(gap)
        self._col.setSpacing(theme.px(1.2))
        pad = theme.px(3)
        self._col.setContentsMargins(pad, pad, pad, pad)
        self.title.setFont(theme.font("h1"))
        self.hint.setFont(theme.font("body"))
        words = max(self.title.sizeHint().width(), self.hint.sizeHint().width())
        width = max(3 * key + 2 * gap, words + theme.px(1)) + 2 * pad
        self.card.setFixedWidth(min(width, theme.width - 2 * theme.margin))
        self.message.setFont(theme.font("body"))
        self.dots.setFont(theme.font("h1"))
        self.dots.setFixedHeight(round(theme.font_px("h1") * 1.4))
        self.message.setMinimumHeight(round(theme.font_px("body") * 1.5))
        for k, button in self.keys.items():
            size_button(button, theme, key)
            button.setFont(theme.font("h2" if k != "OK" else "button"))
        size_button(self.cancel, theme)

    def press(self, key: str) -> None:
        if key == "⌫":
            self._digits = self._digits[:-1]
        elif key == "OK":
            if self._digits:
                self.submitted.emit(self._digits)
            return
        elif len(self._digits) < MAX_DIGITS:
            self._digits += key
        self._show_dots()

    def clear(self, message: str = "") -> None:
        self._digits = ""
        self._show_dots()
        self.message.setText(message)

    def set_message(self, text: str) -> None:
        self.message.setText(text)

    def set_enabled_keys(self, enabled: bool) -> None:
        """Off while locked out or while a PIN is being checked; Cancel always works."""
        for button in self.keys.values():
            button.setEnabled(enabled)

    def _show_dots(self) -> None:
        self.dots.setText(" ".join("●" for _ in self._digits))
