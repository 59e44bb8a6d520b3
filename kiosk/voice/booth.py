"""The voting booth of one kiosk: the current visit, its answers, and what the screen shows after a tap.

The UI holds one :class:`Booth` for the life of the kiosk. A visitor's taps go through
:meth:`Booth.vote` (written to SQLite before it returns); :meth:`Booth.end_visit` is called at the
idle reset and when a tour ends, so the next visitor starts a fresh visit and may vote again. No Qt.
"""

from __future__ import annotations

from collections.abc import Callable

from kiosk.voice.ballot import Ballot, Outcome, Tally, new_visit


class Booth:
    """One kiosk's current visit over a :class:`Ballot`; ``channel`` names the hub aggregate to combine."""

    def __init__(self, ballot: Ballot, channel: str, *, visit_ids: Callable[[], str] = new_visit) -> None:
        self.ballot = ballot
        self.channel = channel
        self._new_visit = visit_ids
        self.visit = visit_ids()
        self._chosen: dict[str, int] = {}
        self.on_visit_ended: list[Callable[[int], None]] = []
        """Called with the number of votes made final (the sender sends them soon)."""

    def vote(self, poll: str, choice: int) -> Outcome:
        """Record this visit's answer to ``poll`` (or change it); durable once this returns."""
        outcome = self.ballot.record(poll, choice, self.visit)
        if outcome is not Outcome.REFUSED:
            self._chosen[poll] = choice
        return outcome

    def chosen(self, poll: str) -> int | None:
        """The answer this visit gave to ``poll``, or None."""
        return self._chosen.get(poll)

    def tally(self, poll: str, choices: int) -> Tally:
        return self.ballot.tally(poll, choices, self.channel)

    def end_visit(self) -> int:
        """The visitor left (idle reset, end of a tour): their votes are final; a new visit begins.

        Returns how many votes became final. Cheap when the visit did not vote (no write).
        """
        ended = self.ballot.end_visit(self.visit) if self._chosen else 0
        self.visit = self._new_visit()
        self._chosen.clear()
        for callback in list(self.on_visit_ended):
            callback(ended)
        return ended
