"""Publishing into a protocol v1 static tree."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kiosk.content import signing
from kiosk.content.manifest import decode_manifest, sha256_bytes
from kiosk.errors import PackError, SyncError
from kiosk.sync import protocol
from kiosk.sync.publish import publish_path
from tests.helpers.packs import make_pack


@pytest.mark.expect_log("kiosk.content")
def test_publish_writes_blobs_manifest_then_channel(tmp_path: Path) -> None:
    data = os.urandom(3000)
    pack = make_pack(tmp_path / "pack", 1, {"media/a.bin": data})
    root = tmp_path / "tree"
    result = publish_path(pack, root, "main")
    assert (root / "v1/blobs" / sha256_bytes(data)).read_bytes() == data
    manifest_bytes = (root / "v1/packs/demo/1/manifest.json").read_bytes()
    manifest = decode_manifest(manifest_bytes)
    assert [f.path for f in manifest.files] == ["media/a.bin", "pack.yaml"]
    channel = protocol.decode_channel((root / "v1/channels/main.json").read_bytes(), "main.json")
    assert channel.packs[0].manifest_sha256 == sha256_bytes(manifest_bytes) == result.manifest_sha256
    assert channel.packs[0].manifest == "../packs/demo/1/manifest.json"
    assert result.blobs_written == 2
    assert not (root / "v1/channels/main.json.sig").exists()
    assert not [p for p in (root / "v1/blobs").iterdir() if p.name.startswith(".")]


def test_versions_must_grow_and_published_versions_are_immutable(tmp_path: Path) -> None:
    root = tmp_path / "tree"
    publish_path(make_pack(tmp_path / "v2", 2, {"a.txt": b"one"}), root, "main")
    again = publish_path(make_pack(tmp_path / "v2", 2, {"a.txt": b"one"}), root, "main")
    assert again.blobs_written == 0
    with pytest.raises(SyncError, match="already lists demo version 2"):
        publish_path(make_pack(tmp_path / "v1", 1, {"a.txt": b"old"}), root, "main")
    with pytest.raises(SyncError, match="already lists demo version 2"):
        publish_path(make_pack(tmp_path / "v2b", 2, {"a.txt": b"other"}), root, "main")
    third = publish_path(make_pack(tmp_path / "v3", 3, {"a.txt": b"one", "b.txt": b"new"}), root, "main")
    assert third.blobs_written == 2  # b.txt and the new pack.yaml; a.txt is already there
    doc = json.loads((root / "v1/channels/main.json").read_bytes())
    assert [(p["id"], p["version"]) for p in doc["packs"]] == [("demo", 3)]


def test_signed_publish_verifies_with_the_public_key(tmp_path: Path) -> None:
    key, pub = signing.generate_keypair(tmp_path / "k")
    root = tmp_path / "tree"
    publish_path(make_pack(tmp_path / "p", 1, {"a.txt": b"x"}), root, "main", sign_key=key)
    trusted = [pub.read_text().strip()]
    for name in ("v1/channels/main.json", "v1/packs/demo/1/manifest.json"):
        signing.verify((root / name).read_bytes(), (root / (name + ".sig")).read_bytes(), trusted, name)


def test_invalid_pack_is_refused_and_channel_untouched(tmp_path: Path) -> None:
    root = tmp_path / "tree"
    publish_path(make_pack(tmp_path / "p", 1, {"a.txt": b"x"}), root, "main")
    before = (root / "v1/channels/main.json").read_bytes()
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "pack.yaml").write_text("id: demo\nversion: [not a number]\n")
    with pytest.raises(PackError):
        publish_path(bad, root, "main")
    assert (root / "v1/channels/main.json").read_bytes() == before


@pytest.mark.expect_log("kiosk.content")
def test_zip_and_directory_publish_the_same_manifest(tmp_path: Path) -> None:
    from kiosk.content.build import build_zip

    pack = make_pack(tmp_path / "p", 1, {"media/a.bin": os.urandom(500)})
    build_zip(pack, tmp_path / "p.zip")
    a = publish_path(pack, tmp_path / "t1", "main")
    b = publish_path(tmp_path / "p.zip", tmp_path / "t2", "main")
    assert a.manifest_sha256 == b.manifest_sha256


def test_bad_channel_name_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SyncError, match="channel"):
        publish_path(make_pack(tmp_path / "p", 1, {}), tmp_path / "tree", "../etc")
