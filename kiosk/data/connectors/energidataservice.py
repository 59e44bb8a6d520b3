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

from kiosk.data.connectors.base import FetchContext, FetchResult, require
from kiosk.data.rows import RowCollector
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
        label = page_url(ctx, 0).split("&offset=", 1)[0]
        rows = RowCollector(label, "record", {**src, "timezone": "UTC"}, "UTC", "iso")
        offset = 0
        for _ in range(MAX_PAGES):
            url = page_url(ctx, offset)
            page = ctx.http.get_json(url)
            records = page.get("records") if isinstance(page, dict) else None
            if not isinstance(records, list):
                raise DataSourceError(f"{url}: not an Energi Data Service response (no 'records' list)")
            total = page.get("total")
            for n, rec in enumerate(records, offset + 1):
                if not isinstance(rec, dict):
                    raise DataSourceError(f"{url}: record is not an object: {rec!r:.60}")
                rows.add(n, rec.get(tfield), rec.get(vfield))
            offset += len(records)
            if not isinstance(total, int) or isinstance(total, bool):
                # No total: the old rule, a page shorter than asked for is the last.
                if len(records) < PAGE_SIZE:
                    break
                continue
            if offset >= total:
                break
            if not records:
                raise DataSourceError(f"{url}: an empty page at offset {offset} of {total} records "
                                      "(the service stopped answering mid-way; try again later)")
        else:
            raise DataSourceError(f"{ctx.dataset.id}: more than {MAX_PAGES} pages; narrow the filter")
        return FetchResult().take(rows.finish(), ctx.watermark)
