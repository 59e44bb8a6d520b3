"""The hub's voice endpoints over real HTTP, fed by a real ballot: dedupe, the hourly cap, ETag."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
import requests

pytest.importorskip("uvicorn")

from kiosk.hub.app import HubSettings
from kiosk.hub.voicedb import HOURLY_CAP
from kiosk.voice import Ballot, Tally, Vote
from tests.helpers.servers import running_hub

HOUR = "2026-11-29T10:00:00Z"
FLEET = "fleet-token-0123456789"


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[str]:
    with running_hub(HubSettings(tmp_path / "root", token="tok", fleet_token=FLEET)) as url:
        yield url


def votes(n: int, poll: str = "street", hour: str = HOUR) -> list[dict[str, object]]:
    return [{"key": uuid.uuid4().hex, "poll": poll, "choice": i % 3, "hour": hour} for i in range(n)]


def post(url: str, kiosk: str, batch: list[dict[str, object]], channel: str = "main",
         token: str | None = FLEET) -> requests.Response:
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return requests.post(f"{url}/api/v1/voices", json={"kiosk_id": kiosk, "channel": channel,
                                                        "votes": batch}, headers=headers, timeout=30)


@pytest.mark.parametrize("token", [None, "wrong-token-0123456789"])
def test_votes_need_the_fleet_token(hub: str, token: str | None) -> None:
    answer = post(hub, "k1", votes(3), token=token)
    assert answer.status_code == 401
    doc = requests.get(f"{hub}/api/v1/voices/main", timeout=5).json()
    assert doc["polls"] == {}


def test_a_batch_sent_twice_counts_once(hub: str) -> None:
    batch = votes(10)
    first = post(hub, "k1", batch).json()
    assert (first["accepted"], first["duplicates"], first["refused"]) == (10, 0, {})
    again = post(hub, "k1", batch + votes(2)).json()
    assert (again["accepted"], again["duplicates"]) == (2, 10)
    doc = requests.get(f"{hub}/api/v1/voices/main", timeout=5).json()
    assert doc["polls"]["street"]["total"] == 12 and doc["polls"]["street"]["choices"] == [5, 4, 3]


def test_aggregate_per_channel_and_kiosk(hub: str) -> None:
    post(hub, "k1", votes(3))
    post(hub, "k2", votes(2))
    post(hub, "k2", votes(2, poll="try-next"))
    post(hub, "k3", votes(5), channel="other")
    doc = requests.get(f"{hub}/api/v1/voices/main", timeout=5).json()
    street = doc["polls"]["street"]
    assert street["total"] == 5 and street["choices"] == [2, 2, 1]
    assert street["kiosks"] == {"k1": [1, 1, 1], "k2": [1, 1, 0]}
    assert doc["polls"]["try-next"]["kiosks"] == {"k2": [1, 1]}
    other = requests.get(f"{hub}/api/v1/voices/other", timeout=5).json()
    assert list(other["polls"]) == ["street"] and other["polls"]["street"]["total"] == 5


def test_etag_gives_304_until_a_batch_changes_something(hub: str) -> None:
    batch = votes(3)
    post(hub, "k1", batch)
    first = requests.get(f"{hub}/api/v1/voices/main", timeout=5)
    etag = first.headers["ETag"]
    cached = {"If-None-Match": etag}
    assert requests.get(f"{hub}/api/v1/voices/main", headers=cached, timeout=5).status_code == 304
    post(hub, "k1", batch)  # only duplicates: nothing changed
    assert requests.get(f"{hub}/api/v1/voices/main", headers=cached, timeout=5).status_code == 304
    post(hub, "k1", votes(1))
    fresh = requests.get(f"{hub}/api/v1/voices/main", headers=cached, timeout=5)
    assert fresh.status_code == 200 and fresh.json()["polls"]["street"]["total"] == 4


def test_hourly_cap_refuses_and_counts_once(hub: str) -> None:
    first, second = votes(1000), votes(HOURLY_CAP - 1000 + 7)
    assert post(hub, "k1", first).json()["accepted"] == 1000
    answer = post(hub, "k1", second).json()
    assert (answer["accepted"], answer["refused"]) == (HOURLY_CAP - 1000, {"street": 7})
    again = post(hub, "k1", second).json()  # a retry of the same batch: no new refusals
    assert (again["accepted"], again["duplicates"], again["refused"]) == (0, len(second), {})
    other_hour = post(hub, "k1", votes(5, hour="2026-11-29T11:00:00Z")).json()
    assert other_hour["accepted"] == 5
    assert post(hub, "k2", votes(5)).json()["accepted"] == 5  # the cap is per kiosk
    street = requests.get(f"{hub}/api/v1/voices/main", timeout=5).json()["polls"]["street"]
    assert street["total"] == HOURLY_CAP + 10 and street["refused"] == 7


@pytest.mark.parametrize("vote", [
    {"key": "k" * 32, "poll": "Not An Id", "choice": 0, "hour": HOUR},
    {"key": "k" * 32, "poll": "street", "choice": 5, "hour": HOUR},
    {"key": "k" * 32, "poll": "street", "choice": 0, "hour": "2026-11-29T10:17:00Z"},
    {"key": "k" * 32, "poll": "street", "choice": 0, "hour": HOUR, "visit": "abc"},
])
def test_bad_votes_are_refused_whole(hub: str, vote: dict[str, object]) -> None:
    assert post(hub, "k1", [vote]).status_code == 422
    assert requests.get(f"{hub}/api/v1/voices/main", timeout=5).json()["polls"] == {}


def test_bad_channel(hub: str) -> None:
    assert post(hub, "k1", votes(1), channel="../x").status_code == 422
    assert requests.get(f"{hub}/api/v1/voices/a..b", timeout=5).status_code == 422


def test_ballot_flushes_to_the_hub_and_counts_hub_refusals(hub: str, tmp_path: Path) -> None:
    ballot = Ballot(tmp_path / "kiosk.db", min_interval=0)
    for i in range(30):
        visit = f"visit-{i}"
        ballot.record("street", i % 2, visit)
        ballot.end_visit(visit)

    def send(batch: list[Vote]) -> Mapping[str, int] | None:
        answer = post(hub, "k1", [v.as_json() for v in batch])
        return answer.json()["refused"] if answer.ok else None

    assert ballot.flush(send, batch=7) == 30
    assert ballot.unsent() == [] and ballot.flush(send) == 0
    doc = requests.get(f"{hub}/api/v1/voices/main", timeout=5).json()
    assert doc["polls"]["street"]["choices"] == [15, 15]
    assert [c.votes for c in ballot.counts("street")] == [15, 15]
    ballot.close()


def test_a_failed_send_keeps_the_votes(tmp_path: Path) -> None:
    ballot = Ballot(tmp_path / "kiosk.db", min_interval=0)
    ballot.record("street", 0, "v")
    ballot.end_visit("v")
    sent: list[list[str]] = []

    def down(batch: list[Vote]) -> Mapping[str, int] | None:
        sent.append([v.key for v in batch])
        return None

    assert ballot.flush(down) == 0 and ballot.flush(down) == 0
    assert sent[0] == sent[1] and len(ballot.unsent()) == 1  # the same key goes again
    assert ballot.flush(lambda batch: {"street": 1}) == 1
    assert ballot.refused() == {("street", "hub-cap"): 1}
    ballot.close()


def test_a_month_offline_then_catching_up(hub: str, tmp_path: Path) -> None:
    now = [1_794_992_399.0 - 30 * 86400]
    ballot = Ballot(tmp_path / "kiosk.db", clock=lambda: now[0])
    for i in range(30 * 24):  # one vote an hour for 30 days, sent in one go
        ballot.record("street", i % 3, f"visit-{i}")
        ballot.end_visit(f"visit-{i}")
        now[0] += 3600

    def send(batch: list[Vote]) -> Mapping[str, int] | None:
        answer = post(hub, "k1", [v.as_json() for v in batch])
        return answer.json()["refused"] if answer.ok else None

    assert len({v.hour for v in ballot.unsent(limit=10_000)}) == 720
    assert ballot.flush(send, batch=500) == 720 and ballot.refused() == {}
    street = requests.get(f"{hub}/api/v1/voices/main", timeout=5).json()["polls"]["street"]
    assert street["choices"] == [240, 240, 240] and street["refused"] == 0
    ballot.close()


def sync_voices(url: str, ballot: Ballot, kiosk: str) -> None:
    """What a sync does with votes: send the final ones, then fetch the aggregate (304 if unchanged)."""
    def send(batch: list[Vote]) -> Mapping[str, int] | None:
        answer = post(url, kiosk, [v.as_json() for v in batch])
        return answer.json()["refused"] if answer.ok else None

    ballot.flush(send)
    answer = requests.get(f"{url}/api/v1/voices/main", headers={"If-None-Match": ballot.hub_etag("main")},
                          timeout=5)
    if answer.status_code == 200:
        ballot.remember_hub("main", answer.json(), answer.headers["ETag"])


def test_tally_is_the_hub_plus_what_it_has_not_got_yet(hub: str, tmp_path: Path) -> None:
    clock = [1_794_992_399.0]
    a = Ballot(tmp_path / "a.db", min_interval=0, clock=lambda: clock[0])
    b = Ballot(tmp_path / "b.db", min_interval=0, clock=lambda: clock[0])
    assert a.tally("street", 3, "main") == Tally((0, 0, 0), local_only=True)
    for i, choice in enumerate([0, 1, 1, 2]):
        b.record("street", choice, f"b{i}")
        b.end_visit(f"b{i}")
    a.record("street", 0, "a0")
    a.end_visit("a0")
    assert a.tally("street", 3, "main") == Tally((1, 0, 0), local_only=True)  # no hub yet: say so
    sync_voices(hub, b, "kiosk-b")
    sync_voices(hub, a, "kiosk-a")
    assert a.tally("street", 3, "main") == Tally((2, 2, 1), local_only=False)
    clock[0] += 60
    a.record("street", 2, "a1")  # cast, visit still open: the visitor sees it counted at once
    assert a.tally("street", 3, "main").counts == (2, 2, 2)
    a.end_visit("a1")
    clock[0] += 60
    a.flush(lambda batch: post(hub, "kiosk-a", [v.as_json() for v in batch]).json()["refused"])
    assert a.tally("street", 3, "main").counts == (2, 2, 2)  # sent after the snapshot: still counted once
    etag = a.hub_etag("main")
    sync_voices(hub, a, "kiosk-a")
    assert a.hub_etag("main") != etag and a.tally("street", 3, "main").counts == (2, 2, 2)
    assert a.tally("street", 3, "main").shares() == (1 / 3, 1 / 3, 1 / 3)
    a.close()
    b.close()
