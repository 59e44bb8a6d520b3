"""``kiosk run`` (also plain ``kiosk``), ``kiosk screenshot`` and ``kiosk preview``."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.commands.common import config_from_args
from kiosk.config import Config, parse_size
from kiosk.content.reader import ContentReader
from kiosk.errors import ConfigError, KioskError

if TYPE_CHECKING:
    from kiosk.data.cache import ObservationCache

log = logging.getLogger("kiosk.commands.ui")


def _size(text: str) -> str:
    if parse_size(text) is None:
        raise argparse.ArgumentTypeError(f"{text!r}: expected WIDTHxHEIGHT, for example 1920x1080")
    return text


def register(sub: Any, groups: Any) -> None:
    run = sub.add_parser("run", help="run the kiosk (the default when no command is given)")
    run.add_argument("--windowed", action="store_true", default=None, help="a normal window, no lockdown")
    run.add_argument("--size", type=_size, metavar="WxH", help="emulate a screen size, e.g. 1080x1920")
    run.add_argument(
        "--pack", type=Path, metavar="PATH", help="show this pack (dir or zip) without installing"
    )
    run.set_defaults(func=cmd_run)

    shot = sub.add_parser("screenshot", help="render one screen offscreen to a PNG")
    shot.add_argument(
        "--screen",
        required=True,
        metavar="SPEC",
        help="attract, home, home:<theme>, case:<slug>, data:<dataset>, tour or tour:<id>[:<stop>|:end], "
             "partners[:<id>], network[:<partner id>]",
    )
    shot.add_argument("--out", required=True, type=Path, metavar="FILE.png")
    shot.add_argument("--size", type=_size, default="1920x1080", metavar="WxH")
    shot.add_argument("--lang", metavar="xx", help="language (default: the pack's default)")
    shot.add_argument("--pack", type=Path, metavar="PATH", help="render an uninstalled pack (dir or zip)")
    shot.add_argument("--theme", choices=["light", "dark", "high-contrast"], help="palette")
    shot.set_defaults(func=cmd_screenshot)

    preview = sub.add_parser("preview", help="open a live-reloading window on an unpublished pack directory")
    preview.add_argument("packdir", type=Path, metavar="PACKDIR")
    preview.add_argument("--size", type=_size, default="1280x800", metavar="WxH")
    preview.set_defaults(func=cmd_preview)


def _setup_logging(args: argparse.Namespace, log_dir: Path | None) -> None:
    from kiosk.log import setup_logging

    setup_logging(log_dir, verbose=bool(getattr(args, "verbose", False)))


def _preflight() -> None:
    """Say what is missing (display, system libraries) before Qt would abort the process."""
    from kiosk.health.qtlibs import preflight

    preflight(os.environ)


def cmd_run(args: argparse.Namespace) -> int:
    _preflight()
    from kiosk.app import build_app
    from kiosk.ui.app_qt import create_application

    cfg = config_from_args(args)
    _setup_logging(args, cfg.data_paths().logs)
    app = create_application()
    kiosk = build_app(cfg, pack_path=args.pack, windowed=args.windowed, size=args.size, lazy_screens=True)
    windowed = cfg.kiosk.windowed if args.windowed is None else args.windowed
    if windowed:
        kiosk.window.show()
    elif kiosk.host is not None:  # kiosk.rotation: the window is drawn turned, inside a full-screen view
        kiosk.window.show()
        kiosk.host.showFullScreen()
    else:
        kiosk.window.showFullScreen()
    kiosk.start()
    try:
        code = app.exec()
    finally:
        kiosk.shutdown()
    if kiosk.exit_code:
        print("kiosk: the screens could not be built; see the log (-v for details). Exiting.",
              file=sys.stderr)
    return kiosk.exit_code or code


def cmd_screenshot(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no display needed; before Qt loads
    _preflight()
    from kiosk.app import load_pack_content, open_data_cache, open_store_content
    from kiosk.ui.app_qt import create_application
    from kiosk.ui.screenshot import render_screen

    cfg = config_from_args(args)
    _setup_logging(args, None)
    if args.out.suffix.lower() != ".png":
        raise ConfigError(f"--out {args.out}: the file name must end in .png")
    create_application()
    store = None
    reader: ContentReader
    if args.pack is not None:
        reader = load_pack_content(args.pack)
    else:
        store, reader = open_store_content(cfg)
    try:
        size = parse_size(args.size)
        assert size is not None
        prefix, _, argument = args.screen.partition(":")
        # data screens chart the cache; home and attract show the live figure from it
        cache = open_data_cache(cfg) if prefix in ("data", "home", "attract") else None
        if cache is not None and prefix == "data":
            load_file_dataset(cfg, cache, reader, argument)
        image = render_screen(
            reader,
            args.screen,
            size,
            theme_name=args.theme or cfg.kiosk.theme,
            lang=args.lang,
            data_cache=cache,
            tz=cfg.kiosk.timezone,
        )
        if cache is not None:
            cache.close()
    finally:
        if store is not None:
            store.close()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(args.out)):
        raise KioskError(f"{args.out}: could not write the PNG")
    print(f"{args.out}: {image.width()}x{image.height()} {args.screen}")
    return 0


def load_file_dataset(cfg: Config, cache: ObservationCache, reader: ContentReader, dataset_id: str) -> None:
    """Fill the cache from a dataset whose data ships in the pack (a CSV file), so the chart is not empty.

    Live sources are not fetched: a screenshot must not depend on the network.
    """
    from kiosk.data.service import service_for

    ds = reader.dataset(dataset_id)
    if ds is None or not ds.source.get("file"):
        return
    report = service_for(cache, reader, cfg.data, cfg.kiosk.timezone).fetch(ds.id)
    if report.error:
        log.warning("%s: %s", ds.id, report.error)


def cmd_preview(args: argparse.Namespace) -> int:
    _preflight()
    from kiosk.ui.app_qt import create_application
    from kiosk.ui.preview import PreviewWindow

    cfg = config_from_args(args)
    _setup_logging(args, None)
    if not args.packdir.is_dir():
        raise KioskError(f"{args.packdir}: not a directory (preview works on an unpacked pack)")
    app = create_application()
    size = parse_size(args.size)
    assert size is not None
    preview = PreviewWindow(args.packdir, size, theme_name=cfg.kiosk.theme)
    preview.show()
    try:
        return app.exec()
    finally:
        preview.shutdown()
