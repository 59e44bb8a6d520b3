"""Citizen-voice endpoints of the hub, added to the app by :func:`register`.

``POST /api/v1/voices`` takes a kiosk's batch of votes (deduplicated by idempotency key, capped per
kiosk and hour); ``GET /api/v1/voices/<channel>`` serves the aggregate with an ETag that changes
only when a batch changed something, so kiosks can fetch it with every sync for a 304.
``GET /voices`` is the lab team's page and ``GET /voices.csv?channel=`` its export.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field, field_validator

from kiosk.errors import SyncError
from kiosk.hub import voicedb, voicepage
from kiosk.hub.voicelabels import poll_labels
from kiosk.sync import protocol
from kiosk.voice.ballot import MAX_CHOICES, POLL_ID

MAX_BATCH = 1000


class VoteIn(BaseModel):
    """One anonymous vote: no visit, no person, the hour only."""

    model_config = {"extra": "forbid"}
    key: str = Field(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")
    poll: str = Field(max_length=64)
    choice: int = Field(ge=0, lt=MAX_CHOICES)
    hour: str = Field(max_length=20)

    @field_validator("poll")
    @classmethod
    def _poll(cls, value: str) -> str:
        if not POLL_ID.match(value):
            raise ValueError("poll must be a poll id: lowercase letters, digits and '-'")
        return value

    @field_validator("hour")
    @classmethod
    def _hour(cls, value: str) -> str:
        if not voicedb.HOUR.match(value):
            raise ValueError("hour must be a whole UTC hour like 2026-11-29T11:00:00Z")
        return value


class VoteBatch(BaseModel):
    model_config = {"extra": "forbid"}
    kiosk_id: str = Field(min_length=1, max_length=64)
    channel: str = Field(min_length=1, max_length=64)
    votes: list[VoteIn] = Field(max_length=MAX_BATCH)


def register(app: FastAPI, root: Path, *, cap: int = voicedb.HOURLY_CAP,
             authorise: Callable[[Request, str], None] | None = None) -> None:
    """Add the voice endpoints; ``authorise(request, kiosk_id)`` (as for heartbeats) runs before a batch
    is stored."""
    voicedb.open_voice_db(root).conn.close()

    @app.post("/api/v1/voices")
    def post_voices(batch: VoteBatch, request: Request) -> dict[str, Any]:
        if authorise is not None:
            authorise(request, batch.kiosk_id)
        _channel(batch.channel)
        db = voicedb.open_voice_db(root)
        try:
            result = voicedb.record_batch(db, batch.kiosk_id, batch.channel,
                                          [v.model_dump() for v in batch.votes], protocol.now_iso(), cap=cap)
        finally:
            db.conn.close()
        return {"ok": True, **result.as_json()}

    @app.get("/api/v1/voices/{channel}")
    def get_voices(channel: str, request: Request) -> Response:
        _channel(channel)
        db = voicedb.open_voice_db(root)
        try:
            db.execute("BEGIN")  # one snapshot: the ETag and the document agree
            etag = f'"{channel}-{voicedb.revision(db, channel)}"'
            headers = {"ETag": etag, "Cache-Control": "no-cache"}
            if request.headers.get("if-none-match") == etag:
                return Response(status_code=304, headers=headers)
            doc = voicedb.aggregate(db, channel)
        finally:
            db.conn.close()
        return JSONResponse(doc, headers=headers)

    @app.get("/voices", response_class=HTMLResponse)
    def voices_page() -> HTMLResponse:
        db = voicedb.open_voice_db(root)
        try:
            db.execute("BEGIN")
            channels = [{"channel": ch, "polls": voicedb.aggregate(db, ch)["polls"],
                         "weekly": voicedb.weekly(db, ch), "labels": poll_labels(root, ch)}
                        for ch in voicedb.channels(db)]
        finally:
            db.conn.close()
        return HTMLResponse(voicepage.render(channels, datetime.now(UTC)),
                            headers={"Cache-Control": "no-store"})

    @app.get("/voices.csv")
    def voices_csv(channel: str) -> Response:
        _channel(channel)
        db = voicedb.open_voice_db(root)
        try:
            rows = voicedb.csv_rows(db, channel)
        finally:
            db.conn.close()
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(voicedb.CSV_HEADER)
        writer.writerows(rows)
        return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers={
            "Content-Disposition": f'attachment; filename="voices-{channel}.csv"',
            "Cache-Control": "no-store"})


def _channel(name: str) -> None:
    try:
        protocol.check_name(name, "channel")
    except SyncError as exc:
        raise HTTPException(422, str(exc)) from exc
