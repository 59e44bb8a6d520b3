"""Network problems make the kiosk "offline"; refusals and expiry do not (they are for the admin)."""

from __future__ import annotations

import logging
import socket
from pathlib import Path
from typing import Any

import pytest

from kiosk.content import signing
from kiosk.errors import (
    KioskError,
    SyncDiskFullError,
    SyncError,
    SyncInterrupted,
    SyncNetworkError,
    SyncStaleError,
)
from kiosk.sync.engine import failure_kind
from kiosk.sync.http import Limits
from kiosk.sync.state import SyncState, load_state
from tests.helpers.servers import FaultServer, write_tree
from tests.helpers.sync_world import BIG, FAST, FILES, MemoryStore, blob_url, engine


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fail(eng: Any, cancel: Any = None) -> tuple[BaseException, SyncState]:
    with pytest.raises(KioskError) as info:
        eng.sync_once(cancel)
    return info.value, load_state(eng.paths)


def assert_network(exc: BaseException, state: SyncState) -> None:
    assert failure_kind(exc) == "network" and state.error_kind == "network"
    assert state.offline_since is not None and state.last_error


def assert_refused(exc: BaseException, state: SyncState, kind: str = "refused") -> None:
    assert failure_kind(exc) == kind and state.error_kind == kind
    assert state.offline_since is None and state.last_error


@pytest.mark.expect_log("kiosk.sync", "urllib3")  # urllib3 says "Retrying" first
def test_connection_refused_is_network(tmp_path: Path) -> None:
    assert_network(*fail(engine(tmp_path, f"http://127.0.0.1:{free_port()}")))


@pytest.mark.expect_log("kiosk.sync", "urllib3")  # urllib3 says "Retrying" first
def test_unknown_host_is_network(tmp_path: Path) -> None:
    assert_network(*fail(engine(tmp_path, "http://no-such-host.invalid")))


@pytest.mark.expect_log("kiosk.sync")
def test_5xx_after_retries_is_network(tmp_path: Path, server: FaultServer) -> None:
    server.fault("/v1/channels/main.json", statuses=[503] * 10)
    assert_network(*fail(engine(tmp_path, server.url)))


@pytest.mark.expect_log("kiosk.sync")
def test_captive_portal_is_network(tmp_path: Path, server: FaultServer) -> None:
    server.fault("/v1/channels/main.json", body=b"<html>Log in to WiFi</html>", content_type="text/html")
    assert_network(*fail(engine(tmp_path, server.url)))


@pytest.mark.expect_log("kiosk.sync")
def test_stalled_download_is_network(tmp_path: Path, server: FaultServer) -> None:
    server.fault(blob_url(BIG), truncate_after=1000, times=10)
    limits = Limits(**{**FAST.__dict__, "resume_attempts": 0})
    assert_network(*fail(engine(tmp_path, server.url, limits=limits)))


def test_hash_mismatch_is_refused_and_logged_as_error(
        tmp_path: Path, server: FaultServer, caplog: pytest.LogCaptureFixture) -> None:
    server.fault(blob_url(b"hello"), body=b"HELLO")
    with caplog.at_level(logging.WARNING, logger="kiosk.sync"):
        assert_refused(*fail(engine(tmp_path, server.url)))
    assert [r.levelno for r in caplog.records if "does not match" in r.getMessage()] == [logging.ERROR]


@pytest.mark.expect_log("kiosk.sync")
def test_rollback_is_refused(tmp_path: Path, server: FaultServer) -> None:
    store = MemoryStore(tmp_path / "media")
    store.activate("demo", 5, "0" * 64)
    exc, state = fail(engine(tmp_path, server.url, store))
    assert_refused(exc, state)
    assert store.active[0].version == 5


@pytest.mark.expect_log("kiosk.sync")
def test_bad_signature_is_refused(tmp_path: Path, tree: Path, server: FaultServer) -> None:
    signing.generate_keypair(tmp_path / "good")
    signing.generate_keypair(tmp_path / "evil")
    write_tree(tree, "demo", 1, FILES, key=signing.load_private_key(tmp_path / "evil.key"))
    good = (tmp_path / "good.pub").read_text().strip()
    assert_refused(*fail(engine(tmp_path, server.url, trusted_keys=[good])))


@pytest.mark.expect_log("kiosk.sync")
def test_expired_channel_is_stale_not_offline(tmp_path: Path, tree: Path, server: FaultServer) -> None:
    write_tree(tree, "demo", 1, FILES, expires_at="2020-01-01T00:00:00Z")
    exc, state = fail(engine(tmp_path, server.url))
    assert_refused(exc, state, "stale")
    assert state.stale and state.as_status()["error_kind"] == "stale"


@pytest.mark.expect_log("kiosk.sync", "urllib3")  # urllib3 says "Retrying" first
def test_an_answer_after_an_outage_ends_offline(tmp_path: Path, tree: Path, server: FaultServer) -> None:
    """Offline, then the hub answers with something refused: reachable again, so not offline."""
    port = server.url.rsplit(":", 1)[1]
    down = engine(tmp_path, f"http://127.0.0.1:{free_port()}")
    assert_network(*fail(down))
    store = MemoryStore(tmp_path / "media")
    store.activate("demo", 5, "0" * 64)
    up = engine(tmp_path, f"http://127.0.0.1:{port}", store)
    exc, state = fail(up)
    assert_refused(exc, state)
    store.active.clear()  # the hub's version is new again: the sync succeeds
    up.sync_once()
    done = load_state(up.paths)
    assert done.error_kind is None and done.last_error is None and done.offline_since is None


def test_kind_comes_from_the_type_not_the_text() -> None:
    assert failure_kind(SyncNetworkError("no hub")) == "network"
    assert failure_kind(SyncInterrupted("stopped mid-body")) == "network"
    assert failure_kind(SyncStaleError("expired")) == "stale"
    assert failure_kind(SyncDiskFullError("full")) == "disk_full"
    # a plain SyncError is a refusal whatever its message says
    assert failure_kind(SyncError("https://hub/v1/x: HTTP 502 Bad Gateway")) == "refused"
    assert failure_kind(KioskError("anything else")) == "refused"
    assert failure_kind(ConnectionResetError()) == "network"
