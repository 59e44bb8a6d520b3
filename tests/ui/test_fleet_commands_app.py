"""Hub commands inside the running app (qtbot): restart waits for the attract loop, staff messages
reach an open admin panel. A real hub (uvicorn on 127.0.0.1) queues and delivers them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from pytestqt.qtbot import QtBot

pytest.importorskip("uvicorn")

from kiosk.app import KioskApp, build_app
from kiosk.config import Config
from kiosk.hub.app import HubSettings
from kiosk.sync.publish import publish_path
from kiosk.ui.fleetctl import EXIT_RESTART, FleetCommands
from kiosk.ui.services import SyncScheduler
from tests.helpers.fleet import ADMIN, FLEET
from tests.helpers.servers import running_hub


def send(url: str, target: str, kind: str, text: str = "") -> str:
    resp = requests.post(f"{url}/api/v1/commands", json={"target": target, "kind": kind, "text": text},
                         headers={"Authorization": f"Bearer {ADMIN}"}, timeout=10)
    assert resp.status_code == 200, resp.text
    return str(resp.json()["id"])


def outcome(url: str, command_id: str, kiosk_id: str) -> dict[str, str]:
    resp = requests.get(f"{url}/api/v1/commands", headers={"Authorization": f"Bearer {ADMIN}"}, timeout=10)
    return next(c for c in resp.json()["commands"] if c["id"] == command_id)["outcomes"][kiosk_id]


@pytest.fixture
def hub(tmp_path: Path, bundled_pack: Path) -> Iterator[str]:
    root = tmp_path / "hub"
    publish_path(bundled_pack, root, "main")
    with running_hub(HubSettings(root, token=ADMIN, fleet_token=FLEET)) as url:
        yield url


def app(tmp_path: Path, url: str) -> KioskApp:
    cfg = Config()
    cfg.kiosk.id, cfg.kiosk.data_dir = "lab-ui", str(tmp_path / "kiosk")
    cfg.sync.hub_url, cfg.sync.channel, cfg.sync.token, cfg.sync.push = url, "main", FLEET, False
    cfg.data.enabled = False
    return build_app(cfg, windowed=True, size="1280x800", animate=False)


def test_restart_waits_for_the_attract_loop(qtbot: QtBot, tmp_path: Path, hub: str) -> None:
    url = hub
    kiosk = app(tmp_path, url)
    try:
        fleet = next(s for s in kiosk.services if isinstance(s, FleetCommands))
        sched = next(s for s in kiosk.services if isinstance(s, SyncScheduler))
        quits: list[int] = []
        fleet.quit = quits.append
        kiosk.window.go("case:copenhagen-district-cooling")  # a visitor is reading
        restart = send(url, "kiosk:lab-ui", "restart_at_attract")
        with qtbot.waitSignal(fleet.received, timeout=20_000):
            sched.send_heartbeat()
        # The command has run on the main thread (its slot was connected first): it waits.
        assert fleet.inbox.status(restart) == ("running", "")
        assert quits == [] and outcome(url, restart, "lab-ui")["status"] == "delivered"

        kiosk.window.go("attract")  # the idle reset
        qtbot.waitUntil(lambda: quits == [EXIT_RESTART], timeout=20_000)
        done = outcome(url, restart, "lab-ui")  # acknowledged before the quit
        assert (done["status"], done["detail"]) == ("ok", "restarted at the attract loop")
    finally:
        kiosk.shutdown()


def test_a_restart_waits_for_a_screenshot_upload_and_its_acknowledgement(qtbot: QtBot, tmp_path: Path,
                                                                         hub: str) -> None:
    kiosk = app(tmp_path, hub)
    try:
        fleet = next(s for s in kiosk.services if isinstance(s, FleetCommands))
        sched = next(s for s in kiosk.services if isinstance(s, SyncScheduler))
        quits: list[tuple[int, str]] = []
        shot = send(hub, "kiosk:lab-ui", "screenshot")
        fleet.quit = lambda code: quits.append((code, outcome(hub, shot, "lab-ui")["status"]))
        restart = send(hub, "kiosk:lab-ui", "restart_at_attract")  # on attract: due at once
        with qtbot.waitSignal(fleet.received, timeout=20_000):
            sched.send_heartbeat()
        qtbot.waitUntil(lambda: quits != [], timeout=20_000)
        assert quits == [(EXIT_RESTART, "ok")]  # the hub had the screenshot's outcome before the quit
        assert fleet.inbox.status(restart) == ("ok", "restarted at the attract loop")
        status, detail = fleet.inbox.status(shot) or ("", "")
        assert status == "ok" and detail.startswith("uploaded"), (status, detail)
    finally:
        kiosk.shutdown()
