"""Reproducible, optionally signed pack zips."""

from __future__ import annotations

import hashlib
import shutil
import zipfile
from pathlib import Path

import pytest

from kiosk.content import signing
from kiosk.content.build import FIXED_DATE, build_zip
from kiosk.content.loader import load_pack
from kiosk.content.manifest import MANIFEST_NAME, SIGNATURE_NAME, decode_manifest
from kiosk.content.sources import ZipSource
from kiosk.errors import PackError

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "packs" / "valid"


def test_same_input_gives_the_same_bytes(tmp_path: Path) -> None:
    a = build_zip(FIXTURE, tmp_path / "a.zip")
    copy = tmp_path / "copy"
    shutil.copytree(FIXTURE, copy)
    for path in copy.rglob("*"):
        path.touch()  # other timestamps must not matter
        path.chmod(0o755 if path.is_dir() else 0o600)
    b = build_zip(copy, tmp_path / "b.zip")
    assert a.path.read_bytes() == b.path.read_bytes()
    assert a.manifest_sha256 == b.manifest_sha256 and a.files == 11 and not a.signed


@pytest.mark.expect_log("kiosk.content")
def test_zip_layout_dates_modes_and_manifest(tmp_path: Path) -> None:
    result = build_zip(FIXTURE, tmp_path / "out" / "pack.zip")
    with zipfile.ZipFile(result.path) as zf:
        infos = zf.infolist()
        names = [i.filename for i in infos]
        assert names == sorted(names) and MANIFEST_NAME in names and SIGNATURE_NAME not in names
        assert {i.date_time for i in infos} == {FIXED_DATE}
        assert {i.external_attr >> 16 for i in infos} == {0o100644}
        manifest_bytes = zf.read(MANIFEST_NAME)
        manifest = decode_manifest(manifest_bytes)
        for entry in manifest.files:
            data = zf.read(entry.path)
            assert (len(data), hashlib.sha256(data).hexdigest()) == (entry.size, entry.sha256)
    assert hashlib.sha256(manifest_bytes).hexdigest() == result.manifest_sha256
    assert (manifest.id, manifest.version) == ("demo-lab", 3)
    with ZipSource(result.path) as src:
        assert load_pack(src).files == load_pack_dir_files()
    assert not list((tmp_path / "out").glob(".*.tmp"))


def load_pack_dir_files() -> dict[str, object]:
    from kiosk.content.sources import DirectorySource

    return dict(load_pack(DirectorySource(FIXTURE)).files)


def test_signed_build_verifies(tmp_path: Path) -> None:
    key, pub = signing.generate_keypair(tmp_path / "keys" / "lab")
    result = build_zip(FIXTURE, tmp_path / "signed.zip", key)
    assert result.signed
    with zipfile.ZipFile(result.path) as zf:
        manifest, sig = zf.read(MANIFEST_NAME), zf.read(SIGNATURE_NAME)
    trusted = [pub.read_text().strip()]
    assert signing.verify(manifest, sig, trusted, "manifest.json") == trusted[0]
    other = signing.public_key_text(signing.load_private_key(
        signing.generate_keypair(tmp_path / "other")[0]).public_key())
    with pytest.raises(signing.SignatureError):
        signing.verify(manifest, sig, [other], "manifest.json")
    with ZipSource(result.path) as src:
        assert src.signature_data == sig and src.manifest_data == manifest


def test_invalid_pack_is_refused_and_nothing_written(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(FIXTURE, pack)
    (pack / "media" / "map.png").unlink()
    with pytest.raises(PackError) as exc:
        build_zip(pack, tmp_path / "out.zip")
    assert "media/map.png does not exist" in str(exc.value)
    assert not list(tmp_path.glob("*.zip")) and not list(tmp_path.glob(".*"))


def test_output_inside_the_pack_is_refused(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(FIXTURE, pack)
    with pytest.raises(PackError, match="outside the pack folder"):
        build_zip(pack, pack / "pack.zip")


def test_rebuilding_from_a_built_zip_gives_the_same_bytes(tmp_path: Path) -> None:
    first = build_zip(FIXTURE, tmp_path / "first.zip")
    second = build_zip(first.path, tmp_path / "second.zip")
    assert first.path.read_bytes() == second.path.read_bytes()
