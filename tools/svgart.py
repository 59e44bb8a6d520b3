"""Flat-style SVG drawing primitives for the bundled pack's illustrations.

Only SVG Tiny 1.2 features that Qt renders: shapes, paths, groups, gradients, opacity and
transforms. No text, filters, masks, CSS or external references.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field


@dataclass
class Canvas:
    """Collects gradient definitions and shapes, then serialises one SVG document."""

    width: int
    height: int
    defs: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    _ids: int = 0

    def gradient(
        self, stops: list[tuple[float, str, float]], *, vertical: bool = True, radial: bool = False
    ) -> str:
        """Add a gradient and return ``url(#id)``; stops are ``(offset, colour, opacity)``."""
        self._ids += 1
        gid = f"g{self._ids}"
        st = "".join(f'<stop offset="{o:.2f}" stop-color="{c}" stop-opacity="{a:.2f}"/>' for o, c, a in stops)
        if radial:
            self.defs.append(f'<radialGradient id="{gid}" cx="0.5" cy="0.5" r="0.5">{st}</radialGradient>')
        else:
            x2, y2 = ("0", "1") if vertical else ("1", "0")
            self.defs.append(
                f'<linearGradient id="{gid}" x1="0" y1="0" x2="{x2}" y2="{y2}">{st}</linearGradient>'
            )
        return f"url(#{gid})"

    def add(self, element: str) -> None:
        self.body.append(element)

    def svg(self) -> str:
        defs = f"<defs>{''.join(self.defs)}</defs>" if self.defs else ""
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny" '
            f'width="{self.width}" height="{self.height}" viewBox="0 0 {self.width} {self.height}">'
            f"{defs}\n" + "\n".join(self.body) + "\n</svg>\n"
        )


def f(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def rect(
    c: Canvas, x: float, y: float, w: float, h: float, fill: str, *, rx: float = 0, opacity: float = 1.0
) -> None:
    op = f' opacity="{opacity:.2f}"' if opacity < 1 else ""
    r = f' rx="{f(rx)}"' if rx else ""
    c.add(f'<rect x="{f(x)}" y="{f(y)}" width="{f(w)}" height="{f(h)}"{r} fill="{fill}"{op}/>')


def circle(
    c: Canvas,
    x: float,
    y: float,
    r: float,
    fill: str,
    *,
    opacity: float = 1.0,
    stroke: str = "",
    width: float = 0,
) -> None:
    op = f' opacity="{opacity:.2f}"' if opacity < 1 else ""
    st = f' stroke="{stroke}" stroke-width="{f(width)}"' if stroke else ""
    c.add(f'<circle cx="{f(x)}" cy="{f(y)}" r="{f(r)}" fill="{fill}"{st}{op}/>')


def ellipse(c: Canvas, x: float, y: float, rx: float, ry: float, fill: str, *, opacity: float = 1.0) -> None:
    op = f' opacity="{opacity:.2f}"' if opacity < 1 else ""
    c.add(f'<ellipse cx="{f(x)}" cy="{f(y)}" rx="{f(rx)}" ry="{f(ry)}" fill="{fill}"{op}/>')


def poly(c: Canvas, pts: list[tuple[float, float]], fill: str, *, opacity: float = 1.0) -> None:
    op = f' opacity="{opacity:.2f}"' if opacity < 1 else ""
    p = " ".join(f"{f(x)},{f(y)}" for x, y in pts)
    c.add(f'<polygon points="{p}" fill="{fill}"{op}/>')


def line(
    c: Canvas,
    pts: list[tuple[float, float]],
    stroke: str,
    width: float,
    *,
    opacity: float = 1.0,
    dash: str = "",
) -> None:
    op = f' opacity="{opacity:.2f}"' if opacity < 1 else ""
    d = f' stroke-dasharray="{dash}"' if dash else ""
    p = " ".join(f"{f(x)},{f(y)}" for x, y in pts)
    c.add(
        f'<polyline points="{p}" fill="none" stroke="{stroke}" stroke-width="{f(width)}" '
        f'stroke-linecap="round" stroke-linejoin="round"{d}{op}/>'
    )


def path(c: Canvas, d: str, fill: str, *, opacity: float = 1.0, stroke: str = "", width: float = 0) -> None:
    op = f' opacity="{opacity:.2f}"' if opacity < 1 else ""
    st = (
        (f' stroke="{stroke}" stroke-width="{f(width)}" stroke-linecap="round" stroke-linejoin="round"')
        if stroke
        else ""
    )
    c.add(f'<path d="{d}" fill="{fill}"{st}{op}/>')


# --- scenery -----------------------------------------------------------------------------------


def sky(c: Canvas, top: str, bottom: str, horizon: float) -> None:
    rect(c, 0, 0, c.width, horizon + 2, c.gradient([(0, top, 1), (1, bottom, 1)]))


def sun(c: Canvas, x: float, y: float, r: float, color: str) -> None:
    glow = c.gradient([(0, color, 0.55), (1, color, 0)], radial=True)
    circle(c, x, y, r * 3.2, glow)
    circle(c, x, y, r, color)


def cloud(c: Canvas, x: float, y: float, s: float, color: str = "#ffffff", opacity: float = 0.8) -> None:
    c.add(f'<g opacity="{opacity:.2f}">')
    for dx, dy, rx, ry in ((0, 0, 60, 22), (-40, 6, 40, 16), (45, 5, 45, 17), (5, -14, 34, 20)):
        ellipse(c, x + dx * s, y + dy * s, rx * s, ry * s, color)
    c.add("</g>")


def hills(
    c: Canvas, base: float, amp: float, color: str, rng: random.Random, *, n: int = 4, opacity: float = 1.0
) -> None:
    w, h = c.width, c.height
    xs = [i * w / n for i in range(n + 1)]
    d = f"M0,{f(h)} L0,{f(base)}"
    for i in range(n):
        cx = (xs[i] + xs[i + 1]) / 2
        peak = base - amp * rng.uniform(0.4, 1.2)
        end = base + rng.uniform(-amp, amp) * 0.3
        d += f" Q{f(cx)},{f(peak)} {f(xs[i + 1])},{f(end)}"
    d += f" L{f(w)},{f(h)} Z"
    path(c, d, color, opacity=opacity)


def sea(
    c: Canvas, top: float, color_top: str, color_bottom: str, rng: random.Random, waves: int = 14
) -> None:
    rect(c, 0, top, c.width, c.height - top, c.gradient([(0, color_top, 1), (1, color_bottom, 1)]))
    for _ in range(waves):
        y = rng.uniform(top + 10, c.height - 10)
        x = rng.uniform(-50, c.width)
        ln = rng.uniform(40, 160) * (0.5 + (y - top) / (c.height - top))
        line(c, [(x, y), (x + ln, y)], "#ffffff", 3, opacity=0.25)


def skyline(
    c: Canvas,
    base: float,
    color: str,
    window: str,
    rng: random.Random,
    *,
    x0: float = 0,
    x1: float | None = None,
    hmin: float = 60,
    hmax: float = 220,
    spire: bool = True,
) -> None:
    x1 = c.width if x1 is None else x1
    x = x0
    while x < x1:
        w = rng.uniform(50, 120)
        h = rng.uniform(hmin, hmax)
        if rng.random() < 0.35:
            poly(
                c,
                [
                    (x, base),
                    (x, base - h),
                    (x + w / 2, base - h - w * 0.45),
                    (x + w, base - h),
                    (x + w, base),
                ],
                color,
            )
        else:
            rect(c, x, base - h, w, h, color)
        for wy in range(int(base - h + 16), int(base - 14), 26):
            for wx in range(int(x + 10), int(x + w - 14), 20):
                if rng.random() < 0.55:
                    rect(c, wx, wy, 8, 12, window, opacity=0.7)
        if spire and rng.random() < 0.12:
            poly(
                c, [(x + w / 2 - 8, base - h), (x + w / 2, base - h - 120), (x + w / 2 + 8, base - h)], color
            )
        x += w + rng.uniform(2, 14)


def turbine(
    c: Canvas, x: float, base: float, height: float, color: str, angle: float, opacity: float = 1.0
) -> None:
    top = base - height
    c.add(f'<g opacity="{opacity:.2f}">')
    poly(
        c,
        [
            (x - height * 0.025, base),
            (x - height * 0.01, top),
            (x + height * 0.01, top),
            (x + height * 0.025, base),
        ],
        color,
    )
    rect(c, x - height * 0.03, top - height * 0.02, height * 0.07, height * 0.035, color, rx=height * 0.01)
    blade = (
        f"M{f(x)},{f(top)} C{f(x + height * 0.04)},{f(top - height * 0.15)} "
        f"{f(x + height * 0.02)},{f(top - height * 0.4)} {f(x)},{f(top - height * 0.52)} "
        f"C{f(x - height * 0.015)},{f(top - height * 0.35)} {f(x - height * 0.02)},{f(top - height * 0.15)} "
        f"{f(x)},{f(top)} Z"
    )
    for k in range(3):
        c.add(
            f'<g transform="rotate({f(angle + k * 120)} {f(x)} {f(top)})">'
            f'<path d="{blade}" fill="{color}"/></g>'
        )
    circle(c, x, top, height * 0.025, color)
    c.add("</g>")


def tree(c: Canvas, x: float, base: float, s: float, color: str, trunk: str) -> None:
    rect(c, x - 3 * s, base - 30 * s, 6 * s, 30 * s, trunk)
    circle(c, x, base - 42 * s, 22 * s, color)
    circle(c, x - 12 * s, base - 32 * s, 14 * s, color)
    circle(c, x + 13 * s, base - 33 * s, 15 * s, color)


def lamp(
    c: Canvas, x: float, base: float, h: float, pole: str, light: str, *, glow: bool = True, style: int = 0
) -> None:
    if glow:
        cone = c.gradient([(0, light, 0.55), (1, light, 0)])
        poly(
            c,
            [
                (x + h * 0.25 - 10, base - h + 8),
                (x + h * 0.25 + 10, base - h + 8),
                (x + h * 0.25 + h * 0.45, base),
                (x + h * 0.25 - h * 0.45, base),
            ],
            cone,
        )
        ellipse(c, x + h * 0.25, base, h * 0.45, h * 0.06, light, opacity=0.35)
    rect(c, x - 4, base - h, 8, h, pole, rx=3)
    if style == 0:
        line(c, [(x, base - h + 4), (x + h * 0.12, base - h - 10), (x + h * 0.25, base - h)], pole, 6)
        rect(c, x + h * 0.25 - 22, base - h - 4, 44, 12, pole, rx=6)
        rect(c, x + h * 0.25 - 18, base - h + 6, 36, 5, light, rx=2)
    elif style == 1:
        circle(c, x, base - h - 14, 18, light)
        circle(c, x, base - h - 14, 18, "none", stroke=pole, width=5)
    else:
        rect(c, x - 14, base - h - 30, 28, 30, light, rx=4)
        rect(c, x - 18, base - h - 36, 36, 8, pole, rx=3)


def bicycle(c: Canvas, x: float, y: float, s: float, color: str, rider: str | None = None) -> None:
    r = 26 * s
    w = 4 * s
    circle(c, x, y, r, "none", stroke=color, width=w)
    circle(c, x + 70 * s, y, r, "none", stroke=color, width=w)
    line(c, [(x, y), (x + 28 * s, y - 34 * s), (x + 60 * s, y - 34 * s), (x + 70 * s, y)], color, w)
    line(c, [(x, y), (x + 34 * s, y), (x + 28 * s, y - 34 * s)], color, w)
    line(c, [(x + 34 * s, y), (x + 60 * s, y - 34 * s)], color, w)
    line(c, [(x + 60 * s, y - 34 * s), (x + 58 * s, y - 46 * s), (x + 66 * s, y - 48 * s)], color, w)
    line(c, [(x + 26 * s, y - 38 * s), (x + 22 * s, y - 44 * s), (x + 34 * s, y - 44 * s)], color, w)
    if rider:
        line(c, [(x + 28 * s, y - 46 * s), (x + 40 * s, y - 92 * s)], rider, 12 * s)
        line(c, [(x + 40 * s, y - 88 * s), (x + 62 * s, y - 52 * s)], rider, 7 * s)
        line(c, [(x + 28 * s, y - 46 * s), (x + 44 * s, y - 22 * s), (x + 36 * s, y - 2 * s)], rider, 8 * s)
        circle(c, x + 44 * s, y - 108 * s, 11 * s, rider)


def drop(c: Canvas, x: float, y: float, s: float, color: str, opacity: float = 1.0) -> None:
    d = (
        f"M{f(x)},{f(y - 40 * s)} C{f(x + 6 * s)},{f(y - 22 * s)} {f(x + 26 * s)},{f(y - 6 * s)} "
        f"{f(x + 26 * s)},{f(y + 12 * s)} C{f(x + 26 * s)},{f(y + 27 * s)} {f(x + 14 * s)},{f(y + 38 * s)} "
        f"{f(x)},{f(y + 38 * s)} C{f(x - 14 * s)},{f(y + 38 * s)} {f(x - 26 * s)},{f(y + 27 * s)} "
        f"{f(x - 26 * s)},{f(y + 12 * s)} C{f(x - 26 * s)},{f(y - 6 * s)} {f(x - 6 * s)},{f(y - 22 * s)} "
        f"{f(x)},{f(y - 40 * s)} Z"
    )
    path(c, d, color, opacity=opacity)
    ellipse(c, x - 9 * s, y + 8 * s, 5 * s, 9 * s, "#ffffff", opacity=0.45 * opacity)


def tank(c: Canvas, x: float, base: float, w: float, h: float, color: str, top: str) -> None:
    rect(c, x, base - h, w, h, color)
    ellipse(c, x + w / 2, base - h, w / 2, w * 0.12, top)
    for k in range(1, 4):
        line(c, [(x, base - h * k / 4), (x + w, base - h * k / 4)], top, 2, opacity=0.5)


def plant(
    c: Canvas, x: float, base: float, w: float, h: float, color: str, roof: str, rng: random.Random
) -> None:
    """An industrial hall with a saw-tooth roof and a chimney-free stack of vents."""
    rect(c, x, base - h, w, h, color)
    n = max(2, int(w // 70))
    step = w / n
    for i in range(n):
        poly(
            c, [(x + i * step, base - h), (x + i * step, base - h - 26), (x + (i + 1) * step, base - h)], roof
        )
    for i in range(int(w // 46)):
        rect(c, x + 14 + i * 46, base - h * 0.55, 26, h * 0.3, roof, opacity=0.45)
    rect(c, x + w * rng.uniform(0.2, 0.7), base - h - 60, 18, 60, roof)


def pipes(c: Canvas, y: float, x0: float, x1: float, hot: str, cold: str, rng: random.Random) -> None:
    for k, colr in enumerate((hot, cold)):
        yy = y + k * 28
        line(c, [(x0, yy), (x1, yy)], colr, 16)
        for _ in range(int((x1 - x0) / 90)):
            px = rng.uniform(x0 + 20, x1 - 20)
            dx = 14 if k == 0 else -14
            poly(c, [(px, yy - 6), (px + dx, yy), (px, yy + 6)], "#ffffff", opacity=0.75)


def network(
    c: Canvas, nodes: list[tuple[float, float]], edges: list[tuple[int, int]], color: str, node: str
) -> None:
    for a, b in edges:
        line(c, [nodes[a], nodes[b]], color, 5, opacity=0.8)
    for x, y in nodes:
        circle(c, x, y, 13, node)
        circle(c, x, y, 22, node, opacity=0.25)


def ring_dots(c: Canvas, x: float, y: float, r: float, n: int, color: str, size: float) -> None:
    for k in range(n):
        a = 2 * math.pi * k / n
        circle(c, x + r * math.cos(a), y + r * math.sin(a), size, color)
