"""The one pending content swap: "never swap content under a visitor".

Sync stages new versions here (:meth:`ContentSwap.stage`). They are activated in the store only while
the attract loop is up (:meth:`ContentSwap.due`), and content activated while a visitor is on a page
waits in :attr:`ContentSwap.ready` until the next attract loop (:meth:`ContentSwap.take_ready`).
The window and the sync adapter share one instance, so the rule is implemented once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Generic, TypeVar

R = TypeVar("R")


class ContentSwap(Generic[R]):
    """Staged versions waiting for attract, and activated content waiting to be shown."""

    def __init__(self) -> None:
        self.staged: dict[str, int] = {}
        """Pack id -> staged version waiting for the next attract loop."""
        self.activating = False
        """An activation is running (in a worker): nothing else is started meanwhile."""
        self.ready: R | None = None
        """Content the store activated that is not on screen yet (shown at the next attract loop)."""

    def stage(self, versions: Mapping[str, int]) -> None:
        self.staged.update(versions)

    def due(self, on_attract: bool, skip: Callable[[str, int], bool] | None = None) -> dict[str, int]:
        """The staged versions to activate now: only on attract, one activation at a time.

        Versions ``skip`` rejects (quarantined by the crash-loop guard) are dropped. Marks the
        activation as running when something is due; call :meth:`finished` when it ends.
        """
        if not self.staged or self.activating or not on_attract:
            return {}
        todo, self.staged = dict(self.staged), {}
        todo = {p: v for p, v in todo.items() if skip is None or not skip(p, v)}
        self.activating = bool(todo)
        return todo

    def finished(self) -> None:
        self.activating = False

    def offer(self, content: R, on_attract: bool) -> R | None:
        """Content the store just activated: returned when it may be shown now, else kept for attract."""
        if on_attract:
            self.ready = None
            return content
        self.ready = content
        return None

    def take_ready(self) -> R | None:
        """At the attract loop: the content to show now, if any (cleared)."""
        ready, self.ready = self.ready, None
        return ready

    def discard_ready(self) -> None:
        self.ready = None
