"""``kiosk.data.checks.check_source`` and its place in ``kiosk pack validate``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.content.model import Dataset
from kiosk.data.checks import check_source

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "packs" / "valid"


def ds(**source: object) -> Dataset:
    return Dataset(id="x", title={"en": "X"}, source=source)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ({"type": "csv", "file": "datasets/x.csv"}, []),
        ({"type": "csv", "url": "https://example.org/x.csv"}, []),
        ({"type": "csv"}, ["source.file or source.url is required"]),
        ({"type": "csv", "file": "a.csv", "url": "https://e.org/a.csv"}, ["source.url and source.file"]),
        ({"type": "json", "url": "ftp://e.org/x"}, ["source.url 'ftp://e.org/x' must be an http"]),
        ({"type": "json"}, ["source.url is required for type 'json'"]),
        ({"type": "sensorthings", "url": "https://st.example.org/v1.1"},
         ["source.datastream is required for type 'sensorthings'"]),
        ({"type": "energidataservice", "dataset": "CO2Emis", "time_field": "Minutes5DK", "value_field": "v"},
         ["source.time_field 'Minutes5DK' must be a *UTC field"]),
        ({"type": "energidataservice", "dataset": "CO2Emis"},
         ["source.time_field is required", "source.value_field is required"]),
        ({"type": "mqtt"}, ["source.type 'mqtt' is not one of"]),
        ({"type": "json", "url": "https://e.org/x", "items": "$.data[?(@.ts)]", "time": "$.ts"},
         ["source.items '$.data[?(@.ts)]': cannot read '[?(@.ts)]' (supported: $, .key, ['key'], [n], [*])"]),
        ({"type": "json", "url": "https://e.org/x", "value": "reading.kw"},
         ["source.value 'reading.kw': must start with '$'"]),
        ({"type": "csv", "file": "x.csv", "delimiter": ";;", "decimal": "·", "timezone": "CET+1",
          "fold": "guess"},
         ["source.timezone 'CET+1' is not a time zone", "source.fold must be one of position, earlier, later",
          "source.delimiter must be one character", "source.decimal must be '.' or ','"]),
        ({"type": "csv", "file": "x.csv", "decimal": ",", "delimiter": ","}, ["source.decimal ',' needs"]),
        ({"type": "csv", "file": "x.csv", "decimal": ",", "delimiter": "\\t", "timezone": "UTC"}, []),
    ],
)
def test_check_source(source: dict[str, object], expected: list[str]) -> None:
    problems = check_source(ds(**source))
    assert len(problems) == len(expected), problems
    for got, want in zip(problems, expected, strict=True):
        assert got.startswith(want), got


def test_bundled_datasets_pass(bundled_pack: Path) -> None:
    from kiosk.content.loader import load_pack
    from kiosk.content.sources import open_source

    pack = load_pack(open_source(bundled_pack))
    assert pack.datasets
    assert {d.id: check_source(d) for d in pack.datasets.values()} == {d: [] for d in pack.datasets}


def test_validate_reports_source_keys_with_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(FIXTURE, pack)
    (pack / "datasets" / "live.yaml").write_text(
        "title: {en: Live}\nunit: g/kWh\nsource:\n  type: energidataservice\n  dataset: CO2Emis\n"
        "  time_field: Minutes5DK\nrefresh: 300\n", encoding="utf-8")
    assert main(["pack", "validate", str(pack)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert f"{pack}/datasets/live.yaml:6: source.time_field 'Minutes5DK' must be a *UTC field (the *DK " \
           "fields repeat an hour when daylight saving time ends)" in out
    assert f"{pack}/datasets/live.yaml:3: source.value_field is required for type 'energidataservice'" in out
    assert out[-1].startswith("INVALID: 2 error(s)")


def test_validate_reads_pack_csv_rows_like_a_fetch(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(FIXTURE, pack)
    (pack / "datasets" / "meter.yaml").write_text(
        "title: {en: Meter}\nunit: kWh\nsource: {type: csv, file: meter.csv, decimal: ','}\nrefresh: 300\n",
        encoding="utf-8")
    rows = ["time;value", "2026-11-01T00:00Z;1,5", ";2", "2026-11-01T02:00Z;lots", "2026-11-01T00:00Z;1,5"]
    rows += [f"2026-11-02T{h:02d}:00Z;{h},0" for h in range(6)] + [f"bad-{i};1" for i in range(4)]
    (pack / "datasets" / "meter.csv").write_bytes(("\r\n".join(rows) + "\r\n").encode("utf-8-sig"))
    assert main(["pack", "validate", str(pack)]) == 0  # rows parse: bad ones are warnings
    out = capsys.readouterr().out.splitlines()
    csv = f"{pack}/datasets/meter.csv"
    assert f"{csv}:3: warning: bad time '': empty" in out
    assert f"{csv}:4: warning: bad value: not a number: 'lots'" in out
    assert f"{csv}:5: warning: duplicate time 2026-11-01T01:00:00+01:00 (also line 2; same value)" in out
    assert f"{csv}: warning: 6 bad rows skipped, 1 duplicate times of 14 rows; 2 more not listed" in out

    (pack / "datasets" / "meter.csv").write_text("time;value\nyesterday;1,5\n", encoding="utf-8")
    assert main(["pack", "validate", str(pack)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert any(line.startswith(f"{csv}: no row could be read (1 bad of 1)") for line in out), out
