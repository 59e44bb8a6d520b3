"""The hub's FastAPI application: ``create_app(HubSettings(...))``.

``GET /v1/...`` serves the static tree (ETag, If-None-Match, Range via Starlette's FileResponse);
``POST /api/v1/packs?channel=`` publishes an uploaded pack zip through :mod:`kiosk.sync.publish`;
heartbeats and events go to ``hub.db`` in the root; ``GET /fleet`` shows the fleet.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field, ValidationError, field_validator
from starlette.concurrency import run_in_threadpool

from kiosk.content import signing
from kiosk.errors import KioskError, PackError, SyncError
from kiosk.hub import commanddb, commands, fleet, fleetdb, voices
from kiosk.hub.guard import (
    EVENTS_RATE,
    HEARTBEAT_RATE,
    MAX_EVENTS_BYTES,
    MAX_HEARTBEAT_BYTES,
    KioskAuth,
    RateLimiter,
    read_capped,
)
from kiosk.sync import protocol
from kiosk.sync.publish import publish_source

MAX_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024


@dataclass
class HubSettings:
    root: Path
    token: str = ""
    """Bearer token for uploads; empty refuses every upload."""
    sign_key: Path | None = None
    trusted_keys: list[str] = field(default_factory=list)
    """When set, uploaded zips must carry a manifest.json.sig made by one of these keys."""
    poll_seconds: int = 300
    fleet_token: str = ""
    """Bearer token any kiosk may use for heartbeats and events (``sync.token`` on the kiosk)."""
    kiosk_tokens: dict[str, str] = field(default_factory=dict)
    """Kiosk id -> its own token; a listed kiosk must use it (the fleet token does not speak for it)."""


def _iso_time(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        protocol.parse_time(value)
    except SyncError as exc:
        raise ValueError(f"not an ISO 8601 time: {value[:40]!r}") from exc
    return value


ShortText = Annotated[str, Field(max_length=500)]


class PackState(BaseModel):
    id: str = Field(max_length=64)
    version: int
    manifest_sha256: str = Field(default="", max_length=64)
    verified: bool | None = None
    """The kiosk recomputed the manifest hash from its store and found every media file (None: unknown)."""


class Heartbeat(BaseModel):
    kiosk_id: str = Field(min_length=1, max_length=64)
    channel: str = Field(default="", max_length=64)
    packs: list[PackState] = Field(default_factory=list, max_length=50)
    last_sync: str | None = Field(default=None, max_length=40)
    last_error: str | None = Field(default=None, max_length=2000)
    uptime_seconds: float = 0
    memory_mb: float = 0
    poll_seconds: int = 0
    app_version: str = Field(default="", max_length=40)
    route: str | None = Field(default=None, max_length=200)
    recent_errors: list[ShortText] = Field(default_factory=list, max_length=20)

    @field_validator("last_sync")
    @classmethod
    def _last_sync(cls, value: str | None) -> str | None:
        return _iso_time(value)

    @field_validator("uptime_seconds", "memory_mb")
    @classmethod
    def _finite(cls, value: float) -> float:
        if not math.isfinite(value) or value < 0:
            raise ValueError("must be a finite number, 0 or more")
        return value


class Event(BaseModel):
    """One interaction. Deliberately no free text and no person: where, how long, which language."""

    model_config = {"extra": "forbid"}
    ts: str = Field(max_length=40)
    kind: Literal["screen_view", "dwell", "language", "tour_start"]
    screen: str = Field(default="", max_length=120)
    seconds: float = Field(default=0, ge=0, le=86400)
    lang: str = Field(default="", max_length=12)

    @field_validator("ts")
    @classmethod
    def _ts(cls, value: str) -> str:
        return _iso_time(value) or value


class EventBatch(BaseModel):
    model_config = {"extra": "forbid"}
    kiosk_id: str = Field(min_length=1, max_length=64)
    events: list[Event] = Field(max_length=2000)


def _now() -> str:
    return protocol.now_iso()


def create_app(settings: HubSettings) -> FastAPI:
    root = settings.root.resolve()
    (root / "v1").mkdir(parents=True, exist_ok=True)
    _clean_uploads(root)
    fleetdb.open_hub_db(root).conn.close()
    auth = KioskAuth(settings.fleet_token, dict(settings.kiosk_tokens))
    beats, batches = RateLimiter(HEARTBEAT_RATE), RateLimiter(EVENTS_RATE)
    key = signing.load_private_key(settings.sign_key) if settings.sign_key else None
    admin = commands.AdminAuth(settings.token)
    app = FastAPI(title="Living Lab Kiosk hub", version="1")

    @app.api_route("/v1/{path:path}", methods=["GET", "HEAD"], include_in_schema=False)
    def static(path: str, request: Request) -> Response:
        target = (root / "v1" / path).resolve()
        if not target.is_relative_to(root / "v1") or not target.is_file() or target.name.startswith("."):
            raise HTTPException(404, "not found")
        is_blob = target.parent == root / "v1" / "blobs"
        if is_blob:
            etag = f'"{target.name}"'
            headers = {"ETag": etag, "Cache-Control": "public, max-age=31536000, immutable"}
        else:
            etag = '"' + hashlib.sha256(target.read_bytes()).hexdigest()[:32] + '"'
            headers = {"ETag": etag, "Cache-Control": "no-cache"}
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers=headers)
        media = "application/json" if target.suffix == ".json" else "application/octet-stream"
        return FileResponse(target, media_type=media, headers=headers)

    @app.post("/api/v1/packs")
    async def upload(request: Request, channel: str) -> JSONResponse:
        _authorise(request, settings.token)
        try:
            protocol.check_name(channel, "channel")
        except SyncError as exc:
            raise HTTPException(422, str(exc)) from exc
        uploads = root / ".uploads"
        uploads.mkdir(exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=uploads, suffix=".zip") as tmp:
            size = 0
            async for chunk in request.stream():
                size += len(chunk)
                if size > MAX_UPLOAD_BYTES:
                    raise HTTPException(413, f"upload larger than {MAX_UPLOAD_BYTES} bytes")
                tmp.write(chunk)
            tmp.flush()
            public = _Redact({tmp.name: "upload.zip", str(root): "<hub>"})
            try:
                result = await run_in_threadpool(_publish_zip, Path(tmp.name), root, channel, key,
                                                 settings.trusted_keys)
            except PackError as exc:
                problems = [public(str(p)) for p in exc.problems]
                return JSONResponse({"error": "invalid pack", "problems": problems}, 422)
            except SyncError as exc:
                return JSONResponse({"error": public(str(exc))}, 409)
            except KioskError as exc:
                return JSONResponse({"error": public(str(exc))}, 422)
        return JSONResponse({"id": result.pack_id, "version": result.version,
                             "manifest_sha256": result.manifest_sha256, "channel": channel,
                             "blobs_written": result.blobs_written, "bytes_written": result.bytes_written})

    @app.post("/api/v1/heartbeat")
    async def heartbeat(request: Request) -> dict[str, Any]:
        beat = _parse(Heartbeat, await read_capped(request, MAX_HEARTBEAT_BYTES))
        auth.check(request, beat.kiosk_id)
        beats.take(beat.kiosk_id)
        row = beat.model_dump()
        row["id"] = row.pop("kiosk_id")
        await run_in_threadpool(_store_heartbeat, root, row)
        # Fleet commands ride in the reply (kiosk/hub/commands.py); older kiosks ignore the key.
        pending = await run_in_threadpool(commands.deliveries, root, beat.kiosk_id, beat.channel)
        return {"ok": True, "commands": pending}

    @app.post("/api/v1/events")
    async def events(request: Request) -> dict[str, Any]:
        batch = _parse(EventBatch, await read_capped(request, MAX_EVENTS_BYTES))
        auth.check(request, batch.kiosk_id)
        batches.take(batch.kiosk_id)
        n = await run_in_threadpool(_store_events, root, batch)
        return {"ok": True, "stored": n}

    @app.get("/fleet", response_class=HTMLResponse)
    def fleet_page(request: Request) -> HTMLResponse:
        db = commanddb.open_db(root)
        try:
            rows = fleetdb.kiosks(db)
            top = fleetdb.most_viewed(db)
            controls = fleet.Controls(enabled=bool(admin.token), unlocked=admin.allowed(request),
                                      commands=commanddb.recent(db, datetime.now(UTC), limit=30),
                                      screenshots=commanddb.screenshot_times(db))
        finally:
            db.conn.close()
        channels: dict[str, protocol.Channel] = {}
        for name in {str(r.get("channel") or "") for r in rows}:
            file = root / "v1" / "channels" / f"{name}.json"
            if name and file.is_file():
                try:
                    channels[name] = protocol.decode_channel(file.read_bytes(), str(file))
                except SyncError:
                    continue
        html = fleet.render(rows, channels, datetime.now(UTC), settings.poll_seconds, top, controls)
        return HTMLResponse(html, headers={"Cache-Control": "no-store"})

    # Votes need the same tokens as heartbeats; the per-kiosk hourly vote cap bounds what one kiosk adds.
    voices.register(app, root, authorise=auth.check)
    # Commands are the managers' (the upload token): every kiosk holds the fleet token.
    commands.register(app, root, admin=admin, kiosk_auth=auth.check, key=key)
    return app


M = TypeVar("M", bound=BaseModel)


def _parse(model: type[M], body: bytes) -> M:
    """Validate a JSON body; 422 with pydantic's findings (field names only, no server details)."""
    try:
        return model.model_validate_json(body)
    except ValidationError as exc:
        errors = [{"loc": list(e["loc"]), "msg": e["msg"]} for e in exc.errors()[:20]]
        raise HTTPException(422, errors) from exc


def _store_heartbeat(root: Path, row: dict[str, Any]) -> None:
    db = fleetdb.open_hub_db(root)
    try:
        fleetdb.record_heartbeat(db, row, _now())
    except fleetdb.FleetFull as exc:
        raise HTTPException(507, str(exc)) from exc
    finally:
        db.conn.close()


def _store_events(root: Path, batch: EventBatch) -> int:
    db = fleetdb.open_hub_db(root)
    try:
        return fleetdb.record_events(db, batch.kiosk_id, [e.model_dump() for e in batch.events], _now())
    finally:
        db.conn.close()


def _clean_uploads(root: Path) -> None:
    """Temp files of uploads a killed hub never finished."""
    uploads = root / ".uploads"
    if uploads.is_dir():
        for leftover in uploads.iterdir():
            if leftover.is_file():
                leftover.unlink(missing_ok=True)


class _Redact:
    """Replaces server paths in messages that go back to the client."""

    def __init__(self, paths: dict[str, str]) -> None:
        self.paths = sorted(paths.items(), key=lambda kv: -len(kv[0]))

    def __call__(self, text: str) -> str:
        for path, label in self.paths:
            text = text.replace(path, label)
        return text


def _authorise(request: Request, token: str) -> None:
    if not token:
        raise HTTPException(403, "uploads are disabled: start the hub with --token-file")
    given = request.headers.get("authorization", "")
    if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        raise HTTPException(401, "missing or wrong bearer token", headers={"WWW-Authenticate": "Bearer"})


def _publish_zip(path: Path, root: Path, channel: str, key: signing.Ed25519PrivateKey | None,
                 trusted: list[str]) -> Any:
    from kiosk.content.sources import ZipSource

    source = ZipSource(path)
    try:
        source.verify()
        if source.manifest_data is None:
            raise PackError("the upload has no manifest.json: build it with 'kiosk pack build'",
                            file="manifest.json")
        if trusted:
            signing.verify(source.manifest_data, source.signature_data, trusted, "manifest.json")
        return publish_source(source, root, channel, key=key)
    finally:
        source.close()
