"""The CSV and JSON rows people export: delimiters, decimal commas, BOMs, zones, DST folds, bad rows."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from kiosk.content.model import Dataset
from kiosk.data.cache import ObservationCache
from kiosk.data.connectors import FetchContext, connector_for
from kiosk.data.connectors.csvfile import detect_delimiter
from kiosk.data.http import HttpClient
from kiosk.data.rows import parse_number
from kiosk.data.service import DataService
from kiosk.errors import DataSourceError

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "data"
NOW = datetime(2026, 11, 2, tzinfo=UTC).timestamp()


def utc(text: str) -> int:
    return int(datetime.fromisoformat(text).timestamp())


def fetch(tmp_path: Path, body: bytes | str, tz: str = "Europe/Copenhagen", **source: Any) -> Any:
    (tmp_path / "datasets").mkdir(exist_ok=True)
    (tmp_path / "datasets" / "x.csv").write_bytes(body.encode() if isinstance(body, str) else body)
    ds = Dataset("x", {"en": "X"}, source={"type": "csv", "file": "x.csv", **source})

    def resolve(name: str) -> Path | None:
        path = tmp_path / name
        return path if path.is_file() else None

    return connector_for(ds).fetch(FetchContext(ds, HttpClient(), NOW, None, resolve, timezone=tz))


def test_danish_export_bom_semicolon_decimal_comma_and_the_dst_fold(tmp_path: Path) -> None:
    src = {"time_column": "Fra dato", "value_column": "Mængde", "time_format": "%d-%m-%Y %H:%M:%S",
           "decimal": ","}
    result = fetch(tmp_path, (FIX / "eloverblik_dst.csv").read_bytes(), **src)
    # 25 hours on the day DST ends: both 02:00 hours are kept, in file order, an hour apart
    assert len(result.points) == 25 and result.bad == 0 and result.warning_count == 0
    times = [t for t, _ in result.points]
    assert times[0] == utc("2026-10-24T22:00:00+00:00")  # 00:00 CEST
    assert all(b - a == 3600 for a, b in itertools.pairwise(times))
    assert [v for _, v in result.points][:5] == [0.35, 0.4, 0.45, 0.5, 0.55]
    assert dict(result.points)[utc("2026-10-25T00:00:00+00:00")] == 0.45  # 02:00 CEST, the first
    assert dict(result.points)[utc("2026-10-25T01:00:00+00:00")] == 0.5  # 02:00 CET, the second

    # Without the declared decimal comma no value reads: the fetch fails and says what to declare.
    del src["decimal"]
    with pytest.raises(DataSourceError, match=r"no row could be read \(25 bad of 25\).*decimal: \",\""):
        fetch(tmp_path, (FIX / "eloverblik_dst.csv").read_bytes(), **src)


def test_newest_first_file_keeps_the_fold_in_order(tmp_path: Path) -> None:
    body = "time;value\n2026-10-25 03:00;4\n2026-10-25 02:00;3\n2026-10-25 02:00;2\n2026-10-25 01:00;1\n"
    result = fetch(tmp_path, body)
    assert [v for _, v in result.points] == [1.0, 2.0, 3.0, 4.0]
    assert [t for t, _ in result.points][1:3] == [utc("2026-10-25T00:00:00+00:00"),
                                                  utc("2026-10-25T01:00:00+00:00")]


def test_fold_once_warns_and_a_declared_rule_decides(tmp_path: Path) -> None:
    body = "time,value\n2026-10-25 01:30,1\n2026-10-25 02:30,2\n2026-10-25 03:30,3\n"
    result = fetch(tmp_path, body)
    assert dict(result.points)[utc("2026-10-25T00:30:00+00:00")] == 2.0  # the first 02:30 (CEST)
    assert result.warning_count == 1
    assert result.warnings[0].startswith(
        "datasets/x.csv:3: 2026-10-25 02:30 happens twice in Europe/Copenhagen")
    later = fetch(tmp_path, body, fold="later")
    assert dict(later.points)[utc("2026-10-25T01:30:00+00:00")] == 2.0 and later.warning_count == 0


def test_naive_times_use_the_declared_zone_or_the_kiosks_never_silently_utc(tmp_path: Path) -> None:
    body = "time,value\n2026-11-01T15:00,1\n2026-11-01T16:00+01:00,2\n"
    result = fetch(tmp_path, body)  # the kiosk's zone: 15:00 CET is 14:00 UTC, not 16:00+01:00
    assert result.points == [(utc("2026-11-01T14:00:00+00:00"), 1.0), (utc("2026-11-01T15:00:00+00:00"), 2.0)]
    assert result.duplicates == 0
    declared = fetch(tmp_path, body, timezone="UTC")  # declared UTC: now they are the same moment
    assert declared.points == [(utc("2026-11-01T15:00:00+00:00"), 2.0)]
    assert declared.duplicates == 1
    assert "datasets/x.csv:3: duplicate time 2026-11-01T15:00:00+00:00 (also line 2; value 2 replaces 1)" \
        in declared.warnings


def test_spring_gap_time_is_skipped_and_located(tmp_path: Path) -> None:
    body = "time,value\n2026-03-29 01:30,1\n2026-03-29 02:30,2\n2026-03-29 03:30,3\n"
    result = fetch(tmp_path, body)
    assert [v for _, v in result.points] == [1.0, 3.0] and result.bad == 1
    assert "datasets/x.csv:3: time 2026-03-29 02:30 does not exist in Europe/Copenhagen" in result.warnings[0]


def test_bad_rows_are_skipped_with_file_line_and_reason(tmp_path: Path) -> None:
    body = ("time,value\n2026-11-01T00:00Z,1\n,2\n2026-11-01T02:00Z,n/a\n2026-11-01T03:00Z,lots\n"
            "2026-11-01T04:00Z\n2026-11-01T05:00Z,6\n\n")
    result = fetch(tmp_path, body)
    assert [v for _, v in result.points] == [1.0, 6.0]
    assert (result.bad, result.skipped) == (3, 1)  # n/a is "no value", not an error
    assert result.warnings == [
        "datasets/x.csv:3: bad time '': empty",
        "datasets/x.csv:5: bad value: not a number: 'lots'",
        "datasets/x.csv:6: only 1 column(s), expected 2 (delimiter ',')",
    ]


def test_delimiters_detected_or_declared_and_numbers() -> None:
    assert detect_delimiter("time;value") == ";"
    assert detect_delimiter("time\tvalue") == "\t"
    assert detect_delimiter('"a;b",value') == ","
    assert detect_delimiter("time") == ","
    assert parse_number("1.234,5", ",") == 1234.5
    assert parse_number("12,5", ",") == 12.5
    assert parse_number(" ", ",") is None
    with pytest.raises(ValueError, match="decimal comma"):
        parse_number("12,5")


def test_declared_tab_delimiter_and_windows_1252(tmp_path: Path) -> None:
    body = "tid\tmængde\n2026-11-01 10:00\t1,5\n".encode("cp1252")
    result = fetch(tmp_path, body, delimiter="\\t", time_column="tid", value_column="mængde", decimal=",")
    assert result.points == [(utc("2026-11-01T09:00:00+00:00"), 1.5)]


def test_new_points_count_only_times_not_cached_before(tmp_path: Path) -> None:
    (tmp_path / "datasets").mkdir()
    csv = tmp_path / "datasets" / "x.csv"
    csv.write_text("time,value\n2026-11-01T00:00Z,1\n2026-11-01T00:00Z,1\n2026-11-01T01:00Z,2\n")
    ds = Dataset("x", {"en": "X"}, source={"type": "csv", "file": "x.csv"})
    cache = ObservationCache(tmp_path / "kiosk.db")
    svc = DataService(cache, "lab", [ds], resolve=lambda n: csv if n.endswith("x.csv") else None,
                      clock=lambda: NOW, timezone="UTC")
    report = svc.fetch("x")
    assert (report.points, report.duplicates) == (2, 1)
    late = [(utc("2026-11-01T01:00:00+00:00"), 2.5), (utc("2026-11-01T02:00:00+00:00"), 3.0)]
    assert cache.upsert("lab/x", late) == 1  # one time was cached already
