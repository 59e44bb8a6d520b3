"""``kiosk pack install | rollback`` and ``kiosk status`` with real pack directories and zips."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.content.build import build_zip
from tests.bench.gen_pack import write_pack_dir


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_install_dir_then_zip_then_rollback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path / "data")
    v1 = write_pack_dir(tmp_path / "v1", 4, version=1)
    code, out, _ = run(capsys, "--data-dir", data, "pack", "install", str(v1))
    assert code == 0
    assert "bench version 1: installed and shown; 21 files copied" in out

    v2 = write_pack_dir(tmp_path / "v2", 4, version=2, changed=[2])
    built = build_zip(v2, tmp_path / "v2.zip")
    code, out, _ = run(capsys, "--data-dir", data, "pack", "install", str(tmp_path / "v2.zip"))
    assert code == 0
    # case 2's three images and two Markdown files, plus pack.yaml
    assert "bench version 2: installed and shown; 6 files copied" in out
    assert built.manifest_sha256 in out

    code, out, _ = run(capsys, "--data-dir", data, "status", "--json")
    status = json.loads(out)
    (pack,) = status["packs"]
    assert (pack["id"], pack["version"], pack["case_studies"]) == ("bench", 2, 4)
    assert pack["manifest_sha256"] == built.manifest_sha256
    assert [p["version"] for p in pack["previous"]] == [1]
    assert status["sync"]["state"] == "never"  # no hub configured, never synced

    code, out, _ = run(capsys, "--data-dir", data, "pack", "rollback")
    assert (code, out.strip()) == (0, "bench: rolled back from version 2 to version 1; pinned until the "
                                      "channel offers a version above 2")
    code, out, _ = run(capsys, "--data-dir", data, "status")
    assert "bench version 1 (shown): 4 case studies" in out
    assert "previous: version 2" in out


def test_invalid_pack_and_downgrade_are_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path / "data")
    v3 = write_pack_dir(tmp_path / "v3", 1, version=3)
    assert run(capsys, "--data-dir", data, "pack", "install", str(v3))[0] == 0
    v2 = write_pack_dir(tmp_path / "v2", 1, version=2)
    code, _, err = run(capsys, "--data-dir", data, "pack", "install", str(v2))
    assert code == 1 and "older than the active version 3" in err
    assert run(capsys, "--data-dir", data, "pack", "install", "--allow-downgrade", str(v2))[0] == 0

    bad = write_pack_dir(tmp_path / "bad", 1, version=9)
    (bad / "pack.yaml").write_text("id: bench\nversion: nine\n", encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", data, "pack", "install", str(bad))
    assert code == 1 and "pack.yaml" in err
    code, out, _ = run(capsys, "--data-dir", data, "status", "--json")
    assert json.loads(out)["packs"][0]["version"] == 2


def test_status_and_rollback_of_an_empty_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path / "data")
    code, out, _ = run(capsys, "--data-dir", data, "status")
    assert code == 0 and "no pack installed" in out
    code, _, err = run(capsys, "--data-dir", data, "pack", "rollback")
    assert code == 1 and "nothing to roll back" in err
