"""Helpers shared by the command modules (not a command module itself)."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.config import Config, check_value, load_config


def register(sub: object, groups: object) -> None:
    """This module adds no commands."""


def config_from_args(args: argparse.Namespace) -> Config:
    """The configuration named by ``--config``, with ``--data-dir`` applied on top."""
    cfg = load_config(Path(args.config) if getattr(args, "config", None) else None)
    if getattr(args, "data_dir", None):
        check_value("kiosk", "data_dir", str(args.data_dir), "--data-dir")
        cfg.kiosk.data_dir = str(args.data_dir)
    return cfg
