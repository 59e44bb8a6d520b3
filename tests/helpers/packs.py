"""Packs on disk for tests: a minimal one (publish, sync and hub tests), and a copy of a pack whose live
sources read a local CSV instead of the internet (kiosks built in-process with their data services)."""

from __future__ import annotations

import shutil
import time
from datetime import UTC, datetime
from pathlib import Path

import yaml


def make_pack(path: Path, version: int, files: dict[str, bytes]) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    (path / "pack.yaml").write_text(
        f"id: demo\nversion: {version}\ntitle: {{en: Demo}}\nlanguages: [en]\ndefault_language: en\n")
    for name, data in files.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_bytes(data)
    return path


def local_sources(src: Path, dest: Path, url: str) -> Path:
    """Copy the pack; datasets that fetch from the internet fetch ``url`` (a CSV) instead."""
    shutil.copytree(src, dest)
    for file in sorted((dest / "datasets").glob("*.yaml")):
        doc = yaml.safe_load(file.read_text(encoding="utf-8"))
        if doc["source"]["type"] != "csv":
            doc["source"] = {"type": "csv", "url": url}
            file.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return dest


def fresh_csv(path: Path) -> int:
    """Write a ``time,value`` CSV of 13 five-minute points ending now; the newest (value 100) at the
    time returned."""
    now = int(time.time())
    rows = [f"{datetime.fromtimestamp(now - 300 * i, UTC).isoformat()},{100 + i}" for i in range(12, -1, -1)]
    path.write_text("time,value\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return now
