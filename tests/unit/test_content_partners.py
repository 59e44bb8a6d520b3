"""partners.yaml: parsed into the model, resolved in case studies, every mistake reported as file:line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.content.loader import inspect_pack, load_pack
from kiosk.content.model import PackMeta, PartnerRef
from kiosk.content.reader import PackContent
from kiosk.content.sources import DirectorySource
from kiosk.paths import DataPaths
from kiosk.store import Store, serial

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "packs" / "valid"
HARBOUR = "case-studies/harbour-cooling/index.en.md"
HARBOUR_DA = "case-studies/harbour-cooling/index.da.md"
PARTNERS = """\
partners:
  - id: kredslob
    name: Kredsløb
    type: public
    logo: media/logo.svg
    description: {en: Aarhus's heat and water utility., da: Aarhus' varme- og vandforsyning.}
    link: https://www.kredslob.dk/
  - id: au
    name: {en: Aarhus University, da: Aarhus Universitet}
    type: knowledge
"""


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    dest = tmp_path / "pack"
    shutil.copytree(FIXTURE, dest)
    (dest / "partners.yaml").write_text(PARTNERS, encoding="utf-8")
    return dest


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def found(path: Path, severity: str = "error") -> list[tuple[str, int | None, str]]:
    problems = inspect_pack(DirectorySource(path), deep=True).problems
    return [(p.file, p.line, p.message) for p in problems if p.severity == severity]


@pytest.mark.expect_log("kiosk.content")
def test_ids_resolve_to_names_in_each_language_with_roles(pack: Path) -> None:
    edit(pack / HARBOUR, "partners: [AffaldVarme Aarhus, Kredsløb]",
         "partners: [AffaldVarme Aarhus, {id: kredslob, role: owner}, au]")
    assert found(pack) == [] and found(pack, "warning") == [
        ("case-studies/solar-roofs/index.da.md", None, "missing: visitors who choose 'da' see the 'en' text")]
    loaded = load_pack(DirectorySource(pack))
    assert [p.id for p in loaded.meta.partners] == ["kredslob", "au"]
    kredslob = loaded.meta.partner("kredslob")
    assert kredslob is not None and kredslob.logo == "media/logo.svg" and kredslob.type == "public"
    assert kredslob.name == {"en": "Kredsløb"} and kredslob.link == "https://www.kredslob.dk/"
    cs = loaded.case_studies["harbour-cooling"]
    assert cs.main.refs() == (PartnerRef("AffaldVarme Aarhus"), PartnerRef("Kredsløb", "kredslob", "owner"),
                              PartnerRef("Aarhus University", "au"))
    assert cs.main.partners == ("AffaldVarme Aarhus", "Kredsløb", "Aarhus University")
    # The Danish file has no partners: it inherits the refs and shows the Danish names.
    assert "partners" not in (pack / HARBOUR_DA).read_text(encoding="utf-8")
    assert cs.doc("da").partners == ("AffaldVarme Aarhus", "Kredsløb", "Aarhus Universitet")
    reader = PackContent(loaded, DirectorySource(pack))
    assert [c.slug for c in reader.partner_case_studies("au")] == ["harbour-cooling"]
    assert reader.partner_case_studies("nobody") == [] and len(reader.partners()) == 2


def test_unknown_partner_id_names_file_and_line(pack: Path) -> None:
    edit(pack / HARBOUR, "partners: [AffaldVarme Aarhus, Kredsløb]",
         "partners:\n  - {id: kredslb, role: owner}")
    assert (HARBOUR, 8, "unknown partner 'kredslb' (did you mean 'kredslob'?)") in found(pack)


def test_partner_id_without_partners_file(pack: Path) -> None:
    (pack / "partners.yaml").unlink()
    edit(pack / HARBOUR, "partners: [AffaldVarme Aarhus, Kredsløb]", "partners: [{id: kredslob}]")
    assert found(pack) == [(HARBOUR, 7, "unknown partner 'kredslob'; list it in partners.yaml or write a "
                                        "plain name")]


def test_duplicate_id_unknown_type_missing_logo_bad_link(pack: Path) -> None:
    edit(pack / "partners.yaml", "  - id: au", "  - id: kredslob")
    edit(pack / "partners.yaml", "type: knowledge", "type: university")
    edit(pack / "partners.yaml", "logo: media/logo.svg", "logo: media/kredslob.svg")
    edit(pack / "partners.yaml", "link: https://www.kredslob.dk/", "link: www.kredslob.dk")
    errors = found(pack)
    assert ("partners.yaml", 8, "partner id 'kredslob' is used twice (first at line 2)") in errors
    assert ("partners.yaml", 10, "partner type must be one of public, private, knowledge, civic, found "
                                 "'university'") in errors
    assert ("partners.yaml", 5, "file media/kredslob.svg does not exist (did you mean 'media/logo.svg'?)"
            ) in errors
    assert ("partners.yaml", 7, "link must be a full https:// address, found 'www.kredslob.dk'") in errors
    assert len(errors) == 4, errors


def test_type_typo_gets_a_suggestion_and_required_keys(pack: Path) -> None:
    edit(pack / "partners.yaml", "type: knowledge", "type: knowlege")
    edit(pack / "partners.yaml", "    name: Kredsløb\n", "")
    errors = found(pack)
    assert ("partners.yaml", 9, "partner type must be one of public, private, knowledge, civic, found "
                                "'knowlege' (did you mean 'knowledge'?)") in errors
    assert ("partners.yaml", 2, "partners[0].name is required") in errors


def test_plain_name_matching_a_partner_is_a_warning_with_the_id(pack: Path) -> None:
    edit(pack / HARBOUR, "partners: [AffaldVarme Aarhus, Kredsløb]",
         "partners:\n  - AffaldVarme Aarhus\n  - {name: aarhus universitet, role: research}")
    assert found(pack) == []
    assert (HARBOUR, 9, "partner 'aarhus universitet' is listed in partners.yaml: write its id 'au' so the "
                        "kiosk can link it") in found(pack, "warning")


def test_entry_needs_id_or_name(pack: Path) -> None:
    edit(pack / HARBOUR, "partners: [AffaldVarme Aarhus, Kredsløb]", "partners:\n  - {role: owner}")
    assert found(pack) == [(HARBOUR, 8, "partners[0] needs either an id (from partners.yaml) or a name")]


def test_broken_partners_file_is_reported_once(pack: Path) -> None:
    (pack / "partners.yaml").write_text("partners: [\n", encoding="utf-8")
    edit(pack / HARBOUR, "partners: [AffaldVarme Aarhus, Kredsløb]", "partners: [{id: kredslob}]")
    errors = found(pack)
    assert [f for f, _, _ in errors] == ["partners.yaml"], errors


@pytest.mark.expect_log("kiosk.content")
def test_pack_without_partners_file_is_unchanged() -> None:
    loaded = load_pack(DirectorySource(FIXTURE))
    cs = loaded.case_studies["harbour-cooling"]
    assert loaded.meta.partners == ()
    assert cs.main.partners == ("AffaldVarme Aarhus", "Kredsløb")
    assert cs.main.refs() == (PartnerRef("AffaldVarme Aarhus"), PartnerRef("Kredsløb"))


@pytest.mark.expect_log("kiosk.content")
def test_store_keeps_partners_and_reads_old_meta_rows(pack: Path, tmp_path: Path) -> None:
    edit(pack / HARBOUR, "partners: [AffaldVarme Aarhus, Kredsløb]", "partners: [{id: au, role: data}]")
    loaded = load_pack(DirectorySource(pack))
    with Store.open(DataPaths(tmp_path / "data")) as store:
        store.install_loaded(loaded, DirectorySource(pack))
        reader = store.reader()
        assert reader is not None
        assert reader.partners() == list(loaded.meta.partners)
        assert reader.case_study("harbour-cooling") == loaded.case_studies["harbour-cooling"]
        assert [c.slug for c in reader.partner_case_studies("au")] == ["harbour-cooling"]
    # A meta row written before partners existed has no such key: it reads as no partners.
    old = serial.to_plain(loaded.meta)
    del old["partners"]
    assert serial.from_plain(PackMeta, old).partners == ()
