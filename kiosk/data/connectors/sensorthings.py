"""OGC SensorThings API v1.1: the Observations of one Datastream, paged by ``@iot.nextLink``.

``phenomenonTime`` may be an interval ``start/end``; we chart it at its *end* (when the value was
known). Both the normal and the ``$resultFormat=dataArray`` page shapes are read.

Servers differ in what they accept: one caps ``$top`` at 100 and answers 422 above it, one fails
with HTTP 500 on ``$orderby=phenomenonTime``. The first request asks for a big page in time order;
when the server refuses (4xx) or fails (5xx) on a query option, the request is repeated without it
(a smaller ``$top``, no ``$orderby`` — points are sorted here —, no ``$select``) and the shape that
worked is returned in :attr:`FetchResult.options` so the service remembers it for this source.
Pages are always followed by ``@iot.nextLink``: no page size is assumed.
"""

from __future__ import annotations

import logging
import re
from typing import Any
from urllib.parse import quote, urljoin

from kiosk.data.connectors.base import FetchContext, FetchResult, require, start_ts
from kiosk.data.http import HttpStatusError
from kiosk.data.rows import RowCollector
from kiosk.data.timeparse import iso_utc
from kiosk.errors import DataSourceError

log = logging.getLogger("kiosk.data")

PAGE_SIZE = 1000
SMALL_PAGE = 100
MAX_PAGES = 5000
DEFAULT_QUERY: dict[str, Any] = {"top": PAGE_SIZE, "orderby": True, "select": True, "filter": True}


def datastream_ref(ident: Any) -> str:
    """``Datastreams(12)`` for integer ids, ``Datastreams('a1b2')`` for string ids."""
    if isinstance(ident, int) and not isinstance(ident, bool):
        return f"Datastreams({ident})"
    text = str(ident).strip()
    if text.isdigit():
        return f"Datastreams({text})"
    return "Datastreams('{}')".format(quote(text.replace("'", "''"), safe="-_.~"))


def observations_url(root: str, ident: Any, since: int, query: dict[str, Any] | None = None) -> str:
    q = {**DEFAULT_QUERY, **(query or {})}
    parts = []
    if q["filter"]:
        # The time literal is unquoted; quote() turns a "+hh:mm" offset into %2B and spaces into %20.
        parts.append("$filter=" + quote(f"phenomenonTime gt {iso_utc(since)}", safe=":"))
    if q["orderby"]:
        parts.append("$orderby=phenomenonTime%20asc")
    if q["top"]:
        parts.append(f"$top={int(q['top'])}")
    if q["select"]:
        parts.append("$select=phenomenonTime,result")
    base = f"{root.rstrip('/')}/{datastream_ref(ident)}/Observations"
    return base + ("?" + "&".join(parts) if parts else "")


def _smaller_top(top: Any, reason: str) -> int | None:
    """The page size to try after ``top`` was refused: the limit the server names, else 100, else none."""
    limits = [int(n) for n in re.findall(r"\d+", reason) if 0 < int(n) < (top or 10**9)]
    if limits:
        return max(limits)
    if top and top > SMALL_PAGE:
        return SMALL_PAGE
    return None


def next_query(query: dict[str, Any], err: HttpStatusError) -> dict[str, Any] | None:
    """The request shape to try after the server refused or failed on ``query``; None: nothing left."""
    q = {**DEFAULT_QUERY, **query}
    reason = err.reason.lower()
    if "top" in reason and q["top"]:
        return {**q, "top": _smaller_top(q["top"], reason)}
    if "orderby" in reason and q["orderby"]:
        return {**q, "orderby": False}
    if "select" in reason and q["select"]:
        return {**q, "select": False}
    # The reason does not say which option: drop them one at a time, the most fragile first.
    if q["orderby"]:
        return {**q, "orderby": False}
    if q["top"]:
        return {**q, "top": _smaller_top(q["top"], "")}
    if q["select"]:
        return {**q, "select": False}
    if q["filter"]:
        return {**q, "filter": False}  # last resort: read everything, keep what is newer here
    return None


class SensorThingsConnector:
    def fetch(self, ctx: FetchContext) -> FetchResult:
        src = ctx.dataset.source
        root = str(require(src, "url", ctx.dataset))
        ident = require(src, "datastream", ctx.dataset)
        result = FetchResult()
        if not ctx.dataset.unit:
            result.unit = self._unit(ctx, root, ident)
        query = {**DEFAULT_QUERY, **{k: v for k, v in ctx.options.items() if k in DEFAULT_QUERY}}
        since = start_ts(ctx)
        url = observations_url(root, ident, since, query)
        page, query = self._first_page(ctx, root, ident, since, query, url)
        result.options = query
        rows = ctx.rows(url.split("?", 1)[0], "record", "iso")
        seen: set[str] = set()
        earlier: set[tuple[str, str]] = set()  # (time, result) of the pages already read
        while True:
            if not isinstance(page, dict) or not isinstance(page.get("value"), list):
                raise DataSourceError(f"{url}: not a SensorThings collection (no 'value' list)")
            earlier |= self._read_page(page["value"], url, rows, earlier)
            link = page.get("@iot.nextLink")
            if not isinstance(link, str) or not link:
                break
            url = urljoin(url, link)
            if url in seen or len(seen) >= MAX_PAGES:
                raise DataSourceError(f"{url}: @iot.nextLink loops or exceeds {MAX_PAGES} pages")
            seen.add(url)
            page = ctx.http.get_json(url)
        # Servers without $orderby send newest first (the collector sorts); $skip paging over a stream
        # that grows meanwhile, or over an unstable order, sends a point again on the next page: an
        # exact repeat from an earlier page is that artefact and is dropped; the same time with another
        # value is still reported as a duplicate.
        return result.take(rows.finish(), ctx.watermark)

    def _first_page(self, ctx: FetchContext, root: str, ident: Any, since: int, query: dict[str, Any],
                    url: str) -> tuple[Any, dict[str, Any]]:
        """The first page, stepping down the request shape while the server refuses or fails on it."""
        first_error: HttpStatusError | None = None
        while True:
            try:
                return ctx.http.get_json(url), query
            except HttpStatusError as exc:
                if exc.status == 404:
                    raise  # no such Datastream: no other request shape will help
                first_error = first_error or exc
                nxt = next_query(query, exc)
                if nxt is None:
                    raise first_error from exc
                changed = ", ".join(f"{k}={v}" for k, v in nxt.items() if query.get(k) != v)
                log.info("%s: %s; asking again with %s", url, exc.reason or f"HTTP {exc.status}", changed)
                query, url = nxt, observations_url(root, ident, since, nxt)

    def _read_page(self, items: list[Any], url: str, rows: RowCollector,
                   earlier: set[tuple[str, str]]) -> set[tuple[str, str]]:
        """Add a page's points to ``rows``, skipping exact repeats of points on ``earlier`` pages;
        returns this page's (time, result) pairs."""
        page: set[tuple[str, str]] = set()

        def add(when: Any, value: Any) -> None:
            key = (str(when), repr(value))
            if key in earlier:
                log.debug("%s: %s repeated from an earlier page (paging artefact), skipped", url, when)
                return
            page.add(key)
            rows.add(rows.out.rows + 1, when, value)

        for item in items:
            if not isinstance(item, dict):
                raise DataSourceError(f"{url}: observation is not an object: {item!r:.60}")
            if "dataArray" in item:
                comps = item.get("components") or []
                try:
                    ti, ri = comps.index("phenomenonTime"), comps.index("result")
                except ValueError as exc:
                    raise DataSourceError(
                        f"{url}: dataArray without phenomenonTime/result components") from exc
                for row in item["dataArray"]:
                    if isinstance(row, list) and len(row) > max(ti, ri):
                        add(row[ti], row[ri])
            else:
                add(item.get("phenomenonTime"), item.get("result"))
        return page

    def _unit(self, ctx: FetchContext, root: str, ident: Any) -> str | None:
        doc = ctx.http.get_json(f"{root.rstrip('/')}/{datastream_ref(ident)}")
        unit = doc.get("unitOfMeasurement") if isinstance(doc, dict) else None
        symbol = unit.get("symbol") if isinstance(unit, dict) else None
        return str(symbol) if symbol else None
