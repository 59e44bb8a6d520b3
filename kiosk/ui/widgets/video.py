"""A case-study video: a poster with one large play button; playback only when a visitor asks.

Never autoplays (so never with sound). The media player is created on the first press, not at
start-up, so a kiosk without a multimedia backend still starts. A missing file, a missing backend
or a decoding error shows a calm placeholder, never a crash or a dialog.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath
from PySide6.QtWidgets import QLabel, QPushButton, QStackedLayout, QVBoxLayout, QWidget

from kiosk.ui.theme import Theme
from kiosk.ui.widgets.images import ImageCache, placeholder
from kiosk.ui.widgets.qss import restyle

log = logging.getLogger("kiosk.ui.video")


class VideoPanel(QWidget):
    """16:9 video with a large play/pause button; :meth:`stop` on reset and navigation."""

    state_changed = Signal(str)
    """``idle``, ``playing``, ``paused``, ``unavailable``."""

    def __init__(self, cache: ImageCache | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cache = cache
        self._poster: Path | None = None
        self._path: Path | None = None
        self._player: Any = None
        self._audio: Any = None
        self._video_widget: QWidget | None = None
        self._color, self._tint, self._radius = "#0b6e4f", "#dbe9e4", 0
        self.state = "idle"
        self._stack = QStackedLayout(self)
        self._stack.setStackingMode(QStackedLayout.StackingMode.StackAll)
        self.controls = QWidget(self)
        controls = QVBoxLayout(self.controls)
        self.play_button = QPushButton("▶", self.controls)
        self.play_button.setObjectName("video-play")
        self.play_button.clicked.connect(self.toggle)
        self.message = QLabel(self.controls)
        self.message.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        controls.addStretch(1)
        controls.addWidget(self.play_button, 0, Qt.AlignmentFlag.AlignCenter)
        controls.addWidget(self.message, 0, Qt.AlignmentFlag.AlignHCenter)
        controls.addStretch(1)
        self._stack.addWidget(self.controls)
        self.texts = {"unavailable": "This video cannot be played here."}

    def apply(self, theme: Theme, color: str, tint: str) -> None:
        self._color, self._tint, self._radius = color, tint, theme.radius
        size = theme.button_height
        self.play_button.setFixedSize(size, size)
        restyle(
            self.play_button,
            f"QPushButton {{ background: {theme.palette.accent}; color: {theme.palette.on_accent};"
            " border: none;"
            f" border-radius: {size // 2}px; font-size: {theme.font_px('h2')}px; }}"
        )
        self.message.setFont(theme.font("caption"))
        restyle(self.message, f"color: {theme.palette.text}; background: transparent;")
        self.update()

    def set_poster(self, path: Path | None) -> None:
        """An image shown under the play button (the case study's hero), dimmed."""
        self._poster = path
        self.update()

    def set_source(self, path: Path | None) -> None:
        """A local video file, or None (the panel then hides itself: nothing to offer)."""
        self.stop()
        self._path = path
        self.message.setText("")
        self._set_state("idle")
        self.setVisible(path is not None)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return round(width * 9 / 16)

    def sizeHint(self) -> QSize:
        return QSize(640, 360)

    def paintEvent(self, event) -> None:
        """The poster: a tinted card under the controls (the video widget covers it while playing)."""
        if self.width() <= 0 or self.height() <= 0:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        poster = self._cache.pixmap(self._poster, self.size(), crop=True) if self._cache else None
        if poster is None:
            painter.drawPixmap(
                0, 0, placeholder(self.size(), self._color, self._tint, self._radius, glyph=False)
            )
        else:
            clip = QPainterPath()
            clip.addRoundedRect(QRectF(self.rect()), self._radius, self._radius)
            painter.setClipPath(clip)
            painter.drawPixmap(0, 0, poster)
            painter.fillRect(self.rect(), QColor(0, 0, 0, 90))
        painter.end()

    def _set_state(self, state: str) -> None:
        self.state = state
        self.play_button.setText("❚❚" if state == "playing" else "▶")
        self.play_button.setVisible(state != "unavailable")
        self.state_changed.emit(state)

    def _unavailable(self, why: str) -> None:
        log.warning("video unavailable (%s): %s", why, self._path)
        self.stop()
        self.message.setText(self.texts["unavailable"])
        self._set_state("unavailable")

    def _ensure_player(self) -> bool:
        if self._player is not None:
            return True
        try:
            from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
            from PySide6.QtMultimediaWidgets import QVideoWidget
        except ImportError as exc:  # a build without QtMultimedia
            self._unavailable(str(exc))
            return False
        self._audio = QAudioOutput(self)
        self._player = QMediaPlayer(self)
        self._player.setAudioOutput(self._audio)
        self._video_widget = QVideoWidget(self)
        self._player.setVideoOutput(self._video_widget)
        self._stack.insertWidget(1, self._video_widget)
        self._player.errorOccurred.connect(lambda _e, msg: self._unavailable(msg or "error"))
        self._player.playbackStateChanged.connect(self._on_playback)
        return True

    def toggle(self) -> None:
        if self.state == "playing":
            self.pause()
        else:
            self.play()

    def play(self) -> None:
        """Start on a visitor's press only."""
        if self._path is None or not self._path.is_file():
            self._unavailable("missing file")
            return
        if not self._ensure_player() or self._player is None:
            return
        if self._player.source() != QUrl.fromLocalFile(str(self._path)):
            self._player.setSource(QUrl.fromLocalFile(str(self._path)))
        self._player.play()
        self._set_state("playing")

    def pause(self) -> None:
        if self._player is not None:
            self._player.pause()
        self._set_state("paused")

    def stop(self) -> None:
        if self._player is not None:
            self._player.stop()
        if self.state in {"playing", "paused"}:
            self._set_state("idle")

    def _on_playback(self, state: object) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        if state == QMediaPlayer.PlaybackState.StoppedState and self.state == "playing":
            self._set_state("idle")
