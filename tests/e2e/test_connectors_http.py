"""Connectors against a real HTTP server on 127.0.0.1 serving payloads in the services' real shapes."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from kiosk.content.model import Dataset
from kiosk.data.cache import ObservationCache
from kiosk.data.connectors import FetchContext, connector_for
from kiosk.data.http import HttpClient, RateLimited
from kiosk.data.service import DataService
from kiosk.errors import DataSourceError

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "data"


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    hang: threading.Event | None = None
    """Hold the response until this is set (a source that stops answering)."""


class FakeServer:
    """Routes by path+query prefix to a queue of replies (the last one repeats); records every request."""

    def __init__(self) -> None:
        self.routes: dict[str, list[Reply]] = {}
        self.requests: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append(self.path)
                reply = server.match(self.path)
                if reply.hang is not None:
                    reply.hang.wait(10)
                self.send_response(reply.status)
                for k, v in reply.headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.02,), daemon=True)

    def match(self, path: str) -> Reply:
        best = max((p for p in self.routes if path.startswith(p)), key=len, default=None)
        if best is None:
            return Reply(404, b"not found")
        queue = self.routes[best]
        return queue.pop(0) if len(queue) > 1 else queue[0]

    def route(self, prefix: str, *replies: Reply) -> None:
        self.routes[prefix] = list(replies)

    def fixture(self, name: str, status: int = 200, **headers: str) -> Reply:
        body = (FIX / name).read_text().replace("{base}", self.base).encode()
        ctype = "text/html" if name.endswith(".html") else "application/json"
        return Reply(status, body, {"Content-Type": ctype, **headers})


@pytest.fixture
def server() -> Iterator[FakeServer]:
    s = FakeServer()
    s.thread.start()
    yield s
    s.httpd.shutdown()
    s.httpd.server_close()


def ctx(ds: Dataset, watermark: int | None = None, **http: Any) -> FetchContext:
    client = HttpClient(connect_timeout=2, read_timeout=2, deadline=10, backoff=0.01, **http)
    now = datetime(2026, 11, 2, tzinfo=UTC).timestamp()
    return FetchContext(ds, client, now, watermark)


def ts(text: str) -> int:
    return int(datetime.fromisoformat(text).timestamp())


# -- SensorThings --------------------------------------------------------------------------------------
def st_dataset(server: FakeServer, ident: object = 12, unit: str = "") -> Dataset:
    return Dataset(
        "air",
        {"en": "Air"},
        unit=unit,
        history=7,
        source={"type": "sensorthings", "url": f"{server.base}/v1.1", "datastream": ident},
    )


def test_sensorthings_follows_relative_and_absolute_next_links(server: FakeServer) -> None:
    server.route("/v1.1/Datastreams(12)?", server.fixture("sensorthings_datastream.json"))
    server.route("/v1.1/Datastreams(12)/Observations?$filter", server.fixture("sensorthings_page1.json"))
    server.route(
        "/v1.1/Datastreams(12)/Observations?$top=3&$skip=3", server.fixture("sensorthings_page2.json")
    )
    server.route(
        "/v1.1/Datastreams(12)/Observations?$top=3&$skip=6", server.fixture("sensorthings_page3.json")
    )
    server.route("/v1.1/Datastreams(12)", server.fixture("sensorthings_datastream.json"))
    result = connector_for(st_dataset(server)).fetch(
        ctx(st_dataset(server), watermark=ts("2026-11-01T10:00:00+00:00"))
    )
    assert result.points == [
        (ts("2026-11-01T10:05:00+00:00"), 1.5),
        (ts("2026-11-01T10:10:00+00:00"), 2.0),  # interval -> its end
        (ts("2026-11-01T10:20:00+00:00"), 3.25),
        (ts("2026-11-01T10:25:00+00:00"), 4.0),  # +01:00 offset, numeric string
    ]
    assert result.skipped == 1  # the null result
    assert result.unit is None  # null symbol
    first = next(r for r in server.requests if "$filter" in r)
    assert "$filter=phenomenonTime%20gt%202026-11-01T10:00:00Z" in first
    assert "$orderby=phenomenonTime%20asc" in first
    assert sum("Observations" in r for r in server.requests) == 3


def test_sensorthings_string_id_and_data_array(server: FakeServer) -> None:
    server.route("/v1.1/Datastreams('a1b2-c3')/Observations", server.fixture("sensorthings_dataarray.json"))
    ds = st_dataset(server, "a1b2-c3", unit="°C")
    result = connector_for(ds).fetch(ctx(ds))
    assert [v for _, v in result.points] == [23.7, 24.1]
    assert result.skipped == 1
    assert all("Datastreams('a1b2-c3')" in unquote(r) for r in server.requests)


def test_sensorthings_plus_offset_is_percent_encoded() -> None:
    from kiosk.data.connectors.sensorthings import observations_url

    url = observations_url("https://x/v1.1", 12, ts("2026-11-01T10:00:00+00:00"))
    assert "+" not in url and " " not in url
    assert "Datastreams(12)/Observations?$filter=phenomenonTime%20gt%202026-11-01T10:00:00Z" in url


def test_sensorthings_garbage_html_is_a_clear_error(server: FakeServer) -> None:
    server.route("/v1.1/", server.fixture("garbage.html", status=200))
    ds = st_dataset(server, unit="°C")
    with pytest.raises(DataSourceError, match="HTML"):
        connector_for(ds).fetch(ctx(ds))


# -- Energi Data Service -----------------------------------------------------------------------------
def eds_dataset(server: FakeServer) -> Dataset:
    return Dataset(
        "co2",
        {"en": "CO2"},
        unit="g/kWh",
        source={
            "type": "energidataservice",
            "dataset": "CO2Emis",
            "filter": {"PriceArea": ["DK1"]},
            "time_field": "Minutes5UTC",
            "value_field": "CO2Emission",
            "base_url": server.base,
        },
    )


def test_eds_keeps_both_records_of_the_dst_fold(server: FakeServer) -> None:
    server.route("/dataset/CO2Emis", server.fixture("eds_co2emis_dst.json"))
    ds = eds_dataset(server)
    result = connector_for(ds).fetch(ctx(ds))
    assert len(result.points) == 4 and result.skipped == 1
    times = [t for t, _ in result.points]
    assert ts("2026-10-25T00:00:00+00:00") in times and ts("2026-10-25T01:00:00+00:00") in times
    q = unquote(server.requests[0])
    assert "start=now-P30D" in q and 'filter={"PriceArea":["DK1"]}' in q and "sort=Minutes5UTC asc" in q


def test_eds_offset_paging_until_a_short_page(server: FakeServer, monkeypatch: pytest.MonkeyPatch) -> None:
    from kiosk.data.connectors import energidataservice

    monkeypatch.setattr(energidataservice, "PAGE_SIZE", 2)
    rec = '{{"Minutes5UTC": "2026-11-01T00:{m:02d}:00", "Minutes5DK": "x", "CO2Emission": {v}}}'
    for offset, minutes in ((0, [0, 5]), (2, [10, 15]), (4, [20])):
        body = '{"total": 5, "records": [' + ",".join(rec.format(m=m, v=m) for m in minutes) + "]}"
        server.routes[
            f"/dataset/CO2Emis?start=2026-11-01T00:00&filter=%7B%22PriceArea%22%3A%5B%22DK1%22%5D%7D"
            f"&sort=Minutes5UTC%20asc&offset={offset}&"
        ] = [Reply(200, body.encode())]
    ds = eds_dataset(server)
    result = connector_for(ds).fetch(ctx(ds, watermark=ts("2026-11-01T00:00:00+00:00")))
    assert [v for _, v in result.points] == [5, 10, 15, 20]  # 0 is the watermark itself
    assert [r.split("offset=")[1].split("&")[0] for r in server.requests] == ["0", "2", "4"]


def eds_page(minutes: list[int], total: int) -> Reply:
    rec = '{{"Minutes5UTC": "2026-11-01T00:{m:02d}:00", "Minutes5DK": "2026-11-01T01:{m:02d}:00", ' \
          '"PriceArea": "DK1", "CO2Emission": {v}}}'
    records = ",".join(rec.format(m=m, v=m) for m in minutes)
    body = f'{{"total": {total}, "limit": 1000, "dataset": "CO2Emis", "records": [{records}]}}'
    return Reply(200, body.encode(), {"Content-Type": "application/json"})


def test_eds_pages_until_the_total_when_the_service_sends_short_pages(server: FakeServer) -> None:
    """The service may send fewer records than asked for; only ``offset >= total`` ends the paging."""
    for offset, minutes in ((0, [5, 10]), (2, [15, 20]), (4, [25])):
        server.route(f"/dataset/CO2Emis?start=2026-11-01T00:00&filter=%7B%22PriceArea%22%3A%5B%22DK1%22%5D%7D"
                     f"&sort=Minutes5UTC%20asc&offset={offset}&", eds_page(minutes, 5))
    ds = eds_dataset(server)
    result = connector_for(ds).fetch(ctx(ds, watermark=ts("2026-11-01T00:00:00+00:00")))
    assert [v for _, v in result.points] == [5, 10, 15, 20, 25]
    assert [r.split("offset=")[1].split("&")[0] for r in server.requests] == ["0", "2", "4"]


def test_eds_empty_page_before_the_total_is_an_error(server: FakeServer) -> None:
    server.route("/dataset/CO2Emis?start=2026-11-01T00:00&filter=%7B%22PriceArea%22%3A%5B%22DK1%22%5D%7D"
                 "&sort=Minutes5UTC%20asc&offset=0&", eds_page([5, 10], 6))
    server.route("/dataset/CO2Emis?start=2026-11-01T00:00&filter=%7B%22PriceArea%22%3A%5B%22DK1%22%5D%7D"
                 "&sort=Minutes5UTC%20asc&offset=2&", eds_page([], 6))
    ds = eds_dataset(server)
    with pytest.raises(DataSourceError, match="an empty page at offset 2 of 6 records"):
        connector_for(ds).fetch(ctx(ds, watermark=ts("2026-11-01T00:00:00+00:00")))


def test_eds_empty_page_is_no_new_data(server: FakeServer) -> None:
    server.route("/dataset/CO2Emis", Reply(200, b'{"total": 0, "records": []}'))
    ds = eds_dataset(server)
    assert connector_for(ds).fetch(ctx(ds)).points == []


# -- JSON and CSV over HTTP ----------------------------------------------------------------------------
def test_json_paths_epoch_ms(server: FakeServer) -> None:
    server.route("/share", server.fixture("json_os2iot.json"))
    ds = Dataset(
        "heat",
        {"en": "Heat"},
        source={
            "type": "json",
            "url": f"{server.base}/share",
            "headers": {"X-Api-Key": "k"},
            "items": "$.data[*]",
            "time": "$.ts",
            "value": "$.reading.power_kw",
            "time_format": "epoch_ms",
        },
    )
    result = connector_for(ds).fetch(ctx(ds))
    assert [v for _, v in result.points] == [41.2, 41.9, 40.7] and result.skipped == 1
    assert result.points[0][0] == 1793527200


def test_json_bad_time_in_record_20_skips_that_record_only(server: FakeServer) -> None:
    records = [{"time": f"2026-11-01T10:{m:02d}:00Z", "no2": 10 + m} for m in range(25)]
    records[19]["time"] = "2026-11-01T25:00:00Z"
    body = json.dumps({"sensor": "aarhus-no2-3", "observations": records}).encode()
    server.route("/no2", Reply(200, body, {"Content-Type": "application/json"}))
    ds = Dataset("no2", {"en": "NO2"}, source={"type": "json", "url": f"{server.base}/no2",
                                               "items": "$.observations", "value": "$.no2"})
    result = connector_for(ds).fetch(ctx(ds))
    assert len(result.points) == 24 and result.bad == 1
    assert result.warnings == [f"{server.base}/no2: record 20: bad time '2026-11-01T25:00:00Z': "
                               "hour must be in 0..23"]


def test_json_naive_local_times_keep_both_hours_of_the_dst_fold(server: FakeServer) -> None:
    """A share that writes local wall time without a zone: read in the kiosk's zone, never as UTC."""
    walls = ["01:30", "02:00", "02:30", "02:00", "02:30", "03:00"]
    body = json.dumps([{"t": f"2026-10-25T{w}:00", "v": i} for i, w in enumerate(walls)]).encode()
    server.route("/local", Reply(200, body, {"Content-Type": "application/json"}))
    ds = Dataset("local", {"en": "Local"}, source={"type": "json", "url": f"{server.base}/local",
                                                   "time": "$.t", "value": "$.v"})
    context = ctx(ds)
    context.timezone = "Europe/Copenhagen"
    result = connector_for(ds).fetch(context)
    assert [v for _, v in result.points] == [0, 1, 2, 3, 4, 5] and result.warning_count == 0
    assert [t for t, _ in result.points] == [ts(f"2026-10-24T23:{m}:00+00:00") for m in ("30",)] + [
        ts("2026-10-25T00:00:00+00:00"), ts("2026-10-25T00:30:00+00:00"),  # 02:00, 02:30 CEST
        ts("2026-10-25T01:00:00+00:00"), ts("2026-10-25T01:30:00+00:00"),  # 02:00, 02:30 CET
        ts("2026-10-25T02:00:00+00:00")]


def test_danish_csv_export_over_http(server: FakeServer) -> None:
    server.route("/eloverblik.csv", Reply(200, (FIX / "eloverblik_dst.csv").read_bytes(),
                                          {"Content-Type": "text/csv; charset=utf-8"}))
    ds = Dataset("use", {"en": "Use"}, unit="kWh", source={
        "type": "csv", "url": f"{server.base}/eloverblik.csv", "time_column": "Fra dato",
        "value_column": "Mængde", "time_format": "%d-%m-%Y %H:%M:%S", "decimal": ",",
        "timezone": "Europe/Copenhagen"})
    result = connector_for(ds).fetch(ctx(ds))
    assert len(result.points) == 25 and result.warning_count == 0
    assert result.points[-1] == (ts("2026-10-25T23:00:00+01:00"), 1.55)


def test_json_wrong_shape_names_the_path(server: FakeServer) -> None:
    server.route("/share", Reply(200, b'{"data": {"not": "a list"}}'))
    ds = Dataset(
        "heat",
        {"en": "Heat"},
        source={
            "type": "json",
            "url": f"{server.base}/share",
            "items": "$.data[*]",
            "time": "$.ts",
            "value": "$.v",
        },
    )
    with pytest.raises(DataSourceError, match=r"\$\.data\[\*\]"):
        connector_for(ds).fetch(ctx(ds))


def test_csv_from_url_with_delimiter_and_format(server: FakeServer) -> None:
    server.route("/heat.csv", Reply(200, (FIX / "district_heat.csv").read_bytes()))
    ds = Dataset(
        "heat",
        {"en": "Heat"},
        source={
            "type": "csv",
            "url": f"{server.base}/heat.csv",
            "delimiter": ";",
            "time_format": "%Y-%m-%d %H:%M",
            "timezone": "Europe/Copenhagen",
        },
    )
    result = connector_for(ds).fetch(ctx(ds))
    assert len(result.points) == 4 and result.skipped == 1
    assert result.points[0][0] == ts("2026-10-31T23:00:00+00:00")  # CET is UTC+1 in November


# -- HTTP behaviour ------------------------------------------------------------------------------------
def test_429_retry_after_is_honoured_then_succeeds(server: FakeServer) -> None:
    waits: list[float] = []
    server.route(
        "/dataset/CO2Emis",
        Reply(429, b"slow down", {"Retry-After": "3"}),
        server.fixture("eds_co2emis_dst.json"),
    )
    ds = eds_dataset(server)
    result = connector_for(ds).fetch(ctx(ds, sleep=waits.append))
    assert waits == [3.0] and len(result.points) == 4


def test_429_retry_after_is_capped(server: FakeServer) -> None:
    waits: list[float] = []
    server.route(
        "/dataset/CO2Emis", Reply(429, b"", {"Retry-After": "86400"}), server.fixture("eds_co2emis_dst.json")
    )
    ds = eds_dataset(server)
    connector_for(ds).fetch(ctx(ds, sleep=waits.append, max_retry_after=5))
    assert waits == [5.0]


def test_429_retry_after_past_the_deadline_is_rate_limited_without_waiting(server: FakeServer) -> None:
    """The wait does not fit in this fetch: no sleep, no second request, the server's time is kept."""
    waits: list[float] = []
    server.route("/dataset/CO2Emis", Reply(429, b"", {"Retry-After": "600"}),
                 server.fixture("eds_co2emis_dst.json"))
    ds = eds_dataset(server)
    with pytest.raises(RateLimited) as raised:
        connector_for(ds).fetch(ctx(ds, sleep=waits.append))
    assert raised.value.retry_after == 600.0 and raised.value.kind == "rate-limited"
    assert waits == [] and len(server.requests) == 1


def test_500_then_success_within_one_fetch(server: FakeServer) -> None:
    server.route("/dataset/CO2Emis", Reply(500, b"oops"), server.fixture("eds_co2emis_dst.json"))
    ds = eds_dataset(server)
    assert len(connector_for(ds).fetch(ctx(ds)).points) == 4
    assert len(server.requests) == 2


# -- the service: isolation, backoff, state ------------------------------------------------------------
@pytest.mark.expect_log("kiosk.data")
def test_service_one_source_down_does_not_block_the_other(server: FakeServer, tmp_path: Path) -> None:
    server.route("/dataset/CO2Emis", server.fixture("eds_co2emis_dst.json"))
    server.route("/v1.1/", Reply(500, b"down"))
    clock = [datetime(2026, 10, 26, tzinfo=UTC).timestamp()]
    cache = ObservationCache(tmp_path / "kiosk.db")
    svc = DataService(
        cache,
        "lab",
        [eds_dataset(server), st_dataset(server, unit="°C")],
        clock=lambda: clock[0],
        http_factory=lambda: HttpClient(deadline=10, retries=0),
    )
    reports = {r.dataset: r for r in svc.fetch_all()}
    assert reports["co2"].ok and reports["co2"].points == 4
    assert not reports["air"].ok and "HTTP 500" in (reports["air"].error or "")
    state = cache.state("lab/air")
    assert state.failures == 1 and state.next_attempt is not None and state.next_attempt > clock[0]
    assert cache.state("lab/co2").last_success == clock[0] and cache.state("lab/co2").last_error is None
    assert svc.due() == []  # co2 waits for its refresh, air for its backoff

    server.route("/v1.1/", server.fixture("sensorthings_dataarray.json"))
    clock[0] = state.next_attempt + 1
    assert svc.due() == ["air"]
    again = svc.fetch("air")
    assert again.ok and again.points == 2 and cache.state("lab/air").failures == 0
    assert cache.state("lab/air").last_error is None


@pytest.mark.expect_log("kiosk.data")
def test_service_garbage_keeps_saved_points(server: FakeServer, tmp_path: Path) -> None:
    server.route("/dataset/CO2Emis", server.fixture("eds_co2emis_dst.json"))
    cache = ObservationCache(tmp_path / "kiosk.db")
    now = datetime(2026, 10, 26, tzinfo=UTC).timestamp()
    svc = DataService(
        cache,
        "lab",
        [eds_dataset(server)],
        clock=lambda: now,
        http_factory=lambda: HttpClient(deadline=10, retries=0),
    )
    assert svc.fetch("co2").points == 4
    server.route("/dataset/CO2Emis", server.fixture("garbage.html"))
    report = svc.fetch("co2", force=True)
    assert report.error and "HTML" in report.error
    assert cache.summary("lab/co2").raw_count == 4 and cache.latest("lab/co2") == (
        ts("2026-10-25T01:10:00+00:00"),
        95.5,
    )
    assert "start=2026-10-25T01:10" in server.requests[-1]  # incremental from the watermark


@pytest.mark.expect_log("kiosk.data")
@pytest.mark.parametrize(("sent", "wait"), [("120", 120.0), ("86400", 3600.0)])
def test_rate_limit_sets_next_attempt_from_retry_after_as_sent(
        server: FakeServer, tmp_path: Path, sent: str, wait: float) -> None:
    """Honoured as sent, capped at an hour, counted from when the fetch gave up (not when it began)."""
    server.route("/dataset/CO2Emis", Reply(429, b"", {"Retry-After": sent}))
    cache = ObservationCache(tmp_path / "kiosk.db")
    start = 1_800_000_000.0
    ticks = iter([start, start + 45])  # the fetch starts, then gives up 45 s later
    svc = DataService(cache, "lab", [eds_dataset(server)], clock=lambda: next(ticks),
                      http_factory=lambda: HttpClient(deadline=10, retries=0))
    report = svc.fetch("co2")
    assert report.error and "429" in report.error
    state = cache.state("lab/co2")
    assert state.next_attempt == start + 45 + wait
    assert (state.error_kind, state.offline_since) == ("rate-limited", None)


@pytest.mark.expect_log("kiosk.data")
def test_a_hanging_source_times_out_without_holding_up_the_others(server: FakeServer, tmp_path: Path) -> None:
    release = threading.Event()
    server.route("/dataset/CO2Emis", server.fixture("eds_co2emis_dst.json"))
    server.route("/v1.1/", Reply(200, b"{}", hang=release))
    cache = ObservationCache(tmp_path / "kiosk.db")
    svc = DataService(
        cache,
        "lab",
        [st_dataset(server, unit="C"), eds_dataset(server)],
        clock=lambda: 1_800_000_000.0,
        http_factory=lambda: HttpClient(connect_timeout=1, read_timeout=0.5, deadline=5, retries=0),
    )
    reports = {r.dataset: r for r in svc.fetch_all()}
    release.set()
    assert reports["co2"].ok and reports["co2"].points == 4
    assert "no answer in time (ReadTimeout)" in (reports["air"].error or "")
    assert cache.state("lab/air").failures == 1
