"""Connectors by ``Dataset.source["type"]``."""

from __future__ import annotations

from kiosk.content.model import Dataset
from kiosk.data.connectors.base import Connector, FetchContext, FetchResult, PathResolver
from kiosk.data.connectors.csvfile import CsvConnector
from kiosk.data.connectors.energidataservice import EnergiDataServiceConnector
from kiosk.data.connectors.jsonapi import JsonConnector
from kiosk.data.connectors.sensorthings import SensorThingsConnector
from kiosk.errors import DataSourceError

CONNECTORS: dict[str, type[Connector]] = {
    "csv": CsvConnector,
    "json": JsonConnector,
    "sensorthings": SensorThingsConnector,
    "energidataservice": EnergiDataServiceConnector,
}

__all__ = ["CONNECTORS", "Connector", "FetchContext", "FetchResult", "PathResolver", "connector_for"]


def connector_for(dataset: Dataset) -> Connector:
    kind = str(dataset.source.get("type", ""))
    if kind not in CONNECTORS:
        raise DataSourceError(f"datasets/{dataset.id}.yaml: unknown source.type {kind!r} "
                              f"(one of: {', '.join(CONNECTORS)})")
    return CONNECTORS[kind]()
