"""``kiosk.rotation`` turns the picture inside the app: on a 1920x1080 Xvfb (no RandR rotation, no
window manager) the kiosk lays out for 1080x1920 and draws it turned; taps land where they are drawn.

Checked from outside, as a person would see it: the X server's screenshot has the "Touch to explore"
pill where a turned portrait screen has it, and five taps on the physical spot of the window's top-left
corner open the admin entry (taps on the physical top-left corner do not).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.helpers.xsession import XSession, missing_tools, wait_for

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(bool(missing_tools()), reason=f"needs {', '.join(missing_tools())}"),
]

W, H = 1920, 1080


def on_screen(degrees: int, x: float, y: float) -> tuple[int, int]:
    """Where the logical (portrait) point (x, y) is drawn on the W x H screen turned clockwise."""
    if degrees == 90:
        return round(W - 1 - y), round(x)
    return round(y), round(H - 1 - x)  # 270


@pytest.fixture(params=[90, 270], ids=["rotation90", "rotation270"])
def session(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[XSession, int]]:
    config = tmp_path / "kiosk.toml"
    config.write_text(f"[kiosk]\nrotation = {request.param}\n", encoding="utf-8")
    xs = XSession(tmp_path, W, H)
    try:
        xs.start_kiosk(config=config)
        yield xs, request.param
    finally:
        xs.close()


def test_the_picture_is_portrait_and_taps_land_where_drawn(session: tuple[XSession, int]) -> None:
    xs, degrees = session
    wait_for(lambda: "attract painted (1080x1920" in xs.log(), 20, "a portrait attract frame")
    assert xs.geometry() == (0, 0, W, H)  # the top-level still fills the physical screen
    # DESIGN.md tokens for a 1080x1920 screen: u = 10.8, margin 5u, pill 8u tall, centred at the bottom
    u = 10.8
    pill_top = 1920 - 5 * u - 8 * u
    shot = QImage(str(xs.screenshot(xs.workdir / f"attract-{degrees}.png")))
    assert (shot.width(), shot.height()) == (W, H)
    in_pill = shot.pixelColor(*on_screen(degrees, 540, pill_top + 6)).lightness()
    beside = shot.pixelColor(*on_screen(degrees, 60, pill_top + 4 * u)).lightness()
    assert in_pill > 200 and beside < 120, (in_pill, beside)

    xs.run("xdotool", "mousemove", "3", "3", "click", "--repeat", "5", "--delay", "150", "1")  # not it
    corner = on_screen(degrees, 3, 3)
    xs.run("xdotool", "mousemove", str(corner[0]), str(corner[1]), "click", "--repeat", "5", "--delay",
           "150", "1")
    wait_for(lambda: "admin entry gesture" in xs.log(), 5, "the admin entry from the turned corner")
    assert xs.log().count("admin entry gesture") == 1
