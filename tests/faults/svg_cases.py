"""Hostile SVGs that try to make the renderer open files outside the pack, and a harmless one."""

from __future__ import annotations

import base64
import io
from pathlib import Path

from PIL import Image

NS = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="200" height="200"'


def png_bytes(color: str = "red") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (16, 16), color).save(out, "PNG")
    return out.getvalue()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def write_secrets(outside: Path) -> dict[str, Path]:
    """Files outside the pack a hostile SVG points at: a picture, an SVG and a style sheet."""
    outside.mkdir(parents=True, exist_ok=True)
    secret_png = outside / "secret.png"
    secret_png.write_bytes(png_bytes("blue"))
    secret_svg = outside / "secret.svg"
    secret_svg.write_text(f'<svg {NS}><rect id="a" width="10" height="10"/></svg>')
    secret_css = outside / "secret.css"
    secret_css.write_text("rect { fill: red }")
    return {"png": secret_png, "svg": secret_svg, "css": secret_css}


def hostile(secrets: dict[str, Path]) -> dict[str, bytes]:
    png, svg, css = (secrets[k].as_posix() for k in ("png", "svg", "css"))
    inner = f'<svg {NS}><image xlink:href="file://{png}" width="200" height="200"/></svg>'
    inner_rel = f'<svg {NS}><image href="{png}" width="200" height="200"/></svg>'
    cases = {
        "nested-data-svg": f'<svg {NS}><image href="data:image/svg+xml;base64,{b64(inner.encode())}" '
                           'width="200" height="200"/></svg>',
        "nested-data-svg-as-png": f'<svg {NS}><image href="data:image/png;base64,{b64(inner_rel.encode())}" '
                                  'width="200" height="200"/></svg>',
        "xlink-href-image": f'<svg {NS}><image xlink:href="{png}" width="200" height="200"/></svg>',
        "href-file-url": f'<svg {NS}><image href="file://{png}" width="200" height="200"/></svg>',
        "use-external": f'<svg {NS}><use xlink:href="{svg}#a"/><use href="file://{svg}#a"/></svg>',
        "css-url-attr": f'<svg {NS}><rect width="9" height="9" style="fill:url({png})"/>'
                        f'<rect width="9" height="9" fill="url(file://{svg}#a)"/></svg>',
        "css-url-style": f'<svg {NS}><style>rect {{ fill: url("{svg}#a") }}</style>'
                         '<rect width="9" height="9"/></svg>',
        "css-import": f'<svg {NS}><style>@import url("{css}"); rect {{ fill: red }}</style>'
                      '<rect width="9" height="9"/></svg>',
        "css-escape": f'<svg {NS}><style>rect {{ fill: u\\72l({png}) }}</style>'
                      '<rect width="9" height="9"/></svg>',
        "foreign-object": f'<svg {NS}><foreignObject width="200" height="200"><div xmlns='
                          f'"http://www.w3.org/1999/xhtml"><img src="{png}"/></div></foreignObject></svg>',
        "xml-stylesheet": f'<?xml version="1.0"?><?xml-stylesheet href="{css}"?><svg {NS}>'
                          '<rect width="9" height="9"/></svg>',
        "entity": f'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file://{svg}">]>'
                  f'<svg {NS}><text>&x;</text></svg>',
        "feimage": f'<svg {NS}><filter id="f"><feImage href="{png}"/></filter>'
                   '<rect width="9" height="9" filter="url(#f)"/></svg>',
        "xml-base": f'<svg {NS} xml:base="file://{secrets["png"].parent.as_posix()}/">'
                    '<image href="#x" width="9" height="9"/></svg>',
    }
    return {name: text.encode() for name, text in cases.items()}


def harmless() -> bytes:
    """Everything the rule allows: shapes, a local gradient, <use> of a local id, an inline PNG."""
    return (f'<svg {NS}><defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient>'
            '<rect id="r" width="20" height="20"/></defs><style>rect { fill: url(#g) }</style>'
            '<use href="#r" x="30"/>'
            f'<image href="data:image/png;base64,{b64(png_bytes())}" width="50" height="50"/>'
            '<circle cx="100" cy="100" r="40" fill="url(#g)"/></svg>').encode()
