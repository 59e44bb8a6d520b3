"""``kiosk pack validate | build | keygen``: the exhibit manager's authoring commands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kiosk.content import signing
from kiosk.content.build import build_zip
from kiosk.content.loader import inspect_pack
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


def cmd_validate(args: argparse.Namespace) -> int:
    source = open_source(Path(args.path))
    result = inspect_pack(source, deep=True)
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
