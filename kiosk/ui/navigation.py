"""The route stack: where the visitor is and how to go back.

Routes are plain strings (see :mod:`kiosk.ui.screens.base`). The stack is pure Python so its rules
(``home`` clears the stack, ``back`` never leaves the root, no growth) are easy to test.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_DEPTH = 32
"""A visitor never goes this deep on purpose; beyond it the oldest entries are dropped."""


@dataclass(frozen=True)
class Route:
    prefix: str
    argument: str = ""

    @classmethod
    def parse(cls, text: str) -> Route:
        prefix, _, argument = text.partition(":")
        return cls(prefix.strip(), argument.strip())

    def __str__(self) -> str:
        return f"{self.prefix}:{self.argument}" if self.argument else self.prefix


class RouteStack:
    """``attract`` is the root; ``home`` sits above it; deeper screens push on top."""

    def __init__(self, root: str = "attract") -> None:
        self._root = Route.parse(root)
        self._stack: list[Route] = [self._root]

    @property
    def current(self) -> Route:
        return self._stack[-1]

    @property
    def depth(self) -> int:
        return len(self._stack)

    def routes(self) -> list[str]:
        return [str(r) for r in self._stack]

    def go(self, text: str) -> tuple[Route, bool]:
        """Apply a route; returns ``(new current route, forward?)`` (False for back / reset moves)."""
        route = Route.parse(text)
        if route.prefix == "back":
            return self.back(), False
        if route.prefix == self._root.prefix:
            return self.reset(), False
        if route.prefix == "home":
            # Home is the first level: everything above it is dropped.
            forward = self.current.prefix == self._root.prefix
            self._stack = [self._root, route]
            return route, forward
        if route == self.current:
            return route, True
        # Re-visiting a route already on the stack unwinds to it (no loops home->case->home->case ...).
        if route in self._stack:
            self._stack = self._stack[: self._stack.index(route) + 1]
            return route, False
        self._stack.append(route)
        if len(self._stack) > MAX_DEPTH:
            del self._stack[1:2]
        return route, True

    def back(self) -> Route:
        if len(self._stack) > 1:
            self._stack.pop()
        return self.current

    def reset(self) -> Route:
        self._stack = [self._root]
        return self._root
