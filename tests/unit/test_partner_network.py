"""Who works with whom, without Qt: the graph from a pack, and rows that never overlap."""

from __future__ import annotations

import itertools
from pathlib import Path

from kiosk.content.loader import load_pack
from kiosk.content.network import build_network, layout_rows, tour_partners
from kiosk.content.reader import PackContent
from kiosk.content.sources import DirectorySource
from tests.bench.gen_partners import make_partner_reader

CONTENT = Path(__file__).resolve().parents[2] / "content"


def test_bundled_pack_network() -> None:
    reader = PackContent(load_pack(DirectorySource(CONTENT)), DirectorySource(CONTENT))
    net = build_network(reader)
    assert len(net.cases) == 15 and len(net.partners) == 47
    assert net.projects("taarnby-forsyning") == {"taarnby-district-cooling"}
    assert {"copenhagen-district-cooling", "energylab-nordhavn"} <= net.projects("hofor")
    # HOFOR shares district heating with CTR, and Tårnby's plant too: co-partners across projects.
    assert {"ctr", "copenhagen", "dtu"} <= net.co_partners("hofor")
    assert "hofor" not in net.co_partners("hofor")
    assert net.team("taarnby-district-cooling") == {"taarnby-forsyning", "taarnby", "ramboll", "ctr"}


def test_plain_names_have_no_node() -> None:
    reader = make_partner_reader(8, 4)
    net = build_network(reader)
    assert all(pid.startswith("org-") for pid, _ in net.edges)
    assert len(set(net.edges)) == len(net.edges)


def test_rows_never_overlap_on_a_side_and_follow_the_projects() -> None:
    net = build_network(make_partner_reader(60, 30))
    assert len(net.partners) == 60 and len(net.cases) == 30
    rows = layout_rows(net)
    assert sorted(rows.case_row.values()) == [float(i) for i in range(30)]
    for side in (-1, 1):
        column = sorted(r for pid, r in rows.partner_row.items() if rows.partner_side[pid] == side)
        assert all(b - a >= 1.0 for a, b in itertools.pairwise(column)), side
        assert 25 <= len(column) <= 35
    assert rows.height >= max(rows.partner_row.values()) + 1
    # A partner with one project sits at or below that project's row (pushed down, never up).
    single = [p for p in net.partners if len(net.projects(p.id)) == 1]
    assert single
    for p in single:
        (slug,) = net.projects(p.id)
        assert rows.partner_row[p.id] >= rows.case_row[slug] * max(1.0, 30 / 30) - 1e-9


def test_one_partner_column_for_narrow_screens() -> None:
    net = build_network(make_partner_reader(60, 30))
    rows = layout_rows(net, sides=1)
    assert set(rows.partner_side.values()) == {1}
    column = sorted(rows.partner_row.values())
    assert len(column) == 60 and all(b - a >= 1.0 for a, b in itertools.pairwise(column))
    assert rows.height >= 60  # the partner column is the tall one: the view scrolls


def test_tour_partners_in_order_of_the_stops_once_each() -> None:
    reader = PackContent(load_pack(DirectorySource(CONTENT)), DirectorySource(CONTENT))
    tour = reader.tour("energy-transition")
    assert tour is not None
    found = tour_partners(reader, [s.case_study for s in tour.stops])
    assert [p.id for p in found[:3]] == ["middelgrunden-cooperative", "orsted", "ceeo"]
    assert len({p.id for p in found}) == len(found)
