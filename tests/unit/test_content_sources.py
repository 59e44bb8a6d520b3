"""Pack sources: every hostile zip is refused with a real zip file, never extracted."""

from __future__ import annotations

import os
import shutil
import stat
import struct
import warnings
import zipfile
from pathlib import Path

import pytest

from kiosk.content import sources
from kiosk.content.build import build_zip
from kiosk.content.loader import load_pack
from kiosk.content.sources import DirectorySource, ZipSource, open_source
from kiosk.errors import PackError, UnsafePackError

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "packs" / "valid"

# Field offsets inside a central-directory record, and their struct formats.
FIELDS = {"flags": (8, "<H"), "compress_size": (20, "<I"), "file_size": (24, "<I"),
          "external_attr": (38, "<I"), "header_offset": (42, "<I")}


def zip_dir(src: Path, out: Path, prefix: str = "") -> Path:
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(src.rglob("*")):
            if path.is_file():
                zf.write(path, prefix + path.relative_to(src).as_posix())
    return out


def central_entries(data: bytes) -> dict[str, int]:
    out: dict[str, int] = {}
    pos = data.find(b"PK\x01\x02")
    while pos != -1:
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        out[data[pos + 46 : pos + 46 + name_len].decode("utf-8")] = pos
        pos = data.find(b"PK\x01\x02", pos + 46)
    return out


def patch_central(path: Path, name: str, **values: int) -> None:
    """Make the zip's headers lie: overwrite fields of one central-directory record in place."""
    data = bytearray(path.read_bytes())
    pos = central_entries(bytes(data))[name]
    for field, value in values.items():
        offset, fmt = FIELDS[field]
        struct.pack_into(fmt, data, pos + offset, value)
        if field == "file_size":
            local = struct.unpack_from("<I", data, pos + 42)[0]
            struct.pack_into("<I", data, local + 22, value)
    path.write_bytes(bytes(data))


def make_zip(path: Path, entries: dict[str, bytes], **kw: object) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names; we want them
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in entries.items():
                zf.writestr(name.split("#")[0], data)
    return path


def refused(path: Path, match: str) -> None:
    with pytest.raises(UnsafePackError, match=match):
        ZipSource(path)


@pytest.mark.expect_log("kiosk.content")
def test_valid_pack_zip_at_root_and_in_a_folder(tmp_path: Path) -> None:
    for prefix in ("", "demo-lab/"):
        z = zip_dir(FIXTURE, tmp_path / f"p{len(prefix)}.zip", prefix)
        src = open_source(z)
        assert isinstance(src, ZipSource)
        assert src.names() == DirectorySource(FIXTURE).names()
        assert load_pack(src).meta.id == "demo-lab"


@pytest.mark.parametrize(("name", "match"), [
    ("/etc/passwd", "absolute"),
    ("C:/evil.txt", "absolute"),
    ("../evil.txt", "escapes"),
    ("media/../../evil.txt", "escapes"),
    ("media\\evil.txt", "backslash"),
])
def test_unsafe_names_refused(tmp_path: Path, name: str, match: str) -> None:
    refused(make_zip(tmp_path / "x.zip", {"pack.yaml": b"id: x\n", name: b"boom"}), match)


@pytest.mark.parametrize(("kind", "match"), [(stat.S_IFLNK, "symlink"), (stat.S_IFIFO, "fifo"),
                                             (stat.S_IFCHR, "device")])
def test_special_entries_refused(tmp_path: Path, kind: int, match: str) -> None:
    z = tmp_path / "x.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("pack.yaml", b"id: x\n")
        info = zipfile.ZipInfo("media/link.png")
        info.create_system = 3
        info.external_attr = (kind | 0o777) << 16
        zf.writestr(info, b"/etc/passwd")
    refused(z, match)


def test_duplicate_names_refused(tmp_path: Path) -> None:
    refused(make_zip(tmp_path / "a.zip", {"pack.yaml": b"a", "pack.yaml#2": b"b"}), "duplicate")
    refused(make_zip(tmp_path / "b.zip", {"pack.yaml": b"a", "Media/A.png": b"1", "media/a.PNG": b"2"}),
            "duplicate")


def test_encrypted_entry_refused(tmp_path: Path) -> None:
    z = make_zip(tmp_path / "x.zip", {"pack.yaml": b"id: x\n", "secret.md": b"hidden"})
    patch_central(z, "secret.md", flags=0x1)
    refused(z, "encrypted")


def test_too_many_entries_refused(tmp_path: Path) -> None:
    z = tmp_path / "many.zip"
    with zipfile.ZipFile(z, "w") as zf:
        for i in range(sources.MAX_ENTRIES + 1):
            zf.writestr(f"f{i}.txt", b"")
    refused(z, "more than 20000 entries")


def test_declared_sizes_over_the_caps_refused(tmp_path: Path) -> None:
    z = make_zip(tmp_path / "big.zip", {"pack.yaml": b"id: x\n", "media/v.mp4": b"x" * 100})
    patch_central(z, "media/v.mp4", file_size=300 * 1024 * 1024)
    refused(z, "larger than 200 MB")
    entries = {"pack.yaml": b"id: x\n", **{f"media/{i}.mp4": b"x" for i in range(15)}}
    z = make_zip(tmp_path / "total.zip", entries)
    for i in range(15):
        patch_central(z, f"media/{i}.mp4", file_size=150 * 1024 * 1024)
    refused(z, "larger than 2 GB")


def test_bomb_with_lying_header_stops_while_reading(tmp_path: Path) -> None:
    """The header says 100 bytes; the entry inflates to 50 MB: refused by counting, not trusting."""
    z = make_zip(tmp_path / "bomb.zip", {"pack.yaml": b"id: x\n", "data.csv": b"\0" * (50 << 20)})
    patch_central(z, "data.csv", file_size=100)
    src = ZipSource(z)  # the directory looks harmless
    with pytest.raises(UnsafePackError, match="ratio over 200:1"), src.open("data.csv") as fh:
        while fh.read(1 << 16):
            pass
    with pytest.raises(UnsafePackError, match="data.csv"):
        load_pack(ZipSource(z))


def test_header_lying_small_is_caught_at_end_of_entry(tmp_path: Path) -> None:
    z = make_zip(tmp_path / "lie.zip", {"pack.yaml": b"id: x\n", "notes.csv": os.urandom(5000)})
    patch_central(z, "notes.csv", file_size=500)
    with pytest.raises(UnsafePackError, match="says 500 bytes but the entry holds 5000"):
        ZipSource(z).read_bytes("notes.csv")


def test_file_and_total_caps_are_counted_while_reading(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    z = make_zip(tmp_path / "x.zip", {"pack.yaml": b"id: x\n", "a.csv": os.urandom(3000),
                                      "b.csv": os.urandom(3000)})
    patch_central(z, "a.csv", file_size=10)
    monkeypatch.setattr(sources, "MAX_FILE_BYTES", 2000)
    with pytest.raises(UnsafePackError, match="larger than"):
        ZipSource(z).read_bytes("a.csv")
    monkeypatch.setattr(sources, "MAX_FILE_BYTES", 200 << 20)
    src = ZipSource(make_zip(tmp_path / "y.zip", {"pack.yaml": b"id", "a.csv": os.urandom(3000),
                                                  "b.csv": os.urandom(3000)}))
    monkeypatch.setattr(sources, "MAX_TOTAL_BYTES", 5000)  # after the up-front header check
    src.read_bytes("a.csv")
    with pytest.raises(UnsafePackError, match="larger than 2 GB"):
        src.read_bytes("b.csv")


def test_honest_bomb_refused_on_ratio(tmp_path: Path) -> None:
    src = ZipSource(make_zip(tmp_path / "x.zip", {"pack.yaml": b"id", "zeros.csv": b"\0" * (5 << 20)}))
    with pytest.raises(UnsafePackError, match="ratio"):
        src.read_bytes("zeros.csv")


def test_overlapping_entries_refused(tmp_path: Path) -> None:
    z = make_zip(tmp_path / "x.zip", {"pack.yaml": b"id: x\n" * 50, "b.csv": b"y" * 10})
    patch_central(z, "b.csv", header_offset=0)
    refused(z, "overlaps")


@pytest.mark.expect_log("kiosk.content")
def test_manifest_is_enforced(tmp_path: Path) -> None:
    built = build_zip(FIXTURE, tmp_path / "built.zip").path
    assert load_pack(ZipSource(built)).meta.version == 3
    with zipfile.ZipFile(built) as zf:
        entries = {i.filename: zf.read(i) for i in zf.infolist()}
    extra = make_zip(tmp_path / "extra.zip", {**entries, "media/extra.png": b"x"})
    refused(extra, "not in the manifest: media/extra.png")
    missing = make_zip(tmp_path / "missing.zip", {k: v for k, v in entries.items() if k != "media/map.png"})
    refused(missing, "missing from the zip: media/map.png")
    tampered = {**entries, "datasets/harbour-temp.csv": b"time,temp\n2024-01-01T00:00:00Z,99\n"}
    src = ZipSource(make_zip(tmp_path / "tampered.zip", tampered))
    with pytest.raises(UnsafePackError, match="does not match manifest"):
        load_pack(src)


@pytest.mark.expect_log("kiosk.content")
def test_directory_source_ignores_hidden_files_and_checks_symlinks(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(FIXTURE, pack)
    (pack / ".DS_Store").write_bytes(b"junk")
    (pack / ".git").mkdir()
    (pack / ".git" / "config").write_text("x")
    (pack / "media" / "copy.svg").symlink_to(pack / "media" / "logo.svg")
    src = DirectorySource(pack)
    assert not any(n.startswith(".") or "/." in n for n in src.names())
    assert "media/copy.svg" in src.names()
    assert ".DS_Store" not in load_pack(src).files
    outside = tmp_path / "secret.txt"
    outside.write_text("secret")
    (pack / "media" / "leak.png").symlink_to(outside)
    with pytest.raises(UnsafePackError, match="symlink points outside the pack"):
        DirectorySource(pack)


def test_directory_source_refuses_fifo(tmp_path: Path) -> None:
    (tmp_path / "pack.yaml").write_text("id: x\n")
    os.mkfifo(tmp_path / "pipe.csv")
    with pytest.raises(UnsafePackError, match="not a regular file"):
        DirectorySource(tmp_path)


def test_open_source_errors_name_the_path(tmp_path: Path) -> None:
    with pytest.raises(PackError, match="no such directory or zip"):
        open_source(tmp_path / "nope")
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(PackError, match="not a pack directory or a .zip"):
        open_source(tmp_path / "notes.txt")
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(PackError, match="not a readable zip"):
        open_source(tmp_path / "broken.zip")


def test_readme_at_the_root_is_author_notes_not_pack_content(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(FIXTURE, pack)
    (pack / "README.md").write_text("# notes for authors\n")
    assert "README.md" not in DirectorySource(pack).names()
    z = zip_dir(pack, tmp_path / "p.zip")
    with ZipSource(z) as src:
        assert "README.md" not in src.names()
