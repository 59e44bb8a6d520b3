"""Fixtures shared by the sync engine's end-to-end tests (``test_sync_engine.py``, ``test_sync_kinds.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.servers import FaultServer, write_tree
from tests.helpers.sync_world import FILES


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A static host's tree with the pack ``demo`` version 1 (the sync world's files)."""
    root = tmp_path / "tree"
    write_tree(root, "demo", 1, FILES)
    return root


@pytest.fixture
def server(tree: Path) -> Iterator[FaultServer]:
    """``tree`` served by a local FaultServer (a plain static host that can be told to misbehave)."""
    with FaultServer(tree) as srv:
        yield srv
