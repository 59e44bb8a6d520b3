"""Kiosk lockdown: the shortcuts that would leave or break the kiosk do nothing, no context menus,
no closing except through the admin/shutdown path, and the cursor hides after 3 s without movement.

What the window system grabs before Qt sees it (Ctrl+Alt+Backspace in X, Ctrl+Alt+Del) must be
disabled in the OS session; this filter swallows everything that reaches the application.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeyEvent

K = Qt.Key
M = Qt.KeyboardModifier

BLOCKED_KEYS = {
    K.Key_Escape,
    K.Key_F11,
    K.Key_Super_L,
    K.Key_Super_R,
    K.Key_Meta,
    K.Key_Menu,
    K.Key_Close,
    K.Key_Back,
    K.Key_Forward,
    K.Key_HomePage,
    K.Key_Tab,
}
"""Blocked with any modifiers (plain Tab too: a kiosk has no keyboard focus chain)."""
BLOCKED_COMBOS = {
    (M.AltModifier, K.Key_F4),
    (M.AltModifier, K.Key_Tab),
    (M.AltModifier, K.Key_Backtab),
    (M.ControlModifier, K.Key_Q),
    (M.ControlModifier, K.Key_W),
    (M.ControlModifier, K.Key_F4),
    (M.ControlModifier, K.Key_Tab),
    (M.ControlModifier | M.AltModifier, K.Key_Backspace),
    (M.ControlModifier | M.AltModifier, K.Key_Delete),
}
PRESENTER_KEYS = {
    K.Key_PageUp,
    K.Key_PageDown,
    K.Key_Left,
    K.Key_Right,
    K.Key_Up,
    K.Key_Down,
    K.Key_B,
    K.Key_Period,
    K.Key_F5,
    K.Key_Space,
    K.Key_Return,
    K.Key_Enter,
}
"""What presenter remotes send; swallowed until a tour screen claims them."""
PRESENTER_BLANK_KEYS = {K.Key_Escape}
"""Clickers send Escape for "blank/stop": outside a tour it stays blocked like every Escape."""
CURSOR_HIDE_MS = 3000


class Presenter(Protocol):
    """Who takes presenter keys while a tour runs (the window)."""

    def presenter_active(self) -> bool: ...

    def presenter_key(self, key: int) -> bool: ...

KEY_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.KeyRelease,
    QEvent.Type.ShortcutOverride,
    QEvent.Type.Shortcut,
}
LOCKDOWN_EVENTS = frozenset(KEY_EVENTS | {QEvent.Type.ContextMenu, QEvent.Type.MouseMove})
"""What :meth:`Lockdown.eventFilter` looks at (it is routed only these; see kiosk/ui/events.py)."""


def is_blocked(key: int, modifiers: Qt.KeyboardModifier, *, presenter_allowed: bool = False) -> bool:
    mods = modifiers & ~M.KeypadModifier & ~M.ShiftModifier
    if key in BLOCKED_KEYS:
        return True
    if (mods, key) in BLOCKED_COMBOS:
        return True
    if mods & M.AltModifier and mods & M.ControlModifier:
        return True  # Ctrl+Alt+anything: VT switches and friends
    return not presenter_allowed and key in PRESENTER_KEYS


class Lockdown(QObject):
    """Install on the QApplication. ``kiosk_mode`` False (``--windowed``) leaves keys and the cursor alone
    except Ctrl+Q, which then quits the developer's window."""

    def __init__(
        self, *, kiosk_mode: bool, cursor_hide_ms: int = CURSOR_HIDE_MS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.kiosk_mode = kiosk_mode
        self.presenter_allowed = False
        """True lets presenter keys through to the focus widget (windowed tools); see ``presenter``."""
        self.presenter: Presenter | None = None
        """While ``presenter.presenter_active()``, presenter keys go to ``presenter.presenter_key`` only."""
        self.blocked_count = 0
        self.cursor_hidden = False
        self._cursor = QTimer(self)
        self._cursor.setSingleShot(True)
        self._cursor.setInterval(cursor_hide_ms)
        self._cursor.timeout.connect(self.hide_cursor)
        if kiosk_mode:
            self._cursor.start()

    def hide_cursor(self) -> None:
        if not self.cursor_hidden:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.BlankCursor)
            self.cursor_hidden = True

    def show_cursor(self) -> None:
        if self.cursor_hidden:
            QGuiApplication.restoreOverrideCursor()
            self.cursor_hidden = False

    def release(self) -> None:
        """Undo process-wide effects (the override cursor) on shutdown or in tests."""
        self._cursor.stop()
        self.show_cursor()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ContextMenu:
            return True
        if kind == QEvent.Type.MouseMove and self.kiosk_mode:
            self.show_cursor()
            self._cursor.start()
            return False
        if kind in KEY_EVENTS and isinstance(event, QKeyEvent) and self._to_presenter(event):
            return True
        if (
            kind in KEY_EVENTS
            and self.kiosk_mode
            and isinstance(event, QKeyEvent)
            and is_blocked(event.key(), event.modifiers(), presenter_allowed=self.presenter_allowed)
        ):
            if kind == QEvent.Type.KeyPress:
                self.blocked_count += 1
            event.accept()
            return True
        return False

    def _to_presenter(self, event: QKeyEvent) -> bool:
        """Hand a remote's key to the running tour; everything else keeps its usual fate."""
        key = event.key()
        if key not in PRESENTER_KEYS and key not in PRESENTER_BLANK_KEYS:
            return False
        if event.modifiers() & (M.ControlModifier | M.AltModifier | M.MetaModifier):
            return False
        target = self.presenter
        if target is None or not target.presenter_active():
            return False
        if event.type() == QEvent.Type.KeyPress:
            target.presenter_key(key)
        event.accept()
        return True
