"""Colour arithmetic for the themes: WCAG contrast, tints, and readable accents. Pure Python."""

from __future__ import annotations


def parse_hex(color: str) -> tuple[int, int, int]:
    c = color.strip().lstrip("#")
    if len(c) == 3:
        c = "".join(ch * 2 for ch in c)
    if len(c) != 6:
        raise ValueError(f"not a #rrggbb colour: {color!r}")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


def to_hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(v))):02x}" for v in rgb)


def relative_luminance(color: str) -> float:
    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = parse_hex(color)
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_ratio(a: str, b: str) -> float:
    la, lb = relative_luminance(a), relative_luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def mix(a: str, b: str, t: float) -> str:
    """``t`` = 0 gives ``a``, 1 gives ``b``."""
    ra, rb = parse_hex(a), parse_hex(b)
    return to_hex(tuple(x + (y - x) * t for x, y in zip(ra, rb, strict=True)))  # type: ignore[arg-type]


def readable_on(color: str, background: str, minimum: float = 4.5) -> str:
    """``color`` darkened or lightened just enough to reach ``minimum`` contrast on ``background``."""
    if contrast_ratio(color, background) >= minimum:
        return color
    target = "#000000" if relative_luminance(background) > 0.18 else "#ffffff"
    for step in range(1, 101):
        candidate = mix(color, target, step / 100)
        if contrast_ratio(candidate, background) >= minimum:
            return candidate
    return target


def best_text_on(background: str) -> str:
    """Near-black or white, whichever reads better on ``background``."""
    dark, light = "#111418", "#ffffff"
    return dark if contrast_ratio(dark, background) >= contrast_ratio(light, background) else light
