"""Checks for the pack's image and video files.

The loader reads only image headers (Pillow opens lazily) so installing thousands of images stays
fast; ``inspect_pack(deep=True)`` also decodes each raster image fully. Dimensions are checked from the
header *before* any decoding, so a tiny file claiming 100,000 px is refused without a big alloc.
"""

from __future__ import annotations

import io
import warnings
from typing import BinaryIO

from PIL import Image

from kiosk.content.svgsafe import svg_problems
from kiosk.errors import Problem

RASTER = {"png": "PNG", "jpg": "JPEG", "jpeg": "JPEG", "webp": "WEBP"}
IMAGE_EXTS = {*RASTER, "svg"}
VIDEO_EXTS = {"mp4", "webm"}
MAX_SIDE = 16384
MAX_PIXELS = 50_000_000
ADVISED_SIDE = 4096
ADVISED_IMAGE_BYTES = 5 * 1024 * 1024
ADVISED_VIDEO_BYTES = 150 * 1024 * 1024


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
    """The SVG rule of :mod:`kiosk.content.svgsafe`: only what is inside the file itself is drawn."""
    return [Problem(name, line, message) for line, message in svg_problems(data)]


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


def as_stream(data: bytes) -> BinaryIO:
    return io.BytesIO(data)
