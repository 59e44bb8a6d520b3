"""Home: the lab's header, theme filter chips, a kinetic grid of case-study tiles, tours, a live figure.

Landscape shows 3-4 columns with logo and title side by side; portrait shows 2 columns with the
header stacked. Tiles are pooled: refilling reuses them, so navigation never grows the widget tree.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.model import pick
from kiosk.content.reader import ContentReader
from kiosk.ui.models import CaseStudyListModel, Roles, ThemeListModel
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.home_ask import HomeAsk
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.buttons import TouchButton
from kiosk.ui.widgets.cover import load_fit
from kiosk.ui.widgets.flow import FlowLayout
from kiosk.ui.widgets.kinetic import kinetic
from kiosk.ui.widgets.livefigure import FigureParts, LiveFigureView
from kiosk.ui.widgets.strings import tr
from kiosk.ui.widgets.tile import CaseTile, TileData, tile_height, tile_shape

LOGO_MAX_ASPECT = 4
"""The widest pack logo shown at full height (a wordmark); wider ones scale down to fit."""


def logo_height(theme: Theme) -> int:
    """The pack logo's height: 7u beside the title in landscape (a dense header), 9u above it in portrait."""
    return theme.px(9) if theme.portrait else theme.px(7)


def columns_for(theme: Theme) -> int:
    """2 in portrait; 4 on a wide landscape screen, 3 on a squarer one; one fewer at the largest text."""
    if theme.portrait:
        return 2
    wide = 4 if theme.width / theme.height >= 1.7 else 3
    return wide - 1 if theme.text_scale >= 1.5 else wide


ROWS = 2
"""Landscape tiles are shaped so that this many full rows fit the grid's view (DESIGN.md: home)."""


class TileGrid(QWidget):
    """Positions pooled tiles in a fixed-column grid; its height follows the content."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tiles: list[CaseTile] = []
        self.visible_count = 0
        self.columns = 3
        self.gutter = 20
        self.footer: QWidget | None = None
        """The lab-wide question, as the last row under the tiles (see :meth:`HomeScreen.set_voice`)."""

    def relayout(self, width: int, theme: Theme, height: int = 0) -> None:
        """Place the tiles in ``width``; in landscape shape them so :data:`ROWS` rows fit ``height``."""
        self.columns, self.gutter = columns_for(theme), theme.gutter
        cols = self.columns
        tile_w = max(1, (width - (cols - 1) * self.gutter) // cols)
        room = (height - (ROWS - 1) * self.gutter) // ROWS if height > 0 and not theme.portrait else 0
        shape = tile_shape(theme, tile_w, room)
        tile_h = tile_height(theme, tile_w, shape)
        rows = (self.visible_count + cols - 1) // cols
        for i, tile in enumerate(self.tiles[: self.visible_count]):
            r, c = divmod(i, cols)
            x = c * (tile_w + self.gutter)
            if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
                x = width - x - tile_w  # hand-placed tiles do not mirror by themselves
            tile.set_shape(shape)
            tile.setGeometry(x, r * (tile_h + self.gutter), tile_w, tile_h)
        height = max(0, rows * tile_h + max(0, rows - 1) * self.gutter)
        if self.footer is not None and not self.footer.isHidden():
            foot_h = self.footer.heightForWidth(width)
            top = height + (2 * self.gutter if rows else 0)
            self.footer.setGeometry(0, top, width, foot_h)
            height = top + self.footer.height()
        self.setFixedSize(width, height)


class HomeScreen(HomeAsk, Screen):
    route_prefix = "home"

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(theme, parent)
        self.setObjectName("home")
        self.reader: ContentReader | None = None
        self.ask_panel = None
        self.booth = None
        self.lang = "en"
        self.filter = ""
        self.cases = CaseStudyListModel(self)
        self.themes = ThemeListModel(self)

        self.logo = QLabel(self)
        self.logo.setObjectName("home-logo")
        self.title = QLabel(self)
        self.title.setObjectName("home-title")
        self.title.setWordWrap(True)
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("home-subtitle")
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        self.header = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.header.addWidget(self.logo, 0, Qt.AlignmentFlag.AlignVCenter)
        self.header.addLayout(titles, 1)
        self.header_strut = QSpacerItem(0, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        """Landscape: the header is as tall as the live figure beside it, shown or not."""

        self.chip_box = QWidget(self)
        self.chip_box.setObjectName("home-chips")
        self.chip_row = FlowLayout(self.chip_box)
        self.chip_row.setContentsMargins(0, 0, 0, 0)
        self.chip_group = QButtonGroup(self)
        self.chips: list[TouchButton] = []

        self.grid = TileGrid()
        self.area = QScrollArea(self)
        self.area.setObjectName("home-scroll")
        self.area.setWidget(self.grid)
        self.area.setWidgetResizable(False)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.area.viewport().setAutoFillBackground(False)
        self.grid.setAutoFillBackground(False)
        kinetic(self.area)
        self.area.viewport().installEventFilter(self)

        self.tours_button = TouchButton("", self)
        self.tours_button.setObjectName("home-tours")
        self.tours_button.clicked.connect(self._open_tours)
        self.live = LiveFigureView(theme, self)
        self.live.tapped.connect(lambda dataset_id: self.navigate.emit(f"data:{dataset_id}"))
        self.partners_button = TouchButton("", self)
        self.partners_button.setObjectName("home-partners")
        self.partners_button.clicked.connect(lambda: self.navigate.emit("partners"))
        # Landscape: the chips share their row with Guided tours and Partners, the live figure sits in the
        # header, and no footer is left (two full rows of tiles at 1920x1080). Portrait has the height:
        # the buttons and the live figure sit in a footer, bottom-aligned so they stay put.
        self.filter_bar = QHBoxLayout()
        self.filter_bar.addWidget(self.chip_box, 1)
        self.footer = QHBoxLayout()

        self.outer = QVBoxLayout(self)
        self.outer.addLayout(self.header)
        self.outer.addLayout(self.filter_bar)
        self.outer.addWidget(self.area, 1)
        self.outer.addLayout(self.footer)
        self.set_theme(theme)

    # Screen contract ------------------------------------------------------------------------------
    def set_theme(self, theme: Theme) -> None:
        super().set_theme(theme)
        p = theme.palette
        self.setStyleSheet(
            f"#home-title {{ color: {p.text}; }} #home-subtitle {{ color: {p.muted}; }}"
            "#home-scroll, #home-scroll > QWidget { background: transparent; }"
        )
        m = theme.margin
        self.outer.setContentsMargins(m, theme.px(0.5), m, theme.px(1.6))
        self.outer.setSpacing(theme.px(1.6))
        self.header.setDirection(
            QBoxLayout.Direction.TopToBottom if theme.portrait else QBoxLayout.Direction.LeftToRight
        )
        self.header.setSpacing(theme.px(2.5) if not theme.portrait else theme.px(1.5))
        self.header.setAlignment(
            self.logo, Qt.AlignmentFlag.AlignLeft if theme.portrait else Qt.AlignmentFlag.AlignVCenter
        )
        self.title.setFont(theme.font("h1"))
        self.subtitle.setFont(theme.font("body"))
        self.live.set_theme(theme)
        self.live.set_side(not theme.portrait)
        self.header.removeItem(self.header_strut)
        if not theme.portrait:
            self.header_strut.changeSize(0, self.live.side_height(), QSizePolicy.Policy.Fixed,
                                         QSizePolicy.Policy.Fixed)
            self.header.addItem(self.header_strut)
        self.chip_row.set_gap(theme.px(1.2))
        if self.ask_panel is not None:
            self.ask_panel.apply(theme)
        self._arrange(theme)
        if self.reader is not None:
            self._fill()

    def _arrange(self, theme: Theme) -> None:
        """Put the buttons and the live figure where the screen's shape has room for them."""
        low = Qt.AlignmentFlag.AlignBottom
        for w in (self.tours_button, self.partners_button, self.live):
            for layout in (self.filter_bar, self.footer, self.header):
                layout.removeWidget(w)
        while self.footer.count():
            self.footer.takeAt(0)  # the stretch
        if theme.portrait:
            self.footer.addWidget(self.tours_button, 0, Qt.AlignmentFlag.AlignLeading | low)
            self.footer.addWidget(self.partners_button, 0, Qt.AlignmentFlag.AlignLeading | low)
            self.footer.addStretch(1)  # the buttons stay leading when no live figure is shown
            self.footer.addWidget(self.live, 0, Qt.AlignmentFlag.AlignTrailing | low)
        else:
            self.filter_bar.addWidget(self.tours_button, 0, Qt.AlignmentFlag.AlignTop)
            self.filter_bar.addWidget(self.partners_button, 0, Qt.AlignmentFlag.AlignTop)
            middle = Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter
            self.header.addWidget(self.live, 0, middle)
        self.filter_bar.setSpacing(theme.gutter)
        self.footer.setSpacing(theme.gutter)
        # the reach layout puts the filters low, above the footer
        self.outer.removeItem(self.filter_bar)
        self.outer.insertLayout(2 if theme.reach else 1, self.filter_bar)

    def set_content(self, reader: ContentReader, lang: str) -> None:
        self.reader = reader
        self.lang = lang if lang in reader.meta.languages else reader.meta.default_language
        if self.filter and reader.meta.theme(self.filter) is None:
            self.filter = ""
        self._fill()

    def show_route(self, argument: str) -> None:
        self._refresh_ask()
        if argument != self.filter:
            self.filter = argument
            self._fill_tiles()
            self._check_chip()

    def reset(self) -> None:
        QScroller.scroller(self.area.viewport()).stop()
        self.area.verticalScrollBar().setValue(0)
        if self.filter:
            self.filter = ""
            self._fill_tiles()
            self._check_chip()

    # Live figure slot (for the data service) ----------------------------------------------------
    def set_live_figure(self, text: str | None, parts: FigureParts | None = None) -> None:
        """The live figure: big number, unit and caption from ``parts``; a tap opens its data screen."""
        if parts is not None:
            self.live.show_figure(parts.value, parts.unit, parts.caption, parts.dataset_id, parts.stale)
        else:
            self.live.show_figure("", "", text or "", "")

    # Filling ------------------------------------------------------------------------------------
    def _fill(self) -> None:
        reader, t = self.reader, self.theme
        if reader is None:
            return
        meta = reader.meta
        self.title.setText(pick(meta.title, self.lang, meta.default_language)[0] or meta.id)
        logo_size = logo_height(t)
        path = reader.media_path(meta.branding.logo) if meta.branding.logo else None
        # A wide wordmark keeps the full logo height: fit into a box up to four times as wide as tall.
        box = QSize(min(logo_size * LOGO_MAX_ASPECT, t.width // 3), logo_size)
        pix = load_fit(path, box) if path else None
        self.logo.setPixmap(pix if pix else QPixmap())
        self.logo.setFixedSize(pix.size() if pix else QSize(logo_size, logo_size))
        self.logo.setVisible(pix is not None)
        self.themes.set_content(reader, self.lang)
        self._fill_chips()
        self._fill_tiles()
        has_tours = bool(reader.tours())
        self.tours_button.setVisible(has_tours)
        self.tours_button.setText("◎  " + tr("tours", self.lang))
        self.tours_button.apply(t)
        self.partners_button.setVisible(bool(reader.partners()))
        self.partners_button.setText("⚭  " + tr("partners_title", self.lang))
        self.partners_button.apply(t)
        self._fill_ask()

    def _fill_chips(self) -> None:
        wanted = 1 + self.themes.rowCount()
        while len(self.chips) < wanted:
            chip = TouchButton("", self.chip_box, checkable=True)
            index = len(self.chips)
            chip.clicked.connect(lambda _=False, i=index: self._chip_clicked(i))
            self.chip_group.addButton(chip)
            self.chip_row.addWidget(chip)
            self.chips.append(chip)
        for i, chip in enumerate(self.chips):
            chip.setVisible(i < wanted)
            if i >= wanted:
                continue
            if i == 0:
                chip.setText(tr("all", self.lang))
                chip.setObjectName("chip-all")
                chip.apply(self.theme, role="caption")
            else:
                idx = self.themes.index(i - 1, 0)
                chip.setText(self.themes.data(idx).replace("&", "&&"))
                chip.setObjectName(f"chip-{self.themes.data(idx, Roles.THEME)}")
                chip.apply(self.theme, color=self.themes.data(idx, Roles.COLOR), role="caption")
        self._check_chip()

    def _check_chip(self) -> None:
        row = 0
        for i in range(self.themes.rowCount()):
            if self.themes.theme_at(i).id == self.filter:
                row = i + 1
        if row < len(self.chips):
            self.chips[row].setChecked(True)

    def _chip_clicked(self, i: int) -> None:
        theme_id = "" if i == 0 else self.themes.theme_at(i - 1).id
        self.navigate.emit(f"home:{theme_id}" if theme_id else "home")

    def _fill_tiles(self) -> None:
        reader = self.reader
        if reader is None:
            return
        self.cases.set_content(reader, self.lang, self.filter or None)
        n = self.cases.rowCount()
        self.subtitle.setText(f"{n} {tr('stories', self.lang)}")  # what the grid shows: follows the filter
        while len(self.grid.tiles) < n:
            tile = CaseTile(self.grid)
            tile.tapped.connect(lambda slug: self.navigate.emit(f"case:{slug}"))
            self.grid.tiles.append(tile)
        for row, tile in enumerate(self.grid.tiles):
            tile.setVisible(row < n)
            if row >= n:
                continue
            idx: QModelIndex = self.cases.index(row, 0)
            hero = self.cases.data(idx, Roles.HERO)
            tile.set_data(
                TileData(
                    slug=self.cases.data(idx, Roles.SLUG),
                    title=self.cases.data(idx),
                    summary=self.cases.data(idx, Roles.SUMMARY),
                    theme_title=self.cases.data(idx, Roles.THEME_TITLE),
                    color=self.cases.data(idx, Roles.COLOR),
                    hero=reader.media_path(hero) if hero else None,
                ),
                self.theme,
            )
            tile.setAccessibleName(self.cases.data(idx))  # screen readers: the tile is its title
        self.grid.visible_count = n
        self._relayout()
        self.area.verticalScrollBar().setValue(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.area.viewport() and event.type() in (
            QEvent.Type.Resize,
            QEvent.Type.LayoutDirectionChange,
        ):
            self._relayout()
        return False

    def _relayout(self) -> None:
        viewport = self.area.viewport()
        self.grid.relayout(viewport.width(), self.theme, viewport.height())

    def _open_tours(self) -> None:
        tours = self.reader.tours() if self.reader else []
        if tours:
            self.navigate.emit(f"tour:{tours[0].id}" if len(tours) == 1 else "tour")  # several: the chooser

    def tile(self, slug: str) -> CaseTile | None:
        return next(
            (t for t in self.grid.tiles[: self.grid.visible_count] if t.data and t.data.slug == slug), None
        )
