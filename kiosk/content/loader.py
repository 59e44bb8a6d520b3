"""Load and validate a pack from any :class:`PackSource`, reporting every problem at once.

One pass over the files hashes each exactly once (the manifest) and keeps only the YAML and
Markdown text; images are checked from their header (``inspect_pack(deep=True)``, what ``kiosk pack validate`` runs, also decodes them fully).
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import re
from collections import defaultdict
from dataclasses import dataclass

from kiosk.content import media
from kiosk.content.casestudy import parse_doc
from kiosk.content.checks import SLUG, Ctx, suggest
from kiosk.content.copysites import copy_site_problems
from kiosk.content.model import CaseStudy, CaseStudyDoc, Dataset, FileEntry, Pack, PackMeta, Partner, Tour
from kiosk.content.partners import FILE as PARTNERS_FILE
from kiosk.content.partners import parse_partners, resolve_partners
from kiosk.content.polls import check_main_poll, check_poll_ids, inherit_poll
from kiosk.content.schema import parse_dataset, parse_meta, parse_tour, stem
from kiosk.content.source import PackSource, iter_chunks
from kiosk.content.yamldoc import MAX_YAML_BYTES, decode_text, parse_yaml
from kiosk.errors import PackError, Problem, UnsafePackError

log = logging.getLogger("kiosk.content")

_CASE_FILE = re.compile(r"^case-studies/([^/]+)/index\.([^./]+)\.md$")
_TEXT_EXTS = {"yaml", "yml", "md"}
_DATA_EXTS = {"csv", "json", "geojson", "txt"}
# Taken from the default-language file; other languages may repeat them but cannot change them.
_SHARED = ("theme", "year", "hero", "video", "datasets", "link")
# Inherited from the default-language file when a translation omits them.
_INHERITED = ("partners", "gallery", "key_figures", "tags")


@dataclass(frozen=True)
class LoadResult:
    """A pack (None when there are errors) and every problem found, errors and warnings."""

    pack: Pack | None
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def load_pack(source: PackSource) -> Pack:
    """The pack, or :class:`PackError` listing every error. Warnings are logged."""
    result = inspect_pack(source)
    if result.errors or result.pack is None:
        raise PackError(result.errors or [Problem("pack.yaml", None, "pack could not be loaded")])
    for w in result.warnings:
        log.warning("%s: %s", source.label, w)
    return result.pack


def inspect_pack(source: PackSource, *, deep: bool = False) -> LoadResult:
    """Load what can be loaded and report every problem; raises only for hostile sources."""
    ctx = Ctx()
    texts, files = _scan_files(source, ctx, deep)
    names = set(files)
    meta: PackMeta | None = None
    meta_doc = None
    if "pack.yaml" not in texts:
        hint = " (rename pack.yml to pack.yaml)" if "pack.yml" in names else ""
        if "pack.yaml" not in names:
            ctx.problems.append(Problem("pack.yaml", None, f"missing: every pack needs a pack.yaml at its "
                                                           f"root{hint}"))
    else:
        meta_doc = parse_yaml(texts["pack.yaml"], "pack.yaml", ctx.problems)
        if meta_doc is not None:
            meta = parse_meta(meta_doc, ctx)
    languages = meta.languages if meta else ()
    partners: tuple[Partner, ...] = ()
    # None: partners.yaml exists but could not be read; its own errors say why, not every reference.
    partner_ids: set[str] | None = set() if PARTNERS_FILE not in names else None
    if meta is not None and PARTNERS_FILE in texts:
        partners_doc = parse_yaml(texts[PARTNERS_FILE], PARTNERS_FILE, ctx.problems)
        if partners_doc is not None:
            partners = parse_partners(partners_doc, languages, meta.default_language, ctx)
            meta = dataclasses.replace(meta, partners=partners)
            partner_ids = {p.id for p in partners}
    datasets: dict[str, Dataset] = {}
    tours: dict[str, Tour] = {}
    for folder, target in (("datasets", datasets), ("tours", tours)):
        for name in sorted(texts):
            if not name.startswith(folder + "/") or name.count("/") != 1 or media.ext(name) not in (
                    "yaml", "yml"):
                continue
            item_id = stem(name)
            if not SLUG.match(item_id):
                ctx.problems.append(Problem(name, None, f"file name {item_id!r} must be an id: lowercase "
                                                        "letters, digits and '-'"))
                continue
            if item_id in target:
                ctx.problems.append(Problem(name, None, f"id {item_id!r} is used by two files"))
                continue
            doc = parse_yaml(texts[name], name, ctx.problems)
            if doc is None:
                continue
            item = (parse_dataset(doc, item_id, languages, ctx) if folder == "datasets"
                    else parse_tour(doc, item_id, languages, ctx))
            if item is not None:
                target[item_id] = item  # type: ignore[assignment]
    case_studies = _case_studies(texts, names, meta, ctx)
    case_studies = resolve_partners(case_studies, partners, meta.default_language if meta else "", ctx)
    # Ids of files that exist but failed to parse are known: report the file, not every reference.
    present = {n.split("/")[1] for n in names if _CASE_FILE.match(n)}
    present_ds = {stem(n) for n in names if n.startswith("datasets/") and media.ext(n) in ("yaml", "yml")}
    _check_ids(ctx, meta, present_ds | set(datasets), present | set(case_studies), partner_ids)
    _check_files(ctx, names)
    check_poll_ids(ctx)
    ctx.problems.extend(copy_site_problems(texts))
    if meta is not None and meta_doc is not None:
        _check_languages(ctx, meta, meta_doc.lines, case_studies, tours)
    problems = sorted(set(ctx.problems), key=lambda p: (p.file, p.line or 0, p.message))
    pack = None
    if meta is not None and not any(p.severity == "error" for p in problems):
        pack = Pack(
            meta=meta,
            case_studies=dict(sorted(case_studies.items())),
            tours=dict(sorted(tours.items())),
            datasets=dict(sorted(datasets.items())),
            files={n: files[n] for n in sorted(files)},
        )
    return LoadResult(pack, problems)


def _scan_files(source: PackSource, ctx: Ctx, deep: bool) -> tuple[dict[str, str], dict[str, FileEntry]]:
    """Hash every file once; keep YAML/Markdown text; check media. Hostile sources raise."""
    texts: dict[str, str] = {}
    files: dict[str, FileEntry] = {}
    for name in source.names():
        kind = media.ext(name)
        try:
            if kind in _TEXT_EXTS or kind in media.IMAGE_EXTS:
                data = source.read_bytes(name)
                files[name] = FileEntry(name, hashlib.sha256(data).hexdigest(), len(data))
                if kind in _TEXT_EXTS:
                    if len(data) > MAX_YAML_BYTES:
                        ctx.problems.append(Problem(name, None, "larger than 1 MB; split it up"))
                    elif (text := decode_text(data, name, ctx.problems)) is not None:
                        texts[name] = text
                elif kind == "svg":
                    ctx.problems.extend(media.check_svg(name, data))
                else:
                    ctx.problems.extend(media.check_raster(name, media.as_stream(data), len(data), deep))
            else:
                sha, size, head = hashlib.sha256(), 0, b""
                with source.open(name) as fh:
                    for chunk in iter_chunks(fh, 1 << 20):
                        head = head or chunk[:16]
                        sha.update(chunk)
                        size += len(chunk)
                files[name] = FileEntry(name, sha.hexdigest(), size)
                if kind in media.VIDEO_EXTS:
                    ctx.problems.extend(media.check_video(name, head, size))
                elif kind not in _DATA_EXTS:
                    ctx.problems.append(Problem(name, None, "file type is not used by the kiosk "
                                                            "(remove it or convert it)", "warning"))
        except UnsafePackError:
            raise
        except PackError as exc:
            ctx.problems.extend(dataclasses.replace(p, file=name) for p in exc.problems)
    return texts, files


def _case_studies(texts: dict[str, str], names: set[str], meta: PackMeta | None,
                  ctx: Ctx) -> dict[str, CaseStudy]:
    languages = meta.languages if meta else ()
    grouped: dict[str, dict[str, tuple[CaseStudyDoc, dict[str, int | None]]]] = defaultdict(dict)
    folders: dict[str, list[str]] = {}
    for name in sorted(names):
        if not name.startswith("case-studies/") or media.ext(name) != "md":
            continue
        m = _CASE_FILE.match(name)
        if m is None:
            ctx.problems.append(Problem(name, None, "ignored: case-study text goes in "
                                                    "case-studies/<slug>/index.<lang>.md", "warning"))
            continue
        slug, lang = m.groups()
        if not SLUG.match(slug):
            ctx.problems.append(Problem(name, None, f"folder name {slug!r} must be a slug: lowercase "
                                                    "letters, digits and '-'"))
            continue
        folders.setdefault(slug, []).append(name.rsplit("/", 1)[-1])
        if languages and lang not in languages:
            ctx.problems.append(Problem(name, None, f"ignored: language {lang!r} is not in pack.yaml "
                                                    f"languages{suggest(lang, languages)}", "warning"))
            continue
        if name in texts:
            parsed = parse_doc(texts[name], name, lang, f"case-studies/{slug}", ctx)
            if parsed is not None:
                grouped[slug][lang] = parsed
    out: dict[str, CaseStudy] = {}
    for slug in sorted(set(folders) - set(grouped)):
        default = meta.default_language if meta else ""
        if default and f"case-studies/{slug}/index.{default}.md" not in names:
            ctx.problems.append(Problem(f"case-studies/{slug}", None, "missing: every case study needs a "
                                        f"file in the default language ({'index.' + default + '.md'}); this "
                                        f"folder has only {', '.join(folders[slug])}"))
    for slug, docs in grouped.items():
        default = meta.default_language if meta else next(iter(docs))
        folder = f"case-studies/{slug}"
        if default not in docs:
            if f"{folder}/index.{default}.md" not in names:
                ctx.problems.append(Problem(f"{folder}/index.{default}.md", None, "missing: every case "
                                            f"study needs a file in the default language {default!r}"))
            continue
        main = check_main_poll(*docs[default], ctx)
        for lang in languages:
            if lang not in docs and f"{folder}/index.{lang}.md" not in names:
                ctx.problems.append(Problem(f"{folder}/index.{lang}.md", None, f"missing: visitors who "
                                            f"choose {lang!r} see the {default!r} text", "warning"))
        final: dict[str, CaseStudyDoc] = {}
        for lang, (doc, keys) in sorted(docs.items()):
            if lang != default:
                doc = _inherit(doc, keys, main, ctx)
                doc = dataclasses.replace(doc, poll=inherit_poll(doc, keys, main, ctx))
            else:
                doc = main
            final[lang] = doc
        out[slug] = CaseStudy(slug, final, default)
    return out


def _inherit(doc: CaseStudyDoc, keys: dict[str, int | None], main: CaseStudyDoc, ctx: Ctx) -> CaseStudyDoc:
    changes: dict[str, object] = {}
    for key in _SHARED:
        if key in keys and getattr(doc, key) != getattr(main, key):
            ctx.problems.append(Problem(doc.source_file, keys[key], f"{key} differs from {main.source_file};"
                                        " the default-language value is used", "warning"))
        changes[key] = getattr(main, key)
    for key in _INHERITED:
        if key not in keys:
            changes[key] = getattr(main, key)
            if key == "partners":
                changes["partner_refs"] = main.partner_refs
    # The place name may be translated; the coordinates come from the default-language file.
    loc, main_loc = doc.location, main.location
    if loc is None or main_loc is None:
        changes["location"] = main_loc
    else:
        if (loc.lat, loc.lon) != (main_loc.lat, main_loc.lon) and (loc.lat, loc.lon) != (None, None):
            ctx.problems.append(Problem(doc.source_file, keys.get("location"), "location lat/lon differ "
                                        f"from {main.source_file}; the default-language value is used",
                                        "warning"))
        changes["location"] = dataclasses.replace(loc, lat=main_loc.lat, lon=main_loc.lon)
    return dataclasses.replace(doc, **changes)  # type: ignore[arg-type]


def _check_ids(ctx: Ctx, meta: PackMeta | None, datasets: set[str], case_studies: set[str],
               partners: set[str] | None) -> None:
    known: dict[str, set[str] | None] = {
        "theme": {t.id for t in meta.themes} if meta else None,
        "dataset": set(datasets),
        "case study": set(case_studies),
        "partner": partners,
    }
    for kind, ident, file, line in ctx.ids:
        choices = known[kind]
        if choices is not None and ident not in choices:
            hint = suggest(ident, choices) or (f"; known: {', '.join(sorted(choices)[:8])}" if choices
                                               else f"; the pack has no {kind} ids")
            if kind == "partner" and not choices:
                hint = f"; list it in {PARTNERS_FILE} or write a plain name"
            ctx.problems.append(Problem(file, line, f"unknown {kind} {ident!r}{hint}"))


def _check_files(ctx: Ctx, names: set[str]) -> None:
    folders: dict[str, list[str]] = defaultdict(list)
    for n in names:
        folders[n.rsplit("/", 1)[0] if "/" in n else ""].append(n)
    for file, line, path in ctx.files:
        if path not in names:
            near = folders.get(path.rsplit("/", 1)[0] if "/" in path else "", [])
            ctx.problems.append(Problem(file, line, f"file {path} does not exist{suggest(path, near)}"))


def _check_languages(ctx: Ctx, meta: PackMeta, lines: dict[tuple[object, ...], int],
                     case_studies: dict[str, CaseStudy], tours: dict[str, Tour]) -> None:
    for i, lang in enumerate(meta.languages):
        texts = [meta.title, *(t.title for t in meta.themes), *(t.title for t in tours.values())]
        if any(lang in cs.docs for cs in case_studies.values()) or any(t.get(lang) for t in texts):
            if lang not in meta.title:
                ctx.problems.append(Problem("pack.yaml", lines.get(("title",)), f"title has no {lang!r} "
                                            "text; the default language is shown", "warning"))
            continue
        ctx.problems.append(Problem("pack.yaml", lines.get(("languages", i)), f"language {lang!r} is "
                                    "declared but the pack has no text in it at all"))
