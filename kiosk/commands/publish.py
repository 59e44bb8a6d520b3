"""``kiosk pack publish``: into a static tree (``--to DIR``) or to a hub (``--hub URL``)."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import Any

from kiosk.errors import ConfigError, SyncError


def register(sub: Any, groups: dict[str, Any]) -> None:
    p = groups["pack"].add_parser("publish", help="publish a pack to a channel (static tree or hub)",
                                  description="Write the pack's new files, its manifest and then the "
                                              "channel file (atomically, last), or upload it to a hub.")
    p.add_argument("path", metavar="PATH", help="pack directory or built .zip")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--to", metavar="DIR", help="static tree root (serve it with any web server)")
    where.add_argument("--hub", metavar="URL", help="hub base URL")
    p.add_argument("--channel", required=True, metavar="NAME")
    p.add_argument("--sign-key", metavar="KEY", help="sign the manifest and channel (--to only)")
    p.add_argument("--token", metavar="T", help="the hub's upload token (--hub)")
    p.add_argument("--expires-at", metavar="ISO", help="channel expiry (ISO 8601 UTC), --to only")
    p.set_defaults(func=cmd_publish)


def cmd_publish(args: argparse.Namespace) -> int:
    path = Path(args.path)
    if not path.exists():
        raise ConfigError(f"{path}: no such pack directory or zip")
    if args.to:
        from kiosk.sync.publish import publish_path

        r = publish_path(path, Path(args.to), args.channel,
                         sign_key=Path(args.sign_key) if args.sign_key else None, expires_at=args.expires_at)
        print(f"published {r.pack_id} version {r.version} to channel {args.channel!r} "
              f"({r.blobs_written} new files, {r.bytes_written} bytes) in {args.to}")
        return 0
    if not args.token:
        raise ConfigError("--hub needs --token (the hub's upload token)")
    return _upload(path, args.hub, args.token, args.channel)


def _upload(path: Path, hub: str, token: str, channel: str) -> int:
    import requests

    with tempfile.TemporaryDirectory() as tmp:
        zip_path = path
        if path.is_dir():
            from kiosk.content.build import build_zip

            zip_path = Path(tmp) / "pack.zip"
            build_zip(path, zip_path)
        url = hub.rstrip("/") + "/api/v1/packs"
        try:
            with zip_path.open("rb") as fh:
                resp = requests.post(url, params={"channel": channel}, data=fh, timeout=(10, 600),
                                     headers={"Authorization": f"Bearer {token}",
                                              "Content-Type": "application/zip"})
        except requests.RequestException as exc:
            raise SyncError(f"{url}: upload failed ({exc})") from exc
    try:
        doc = resp.json()
    except ValueError:
        doc = {"error": resp.text[:300]}
    if resp.status_code != 200:
        problems = "\n".join(doc.get("problems") or [])
        raise SyncError(f"{url}: HTTP {resp.status_code}: {doc.get('error') or doc.get('detail')}"
                        + (f"\n{problems}" if problems else ""))
    print(f"published {doc['id']} version {doc['version']} to channel {channel!r} on {hub} "
          f"({doc['blobs_written']} new files)")
    return 0
