"""SIGKILL a real process in the middle of installs, many times: the store never shows a mix.

A child process installs ever newer versions of a pack in a loop; the parent kills it with SIGKILL
after a random (seeded) delay, reopens the store (which cleans up) and checks that exactly one
version is active and complete: every row and media file of it present and matching, nothing of
another version mixed in, the database intact.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kiosk.content.manifest import encode_manifest, sha256_bytes
from kiosk.content.model import FileEntry
from kiosk.paths import DataPaths
from kiosk.store import Store
from kiosk.store.media import TEMP_PREFIX
from tests.bench.gen_pack import make_pack

ROOT = Path(__file__).resolve().parents[2]
N_CASES = 20
KILLS = 30

CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from kiosk.paths import DataPaths
    from kiosk.store import Store
    from tests.bench.gen_pack import make_pack

    store = Store.open(DataPaths(Path(sys.argv[1])))
    version = store.db().execute("SELECT max(version) FROM packs").fetchone()[0] + 1
    print("ready", flush=True)
    while True:
        store.install_loaded(*make_pack({n}, version=version, changed=[version % {n}]))
        version += 1
    """
).format(n=N_CASES)


def expected(version: int):  # type: ignore[no-untyped-def]
    return make_pack(N_CASES, version=version, changed=[version % N_CASES])[0]


def check_consistent(paths: DataPaths) -> int:
    with Store.open(paths) as store:
        db = store.db()
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        db.execute("INSERT INTO case_studies_fts (case_studies_fts) VALUES ('integrity-check')")
        (active,) = store.active_packs()
        version = active.version
        want = expected(version)
        files = [FileEntry(*row) for row in db.execute(
            "SELECT path, sha256, size FROM files WHERE pack = 'demo' AND version = ?", [version])]
        assert sha256_bytes(encode_manifest("demo", version, files)) == active.manifest_sha256
        assert {f.path: f for f in files} == dict(want.files)
        for f in files:
            blob = store.media_file(f.sha256).read_bytes()
            assert hashlib.sha256(blob).hexdigest() == f.sha256 and len(blob) == f.size
        reader = store.reader()
        assert reader is not None and reader.meta == want.meta
        assert {cs.slug: cs for cs in reader.case_studies()} == dict(want.case_studies)
        rows = db.execute("SELECT count(*) FROM case_studies WHERE pack = 'demo' AND version = ?",
                          [version]).fetchone()[0]
        assert rows == 2 * N_CASES
        # Nothing left over: FTS follows the rows, no temp files, no unreferenced media.
        assert db.execute("SELECT count(*) FROM case_studies_fts").fetchone()[0] == db.execute(
            "SELECT count(*) FROM case_studies").fetchone()[0]
        assert not list(paths.staging.glob(f"{TEMP_PREFIX}*"))
        referenced = {sha for (sha,) in db.execute("SELECT sha256 FROM files")}
        assert store.media.shas() == referenced
        states = [s for (s,) in db.execute("SELECT state FROM packs")]
        assert states.count("active") == 1 and states.count("previous") <= 1
        assert set(states) <= {"active", "previous", "staged"}
        return version


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_at_random_points_leaves_one_consistent_version(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data")
    with Store.open(paths) as store:
        store.install_loaded(*make_pack(N_CASES, version=1, changed=[1]))
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    rng = random.Random(20240611)
    versions = [1]
    for _ in range(KILLS):
        child = subprocess.Popen([sys.executable, str(script), str(paths.root)], cwd=ROOT, env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            assert child.stdout is not None
            line = child.stdout.readline()
            if line.strip() != "ready":
                child.wait(timeout=30)
                pytest.fail(f"child did not start: {line!r} {child.stderr.read() if child.stderr else ''}")
            # The random delay is the point: it picks where in the install loop the kill lands.
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.wait(timeout=rng.uniform(0.0, 0.25))
            assert child.returncode is None, child.stderr.read() if child.stderr else ""
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
            for stream in (child.stdout, child.stderr):
                if stream:
                    stream.close()
        versions.append(check_consistent(paths))
    assert versions == sorted(versions)  # never went back
    assert versions[-1] > 5, f"the child installed too little to test anything: {versions}"
