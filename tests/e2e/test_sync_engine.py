"""The sync engine against a misbehaving local server, with a small in-test store."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content import signing
from kiosk.content.manifest import sha256_bytes
from kiosk.errors import KioskError, SyncError
from kiosk.sync.http import Limits
from kiosk.sync.state import load_state
from tests.helpers.servers import FaultServer, write_tree
from tests.helpers.sync_world import BIG, FAST, FILES, MemoryStore, blob_url, engine


def test_sync_stages_then_304_means_up_to_date(tmp_path: Path, server: FaultServer) -> None:
    eng = engine(tmp_path, server.url)
    result = eng.sync_once()
    assert result.status == "applied"
    assert [(u.id, u.version, u.blobs_downloaded) for u in result.updates] == [("demo", 1, 3)]
    assert eng.store.installed == [("demo", 1)]
    state = load_state(eng.paths)
    assert state.last_success and state.etag and state.last_error is None
    assert state.staged["demo"]["version"] == 1
    before = len(server.log)
    assert eng.sync_once().status == "up-to-date"
    assert [e.status for e in server.log[before:]] == [304]
    assert not list((eng.paths.sync_cache / "blobs").iterdir())


def test_second_version_downloads_only_the_changed_file(
        tmp_path: Path, tree: Path, server: FaultServer) -> None:
    store = MemoryStore(tmp_path / "media")
    eng = engine(tmp_path, server.url, store)
    r1 = eng.sync_once()
    store.activate("demo", 1, r1.updates[0].manifest_sha256)
    write_tree(tree, "demo", 2, {**FILES, "media/small.txt": b"changed"})
    before = server.sent("/v1/blobs/")
    result = eng.sync_once()
    assert result.updates[0].version == 2 and result.updates[0].blobs_downloaded == 1
    assert server.sent("/v1/blobs/") - before == len(b"changed")


def test_stall_mid_body_is_resumed_with_range(tmp_path: Path, server: FaultServer) -> None:
    server.fault(blob_url(BIG), stall_after=50_000, times=1)
    result = engine(tmp_path, server.url).sync_once()
    assert result.status == "applied"
    hits = server.hits(blob_url(BIG))
    assert len(hits) == 2
    assert hits[1].headers["Range"] == "bytes=50000-" and hits[1].headers["If-Range"].startswith('"')
    assert hits[1].status == 206 and hits[1].sent == len(BIG) - 50_000


@pytest.mark.expect_log("kiosk.sync")
def test_truncated_download_resumes_in_the_next_sync(tmp_path: Path, server: FaultServer) -> None:
    server.fault(blob_url(BIG), truncate_after=120_000, times=10)
    limits = Limits(**{**FAST.__dict__, "resume_attempts": 0})
    eng = engine(tmp_path, server.url, limits=limits)
    with pytest.raises(SyncError, match="truncated|interrupted"):
        eng.sync_once()
    assert eng.store.installed == []
    part = eng.paths.sync_cache / "blobs" / (sha256_bytes(BIG) + ".part")
    assert part.stat().st_size == 120_000
    assert load_state(eng.paths).offline_since is not None
    server.faults.clear()
    assert eng.sync_once().status == "applied"
    assert server.hits(blob_url(BIG))[-1].sent == len(BIG) - 120_000
    assert load_state(eng.paths).offline_since is None


@pytest.mark.expect_log("kiosk.sync")
def test_drip_feed_is_abandoned(tmp_path: Path, server: FaultServer) -> None:
    server.fault(blob_url(BIG), drip_interval=0.01)
    limits = Limits(**{**FAST.__dict__, "min_speed_bytes": 20_000})
    eng = engine(tmp_path, server.url, limits=limits)
    with pytest.raises(SyncError, match="too slow"):
        eng.sync_once()
    assert 0 < server.hits(blob_url(BIG))[-1].sent < len(BIG)  # the kiosk hung up mid-body
    assert eng.store.installed == []


def test_503_then_200_is_retried(tmp_path: Path, server: FaultServer) -> None:
    server.fault("/v1/channels/main.json", statuses=[503, 502])
    assert engine(tmp_path, server.url).sync_once().status == "applied"
    assert [h.status for h in server.hits("/v1/channels/main.json")] == [503, 502, 200]


@pytest.mark.expect_log("kiosk.sync")
def test_503_forever_names_the_status(tmp_path: Path, server: FaultServer) -> None:
    server.fault("/v1/channels/main.json", statuses=[503] * 10)
    with pytest.raises(SyncError, match="HTTP 503|retries"):
        engine(tmp_path, server.url).sync_once()


def test_429_retry_after_is_respected(tmp_path: Path, server: FaultServer) -> None:
    server.fault(blob_url(BIG), statuses=[429], retry_after="1")
    assert engine(tmp_path, server.url).sync_once().status == "applied"
    refused, retried = server.hits(blob_url(BIG))[:2]
    assert refused.status == 429 and retried.at - refused.at >= 0.9  # as the server saw it


def test_retry_after_is_capped(tmp_path: Path, server: FaultServer) -> None:
    server.fault(blob_url(BIG), statuses=[429], retry_after="3600")
    limits = Limits(**{**FAST.__dict__, "retry_after_cap": 0.2})
    assert engine(tmp_path, server.url, limits=limits).sync_once().status == "applied"
    refused, retried = server.hits(blob_url(BIG))[:2]
    assert refused.status == 429 and retried.at - refused.at < 60  # not the hour the server asked for


@pytest.mark.expect_log("kiosk.sync")
def test_wrong_sha256_is_refused(tmp_path: Path, server: FaultServer) -> None:
    server.fault(blob_url(b"hello"), body=b"HELLO")
    eng = engine(tmp_path, server.url)
    with pytest.raises(SyncError, match="does not match its manifest"):
        eng.sync_once()
    assert eng.store.installed == []
    assert "does not match" in (load_state(eng.paths).last_error or "")


@pytest.mark.expect_log("kiosk.sync")
def test_more_bytes_than_declared_is_refused(tmp_path: Path, server: FaultServer) -> None:
    server.fault(blob_url(BIG), extra=b"x" * 5000)
    eng = engine(tmp_path, server.url)
    with pytest.raises(SyncError, match="manifest says|more bytes than"):
        eng.sync_once()
    assert eng.store.installed == []


@pytest.mark.expect_log("kiosk.sync")
def test_html_instead_of_json_is_a_captive_portal(tmp_path: Path, server: FaultServer) -> None:
    server.fault("/v1/channels/main.json", body=b"<html><body>Log in to WiFi</body></html>",
                 content_type="text/html")
    with pytest.raises(SyncError, match="captive portal"):
        engine(tmp_path, server.url).sync_once()


@pytest.mark.expect_log("kiosk.sync")
def test_older_version_is_a_refused_rollback(tmp_path: Path, tree: Path, server: FaultServer) -> None:
    store = MemoryStore(tmp_path / "media")
    store.activate("demo", 5, "0" * 64)
    with pytest.raises(SyncError, match="rollback"):
        engine(tmp_path, server.url, store).sync_once()
    assert store.installed == [] and store.active[0].version == 5


@pytest.mark.expect_log("kiosk.sync")
def test_manifest_not_matching_channel_is_refused(tmp_path: Path, tree: Path, server: FaultServer) -> None:
    mpath = tree / "v1/packs/demo/1/manifest.json"
    mpath.write_bytes(mpath.read_bytes().replace(b'"version":1', b'"version":1 '))
    with pytest.raises(SyncError, match="mixed-up pack"):
        engine(tmp_path, server.url).sync_once()


@pytest.mark.expect_log("kiosk.sync")
def test_expired_channel_is_stale(tmp_path: Path, tree: Path, server: FaultServer) -> None:
    write_tree(tree, "demo", 1, FILES, expires_at="2020-01-01T00:00:00Z")
    eng = engine(tmp_path, server.url)
    with pytest.raises(SyncError, match="expired"):
        eng.sync_once()
    state = load_state(eng.paths)
    assert state.stale and state.as_status()["state"] == "stale"
    assert eng.store.installed == []


@pytest.mark.expect_log("kiosk.sync")
def test_signatures_are_required_and_checked(tmp_path: Path, tree: Path, server: FaultServer) -> None:
    signing.generate_keypair(tmp_path / "good")
    signing.generate_keypair(tmp_path / "evil")
    good_pub = (tmp_path / "good.pub").read_text().strip()
    with pytest.raises(KioskError, match="not signed"):
        engine(tmp_path, server.url, trusted_keys=[good_pub]).sync_once()
    write_tree(tree, "demo", 1, FILES, key=signing.load_private_key(tmp_path / "evil.key"))
    with pytest.raises(KioskError, match="does not match any trusted key"):
        engine(tmp_path, server.url, trusted_keys=[good_pub]).sync_once()
    write_tree(tree, "demo", 1, FILES, key=signing.load_private_key(tmp_path / "good.key"))
    assert engine(tmp_path, server.url, trusted_keys=[good_pub]).sync_once().status == "applied"


def test_cancel_stops_the_sync(tmp_path: Path, server: FaultServer) -> None:
    import threading

    cancel = threading.Event()
    cancel.set()
    eng = engine(tmp_path, server.url)
    with pytest.raises(SyncError, match="cancelled"):
        eng.sync_once(cancel)
    assert eng.store.installed == []


def test_state_for_kiosk_status(tmp_path: Path, server: FaultServer) -> None:
    eng = engine(tmp_path, server.url)
    assert load_state(eng.paths).as_status()["state"] == "never"
    eng.sync_once()
    status = load_state(eng.paths).as_status()
    assert status["state"] == "ok" and status["last_success"] == status["last_attempt"]
