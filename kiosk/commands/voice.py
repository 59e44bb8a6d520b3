"""``kiosk voice show``: this kiosk's votes per poll and choice, refusals, and what is still unsent."""

from __future__ import annotations

import argparse
import json
from typing import Any

from kiosk.commands.common import config_from_args
from kiosk.config import Config
from kiosk.content.model import Poll
from kiosk.voice import ChoiceCount


def register(sub: Any, groups: dict[str, Any]) -> None:
    voice = sub.add_parser("voice", help="citizen voice: the votes cast at this kiosk",
                           description="Citizen voice: the votes cast at this kiosk.")
    cmds = voice.add_subparsers(dest="subcommand", metavar="SUBCOMMAND", required=True)
    s = cmds.add_parser("show", help="votes per poll and choice, refused votes, what is not sent yet",
                        description="This kiosk's votes per poll and choice (labelled from the active "
                                    "pack when it has the poll), refused votes by reason, and how many "
                                    "votes the hub does not have yet.")
    s.add_argument("--json", action="store_true", help="machine-readable output")
    s.set_defaults(func=cmd_show)


def _known_polls(cfg: Config) -> dict[str, Poll]:
    """The active pack's polls and ask by id, in its default language; empty without a store."""
    from kiosk.store import Store

    with Store.open(cfg.data_paths(), preferred_pack=cfg.kiosk.pack) as store:
        reader = store.reader()
        if reader is None:
            return {}
        lang = reader.meta.default_language
        polls = [reader.poll(cs.slug, lang) for cs in reader.case_studies()] + [reader.ask(lang)]
        return {p.id: p for p in polls if p is not None}


def _choices(poll: Poll | None, mine: dict[int, ChoiceCount]) -> list[dict[str, Any]]:
    """One row per choice of the poll (or per choice voted for, when the pack no longer has it)."""
    labels = poll.choices if poll else ()
    width = max([*mine, len(labels) - 1], default=-1) + 1
    rows: list[dict[str, Any]] = []
    for i in range(width):
        count = mine.get(i)
        rows.append({"index": i, "label": labels[i] if i < len(labels) else "",
                     "votes": count.votes if count else 0, "unsent": count.unsent if count else 0})
    return rows


def report(cfg: Config) -> dict[str, Any]:
    from kiosk.voice import Ballot

    database = cfg.data_paths().database
    if not database.exists():
        return {"database": str(database), "polls": [], "unsent": 0, "pending": 0, "refused": 0}
    ballot = Ballot(database)
    try:
        counts, refused = ballot.counts(), ballot.refused()
        unsent, pending = len(ballot.unsent(limit=1_000_000)), ballot.pending()
    finally:
        ballot.close()
    known = _known_polls(cfg)
    ids = sorted({c.poll for c in counts} | {p for p, _ in refused})
    polls = []
    for poll_id in ids:
        poll = known.get(poll_id)
        mine = {c.choice: c for c in counts if c.poll == poll_id}
        choices = _choices(poll, mine)
        polls.append({"id": poll_id, "question": poll.question if poll else "",
                      "in_pack": poll is not None, "votes": sum(c["votes"] for c in choices),
                      "choices": choices,
                      "refused": {r: n for (p, r), n in refused.items() if p == poll_id}})
    return {"database": str(database), "polls": polls, "unsent": unsent, "pending": pending,
            "refused": sum(refused.values())}


def cmd_show(args: argparse.Namespace) -> int:
    data = report(config_from_args(args))
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    if not data["polls"]:
        print(f"No votes at this kiosk yet ({data['database']}).")
        return 0
    for poll in data["polls"]:
        where = "" if poll["in_pack"] else "  (not in the active pack)"
        print(f"{poll['id']}: {poll['question'] or '-'}{where}")
        total = poll["votes"]
        for c in poll["choices"]:
            share = f"{100 * c['votes'] / total:3.0f} %" if total else "  - %"
            label = c["label"] or f"choice {c['index']}"
            unsent = f"  ({c['unsent']} not sent)" if c["unsent"] else ""
            print(f"  {c['index']}  {label:<32} {c['votes']:>6} {share}{unsent}")
        refused = ", ".join(f"{n} {reason}" for reason, n in sorted(poll["refused"].items()))
        print(f"  {total} vote(s)" + (f"; refused: {refused}" if refused else ""))
    print(f"Not sent yet: {data['pending']} vote(s), {data['unsent']} of them final "
          "(the rest wait for their visit to end).")
    return 0
