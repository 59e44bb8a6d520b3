"""One case-study language file: ``case-studies/<slug>/index.<lang>.md``."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

from markdown_it import MarkdownIt

from kiosk.content.checks import Checker, Ctx, resolve_ref
from kiosk.content.media import IMAGE_EXTS, VIDEO_EXTS, ext
from kiosk.content.model import CaseStudyDoc, GalleryItem, KeyFigure, Location, PartnerRef, Poll
from kiosk.content.polls import parse_poll
from kiosk.content.yamldoc import parse_yaml, split_front_matter
from kiosk.errors import Problem

KEYS = ("title", "summary", "theme", "location", "year", "partners", "hero", "gallery", "video",
        "key_figures", "datasets", "link", "tags", "poll")
_MD = MarkdownIt("commonmark", {"html": True}).enable("table")
_MD.validateLink = lambda url: True  # type: ignore[method-assign]
_HTML_IMG = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)


def parse_doc(text: str, file: str, lang: str, base_dir: str,
              ctx: Ctx) -> tuple[CaseStudyDoc, dict[str, int | None]] | None:
    """Parse one Markdown file with front matter; problems go to ``ctx`` with real file lines.

    Returns the document and the line of every top-level key it sets.
    """
    parts = split_front_matter(text, file, ctx.problems)
    if parts is None:
        return None
    yaml_text, yaml_offset, body, body_offset = parts
    doc = parse_yaml(yaml_text, file, ctx.problems, offset=yaml_offset)
    if doc is None:
        return None
    c = Checker(doc, ctx)
    data = c.mapping(doc.data, (), KEYS, required=("title",))
    if data is None:
        return None
    title = c.text(data.get("title"), ("title",))
    theme = c.text(data.get("theme"), ("theme",))
    c.want_id("theme", theme, ("theme",))
    datasets = c.text_list(data.get("datasets"), ("datasets",))
    for i, ds in enumerate(datasets):
        c.want_id("dataset", ds, ("datasets", i))
    hero = _media_ref(c, data.get("hero"), ("hero",), base_dir, IMAGE_EXTS)
    video = _media_ref(c, data.get("video"), ("video",), base_dir, VIDEO_EXTS)
    gallery: list[GalleryItem] = []
    for i, item in enumerate(c.seq(data.get("gallery"), ("gallery",))):
        g = c.mapping(item, ("gallery", i), ("image", "caption"), required=("image",))
        if g is None:
            continue
        image = _media_ref(c, g.get("image"), ("gallery", i, "image"), base_dir, IMAGE_EXTS)
        if image:
            gallery.append(GalleryItem(image, c.text(g.get("caption"), ("gallery", i, "caption")) or ""))
    figures: list[KeyFigure] = []
    for i, item in enumerate(c.seq(data.get("key_figures"), ("key_figures",))):
        path = ("key_figures", i)
        k = c.mapping(item, path, ("value", "unit", "label"), required=("value",))
        if k is None:
            continue
        value = c.text(k.get("value"), (*path, "value"))
        if value is not None:
            raw = doc.raw.get((*path, "value"), value)
            figures.append(KeyFigure(raw, c.text(k.get("unit"), (*path, "unit")) or "",
                                     c.text(k.get("label"), (*path, "label")) or ""))
    link = c.text(data.get("link"), ("link",))
    if link is not None and not re.match(r"^https://[^\s/]+\.[^\s]+$", link):
        c.error(("link",), f"link must be a full https:// address, found {link!r}")
        link = None
    _check_body_images(body, body_offset, file, base_dir, ctx)
    refs = _partners(c, data.get("partners"))
    keys = {str(k): doc.line((k,)) for k in data}
    poll: Poll | None = None
    if "poll" in data:
        poll, poll_lines = parse_poll(c, data.get("poll"), lang)
        keys.update(poll_lines)
    return CaseStudyDoc(
        lang=lang, title=title or "", summary=c.text(data.get("summary"), ("summary",)) or "",
        body=body, theme=theme or "", location=_location(c, data.get("location")),
        year=c.integer(data.get("year"), ("year",), lo=1000, hi=3000),
        partners=tuple(r.name or r.id or "" for r in refs), partner_refs=refs, hero=hero,
        gallery=tuple(gallery),
        video=video, key_figures=tuple(figures), datasets=datasets, link=link,
        tags=c.text_list(data.get("tags"), ("tags",)), poll=poll, source_file=file,
    ), keys


def _media_ref(c: Checker, value: Any, path: tuple[Any, ...], base_dir: str,
               kinds: set[str]) -> str | None:
    resolved = c.ref(value, path, base_dir)
    if resolved and ext(resolved) not in kinds:
        c.error(path, f"{c.name(path)}: {resolved} is not a {'/'.join(sorted(kinds))} file")
        return None
    return resolved


def _partners(c: Checker, value: Any) -> tuple[PartnerRef, ...]:
    """``[hofor, City of Copenhagen, {id: hofor, role: owner}, {name: Residents, role: ...}]``.

    A bare entry is an id when ``partners.yaml`` lists it (decided by the loader) and a name otherwise.
    """
    refs: list[PartnerRef] = []
    for i, item in enumerate(c.seq(value, ("partners",))):
        path = ("partners", i)
        if isinstance(item, dict):
            m = c.mapping(item, path, ("id", "name", "role"))
            if m is None:
                continue
            if ("id" in m) == ("name" in m):
                c.error(path, f"{c.name(path)} needs either an id (from partners.yaml) or a name")
                continue
            role = c.text(m.get("role"), (*path, "role")) or ""
            if "id" in m:
                pid = c.text(m.get("id"), (*path, "id"))
                if pid:
                    c.want_id("partner", pid, (*path, "id"))
                    refs.append(PartnerRef("", pid, role))
            elif (name := c.text(m.get("name"), (*path, "name"))):
                c.ctx.partner_names.append((c.doc.file, c.doc.line((*path, "name")), name))
                refs.append(PartnerRef(name, None, role))
            continue
        name = c.text(item, path)
        if name:
            c.ctx.partner_names.append((c.doc.file, c.doc.line(path), name))
            refs.append(PartnerRef(name))
    return tuple(refs)


def _location(c: Checker, value: Any) -> Location | None:
    if value is None:
        return None
    m = c.mapping(value, ("location",), ("name", "lat", "lon"), required=("name",))
    if m is None:
        return None
    lat = c.number(m.get("lat"), ("location", "lat"))
    lon = c.number(m.get("lon"), ("location", "lon"))
    if lat is not None and not -90 <= lat <= 90:
        c.error(("location", "lat"), f"location.lat must be between -90 and 90, found {lat}")
        lat = None
    if lon is not None and not -180 <= lon <= 180:
        c.error(("location", "lon"), f"location.lon must be between -180 and 180, found {lon}")
        lon = None
    return Location(c.text(m.get("name"), ("location", "name")) or "", lat, lon)


def _check_body_images(body: str, offset: int, file: str, base_dir: str, ctx: Ctx) -> None:
    """Every image in the body must be a file inside the pack (existence is checked later)."""
    if "![" not in body and "<img" not in body.lower() and "]:" not in body:
        return
    for block in _MD.parse(body):
        start = block.map[0] if block.map else 0
        if block.type == "html_block":
            _html_images(block.content, start, offset, file, base_dir, ctx)
        line = start
        for child in block.children or []:
            if child.type in ("softbreak", "hardbreak"):
                line += 1
            elif child.type == "html_inline":
                _html_images(child.content, line, offset, file, base_dir, ctx)
            elif child.type == "image":
                _body_ref(str(child.attrs.get("src", "")), offset + line + 1, file, base_dir, ctx)


def _html_images(html: str, line: int, offset: int, file: str, base_dir: str, ctx: Ctx) -> None:
    for m in _HTML_IMG.finditer(html):
        at = line + html[: m.start()].count("\n")
        _body_ref(m.group(1), offset + at + 1, file, base_dir, ctx)


def _body_ref(src: str, line: int, file: str, base_dir: str, ctx: Ctx) -> None:
    src = unquote(src.strip())
    if src.lower().startswith(("http://", "https://")):
        ctx.problems.append(Problem(file, line, f"image {src!r} is on the web; put the file in the pack "
                                                "(the kiosk works offline)"))
        return
    resolved, why = resolve_ref(src, base_dir)
    if resolved is None:
        ctx.problems.append(Problem(file, line, f"image {why}"))
    elif ext(resolved) not in IMAGE_EXTS:
        ctx.problems.append(Problem(file, line, f"image {resolved} is not a png/jpg/webp/svg file"))
    else:
        ctx.files.append((file, line, resolved))
