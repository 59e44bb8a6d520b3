"""``kiosk preview``: reloads after a save, lists problems, keeps the last good content."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.ui.preview import PreviewWindow

VALID = Path(__file__).resolve().parent.parent / "fixtures" / "packs" / "valid"


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    return Path(shutil.copytree(VALID, tmp_path / "pack"))


@pytest.mark.expect_log("kiosk.content")  # the fixture pack lacks a translation on purpose
def test_reload_on_save_and_problems_on_screen(qtbot, pack: Path) -> None:
    preview = PreviewWindow(pack, (1280, 800))
    qtbot.addWidget(preview)
    try:
        preview.show()
        assert preview.kiosk is not None and not preview.problems
        titles = lambda: [t.data.title for t in preview.kiosk.home.grid.tiles if t.data and t.isVisible()]  # noqa: E731
        assert "Solar roofs" in titles()

        md = pack / "case-studies" / "solar-roofs" / "index.en.md"
        with qtbot.waitSignal(preview.reloaded, timeout=10_000) as blocker:
            md.write_text(
                md.read_text(encoding="utf-8").replace("Solar roofs", "Sun roofs"), encoding="utf-8"
            )
        assert blocker.args == [True]
        assert "Sun roofs" in titles()

        yaml = pack / "pack.yaml"
        good = yaml.read_text(encoding="utf-8")
        with qtbot.waitSignal(preview.reloaded, timeout=10_000) as blocker:
            yaml.write_text(good.replace("default_language: en", "default_language: xx"), encoding="utf-8")
        assert blocker.args == [False]
        assert preview.panel.isVisible()
        assert any(p.startswith("pack.yaml") for p in preview.problems), preview.problems
        assert "pack.yaml" in preview.problem_label.text()
        assert "Sun roofs" in titles(), "the last good content stays on screen"

        new_dir = pack / "case-studies" / "new-one"
        with qtbot.waitSignal(preview.reloaded, timeout=10_000):
            yaml.write_text(good, encoding="utf-8")
        assert not preview.panel.isVisible()
        with qtbot.waitSignal(preview.reloaded, timeout=10_000):
            new_dir.mkdir()
        with qtbot.waitSignal(preview.reloaded, timeout=10_000):
            (new_dir / "index.en.md").write_text(
                "---\ntitle: Brand new\ntheme: water\n---\nHello.\n", encoding="utf-8"
            )
        assert "Brand new" in titles()
    finally:
        preview.shutdown()


def test_an_invalid_pack_from_the_start_shows_only_problems(qtbot, pack: Path) -> None:
    (pack / "pack.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    preview = PreviewWindow(pack, (1280, 800))
    qtbot.addWidget(preview)
    try:
        preview.show()
        assert preview.kiosk is None
        assert preview.problems and preview.panel.isVisible()
    finally:
        preview.shutdown()
