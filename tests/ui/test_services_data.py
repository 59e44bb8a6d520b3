"""The running kiosk polls its datasets into the cache and shows the live key figure on home.

The bundled pack, with every live source pointed at a CSV served by a local HTTP server.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.app import build_app
from kiosk.config import Config
from kiosk.data import series_id
from kiosk.runtime.live import live_dataset
from kiosk.ui.services import DataScheduler
from tests.helpers.packs import fresh_csv, local_sources
from tests.helpers.servers import FaultServer


def test_poller_fills_the_cache_and_home_shows_the_live_figure(
    qtbot: QtBot, tmp_path: Path, bundled_pack: Path
) -> None:
    served = tmp_path / "www"
    served.mkdir()
    now = fresh_csv(served / "co2.csv")  # the newest point: 100 at "now"
    with FaultServer(served) as srv:
        pack = local_sources(bundled_pack, tmp_path / "pack", f"{srv.url}/co2.csv")
        cfg = Config()
        cfg.kiosk.data_dir = str(tmp_path / "kiosk")
        kiosk = build_app(cfg, pack_path=pack, windowed=True, size="1280x800", animate=False)
        try:
            assert len([s for s in kiosk.services if isinstance(s, DataScheduler)]) == 1
            ds = live_dataset(kiosk.reader)
            assert ds is not None and ds.id == "dk2-co2-live"  # used by the first featured case study
            assert kiosk.data_cache is not None
            kiosk.window.go("home")
            assert kiosk.window.home.live.isHidden()
            kiosk.start()
            live = kiosk.window.home.live
            # sample data may show first; the live dataset takes over once it has points
            qtbot.waitUntil(lambda: re.match(r"100(\.0)? g/kWh · ", live.text()) is not None, timeout=20_000)
            assert live.isVisibleTo(kiosk.window.home)
            # big (display size, DESIGN.md), honest about its age, and a tap opens its data screen
            theme = kiosk.window.home.theme
            assert live.value_label.font().pixelSize() == theme.font_px("display")
            assert live.text().endswith("updated just now") or "min ago" in live.text()
            qtbot.mouseClick(live, Qt.MouseButton.LeftButton)
            assert str(kiosk.window.current_route) == "data:dk2-co2-live"
            assert kiosk.data_cache.latest(series_id(kiosk.reader.meta.id, ds.id)) == (now, 100.0)
            assert srv.hits("/co2.csv")
        finally:
            kiosk.shutdown()


@pytest.mark.expect_log("kiosk.data")
def test_offline_kiosk_shows_sample_data_labelled_as_such(
    qtbot: QtBot, tmp_path: Path, bundled_pack: Path
) -> None:
    # every live source is unreachable (a closed port on loopback); the pack's sample CSVs still load
    pack = local_sources(bundled_pack, tmp_path / "pack", "http://127.0.0.1:9/unreachable.csv")
    cfg = Config()
    cfg.kiosk.data_dir = str(tmp_path / "kiosk")
    kiosk = build_app(cfg, pack_path=pack, windowed=True, size="1280x800", animate=False)
    try:
        kiosk.window.go("home")
        kiosk.start()
        live = kiosk.window.home.live
        qtbot.waitUntil(lambda: "Sample data" in live.text(), timeout=20_000)
        (scheduler,) = [s for s in kiosk.services if isinstance(s, DataScheduler)]
        assert scheduler.figure.dataset is not None and scheduler.figure.dataset.sample
    finally:
        kiosk.shutdown()
