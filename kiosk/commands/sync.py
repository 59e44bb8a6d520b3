"""``kiosk sync``: fetch the channel from the hub and install what is new."""

from __future__ import annotations

import argparse
import logging
import threading
from typing import Any

from kiosk.commands.common import config_from_args, open_store

log = logging.getLogger("kiosk.sync")


def register(sub: Any, groups: dict[str, Any]) -> None:
    s = sub.add_parser("sync", help="sync content from the central API (sync.hub_url)",
                       description="Download what the channel lists and is not installed yet, verify "
                                   "it and show it. Exits 0 when up to date or applied.")
    s.add_argument("--once", action="store_true", help="sync once and exit (default: every poll_seconds)")
    s.add_argument("--config", metavar="FILE", default=argparse.SUPPRESS, help="configuration file (TOML)")
    s.add_argument("--no-activate", action="store_true", help="stage new versions without showing them")
    s.set_defaults(func=cmd_sync)


def cmd_sync(args: argparse.Namespace) -> int:
    from kiosk.sync.engine import SyncEngine

    cfg = config_from_args(args)
    stop = threading.Event()
    with open_store(cfg) as store:
        engine = SyncEngine.from_config(cfg, store)
        while True:
            try:
                result = engine.sync_once(stop)
            except Exception as exc:
                if args.once:
                    raise
                log.warning("sync failed, retrying in %s s: %s", cfg.sync.poll_seconds, exc)
            else:
                for update in result.updates:
                    if not args.no_activate:
                        store.activate(update.id, update.version)
                    print(f"{update.id} version {update.version}: {update.blobs_downloaded} files, "
                          f"{update.bytes_downloaded} bytes downloaded"
                          f"{', staged' if args.no_activate else ', now showing'}")
                earlier = [] if args.no_activate else _activate_staged(cfg, store)
                for pack_id, version in earlier:
                    print(f"{pack_id} version {version}: staged by an earlier sync, now showing")
                if not result.updates and not earlier:
                    print(f"up to date ({engine.channel_url})")
            if args.once or stop.wait(cfg.sync.poll_seconds):
                return 0


def _activate_staged(cfg: Any, store: Any) -> list[tuple[str, int]]:
    """Versions an earlier ``sync --no-activate`` (or a kiosk that never reached its attract loop)
    staged: shown now, unless the crash-loop guard quarantined them or a rollback pins the pack."""
    from kiosk.health.crashloop import is_quarantined
    from kiosk.sync.state import staged_to_show

    paths = cfg.data_paths()
    done = []
    for pack_id, version in staged_to_show(paths, store).items():
        if is_quarantined(paths, pack_id, version):
            log.warning("not activating %s version %s: it crashed the kiosk before", pack_id, version)
            continue
        store.activate(pack_id, version)
        done.append((pack_id, version))
    return done
