"""The v1 format of ``pack.yaml``, ``datasets/<id>.yaml`` and ``tours/<id>.yaml``."""

from __future__ import annotations

import re

import posixpath
from typing import Any, cast

from kiosk.content.checks import Checker, Ctx
from kiosk.content.model import (
    Attract,
    Branding,
    ChartSpec,
    ChartType,
    Dataset,
    PackMeta,
    Theme,
    Threshold,
    Tour,
    TourStop,
)
from kiosk.content.polls import parse_ask
from kiosk.content.yamldoc import YamlDoc

PACK_KEYS = ("id", "version", "title", "languages", "default_language", "themes", "branding", "attract", "ask")
THEME_KEYS = ("id", "title", "color")
DATASET_KEYS = ("title", "unit", "source", "refresh", "history", "chart", "sample", "credit", "stale_after")
SOURCE_TYPES = ("csv", "json", "sensorthings", "energidataservice")
CHART_KEYS = ("type", "color", "y_min", "y_max", "thresholds")
TOUR_KEYS = ("title", "description", "stops", "link")
STOP_KEYS = ("case_study", "notes", "minutes")


def parse_meta(doc: YamlDoc, ctx: Ctx) -> PackMeta | None:
    c = Checker(doc, ctx)
    data = c.mapping(doc.data, (), PACK_KEYS, required=("id", "version", "title", "languages",
                                                       "default_language"))
    if data is None:
        return None
    pack_id = c.slug(data.get("id"), ("id",), "pack id")
    version = c.integer(data.get("version"), ("version",), lo=1)
    languages: list[str] = []
    for i, lang in enumerate(c.seq(data.get("languages"), ("languages",))):
        code = c.text(lang, ("languages", i))
        if code is None:
            continue
        if code in languages:
            c.error(("languages", i), f"language {code!r} is listed twice")
        elif not code or len(code) > 16 or not code.replace("-", "").isalnum():
            c.error(("languages", i), f"{code!r} is not a language code like 'en' or 'da'")
        else:
            languages.append(code)
    if "languages" in data and not languages:
        c.error(("languages",), "list at least one language, like [en]")
    default = c.text(data.get("default_language"), ("default_language",))
    if default is not None and languages and default not in languages:
        c.error(("default_language",), f"default_language {default!r} is not in languages {languages}")
    title = c.i18n(data.get("title"), ("title",), languages)
    if default and "title" in data and not title.get(default):
        c.error(("title",), f"title needs text in the default language {default!r}")
    themes: list[Theme] = []
    seen: set[str] = set()
    for i, item in enumerate(c.seq(data.get("themes"), ("themes",))):
        path = ("themes", i)
        t = c.mapping(item, path, THEME_KEYS, required=("id", "title", "color"))
        if t is None:
            continue
        tid = c.slug(t.get("id"), (*path, "id"), "theme id")
        ttitle = c.i18n(t.get("title"), (*path, "title"), languages)
        color = c.color(t.get("color"), (*path, "color"))
        if tid and tid in seen:
            c.error((*path, "id"), f"theme id {tid!r} is used twice")
        elif tid and color:
            seen.add(tid)
            themes.append(Theme(tid, ttitle, color))
    branding = Branding()
    b = data.get("branding")
    if b is not None:
        bm = c.mapping(b, ("branding",), ("logo", "accent_color"))
        if bm is not None:
            logo = c.ref(bm.get("logo"), ("branding", "logo"), "")
            accent = c.color(bm.get("accent_color"), ("branding", "accent_color"))
            branding = Branding(logo=logo, accent_color=accent or Branding.accent_color)
    attract = Attract()
    a = data.get("attract")
    if a is not None:
        am = c.mapping(a, ("attract",), ("featured", "seconds"))
        if am is not None:
            featured = c.text_list(am.get("featured"), ("attract", "featured"))
            for i, slug in enumerate(featured):
                c.want_id("case study", slug, ("attract", "featured", i))
            seconds = c.integer(am.get("seconds"), ("attract", "seconds"), lo=4, hi=120)
            attract = Attract(featured=featured, seconds=seconds or Attract.seconds)
    ask = parse_ask(c, data["ask"], tuple(languages)) if data.get("ask") is not None else None
    if "ask" in data and data["ask"] is None:
        c.error(("ask",), "ask has no value")
    if not languages or default not in languages:
        return None
    # With a bad id or version the pack is refused anyway; keep going to report everything else.
    return PackMeta(pack_id or "invalid", version or 1, title, tuple(languages), default, tuple(themes),
                    branding, attract, ask=ask)


def parse_dataset(doc: YamlDoc, ds_id: str, languages: tuple[str, ...], ctx: Ctx) -> Dataset | None:
    c = Checker(doc, ctx)
    data = c.mapping(doc.data, (), DATASET_KEYS, required=("title", "source"))
    if data is None:
        return None
    title = c.i18n(data.get("title"), ("title",), languages)
    source: dict[str, Any] = {}
    src = data.get("source")
    if isinstance(src, dict):
        source = dict(src)
        kind = source.get("type")
        if kind not in SOURCE_TYPES:
            c.error(("source", "type") if "type" in src else ("source",),
                    f"source.type must be one of {', '.join(SOURCE_TYPES)}, found {kind!r}"
                    f"{_suggest_type(kind)}")
        if kind == "csv" and "file" in source:
            path = c.ref(source["file"], ("source", "file"), "datasets")
            if path is not None:
                source["file"] = path
    elif src is not None:
        c.error(("source",), "source must be a mapping with a 'type' key")
    refresh = c.integer(data.get("refresh"), ("refresh",), lo=1)
    history = c.integer(data.get("history"), ("history",), lo=1)
    chart = _chart(c, data.get("chart"), languages)
    sample = c.boolean(data.get("sample"), ("sample",))
    stale_after = c.integer(data.get("stale_after"), ("stale_after",), lo=1)
    return Dataset(
        id=ds_id, title=title, unit=c.text(data.get("unit"), ("unit",)) or "", source=source,
        refresh=refresh or Dataset.refresh, history=history or Dataset.history, chart=chart,
        sample=bool(sample), credit=c.text(data.get("credit"), ("credit",)) or "",
        stale_after=stale_after,
    )


def _suggest_type(kind: Any) -> str:
    from kiosk.content.checks import suggest

    return suggest(str(kind), SOURCE_TYPES) if kind is not None else ""


def _chart(c: Checker, value: Any, languages: tuple[str, ...]) -> ChartSpec:
    if value is None:
        return ChartSpec()
    m = c.mapping(value, ("chart",), CHART_KEYS)
    if m is None:
        return ChartSpec()
    kind = m.get("type", "line")
    if kind not in ("line", "bar", "step"):
        c.error(("chart", "type"), f"chart.type must be line, bar or step, found {kind!r}")
        kind = "line"
    thresholds: list[Threshold] = []
    for i, item in enumerate(c.seq(m.get("thresholds"), ("chart", "thresholds"))):
        path = ("chart", "thresholds", i)
        t = c.mapping(item, path, ("value", "color", "label"), required=("value", "color"))
        if t is None:
            continue
        val = c.number(t.get("value"), (*path, "value"))
        color = c.color(t.get("color"), (*path, "color"))
        label = c.i18n(t.get("label"), (*path, "label"), languages)
        if val is not None and color:
            thresholds.append(Threshold(val, color, label))
    return ChartSpec(
        type=cast(ChartType, kind), thresholds=tuple(thresholds),
        color=c.color(m.get("color"), ("chart", "color")),
        y_min=c.number(m.get("y_min"), ("chart", "y_min")),
        y_max=c.number(m.get("y_max"), ("chart", "y_max")),
    )


def parse_tour(doc: YamlDoc, tour_id: str, languages: tuple[str, ...], ctx: Ctx) -> Tour | None:
    c = Checker(doc, ctx)
    data = c.mapping(doc.data, (), TOUR_KEYS, required=("title", "stops"))
    if data is None:
        return None
    stops: list[TourStop] = []
    for i, item in enumerate(c.seq(data.get("stops"), ("stops",))):
        path = ("stops", i)
        s = c.mapping(item, path, STOP_KEYS, required=("case_study",))
        if s is None:
            continue
        slug = c.text(s.get("case_study"), (*path, "case_study"))
        c.want_id("case study", slug, (*path, "case_study"))
        minutes = c.number(s.get("minutes"), (*path, "minutes"))
        if minutes is not None and minutes < 0:
            c.error((*path, "minutes"), "minutes must not be negative")
        notes = c.i18n(s.get("notes"), (*path, "notes"), languages)
        if slug:
            stops.append(TourStop(slug, notes, minutes))
    if "stops" in data and not stops and not any(p.file == doc.file for p in ctx.problems):
        c.error(("stops",), "a tour needs at least one stop")
    link = c.text(data.get("link"), ("link",))
    if link is not None and not re.match(r"^https://[^\s/]+\.[^\s]+$", link):
        c.error(("link",), f"link must be a full https:// address, found {link!r}")
        link = None
    return Tour(
        id=tour_id,
        title=c.i18n(data.get("title"), ("title",), languages),
        description=c.i18n(data.get("description"), ("description",), languages),
        stops=tuple(stops),
        link=link,
    )


def stem(name: str) -> str:
    return posixpath.splitext(posixpath.basename(name))[0]
