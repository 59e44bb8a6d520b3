"""Static checks of a dataset's ``source`` mapping: what each connector needs before it can fetch.

``kiosk pack validate`` reports these, so an author learns about a missing key at authoring time
rather than from a chart that stays empty on the kiosk.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from kiosk.content.model import Dataset

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
    return problems
