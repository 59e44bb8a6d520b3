"""A minimal pack directory on disk (pack.yaml + files) for publish, sync and hub tests."""

from __future__ import annotations

from pathlib import Path


def make_pack(path: Path, version: int, files: dict[str, bytes]) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    (path / "pack.yaml").write_text(
        f"id: demo\nversion: {version}\ntitle: {{en: Demo}}\nlanguages: [en]\ndefault_language: en\n")
    for name, data in files.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_bytes(data)
    return path
