"""``kiosk data fetch`` and ``kiosk data show`` in-process, on a small pack and a temp data dir."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.cli import main

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "data"


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    root = tmp_path / "pack"
    (root / "datasets").mkdir(parents=True)
    (root / "pack.yaml").write_text(
        "id: mini\nversion: 1\ntitle: {en: Mini}\nlanguages: [en]\ndefault_language: en\n"
    )
    shutil.copy(FIX / "district_heat.csv", root / "datasets" / "heat.csv")
    (root / "datasets" / "heat.yaml").write_text(
        "title: {en: Heat}\nunit: MW\nsample: true\nsource: {type: csv, file: heat.csv, delimiter: ';',"
        " time_format: '%Y-%m-%d %H:%M', timezone: Europe/Copenhagen}\n"
    )
    (root / "datasets" / "down.yaml").write_text(
        "title: {en: Down}\nunit: kW\nsource: {type: json, url: 'http://127.0.0.1:9/x', items: '$'}\n"
    )
    return root


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out + out.err


def test_fetch_all_reports_each_dataset_and_fails_if_one_failed(
    pack: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(tmp_path / "data")
    code, out = run(capsys, "--data-dir", data, "data", "fetch", "--pack", str(pack))
    assert code == 1
    assert "OK    heat" in out and "4 new points" in out and "1 without a value skipped" in out
    assert "ERROR down" in out and "http://127.0.0.1:9/x: cannot connect" in out


def test_fetch_one_then_show(pack: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path / "data")
    code, out = run(capsys, "--data-dir", data, "data", "fetch", "--dataset", "heat", "--pack", str(pack))
    assert code == 0 and "down" not in out
    code, out = run(capsys, "--data-dir", data, "data", "show", "heat", "--pack", str(pack))
    assert code == 0
    assert (
        "mini/heat" in out and "4 raw" in out and "36.4 / 39.8 MW" in out and "last value    39.8 MW" in out
    )
    assert "(sample data)" in out and "last error    -" in out


def test_unknown_dataset_names_the_known_ones(
    pack: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(capsys, "--data-dir", str(tmp_path / "d"), "data", "show", "nope", "--pack", str(pack))
    assert code == 1 and "no dataset 'nope'" in out and "down, heat" in out


def test_fetch_prints_the_first_bad_rows_and_the_totals(
    pack: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = ["time,value", "2026-11-01T00:00Z,1", "2026-11-01T00:00Z,1.5"]
    rows += [f"not-a-time-{i},2" for i in range(7)] + ["2026-11-01T01:00Z,3"]
    (pack / "datasets" / "heat.csv").write_text("\n".join(rows) + "\n")
    (pack / "datasets" / "heat.yaml").write_text(
        "title: {en: Heat}\nunit: MW\nsource: {type: csv, file: heat.csv, timezone: UTC}\n")
    code, out = run(capsys, "--data-dir", str(tmp_path / "data"), "data", "fetch", "--pack", str(pack),
                    "--dataset", "heat")
    lines = out.splitlines()
    assert code == 0
    assert lines[0].startswith("OK    heat       2 new points")
    assert lines[0].endswith("(7 bad rows skipped, 1 duplicate times)")
    assert lines[1] == "      datasets/heat.csv:3: duplicate time 2026-11-01T00:00:00+00:00 (also line 2; " \
                       "value 1.5 replaces 1)"
    assert lines[2] == "      datasets/heat.csv:4: bad time 'not-a-time-0': Invalid isoformat string: " \
                       "'not-a-time-0'"
    assert lines[6] == "      … and 3 more"
