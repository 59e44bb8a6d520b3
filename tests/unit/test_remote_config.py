"""The [remote] configuration: on/off, bind address and port; errors name the key (no Qt, no server)."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import pytest

from kiosk.config import load_config
from kiosk.errors import ConfigError
from kiosk.remote.service import RemoteError, RemoteService, RemoteSettings, lan_address


def test_defaults_listen_on_the_lan_interface_only() -> None:
    cfg = load_config(environ={})
    assert (cfg.remote.enabled, cfg.remote.bind, cfg.remote.port) == (True, "", 8470)


def test_file_and_environment(tmp_path: Path) -> None:
    file = tmp_path / "kiosk.toml"
    file.write_text('[remote]\nenabled = false\nbind = "192.168.1.20"\nport = 9000\n')
    cfg = load_config(file, environ={"KIOSK_REMOTE_PORT": "9100"})
    assert (cfg.remote.enabled, cfg.remote.bind, cfg.remote.port) == (False, "192.168.1.20", 9100)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('bind = "0.0.0.0"', r"remote.bind must be one address, not all interfaces"),
        ('bind = "::"', r"remote.bind must be one address"),
        ('bind = "kiosk.local"', r"remote.bind must be an IP address"),
        ("port = 70000", r"remote.port must be a port"),
        ('enabled = "yes"', r"remote.enabled: expected true or false"),
    ],
)
def test_bad_values_name_the_key_and_file(tmp_path: Path, text: str, message: str) -> None:
    file = tmp_path / "kiosk.toml"
    file.write_text(f"[remote]\n{text}\n")
    with pytest.raises(ConfigError, match=message) as err:
        load_config(file, environ={})
    assert str(file) in str(err.value)


def test_the_lan_address_is_one_real_interface_address() -> None:
    try:
        address = ipaddress.ip_address(lan_address())
    except RemoteError as exc:  # a machine with no default route says so, and never falls back
        assert "remote.bind" in str(exc)
        return
    assert not address.is_unspecified


def test_turned_off_it_never_listens() -> None:
    service = RemoteService(RemoteSettings(enabled=False, bind="127.0.0.1", port=0), lambda c: None)
    with pytest.raises(RemoteError, match="remote.enabled is false"):
        service.open_pairing()
    assert not service.listening
