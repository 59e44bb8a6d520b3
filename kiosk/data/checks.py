"""Static checks of a dataset's ``source`` mapping: what each connector needs before it can fetch.

``kiosk pack validate`` reports these, so an author learns about a missing key at authoring time
rather than from a chart that stays empty on the kiosk.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from kiosk.content.model import Dataset
from kiosk.data import jsonpath
from kiosk.data.connectors.csvfile import parse_csv
from kiosk.data.rows import FOLD_RULES
from kiosk.data.timeparse import zone
from kiosk.errors import DataSourceError, Problem

REQUIRED: dict[str, tuple[str, ...]] = {
    "csv": (),
    "json": ("url",),
    "sensorthings": ("url", "datastream"),
    "energidataservice": ("dataset", "time_field", "value_field"),
}
"""Keys each source type cannot do without (csv needs ``file`` or ``url``, checked separately)."""

URL_KEYS = ("url", "base_url")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def check_source(dataset: Dataset) -> list[str]:
    """Problems with ``dataset.source`` as messages that start with the key they concern."""
    src: Mapping[str, Any] = dataset.source
    kind = str(src.get("type", ""))
    if kind not in REQUIRED:
        return [f"source.type {kind!r} is not one of {', '.join(REQUIRED)}"]
    problems = [f"source.{key} is required for type {kind!r}"
                for key in REQUIRED[kind] if _blank(src.get(key))]
    if kind == "csv" and _blank(src.get("file")) and _blank(src.get("url")):
        problems.append("source.file or source.url is required for type 'csv' (a file in the pack or a URL)")
    if kind == "csv" and not _blank(src.get("file")) and not _blank(src.get("url")):
        problems.append("source.url and source.file are both set for type 'csv'; keep one")
    for key in URL_KEYS:
        value = src.get(key)
        if _blank(value):
            continue
        parts = urlsplit(str(value))
        if parts.scheme not in ("http", "https") or not parts.netloc:
            problems.append(f"source.{key} {value!r} must be an http:// or https:// URL")
    if kind == "energidataservice":
        tfield = src.get("time_field")
        if isinstance(tfield, str) and tfield and not tfield.endswith("UTC"):
            problems.append(f"source.time_field {tfield!r} must be a *UTC field (the *DK fields repeat "
                            "an hour when daylight saving time ends)")
        if "filter" in src and not isinstance(src.get("filter"), Mapping):
            problems.append("source.filter must be a mapping, for example {PriceArea: [DK1]}")
    if kind == "json" and "headers" in src and not isinstance(src.get("headers"), Mapping):
        problems.append("source.headers must be a mapping of header names to values")
    if kind == "sensorthings" and isinstance(src.get("datastream"), bool | float):
        problems.append("source.datastream must be the Datastream's @iot.id (a number or text)")
    if kind == "json":
        for key, default in (("items", "$"), ("time", "$.time"), ("value", "$.value")):
            expr = src.get(key, default)
            try:
                jsonpath.compile_path(str(expr))
            except DataSourceError as exc:
                why = str(exc).removeprefix(f"JSON path {str(expr)!r}").lstrip(": ")
                problems.append(f"source.{key} {expr!r}: {why}")
    if kind in ("csv", "json"):
        problems += _format_problems(src, kind)
    return problems


def _format_problems(src: Mapping[str, Any], kind: str) -> list[str]:
    """``timezone``, ``fold`` and (CSV) ``delimiter``/``decimal``."""
    problems = []
    tz = src.get("timezone")
    if tz is not None:
        try:
            zone(str(tz))
        except DataSourceError:
            problems.append(f"source.timezone {tz!r} is not a time zone (use an IANA name like "
                            "'Europe/Copenhagen', or 'UTC')")
    fold = src.get("fold")
    if fold is not None and fold not in FOLD_RULES:
        problems.append(f"source.fold must be one of {', '.join(FOLD_RULES)}, found {fold!r}")
    if kind == "csv":
        delimiter = src.get("delimiter")
        if delimiter is not None and (not isinstance(delimiter, str) or
                                      (len(delimiter) != 1 and delimiter != "\\t")):
            problems.append("source.delimiter must be one character such as ';' or '\\t', "
                            f"found {delimiter!r}")
        decimal = src.get("decimal")
        if decimal is not None and decimal not in (".", ","):
            problems.append(f"source.decimal must be '.' or ',', found {decimal!r}")
        if decimal == "," and delimiter == ",":
            problems.append("source.decimal ',' needs another delimiter "
                            "(the file's columns are split on ',')")
    return problems


SHOWN = 5
"""Located row problems listed per pack CSV; the totals follow."""


def csv_file_problems(dataset: Dataset, data: bytes, name: str, default_tz: str) -> list[Problem]:
    """What a fetch would say about the rows of a CSV shipped in the pack, located as ``file:line``:
    the first few bad rows, duplicate times and unplaceable DST-fold times as warnings, then the
    totals; an error when no row can be read."""
    try:
        parsed = parse_csv(data, dataset.source, name, default_tz)
    except DataSourceError as exc:
        return [Problem(name, None, str(exc).removeprefix(f"{name}: "))]
    problems = [Problem(name, line, message, "warning") for line, message in parsed.located[:SHOWN]]
    totals = [f"{n} {what}" for n, what in ((parsed.bad, "bad rows skipped"),
                                            (parsed.duplicates, "duplicate times")) if n]
    if parsed.warning_count > SHOWN or totals:
        more = f"; {parsed.warning_count - SHOWN} more not listed" if parsed.warning_count > SHOWN else ""
        problems.append(Problem(name, None, f"{', '.join(totals) or 'problems'} of {parsed.rows} rows{more}",
                                "warning"))
    return problems
