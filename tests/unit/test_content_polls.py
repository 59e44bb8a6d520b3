"""Polls and the lab-wide ask: loaded from front matter and pack.yaml, checked with file:line, stored."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.content.loader import inspect_pack, load_pack
from kiosk.content.model import Poll
from kiosk.content.reader import PackContent
from kiosk.content.sources import DirectorySource
from kiosk.paths import DataPaths
from kiosk.store import Store

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "packs" / "valid"
EN = "case-studies/harbour-cooling/index.en.md"
DA = "case-studies/harbour-cooling/index.da.md"
SOLAR = "case-studies/solar-roofs/index.en.md"

POLL_EN = """poll:
  id: want-on-my-street
  question: Would you like this on your street?
  choices: ["Yes", Maybe, "No"]
  results: always
"""
POLL_DA = """poll:
  question: Vil du have det på din gade?
  choices: [Ja, Måske, Nej]
"""
ASK = """ask:
  id: try-next
  question: {en: What should we try next?, da: Hvad skal vi prøve?}
  choices:
    - case_study: harbour-cooling
    - label: {en: Car-free Sundays, da: Bilfri søndage}
"""


def add_front(pack: Path, file: str, block: str) -> int:
    """Insert ``block`` at the end of the front matter; returns the file line where it starts."""
    path = pack / file
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    lines[end:end] = [block]
    path.write_text("".join(lines), encoding="utf-8")
    return end + 1


def add_ask(pack: Path, block: str = ASK) -> int:
    path = pack / "pack.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + block, encoding="utf-8")
    return text.count("\n") + 1


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    dest = tmp_path / "pack"
    shutil.copytree(FIXTURE, dest)
    return dest


def errors(pack: Path) -> list[tuple[str, int | None, str]]:
    found = inspect_pack(DirectorySource(pack)).problems
    return [(p.file, p.line, p.message) for p in found if p.severity == "error"]


@pytest.mark.expect_log("kiosk.content")
def test_poll_and_translation_load_and_fall_back(pack: Path) -> None:
    add_front(pack, EN, POLL_EN)
    add_front(pack, DA, POLL_DA)
    add_ask(pack)
    content = PackContent(load_pack(DirectorySource(pack)), DirectorySource(pack))
    assert content.poll("harbour-cooling", "en") == Poll(
        "want-on-my-street", "Would you like this on your street?", ("Yes", "Maybe", "No"), "always", "en")
    da = content.poll("harbour-cooling", "da")
    assert da == Poll("want-on-my-street", "Vil du have det på din gade?", ("Ja", "Måske", "Nej"),
                      "always", "da")
    assert content.poll("harbour-cooling", "de") == content.poll("harbour-cooling", "en")
    assert content.poll("solar-roofs", "en") is None and content.poll("nope", "en") is None
    ask = content.ask("da")
    assert ask == Poll("try-next", "Hvad skal vi prøve?", ("Køling fra havnen", "Bilfri søndage"),
                       "after-vote", "da")
    ask_en = content.ask("en")
    assert ask_en is not None and ask_en.choices == ("Cooling from the harbour", "Car-free Sundays")


@pytest.mark.expect_log("kiosk.content")
def test_translation_without_poll_shows_the_default_language_poll(pack: Path) -> None:
    add_front(pack, EN, POLL_EN)
    content = PackContent(load_pack(DirectorySource(pack)), DirectorySource(pack))
    da = content.poll("harbour-cooling", "da")
    assert da is not None and (da.question, da.lang) == ("Would you like this on your street?", "en")


@pytest.mark.expect_log("kiosk.content")
def test_pack_without_polls_still_loads(pack: Path) -> None:
    content = PackContent(load_pack(DirectorySource(pack)), DirectorySource(pack))
    assert content.ask("en") is None and content.meta.ask is None


def test_choice_count_outside_two_to_five(pack: Path) -> None:
    line = add_front(pack, EN, "poll:\n  id: p\n  question: Q?\n  choices: [only one]\n")
    assert errors(pack) == [(EN, line + 3, "poll.choices must have 2 to 5 choices, found 1")]


def test_six_choices_are_too_many(pack: Path) -> None:
    line = add_front(pack, EN, "poll:\n  id: p\n  question: Q?\n  choices: [a, b, c, d, e, f]\n")
    assert errors(pack) == [(EN, line + 3, "poll.choices must have 2 to 5 choices, found 6")]


def test_translation_with_other_number_of_choices(pack: Path) -> None:
    add_front(pack, EN, POLL_EN)
    line = add_front(pack, DA, "poll:\n  question: Q?\n  choices: [Ja, Nej]\n")
    [(file, at, message)] = errors(pack)
    assert (file, at) == (DA, line + 2)
    assert "poll.choices has 2 choices but case-studies/harbour-cooling/index.en.md has 3" in message


def test_duplicate_poll_id_names_the_first_owner(pack: Path) -> None:
    add_front(pack, EN, POLL_EN)
    line = add_front(pack, SOLAR, POLL_EN)
    assert errors(pack) == [(SOLAR, line + 1, f"poll id 'want-on-my-street' is already used by {EN}; every "
                                              "poll needs its own id (a shared id merges the counts)")]


def test_ask_sharing_an_id_with_a_poll(pack: Path) -> None:
    add_front(pack, EN, POLL_EN.replace("want-on-my-street", "try-next"))
    add_ask(pack)
    [(file, _, message)] = errors(pack)
    assert file == EN and "poll id 'try-next' is already used by pack.yaml" in message


def test_empty_question_and_choice(pack: Path) -> None:
    line = add_front(pack, EN, "poll:\n  id: p\n  question: ' '\n  choices: [a, '']\n")
    assert errors(pack) == [(EN, line + 2, "poll.question is empty"),
                            (EN, line + 3, "poll.choices[1] is empty")]


def test_unquoted_yes_no_get_a_hint(pack: Path) -> None:
    line = add_front(pack, EN, "poll:\n  id: p\n  question: Q?\n  choices: [Yes, No]\n")
    found = errors(pack)
    assert [(f, at) for f, at, _ in found] == [(EN, line + 3), (EN, line + 3)]
    assert 'quote it' in found[0][2]


def test_default_language_poll_needs_an_id(pack: Path) -> None:
    line = add_front(pack, EN, "poll:\n  question: Q?\n  choices: [a, b]\n")
    assert errors(pack) == [(EN, line, "poll.id is required")]


def test_bad_results_value(pack: Path) -> None:
    line = add_front(pack, EN, "poll:\n  id: p\n  question: Q?\n  choices: [a, b]\n  results: later\n")
    assert errors(pack) == [(EN, line + 4, "poll.results must be one of after-vote, always, never, "
                                           "found 'later'")]


def test_translated_poll_without_default_poll(pack: Path) -> None:
    line = add_front(pack, DA, POLL_DA)
    [(file, at, message)] = errors(pack)
    assert (file, at) == (DA, line) and "has no poll" in message


def test_ask_with_unknown_slug_and_wrong_choice(pack: Path) -> None:
    start = add_ask(pack, ASK.replace("case_study: harbour-cooling", "case_study: harbor-cooling")
                    + "    - {case_study: solar-roofs, label: {en: x}}\n")
    found = errors(pack)
    assert ("pack.yaml", start + 4, "unknown case study 'harbor-cooling' (did you mean 'harbour-cooling'?)"
            ) in found
    assert any(at == start + 6 and "either case_study" in m for _, at, m in found)


def test_ask_with_one_choice_and_empty_label(pack: Path) -> None:
    start = add_ask(pack, "ask:\n  id: a\n  question: {en: Q}\n  choices:\n    - label: {en: ''}\n")
    found = errors(pack)
    assert ("pack.yaml", start + 3, "ask.choices must have 2 to 5 choices, found 1") in found
    assert ("pack.yaml", start + 4, "ask.choices[0].label.en is empty") in found


@pytest.mark.expect_log("kiosk.content")
def test_ask_every_says_how_often_the_attract_loop_asks(pack: Path) -> None:
    add_ask(pack)
    assert load_pack(DirectorySource(pack)).meta.ask.every == 4  # type: ignore[union-attr]  # the default
    (pack / "pack.yaml").write_text((pack / "pack.yaml").read_text(encoding="utf-8") + "  every: 0\n",
                                    encoding="utf-8")
    assert load_pack(DirectorySource(pack)).meta.ask.every == 0  # type: ignore[union-attr]  # home only


def test_ask_every_out_of_range_names_the_line(pack: Path) -> None:
    start = add_ask(pack, ASK + "  every: -1\n")
    assert ("pack.yaml", start + 6, "ask.every must be between 0 and 50, found -1") in errors(pack)


@pytest.mark.expect_log("kiosk.content")
def test_store_reads_back_poll_and_ask(pack: Path, tmp_path: Path) -> None:
    add_front(pack, EN, POLL_EN)
    add_front(pack, DA, POLL_DA)
    add_ask(pack)
    source = DirectorySource(pack)
    loaded = load_pack(source)
    with Store.open(DataPaths(tmp_path / "data")) as store:
        store.install_loaded(loaded, source)
        reader = store.reader()
        assert reader is not None
        direct = PackContent(loaded, source)
        for lang in ("en", "da", "fr"):
            assert reader.poll("harbour-cooling", lang) == direct.poll("harbour-cooling", lang)
            assert reader.ask(lang) == direct.ask(lang)
        assert reader.meta.ask == loaded.meta.ask


def test_bundled_pack_has_polls_in_english_and_danish(bundled_pack: Path) -> None:
    content = PackContent(load_pack(DirectorySource(bundled_pack)), DirectorySource(bundled_pack))
    with_poll = [cs.slug for cs in content.case_studies() if content.poll(cs.slug, "en")]
    assert len(with_poll) >= 4
    for slug in with_poll:
        en, da = content.poll(slug, "en"), content.poll(slug, "da")
        assert en is not None and da is not None
        assert da.lang == "da" and da.question != en.question and len(da.choices) == len(en.choices)
    ask_da = content.ask("da")
    assert ask_da is not None and ask_da.lang == "da"
