"""Any JSON API, mapped with a small JSONPath subset (items, time, value)."""

from __future__ import annotations

from kiosk.data import jsonpath
from kiosk.data.connectors.base import FetchContext, FetchResult, as_value, newer, require
from kiosk.data.timeparse import parse_time
from kiosk.errors import DataSourceError


class JsonConnector:
    def fetch(self, ctx: FetchContext) -> FetchResult:
        src = ctx.dataset.source
        url = str(require(src, "url", ctx.dataset))
        headers = {str(k): str(v) for k, v in dict(src.get("headers") or {}).items()}
        doc = ctx.http.get_json(url, headers)
        items_path = str(src.get("items", "$"))
        items = _records(doc, items_path, url)
        tpath, vpath = str(src.get("time", "$.time")), str(src.get("value", "$.value"))
        fmt, tz = str(src.get("time_format", "iso")), str(src.get("timezone", "UTC"))
        result = FetchResult()
        for n, item in enumerate(items):
            raw_t, value = jsonpath.first(tpath, item), as_value(jsonpath.first(vpath, item))
            if raw_t is None or value is None:
                result.skipped += 1
                continue
            try:
                ts = parse_time(raw_t, fmt, tz)
            except ValueError as exc:
                raise DataSourceError(f"{url}: record {n}: bad time {raw_t!r} at {tpath}: {exc}") from exc
            result.points.append((ts, value))
        result.points = newer(result.points, ctx.watermark)
        return result


def _records(doc: object, path: str, url: str) -> list[object]:
    """The records ``path`` selects: ``$`` / ``$.data`` (a list) or ``$.data[*]`` (its members)."""
    p = path.strip()
    base = p[:-3] if p.endswith("[*]") else p
    if "*" in base:
        return jsonpath.find(p, doc)
    found = jsonpath.find(base, doc)
    if not found or not isinstance(found[0], list):
        got = type(found[0]).__name__ if found else "nothing"
        raise DataSourceError(f"{url}: items path {path!r} should select a list of records, got {got}")
    return list(found[0])
