"""The stand-in pack (tests/helpers/shell_pack.py) has what the shell tests rely on."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.shell_pack import STUDIES, make_reader


def test_stand_in_pack_has_media(tmp_path: Path) -> None:
    reader = make_reader(tmp_path / "pack")
    assert len(reader.case_studies()) == len(STUDIES)
    assert [cs.slug for cs in reader.featured()] == ["cooling", "rain-beds", "bike-lanes"]
    for cs in reader.case_studies():
        assert cs.main.hero and reader.media_path(cs.main.hero) is not None
    assert reader.media_path("nope.svg") is None
