"""The admin overlay and its controller: corner taps -> PIN keypad -> service panel.

The overlay is a child of the kiosk window that covers it, built once and reused. Nothing here is
modal: with no PIN configured a calm notice closes itself; a locked keypad counts down; the panel
leaves by itself after two minutes without a touch, back to the attract loop.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QStackedWidget, QVBoxLayout, QWidget

from kiosk import paths
from kiosk.admin import RESTART_EXIT_CODE
from kiosk.admin.info import AdminInfo, ErrorLog, gather
from kiosk.admin.pin import Attempt, PinGuard
from kiosk.admin.tomledit import update_file
from kiosk.config import Config
from kiosk.errors import KioskError
from kiosk.store.store import Store
from kiosk.ui.admin.gesture import CornerTaps
from kiosk.ui.admin.keypad import PinKeypad
from kiosk.ui.admin.panel import AdminPanel
from kiosk.ui.admin.screentest import ScreenTest
from kiosk.ui.admin.style import admin_qss
from kiosk.ui.events import unroute_app_events
from kiosk.ui.idle import ACTIVITY_EVENTS
from kiosk.ui.window import KioskWindow
from kiosk.ui.workers import Workers

log = logging.getLogger("kiosk.ui.admin")

PANEL_IDLE_MS = 120_000
NOTICE_MS = 5_000
DISABLED_TITLE = "Admin panel disabled"
DISABLED_TEXT = "Set a PIN with `kiosk admin set-pin`, then restart the kiosk."


class AdminOverlay(QWidget):
    """The pages: notice, keypad, panel, screen test."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("admin-overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.stack = QStackedWidget(self)
        self.notice = QFrame()
        self.notice_card = QFrame(self.notice)
        self.notice_card.setObjectName("admin-card")
        self.notice_title = QLabel(DISABLED_TITLE, self.notice_card)
        self.notice_text = QLabel(DISABLED_TEXT, self.notice_card)
        self.notice_text.setProperty("role", "muted")
        self._notice_layout = QVBoxLayout(self.notice_card)
        for label in (self.notice_title, self.notice_text):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self._notice_layout.addWidget(label)
        notice_layout = QVBoxLayout(self.notice)
        notice_layout.addStretch(1)
        notice_layout.addWidget(self.notice_card, 0, Qt.AlignmentFlag.AlignHCenter)
        notice_layout.addStretch(1)
        self.keypad = PinKeypad()
        self.panel = AdminPanel()
        self.screentest = ScreenTest()
        for page in (self.notice, self.keypad, self.panel, self.screentest):
            self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.hide()

    def apply(self, theme: Any) -> None:
        self.setStyleSheet(admin_qss(theme))
        self.notice_title.setFont(theme.font("h2"))
        self.notice_text.setFont(theme.font("body"))
        pad = theme.px(4)
        self._notice_layout.setSpacing(theme.px(1.5))
        self._notice_layout.setContentsMargins(pad, pad, pad, pad)
        self.keypad.apply(theme)
        self.panel.apply(theme)
        self.screentest.apply(theme)

    @property
    def page(self) -> str:
        pages: dict[QWidget, str] = {self.notice: "notice", self.keypad: "keypad", self.panel: "panel"}
        current = self.stack.currentWidget()
        return pages.get(current, "screentest") if current is not None else "notice"


class AdminController(QObject):
    """Install on the QApplication (it only watches events); ``stop()`` undoes that."""

    page_shown = Signal(str)
    closed = Signal()
    message_shown = Signal(str)
    """The panel's message line changed (also when a background action finished)."""
    info_shown = Signal()
    """The panel's facts were refreshed (gathered in a worker)."""

    def __init__(
        self,
        window: KioskWindow,
        cfg: Config,
        *,
        store: Store | None = None,
        workers: Workers | None = None,
        content_activated: Callable[[], None] | None = None,
        sync_hook: Callable[[], Callable[[], Any] | None] | None = None,
        quit_app: Callable[[int], None] | None = None,
        guard: PinGuard | None = None,
        idle_ms: int = PANEL_IDLE_MS,
        notice_ms: int = NOTICE_MS,
    ) -> None:
        super().__init__(window)
        self.window, self.cfg, self.store, self.workers = window, cfg, store, workers
        self.content_activated = content_activated
        self.sync_hook = sync_hook
        self.quit_app = quit_app or QApplication.exit
        self.guard = guard or PinGuard.for_data_dir(cfg.admin.pin_hash, cfg.data_paths().root)
        self.errors = ErrorLog().install()
        self.overlay = AdminOverlay(window)
        self.gesture = CornerTaps(window, lambda: max(window.theme.touch, window.theme.margin))
        self.gesture.triggered.connect(self.open)
        self._logged_in = False
        self._refreshing = False
        self._idle = self._timer(idle_ms, self.close)
        self._notice = self._timer(notice_ms, self.close)
        self._tick = self._timer(1000, self._lock_tick, single=False)
        self._refresh = self._timer(5000, self.refresh, single=False)
        kp, panel = self.overlay.keypad, self.overlay.panel
        kp.submitted.connect(self._submit)
        kp.cancelled.connect(self.close)
        panel.action.connect(self._action)
        self.overlay.screentest.done.connect(lambda: self._show("panel"))

    def _timer(self, ms: int, slot: Callable[[], None], *, single: bool = True) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(single)
        timer.setInterval(ms)
        timer.timeout.connect(slot)
        return timer

    @property
    def is_open(self) -> bool:
        return self.overlay.isVisible()

    # Entry -------------------------------------------------------------------------------------
    def open(self) -> None:
        if self.is_open:
            return
        self._fit()
        self.window.idle.set_enabled(False)
        self.overlay.raise_()
        self.overlay.show()
        self._idle.start()
        if not self.guard.enabled:
            log.info("admin entry gesture, but no admin.pin_hash is configured")
            self._show("notice")
            self._notice.start()
            return
        self.overlay.keypad.clear()
        self._show("keypad")
        self._lock_tick()

    def _fit(self) -> None:
        self.overlay.setGeometry(self.window.rect())
        self.overlay.apply(self.window.theme)

    def close(self) -> None:
        if not self.is_open:
            return
        for timer in (self._idle, self._notice, self._tick, self._refresh):
            timer.stop()
        self.overlay.panel.disarm()
        self.overlay.hide()
        if self._logged_in:
            self._logged_in = False
            self.window.reset_for_next_visitor()  # a fresh start, with any rolled-back content
        else:
            self.window.idle.set_enabled(self.window.current_route.prefix != "attract")
        self.closed.emit()

    def _show(self, page: str) -> None:
        widget = getattr(self.overlay, page)
        self.overlay.stack.setCurrentWidget(widget)
        self.page_shown.emit(page)

    # PIN ---------------------------------------------------------------------------------------
    def _submit(self, pin: str) -> None:
        if self.guard.locked_for() > 0:
            self._lock_tick()
            return
        kp = self.overlay.keypad
        kp.set_enabled_keys(False)
        kp.set_message("Checking …")
        if self.workers is None:
            self._checked(self.guard.attempt(pin))
        else:
            self.workers.submit(lambda: self.guard.attempt(pin), self._checked, self._check_failed)

    def _checked(self, result: Attempt) -> None:
        kp = self.overlay.keypad
        if not self.is_open:
            return
        if result.ok:
            self._logged_in = True
            log.info("admin panel opened")
            self.overlay.panel.set_message("")
            self.overlay.panel.set_rotation(self.cfg.kiosk.rotation)
            self.refresh(then=self._open_panel)  # the panel opens with its facts, gathered off the UI thread
            return
        kp.clear("Wrong PIN.")
        kp.set_enabled_keys(True)
        self._lock_tick()

    def _check_failed(self, exc: BaseException) -> None:
        log.error("checking the admin PIN failed: %s", exc)
        self.overlay.keypad.clear("The PIN could not be checked; see the log.")
        self.overlay.keypad.set_enabled_keys(True)

    def _lock_tick(self) -> None:
        wait = self.guard.locked_for()
        kp = self.overlay.keypad
        if wait > 0:
            kp.set_enabled_keys(False)
            kp.set_message(f"Too many wrong PINs. Try again in {wait:.0f} s.")
            self._tick.start()
        elif self._tick.isActive():
            self._tick.stop()
            kp.set_enabled_keys(True)
            kp.clear("")

    # Panel -------------------------------------------------------------------------------------
    def _run(self, job: Callable[[], Any], done: Callable[[Any], None],
             failed: Callable[[BaseException], None] | None = None) -> None:
        """Run a store/disk job off the UI thread (inline only when built without workers: a test double)."""
        failed = failed or self._action_failed
        if self.workers is None:
            try:
                result = job()
            except Exception as exc:
                failed(exc)
                return
            done(result)
        else:
            self.workers.submit(job, done, failed)

    def set_message(self, text: str) -> None:
        self.overlay.panel.set_message(text)
        self.message_shown.emit(text)

    def _action_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, KioskError):
            log.error("admin action failed: %s", exc, exc_info=exc)
        if self.is_open:
            self.set_message(str(exc) if isinstance(exc, KioskError) else f"Failed: {exc}; see the log.")

    def refresh(self, then: Callable[[], None] | None = None) -> None:
        """Gather the panel's facts (store, sync state, disk) in a worker, show them, then call ``then``."""
        if self._refreshing and then is None:
            return
        self._refreshing = True
        cfg, store, errors = self.cfg, self.store, self.errors

        def shown(info: AdminInfo) -> None:
            self._refreshing = False
            if self.is_open:
                self.overlay.panel.show_info(info)
                self.info_shown.emit()
                if then is not None:
                    then()

        def failed(exc: BaseException) -> None:
            self._refreshing = False
            log.info("admin panel facts not refreshed: %s", exc)
            if then is not None and self.is_open:
                then()

        self._run(lambda: gather(cfg, store, errors), shown, failed)

    def _open_panel(self) -> None:
        self._show("panel")
        self._refresh.start()

    def _action(self, key: str) -> None:
        try:
            if key == "close":
                self.close()
            elif key == "sync":
                self.set_message(self.sync_action())
            elif key == "rollback":
                self.set_message(self.rollback())
            elif key == "screentest":
                self.overlay.screentest.reset()
                self._show("screentest")
            elif key.startswith("rotate:"):
                self.set_message(self.rotate(int(key.split(":", 1)[1])))
            elif key == "restart":
                log.info("restart requested from the admin panel")  # an operator's choice, not a fault
                self.window.allow_close()
                self.quit_app(RESTART_EXIT_CODE)
            elif key == "exit":
                log.info("exit requested from the admin panel")
                self.window.allow_close()
                self.window.close()
                self.quit_app(0)
        except KioskError as exc:
            self.set_message(str(exc))
        if self.is_open and self.overlay.page == "panel":
            self.refresh()

    def sync_action(self) -> str:
        hook = self.sync_hook() if self.sync_hook else None
        if not self.cfg.sync.hub_url:
            return "Sync not configured: set sync.hub_url in the configuration."
        if hook is None:
            return "Sync not configured in this build (no sync scheduler is running)."
        hook()
        return "Sync started; the Sync line updates when it is done."

    def rollback(self) -> str:
        """Start the rollback in a worker (it waits for the writer lock an install may hold)."""
        store = self.store
        pack_id = store.default_pack_id() if store is not None else None
        if store is None or pack_id is None:
            return "Nothing to roll back: this kiosk shows a pack that is not installed."
        self._run(lambda: store.rollback(pack_id), lambda versions: self._rolled_back(pack_id, versions))
        return f"Rolling back {pack_id} …"

    def _rolled_back(self, pack_id: str, versions: tuple[int, int]) -> None:
        old, new = versions
        if self.content_activated is not None:
            self.content_activated()
        if self.is_open:
            self.set_message(f"Rolled back {pack_id} from version {old} to {new}; "
                             "shown when this panel closes.")
            self.refresh()

    def rotate(self, degrees: int) -> str:
        source = Path(self.cfg.source)
        file = source if source.suffix == ".toml" else paths.default_config_file()
        update_file(file, "kiosk", "rotation", degrees)
        self.cfg.kiosk.rotation = degrees
        self.overlay.panel.set_rotation(degrees)
        return f"Rotation {degrees}° saved in {file}; restart the kiosk to apply it."

    # Events ------------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in ACTIVITY_EVENTS and self.is_open:
            self._idle.start()
        elif kind == QEvent.Type.Resize and watched is self.window and self.is_open:
            QTimer.singleShot(0, self._fit)  # after the window has made its new theme
        return self.gesture.eventFilter(watched, event)

    def stop(self) -> None:
        """Shutdown/test teardown: stop watching and drop the log handler."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)  # installed by hand (tests)
        unroute_app_events(self)
        self.errors.uninstall()
        for timer in (self._idle, self._notice, self._tick, self._refresh):
            timer.stop()
