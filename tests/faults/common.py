"""Shared pieces of the fault-injection suite: a published tree, a kiosk config, the real CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from kiosk.sync.publish import publish_path
from tests.helpers.packs import make_pack

ROOT = Path(__file__).resolve().parents[2]


def publish(tmp: Path, tree: Path, version: int, files: dict[str, bytes], channel: str = "main") -> Any:
    return publish_path(make_pack(tmp / f"src-v{version}", version, files), tree, channel)


def write_config(path: Path, data: Path, hub_url: str, **sync: Any) -> Path:
    values = {"hub_url": hub_url, "channel": "main", "read_timeout": 5.0, **sync}
    lines = "".join(f"{k} = {json.dumps(v)}\n" for k, v in values.items())
    path.write_text(f'[kiosk]\ndata_dir = "{data}"\n[data]\nenabled = false\n[sync]\n{lines}')
    return path


def kiosk(*args: str, env: dict[str, str] | None = None, prefix: list[str] | None = None,
          timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run the real ``kiosk`` command (optionally under ``prefix``, e.g. faketime) and capture it."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    base["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run([*(prefix or []), sys.executable, "-m", "kiosk", *args], cwd=ROOT,
                          env={**base, **(env or {})}, capture_output=True, text=True, timeout=timeout,
                          check=False)


def status(cfg: Path) -> dict[str, Any]:
    done = kiosk("--config", str(cfg), "status", "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
