"""Typed field checks over a :class:`YamlDoc` that collect problems instead of stopping.

Every ``want_*`` method returns the checked value or None (after recording a problem with the
key's line), so the loader reads as a plain description of the format.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from kiosk.content.yamldoc import Path_, YamlDoc
from kiosk.errors import Problem

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def suggest(word: str, choices: Collection[str]) -> str:
    close = difflib.get_close_matches(str(word), list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def resolve_ref(ref: str, base_dir: str) -> tuple[str | None, str]:
    """Resolve an author's path against ``base_dir`` (pack-relative); ``(path, "")`` or ``(None, why)``."""
    if not ref.strip():
        return None, "empty path"
    if "\\" in ref:
        return None, f"{ref!r}: use '/' in paths, not '\\'"
    if _SCHEME.match(ref):
        return None, f"{ref!r}: must be a file in the pack, not a URL or '{ref.split(':')[0]}:' path"
    if ref.startswith("/") or ref.startswith("~"):
        return None, f"{ref!r}: must be relative (no leading '/')"
    joined = posixpath.normpath(posixpath.join(base_dir, ref)) if base_dir else posixpath.normpath(ref)
    if joined == ".." or joined.startswith("../") or joined in (".", ""):
        return None, f"{ref!r}: points outside the pack"
    return joined, ""


@dataclass
class Ctx:
    """What one load collects: problems, file references and id references to check at the end."""

    problems: list[Problem] = field(default_factory=list)
    files: list[tuple[str, int | None, str]] = field(default_factory=list)
    """``(file, line, pack-relative path)`` of every referenced file."""
    ids: list[tuple[str, str, str, int | None]] = field(default_factory=list)
    """``(kind, id, file, line)``: kind is ``theme``, ``dataset``, ``case study`` or ``partner``."""
    partner_names: list[tuple[str, int | None, str]] = field(default_factory=list)
    """``(file, line, name)`` of every plain partner name in a case study (an id or a name)."""
    polls: list[tuple[str, str, int | None]] = field(default_factory=list)
    """``(poll id, file, line)`` of every poll and the pack's ask, in file order."""


class Checker:
    """Collects problems for one YAML document."""

    def __init__(self, doc: YamlDoc, ctx: Ctx) -> None:
        self.doc = doc
        self.ctx = ctx
        self.problems = ctx.problems

    def want_id(self, kind: str, value: str | None, path: Path_) -> None:
        if value:
            self.ctx.ids.append((kind, value, self.doc.file, self.doc.line(path)))

    def error(self, path: Path_, message: str) -> None:
        self.problems.append(Problem(self.doc.file, self.doc.line(path), message))

    def warn(self, path: Path_, message: str) -> None:
        self.problems.append(Problem(self.doc.file, self.doc.line(path), message, "warning"))

    @staticmethod
    def name(path: Path_) -> str:
        out = ""
        for p in path:
            out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
        return out or "document"

    def mapping(self, value: Any, path: Path_, allowed: Collection[str],
                required: Collection[str] = ()) -> dict[str, Any] | None:
        if not isinstance(value, Mapping):
            self.error(path, f"{self.name(path)} must be a mapping (key: value lines), "
                             f"found {_kind(value)}")
            return None
        for key in value:
            if key not in allowed:
                self.error((*path, key), f"unknown key {str(key)!r}{suggest(str(key), allowed)}")
        for key in required:
            if key not in value:
                self.error(path, f"{self.name((*path, key))} is required")
            elif value[key] is None:
                hint = " (quote colours: \"#0b6e4f\"; '#' starts a comment in YAML)" if "color" in key else ""
                self.error((*path, key), f"{self.name((*path, key))} has no value{hint}")
        return dict(value)

    def text(self, value: Any, path: Path_) -> str | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.error(path, f"{self.name(path)} must be text, found {_kind(value)}")
            return None
        return str(value)

    def integer(self, value: Any, path: Path_, lo: int | None = None, hi: int | None = None) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(path, f"{self.name(path)} must be a whole number, found {_kind(value)}")
            return None
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            bounds = f"between {lo} and {hi}" if lo is not None and hi is not None else (
                f"at least {lo}" if lo is not None else f"at most {hi}")
            self.error(path, f"{self.name(path)} must be {bounds}, found {value}")
            return None
        return value

    def number(self, value: Any, path: Path_) -> float | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.error(path, f"{self.name(path)} must be a number, found {_kind(value)}")
            return None
        return float(value)

    def boolean(self, value: Any, path: Path_) -> bool | None:
        if value is None:
            return None
        if not isinstance(value, bool):
            self.error(path, f"{self.name(path)} must be true or false, found {_kind(value)}")
            return None
        return value

    def slug(self, value: Any, path: Path_, what: str = "id") -> str | None:
        text = self.text(value, path)
        if text is None:
            return None
        if not SLUG.match(text):
            self.error(path, f"{what} {text!r} must be lowercase letters, digits and '-' "
                             "(start with a letter or digit, at most 64)")
            return None
        return text

    def color(self, value: Any, path: Path_) -> str | None:
        text = self.text(value, path)
        if text is None:
            return None
        if not COLOR.match(text):
            self.error(path, f"{self.name(path)} must be a colour like \"#0b6e4f\", found {text!r} "
                             "(quote it: '#' starts a comment in YAML)")
            return None
        return text.lower()

    def seq(self, value: Any, path: Path_) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(path, f"{self.name(path)} must be a list (lines starting with '- '), "
                             f"found {_kind(value)}")
            return []
        return value

    def text_list(self, value: Any, path: Path_) -> tuple[str, ...]:
        out = [self.text(v, (*path, i)) for i, v in enumerate(self.seq(value, path))]
        return tuple(t for t in out if t is not None)

    def i18n(self, value: Any, path: Path_, languages: Collection[str]) -> dict[str, str]:
        """``{lang: text}``; keys in undeclared languages are warnings."""
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            example = next(iter(languages), "en")
            self.error(path, f"{self.name(path)} must be text per language, like '{example}: ...', "
                             f"found {_kind(value)}")
            return {}
        out: dict[str, str] = {}
        for lang, text in value.items():
            sub = (*path, lang)
            if languages and lang not in languages:
                self.warn(sub, f"language {str(lang)!r} is not in pack.yaml languages; it is never shown"
                               f"{suggest(str(lang), languages)}")
            t = self.text(text, sub)
            if t is not None:
                out[str(lang)] = t
        return out

    def ref(self, value: Any, path: Path_, base_dir: str) -> str | None:
        """A file path relative to ``base_dir``, normalised to pack-relative (existence checked later)."""
        text = self.text(value, path)
        if text is None:
            return None
        resolved, why = resolve_ref(text, base_dir)
        if resolved is None:
            self.error(path, f"{self.name(path)}: {why}")
        else:
            self.ctx.files.append((self.doc.file, self.doc.line(path), resolved))
        return resolved


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false", int: "a number",
            float: "a number"}.get(type(value), type(value).__name__)
