"""The optional ``partners.yaml``: the organisations behind the case studies, listed once.

```yaml
partners:
  - id: hofor
    name: HOFOR                      # or {en: ..., da: ...}
    type: public                     # public, private, knowledge or civic
    logo: media/partners/hofor.svg   # relative to the pack folder
    description: {en: Greater Copenhagen's utility., da: Hovedstadens forsyningsselskab.}
    link: https://www.hofor.dk/
```

Case studies name partners by id (``hofor`` or ``{id: hofor, role: owner}``) or by plain name; the
loader resolves ids to names in each document's language with :func:`resolve_partners`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from typing import Any

from kiosk.content.checks import Checker, Ctx, suggest
from kiosk.content.media import IMAGE_EXTS, ext
from kiosk.content.model import PARTNER_TYPES, CaseStudy, Partner, PartnerRef, pick
from kiosk.content.yamldoc import YamlDoc
from kiosk.errors import Problem

FILE = "partners.yaml"
KEYS = ("id", "name", "type", "logo", "description", "link")
_LINK = re.compile(r"^https://[^\s/]+\.[^\s]+$")


def parse_partners(doc: YamlDoc, languages: tuple[str, ...], default_language: str,
                   ctx: Ctx) -> tuple[Partner, ...]:
    c = Checker(doc, ctx)
    data = c.mapping(doc.data, (), ("partners",), required=("partners",))
    if data is None:
        return ()
    out: list[Partner] = []
    seen: dict[str, int | None] = {}
    for i, item in enumerate(c.seq(data.get("partners"), ("partners",))):
        path = ("partners", i)
        m = c.mapping(item, path, KEYS, required=("id", "name", "type"))
        if m is None:
            continue
        pid = c.slug(m.get("id"), (*path, "id"), "partner id")
        if pid and pid in seen:
            first = f" (first at line {seen[pid]})" if seen[pid] else ""
            c.error((*path, "id"), f"partner id {pid!r} is used twice{first}")
            pid = None
        elif pid:
            seen[pid] = doc.line((*path, "id"))
        name = _text_or_i18n(c, m.get("name"), (*path, "name"), languages, default_language)
        if "name" in m and m.get("name") is not None and not name.get(default_language):
            c.error((*path, "name"), f"{c.name((*path, 'name'))} needs text in the default language "
                                     f"{default_language!r}")
        kind = c.text(m.get("type"), (*path, "type"))
        if kind is not None and kind not in PARTNER_TYPES:
            c.error((*path, "type"), f"partner type must be one of {', '.join(PARTNER_TYPES)}, found "
                                     f"{kind!r}{suggest(kind, PARTNER_TYPES)}")
            kind = None
        logo = c.ref(m.get("logo"), (*path, "logo"), "")
        if logo and ext(logo) not in IMAGE_EXTS:
            c.error((*path, "logo"), f"{c.name((*path, 'logo'))}: {logo} is not a "
                                     f"{'/'.join(sorted(IMAGE_EXTS))} file")
            logo = None
        link = c.text(m.get("link"), (*path, "link"))
        if link is not None and not _LINK.match(link):
            c.error((*path, "link"), f"link must be a full https:// address, found {link!r}")
            link = None
        description = _text_or_i18n(c, m.get("description"), (*path, "description"), languages,
                                    default_language)
        if pid and name.get(default_language) and kind:
            out.append(Partner(pid, name, kind, description, logo, link))
    return tuple(out)


def _text_or_i18n(c: Checker, value: Any, path: tuple[Any, ...], languages: tuple[str, ...],
                  default_language: str) -> dict[str, str]:
    """Plain text (the same in every language) or text per language."""
    if value is None or isinstance(value, Mapping):
        return c.i18n(value, path, languages)
    text = c.text(value, path)
    return {default_language: text} if text else {}


def resolve_partners(case_studies: dict[str, CaseStudy], partners: tuple[Partner, ...],
                     default_language: str, ctx: Ctx) -> dict[str, CaseStudy]:
    """Ids become names in each document's language; plain names that match a partner are warned."""
    by_id = {p.id: p for p in partners}
    by_name: dict[str, str] = {}
    for p in partners:
        for name in p.name.values():
            by_name.setdefault(name.casefold(), p.id)
    for file, line, name in ctx.partner_names:
        if name in by_id:
            continue
        if (pid := by_name.get(name.casefold())) is not None:
            ctx.problems.append(Problem(file, line, f"partner {name!r} is listed in {FILE}: write its id "
                                                    f"{pid!r} so the kiosk can link it", "warning"))
    if not by_id:
        return case_studies
    out: dict[str, CaseStudy] = {}
    for slug, cs in case_studies.items():
        docs = {}
        for lang, doc in cs.docs.items():
            refs = tuple(_resolve(r, by_id, lang, default_language) for r in doc.partner_refs)
            docs[lang] = dataclasses.replace(doc, partner_refs=refs, partners=tuple(r.name for r in refs))
        out[slug] = dataclasses.replace(cs, docs=docs)
    return out


def _resolve(ref: PartnerRef, by_id: dict[str, Partner], lang: str, default_language: str) -> PartnerRef:
    pid = ref.id if ref.id is not None else (ref.name if ref.name in by_id else None)
    partner = by_id.get(pid) if pid is not None else None
    if partner is None:
        return ref
    return PartnerRef(pick(partner.name, lang, default_language)[0], partner.id, ref.role)
