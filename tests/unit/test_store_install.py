"""Install, activate, rollback and failure behaviour of the store (real SQLite, real files)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.errors import PackError, StoreError
from kiosk.paths import DataPaths
from kiosk.store import Store
from tests.bench.gen_pack import make_pack


@pytest.fixture
def paths(tmp_path: Path) -> DataPaths:
    return DataPaths(tmp_path / "data")


@pytest.fixture
def store(paths: DataPaths) -> Iterator[Store]:
    with Store.open(paths) as s:
        yield s


def active(store: Store, pack_id: str = "demo") -> int | None:
    return next((p.version for p in store.active_packs() if p.id == pack_id), None)


def states(store: Store) -> dict[int, str]:
    return dict(store.db().execute("SELECT version, state FROM packs ORDER BY version").fetchall())


def test_install_activates_and_reads_back_the_same_model(store: Store) -> None:
    pack, source = make_pack(3)
    result = store.install_loaded(pack, source)
    assert (result.pack_id, result.version, result.activated) == ("demo", 1, True)
    assert result.files_copied == len(pack.files) and result.bytes_copied == sum(
        f.size for f in pack.files.values()
    )
    reader = store.reader()
    assert reader is not None
    assert reader.meta == pack.meta
    for slug, cs in pack.case_studies.items():
        assert reader.case_study(slug) == cs
    assert reader.tours() == list(pack.tours.values())
    assert reader.dataset("heat") == pack.datasets["heat"]
    hero = pack.case_studies["case-0001"].main.hero
    assert hero is not None
    media = reader.media_path(hero)
    assert media is not None and media.read_bytes() == source.files[hero]
    assert reader.media_path("no/such.png") is None
    assert [cs.slug for cs in reader.case_studies(theme="water")] == ["case-0001"]


def test_new_version_becomes_active_and_old_one_previous(store: Store) -> None:
    for version in (1, 2, 3):
        store.install_loaded(*make_pack(2, version=version))
    assert states(store) == {2: "previous", 3: "active"}  # version 1 retired and deleted
    assert store.db().execute("SELECT count(*) FROM case_studies WHERE version = 1").fetchone()[0] == 0


def test_reader_is_cached_until_a_new_activation(store: Store) -> None:
    store.install_loaded(*make_pack(2, version=1))
    first = store.reader()
    assert store.reader() is first
    store.install_loaded(*make_pack(2, version=2))
    second = store.reader()
    assert second is not first and second is not None
    assert second.meta.version == 2 and first is not None and first.meta.version == 1


def test_rollback_swaps_active_and_previous(store: Store) -> None:
    store.install_loaded(*make_pack(2, version=1))
    store.install_loaded(*make_pack(2, version=2, changed=[0]))
    assert store.rollback("demo") == (2, 1)
    assert active(store) == 1
    reader = store.reader()
    assert reader is not None and reader.meta.version == 1
    cs = reader.case_study("case-0000")
    assert cs is not None and "rev" not in cs.main.title
    assert store.rollback("demo") == (1, 2)
    assert active(store) == 2


def test_rollback_without_previous_is_an_error(store: Store) -> None:
    with pytest.raises(StoreError, match="not installed"):
        store.rollback("demo")
    store.install_loaded(*make_pack(1))
    with pytest.raises(StoreError, match="no previous version"):
        store.rollback("demo")


def test_downgrade_is_refused_unless_allowed(store: Store) -> None:
    store.install_loaded(*make_pack(1, version=5))
    with pytest.raises(StoreError, match="older than the active version 5"):
        store.install_loaded(*make_pack(1, version=4))
    assert states(store) == {5: "active"}
    store.install_loaded(*make_pack(1, version=4), allow_downgrade=True)
    assert active(store) == 4


def test_reinstalling_the_same_version_is_a_no_op(store: Store) -> None:
    pack, source = make_pack(2)
    store.install_loaded(pack, source)
    installed_at = store.active_packs()[0].installed_at
    again = store.install_loaded(pack, source)
    assert again.unchanged and again.files_copied == 0 and again.bytes_copied == 0
    assert store.active_packs()[0].installed_at == installed_at


def test_same_version_with_other_content_is_refused(store: Store) -> None:
    store.install_loaded(*make_pack(2, version=1))
    with pytest.raises(StoreError, match="higher version"):
        store.install_loaded(*make_pack(2, version=1, changed=[1]))


def test_staged_version_waits_for_activate(store: Store) -> None:
    store.install_loaded(*make_pack(1, version=1))
    result = store.install_loaded(*make_pack(1, version=2), activate=False)
    assert not result.activated and active(store) == 1
    assert states(store) == {1: "active", 2: "staged"}
    store.activate("demo", 2)
    assert states(store) == {1: "previous", 2: "active"}


def test_activating_an_unknown_version_is_an_error(store: Store) -> None:
    with pytest.raises(StoreError, match="not installed"):
        store.activate("demo", 9)


def test_media_is_shared_between_versions(store: Store, paths: DataPaths) -> None:
    first = store.install_loaded(*make_pack(10, version=1))
    second = store.install_loaded(*make_pack(10, version=2, changed=[3]))
    assert first.files_copied == 10 * 3 + 10 * 2 + 1
    # Only the three images and two Markdown files of case 3 and pack.yaml are new.
    assert second.files_copied == 3 + 2 + 1
    assert 0 < second.bytes_copied < first.bytes_copied / 5
    on_disk = [p for p in paths.media.rglob("*") if p.is_file()]
    assert len(on_disk) == len(store.media.shas())


def test_retired_media_is_collected(store: Store) -> None:
    _, src1 = make_pack(2, version=1, changed=[0])
    store.install_loaded(*make_pack(2, version=1, changed=[0]))
    only_v1 = hashlib.sha256(src1.files["case-studies/case-0000/hero.png"]).hexdigest()
    store.install_loaded(*make_pack(2, version=2))
    assert store.has_media(only_v1)  # still referenced by the previous version
    store.install_loaded(*make_pack(2, version=3))
    assert not store.has_media(only_v1)


def test_unreadable_media_leaves_the_active_version_unchanged(store: Store, paths: DataPaths) -> None:
    store.install_loaded(*make_pack(2, version=1))
    before = store.status()
    pack, source = make_pack(2, version=2, changed=[1])
    source.broken.add("case-studies/case-0001/detail.png")
    with pytest.raises(PackError, match="cannot read case-studies/case-0001/detail.png"):
        store.install_loaded(pack, source)
    assert store.status() == before
    assert states(store) == {1: "active"}
    assert not list(paths.staging.iterdir())
    assert all(store.has_media(f.sha256) for f in make_pack(2, version=1)[0].files.values())
    new_only = pack.files["case-studies/case-0001/hero.png"].sha256
    assert not store.has_media(new_only)  # copied before the failure, collected after it


def test_content_that_does_not_match_the_manifest_is_refused(store: Store) -> None:
    store.install_loaded(*make_pack(1, version=1))
    pack, source = make_pack(1, version=2, changed=[0])
    source.files["case-studies/case-0000/plan.svg"] = b"<svg>tampered</svg>"
    with pytest.raises(PackError, match="does not match the manifest"):
        store.install_loaded(pack, source)
    assert states(store) == {1: "active"}


def test_a_failing_row_write_rolls_back_and_keeps_the_old_version(store: Store) -> None:
    store.install_loaded(*make_pack(2, version=1))
    pack, source = make_pack(2, version=2)
    # The last insert of the staged rows fails: the whole staged transaction must roll back.
    store.db().execute("CREATE TEMP TRIGGER boom BEFORE INSERT ON files WHEN new.path = 'pack.yaml' "
                       "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END")
    with pytest.raises(Exception, match="disk on fire"):
        store.install_loaded(pack, source)
    assert states(store) == {1: "active"}
    assert store.db().execute("SELECT count(*) FROM case_studies WHERE version = 2").fetchone()[0] == 0
    assert store.db().execute("SELECT count(*) FROM case_studies_fts").fetchone()[0] == 4


def test_default_pack_is_the_configured_one_else_the_latest(paths: DataPaths) -> None:
    with Store.open(paths) as store:
        store.install_loaded(*make_pack(1, pack_id="first"))
        store.install_loaded(*make_pack(1, pack_id="second"))
        reader = store.reader()
        assert reader is not None and reader.meta.id == "second"
        first = store.reader("first")
        assert first is not None and first.meta.id == "first"
    with Store.open(paths, preferred_pack="first") as store:
        reader = store.reader()
        assert reader is not None and reader.meta.id == "first"
    with Store.open(paths, preferred_pack="missing") as store:
        assert store.default_pack_id() == "second"


def test_a_truncated_media_file_is_copied_again(store: Store) -> None:
    pack, source = make_pack(1, version=1)
    store.install_loaded(pack, source)
    hero = pack.files["case-studies/case-0000/hero.png"]
    store.media_file(hero.sha256).write_bytes(b"")  # e.g. a power cut after the rename
    result = store.install_loaded(*make_pack(1, version=2))
    assert result.files_copied == 2  # the repaired hero and the new pack.yaml
    assert store.media_file(hero.sha256).read_bytes() == source.files[hero.path]
