"""``kiosk preview PACKDIR``: the kiosk on an unpublished pack, reloading as the author saves.

A QFileSystemWatcher (re-armed for new files and directories) triggers a reload 300 ms after the
last change. An invalid pack never crashes the preview: its problems are listed on screen as
``file:line: message`` over the last good content.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from kiosk.content.reader import ContentReader, load_pack_content
from kiosk.errors import KioskError, PackError
from kiosk.ui.factory import make_window
from kiosk.ui.theme import Theme, palette_for
from kiosk.ui.window import KioskWindow

log = logging.getLogger("kiosk.ui.preview")

DEBOUNCE_MS = 300


class PreviewWindow(QWidget):
    reloaded = Signal(bool)
    """After every reload attempt: True when the pack loaded, False when it has problems."""

    def __init__(
        self,
        pack_dir: Path,
        size: tuple[int, int],
        *,
        theme_name: str = "light",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.pack_dir = pack_dir
        self.theme_name = theme_name
        self.size_hint = size
        self.kiosk: KioskWindow | None = None
        self.problems: list[str] = []
        self.reloads = 0
        self.setWindowTitle(f"Preview — {pack_dir}")
        self.resize(*size)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self.panel = QScrollArea(self)
        self.panel.setObjectName("preview-problems")
        self.panel.setWidgetResizable(True)
        self.problem_label = QLabel()
        self.problem_label.setObjectName("preview-problem-text")
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.panel.setWidget(self.problem_label)
        self.panel.hide()
        self._layout.addWidget(self.panel)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._changed)
        self.watcher.directoryChanged.connect(self._changed)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.reload)
        self.reload()

    def _changed(self, _path: str) -> None:
        self._debounce.start()

    def _watch(self) -> None:
        """(Re-)watch every directory and file: editors replace files, authors add new ones."""
        wanted = [str(self.pack_dir)] if self.pack_dir.is_dir() else []
        if self.pack_dir.is_dir():
            wanted += [str(p) for p in sorted(self.pack_dir.rglob("*")) if not p.name.startswith(".")]
        current = set(self.watcher.files()) | set(self.watcher.directories())
        missing = [p for p in wanted if p not in current]
        if missing:
            self.watcher.addPaths(missing)

    def reload(self) -> None:
        self.reloads += 1
        try:
            reader = load_pack_content(self.pack_dir)
        except PackError as exc:
            self._show_problems([str(p) for p in exc.problems])
        except KioskError as exc:
            self._show_problems([str(exc)])
        except Exception as exc:  # an author's mistake must never crash the preview
            log.exception("preview reload failed")
            self._show_problems([f"{self.pack_dir}: {type(exc).__name__}: {exc}"])
        else:
            self._show_content(reader)
        self._watch()
        self.reloaded.emit(not self.problems)

    def _theme(self, reader: ContentReader) -> Theme:
        w, h = (self.width(), self.height()) if self.isVisible() else self.size_hint
        return Theme(w, h, palette_for(self.theme_name, reader.meta.branding.accent_color))

    def _show_content(self, reader: ContentReader) -> None:
        self.problems = []
        self.panel.hide()
        if self.kiosk is None:
            theme = self._theme(reader)
            self.kiosk = make_window(theme, reader, kiosk_mode=False, animate=True, parent=self)
            self._layout.insertWidget(0, self.kiosk, 1)
            self.kiosk.go("home")
        else:
            self.kiosk.replace_content(reader)

    def _show_problems(self, problems: list[str]) -> None:
        self.problems = problems
        u = min(self.size_hint) / 100
        self.problem_label.setStyleSheet(
            f"background: #fff4f2; color: #5c1010; padding: {round(2 * u)}px; font-size: {round(1.9 * u)}px;"
        )
        head = "The pack has problems" + (" — showing the last good version" if self.kiosk else "")
        items = "".join(f"<li>{_escape(p)}</li>" for p in problems)
        self.problem_label.setText(f"<b>{head}:</b><ul>{items}</ul>")
        self.panel.setMaximumHeight(self.size_hint[1] // 3 if self.kiosk else 16_777_215)
        self.panel.show()

    def shutdown(self) -> None:
        self._debounce.stop()
        if self.kiosk is not None:
            self.kiosk.allow_close()
        self.close()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
