"""``kiosk doctor``: the Qt-free checks against real files, a real hub and a damaged store."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.config import Config
from kiosk.content.signing import generate_keypair
from kiosk.health import doctor
from kiosk.hub.app import HubSettings
from tests.helpers.servers import running_hub

DEVICES = """I: Bus=0003 Vendor=0eef Product=c000 Version=0111
N: Name="eGalax Inc. eGalaxTouch EXC3000"
B: EV=1b
B: ABS=260800000000003

I: Bus=0011 Vendor=0001 Product=0001 Version=ab41
N: Name="AT Translated Set 2 keyboard"
B: EV=120013
"""


def test_display_from_the_environment() -> None:
    assert doctor.display({"WAYLAND_DISPLAY": "wayland-0"}).level == "OK"
    assert doctor.display({"DISPLAY": ":0"}).detail == "X11 :0"
    assert doctor.display({}).level == "FAIL"
    assert doctor.display({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}).level == "WARN"


def test_touch_screen_found_by_its_multitouch_axes(tmp_path: Path) -> None:
    (tmp_path / "devices").write_text(DEVICES)
    check = doctor.touch(tmp_path / "devices")
    assert check.level == "OK" and "eGalaxTouch" in check.detail
    (tmp_path / "devices").write_text(DEVICES.split("\n\n")[1])
    assert doctor.touch(tmp_path / "devices").level == "WARN"


def test_clock_before_2025_fails() -> None:
    check = doctor.clock(datetime(2000, 1, 1, tzinfo=UTC))
    assert check.level == "FAIL" and "set-ntp" in check.fix
    assert doctor.clock().level in {"OK", "WARN"}


def test_keys_are_parsed(tmp_path: Path) -> None:
    cfg = Config()
    assert doctor.keys(cfg).level == "WARN"
    _, pub = generate_keypair(tmp_path / "publisher")
    cfg.sync.trusted_keys = [pub.read_text().strip()]
    assert doctor.keys(cfg).level == "OK"
    cfg.sync.trusted_keys.append("not-a-key")
    check = doctor.keys(cfg)
    assert check.level == "FAIL" and "key 2" in check.detail


def test_hub_reachability(tmp_path: Path) -> None:
    cfg = Config()
    cfg.sync.channel = "main"
    with running_hub(HubSettings(root=tmp_path / "hub")) as url:
        cfg.sync.hub_url = url
        missing = doctor.hub(cfg)
        assert missing.level == "FAIL" and "not published" in missing.detail
        (tmp_path / "hub" / "v1" / "channels").mkdir(parents=True)
        (tmp_path / "hub" / "v1" / "channels" / "main.json").write_text("{}")
        assert doctor.hub(cfg).level == "OK"
    cfg.sync.hub_url = url  # the hub has stopped
    assert doctor.hub(cfg, timeout=2).level == "FAIL"


def test_cli_fails_on_a_corrupt_store_and_says_how_to_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    (tmp_path / "kiosk.db").write_bytes(b"garbage" * 1000)
    assert main(["--data-dir", str(tmp_path), "doctor", "--no-qt"]) == 1
    out = capsys.readouterr().out
    assert "FAIL store" in out and "sets the corrupt store aside" in out
    (tmp_path / "kiosk.db").unlink()
    assert main(["--data-dir", str(tmp_path), "doctor", "--no-qt", "--json"]) == 0
    checks = {c["name"]: c for c in json.loads(capsys.readouterr().out)}
    assert checks["store"]["level"] == "OK" and checks["display"]["level"] == "OK"
    qt_libs = {"qt xcb", "qt wayland", "qt eglfs", "qt offscreen"}
    assert set(checks) == {"display", "touch", "fonts", "disk", "clock", "hub", "keys", "store"} | qt_libs
    assert [checks[name]["level"] for name in sorted(qt_libs)] == ["OK"] * 4  # the suite's machine has them
