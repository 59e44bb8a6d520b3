"""Model dataclasses to JSON and back, for the store's JSON columns.

Generic over the frozen dataclasses of :mod:`kiosk.content.model`: the type hints say how to rebuild
tuples, mappings, optional and nested dataclasses, so a new model field needs no change here (a
field missing from an old row takes its default).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
from collections.abc import Mapping
from typing import Any, TypeVar

T = TypeVar("T")


def to_plain(obj: Any) -> Any:
    """A JSON-ready structure of dicts, lists and scalars."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, Mapping):
        return {str(k): to_plain(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [to_plain(v) for v in obj]
    return obj


def dumps(obj: Any) -> str:
    return json.dumps(to_plain(obj), ensure_ascii=False, separators=(",", ":"))


def loads(cls: type[T], text: str) -> T:
    value: T = from_plain(cls, json.loads(text))
    return value


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    names = {f.name for f in dataclasses.fields(cls)}
    return {k: v for k, v in typing.get_type_hints(cls).items() if k in names}


def from_plain(tp: Any, data: Any) -> Any:
    """Rebuild a value of type ``tp`` from :func:`to_plain` output."""
    if tp is Any:
        return data
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        if not isinstance(data, Mapping):
            raise ValueError(f"expected an object for {tp.__name__}, got {data!r}")
        hints = _hints(tp)
        return tp(**{k: from_plain(hints[k], v) for k, v in data.items() if k in hints})
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        if data is None and type(None) in args:
            return None
        options = [a for a in args if a is not type(None)]
        return from_plain(options[0], data) if len(options) == 1 else data
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(from_plain(args[0], v) for v in data)
        return tuple(from_plain(a, v) for a, v in zip(args, data, strict=True))
    if origin in (dict, Mapping, typing.Mapping):
        value_type = args[1] if len(args) == 2 else Any
        return {k: from_plain(value_type, v) for k, v in data.items()}
    if origin is list:
        return [from_plain(args[0] if args else Any, v) for v in data]
    if tp is float and isinstance(data, int) and not isinstance(data, bool):
        return float(data)
    return data
