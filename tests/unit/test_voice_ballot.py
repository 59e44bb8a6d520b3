"""The ballot box on a real SQLite file: one vote per poll and visit, the rate limit, sending."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from kiosk.voice import Ballot, ChoiceCount, Outcome
from kiosk.voice.ballot import hour_of, new_visit
from tests.helpers.clock import ManualClock

T0 = 1_795_000_000.0  # a fixed clock, moved by hand: no sleeps


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(T0)


@pytest.fixture
def ballot(tmp_path: Path, clock: ManualClock) -> Ballot:
    return Ballot(tmp_path / "kiosk.db", clock=clock)


def test_a_change_within_the_visit_replaces_the_vote(ballot: Ballot, clock: ManualClock) -> None:
    visit = new_visit()
    assert ballot.record("street", 0, visit) is Outcome.ACCEPTED
    clock.now += 5
    assert ballot.record("street", 2, visit) is Outcome.CHANGED
    assert ballot.counts() == [ChoiceCount("street", 2, 1, 1)]
    ballot.end_visit(visit)
    [vote] = ballot.unsent()
    assert (vote.poll, vote.choice) == ("street", 2)


def test_each_visit_counts_once_per_poll(ballot: Ballot, clock: ManualClock) -> None:
    for choice in (0, 1, 1):
        clock.now += 4
        assert ballot.record("street", choice, new_visit()) is Outcome.ACCEPTED
    clock.now += 4
    visit = new_visit()
    assert ballot.record("other", 0, visit) is Outcome.ACCEPTED
    assert ballot.record("street", 0, visit) is Outcome.ACCEPTED  # another poll: its own limit
    assert ballot.counts("street") == [ChoiceCount("street", 0, 2, 2), ChoiceCount("street", 1, 2, 2)]


def test_rate_limit_refuses_and_counts_refusals(ballot: Ballot, clock: ManualClock) -> None:
    assert ballot.record("street", 0, new_visit()) is Outcome.ACCEPTED
    for step in (0.5, 1.0, 1.4):  # 2.9 s after the first vote
        clock.now += step
        assert ballot.record("street", 1, new_visit()) is Outcome.REFUSED
    clock.now += 0.1  # 3.0 s
    assert ballot.record("street", 1, new_visit()) is Outcome.ACCEPTED
    assert ballot.refused() == {("street", "rate"): 3}
    assert sum(c.votes for c in ballot.counts()) == 2


def test_a_quick_change_is_not_rate_limited_and_stays_one_vote(ballot: Ballot, clock: ManualClock) -> None:
    """A visitor taps Yes, then No a second later: the answer changes (the X11 walk found the change
    refused at first); the rate limit, which only counts new votes, is not moved by it."""
    visit = new_visit()
    ballot.record("street", 0, visit)
    clock.now += 1
    assert ballot.record("street", 1, visit) is Outcome.CHANGED
    assert ballot.counts() == [ChoiceCount("street", 1, 1, 1)]
    clock.now += 2  # 3 s after the first vote: the next visitor may vote
    assert ballot.record("street", 2, new_visit()) is Outcome.ACCEPTED
    assert ballot.refused() == {}


def test_votes_wait_for_the_end_of_their_visit(ballot: Ballot, clock: ManualClock) -> None:
    open_visit, done = new_visit(), new_visit()
    ballot.record("a", 0, open_visit)
    ballot.record("b", 1, done)
    assert ballot.end_visit(done) == 1
    assert [v.poll for v in ballot.unsent()] == ["b"]
    assert ballot.pending() == 2
    clock.now += ballot.hold + 1  # the kiosk died mid-visit: final anyway after an hour
    assert sorted(v.poll for v in ballot.unsent()) == ["a", "b"]
    clock.now += 10
    assert ballot.record("b", 0, done) is Outcome.REFUSED
    assert ballot.refused() == {("b", "visit-ended"): 1}


def test_sent_votes_carry_the_hour_and_no_visit(ballot: Ballot, clock: ManualClock) -> None:
    clock.now = 1_794_992_399.0  # 2026-11-18 08:59:59 UTC
    visit = new_visit()
    ballot.record("street", 1, visit)
    ballot.end_visit(visit)
    [vote] = ballot.unsent()
    assert vote.hour == hour_of(1_794_992_399.0) == "2026-11-18T08:00:00Z"
    assert set(vote.as_json()) == {"key", "poll", "choice", "hour"}
    assert visit not in str(vote.as_json())


def test_mark_sent_is_idempotent_and_keeps_counts(ballot: Ballot, clock: ManualClock) -> None:
    keys = []
    for i in range(7):
        clock.now += 3
        visit = new_visit()
        ballot.record("street", i % 3, visit)
        ballot.end_visit(visit)
    batch = ballot.unsent(limit=5)
    keys = [v.key for v in batch]
    assert len(set(keys)) == 5
    assert ballot.unsent(limit=5) == batch  # a retry sends the very same keys
    assert ballot.mark_sent(keys) == 5 and ballot.mark_sent(keys) == 0
    assert len(ballot.unsent()) == 2 and ballot.pending() == 2
    assert sum(c.votes for c in ballot.counts()) == 7 and sum(c.unsent for c in ballot.counts()) == 2


def test_hub_refusals_are_counted(ballot: Ballot) -> None:
    ballot.count_refused("street", "hub-cap", 4)
    ballot.count_refused("street", "hub-cap", 0)
    ballot.count_refused("street", "hub-cap", 2)
    assert ballot.refused() == {("street", "hub-cap"): 6}


@pytest.mark.parametrize(("poll", "choice", "visit"), [("Not An Id", 0, "v"), ("street", 5, "v"),
                                                       ("street", -1, "v"), ("street", 0, "")])
def test_not_a_vote(ballot: Ballot, poll: str, choice: int, visit: str) -> None:
    with pytest.raises(ValueError, match="not a vote"):
        ballot.record(poll, choice, visit)


def test_votes_survive_reopening(tmp_path: Path, clock: ManualClock) -> None:
    first = Ballot(tmp_path / "kiosk.db", clock=clock)
    first.record("street", 1, "v1")
    first.close()
    again = Ballot(tmp_path / "kiosk.db", clock=clock)
    assert again.counts() == [ChoiceCount("street", 1, 1, 1)]
    again.close()


def test_rate_limit_holds_across_threads(tmp_path: Path, clock: ManualClock) -> None:
    ballot = Ballot(tmp_path / "kiosk.db", clock=clock)  # a still clock: all land at the same time
    outcomes: list[Outcome] = []
    lock = threading.Lock()

    def vote() -> None:
        result = ballot.record("street", 0, new_visit())
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=vote) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count(Outcome.ACCEPTED) == 1 and outcomes.count(Outcome.REFUSED) == 7
    assert ballot.refused() == {("street", "rate"): 7}
    ballot.close()
