"""Screenshots: deterministic renders, a stored small baseline with a per-pixel tolerance, clear errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage

from kiosk.cli import main
from kiosk.errors import KioskError
from kiosk.ui.screenshot import check_spec, render_screen
from tests.helpers.shell_pack import make_reader

BASELINE = Path(__file__).resolve().parent / "test_shell_baseline_home.png"
SMALL = QSize(160, 90)


def small(image: QImage) -> QImage:
    return image.scaled(
        SMALL, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
    ).convertToFormat(QImage.Format.Format_RGB32)


def diff(a: QImage, b: QImage) -> tuple[float, float]:
    """(mean absolute channel difference, share of pixels off by more than 48 in any channel)."""
    assert a.size() == b.size()
    total, bad, n = 0, 0, a.width() * a.height()
    for y in range(a.height()):
        for x in range(a.width()):
            ca, cb = a.pixelColor(x, y), b.pixelColor(x, y)
            d = (abs(ca.red() - cb.red()), abs(ca.green() - cb.green()), abs(ca.blue() - cb.blue()))
            total += sum(d)
            bad += max(d) > 48
    return total / (3 * n), bad / n


def test_home_renders_the_same_twice_and_matches_the_baseline(qapp, tmp_path: Path) -> None:
    from kiosk.ui.theme import load_fonts

    load_fonts()  # the bundled Inter, as the kiosk renders it (else the result depends on test order)
    reader = make_reader(tmp_path / "p")
    first = render_screen(reader, "home", (1920, 1080))
    second = render_screen(reader, "home", (1920, 1080))
    assert first.size() == QSize(1920, 1080)
    assert diff(small(first), small(second)) == (0.0, 0.0)
    if not BASELINE.exists():
        if os.environ.get("WRITE_BASELINES") == "1":
            small(first).save(str(BASELINE))
        pytest.fail(f"{BASELINE} is missing: a render compared with itself proves nothing. To create it "
                    "deliberately, run this test once with WRITE_BASELINES=1, look at the image, "
                    "and commit it.")
    mean, share = diff(small(first), QImage(str(BASELINE)).convertToFormat(QImage.Format.Format_RGB32))
    assert mean < 6 and share < 0.03, (
        f"home drifted from {BASELINE.name}: mean {mean:.1f}, {share:.1%} pixels"
    )


def test_screens_differ_where_they_should(qapp, tmp_path: Path) -> None:
    reader = make_reader(tmp_path / "p")
    home = small(render_screen(reader, "home", (1280, 800)))
    water = small(render_screen(reader, "home:water", (1280, 800)))
    attract = small(render_screen(reader, "attract", (1280, 800)))
    assert diff(home, water)[0] > 1
    assert diff(home, attract)[0] > 20
    portrait = render_screen(reader, "home", (1080, 1920), theme_name="dark", lang="de")
    assert portrait.size() == QSize(1080, 1920)
    assert portrait.pixelColor(5, 5).lightness() < 60, "dark palette"


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("case:nope", "no case study 'nope'"),
        ("home:nope", "no theme 'nope'"),
        ("data:x", "no dataset 'x'"),
        ("settings", "unknown screen"),
    ],
)
def test_bad_specs_are_explained(tmp_path: Path, spec: str, message: str) -> None:
    with pytest.raises(KioskError, match=message):
        check_spec(make_reader(tmp_path / "p"), spec)


@pytest.mark.expect_log("kiosk.content")  # the fixture pack lacks a translation on purpose
def test_cli_exits_non_zero_for_an_unknown_slug(qapp, tmp_path: Path, capsys) -> None:
    valid = Path(__file__).resolve().parent.parent / "fixtures" / "packs" / "valid"
    out = tmp_path / "shot.png"
    assert main(["screenshot", "--pack", str(valid), "--screen", "case:nope", "--out", str(out)]) == 1
    assert "no case study 'nope'" in capsys.readouterr().err
    assert not out.exists()
    assert (
        main(
            ["screenshot", "--pack", str(valid), "--screen", "home", "--size", "1280x800", "--out", str(out)]
        )
        == 0
    )
    assert QImage(str(out)).size() == QSize(1280, 800)


def test_home_screenshot_shows_the_live_figure_from_the_configured_cache(
        qapp, tmp_path: Path, bundled_pack: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    data, empty = tmp_path / "data", tmp_path / "empty"
    assert main(["--data-dir", str(data), "data", "fetch", "--pack", str(bundled_pack),
                 "--dataset", "dk1-co2-sample"]) == 0
    shots = {}
    for name, where in (("with", data), ("without", empty)):
        out = tmp_path / f"home-{name}.png"
        assert main(["--data-dir", str(where), "screenshot", "--pack", str(bundled_pack), "--screen", "home",
                     "--size", "1280x800", "--out", str(out)]) == 0
        shots[name] = QImage(str(out))
    capsys.readouterr()
    # In landscape the header's right half, below the bar, carries the live figure: it is drawn only
    # when the cache has data.
    header = (640, 60, 640, 110)
    with_fig, without = (shots[n].copy(*header) for n in ("with", "without"))
    mean, share = diff(with_fig, without)
    assert share > 0.02, (mean, share)


def test_a_case_study_screenshot_has_its_body(qapp, tmp_path: Path, monkeypatch) -> None:
    """The body fills in after the first frame (issue #13); a screenshot is of the whole page."""
    from kiosk.ui.widgets.richtext import RichText

    reader = make_reader(tmp_path / "p")
    slug = reader.case_studies()[0].slug
    tall = (1080, 4000)  # the body is in view
    shown = render_screen(reader, f"case:{slug}", tall)
    monkeypatch.setattr(RichText, "settle", lambda self: None)  # a body that never arrives
    without = render_screen(reader, f"case:{slug}", tall)
    assert shown != without, "the screenshot was taken before the case study's body was filled in"
