"""The SensorThings connector against a real third-party server: PyPI ``django-ogc-sensorthings``.

That server caps ``$top`` at 100 (HTTP 422 above), fails with HTTP 500 on ``$orderby=phenomenonTime``,
sends newest first without ``$orderby`` and uses UUID ids. The kiosk must fetch everything anyway,
remember the request shape that worked, and call a refusal a refusal, not "offline".
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

pytest.importorskip("sensorthings", reason="needs the e2e extra: pip install -e '.[dev]'")
pytest.importorskip("uvicorn", reason="needs the hub extra: pip install -e '.[dev]'")

from kiosk.content.model import Dataset
from kiosk.data.cache import ObservationCache
from kiosk.data.figures import live_value
from kiosk.data.http import HttpClient
from kiosk.data.service import DataService
from tests.helpers.sta_server import StaServer

pytestmark = pytest.mark.slow

T0 = datetime(2026, 11, 1, 10, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def sta(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StaServer]:
    with StaServer(tmp_path_factory.mktemp("sta")) as server:
        yield server


def rows(start: int, n: int) -> list[tuple[str, float]]:
    return [((T0 + timedelta(minutes=i)).isoformat().replace("+00:00", "Z"), round(i * 0.25, 2))
            for i in range(start, start + n)]


class Clients:
    """Counts the HTTP requests of each fetch (every fetch gets its own client)."""

    def __init__(self) -> None:
        self.made: list[HttpClient] = []

    def __call__(self) -> HttpClient:
        client = HttpClient(connect_timeout=5, read_timeout=30, deadline=120, backoff=0.01)
        self.made.append(client)
        return client


def service(sta: StaServer, cache: ObservationCache, datastream: str, clients: Clients,
            now: datetime) -> DataService:
    ds = Dataset("harbour", {"en": "Harbour"}, history=30, refresh=60,
                 source={"type": "sensorthings", "url": sta.base, "datastream": datastream})
    return DataService(cache, "lab", [ds], clock=lambda: now.timestamp(), http_factory=clients)


def test_pages_past_the_top_cap_without_orderby_and_remembers_what_worked(
        sta: StaServer, tmp_path: Path) -> None:
    stream = sta.create_datastream()
    sta.add_observations(stream, rows(0, 250))
    cache, clients = ObservationCache(tmp_path / "data.sqlite3"), Clients()
    now = T0 + timedelta(minutes=250)
    svc = service(sta, cache, stream, clients, now)

    report = svc.fetch("harbour")

    assert report.ok, report.error
    assert report.points == 250
    ts, values = cache.window("lab/harbour", int(T0.timestamp()), int(now.timestamp()), 10_000)
    assert list(ts) == [int((T0 + timedelta(minutes=i)).timestamp()) for i in range(250)]
    assert list(values) == [round(i * 0.25, 2) for i in range(250)]
    state = cache.state("lab/harbour")
    assert state.unit == "°C"
    assert json.loads(state.query or "{}") == {"filter": True, "orderby": False, "select": True, "top": 100}

    # New observations: an incremental fetch starts with the remembered shape (no refused requests):
    # the Datastream for its unit, then three pages of 100 (the server answers newest first).
    sta.add_observations(stream, rows(250, 7))
    later = service(sta, cache, stream, clients, now + timedelta(minutes=10))
    report = later.fetch("harbour")
    assert report.ok, report.error
    assert report.points == 7
    assert clients.made[-1].requests == 2
    assert cache.summary("lab/harbour").raw_count == 257


@pytest.mark.expect_log("kiosk.data")
def test_a_missing_datastream_is_a_refusal_with_the_servers_reason_not_offline(
        sta: StaServer, tmp_path: Path) -> None:
    cache, clients = ObservationCache(tmp_path / "data.sqlite3"), Clients()
    svc = service(sta, cache, "01a226d8-0000-7000-8000-000000000000", clients, T0)

    report = svc.fetch("harbour")

    assert report.error is not None
    assert report.error.startswith("the source refused: Not found (HTTP 404")
    state = cache.state("lab/harbour")
    assert state.error_kind == "refused"
    assert state.offline_since is None
    badge = live_value(cache, "lab/harbour", svc.datasets["harbour"], T0.timestamp(), ZoneInfo("UTC"))
    assert "offline" not in badge.freshness


@pytest.mark.expect_log("kiosk.data")
def test_an_unreachable_server_is_offline(tmp_path: Path) -> None:
    cache = ObservationCache(tmp_path / "data.sqlite3")
    with socket.socket() as sock:  # a port nobody listens on any more: connections are refused
        sock.bind(("127.0.0.1", 0))
        base = f"http://127.0.0.1:{sock.getsockname()[1]}/v1.1"
    ds = Dataset("harbour", {"en": "Harbour"},
                 source={"type": "sensorthings", "url": base, "datastream": "x"})
    svc = DataService(cache, "lab", [ds], clock=lambda: T0.timestamp(),
                      http_factory=lambda: HttpClient(connect_timeout=2, deadline=10, retries=0))
    report = svc.fetch("harbour")
    assert report.error is not None and "cannot connect" in report.error
    state = cache.state("lab/harbour")
    assert (state.error_kind, state.offline_since) == ("offline", T0.timestamp())
