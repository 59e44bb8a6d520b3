"""The offline store: installed packs in SQLite, media in a content-addressed directory. Qt-free."""

from kiosk.store.reader import StoreReader
from kiosk.store.store import ActivePack, InstallResult, Store

__all__ = ["ActivePack", "InstallResult", "Store", "StoreReader"]
