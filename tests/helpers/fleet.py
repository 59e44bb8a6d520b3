"""Real ``kiosk hub serve`` and ``kiosk run`` processes for the fleet-command tests and benchmark."""

from __future__ import annotations

import contextlib
import os
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import requests

ROOT = Path(__file__).resolve().parent.parent.parent
ADMIN = "admin-token-0123456789abcdef"
FLEET = "fleet-token-0123456789abcdef"
T = TypeVar("T")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(PYTHONPATH=str(ROOT), **extra)
    return env


def wait_for(predicate: Callable[[], T], timeout: float, what: str,
             proc: subprocess.Popen[Any] | None = None) -> T:
    """Poll another process's state (HTTP, its files) until ``predicate`` is truthy; there is no signal
    to wait on across processes."""
    deadline = time.monotonic() + timeout
    while True:
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"{what}: the process exited with {proc.returncode}")
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


@dataclass
class Hub:
    url: str
    root: Path
    proc: subprocess.Popen[bytes]

    def send(self, target: str, kind: str, text: str = "", expires_in: int = 3600) -> dict[str, Any]:
        resp = requests.post(f"{self.url}/api/v1/commands", timeout=10,
                             headers={"Authorization": f"Bearer {ADMIN}"},
                             json={"target": target, "kind": kind, "text": text, "expires_in": expires_in})
        assert resp.status_code == 200, resp.text
        return dict(resp.json())

    def command(self, command_id: str) -> dict[str, Any]:
        resp = requests.get(f"{self.url}/api/v1/commands", params={"limit": 500}, timeout=10,
                            headers={"Authorization": f"Bearer {ADMIN}"})
        assert resp.status_code == 200, resp.text
        return next(c for c in resp.json()["commands"] if c["id"] == command_id)

    def outcome(self, command_id: str, kiosk_id: str, timeout: float = 60,
                final: tuple[str, ...] = ("ok", "failed", "refused", "expired")) -> dict[str, Any]:
        def done() -> dict[str, Any] | None:
            o = self.command(command_id)["outcomes"].get(kiosk_id)
            return o if o and o["status"] in final else None

        return wait_for(done, timeout, f"{kiosk_id} to answer {command_id}", self.proc)

    def kiosk(self, kiosk_id: str) -> dict[str, Any] | None:
        with contextlib.closing(sqlite3.connect(self.root / "hub.db")) as db:
            db.row_factory = sqlite3.Row
            try:
                row = db.execute("SELECT * FROM kiosks WHERE id = ?", [kiosk_id]).fetchone()
            except sqlite3.OperationalError:
                return None
        return dict(row) if row else None


@contextlib.contextmanager
def hub_process(root: Path, tmp: Path, *, sign_key: Path | None = None, port: int = 0,
                extra: list[str] | None = None) -> Iterator[Hub]:
    """``kiosk hub serve`` on 127.0.0.1 with an admin token, a fleet token and maybe a signing key."""
    (tmp / "admin.token").write_text(ADMIN)
    (tmp / "fleet.token").write_text(FLEET)
    port = port or free_port()
    args = [sys.executable, "-m", "kiosk", "hub", "serve", "--root", str(root), "--port", str(port),
            "--poll-seconds", "60", "--token-file", str(tmp / "admin.token"),
            "--fleet-token-file", str(tmp / "fleet.token"), *(extra or [])]
    if sign_key is not None:
        args += ["--sign-key", str(sign_key)]
    log = (tmp / f"hub-{port}.log").open("wb")
    proc = subprocess.Popen(args, cwd=ROOT, env=clean_env(), stdout=log, stderr=subprocess.STDOUT)
    hub = Hub(f"http://127.0.0.1:{port}", root, proc)

    def up() -> bool:
        try:
            return requests.get(f"{hub.url}/fleet", timeout=2).status_code == 200
        except requests.ConnectionError:
            return False

    try:
        wait_for(up, 60, "the hub to start", proc)
        yield hub
    finally:
        proc.terminate()
        proc.wait(30)
        log.close()


class CuttingProxy:
    """A TCP proxy to ``target_port`` that cuts every connection after ``cut_after`` seconds, as some
    proxies do to long requests. Threads; 127.0.0.1 only."""

    def __init__(self, target_port: int, cut_after: float = 2.0) -> None:
        import socketserver
        import threading

        outer = self
        self.cuts = 0

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                import select

                upstream = socket.create_connection(("127.0.0.1", target_port), timeout=5)
                deadline = time.monotonic() + cut_after
                try:
                    while (left := deadline - time.monotonic()) > 0:
                        ready, _, _ = select.select([self.request, upstream], [], [], left)
                        for src in ready:
                            data = src.recv(65536)
                            if not data:
                                return
                            (upstream if src is self.request else self.request).sendall(data)
                    outer.cuts += 1
                finally:
                    upstream.close()

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    def __enter__(self) -> CuttingProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@dataclass
class KioskProcess:
    """``kiosk run`` offscreen, windowed at 1280x800, reporting every 10 s, push on unless told."""

    kiosk_id: str
    tmp: Path
    hub_url: str
    trusted_keys: list[str] = field(default_factory=list)
    channel: str = "main"
    push: bool = True
    heartbeat_seconds: int = 10
    proc: subprocess.Popen[bytes] | None = None

    @property
    def data(self) -> Path:
        return self.tmp / self.kiosk_id

    @property
    def config(self) -> Path:
        return self.tmp / f"{self.kiosk_id}.toml"

    def write_config(self) -> None:
        keys = ", ".join(f'"{k}"' for k in self.trusted_keys)
        self.config.write_text(
            f'[kiosk]\nid = "{self.kiosk_id}"\ndata_dir = "{self.data}"\n[data]\nenabled = false\n'
            f'[sync]\nhub_url = "{self.hub_url}"\nchannel = "{self.channel}"\npoll_seconds = 600\n'
            f'heartbeat_seconds = {self.heartbeat_seconds}\npush = {str(self.push).lower()}\n'
            f'token = "{FLEET}"\ntrusted_keys = [{keys}]\n', encoding="utf-8")

    def start(self) -> subprocess.Popen[bytes]:
        self.write_config()
        log = (self.tmp / f"{self.kiosk_id}.log").open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "--config", str(self.config), "run", "--windowed",
             "--size", "1280x800"], stdout=log, stderr=subprocess.STDOUT, cwd=self.tmp,
            env=clean_env(QT_QPA_PLATFORM="offscreen"))
        log.close()
        return self.proc

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(30)

    def log(self) -> str:
        return (self.tmp / f"{self.kiosk_id}.log").read_text(encoding="utf-8", errors="replace")

    def cli(self, *args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "kiosk", "--config", str(self.config), *args],
                              capture_output=True, text=True, timeout=60, cwd=self.tmp, env=clean_env())
        assert done.returncode == 0, done.stderr
        return done.stdout
