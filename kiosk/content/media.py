"""Checks for the pack's image and video files.

The loader reads only image headers (Pillow opens lazily) so installing thousands of images stays
fast; ``validate_pack`` also decodes each raster image fully. Dimensions are checked from the
header *before* any decoding, so a tiny file claiming 100,000 px is refused without a big alloc.
"""

from __future__ import annotations

import io
import re
import warnings
import xml.etree.ElementTree as ET
from typing import BinaryIO

from PIL import Image

from kiosk.errors import Problem

RASTER = {"png": "PNG", "jpg": "JPEG", "jpeg": "JPEG", "webp": "WEBP"}
IMAGE_EXTS = {*RASTER, "svg"}
VIDEO_EXTS = {"mp4", "webm"}
MAX_SIDE = 16384
MAX_PIXELS = 50_000_000
ADVISED_SIDE = 4096
ADVISED_IMAGE_BYTES = 5 * 1024 * 1024
ADVISED_VIDEO_BYTES = 150 * 1024 * 1024
_CSS_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)([^)'\"]*)", re.IGNORECASE)


def ext(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name.rsplit("/", 1)[-1] else ""


def check_raster(name: str, stream: BinaryIO, size: int, deep: bool) -> list[Problem]:
    """Header check (format, dimensions); with ``deep``, a full decode."""
    out: list[Problem] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im = Image.open(stream)
            width, height = im.size
            fmt = im.format or "?"
            if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
                return [Problem(name, None, f"image is {width}x{height} px; the limit is {MAX_SIDE} px "
                                            "per side and 50 megapixels (3840 px wide is plenty)")]
            if deep:
                im.verify()
                stream.seek(0)
                Image.open(stream).load()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return [Problem(name, None, f"image is larger than {MAX_PIXELS // 1_000_000} megapixels")]
    except (OSError, SyntaxError, ValueError, Image.UnidentifiedImageError) as exc:
        return [Problem(name, None, f"not a readable image ({exc}); re-export it as PNG, JPEG or WebP")]
    expected = RASTER[ext(name)]
    if fmt != expected:
        out.append(Problem(name, None, f"file is {fmt} but named .{ext(name)}; rename it", "warning"))
    if max(width, height) > ADVISED_SIDE:
        out.append(Problem(name, None, f"image is {width}x{height} px; scale it to at most "
                                       f"{ADVISED_SIDE} px per side to save space", "warning"))
    if size > ADVISED_IMAGE_BYTES:
        out.append(Problem(name, None, f"image file is {size / 1e6:.1f} MB; aim for under 5 MB",
                           "warning"))
    return out


def check_svg(name: str, data: bytes) -> list[Problem]:
    """Well-formed XML with an <svg> root, no scripts, no external references, no entities."""
    if b"<!ENTITY" in data or b"<!entity" in data:
        return [Problem(name, None, "SVG must not declare XML entities")]
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        return [Problem(name, line, f"SVG is not well-formed XML: {exc}")]
    if _local(root.tag) != "svg":
        return [Problem(name, None, f"not an SVG image: root element is <{_local(root.tag)}>")]
    for el in root.iter():
        tag = _local(el.tag)
        if tag in ("script", "foreignObject"):
            return [Problem(name, None, f"SVG must not contain <{tag}>")]
        for attr, value in el.attrib.items():
            local = _local(attr)
            if local.startswith("on"):
                return [Problem(name, None, f"SVG must not contain event handlers ({local}=)")]
            if local == "href" and not value.strip().startswith(("#", "data:image/")):
                return [Problem(name, None, f"SVG refers to an external resource ({value[:60]!r}); "
                                            "embed it or remove it")]
            if local == "style" and _CSS_URL.search(value):
                return [Problem(name, None, "SVG style refers to an external resource (url(...))")]
        if tag == "style" and el.text and (_CSS_URL.search(el.text) or "@import" in el.text):
            return [Problem(name, None, "SVG style refers to an external resource (url(...) or @import)")]
    return []


def check_video(name: str, head: bytes, size: int) -> list[Problem]:
    kind = ext(name)
    ok = head[4:8] == b"ftyp" if kind == "mp4" else head[:4] == b"\x1a\x45\xdf\xa3"
    out: list[Problem] = []
    if not ok:
        out.append(Problem(name, None, f"not an {kind.upper()} video (wrong file header); "
                                       "export as MP4 (H.264) or WebM (VP9)"))
    if size > ADVISED_VIDEO_BYTES:
        out.append(Problem(name, None, f"video is {size / 1e6:.0f} MB; aim for under 150 MB "
                                       "(1080p, 8 Mbit/s)", "warning"))
    return out


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def as_stream(data: bytes) -> BinaryIO:
    return io.BytesIO(data)
