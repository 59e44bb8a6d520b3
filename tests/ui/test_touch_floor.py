"""Touch targets reach 9 mm on small screens: Theme.min_touch_px raises the touch tokens."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.app import build_app
from kiosk.config import Config
from kiosk.ui.accessibility import A11yState, apply_state
from kiosk.ui.theme import Theme, screen_dpi, touch_floor_px
from kiosk.ui.widgets.buttons import TouchButton
from tests.helpers.controls import touch_target_mm

ROOT = Path(__file__).resolve().parents[2]


def test_floor_from_the_diagonal_or_the_dpi() -> None:
    assert touch_floor_px(1920, 1080, 24) == 33
    assert touch_floor_px(1280, 800, 10.1) == 53
    assert touch_floor_px(1280, 800, 0, dpi=150) == 54
    assert touch_floor_px(1280, 800) == 0 and touch_floor_px(1280, 800, dpi=5) == 0


def test_tokens_follow_the_floor_and_keep_it() -> None:
    plain = Theme(1280, 800)
    small = plain.with_touch_floor(10.1)
    assert plain.touch == 44 and small.touch == 53
    assert small.button_height == max(plain.button_height, 53)
    assert Theme(1920, 1080).with_touch_floor(55).touch == Theme(1920, 1080).touch  # big screens: u wins
    assert apply_state(small, A11yState(text_scale=1.5)).touch == 53  # visitor choices keep it
    assert small.with_size(800, 1280).min_touch_px == 53


def test_no_display_no_dpi_floor() -> None:
    assert screen_dpi() == 0.0  # offscreen: Qt's physical size is made up
    assert Theme(1280, 800).with_touch_floor().min_touch_px == 0


def test_a_button_on_a_10_inch_kiosk_is_9_mm(qtbot: QtBot) -> None:
    button = TouchButton("OK")
    qtbot.addWidget(button)
    theme = Theme(1280, 800).with_touch_floor(10.1)
    button.apply(theme)
    assert touch_target_mm(button, 1280, 800, 10.1) >= 9.0


def test_build_app_uses_the_configured_diagonal(qtbot: QtBot, tmp_path: Path) -> None:
    cfg = Config()
    cfg.kiosk.data_dir = str(tmp_path / "data")
    cfg.kiosk.screen_diagonal_inches = 10.1
    cfg.data.enabled = False
    kiosk = build_app(cfg, pack_path=ROOT / "content", windowed=True, size="1280x800", animate=False)
    try:
        assert kiosk.window.theme.min_touch_px == 53 and kiosk.window.theme.touch == 53
    finally:
        kiosk.shutdown()
