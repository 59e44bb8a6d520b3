"""Pack sources: a directory or a zip file, with the hostile-input checks.

:class:`ZipSource` never extracts. It refuses a zip up front for what its directory shows
(absolute or escaping paths, backslashes, symlinks, devices, duplicates, encryption, too many
entries, overlapping entries) and counts real sizes while reading: the sizes written in the zip's
headers are never trusted, reading stops as soon as a cap is passed.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
import zipfile
from pathlib import Path
from typing import BinaryIO

from kiosk.content.manifest import MANIFEST_NAME, SIGNATURE_NAME, Manifest, decode_manifest
from kiosk.content.model import FileEntry
from kiosk.content.source import PackSource
from kiosk.errors import PackError, UnsafePackError

MAX_ENTRIES = 20_000
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024
MAX_RATIO = 200
RATIO_MIN_BYTES = 1024 * 1024
RESERVED = (MANIFEST_NAME, SIGNATURE_NAME)
_LOCAL_HEADER = 30


AUTHOR_NOTES = frozenset({"README.md"})
"""Files at the pack root for the authors (the authoring guide), never shipped to kiosks."""


def is_ignored(name: str) -> bool:
    """Hidden files and folders (``.DS_Store``, ``.git/``), macOS zip litter and author notes."""
    return name in AUTHOR_NOTES or any(part.startswith(".") or part == "__MACOSX" for part in name.split("/"))


class DirectorySource:
    """A pack as a directory on disk (authoring, the bundled pack, ``kiosk preview``)."""

    def __init__(self, path: Path | str) -> None:
        self.root = Path(path).resolve()
        self.label = str(path)
        if not self.root.is_dir():
            raise PackError(f"{path}: not a directory", file=str(path))
        self._sizes: dict[str, int] = {}
        for dirpath, dirnames, filenames in os.walk(self.root):
            here = Path(dirpath)
            for d in list(dirnames):
                full = here / d
                if d.startswith("."):
                    dirnames.remove(d)
                elif full.is_symlink():
                    rel = full.relative_to(self.root).as_posix()
                    self._check_link(full, rel)
                    raise UnsafePackError(
                        f"{rel}: is a symlinked directory; copy the folder into the pack instead", file=rel
                    )
            for f in filenames:
                full = here / f
                rel = full.relative_to(self.root).as_posix()
                if is_ignored(rel):
                    continue
                if full.is_symlink():
                    self._check_link(full, rel)
                st = full.stat()
                if not stat.S_ISREG(st.st_mode):
                    raise UnsafePackError(f"{rel}: not a regular file (device, fifo or socket)", file=rel)
                if "\\" in rel:
                    raise UnsafePackError(f"{rel}: file names must not contain a backslash", file=rel)
                if rel in RESERVED:
                    continue
                self._sizes[rel] = st.st_size
        self._names = sorted(self._sizes)

    def _check_link(self, full: Path, rel: str) -> None:
        target = full.resolve()
        if not target.is_relative_to(self.root):
            raise UnsafePackError(f"{rel}: symlink points outside the pack (to {target})", file=rel)

    def names(self) -> list[str]:
        return list(self._names)

    def _path(self, name: str) -> Path:
        if name not in self._sizes:
            raise PackError(f"{name}: no such file in the pack", file=name)
        return self.root / name

    def size(self, name: str) -> int:
        self._path(name)
        return self._sizes[name]

    def read_bytes(self, name: str) -> bytes:
        path = self._path(name)
        with path.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise PackError(f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB", file=name)
        return data

    def open(self, name: str) -> BinaryIO:
        return self._path(name).open("rb")

    def local_path(self, name: str) -> Path | None:
        return self._path(name)


def _check_entry_name(raw: str) -> str | None:
    """The problem with a zip entry's name, or None when it is a safe relative POSIX path."""
    if "\\" in raw:
        return "contains a backslash"
    if raw.startswith("/") or (len(raw) > 1 and raw[1] == ":"):
        return "is an absolute path"
    parts = raw.rstrip("/").split("/")
    if any(p in ("..", "") for p in parts):
        return "escapes the pack (..) or has an empty path segment"
    if "\x00" in raw:
        return "contains a NUL byte"
    return None


class _CountingReader(io.RawIOBase):
    """Reads one zip entry, counting real bytes and enforcing the caps as it goes."""

    def __init__(self, owner: ZipSource, name: str, info: zipfile.ZipInfo) -> None:
        super().__init__()
        self._owner, self._name, self._info = owner, name, info
        # Lift zipfile's own limit (the header's file_size) so the real size is what we count.
        probe = zipfile.ZipInfo(info.filename, info.date_time)
        for attr in ("compress_type", "compress_size", "CRC", "flag_bits", "header_offset", "extra"):
            setattr(probe, attr, getattr(info, attr))
        probe.file_size = MAX_FILE_BYTES + 1
        probe.orig_filename = info.orig_filename
        self._raw = owner._zip.open(probe)
        self._count = 0
        self._sha = hashlib.sha256()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        try:
            data = self._raw.read(len(buffer))
        except (zipfile.BadZipFile, EOFError, OSError) as exc:
            raise UnsafePackError(f"corrupt zip entry: {exc}", file=self._name) from exc
        n = len(data)
        self._count += n
        self._owner._account(self._name, self._count)
        info = self._info
        if self._count > MAX_FILE_BYTES:
            raise UnsafePackError(f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB", file=self._name)
        if self._count > RATIO_MIN_BYTES and self._count > MAX_RATIO * max(info.compress_size, 1):
            raise UnsafePackError(
                f"compression ratio over {MAX_RATIO}:1 (zip bomb?)", file=self._name
            )
        if n == 0:
            self._finish()
            return 0
        self._sha.update(data)
        buffer[:n] = data
        return n

    def _finish(self) -> None:
        if self._count != self._info.file_size:
            raise UnsafePackError(
                f"zip header says {self._info.file_size} bytes but the entry holds {self._count}",
                file=self._name,
            )
        self._owner._verify_listed(self._name, self._count, self._sha.hexdigest())

    def close(self) -> None:
        self._raw.close()
        super().close()


class ZipSource:
    """A pack zip, at its root or inside one top-level folder. Never extracted."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.label = str(path)
        try:
            self._zip = zipfile.ZipFile(self.path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise PackError(f"not a readable zip file: {exc}", file=self.label) from exc
        self._read_sizes: dict[str, int] = {}
        self._entries: dict[str, zipfile.ZipInfo] = {}
        self.manifest: Manifest | None = None
        self._listed: dict[str, FileEntry] = {}
        self.manifest_data: bytes | None = None
        self.signature_data: bytes | None = None
        try:
            self._scan()
        except PackError:
            self._zip.close()
            raise

    def _scan(self) -> None:
        infos = self._zip.infolist()
        if len(infos) > MAX_ENTRIES:
            raise UnsafePackError(f"more than {MAX_ENTRIES} entries ({len(infos)})", file=self.label)
        seen: dict[str, str] = {}
        declared_total = 0
        for info in infos:
            name = info.filename
            problem = _check_entry_name(name)
            if problem:
                raise UnsafePackError(f"entry {name!r} {problem}", file=self.label)
            folded = name.rstrip("/").casefold()
            if folded in seen:
                raise UnsafePackError(
                    f"duplicate entry {name!r} (also {seen[folded]!r}; names must differ beyond case)",
                    file=self.label,
                )
            seen[folded] = name
            if info.flag_bits & 0x1:
                raise UnsafePackError(f"entry {name!r} is encrypted", file=self.label)
            mode = info.external_attr >> 16
            kind = stat.S_IFMT(mode)
            if info.create_system == 3 and kind and kind not in (stat.S_IFREG, stat.S_IFDIR):
                what = "a symlink" if kind == stat.S_IFLNK else "a device, fifo or socket"
                raise UnsafePackError(f"entry {name!r} is {what}", file=self.label)
            if info.file_size > MAX_FILE_BYTES:
                raise UnsafePackError(f"entry {name!r} is larger than 200 MB", file=self.label)
            declared_total += info.file_size
        if declared_total > MAX_TOTAL_BYTES:
            raise UnsafePackError("uncompressed contents are larger than 2 GB", file=self.label)
        self._check_overlaps(infos)
        files = [i for i in infos if not i.is_dir()]
        prefix = self._find_root([i.filename for i in files])
        for info in files:
            rel = info.filename[len(prefix):]
            if not info.filename.startswith(prefix) or is_ignored(rel):
                continue
            self._entries[rel] = info
        self._names = sorted(n for n in self._entries if n not in RESERVED)
        if MANIFEST_NAME in self._entries:
            self.manifest_data = self._read_reserved(MANIFEST_NAME)
            self.manifest = decode_manifest(self.manifest_data, f"{self.label}:{MANIFEST_NAME}")
            self._listed = self.manifest.by_path()
            listed = set(self._listed)
            unlisted = sorted(set(self._names) - listed)
            missing = sorted(listed - set(self._names))
            if unlisted or missing:
                detail = "; ".join(
                    part for part in (
                        f"not in the manifest: {', '.join(unlisted[:5])}" if unlisted else "",
                        f"missing from the zip: {', '.join(missing[:5])}" if missing else "",
                    ) if part
                )
                raise UnsafePackError(f"zip does not match its manifest.json ({detail})", file=self.label)
            if SIGNATURE_NAME in self._entries:
                self.signature_data = self._read_reserved(SIGNATURE_NAME)

    def _check_overlaps(self, infos: list[zipfile.ZipInfo]) -> None:
        """Each entry's data must fit before the next one starts (no overlapping-entry bombs)."""
        ordered = sorted(infos, key=lambda i: i.header_offset)
        ends = [i.header_offset for i in ordered[1:]] + [getattr(self._zip, "start_dir", 1 << 62)]
        for info, end in zip(ordered, ends, strict=True):
            need = _LOCAL_HEADER + len(info.orig_filename.encode("utf-8")) + info.compress_size
            if info.header_offset + need > end:
                raise UnsafePackError(f"entry {info.filename!r} overlaps another entry", file=self.label)

    @staticmethod
    def _find_root(names: list[str]) -> str:
        if "pack.yaml" in names or MANIFEST_NAME in names:
            return ""
        tops = {n.split("/", 1)[0] for n in names if not is_ignored(n)}
        if len(tops) == 1:
            top = next(iter(tops))
            if f"{top}/pack.yaml" in names or f"{top}/{MANIFEST_NAME}" in names:
                return top + "/"
        return ""

    def _read_reserved(self, name: str) -> bytes:
        with _CountingReader(self, name, self._entries[name]) as fh:
            return fh.read()

    def _account(self, name: str, count: int) -> None:
        self._read_sizes[name] = max(count, self._read_sizes.get(name, 0))
        if count > MAX_TOTAL_BYTES or sum(self._read_sizes.values()) > MAX_TOTAL_BYTES:
            raise UnsafePackError("uncompressed contents are larger than 2 GB", file=self.label)

    def _verify_listed(self, name: str, size: int, sha256: str) -> None:
        if self.manifest is None or name in RESERVED:
            return
        entry = self._listed.get(name)
        if entry is None or entry.size != size or entry.sha256 != sha256:
            raise UnsafePackError("content does not match manifest.json (sha256 or size)", file=name)

    def _info(self, name: str) -> zipfile.ZipInfo:
        if name not in self._entries or name in RESERVED:
            raise PackError(f"{name}: no such file in the pack", file=name)
        return self._entries[name]

    def names(self) -> list[str]:
        return list(self._names)

    def size(self, name: str) -> int:
        return self._info(name).file_size

    def read_bytes(self, name: str) -> bytes:
        with self.open(name) as fh:
            return fh.read()

    def open(self, name: str) -> BinaryIO:
        reader = _CountingReader(self, name, self._info(name))
        return io.BufferedReader(reader, buffer_size=1 << 16)

    def local_path(self, name: str) -> Path | None:
        return None

    def verify(self) -> None:
        """Read every entry once: the caps, the header sizes and the manifest hashes all checked."""
        for name in self._names:
            with self.open(name) as fh:
                while fh.read(1 << 20):
                    pass

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> ZipSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_source(path: Path | str) -> PackSource:
    """A :class:`DirectorySource` for a directory, a :class:`ZipSource` for a ``.zip`` file."""
    p = Path(path)
    if p.is_dir():
        return DirectorySource(p)
    if p.is_file() and (p.suffix.lower() == ".zip" or zipfile.is_zipfile(p)):
        return ZipSource(p)
    if not p.exists():
        raise PackError(f"{p}: no such directory or zip file", file=str(p))
    raise PackError(f"{p}: not a pack directory or a .zip file", file=str(p))


__all__ = ["DirectorySource", "ZipSource", "is_ignored", "open_source"]
