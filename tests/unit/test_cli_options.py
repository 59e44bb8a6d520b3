"""``--config``, ``--data-dir`` and ``-v`` work before or after the command, for every command."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from kiosk.cli import _default_to_run, build_parser, main
from tests.bench.gen_pack import write_pack_dir


def _commands(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every runnable command path: ("status",), ("pack", "install"), ..."""
    found: list[tuple[str, ...]] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                inner = _commands(child, (*prefix, name))
                found += inner or [(*prefix, name)]
    return found


def _positionals(parser: argparse.ArgumentParser, path: tuple[str, ...]) -> list[str]:
    """Placeholder values for the command's required positionals and options, so it parses."""
    for name in path:
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        parser = sub.choices[name]
    filler: list[str] = []
    for action in parser._actions:
        if not action.option_strings and action.nargs not in ("?", "*"):
            filler.append("x")
        elif action.required:
            filler += [action.option_strings[0], "x.png" if "out" in action.dest else "x"]
    for group in parser._mutually_exclusive_groups:
        if group.required:
            filler += [group._group_actions[0].option_strings[0], "x"]
    return filler


PARSER = build_parser()
COMMANDS = _commands(PARSER)


def test_every_command_is_covered() -> None:
    # the walk finds the nested commands too; a regression in it would make the test below vacuous
    assert {("run",), ("status",), ("doctor",), ("pack", "install"), ("sync",)} <= set(COMMANDS)
    assert len(COMMANDS) > 15


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("where", ["before", "after"])
def test_global_options_before_or_after(path: tuple[str, ...], where: str) -> None:
    options = ["--config", "c.toml", "--data-dir", "d", "-v"]
    rest = [*path, *_positionals(PARSER, path)]
    argv = [*options, *rest] if where == "before" else [*rest, *options]
    args = build_parser().parse_args(argv)
    assert (args.config, args.data_dir, args.verbose) == ("c.toml", "d", True)


@pytest.mark.parametrize("path", [("status",), ("pack", "install"), ("sync",)], ids=" ".join)
def test_defaults_when_not_given_and_before_wins_over_absent_after(path: tuple[str, ...]) -> None:
    rest = [*path, *_positionals(PARSER, path)]
    args = build_parser().parse_args(rest)
    assert (args.config, args.data_dir, args.verbose) == (None, None, False)
    args = build_parser().parse_args(["--config", "c.toml", "-v", *rest])
    assert (args.config, args.verbose) == ("c.toml", True)


def test_plain_kiosk_with_options_after_run_flags() -> None:
    """``kiosk --windowed -v`` is ``kiosk run --windowed -v``."""
    args = PARSER.parse_args(_default_to_run(PARSER, ["--windowed", "-v", "--config", "c.toml"]))
    assert (args.command, args.windowed, args.verbose, args.config) == ("run", True, True, "c.toml")
    args = PARSER.parse_args(_default_to_run(PARSER, ["-v", "--windowed"]))
    assert (args.command, args.windowed, args.verbose) == ("run", True, True)


def test_status_json_with_config_after_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    pack = write_pack_dir(tmp_path / "pack", 2, version=3)
    assert main(["pack", "install", str(pack), "--data-dir", str(data)]) == 0
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[kiosk]\ndata_dir = "{data}"\n', encoding="utf-8")
    capsys.readouterr()
    assert main(["status", "--json", "--config", str(config)]) == 0
    (shown,) = json.loads(capsys.readouterr().out)["packs"]
    assert (shown["id"], shown["version"], shown["case_studies"]) == ("bench", 3, 2)
