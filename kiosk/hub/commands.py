"""Fleet commands on the hub, added to the app by :func:`register`.

Managers (the hub's admin token, ``--token-file``, as a bearer token or the ``/fleet`` session
cookie it unlocks) queue commands and read their outcomes; kiosks (their heartbeat tokens) get
them in heartbeat replies (:func:`deliveries`), acknowledge them and upload screenshots.

``POST /api/v1/commands``          {target, kind, text?, expires_in?} -> the command (admin)
``GET  /api/v1/commands``          ?target= &kiosk= &limit= -> commands with per-kiosk outcomes (admin)
``GET  /api/v1/commands/wait``     ?kiosk_id= &channel= : a long poll, answered as soon as a command is
                                   queued for the kiosk or its channel, else empty after 25 s (kiosk token)
``POST /api/v1/commands/ack``      {kiosk_id, acks: [{id, status, detail}]} (kiosk token)
``POST /api/v1/screenshots``       ?kiosk_id= &command= , a PNG body (kiosk token)
``GET  /fleet/screenshots/<kiosk>.png``  the latest screenshot (admin)
``POST /fleet/login`` / ``/fleet/logout`` / ``/fleet/commands``  the page's forms
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field, ValidationError
from starlette.concurrency import run_in_threadpool

from kiosk.content.signing import Ed25519PrivateKey
from kiosk.fleetctl import envelope
from kiosk.fleetctl.envelope import Command, CommandRefused
from kiosk.hub import commanddb
from kiosk.hub.guard import Rate, RateLimiter, read_capped

COOKIE = "kiosk_hub_session"
DEFAULT_LIFETIME = timedelta(hours=1)
MAX_SCREENSHOT_BYTES = 8 * 1024 * 1024
MAX_ACK_BYTES = 256 * 1024
ACK_RATE = Rate(per_minute=30, burst=30)
SCREENSHOT_RATE = Rate(per_minute=6, burst=6)
LONG_POLL_S = 25.0
"""A push wait answers empty after this long (under the 30-60 s idle cut of common proxies)."""
WAIT_RATE = Rate(per_minute=20, burst=10)
LOGIN_RATE = Rate(per_minute=6, burst=6)
"""/fleet/login attempts per client address: guessing the token stays slow."""


class Bell:
    """Wakes the long polls when a command is queued (queuing runs in a worker thread)."""

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._event: asyncio.Event | None = None

    def event(self) -> asyncio.Event:
        """The event the next :meth:`ring` sets (call on the event loop; take it *before* looking)."""
        if self._event is None:
            self._loop, self._event = asyncio.get_running_loop(), asyncio.Event()
        return self._event

    def ring(self) -> None:
        loop, event = self._loop, self._event
        if loop is None or event is None:
            return

        def swap() -> None:
            self._event = asyncio.Event()
            event.set()

        loop.call_soon_threadsafe(swap)


class NewCommand(BaseModel):
    model_config = {"extra": "forbid"}
    target: str = Field(max_length=80)
    kind: Literal["sync_now", "screenshot", "restart_at_attract", "staff_message"]
    text: str = Field(default="", max_length=envelope.MAX_TEXT)
    expires_in: int = Field(default=int(DEFAULT_LIFETIME.total_seconds()), ge=10,
                            le=int(envelope.MAX_LIFETIME.total_seconds()))
    """Seconds the command stays valid."""


class AckIn(BaseModel):
    model_config = {"extra": "forbid"}
    id: str = Field(pattern=r"^[0-9a-f]{32}$")
    status: Literal["ok", "failed", "refused", "expired"]
    detail: str = Field(default="", max_length=500)


class AckBatch(BaseModel):
    model_config = {"extra": "forbid"}
    kiosk_id: str = Field(min_length=1, max_length=64)
    acks: list[AckIn] = Field(max_length=200)


@dataclass
class AdminAuth:
    """The manager's token: a bearer header, or the session cookie ``/fleet/login`` sets."""

    token: str

    @property
    def session(self) -> str:
        return hmac.new(self.token.encode(), b"fleet-session", hashlib.sha256).hexdigest()

    def allowed(self, request: Request) -> bool:
        if not self.token:
            return False
        given = request.headers.get("authorization", "").encode()
        if hmac.compare_digest(given, f"Bearer {self.token}".encode()):
            return True
        cookie = request.cookies.get(COOKIE, "").encode()
        return hmac.compare_digest(cookie, self.session.encode())

    def check(self, request: Request) -> None:
        if not self.token:
            raise HTTPException(403, "fleet commands are disabled: start the hub with --token-file")
        if not self.allowed(request):
            raise HTTPException(401, "missing or wrong hub token (the --token-file token)",
                                headers={"WWW-Authenticate": "Bearer"})


def make_command(new: NewCommand, now: datetime) -> Command:
    """A new command with a random id; raises CommandRefused for a bad target or arguments."""
    target = envelope.check_target(new.target)
    args = envelope.check_args(new.kind, {"text": new.text} if new.kind == "staff_message" else {})
    return Command(secrets.token_hex(16), new.kind, target, commanddb.iso(now),
                   commanddb.iso(now + timedelta(seconds=new.expires_in)), args)


def deliveries(root: Path, kiosk_id: str, channel: str, *, new_only: bool = False) -> list[dict[str, Any]]:
    """The commands for a heartbeat reply (called by the heartbeat endpoint in a worker thread)."""
    db = commanddb.open_db(root)
    try:
        return commanddb.deliver(db, kiosk_id, channel, commanddb.iso(datetime.now(UTC)), new_only=new_only)
    finally:
        db.conn.close()


def register(app: FastAPI, root: Path, *, admin: AdminAuth, kiosk_auth: Callable[[Request, str], None],
             key: Ed25519PrivateKey | None) -> None:
    commanddb.open_db(root).conn.close()
    acks_rate, shots_rate, waits = RateLimiter(ACK_RATE), RateLimiter(SCREENSHOT_RATE), RateLimiter(WAIT_RATE)
    bell = Bell()
    logins = RateLimiter(LOGIN_RATE)

    def enqueue(new: NewCommand) -> dict[str, Any]:
        now = datetime.now(UTC)
        try:
            command = make_command(new, now)
        except CommandRefused as exc:
            raise HTTPException(422, exc.reason) from exc
        db = commanddb.open_db(root)
        try:
            commanddb.enqueue(db, command, envelope.sign(command, key))
            bell.ring()
            return commanddb.recent(db, now, limit=1)[0]
        except commanddb.QueueFull as exc:
            raise HTTPException(429, str(exc)) from exc
        finally:
            db.conn.close()

    @app.post("/api/v1/commands")
    def post_command(new: NewCommand, request: Request) -> dict[str, Any]:
        admin.check(request)
        return enqueue(new)

    @app.get("/api/v1/commands")
    def list_commands(request: Request, target: str = "", kiosk: str = "", limit: int = 50) -> dict[str, Any]:
        admin.check(request)
        db = commanddb.open_db(root)
        try:
            rows = commanddb.recent(db, datetime.now(UTC), limit=max(1, min(limit, 500)), target=target,
                                    kiosk_id=kiosk)
        finally:
            db.conn.close()
        return {"commands": rows}

    @app.get("/api/v1/commands/wait")
    async def wait_commands(request: Request, kiosk_id: str, channel: str = "",
                            timeout: float = LONG_POLL_S) -> dict[str, Any]:
        kiosk_auth(request, kiosk_id)
        waits.take(kiosk_id)
        if channel:
            try:
                envelope.check_target(f"channel:{channel}")
            except CommandRefused as exc:
                raise HTTPException(422, exc.reason) from exc
        loop = asyncio.get_running_loop()
        end = loop.time() + min(max(timeout, 0.0), LONG_POLL_S)
        while True:
            rung = bell.event()
            pending = await run_in_threadpool(lambda: deliveries(root, kiosk_id, channel, new_only=True))
            left = end - loop.time()
            if pending or left <= 0:
                return {"commands": pending}
            try:
                await asyncio.wait_for(rung.wait(), left)
            except TimeoutError:
                return {"commands": []}

    @app.post("/api/v1/commands/ack")
    async def post_acks(request: Request) -> dict[str, Any]:
        body = await read_capped(request, MAX_ACK_BYTES)
        try:
            batch = AckBatch.model_validate_json(body)
        except ValidationError as exc:
            raise HTTPException(422, [{"loc": list(e["loc"]), "msg": e["msg"]} for e in exc.errors()[:20]]) \
                from exc
        kiosk_auth(request, batch.kiosk_id)
        acks_rate.take(batch.kiosk_id)

        def store() -> int:
            db = commanddb.open_db(root)
            try:
                return commanddb.acknowledge(db, batch.kiosk_id, [a.model_dump() for a in batch.acks],
                                             commanddb.iso(datetime.now(UTC)))
            finally:
                db.conn.close()

        return {"ok": True, "recorded": await run_in_threadpool(store)}

    @app.post("/api/v1/screenshots")
    async def post_screenshot(request: Request, kiosk_id: str, command: str) -> dict[str, Any]:
        kiosk_auth(request, kiosk_id)
        shots_rate.take(kiosk_id)
        png = await read_capped(request, MAX_SCREENSHOT_BYTES)
        if not png.startswith(b"\x89PNG\r\n\x1a\n"):
            raise HTTPException(415, "the body is not a PNG image")

        def store() -> bool:
            db = commanddb.open_db(root)
            try:
                return commanddb.save_screenshot(db, kiosk_id, command, png, commanddb.iso(datetime.now(UTC)))
            finally:
                db.conn.close()

        if not await run_in_threadpool(store):
            raise HTTPException(409, f"no screenshot command {command[:40]!r} for kiosk {kiosk_id[:64]!r}")
        return {"ok": True, "bytes": len(png)}

    @app.get("/fleet/screenshots/{kiosk_id}.png")
    def get_screenshot(kiosk_id: str, request: Request) -> Response:
        admin.check(request)
        db = commanddb.open_db(root)
        try:
            found = commanddb.screenshot(db, kiosk_id)
        finally:
            db.conn.close()
        if found is None:
            raise HTTPException(404, f"no screenshot from kiosk {kiosk_id[:64]!r} yet")
        return Response(found[0], media_type="image/png",
                        headers={"Cache-Control": "no-store", "X-Taken-At": found[1]})

    @app.post("/fleet/login")
    async def login(request: Request) -> Response:
        logins.take(request.client.host if request.client else "?")
        form = await request.form()
        token = str(form.get("token", ""))
        if not admin.token or not hmac.compare_digest(token.encode(), admin.token.encode()):
            return HTMLResponse('<!doctype html><meta charset="utf-8"><title>Wrong hub token</title>'
                                '<p style="font-family:system-ui,sans-serif">Wrong hub token. '
                                '<a href="/fleet">Back to the fleet page</a></p>', 401)
        resp = RedirectResponse("/fleet", status_code=303)
        resp.set_cookie(COOKIE, admin.session, httponly=True, samesite="strict", path="/",
                        secure=request.url.scheme == "https", max_age=12 * 3600)
        return resp

    @app.post("/fleet/logout")
    def logout() -> Response:
        resp = RedirectResponse("/fleet", status_code=303)
        resp.delete_cookie(COOKIE, path="/")
        return resp

    @app.post("/fleet/commands")
    async def form_command(request: Request) -> Response:
        admin.check(request)  # the cookie is SameSite=Strict: another site's form cannot send it
        form = await request.form()
        try:
            new = NewCommand(target=str(form.get("target", "")), kind=str(form.get("kind", "")),  # type: ignore[arg-type]
                             text=str(form.get("text", "")))
        except ValidationError as exc:
            raise HTTPException(422, [{"loc": list(e["loc"]), "msg": e["msg"]} for e in exc.errors()[:5]]) \
                from exc
        await run_in_threadpool(enqueue, new)
        return RedirectResponse("/fleet", status_code=303)
