"""Typed configuration: defaults in code, a TOML file, ``KIOSK_*`` environment overrides.

The file is divided into sections that map onto the dataclasses below::

    [kiosk]
    id = "aarhus-lab-1"
    idle_seconds = 90

    [sync]
    hub_url = "https://hub.example.org"
    channel = "aarhus"

Each key can be overridden from the environment as ``KIOSK_<SECTION>_<KEY>``, for example
``KIOSK_SYNC_CHANNEL=staging``; lists are comma-separated. An unknown key or a value of the wrong
type is a :class:`~kiosk.errors.ConfigError` that names the key and where it came from.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import tomllib
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk import paths
from kiosk.errors import ConfigError


@dataclass
class KioskSection:
    id: str = "kiosk"
    data_dir: str = ""
    """Writable directory for the store, media and logs; empty means the platform default."""
    pack: str = ""
    """Id of the pack to show when several are active; empty means the most recently activated."""
    idle_seconds: int = 60
    idle_warning_seconds: int = 10
    theme: str = "light"
    timezone: str = "Europe/Copenhagen"
    windowed: bool = False
    size: str = ""
    """Emulated screen size ``WxH`` for development; empty means the real screen."""
    rotation: int = 0
    screen_diagonal_inches: float = 0.0
    """Physical diagonal, for 9 mm touch targets when the screen reports a wrong DPI; 0 = trust the screen."""
    memory_limit_mb: int = 0


@dataclass
class SyncSection:
    hub_url: str = ""
    channel: str = "default"
    token: str = ""
    poll_seconds: int = 300
    trusted_keys: list[str] = field(default_factory=list)
    """Base64 Ed25519 public keys; when set, unsigned or wrongly signed channels are refused."""
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    deadline_seconds: int = 1800
    min_speed_bytes: int = 2048
    """A download slower than this (bytes/s, averaged over 30 s) is abandoned and retried later."""


@dataclass
class DataSection:
    enabled: bool = True
    connect_timeout: float = 10.0
    read_timeout: float = 30.0


@dataclass
class AdminSection:
    pin_hash: str = ""
    """scrypt hash of the admin PIN (``kiosk admin set-pin``); empty disables the admin panel."""


@dataclass
class Config:
    kiosk: KioskSection = field(default_factory=KioskSection)
    sync: SyncSection = field(default_factory=SyncSection)
    data: DataSection = field(default_factory=DataSection)
    admin: AdminSection = field(default_factory=AdminSection)
    source: str = "<defaults>"
    """Where the configuration came from, for error messages and ``kiosk status``."""

    def data_paths(self) -> paths.DataPaths:
        root = Path(self.kiosk.data_dir).expanduser() if self.kiosk.data_dir else paths.default_data_dir()
        return paths.DataPaths(root)


_SECTIONS = [f.name for f in dataclasses.fields(Config) if f.name != "source"]


def _section_types() -> dict[str, type]:
    hints = typing.get_type_hints(Config)
    return {name: hints[name] for name in _SECTIONS}


def _suggest(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _coerce(value: Any, kind: Any, where: str) -> Any:
    """Check (and for environment strings, convert) one value against its annotated type."""
    origin = typing.get_origin(kind)
    from_env = isinstance(value, str) and where.startswith("environment")
    if kind is bool:
        if isinstance(value, bool):
            return value
        if from_env and value.lower() in {"1", "true", "yes", "on", "0", "false", "no", "off"}:
            return value.lower() in {"1", "true", "yes", "on"}
        raise ConfigError(f"{where}: expected true or false, got {value!r}")
    if kind is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if from_env:
            try:
                return int(value)
            except ValueError:
                pass
        raise ConfigError(f"{where}: expected a whole number, got {value!r}")
    if kind is float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        if from_env:
            try:
                return float(value)
            except ValueError:
                pass
        raise ConfigError(f"{where}: expected a number, got {value!r}")
    if kind is str:
        if isinstance(value, str):
            return value
        raise ConfigError(f"{where}: expected text, got {value!r}")
    if origin is list:
        (item,) = typing.get_args(kind)
        if from_env:
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, list):
            raise ConfigError(f"{where}: expected a list, got {value!r}")
        return [_coerce(v, item, where) for v in value]
    if isinstance(kind, types.UnionType):  # pragma: no cover - no such fields yet
        raise ConfigError(f"{where}: unsupported type")
    raise ConfigError(f"{where}: unsupported type {kind!r}")  # pragma: no cover


_VALIDATORS: dict[tuple[str, str], typing.Callable[[Any], str | None]] = {
    ("kiosk", "idle_seconds"): lambda v: None if v >= 5 else "must be at least 5",
    ("kiosk", "idle_warning_seconds"): lambda v: None if v >= 0 else "must not be negative",
    ("kiosk", "theme"): lambda v: None if v in {"light", "dark", "high-contrast"} else
    "must be one of light, dark, high-contrast",
    ("kiosk", "rotation"): lambda v: None if v in {0, 90, 180, 270} else "must be 0, 90, 180 or 270",
    ("kiosk", "size"): lambda v: None if not v or parse_size(v) else "must look like 1920x1080",
    ("sync", "poll_seconds"): lambda v: None if v >= 10 else "must be at least 10",
    ("sync", "deadline_seconds"): lambda v: None if v >= 10 else "must be at least 10",
}


def parse_size(text: str) -> tuple[int, int] | None:
    """Parse ``WxH``; None if it is not a plausible screen size."""
    w, sep, h = text.lower().partition("x")
    if not sep or not w.isdigit() or not h.isdigit():
        return None
    size = int(w), int(h)
    return size if all(100 <= n <= 16384 for n in size) else None


def _apply(cfg: Config, data: Mapping[str, Any], origin: str) -> None:
    sections = _section_types()
    for sect_name, values in data.items():
        if sect_name not in sections:
            raise ConfigError(f"{origin}: unknown section [{sect_name}]{_suggest(sect_name, list(sections))}")
        if not isinstance(values, Mapping):
            raise ConfigError(f"{origin}: [{sect_name}] must be a table")
        section = getattr(cfg, sect_name)
        hints = typing.get_type_hints(type(section))
        for key, value in values.items():
            if key not in hints:
                raise ConfigError(
                    f"{origin}: unknown key {sect_name}.{key}{_suggest(key, list(hints))}"
                )
            where = f"{origin}: {sect_name}.{key}"
            if origin.startswith("environment"):
                where = f"environment {env_name(sect_name, key)}"
            coerced = _coerce(value, hints[key], where)
            check = _VALIDATORS.get((sect_name, key))
            message = check(coerced) if check else None
            if message:
                raise ConfigError(f"{where} {message} (got {coerced!r})")
            setattr(section, key, coerced)


def env_name(section: str, key: str) -> str:
    return f"KIOSK_{section.upper()}_{key.upper()}"


def load_config(path: Path | str | None = None, environ: Mapping[str, str] | None = None) -> Config:
    """Load the configuration.

    Args:
        path: a TOML file. ``None`` means the platform default, which may be absent (defaults apply).
            An explicitly named file that does not exist is an error.
        environ: the environment to read ``KIOSK_*`` overrides from (``os.environ`` by default).
    """
    cfg = Config()
    explicit = path is not None
    file = Path(path) if path is not None else paths.default_config_file()
    if file.exists():
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{file}: {exc}") from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{file}: cannot read: {exc}") from exc
        _apply(cfg, data, str(file))
        cfg.source = str(file)
    elif explicit:
        raise ConfigError(f"{file}: no such configuration file")

    env = os.environ if environ is None else environ
    overrides: dict[str, dict[str, str]] = {}
    sections = _section_types()
    for name, value in env.items():
        if not name.startswith("KIOSK_"):
            continue
        for sect_name, sect_type in sections.items():
            prefix = f"KIOSK_{sect_name.upper()}_"
            if name.startswith(prefix):
                key = name[len(prefix):].lower()
                if key not in typing.get_type_hints(sect_type):
                    keys = list(typing.get_type_hints(sect_type))
                    hint = _suggest(key, keys)
                    raise ConfigError(f"environment {name}: unknown key {sect_name}.{key}{hint}")
                overrides.setdefault(sect_name, {})[key] = value
                break
    if overrides:
        _apply(cfg, overrides, "environment")
    return cfg
