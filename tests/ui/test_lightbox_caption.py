"""The gallery lightbox caption sits on a scrim that keeps WCAG AA over any picture, even a white one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QWidget

from kiosk.ui.colors import contrast_ratio
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.gallery import Picture, ZoomOverlay
from kiosk.ui.widgets.images import ImageCache


def test_caption_over_a_white_picture_is_readable(qtbot, tmp_path: Path) -> None:
    white = tmp_path / "white.png"
    image = QImage(1600, 900, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    assert image.save(str(white))
    host = QWidget()
    qtbot.addWidget(host)
    host.resize(1920, 1080)
    overlay = ZoomOverlay(ImageCache(), host)
    theme = Theme(1920, 1080)
    overlay.apply(theme, "#0b6e4f", "#dbe9e4")
    host.show()
    overlay.open([Picture(white, "A long caption about the pale picture behind it, in white text")], 0)
    qtbot.waitExposed(host)
    caption = overlay.caption
    assert caption.isVisible() and caption.height() >= caption.heightForWidth(caption.width())
    shot = host.grab().toImage()
    corner = caption.mapTo(host, QPoint(caption.width() // 2, 2))  # top padding, over the picture
    behind = shot.pixelColor(corner).name()
    assert contrast_ratio("#ffffff", behind) >= 4.5, behind
    overlay.close_overlay()
