"""Benchmark: install a 1,000-case-study pack, re-install with one change, full-text query time.

Run: ``python tests/bench/bench_install.py [--case-studies 1000]``. Prints figures; not a test.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kiosk.content.sources import DirectorySource
from kiosk.paths import DataPaths
from kiosk.store import Store
from tests.bench.gen_pack import WORDS, write_pack_dir


def peak_rss_mb() -> float:
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case-studies", type=int, default=1000)
    parser.add_argument("--queries", type=int, default=50)
    args = parser.parse_args()
    n = args.case_studies
    with tempfile.TemporaryDirectory(prefix="bench-install-") as tmp:
        root = Path(tmp)
        t = time.perf_counter()
        v1 = write_pack_dir(root / "v1", n, version=1)
        v2 = write_pack_dir(root / "v2", n, version=2, changed=[n // 2])
        print(f"generated 2 packs of {n} case studies (2 languages, 3 images each) "
              f"in {time.perf_counter() - t:.1f} s")
        rss_before = peak_rss_mb()
        with Store.open(DataPaths(root / "data")) as store:
            t = time.perf_counter()
            first = store.install(DirectorySource(v1))
            install_s = time.perf_counter() - t
            print(f"install v1: {install_s:.2f} s, {first.files_copied} files, {first.bytes_copied} bytes "
                  f"copied; peak RSS {peak_rss_mb():.0f} MB (before install {rss_before:.0f} MB)")

            t = time.perf_counter()
            second = store.install(DirectorySource(v2))
            print(f"re-install v2 (1 case study changed): {time.perf_counter() - t:.2f} s, "
                  f"{second.files_copied} files, {second.bytes_copied} bytes copied")

            t = time.perf_counter()
            reader = store.reader()
            assert reader is not None
            print(f"first reader (loads {len(reader.case_studies())} case studies): "
                  f"{(time.perf_counter() - t) * 1000:.0f} ms")

            rng = random.Random(1)
            words = WORDS["en"] + WORDS["da"]
            queries = [
                " ".join(rng.sample(words, rng.randint(1, 2))) if i % 3 else rng.choice(words)[:4]
                for i in range(args.queries)
            ]
            times, hits = [], 0
            for q in queries:
                t = time.perf_counter()
                hits += len(reader.search(q))
                times.append((time.perf_counter() - t) * 1000)
            print(f"full-text search: {len(queries)} queries, median {statistics.median(times):.2f} ms, "
                  f"max {max(times):.2f} ms, {hits / len(queries):.0f} hits per query on average")
            print(f"peak RSS at the end: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
