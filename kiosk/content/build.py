"""Reproducible pack zips: the same pack gives the same bytes, so its sha256 means something.

Entries are sorted, dated 1980-01-01, mode 0644, deflated at a fixed level (media that is already
compressed is stored), with ``manifest.json`` (and ``manifest.json.sig`` when a key is given).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from kiosk.content import signing
from kiosk.content.loader import inspect_pack
from kiosk.content.manifest import MANIFEST_NAME, SIGNATURE_NAME, encode_manifest
from kiosk.content.media import ext
from kiosk.content.source import PackSource, iter_chunks
from kiosk.content.sources import DirectorySource, open_source
from kiosk.errors import PackError, Problem

FIXED_DATE = (1980, 1, 1, 0, 0, 0)
DEFLATE_LEVEL = 6
_STORED = {"png", "jpg", "jpeg", "webp", "mp4", "webm", "zip", "gz"}


@dataclass(frozen=True)
class BuildResult:
    path: Path
    pack_id: str
    version: int
    manifest_sha256: str
    files: int
    """Pack files in the zip (manifest and signature not counted)."""
    size: int
    """Bytes of the zip."""
    signed: bool
    warnings: tuple[Problem, ...] = ()


def build_zip(source_path: Path, out_path: Path, sign_key: Path | None = None) -> BuildResult:
    """Validate the pack at ``source_path`` and write it as a reproducible zip to ``out_path``.

    Raises :class:`PackError` (every problem) when the pack is invalid; nothing is written then.
    """
    source_path, out_path = Path(source_path), Path(out_path)
    key = signing.load_private_key(sign_key) if sign_key else None
    source = open_source(source_path)
    if isinstance(source, DirectorySource) and out_path.resolve().is_relative_to(source.root):
        raise PackError(f"{out_path}: write the zip outside the pack folder {source_path}",
                        file=str(out_path))
    result = inspect_pack(source, deep=True)
    if result.errors or result.pack is None:
        raise PackError(result.errors or [Problem("pack.yaml", None, "pack could not be loaded")])
    pack = result.pack
    manifest = encode_manifest(pack.meta.id, pack.meta.version, pack.files.values())
    extra = {MANIFEST_NAME: manifest}
    if key is not None:
        extra[SIGNATURE_NAME] = signing.sign(manifest, key)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out_path.name}.", suffix=".tmp", dir=out_path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w+b") as fh:
            with zipfile.ZipFile(fh, "w") as zf:
                for name in sorted([*pack.files, *extra]):
                    if name in extra:
                        zf.writestr(_info(name), extra[name])
                    else:
                        _copy(source, name, zf, pack.files[name].sha256)
            fh.flush()
            os.fsync(fh.fileno())
        tmp.chmod(0o644)
        tmp.replace(out_path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        close = getattr(source, "close", None)
        if close:
            close()
    return BuildResult(
        path=out_path, pack_id=pack.meta.id, version=pack.meta.version,
        manifest_sha256=hashlib.sha256(manifest).hexdigest(), files=len(pack.files),
        size=out_path.stat().st_size, signed=key is not None, warnings=tuple(result.warnings),
    )


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, FIXED_DATE)
    info.create_system = 3
    info.external_attr = (0o100644 << 16)
    info.compress_type = zipfile.ZIP_STORED if ext(name) in _STORED else zipfile.ZIP_DEFLATED
    # The attribute is _compresslevel up to Python 3.12 and compress_level from 3.13.
    info._compresslevel = DEFLATE_LEVEL  # type: ignore[attr-defined]
    if hasattr(info, "compress_level"):
        info.compress_level = DEFLATE_LEVEL
    return info


def _copy(source: PackSource, name: str, zf: zipfile.ZipFile, expected_sha256: str) -> None:
    """Stream one file into the zip, checking it has not changed since it was validated."""
    sha = hashlib.sha256()
    with source.open(name) as src, zf.open(_info(name), "w", force_zip64=False) as dst:
        for chunk in iter_chunks(src, 1 << 20):
            sha.update(chunk)
            dst.write(chunk)
    if sha.hexdigest() != expected_sha256:
        raise PackError(f"{name} changed while the pack was being built; build again", file=name)
