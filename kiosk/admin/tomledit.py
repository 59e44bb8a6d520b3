"""Set one ``key = value`` in a section of a TOML file, keeping every other line as written.

Enough for ``[admin] pin_hash`` and ``[kiosk] rotation``: the line is replaced in place or inserted
under the section header (the section is appended if missing). The result is parsed again; if the
file uses a form this edit does not understand (dotted keys, inline tables), nothing is written and
the error says which file to edit by hand.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from pathlib import Path

from kiosk.errors import ConfigError

_HEADER = re.compile(r"^\s*\[\s*([A-Za-z0-9_.\-\"' ]+?)\s*\]\s*(#.*)?$")


def toml_value(value: str | int | float | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return json.dumps(value, ensure_ascii=False)  # a valid TOML basic string


def set_value(text: str, section: str, key: str, value: str | int | float | bool) -> str:
    """``text`` with ``[section] key`` set to ``value`` (pure; see :func:`update_file`)."""
    lines = text.splitlines()
    new_line = f"{key} = {toml_value(value)}"
    key_re = re.compile(rf"^\s*{re.escape(key)}\s*=")
    current: str | None = None
    header_at: int | None = None
    end_of_section: int | None = None
    for i, line in enumerate(lines):
        m = _HEADER.match(line) if not line.lstrip().startswith("[[") else None
        if m or line.lstrip().startswith("[["):
            if current == section and end_of_section is None:
                end_of_section = i
            current = m.group(1).strip() if m else None
            if current == section:
                header_at = i
            continue
        if current == section and key_re.match(line):
            lines[i] = new_line
            return "\n".join(lines) + "\n"
    if header_at is None:
        while lines and not lines[-1].strip():
            lines.pop()
        lines += ([""] if lines else []) + [f"[{section}]", new_line]
    else:
        insert = end_of_section if end_of_section is not None else len(lines)
        while insert > header_at + 1 and not lines[insert - 1].strip():
            insert -= 1  # keep a blank line before the next section
        lines.insert(insert, new_line)
    return "\n".join(lines) + "\n"


def update_file(path: Path, section: str, key: str, value: str | int | float | bool) -> None:
    """Set the value in ``path`` (created if missing) atomically, checking the result parses to it."""
    try:
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        tomllib.loads(old)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}); fix it before changing {section}.{key}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from exc
    new = set_value(old, section, key, value)
    try:
        parsed = tomllib.loads(new)
    except tomllib.TOMLDecodeError as exc:
        parsed = {}
        reason = str(exc)
    else:
        reason = "the file defines it in a form this edit does not handle"
    if parsed.get(section, {}).get(key) != value:
        raise ConfigError(
            f"{path}: could not set {section}.{key} ({reason}); add `{key} = {toml_value(value)}` "
            f"under [{section}] by hand"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(new)
        fh.flush()
        os.fsync(fh.fileno())
    if path.exists():
        tmp.chmod(path.stat().st_mode & 0o7777)
    else:
        tmp.chmod(0o600)
    tmp.replace(path)
