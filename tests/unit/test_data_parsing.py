"""Time parsing, the JSONPath subset, and the CSV connector over a file in a pack."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.content.model import Dataset
from kiosk.data import credit_for, jsonpath, series_id
from kiosk.data.connectors import FetchContext, connector_for
from kiosk.data.connectors.sensorthings import datastream_ref
from kiosk.data.http import HttpClient, parse_json
from kiosk.data.timeparse import parse_time
from kiosk.errors import DataSourceError

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "data"


def test_parse_time_forms() -> None:
    assert parse_time("2026-11-01T10:00:00Z") == 1793527200
    assert parse_time("2026-11-01T11:00:00+01:00") == 1793527200
    assert parse_time("2026-11-01T09:00:00Z/2026-11-01T10:00:00Z") == 1793527200
    assert parse_time(1793527200000, "epoch_ms") == 1793527200
    assert parse_time("1793527200", "epoch_s") == 1793527200
    assert parse_time("2026-11-01 11:00", "%Y-%m-%d %H:%M", "Europe/Copenhagen") == 1793527200
    with pytest.raises(ValueError):
        parse_time("yesterday")
    with pytest.raises(DataSourceError, match="time zone"):
        parse_time("2026-11-01T10:00:00", tz="Mars/Olympus")


def test_jsonpath_subset() -> None:
    doc = {"data": [{"a": {"b": 1}}, {"a": {"b": 2}}], "x-y": [5, 6]}
    assert jsonpath.find("$.data[*].a.b", doc) == [1, 2]
    assert jsonpath.find("$.data[-1].a['b']", doc) == [2]
    assert jsonpath.find("$['x-y'][0]", doc) == [5]
    assert jsonpath.find("$.missing.deeper", doc) == []
    assert jsonpath.first("$", 7) == 7
    with pytest.raises(DataSourceError, match="cannot read"):
        jsonpath.find("$.data[?(@.a)]", doc)
    with pytest.raises(DataSourceError, match="start with"):
        jsonpath.find("data", doc)


def test_datastream_ids() -> None:
    assert datastream_ref(12) == "Datastreams(12)"
    assert datastream_ref("12") == "Datastreams(12)"
    assert datastream_ref("a1b2-c3") == "Datastreams('a1b2-c3')"
    assert datastream_ref("o'k") == "Datastreams('o%27%27k')"


def test_garbage_detection() -> None:
    with pytest.raises(DataSourceError, match="HTML"):
        parse_json((FIX / "garbage.html").read_bytes(), "u")
    with pytest.raises(DataSourceError, match="not valid JSON"):
        parse_json(b'{"a": ', "u")


def csv_ctx(ds: Dataset, tmp_path: Path, watermark: int | None = None) -> FetchContext:
    def resolve(name: str) -> Path | None:
        path = tmp_path / name
        return path if path.is_file() else None

    return FetchContext(ds, HttpClient(), datetime(2026, 11, 2, tzinfo=UTC).timestamp(), watermark, resolve)


def test_csv_file_in_pack(tmp_path: Path) -> None:
    (tmp_path / "datasets").mkdir()
    (tmp_path / "datasets" / "heat.csv").write_text(
        "time,value\n2026-11-01T00:00:00Z,1\n2026-11-01T01:00:00Z,2\n"
    )
    ds = Dataset("heat", {"en": "Heat"}, source={"type": "csv", "file": "heat.csv"}, sample=True)
    result = connector_for(ds).fetch(csv_ctx(ds, tmp_path))
    assert [v for _, v in result.points] == [1.0, 2.0]
    assert connector_for(ds).fetch(csv_ctx(ds, tmp_path, watermark=result.points[0][0])).points == [
        result.points[1]
    ]


def test_csv_errors_name_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "datasets").mkdir()
    (tmp_path / "datasets" / "bad.csv").write_text("time,value\n2026-11-01T00:00:00Z,1\nnot-a-date,2\n")
    ds = Dataset("bad", {"en": "Bad"}, source={"type": "csv", "file": "bad.csv"})
    result = connector_for(ds).fetch(csv_ctx(ds, tmp_path))  # the bad row is skipped, located
    assert len(result.points) == 1 and result.bad == 1
    assert result.warnings[0].startswith("datasets/bad.csv:3: bad time 'not-a-date'")
    (tmp_path / "datasets" / "bad.csv").write_text("time,value\nnot-a-date,2\n,3\n")
    with pytest.raises(DataSourceError, match=r"datasets/bad.csv: no row could be read \(2 bad of 2\)"):
        connector_for(ds).fetch(csv_ctx(ds, tmp_path))  # fails only when no row parses
    ds2 = Dataset("bad", {"en": "Bad"}, source={"type": "csv", "file": "bad.csv", "value_column": "kw"})
    with pytest.raises(DataSourceError, match="no column 'kw'"):
        connector_for(ds2).fetch(csv_ctx(ds2, tmp_path))
    ds3 = Dataset("gone", {"en": "Gone"}, source={"type": "csv", "file": "gone.csv"})
    with pytest.raises(DataSourceError, match="no such file"):
        connector_for(ds3).fetch(csv_ctx(ds3, tmp_path))


def test_unknown_type_and_credit() -> None:
    with pytest.raises(DataSourceError, match="unknown source.type 'ftp'"):
        connector_for(Dataset("x", {"en": "X"}, source={"type": "ftp"}))
    eds = Dataset("c", {"en": "C"}, source={"type": "energidataservice"})
    assert credit_for(eds) == "Source: Energinet"
    assert series_id("lab", "c") == "lab/c"
