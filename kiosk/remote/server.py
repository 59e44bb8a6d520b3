"""The remote's web server: the page, pairing, one event stream and commands. Nothing else.

Routes (any other path is 404, any other method 405; no files are served from disk):

* ``GET /`` the page (:mod:`kiosk.remote.page`), no secrets in it.
* ``POST /api/pair`` ``{"token": <pairing token>}`` sets the session cookie (HttpOnly, SameSite=Strict).
* ``GET /api/events`` server-sent events: ``state`` on every change, ``ended`` when the session ends.
* ``POST /api/command`` ``{"action": ...}`` (see :mod:`kiosk.remote.commands`), answered 202.

Every request is rate limited per client address; failed sign-ins have a tighter limit of their own
(per address and overall). Requests whose ``Host`` is not the kiosk's address are refused (DNS
rebinding). Standard library only: :class:`http.server.ThreadingHTTPServer`.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.cookies import CookieError, SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from kiosk.remote.commands import MAX_BODY, Command, CommandError, parse_command
from kiosk.remote.page import CSP, PAGE
from kiosk.remote.ratelimit import RateLimiter
from kiosk.remote.state import command_allowed
from kiosk.remote.tokens import Pairing, PairingError

log = logging.getLogger("kiosk.remote")

COOKIE = "tour_remote"
MAX_STREAMS = 3
KEEPALIVE_S = 15.0
POLL_S = 0.02
"""How often the accept loop looks for a stop request (closing the port blocks the caller up to this)."""
SOCKET_TIMEOUT_S = 20.0
NOT_PAIRED = "This phone is not paired (or its session ended). Tap Remote on the kiosk and scan its QR code."
SESSION_ENDED = ("This remote was disconnected: the tour ended or another phone took over. "
                 "Tap Remote on the kiosk to pair again.")


class StateHub:
    """The latest state document and a condition the event streams wait on."""

    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.state: dict[str, Any] | None = None
        self.version = 0

    def publish(self, state: dict[str, Any] | None) -> None:
        with self.cond:
            self.state = state
            self.version += 1
            self.cond.notify_all()

    def wake(self) -> None:
        with self.cond:
            self.cond.notify_all()


class RemoteServer:
    """Listens on ``host:port`` (port 0: a free one) until :meth:`stop`; commands go to ``on_command``
    on a server thread (the Qt adapter queues them to the UI thread)."""

    def __init__(self, host: str, port: int, pairing: Pairing, hub: StateHub,
                 on_command: Callable[[Command], None], on_paired: Callable[[], None] = lambda: None) -> None:
        self.pairing, self.hub, self.on_command, self.on_paired = pairing, hub, on_command, on_paired
        self.requests = RateLimiter(rate=10, burst=30)
        self.failures = RateLimiter(rate=0.2, burst=10)
        self.all_failures = RateLimiter(rate=1, burst=20)
        self.streams = 0
        self._streams_lock = threading.Lock()
        handler = type("Handler", (_Handler,), {"remote": self})
        self.httpd = ThreadingHTTPServer((host, port), handler)
        self.httpd.daemon_threads = True
        self.host = host
        self.port = int(self.httpd.server_address[1])
        shown = f"[{host}]" if ":" in host else host
        self.origin = f"http://{shown}:{self.port}"
        self.allowed_hosts = {f"{shown}:{self.port}".lower()}
        self.stopping = threading.Event()
        self._thread = threading.Thread(target=self.httpd.serve_forever, args=(POLL_S,), name="remote-http",
                                        daemon=True)

    def start(self) -> None:
        self._thread.start()
        log.info("remote listening on %s", self.origin)

    def stop(self) -> None:
        """Close the port: no new connections; open event streams end at once."""
        self.stopping.set()
        self.hub.wake()
        self.httpd.shutdown()  # within POLL_S: the UI thread waits at most that long
        self.httpd.server_close()
        self._thread.join(5)
        log.info("remote closed %s", self.origin)


class _Handler(BaseHTTPRequestHandler):
    remote: RemoteServer
    server_version = "kiosk-remote"
    sys_version = ""
    timeout = SOCKET_TIMEOUT_S

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s %s", self.client_address[0], format % args)

    # Routing -------------------------------------------------------------------------------------
    def do_GET(self) -> None:
        if not self._admit():
            return
        if self.path == "/":
            self._send(HTTPStatus.OK, PAGE, "text/html; charset=utf-8")
        elif self.path == "/api/events":
            self._events()
        else:
            self._error(HTTPStatus.NOT_FOUND, "No such page.")

    def do_POST(self) -> None:
        if not self._admit():
            return
        if self.path not in {"/api/pair", "/api/command"}:
            self._error(HTTPStatus.NOT_FOUND, "No such page.")
            return
        body = self._body()
        if body is None:
            return
        if self.path == "/api/pair":
            self._pair(body)
        else:
            self._command(body)

    def _other(self) -> None:
        self._error(HTTPStatus.METHOD_NOT_ALLOWED, "Method not allowed.", {"Allow": "GET, POST"})

    do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = do_TRACE = do_CONNECT = _other

    # Checks --------------------------------------------------------------------------------------
    def _admit(self) -> bool:
        ip = self.client_address[0]
        if not self.remote.requests.allow(ip):
            self._error(HTTPStatus.TOO_MANY_REQUESTS, "Too many requests; wait a moment.",
                        {"Retry-After": str(self.remote.requests.retry_after(ip))})
            return False
        if (self.headers.get("Host") or "").lower() not in self.remote.allowed_hosts:
            self._error(HTTPStatus.MISDIRECTED_REQUEST, "Wrong host name; use the address in the QR code.")
            return False
        return True

    def _body(self) -> bytes | None:
        if (self.headers.get("Content-Type") or "").split(";")[0].strip() != "application/json":
            self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "Send JSON (Content-Type: application/json).")
            return None
        try:
            length = int(self.headers.get("Content-Length") or "-1")
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_BODY:
            too_large = HTTPStatus.REQUEST_ENTITY_TOO_LARGE
            self._error(too_large if length > MAX_BODY else HTTPStatus.LENGTH_REQUIRED,
                        f"The body must be at most {MAX_BODY} bytes with a Content-Length.")
            return None
        return self.rfile.read(length)

    def _failed_sign_in(self) -> bool:
        """Count a failed pairing or session; True (and 429 sent) when the limit is reached."""
        ip = self.client_address[0]
        if self.remote.failures.allow(ip) and self.remote.all_failures.allow():
            return False
        self._error(HTTPStatus.TOO_MANY_REQUESTS, "Too many failed attempts; wait a minute.",
                    {"Retry-After": str(max(1, self.remote.failures.retry_after(ip)))})
        return True

    def _session(self) -> int | None:
        """The session's generation, or None (401 sent)."""
        raw = self.headers.get("Cookie") or ""
        try:
            morsel = SimpleCookie(raw).get(COOKIE)
        except CookieError:
            morsel = None
        generation = self.remote.pairing.check(morsel.value) if morsel is not None else None
        if generation is None and not self._failed_sign_in():
            self._error(HTTPStatus.UNAUTHORIZED, NOT_PAIRED)
        return generation

    # Endpoints -----------------------------------------------------------------------------------
    def _pair(self, body: bytes) -> None:
        try:
            token = json.loads(body.decode("utf-8")).get("token")
        except (UnicodeDecodeError, json.JSONDecodeError, AttributeError):
            token = None
        if not isinstance(token, str) or not 16 <= len(token) <= 128:
            if not self._failed_sign_in():
                self._error(HTTPStatus.BAD_REQUEST, "field 'token': expected the code from the QR code.")
            return
        try:
            session = self.remote.pairing.pair(token)
        except PairingError as exc:
            if not self._failed_sign_in():
                self._error(HTTPStatus.FORBIDDEN, str(exc), {"X-Refusal": exc.kind})
            return
        log.info("remote: a phone paired from %s", self.client_address[0])
        self.remote.hub.wake()  # an earlier phone's stream ends
        self.remote.on_paired()
        cookie = f"{COOKIE}={session}; Path=/api; HttpOnly; SameSite=Strict"
        self._send(HTTPStatus.OK, b'{"paired": true}', "application/json", {"Set-Cookie": cookie})

    def _command(self, body: bytes) -> None:
        if self._session() is None:
            return
        try:
            command = parse_command(body)
        except CommandError as exc:
            self._error(HTTPStatus.BAD_REQUEST, str(exc))
            return
        why = command_allowed(self.remote.hub.state, command.action, command.stop, command.tour)
        if why:
            self._error(HTTPStatus.CONFLICT, why)
            return
        self.remote.on_command(command)
        self._send(HTTPStatus.ACCEPTED, b'{"accepted": true}', "application/json")

    def _events(self) -> None:
        generation = self._session()
        if generation is None:
            return
        with self.remote._streams_lock:
            if self.remote.streams >= MAX_STREAMS:
                self._error(HTTPStatus.SERVICE_UNAVAILABLE, "Too many open remote pages; close one.")
                return
            self.remote.streams += 1
        try:
            self._stream(generation)
        except OSError:  # the phone went away (BrokenPipe, reset, timeout)
            pass
        finally:
            with self.remote._streams_lock:
                self.remote.streams -= 1

    def _stream(self, generation: int) -> None:
        self.send_response(HTTPStatus.OK)
        self._headers("text/event-stream")
        self.send_header("X-Accel-Buffering", "no")
        self.end_headers()
        self.wfile.write(b"retry: 2000\n\n")
        self.wfile.flush()
        hub, pairing, stopping = self.remote.hub, self.remote.pairing, self.remote.stopping
        seen = -1

        def changed() -> bool:
            return stopping.is_set() or hub.version != seen or pairing.generation != generation

        while True:
            with hub.cond:
                hub.cond.wait_for(changed, timeout=KEEPALIVE_S)
                version, state = hub.version, hub.state
            if pairing.generation != generation:
                self._event("ended", {"message": SESSION_ENDED})
                return
            if stopping.is_set():
                return
            if version != seen and state is not None:
                self._event("state", state)
            elif version == seen:
                self.wfile.write(b": keep-alive\n\n")
                self.wfile.flush()
            seen = version

    # Responses -----------------------------------------------------------------------------------
    def _event(self, name: str, doc: dict[str, Any]) -> None:
        data = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
        self.wfile.write(f"event: {name}\ndata: {data}\n\n".encode())
        self.wfile.flush()

    def _headers(self, content_type: str) -> None:
        self.send_header("Content-Type", content_type)
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")

    def _send(self, status: HTTPStatus, body: bytes, content_type: str,
              extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self._headers(content_type)
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: HTTPStatus, message: str, extra: dict[str, str] | None = None) -> None:
        body = json.dumps({"error": message}).encode()
        self._send(status, body, "application/json", extra)
