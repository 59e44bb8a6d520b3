"""The ``poll:`` of a case study and the ``ask:`` of ``pack.yaml``: parsing and cross-file checks.

Votes are counted by poll id and choice index, so a translation must keep the number and order of
choices; the checks here say so with the file and line of the offending key.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any, cast

from kiosk.content.checks import Checker, Ctx
from kiosk.content.model import (
    ASK_EVERY,
    MAX_CHOICES,
    MIN_CHOICES,
    POLL_RESULTS,
    Ask,
    AskChoice,
    CaseStudy,
    CaseStudyDoc,
    I18n,
    PackMeta,
    Poll,
    PollResults,
    pick,
)
from kiosk.errors import Problem

POLL_KEYS = ("id", "question", "choices", "results")
ASK_CHOICE_KEYS = ("case_study", "label")
ASK_KEYS = (*POLL_KEYS, "every")


def _results(c: Checker, value: Any, path: tuple[Any, ...]) -> PollResults:
    if value is None:
        return "after-vote"
    if value not in POLL_RESULTS:
        c.error(path, f"{c.name(path)} must be one of {', '.join(POLL_RESULTS)}, found {value!r}")
        return "after-vote"
    return cast(PollResults, value)


def _nonempty(c: Checker, value: Any, path: tuple[Any, ...]) -> str | None:
    if isinstance(value, bool):
        c.error(path, f"{c.name(path)} must be text, found true/false (quote it: \"Yes\", \"No\"; "
                      "YAML reads Yes/No/On/Off unquoted as true/false)")
        return None
    text = c.text(value, path)
    if text is not None and not text.strip():
        c.error(path, f"{c.name(path)} is empty")
        return None
    return text


def _count(c: Checker, n: int, path: tuple[Any, ...]) -> bool:
    if MIN_CHOICES <= n <= MAX_CHOICES:
        return True
    c.error(path, f"{c.name(path)} must have {MIN_CHOICES} to {MAX_CHOICES} choices, found {n}")
    return False


def parse_poll(c: Checker, value: Any, lang: str) -> tuple[Poll | None, dict[str, int | None]]:
    """A case-study file's ``poll:`` as written (a translation may leave out any key).

    Returns the poll (empty id/question/choices where not given) and the line of each key it sets,
    as ``poll.<key>``. Id and results are required only of the default language (the loader checks).
    """
    path: tuple[Any, ...] = ("poll",)
    m = c.mapping(value, path, POLL_KEYS)
    if m is None:
        return None, {}
    lines = {f"poll.{k}": c.doc.line((*path, k)) for k in m}
    lines["poll"] = c.doc.line(path)
    poll_id = c.slug(m.get("id"), (*path, "id"), "poll id") if "id" in m else ""
    question = _nonempty(c, m.get("question"), (*path, "question")) if "question" in m else ""
    choices: tuple[str, ...] = ()
    if "choices" in m:
        items = c.seq(m.get("choices"), (*path, "choices"))
        texts = [_nonempty(c, v, (*path, "choices", i)) for i, v in enumerate(items)]
        if isinstance(m.get("choices"), list) and _count(c, len(items), (*path, "choices")):
            choices = tuple(t or "" for t in texts)
    results = _results(c, m.get("results"), (*path, "results"))
    return Poll(poll_id or "", question or "", choices, results, lang), lines


def check_main_poll(doc: CaseStudyDoc, lines: dict[str, int | None], ctx: Ctx) -> CaseStudyDoc:
    """The default-language poll needs an id, a question and choices; a broken poll is dropped."""
    poll = doc.poll
    if poll is None:
        return doc
    missing = [k for k in ("id", "question", "choices") if f"poll.{k}" not in lines]
    for key in missing:
        ctx.problems.append(Problem(doc.source_file, lines.get("poll"), f"poll.{key} is required"))
    if missing or not (poll.id and poll.question and poll.choices):
        return dataclasses.replace(doc, poll=None)
    ctx.polls.append((poll.id, doc.source_file, lines.get("poll.id")))
    return doc


def inherit_poll(doc: CaseStudyDoc, lines: dict[str, int | None], main: CaseStudyDoc,
                 ctx: Ctx) -> Poll | None:
    """A translation's poll: its question and choices, the default language's id and results."""
    ours, theirs = doc.poll, main.poll
    if theirs is None:
        if ours is not None:
            ctx.problems.append(Problem(doc.source_file, lines.get("poll"), "poll: the default-language "
                                        f"file {main.source_file} has no poll (or a broken one); "
                                        "add it there first"))
        return None
    if ours is None:
        return theirs
    for key in ("id", "results"):
        if f"poll.{key}" in lines and getattr(ours, key) != getattr(theirs, key):
            ctx.problems.append(Problem(doc.source_file, lines[f"poll.{key}"], f"poll.{key} differs from "
                                        f"{main.source_file}; the default-language value is used",
                                        "warning"))
    choices = theirs.choices
    if "poll.choices" in lines:
        if len(ours.choices) != len(theirs.choices) and ours.choices:
            ctx.problems.append(Problem(doc.source_file, lines["poll.choices"], f"poll.choices has "
                                        f"{len(ours.choices)} choices but {main.source_file} has "
                                        f"{len(theirs.choices)}; votes are counted by position, so "
                                        "translate each choice in the same order"))
        elif ours.choices:
            choices = ours.choices
    lang = doc.lang if ours.question else theirs.lang
    return Poll(theirs.id, ours.question or theirs.question, choices, theirs.results, lang)


def parse_ask(c: Checker, value: Any, languages: tuple[str, ...]) -> Ask | None:
    """``pack.yaml``'s ``ask:``: text per language; choices name a case study or carry a label."""
    path: tuple[Any, ...] = ("ask",)
    m = c.mapping(value, path, ASK_KEYS, required=("id", "question", "choices"))
    if m is None:
        return None
    ask_id = c.slug(m.get("id"), (*path, "id"), "ask id")
    question = _i18n_nonempty(c, m.get("question"), (*path, "question"), languages)
    choices: list[AskChoice] = []
    items = c.seq(m.get("choices"), (*path, "choices"))
    for i, item in enumerate(items):
        cpath = (*path, "choices", i)
        cm = c.mapping(item, cpath, ASK_CHOICE_KEYS)
        if cm is None:
            continue
        if ("case_study" in cm) == ("label" in cm):
            c.error(cpath, f"{c.name(cpath)} needs either case_study (a slug) or label (text per "
                           "language), not both")
            continue
        if "case_study" in cm:
            slug = c.slug(cm.get("case_study"), (*cpath, "case_study"), "case study")
            c.want_id("case study", slug, (*cpath, "case_study"))
            if slug:
                choices.append(AskChoice(case_study=slug))
        else:
            label = _i18n_nonempty(c, cm.get("label"), (*cpath, "label"), languages)
            if label:
                choices.append(AskChoice(label=label))
    count_ok = isinstance(m.get("choices"), list) and _count(c, len(items), (*path, "choices"))
    results = _results(c, m.get("results"), (*path, "results"))
    every = c.integer(m.get("every"), (*path, "every"), lo=0, hi=50)
    if ask_id:
        c.ctx.polls.append((ask_id, c.doc.file, c.doc.line((*path, "id"))))
    if not ask_id or not question or not count_ok or len(choices) != len(items):
        return None
    return Ask(ask_id, question, tuple(choices), results, ASK_EVERY if every is None else every)


def _i18n_nonempty(c: Checker, value: Any, path: tuple[Any, ...], languages: tuple[str, ...]) -> I18n:
    text = c.i18n(value, path, languages)
    for lang, t in text.items():
        if not t.strip():
            c.error((*path, lang), f"{c.name((*path, lang))} is empty")
    if value is not None and not any(t.strip() for t in text.values()):
        if not text:
            c.error(path, f"{c.name(path)} has no text")
        return {}
    return {k: v for k, v in text.items() if v.strip()}


def check_poll_ids(ctx: Ctx) -> None:
    """Every poll id once in the pack: a shared id would merge two questions' counts."""
    seen: dict[str, str] = {}
    for poll_id, file, line in ctx.polls:
        if poll_id in seen:
            ctx.problems.append(Problem(file, line, f"poll id {poll_id!r} is already used by {seen[poll_id]};"
                                        " every poll needs its own id (a shared id merges the counts)"))
        else:
            seen[poll_id] = file


def ask_poll(meta: PackMeta, case_studies: Mapping[str, CaseStudy], lang: str) -> Poll | None:
    """The lab-wide question in ``lang``: a case-study choice is labelled with its title in ``lang``."""
    ask = meta.ask
    if ask is None:
        return None
    question, used = pick(ask.question, lang, meta.default_language)
    labels: list[str] = []
    for choice in ask.choices:
        if choice.case_study:
            cs = case_studies.get(choice.case_study)
            labels.append(cs.doc(lang).title if cs else choice.case_study)
        else:
            labels.append(pick(choice.label, lang, meta.default_language)[0])
    return Poll(ask.id, question, tuple(labels), ask.results, used)
