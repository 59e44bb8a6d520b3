"""Clock skew: a kiosk whose clock reads 1970 or 2100 (Debian's ``faketime``, per process - the
machine's clock is never touched) syncs and shows data with nothing lost and a clear status."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.faults.common import kiosk, publish, status, write_config
from tests.helpers.servers import FaultServer

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "packs" / "valid"
SKEWS = {"1970": "1970-01-02 00:00:00", "2100": "2100-01-01 00:00:00"}


@pytest.fixture
def faketime() -> list[str]:
    if shutil.which("faketime") is None:
        pytest.skip("faketime is not installed (Debian package faketime)")
    return ["faketime"]


def shown(cfg: Path) -> list[tuple[str, int]]:
    return [(p["id"], p["version"]) for p in status(cfg)["packs"]]


@pytest.mark.slow
@pytest.mark.parametrize("year", sorted(SKEWS))
def test_sync_with_a_skewed_clock_loses_nothing_and_says_so(tmp_path: Path, faketime: list[str],
                                                            year: str) -> None:
    skewed = [*faketime, SKEWS[year]]
    tree = tmp_path / "tree"
    publish(tmp_path, tree, 1, {"media/a.txt": b"one"})
    with FaultServer(tree) as srv:
        cfg = write_config(tmp_path / "kiosk.toml", tmp_path / "data", srv.url)
        first = kiosk("--config", str(cfg), "sync", "--once", prefix=skewed)
        assert first.returncode == 0, first.stderr
        assert shown(cfg) == [("demo", 1)]
        doc = status(cfg)["sync"]
        assert doc["state"] == "ok" and doc["last_success"].startswith(year)
        skew = doc["clock_skew_seconds"]
        assert (skew < -86400) if year == "1970" else (skew > 86400)
        text = kiosk("--config", str(cfg), "status").stdout
        assert "clock: this kiosk's clock is" in text
        assert ("behind" if year == "1970" else "ahead of") in text
        info = kiosk("--config", str(cfg), "admin", "info").stdout
        assert "clock" in info

        publish(tmp_path, tree, 2, {"media/a.txt": b"two"})
        second = kiosk("--config", str(cfg), "sync", "--once", prefix=skewed)
        assert second.returncode == 0 and "demo version 2" in second.stdout, second.stderr
        assert shown(cfg) == [("demo", 2)]

        # The clock is fixed: nothing to do again, nothing lost, the warning goes away.
        fixed = kiosk("--config", str(cfg), "sync", "--once")
        assert fixed.returncode == 0 and "up to date" in fixed.stdout, fixed.stderr
        assert shown(cfg) == [("demo", 2)]
        assert status(cfg)["sync"]["clock_skew_seconds"] is None


@pytest.mark.slow
@pytest.mark.parametrize("year", sorted(SKEWS))
def test_data_with_a_skewed_clock_keeps_every_point(tmp_path: Path, faketime: list[str], year: str) -> None:
    skewed = [*faketime, SKEWS[year]]
    data = tmp_path / "data"
    assert kiosk("--data-dir", str(data), "pack", "install", str(FIXTURE)).returncode == 0
    fetched = kiosk("--data-dir", str(data), "data", "fetch", "--dataset", "harbour-temp", prefix=skewed)
    assert fetched.returncode == 0, fetched.stderr
    skewed_show = kiosk("--data-dir", str(data), "data", "show", "harbour-temp", prefix=skewed)
    assert "points        2 raw" in skewed_show.stdout and f"last fetch    {year}" in skewed_show.stdout
    shot = kiosk("--data-dir", str(data), "screenshot", "--screen", "data:harbour-temp", "--size",
                 "800x600", "--out", str(tmp_path / "chart.png"), prefix=skewed)
    assert shot.returncode == 0 and "Traceback" not in shot.stderr, shot.stderr
    assert (tmp_path / "chart.png").stat().st_size > 1000
    # The clock is right again: the next fetch keeps every point (retention counts from the newest).
    again = kiosk("--data-dir", str(data), "data", "fetch", "--dataset", "harbour-temp")
    assert again.returncode == 0, again.stderr
    show = kiosk("--data-dir", str(data), "data", "show", "harbour-temp")
    assert show.returncode == 0 and "Traceback" not in show.stderr
    assert "points        2 raw" in show.stdout, show.stdout
