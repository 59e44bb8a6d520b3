"""Generate test packs: in memory (a ``Pack`` plus a dict-backed ``PackSource``) or on disk.

``python tests/bench/gen_pack.py OUT --case-studies 1000 --version 1`` writes an authoring-format
pack directory (``pack.yaml``, ``case-studies/<slug>/index.<lang>.md``, images) for the real loader.
Content is deterministic: the same arguments give the same bytes, so only ``--changed`` case
studies differ between two versions.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import struct
import sys
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kiosk.content.model import (
    CaseStudy,
    CaseStudyDoc,
    Dataset,
    FileEntry,
    GalleryItem,
    Pack,
    PackMeta,
    Theme,
    Tour,
    TourStop,
)
from kiosk.errors import PackError

THEMES = ("energy", "water", "mobility")
WORDS = {
    "en": ["district", "cooling", "waste", "water", "heat", "pump", "harbour", "wind", "solar",
           "bicycle", "bus", "sensor", "flood"],
    "da": ["fjernkøling", "spildevand", "varmepumpe", "havn", "vindmølle", "solceller", "cykel",
           "bus", "måler", "oversvømmelse"],
}


class DictSource:
    """A ``PackSource`` over bytes in memory; ``broken`` names files whose reading fails."""

    def __init__(self, files: dict[str, bytes], label: str = "<memory>", broken: Iterable[str] = ()) -> None:
        self.files = dict(files)
        self.label = label
        self.broken = set(broken)

    def names(self) -> list[str]:
        return sorted(self.files)

    def size(self, name: str) -> int:
        return len(self.files[name])

    def read_bytes(self, name: str) -> bytes:
        if name in self.broken:
            raise PackError(f"cannot read {name}", file=self.label)
        return self.files[name]

    def open(self, name: str) -> BinaryIO:
        if name in self.broken:
            raise PermissionError(13, "Permission denied", name)
        return io.BytesIO(self.files[name])

    def local_path(self, name: str) -> Path | None:
        return None


def png(seed: int, size: int = 16) -> bytes:
    """A small valid PNG whose pixels depend on ``seed``."""
    r, g, b = (seed * 37) % 256, (seed * 91) % 256, (seed * 53) % 256
    raw = b"".join(b"\x00" + bytes((r, g, (b + y) % 256)) * size for y in range(size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    text = chunk(b"tEXt", b"Comment\x00seed %d" % seed)
    body = chunk(b"IHDR", ihdr) + text + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


def svg(seed: int) -> bytes:
    hue = (seed * 47) % 360
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 90">'
        f'<rect width="160" height="90" fill="hsl({hue},60%,45%)"/>'
        f'<circle cx="{40 + seed % 80}" cy="45" r="20" fill="#fff"/><!-- {seed} --></svg>'
    ).encode()


def _text(lang: str, i: int, n: int) -> str:
    words = WORDS[lang]
    return " ".join(words[(i * 7 + k * 3) % len(words)] for k in range(n))


def case_docs(
    i: int, langs: tuple[str, ...], rev: int = 0
) -> tuple[str, dict[str, CaseStudyDoc], dict[str, bytes]]:
    """Slug, docs per language and media files of generated case study ``i`` (``rev`` changes it)."""
    slug = f"case-{i:04d}"
    base = f"case-studies/{slug}"
    seed = i * 1000 + rev
    media = {
        f"{base}/hero.png": png(seed), f"{base}/plan.svg": svg(seed), f"{base}/detail.png": png(seed + 500),
    }
    docs = {
        lang: CaseStudyDoc(
            lang=lang,
            title=f"{_text(lang, i, 2).title()} {i}" + (f" rev {rev}" if rev else ""),
            summary=_text(lang, i + 1, 8),
            body=f"## {_text(lang, i, 1)}\n\n{_text(lang, i + 2, 60)}\n",
            theme=THEMES[i % len(THEMES)],
            year=2000 + i % 25,
            hero=f"{base}/hero.png",
            gallery=(GalleryItem(f"{base}/plan.svg", "plan"), GalleryItem(f"{base}/detail.png")),
            tags=(f"tag{i % 10}", THEMES[i % len(THEMES)]),
            source_file=f"{base}/index.{lang}.md",
        )
        for lang in langs
    }
    return slug, docs, media


def make_pack(
    n: int = 3,
    version: int = 1,
    pack_id: str = "demo",
    langs: tuple[str, ...] = ("en", "da"),
    changed: Iterable[int] = (),
    extra_docs: dict[str, dict[str, CaseStudyDoc]] | None = None,
) -> tuple[Pack, DictSource]:
    """A ``Pack`` built directly from the model, plus a source holding its files."""
    changed = set(changed)
    files: dict[str, bytes] = {}
    studies: dict[str, CaseStudy] = {}
    for i in range(n):
        slug, docs, media = case_docs(i, langs, rev=version if i in changed else 0)
        files.update(media)
        for doc in docs.values():
            files[doc.source_file] = f"---\ntitle: {doc.title}\n---\n{doc.body}".encode()
        studies[slug] = CaseStudy(slug, docs, langs[0])
    for slug, docs in (extra_docs or {}).items():
        studies[slug] = CaseStudy(slug, docs, langs[0])
    files["pack.yaml"] = f"id: {pack_id}\nversion: {version}\n".encode()
    meta = PackMeta(
        id=pack_id, version=version, title={lang: f"Lab {lang}" for lang in langs}, languages=langs,
        default_language=langs[0], themes=tuple(Theme(t, {langs[0]: t.title()}, "#336699") for t in THEMES),
    )
    tours = {"intro": Tour("intro", {langs[0]: "Intro"}, stops=tuple(TourStop(s) for s in list(studies)[:2]))}
    source = {"type": "csv", "file": "datasets/heat.csv"}
    datasets = {"heat": Dataset("heat", {langs[0]: "Heat"}, "MW", source)}
    entries = {p: FileEntry(p, hashlib.sha256(b).hexdigest(), len(b)) for p, b in sorted(files.items())}
    pack = Pack(meta, dict(sorted(studies.items())), tours, datasets, entries)
    return pack, DictSource(files, label=f"<{pack_id} v{version}>")


def write_pack_dir(
    root: Path, n: int, version: int = 1, pack_id: str = "bench", langs: tuple[str, ...] = ("en", "da"),
    changed: Iterable[int] = (),
) -> Path:
    """An authoring-format pack directory for the real loader."""
    changed = set(changed)
    root.mkdir(parents=True, exist_ok=True)
    themes = "".join(f"  - id: {t}\n    title: {{en: {t.title()}, da: {t.title()}}}\n    color: '#336699'\n"
                     for t in THEMES)
    (root / "pack.yaml").write_text(
        f"id: {pack_id}\nversion: {version}\ntitle: {{en: Bench lab, da: Bench lab}}\n"
        f"languages: [{', '.join(langs)}]\ndefault_language: {langs[0]}\nthemes:\n{themes}",
        encoding="utf-8",
    )
    for i in range(n):
        slug, docs, media = case_docs(i, langs, rev=version if i in changed else 0)
        folder = root / "case-studies" / slug
        folder.mkdir(parents=True, exist_ok=True)
        for path, data in media.items():
            (root / path).write_bytes(data)
        for lang, d in docs.items():
            front = (
                f"title: {d.title}\nsummary: {d.summary}\ntheme: {d.theme}\nyear: {d.year}\n"
                f"hero: hero.png\ngallery:\n  - image: plan.svg\n    caption: plan\n  - image: detail.png\n"
                f"tags: [{', '.join(d.tags)}]\n"
            )
            (folder / f"index.{lang}.md").write_text(f"---\n{front}---\n{d.body}", encoding="utf-8")
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--case-studies", type=int, default=1000)
    parser.add_argument("--version", type=int, default=1)
    parser.add_argument("--changed", type=int, nargs="*", default=[])
    args = parser.parse_args()
    write_pack_dir(args.out, args.case_studies, args.version, changed=args.changed)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
