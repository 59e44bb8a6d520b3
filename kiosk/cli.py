"""The ``kiosk`` command.

Each module in :mod:`kiosk.commands` adds its own subcommands through ``register(sub, groups)``, so
parts of the kiosk can grow commands without touching this file. Handlers take the parsed
arguments and return an exit code. Qt is imported only by the commands that show something.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys
import traceback
from collections.abc import Sequence

from kiosk import __version__, commands
from kiosk.errors import ConfigError, KioskError, explain

log = logging.getLogger("kiosk.cli")

GROUPS = {
    "pack": "author, check, build, install and publish content packs",
    "data": "check and inspect live data sources",
    "hub": "the reference central API server",
    "admin": "administration helpers (PIN, ...)",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="Living Lab Kiosk: run the kiosk (no command), or manage content, sync and data.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _add_global_options(parser, default=None)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    groups: dict[str, argparse._SubParsersAction[argparse.ArgumentParser]] = {}
    for name, help_text in GROUPS.items():
        group = sub.add_parser(name, help=help_text, description=help_text)
        groups[name] = group.add_subparsers(dest="subcommand", metavar="SUBCOMMAND", required=True)
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        module.register(sub, groups)
    _spread_global_options(parser)
    return parser


def _add_global_options(parser: argparse.ArgumentParser, default: object) -> None:
    """``--config``, ``--data-dir`` and ``-v``: on the top-level parser and on every command's parser.

    On a command's parser the defaults are ``SUPPRESS``, so an option given before the command is not
    overwritten by the command's own (absent) one: ``kiosk -v status`` and ``kiosk status -v`` agree.
    """
    taken = {s for action in parser._actions for s in action.option_strings}
    if "--config" not in taken:
        parser.add_argument("--config", metavar="FILE", default=default, help="configuration file (TOML)")
    if "--data-dir" not in taken:
        parser.add_argument("--data-dir", metavar="DIR", default=default, help="override kiosk.data_dir")
    if "--verbose" not in taken:
        flags = ["-v", "--verbose"] if "-v" not in taken else ["--verbose"]
        flag_default = False if default is None else default
        parser.add_argument(*flags, action="store_true", default=flag_default, help="log debug messages")


def _spread_global_options(parser: argparse.ArgumentParser) -> None:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in set(action.choices.values()):
                _add_global_options(child, default=argparse.SUPPRESS)
                _spread_global_options(child)


_GLOBAL_WITH_VALUE = {"--config", "--data-dir"}


def _default_to_run(parser: argparse.ArgumentParser, argv: list[str]) -> list[str]:
    """``kiosk [global options] [--windowed ...]`` means ``kiosk [global options] run [...]``."""
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    head: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in sub.choices or arg in {"-h", "--help", "--version"}:
            return argv
        if arg in _GLOBAL_WITH_VALUE and i + 1 < len(argv):
            head += argv[i : i + 2]
            i += 2
        elif arg.split("=", 1)[0] in _GLOBAL_WITH_VALUE or arg in {"-v", "--verbose"}:
            head.append(arg)
            i += 1
        else:
            break
    if "run" not in sub.choices:
        return argv
    return [*head, "run", *argv[i:]]


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(_default_to_run(parser, argv))
    try:
        return int(args.func(args) or 0)
    except ConfigError as exc:
        return _report(f"configuration error: {exc}", exc, args, 2)
    except KioskError as exc:
        return _report(str(exc), exc, args, 1)
    except ImportError as exc:
        if "shared object" not in str(exc):
            return _report(explain(exc), exc, args, 1)
        # A Qt library is missing and no preflight check caught it (kiosk.health.qtlibs)
        log.debug("import failed", exc_info=True)
        print(f"kiosk: a system library is missing: {exc}\n"
              "  `kiosk doctor --no-qt` names every missing library and its package", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # bad ground (read-only disk, damaged database, ...): a message, not a traceback
        return _report(explain(exc), exc, args, 1)


def _report(message: str, exc: BaseException, args: argparse.Namespace, code: int) -> int:
    """Print ``kiosk: message``; with ``-v`` the traceback too. Returns the exit code."""
    if getattr(args, "verbose", False):
        traceback.print_exception(exc, file=sys.stderr)
    elif not isinstance(exc, KioskError):
        message += " (run with -v for details)"
    print(f"kiosk: {message}", file=sys.stderr)
    return code
