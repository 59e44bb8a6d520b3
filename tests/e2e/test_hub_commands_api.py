"""The hub's command API over real HTTP (uvicorn on 127.0.0.1): who may do what, and clear refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

pytest.importorskip("uvicorn")

from kiosk.hub.app import HubSettings
from tests.helpers.fleet import ADMIN, FLEET
from tests.helpers.servers import running_hub

BEARER = {"Authorization": f"Bearer {ADMIN}"}
KIOSK = {"Authorization": f"Bearer {FLEET}"}


def test_without_an_admin_token_commands_are_off(tmp_path: Path) -> None:
    with running_hub(HubSettings(tmp_path, fleet_token=FLEET)) as url:
        resp = requests.post(f"{url}/api/v1/commands", json={"target": "kiosk:a", "kind": "sync_now"},
                             headers=KIOSK, timeout=10)
        assert resp.status_code == 403 and "--token-file" in resp.json()["detail"]
        assert "Fleet commands are off" in requests.get(f"{url}/fleet", timeout=10).text


def test_who_may_send_and_what_is_refused(tmp_path: Path) -> None:
    with running_hub(HubSettings(tmp_path, token=ADMIN, fleet_token=FLEET)) as url:
        new = {"target": "kiosk:lab-1", "kind": "screenshot"}
        assert requests.post(f"{url}/api/v1/commands", json=new, timeout=10).status_code == 401
        assert requests.post(f"{url}/api/v1/commands", json=new, headers=KIOSK, timeout=10).status_code == 401
        assert requests.get(f"{url}/api/v1/commands", headers=KIOSK, timeout=10).status_code == 401
        bad = requests.post(f"{url}/api/v1/commands", json={**new, "target": "lab-1"}, headers=BEARER,
                            timeout=10)
        assert bad.status_code == 422 and "must be 'kiosk:<id>' or 'channel:<name>'" in bad.text
        empty = requests.post(f"{url}/api/v1/commands", headers=BEARER, timeout=10,
                              json={"target": "channel:main", "kind": "staff_message"})
        assert empty.status_code == 422 and "non-empty 'text'" in empty.text
        unknown = requests.post(f"{url}/api/v1/commands", json={**new, "kind": "format_disk"}, headers=BEARER,
                                timeout=10)
        assert unknown.status_code == 422 and "kind" in unknown.text

        shot = requests.post(f"{url}/api/v1/commands", json=new, headers=BEARER, timeout=10).json()
        other = requests.post(f"{url}/api/v1/commands", json={**new, "kind": "sync_now"}, headers=BEARER,
                              timeout=10).json()
        png = b"\x89PNG\r\n\x1a\n" + b"\0" * 100
        up = f"{url}/api/v1/screenshots"
        assert requests.post(up, params={"kiosk_id": "lab-1", "command": shot["id"]}, data=png,
                             timeout=10).status_code == 401
        assert requests.post(up, params={"kiosk_id": "lab-1", "command": shot["id"]}, data=b"GIF89a",
                             headers=KIOSK, timeout=10).status_code == 415
        assert requests.post(up, params={"kiosk_id": "lab-1", "command": other["id"]}, data=png,
                             headers=KIOSK, timeout=10).status_code == 409
        assert requests.post(up, params={"kiosk_id": "lab-2", "command": shot["id"]}, data=png,
                             headers=KIOSK, timeout=10).status_code == 409
        assert requests.post(up, params={"kiosk_id": "lab-1", "command": shot["id"]}, data=png,
                             headers=KIOSK, timeout=10).status_code == 200

        ack = {"kiosk_id": "lab-2", "acks": [{"id": shot["id"], "status": "ok", "detail": ""}]}
        assert requests.post(f"{url}/api/v1/commands/ack", json=ack, headers=KIOSK, timeout=10).json()[
            "recorded"] == 0  # lab-2 cannot answer for lab-1


def test_the_page_unlocks_with_the_token_only(tmp_path: Path) -> None:
    with running_hub(HubSettings(tmp_path, token=ADMIN, fleet_token=FLEET)) as url:
        session = requests.Session()
        wrong = session.post(f"{url}/fleet/login", data={"token": "guess"}, timeout=10)
        assert wrong.status_code == 401 and "Wrong hub token" in wrong.text
        assert session.post(f"{url}/fleet/commands", data={"target": "channel:main", "kind": "sync_now"},
                            timeout=10).status_code == 401
        ok = session.post(f"{url}/fleet/login", data={"token": ADMIN}, timeout=10)
        assert ok.status_code == 200 and 'action="/fleet/logout"' in ok.text  # followed the redirect
        cookie = next(c for c in session.cookies if c.name == "kiosk_hub_session")
        assert ADMIN not in (cookie.value or "") and cookie.has_nonstandard_attr("HttpOnly")
        sent = session.post(f"{url}/fleet/commands", data={"target": "channel:main", "kind": "sync_now"},
                            timeout=10)
        assert sent.status_code == 200 and "Recent commands" in sent.text
        session.post(f"{url}/fleet/logout", timeout=10)
        assert 'action="/fleet/login"' in session.get(f"{url}/fleet", timeout=10).text
