"""The admin panel in a real kiosk (build_app over a real store): corner taps, PIN keypad, actions."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.admin import RESTART_EXIT_CODE
from kiosk.admin.pin import PinGuard, hash_pin
from kiosk.app import KioskApp, build_app
from kiosk.config import Config
from kiosk.paths import DataPaths
from kiosk.store import Store
from kiosk.store.lock import WriterLock
from kiosk.ui.admin.controller import AdminController
from tests.bench.gen_pack import make_pack

PIN = "2468"


def make_config(tmp_path: Path, pin: str | None = PIN) -> Config:
    cfg = Config()
    cfg.kiosk.data_dir = str(tmp_path / "data")
    cfg.data.enabled = False
    cfg.admin.pin_hash = hash_pin(pin, n=1024) if pin else ""
    return cfg


@pytest.fixture
def kiosk(tmp_path: Path, qtbot: QtBot) -> Iterator[KioskApp]:
    cfg = make_config(tmp_path)
    with Store.open(DataPaths(Path(cfg.kiosk.data_dir))) as store:  # two versions: rollback has a target
        store.install_loaded(*make_pack(2, version=1))
        store.install_loaded(*make_pack(3, version=2))
    app = build_app(cfg, windowed=False, size="1280x800", animate=False)
    app.window.show()
    qtbot.waitExposed(app.window)
    yield app
    app.shutdown()


def admin(kiosk: KioskApp) -> AdminController:
    (found,) = [s for s in kiosk.services if isinstance(s, AdminController)]
    quits: list[int] = []
    found.quit_app = quits.append
    found.quits = quits  # type: ignore[attr-defined]
    return found


def tap_corner(qtbot: QtBot, window: QWidget, times: int = 5) -> None:
    """Tap the widget that really lies under the top-left corner (the event reaches it unchanged)."""
    target = window.childAt(QPoint(4, 4)) or window
    pos = target.mapFrom(window, QPoint(4, 4))
    for _ in range(times):
        qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=pos)


def enter_pin(qtbot: QtBot, ctl: AdminController, pin: str) -> None:
    for digit in pin:
        qtbot.mouseClick(ctl.overlay.keypad.keys[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(ctl.overlay.keypad.keys["OK"], Qt.MouseButton.LeftButton)


def log_in(qtbot: QtBot, kiosk: KioskApp) -> AdminController:
    ctl = admin(kiosk)
    tap_corner(qtbot, kiosk.window)
    enter_pin(qtbot, ctl, PIN)
    qtbot.waitUntil(lambda: ctl.overlay.page == "panel")
    return ctl


def click(qtbot: QtBot, ctl: AdminController, key: str) -> None:
    qtbot.mouseClick(ctl.overlay.panel.buttons[key], Qt.MouseButton.LeftButton)


def test_five_corner_taps_open_the_keypad_and_the_pin_opens_the_panel(qtbot: QtBot, kiosk: KioskApp) -> None:
    ctl = admin(kiosk)
    tap_corner(qtbot, kiosk.window, 4)
    assert not ctl.is_open
    tap_corner(qtbot, kiosk.window, 1)
    assert ctl.is_open and ctl.overlay.page == "keypad"
    enter_pin(qtbot, ctl, PIN)
    qtbot.waitUntil(lambda: ctl.overlay.page == "panel")
    assert "demo v2" in ctl.overlay.panel.rows["Content"].text()
    assert all(b.height() >= kiosk.window.theme.touch for b in ctl.overlay.panel.buttons.values())


def test_quick_taps_arriving_as_double_clicks_open_it(qtbot: QtBot, kiosk: KioskApp) -> None:
    """Five taps 0.15 s apart: Qt delivers every second one as a double-click, not a press."""
    ctl = admin(kiosk)
    now = [100.0]
    ctl.gesture.clock = lambda: now[0]
    target = kiosk.window.navbar if kiosk.window.current_route.prefix != "attract" else kiosk.window.attract
    pos = QPointF(2, 2)
    for i in range(5):
        kind = QEvent.Type.MouseButtonDblClick if i % 2 else QEvent.Type.MouseButtonPress
        glob = QPointF(kiosk.window.mapToGlobal(QPoint(2, 2)))
        press = QMouseEvent(kind, pos, glob, Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
        press.setTimestamp(1000 + 150 * i)
        QApplication.sendEvent(target, press)
        release = QMouseEvent(QEvent.Type.MouseButtonRelease, pos, glob, Qt.MouseButton.LeftButton,
                              Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
        release.setTimestamp(1000 + 150 * i + 60)
        QApplication.sendEvent(target, release)
        now[0] += 0.15
    assert ctl.is_open


def test_slow_taps_or_taps_elsewhere_do_not_open(qtbot: QtBot, kiosk: KioskApp) -> None:
    ctl = admin(kiosk)
    now = [0.0]
    ctl.gesture.clock = lambda: now[0]
    for _ in range(5):
        tap_corner(qtbot, kiosk.window, 1)
        now[0] += 1.0  # five taps over 4 s
    assert not ctl.is_open
    now[0] += 10
    tap_corner(qtbot, kiosk.window, 3)
    qtbot.mouseClick(kiosk.window, Qt.MouseButton.LeftButton, pos=QPoint(600, 400))
    tap_corner(qtbot, kiosk.window, 2)
    assert not ctl.is_open


def test_the_corner_watch_does_not_swallow_taps(qtbot: QtBot, kiosk: KioskApp) -> None:
    admin(kiosk)
    kiosk.window.go("home")
    kiosk.window.go("case:case-0001")
    qtbot.mouseClick(kiosk.window.navbar.back, Qt.MouseButton.LeftButton)
    assert kiosk.window.current_route.prefix == "home"


@pytest.mark.expect_log("kiosk.admin.pin")
def test_wrong_pins_do_not_open_and_lock_out_across_a_restart(
    qtbot: QtBot, kiosk: KioskApp, tmp_path: Path
) -> None:
    ctl = admin(kiosk)
    tap_corner(qtbot, kiosk.window)
    kp = ctl.overlay.keypad
    for _ in range(2):
        enter_pin(qtbot, ctl, "1111")
        qtbot.waitUntil(lambda: kp.message.text() == "Wrong PIN." and kp.keys["1"].isEnabled())
    enter_pin(qtbot, ctl, "1111")
    qtbot.waitUntil(lambda: "Try again in" in kp.message.text())
    assert ctl.overlay.page == "keypad" and not kp.keys["1"].isEnabled()
    restarted = PinGuard.for_data_dir(kiosk.cfg.admin.pin_hash, Path(kiosk.cfg.kiosk.data_dir))
    assert restarted.failures == 3 and restarted.locked_for() > 25
    qtbot.mouseClick(kp.cancel, Qt.MouseButton.LeftButton)
    assert not ctl.is_open


def test_rollback_switches_the_content(qtbot: QtBot, kiosk: KioskApp) -> None:
    assert kiosk.window.reader.meta.version == 2
    ctl = log_in(qtbot, kiosk)
    with qtbot.waitSignal(ctl.message_shown, check_params_cb=lambda text: "from version 2 to 1" in text):
        click(qtbot, ctl, "rollback")
    assert kiosk.store is not None and [p.version for p in kiosk.store.active_packs()] == [1]
    with qtbot.waitSignal(ctl.closed):
        qtbot.mouseClick(ctl.overlay.panel.close_button, Qt.MouseButton.LeftButton)
    assert kiosk.window.reader.meta.version == 1
    assert kiosk.window.current_route.prefix == "attract"


def test_rollback_during_an_install_does_not_block_the_ui(qtbot: QtBot, kiosk: KioskApp) -> None:
    """An install holds the store's writer lock for its whole media copy; a Rollback tap meanwhile must
    leave the event loop running (timers fire, the watchdog keeps pinging) and finish afterwards."""
    ctl = log_in(qtbot, kiosk)
    held, release = threading.Event(), threading.Event()

    def install_in_progress() -> None:  # the same lock Store.install takes, from another thread
        with WriterLock(DataPaths(Path(kiosk.cfg.kiosk.data_dir)).root / "store.lock"):
            held.set()
            release.wait(60)

    holder = threading.Thread(target=install_in_progress)
    holder.start()
    try:
        assert held.wait(10)
        ticks: list[int] = []
        timer = QTimer()
        timer.timeout.connect(lambda: ticks.append(1))
        timer.start(10)
        click(qtbot, ctl, "rollback")
        assert "Rolling back" in ctl.overlay.panel.message.text()
        qtbot.waitUntil(lambda: len(ticks) >= 10, timeout=10_000)  # the UI thread is not waiting on the lock
        timer.stop()
        assert holder.is_alive() and kiosk.store is not None
        assert [p.version for p in kiosk.store.active_packs()] == [2]
        with qtbot.waitSignal(ctl.message_shown, timeout=20_000,
                              check_params_cb=lambda text: "from version 2 to 1" in text):
            release.set()
    finally:
        release.set()
        holder.join(10)
    assert [p.version for p in kiosk.store.active_packs()] == [1]


def test_exit_closes_the_window_only_through_the_panel(qtbot: QtBot, kiosk: KioskApp) -> None:
    kiosk.window.close()
    assert kiosk.window.isVisible()  # kiosk mode refuses
    ctl = log_in(qtbot, kiosk)
    click(qtbot, ctl, "exit")
    assert kiosk.window.isVisible() and "again" in ctl.overlay.panel.buttons["exit"].text()
    click(qtbot, ctl, "exit")
    assert not kiosk.window.isVisible()
    assert ctl.quits == [0]  # type: ignore[attr-defined]


def test_restart_quits_with_the_restart_code(qtbot: QtBot, kiosk: KioskApp) -> None:
    ctl = log_in(qtbot, kiosk)
    click(qtbot, ctl, "restart")
    click(qtbot, ctl, "restart")
    assert ctl.quits == [RESTART_EXIT_CODE]  # type: ignore[attr-defined]


def test_sync_without_a_hub_says_so(qtbot: QtBot, kiosk: KioskApp) -> None:
    ctl = log_in(qtbot, kiosk)
    click(qtbot, ctl, "sync")
    assert "Sync not configured" in ctl.overlay.panel.message.text()


def test_rotation_is_saved_in_the_config_file(qtbot: QtBot, kiosk: KioskApp, tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text('[kiosk]\nid = "lab"\n')
    kiosk.cfg.source = str(config)
    ctl = log_in(qtbot, kiosk)
    click(qtbot, ctl, "rotate:90")
    assert "restart" in ctl.overlay.panel.message.text()
    assert config.read_text() == '[kiosk]\nid = "lab"\nrotation = 90\n'
    assert ctl.overlay.panel.buttons["rotate:90"].isChecked()


def test_screen_test_lights_touched_cells(qtbot: QtBot, kiosk: KioskApp) -> None:
    ctl = log_in(qtbot, kiosk)
    click(qtbot, ctl, "screentest")
    test = ctl.overlay.screentest
    assert ctl.overlay.page == "screentest" and not test.lit
    grid = test.grid_rect()
    for x in (10, grid.width() // 2, grid.width() - 200):
        qtbot.mouseClick(test, Qt.MouseButton.LeftButton, pos=QPoint(x, grid.bottom() - 5))
    qtbot.mouseClick(test, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))  # colour bars: no cell
    assert len(test.lit) == 3
    qtbot.mouseClick(test.exit, Qt.MouseButton.LeftButton)
    assert ctl.overlay.page == "panel"


def test_panel_leaves_by_itself_when_idle(qtbot: QtBot, kiosk: KioskApp) -> None:
    kiosk.window.go("home")
    ctl = log_in(qtbot, kiosk)
    ctl._idle.setInterval(50)
    ctl._idle.start()
    with qtbot.waitSignal(ctl.closed, timeout=10_000):
        pass
    assert not ctl.is_open and kiosk.window.current_route.prefix == "attract"


def test_without_a_pin_a_calm_notice_closes_itself(qtbot: QtBot, tmp_path: Path) -> None:
    app = build_app(make_config(tmp_path, pin=None), windowed=True, size="1280x800", animate=False)
    try:
        app.window.show()
        ctl = admin(app)
        ctl._notice.setInterval(50)
        tap_corner(qtbot, app.window)
        assert ctl.overlay.page == "notice" and "kiosk admin set-pin" in ctl.overlay.notice_text.text()
        with qtbot.waitSignal(ctl.closed, timeout=10_000):
            pass
        assert not ctl.is_open
    finally:
        app.shutdown()
