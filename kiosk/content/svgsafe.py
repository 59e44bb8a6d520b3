"""The SVG rule: an SVG may draw only with what is inside its own bytes.

An SVG is a document format that can point at other documents: ``<image href="/etc/...">``,
``<use href="other.svg#a">``, CSS ``url(...)`` and ``@import``, ``<foreignObject>``, entities, and
``data:`` URLs that nest a *second* SVG whose references are not checked by a first-level scan.
A block-list loses to the next nesting trick, so this is an **allow-list**, applied twice: by the
validator (``kiosk pack validate``, every install and every sync) and again by the renderer right
before it hands bytes to Qt, so an SVG that reached the media directory some other way is refused too.

The rule (documented for authors in ``content/README.md``):

* well-formed XML, UTF-8, an ``<svg>`` root, at most :data:`MAX_SVG_BYTES`;
* no DOCTYPE, no entities, no processing instructions besides the ``<?xml ...?>`` declaration;
* only the elements in :data:`ALLOWED_ELEMENTS`, all in the SVG namespace (foreign elements only
  inside ``<metadata>``, which Qt never reads); no ``xml:base``, no ``on*`` event handlers;
* every ``href``/``xlink:href`` is a local ``#id``, except on ``<image>``, where it must be an
  inline ``data:image/png;base64,`` or ``data:image/jpeg;base64,`` picture; that picture is decoded
  with Pillow and must really be a PNG or JPEG within the size limits (so a "PNG" that is an SVG is
  refused);
* CSS (``<style>`` and ``style=""``) and every attribute value may use ``url(#id)`` only; no
  ``@import``, no backslash escapes, no other ``url()``.

Nothing here imports Qt; the UI calls :func:`svg_problems` on the bytes it is about to render.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
import warnings
import xml.etree.ElementTree as ET

from PIL import Image

MAX_SVG_BYTES = 4 << 20
MAX_INLINE_PIXELS = 50_000_000
MAX_INLINE_SIDE = 16384
SVG_NS = "http://www.w3.org/2000/svg"

ALLOWED_ELEMENTS = frozenset({
    "svg", "g", "defs", "title", "desc", "metadata", "symbol", "use", "switch",
    "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
    "text", "tspan", "textPath",
    "linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern", "marker",
    "image", "style",
    "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feFlood",
    "feGaussianBlur", "feMerge", "feMergeNode", "feOffset", "feFuncR", "feFuncG", "feFuncB",
    "feFuncA", "feDropShadow",
})
"""Drawing, text, paint servers and filters. Left out on purpose: ``script``, ``foreignObject``,
``a``, ``animation`` (Tiny 1.2 embeds another document), ``feImage``, ``font-face-uri``, ``video``,
``audio``, ``iframe``, ``handler``, ``listener``, ``prefetch`` and anything unknown."""

_LOCAL_REF = re.compile(r"^#[A-Za-z_][\w.\-:]*$")
_LOCAL_URL = re.compile(r"url\(\s*(['\"]?)#[A-Za-z_][\w.\-:]*\1\s*\)", re.IGNORECASE)
_DATA_IMAGE = re.compile(r"^data:image/(png|jpeg);base64,([A-Za-z0-9+/=\s]*)$", re.IGNORECASE)
_XML_DECL = re.compile(rb"^\s*<\?xml[^?]*\?>")
_FORMATS = {"png": "PNG", "jpeg": "JPEG"}


def svg_problems(data: bytes) -> list[tuple[int | None, str]]:
    """Every way ``data`` breaks the SVG rule, as (line or None, message); empty means safe to render."""
    if len(data) > MAX_SVG_BYTES:
        return [(None, f"SVG is larger than {MAX_SVG_BYTES >> 20} MB")]
    body = data.removeprefix(b"\xef\xbb\xbf")
    lowered = body.lower()
    if b"<!doctype" in lowered or b"<!entity" in lowered:
        return [(None, "SVG must not have a DOCTYPE or declare XML entities")]
    rest = _XML_DECL.sub(b"", body, count=1)
    if b"<?" in rest:
        return [(_line(body, body.find(b"<?", len(body) - len(rest))),
                 "SVG must not contain processing instructions (<?...?>), such as xml-stylesheet")]
    try:
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        return [(line, f"SVG is not well-formed XML: {exc}")]
    if _split(root.tag) != (SVG_NS, "svg") and root.tag != "svg":
        return [(None, f"not an SVG image: root element is <{_split(root.tag)[1]}>")]
    problems: list[tuple[int | None, str]] = []
    _walk(root, problems, in_metadata=False)
    return problems


def _walk(el: ET.Element, out: list[tuple[int | None, str]], *, in_metadata: bool) -> None:
    ns, tag = _split(el.tag)
    if not in_metadata:
        if ns not in ("", SVG_NS):
            out.append((None, f"SVG element <{tag}> from namespace {ns} is not allowed outside "
                              "<metadata>; export a plain SVG"))
            return
        if tag not in ALLOWED_ELEMENTS:
            out.append((None, f"SVG must not contain <{tag}> (only plain drawing elements are allowed)"))
            return
        _check_attributes(el, tag, out)
        if tag == "style":
            if len(el):
                out.append((None, "SVG <style> must contain only CSS text"))
                return
            _check_css(el.text or "", "<style>", out)
    for child in el:
        _walk(child, out, in_metadata=in_metadata or tag == "metadata")


def _check_attributes(el: ET.Element, tag: str, out: list[tuple[int | None, str]]) -> None:
    for attr, value in el.attrib.items():
        ns, local = _split(attr)
        if local.lower().startswith("on"):
            out.append((None, f"SVG must not contain event handlers (<{tag} {local}=...>)"))
        elif local == "base":
            out.append((None, f"SVG must not set xml:base (<{tag}>)"))
        elif local == "href":
            _check_href(tag, value.strip(), out)
        elif local == "style":
            _check_css(value, f"<{tag} style>", out)
        elif local == "type" and tag == "style" and value.strip().lower() not in ("", "text/css"):
            out.append((None, f"SVG <style type={value!r}> is not allowed; use text/css"))
        elif "url(" in value.lower() or "\\" in value:
            _check_css(value, f"<{tag} {local}>", out)


def _check_href(tag: str, value: str, out: list[tuple[int | None, str]]) -> None:
    if tag != "image":
        if not _LOCAL_REF.match(value):
            out.append((None, f"SVG <{tag}> refers to an external resource ({value[:60]!r}); only "
                              "references inside the same file (#id) are allowed"))
        return
    match = _DATA_IMAGE.match(value)
    if match is None:
        out.append((None, f"SVG <image> refers to an external resource ({value[:60]!r}); only embedded "
                          "PNG or JPEG pictures (data:image/png;base64,... or data:image/jpeg;base64,...) "
                          "are allowed"))
        return
    kind, payload = match.group(1).lower(), re.sub(r"\s+", "", match.group(2))
    try:
        raw = base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        out.append((None, "SVG <image> has an embedded picture that is not valid base64"))
        return
    problem = _raster_problem(raw, _FORMATS[kind])
    if problem:
        out.append((None, f"SVG <image> embedded picture: {problem}"))


def _raster_problem(raw: bytes, expected: str) -> str | None:
    """Decode the whole picture: it must be a real ``expected`` (PNG/JPEG) within the limits."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(raw)) as im:
                fmt, (width, height) = im.format, im.size
                if fmt != expected:
                    return f"declared as {expected} but it is {fmt or 'not a picture'}"
                if width > MAX_INLINE_SIDE or height > MAX_INLINE_SIDE or width * height > MAX_INLINE_PIXELS:
                    return f"{width}x{height} px is over the limits"
                im.load()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return "too many pixels"
    except Image.UnidentifiedImageError:
        return f"not a readable {expected} picture"
    except (OSError, SyntaxError, ValueError) as exc:
        return f"not a readable {expected} ({exc})"
    return None


def _check_css(text: str, where: str, out: list[tuple[int | None, str]]) -> None:
    lowered = text.lower()
    if "@import" in lowered:
        out.append((None, f"SVG {where} must not use @import"))
    elif "\\" in text:
        out.append((None, f"SVG {where} must not use backslash escapes"))
    elif "url(" in _LOCAL_URL.sub("", lowered) or "image-set(" in lowered:
        out.append((None, f"SVG {where} refers to an external resource; only url(#id) is allowed"))


def _split(tag: object) -> tuple[str, str]:
    if not isinstance(tag, str):  # comments and processing instructions (ET drops them by default)
        return "", ""
    if tag.startswith("{"):
        ns, _, local = tag[1:].partition("}")
        return ns, local
    return "", tag


def _line(data: bytes, offset: int) -> int | None:
    return data.count(b"\n", 0, offset) + 1 if offset >= 0 else None
