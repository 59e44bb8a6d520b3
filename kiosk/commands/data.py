"""``kiosk data fetch | show``: run the live data connectors once, inspect the cache."""

from __future__ import annotations

import argparse
import logging
import time
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.commands.common import check_database, config_from_args, open_store
from kiosk.config import Config
from kiosk.content.model import Dataset
from kiosk.data import series_id
from kiosk.data.cache import ObservationCache
from kiosk.data.connectors import PathResolver
from kiosk.data.figures import live_value
from kiosk.data.service import DataService
from kiosk.errors import KioskError
from kiosk.paths import bundled_pack_dir

SHOWN = 5
"""Located problems printed per dataset; the totals are always printed."""


def register(sub: Any, groups: dict[str, Any]) -> None:
    data = groups["data"]
    f = data.add_parser("fetch", help="run every (or one) data connector once into the cache",
                        description="Fetch new points for every dataset of the active pack (or one with "
                                    "--dataset) and print what came in. Exit 1 if any source failed.")
    f.add_argument("--dataset", metavar="ID", help="only this dataset")
    _common(f)
    f.set_defaults(func=cmd_fetch)
    s = data.add_parser("show", help="what the cache holds for one dataset",
                        description="Count, first/last time, min/max/last value, last fetch and last error.")
    s.add_argument("dataset", metavar="ID", help="dataset id")
    _common(s)
    s.set_defaults(func=cmd_show)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", metavar="FILE", default=argparse.SUPPRESS, help="configuration file (TOML)")
    p.add_argument("--pack", metavar="PATH", help="use this pack directory or zip instead of the active pack")


def pack_datasets(cfg: Config, pack: str | None) -> tuple[str, list[Dataset], PathResolver]:
    """The datasets of ``--pack``, else of the store's active pack, else of the bundled pack."""
    from kiosk.content.loader import load_pack
    from kiosk.content.sources import open_source

    if not pack:
        paths = cfg.data_paths()
        if paths.database.exists():
            with open_store(cfg) as store:
                reader = store.reader()
                if reader is not None:
                    # Read pack CSV files now: the store closes before the connectors run.
                    files: dict[str, bytes] = {}
                    for d in reader.datasets():
                        name = str(d.source.get("file") or "")
                        found = reader.media_path(name) if name else None
                        if found is not None:
                            files[name] = found.read_bytes()
                    return reader.meta.id, reader.datasets(), files.get
    source = open_source(Path(pack) if pack else bundled_pack_dir())
    loaded = load_pack(source)

    def resolve(name: str) -> bytes | None:
        return source.read_bytes(name) if name in loaded.files else None

    return loaded.meta.id, list(loaded.datasets.values()), resolve


def _fmt_ts(ts: float | None, tz: ZoneInfo) -> str:
    if ts is None:
        return "-"
    return datetime.fromtimestamp(ts, tz).strftime("%Y-%m-%d %H:%M:%S %Z")


def cmd_fetch(args: argparse.Namespace) -> int:
    cfg = config_from_args(args)
    if not getattr(args, "verbose", False):
        logging.getLogger("kiosk.data").setLevel(logging.ERROR)  # the table below says it all
    pack_id, datasets, resolve = pack_datasets(cfg, args.pack)
    if args.dataset and args.dataset not in {d.id for d in datasets}:
        raise KioskError(f"no dataset {args.dataset!r} in pack {pack_id!r} "
                         f"(datasets: {', '.join(sorted(d.id for d in datasets)) or 'none'})")
    check_database(cfg)
    cache = ObservationCache(cfg.data_paths().ensure().database)
    service = DataService(cache, pack_id, datasets, resolve=resolve, config=cfg.data,
                          timezone=cfg.kiosk.timezone)
    tz = ZoneInfo(cfg.kiosk.timezone)
    reports = [service.fetch(args.dataset, force=True)] if args.dataset else service.fetch_all(force=True)
    width = max((len(r.dataset) for r in reports), default=0)
    for r in reports:
        status = "OK   " if r.ok else "ERROR"
        line = f"{status} {r.dataset:<{width}}  {r.points:>6} new points  newest {_fmt_ts(r.newest, tz)}"
        skipped = [f"{n} {what}" for n, what in ((r.bad, "bad rows skipped"),
                                                 (r.duplicates, "duplicate times"),
                                                 (r.skipped, "without a value skipped")) if n]
        if skipped:
            line += f"  ({', '.join(skipped)})"
        print(line)
        for message in r.warnings[:SHOWN]:
            print(f"      {message}")
        if r.warning_count > SHOWN:
            print(f"      … and {r.warning_count - SHOWN} more")
        if r.error:
            print(f"      {r.error}")
    return 0 if all(r.ok for r in reports) else 1


def cmd_show(args: argparse.Namespace) -> int:
    cfg = config_from_args(args)
    pack_id, datasets, _ = pack_datasets(cfg, args.pack)
    ds = next((d for d in datasets if d.id == args.dataset), None)
    if ds is None:
        raise KioskError(f"no dataset {args.dataset!r} in pack {pack_id!r} "
                         f"(datasets: {', '.join(sorted(d.id for d in datasets)) or 'none'})")
    check_database(cfg)
    cache = ObservationCache(cfg.data_paths().ensure().database)
    series = series_id(pack_id, ds.id)
    s, st = cache.summary(series), cache.state(series)
    tz = ZoneInfo(cfg.kiosk.timezone)
    unit = ds.unit or st.unit or ""
    ago = f" ({(time.time() - st.last_success) / 60:.0f} min ago)" if st.last_success else ""
    rows = [
        ("series", series),
        ("source", str(ds.source.get("type", "?")) + (" (sample data)" if ds.sample else "")),
        ("points", f"{s.raw_count} raw, {s.rollup_count} hourly/daily buckets"),
        ("first", _fmt_ts(s.first_ts, tz)),
        ("last", _fmt_ts(s.last_ts, tz)),
        ("min / max", "-" if s.min_value is None else f"{s.min_value:g} / {s.max_value:g} {unit}"),
        ("last value", "-" if s.last_value is None else f"{s.last_value:g} {unit}"),
        ("last fetch", _fmt_ts(st.last_success, tz) + ago),
        ("badge", live_value(cache, series, ds, time.time(), tz).freshness),
        ("last error", st.last_error or "-"),
    ]
    if st.query:
        rows.append(("request", f"{st.query} (what the source accepted last time)"))
    if st.failures:
        rows.append(("next attempt", _fmt_ts(st.next_attempt, tz) + f" after {st.failures} failure(s)"))
    for key, value in rows:
        print(f"{key:<13} {value}")
    return 0
