"""The list models behind home, checked by Qt's model tester, and the route stack rules."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from kiosk.ui.models import CaseStudyListModel, Roles, ThemeListModel
from kiosk.ui.navigation import MAX_DEPTH, RouteStack
from tests.helpers.shell_pack import STUDIES, make_reader


def test_case_study_model(qtmodeltester, tmp_path: Path) -> None:
    reader = make_reader(tmp_path / "p")
    model = CaseStudyListModel()
    model.set_content(reader, "da")
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == len(STUDIES)
    idx = model.index(0, 0)
    assert model.data(idx).endswith("(da)")
    assert model.data(idx, Roles.COLOR).startswith("#")
    assert b"slug" in model.roleNames().values()
    model = CaseStudyListModel()
    model.set_content(reader, "en", theme="water")
    assert sorted(model.data(model.index(r, 0), Roles.SLUG) for r in range(model.rowCount())) == [
        "rain-beds",
        "smart-meters",
    ]
    model.set_content(None, "en")
    assert model.rowCount() == 0


def test_theme_model(qtmodeltester, tmp_path: Path) -> None:
    model = ThemeListModel()
    model.set_content(make_reader(tmp_path / "p"), "de")
    qtmodeltester.check(model, force_py=True)
    assert [model.data(model.index(r, 0)) for r in range(model.rowCount())] == [
        "Energie",
        "Wasser",
        "Mobilität",
    ]
    assert model.data(model.index(0, 0), Qt.ItemDataRole.DecorationRole) is None


def test_route_stack() -> None:
    stack = RouteStack()
    assert stack.go("home") == (stack.current, True)
    stack.go("case:a")
    stack.go("case:b")
    assert stack.routes() == ["attract", "home", "case:a", "case:b"]
    route, forward = stack.go("back")
    assert (str(route), forward) == ("case:a", False)
    stack.go("case:b")
    stack.go("case:a")  # already on the stack: unwind, no loop growth
    assert stack.routes() == ["attract", "home", "case:a"]
    stack.go("home:water")
    assert stack.routes() == ["attract", "home:water"]
    for i in range(MAX_DEPTH * 3):
        stack.go(f"case:{i}")
    assert stack.depth == MAX_DEPTH
    assert stack.routes()[0] == "attract"
    stack.go("attract")
    assert stack.routes() == ["attract"]
    stack.go("back")
    assert stack.routes() == ["attract"]
