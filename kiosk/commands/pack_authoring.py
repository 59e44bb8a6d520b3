"""``kiosk pack validate | build | keygen``: the exhibit manager's authoring commands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kiosk.content import signing
from kiosk.content.build import build_zip
from kiosk.content.loader import inspect_pack
from kiosk.content.model import Pack
from kiosk.content.source import PackSource
from kiosk.content.sources import DirectorySource, open_source
from kiosk.errors import Problem


def register(sub: Any, groups: dict[str, Any]) -> None:
    pack = groups["pack"]
    p = pack.add_parser("validate", help="check a pack directory or zip and list every problem",
                        description="Check a pack (directory or .zip) and print every problem as "
                                    "file:line: message. Exit 0 when valid (warnings allowed), 1 if not.")
    p.add_argument("path", metavar="PATH", help="pack directory or .zip")
    p.set_defaults(func=cmd_validate)

    b = pack.add_parser("build", help="validate a pack and write a reproducible (optionally signed) zip",
                        description="Validate the pack, then write a reproducible zip with manifest.json "
                                    "(and manifest.json.sig with --sign-key).")
    b.add_argument("path", metavar="PATH", help="pack directory (or .zip to rebuild)")
    b.add_argument("-o", "--output", metavar="OUT.zip", required=True, help="zip file to write")
    b.add_argument("--sign-key", metavar="KEY", help="private key file from 'kiosk pack keygen'")
    b.set_defaults(func=cmd_build)

    k = pack.add_parser("keygen", help="create a signing key pair NAME.key / NAME.pub",
                        description="Write NAME.key (private, keep it off the kiosks) and NAME.pub "
                                    "(paste into sync.trusted_keys).")
    k.add_argument("name", metavar="NAME", help="path prefix of the key files")
    k.set_defaults(func=cmd_keygen)


def _where(label: str, is_dir: bool, problem: Problem) -> str:
    """``content/pack.yaml:3: ...`` for directories, so editors can jump to the line."""
    if not is_dir:
        return str(problem)
    return str(Problem(str(Path(label) / problem.file), problem.line, problem.message, problem.severity))


def source_problems(pack: Pack, source: PackSource) -> list[Problem]:
    """Dataset source keys the live-data connectors need (``kiosk.data.checks``), located in the file."""
    from kiosk.data.checks import check_source

    problems = []
    for ds in pack.datasets.values():
        messages = check_source(ds)
        if not messages:
            continue
        name = next((n for n in (f"datasets/{ds.id}.yaml", f"datasets/{ds.id}.yml") if n in pack.files),
                    f"datasets/{ds.id}.yaml")
        try:
            lines = source.read_bytes(name).decode("utf-8", "replace").splitlines()
        except (OSError, KeyError):
            lines = []
        for message in messages:
            problems.append(Problem(name, _line_of(lines, message), message))
    return problems + pack_csv_problems(pack, source)


def pack_csv_problems(pack: Pack, source: PackSource) -> list[Problem]:
    """The rows of every CSV file a dataset reads from the pack, as a fetch would read them."""
    from kiosk.config import KioskSection
    from kiosk.data.checks import csv_file_problems

    problems = []
    for ds in pack.datasets.values():
        name = str(ds.source.get("file") or "")
        if ds.source.get("type") != "csv" or name not in pack.files:
            continue
        try:
            data = source.read_bytes(name)
        except (OSError, KeyError):
            continue  # the loader reports missing files
        problems += csv_file_problems(ds, data, name, KioskSection().timezone)
    return problems


def _line_of(lines: list[str], message: str) -> int | None:
    """The line of the key a message names (``source.url ...``), else of ``source:``."""
    key = message.split()[0].removeprefix("source.") if message.startswith("source.") else ""
    in_source = None
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if line.startswith("source:"):
            in_source = number
            if "{" in line and f"{key}:" in line:
                return number
        elif in_source and line[:1] not in (" ", "\t", ""):
            in_source = None
        elif in_source and key and stripped.startswith(f"{key}:"):
            return number
    return next((n for n, line in enumerate(lines, 1) if line.startswith("source:")), None)


def cmd_validate(args: argparse.Namespace) -> int:
    source = open_source(Path(args.path))
    result = inspect_pack(source, deep=True)
    if result.pack is not None:
        result.problems.extend(source_problems(result.pack, source))
    is_dir = isinstance(source, DirectorySource)
    for problem in result.problems:
        print(_where(source.label, is_dir, problem))
    errors, warnings = len(result.errors), len(result.warnings)
    if result.pack is not None and not errors:
        pack = result.pack
        print(f"OK: {pack.meta.id} version {pack.meta.version}: {len(pack.case_studies)} case studies, "
              f"{len(pack.tours)} tours, {len(pack.datasets)} datasets, {len(pack.files)} files"
              f"{f', {warnings} warning(s)' if warnings else ''}")
        return 0
    print(f"INVALID: {errors} error(s), {warnings} warning(s) in {args.path}")
    return 1


def cmd_build(args: argparse.Namespace) -> int:
    key = Path(args.sign_key) if args.sign_key else None
    result = build_zip(Path(args.path), Path(args.output), key)
    for w in result.warnings:
        print(w, file=sys.stderr)
    print(f"built {result.path} ({result.size} bytes): {result.pack_id} version {result.version}, "
          f"{result.files} files, manifest sha256 {result.manifest_sha256}"
          f"{', signed' if result.signed else ''}")
    return 0


def cmd_keygen(args: argparse.Namespace) -> int:
    key_path, pub_path = signing.generate_keypair(Path(args.name))
    print(f"wrote {key_path} (private: keep it safe, never copy it to a kiosk)")
    print(f"wrote {pub_path}: add this line to sync.trusted_keys: {pub_path.read_text().strip()}")
    return 0
