"""The offline store: installed packs in SQLite, media in a content-addressed directory. Qt-free."""

from kiosk.store.reader import StoreReader
from kiosk.store.records import ActivePack, InstallResult
from kiosk.store.store import Store

__all__ = ["ActivePack", "InstallResult", "Store", "StoreReader"]
