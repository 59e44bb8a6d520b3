"""Home's side of citizen voice: ``pack.yaml``'s lab-wide ``ask:`` as the last row under the tiles.

A :class:`~kiosk.ui.widgets.voice.VoicePanel` (the same panel a case study's poll uses: big answers,
thanks, the shares) placed by the tile grid as its footer, so it scrolls with the tiles and never
takes room from them. Mixed into :class:`~kiosk.ui.screens.home.HomeScreen`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject

if TYPE_CHECKING:
    from kiosk.content.reader import ContentReader
    from kiosk.ui.theme import Theme
    from kiosk.ui.widgets.voice import VoicePanel
    from kiosk.voice.booth import Booth


class _OnLayoutRequest(QObject):
    """Calls back when the watched widget's layout changed its mind (answers re-flowed, shares shown)."""

    def __init__(self, parent: QObject, callback: Callable[[], None]) -> None:
        super().__init__(parent)
        self.callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.callback()
        return False


class HomeAsk:
    ask_panel: VoicePanel | None
    booth: Booth | None
    reader: ContentReader | None
    lang: str
    theme: Theme
    grid: Any
    area: Any

    def _relayout(self) -> None:
        raise NotImplementedError  # HomeScreen's

    def set_voice(self, booth: Booth | None) -> None:
        """With a booth, the lab-wide question is shown under the tiles and votes are recorded."""
        self.booth = booth
        if booth is not None and self.ask_panel is None:
            from kiosk.ui.widgets.voice import VoicePanel  # not on the cold-start path without votes

            self.ask_panel = VoicePanel(self.grid)
            self.ask_panel.voted.connect(lambda *_: self._after_vote())
            self.ask_panel.installEventFilter(_OnLayoutRequest(self.ask_panel, self._relayout))
            self.ask_panel.apply(self.theme)
            self.ask_panel.hide()
            self.grid.footer = self.ask_panel
        self._fill_ask()

    def _after_vote(self) -> None:
        """The shares opened under the answers: scroll just enough to show them, total included
        (in the reach layout the answers stay where the visitor's hand is, the shares a scroll away)."""
        panel = self.ask_panel
        assert panel is not None
        self._relayout()
        layout = panel.layout()
        if layout is not None:
            layout.activate()
        if not self.theme.reach and not panel.total.isHidden():
            self.area.ensureWidgetVisible(panel.total, 0, self.theme.px(2.4))

    def _fill_ask(self) -> None:
        if self.ask_panel is None or self.reader is None:
            return
        poll = self.reader.ask(self.lang) if self.booth is not None else None
        self.ask_panel.set_poll(poll, self.booth, self.lang)
        self._relayout()

    def _refresh_ask(self) -> None:
        """A new visit may have begun since home was last shown: its answer (or none) and fresh shares."""
        if self.ask_panel is not None and not self.ask_panel.isHidden():
            self.ask_panel.refresh()
            self._relayout()

    def reveal_ask(self) -> None:
        """Scroll the question (with its shares, after a vote on the attract loop) into view; in the
        reach layout so that its answers lie at the bottom of the view, the lower part of the screen."""
        panel = self.ask_panel
        if panel is None or panel.isHidden():
            return
        self._refresh_ask()
        bar = self.area.verticalScrollBar()
        bar.setRange(0, max(0, self.grid.height() - self.area.viewport().height()))
        room = self.area.viewport().height()
        if self.theme.reach:  # controls low: the answers at the bottom of the view, whatever shows above
            answers = panel.answers
            bar.setValue(panel.y() + answers.y() + answers.height() + self.theme.px(2.4) - room)
        else:
            bar.setValue(panel.y() if panel.height() > room else panel.y() + panel.height() - room)
