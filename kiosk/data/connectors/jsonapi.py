"""Any JSON API, mapped with a small JSONPath subset (items, time, value)."""

from __future__ import annotations

from kiosk.data import jsonpath
from kiosk.data.connectors.base import FetchContext, FetchResult, require
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
        rows = ctx.rows(url, "record", str(src.get("time_format", "iso")))
        for n, item in enumerate(items, 1):  # records count from 1, like lines
            rows.add(n, jsonpath.first(tpath, item), jsonpath.first(vpath, item))
        return FetchResult().take(rows.finish(), ctx.watermark)


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
