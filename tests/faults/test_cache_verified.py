"""Row 3: every cached byte is verified before use; the ETag never hides a mismatch.

Real ``kiosk sync --once`` processes, a real store, a real local HTTP server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.content.manifest import sha256_bytes
from tests.faults.common import kiosk, publish, status, write_config
from tests.helpers.servers import FaultServer

BIG = os.urandom(120_000)
FILES = {"media/big.txt": BIG, "media/small.txt": b"hello"}  # kept file types: the pack loads cleanly


@pytest.fixture
def world(tmp_path: Path):  # type: ignore[no-untyped-def]
    tree = tmp_path / "tree"
    result = publish(tmp_path, tree, 1, FILES)
    with FaultServer(tree) as srv:
        cfg = write_config(tmp_path / "kiosk.toml", tmp_path / "data", srv.url)
        yield srv, cfg, tmp_path / "data", result


def active(cfg: Path) -> list[tuple[str, int, str]]:
    return [(p["id"], p["version"], p["manifest_sha256"]) for p in status(cfg)["packs"]]


def test_corrupt_cached_blob_is_deleted_and_downloaded_again(world) -> None:  # type: ignore[no-untyped-def]
    srv, cfg, data, published = world
    sha = sha256_bytes(BIG)
    cache = data / "sync" / "blobs"
    cache.mkdir(parents=True)
    flipped = bytearray(BIG)
    flipped[5000] ^= 0x01  # same size, one bit off: what a failed sync plus a bad disk leave behind
    (cache / sha).write_bytes(bytes(flipped))
    done = kiosk("--config", str(cfg), "sync", "--once")
    assert done.returncode == 0, done.stderr
    assert len(srv.hits(f"/v1/blobs/{sha}")) == 1, "the corrupt cached blob must be fetched again"
    channel_sha = published.manifest_sha256
    assert ("demo", 1, channel_sha) in active(cfg)
    assert not (cache / sha).exists()
    assert "does not match its sha256" in done.stderr


def test_saved_etag_does_not_hide_a_store_that_no_longer_matches(world) -> None:  # type: ignore[no-untyped-def]
    srv, cfg, data, published = world
    assert kiosk("--config", str(cfg), "sync", "--once").returncode == 0
    assert ("demo", 1, published.manifest_sha256) in active(cfg)
    for name in ("kiosk.db", "kiosk.db-wal", "kiosk.db-shm"):
        (data / name).unlink(missing_ok=True)  # the store is rebuilt from scratch (the media stay)
    again = kiosk("--config", str(cfg), "sync", "--once")
    assert again.returncode == 0, again.stderr
    assert "up to date" not in again.stdout
    assert ("demo", 1, published.manifest_sha256) in active(cfg)
    third = kiosk("--config", str(cfg), "sync", "--once")
    assert "up to date" in third.stdout
    assert srv.hits("/v1/channels/main.json")[-1].status == 304  # the ETag works when it is true


def test_channel_whose_hash_and_version_disagree_is_refused(world) -> None:  # type: ignore[no-untyped-def]
    import json

    srv, cfg, _, _ = world
    assert kiosk("--config", str(cfg), "sync", "--once").returncode == 0
    channel = srv.root / "v1" / "channels" / "main.json"
    doc = json.loads(channel.read_text())
    for entry in doc["packs"]:
        entry["version"] = 2  # v2 listed with v1's manifest hash
    channel.write_text(json.dumps(doc))
    done = kiosk("--config", str(cfg), "sync", "--once")
    assert done.returncode == 1
    assert "hash and version disagree" in done.stderr and "Traceback" not in done.stderr
    assert status(cfg)["sync"]["error_kind"] == "refused"


def test_blob_source_checks_every_byte_it_serves(tmp_path: Path) -> None:
    from kiosk.content.manifest import decode_manifest, encode_manifest
    from kiosk.content.model import FileEntry
    from kiosk.errors import PackError
    from kiosk.sync.blobsource import BlobSource

    good = b"x" * 5000
    blob = tmp_path / "blob"
    blob.write_bytes(good[:-1] + b"y")  # same size, different bytes
    data = encode_manifest("demo", 1, [FileEntry("media/a.bin", sha256_bytes(good), len(good))])
    source = BlobSource(decode_manifest(data, "m"), data, {"media/a.bin": blob})
    with pytest.raises(PackError, match="does not match the manifest"):
        source.read_bytes("media/a.bin")
    with pytest.raises(PackError, match="does not match the manifest"), source.open("media/a.bin") as fh:
        while fh.read(1024):
            pass
    blob.write_bytes(good)
    assert source.read_bytes("media/a.bin") == good
    with source.open("media/a.bin") as fh:
        assert fh.read() == good
