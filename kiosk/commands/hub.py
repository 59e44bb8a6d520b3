"""``kiosk hub serve``: run the reference central API on a static tree."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kiosk.errors import ConfigError


def register(sub: Any, groups: dict[str, Any]) -> None:
    s = groups["hub"].add_parser("serve", help="serve a protocol v1 tree, uploads, heartbeats and /fleet",
                                 description="Serve ROOT/v1 (static, ETag, Range), accept pack uploads "
                                             "(bearer token), heartbeats and events, and the /fleet page.")
    s.add_argument("--root", required=True, metavar="DIR", help="the tree (created if missing)")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8800)
    s.add_argument("--token-file", metavar="F", help="file holding the upload bearer token")
    s.add_argument("--fleet-token-file", metavar="F",
                   help="file holding the token every kiosk may send with heartbeats and events "
                        "(the kiosks' sync.token)")
    s.add_argument("--kiosk-tokens", metavar="F",
                   help="file of 'kiosk_id token' lines: a listed kiosk must use its own token")
    s.add_argument("--sign-key", metavar="KEY", help="private key that signs channels and manifests")
    s.add_argument("--trusted-key", action="append", default=[], metavar="PUB",
                   help="accept only uploads signed by this base64 public key (repeatable)")
    s.add_argument("--poll-seconds", type=int, default=300,
                   help="the kiosks' poll interval; silent for 3x this is stale on /fleet")
    s.set_defaults(func=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from kiosk.hub.app import HubSettings, create_app
    except ImportError as exc:
        raise ConfigError(f"the hub needs the 'hub' extra: pip install 'living-lab-kiosk[hub]' "
                          f"({exc})") from exc
    from kiosk.hub.guard import load_kiosk_tokens

    settings = HubSettings(Path(args.root), token=_token(args.token_file),
                           sign_key=Path(args.sign_key) if args.sign_key else None,
                           trusted_keys=list(args.trusted_key), poll_seconds=args.poll_seconds,
                           fleet_token=_token(args.fleet_token_file),
                           kiosk_tokens=load_kiosk_tokens(Path(args.kiosk_tokens)) if args.kiosk_tokens
                           else {})
    # Long polls (fleet commands) hold requests for up to 25 s: don't let them hold up a stop.
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="info",
                timeout_graceful_shutdown=3)
    return 0


def _token(file: str | None) -> str:
    if not file:
        return ""
    try:
        token = Path(file).read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ConfigError(f"{file}: cannot read the token ({exc})") from exc
    if not token:
        raise ConfigError(f"{file}: the token file is empty")
    return token
