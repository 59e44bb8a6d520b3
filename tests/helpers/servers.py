"""Local HTTP servers for sync tests: a misbehaving static server, a plain one, and the hub.

Every server binds 127.0.0.1 port 0 and runs in a daemon thread; stalls wait on an event that is
set when the server stops, so no test depends on a fixed sleep.
"""

from __future__ import annotations

import contextlib
import email.utils
import hashlib
import http.server
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Fault:
    statuses: list[int] = field(default_factory=list)
    """Answer the first requests with these statuses (then behave)."""
    retry_after: str | None = None
    stall_after: int | None = None
    """Send this many body bytes, then hang until the server stops."""
    truncate_after: int | None = None
    """Send this many body bytes, then close the connection."""
    drip_interval: float | None = None
    """Send the body one small piece per interval."""
    body: bytes | None = None
    content_type: str | None = None
    extra: bytes = b""
    """Bytes appended to the real body (Content-Length includes them)."""
    times: int = 1_000_000
    """Apply the body faults (stall/truncate/drip/body/extra) to this many requests only."""
    applied: int = 0


@dataclass
class Logged:
    path: str
    headers: dict[str, str]
    status: int
    sent: int
    at: float = field(default_factory=time.monotonic)
    """When the server answered (its own clock): what a client's waits look like from outside."""


class FaultServer:
    """Serves ``root`` like a static host (ETag, If-None-Match, Range + If-Range), with faults."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.faults: dict[str, Fault] = {}
        self.log: list[Logged] = []
        self.released = threading.Event()
        self._lock = threading.Lock()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                outer._handle(self)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)

    def __enter__(self) -> FaultServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.released.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(10)

    def fault(self, path: str, **kw: Any) -> Fault:
        self.faults[path] = Fault(**kw)
        return self.faults[path]

    def sent(self, prefix: str = "") -> int:
        with self._lock:
            return sum(e.sent for e in self.log if e.path.startswith(prefix))

    def hits(self, path: str) -> list[Logged]:
        with self._lock:
            return [e for e in self.log if e.path == path]

    def _record(self, h: http.server.BaseHTTPRequestHandler, status: int, sent: int) -> Logged:
        entry = Logged(h.path, dict(h.headers.items()), status, sent)
        with self._lock:
            self.log.append(entry)
        return entry

    def _handle(self, h: http.server.BaseHTTPRequestHandler) -> None:
        fault = self.faults.get(h.path)
        if fault and fault.statuses:
            status = fault.statuses.pop(0)
            h.send_response(status)
            if fault.retry_after is not None:
                h.send_header("Retry-After", fault.retry_after)
            h.send_header("Content-Length", "0")
            self._record(h, status, 0)
            h.end_headers()
            return
        file = (self.root / h.path.lstrip("/")).resolve()
        if not file.is_relative_to(self.root.resolve()) or not file.is_file():
            self._record(h, 404, 0)
            h.send_error(404)
            return
        data = file.read_bytes()
        etag = '"' + hashlib.sha256(data).hexdigest()[:32] + '"'
        active = fault if fault and fault.applied < fault.times else None
        if active:
            active.applied += 1
            data = (active.body if active.body is not None else data) + active.extra
        if h.headers.get("If-None-Match") == etag and not active:
            h.send_response(304)
            h.send_header("ETag", etag)
            self._record(h, 304, 0)
            h.end_headers()
            return
        status, start = 200, 0
        rng, if_range = h.headers.get("Range"), h.headers.get("If-Range")
        if rng and rng.startswith("bytes=") and rng.endswith("-") and (not if_range or if_range == etag):
            start = int(rng[6:-1])
            if start >= len(data):
                h.send_response(416)
                h.send_header("Content-Range", f"bytes */{len(data)}")
                h.send_header("Content-Length", "0")
                self._record(h, 416, 0)
                h.end_headers()
                return
            status = 206
        body = data[start:]
        h.send_response(status)
        ctype = (active.content_type if active and active.content_type else
                 "application/json" if file.suffix == ".json" else "application/octet-stream")
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", str(len(body)))
        h.send_header("ETag", etag)
        h.send_header("Last-Modified", email.utils.formatdate(file.stat().st_mtime, usegmt=True))
        h.send_header("Accept-Ranges", "bytes")
        if status == 206:
            h.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        entry = self._record(h, status, 0)
        h.end_headers()
        self._send_body(h, body, active, entry)

    def _send_body(self, h: http.server.BaseHTTPRequestHandler, body: bytes, fault: Fault | None,
                   entry: Logged) -> None:
        """Write the body (counting each piece before it is written, so counts never lag the client)."""

        def write(piece: bytes) -> None:
            entry.sent += len(piece)
            h.wfile.write(piece)
            h.wfile.flush()

        try:
            if fault and fault.stall_after is not None:
                write(body[: fault.stall_after])
                self.released.wait(30)
            elif fault and fault.truncate_after is not None:
                write(body[: fault.truncate_after])
            elif fault and fault.drip_interval is not None:
                for i in range(0, len(body), 16):
                    if self.released.wait(fault.drip_interval):
                        break
                    write(body[i : i + 16])
            else:
                write(body)
                return
        except (BrokenPipeError, ConnectionResetError):
            pass
        h.close_connection = True


class CountingStaticServer:
    """Python's plain static file server (no ETag, no Range), counting body bytes served."""

    def __init__(self, root: Path) -> None:
        self.bytes_sent = 0
        lock = threading.Lock()
        outer = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *a: Any, **kw: Any) -> None:
                super().__init__(*a, directory=str(root), **kw)

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def copyfile(self, source: Any, outputfile: Any) -> None:
                while chunk := source.read(1 << 16):
                    outputfile.write(chunk)
                    with lock:
                        outer.bytes_sent += len(chunk)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)

    def __enter__(self) -> CountingStaticServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(10)


@contextlib.contextmanager
def running_hub(settings: Any, timeout: float = 20.0) -> Iterator[str]:
    """Run the hub app with uvicorn in a thread on 127.0.0.1:0; yields its base URL."""
    import uvicorn

    from kiosk.hub.app import create_app

    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=0, log_level="warning",
                            lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the hub did not start")
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout)


def write_tree(root: Path, pack_id: str, version: int, files: dict[str, bytes], *, channel: str = "main",
               key: Any = None, expires_at: str | None = None) -> str:
    """Write a protocol v1 tree by hand (no loader needed); returns the manifest sha256."""
    from kiosk.content import signing
    from kiosk.content.manifest import encode_manifest, sha256_bytes
    from kiosk.content.model import FileEntry
    from kiosk.sync import protocol

    entries = []
    for name, data in files.items():
        sha = hashlib.sha256(data).hexdigest()
        blob = root / protocol.blob_path(sha)
        blob.parent.mkdir(parents=True, exist_ok=True)
        blob.write_bytes(data)
        entries.append(FileEntry(name, sha, len(data)))
    manifest = encode_manifest(pack_id, version, entries)
    mpath = root / protocol.manifest_path(pack_id, version)
    mpath.parent.mkdir(parents=True, exist_ok=True)
    mpath.write_bytes(manifest)
    entry = protocol.ChannelEntry(pack_id, version, protocol.relative_manifest_url(pack_id, version),
                                  sha256_bytes(manifest))
    doc = protocol.encode_channel(protocol.Channel(channel, protocol.now_iso(), expires_at, (entry,)))
    cpath = root / protocol.channel_path(channel)
    cpath.parent.mkdir(parents=True, exist_ok=True)
    cpath.write_bytes(doc)
    if key is not None:
        mpath.with_name(mpath.name + ".sig").write_bytes(signing.sign(manifest, key))
        cpath.with_name(cpath.name + ".sig").write_bytes(signing.sign(doc, key))
    return sha256_bytes(manifest)
