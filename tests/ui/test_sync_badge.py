"""Only network problems show "Offline since" to visitors; a refused update shows nothing."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot

from kiosk.runtime.status import status_text
from kiosk.sync.state import SyncState
from tests.helpers.servers import FaultServer
from tests.helpers.sync_kiosk import config, make_app, scheduler

UTC = ZoneInfo("UTC")


def test_badge_text_only_for_network_problems() -> None:
    since = "2024-05-01T10:42:00+00:00"
    net = SyncState(last_error="x", error_kind="network", offline_since=since)
    assert status_text(net, UTC) == "Offline since 10:42 — showing saved content"
    assert status_text(SyncState(last_error="x", error_kind="refused"), UTC) is None
    assert status_text(SyncState(last_error="x", error_kind="stale", stale=True), UTC) is None
    assert status_text(SyncState(last_success=since), UTC) is None


@pytest.mark.expect_log("kiosk.sync")
def test_refused_update_clears_the_offline_badge(qtbot: QtBot, tmp_path: Path, tree: FaultServer) -> None:
    """Offline first (503), then the hub answers with a mixed-up manifest: refused, no badge."""
    tree.fault("/v1/channels/main.json", statuses=[503])
    kiosk = make_app(config(tmp_path, tree.url))
    try:
        sched = scheduler(kiosk)
        with qtbot.waitSignal(sched.failed, timeout=20_000):
            kiosk.start()
        badge = kiosk.window.navbar.badge
        assert badge.text().startswith("Offline since ")
        manifest = next((tmp_path / "tree" / "v1" / "packs").glob("*/2/manifest.json"))
        manifest.write_bytes(manifest.read_bytes() + b" ")
        with qtbot.waitSignal(sched.failed, timeout=20_000) as got:
            sched.sync_now()
        assert "mixed-up" in str(got.args[0])
        assert badge.isHidden()
        assert kiosk.window.reader.meta.version == 1
    finally:
        kiosk.shutdown()
