"""CSV (RFC 4180) from a file in the pack or from a URL."""

from __future__ import annotations

import csv
import io

from kiosk.data.connectors.base import FetchContext, FetchResult, as_value, newer
from kiosk.data.timeparse import parse_time
from kiosk.errors import DataSourceError


class CsvConnector:
    def fetch(self, ctx: FetchContext) -> FetchResult:
        ds, src = ctx.dataset, ctx.dataset.source
        where = f"datasets/{ds.id}.yaml"
        if src.get("file"):
            # The loader makes source.file pack-relative ("datasets/x.csv"); as authored it is
            # relative to datasets/ ("x.csv"). Accept both.
            name = str(src["file"])
            found = ctx.resolve(name) if ctx.resolve else None
            if found is None and ctx.resolve and not name.startswith("datasets/"):
                name = f"datasets/{name}"
                found = ctx.resolve(name)
            if found is None:
                raise DataSourceError(f"{where}: source.file {src['file']!r}: no such file in the pack")
            data = found if isinstance(found, bytes) else found.read_bytes()
            label = name
        elif src.get("url"):
            data = ctx.http.get_bytes(str(src["url"]))
            label = str(src["url"])
        else:
            raise DataSourceError(f"{where}: a csv source needs source.file or source.url")
        return self.parse(data, ctx, label)

    def parse(self, data: bytes, ctx: FetchContext, label: str) -> FetchResult:
        src = ctx.dataset.source
        tcol, vcol = str(src.get("time_column", "time")), str(src.get("value_column", "value"))
        fmt, tz = src.get("time_format"), str(src.get("timezone", "UTC"))
        text = data.decode("utf-8-sig", "replace")
        if text.lstrip()[:1] == "<":
            raise DataSourceError(f"{label}: got HTML, not CSV")
        reader = csv.DictReader(io.StringIO(text), delimiter=str(src.get("delimiter", ",")))
        fields = reader.fieldnames or []
        missing = [c for c in (tcol, vcol) if c not in fields]
        if missing:
            have = ", ".join(fields) or "none"
            raise DataSourceError(f"{label}: no column {missing[0]!r} (columns: {have})")
        result = FetchResult()
        for row in reader:
            value = as_value(row.get(vcol))
            try:
                ts = parse_time(row.get(tcol), fmt, tz)
            except ValueError as exc:
                raise DataSourceError(
                    f"{label}:{reader.line_num}: bad time {row.get(tcol)!r}: {exc}") from exc
            if value is None:
                result.skipped += 1
                continue
            result.points.append((ts, value))
        result.points = newer(result.points, ctx.watermark)
        return result
