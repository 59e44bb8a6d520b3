"""What Store.open cleans up after interrupted installs, migrations, and threads."""

from __future__ import annotations

import threading
from pathlib import Path

from kiosk.paths import DataPaths
from kiosk.store import Store
from kiosk.store.install import write_staged
from kiosk.store.media import TEMP_PREFIX
from kiosk.store.records import manifest_sha256
from tests.bench.gen_pack import make_pack


def states(store: Store) -> dict[int, str]:
    return dict(store.db().execute("SELECT version, state FROM packs ORDER BY version").fetchall())


def test_leftovers_of_an_interrupted_install_are_removed(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path)
    with Store.open(paths) as store:
        store.install_loaded(*make_pack(2, version=3))
        # An install that died after its rows were staged: older than active, never to be shown.
        old, _ = make_pack(2, version=2, changed=[0])
        write_staged(store.db(), old, manifest_sha256(old))
        orphan = store.media_file("ab" * 32)
        orphan.parent.mkdir(parents=True, exist_ok=True)
        orphan.write_bytes(b"copied, then the process died")
    (paths.staging / f"{TEMP_PREFIX}x.tmp").write_bytes(b"half a file")
    (paths.staging / "sync-download.part").write_bytes(b"someone else's")
    with Store.open(paths) as store:
        assert states(store) == {3: "active"}
        assert store.db().execute("SELECT count(*) FROM case_studies WHERE version = 2").fetchone()[0] == 0
        assert store.db().execute("SELECT count(*) FROM case_studies_fts").fetchone()[0] == 4
        assert not orphan.exists()
        assert not (paths.staging / f"{TEMP_PREFIX}x.tmp").exists()
        assert (paths.staging / "sync-download.part").exists()
        active, _ = make_pack(2, version=3)
        assert all(store.has_media(f.sha256) for f in active.files.values())


def test_a_complete_newer_staged_version_survives_a_restart(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path)
    with Store.open(paths) as store:
        store.install_loaded(*make_pack(1, version=1))
        store.install_loaded(*make_pack(1, version=2, changed=[0]), activate=False)
        store.install_loaded(*make_pack(1, version=3, changed=[0]), activate=False)
    with Store.open(paths) as store:
        assert states(store) == {1: "active", 3: "staged"}  # only the newest pending version
        store.activate("demo", 3)
        reader = store.reader()
        assert reader is not None and reader.meta.version == 3


def test_a_staged_version_with_missing_media_is_dropped(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path)
    with Store.open(paths) as store:
        store.install_loaded(*make_pack(1, version=1))
        pack, _ = make_pack(1, version=2, changed=[0])
        store.install_loaded(*make_pack(1, version=2, changed=[0]), activate=False)
        store.media_file(pack.files["case-studies/case-0000/hero.png"].sha256).unlink()
    with Store.open(paths) as store:
        assert states(store) == {1: "active"}


def test_reopening_does_not_rerun_migrations(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path)
    with Store.open(paths) as store:
        store.install_loaded(*make_pack(1))
    with Store.open(paths) as store:
        names = [r[0] for r in store.db().execute("SELECT name FROM _sqlite_migrations WHERE migration_set = "
                                                   "'kiosk-store'")]
        assert names == ["0001_initial"]
        assert states(store) == {1: "active"}
        assert store.db().execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_each_thread_reads_with_its_own_connection_while_one_writes(tmp_path: Path) -> None:
    with Store.open(DataPaths(tmp_path)) as store:
        store.install_loaded(*make_pack(5, version=1))
        stop = threading.Event()
        seen: set[int] = set()
        errors: list[BaseException] = []

        def read() -> None:
            try:
                conn = store.db()
                assert conn is not main_conn
                while not stop.is_set():
                    reader = store.reader()
                    assert reader is not None
                    seen.add(reader.meta.version)
                    assert len(reader.case_studies()) == 5
            except BaseException as exc:
                errors.append(exc)

        main_conn = store.db()
        thread = threading.Thread(target=read)
        thread.start()
        for version in range(2, 6):
            store.install_loaded(*make_pack(5, version=version, changed=[version % 5]))
        stop.set()
        thread.join(timeout=30)
        assert not errors
        assert seen and seen <= {1, 2, 3, 4, 5}


def test_status_describes_active_previous_and_staged(tmp_path: Path) -> None:
    with Store.open(DataPaths(tmp_path)) as store:
        store.install_loaded(*make_pack(4, version=1))
        store.install_loaded(*make_pack(4, version=2, changed=[1]))
        store.install_loaded(*make_pack(4, version=3, changed=[1]), activate=False)
        status = store.status()
        (pack,) = status["packs"]
        assert (pack["id"], pack["version"], pack["case_studies"], pack["tours"], pack["datasets"]) == (
            "demo", 2, 4, 1, 1)
        assert [p["version"] for p in pack["previous"]] == [1]
        assert [p["version"] for p in pack["staged"]] == [3]
        assert status["store"] == str(tmp_path / "kiosk.db") and status["default_pack"] == "demo"
