"""Helpers shared by the command modules (not a command module itself)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.config import Config, check_value, load_config

if TYPE_CHECKING:
    from kiosk.store import Store


def register(sub: object, groups: object) -> None:
    """This module adds no commands."""


def config_from_args(args: argparse.Namespace) -> Config:
    """The configuration named by ``--config``, with ``--data-dir`` applied on top."""
    cfg = load_config(Path(args.config) if getattr(args, "config", None) else None)
    if getattr(args, "data_dir", None):
        check_value("kiosk", "data_dir", str(args.data_dir), "--data-dir")
        cfg.kiosk.data_dir = str(args.data_dir)
    return cfg


def check_database(cfg: Config) -> None:
    """The one way every command meets a damaged ``kiosk.db`` (as ``kiosk run`` does).

    ``PRAGMA quick_check`` fails -> the file is set aside as ``kiosk.db.corrupt-<time>`` (kept for
    inspection), the event is recorded for ``kiosk status``, the log (stderr) says so, and the command
    goes on with a fresh store: ``kiosk run`` reinstalls the bundled pack, ``kiosk sync`` fetches the
    channel again.
    """
    from kiosk.runtime.startup import check_store

    check_store(cfg.data_paths())  # logs "... failed quick_check (...); set aside as ..., rebuilding"


def open_store(cfg: Config) -> Store:
    """:func:`check_database`, then open the store."""
    from kiosk.store import Store

    check_database(cfg)
    return Store.open(cfg.data_paths(), preferred_pack=cfg.kiosk.pack)
