"""YAML and front matter with line numbers for every key, so problems can say ``file:line``.

``yaml.compose`` gives the node tree with start marks; we build the plain values from the same
nodes and keep a map from key path (``("themes", 0, "color")``) to the 1-based line in the real
file (front matter is offset to its line in the ``.md`` file). Anchors and aliases are refused: a
pack never needs them and they are the way to a "billion laughs" document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from kiosk.errors import Problem

if TYPE_CHECKING:
    import yaml

MAX_YAML_BYTES = 1024 * 1024
Path_ = tuple[Any, ...]


@cache
def _loader() -> Any:
    """PyYAML's fastest safe loader, imported on first use: a running kiosk reads its packs from the
    store, so its cold start needs no YAML (~30 ms). libyaml is ~10x faster and gives the same marks;
    installing a 1,000-case-study pack depends on it."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class YamlDoc:
    """A parsed YAML mapping with where each key and item came from."""

    file: str
    data: dict[str, Any]
    lines: dict[Path_, int] = field(default_factory=dict)
    raw: dict[Path_, str] = field(default_factory=dict)
    """The scalar text as written (for key figures: ``1.50`` stays ``1.50``)."""

    def line(self, path: Path_) -> int | None:
        """The line of ``path`` or of its nearest ancestor that has one."""
        for n in range(len(path), -1, -1):
            if path[:n] in self.lines:
                return self.lines[path[:n]]
        return None


def decode_text(data: bytes, file: str, problems: list[Problem]) -> str | None:
    """UTF-8 text, or None with a problem naming the line and byte offset of the bad bytes."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(Problem(file, line, f"not valid UTF-8 at byte {exc.start}; save the file as UTF-8"))
        return None


def _walk(node: yaml.Node, path: Path_, doc: YamlDoc, offset: int, seen: set[int]) -> None:
    import yaml

    if id(node) in seen:
        raise _AliasError(doc.line(path) or node.start_mark.line + offset + 1)
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        keys: set[Any] = set()
        for knode, vnode in node.value:
            key = knode.value if isinstance(knode, yaml.ScalarNode) else str(knode.start_mark)
            if key in keys:
                raise _DuplicateKey(key, knode.start_mark.line + offset + 1)
            keys.add(key)
            doc.lines[(*path, key)] = knode.start_mark.line + offset + 1
            _walk(vnode, (*path, key), doc, offset, seen)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            doc.lines[(*path, i)] = item.start_mark.line + offset + 1
            _walk(item, (*path, i), doc, offset, seen)
    elif isinstance(node, yaml.ScalarNode):
        doc.raw[path] = node.value


class _AliasError(Exception):
    def __init__(self, line: int) -> None:
        self.line = line


class _DuplicateKey(Exception):
    def __init__(self, key: str, line: int) -> None:
        self.key, self.line = key, line


def parse_yaml(text: str, file: str, problems: list[Problem], offset: int = 0) -> YamlDoc | None:
    """Parse one YAML mapping; on any problem append it (with its line) and return None.

    ``offset`` is the number of lines in the file before ``text`` starts (front matter).
    """
    if len(text.encode("utf-8")) > MAX_YAML_BYTES:
        problems.append(Problem(file, None, "YAML is larger than 1 MB; split it or move data to a file"))
        return None
    import yaml

    loader = _loader()(text)
    try:
        node = loader.get_single_node()
        if node is None:
            problems.append(Problem(file, offset + 1, "empty: expected a mapping of keys to values"))
            return None
        doc = YamlDoc(file, {})
        doc.lines[()] = node.start_mark.line + offset + 1
        _walk(node, (), doc, offset, set())
        value = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + offset + 1 if mark else None
        problems.append(Problem(file, line, f"YAML syntax error: {exc.problem or exc.context}"))
        return None
    except yaml.YAMLError as exc:
        problems.append(Problem(file, None, f"YAML error: {exc}"))
        return None
    except _AliasError as exc:
        problems.append(Problem(file, exc.line, "YAML anchors and aliases (& and *) are not allowed"))
        return None
    except _DuplicateKey as exc:
        problems.append(Problem(file, exc.line, f"key {exc.key!r} appears twice"))
        return None
    finally:
        loader.dispose()
    if not isinstance(value, dict):
        kind = type(value).__name__ if value is not None else "nothing"
        problems.append(Problem(file, node.start_mark.line + offset + 1,
                                f"expected a mapping of keys to values, found {kind}"))
        return None
    doc.data = value
    return doc


def split_front_matter(text: str, file: str, problems: list[Problem]) -> tuple[str, int, str, int] | None:
    """Split a case-study file into ``(yaml, yaml_offset, body, body_offset)``.

    Offsets are the number of lines before each part, to turn part lines into file lines.
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n").rstrip() != "---":
        problems.append(Problem(file, 1, "must start with front matter: a line '---', the YAML keys, "
                                         "then another '---'"))
        return None
    for i in range(1, len(lines)):
        if lines[i].rstrip("\r\n").rstrip() in ("---", "..."):
            return "".join(lines[1:i]), 1, "".join(lines[i + 1:]), i + 1
    problems.append(Problem(file, 1, "front matter is not closed: add a line '---' after the YAML keys"))
    return None
