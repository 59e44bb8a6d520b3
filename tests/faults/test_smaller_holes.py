"""Row 7: staged versions, rollback pins, channel hash/version agreement, default-language text.

Real ``kiosk`` processes against a real local HTTP server and a real store."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.faults.common import kiosk, publish, status, write_config
from tests.helpers.servers import FaultServer

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "packs" / "valid"


def shown(cfg: Path) -> list[tuple[str, int]]:
    return [(p["id"], p["version"]) for p in status(cfg)["packs"]]


def test_version_staged_with_no_activate_is_shown_by_the_next_sync(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    publish(tmp_path, tree, 1, {"media/a.txt": b"one"})
    with FaultServer(tree) as srv:
        cfg = write_config(tmp_path / "kiosk.toml", tmp_path / "data", srv.url)
        staged = kiosk("--config", str(cfg), "sync", "--once", "--no-activate")
        assert staged.returncode == 0 and "staged" in staged.stdout
        assert shown(cfg) == []
        again = kiosk("--config", str(cfg), "sync", "--once", "--no-activate")
        assert shown(cfg) == [] and "now showing" not in again.stdout  # --no-activate again: still staged
        done = kiosk("--config", str(cfg), "sync", "--once")
        assert done.returncode == 0, done.stderr
        assert "demo version 1: staged by an earlier sync, now showing" in done.stdout
        assert shown(cfg) == [("demo", 1)]


def test_manual_rollback_is_pinned_until_the_publisher_goes_past_it(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    publish(tmp_path, tree, 1, {"media/a.txt": b"one"})
    with FaultServer(tree) as srv:
        cfg = write_config(tmp_path / "kiosk.toml", tmp_path / "data", srv.url)
        assert kiosk("--config", str(cfg), "sync", "--once").returncode == 0
        publish(tmp_path, tree, 2, {"media/a.txt": b"two"})
        assert kiosk("--config", str(cfg), "sync", "--once").returncode == 0
        assert shown(cfg) == [("demo", 2)]
        rolled = kiosk("--config", str(cfg), "pack", "rollback")
        assert rolled.returncode == 0 and "pinned" in rolled.stdout
        assert shown(cfg) == [("demo", 1)]
        channel = tree / "v1" / "channels" / "main.json"
        doc = json.loads(channel.read_text())
        doc["published_at"] = "2030-01-01T00:00:00Z"  # the channel changes, v2 is still listed
        channel.write_text(json.dumps(doc))
        after = kiosk("--config", str(cfg), "sync", "--once")
        assert after.returncode == 0, after.stderr
        assert shown(cfg) == [("demo", 1)], "the first sync after a channel change undid the rollback"
        assert status(cfg)["packs"][0]["pinned"] == [1, 2]
        publish(tmp_path, tree, 3, {"media/a.txt": b"three"})
        past = kiosk("--config", str(cfg), "sync", "--once")
        assert past.returncode == 0 and "demo version 3" in past.stdout
        assert shown(cfg) == [("demo", 3)]
        assert status(cfg)["packs"][0]["pinned"] is None


def test_case_study_without_default_language_text_names_the_folder(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(FIXTURE, pack)
    folder = pack / "case-studies" / "only-french"
    folder.mkdir()
    (folder / "index.fr.md").write_text("---\ntitle: Seulement en français\n---\nBonjour\n")
    done = kiosk("pack", "validate", str(pack))
    assert done.returncode == 1
    out = done.stdout + done.stderr
    assert "case-studies/only-french: missing: every case study needs a file in the default language" in out
    assert "index.fr.md" in out and "Traceback" not in out
