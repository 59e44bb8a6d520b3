"""Full-text search through FTS5 in Danish and English, and the query escaping."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.content.model import CaseStudyDoc
from kiosk.paths import DataPaths
from kiosk.store import Store, StoreReader
from kiosk.store.reader import fts_query
from tests.bench.gen_pack import make_pack


def docs(slug: str, en: tuple[str, str, str], da: tuple[str, str, str], tags: tuple[str, ...] = ()) -> dict[
    str, CaseStudyDoc
]:
    return {
        lang: CaseStudyDoc(lang=lang, title=t, summary=s, body=b, tags=tags, source_file=f"{slug}/{lang}.md")
        for lang, (t, s, b) in (("en", en), ("da", da))
    }


@pytest.fixture
def reader(tmp_path: Path) -> Iterator[StoreReader]:
    extra = {
        "cooling": docs(
            "cooling",
            ("District cooling", "Cold from the harbour", "Sea water cools the city centre."),
            ("Fjernkøling", "Kulde fra havnen", "Havvand køler midtbyen på Ærø."),
            tags=("energy", "water"),
        ),
        "bikes": docs(
            "bikes",
            ("Cycle superhighways", "Commuting by bicycle", "Counters measure cyclists."),
            ("Supercykelstier", "Pendling på cykel", "Tællere måler cyklister i Århus."),
            tags=("mobility",),
        ),
    }
    with Store.open(DataPaths(tmp_path)) as store:
        store.install_loaded(*make_pack(0, extra_docs=extra))
        r = store.reader()
        assert isinstance(r, StoreReader)
        yield r


def test_english_words_and_stems(reader: StoreReader) -> None:
    assert reader.search("cooling") == ["cooling"]
    assert reader.search("cools") == ["cooling"]  # porter: cool
    assert reader.search("bicycle commuting") == ["bikes"]


def test_danish_letters_match_with_and_without_diacritics(reader: StoreReader) -> None:
    assert reader.search("fjernkøling") == ["cooling"]
    assert reader.search("Ærø") == ["cooling"]
    assert reader.search("århus") == ["bikes"]
    assert reader.search("arhus") == ["bikes"]  # remove_diacritics folds å to a


def test_prefix_on_the_last_term_only(reader: StoreReader) -> None:
    assert reader.search("fjernk") == ["cooling"]
    assert reader.search("supercyk") == ["bikes"]
    assert reader.search("super cykel") == []  # "super" is a whole word, not a prefix


def test_tags_and_language_filter(reader: StoreReader) -> None:
    assert reader.search("mobility") == ["bikes"]
    assert reader.search("harbour", lang="da") == []
    assert reader.search("havnen", lang="da") == ["cooling"]
    assert reader.search("havnen", lang="en") == []


def test_operators_and_quotes_in_user_input_are_plain_text(reader: StoreReader) -> None:
    for query in ('cool" OR "bikes', "NOT cooling", "cooling AND", "*", "-", '"', "(", "NEAR(a b)", ""):
        reader.search(query)  # never an FTS5 syntax error
    assert reader.search("cooling OR") == []
    assert reader.search('"cooling"') == ["cooling"]


def test_fts_query_quotes_every_term() -> None:
    assert fts_query('say "hi" there') == '"say" """hi""" "there"*'
    assert fts_query(" - ") == ""
