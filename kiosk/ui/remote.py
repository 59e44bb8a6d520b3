"""The Qt side of the guide's phone remote (the policy is in :mod:`kiosk.remote`).

A "Remote" button in the bar on tour routes opens :class:`RemotePanel` with the pairing QR code.
Phone commands arrive on the web server's threads and are re-emitted through a queued signal, so
they run on the UI thread and drive the same :class:`~kiosk.ui.screens.tour.TourScreen` methods as
the screen's buttons. Every route or language change publishes the tour's state to the phone.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.remote.commands import Command
from kiosk.remote.service import RemoteError, RemoteService, RemoteSettings
from kiosk.remote.state import TourClock, chooser_state, screen_words, tour_state
from kiosk.remote.tokens import PAIRING_TTL_S, PairingError
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.buttons import TouchButton
from kiosk.ui.widgets.qr import QrView

log = logging.getLogger("kiosk.ui.remote")


class RemotePanel(QWidget):
    """A calm layer over the window: the pairing QR code, or "a phone is connected" and a takeover."""

    closed = Signal()
    takeover = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("remote-panel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.card = QWidget(self)
        self.card.setObjectName("remote-card")
        self.card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.title = QLabel(self.card)
        self.code = QrView(self.card)
        self.hint = QLabel(self.card)
        self._margin, self._min_code = 0, 160
        self.takeover_button = TouchButton("", self.card)
        self.takeover_button.setObjectName("remote-takeover")
        self.takeover_button.clicked.connect(self.takeover)
        self.close_button = TouchButton("", self.card)
        self.close_button.setObjectName("remote-close")
        self.close_button.clicked.connect(self.close_panel)
        for label in (self.title, self.hint):
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self._layout = layout = QVBoxLayout(self.card)
        layout.addWidget(self.title)
        layout.addWidget(self.code, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.hint)
        layout.addWidget(self.takeover_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.hide()

    def apply(self, theme: Theme, lang: str) -> None:
        p, words = theme.palette, screen_words(lang)
        self.setStyleSheet(
            f"#remote-panel {{ background: {p.overlay}; }}"
            f"#remote-card {{ background: {p.surface}; border-radius: {theme.radius}px; }}"
            f"#remote-card QLabel {{ color: {p.text}; background: transparent; }}"
        )
        self.title.setText(words["remote_title"])
        self.title.setFont(theme.font("h2"))
        self.hint.setFont(theme.font("body"))
        self.takeover_button.setText(words["remote_takeover"])
        self.close_button.setText("✕  " + words["close"])
        for button in (self.takeover_button, self.close_button):
            button.apply(theme)
        self.takeover_button.setAccessibleName(words["remote_takeover"])
        self.close_button.setAccessibleName(words["close"])
        self.code.setAccessibleName(words["remote_title"])
        side = theme.px(36)
        self.code.setFixedSize(side, side)
        self._margin, self._min_code = theme.margin // 2, max(160, theme.px(18))
        self.code.set_style("#000000", "#ffffff", theme.radius // 2)
        m = theme.px(3)
        self._layout.setContentsMargins(m, m, m, m)
        self._layout.setSpacing(theme.gutter)
        self.card.setFixedWidth(min(side + 2 * m + theme.px(20), theme.width - 2 * theme.margin))

    def show_code(self, url: str, hint: str) -> None:
        """The QR code of ``url``; an empty url shows ``hint`` alone (paired, or an error)."""
        self.code.set_text(url)
        self.code.setVisible(bool(url))
        self.hint.setText(hint)
        self.takeover_button.setVisible(not url)
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self._fit()
        self.card.move((self.width() - self.card.width()) // 2, (self.height() - self.card.height()) // 2)
        self.show()
        self.raise_()

    def _fit(self) -> None:
        """The card's height is what its wrapped text needs at its width; when that is more than the
        window (large text on a short screen) the QR code gives way, down to a still scannable size."""
        width, room = self.card.width(), self.height() - 2 * self._margin

        def need() -> int:
            self._layout.activate()
            layout = self._layout
            return layout.heightForWidth(width) if layout.hasHeightForWidth() else layout.sizeHint().height()

        over = need() - room
        if over > 0 and self.code.isVisible():
            side = max(self._min_code, self.code.width() - over)
            self.code.setFixedSize(side, side)
        self.card.setFixedHeight(min(need(), max(room, 0)) if room > 0 else need())

    def close_panel(self) -> None:
        if self.isVisible():
            self.hide()
            self.closed.emit()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if not self.card.geometry().contains(event.position().toPoint()):
            self.close_panel()


class RemoteControl(QObject):
    """The bar button, the panel, and the bridge between the phone's server and the tour screen."""

    command = Signal(object)
    """A :class:`Command` from the phone (emitted on a server thread, delivered on the UI thread)."""
    paired = Signal()

    def __init__(self, window: Any, settings: RemoteSettings) -> None:
        super().__init__(window)
        self.window = window
        self.service = RemoteService(settings, self.command.emit, on_paired=self.paired.emit)
        self.command.connect(self._run, Qt.ConnectionType.QueuedConnection)
        self.paired.connect(self._on_paired, Qt.ConnectionType.QueuedConnection)
        self.clock = TourClock()
        self.button = TouchButton("")
        self.button.setObjectName("nav-remote")
        self.button.clicked.connect(self.open_panel)
        self.button.hide()
        window.navbar.add_button(self.button)
        self.panel = RemotePanel(window)
        self.panel.closed.connect(self._panel_closed)
        self.panel.takeover.connect(lambda: self.open_panel(takeover=True))
        self.refresh = QTimer(self)
        self.refresh.setInterval(int((PAIRING_TTL_S - 10) * 1000))
        self.refresh.timeout.connect(self._renew)
        window.route_changed.connect(self._route_changed)
        window.language_changed.connect(lambda _code: self._restyle())
        self._restyle()

    # The screen side ---------------------------------------------------------------------------
    def open_panel(self, *, takeover: bool = False) -> None:
        self.window.a11y.hide()
        self.panel.apply(self.window.theme, self.window.lang)
        words = screen_words(self.window.lang)
        try:
            url = self.service.open_pairing(takeover=takeover)
        except PairingError:
            self.panel.show_code("", words["remote_paired"])  # a phone is paired: offer the takeover
            return
        except RemoteError as exc:
            log.error("%s", exc)
            self.panel.show_code("", str(exc))
            self.panel.takeover_button.hide()
            return
        self._publish()
        self.panel.show_code(url, words["remote_hint"])
        self.refresh.start()

    def _renew(self) -> None:
        """The code on screen is about to expire: show a fresh one."""
        if self.panel.isVisible() and self.panel.code.isVisible():
            self.open_panel(takeover=self.service.paired)

    def _panel_closed(self) -> None:
        self.refresh.stop()
        self.service.close_pairing()

    def _on_paired(self) -> None:
        self.panel.close_panel()  # the phone follows from here; the port stays open while touring
        self._publish()

    def _restyle(self) -> None:
        words = screen_words(self.window.lang)
        self.button.setText("▣  " + words["remote"])
        self.button.setAccessibleName(words["remote"])
        self.button.apply(self.window.theme, role="caption")
        self.window.navbar.fit(self.window.theme.width)
        if self.service.tour_mode:
            self._publish()

    def _route_changed(self, route: str) -> None:
        on_tour = route.split(":", 1)[0] == "tour"
        if self.button.isHidden() == on_tour:  # the bar gains or loses a button: fit its labels again
            self.button.setVisible(on_tour)
            self.window.navbar.apply(self.window.theme, self.window.lang)
            self.window.a11y.apply(self.window.theme, self.window.lang)
            self._restyle()
        if self.panel.isVisible() and not on_tour:
            self.panel.close_panel()
        self.service.set_tour_mode(on_tour or bool(self.window.tour_active))
        if self.service.tour_mode:
            self._publish()

    def _publish(self) -> None:
        screen = self.window.screens.get("tour")
        reader = getattr(screen, "reader", None)
        if screen is None or reader is None:
            return
        if screen.tour is None:
            self.clock.at(None, 0)
            self.service.publish(chooser_state(reader, screen.lang))
        else:
            self.service.publish(tour_state(reader, screen.tour, screen.lang, screen.index, self.clock))

    # The phone side (on the UI thread) ----------------------------------------------------------------
    def _run(self, command: Command) -> None:
        window = self.window
        screen = window.screens.get("tour")
        if screen is None or not self.service.paired:
            return
        log.debug("remote command %s", command)
        if command.action == "start":
            window.go(f"tour:{command.tour}")
            return
        if window.current_route.prefix != "tour" and window.tour_active:
            window.go(next(r for r in reversed(window.stack.routes()) if r.startswith("tour:")))
        if command.action == "next":
            screen.next()
        elif command.action == "previous":
            screen.previous()
        elif command.action == "goto" and command.stop is not None:
            screen.strip.chosen.emit(command.stop)  # what tapping a progress dot does
        elif command.action == "end":
            screen.end_tour()

    def stop(self) -> None:
        """Shutdown: end the session and close the port."""
        self.refresh.stop()
        self.service.stop()


def attach_remote(kiosk: Any) -> RemoteControl | None:
    """The composition root's hook: the remote when ``[remote] enabled``."""
    cfg = kiosk.cfg.remote
    if not cfg.enabled:
        return None
    control = RemoteControl(kiosk.window, RemoteSettings(cfg.enabled, cfg.bind, cfg.port))
    kiosk.attach(control)
    return control
