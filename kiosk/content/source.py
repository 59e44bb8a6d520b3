"""Where a pack's bytes come from: a directory, a zip, or verified sync blobs.

The loader, the validator and the store's installer read packs only through this protocol, so
every source gets the same safety checks and the same model.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Protocol


class PackSource(Protocol):
    """Read-only access to the files of one pack, by pack-relative POSIX path."""

    label: str
    """Shown in error messages (the directory or zip path)."""

    def names(self) -> list[str]:
        """Every regular file in the pack, sorted, as pack-relative POSIX paths."""
        ...

    def size(self, name: str) -> int: ...

    def read_bytes(self, name: str) -> bytes:
        """The whole file; raises :class:`~kiosk.errors.PackError` if it is over the size cap."""
        ...

    def open(self, name: str) -> BinaryIO:
        """A stream of the file, for copying large media without holding it in memory."""
        ...

    def local_path(self, name: str) -> Path | None:
        """A real file on disk with these bytes, when the source has one (directories do)."""
        ...


def iter_chunks(stream: BinaryIO, size: int = 1 << 16) -> Iterator[bytes]:
    while chunk := stream.read(size):
        yield chunk
