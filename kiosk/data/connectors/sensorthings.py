"""OGC SensorThings API v1.1: the Observations of one Datastream, paged by ``@iot.nextLink``.

``phenomenonTime`` may be an interval ``start/end``; we chart it at its *end* (when the value was
known). Both the normal and the ``$resultFormat=dataArray`` page shapes are read.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urljoin

from kiosk.data.connectors.base import FetchContext, FetchResult, as_value, require, start_ts
from kiosk.data.timeparse import iso_utc, parse_time
from kiosk.errors import DataSourceError

PAGE_SIZE = 1000
MAX_PAGES = 500


def datastream_ref(ident: Any) -> str:
    """``Datastreams(12)`` for integer ids, ``Datastreams('a1b2')`` for string ids."""
    if isinstance(ident, int) and not isinstance(ident, bool):
        return f"Datastreams({ident})"
    text = str(ident).strip()
    if text.isdigit():
        return f"Datastreams({text})"
    return "Datastreams('{}')".format(quote(text.replace("'", "''"), safe="-_.~"))


def observations_url(root: str, ident: Any, since: int) -> str:
    # The time literal is unquoted; quote() turns a "+hh:mm" offset into %2B and spaces into %20.
    flt = quote(f"phenomenonTime gt {iso_utc(since)}", safe=":")
    return (f"{root.rstrip('/')}/{datastream_ref(ident)}/Observations"
            f"?$filter={flt}&$orderby=phenomenonTime%20asc&$top={PAGE_SIZE}"
            f"&$select=phenomenonTime,result")


class SensorThingsConnector:
    def fetch(self, ctx: FetchContext) -> FetchResult:
        src = ctx.dataset.source
        root = str(require(src, "url", ctx.dataset))
        ident = require(src, "datastream", ctx.dataset)
        result = FetchResult()
        if not ctx.dataset.unit:
            result.unit = self._unit(ctx, root, ident)
        url: str | None = observations_url(root, ident, start_ts(ctx))
        seen: set[str] = set()
        while url is not None:
            if url in seen or len(seen) >= MAX_PAGES:
                raise DataSourceError(f"{url}: @iot.nextLink loops or exceeds {MAX_PAGES} pages")
            seen.add(url)
            page = ctx.http.get_json(url)
            if not isinstance(page, dict) or not isinstance(page.get("value"), list):
                raise DataSourceError(f"{url}: not a SensorThings collection (no 'value' list)")
            self._read_page(page["value"], url, result)
            link = page.get("@iot.nextLink")
            url = urljoin(url, link) if isinstance(link, str) and link else None
        if ctx.watermark is not None:
            result.points = [p for p in result.points if p[0] > ctx.watermark]
        return result

    def _read_page(self, items: list[Any], url: str, result: FetchResult) -> None:
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
                rows = [(row[ti], row[ri]) for row in item["dataArray"] if isinstance(row, list)]
            else:
                rows = [(item.get("phenomenonTime"), item.get("result"))]
            for raw_t, raw_v in rows:
                value = as_value(raw_v)
                if raw_t is None or value is None:
                    result.skipped += 1
                    continue
                try:
                    result.points.append((parse_time(raw_t), value))
                except ValueError as exc:
                    raise DataSourceError(f"{url}: bad phenomenonTime {raw_t!r}: {exc}") from exc

    def _unit(self, ctx: FetchContext, root: str, ident: Any) -> str | None:
        doc = ctx.http.get_json(f"{root.rstrip('/')}/{datastream_ref(ident)}")
        unit = doc.get("unitOfMeasurement") if isinstance(doc, dict) else None
        symbol = unit.get("symbol") if isinstance(unit, dict) else None
        return str(symbol) if symbol else None
