"""A generated pack with many partners: ``make_partner_pack(60, 30)`` for the network view's tests and bench.

Deterministic: case study ``i`` names 3-6 partners picked by a fixed stride, with a role on the first,
so some partners share many projects and others one; every partner takes part in at least one.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kiosk.content.model import PARTNER_TYPES, Pack, Partner, PartnerRef
from kiosk.content.reader import PackContent
from tests.bench.gen_pack import DictSource, make_pack


def make_partner_pack(partners: int = 60, cases: int = 30) -> tuple[Pack, DictSource]:
    pack, source = make_pack(cases)
    plist = tuple(
        Partner(f"org-{k:02d}", {"en": f"Organisation {k:02d} of the lab", "da": f"Organisation {k:02d}"},
                PARTNER_TYPES[k % len(PARTNER_TYPES)], {"en": f"Partner number {k}."},
                link=f"https://example.org/org-{k}" if k % 3 == 0 else None)
        for k in range(partners)
    )
    studies = {}
    for i, (slug, cs) in enumerate(pack.case_studies.items()):
        count = 3 + i % 4
        picked = [(i * 2 + j * 7) % partners for j in range(count)]
        picked += [k for k in range(partners) if k % cases == i]  # everyone takes part somewhere
        ids = list(dict.fromkeys(picked))
        refs = tuple(PartnerRef(plist[k].name["en"], plist[k].id, "lead" if n == 0 else "")
                     for n, k in enumerate(ids))
        docs = {lang: dataclasses.replace(d, partner_refs=refs, partners=tuple(r.name for r in refs))
                for lang, d in cs.docs.items()}
        studies[slug] = dataclasses.replace(cs, docs=docs)
    meta = dataclasses.replace(pack.meta, partners=plist)
    return dataclasses.replace(pack, meta=meta, case_studies=studies), source


def make_partner_reader(partners: int = 60, cases: int = 30) -> PackContent:
    pack, source = make_partner_pack(partners, cases)
    return PackContent(pack, source)  # type: ignore[arg-type]
