"""The hub's /voices page in a real headless Chromium, and its CSV export, over the bundled pack."""

from __future__ import annotations

import csv
import io
import re
import uuid
from pathlib import Path

import pytest
import requests

pytest.importorskip("uvicorn")

from kiosk.hub.app import HubSettings
from kiosk.sync.publish import publish_path
from tests.helpers.chromium import CHROMIUM, chromium
from tests.helpers.servers import running_hub

FLEET = "fleet-token-0123456789"
WEEK1, WEEK2 = "2026-11-17T09:00:00Z", "2026-11-24T15:00:00Z"  # a Tuesday each: weeks of 16 and 23 Nov


def post(url: str, kiosk: str, poll: str, choices: list[int], hour: str) -> None:
    votes = [{"key": uuid.uuid4().hex, "poll": poll, "choice": c, "hour": hour} for c in choices]
    answer = requests.post(f"{url}/api/v1/voices", json={"kiosk_id": kiosk, "channel": "main",
                                                         "votes": votes}, timeout=10,
                           headers={"Authorization": f"Bearer {FLEET}"})
    assert answer.status_code == 200, answer.text


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_voices_page_in_headless_chromium(tmp_path: Path, bundled_pack: Path) -> None:
    root = tmp_path / "root"
    publish_path(bundled_pack, root, "main")
    with running_hub(HubSettings(root, fleet_token=FLEET)) as url:
        empty = requests.get(f"{url}/voices", timeout=10).text
        assert "No votes have reached the hub yet." in empty
        post(url, "lab-a", "cooling-from-the-harbour", [0, 0, 0, 1, 2], WEEK1)
        post(url, "lab-b", "cooling-from-the-harbour", [0, 1, 1], WEEK2)
        post(url, "lab-a", "try-next", [3, 3, 0], WEEK2)
        post(url, "lab-a", "gone-poll", [1], WEEK2)

        dom = chromium(f"{url}/voices", tmp_path, "--dump-dom")
        assert "12 votes in 3 poll(s) on 1 channel(s)" in dom
        cooling = dom[dom.index('data-poll="cooling-from-the-harbour"'):dom.index('data-poll="gone-poll"')]
        assert "Should your building be cooled with seawater" in cooling and "8 votes" in cooling
        assert re.findall(r'data-choice="(\d)" data-votes="(\d+)"><span>([^<]+)<', cooling) == [
            ("0", "4", "Yes"), ("1", "3", "Maybe"), ("2", "1", "No")]
        assert re.findall(r'data-week="([^"]+)"><td>[^<]+</td><td class="num">(\d+)<', cooling) == [
            ("2026-11-16", "5"), ("2026-11-23", "3")]
        kiosks = re.findall(r'data-kiosk="([^"]+)">(.*?)</tr>', cooling)
        assert [k for k, _ in kiosks] == ["lab-a", "lab-b"]
        assert re.findall(r">(\d+)<", kiosks[0][1]) == ["3", "1", "1", "5"]
        ask = dom[dom.index('data-poll="try-next"'):]
        assert "What should our city try next?" in ask and "lab-wide question" in ask
        assert "Car-free Sundays in the centre" in ask and "Cooling a capital with seawater" in ask
        gone = dom[dom.index('data-poll="gone-poll"'):dom.index('data-poll="try-next"')]
        assert "not in the channel's packs" in gone
        shot = tmp_path / "voices.png"
        chromium(f"{url}/voices", tmp_path, f"--screenshot={shot}", "--window-size=1280,1400")
        assert shot.stat().st_size > 5000

        export = requests.get(f"{url}/voices.csv", params={"channel": "main"}, timeout=10)
        assert export.headers["Content-Type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(export.text)))
        assert {"channel": "main", "poll": "cooling-from-the-harbour", "kiosk_id": "lab-a",
                "week": "2026-11-16", "choice": "0", "votes": "3", "refused": "0"} in rows
        assert sum(int(r["votes"]) for r in rows) == 12
        assert requests.get(f"{url}/voices.csv", params={"channel": "../x"}, timeout=10).status_code == 422
