"""Turning a source's rows into points, tolerantly and with every problem located.

A bad row (a time or value that does not parse, a wall time that does not exist) is skipped with a
message naming the file or URL, the line or record and the reason; the fetch fails only when no row
parses at all. Duplicate times are reported (the last one wins). Naive times are read in the source's
zone; a wall time that happens twice when daylight saving time ends is placed by the ``fold`` rule:

- ``position`` (default): the first occurrence in the file is the first hour, the second the second
  (reversed for files written newest first); a fold time that occurs once is read as the first hour,
  with a warning, because the file cannot tell which it is;
- ``earlier`` / ``later``: every fold time is the first / the second of the two hours.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kiosk.data.timeparse import epoch, local_kind, read_time, wall, zone
from kiosk.errors import DataSourceError

FOLD_RULES = ("position", "earlier", "later")
KEEP_MESSAGES = 50
"""Located messages kept per fetch (the counts are always complete)."""


@dataclass
class Parsed:
    """What a source's rows gave: sorted unique points, and what was wrong with the rest."""

    points: list[tuple[int, float]] = field(default_factory=list)
    rows: int = 0
    empty: int = 0
    """Rows without a value (an empty cell, null): nothing to chart, not an error."""
    bad: int = 0
    """Rows skipped because their time or value does not parse."""
    duplicates: int = 0
    """Rows whose time another row already had (the later row wins)."""
    warnings: list[str] = field(default_factory=list)
    """Located messages: the first :data:`KEEP_MESSAGES`."""
    located: list[tuple[int | None, str]] = field(default_factory=list)
    """The same as (line or record, message without the place), for ``pack validate``."""
    warning_count: int = 0


def parse_number(raw: Any, decimal: str = ".") -> float | None:
    """A finite float, or None for an empty value; raises ValueError for text that is not a number.

    With ``decimal=","`` (``12,5``), ``.``, spaces and no-break spaces are thousands separators.
    """
    if raw is None or isinstance(raw, bool):
        if isinstance(raw, bool):
            raise ValueError(f"not a number: {raw!r}")
        return None
    if isinstance(raw, int | float):
        v = float(raw)
    elif isinstance(raw, str):
        text = raw.strip()
        if not text or text.lower() in ("null", "nan", "na", "n/a", "-", "–"):
            return None
        if decimal == ",":
            text = text.replace(".", "").replace("\u00a0", "").replace(" ", "").replace(",", ".")
        try:
            v = float(text)
        except ValueError:
            hint = " (a decimal comma? declare source.decimal: \",\")" if decimal == "." and "," in text \
                else ""
            raise ValueError(f"not a number: {raw!r}{hint}") from None
    else:
        raise ValueError(f"not a number: {type(raw).__name__}")
    return v if math.isfinite(v) else None


class RowCollector:
    """Feed it ``add(where, raw_time, raw_value)`` per row; ``finish()`` gives a :class:`Parsed`.

    ``label`` is the file or URL, ``unit`` ``"line"`` or ``"record"``.
    """

    def __init__(self, label: str, unit: str, source: Mapping[str, Any], default_tz: str,
                 fmt: str | None = None) -> None:
        self.label, self.unit = label, unit
        self.fmt = fmt if fmt is not None else source.get("time_format")
        self.tz_name = str(source.get("timezone") or default_tz)
        self.tz = zone(self.tz_name)
        self.decimal = str(source.get("decimal") or ".")
        self.fold = str(source.get("fold") or "position")
        self.out = Parsed()
        self._by_ts: dict[int, tuple[int, float]] = {}
        self._folds: dict[datetime, list[tuple[int, float]]] = {}
        self._order: list[int] = []

    def warn(self, where: int | None, message: str) -> None:
        self.out.warning_count += 1
        if len(self.out.warnings) < KEEP_MESSAGES:
            if where is None:
                place = self.label
            elif self.unit == "line":
                place = f"{self.label}:{where}"  # file:line, as editors and `pack validate` write it
            else:
                place = f"{self.label}: {self.unit} {where}"
            self.out.warnings.append(f"{place}: {message}")
            self.out.located.append((where, message))

    def add(self, where: int, raw_t: Any, raw_v: Any) -> None:
        self.out.rows += 1
        try:
            value = parse_number(raw_v, self.decimal)
        except ValueError as exc:
            self.out.bad += 1
            self.warn(where, f"bad value: {exc}")
            return
        if value is None:
            self.out.empty += 1
            return
        try:
            found = read_time(raw_t, self.fmt)
        except ValueError as exc:
            self.out.bad += 1
            self.warn(where, f"bad time {raw_t!r}: {exc}")
            return
        if isinstance(found, int) or found.tzinfo is not None:
            self._put(where, found if isinstance(found, int) else int(found.timestamp()), value)
            return
        kind = local_kind(found, self.tz)
        if kind == "gap":
            self.out.bad += 1
            self.warn(where, f"time {wall(found)} does not exist in {self.tz_name} "
                             "(the clocks skip that hour when daylight saving time starts)")
        elif kind == "fold" and self.fold == "position":
            self._folds.setdefault(found, []).append((where, value))
            self._order.append(epoch(found, self.tz))
        else:
            fold = 1 if kind == "fold" and self.fold == "later" else 0
            self._put(where, epoch(found, self.tz, fold), value)

    def _put(self, where: int, ts: int, value: float) -> None:
        self._order.append(ts)
        if ts in self._by_ts:
            self.out.duplicates += 1
            before = self._by_ts[ts]
            same = "same value" if before[1] == value else f"value {value:g} replaces {before[1]:g}"
            self.warn(where, f"duplicate time {datetime.fromtimestamp(ts, self.tz).isoformat()} "
                             f"(also {self.unit} {before[0]}; {same})")
        self._by_ts[ts] = (where, value)

    def _place_folds(self) -> None:
        """Both hours of a DST fold, by position: the file's direction says which comes first."""
        newest_first = len(self._order) > 1 and self._order[0] > self._order[-1]
        for naive, rows in self._folds.items():
            if len(rows) == 1:
                self.warn(rows[0][0], f"{wall(naive)} happens twice in {self.tz_name} (daylight saving "
                                      "time ends) and the file has it once: read as the first of the two "
                                      "(declare source.fold: earlier or later)")
            for i, (where, value) in enumerate(rows):
                fold = min(i, 1)
                if newest_first and len(rows) > 1:
                    fold = 1 - fold if i < 2 else 0
                self._put(where, epoch(naive, self.tz, fold), value)

    def finish(self) -> Parsed:
        """The points, sorted; raises :class:`DataSourceError` when rows came but none parsed."""
        self._place_folds()
        out = self.out
        out.points = sorted((ts, v) for ts, (_, v) in self._by_ts.items())
        if not out.points and out.bad:
            shown = "; ".join(f"{self.unit} {where}: {message}" for where, message in out.located[:3])
            raise DataSourceError(
                f"{self.label}: no row could be read ({out.bad} bad of {out.rows}): {shown}")
        return out
