"""Which languages have a compiled translation (the .qm files next to kiosk.ui.i18n)."""

from __future__ import annotations

from kiosk.ui.i18n import SOURCE_LANGUAGE, TRANSLATIONS_DIR


def available_languages() -> list[str]:
    """Languages with a compiled translation (English is the source and always available)."""
    found = {p.stem.removeprefix("kiosk_") for p in TRANSLATIONS_DIR.glob("kiosk_*.qm")}
    return sorted(found | {SOURCE_LANGUAGE})
