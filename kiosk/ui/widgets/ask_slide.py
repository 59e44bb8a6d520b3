"""The lab-wide question (``pack.yaml``'s ``ask:``) as a slide of the attract loop.

The slide is painted like the others (into the attract screen's cached text layer): the question in
display size over the dark scrim, the choices as outlined pills at least the touch size, all above the
"Touch to explore" pill. :func:`ask_geometry` places them; painting and hit-testing both use it, so a
tap lands on exactly what was drawn. Right-to-left languages read from the right: the first choice is
the rightmost. :func:`interleave` puts the slide into the loop after every ``every`` case studies.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen

from kiosk.content.model import Poll
from kiosk.ui.bidi import direction_of
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.strings import tr

if TYPE_CHECKING:
    from kiosk.voice.booth import Booth

log = logging.getLogger("kiosk.ui.attract")
T = TypeVar("T")

PILL_FILL = QColor(8, 12, 16, 170)
"""The choices' fill: dark, so the white label keeps >= 4.5:1 over any hero (and unlike the white
"Touch to explore" pill, which starts a visit without a vote)."""


@dataclass(frozen=True)
class AskGeometry:
    hint: QRectF
    question: QRectF
    choices: tuple[QRectF, ...]
    labels: tuple[str, ...]
    """The choices' text, elided where a pill would be wider than the text column."""


def interleave(slides: Sequence[T], ask: T, every: int) -> list[T]:
    """``slides`` with ``ask`` after each ``every`` of them (once after all when there are fewer)."""
    if every <= 0:
        return list(slides)
    out: list[T] = []
    for i, slide in enumerate(slides, 1):
        out.append(slide)
        if i % every == 0:
            out.append(ask)
    if not slides or len(slides) % every:
        out.append(ask)  # a short loop still asks once per round
    return out


def ask_geometry(theme: Theme, width: int, bottom: float, poll: Poll, rtl: bool) -> AskGeometry:
    """Where the slide's hint, question and choice pills go, bottom-up from ``bottom`` (above the pill)."""
    t = theme
    m = t.margin
    text_w = width - 2 * m if t.portrait else width * 0.62
    bf = t.font("button")
    fm = QFontMetrics(bf)
    pad, gap = t.px(3), t.px(1.6)
    h = max(t.button_height, t.touch)
    labels, widths = [], []
    for choice in poll.choices:
        room = round(text_w) - 2 * pad
        text = fm.elidedText(choice, Qt.TextElideMode.ElideRight, room)
        labels.append(text)
        widths.append(max(h, fm.horizontalAdvance(text) + 2 * pad))
    rows: list[list[int]] = [[]]
    used = 0.0
    for i, w in enumerate(widths):
        if rows[-1] and used + gap + w > text_w:
            rows.append([])
            used = 0.0
        used += (gap if rows[-1] else 0) + w
        rows[-1].append(i)
    rects: list[QRectF] = [QRectF()] * len(widths)
    top = bottom - len(rows) * h - (len(rows) - 1) * gap
    for r, row in enumerate(rows):
        x = 0.0
        y = top + r * (h + gap)
        for i in row:
            left = width - m - x - widths[i] if rtl else m + x
            rects[i] = QRectF(left, y, widths[i], h)
            x += widths[i] + gap
    qf = t.font("h1")
    flags = int(Qt.TextFlag.TextWordWrap)
    qbox = QFontMetrics(qf).boundingRect(0, 0, round(text_w), 10_000, flags, poll.question)
    qtop = top - t.px(2.4) - qbox.height()
    question = QRectF(width - m - text_w if rtl else m, qtop, text_w, qbox.height())
    hm = QFontMetrics(t.font("body"))
    hint = QRectF(question.left(), qtop - t.px(1.2) - hm.height(), text_w, hm.height())
    return AskGeometry(hint, question, tuple(rects), tuple(labels))


def paint_ask(p: QPainter, theme: Theme, geo: AskGeometry, poll: Poll, lang: str, rtl: bool) -> None:
    """The hint ("One tap to answer. Anonymous."), the question and its choice pills."""
    t = theme
    side = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
    align = int(side) | int(Qt.AlignmentFlag.AlignAbsolute)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    p.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
    hf = t.font("body")
    hf.setWeight(t.TYPE_WEIGHT["h2"])
    p.setFont(hf)
    p.setPen(QColor(255, 255, 255, 220))
    p.drawText(geo.hint, align | int(Qt.TextFlag.TextSingleLine), tr("voice_hint", lang))
    qf = t.font("h1")
    p.setFont(qf)
    p.setPen(QColor("#ffffff"))
    p.drawText(geo.question, align | int(Qt.TextFlag.TextWordWrap), poll.question)
    p.setFont(t.font("button"))
    border = max(2, t.px(0.25))
    for rect, label in zip(geo.choices, geo.labels, strict=True):
        inner = rect.adjusted(border / 2, border / 2, -border / 2, -border / 2)
        p.setPen(QPen(QColor("#ffffff"), border))
        p.setBrush(PILL_FILL)
        p.drawRoundedRect(inner, inner.height() / 2, inner.height() / 2)
        p.drawText(rect, int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextSingleLine), label)


def choice_at(geo: AskGeometry, x: float, y: float) -> int | None:
    """The index of the choice pill under (x, y), or None."""
    return next((i for i, r in enumerate(geo.choices) if r.contains(x, y)), None)


class AskSlides:
    """The attract screen's side of the question slide: paint it, and turn a tap on a choice into a vote.

    Mixed into :class:`~kiosk.ui.screens.attract.AttractScreen`, which has the slides, the fade, the
    theme, the "Touch to explore" pill and the ``asked`` signal.
    """

    booth: Booth | None
    slides: list[Any]
    index: int
    theme: Theme
    _fade: float
    _lang: str

    def set_voice(self, booth: Booth | None) -> None:
        """With a booth, ``pack.yaml``'s ``ask:`` joins the loop (from the next ``set_content``)."""
        self.booth = booth

    def _ask_rtl(self, poll: Poll) -> bool:
        return direction_of(poll.question, *poll.choices) == Qt.LayoutDirection.RightToLeft

    def _ask_geometry(self, poll: Poll) -> AskGeometry:
        bottom = self._pill().top() - self.theme.px(5)  # type: ignore[attr-defined]
        return ask_geometry(self.theme, self.width(), bottom, poll, self._ask_rtl(poll))  # type: ignore[attr-defined]

    def _paint_ask(self, p: QPainter, poll: Poll) -> None:
        paint_ask(p, self.theme, self._ask_geometry(poll), poll, self._lang, self._ask_rtl(poll))

    def shown_slide(self) -> Any:
        """The slide whose text is on screen (mid-fade: the incoming one once its text shows)."""
        if not self.slides:
            return None
        i = self.index if self._fade < 0.5 else (self.index + 1) % len(self.slides)
        return self.slides[i]

    def ask_layout(self) -> AskGeometry | None:
        """Where the question slide's hint, question and choices are while it is on screen (else None)."""
        slide = self.shown_slide()
        return self._ask_geometry(slide.poll) if slide is not None and slide.poll else None

    def ask_choices(self) -> tuple[QRectF, ...]:
        """Where the question slide's choices are while it is on screen (empty otherwise)."""
        geo = self.ask_layout()
        return geo.choices if geo is not None else ()

    def _ask_tap(self, x: float, y: float) -> None:
        """A tap on a choice records the vote (SQLite first); the tap then starts the visit as ever."""
        slide = self.shown_slide()
        if slide is None or slide.poll is None or self.booth is None:
            return
        poll: Poll = slide.poll
        choice = choice_at(self._ask_geometry(poll), x, y)
        if choice is None:
            return
        try:
            outcome = self.booth.vote(poll.id, choice).value
        except Exception:  # a full disk must not keep the visitor on the attract loop
            log.error("could not record a vote on %s", poll.id, exc_info=True)
            outcome = "refused"
        log.debug("vote %s choice %d: %s (attract)", poll.id, choice, outcome)
        self.asked.emit(poll.id, choice, outcome)  # type: ignore[attr-defined]
