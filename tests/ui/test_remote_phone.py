"""The guide's phone remote: a real headless Chromium drives the page against the running kiosk.

The kiosk is the real composition root (:func:`kiosk.app.build_app`, offscreen), its remote bound to
127.0.0.1 on a free port. The screen follows the phone and the phone follows the screen; refused
tokens, a second phone and the port's lifetime are checked against the real server. The kiosk runs in
this process under qtbot, so this file is in the ui tier (chromium and the remote's server are real).
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.app import KioskApp
from kiosk.remote.tokens import PAIRING_TTL_S, Pairing
from kiosk.ui.screens.tour import TourScreen
from tests.helpers.cdp import CHROMIUM, Browser
from tests.helpers.remote import SCRIPTS_PACK, TOUR, EventStream, make_kiosk, pair, remote_of, request

pytestmark = pytest.mark.slow
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")


@pytest.fixture
def kiosk(qtbot, tmp_path: Path) -> Iterator[KioskApp]:  # type: ignore[no-untyped-def]
    app = make_kiosk(tmp_path / "data")
    qtbot.waitExposed(app.window)
    yield app
    app.shutdown()
    QApplication.processEvents()


@pytest.fixture
def phone(tmp_path: Path) -> Iterator[Browser]:
    browser = Browser(tmp_path / "phone")
    yield browser
    browser.close()


def tour_screen(kiosk: KioskApp) -> TourScreen:
    screen = kiosk.window.screens["tour"]
    assert isinstance(screen, TourScreen)
    return screen


def open_remote(kiosk: KioskApp, qtbot) -> str:  # type: ignore[no-untyped-def]
    """Tap the bar's Remote button; the pairing URL in the QR code."""
    control = remote_of(kiosk)
    assert control.button.isVisible()
    QTest.mouseClick(control.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(control.panel.isVisible)
    url = control.panel.code.text
    assert url.startswith("http://127.0.0.1:") and "#p=" in url
    return url


def port_open(origin: str) -> bool:
    host, port = origin.removeprefix("http://").split(":")
    with socket.socket() as s:
        s.settimeout(2)
        return s.connect_ex((host, int(port))) == 0


def text(phone: Browser, element: str) -> str:
    return str(phone.eval(f"document.getElementById({element!r}).textContent"))


@needs_chromium
def test_phone_and_screen_follow_each_other(kiosk: KioskApp, phone: Browser, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, screen, control = kiosk.window, tour_screen(kiosk), remote_of(kiosk)
    tour = window.reader.tour(TOUR)
    assert tour is not None
    n = len(tour.stops)
    window.go("home")
    assert not control.button.isVisible() and not control.service.listening  # no port outside tours
    window.go(f"tour:{TOUR}")
    url = open_remote(kiosk, qtbot)
    origin = url.split("/#")[0]
    assert port_open(origin)

    phone.navigate(url)
    qtbot.waitUntil(lambda: not control.panel.isVisible())  # paired: the QR code leaves the screen
    qtbot.waitUntil(lambda: text(phone, "progress").startswith(f"Stop 1 of {n}"))
    assert phone.eval("location.href") == origin + "/"  # the token left the address bar and history
    assert text(phone, "notes") == tour.stops[0].notes["en"]
    assert text(phone, "meta").startswith(f"{tour.stops[0].minutes:g} min planned")

    # the phone steps: Next, a jump in the stop list, Previous; the screen follows each time
    phone.eval("document.getElementById('next').click()")
    qtbot.waitUntil(lambda: screen.index == 1)
    assert str(window.current_route) == f"tour:{TOUR}:2"
    qtbot.waitUntil(lambda: text(phone, "progress").startswith(f"Stop 2 of {n}"))
    phone.eval("document.querySelector('#stops button[data-stop=\"3\"]').click()")
    qtbot.waitUntil(lambda: screen.index == 3)
    assert screen.strip.label.text() == f"Stop 4 of {n}"
    phone.eval("document.getElementById('previous').click()")
    qtbot.waitUntil(lambda: screen.index == 2)
    qtbot.waitUntil(lambda: text(phone, "notes") == tour.stops[2].notes["en"])

    # a tap on the screen moves the phone
    QTest.mouseClick(screen.next_button, Qt.MouseButton.LeftButton)
    assert screen.index == 3
    qtbot.waitUntil(lambda: text(phone, "progress").startswith(f"Stop 4 of {n}"))
    assert phone.eval("document.querySelector('#stops button.current').dataset.stop") == "3"

    # the visitor's language on the screen is the phone's language
    window.set_language("da")
    qtbot.waitUntil(lambda: text(phone, "next").startswith("Næste"))
    assert text(phone, "notes") == tour.stops[3].notes["da"]
    assert phone.eval("document.documentElement.lang") == "da"

    # End tour on the phone (two taps): the kiosk goes home, the session ends, the port closes
    phone.eval("document.getElementById('end').click()")
    assert screen.running
    phone.eval("document.getElementById('end').click()")
    qtbot.waitUntil(lambda: window.current_route.prefix == "home")
    qtbot.waitUntil(lambda: not port_open(origin))
    assert not control.service.listening and not control.service.paired
    phone.wait("!document.getElementById('message').hidden")
    assert "the tour ended" in text(phone, "message")


@needs_chromium
def test_pairing_on_the_chooser_starts_a_tour_from_the_phone(kiosk: KioskApp, phone: Browser, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, screen = kiosk.window, tour_screen(kiosk)
    window.go("home")
    window.go("tour")
    phone.navigate(open_remote(kiosk, qtbot))
    button = f"document.querySelector('#tours button[data-tour=\"{TOUR}\"]')"
    qtbot.waitUntil(lambda: bool(phone.eval(f"!!{button}")))
    phone.eval(f"{button}.click()")
    qtbot.waitUntil(lambda: screen.running and screen.index == 0)
    qtbot.waitUntil(lambda: text(phone, "progress").startswith("Stop 1 of"))


@needs_chromium
def test_an_expired_code_is_refused_in_the_browser(kiosk: KioskApp, phone: Browser, qtbot) -> None:  # type: ignore[no-untyped-def]
    now = [1000.0]
    control = remote_of(kiosk)
    control.service.pairing = Pairing(clock=lambda: now[0])  # the kiosk's clock, moved by the test
    kiosk.window.go("home")
    kiosk.window.go(f"tour:{TOUR}")
    url = open_remote(kiosk, qtbot)
    now[0] += PAIRING_TTL_S + 1
    phone.navigate(url)
    phone.wait("!document.getElementById('message').hidden")
    assert "expired" in text(phone, "message")
    assert not control.service.paired and control.panel.isVisible()


def test_wrong_replayed_and_second_phone_are_refused(kiosk: KioskApp, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, control, screen = kiosk.window, remote_of(kiosk), tour_screen(kiosk)
    window.go("home")
    window.go(f"tour:{TOUR}")
    url = open_remote(kiosk, qtbot)
    origin, token = url.split("/#p=")

    status, cookie, body = pair(origin, token[:-2] + "xx")
    assert (status, cookie) == (403, "") and b"not valid" in body
    status, first, _ = pair(origin, token)
    assert status == 200 and first.startswith("tour_remote=")
    qtbot.waitUntil(lambda: not control.panel.isVisible())
    status, second, body = pair(origin, token)  # the same QR code, scanned again (a second phone)
    assert (status, second) == (403, "") and b"already used" in body

    stream = EventStream(origin, first)
    assert stream.status == 200
    name, state = stream.next_event()
    assert name == "state" and state["tour"]["id"] == TOUR
    # without the session, a phone reads nothing and commands nothing
    assert request(origin, "GET", "/api/events")[0] == 401
    assert request(origin, "GET", "/api/events", cookie="tour_remote=" + token)[0] == 401
    assert request(origin, "POST", "/api/command", {"action": "next"}, cookie="tour_remote=guess")[0] == 401
    assert request(origin, "POST", "/api/command", {"action": "next"}, cookie=first)[0] == 202
    qtbot.waitUntil(lambda: screen.index == 1)
    assert stream.next_event()[1]["index"] == 1

    # Remote on the screen again: no new code until the screen takes over
    QTest.mouseClick(control.button, Qt.MouseButton.LeftButton)
    assert control.panel.isVisible() and not control.panel.code.isVisible()
    assert control.panel.takeover_button.isVisible()
    QTest.mouseClick(control.panel.takeover_button, Qt.MouseButton.LeftButton)
    new_token = control.panel.code.text.split("#p=")[1]
    status, second, _ = pair(origin, new_token)
    assert status == 200
    assert "another phone" in stream.until("ended")["message"]  # the first phone is told and locked out
    stream.close()
    assert request(origin, "POST", "/api/command", {"action": "next"}, cookie=first)[0] == 401
    assert request(origin, "POST", "/api/command", {"action": "next"}, cookie=second)[0] == 202
    qtbot.waitUntil(lambda: screen.index == 2)


def test_only_the_page_and_its_endpoints(kiosk: KioskApp, qtbot) -> None:  # type: ignore[no-untyped-def]
    kiosk.window.go("home")
    kiosk.window.go(f"tour:{TOUR}")
    origin, token = open_remote(kiosk, qtbot).split("/#p=")
    status, headers, page = request(origin, "GET", "/")
    assert status == 200 and b"<script>" in page
    csp = headers["content-security-policy"]
    assert "default-src 'none'" in csp and "connect-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert headers["cache-control"] == "no-store" and headers["x-frame-options"] == "DENY"
    assert b"http://" not in page.replace(b"http://www.w3.org", b"")  # nothing loaded from elsewhere
    for path in ["/index.html", "/api", "/api/", "/content", "/../etc/passwd", "/?p=1", "/%2e%2e/", "/m/"]:
        assert request(origin, "GET", path)[0] == 404, path
    for method in ["PUT", "DELETE", "HEAD", "OPTIONS"]:
        assert request(origin, method, "/")[0] == 405, method
    assert request(origin, "GET", "/", host="evil.example:80")[0] == 421  # DNS rebinding
    _, cookie, _ = pair(origin, token)
    assert request(origin, "POST", "/api/command", b"action=next", cookie=cookie,
                   content_type="application/x-www-form-urlencoded")[0] == 415  # no cross-site forms
    status, _, body = request(origin, "POST", "/api/command", {"action": "goto", "stop": 99}, cookie=cookie)
    assert status == 409 and b"stops" in body
    status, _, body = request(origin, "POST", "/api/command", {"action": "reboot"}, cookie=cookie)
    assert status == 400 and b"'action'" in body


def test_failed_sign_ins_are_rate_limited(kiosk: KioskApp, qtbot) -> None:  # type: ignore[no-untyped-def]
    kiosk.window.go("home")
    kiosk.window.go("tour")
    origin = open_remote(kiosk, qtbot).split("/#p=")[0]
    statuses = [pair(origin, "x" * 43)[0] for _ in range(13)]
    assert statuses[:10] == [403] * 10 and statuses[10:] == [429] * 3
    status, headers, _ = request(origin, "GET", "/api/events", cookie="tour_remote=guess")
    assert status == 429 and int(headers["retry-after"]) >= 1


def test_the_port_closes_with_the_panel_the_tour_and_the_idle_reset(kiosk: KioskApp, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, control = kiosk.window, remote_of(kiosk)
    window.go("home")
    window.go("tour")
    origin = open_remote(kiosk, qtbot).split("/#p=")[0]
    assert port_open(origin)
    control.panel.close_panel()  # the QR code left the screen and no phone is paired
    assert not port_open(origin)

    window.go(f"tour:{TOUR}")
    origin, token = open_remote(kiosk, qtbot).split("/#p=")
    assert pair(origin, token)[0] == 200
    qtbot.waitUntil(lambda: not control.panel.isVisible())
    assert port_open(origin)  # a paired phone is following the tour
    window.go("home")  # the tour ended (Home)
    assert not port_open(origin) and not control.service.paired


def test_the_idle_reset_ends_the_session_and_closes_the_port(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    kiosk = make_kiosk(tmp_path / "data", idle_seconds=2)
    try:
        window, control = kiosk.window, remote_of(kiosk)
        qtbot.waitExposed(window)
        window.go("home")
        window.go("tour")  # paired on the chooser, then the delegation walks away
        origin, token = open_remote(kiosk, qtbot).split("/#p=")
        status, cookie, _ = pair(origin, token)
        assert status == 200
        qtbot.waitUntil(lambda: not control.panel.isVisible())
        stream = EventStream(origin, cookie)
        assert stream.next_event()[1]["mode"] == "chooser"
        with qtbot.waitSignal(window.idle.expired, timeout=10_000):
            pass
        assert window.current_route.prefix == "attract"
        stream.until("ended")
        stream.close()
        assert not port_open(origin) and not control.service.paired
    finally:
        kiosk.shutdown()
        QApplication.processEvents()


@needs_chromium
def test_arabic_tour_reads_right_to_left_on_the_phone(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    kiosk = make_kiosk(tmp_path / "data", pack=SCRIPTS_PACK)
    phone = Browser(tmp_path / "phone")
    try:
        window = kiosk.window
        qtbot.waitExposed(window)
        window.go("home")
        window.set_language("ar")
        window.go("tour:delegation")
        phone.navigate(open_remote(kiosk, qtbot))
        qtbot.waitUntil(lambda: text(phone, "notes") == "اسأل من سبح في الميناء.")
        assert phone.eval("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
        assert text(phone, "next") == "التالي ←"  # points the way Arabic reads (arrows never mirror)
        assert text(phone, "title") == "جولة الوفد"
        # right to left: Previous sits at the right edge, Next at the left
        assert phone.eval("document.getElementById('previous').getBoundingClientRect().left"
                          " > document.getElementById('next').getBoundingClientRect().left")
    finally:
        phone.close()
        kiosk.shutdown()
        QApplication.processEvents()
