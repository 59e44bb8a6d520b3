"""The kiosk window: attract full-screen, every other screen under a persistent Back/Home bar.

Screens are built once and registered by route prefix; navigation is by route strings through a
:class:`~kiosk.ui.navigation.RouteStack`. Services attach through :meth:`KioskWindow.content_changed`
(sync: new content, swapped in at the next attract loop) and :meth:`KioskWindow.set_status_badge`
(offline / stale). Closing is refused unless :meth:`KioskWindow.allow_close` was called first.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import cast

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QColor
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from kiosk.content.reader import ContentReader
from kiosk.runtime.swap import ContentSwap
from kiosk.ui.accessibility import A11yState, AccessibilityMenu, apply_state
from kiosk.ui.i18n import Translations
from kiosk.ui.idle import IdleMonitor, IdleOverlay
from kiosk.ui.navigation import Route, RouteStack
from kiosk.ui.screenlock import ScreenKeeper
from kiosk.ui.screens.attract import AttractScreen
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.chrome import NavBar
from kiosk.ui.widgets.strings import RTL_LANGUAGES
from kiosk.ui.widgets.transition import TransitionOverlay

log = logging.getLogger("kiosk.ui.window")

SNAPSHOT_BUDGET_S = 0.040
"""If snapshotting the two screens takes longer, the next frame would be late: skip the animation."""


class KioskWindow(QWidget):
    route_changed = Signal(str)
    language_changed = Signal(str)
    screens_ready = Signal()
    screens_failed = Signal(str)
    """Building the deferred screens raised: the kiosk cannot show them (``kiosk run`` then exits)."""
    """The deferred screens (:meth:`defer_screens`) are built and registered."""

    def __init__(
        self,
        theme: Theme,
        reader: ContentReader,
        *,
        kiosk_mode: bool = True,
        animate: bool = True,
        idle_ms: int = 60_000,
        warning_ms: int = 10_000,
        attract_animated: bool = True,
        swap: ContentSwap[ContentReader] | None = None,
        parent: QWidget | None = None,
        home: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("kiosk-window")
        self.setWindowTitle("Living Lab Kiosk")
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        if kiosk_mode:
            self.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        self.theme = theme
        self.reader = reader
        self.kiosk_mode = kiosk_mode
        self.animate = animate
        self.lang = reader.meta.default_language
        self.stack = RouteStack()
        self.swap: ContentSwap[ContentReader] = swap if swap is not None else ContentSwap()
        """The one pending swap, shared with sync: content activated mid-visit waits here for attract."""
        self._deferred: Callable[[], list[Screen]] | None = None
        self._close_allowed = not kiosk_mode
        self.last_transition_ms = 0.0
        self.keeper: ScreenKeeper | None = None

        self.outer = QStackedWidget(self)
        self.attract = AttractScreen(theme, animated=attract_animated)
        self.page = QWidget()
        self.page.setObjectName("page")
        self.navbar = NavBar(self.page)
        self.inner = QStackedWidget(self.page)
        page_layout = QVBoxLayout(self.page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.setSpacing(0)
        page_layout.addWidget(self.navbar)
        page_layout.addWidget(self.inner, 1)
        self.outer.addWidget(self.attract)
        self.outer.addWidget(self.page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.outer)

        self.i18n = Translations(self)
        self.i18n.set_language(self.lang)
        self.tour_active = False
        self._base_theme = theme
        self.a11y = AccessibilityMenu(self)
        self.navbar.add_button(self.a11y.button)
        self.a11y.changed.connect(self.set_accessibility)
        self.screens: dict[str, Screen] = {}
        self._wire(self.attract)

        self.overlay = TransitionOverlay(self)
        self.overlay.finished.connect(self._settled)
        self._go_started = 0.0
        self.idle = IdleMonitor(idle_ms, warning_ms, self)
        self.idle_overlay = IdleOverlay(self.idle, self)
        self.idle.expired.connect(self.reset_for_next_visitor)
        self.navbar.back_clicked.connect(lambda: self.go("back"))
        self.navbar.home_clicked.connect(lambda: self.go("home"))
        self.navbar.languages.language_chosen.connect(self.set_language)
        self._apply_theme()
        self._fill_all()
        if home:  # else with the deferred screens, after the first attract frame (:meth:`defer_screens`)
            self._build_home()

    def _build_home(self) -> None:
        self.home = HomeScreen(self.theme)
        self.register_screen(self.home)  # themed and filled once, here

    # Composition -------------------------------------------------------------------------------
    def register_screen(self, screen: Screen) -> None:
        """Add a screen for ``screen.route_prefix`` (case, data, tour ...), built once by the caller."""
        if screen.route_prefix in self.screens:
            old = self.screens.pop(screen.route_prefix)
            self.inner.removeWidget(old)
            old.deleteLater()
        self.inner.addWidget(screen)
        self._wire(screen)
        screen.set_theme(self.theme)
        screen.set_content(self.reader, self.lang)

    def defer_screens(self, factory: Callable[[], list[Screen]]) -> None:
        """Build home and these screens just after the first attract frame: attract shows sooner on a
        cold start. Any navigation before then builds them at once (:meth:`ensure_screens`)."""
        self._deferred = factory
        self.attract.installEventFilter(self)

    def ensure_screens(self) -> None:
        """Register the deferred screens now, if they are still waiting."""
        factory, self._deferred = self._deferred, None
        if factory is None:
            return
        self.attract.removeEventFilter(self)
        started = time.perf_counter()
        try:
            if "home" not in self.screens:
                self._build_home()
            for screen in factory():
                self.register_screen(screen)
        except Exception as exc:
            log.critical("building the screens failed; the kiosk cannot show them", exc_info=True)
            self.screens_failed.emit(f"{type(exc).__name__}: {exc}")
            return
        log.info("screens ready in %.0f ms", (time.perf_counter() - started) * 1000)
        self.screens_ready.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.attract and event.type() == QEvent.Type.Paint and self._deferred is not None:
            QTimer.singleShot(0, self.ensure_screens)  # after this frame reaches the screen
        return False

    def _wire(self, screen: Screen) -> None:
        screen.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.screens[screen.route_prefix] = screen
        screen.navigate.connect(self.go)

    # Hooks for services ---------------------------------------------------------------------------
    def content_changed(self, reader: ContentReader) -> None:
        """New content (a pack was activated): shown from the next attract loop, never mid-visit."""
        now = self.swap.offer(reader, self.current_route.prefix == "attract")
        if now is not None:
            self._swap(now)

    def replace_content(self, reader: ContentReader) -> None:
        """Swap content now (preview): stay on the current route when it still exists, else go home."""
        self.swap.discard_ready()
        route = self.current_route
        self._swap(reader)
        if route.prefix in {"case", "data"} and not self._route_exists(route):
            self.go("home")

    def set_status_badge(self, text: str | None) -> None:
        """A small calm label in the bar ("offline since 10:42 - showing saved content"); None hides it."""
        self.navbar.set_badge(text)

    def pin_to_screen(self, target: QRect) -> ScreenKeeper:
        """Kiosk mode: the window is ``target`` (the screen) whatever is shown or done to it."""
        if self.keeper is not None:
            self.keeper.stop()
            self.keeper.deleteLater()
            self.keeper = None  # the resize below re-themes for the new screen
        self.keeper = ScreenKeeper(self, target)
        self.setGeometry(target)
        return self.keeper

    def allow_close(self) -> None:
        """The admin/shutdown path: the next close() really closes."""
        self._close_allowed = True

    # Navigation ---------------------------------------------------------------------------------
    @property
    def current_route(self) -> Route:
        return self.stack.current

    @property
    def current_screen(self) -> Screen:
        return self.screens[self.current_route.prefix]

    def go(self, text: str) -> None:
        target = Route.parse(text)
        self.ensure_screens()
        if target.prefix not in {"back", "attract", "home"} and target.prefix not in self.screens:
            log.warning("no screen for route %r yet; staying on %s", text, self.current_route)
            return
        if target.prefix in {"case", "data"} and not self._route_exists(target):
            log.warning("unknown %s %r; staying on %s", target.prefix, target.argument, self.current_route)
            return
        before = self.current_route
        self._go_started = time.perf_counter()
        old = self.grab() if self._can_animate() else None
        route, forward = self.stack.go(text)
        if route == before and route.prefix != "home":
            return
        if route.prefix == "attract" and (ready := self.swap.take_ready()) is not None:
            self._swap(ready)
        self.a11y.hide()  # the options belong to the screen they were opened on
        self._show(route)
        if old is not None:
            self._animate(old, before, route, forward)
        self.idle.set_enabled(route.prefix != "attract")
        self._update_tour()
        self.route_changed.emit(str(route))
        if not self.overlay.running:
            self._settled()

    def _settled(self) -> None:
        """The transition to the current route has finished (the bench and the X11 run read this line)."""
        ms = (time.perf_counter() - self._go_started) * 1000
        log.debug("settled %s in %.1f ms at %.3f", self.current_route, ms, time.time())

    def _route_exists(self, route: Route) -> bool:
        if route.prefix == "case":
            return self.reader.case_study(route.argument) is not None
        return self.reader.dataset(route.argument) is not None

    def _show(self, route: Route) -> None:
        screen = self.screens[route.prefix]
        screen.show_route(route.argument)
        if screen is self.attract:
            self.outer.setCurrentWidget(self.attract)
        else:
            self.inner.setCurrentWidget(screen)
            self.outer.setCurrentWidget(self.page)

    def _can_animate(self) -> bool:
        return self.animate and self.isVisible() and not self.overlay.running

    def _animate(self, old, before: Route, route: Route, forward: bool) -> None:
        started = time.perf_counter()
        new = self.grab()
        self.last_transition_ms = (time.perf_counter() - started) * 1000
        if time.perf_counter() - started > SNAPSHOT_BUDGET_S:
            return
        fade = "attract" in {before.prefix, route.prefix}
        self.overlay.setGeometry(QRect(0, 0, self.width(), self.height()))
        self.overlay.start(old, new, 1 if forward else -1, fade_only=fade)

    def reset_for_next_visitor(self) -> None:
        """Idle reset: every screen reset, language back to the pack default, attract loop."""
        self.overlay.finish_now()
        self.stack.reset()
        for screen in self.screens.values():
            screen.reset()
        if (ready := self.swap.take_ready()) is not None:
            self._swap(ready)
        elif self.lang != self.reader.meta.default_language:
            self.set_language(self.reader.meta.default_language)
        self._show(self.stack.current)
        self.idle.set_enabled(False)
        self._update_tour()
        self.a11y.hide()
        if not self.a11y.state.is_default:
            self.a11y.set_state(A11yState())
            self.set_accessibility(A11yState())
        self.route_changed.emit("attract")

    # Content, language and theme -----------------------------------------------------------------
    def _swap(self, reader: ContentReader) -> None:
        self.swap.discard_ready()
        self.reader = reader
        if self.lang not in reader.meta.languages:
            self.lang = reader.meta.default_language
        self._fill_all()

    def set_language(self, code: str) -> None:
        if code not in self.reader.meta.languages:
            return
        changed = code != self.lang
        self.lang = code
        self.i18n.set_language(code)
        self.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if code in RTL_LANGUAGES else Qt.LayoutDirection.LeftToRight
        )
        if changed:
            self._fill_all()
            self.language_changed.emit(code)
            log.debug("language %s", code)

    def _fill_all(self) -> None:
        self.navbar.apply(self.theme, self.lang)
        self.a11y.apply(self.theme, self.lang)
        self.navbar.languages.set_languages(self.reader.meta.languages, self.lang, self.theme)
        self.navbar.fit(self.theme.width)
        self.idle_overlay.lang = self.lang
        for screen in self.screens.values():
            screen.set_content(self.reader, self.lang)
        self.current_screen.show_route(self.current_route.argument)

    def set_theme(self, theme: Theme) -> None:
        if self.a11y.state.is_default:
            self._base_theme = theme
        self.theme = theme
        self._apply_theme()
        self.navbar.apply(theme, self.lang)
        self.a11y.apply(theme, self.lang)
        self.navbar.languages.set_languages(self.reader.meta.languages, self.lang, theme)
        self.navbar.fit(theme.width)

    def _apply_theme(self) -> None:
        p = self.theme.palette
        # The page colour is painted once, here: the stacks, the page and the screens on it are
        # transparent, so a frame fills the screen once, not once per layer.
        self.setStyleSheet(f"#kiosk-window {{ background: {p.background}; }}")
        self.overlay.background = QColor(p.background)
        self.idle_overlay.theme = self.theme
        layout = cast(QVBoxLayout, self.page.layout())
        layout.removeWidget(self.navbar)
        layout.insertWidget(layout.count() if self.theme.reach else 0, self.navbar)
        for screen in self.screens.values():
            screen.set_theme(self.theme)

    # Accessibility and tours -----------------------------------------------------------------------
    def set_accessibility(self, state: A11yState) -> None:
        """The visitor's text size / high contrast / reach choice, on top of the configured theme."""
        base = self._base_theme.with_size(self.theme.width, self.theme.height)
        self.set_theme(apply_state(base, state))
        log.debug("accessibility text %.2f contrast %s reach %s",
                  state.text_scale, state.high_contrast, state.reach)
        if self.a11y.isVisible():
            cast(QVBoxLayout, self.page.layout()).activate()
            self.a11y.open()  # follow the button (the reach layout moved the bar down)

    def _update_tour(self) -> None:
        """A tour runs while a ``tour:<id>`` route is on the stack (a guide may step into a related case)."""
        active = any(r.startswith("tour:") for r in self.stack.routes())
        if active != self.tour_active:
            self.tour_active = active
            self.idle.set_suspended(active)
            tour = self.screens.get("tour")
            if not active and tour is not None:
                tour.reset()  # the next run of a tour starts at stop 1 with nothing visited

    def presenter_active(self) -> bool:
        return self.tour_active or self._remote_screen() is not None

    def _remote_screen(self) -> Callable[[int], bool] | None:
        """Outside tours, a screen that takes a remote's keys itself (the network's nodes)."""
        return getattr(self.screens.get(self.current_route.prefix), "remote_key", None)

    def presenter_key(self, key: int) -> bool:
        """A presenter remote's key: steps through the tour's stops (or the current screen's items)."""
        if not self.tour_active:
            handler = self._remote_screen()
            return bool(handler(key)) if handler is not None else False
        if self.current_route.prefix != "tour":
            self.go(next(r for r in reversed(self.stack.routes()) if r.startswith("tour:")))
        handler = getattr(self.screens.get("tour"), "presenter_key", None)
        return bool(handler(key)) if handler is not None else False

    def keyPressEvent(self, event) -> None:
        if not self.presenter_key(event.key()):
            super().keyPressEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        size = event.size()
        pinned = self.keeper is not None and size != self.keeper.target.size()
        if pinned:
            pass  # an external resize the keeper is about to undo: the theme stays the screen's
        elif (size.width(), size.height()) != (self.theme.width, self.theme.height) and not size.isEmpty():
            self.set_theme(self.theme.with_size(size.width(), size.height()))
        self.idle_overlay.setGeometry(self.rect())

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._close_allowed:
            if self.keeper is not None:
                self.keeper.stop()
            event.accept()
        else:
            log.info("close refused (kiosk mode); use the admin panel or stop the service")
            event.ignore()
