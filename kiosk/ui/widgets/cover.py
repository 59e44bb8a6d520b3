"""Cover-scaled pack images for the shell's painted widgets (attract, tiles, logo).

Thin wrappers over :mod:`kiosk.ui.widgets.images` (the shared, size-checked loader).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QPixmap

from kiosk.ui.widgets.images import load_image, placeholder


def load_cover(path: Path | None, size: QSize) -> QPixmap | None:
    """``path`` scaled to cover ``size`` (centre crop), or None if missing, refused or broken."""
    image = load_image(path, size, crop=True)
    return QPixmap.fromImage(image) if image is not None else None


def load_fit(path: Path | None, size: QSize) -> QPixmap | None:
    """``path`` scaled to fit inside ``size`` (logos)."""
    image = load_image(path, size, crop=False)
    return QPixmap.fromImage(image) if image is not None else None


def cover_or_placeholder(path: Path | None, size: QSize, color: str, tint: str) -> QPixmap:
    return load_cover(path, size) or placeholder(size, color, tint)
