"""Analytics from the real window's signals into a real buffer, then to the real hub via the workers."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.analytics import EventBuffer
from kiosk.app import build_app
from kiosk.config import Config
from kiosk.hub import fleetdb
from kiosk.hub.app import HubSettings
from kiosk.ui.analytics import AnalyticsRecorder
from tests.helpers.servers import running_hub

CASE = "case:copenhagen-district-cooling"


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def test_views_dwell_language_and_tour_starts(qtbot: QtBot, tmp_path: Path, bundled_pack: Path) -> None:
    cfg = Config()
    cfg.kiosk.id, cfg.kiosk.data_dir, cfg.data.enabled = "lab-9", str(tmp_path / "kiosk"), False
    kiosk = build_app(cfg, pack_path=bundled_pack, windowed=True, size="1280x800", animate=False)
    buf = EventBuffer(cfg.data_paths().ensure().database)
    clock = Clock()
    rec = AnalyticsRecorder(kiosk.window, buf, cfg=cfg, workers=kiosk.workers, clock=clock)
    try:
        w = kiosk.window
        w.go("home")
        clock.t += 5
        w.go(CASE)
        w.set_language("da")
        clock.t += 7
        w.reset_for_next_visitor()  # also resets the language: not counted
        clock.t += 100  # the attract loop: neither a view nor dwell
        w.route_changed.emit("tour:intro:0")
        w.route_changed.emit("tour:intro:1")
        clock.t += 3
        events = [(d["kind"], d["screen"], d["seconds"], d["lang"]) for _, d in buf.oldest(100)]
        assert events == [
            ("screen_view", "home", 0.0, "en"),
            ("dwell", "home", 5.0, ""),
            ("screen_view", CASE, 0.0, "en"),
            ("language", CASE, 0.0, "da"),
            ("dwell", CASE, 7.0, ""),
            ("screen_view", "tour:intro:0", 0.0, "en"),
            ("tour_start", "tour:intro", 0.0, "en"),
            ("dwell", "tour:intro:0", 0.0, ""),
            ("screen_view", "tour:intro:1", 0.0, "en"),
        ]
        with running_hub(HubSettings(root=tmp_path / "hub", fleet_token="fleet-token-0123456789")) as url:
            cfg.sync.hub_url, cfg.sync.token = url, "fleet-token-0123456789"
            with qtbot.waitSignal(rec.flushed, timeout=10_000) as sent:
                rec.flush()
            assert sent.args == [9] and buf.count() == 0
        db = fleetdb.open_hub_db(tmp_path / "hub")
        try:
            assert fleetdb.most_viewed(db) == {"lab-9": [("copenhagen-district-cooling", 1)]}
        finally:
            db.conn.close()
    finally:
        rec.stop()
        kiosk.shutdown()
