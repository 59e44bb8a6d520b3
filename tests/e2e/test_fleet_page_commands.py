"""A manager's view: a hub process with two kiosk processes, /fleet in headless Chromium.

Chromium (driven over the DevTools pipe) unlocks the page with the hub token, presses the
Screenshot button on one kiosk's row and the channel's Sync now; the kiosk's screenshot then shows
next to its row and the outcomes read "done". The page's own PNG is kept for a person to look at.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kiosk.sync.publish import publish_path
from tests.helpers.cdp import CHROMIUM, Browser
from tests.helpers.fleet import ADMIN, KioskProcess, hub_process, wait_for

pytest.importorskip("uvicorn")

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")]


def test_fleet_page_buttons_in_chromium(tmp_path: Path, bundled_pack: Path) -> None:
    root = tmp_path / "hub"
    publish_path(bundled_pack, root, "main")
    with hub_process(root, tmp_path) as hub:
        kiosks = [KioskProcess(k, tmp_path, hub.url) for k in ("lab-a", "lab-b")]
        browser = None
        try:
            for kiosk in kiosks:
                kiosk.start()
            for kiosk in kiosks:
                wait_for(lambda k=kiosk: hub.kiosk(k.kiosk_id), 90, f"{kiosk.kiosk_id}'s heartbeat",
                         kiosk.proc)
            browser = Browser(tmp_path / "profile", width=1400, height=1000)
            browser.navigate(f"{hub.url}/fleet")
            assert browser.eval("document.querySelectorAll('button[data-kind]').length") == 0
            browser.submit(f"document.querySelector('input[name=token]').value = {ADMIN!r};"
                           "document.querySelector('form[action=\"/fleet/login\"] button').click()")
            buttons = browser.eval("[...document.querySelectorAll('button[data-kind]')]"
                                       ".map(b => b.dataset.target + ' ' + b.dataset.kind)")
            for target in ("channel:main", "kiosk:lab-a", "kiosk:lab-b"):
                for kind in ("sync_now", "screenshot", "restart_at_attract", "staff_message"):
                    assert f"{target} {kind}" in buttons

            browser.submit("document.querySelector('button[data-kind=screenshot][data-target=\"kiosk:lab-a\"]')"
                           ".click()")
            browser.submit("document.querySelector('button[data-kind=sync_now][data-target=\"channel:main\"]')"
                           ".click()")
            shot, sync = (c["id"] for c in sorted(hub_commands(hub), key=lambda c: c["kind"]))
            assert hub.outcome(shot, "lab-a")["status"] == "ok"
            for kiosk in kiosks:
                assert hub.outcome(sync, kiosk.kiosk_id)["status"] == "ok"

            browser.navigate(f"{hub.url}/fleet")
            shown = ("(() => { const i = document.querySelector('tr[data-id=\"lab-a\"] img.shot');"
                     "return !!i && i.complete && i.naturalWidth === 1280; })()")
            wait_for(lambda: browser.eval(shown), 30, "the screenshot on /fleet")
            assert browser.eval("document.querySelector('tr[data-id=\"lab-b\"] img.shot')") is None
            outcomes = browser.eval("[...document.querySelectorAll('tr[data-id=\"lab-a\"] .outcome')]"
                                        ".map(o => o.textContent)")
            assert any(o.startswith("Screenshot: done: uploaded") for o in outcomes), outcomes
            assert any(o.startswith("Sync now: done: synced") for o in outcomes), outcomes
            page = tmp_path / "fleet.png"
            assert browser.screenshot(page).stat().st_size > 20_000
            keep = os.environ.get("KIOSK_KEEP_SCREENSHOTS")
            if keep:
                Path(keep).mkdir(parents=True, exist_ok=True)
                shutil.copy(page, Path(keep) / "fleet-commands.png")
        finally:
            if browser is not None:
                browser.close()
            for kiosk in kiosks:
                kiosk.stop()


def hub_commands(hub) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    import requests

    resp = requests.get(f"{hub.url}/api/v1/commands", headers={"Authorization": f"Bearer {ADMIN}"},
                        timeout=10)
    return list(resp.json()["commands"])
