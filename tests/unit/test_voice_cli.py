"""``kiosk voice show`` in-process, on a temp data dir with the bundled pack installed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.voice import Ballot


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out + out.err


def test_no_votes_yet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "--data-dir", str(tmp_path / "data"), "voice", "show")
    assert code == 0 and "No votes at this kiosk yet" in out
    assert not (tmp_path / "data" / "kiosk.db").exists()  # looking does not create anything


def test_counts_labels_refusals_and_unsent(tmp_path: Path, bundled_pack: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    assert run(capsys, "--data-dir", str(data), "pack", "install", str(bundled_pack))[0] == 0
    ballot = Ballot(data / "kiosk.db", min_interval=0)
    for i, choice in enumerate([0, 0, 2, 1]):
        ballot.record("cooling-from-the-harbour", choice, f"visit-{i}")
    ballot.record("retired-poll", 1, "visit-0")
    ballot.end_visit("visit-0")
    ballot.end_visit("visit-1")
    ballot.mark_sent([v.key for v in ballot.unsent() if v.poll == "retired-poll"])
    ballot.count_refused("cooling-from-the-harbour", "rate", 3)
    ballot.close()

    code, out = run(capsys, "--data-dir", str(data), "voice", "show")
    assert code == 0
    assert "cooling-from-the-harbour: Should your building be cooled with seawater" in out
    assert re.search(r"0  Yes +2  50 %  \(2 not sent\)", out), out
    assert "4 vote(s); refused: 3 rate" in out
    assert "retired-poll: -  (not in the active pack)" in out
    assert "Not sent yet: 4 vote(s), 2 of them final" in out

    code, out = run(capsys, "--data-dir", str(data), "voice", "show", "--json")
    doc = json.loads(out)
    assert (doc["pending"], doc["unsent"], doc["refused"]) == (4, 2, 3)
    cooling = next(p for p in doc["polls"] if p["id"] == "cooling-from-the-harbour")
    assert [(c["label"], c["votes"], c["unsent"]) for c in cooling["choices"]] == [
        ("Yes", 2, 2), ("Maybe", 1, 1), ("No", 1, 1)]
    assert cooling["refused"] == {"rate": 3}
    retired = next(p for p in doc["polls"] if p["id"] == "retired-poll")
    assert retired["in_pack"] is False and retired["choices"][1] == {
        "index": 1, "label": "", "votes": 1, "unsent": 0}
