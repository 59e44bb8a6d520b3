"""A stand-in pack for the shell's tests: real files on disk, the real content model and PackContent.

Used until (and alongside) the real loader; shell tests import :func:`make_reader`.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from kiosk.content.model import (
    Attract,
    Branding,
    CaseStudy,
    CaseStudyDoc,
    FileEntry,
    KeyFigure,
    Pack,
    PackMeta,
    Theme,
    Tour,
    TourStop,
)
from kiosk.content.reader import PackContent
from kiosk.content.sources import DirectorySource

THEMES = (
    Theme("energy", {"en": "Energy", "da": "Energi", "de": "Energie"}, "#e07a10"),
    Theme("water", {"en": "Water", "da": "Vand", "de": "Wasser"}, "#1f77b4"),
    Theme("mobility", {"en": "Mobility", "da": "Mobilitet", "de": "Mobilität"}, "#6a3d9a"),
)
STUDIES = [
    (
        "cooling",
        "energy",
        "District cooling from waste water",
        "Sea-water heat pumps cool 40 buildings.",
        ("4,218", "m³/h", "cooling capacity"),
    ),
    (
        "solar-roofs",
        "energy",
        "Solar roofs on social housing",
        "1,200 flats share one roof-top plant.",
        ("3.4", "MW", "peak output"),
    ),
    (
        "heat-storage",
        "energy",
        "Seasonal heat storage",
        "Summer heat kept in a pit for the winter.",
        ("60,000", "m³", "storage volume"),
    ),
    (
        "rain-beds",
        "water",
        "Rain beds in the street",
        "Cloudbursts drain into planted beds.",
        ("-40", "%", "peak run-off"),
    ),
    (
        "smart-meters",
        "water",
        "Smart water meters",
        "Leaks found in hours, not months.",
        ("18", "%", "less water lost"),
    ),
    (
        "bike-lanes",
        "mobility",
        "Green wave for bikes",
        "Traffic lights tuned to cyclists' speed.",
        ("20", "km/h", "green wave"),
    ),
    (
        "e-buses",
        "mobility",
        "Electric harbour buses",
        "Quiet ferries charged at every stop.",
        ("6", "", "ferries"),
    ),
]


def _hero_svg(color: str, label: str) -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900" viewBox="0 0 1600 900">'
        f'<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="{color}"/>'
        '<stop offset="1" stop-color="#10202a"/></linearGradient></defs>'
        '<rect width="1600" height="900" fill="url(#g)"/>'
        '<circle cx="1200" cy="300" r="220" fill="#ffffff" fill-opacity="0.18"/>'
        '<path d="M0 700 Q400 560 800 680 T1600 640 V900 H0 Z" fill="#ffffff" fill-opacity="0.14"/>'
        f'<text x="80" y="160" font-size="60" fill="#ffffff" fill-opacity="0.35">{label}</text></svg>'
    )


LOGO_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" viewBox="0 0 100 100">'
    '<rect width="100" height="100" rx="22" fill="#0b6e4f"/>'
    '<path d="M28 70 V30 H40 V60 H70 V70 Z" fill="#ffffff"/></svg>'
)


def make_pack_dir(root: Path, *, tours: bool = True, languages: tuple[str, ...] = ("en", "da", "de")) -> Pack:
    """Write hero images and a logo under ``root`` and return the matching Pack."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "media").mkdir(exist_ok=True)
    (root / "media" / "logo.svg").write_text(LOGO_SVG, encoding="utf-8")
    colors = {t.id: t.color for t in THEMES}
    studies: dict[str, CaseStudy] = {}
    for slug, theme, title, summary, (value, unit, label) in STUDIES:
        hero = f"case-studies/{slug}/hero.svg"
        (root / hero).parent.mkdir(parents=True, exist_ok=True)
        (root / hero).write_text(_hero_svg(colors[theme], slug), encoding="utf-8")
        docs = {
            lang: CaseStudyDoc(
                lang=lang,
                title=title if lang == "en" else f"{title} ({lang})",
                summary=summary,
                body="Body text.",
                theme=theme,
                hero=hero,
                key_figures=(KeyFigure(value, unit, label),),
                source_file=f"case-studies/{slug}/index.{lang}.md",
            )
            for lang in languages
        }
        studies[slug] = CaseStudy(slug, docs, "en")
    files = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        data = path.read_bytes()
        files[rel] = FileEntry(rel, hashlib.sha256(data).hexdigest(), len(data))
    meta = PackMeta(
        id="test-lab",
        version=1,
        title={"en": "Harbour Living Lab", "da": "Havnens Living Lab", "de": "Hafen-Reallabor"},
        languages=languages,
        default_language="en",
        themes=THEMES,
        branding=Branding(logo="media/logo.svg", accent_color="#0b6e4f"),
        attract=Attract(featured=("cooling", "rain-beds", "bike-lanes"), seconds=12),
    )
    tour_map = (
        {"harbour": Tour("harbour", {"en": "Harbour walk"}, stops=(TourStop("cooling"), TourStop("e-buses")))}
        if tours
        else {}
    )
    return Pack(meta, dict(sorted(studies.items())), tours=tour_map, files=files)


def make_reader(root: Path, **kwargs: object) -> PackContent:
    pack = make_pack_dir(root, **kwargs)  # type: ignore[arg-type]
    return PackContent(pack, DirectorySource(root))
