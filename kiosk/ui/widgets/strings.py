"""The few words the shell itself says, through Qt's translation system.

Pack text comes from the pack; these are only the kiosk's own controls. The English source text is
here (``QT_TRANSLATE_NOOP`` so ``pyside6-lupdate`` finds it); translations live in
``kiosk/ui/translations/kiosk_<lang>.ts`` and ship compiled as ``.qm``. A language without a
translation, or a string not yet translated, falls back to English.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from kiosk.ui.i18n import translator

CONTEXT = "kiosk"

LANGUAGE_NAMES = {
    "en": "English",
    "da": "Dansk",
    "de": "Deutsch",
    "sv": "Svenska",
    "nb": "Norsk",
    "no": "Norsk",
    "fi": "Suomi",
    "nl": "Nederlands",
    "fr": "Français",
    "es": "Español",
    "it": "Italiano",
    "pt": "Português",
    "pl": "Polski",
    "uk": "Українська",
    "ar": "العربية",
    "tr": "Türkçe",
    "zh": "中文",
    "ja": "日本語",
    "ko": "한국어",
    "is": "Íslenska",
    "et": "Eesti",
    "lt": "Lietuvių",
    "lv": "Latviešu",
    "fa": "فارسی",
    "he": "עברית",
    "ur": "اردو",
}
RTL_LANGUAGES = {"ar", "fa", "he", "ur"}

_SOURCE: dict[str, object] = {
    "back": QT_TRANSLATE_NOOP("kiosk", "Back"),
    "home": QT_TRANSLATE_NOOP("kiosk", "Home"),
    "touch": QT_TRANSLATE_NOOP("kiosk", "Touch to explore"),
    "all": QT_TRANSLATE_NOOP("kiosk", "All"),
    "tours": QT_TRANSLATE_NOOP("kiosk", "Guided tours"),
    "still_there": QT_TRANSLATE_NOOP("kiosk", "Still there?"),
    "continue": QT_TRANSLATE_NOOP("kiosk", "Touch anywhere to continue"),
    "stories": QT_TRANSLATE_NOOP("kiosk", "case studies"),
    # Tours
    "choose_tour": QT_TRANSLATE_NOOP("kiosk", "Choose a tour"),
    "stop_of": QT_TRANSLATE_NOOP("kiosk", "Stop %1 of %2"),
    "stop_n": QT_TRANSLATE_NOOP("kiosk", "Stop %1"),
    "n_stops": QT_TRANSLATE_NOOP("kiosk", "%1 stops"),
    "minutes": QT_TRANSLATE_NOOP("kiosk", "about %1 min"),
    "next": QT_TRANSLATE_NOOP("kiosk", "Next"),
    "previous": QT_TRANSLATE_NOOP("kiosk", "Previous"),
    "end_tour": QT_TRANSLATE_NOOP("kiosk", "End tour"),
    "notes": QT_TRANSLATE_NOOP("kiosk", "Talking points"),
    "no_notes": QT_TRANSLATE_NOOP("kiosk", "No talking points for this stop."),
    "show_notes": QT_TRANSLATE_NOOP("kiosk", "Show talking points"),
    "hide_notes": QT_TRANSLATE_NOOP("kiosk", "Hide talking points"),
    "tour_done": QT_TRANSLATE_NOOP("kiosk", "Thank you for visiting"),
    "tour_qr": QT_TRANSLATE_NOOP("kiosk", "Scan to read on at home"),
    "restart": QT_TRANSLATE_NOOP("kiosk", "Start again"),
    "explore": QT_TRANSLATE_NOOP("kiosk", "Explore on your own"),
    "summary": QT_TRANSLATE_NOOP("kiosk", "Summary"),
    # Accessibility
    "a11y": QT_TRANSLATE_NOOP("kiosk", "Accessibility"),
    "text_size": QT_TRANSLATE_NOOP("kiosk", "Text size"),
    "contrast": QT_TRANSLATE_NOOP("kiosk", "High contrast"),
    "reach": QT_TRANSLATE_NOOP("kiosk", "Controls lower"),
    "reset": QT_TRANSLATE_NOOP("kiosk", "Reset"),
    "close": QT_TRANSLATE_NOOP("kiosk", "Close"),
    "language": QT_TRANSLATE_NOOP("kiosk", "Language"),
    # Case study
    "take_home": QT_TRANSLATE_NOOP("kiosk", "Take it home"),
    "take_home_hint": QT_TRANSLATE_NOOP("kiosk", "Scan with your phone camera to read more."),
    "scan": QT_TRANSLATE_NOOP("kiosk", "Scan to open this page on your phone"),
    "data": QT_TRANSLATE_NOOP("kiosk", "Live data"),
    "gallery": QT_TRANSLATE_NOOP("kiosk", "Gallery"),
    "related": QT_TRANSLATE_NOOP("kiosk", "Related projects"),
    "missing": QT_TRANSLATE_NOOP("kiosk", "This story is not available"),
    "missing_hint": QT_TRANSLATE_NOOP("kiosk", "It may have been updated. Please go back and choose another one."),  # noqa: E501 (one source string for lupdate)
    "picture_of": QT_TRANSLATE_NOOP("kiosk", "Picture %1 of %2"),
    "fallback_note": QT_TRANSLATE_NOOP("kiosk", "Not yet translated: shown in %1"),
    "partners": QT_TRANSLATE_NOOP("kiosk", "Partners: %1"),
    "zoom_in": QT_TRANSLATE_NOOP("kiosk", "Zoom in"),
    "zoom_out": QT_TRANSLATE_NOOP("kiosk", "Zoom out"),
    "play": QT_TRANSLATE_NOOP("kiosk", "Play video"),
    # Attract
    "live": QT_TRANSLATE_NOOP("kiosk", "Live"),
    # Partners
    "partners_title": QT_TRANSLATE_NOOP("kiosk", "Partners"),
    "network": QT_TRANSLATE_NOOP("kiosk", "Who works with whom"),
    "network_hint": QT_TRANSLATE_NOOP("kiosk", "Tap an organisation to see its projects and partners. Tap a project to open it."),  # noqa: E501 (one source string for lupdate)
    "what_we_did": QT_TRANSLATE_NOOP("kiosk", "What we did here"),
    "show_network": QT_TRANSLATE_NOOP("kiosk", "Show in the network"),
    "partner_qr": QT_TRANSLATE_NOOP("kiosk", "Scan to visit their website"),
    "type_public": QT_TRANSLATE_NOOP("kiosk", "Public sector"),
    "type_private": QT_TRANSLATE_NOOP("kiosk", "Companies"),
    "type_knowledge": QT_TRANSLATE_NOOP("kiosk", "Research and education"),
    "type_civic": QT_TRANSLATE_NOOP("kiosk", "Civil society"),
    "partners_on_tour": QT_TRANSLATE_NOOP("kiosk", "Partners on this tour"),
    # Citizen voice (the poll under a case study's key figures)
    "voice_hint": QT_TRANSLATE_NOOP("kiosk", "One tap to answer. Anonymous."),
    "voice_thanks": QT_TRANSLATE_NOOP("kiosk", "Thank you! You can change your answer while you are here."),
    "voice_wait": QT_TRANSLATE_NOOP("kiosk", "One moment, please: tap again in a few seconds."),
    "voice_total": QT_TRANSLATE_NOOP("kiosk", "%1 visitors answered"),
    "voice_total_one": QT_TRANSLATE_NOOP("kiosk", "1 visitor answered"),
    "voice_scope_lab": QT_TRANSLATE_NOOP("kiosk", "all kiosks of the lab"),
    "voice_scope_local": QT_TRANSLATE_NOOP("kiosk", "this kiosk only (not connected to the lab)"),
    "partners_tap": QT_TRANSLATE_NOOP("kiosk", "Tap a partner for their page and website"),
    "net_partner_a11y": QT_TRANSLATE_NOOP("kiosk", "%1, %2 projects, %3 co-partners"),
    "net_case_a11y": QT_TRANSLATE_NOOP("kiosk", "Case study with %1 partners"),
}

SOURCE: dict[str, str] = {key: str(text) for key, text in _SOURCE.items()}
"""UI string keys -> English source text (the ``<source>`` in the .ts files)."""


def tr(key: str, lang: str) -> str:
    """The UI string ``key`` in ``lang`` (falls back to the base language, then English)."""
    source = SOURCE[key]
    for code in (lang, lang.split("-")[0]):
        t = translator(code)
        if t is not None:
            text = t.translate(CONTEXT, source)
            if text:
                return text
    return source


def trf(key: str, lang: str, *args: object) -> str:
    """:func:`tr` with ``%1``, ``%2`` ... filled in (Qt's placeholder style, so translators can reorder)."""
    text = tr(key, lang)
    for i in range(len(args), 0, -1):
        text = text.replace(f"%{i}", str(args[i - 1]))
    return text


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code) or LANGUAGE_NAMES.get(code.split("-")[0]) or code.upper()


SHORT_NAMES = {"zh": "中文", "ja": "日本語", "ar": "عربي", "ko": "한국어"}
"""Scripts whose own name is already short; the rest use the upper-case code (EN, DA, DE)."""


def short_language_name(code: str) -> str:
    """A narrow label for the language switcher when the bar is tight."""
    base = code.split("-")[0]
    return SHORT_NAMES.get(base) or base.upper()
