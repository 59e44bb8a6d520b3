"""Who works with whom: partners and case studies as a two-sided graph, laid out in rows.

Qt-free so the layout rules are tested without a display: case studies sit in one column in title
order; each partner sits on one side, as close as it can to the rows of its projects (the mean row),
pushed apart so that no two share a row. :mod:`kiosk.ui.widgets.network` draws it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kiosk.content.model import CaseStudy, Partner
from kiosk.content.reader import ContentReader


@dataclass(frozen=True)
class Network:
    partners: tuple[Partner, ...]
    cases: tuple[CaseStudy, ...]
    """In display (title) order: the row of a case study is its index."""
    edges: tuple[tuple[str, str], ...]
    """``(partner id, case-study slug)``, once each."""
    _projects: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)
    _teams: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)

    def projects(self, partner_id: str) -> frozenset[str]:
        """The slugs of the case studies ``partner_id`` took part in."""
        return self._projects.get(partner_id, frozenset())

    def team(self, slug: str) -> frozenset[str]:
        """The partner ids of one case study."""
        return self._teams.get(slug, frozenset())

    def co_partners(self, partner_id: str) -> frozenset[str]:
        """Everyone who shares at least one project with ``partner_id`` (not itself)."""
        out: set[str] = set()
        for slug in self.projects(partner_id):
            out |= self.team(slug)
        out.discard(partner_id)
        return frozenset(out)


def build_network(reader: ContentReader) -> Network:
    """Only partners listed in ``partners.yaml`` and named by id take part; plain names have no node."""
    partners = {p.id: p for p in reader.partners()}
    cases = tuple(reader.case_studies())
    edges: list[tuple[str, str]] = []
    projects: dict[str, set[str]] = defaultdict(set)
    teams: dict[str, set[str]] = defaultdict(set)
    for cs in cases:
        for ref in cs.main.refs():
            if ref.id in partners and ref.id not in teams[cs.slug]:
                edges.append((ref.id, cs.slug))
                projects[ref.id].add(cs.slug)
                teams[cs.slug].add(ref.id)
    used = tuple(p for p in partners.values() if projects.get(p.id))
    return Network(used, cases, tuple(edges), {k: frozenset(v) for k, v in projects.items()},
                   {k: frozenset(v) for k, v in teams.items()})


@dataclass(frozen=True)
class Rows:
    """Row positions (in row units, may be fractional) for each node, and each partner's side."""

    case_row: dict[str, float]
    partner_row: dict[str, float]
    partner_side: dict[str, int]
    """-1: the start side (left in left-to-right), +1: the end side."""
    height: float
    """Rows needed for the tallest column."""


def layout_rows(net: Network, sides: int = 2) -> Rows:
    """Case studies one per row; partners by their projects' mean row, never overlapping.

    With ``sides=2`` partners alternate between the two outer columns; with ``sides=1`` (narrow
    screens) they all go in one column on the end side.
    """
    case_row = {cs.slug: float(i) for i, cs in enumerate(net.cases)}

    def wish(p: Partner) -> float:
        rows = [case_row[s] for s in net.projects(p.id) if s in case_row]
        return sum(rows) / len(rows) if rows else 0.0

    ordered = sorted(net.partners, key=lambda p: (wish(p), p.id))
    side = {p.id: (-1 if i % 2 == 0 and sides == 2 else 1) for i, p in enumerate(ordered)}
    partner_row: dict[str, float] = {}
    for s in (-1, 1):
        column = [p for p in ordered if side[p.id] == s]
        # Spread a crowded column over the case rows it serves; then push down so rows never overlap.
        scale = max(1.0, len(column) / max(1, len(net.cases)))
        nxt = 0.0
        for p in column:
            row = max(wish(p) * scale, nxt)
            partner_row[p.id] = row
            nxt = row + 1.0
    tallest = max([len(net.cases) - 1.0, *partner_row.values(), 0.0]) + 1.0
    return Rows(case_row, partner_row, side, tallest)


def tour_partners(reader: ContentReader, slugs: list[str]) -> list[Partner]:
    """The listed partners behind these case studies (a tour's stops), in order of first appearance."""
    seen: dict[str, Partner] = {}
    for slug in slugs:
        cs = reader.case_study(slug)
        for ref in cs.main.refs() if cs else ():
            partner = reader.meta.partner(ref.id) if ref.id else None
            if partner is not None and partner.id not in seen:
                seen[partner.id] = partner
    return list(seen.values())
