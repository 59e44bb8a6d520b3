"""Links to document-sharing and republishing sites: flagged with file, field or section, and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.content.copysites import copy_site, copy_site_problems
from kiosk.content.loader import inspect_pack, load_pack
from kiosk.content.sources import DirectorySource

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "packs" / "valid"
HARBOUR = "case-studies/harbour-cooling/index.en.md"


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    dest = tmp_path / "pack"
    shutil.copytree(FIXTURE, dest)
    return dest


@pytest.mark.parametrize(("url", "site"), [
    ("https://docslib.org/doc/6024219/copenhagen-city-of-cyclists", "docslib.org"),
    ("https://it.scribd.com/document/437912117/plan-pdf", "scribd.com"),
    ("https://WWW.Scribd.com/document/1", "scribd.com"),
    ("https://fdocuments.in/amp/document/district-heating.html", "fdocuments.in"),
    ("https://readkong.com/page/water-in-figures", "readkong.com"),
    ("https://www.karunanews.org/story/18717/green-wave", "karunanews.org"),
    ("https://www.kk.dk/cykelregnskab", None),
    ("https://notscribd.com/x", None),
    ("https://scribd.com.example.org/x", None),
])
def test_copy_site_matches_the_domain_and_its_subdomains_only(url: str, site: str | None) -> None:
    assert copy_site(url) == site


@pytest.mark.expect_log("kiosk.content")
def test_markdown_body_link_names_the_section_and_line(pack: Path) -> None:
    path = pack / HARBOUR
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\n## Sources\n\n- City: \"Plan\" (2012). https://it.scribd.com/document/1/plan\n",
                    encoding="utf-8")
    line = len(path.read_text(encoding="utf-8").splitlines())
    problems = [p for p in inspect_pack(DirectorySource(pack), deep=True).problems if "copy on" in p.message]
    assert [(p.file, p.line, p.severity) for p in problems] == [(HARBOUR, line, "warning")]
    assert "section 'Sources'" in problems[0].message
    assert "https://it.scribd.com/document/1/plan is a copy on scribd.com" in problems[0].message
    assert "original publisher" in problems[0].message
    load_pack(DirectorySource(pack))  # a warning, not an error: the pack still loads


def test_front_matter_and_yaml_links_name_the_field(pack: Path) -> None:
    path = pack / HARBOUR
    path.write_text(path.read_text(encoding="utf-8").replace(
        "link: https://example.org/cooling", "link: https://docslib.org/doc/1/cooling"), encoding="utf-8")
    tour = pack / "tours" / "highlights.yaml"
    tour.write_text(tour.read_text(encoding="utf-8") + "link: https://www.yumpu.com/en/document/view/1\n",
                    encoding="utf-8")
    problems = {(p.file, p.line): p.message for p in inspect_pack(DirectorySource(pack), deep=True).problems
                if "copy on" in p.message}
    link_line = next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                     if line.startswith("link:"))
    tour_line = len(tour.read_text(encoding="utf-8").splitlines())
    assert set(problems) == {(HARBOUR, link_line), ("tours/highlights.yaml", tour_line)}
    assert problems[(HARBOUR, link_line)].startswith("field 'link': https://docslib.org/doc/1/cooling")
    assert problems[("tours/highlights.yaml", tour_line)].startswith("field 'link': https://www.yumpu.com")


def test_yaml_list_item_and_inline_mapping_keys() -> None:
    texts = {"partners.yaml": "partners:\n  - id: a\n    link: https://fdocuments.in/x\n"
                              "  - {id: b, link: 'https://docslib.org/y'}\n"}
    found = [(p.line, p.message.split(":")[0]) for p in copy_site_problems(texts)]
    assert found == [(3, "field 'link'"), (4, "field 'id'")]


def test_original_publishers_are_not_flagged(pack: Path) -> None:
    assert not [p for p in inspect_pack(DirectorySource(pack), deep=True).problems if "copy on" in p.message]
