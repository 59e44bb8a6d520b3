"""Where things live on disk, in one place.

Platform directories come from platformdirs; every one can be overridden (config, environment or
tests). In a PyInstaller build the read-only ``assets/`` and ``content/`` sit under ``sys._MEIPASS``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "living-lab-kiosk"


def bundle_root() -> Path:
    """The directory that holds ``assets/`` and the bundled ``content/`` pack.

    PyInstaller: ``sys._MEIPASS``. Installed from a wheel: ``kiosk/_bundled`` (setup.py copies them
    there). A checkout (editable install, ``python -m kiosk``): the top of the repository.
    """
    meipass = getattr(sys, "_MEIPASS", None)
    if meipass:
        return Path(meipass)
    package = Path(__file__).resolve().parent
    installed = package / "_bundled"
    if (installed / "content").is_dir():
        return installed
    return package.parent


def assets_dir() -> Path:
    return bundle_root() / "assets"


def bundled_pack_dir() -> Path:
    return bundle_root() / "content"


def default_config_file() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME)) / "kiosk.toml"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME))


@dataclass(frozen=True)
class DataPaths:
    """The writable locations under one data directory."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "kiosk.db"

    @property
    def media(self) -> Path:
        """Content-addressed media store: files named by their sha256, shared between pack versions."""
        return self.root / "media"

    @property
    def staging(self) -> Path:
        """Scratch space for installs and downloads; anything left here at start is a leftover."""
        return self.root / "staging"

    @property
    def sync_cache(self) -> Path:
        """Downloaded blobs that are verified but not yet installed (resumable)."""
        return self.root / "sync"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    def ensure(self) -> DataPaths:
        for p in (self.root, self.media, self.staging, self.sync_cache, self.logs):
            p.mkdir(parents=True, exist_ok=True)
        return self
