"""The running kiosk syncs in the background and switches content only at the next attract loop.

Real parts throughout: the bundled pack installed into a real Store, a protocol v1 tree published
with ``publish_path`` and served by a local HTTP server, the real SyncEngine in the worker pool.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.sync.state import load_state
from kiosk.ui.services import DataScheduler, SyncScheduler
from tests.helpers.servers import FaultServer
from tests.helpers.sync_kiosk import (
    PACK_ID,
    closed_port_url,
    config,
    make_app,
    scheduler,
)


def test_new_version_waits_for_the_attract_loop(qtbot: QtBot, tmp_path: Path, tree: FaultServer) -> None:
    kiosk = make_app(config(tmp_path, tree.url))
    try:
        sched = scheduler(kiosk)
        assert kiosk.store is not None
        kiosk.window.go("home")  # a visitor is here
        with qtbot.waitSignal(sched.synced, timeout=20_000) as got:
            kiosk.start()
        assert [(u.id, u.version) for u in got.args[0].updates] == [(PACK_ID, 2)]
        assert sched.pending == {PACK_ID: 2}
        assert [p.version for p in kiosk.store.active_packs()] == [1]
        kiosk.window.go("case:copenhagen-district-cooling")
        assert kiosk.window.reader.meta.version == 1
        with qtbot.waitSignal(sched.activated, timeout=10_000) as act:
            kiosk.window.reset_for_next_visitor()
        assert act.args[0] == [(PACK_ID, 2)]
        assert [p.version for p in kiosk.store.active_packs()] == [2]
        assert kiosk.window.reader.meta.version == 2
        assert kiosk.window.reader.meta.title["en"].endswith("v2")
        assert kiosk.window.navbar.badge.isHidden()
    finally:
        kiosk.shutdown()


def test_activation_mid_visit_is_shown_only_at_the_next_attract(
    qtbot: QtBot, tmp_path: Path, tree: FaultServer
) -> None:
    """The store may switch while the attract loop is up; a visitor who touches meanwhile keeps v1."""
    kiosk = make_app(config(tmp_path, tree.url))
    try:
        sched = scheduler(kiosk)
        touched = []

        def touch(_result: object) -> None:  # the first touch lands while the worker activates
            touched.append(sched.activating)
            kiosk.window.go("home")

        sched.synced.connect(touch)
        with qtbot.waitSignal(sched.activated, timeout=20_000):
            kiosk.start()  # on attract: synced and activated without waiting
        assert touched == [True]
        assert kiosk.window.reader.meta.version == 1
        kiosk.window.go("attract")
        assert kiosk.window.reader.meta.version == 2
    finally:
        kiosk.shutdown()


@pytest.mark.expect_log("kiosk.sync")  # the hub is down after the restart
def test_staged_version_survives_a_restart(qtbot: QtBot, tmp_path: Path, tree: FaultServer) -> None:
    cfg = config(tmp_path, tree.url)
    kiosk = make_app(cfg)
    try:
        sched = scheduler(kiosk)
        kiosk.window.go("home")
        with qtbot.waitSignal(sched.synced, timeout=20_000):
            kiosk.start()
    finally:
        kiosk.shutdown()  # power cut before the next attract loop
    assert load_state(cfg.data_paths()).staged[PACK_ID]["version"] == 2
    tree.fault("/v1/channels/main.json", statuses=[503] * 5)  # the hub is down after the restart
    again = make_app(cfg)
    try:
        sched = scheduler(again)
        assert again.window.reader.meta.version == 1
        with qtbot.waitSignal(sched.activated, timeout=10_000):
            again.start()  # starts on attract: the staged version goes live at once
        assert again.window.reader.meta.version == 2
    finally:
        again.shutdown()


@pytest.mark.expect_log("kiosk.sync")
def test_failing_hub_sets_a_calm_badge_and_keeps_content(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = make_app(config(tmp_path, closed_port_url()))
    try:
        sched = scheduler(kiosk)
        with qtbot.waitSignal(sched.failed, timeout=20_000):
            kiosk.start()
        badge = kiosk.window.navbar.badge
        assert badge.isVisibleTo(kiosk.window.navbar)
        assert badge.text().startswith("Offline since ") and "showing saved content" in badge.text()
        assert kiosk.window.reader.meta.version == 1
        assert not sched.pending
    finally:
        kiosk.shutdown()


@pytest.mark.expect_log("kiosk.sync")
def test_badge_clears_when_the_hub_answers_again(qtbot: QtBot, tmp_path: Path, tree: FaultServer) -> None:
    tree.fault("/v1/channels/main.json", statuses=[503])
    kiosk = make_app(config(tmp_path, tree.url))
    try:
        sched = scheduler(kiosk)
        with qtbot.waitSignal(sched.failed, timeout=20_000):
            kiosk.start()
        assert kiosk.window.navbar.badge.text()
        with qtbot.waitSignal(sched.synced, timeout=20_000):
            sched.sync_now()
        assert kiosk.window.navbar.badge.isHidden()
    finally:
        kiosk.shutdown()


def test_no_hub_no_sync_scheduler(qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = make_app(config(tmp_path, ""))
    try:
        assert not [s for s in kiosk.services if isinstance(s, SyncScheduler | DataScheduler)]
    finally:
        kiosk.shutdown()


@pytest.mark.expect_log("kiosk.runtime.sync")
def test_a_quarantined_version_is_not_activated(qtbot: QtBot, tmp_path: Path, tree: FaultServer) -> None:
    from kiosk.health import state

    cfg = config(tmp_path, tree.url)
    kiosk = make_app(cfg)
    try:
        sched = scheduler(kiosk)
        doc = state.load(cfg.data_paths())
        doc["quarantined"] = [{"pack": PACK_ID, "version": 2}]
        state.save(cfg.data_paths(), doc)
        with qtbot.waitSignal(sched.synced, timeout=20_000):
            kiosk.start()  # on attract: it would switch at once, were it not quarantined
        assert not sched.activating and not sched.pending
        assert kiosk.window.reader.meta.version == 1
    finally:
        kiosk.shutdown()
