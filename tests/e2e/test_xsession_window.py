"""The window is the screen, in a real X11 session with no window manager (as kiosk-xinitrc runs it).

The kiosk runs as a subprocess under Xvfb; ``xdotool`` taps and resizes, ``xwininfo`` reads what the
X server has. Offscreen renders cannot show window growth; this can.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.xsession import XSession, missing_tools, wait_for

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(bool(missing_tools()), reason=f"needs {', '.join(missing_tools())}"),
]


def settled(session: XSession, route: str, count: int = 1) -> bool:
    return len(re.findall(rf"settled {re.escape(route)} in", session.log())) >= count


@pytest.fixture(params=[(1080, 1920), (1920, 1080)], ids=["portrait", "landscape"])
def session(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[XSession]:
    width, height = request.param
    xs = XSession(tmp_path, width, height)
    try:
        xs.start_kiosk()
        yield xs
    finally:
        xs.close()


def test_window_keeps_the_screen_geometry_through_home(session: XSession) -> None:
    assert session.full_screen(), session.geometry()
    session.tap(session.width // 2, session.height // 2)
    wait_for(lambda: settled(session, "home"), 10, "home after a tap on attract")
    session.screenshot(session.workdir / "home.png")  # a round trip through the X server
    assert session.geometry() == (0, 0, session.width, session.height)
    assert "restoring" not in session.log()  # the kiosk never had to fight its own layout


def test_external_resize_and_move_are_undone_within_a_second(session: XSession) -> None:
    session.run("xdotool", "windowsize", session.wid, "640", "480")
    wait_for(session.full_screen, 1.0, "full screen again after an external resize")
    session.run("xdotool", "windowmove", session.wid, "200", "150")
    wait_for(session.full_screen, 1.0, "full screen again after an external move")
    assert "restoring" in session.log()


def test_the_stacking_helper_reads_bottom_to_top(tmp_path: Path) -> None:
    """The window a client maps last is on top; ``stacking`` must say so, or ``above`` tests nothing."""
    xs = XSession(tmp_path, 800, 600)
    windows = []
    try:
        for name in ("first", "second"):
            windows.append(subprocess.Popen(["xmessage", "-name", name, name], env=xs.env,
                                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            wait_for(lambda n=name: xs.run("xdotool", "search", "--onlyvisible", "--name", n, check=False),
                     5, f"{name} mapped")
        first, second = (xs.run("xdotool", "search", "--onlyvisible", "--name", n).split()[0]
                         for n in ("first", "second"))
        order = [int(w, 16) for w in xs.stacking()]
        assert order.index(int(first)) < order.index(int(second)), order
    finally:
        for w in windows:
            w.terminate()
            w.wait(5)
        xs.close()


def test_comes_back_on_top_of_a_foreign_window(session: XSession) -> None:
    other = subprocess.Popen(
        ["xmessage", "-geometry", "400x200+0+0", "a foreign window"],
        env=session.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        found = wait_for(lambda: session.run("xdotool", "search", "--onlyvisible", "--class", "xmessage",
                                             check=False).split(), 5, "the foreign window mapped")
        assert isinstance(found, list)
        wait_for(lambda: session.above(found[0]), 1.0, "the kiosk on top again")
    finally:
        other.terminate()
        other.wait(5)


def test_five_quick_corner_taps_open_the_admin_entry(session: XSession) -> None:
    """Taps 0.15 s apart, as a person taps: X delivers every second one as a double-click."""
    session.run("xdotool", "mousemove", "3", "3", "click", "--repeat", "5", "--delay", "150", "1")
    wait_for(lambda: "admin entry gesture" in session.log(), 5, "the admin entry after five quick taps")
