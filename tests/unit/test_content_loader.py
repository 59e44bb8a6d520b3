"""Loader and validator: a valid pack loads; every kind of problem names the right file and line."""

from __future__ import annotations

import shutil
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from kiosk.content.loader import inspect_pack, load_pack
from kiosk.content.sources import DirectorySource
from kiosk.errors import PackError, Problem

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "packs" / "valid"
HARBOUR = "case-studies/harbour-cooling/index.en.md"


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    dest = tmp_path / "pack"
    shutil.copytree(FIXTURE, dest)
    return dest


def problems(path: Path) -> list[Problem]:
    return inspect_pack(DirectorySource(path), deep=True).problems


def errors(path: Path) -> list[tuple[str, int | None, str]]:
    return [(p.file, p.line, p.message) for p in problems(path) if p.severity == "error"]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def only_error(path: Path) -> tuple[str, int | None, str]:
    found = errors(path)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.expect_log("kiosk.content")
def test_valid_pack_loads_with_normalised_paths() -> None:
    pack = load_pack(DirectorySource(FIXTURE))
    assert pack.meta.id == "demo-lab" and pack.meta.languages == ("en", "da")
    assert list(pack.case_studies) == ["harbour-cooling", "solar-roofs"]
    cs = pack.case_studies["harbour-cooling"]
    assert cs.main.hero == "case-studies/harbour-cooling/hero.svg"
    assert cs.main.gallery[0].image == "media/map.png"
    assert [k.value for k in cs.main.key_figures] == ["4,218", "1.50"]  # as written
    da = cs.doc("da")
    assert da.title == "Køling fra havnen"
    assert (da.hero, da.theme, da.key_figures) == (cs.main.hero, "water", cs.main.key_figures)
    assert pack.case_studies["solar-roofs"].doc("da").lang == "en"  # fallback
    assert pack.datasets["harbour-temp"].source["file"] == "datasets/harbour-temp.csv"
    assert pack.datasets["harbour-temp"].chart.thresholds[0].label["da"] == "For varmt"
    assert [s.case_study for s in pack.tours["highlights"].stops] == ["harbour-cooling", "solar-roofs"]
    assert pack.meta.branding.logo == "media/logo.svg"
    entry = pack.files["media/map.png"]
    assert entry.size == (FIXTURE / "media/map.png").stat().st_size and len(entry.sha256) == 64
    assert "pack.yaml" in pack.files and len(pack.files) == 11


def test_missing_translation_is_a_warning_missing_default_is_an_error(pack: Path) -> None:
    warns = [p for p in problems(pack) if p.severity == "warning"]
    assert [(w.file, w.message[:7]) for w in warns] == [("case-studies/solar-roofs/index.da.md", "missing")]
    (pack / HARBOUR).unlink()
    assert only_error(pack)[:2] == (HARBOUR, None)
    with pytest.raises(PackError) as exc:
        load_pack(DirectorySource(pack))
    assert "default language 'en'" in str(exc.value)


def test_yaml_syntax_error_has_its_line(pack: Path) -> None:
    edit(pack / "pack.yaml", "version: 3", "version: [3")
    file, line, msg = errors(pack)[0]
    assert (file, "YAML syntax error" in msg) == ("pack.yaml", True)
    assert line is not None and line >= 2


def test_front_matter_line_numbers_are_real_file_lines(pack: Path) -> None:
    edit(pack / HARBOUR, "year: 2020", "yeer: 2020")
    assert only_error(pack) == (HARBOUR, 6, "unknown key 'yeer' (did you mean 'year'?)")


def test_yaml_not_a_mapping(pack: Path) -> None:
    (pack / "tours" / "highlights.yaml").write_text("- just\n- a list\n")
    assert only_error(pack) == ("tours/highlights.yaml", 1,
                                "expected a mapping of keys to values, found list")


def test_yaml_over_one_megabyte(pack: Path) -> None:
    (pack / "tours" / "highlights.yaml").write_text("# pad\n" * 200_000)
    assert only_error(pack)[::2] == ("tours/highlights.yaml", "larger than 1 MB; split it up")


def test_invalid_utf8_names_line_and_byte(pack: Path) -> None:
    data = (pack / HARBOUR).read_bytes().replace(b"Sea water cools", b"Sea w\xe6ter cools")
    (pack / HARBOUR).write_bytes(data)
    file, line, msg = only_error(pack)
    assert (file, line) == (HARBOUR, 3) and "not valid UTF-8 at byte" in msg


def test_wrong_types(pack: Path) -> None:
    edit(pack / "pack.yaml", "version: 3", "version: three")
    edit(pack / "pack.yaml", "seconds: 10", "seconds: 500")
    edit(pack / HARBOUR, "year: 2020", "year: soon")
    found = errors(pack)
    assert ("pack.yaml", 2, "version must be a whole number, found text") in found
    assert ("pack.yaml", 20, "attract.seconds must be between 4 and 120, found 500") in found
    assert (HARBOUR, 6, "year must be a whole number, found text") in found


def test_missing_files_and_bad_paths(pack: Path) -> None:
    edit(pack / HARBOUR, "hero: hero.svg", "hero: heroo.svg")
    edit(pack / HARBOUR, "video: ../../media/clip.mp4", "video: ../../../clip.mp4")
    edit(pack / "pack.yaml", "logo: media/logo.svg", "logo: media\\logo.svg")
    edit(pack / "datasets/harbour-temp.yaml", "file: harbour-temp.csv", "file: temp.csv")
    found = errors(pack)
    assert (HARBOUR, 8, "file case-studies/harbour-cooling/heroo.svg does not exist "
                        "(did you mean 'case-studies/harbour-cooling/hero.svg'?)") in found
    assert (HARBOUR, 12, "video: '../../../clip.mp4': points outside the pack") in found
    assert any(f == "pack.yaml" and line == 16 and "use '/' in paths" in m for f, line, m in found)
    assert ("datasets/harbour-temp.yaml", 3, "file datasets/temp.csv does not exist "
                                             "(did you mean 'datasets/harbour-temp.csv'?)") in found


def test_absolute_and_scheme_paths(pack: Path) -> None:
    edit(pack / HARBOUR, "hero: hero.svg", "hero: /etc/hero.svg")
    edit(pack / HARBOUR, "  - image: ../../media/map.png", "  - image: file:///media/map.png")
    found = errors(pack)
    assert (HARBOUR, 8, "hero: '/etc/hero.svg': must be relative (no leading '/')") in found
    assert any(f == HARBOUR and line == 10 and "not a URL or 'file:' path" in m for f, line, m in found)


def test_body_images_are_checked_with_lines(pack: Path) -> None:
    with (pack / HARBOUR).open("a", encoding="utf-8") as fh:
        fh.write("\nMore text\n![web](https://example.org/x.png)\n\n![gone](missing.png)\n"
                 "<img src=\"../../../x.png\">\n")
    found = errors(pack)
    lines = (pack / HARBOUR).read_text().splitlines()
    web, gone = lines.index("![web](https://example.org/x.png)") + 1, lines.index("![gone](missing.png)") + 1
    assert (HARBOUR, web, "image 'https://example.org/x.png' is on the web; put the file in the pack "
                          "(the kiosk works offline)") in found
    assert any(f == HARBOUR and line == gone and m.startswith(
        "file case-studies/harbour-cooling/missing.png does not exist") for f, line, m in found)
    assert (HARBOUR, gone + 1, "image '../../../x.png': points outside the pack") in found


def test_unknown_ids_everywhere(pack: Path) -> None:
    edit(pack / HARBOUR, "theme: water", "theme: watr")
    edit(pack / HARBOUR, "datasets: [harbour-temp]", "datasets: [harbor-temp]")
    edit(pack / "tours/highlights.yaml", "case_study: solar-roofs", "case_study: solar-roof")
    edit(pack / "pack.yaml", "featured: [harbour-cooling, solar-roofs]", "featured: [harbour, solar-roofs]")
    found = errors(pack)
    assert (HARBOUR, 4, "unknown theme 'watr' (did you mean 'water'?)") in found
    assert (HARBOUR, 16, "unknown dataset 'harbor-temp' (did you mean 'harbour-temp'?)") in found
    assert ("tours/highlights.yaml", 7,
            "unknown case study 'solar-roof' (did you mean 'solar-roofs'?)") in found
    assert any(f == "pack.yaml" and line == 19 and "unknown case study 'harbour'" in m
               for f, line, m in found)


def test_duplicate_ids(pack: Path) -> None:
    edit(pack / "pack.yaml", "  - id: water", "  - id: energy")
    shutil.copy(pack / "datasets/harbour-temp.yaml", pack / "datasets/harbour-temp.yml")
    found = errors(pack)
    assert ("pack.yaml", 12, "theme id 'energy' is used twice") in found
    assert ("datasets/harbour-temp.yml", None, "id 'harbour-temp' is used by two files") in found


def test_declared_language_without_any_text(pack: Path) -> None:
    edit(pack / "pack.yaml", "languages: [en, da]", "languages: [en, da, de]")
    assert only_error(pack) == ("pack.yaml", 6,
                                "language 'de' is declared but the pack has no text in it at all")


def test_default_language_must_be_declared(pack: Path) -> None:
    edit(pack / "pack.yaml", "default_language: en", "default_language: fr")
    assert ("pack.yaml", 7, "default_language 'fr' is not in languages ['en', 'da']") in errors(pack)


def test_required_keys_and_bad_values(pack: Path) -> None:
    edit(pack / HARBOUR, "title: Cooling from the harbour\n", "")
    edit(pack / "pack.yaml", 'color: "#f2a900"', "color: #f2a900")
    edit(pack / HARBOUR, "link: https://example.org/cooling", "link: http://example.org")
    found = errors(pack)
    assert (HARBOUR, 2, "title is required") in found
    assert any(f == "pack.yaml" and line == 11 and "themes[0].color has no value (quote colours" in m
               for f, line, m in found)
    assert any(f == HARBOUR and "link must be a full https://" in m for f, _, m in found)


def test_front_matter_must_exist_and_close(pack: Path) -> None:
    (pack / "case-studies/solar-roofs/index.en.md").write_text("# no front matter\n")
    assert only_error(pack)[:2] == ("case-studies/solar-roofs/index.en.md", 1)
    (pack / "case-studies/solar-roofs/index.en.md").write_text("---\ntitle: x\n")
    assert "not closed" in only_error(pack)[2]


def test_yaml_aliases_and_duplicate_keys_refused(pack: Path) -> None:
    (pack / "tours/highlights.yaml").write_text("title: &t {en: A}\ndescription: *t\nstops: []\n")
    assert only_error(pack)[:2] == ("tours/highlights.yaml", 2)
    (pack / "tours/highlights.yaml").write_text("title: {en: A}\ntitle: {en: B}\nstops: []\n")
    assert only_error(pack) == ("tours/highlights.yaml", 2, "key 'title' appears twice")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` x ``height`` but holds almost no pixel data."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", zlib.compress(b"\0" * 64))
            + _chunk(b"IEND", b""))


def test_images_decodable_and_not_too_large(pack: Path) -> None:
    (pack / "media/map.png").write_bytes(_png_header(20000, 100))  # header only: refused before decoding
    file, line, msg = only_error(pack)
    assert (file, line) == ("media/map.png", None) and "20000x100 px" in msg
    (pack / "media/map.png").write_bytes(_png_header(8000, 8000))
    assert "8000x8000" in only_error(pack)[2]
    (pack / "media/map.png").write_bytes(b"not an image at all")
    assert "not a readable image" in only_error(pack)[2]
    good = pack / "media/map.png"
    Image.new("RGB", (64, 64)).save(good)
    good.write_bytes(good.read_bytes()[:-30])  # truncated: header fine, decode fails
    assert "not a readable image" in only_error(pack)[2]
    assert not any(p.severity == "error" for p in inspect_pack(DirectorySource(pack)).problems), \
        "load_pack reads headers only"


@pytest.mark.parametrize(("svg", "message"), [
    ("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "<script>"),
    ("<svg xmlns='http://www.w3.org/2000/svg'><image href='http://evil/x.png'/></svg>", "external"),
    ("<svg><rect></svg>", "not well-formed"),
    ("<html/>", "root element is <html>"),
    ("<!DOCTYPE svg [<!ENTITY a 'x'>]><svg>&a;</svg>", "entities"),
])
def test_svg_checks(pack: Path, svg: str, message: str) -> None:
    (pack / "media/logo.svg").write_text(svg)
    file, _, msg = only_error(pack)
    assert file == "media/logo.svg" and message in msg


def test_load_pack_reports_every_problem_at_once(pack: Path) -> None:
    edit(pack / "pack.yaml", "version: 3", "version: 0")
    edit(pack / "pack.yaml", "featured: [harbour-cooling,", "featured: [nowhere,")
    edit(pack / HARBOUR, "theme: water", "theme: air")
    (pack / "media/clip.mp4").write_bytes(b"not a video")
    with pytest.raises(PackError) as exc:
        load_pack(DirectorySource(pack))
    files = {p.file for p in exc.value.problems}
    assert files == {"pack.yaml", HARBOUR, "media/clip.mp4"}


def test_missing_pack_yaml(tmp_path: Path) -> None:
    (tmp_path / "pack.yml").write_text("id: x\n")
    found = errors(tmp_path)
    assert found == [("pack.yaml", None, "missing: every pack needs a pack.yaml at its root "
                                         "(rename pack.yml to pack.yaml)")]
