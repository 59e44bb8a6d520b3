"""``kiosk pack install | rollback`` and ``kiosk status``: the offline store from the command line."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from kiosk.commands.common import config_from_args, open_store
from kiosk.errors import StoreError
from kiosk.health.state import as_status as health_status
from kiosk.store import Store
from kiosk.sync.state import load_state


def register(sub: Any, groups: dict[str, Any]) -> None:
    pack = groups["pack"]
    i = pack.add_parser("install", help="install a pack directory or zip into the kiosk's store",
                        description="Validate the pack, copy its media into the store and show it "
                                    "(the version shown until now is kept for `kiosk pack rollback`).")
    i.add_argument("path", metavar="PATH", help="pack directory or .zip")
    i.add_argument("--no-activate", action="store_true",
                   help="stage the version without showing it (activate it later)")
    i.add_argument("--allow-downgrade", action="store_true",
                   help="install even if the version is lower than the one shown now")
    i.set_defaults(func=cmd_install)

    r = pack.add_parser("rollback", help="show the previous version of a pack again",
                        description="Swap the shown version of a pack with the previous one "
                                    "(run it again to undo). Sync keeps the rolled-back version until the "
                                    "channel offers a version above the one rolled back from.")
    r.add_argument("pack_id", metavar="PACK_ID", nargs="?",
                   help="pack id (default: kiosk.pack, or the most recently activated pack)")
    r.set_defaults(func=cmd_rollback)

    s = sub.add_parser("status", help="what the store holds and shows",
                       description="Active packs with their versions and counts, previous and staged "
                                   "versions, and where the store lives.")
    s.add_argument("--json", action="store_true", help="machine-readable output")
    s.set_defaults(func=cmd_status)


def _open(args: argparse.Namespace) -> Store:
    return open_store(config_from_args(args))


def cmd_install(args: argparse.Namespace) -> int:
    from kiosk.content.sources import open_source

    source = open_source(Path(args.path))
    try:
        with _open(args) as store:
            result = store.install(source, activate=not args.no_activate,
                                   allow_downgrade=args.allow_downgrade)
    finally:
        close = getattr(source, "close", None)
        if callable(close):
            close()
    if result.unchanged:
        what = "already installed" + (" and shown" if result.activated else " (staged)")
    else:
        what = "installed and shown" if result.activated else "installed (staged, not shown yet)"
    print(f"{result.pack_id} version {result.version}: {what}; {result.files_copied} files copied "
          f"({result.bytes_copied} bytes), manifest sha256 {result.manifest_sha256}")
    return 0


def cmd_rollback(args: argparse.Namespace) -> int:
    with _open(args) as store:
        pack_id = args.pack_id or store.default_pack_id()
        if pack_id is None:
            raise StoreError(f"no pack is installed in {store.paths.root}; nothing to roll back")
        old, new = store.rollback(pack_id)
    pinned = f"; pinned until the channel offers a version above {old}" if new < old else ""
    print(f"{pack_id}: rolled back from version {old} to version {new}{pinned}")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    with _open(args) as store:
        status = store.status()
        status["sync"] = load_state(store.paths).as_status()
        status["health"] = health_status(store.paths)
    if args.json:
        print(json.dumps(status, indent=2, ensure_ascii=False))
        return 0
    print(f"store: {status['store']}")
    print(f"media: {status['media']}")
    if not status["packs"]:
        print("no pack installed (kiosk pack install PATH)")
    for p in status["packs"]:
        mark = " (shown)" if p["id"] == status["default_pack"] else ""
        print(f"{p['id']} version {p['version']}{mark}: {p['case_studies']} case studies, "
              f"{p['tours']} tours, {p['datasets']} datasets, {p['files']} files")
        print(f"  manifest sha256 {p['manifest_sha256']}, installed {p['installed_at']}, "
              f"activated {p['activated_at']}")
        for key in ("previous", "staged"):
            for other in p[key]:
                print(f"  {key}: version {other['version']} (manifest {other['manifest_sha256'][:12]}…)")
        if p.get("pinned"):
            print(f"  pinned by a rollback from version {p['pinned'][1]}: sync installs only higher versions")
    sync = status["sync"]
    print(f"sync: {sync['state']}" + "".join(
        f", {k.replace('_', ' ')} {sync[k]}" for k in ("last_success", "offline_since", "last_error")
        if sync.get(k)))
    if sync.get("clock_skew_seconds"):
        from kiosk.sync.state import describe_skew

        print(f"clock: this kiosk's clock is {describe_skew(sync['clock_skew_seconds'])} the hub's "
              "(times above are local; check NTP)")
    health = status["health"]
    print(f"health: {health['state']}"
          + "".join(f"\n  {e['message']}" for e in health["recent_events"][-3:]))
    return 0
