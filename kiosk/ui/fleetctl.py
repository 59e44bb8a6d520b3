"""The Qt side of hub commands: a thin adapter over :mod:`kiosk.fleetctl`.

Heartbeat replies (and push replies, :class:`~kiosk.fleetctl.listen.PushListener`, with
``sync.push``) are checked by the :class:`~kiosk.fleetctl.inbox.Inbox` in the thread that got
them; accepted commands arrive here on the main thread and run:

- ``sync_now``: the sync scheduler's ``sync_now()``; the outcome is that sync's result.
- ``screenshot``: the window is grabbed on the main thread, encoded to PNG and uploaded in a worker.
- ``restart_at_attract``: at the next attract loop (now, if the attract loop is up), after the
  screenshot uploads and syncs still running, the outcomes are sent, then the app quits with exit
  code 0 (a clean exit for the crash-loop guard; the systemd unit restarts it, ``Restart=always``).
- ``staff_message``: already stored by the inbox; the admin panel shows it (refreshed if open).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from kiosk.fleetctl.client import flush_acks, upload_screenshot
from kiosk.fleetctl.envelope import Command
from kiosk.fleetctl.inbox import Inbox
from kiosk.fleetctl.listen import PushListener
from kiosk.ui.navigation import Route

log = logging.getLogger("kiosk.ui.fleetctl")

EXIT_RESTART = 0
"""``kiosk run``'s exit code for a requested restart: clean (not a crash); systemd restarts the unit."""


def png_bytes(image: QImage) -> bytes:
    """Encode a QImage to PNG (safe in a worker thread: QImage, not QPixmap)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # the stubs say bytes; str works
        raise OSError("the window image could not be encoded as PNG")
    buffer.close()
    return bytes(data.data())


class FleetCommands(QObject):
    """Runs hub commands in the app. Signals: :attr:`received` (commands), :attr:`finished` (id, status)."""

    received = Signal(list)
    finished = Signal(str, str)

    def __init__(self, kiosk: Any, scheduler: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.kiosk, self.scheduler = kiosk, scheduler
        self.cfg, self.window, self.workers = kiosk.cfg, kiosk.window, kiosk.workers
        sync = self.cfg.sync
        self.inbox = Inbox(self.cfg.data_paths().ensure().database, self.cfg.kiosk.id, sync.channel,
                           sync.trusted_keys)
        self._sync_waiting: list[str] = []
        self._sync_again = False
        self._restart_id: str | None = None
        self._uploading: set[str] = set()
        """Screenshot commands whose upload runs: a restart waits for them (and for syncs)."""
        self._stopped = False
        self.quit: Any = QApplication.exit
        """Ends the app's event loop with a code (``kiosk run`` then shuts down and exits with it)."""
        self.listener: PushListener | None = None
        """The long poll for commands within seconds (``sync.push``)."""
        self.received.connect(self._run_all)
        scheduler.synced.connect(self._sync_done)
        scheduler.failed.connect(self._sync_failed)
        self.window.route_changed.connect(self._route_changed)
        scheduler.on_reply = self.on_reply

    def start(self) -> None:
        self._flush()  # outcomes a previous run could not send (a restart acknowledges after it)
        if self.cfg.sync.push and self.listener is None:
            self.listener = PushListener(self.cfg, self.on_reply)
            self.listener.start()

    def stop(self) -> None:
        self._stopped = True
        self.scheduler.on_reply = None
        if self.listener is not None:
            self.listener.stop()

    # Worker thread ------------------------------------------------------------------------------
    def on_reply(self, reply: dict[str, Any]) -> None:
        """A heartbeat or push reply (in a worker or the push thread): check its commands, acknowledge
        refusals and replays, hand the rest to the main thread."""
        if self._stopped:
            return
        commands = self.inbox.receive(reply.get("commands"))
        flush_acks(self.cfg, self.inbox)
        if commands and not self._stopped:
            try:
                self.received.emit(commands)  # queued to the main thread
            except RuntimeError:  # the app shut down meanwhile: they run (or fail) after the restart
                log.info("hub commands arrived while the kiosk was stopping")

    # Main thread --------------------------------------------------------------------------------
    def _run_all(self, commands: list[Command]) -> None:
        for command in commands:
            if self._stopped:
                return
            log.info("hub command %s: %s", command.id, command.kind)
            try:
                getattr(self, "_" + command.kind)(command)
            except Exception as exc:  # a command that breaks is reported, never taken down the kiosk
                log.error("hub command %s (%s) failed: %s", command.id, command.kind, exc, exc_info=exc)
                self._finish(command.id, "failed", f"{type(exc).__name__}: {exc}")

    def _finish(self, command_id: str, status: str, detail: str = "") -> None:
        self.inbox.finish(command_id, status, detail)
        self.finished.emit(command_id, status)
        self._flush()

    def _flush(self, then: Any = None) -> None:
        cfg, inbox = self.cfg, self.inbox
        done = (lambda _r: then()) if then else None
        failed = (lambda _e: then()) if then else (lambda exc: log.info("acknowledgements not sent: %s", exc))
        self.workers.submit(lambda: flush_acks(cfg, inbox), done, failed)

    def _sync_now(self, command: Command) -> None:
        self._sync_waiting.append(command.id)
        if self.scheduler.running:  # that sync may have looked before the new version was published
            self._sync_again = True
            return
        self.scheduler.sync_now()

    def _again(self) -> bool:
        """After a sync that was already running when a command came: run one more for the command."""
        if not self._sync_again or not self._sync_waiting:
            return False
        self._sync_again = False
        self.scheduler.sync_now()
        return True

    def _sync_done(self, result: Any) -> None:
        if self._again():
            return
        updates = ", ".join(f"{u.id} v{u.version}" for u in getattr(result, "updates", []))
        detail = (f"synced; new: {updates} (shown at the next attract loop)" if updates
                  else "synced; no new content")
        for cid in self._take_sync_waiting():
            self._finish(cid, "ok", detail)
        self._restart_if_due()

    def _sync_failed(self, exc: BaseException) -> None:
        if self._again():
            return
        for cid in self._take_sync_waiting():
            self._finish(cid, "failed", f"sync failed: {exc}")
        self._restart_if_due()

    def _take_sync_waiting(self) -> list[str]:
        waiting, self._sync_waiting = self._sync_waiting, []
        return waiting

    def _screenshot(self, command: Command) -> None:
        image = self.window.grab().toImage()
        cfg, inbox = self.cfg, self.inbox

        def job() -> str:  # the outcome is recorded here, so a restart right after cannot lose it
            try:
                png = png_bytes(image)
                upload_screenshot(cfg, command.id, png)
            except Exception as exc:
                inbox.finish(command.id, "failed", str(exc))
                return "failed"
            inbox.finish(command.id, "ok", f"uploaded {len(png)} bytes")
            return "ok"

        def done(status: str) -> None:
            self._uploading.discard(command.id)
            self.finished.emit(command.id, status)
            self._flush()
            self._restart_if_due()

        def crashed(exc: BaseException) -> None:
            self._uploading.discard(command.id)
            self._finish(command.id, "failed", str(exc))
            self._restart_if_due()

        self._uploading.add(command.id)
        self.workers.submit(job, done, crashed)

    def _staff_message(self, command: Command) -> None:
        from kiosk.ui.admin.controller import AdminController

        for service in self.kiosk.services:
            if isinstance(service, AdminController) and service.is_open:
                service.refresh()
        self._finish(command.id, "ok", "shown in the admin panel")

    def _restart_at_attract(self, command: Command) -> None:
        self._restart_id = command.id
        self._route_changed(str(self.window.current_route))

    def _restart_if_due(self) -> None:
        self._route_changed(str(self.window.current_route))

    def _route_changed(self, route: str) -> None:
        if self._restart_id is None or Route.parse(route).prefix != "attract":
            return
        running = len(self._uploading) + len(self._sync_waiting)
        if running:  # finish those first, so their outcomes go out before the restart
            log.info("the restart waits for %d running hub command(s)", running)
            return
        cid, self._restart_id = self._restart_id, None
        log.info("restarting at the attract loop, as the hub asked (command %s)", cid)
        self.inbox.finish(cid, "ok", "restarted at the attract loop")
        self._flush(then=lambda: self.quit(EXIT_RESTART))


def attach_fleet_commands(kiosk: Any, scheduler: Any) -> FleetCommands:
    commands = FleetCommands(kiosk, scheduler, parent=kiosk.window)
    kiosk.attach(commands)
    return commands
