"""The booth (one visit at a time) and pruning of sent votes, on a real SQLite file. No Qt."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.config import load_config
from kiosk.errors import ConfigError
from kiosk.voice import Ballot, Outcome
from kiosk.voice.booth import Booth
from tests.helpers.clock import ManualClock

T0 = 1_795_000_000.0
DAY = 86400.0


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(T0)


@pytest.fixture
def ballot(tmp_path: Path, clock: ManualClock) -> Iterator[Ballot]:
    b = Ballot(tmp_path / "kiosk.db", clock=clock)
    yield b
    b.close()


def test_one_visit_one_vote_then_a_new_visit_votes_again(ballot: Ballot, clock: ManualClock) -> None:
    ended: list[int] = []
    booth = Booth(ballot, "main")
    booth.on_visit_ended.append(ended.append)
    assert booth.chosen("street") is None
    assert booth.vote("street", 0) is Outcome.ACCEPTED
    clock.now += 5
    assert booth.vote("street", 2) is Outcome.CHANGED
    assert booth.chosen("street") == 2
    assert [(c.choice, c.votes) for c in ballot.counts("street")] == [(2, 1)]
    assert ballot.unsent() == []  # still open to change: not offered to the sender yet
    first = booth.visit
    assert booth.end_visit() == 1 and ended == [1]
    assert booth.visit != first and booth.chosen("street") is None
    assert [v.choice for v in ballot.unsent()] == [2]
    clock.now += 5
    assert booth.vote("street", 1) is Outcome.ACCEPTED
    assert sum(c.votes for c in ballot.counts("street")) == 2


def test_a_visit_without_votes_ends_without_writing(ballot: Ballot) -> None:
    booth = Booth(ballot, "main")
    assert booth.end_visit() == 0
    assert ballot.counts() == []


def test_a_refused_vote_is_not_the_visitors_answer(ballot: Ballot, clock: ManualClock) -> None:
    booth = Booth(ballot, "main")
    Booth(ballot, "main").vote("street", 0)  # another visitor, a second ago
    clock.now += 1
    assert booth.vote("street", 1) is Outcome.REFUSED  # the 3 s rate limit
    assert booth.chosen("street") is None
    assert ballot.refused() == {("street", "rate"): 1}


def test_prune_forgets_only_votes_the_hub_confirmed_long_ago(ballot: Ballot, clock: ManualClock) -> None:
    for i in range(6):
        clock.now += 10
        ballot.record("street", i % 3, f"v{i}")
        ballot.end_visit(f"v{i}")
    old = [v.key for v in ballot.unsent()[:3]]
    ballot.mark_sent(old)  # confirmed 90 days ago (see below)
    clock.now += 80 * DAY
    recent = [v.key for v in ballot.unsent()[:1]]
    ballot.mark_sent(recent)  # confirmed 10 days before the prune
    clock.now += 10 * DAY + 1
    assert ballot.prune(30 * DAY) == 3
    assert ballot.pending() == 2  # unsent votes are never pruned, however old
    assert sum(c.votes for c in ballot.counts()) == 3
    assert ballot.prune(30 * DAY) == 0


def test_prune_keeps_the_table_bounded(ballot: Ballot, clock: ManualClock) -> None:
    """Four months of daily sends with keep_days = 7: the table holds about a week, not four months."""
    sizes = []
    for day in range(120):
        for i in range(4):
            clock.now += 60
            ballot.record("street", i % 3, f"d{day}-{i}")
            ballot.end_visit(f"d{day}-{i}")
        ballot.mark_sent(v.key for v in ballot.unsent(1000))
        clock.now = T0 + (day + 1) * DAY
        ballot.prune(7 * DAY)
        sizes.append(sum(c.votes for c in ballot.counts()))
    assert max(sizes) <= 8 * 4 and sizes[-1] == sizes[30]


def test_voice_config_is_checked(tmp_path: Path) -> None:
    cfg = load_config(None, environ={})
    assert (cfg.voice.enabled, cfg.voice.send_seconds, cfg.voice.keep_days) == (True, 120, 90)
    path = tmp_path / "kiosk.toml"
    path.write_text("[voice]\nkeep_days = 0\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"voice.keep_days.*at least 1"):
        load_config(path, environ={})
    assert load_config(None, environ={"KIOSK_VOICE_KEEP_DAYS": "14"}).voice.keep_days == 14
