"""``kiosk pack validate | build | keygen`` as real processes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from kiosk.content import signing

ROOT = Path(__file__).resolve().parent.parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "packs" / "valid"


def kiosk(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return subprocess.run([sys.executable, "-m", "kiosk", *map(str, args)], capture_output=True,
                          text=True, timeout=60, cwd=cwd, env={**os.environ, "PYTHONPATH": path})


def test_validate_valid_pack_exits_0_with_warnings() -> None:
    run = kiosk("pack", "validate", FIXTURE)
    assert run.returncode == 0, run.stdout + run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == f"{FIXTURE}/case-studies/solar-roofs/index.da.md: warning: missing: visitors who " \
                       "choose 'da' see the 'en' text"
    assert lines[-1] == "OK: demo-lab version 3: 2 case studies, 1 tours, 1 datasets, 11 files, 1 warning(s)"


def test_validate_invalid_pack_prints_file_line_and_exits_1(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(FIXTURE, pack)
    md = pack / "case-studies/harbour-cooling/index.en.md"
    md.write_text(md.read_text().replace("theme: water", "theme: watr"))
    run = kiosk("pack", "validate", "pack", cwd=tmp_path)
    assert run.returncode == 1
    assert "pack/case-studies/harbour-cooling/index.en.md:4: unknown theme 'watr' (did you mean " \
           "'water'?)" in run.stdout.splitlines()
    assert run.stdout.splitlines()[-1] == "INVALID: 1 error(s), 1 warning(s) in pack"


def test_keygen_build_signed_and_validate_the_zip(tmp_path: Path) -> None:
    run = kiosk("pack", "keygen", tmp_path / "lab")
    assert run.returncode == 0, run.stderr
    out = tmp_path / "dist" / "demo.zip"
    run = kiosk("pack", "build", FIXTURE, "-o", out, "--sign-key", tmp_path / "lab.key")
    assert run.returncode == 0, run.stderr
    assert "signed" in run.stdout and out.is_file()
    with zipfile.ZipFile(out) as zf:
        manifest, sig = zf.read("manifest.json"), zf.read("manifest.json.sig")
    pub = (tmp_path / "lab.pub").read_text().strip()
    assert signing.verify(manifest, sig, [pub], "manifest.json") == pub
    assert kiosk("pack", "validate", out).returncode == 0
    again = kiosk("pack", "keygen", tmp_path / "lab")
    assert again.returncode == 1 and "not overwriting" in again.stderr


def test_build_refuses_an_invalid_pack(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(FIXTURE, pack)
    (pack / "pack.yaml").write_text("id: Not A Slug\n")
    run = kiosk("pack", "build", pack, "-o", tmp_path / "x.zip")
    assert run.returncode == 1 and "pack id 'Not A Slug'" in run.stderr
    assert not (tmp_path / "x.zip").exists()


def test_validate_refuses_a_hostile_zip(tmp_path: Path) -> None:
    z = tmp_path / "evil.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("pack.yaml", "id: x\n")
        zf.writestr("../../etc/evil", "boom")
    run = kiosk("pack", "validate", z)
    assert run.returncode == 1 and "escapes the pack" in run.stderr
