"""QApplication setup: platform choice, bundled fonts, Qt's own messages routed into ``logging``."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QApplication

from kiosk.ui.theme import FALLBACK_FAMILIES, FONT_FAMILY, load_fonts

log = logging.getLogger("kiosk.ui.qt")

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


PLATFORM_NOISE = frozenset({"This plugin does not support propagateSizeHints()"})
"""Qt warnings that are no fault: the offscreen plugin (screenshots, CI) has no window manager to take
a window's size limits. Logged at DEBUG (pyproject.toml's ``qt_log_ignore`` lists them for tests)."""


def qt_message_handler(mode: QtMsgType, context: object, message: str) -> None:
    category = getattr(context, "category", None) or "qt"
    level = logging.DEBUG if message in PLATFORM_NOISE else _LEVELS.get(mode, logging.WARNING)
    log.log(level, "[%s] %s", category, message)


def create_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication (reused when one exists, as under pytest-qt), with fonts and logging."""
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    qInstallMessageHandler(qt_message_handler)
    app.setApplicationName("living-lab-kiosk")
    app.setApplicationDisplayName("Living Lab Kiosk")
    families = load_fonts()
    if FONT_FAMILY not in families:
        log.warning("bundled font %s not found in assets/fonts; using the system fallback", FONT_FAMILY)
    font = QFont(FONT_FAMILY)
    font.setFamilies([FONT_FAMILY, *FALLBACK_FAMILIES])
    app.setFont(font)
    return app
