"""Votes to the hub and the hub's aggregate back: the sending policy, with no Qt.

One :meth:`Courier.run_once` (run by the UI's worker pool, never on the UI thread):

1. **Send** final votes in batches of ``batch`` with their idempotency keys (``POST /api/v1/voices``)
   through the sync's HTTP session (timeouts, capped retries; a POST is retried too, because the hub
   counts a key once). A batch is marked sent only when the hub answered 2xx; anything else (offline,
   5xx, a refusal) leaves it for the next run, with the same keys.
2. **Fetch** the lab's aggregate (``GET /api/v1/voices/<channel>``) with ``If-None-Match``; a 304
   keeps the snapshot, a 404 (a plain static host, no hub) leaves the kiosk on its local counts.
3. **Prune** votes the hub confirmed more than ``keep_days`` ago, so the table cannot grow forever.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

import requests

from kiosk.errors import SyncError
from kiosk.sync.http import Budget, Limits, get_document, make_session
from kiosk.voice.ballot import Ballot, Vote

log = logging.getLogger("kiosk.voice.courier")

BATCH = 500
"""Votes per POST (the hub takes at most 1,000)."""
MAX_AGGREGATE_BYTES = 4 << 20
KEEP_DAYS = 90


@dataclass
class Report:
    """What one run did, for the log, the admin panel and the tests."""

    sent: int = 0
    """Votes the hub confirmed in this run (accepted, refused by its cap, or already known)."""
    refused: dict[str, int] = field(default_factory=dict)
    """Poll id -> votes the hub's hourly cap refused (counted in the ballot as ``hub-cap``)."""
    fetched: bool = False
    """A new aggregate arrived (False on 304, on 404 and when the hub could not be reached)."""
    pruned: int = 0
    error: str = ""
    """Why sending or fetching stopped early (empty when all went through)."""


class Courier:
    """Sends one kiosk's votes to ``hub_url`` and keeps the channel's aggregate."""

    def __init__(self, ballot: Ballot, *, hub_url: str, channel: str, kiosk_id: str, token: str = "",
                 limits: Limits | None = None, batch: int = BATCH, max_batches: int = 20,
                 keep_days: float = KEEP_DAYS) -> None:
        self.ballot = ballot
        self.base = hub_url.rstrip("/") + "/"
        self.channel = channel
        self.kiosk_id = kiosk_id
        self.token = token
        self.limits = limits or Limits()
        self.batch = batch
        self.max_batches = max_batches
        self.keep_days = keep_days

    @property
    def post_url(self) -> str:
        return urljoin(self.base, "api/v1/voices")

    @property
    def aggregate_url(self) -> str:
        return urljoin(self.base, f"api/v1/voices/{self.channel}")

    def session(self) -> requests.Session:
        """The sync's session, whose retry also covers POST: a vote batch is idempotent by its keys."""
        session = make_session(self.limits, self.token)
        for prefix in ("http://", "https://"):
            adapter: Any = session.get_adapter(prefix + "hub")
            adapter.max_retries = adapter.max_retries.new(
                allowed_methods=frozenset({"GET", "HEAD", "POST"}))
        return session

    def run_once(self, cancel: threading.Event | None = None) -> Report:
        report = Report()
        with self.session() as session:
            budget = Budget(self.limits, cancel)
            try:
                report.sent = self.send(session, budget, report)
                if not report.error:  # the hub did not answer the POST: the GET would not fare better
                    report.fetched = self.fetch(session, budget)
            except SyncError as exc:
                report.error = str(exc)
            if report.error:
                log.info("votes: %s", report.error)
        report.pruned = self.ballot.prune(self.keep_days * 86400)
        return report

    def send(self, session: requests.Session, budget: Budget, report: Report) -> int:
        """Every final vote, batch by batch, until none is left or the hub does not confirm one."""
        failure: list[str] = []

        def post(votes: list[Vote]) -> Mapping[str, int] | None:
            budget.check(self.post_url)
            body = {"kiosk_id": self.kiosk_id, "channel": self.channel, "votes": [v.as_json() for v in votes]}
            try:
                resp = session.post(self.post_url, json=body, timeout=budget.timeout())
            except requests.RequestException as exc:
                failure.append(f"{self.post_url}: not sent ({type(exc).__name__}); kept for the next try")
                return None
            if not 200 <= resp.status_code < 300:
                failure.append(f"{self.post_url}: HTTP {resp.status_code} {resp.text[:200]}; kept")
                if resp.status_code in (401, 403, 422):  # a setup problem the lab team must fix
                    log.warning("votes refused by the hub: %s", failure[-1])
                return None
            try:
                refused = {str(k): int(v) for k, v in dict(resp.json().get("refused") or {}).items()}
            except (ValueError, TypeError, AttributeError):
                refused = {}  # the hub took the batch (2xx); an odd body only loses the refusal count
            for poll, n in refused.items():
                report.refused[poll] = report.refused.get(poll, 0) + n
            return refused

        sent = self.ballot.flush(post, batch=self.batch, max_batches=self.max_batches)
        if failure:
            report.error = failure[-1]
        return sent

    def fetch(self, session: requests.Session, budget: Budget) -> bool:
        """The channel's aggregate, kept in the ballot when it changed; False on 304 or 404."""
        body, etag = get_document(session, self.aggregate_url, budget, max_bytes=MAX_AGGREGATE_BYTES,
                                  etag=self.ballot.hub_etag(self.channel) or None, optional=True)
        if body is None:
            return False
        doc = json.loads(body)
        if not isinstance(doc, dict) or not isinstance(doc.get("polls", {}), dict):
            raise SyncError(f"{self.aggregate_url}: not a vote aggregate (no 'polls' object)")
        self.ballot.remember_hub(self.channel, doc, etag or "")
        return True
