"""Energi Data Service (Energinet, Denmark): ``/dataset/<Name>`` with offset paging.

Records carry ``*UTC`` and ``*DK`` times without a zone. We key on the ``*UTC`` field: the ``*DK``
field repeats an hour at the autumn DST change, which would merge two hours into one.
``start`` is sent as the UTC watermark at minute precision; the service may read it as Danish
time, which only re-fetches an overlap (upserts are idempotent and older points are dropped here).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from urllib.parse import quote

from kiosk.data.connectors.base import FetchContext, FetchResult, as_value, require
from kiosk.data.timeparse import parse_time
from kiosk.errors import DataSourceError

DEFAULT_BASE = "https://api.energidataservice.dk"
PAGE_SIZE = 1000
MAX_PAGES = 1000


def page_url(ctx: FetchContext, offset: int) -> str:
    src = ctx.dataset.source
    name = str(require(src, "dataset", ctx.dataset))
    tfield = str(require(src, "time_field", ctx.dataset))
    base = str(src.get("base_url") or DEFAULT_BASE).rstrip("/")
    if ctx.watermark is not None:
        start = datetime.fromtimestamp(ctx.watermark, UTC).strftime("%Y-%m-%dT%H:%M")
    else:
        start = f"now-P{max(1, ctx.dataset.history)}D"
    parts = [f"start={quote(start, safe=':')}"]
    if src.get("filter"):
        parts.append("filter=" + quote(json.dumps(src["filter"], separators=(",", ":")), safe=""))
    parts += [f"sort={quote(tfield + ' asc')}", f"offset={offset}", f"limit={PAGE_SIZE}"]
    return f"{base}/dataset/{quote(name)}?{'&'.join(parts)}"


class EnergiDataServiceConnector:
    def fetch(self, ctx: FetchContext) -> FetchResult:
        src = ctx.dataset.source
        tfield = str(require(src, "time_field", ctx.dataset))
        vfield = str(require(src, "value_field", ctx.dataset))
        if not tfield.endswith("UTC"):
            raise DataSourceError(f"datasets/{ctx.dataset.id}.yaml: source.time_field {tfield!r} must be a "
                                  "*UTC field (the *DK fields repeat an hour when DST ends)")
        result = FetchResult()
        offset = 0
        for _ in range(MAX_PAGES):
            url = page_url(ctx, offset)
            page = ctx.http.get_json(url)
            records = page.get("records") if isinstance(page, dict) else None
            if not isinstance(records, list):
                raise DataSourceError(f"{url}: not an Energi Data Service response (no 'records' list)")
            for rec in records:
                if not isinstance(rec, dict):
                    raise DataSourceError(f"{url}: record is not an object: {rec!r:.60}")
                value, raw_t = as_value(rec.get(vfield)), rec.get(tfield)
                if value is None or raw_t is None:
                    result.skipped += 1
                    continue
                try:
                    result.points.append((parse_time(raw_t, "iso", "UTC"), value))
                except ValueError as exc:
                    raise DataSourceError(f"{url}: bad {tfield} {raw_t!r}: {exc}") from exc
            if len(records) < PAGE_SIZE:
                break
            offset += len(records)
        else:
            raise DataSourceError(f"{ctx.dataset.id}: more than {MAX_PAGES} pages; narrow the filter")
        if ctx.watermark is not None:
            result.points = [p for p in result.points if p[0] > ctx.watermark]
        return result
