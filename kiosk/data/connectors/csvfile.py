"""CSV from a file in the pack or from a URL: RFC 4180 and the exports people actually make.

A BOM is dropped; a file that is not UTF-8 is read as Windows-1252 (what spreadsheet programs write);
the delimiter is ``source.delimiter`` or detected from the header line (``,`` ``;`` tab ``|``);
``source.decimal: ","`` reads ``12,5``. Bad rows are skipped and located (see :mod:`kiosk.data.rows`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Any

from kiosk.data.connectors.base import FetchContext, FetchResult
from kiosk.data.rows import Parsed, RowCollector
from kiosk.errors import DataSourceError

DELIMITERS = (",", ";", "\t", "|")


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def detect_delimiter(header: str) -> str:
    """The candidate that occurs most often in the header line (outside quotes); ``,`` on a tie."""
    outside, quoted = [], False
    for ch in header:
        if ch == '"':
            quoted = not quoted
        elif not quoted:
            outside.append(ch)
    text = "".join(outside)
    return max(DELIMITERS, key=lambda d: (text.count(d), d == ","))


def parse_csv(data: bytes, src: Mapping[str, Any], label: str, default_tz: str) -> Parsed:
    """The rows of a CSV as a :class:`Parsed` (raises only for a file no row of which can be read).

    ``default_tz`` is the zone of naive times when ``src`` declares no ``timezone``.
    """
    tcol, vcol = str(src.get("time_column", "time")), str(src.get("value_column", "value"))
    text = decode(data)
    if text.lstrip()[:1] == "<":
        raise DataSourceError(f"{label}: got HTML, not CSV")
    first = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = str(src.get("delimiter") or detect_delimiter(first))
    if delimiter == "\\t":
        delimiter = "\t"
    reader = csv.reader(io.StringIO(text.lstrip("\r\n")), delimiter=delimiter)
    try:
        fields = [f.strip() for f in next(reader)]
    except StopIteration:
        fields = []
    missing = [c for c in (tcol, vcol) if c not in fields]
    if missing:
        have = ", ".join(repr(f) for f in fields) or "none"
        raise DataSourceError(f"{label}: no column {missing[0]!r} (columns: {have}; "
                              f"delimiter {delimiter!r})")
    ti, vi = fields.index(tcol), fields.index(vcol)
    rows = RowCollector(label, "line", src, default_tz)
    for row in reader:
        if not row or all(not cell.strip() for cell in row):
            continue  # blank lines, a trailing newline
        if len(row) <= max(ti, vi):
            rows.out.rows += 1
            rows.out.bad += 1
            rows.warn(reader.line_num, f"only {len(row)} column(s), expected {len(fields)} "
                                       f"(delimiter {delimiter!r})")
            continue
        rows.add(reader.line_num, row[ti], row[vi])
    return rows.finish()


class CsvConnector:
    def fetch(self, ctx: FetchContext) -> FetchResult:
        data, label = self.read(ctx)
        return self.parse(data, ctx, label)

    def read(self, ctx: FetchContext) -> tuple[bytes, str]:
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
            return (found if isinstance(found, bytes) else found.read_bytes()), name
        if src.get("url"):
            return ctx.http.get_bytes(str(src["url"])), str(src["url"])
        raise DataSourceError(f"{where}: a csv source needs source.file or source.url")

    def parse(self, data: bytes, ctx: FetchContext, label: str) -> FetchResult:
        parsed = parse_csv(data, ctx.dataset.source, label, ctx.timezone)
        return FetchResult().take(parsed, ctx.watermark)
