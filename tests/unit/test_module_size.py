"""The house stays easy to read: no module in ``kiosk/`` grows past 410 lines (split it by what it
does, as ``tour_end.py`` and ``attract_paint.py`` were split off their screens)."""

from __future__ import annotations

from pathlib import Path

MAX_LINES = 410
PACKAGE = Path(__file__).resolve().parents[2] / "kiosk"


def long_modules(root: Path, limit: int) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        with path.open(encoding="utf-8") as fh:
            n = sum(1 for _ in fh)
        if n > limit:
            found.append(f"{path.relative_to(root.parent)}: {n} lines")
    return found


def test_no_module_is_over_the_limit() -> None:
    assert long_modules(PACKAGE, MAX_LINES) == []


def test_the_check_sees_a_long_module(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "short.py").write_text("x = 1\n" * MAX_LINES)
    (pkg / "long.py").write_text("x = 1\n" * (MAX_LINES + 1))
    assert long_modules(pkg, MAX_LINES) == [f"pkg/long.py: {MAX_LINES + 1} lines"]
