"""Which dataset the live key figure shows."""

from __future__ import annotations

from collections.abc import Collection

from kiosk.content.model import Dataset
from kiosk.content.reader import ContentReader
from kiosk.data import series_id
from kiosk.data.cache import ObservationCache


def live_dataset(reader: ContentReader, with_data: Collection[str] = ()) -> Dataset | None:
    """The dataset for the live figure: one the featured case studies use, else the pack's first.

    Datasets in ``with_data`` (those the cache holds points for) come first, so an offline kiosk shows
    the figure it can show (sample data says so) rather than nothing.
    """
    candidates: list[Dataset] = []
    for cs in reader.featured():
        for dataset_id in cs.main.datasets:
            found = reader.dataset(dataset_id)
            if found is not None and found not in candidates:
                candidates.append(found)
    candidates += [ds for ds in reader.datasets() if ds not in candidates]
    return next((ds for ds in candidates if ds.id in with_data), candidates[0] if candidates else None)


def datasets_with_points(reader: ContentReader, cache: ObservationCache) -> set[str]:
    """The pack's datasets the cache holds at least one point for (a query: run it in a worker)."""
    return {ds.id for ds in reader.datasets() if cache.latest(series_id(reader.meta.id, ds.id)) is not None}
