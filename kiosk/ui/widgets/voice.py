"""The citizen-voice panel under a case study's key figures: one question, big answers, calm result bars.

Built once with :data:`~kiosk.voice.ballot.MAX_CHOICES` answer buttons and result rows; refilling
for another case study only retexts, shows and hides them. A tap records the vote through the
:class:`~kiosk.voice.booth.Booth` (SQLite, before the screen changes), then the panel shows the
thank-you line and, unless the poll says ``results: never``, the shares with the total and where
the count comes from (the lab's kiosks, or this kiosk only when it never reached a hub).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.content.model import Poll
from kiosk.ui.colors import mix
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.buttons import TouchButton
from kiosk.ui.widgets.flow import FlowLayout
from kiosk.ui.widgets.strings import tr, trf
from kiosk.voice.ballot import MAX_CHOICES, Outcome, Tally
from kiosk.voice.booth import Booth

log = logging.getLogger("kiosk.ui.voice")


class ShareBar(QWidget):
    """A thin track with the share filled from the reading start (the right edge in RTL)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.share = 0.0
        self.fill = "#0b6e4f"
        self.track = "#d5d9dd"
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_share(self, share: float) -> None:
        self.share = min(1.0, max(0.0, share))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        r = self.height() / 2
        p.setBrush(QColor(self.track))
        p.drawRoundedRect(QRectF(self.rect()), r, r)
        w = self.width() * self.share
        if w >= 1:
            x = self.width() - w if self.layoutDirection() == Qt.LayoutDirection.RightToLeft else 0
            p.setBrush(QColor(self.fill))
            p.drawRoundedRect(QRectF(x, 0, max(w, float(self.height())), self.height()), r, r)
        p.end()


class ResultRow(QWidget):
    """``Yes ........ 71 %`` over its bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.percent = QLabel(self)
        line.addWidget(self.label, 1)
        line.addWidget(self.percent, 0, Qt.AlignmentFlag.AlignBottom)
        self.bar = ShareBar(self)
        col.addLayout(line)
        col.addWidget(self.bar)
        self._col = col


class VoicePanel(QFrame):
    """One poll: question, answer buttons, then thanks and the shares. Hidden without a poll or a booth."""

    voted = Signal(str, int, str)
    """(poll id, choice index, outcome value) after each tap."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("voice-panel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.booth: Booth | None = None
        self.poll: Poll | None = None
        self.lang = "en"
        self.theme: Theme | None = None
        col = QVBoxLayout(self)
        self._col = col
        self.question = QLabel(self)
        self.question.setObjectName("voice-question")
        self.question.setWordWrap(True)
        self.hint = QLabel(self)
        self.hint.setObjectName("voice-hint")
        self.hint.setWordWrap(True)
        self.answers = QWidget(self)
        self._flow = FlowLayout(self.answers)
        self._flow.setContentsMargins(0, 0, 0, 0)
        self.buttons: list[TouchButton] = []
        for i in range(MAX_CHOICES):
            button = TouchButton("", self.answers, checkable=True)
            button.setObjectName(f"voice-choice-{i}")
            button.clicked.connect(lambda _=False, i=i: self.choose(i))
            self._flow.addWidget(button)
            self.buttons.append(button)
        self.thanks = QLabel(self)
        self.thanks.setObjectName("voice-thanks")
        self.thanks.setWordWrap(True)
        self.results = QWidget(self)
        rows = QVBoxLayout(self.results)
        rows.setContentsMargins(0, 0, 0, 0)
        self._rows_layout = rows
        self.rows = [ResultRow(self.results) for _ in range(MAX_CHOICES)]
        for row in self.rows:
            rows.addWidget(row)
        self.total = QLabel(self)
        self.total.setObjectName("voice-total")
        self.total.setWordWrap(True)
        for w in (self.question, self.hint, self.answers, self.thanks, self.results, self.total):
            col.addWidget(w)
        self.hide()

    # -- filling ------------------------------------------------------------------------------------

    def apply(self, theme: Theme) -> None:
        self.theme = theme
        p = theme.palette
        pad = theme.px(2.4)
        self._col.setContentsMargins(pad, pad, pad, pad)
        self._col.setSpacing(theme.px(1.4))
        self._rows_layout.setSpacing(theme.px(1))
        self._flow.set_gap(theme.px(1.2))
        border = max(1, theme.px(0.15)) if p.name != "high-contrast" else max(2, theme.px(0.25))
        self.setStyleSheet(
            f"#voice-panel {{ background: {p.surface}; border: {border}px solid {p.outline};"
            f" border-radius: {theme.radius}px; }}"
            f"#voice-panel QLabel {{ color: {p.text}; background: transparent; border: none; }}"
            f"#voice-panel QLabel#voice-hint, #voice-panel QLabel#voice-total {{ color: {p.muted}; }}"
        )
        self.question.setFont(theme.font("h2"))
        for label in (self.hint, self.total):
            label.setFont(theme.font("caption"))
        self.thanks.setFont(theme.font("body"))
        for button in self.buttons:
            button.apply(theme)
            button.setFixedHeight(max(theme.button_height, theme.touch))
        for row in self.rows:
            row.label.setFont(theme.font("body"))
            row.percent.setFont(theme.font("body"))
            row.bar.setFixedHeight(max(6, theme.px(1.4)))
            row.bar.track = mix(p.outline, p.surface, 0.35) if p.name != "high-contrast" else "#555555"
            row._col.setSpacing(theme.px(0.4))
        self._retext()
        self._fit()

    def set_poll(self, poll: Poll | None, booth: Booth | None, lang: str) -> None:
        """Show ``poll`` (in ``lang``) for the current visit; None (or no booth) hides the panel."""
        self.poll, self.booth, self.lang = poll, booth, lang
        if poll is None or booth is None or not poll.choices:
            self.hide()
            return
        self.setVisible(True)
        self._retext()
        self._fit()
        self.refresh()

    def _retext(self) -> None:
        poll = self.poll
        if poll is None:
            return
        self.question.setText(poll.question)
        self.hint.setText(tr("voice_hint", self.lang))
        for i, button in enumerate(self.buttons):
            text = poll.choices[i] if i < len(poll.choices) else ""
            button.setText(text)
            button.setAccessibleName(text)
            button.setVisible(i < len(poll.choices))
        for i, row in enumerate(self.rows):
            row.label.setText(poll.choices[i] if i < len(poll.choices) else "")

    def _fit(self) -> None:
        """Answer buttons as wide as their text, but never wider than the panel (long text elides)."""
        theme = self.theme
        if theme is None:
            return
        room = max(theme.touch, self.answers.width() or self.width() - 2 * theme.px(2.4))
        pad = 2 * theme.px(2.6)
        for button in self.buttons:
            full = button.accessibleName() or button.text()
            fm = QFontMetrics(button.font())
            width = fm.horizontalAdvance(full) + pad
            if width > room:
                button.setText(fm.elidedText(full, Qt.TextElideMode.ElideRight, room - pad))
                width = room
            elif button.text() != full:
                button.setText(full)
            button.setFixedWidth(max(button.height(), width))
        self.answers.updateGeometry()

    def refresh(self) -> None:
        """Redraw for the visit's answer: checked button, thanks, and the shares when the poll shows them."""
        poll, booth = self.poll, self.booth
        if poll is None or booth is None:
            return
        chosen = booth.chosen(poll.id)
        for i, button in enumerate(self.buttons):
            button.setChecked(i == chosen)
        self.thanks.setVisible(chosen is not None)
        self.thanks.setText(tr("voice_thanks", self.lang))
        show = poll.results == "always" or (poll.results == "after-vote" and chosen is not None)
        self.results.setVisible(show)
        self.total.setVisible(show)
        if show:
            self._show_tally(booth.tally(poll.id, len(poll.choices)), chosen)

    def update_tally(self) -> None:
        """A new aggregate arrived from the hub: the bars and the total move in place, nothing else.

        The answer taken, the thanks (or the "tap again" line) and every widget stay as they are.
        """
        poll, booth = self.poll, self.booth
        if poll is None or booth is None or self.isHidden() or self.results.isHidden():
            return
        self._show_tally(booth.tally(poll.id, len(poll.choices)), booth.chosen(poll.id))

    def _show_tally(self, tally: Tally, chosen: int | None) -> None:
        assert self.theme is not None and self.poll is not None
        p = self.theme.palette
        shares = tally.shares()
        for i, row in enumerate(self.rows):
            row.setVisible(i < len(tally.counts))
            if i >= len(tally.counts):
                continue
            row.bar.set_share(shares[i])
            row.bar.fill = p.accent if i == chosen or chosen is None else mix(p.accent, p.surface, 0.45)
            row.percent.setText(f"{round(shares[i] * 100)} %")
            font = row.label.font()
            font.setBold(i == chosen)
            row.label.setFont(font)
        n = tally.total
        count = tr("voice_total_one", self.lang) if n == 1 else trf("voice_total", self.lang, f"{n:,}")
        scope = tr("voice_scope_local" if tally.local_only else "voice_scope_lab", self.lang)
        self.total.setText(f"{count}  ·  {scope}")

    # -- the visitor's tap ------------------------------------------------------------------------

    def choose(self, index: int) -> None:
        poll, booth = self.poll, self.booth
        if poll is None or booth is None or not 0 <= index < len(poll.choices):
            return
        try:
            outcome = booth.vote(poll.id, index)
        except Exception:  # a full disk or a locked database must not take the screen down
            log.error("could not record a vote on %s", poll.id, exc_info=True)
            outcome = Outcome.REFUSED
        log.debug("vote %s choice %d: %s", poll.id, index, outcome.value)
        self.refresh()
        if outcome is Outcome.REFUSED and booth.chosen(poll.id) != index:
            self.thanks.setText(tr("voice_wait", self.lang))
            self.thanks.show()
            self.buttons[index].setChecked(booth.chosen(poll.id) == index)
        self.voted.emit(poll.id, index, outcome.value)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LayoutDirectionChange:
            self._flow.invalidate()  # the first answer moves to the other edge
