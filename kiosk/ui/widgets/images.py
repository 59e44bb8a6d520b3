"""Safe image loading shared by every screen.

Pack images are untrusted: a 20-byte PNG can claim 65535x65535 pixels and ask for 16 GB. So:

* the size is read from the header (:meth:`QImageReader.size`) **before** decoding; more than
  :data:`MAX_SIDE` px per side or :data:`MAX_PIXELS` pixels is refused;
* the decoder is asked for the target size only (``setScaledSize``; JPEG decodes scaled);
* Qt's own allocation limit stays on as a second fence;
* SVG (anything that is not PNG, JPEG or WebP by its magic bytes: store media files have no
  extension) must pass the SVG rule of :mod:`kiosk.content.svgsafe` *again* here, then goes through
  :class:`QSvgRenderer` from memory, rendered at the size needed and never larger; raster files are
  decoded only by the PNG, JPEG and WebP plugins, never by Qt's SVG image plugin;
* anything refused, missing or broken becomes a calm tinted placeholder, never a broken-image glyph.

Scaled pixmaps live in a small LRU bounded in bytes.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QImageReader, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.content.svgsafe import MAX_SVG_BYTES, svg_problems

log = logging.getLogger("kiosk.ui.images")

MAX_SIDE = 8192
MAX_PIXELS = 40_000_000
_RASTER_FORMATS = {b"png", b"jpeg", b"jpg", b"webp"}
ALLOCATION_LIMIT_MB = 256

QImageReader.setAllocationLimit(ALLOCATION_LIMIT_MB)


_RASTER_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")


def _is_raster(path: Path) -> bool:
    """PNG, JPEG or WebP by their magic bytes; everything else is treated as a candidate SVG."""
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError:
        return False
    return head.startswith(_RASTER_MAGIC) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")


def _is_svg(path: Path) -> bool:
    return not _is_raster(path)


def _safe_svg_bytes(path: Path) -> QByteArray | None:
    """The file's bytes if they pass the SVG rule (:mod:`kiosk.content.svgsafe`), else None.

    Checked again here, right before Qt sees them, so an SVG that reached the media directory
    without validation cannot make Qt open other files; rendered from memory, so no base path.
    """
    if path.stat().st_size > MAX_SVG_BYTES:
        log.warning("SVG too large, not rendered: %s", path)
        return None
    data = path.read_bytes()
    problems = svg_problems(data)
    if problems:
        log.warning("SVG refused (%s): %s", problems[0][1], path)
        return None
    return QByteArray(data)


def _target_size(native: QSize, target: QSize, crop: bool) -> QSize:
    """The size to decode to: cover ``target`` when cropping, fit inside it otherwise."""
    mode = Qt.AspectRatioMode.KeepAspectRatioByExpanding if crop else Qt.AspectRatioMode.KeepAspectRatio
    return native.scaled(target, mode)


def _crop_center(image: QImage, target: QSize) -> QImage:
    if image.width() <= target.width() and image.height() <= target.height():
        return image
    x = max(0, (image.width() - target.width()) // 2)
    y = max(0, (image.height() - target.height()) // 2)
    return image.copy(x, y, min(target.width(), image.width()), min(target.height(), image.height()))


def probe(path: Path) -> QSize | None:
    """Pixel size from the file header, without decoding; None when unknown or unreadable."""
    if _is_svg(path):
        data = _safe_svg_bytes(path)
        renderer = QSvgRenderer(data) if data is not None else None
        return renderer.defaultSize() if renderer is not None and renderer.isValid() else None
    reader = _raster_reader(path)
    size = reader.size()
    return size if size.isValid() else None


def within_limits(size: QSize) -> bool:
    return (
        0 < size.width() <= MAX_SIDE
        and 0 < size.height() <= MAX_SIDE
        and size.width() * size.height() <= MAX_PIXELS
    )


def _load_svg(path: Path, target: QSize, crop: bool) -> QImage | None:
    data = _safe_svg_bytes(path)
    if data is None:
        return None
    renderer = QSvgRenderer(data)
    if not renderer.isValid():
        return None
    native = renderer.defaultSize()
    if not native.isValid() or native.isEmpty():
        native = QSize(target)
    size = _target_size(native, target, crop)
    if size.isEmpty() or not within_limits(size):
        return None
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size.width(), size.height()))
    painter.end()
    return _crop_center(image, target) if crop else image


def _raster_reader(path: Path) -> QImageReader:
    """A reader that decodes only PNG, JPEG or WebP, never Qt's SVG image plugin."""
    reader = QImageReader(str(path))
    reader.setDecideFormatFromContent(True)
    if bytes(reader.format().data()).lower() not in _RASTER_FORMATS:
        reader = QImageReader()  # no device: size() is invalid and read() fails
    return reader


def _load_raster(path: Path, target: QSize, crop: bool) -> QImage | None:
    reader = _raster_reader(path)
    reader.setAutoTransform(True)
    native = reader.size()
    if not native.isValid() or not within_limits(native):
        log.warning("image refused (size %sx%s from header): %s", native.width(), native.height(), path)
        return None
    size = _target_size(native, target, crop)
    if size.width() < native.width() and not size.isEmpty():
        reader.setScaledSize(size)
    image = reader.read()
    if image.isNull():
        log.warning("image not decodable (%s): %s", reader.errorString(), path)
        return None
    if image.size() != size and not size.isEmpty():
        mode = Qt.AspectRatioMode.KeepAspectRatioByExpanding if crop else Qt.AspectRatioMode.KeepAspectRatio
        image = image.scaled(target, mode, Qt.TransformationMode.SmoothTransformation)
    return _crop_center(image, target) if crop else image


def load_image(path: Path | None, target: QSize, crop: bool = False) -> QImage | None:
    """``path`` decoded at ``target`` size (cover + centre crop, or fit); None if refused or broken.

    Thread-safe (QImage only), so it may run in a worker.
    """
    if path is None or target.isEmpty():
        return None
    try:
        if not path.is_file():
            return None
        if _is_svg(path):
            return _load_svg(path, target, crop)
        return _load_raster(path, target, crop)
    except OSError as exc:
        log.warning("image not readable: %s (%s)", path, exc)
        return None


def placeholder(size: QSize, color: str, tint: str, radius: int = 0, glyph: bool = True) -> QPixmap:
    """A tinted card with a quiet picture glyph: what a missing or refused image looks like."""
    pixmap = QPixmap(size.expandedTo(QSize(1, 1)))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    path = QPainterPath()
    path.addRoundedRect(QRectF(pixmap.rect()), radius, radius)
    painter.fillPath(path, QColor(tint))
    side = min(size.width(), size.height()) * 0.28
    if glyph and side >= 12:
        cx, cy = size.width() / 2, size.height() / 2
        ink = QColor(color)
        ink.setAlphaF(0.45)
        pen = QPen(ink, max(2.0, side / 14))
        painter.setPen(pen)
        frame = QRectF(cx - side / 2, cy - side * 0.38, side, side * 0.76)
        painter.drawRoundedRect(frame, side / 10, side / 10)
        painter.setBrush(ink)
        painter.drawEllipse(
            QRectF(frame.left() + side * 0.18, frame.top() + side * 0.14, side * 0.16, side * 0.16)
        )
        mountain = QPainterPath()
        mountain.moveTo(frame.left() + side * 0.1, frame.bottom() - side * 0.1)
        mountain.lineTo(frame.left() + side * 0.42, frame.top() + side * 0.34)
        mountain.lineTo(frame.left() + side * 0.62, frame.top() + side * 0.52)
        mountain.lineTo(frame.left() + side * 0.74, frame.top() + side * 0.42)
        mountain.lineTo(frame.right() - side * 0.1, frame.bottom() - side * 0.1)
        mountain.closeSubpath()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawPath(mountain)
    painter.end()
    return pixmap


def rounded(pixmap: QPixmap, radius: int) -> QPixmap:
    """``pixmap`` with its corners cut round (``radius`` in the pixmap's own pixels)."""
    out = QPixmap(pixmap.size())
    out.fill(Qt.GlobalColor.transparent)
    painter = QPainter(out)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    clip = QPainterPath()
    clip.addRoundedRect(QRectF(0, 0, pixmap.width(), pixmap.height()), radius, radius)
    painter.setClipPath(clip)
    painter.drawPixmap(QRectF(0, 0, pixmap.width(), pixmap.height()), pixmap, QRectF(pixmap.rect()))
    painter.end()
    return out


class ImageCache:
    """Scaled pixmaps by (file, size, crop), least recently used first out, bounded in bytes.

    Refused or broken files are remembered too (as None) so they are not re-read on every paint.
    """

    def __init__(self, max_bytes: int = 96 << 20) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[tuple[str, int, int, bool, int], QPixmap | None] = OrderedDict()
        self._bytes = 0

    @property
    def bytes_used(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._items)

    @staticmethod
    def _cost(pixmap: QPixmap | None) -> int:
        return 64 if pixmap is None else max(64, pixmap.width() * pixmap.height() * 4)

    def pixmap(self, path: Path | None, target: QSize, crop: bool = False, radius: int = 0) -> QPixmap | None:
        """The image at ``target`` size (device pixels), or None: the caller draws a placeholder.

        ``radius`` > 0: the same image with its corners already rounded (transparent), so a view
        draws it with a plain blit instead of through an anti-aliased clip path on every paint.
        """
        if path is None or target.isEmpty():
            return None
        key = (str(path), target.width(), target.height(), crop, radius)
        if key in self._items:
            self._items.move_to_end(key)
            return self._items[key]
        plain = self._items.get((*key[:4], 0)) if radius > 0 else None
        if plain is None:
            image = load_image(path, target, crop)
            plain = QPixmap.fromImage(image) if image is not None else None
        pixmap = rounded(plain, radius) if plain is not None and radius > 0 else plain
        self.put(key, pixmap)  # the rounded copy only: a view that rounds never draws the plain one
        return pixmap

    def put(self, key: tuple[str, int, int, bool, int], pixmap: QPixmap | None) -> None:
        if key in self._items:
            self._bytes -= self._cost(self._items.pop(key))
        cost = self._cost(pixmap)
        if cost > self.max_bytes:
            return
        self._items[key] = pixmap
        self._bytes += cost
        while self._bytes > self.max_bytes and self._items:
            _, old = self._items.popitem(last=False)
            self._bytes -= self._cost(old)

    def clear(self) -> None:
        self._items.clear()
        self._bytes = 0


class ImageView(QWidget):
    """Paints one pack image filling the widget (cover + centre crop, rounded corners).

    Loads lazily at the size it is shown at, through the shared :class:`ImageCache`; shows the
    placeholder for a missing, refused or broken file.
    """

    def __init__(self, cache: ImageCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cache = cache
        self._path: Path | None = None
        self._color = "#0b6e4f"
        self._tint = "#dbe9e4"
        self._radius = 0
        self._crop = True
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)

    def set_source(self, path: Path | None) -> None:
        if path != self._path:
            self._path = path
            self.update()

    @property
    def source(self) -> Path | None:
        return self._path

    def set_style(self, color: str, tint: str, radius: int, crop: bool = True) -> None:
        self._color, self._tint, self._radius, self._crop = color, tint, radius, crop
        self.update()

    def current_pixmap(self) -> QPixmap | None:
        """What the view shows at its size (None: the placeholder)."""
        ratio = self.devicePixelRatioF()
        target = QSize(round(self.width() * ratio), round(self.height() * ratio))
        return self._cache.pixmap(self._path, target, self._crop)

    def paintEvent(self, event) -> None:
        if self.width() <= 0 or self.height() <= 0:
            return
        ratio = self.devicePixelRatioF()
        target = QSize(round(self.width() * ratio), round(self.height() * ratio))
        radius = round(self._radius * ratio)
        pixmap = self._cache.pixmap(self._path, target, self._crop, radius)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        if pixmap is not None and pixmap.size() == target:
            # The usual case (cover + crop fills the view): corners rounded once, in the cache.
            painter.drawPixmap(self.rect(), pixmap)
            painter.end()
            return
        clip = QPainterPath()
        clip.addRoundedRect(QRectF(self.rect()), self._radius, self._radius)
        painter.setClipPath(clip)
        if pixmap is None:
            painter.drawPixmap(self.rect(), placeholder(self.size(), self._color, self._tint, self._radius))
        else:
            size = pixmap.deviceIndependentSize() / ratio
            x = (self.width() - size.width()) // 2
            y = (self.height() - size.height()) // 2
            painter.drawPixmap(QRectF(x, y, size.width(), size.height()), pixmap, QRectF(pixmap.rect()))
        painter.end()
