"""Ships the top-level ``content/`` (the bundled pack) and ``assets/`` (fonts) inside the wheel.

They stay at the top of the repository, where pack authors and PyInstaller find them; a built wheel
(``pip install .``, ``pip wheel .``) carries them as ``kiosk/_bundled/{content,assets}``, where
``kiosk.paths.bundle_root`` looks for them. An editable install reads them from the checkout.
Everything else about the project is in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
BUNDLED = ("content", "assets")


class BuildPyWithBundle(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "kiosk" / "_bundled"
        for name in BUNDLED:
            source = ROOT / name
            if not source.is_dir():  # an sdist made without MANIFEST.in's grafts
                raise SystemExit(f"setup.py: {source} is missing; it must ship with the kiosk")
            shutil.rmtree(target / name, ignore_errors=True)
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": BuildPyWithBundle})
