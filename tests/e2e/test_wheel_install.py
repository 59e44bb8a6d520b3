"""A built wheel carries the bundled pack and the fonts: installed outside the checkout, it renders home.

The wheel is built as ``pip wheel .`` builds it and installed with ``--no-deps`` into a folder that goes
first on ``PYTHONPATH`` (the dependencies come from this environment), so ``kiosk`` is imported from the
installed wheel and nothing can be read from the repository.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def _pip(*args: str, cwd: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]


def distinct_colours(png: Path) -> int:
    with Image.open(png) as image:
        return len(image.convert("RGB").getcolors(maxcolors=1 << 20) or ())


def clean_copy(target: Path) -> Path:
    """The source without build leftovers: setuptools reuses ./build, which could hide a missing file."""
    ignore = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*cache")
    return Path(shutil.copytree(ROOT, target, ignore=ignore))


def test_wheel_has_the_pack_and_fonts_and_renders_home(tmp_path: Path) -> None:
    source = clean_copy(tmp_path / "src")
    _pip("wheel", str(source), "--no-deps", "-q", "-w", str(tmp_path / "wheel"), cwd=tmp_path)
    (wheel,) = (tmp_path / "wheel").glob("living_lab_kiosk-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    pack_files = {p.relative_to(ROOT).as_posix() for p in (ROOT / "content").rglob("*") if p.is_file()}
    font_files = {p.relative_to(ROOT).as_posix() for p in (ROOT / "assets").rglob("*") if p.is_file()}
    assert {f"kiosk/_bundled/{name}" for name in pack_files | font_files} <= names
    assert not [n for n in names if n.startswith(("tests/", "content/", "assets/"))]

    site = tmp_path / "site"
    _pip("install", "--no-deps", "-q", "--target", str(site), str(wheel), cwd=tmp_path)
    run_dir = tmp_path / "elsewhere"
    run_dir.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(PYTHONPATH=str(site), QT_QPA_PLATFORM="offscreen")
    where = subprocess.run(
        [sys.executable, "-c", "import kiosk.paths as p; print(p.__file__); print(p.bundle_root())"],
        cwd=run_dir, env=env, capture_output=True, text=True, timeout=60, check=True,
    ).stdout.split()
    assert where == [str(site / "kiosk" / "paths.py"), str(site / "kiosk" / "_bundled")]

    out = tmp_path / "home.png"
    proc = subprocess.run(
        [sys.executable, "-m", "kiosk", "screenshot", "--screen", "home", "--out", str(out),
         "--size", "960x540", "--data-dir", str(tmp_path / "data")],
        cwd=run_dir, env=env, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "not found in assets/fonts" not in proc.stderr  # the bundled Inter loaded
    assert "danish-smart-city" in proc.stderr  # the bundled pack, installed from the wheel
    assert distinct_colours(out) > 200  # a rendered page, not a blank one
