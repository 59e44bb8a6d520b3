"""The few words the shell itself says, in the languages packs commonly use.

Pack text comes from the pack; these are only the kiosk's own controls. A missing language falls
back to English.
"""

from __future__ import annotations

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

_STRINGS: dict[str, dict[str, str]] = {
    "back": {
        "en": "Back",
        "da": "Tilbage",
        "de": "Zurück",
        "sv": "Tillbaka",
        "nb": "Tilbake",
        "ar": "رجوع",
        "fr": "Retour",
        "nl": "Terug",
        "es": "Atrás",
        "fi": "Takaisin",
    },
    "home": {
        "en": "Home",
        "da": "Forside",
        "de": "Start",
        "sv": "Start",
        "nb": "Hjem",
        "ar": "الرئيسية",
        "fr": "Accueil",
        "nl": "Start",
        "es": "Inicio",
        "fi": "Etusivu",
    },
    "touch": {
        "en": "Touch to explore",
        "da": "Rør for at udforske",
        "de": "Berühren zum Entdecken",
        "sv": "Tryck för att utforska",
        "nb": "Trykk for å utforske",
        "ar": "المس للاستكشاف",
        "fr": "Touchez pour explorer",
        "nl": "Tik om te ontdekken",
        "es": "Toca para explorar",
        "fi": "Kosketa ja tutki",
    },
    "all": {
        "en": "All",
        "da": "Alle",
        "de": "Alle",
        "sv": "Alla",
        "nb": "Alle",
        "ar": "الكل",
        "fr": "Tout",
        "nl": "Alles",
        "es": "Todo",
        "fi": "Kaikki",
    },
    "tours": {
        "en": "Guided tours",
        "da": "Guidede ture",
        "de": "Führungen",
        "sv": "Guidade turer",
        "nb": "Guidede turer",
        "ar": "جولات إرشادية",
        "fr": "Visites guidées",
        "nl": "Rondleidingen",
        "es": "Visitas guiadas",
        "fi": "Opastetut kierrokset",
    },
    "still_there": {
        "en": "Still there?",
        "da": "Er du der stadig?",
        "de": "Noch da?",
        "sv": "Är du kvar?",
        "nb": "Er du der fortsatt?",
        "ar": "هل ما زلت هنا؟",
        "fr": "Toujours là ?",
        "nl": "Nog daar?",
        "es": "¿Sigues ahí?",
        "fi": "Oletko vielä siellä?",
    },
    "continue": {
        "en": "Touch anywhere to continue",
        "da": "Rør skærmen for at fortsætte",
        "de": "Berühren zum Fortfahren",
        "sv": "Tryck var som helst för att fortsätta",
        "nb": "Trykk hvor som helst for å fortsette",
        "ar": "المس الشاشة للمتابعة",
        "fr": "Touchez l'écran pour continuer",
        "nl": "Tik om verder te gaan",
        "es": "Toca para continuar",
        "fi": "Jatka koskettamalla",
    },
    "stories": {
        "en": "case studies",
        "da": "cases",
        "de": "Fallstudien",
        "sv": "fallstudier",
        "nb": "caser",
        "ar": "دراسات حالة",
        "fr": "études de cas",
        "nl": "casestudies",
        "es": "casos",
        "fi": "tapausta",
    },
}


def tr(key: str, lang: str) -> str:
    table = _STRINGS[key]
    return table.get(lang) or table.get(lang.split("-")[0]) or table["en"]


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code) or LANGUAGE_NAMES.get(code.split("-")[0]) or code.upper()
