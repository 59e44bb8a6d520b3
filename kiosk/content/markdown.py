"""Untrusted Markdown to safe HTML for the kiosk's rich-text view. Qt-free.

Case-study bodies come from content packs, which come over the network: treat them as hostile.
markdown-it-py (CommonMark + tables) produces HTML, then :func:`nh3.clean` keeps only an allow-list of
tags and attributes. Every URL that survives is rewritten to one of the kiosk's private schemes, so
the view never touches the file system or the network by itself:

``pack:<pack-relative-path>``
    an image inside the pack (resolved against the case study's directory, normalised, never ``..``).
``placeholder:image``
    an image we refuse to load (absolute path, escape from the pack, ``file:``, ``http(s):``,
    ``data:`` ...); the view draws a calm tinted placeholder, the alt text is kept.
``qr:<url>``
    an ``http(s)`` link: tapping it shows a QR code of the URL, never a browser.
``case:<slug>``
    a link to another case study (``../other-slug/``, ``case:other-slug``).

Any other link loses its ``href`` and reads as plain text.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import quote, unquote, urlsplit

import nh3
from markdown_it import MarkdownIt

PACK_SCHEME = "pack"
QR_SCHEME = "qr"
CASE_SCHEME = "case"
PLACEHOLDER_SRC = "placeholder:image"

ALLOWED_TAGS = frozenset(
    {
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "ul",
        "ol",
        "li",
        "strong",
        "em",
        "a",
        "img",
        "blockquote",
        "code",
        "pre",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "br",
        "hr",
    }
)
ALLOWED_ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt"}}
# Schemes nh3 lets through to our attribute filter, which rewrites or drops every one of them.
# Anything else (javascript:, file:, data:, vbscript: ...) is removed by nh3 before we see it.
_PASSED_SCHEMES = {"http", "https", "case"}
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,99}$", re.IGNORECASE)
_IMG_WITHOUT_SRC = re.compile(r"<img(?![^>]*\ssrc=)")
_BARE_LINK = re.compile(r"<a>(.*?)</a>", re.DOTALL)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    # markdown-it's own link check turns ``![x](file:///etc/passwd)`` into literal text; we let every
    # URL through to the sanitiser instead, so refused images still become a placeholder with alt text.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


_MD = _parser()


def resolve_pack_path(base_dir: str, ref: str) -> str | None:
    """``ref`` (relative to the pack directory ``base_dir``) as a normalised pack-relative path.

    None when ``ref`` is absolute, has a scheme, a query, or climbs out of the pack.
    """
    ref = unquote(ref.strip())
    if not ref or "\\" in ref or "\x00" in ref or ref.startswith("/") or _SCHEME.match(ref):
        return None
    if "?" in ref or "#" in ref:
        return None
    joined = posixpath.normpath(posixpath.join(base_dir, ref)) if base_dir else posixpath.normpath(ref)
    if joined in {".", ""} or joined == ".." or joined.startswith("../") or joined.startswith("/"):
        return None
    return joined


def image_src(base_dir: str, src: str) -> str:
    """The rewritten ``src`` of an image: ``pack:<path>`` or the placeholder marker."""
    path = resolve_pack_path(base_dir, src)
    if path is None:
        return PLACEHOLDER_SRC
    return f"{PACK_SCHEME}:{quote(path)}"


def case_slug(base_dir: str, href: str) -> str | None:
    """The slug a link points to when it names another case study, else None.

    ``case:slug``, or a relative path to a sibling directory of this case study
    (``../slug/``, ``../slug``, ``../slug/index.en.md``).
    """
    if href.lower().startswith(f"{CASE_SCHEME}:"):
        slug = href[len(CASE_SCHEME) + 1 :].strip().strip("/")
        return slug if _SLUG.match(slug) else None
    if not base_dir:
        return None
    path = resolve_pack_path(base_dir, href.split("#", 1)[0])
    if path is None:
        return None
    parent = posixpath.dirname(base_dir)
    rel = posixpath.relpath(path, parent) if parent else path
    parts = rel.split("/")
    if rel.startswith("..") or not parts or not _SLUG.match(parts[0]):
        return None
    if len(parts) == 1 or (len(parts) == 2 and re.fullmatch(r"index(\.[a-z-]+)?\.md", parts[1])):
        return parts[0]
    return None


def link_href(base_dir: str, href: str) -> str | None:
    """The rewritten ``href``: ``qr:<url>`` / ``case:<slug>``, or None to drop the link."""
    href = href.strip()
    parts = urlsplit(href)
    if parts.scheme.lower() in {"http", "https"}:
        return f"{QR_SCHEME}:{href}" if parts.netloc else None
    slug = case_slug(base_dir, href)
    return f"{CASE_SCHEME}:{slug}" if slug else None


def render_markdown(text: str, doc_path: str = "") -> str:
    """Sanitised HTML for the Markdown ``text`` of the pack file ``doc_path``.

    ``doc_path`` is the case study's pack-relative Markdown file (``case-studies/x/index.en.md``);
    relative image paths and links resolve against its directory.
    """
    base_dir = posixpath.dirname(doc_path)

    def attribute_filter(tag: str, attr: str, value: str) -> str | None:
        if tag == "img" and attr == "src":
            return image_src(base_dir, value)
        if tag == "a" and attr == "href":
            return link_href(base_dir, value)
        if tag == "img" and attr == "alt":
            return value
        return None

    html = _MD.render(text)
    clean = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(_PASSED_SCHEMES),
        attribute_filter=attribute_filter,
        link_rel=None,
        strip_comments=True,
    )
    # nh3 removes a src with a forbidden scheme before our filter sees it: mark those images too.
    clean = _IMG_WITHOUT_SRC.sub(f'<img src="{PLACEHOLDER_SRC}"', clean)
    # A link whose href was dropped reads as plain text.
    return _BARE_LINK.sub(r"\1", clean)
