"""Qt translations for the kiosk's own UI strings (``kiosk/ui/translations/kiosk_<lang>.qm``).

Two ways in: :func:`translator` gives the loaded :class:`QTranslator` for a language (what
:func:`kiosk.ui.widgets.strings.tr` asks, so a screen can render any language without depending on
which one is installed), and :class:`Translations` installs the visitor's language on the
application so ``QCoreApplication.translate`` and Qt's own widgets follow it. Widgets retranslate in
``set_content(reader, lang)`` / ``apply(theme, lang)``, which the window calls on a language change.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTranslator

log = logging.getLogger("kiosk.ui.i18n")

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
SOURCE_LANGUAGE = "en"

_loaded: dict[str, QTranslator | None] = {}
"""Loaded .qm files by language; a cache of immutable files, not state (None: no file)."""


def qm_path(lang: str) -> Path:
    return TRANSLATIONS_DIR / f"kiosk_{lang}.qm"


def translator(lang: str) -> QTranslator | None:
    """The translator for ``lang``, loaded once; None when there is no ``.qm`` for it."""
    if lang in _loaded:
        return _loaded[lang]
    result: QTranslator | None = None
    path = qm_path(lang)
    if lang and path.is_file():
        candidate = QTranslator()
        if candidate.load(str(path)):
            result = candidate
        else:
            log.warning("%s: not a valid Qt translation file; using English", path)
    _loaded[lang] = result
    return result


class Translations(QObject):
    """Keeps exactly one kiosk translator installed on the application: the visitor's language."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lang = SOURCE_LANGUAGE
        self._installed: QTranslator | None = None

    def set_language(self, lang: str) -> bool:
        """Install ``lang`` (or its base language); returns True when a translation was found."""
        app = QCoreApplication.instance()
        new = translator(lang) or translator(lang.split("-")[0])
        if app is not None and new is not self._installed:
            if self._installed is not None:
                QCoreApplication.removeTranslator(self._installed)
            if new is not None:
                QCoreApplication.installTranslator(new)
            self._installed = new
        self.lang = lang
        return new is not None

    def uninstall(self) -> None:
        if self._installed is not None:
            QCoreApplication.removeTranslator(self._installed)
            self._installed = None
