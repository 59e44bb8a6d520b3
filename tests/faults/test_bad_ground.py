"""Row 6: every command answers bad ground with a message - a damaged store, a read-only disk,
garbage headers - and never a traceback (``-v`` shows it). Real ``kiosk`` processes throughout."""

from __future__ import annotations

import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.faults.common import ROOT, kiosk, publish, status, write_config
from tests.helpers.servers import FaultServer

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "packs" / "valid"


def damage(data: Path) -> None:
    data.mkdir(parents=True, exist_ok=True)
    (data / "kiosk.db").write_bytes(b"this is not an SQLite database " * 700)


@pytest.mark.slow
@pytest.mark.parametrize("command", [
    ["status"],
    ["pack", "install", str(FIXTURE)],
    ["admin", "info"],
    ["data", "show", "district-heat-sample"],
    ["screenshot", "--screen", "home", "--size", "800x600", "--out", "{tmp}/shot.png"],
    ["sync", "--once"],
])
def test_damaged_store_is_set_aside_the_same_way_by_every_command(tmp_path: Path, command: list[str]) -> None:
    tree = tmp_path / "tree"
    publish(tmp_path, tree, 1, {"media/a.txt": b"hello"})
    data = tmp_path / "data"
    damage(data)
    with FaultServer(tree) as srv:
        cfg = write_config(tmp_path / "kiosk.toml", data, srv.url)
        done = kiosk("--config", str(cfg), *(c.replace("{tmp}", str(tmp_path)) for c in command))
    assert done.returncode == 0, done.stderr
    assert "failed quick_check" in done.stderr and "set aside as kiosk.db.corrupt-" in done.stderr
    assert "Traceback" not in done.stderr
    assert len(list(data.glob("kiosk.db.corrupt-*"))) == 1  # kept for inspection, never deleted
    events = status(cfg)["health"]
    assert "corrupt_store" in str(events)


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Path]:
    """``tmp_path/ro``: a folder with a pack and a kiosk data dir, bind-mounted read-only."""
    ro = tmp_path / "ro"
    ro.mkdir()
    shutil.copytree(FIXTURE, ro / "pack")
    (ro / "data").mkdir()
    (ro / "kiosk.toml").write_text('[kiosk]\nid = "ro"\n')
    done = subprocess.run(["mount", "-o", "bind", str(ro), str(ro)], capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot bind-mount here ({done.stderr.strip()}); needs root or CAP_SYS_ADMIN")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(ro)], check=True)
        yield ro
    finally:
        subprocess.run(["umount", "-l", str(ro)], check=False)


@pytest.mark.slow
@pytest.mark.parametrize(("command", "says"), [
    (["pack", "build", "{ro}/pack", "-o", "{ro}/out.zip"], "read-only"),
    (["pack", "publish", "{tmp}/p.zip", "--to", "{ro}/tree", "--channel", "main"], "read-only"),
    (["pack", "keygen", "{ro}/newkey"], "read-only"),
    (["--data-dir", "{ro}/data", "status"], "not writable"),
    (["--data-dir", "{ro}/data", "pack", "install", "{tmp}/p.zip"], "not writable"),
    (["hub", "serve", "--root", "{ro}/hub", "--port", "0"], "read-only"),
    (["--config", "{ro}/kiosk.toml", "admin", "set-pin", "--pin-stdin"], "read-only"),
])
def test_read_only_disk_gets_a_message(tmp_path: Path, read_only: Path, command: list[str],
                                      says: str) -> None:
    from kiosk.content.build import build_zip

    build_zip(FIXTURE, tmp_path / "p.zip")
    args = [c.replace("{ro}", str(read_only)).replace("{tmp}", str(tmp_path)) for c in command]
    done = _kiosk_stdin(args, "2468\n")
    assert done.returncode in (1, 2), done.stderr
    assert says in done.stderr
    assert "Traceback" not in done.stderr
    verbose = _kiosk_stdin(["-v", *args], "2468\n")
    assert "Traceback" in verbose.stderr  # -v shows it


def _kiosk_stdin(args: list[str], stdin: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    return subprocess.run([sys.executable, "-m", "kiosk", *args], input=stdin, cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


class GarbageHeaders:
    """Serves ``root`` but answers ``paths`` (or all, when empty) with ``Content-Length: abc``."""

    def __init__(self, root: Path, prefix: str) -> None:
        outer = self
        self.prefix = prefix
        self.hits = 0

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                file = root / self.path.lstrip("/")
                if not file.is_file():
                    self.send_error(404)
                    return
                body = file.read_bytes()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                if self.path.startswith(outer.prefix):
                    outer.hits += 1
                    self.send_header("Content-Length", "abc")
                else:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)

    def __enter__(self) -> GarbageHeaders:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.mark.parametrize("prefix", ["/v1/channels/", "/v1/blobs/"])
def test_garbage_content_length_is_a_recorded_sync_error(tmp_path: Path, prefix: str) -> None:
    tree = tmp_path / "tree"
    publish(tmp_path, tree, 1, {"media/a.txt": b"hello"})
    with GarbageHeaders(tree, prefix) as srv:
        cfg = write_config(tmp_path / "kiosk.toml", tmp_path / "data", srv.url)
        done = kiosk("--config", str(cfg), "sync", "--once")
    assert srv.hits >= 1
    assert done.returncode == 1
    assert "Content-Length" in done.stderr and "Traceback" not in done.stderr
    sync = status(cfg)["sync"]
    assert sync["state"] == "error" and "Content-Length" in sync["last_error"]
    assert status(cfg)["packs"] == []
