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
type is a :class:`~kiosk.errors.ConfigError` that names the key and where it came from. Values are
checked completely here, at load (time zones, positive finite timeouts, a writable data directory,
every choice), so a typo never surfaces later as a traceback inside a running kiosk.
"""

from __future__ import annotations

import base64
import dataclasses
import difflib
import ipaddress
import math
import os
import re
import tomllib
import types
import typing
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

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
    heartbeat_seconds: int = 30
    """How often the kiosk reports to the hub; hub commands (sync now, screenshot...) ride in the reply."""
    push: bool = True
    """Also long-poll the hub for commands, so they arrive within seconds (heartbeats still bring them)."""
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
class VoiceSection:
    """Citizen voice: the poll under a case study's key figures, and sending the votes to the hub."""

    enabled: bool = True
    """False hides every poll (votes already recorded are still sent)."""
    send_seconds: int = 120
    """How often final votes go to the hub and its aggregate is fetched (a visit's end sends sooner)."""
    keep_days: int = 90
    """Votes the hub confirmed are deleted from the kiosk this many days later."""


@dataclass
class AdminSection:
    pin_hash: str = ""
    """scrypt hash of the admin PIN (``kiosk admin set-pin``); empty disables the admin panel."""


@dataclass
class RemoteSection:
    """The guide's phone as tour remote (``docs/remote-threat-model.md``)."""

    enabled: bool = True
    bind: str = ""
    """This kiosk's IP address to listen on; empty means the LAN interface's (the default route's)."""
    port: int = 8470


@dataclass
class Config:
    kiosk: KioskSection = field(default_factory=KioskSection)
    sync: SyncSection = field(default_factory=SyncSection)
    data: DataSection = field(default_factory=DataSection)
    admin: AdminSection = field(default_factory=AdminSection)
    remote: RemoteSection = field(default_factory=RemoteSection)
    voice: VoiceSection = field(default_factory=VoiceSection)
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


def _positive_finite(v: float) -> str | None:
    return None if math.isfinite(v) and v > 0 else "must be a positive number of seconds (not 0, nan or inf)"


def _timezone(v: str) -> str | None:
    try:
        zoneinfo.ZoneInfo(v)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        close = difflib.get_close_matches(v, sorted(zoneinfo.available_timezones()), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return f"is not a known time zone; use an IANA name such as 'Europe/Copenhagen'{hint}"
    return None


def _data_dir(v: str) -> str | None:
    """An existing path must be a writable directory; a new one needs a writable directory above it."""
    if not v:
        return None
    path = Path(v).expanduser()
    probe = path
    while not probe.exists():
        if probe.parent == probe:
            return "cannot be created (no existing folder above it)"
        probe = probe.parent
    if not probe.is_dir():
        return f"is not a directory ({probe} is a file)"
    if not os.access(probe, os.W_OK | os.X_OK):
        return f"is not writable ({probe}: read-only file system or no permission)"
    return None


def _hub_url(v: str) -> str | None:
    if not v:
        return None
    parts = urlsplit(v)
    ok = parts.scheme in ("http", "https") and parts.hostname
    return None if ok else "must be an http:// or https:// address such as 'https://hub.example.org'"


def _name(v: str) -> str | None:
    return None if _NAME.match(v) else "must be 1-64 letters, digits, '.', '_' or '-'"


def _trusted_keys(v: list[str]) -> str | None:
    for key in v:
        try:
            raw = base64.b64decode(key.strip(), validate=True)
        except ValueError:
            raw = b""
        if len(raw) != 32:
            return f"{key[:20]!r} is not a base64 Ed25519 public key (the line in NAME.pub)"
    return None


def _pin_hash(v: str) -> str | None:
    if not v:
        return None
    from kiosk.pinhash import PinError, parse_hash

    try:
        parse_hash(v)
    except PinError as exc:
        return str(exc).removeprefix("admin.pin_hash: ")
    return None


def _remote_bind(v: str) -> str | None:
    if not v:
        return None
    try:
        address = ipaddress.ip_address(v)
    except ValueError:
        return "must be an IP address of this kiosk such as '192.168.1.20' (empty: the LAN interface)"
    if address.is_unspecified:
        return "must be one address, not all interfaces; use this kiosk's LAN address"
    return None


def _at_least(n: int) -> typing.Callable[[int], str | None]:
    return lambda v: None if v >= n else f"must be at least {n}"


_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")

_VALIDATORS: dict[tuple[str, str], typing.Callable[[Any], str | None]] = {
    ("kiosk", "id"): _name,
    ("kiosk", "data_dir"): _data_dir,
    ("kiosk", "pack"): lambda v: None if not v else _name(v),
    ("kiosk", "idle_seconds"): _at_least(5),
    ("kiosk", "idle_warning_seconds"): _at_least(0),
    ("kiosk", "theme"): lambda v: None if v in {"light", "dark", "high-contrast"} else
    "must be one of light, dark, high-contrast",
    ("kiosk", "timezone"): _timezone,
    ("kiosk", "rotation"): lambda v: None if v in {0, 90, 180, 270} else "must be 0, 90, 180 or 270",
    ("kiosk", "size"): lambda v: None if not v or parse_size(v) else "must look like 1920x1080",
    ("kiosk", "screen_diagonal_inches"): lambda v: None if math.isfinite(v) and 0 <= v <= 1000 else
    "must be 0 (trust the screen) or the diagonal in inches",
    ("kiosk", "memory_limit_mb"): _at_least(0),
    ("sync", "hub_url"): _hub_url,
    ("sync", "channel"): _name,
    ("sync", "poll_seconds"): _at_least(10),
    ("sync", "heartbeat_seconds"): _at_least(10),
    ("sync", "trusted_keys"): _trusted_keys,
    ("sync", "connect_timeout"): _positive_finite,
    ("sync", "read_timeout"): _positive_finite,
    ("sync", "deadline_seconds"): _at_least(10),
    ("sync", "min_speed_bytes"): _at_least(0),
    ("data", "connect_timeout"): _positive_finite,
    ("data", "read_timeout"): _positive_finite,
    ("admin", "pin_hash"): _pin_hash,
    ("remote", "bind"): _remote_bind,
    ("remote", "port"): lambda v: None if 0 <= v <= 65535 else "must be a port 1-65535 (0: any free port)",
    ("voice", "send_seconds"): _at_least(10),
    ("voice", "keep_days"): _at_least(1),
}
"""Every key with a rule beyond its type; a value that breaks it names the key and the file."""


def check_value(section: str, key: str, value: Any, where: str) -> None:
    """Raise ConfigError if ``value`` breaks the rule for ``section.key`` (also for CLI overrides)."""
    check = _VALIDATORS.get((section, key))
    message = check(value) if check else None
    if message:
        raise ConfigError(f"{where} {message} (got {value!r})")


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
            check_value(sect_name, key, coerced, where)
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
