"""Row 1: an SVG draws only what is inside its own bytes, however the format nests.

Every hostile case is refused by the validator (so ``pack validate``, install and sync refuse it), and
the renderer refuses it again when it reaches the media directory another way. The renderer runs in
a real subprocess under ``strace``: between its start and end markers nothing outside the media
directory is opened. A control run with a bare ``QSvgRenderer`` shows the probe does catch Qt
following a nested reference.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.content.loader import inspect_pack
from kiosk.content.sources import DirectorySource
from tests.faults.svg_cases import harmless, hostile, write_secrets

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "packs" / "valid"
# Only the names: hostile() puts the paths into text and touches no file (collection runs as any user).
CASES = sorted(hostile({k: Path(f"/nonexistent/secret.{k}") for k in ("png", "svg", "css")}))
_OPEN = re.compile(r'^\d+\s+(?:open|openat|openat2|creat)\((?:AT_FDCWD, )?"([^"]+)"')


def _strace_works() -> str | None:
    if shutil.which("strace") is None:
        return "strace is not installed (Debian package strace)"
    done = subprocess.run(["strace", "-qq", "-e", "trace=openat", "-o", os.devnull, "true"],
                          capture_output=True, check=False)
    return None if done.returncode == 0 else f"strace cannot trace here: {done.stderr.decode()[:200]}"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("svg")
    secrets = write_secrets(base / "outside")
    media = base / "media" / "ab"
    media.mkdir(parents=True)
    files = {name: media / f"{i:064x}" for i, name in enumerate([*CASES, "harmless"])}
    for name, data in hostile(secrets).items():
        files[name].write_bytes(data)
    files["harmless"].write_bytes(harmless())
    return {"base": base, "media": media.parent, "outside": secrets["png"].parent, **files}


def _probe(world: dict[str, Path], names: list[str], *, raw: bool = False) -> tuple[dict[str, bool],
                                                                                   dict[str, list[str]]]:
    """Render ``names`` in a subprocess under strace: (rendered?, files opened while rendering each)."""
    skip = _strace_works()
    if skip:
        pytest.skip(skip)
    markdir = world["base"] / ("raw" if raw else "kiosk")
    markdir.mkdir(exist_ok=True)
    trace = markdir / "trace.log"
    cmd = ["strace", "-f", "-qq", "-e", "trace=open,openat,openat2,creat", "-o", str(trace),
           sys.executable, "-m", "tests.helpers.render_probe", str(markdir),
           *(["--raw"] if raw else []), *(str(world[n]) for n in names)]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr[-2000:]
    rendered = json.loads(done.stdout.strip().splitlines()[-1])
    by_file = {str(world[n]): n for n in names}
    opened: dict[str, list[str]] = {n: [] for n in names}
    current: str | None = None
    started = False
    for line in trace.read_text().splitlines():
        match = _OPEN.match(line)
        if not match:
            continue
        path = match.group(1)
        if path == str(markdir / "probe-start"):
            started = True
        elif path == str(markdir / "probe-end"):
            break
        elif started and path.startswith(str(markdir / "probe-at-")):
            current = by_file[str(world["media"] / "ab" / path.rsplit("probe-at-", 1)[1])]
        elif started and current is not None:
            opened[current].append(path)
    assert started, "the probe's start marker never showed up in the trace"
    return {by_file[k]: v for k, v in rendered.items()}, opened


@pytest.fixture(scope="module")
def kiosk_run(world: dict[str, Path]) -> tuple[dict[str, bool], dict[str, list[str]]]:
    return _probe(world, [*CASES, "harmless"])


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES)
def test_renderer_refuses_and_opens_nothing_outside_media(
        case: str, world: dict[str, Path], kiosk_run: tuple[dict[str, bool], dict[str, list[str]]]) -> None:
    rendered, opened = kiosk_run
    outside = [p for p in opened[case] if not p.startswith(str(world["media"]) + "/")]
    assert outside == [], f"{case}: rendering opened {outside}"
    assert rendered[case] is False, f"{case}: the renderer drew a hostile SVG"


@pytest.mark.slow
def test_harmless_svg_with_inline_png_still_renders(
        world: dict[str, Path], kiosk_run: tuple[dict[str, bool], dict[str, list[str]]]) -> None:
    rendered, opened = kiosk_run
    assert rendered["harmless"] is True
    assert set(opened["harmless"]) == {str(world["harmless"])}


@pytest.mark.slow
def test_control_bare_qt_follows_the_nested_reference(world: dict[str, Path]) -> None:
    """Without the rule Qt opens the outside picture: the probe can see what the tests above rule out."""
    _, opened = _probe(world, ["nested-data-svg-as-png", "xlink-href-image"], raw=True)
    secret = str(world["outside"] / "secret.png")
    assert secret in opened["nested-data-svg-as-png"]
    assert secret in opened["xlink-href-image"]


@pytest.mark.parametrize("case", CASES)
def test_validator_refuses_each_case_naming_the_file(case: str, tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(FIXTURE, pack)
    secrets = write_secrets(tmp_path / "outside")
    (pack / "case-studies/harbour-cooling/hero.svg").write_bytes(hostile(secrets)[case])
    errors = [p for p in inspect_pack(DirectorySource(pack), deep=True).problems if p.severity == "error"]
    assert {p.file for p in errors} == {"case-studies/harbour-cooling/hero.svg"}, errors
    assert "SVG" in errors[0].message


def test_validate_command_refuses_the_nested_trick(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(FIXTURE, pack)
    secrets = write_secrets(tmp_path / "outside")
    (pack / "media/logo.svg").write_bytes(hostile(secrets)["nested-data-svg"])
    done = subprocess.run([sys.executable, "-m", "kiosk", "pack", "validate", str(pack)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 1
    assert "media/logo.svg" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.slow
def test_installed_store_screenshot_never_opens_the_outside_file(tmp_path: Path) -> None:
    """End to end: a hostile SVG swapped into the media directory after a valid install (so the
    validator never saw it) is refused by the renderer on the real case-study screen."""
    from kiosk.paths import DataPaths
    from kiosk.store import Store
    from tests.faults.svg_cases import NS, b64

    skip = _strace_works()
    if skip:
        pytest.skip(skip)
    secrets = write_secrets(tmp_path / "outside")
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    kiosk = [sys.executable, "-m", "kiosk", "--data-dir", str(data)]
    subprocess.run([*kiosk, "pack", "install", str(FIXTURE)], cwd=ROOT, env=env, check=True,
                   capture_output=True, timeout=120)
    with Store.open(DataPaths(data)) as store:
        (sha,) = store.db().execute("SELECT sha256 FROM files WHERE path = ?",
                                    ["case-studies/harbour-cooling/hero.svg"]).fetchone()
        blob = store.media_file(sha)
    inner = f'<svg {NS}><image href="{secrets["png"]}" width="200" height="200"/></svg>'
    blob.write_text(f'<svg {NS}><image href="data:image/png;base64,{b64(inner.encode())}" width="200" '
                    f'height="200"/><image xlink:href="{secrets["png"]}" width="9" height="9"/></svg>')
    trace = tmp_path / "trace.log"
    done = subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=open,openat,openat2,creat", "-o", str(trace), *kiosk,
         "screenshot", "--screen", "case:harbour-cooling", "--size", "1280x800", "--out",
         str(tmp_path / "case.png")], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180,
        check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    opened = [m.group(1) for line in trace.read_text().splitlines() if (m := _OPEN.match(line))]
    assert str(blob) in opened, "the hostile SVG should have been read (and refused)"
    assert not [p for p in opened if p.startswith(str(secrets["png"].parent))]
    assert "SVG refused" in done.stderr
