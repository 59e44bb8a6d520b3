"""Live data: connectors per ``Dataset.source["type"]``, an observation cache in the kiosk's SQLite
file, retention/downsampling, and a service that fetches incrementally with backoff. Qt-free."""

from __future__ import annotations

from kiosk.content.model import Dataset


def series_id(pack_id: str, dataset_id: str) -> str:
    """The cache key of one dataset: ``"<pack-id>/<dataset-id>"``."""
    return f"{pack_id}/{dataset_id}"


def credit_for(dataset: Dataset) -> str:
    """The attribution line under a chart; Energi Data Service requires "Source: Energinet"."""
    if dataset.credit:
        return dataset.credit
    if dataset.source.get("type") == "energidataservice":
        return "Source: Energinet"
    return ""


def is_recorded(dataset: Dataset) -> bool:
    """Recorded, not live: ``sample: true`` or a CSV file shipped in the pack. Never called "updated"."""
    src = dataset.source
    return dataset.sample or (src.get("type") == "csv" and bool(src.get("file")) and not src.get("url"))
