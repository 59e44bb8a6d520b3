"""A small, safe JSONPath subset: ``$``, ``.key``, ``['key']``, ``[n]``, ``[*]`` (and ``.*``).

Enough to map open-data payloads whose shape each publisher defines; no filters, no scripts.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from kiosk.errors import DataSourceError

_TOKEN = re.compile(
    r"""\.(?P<key>[A-Za-z_@$][\w@$-]*)|\.\*|\[(?P<idx>-?\d+)\]|\[\*\]|\[['"](?P<qkey>[^'"]*)['"]\]"""
)

Step = tuple[str, Any]  # ("key", name) | ("index", n) | ("all", None)


@lru_cache(maxsize=256)
def compile_path(expr: str) -> tuple[Step, ...]:
    text = expr.strip()
    if not text.startswith("$"):
        raise DataSourceError(f"JSON path {expr!r} must start with '$'")
    steps: list[Step] = []
    pos = 1
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            raise DataSourceError(
                f"JSON path {expr!r}: cannot read {text[pos:]!r} (supported: $, .key, ['key'], [n], [*])"
            )
        if m.group("key") is not None:
            steps.append(("key", m.group("key")))
        elif m.group("qkey") is not None:
            steps.append(("key", m.group("qkey")))
        elif m.group("idx") is not None:
            steps.append(("index", int(m.group("idx"))))
        else:
            steps.append(("all", None))
        pos = m.end()
    return tuple(steps)


def find(expr: str, doc: Any) -> list[Any]:
    """Every value ``expr`` selects in ``doc`` (missing keys select nothing)."""
    current = [doc]
    for kind, arg in compile_path(expr):
        nxt: list[Any] = []
        for node in current:
            by_key = kind == "key" and isinstance(node, dict) and arg in node
            by_index = kind == "index" and isinstance(node, list) and -len(node) <= arg < len(node)
            if by_key or by_index:
                nxt.append(node[arg])
            elif kind == "all":
                if isinstance(node, list):
                    nxt.extend(node)
                elif isinstance(node, dict):
                    nxt.extend(node.values())
        current = nxt
    return current


def first(expr: str, doc: Any) -> Any:
    """The first match, or None."""
    found = find(expr, doc)
    return found[0] if found else None
