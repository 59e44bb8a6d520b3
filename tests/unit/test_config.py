from pathlib import Path

import pytest

from kiosk.config import load_config, parse_size
from kiosk.errors import ConfigError


def test_defaults_without_a_file() -> None:
    cfg = load_config(environ={})
    assert cfg.kiosk.idle_seconds == 60
    assert cfg.sync.trusted_keys == []


def test_file_values_are_typed(tmp_path: Path) -> None:
    f = tmp_path / "k.toml"
    key = "A" * 43 + "="  # 32 bytes in base64, the shape of a NAME.pub line
    f.write_text(f'[kiosk]\nid = "lab-7"\nidle_seconds = 90\n[sync]\ntrusted_keys = ["{key}"]\n')
    cfg = load_config(f, environ={})
    assert (cfg.kiosk.id, cfg.kiosk.idle_seconds, cfg.sync.trusted_keys) == ("lab-7", 90, [key])
    assert cfg.source == str(f)


def test_unknown_key_names_key_file_and_suggestion(tmp_path: Path) -> None:
    f = tmp_path / "k.toml"
    f.write_text("[kiosk]\nidle_secnds = 90\n")
    with pytest.raises(ConfigError) as err:
        load_config(f, environ={})
    msg = str(err.value)
    assert str(f) in msg and "kiosk.idle_secnds" in msg and "idle_seconds" in msg


def test_unknown_section(tmp_path: Path) -> None:
    f = tmp_path / "k.toml"
    f.write_text("[synk]\nchannel = 'x'\n")
    with pytest.raises(ConfigError, match=r"unknown section \[synk\].*sync"):
        load_config(f, environ={})


def test_bad_value_type(tmp_path: Path) -> None:
    f = tmp_path / "k.toml"
    f.write_text('[kiosk]\nidle_seconds = "soon"\n')
    with pytest.raises(ConfigError, match=r"kiosk.idle_seconds: expected a whole number"):
        load_config(f, environ={})


def test_out_of_range_value(tmp_path: Path) -> None:
    f = tmp_path / "k.toml"
    f.write_text('[kiosk]\ntheme = "purple"\n')
    with pytest.raises(ConfigError, match="kiosk.theme must be one of"):
        load_config(f, environ={})


def test_toml_syntax_error_names_file(tmp_path: Path) -> None:
    f = tmp_path / "k.toml"
    f.write_text("[kiosk\n")
    with pytest.raises(ConfigError, match=str(f)):
        load_config(f, environ={})


def test_missing_explicit_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such configuration file"):
        load_config(tmp_path / "nope.toml", environ={})


def test_environment_overrides_file(tmp_path: Path) -> None:
    f = tmp_path / "k.toml"
    f.write_text('[sync]\nchannel = "a"\n')
    k1, k2 = "A" * 43 + "=", "B" * 43 + "="
    env = {"KIOSK_SYNC_CHANNEL": "b", "KIOSK_KIOSK_WINDOWED": "yes", "KIOSK_SYNC_TRUSTED_KEYS": f"{k1}, {k2}"}
    cfg = load_config(f, environ=env)
    assert cfg.sync.channel == "b" and cfg.kiosk.windowed is True and cfg.sync.trusted_keys == [k1, k2]


def test_bad_environment_value_names_variable() -> None:
    with pytest.raises(ConfigError, match="KIOSK_KIOSK_IDLE_SECONDS"):
        load_config(environ={"KIOSK_KIOSK_IDLE_SECONDS": "ten"})


def test_unknown_environment_key() -> None:
    with pytest.raises(ConfigError, match="KIOSK_SYNC_CHANEL.*channel"):
        load_config(environ={"KIOSK_SYNC_CHANEL": "x"})


@pytest.mark.parametrize(("text", "expected"), [("1920x1080", (1920, 1080)), ("1080X1920", (1080, 1920)),
                                                ("big", None), ("10x10", None), ("1920x", None)])
def test_parse_size(text: str, expected: tuple[int, int] | None) -> None:
    assert parse_size(text) == expected
