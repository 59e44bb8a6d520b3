"""Citizen voice, kiosk side: one-tap votes kept in SQLite until the hub has them. No Qt."""

from kiosk.voice.ballot import Ballot, ChoiceCount, Outcome, Tally, Vote

__all__ = ["Ballot", "ChoiceCount", "Outcome", "Tally", "Vote"]
