"""``kiosk admin set-pin`` / ``unlock`` / ``info`` through the real CLI entry point, on real files."""

from __future__ import annotations

import io
import tomllib
from pathlib import Path

import pytest

from kiosk.admin.pin import PinGuard, verify_pin
from kiosk.admin.tomledit import set_value, update_file
from kiosk.cli import main
from kiosk.config import load_config
from kiosk.errors import ConfigError

CONFIG = """\
# Aarhus showroom kiosk
[kiosk]
id = "aarhus-1"   # the fleet name
idle_seconds = 90

[admin]
# set with kiosk admin set-pin
pin_hash = "old"

[sync]
hub_url = "https://hub.example.org"
"""


def run_set_pin(monkeypatch: pytest.MonkeyPatch, config: Path, pin: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(pin + "\n"))
    return main(["--config", str(config), "admin", "set-pin", "--pin-stdin"])


def test_set_pin_writes_a_hash_that_verifies_and_keeps_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(CONFIG)
    assert run_set_pin(monkeypatch, config, "482916") == 0
    text = config.read_text()
    cfg = load_config(config, environ={})
    assert verify_pin("482916", cfg.admin.pin_hash) and not verify_pin("482917", cfg.admin.pin_hash)
    assert cfg.kiosk.id == "aarhus-1" and cfg.kiosk.idle_seconds == 90
    assert cfg.sync.hub_url == "https://hub.example.org"
    assert text.replace(cfg.admin.pin_hash, "old") == CONFIG  # every other line as written


def test_set_pin_adds_the_section_or_creates_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text('[kiosk]\nid = "k"\n')
    assert run_set_pin(monkeypatch, config, "1357") == 0
    doc = tomllib.loads(config.read_text())
    assert doc["kiosk"] == {"id": "k"} and verify_pin("1357", doc["admin"]["pin_hash"])
    fresh = tmp_path / "etc" / "new.toml"
    assert run_set_pin(monkeypatch, fresh, "1357") == 0
    assert verify_pin("1357", load_config(fresh, environ={}).admin.pin_hash)
    assert fresh.stat().st_mode & 0o077 == 0


def test_set_pin_refuses_a_bad_pin_and_leaves_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(CONFIG)
    assert run_set_pin(monkeypatch, config, "12a4") == 1
    assert "4 to 12 digits" in capsys.readouterr().err
    assert config.read_text() == CONFIG


def test_set_value_inserts_under_the_header_before_the_next_section() -> None:
    text = set_value('[admin]\n\n[kiosk]\nid = "a"\n', "admin", "pin_hash", "h")
    assert text == '[admin]\npin_hash = "h"\n\n[kiosk]\nid = "a"\n'
    assert tomllib.loads(set_value(text, "kiosk", "rotation", 90))["kiosk"] == {"id": "a", "rotation": 90}


def test_forms_the_edit_cannot_handle_are_refused_with_the_file_named(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text('admin = { pin_hash = "x" }\n')
    with pytest.raises(ConfigError, match="kiosk.toml.*by hand"):
        update_file(config, "admin", "pin_hash", "new")
    assert config.read_text() == 'admin = { pin_hash = "x" }\n'


@pytest.mark.expect_log("kiosk.admin.pin")
def test_unlock_and_info(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    guard = PinGuard.for_data_dir("scrypt$n=1024,r=8,p=1$AAAA$AAAA", data)
    for _ in range(3):
        guard.attempt("0000")
    assert main(["--data-dir", str(data), "admin", "unlock"]) == 0
    assert PinGuard.for_data_dir(guard.pin_hash, data).locked_for() == 0
    assert main(["--data-dir", str(data), "admin", "info"]) == 0
    out = capsys.readouterr().out
    assert "Kiosk    kiosk · software" in out and "Memory" in out
