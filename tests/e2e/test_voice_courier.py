"""The kiosk's vote courier against a real hub process (``kiosk hub serve``) on 127.0.0.1.

* votes recorded while the hub is down arrive exactly once after it comes up, and the aggregate
  comes back (then 304 with its ETag);
* a hub SIGKILLed while batches are being sent, then restarted on the same root, ends with every
  vote exactly once: the idempotency keys absorb the resend, nothing is lost.
"""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

pytest.importorskip("uvicorn")

from kiosk.sync.http import Limits
from kiosk.sync.voice_courier import Courier
from kiosk.voice import Ballot
from tests.helpers.clock import ManualClock

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "fleet-token-0123456789"
FAST = Limits(connect_timeout=2.0, read_timeout=10.0, retries=1, backoff_factor=0.05, backoff_max=0.2)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Hub:
    """``kiosk hub serve`` as a subprocess that can be killed and started again on the same port."""

    def __init__(self, root: Path, port: int) -> None:
        self.root, self.port = root, port
        self.url = f"http://127.0.0.1:{port}"
        (root.parent / "fleet-token").write_text(TOKEN, encoding="utf-8")
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "hub", "serve", "--root", str(self.root), "--host", "127.0.0.1",
             "--port", str(self.port), "--fleet-token-file", str(self.root.parent / "fleet-token")],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while True:
            try:
                requests.get(f"{self.url}/api/v1/voices/main", timeout=2)
                return
            except requests.ConnectionError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the hub did not start") from None
                time.sleep(0.05)

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def aggregate(self) -> dict:  # type: ignore[type-arg]
        return dict(requests.get(f"{self.url}/api/v1/voices/main", timeout=10).json())


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[Hub]:
    (tmp_path / "hub").mkdir()
    h = Hub(tmp_path / "hub" / "root", free_port())
    yield h
    h.kill()


def a_day_ago() -> ManualClock:
    """Votes spread over the past day (the hub caps a kiosk at 1,500 votes per hour)."""
    return ManualClock(time.time() - 86400)


def cast(ballot: Ballot, clock: ManualClock, n: int, poll: str = "street",
         visits: str = "visit") -> list[int]:
    counts = [0, 0, 0]
    for i in range(n):
        clock.now += 10
        ballot.record(poll, i % 3, f"{visits}-{i}")
        ballot.end_visit(f"{visits}-{i}")
        counts[i % 3] += 1
    clock.now = time.time()
    return counts


def courier(ballot: Ballot, hub: Hub, batch: int = 100) -> Courier:
    return Courier(ballot, hub_url=hub.url, channel="main", kiosk_id="kiosk-a", token=TOKEN, limits=FAST,
                   batch=batch, max_batches=1000)


@pytest.mark.expect_log("urllib3")  # the hub is down at first
@pytest.mark.slow
def test_votes_cast_offline_arrive_once_when_the_hub_comes_up(tmp_path: Path, hub: Hub) -> None:
    clock = a_day_ago()
    ballot = Ballot(tmp_path / "kiosk.db", min_interval=0, clock=clock)
    counts = cast(ballot, clock, 250)
    c = courier(ballot, hub)
    offline = c.run_once()
    assert offline.sent == 0 and "not sent" in offline.error and not offline.fetched
    assert len(ballot.unsent(1000)) == 250
    assert ballot.tally("street", 3, "main").local_only  # no hub yet: this kiosk only

    hub.start()
    report = c.run_once()
    assert report.sent == 250 and report.error == "" and report.fetched
    assert ballot.unsent(1000) == [] and ballot.pending() == 0
    street = hub.aggregate()["polls"]["street"]
    assert street["total"] == 250 and street["choices"] == counts and street["kiosks"] == {"kiosk-a": counts}
    tally = ballot.tally("street", 3, "main")
    assert not tally.local_only and list(tally.counts) == counts  # the hub's count, not doubled locally

    again = c.run_once()
    assert again.sent == 0 and not again.fetched and again.error == ""  # 304: the ETag matched
    assert ballot.hub_etag("main")

    clock.now += c.keep_days * 86400 + 1  # confirmed longer ago than keep_days: pruned by the next run
    cast(ballot, clock, 2, visits="later")
    clock.now += c.keep_days * 86400 + 1
    pruned = c.run_once()
    assert pruned.pruned == 250 and pruned.sent == 2
    assert sum(x.votes for x in ballot.counts("street")) == 2
    assert hub.aggregate()["polls"]["street"]["total"] == 252
    ballot.close()


@pytest.mark.expect_log("urllib3")  # the hub dies mid-batch
@pytest.mark.slow
def test_a_hub_killed_mid_batch_ends_with_every_vote_once(tmp_path: Path, hub: Hub) -> None:
    clock = a_day_ago()
    ballot = Ballot(tmp_path / "kiosk.db", min_interval=0, clock=clock)
    counts = cast(ballot, clock, 3000)
    hub.start()
    c = courier(ballot, hub, batch=50)
    reports = []
    sender = threading.Thread(target=lambda: reports.append(c.run_once()))
    sender.start()
    deadline = time.monotonic() + 60
    while ballot.pending() > 2500:  # some batches are in: the hub is busy with the next ones
        assert time.monotonic() < deadline, "the courier sent nothing"
        time.sleep(0.01)
    hub.kill()
    sender.join(120)
    assert reports and reports[0].error  # the kill cut the run short
    assert 0 < ballot.pending() < 3000
    hub.start()
    rounds = 0
    while ballot.pending():
        rounds += 1
        assert rounds < 10
        c.run_once()
    street = hub.aggregate()["polls"]["street"]
    assert street["total"] == 3000 and street["choices"] == counts and street["refused"] == 0
    ballot.close()


def test_a_plain_static_host_leaves_the_kiosk_on_its_own_counts(tmp_path: Path) -> None:
    """No hub API (a 404 for the aggregate, the POST refused): nothing is marked sent, nothing crashes."""
    import http.server

    class Static(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_error(404)

        def do_POST(self) -> None:
            self.send_error(405)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Static)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        clock = a_day_ago()
        ballot = Ballot(tmp_path / "kiosk.db", min_interval=0, clock=clock)
        cast(ballot, clock, 5)
        c = Courier(ballot, hub_url=f"http://127.0.0.1:{server.server_address[1]}", channel="main",
                    kiosk_id="kiosk-a", limits=FAST)
        report = c.run_once()
        assert report.sent == 0 and "HTTP 405" in report.error
        assert len(ballot.unsent()) == 5
        assert ballot.tally("street", 3, "main").local_only
        ballot.close()
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.slow
@pytest.mark.expect_log("urllib3.connectionpool")  # the daily sends retry against a hub that is down
def test_a_kiosk_offline_for_a_month_catches_up_in_its_weeks(tmp_path: Path, hub: Hub) -> None:
    """31 days of visitors (40 a day, at their own hours) while the hub is down and every daily send
    fails; then the hub comes up: one run sends them all, once, and the hub files them by week."""
    clock = a_day_ago()
    clock.now = time.time() - 31 * 86400
    ballot = Ballot(tmp_path / "kiosk.db", min_interval=0, clock=clock)
    c = courier(ballot, hub)
    counts = [0, 0, 0]
    for day in range(31):
        for i in range(40):
            clock.now += 86400 / 40
            visit = f"d{day}-{i}"
            ballot.record("street", (day + i) % 3, visit)
            ballot.end_visit(visit)
            counts[(day + i) % 3] += 1
        report = c.run_once()  # the daily send: no hub
        assert report.sent == 0 and report.error and report.pruned == 0
    assert ballot.pending() == 1240 and ballot.tally("street", 3, "main").local_only

    hub.start()
    report = c.run_once()
    assert report.sent == 1240 and report.error == "" and report.fetched and report.refused == {}
    assert ballot.pending() == 0 and c.run_once().sent == 0
    street = hub.aggregate()["polls"]["street"]
    assert street["total"] == 1240 and street["choices"] == counts and street["refused"] == 0
    assert list(ballot.tally("street", 3, "main").counts) == counts  # the lab's count, not doubled here
    rows = requests.get(f"{hub.url}/voices.csv", params={"channel": "main"}, timeout=10).text.splitlines()[1:]
    weeks = {row.split(",")[3] for row in rows}
    assert len(weeks) >= 5  # a month of votes lands in the weeks they were cast, not the week they arrived
    assert sum(int(row.split(",")[5]) for row in rows) == 1240
    ballot.close()


@pytest.mark.slow
def test_a_flood_is_stopped_by_both_limits_and_every_refusal_counted(tmp_path: Path, hub: Hub) -> None:
    """A hand on the screen for an hour (a vote attempt every second, each a new "visit"): the kiosk's
    rate limit takes one vote in 3 s. A kiosk without that limit (tampered with) floods the hub: its
    hourly cap takes 1,500 and refuses the rest. Refused votes are counted on both sides, none dropped."""
    hub.start()
    clock = a_day_ago()
    hour = 3600 * (int(time.time()) // 3600 - 5)  # a whole past hour
    clock.now = hour
    limited = Ballot(tmp_path / "limited.db", clock=clock)  # the real limit: 3 s per poll
    for i in range(3600):
        limited.record("street", i % 3, f"hand-{i}")
        limited.end_visit(f"hand-{i}")
        clock.now += 1.0
    assert limited.pending() == 1200 and limited.refused() == {("street", "rate"): 2400}
    sent = courier(limited, hub).run_once()
    assert sent.sent == 1200 and sent.refused == {}

    clock.now = hour
    tampered = Ballot(tmp_path / "tampered.db", min_interval=0, clock=clock)
    for i in range(2000):
        tampered.record("street", 0, f"bot-{i}")
        tampered.end_visit(f"bot-{i}")
        clock.now += 1.0
    c = Courier(tampered, hub_url=hub.url, channel="main", kiosk_id="kiosk-b", token=TOKEN, limits=FAST,
                batch=500, max_batches=100)
    flood = c.run_once()
    assert flood.sent == 2000 and flood.refused == {"street": 500}  # confirmed, 500 of them refused
    assert tampered.refused() == {("street", "hub-cap"): 500} and tampered.pending() == 0
    street = hub.aggregate()["polls"]["street"]
    assert street["total"] == 1200 + 1500 and street["refused"] == 500
    assert sum(street["kiosks"]["kiosk-b"]) == 1500
    assert c.run_once().sent == 0  # nothing sent twice, no refusal counted twice
    assert tampered.refused() == {("street", "hub-cap"): 500}
    limited.close()
    tampered.close()
