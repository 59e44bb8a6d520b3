"""The console log handler follows ``sys.stderr``: a closed, replaced stream prints no tracebacks."""

from __future__ import annotations

import io
import logging
import sys
from pathlib import Path

import pytest

from kiosk.log import remove_kiosk_handlers, setup_logging


def test_console_follows_a_replaced_stderr(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    first = io.StringIO()
    monkeypatch.setattr(sys, "stderr", first)
    setup_logging(tmp_path / "logs")
    logging.getLogger("kiosk.test").info("one")
    first.close()  # what pytest's capture does at the end of a test

    second = io.StringIO()
    monkeypatch.setattr(sys, "stderr", second)
    logging.getLogger("kiosk.test").info("two")
    text = second.getvalue()
    assert "kiosk.test: two" in text
    assert "Logging error" not in text
    assert "kiosk.test: two" in (tmp_path / "logs" / "kiosk.log").read_text(encoding="utf-8")


def test_set_up_twice_keeps_one_console_and_remove_closes_the_file(tmp_path: Path) -> None:
    setup_logging(tmp_path / "a")
    setup_logging(tmp_path / "b")
    ours = [h for h in logging.getLogger().handlers if getattr(h, "_kiosk", False)]
    assert sorted(type(h).__name__ for h in ours) == ["QuietFileHandler", "StderrHandler"]
    (file_handler,) = (h for h in ours if isinstance(h, logging.FileHandler))
    assert Path(file_handler.baseFilename).parent == tmp_path / "b"
    remove_kiosk_handlers()
    assert not [h for h in logging.getLogger().handlers if getattr(h, "_kiosk", False)]
    assert file_handler.stream is None  # closed
