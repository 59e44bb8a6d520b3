"""The admin panel page: what the kiosk is doing (left) and what the technician can do (right).

Restart and Exit need two taps (the first arms the button for a few seconds), so a stray touch
never takes the kiosk down.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.admin.info import AdminInfo, summary_lines
from kiosk.ui.admin.style import admin_button, restyle, size_button
from kiosk.ui.theme import Theme

ACTIONS = [
    ("sync", "Sync now", ""),
    ("rollback", "Roll back content", ""),
    ("screentest", "Screen test", ""),
]
DANGEROUS = [
    ("restart", "Restart kiosk", "Tap again to restart"),
    ("exit", "Exit kiosk", "Tap again to exit"),
]
ROTATIONS = (0, 90, 180, 270)
ARM_MS = 4000
ROW_LABELS = ("Kiosk", "Content", "Sync", "Network", "Disk", "Uptime", "Memory", "Message")


class AdminPanel(QWidget):
    action = Signal(str)
    """``sync``, ``rollback``, ``screentest``, ``restart``, ``exit``, ``close`` or ``rotate:<deg>``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("admin-panel")
        self.title = QLabel("Service panel", self)
        self.close_button = admin_button("Close", self, role="primary")
        self.close_button.setObjectName("admin-close")
        self.close_button.clicked.connect(lambda: self.action.emit("close"))
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.close_button)

        self.info_card = QFrame(self)
        self.info_card.setObjectName("admin-card")
        self.rows: dict[str, QLabel] = {}
        self._captions: list[QLabel] = []
        grid = QGridLayout(self.info_card)
        self._grid = grid
        for i, name in enumerate(ROW_LABELS):
            caption = QLabel(name, self.info_card)
            caption.setProperty("role", "muted")
            value = QLabel("", self.info_card)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            grid.addWidget(caption, i, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, i, 1)
            self._captions.append(caption)
            self.rows[name] = value
        self.errors_title = QLabel("Recent problems", self.info_card)
        self.errors_title.setProperty("role", "muted")
        self.errors = QLabel("", self.info_card)
        self.errors.setWordWrap(True)
        self.errors.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(self.errors_title, len(ROW_LABELS), 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.errors, len(ROW_LABELS), 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(len(ROW_LABELS), 1)

        self.buttons: dict[str, QPushButton] = {}
        actions = QVBoxLayout()
        self._actions = actions
        for key, text, _ in ACTIONS:
            actions.addWidget(self._button(key, text))
        self.rotation_label = QLabel("Screen rotation (applied after a restart)", self)
        self.rotation_label.setProperty("role", "muted")
        self.rotation_label.setWordWrap(True)
        actions.addWidget(self.rotation_label)
        rot = QHBoxLayout()
        self._rot = rot
        for deg in ROTATIONS:
            b = self._button(f"rotate:{deg}", f"{deg}°")
            b.setCheckable(True)
            b.setMinimumWidth(0)
            rot.addWidget(b)
        actions.addLayout(rot)
        actions.addStretch(1)
        for key, text, _ in DANGEROUS:
            actions.addWidget(self._button(key, text, role="danger"))
        self.message = QLabel("", self)
        self.message.setProperty("role", "message")
        self.message.setWordWrap(True)

        body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._body = body
        body.addWidget(self.info_card, 3)
        body.addLayout(actions, 2)
        col = QVBoxLayout(self)
        self._col = col
        col.addLayout(head)
        col.addLayout(body, 1)
        col.addWidget(self.message)

        self._armed: str | None = None
        self._disarm = QTimer(self)
        self._disarm.setSingleShot(True)
        self._disarm.setInterval(ARM_MS)
        self._disarm.timeout.connect(self.disarm)

    def _button(self, key: str, text: str, role: str = "") -> QPushButton:
        button = admin_button(text, self, role=role)
        button.setObjectName(f"admin-{key.replace(':', '-')}")
        button.clicked.connect(lambda _=False, k=key: self._clicked(k))
        self.buttons[key] = button
        return button

    def apply(self, theme: Theme) -> None:
        m = theme.margin
        self._col.setContentsMargins(m, theme.px(3), m, theme.px(3))
        self._col.setSpacing(theme.gutter)
        self._body.setSpacing(theme.px(4) if not theme.portrait else theme.gutter)
        self._body.setDirection(
            QBoxLayout.Direction.TopToBottom if theme.portrait else QBoxLayout.Direction.LeftToRight
        )
        self._actions.setSpacing(theme.gutter)
        self._rot.setSpacing(theme.px(1))
        pad = theme.px(3)
        self._grid.setContentsMargins(pad, pad, pad, pad)
        self._grid.setHorizontalSpacing(theme.px(3))
        self._grid.setVerticalSpacing(theme.px(1.4))
        self.title.setFont(theme.font("h1"))
        for label in (*self._captions, self.errors_title, self.rotation_label):
            label.setFont(theme.font("caption"))
        for value in self.rows.values():
            value.setFont(theme.font("body"))
        self.errors.setFont(theme.font("caption"))
        self.message.setFont(theme.font("body"))
        self.message.setMinimumHeight(theme.font_px("body") * 2)
        for key, button in self.buttons.items():
            size_button(button, theme, theme.button_height if not key.startswith("rotate") else None)
            if key.startswith("rotate"):
                button.setStyleSheet("padding: 0px;")
        size_button(self.close_button, theme)
        self.close_button.setFixedWidth(theme.px(18))

    def show_info(self, info: AdminInfo) -> None:
        for label, value in summary_lines(info):
            self.rows[label].setText(value)
        self.errors.setText("\n".join(info.errors[:6]) if info.errors else "none since start-up")

    def set_rotation(self, degrees: int) -> None:
        for deg in ROTATIONS:
            self.buttons[f"rotate:{deg}"].setChecked(deg == degrees)

    def set_message(self, text: str) -> None:
        self.message.setText(text)

    def _clicked(self, key: str) -> None:
        labels = {k: (text, armed) for k, text, armed in DANGEROUS}
        if key in labels and self._armed != key:
            self.disarm()
            self._armed = key
            button = self.buttons[key]
            button.setText(labels[key][1])
            button.setProperty("armed", "true")
            restyle(button)
            self._disarm.start()
            return
        self.disarm()
        self.action.emit(key)

    def disarm(self) -> None:
        self._disarm.stop()
        self._armed = None
        for key, text, _ in DANGEROUS:
            button = self.buttons[key]
            button.setText(text)
            button.setProperty("armed", "false")
            restyle(button)
