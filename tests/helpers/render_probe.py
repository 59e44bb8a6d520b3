"""Render image files the way the kiosk does, bracketed by marker opens for an strace file probe.

Run as ``python -m tests.helpers.render_probe MARKDIR [--raw] FILE...``. It warms Qt up first (plugins,
fonts) on a harmless SVG and PNG, then opens ``MARKDIR/probe-start`` (which does not exist), renders
each FILE (after opening ``MARKDIR/probe-at-<its name>``), opens ``MARKDIR/probe-end`` and prints
one JSON line: ``{"FILE": rendered?}``. Only the opens between the two markers are what rendering
the files did. ``--raw`` renders with a bare ``QSvgRenderer(path)`` instead of the kiosk's loader:
the control that shows the probe can see Qt follow a hostile reference.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

WARM_SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" '
            b'fill="#08f"/><text x="2" y="15" font-size="12">Aa</text></svg>')


def _mark(markdir: Path, name: str) -> None:
    with contextlib.suppress(OSError):
        os.close(os.open(markdir / name, os.O_RDONLY))


def main(argv: list[str]) -> int:
    from PIL import Image
    from PySide6.QtCore import QRectF, QSize
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    from kiosk.content.svgsafe import svg_problems
    from kiosk.ui.widgets.images import load_image

    markdir, raw = Path(argv[0]), "--raw" in argv
    files = [Path(a) for a in argv[1:] if a != "--raw"]
    app = QGuiApplication([])
    warm = markdir / "warm"
    warm.mkdir(exist_ok=True)
    (warm / "w.svg").write_bytes(WARM_SVG)
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    image.fill(0xFF00FF00)
    image.save(str(warm / "w.png"))
    for path in (warm / "w.svg", warm / "w.png"):
        load_image(path, QSize(64, 64))
    QSvgRenderer(str(warm / "w.svg")).isValid()
    Image.init()  # Pillow imports its format plugins lazily: do it before the probe starts
    svg_problems(WARM_SVG.replace(b"</svg>", b'<image href="data:image/png;base64,AAAA"/></svg>'))
    _mark(markdir, "probe-start")
    results: dict[str, bool] = {}
    for path in files:
        _mark(markdir, f"probe-at-{path.name}")
        if raw:
            renderer = QSvgRenderer(str(path))
            target = QImage(200, 200, QImage.Format.Format_ARGB32_Premultiplied)
            painter = QPainter(target)
            renderer.render(painter, QRectF(0, 0, 200, 200))
            painter.end()
            results[str(path)] = renderer.isValid()
        else:
            results[str(path)] = load_image(path, QSize(200, 200)) is not None
    _mark(markdir, "probe-end")
    print(json.dumps(results))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
