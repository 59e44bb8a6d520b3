"""Benchmark: how much disk a sync of an update needs at its peak, relative to the update's size.

Run: ``python tests/bench/bench_disk.py [--mb 40] [--copy]``. Publishes a pack of ``--mb`` MB of new media to
a local static tree, syncs it into an empty data directory and samples the data directory's size
(``du``-style, counting hard-linked files once) while the sync runs. Prints figures; not a test.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kiosk.config import SyncSection
from kiosk.paths import DataPaths
from kiosk.store import Store
from kiosk.sync.blobsource import BlobSource
from kiosk.sync.engine import SyncEngine
from kiosk.sync.publish import publish_path
from tests.helpers.packs import make_pack
from tests.helpers.servers import FaultServer


def used_bytes(root: Path) -> int:
    seen: set[tuple[int, int]] = set()
    total = 0
    for path in root.rglob("*"):
        try:
            st = path.lstat()
        except FileNotFoundError:
            continue
        if path.is_file() and (st.st_dev, st.st_ino) not in seen:
            seen.add((st.st_dev, st.st_ino))
            total += st.st_size
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=40)
    parser.add_argument("--copy", action="store_true", help="copy blobs into media (the old way) to compare")
    args = parser.parse_args()
    logging.getLogger("kiosk").setLevel(logging.ERROR)  # no "file type is not used" warnings
    if args.copy:
        BlobSource.linkable = False
    files = {f"media/f{i}.bin": os.urandom(1 << 20) for i in range(args.mb)}
    with tempfile.TemporaryDirectory(prefix="bench-disk-") as tmp:
        root = Path(tmp)
        publish_path(make_pack(root / "src", 1, files), root / "tree", "main")
        paths = DataPaths(root / "data").ensure()
        with FaultServer(root / "tree") as srv, Store.open(paths) as store:
            base = used_bytes(paths.root)
            peak = [0]
            done = threading.Event()

            def sample() -> None:
                while not done.wait(0.005):
                    peak[0] = max(peak[0], used_bytes(paths.root) - base)

            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()
            t = time.perf_counter()
            SyncEngine(SyncSection(hub_url=srv.url, channel="main"), paths, store).sync_once()
            elapsed = time.perf_counter() - t
            done.set()
            sampler.join()
            final = used_bytes(paths.root) - base
        size = sum(len(v) for v in files.values())
        print(f"update size           {size / 1e6:8.1f} MB")
        print(f"peak extra disk used  {peak[0] / 1e6:8.1f} MB  ({peak[0] / size:.2f}x the update)")
        print(f"after the sync        {final / 1e6:8.1f} MB  ({final / size:.2f}x)")
        print(f"sync time             {elapsed:8.2f} s")


if __name__ == "__main__":
    main()
