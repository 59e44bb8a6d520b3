"""Row 4: disk space is planned, and a full disk is reported as such with the old content kept.

Runs on a real 20 MB tmpfs (skipped with the reason when mounting is not allowed), with real
``kiosk sync --once`` processes against a real local HTTP server."""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.content.manifest import sha256_bytes
from tests.faults.common import ROOT, kiosk, publish, status, write_config
from tests.helpers.servers import FaultServer

MB = 1 << 20


@pytest.fixture
def small_fs(tmp_path: Path) -> Iterator[Path]:
    mnt = tmp_path / "small"
    mnt.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=20m", "tmpfs", str(mnt)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a 20 MB tmpfs here ({done.stderr.strip()}); needs root or CAP_SYS_ADMIN")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def fill(directory: Path) -> Path:
    """Write zeros until the file system is full; returns the filler file."""
    filler = directory / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    try:
        for size in (MB, 4096, 1):
            block = b"\0" * size
            while True:
                try:
                    os.write(fd, block)
                except OSError as exc:
                    assert exc.errno == errno.ENOSPC
                    break
    finally:
        os.close(fd)
    return filler


def active(cfg: Path) -> list[tuple[str, int]]:
    return [(p["id"], p["version"]) for p in status(cfg)["packs"]]


def test_update_needs_about_1x_its_size_and_too_big_is_refused_before_download(
        tmp_path: Path, small_fs: Path) -> None:
    tree = tmp_path / "tree"
    publish(tmp_path, tree, 1, {"media/a.txt": os.urandom(MB)})
    with FaultServer(tree) as srv:
        cfg = write_config(tmp_path / "kiosk.toml", small_fs / "data", srv.url)
        assert kiosk("--config", str(cfg), "sync", "--once").returncode == 0
        # 12 MB of new media on a 20 MB disk: copying blobs into media (2x) could not fit.
        big = {f"media/b{i}.txt": os.urandom(3 * MB) for i in range(4)}
        publish(tmp_path, tree, 2, {"media/a.txt": os.urandom(MB), **big})
        done = kiosk("--config", str(cfg), "sync", "--once")
        assert done.returncode == 0, done.stderr
        assert active(cfg) == [("demo", 2)]
        media = small_fs / "data" / "media"
        for data in big.values():
            blob = media / sha256_bytes(data)[:2] / sha256_bytes(data)
            assert blob.stat().st_size == len(data)
        assert list((small_fs / "data" / "sync" / "blobs").iterdir()) == []

        # Too big for what is left: refused before a single blob is requested.
        before = len(srv.log)
        publish(tmp_path, tree, 3, {f"media/c{i}.txt": os.urandom(3 * MB) for i in range(4)})
        refused = kiosk("--config", str(cfg), "sync", "--once")
        assert refused.returncode == 1
        assert "disk full" in refused.stderr and "Traceback" not in refused.stderr
        assert not [e for e in srv.log[before:] if e.path.startswith("/v1/blobs/")]
        doc = status(cfg)
        assert doc["sync"]["state"] == "disk full" and doc["sync"]["error_kind"] == "disk_full"
        assert doc["sync"]["offline_since"] is None  # not "Offline" to visitors
        assert active(cfg) == [("demo", 2)]
        text = kiosk("--config", str(cfg), "status")
        assert "sync: disk full" in text.stdout


def test_disk_filling_up_mid_download_deletes_partials_and_keeps_content(
        tmp_path: Path, small_fs: Path) -> None:
    tree = tmp_path / "tree"
    publish(tmp_path, tree, 1, {"media/a.txt": os.urandom(MB)})
    with FaultServer(tree) as srv:
        cfg = write_config(tmp_path / "kiosk.toml", small_fs / "data", srv.url, read_timeout=2.0)
        assert kiosk("--config", str(cfg), "sync", "--once").returncode == 0
        blob = os.urandom(3 * MB)
        publish(tmp_path, tree, 2, {"media/a.txt": os.urandom(MB), "media/big.txt": blob})
        srv.fault(f"/v1/blobs/{sha256_bytes(blob)}", stall_after=512 * 1024, times=1)
        env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
        proc = subprocess.Popen([sys.executable, "-m", "kiosk", "--config", str(cfg), "sync", "--once"],
                                cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        part = small_fs / "data" / "sync" / "blobs" / f"{sha256_bytes(blob)}.part"
        deadline = time.monotonic() + 60
        while not (part.is_file() and part.stat().st_size >= 512 * 1024):
            assert proc.poll() is None and time.monotonic() < deadline, "the download never started"
            time.sleep(0.02)
        filler = fill(small_fs)  # somebody else fills the disk while the kiosk downloads
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 1, out + err
        assert "disk full" in err and "Traceback" not in err
        assert list(part.parent.glob("*.part*")) == []
        assert list((small_fs / "data" / "staging").glob("store-media-*")) == []
        doc = status(cfg)
        assert doc["sync"]["state"] == "disk full"
        assert active(cfg) == [("demo", 1)]
        filler.unlink()
        again = kiosk("--config", str(cfg), "sync", "--once")
        assert again.returncode == 0, again.stderr
        assert active(cfg) == [("demo", 2)]
        assert status(cfg)["sync"]["state"] == "ok"


@pytest.mark.expect_log("kiosk.admin.pin")
def test_pin_lockout_that_cannot_be_written_fails_closed(small_fs: Path) -> None:
    from kiosk.admin.pin import PinGuard, hash_pin

    guard = PinGuard(hash_pin("2468", n=1024), small_fs / "admin-lockout.json")
    assert guard.attempt("2468").ok
    filler = fill(small_fs)
    try:
        wrong = guard.attempt("1111")
        assert not wrong.ok
        right = guard.attempt("2468")
        assert not right.ok and right.locked_for > 0, "no PIN is accepted while failures cannot be saved"
    finally:
        with contextlib.suppress(FileNotFoundError):
            filler.unlink()
    fresh = PinGuard(guard.pin_hash, guard.state_file)
    assert fresh.attempt("2468").ok


@pytest.mark.slow
def test_kiosk_run_on_a_completely_full_disk_keeps_the_store(tmp_path: Path, small_fs: Path) -> None:
    """A disk filled to the last byte by someone else: a clear message, and the store is *not* set
    aside as corrupt (a failed check on a full disk says nothing about the file)."""
    data = small_fs / "data"
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "packs" / "valid"
    assert kiosk("--data-dir", str(data), "pack", "install", str(fixture)).returncode == 0
    filler = fill(small_fs)
    env = {"KIOSK_DATA_ENABLED": "false"}
    run = kiosk("--data-dir", str(data), "run", "--windowed", "--size", "800x600", env=env, timeout=60)
    filler.unlink()
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
    assert "disk" in run.stderr
    assert not list(data.glob("kiosk.db.corrupt-*")), "a full disk must not get the store thrown away"
    assert list(data.glob("*.tmp")) == []
    done = kiosk("--data-dir", str(data), "status", "--json")
    assert done.returncode == 0 and '"demo-lab"' in done.stdout
