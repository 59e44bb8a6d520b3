"""Poll questions and choice labels for the hub's ``/voices`` page, read from what it published.

The hub counts votes by poll id and choice position; the words live in the packs of the channel.
This reads only ``pack.yaml`` and the default-language case-study files of each pack listed in
``v1/channels/<channel>.json`` (the pack was validated when it was published). Anything it cannot
read is left out: the page then shows the poll id and choice numbers.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.content.manifest import decode_manifest
from kiosk.content.model import pick
from kiosk.content.yamldoc import parse_yaml, split_front_matter
from kiosk.errors import KioskError
from kiosk.sync import protocol

log = logging.getLogger("kiosk.hub")
_CASE = re.compile(r"^case-studies/([^/]+)/index\.([^./]+)\.md$")


@dataclass(frozen=True)
class PollLabel:
    question: str
    choices: tuple[str, ...]
    case_study: str = ""
    """The case study that asks it; empty for the pack's lab-wide ask."""


def poll_labels(root: Path, channel: str) -> dict[str, PollLabel]:
    """Poll id -> its question and choices in the pack's default language."""
    file = root / protocol.channel_path(channel)
    if not file.is_file():
        return {}
    out: dict[str, PollLabel] = {}
    try:
        entries = protocol.decode_channel(file.read_bytes(), str(file)).packs
    except (KioskError, OSError) as exc:
        log.warning("voices page: %s", exc)
        return {}
    for entry in entries:
        try:
            out.update(_pack_labels(root, entry.id, entry.version))
        except (KioskError, OSError, ValueError) as exc:
            log.warning("voices page: poll labels of %s %s: %s", entry.id, entry.version, exc)
    return out


def _read(root: Path, files: dict[str, str], name: str) -> str | None:
    sha = files.get(name)
    return (root / protocol.blob_path(sha)).read_text(encoding="utf-8-sig") if sha else None


def _pack_labels(root: Path, pack_id: str, version: int) -> dict[str, PollLabel]:
    manifest = decode_manifest((root / protocol.manifest_path(pack_id, version)).read_bytes())
    files = {f.path: f.sha256 for f in manifest.files}
    text = _read(root, files, "pack.yaml")
    meta = parse_yaml(text, "pack.yaml", []) if text is not None else None
    if meta is None:
        return {}
    default = str(meta.data.get("default_language") or "")
    out: dict[str, PollLabel] = {}
    titles: dict[str, str] = {}
    for name in sorted(files):
        m = _CASE.match(name)
        if m is None or m.group(2) != default:
            continue
        front = _front(_read(root, files, name) or "", name)
        titles[m.group(1)] = str(front.get("title") or m.group(1))
        poll = front.get("poll")
        if isinstance(poll, dict) and isinstance(poll.get("id"), str):
            choices = tuple(str(c) for c in poll.get("choices") or [])
            out[poll["id"]] = PollLabel(str(poll.get("question") or ""), choices, m.group(1))
    ask = meta.data.get("ask")
    if isinstance(ask, dict) and isinstance(ask.get("id"), str):
        question = pick(_i18n(ask.get("question")), default, default)[0]
        labels = []
        for choice in ask.get("choices") or []:
            if isinstance(choice, dict) and choice.get("case_study"):
                labels.append(titles.get(str(choice["case_study"]), str(choice["case_study"])))
            elif isinstance(choice, dict):
                labels.append(pick(_i18n(choice.get("label")), default, default)[0])
        out[ask["id"]] = PollLabel(question, tuple(labels))
    return out


def _front(text: str, name: str) -> dict[str, Any]:
    parts = split_front_matter(text, name, [])
    doc = parse_yaml(parts[0], name, [], offset=parts[1]) if parts else None
    return doc.data if doc is not None else {}


def _i18n(value: Any) -> dict[str, str]:
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}
