"""Links to copies: a pack cites the original publisher, not a document-sharing or republishing site.

Sites such as docslib, Scribd or fdocuments host uploaded copies of other people's reports; news
aggregators republish articles. A visitor who scans such a link lands on ads and a copy that may be
altered or taken down, and the pack loses the publisher's name and date. ``pack validate`` warns about
every link to a known copy site with the file, the field (or Markdown section) and the line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

from kiosk.errors import Problem

COPY_SITES: frozenset[str] = frozenset({
    # Document-sharing sites: uploaded copies of reports, brochures and papers.
    "docslib.org", "scribd.com", "fdocuments.in", "fdocuments.net", "fdocuments.us", "vdocuments.us",
    "vdocuments.net", "vdocuments.mx", "documents.pub", "dokumen.tips", "dokumen.pub", "docplayer.net",
    "docplayer.dk", "docplayer.org", "readkong.com", "yumpu.com", "pdfcoffee.com", "idoc.pub",
    "kupdf.net", "studylib.net", "silo.tips", "pdfslide.net", "fliphtml5.com", "businessdocbox.com",
    "coursehero.com", "documents.tips", "edoc.pub",
    # Republishing and aggregator sites: articles copied from the outlet that wrote them.
    "karunanews.org", "publisher-demo.media", "orva.online", "onlyplanz.com",
})
"""Registrable domains; any subdomain matches (``it.scribd.com``, ``www.docslib.org``)."""

_URL = re.compile(r"https?://[^\s)\]>\"'`]+", re.IGNORECASE)
_KEY = re.compile(r"^\s*(?:-\s+)?\{?\s*([A-Za-z_][\w-]*)\s*:")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$")


def copy_site(url: str) -> str | None:
    """The known copy site a URL points to, or None."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    parts = host.split(".")
    for i in range(len(parts) - 1):
        candidate = ".".join(parts[i:])
        if candidate in COPY_SITES:
            return candidate
    return None


def _fields(name: str, lines: list[str]) -> Iterable[tuple[int, str, str]]:
    """(line number, field, text) for each line: the YAML key or the Markdown section it sits in."""
    markdown = name.endswith(".md")
    in_front = markdown and bool(lines) and lines[0].strip() == "---"
    key, section = "", "text"
    for number, line in enumerate(lines, 1):
        if in_front and number > 1 and line.strip() == "---":
            in_front = False
            continue
        if not markdown or in_front:
            if m := _KEY.match(line):
                key = m.group(1)
            yield number, f"field {key!r}" if key else "value", line
            continue
        if m := _HEADING.match(line):
            section = f"section {m.group(1)!r}"
        yield number, section, line


def copy_site_problems(texts: Mapping[str, str]) -> list[Problem]:
    """A warning for every link to a known copy site in the pack's YAML and Markdown files."""
    problems: list[Problem] = []
    for name in sorted(texts):
        for number, field, line in _fields(name, texts[name].splitlines()):
            for match in _URL.finditer(line):
                site = copy_site(match.group(0))
                if site is not None:
                    problems.append(Problem(
                        name, number,
                        f"{field}: {match.group(0)} is a copy on {site}; link the original publisher's page "
                        "(or, when none can be found, name the source without a link and say so)",
                        "warning"))
    return problems
