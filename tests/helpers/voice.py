"""A pack with a poll (the ``scripts`` fixture pack plus a poll in English and Arabic) for voice tests."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
POLL_ID = "swim-in-the-harbour"
POLL_EN = f"""poll:
  id: {POLL_ID}
  question: Would you swim in the harbour?
  choices: ["Yes", Maybe, "No"]
  results: {{results}}
"""
POLL_AR = """poll:
  question: هل تسبح في الميناء؟
  choices: [نعم, ربما, لا]
"""


def poll_pack(dest: Path, results: str = "after-vote") -> Path:
    """Copy the ``scripts`` pack to ``dest`` and give ``harbour-bath`` a poll (en + ar)."""
    shutil.copytree(ROOT / "tests/fixtures/packs/scripts", dest)
    case = dest / "case-studies/harbour-bath"
    for name, block in (("index.en.md", POLL_EN.format(results=results)), ("index.ar.md", POLL_AR)):
        path = case / name
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("---\n", "---\n" + block, 1), encoding="utf-8")
    return dest
